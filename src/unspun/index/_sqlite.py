"""The SQLite storage of an index: one file in WAL mode, safe against a killed writer.

Layout (``PRAGMA application_id`` marks the file as an unspun index)::

    meta(key TEXT PRIMARY KEY, value TEXT)                 parameters, format, counters
    docs(ref INTEGER PRIMARY KEY, id TEXT UNIQUE, title, source, meta JSON, nkeys, text zlib)
    postings(key INTEGER, ref INTEGER, PRIMARY KEY(key, ref)) WITHOUT ROWID
    recent(key INTEGER, ref INTEGER, PRIMARY KEY(key, ref)) WITHOUT ROWID

A posting is a 32-bit signature key and a document reference, about 14 bytes on disk.
Keys are random, so inserting them straight into one big B-tree would dirty most of its
pages at every commit (and write them all to the WAL): the rate would fall as the index
grows. New postings therefore go to the small ``recent`` table, which is merged into
``postings`` in key order once it holds ``merge_postings`` rows (a two-level LSM); queries
read both. Each batch is one ``BEGIN IMMEDIATE ... COMMIT`` transaction, and so is each
merge, so a process killed in the middle of an add leaves every committed batch and nothing
of the one in flight; WAL lets readers query a snapshot while a writer adds. A new index is
built under a temporary name and renamed into place, so a failed creation leaves no file.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import json
import os
import re
import secrets
import sqlite3
import threading
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path
from typing import Any

from .._files import remove_stale
from ..errors import IndexMismatchError, IndexStoreError, NotAnIndexError
from ..models import Document
from ._storage import AddRecord, BatchOutcome, DocumentInfo, Entry, KeysOf

APPLICATION_ID = 0x756E7370  # "unsp"
SCHEMA_VERSION = 1
SQLITE_HEADER = b"SQLite format 3\x00"
MEMORY = ":memory:"  # an index that lives and dies with its process (tests, one-off jobs)
BUSY_TIMEOUT_S = 30.0
_TEXT_COMPRESSION = 3

_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE docs (ref INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL,"
    " source TEXT NOT NULL, meta TEXT NOT NULL, nkeys INTEGER NOT NULL, text BLOB NOT NULL)",
    "CREATE TABLE postings (key INTEGER NOT NULL, ref INTEGER NOT NULL, PRIMARY KEY (key, ref)) WITHOUT ROWID",
    "CREATE TABLE recent (key INTEGER NOT NULL, ref INTEGER NOT NULL, PRIMARY KEY (key, ref)) WITHOUT ROWID",
)
_TABLES = frozenset({"meta", "docs", "postings", "recent"})
_COUNTERS = ("documents", "postings", "recent")
#: Files SQLite keeps next to an index (``PATH-wal`` and so on).
_SIDECARS = ("-wal", "-shm", "-journal")
_INTEGER = re.compile(r"-?[0-9]{1,19}")  # a count fits 64 bits; int() refuses over 4,300 digits
#: Rows of ``recent`` that trigger a merge into ``postings`` (about 28 MB of B-tree).
MERGE_POSTINGS = 2_000_000


def _error(path: str, action: str, exc: Exception, unchanging: bool = False) -> IndexStoreError:
    """The unspun error for an SQLite failure, with a message that says what to do
    (``unchanging``: the file was opened as one nobody changes, :func:`_unchanging`)."""
    message = str(exc)
    lowered = message.lower()
    # "could not decode": a text column holds bytes that are not UTF-8, which unspun never
    # writes: the page was damaged.
    damaged = any(sign in lowered for sign in ("not a database", "malformed", "corrupt", "could not decode"))
    if damaged and unchanging:
        return _changed_while_read(path, action, message)
    if damaged:
        return NotAnIndexError(f"{path} is corrupt or is not an unspun index ({message}); rebuild it from its sources")
    if "locked" in lowered or "busy" in lowered:
        return IndexStoreError(f"cannot {action} {path}: another process holds it ({message}); try again when it has finished")
    if "readonly" in lowered or "read-only" in lowered:
        return IndexStoreError(f"cannot {action} {path}: the file or its folder is read-only ({message})")
    if "closed" in lowered:
        return IndexStoreError(f"cannot {action} {path}: the index is closed")
    if "disk i/o error" in lowered:
        return IndexStoreError(f"cannot {action} {path}: {message}{_why_io_failed(path)}")
    return IndexStoreError(f"cannot {action} {path}: {message}")


def _why_io_failed(path: str) -> str:
    """What can make SQLite's bare "disk I/O error" on the index at ``path``, for its message.
    A write past the process's file-size limit (``ulimit -f``) is one: Python ignores
    SIGXFSZ, so the write fails with EFBIG, which SQLite reports as that error and nothing
    more. It is named when the index or one of its logs has come near the limit (half of
    it: a write of a batch's pages can be large), not for any limit set far above them."""
    try:
        import resource
    except ImportError:  # not on Windows, which has no such limit
        limit = None
    else:
        limit, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
        limit = None if limit == resource.RLIM_INFINITY else limit
    if limit is not None and 2 * _largest_file(path) >= limit:
        return (f" (this process may write files of at most {limit:,} bytes, its file-size limit: "
                "raise it, e.g. `ulimit -f unlimited`, and run again)")
    return " (the disk may be failing, or the index's file was removed or replaced while in use)"


def _largest_file(path: str) -> int:
    """The size of the largest of the index's file and its SQLite logs (0 if none is there)."""
    sizes = [0]
    for name in (path, *(path + suffix for suffix in _SIDECARS)):
        with suppress(OSError):
            sizes.append(os.path.getsize(name))
    return max(sizes)


@contextmanager
def _translate(path: str, action: str, unchanging: bool = False) -> Iterator[None]:
    try:
        yield
    except (sqlite3.DatabaseError, sqlite3.ProgrammingError) as exc:
        raise _error(path, action, exc, unchanging) from exc


def _changed_while_read(path: str, action: str, what: str) -> IndexStoreError:
    """The error for what looks damaged to a reader without locks (:func:`_unchanging`): a
    file another user is adding to looks torn to it. An audit (session 56) was told to
    rebuild a sound index of 17,800 documents."""
    return IndexStoreError(
        f"cannot {action} {path}: it changed while this process read it ({what}); a process that cannot "
        "write the index's folder reads the index without locks, as a file nobody changes, so run this "
        "again once the other add has finished (or give this user write access to the folder); if it fails "
        "so with nothing adding to the index, the index is damaged: rebuild it from its sources"
    )


def _corrupt(path: str, what: str, unchanging: bool = False) -> IndexStoreError:
    """The error for a value unspun never writes: the file was damaged or edited by hand, or,
    for a reader without locks (``unchanging``), perhaps changed while it read."""
    if unchanging:
        return _changed_while_read(path, "read", what)
    return NotAnIndexError(f"{path} is corrupt: {what}; rebuild it from its sources")


def _count(path: str, name: str, value: object, unchanging: bool = False) -> int:
    """The stored counter ``name`` as a number.

    A negative count is let through: it is a wrong count, which :meth:`SqliteStorage.check`
    reports, not a value that cannot be read.
    """
    if isinstance(value, str) and _INTEGER.fullmatch(value):
        return int(value)
    raise _corrupt(path, f"its {name} counter is {value!r}, not a number", unchanging)


def _inflate(path: str, doc_id: str, blob: object, unchanging: bool = False) -> str:
    """The stored text of ``doc_id``, which unspun always writes as zlib-compressed UTF-8."""
    try:
        return _stored_text(doc_id, blob)
    except _Damaged as damage:
        raise _corrupt(path, str(damage), unchanging) from damage.__cause__


def _load_meta(path: str, doc_id: str, stored: object, unchanging: bool = False) -> dict[str, Any]:
    """The stored meta of ``doc_id``, which unspun always writes as a JSON object."""
    try:
        return _stored_meta(doc_id, stored)
    except _Damaged as damage:
        raise _corrupt(path, str(damage), unchanging) from damage.__cause__


class _Damaged(Exception):
    """What is wrong with a stored value unspun never writes so (the error's text)."""


def _stored_text(doc_id: str, blob: object) -> str:
    if not isinstance(blob, bytes):
        raise _Damaged(f"the stored text of {doc_id!r} is {type(blob).__name__}, not compressed bytes")
    try:
        return zlib.decompress(blob).decode("utf-8")
    except (zlib.error, UnicodeDecodeError) as exc:
        raise _Damaged(f"the stored text of {doc_id!r} does not decompress ({exc})") from exc


def _stored_meta(doc_id: str, stored: object) -> dict[str, Any]:
    try:
        meta = json.loads(stored) if isinstance(stored, str) else None
    except ValueError as exc:
        raise _Damaged(f"the stored meta of {doc_id!r} is not JSON ({exc})") from exc
    if not isinstance(meta, dict):
        raise _Damaged(f"the stored meta of {doc_id!r} is not a JSON object")
    return meta


MAX_DAMAGED_LISTED = 20
"""The damaged documents :meth:`SqliteStorage.check` names one by one; the rest it counts."""


def _check_header(path: Path) -> None:
    """Refuse, before SQLite touches it, a file that is not an unspun index."""
    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            # A named pipe would be read from for ever, a device give what it holds.
            raise _not_a_regular_file(path)
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise IndexStoreError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not header:
        raise NotAnIndexError(f"{path} is an empty file, not an unspun index")
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        raise NotAnIndexError(f"{path} is not an unspun index (not an SQLite database); give the path of an index")
    application_id = int.from_bytes(header[68:72], "big")
    if application_id != APPLICATION_ID:
        raise NotAnIndexError(
            f"{path} is an SQLite database of another application, not an unspun index (application id {application_id:#x})"
        )


class _OpenFiles:
    """The index files this process holds SQLite connections to, by (device, inode).

    SQLite locks a database with POSIX advisory locks, which belong to the process: closing
    *any* descriptor of the file, even one opened only to read its header, drops every lock
    the process holds on it, while SQLite still believes its connections hold theirs. A
    writer in another process then finds no reader left, and on closing checkpoints and
    deletes the write-ahead log and its index under the readers' feet (they read a torn
    state: "database disk image is malformed"). So the header of a file is read only while
    this process has no connection to it; the first connection's check stands for the rest.
    """

    def __init__(self) -> None:
        self._counts: dict[tuple[int, int], int] = {}
        self._lock = threading.Lock()

    def reserve(self, path: Path) -> tuple[int, int] | None:
        """Check the header of ``path`` unless a connection of this process holds it, and count
        the connection about to be made (before it is made: no other thread reads the header
        while it connects); its identity, for :meth:`release`."""
        with self._lock:
            identity = _identity(path)
            if identity is None or self._counts.get(identity, 0) == 0:
                _check_header(path)
            if identity is not None:
                self._counts[identity] = self._counts.get(identity, 0) + 1
            return identity

    def release(self, identity: tuple[int, int] | None) -> None:
        """Count one connection fewer (once it is closed, or was never made)."""
        with self._lock:
            if identity is None or identity not in self._counts:
                return
            self._counts[identity] -= 1
            if self._counts[identity] <= 0:
                del self._counts[identity]


def _identity(path: Path) -> tuple[int, int] | None:
    """The (device, inode) of ``path``; ``None`` when it cannot be read (the header check
    reports why)."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


_OPEN_FILES = _OpenFiles()


def _connect(path: Path, mode: str, *, immutable: bool = False) -> sqlite3.Connection:
    """A connection to ``path``; the caller translates errors (it knows the name to show)."""
    uri = f"{path.resolve().as_uri()}?mode={mode}" + ("&immutable=1" if immutable else "")
    return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S)


def _folder_writable(folder: Path) -> bool:
    """Whether this process may create files in ``folder``."""
    return os.access(folder, os.W_OK)


def _unchanging(path: Path) -> bool:
    """Whether the index at ``path`` is to be read as an unchanging file (SQLite's
    ``immutable=1``, which takes no locks and needs no ``-shm`` file).

    An index stays in WAL mode, and SQLite reads one only through a ``-shm`` file that it
    creates beside it: in a folder this process may not write to (a read-only share or
    medium), it could not open the index at all. Such a reader takes no locks. On a read-only
    medium nothing can change the file; but another user allowed to write the folder (a
    service reading what a cron job adds) can add to it meanwhile, and the reader then sees
    a torn or mixed state: what looks damaged to it is reported as changed while it read
    (:func:`_changed_while_read`, not as an index to rebuild), and a mixed state shows no
    sign (an audit, session 56). (Root, whom permissions do not stop, finds every folder
    writable and never reads this way.) A log with content is still read the usual way:
    opened as immutable, SQLite would ignore the batches in it.
    """
    wal = Path(f"{path}-wal")
    try:
        return not _folder_writable(path.parent) and (not wal.exists() or wal.stat().st_size == 0)
    except OSError:
        return False  # SQLite's own open reports what is wrong


def _check_creatable(target: Path, overwrite: bool) -> bool:
    """Refuse, before anything is written, an index path that creation would fail on or that
    holds a file to keep; return whether a file there is to be replaced (``overwrite``, or an
    empty file)."""
    try:
        if target.is_dir():
            raise IndexStoreError(f"{target} is a folder; give a file name for the index")
        if not target.parent.is_dir():
            raise IndexStoreError(f"cannot create {target}: {_why_no_folder(target.parent)}")
        if not os.access(target.parent, os.W_OK):  # SQLite would say only "unable to open database file"
            raise IndexStoreError(f"cannot create {target}: the folder {target.parent} is not writable (permission denied)")
        for sidecar in _sidecars(target):
            if sidecar.is_dir():
                # SQLite cannot create its log there and reports only a "disk I/O error".
                raise IndexStoreError(f"cannot create {target}: {sidecar} is a folder; SQLite needs that name, move it away")
        if not target.exists():
            return False
        if not target.is_file():  # a pipe or a device (its size 0) is no empty file to replace
            raise _not_a_regular_file(target)
        if target.stat().st_size > 0 and not overwrite:
            raise _already_exists(target)
        return True
    except OSError as exc:  # a folder we may not look into
        raise IndexStoreError(f"cannot create {target}: {exc.strerror or exc}") from exc


def _where_link_leads(link: Path) -> Path:
    """The path a symbolic link leads to in the end (which need not exist yet); a loop of
    links raises :class:`~unspun.errors.IndexStoreError`."""
    try:
        return Path(os.path.realpath(link, strict=True))
    except FileNotFoundError:  # a dangling link: the index is to be made where it points
        return Path(os.path.realpath(link))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IndexStoreError(
                f"{link} is a loop of symbolic links that leads to no file; give the index file's own path"
            ) from None
        raise IndexStoreError(f"cannot follow the link {link}: {exc.strerror or exc}") from exc


def _not_a_regular_file(path: Path) -> NotAnIndexError:
    return NotAnIndexError(f"{path} is not a regular file (a pipe, a device or a socket), not an unspun index")


def _already_exists(target: Path) -> IndexStoreError:
    return IndexStoreError(f"{target} already exists; open it to add documents, or pass overwrite=True to replace it")


def _why_no_folder(folder: Path) -> str:
    """Why ``folder`` cannot hold a new file: it is missing, or a file stands in its way."""
    for ancestor in (folder, *folder.parents):
        if ancestor.exists():
            return f"the folder {folder} does not exist" if ancestor.is_dir() else f"{ancestor} is not a folder"
    return f"the folder {folder} does not exist"


def _sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in _SIDECARS]


def _initialise(connection: sqlite3.Connection, name: str, metadata: Mapping[str, str]) -> None:
    """Write the header fields, tables and metadata of an empty index (one transaction)."""
    with _translate(name, "create"):
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("BEGIN IMMEDIATE")
        for statement in _SCHEMA:
            connection.execute(statement)
        values = {"documents": "0", "postings": "0", "recent": "0", **metadata}
        connection.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", sorted(values.items()))
        connection.execute("COMMIT")


def _build(building: Path, target: Path, metadata: Mapping[str, str]) -> None:
    """A complete, closed index file at ``building`` (errors name ``target``, the path the
    user gave), already in WAL mode: the mode is kept in the file's header, and the log that
    SQLite writes while switching is emptied and removed when the connection closes. Switched
    once the file was in place, a process killed in the switch left a rollback journal beside
    the index that every reader refused, as "read-only" (an audit, session 56)."""
    with _translate(str(target), "create"):
        connection = _connect(building, "rwc")
    try:
        _initialise(connection, str(target), metadata)
        with _translate(str(target), "create"):
            connection.execute("PRAGMA journal_mode = WAL")
    finally:
        connection.close()


@contextmanager
def _creations_locked(folder: Path) -> Iterator[None]:
    """Index creations in ``folder`` one at a time: an exclusive POSIX ``flock`` on the folder
    itself (no lock file is left beside the indexes), released when the block ends. Unlocked
    where the platform or the file system has no such locks (as before there were any)."""
    try:
        import fcntl

        descriptor = os.open(folder, os.O_RDONLY)
    except (ImportError, OSError):
        yield
        return
    try:
        with suppress(OSError):
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # and with it the lock


def _install(building: Path, target: Path, replace: bool, overwrite: bool) -> None:
    """Move the finished file ``building`` to ``target`` in one step: over the file there when
    ``replace`` (as :func:`_check_creatable` decided), else only if none appeared since.

    Creations of indexes in one folder hold a lock from their look at ``target`` to the move:
    without it, a creation that found no index there could delete the log of one that another
    creation put in place a moment later, and that process's first batches with it (several
    ``unspun index add`` runs started together on a new path all add to one index)."""
    with _creations_locked(target.parent):
        _install_unlocked(building, target, replace, overwrite)


def _install_unlocked(building: Path, target: Path, replace: bool, overwrite: bool) -> None:
    try:
        if replace and not overwrite and target.exists() and target.stat().st_size > 0:
            # The empty file seen before building was replaced meanwhile by another creation,
            # whose index may already hold documents: replacing it would lose them.
            raise _already_exists(target)
        if replace or not target.exists():
            # Logs left by the file replaced, or by one deleted without them, would be replayed
            # into the new one.
            for sidecar in _sidecars(target):
                sidecar.unlink(missing_ok=True)
        if replace:
            os.replace(building, target)
            return
        try:
            os.link(building, target)  # unlike a rename, never replaces an index made meanwhile
        except FileExistsError:
            raise _already_exists(target) from None
        except OSError:
            os.replace(building, target)  # a file system without hard links
    except OSError as exc:
        raise IndexStoreError(f"cannot create {target}: {exc.strerror or exc}") from exc


_BUILDING = ".creating-"
_STALE_BUILD_SECONDS = 3600


def _remove_stale_builds(target: Path) -> None:
    """Delete what creations of ``target`` killed over an hour ago left beside it."""
    remove_stale(target.parent, f"{glob.escape(target.name)}{_BUILDING}*", target, _STALE_BUILD_SECONDS)


def remove_files(path: Path) -> None:
    """Delete ``path`` and its SQLite files, quietly: used to clean up after a failure, whose
    error is the one to report, or an index its creator had nothing to put in."""
    for name in (path, *_sidecars(path)):
        with suppress(OSError):
            name.unlink(missing_ok=True)


class SqliteStorage:
    """An index store in one SQLite file (see the module docstring for the layout).

    Use :meth:`create` and :meth:`open`; a connection is shared by the threads that use
    the object (calls are serialised by a lock). Several objects of one process may hold the
    same file (:class:`_OpenFiles` keeps their locks).
    """

    backend = "sqlite"

    def __init__(self, connection: sqlite3.Connection, path: str | Path, readonly: bool,
                 unchanging: bool = False) -> None:
        self._conn = connection
        self.path = str(path)
        self.readonly = readonly
        self._unchanging = unchanging  # opened as a file nobody changes (_unchanging)
        self.merge_postings = MERGE_POSTINGS
        self._lock = threading.RLock()
        self._snapshot_depth = 0
        self._identity: tuple[int, int] | None = None  # counted in _OPEN_FILES while open
        with self._translated("configure"):
            connection.execute("PRAGMA synchronous = NORMAL")  # durable against a killed process in WAL mode
            connection.execute("PRAGMA cache_size = -65536")  # 64 MiB
            connection.execute("PRAGMA temp_store = MEMORY")
            connection.execute("PRAGMA mmap_size = 1073741824")
            connection.execute("PRAGMA journal_size_limit = 67108864")  # truncate the WAL after big merges

    def _translated(self, action: str) -> AbstractContextManager[None]:
        """SQLite's errors inside the block as unspun's (:func:`_error`)."""
        return _translate(self.path, action, self._unchanging)

    # -- opening --------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, metadata: Mapping[str, str], *, overwrite: bool = False) -> SqliteStorage:
        """A new, empty index file at ``path``; refuses to replace a file unless ``overwrite``
        (an empty file, left by some other program, is replaced).

        The file is built under a temporary name next to ``path`` and renamed into place, so
        a failed creation leaves no file at ``path``: an empty or half-made one there would
        be refused by every later open as not an index.
        """
        if str(path) == MEMORY:
            connection = sqlite3.connect(MEMORY, isolation_level=None, check_same_thread=False)
            try:
                _initialise(connection, MEMORY, metadata)
            except BaseException:
                connection.close()
                raise
            return cls(connection, MEMORY, readonly=False)
        target = Path(path)
        if target.is_symlink():
            # Made where the link leads, as writing through a link does: replacing the link
            # itself left its target as it was (an empty file), and a dangling one was refused
            # as a file that "already exists".
            target = _where_link_leads(target)
        replace = _check_creatable(target, overwrite)
        _remove_stale_builds(target)
        building = target.with_name(f"{target.name}{_BUILDING}{secrets.token_hex(4)}")
        try:
            _build(building, target, metadata)
            _install(building, target, replace, overwrite)
        finally:
            remove_files(building)  # a half-built file after a failure; only a second name after a link
        try:
            return cls.open(target)
        except BaseException:
            remove_files(target)  # put in place by this call a moment ago: nothing is indexed in it
            raise

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> SqliteStorage:
        """Open an existing index file; a corrupt or foreign file raises
        :class:`~unspun.errors.NotAnIndexError`."""
        target = Path(path)
        if target.is_symlink():
            _where_link_leads(target)  # a loop, which exists() reads as no file, is named as one
        if str(path) == MEMORY or not target.exists():
            raise IndexStoreError(
                f"no index at {path}; create one first: `unspun index add --index {path} FILES` (or unspun.Index.create)"
            )
        if target.is_dir():
            raise NotAnIndexError(f"{target} is a folder, not an unspun index")
        identity = _OPEN_FILES.reserve(target)
        try:
            storage = cls._connected(target, readonly)
        except BaseException:
            _OPEN_FILES.release(identity)
            raise
        storage._identity = identity
        return storage

    @classmethod
    def _connected(cls, target: Path, readonly: bool) -> SqliteStorage:
        """A storage on a new connection to ``target``, whose header was checked."""
        unchanging = readonly and _unchanging(target)
        with _translate(str(target), "open"):
            connection = _connect(target, "ro" if readonly else "rw", immutable=unchanging)
        try:
            with _translate(str(target), "open", unchanging):
                version = connection.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise IndexMismatchError(
                        f"{target} has index format {version}; this unspun reads format {SCHEMA_VERSION} "
                        "and older: upgrade unspun"
                    )
                tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if not tables >= _TABLES:
                    raise NotAnIndexError(
                        f"{target} is an incomplete unspun index (its creation was interrupted); create it again"
                    )
                # Checked once here, so that a damaged counter is reported on open rather
                # than by whichever later call first reads it.
                for name, value in connection.execute(
                    "SELECT key, value FROM meta WHERE key IN (?, ?, ?)", _COUNTERS
                ).fetchall():
                    _count(str(target), name, value, unchanging)
                if not readonly:
                    connection.execute("PRAGMA journal_mode = WAL")
        except BaseException:
            connection.close()
            raise
        return cls(connection, target, readonly=readonly, unchanging=unchanging)

    # -- writing --------------------------------------------------------------------------

    def write_batch(self, entries: Sequence[Entry], keys_of: KeysOf, record: AddRecord | None = None) -> BatchOutcome:
        """Store ``entries`` in one transaction (see :class:`~unspun.index.Storage`)."""
        self._writable("add to")
        # The last copy of an id in a batch wins; it replaces the copy before it, unless the
        # two are the same (as when an add reads a file twice), like a copy already stored.
        latest: dict[str, tuple[Entry, tuple[str, bytes]]] = {}
        added = replaced = unchanged = 0
        repeats: list[str] = []
        for entry in entries:
            doc = entry.document
            stored = _serialise(doc)
            earlier = latest.pop(doc.id, None)
            if earlier is not None:
                prior = earlier[0].document
                if (prior.title, prior.source, earlier[1][0], prior.text) == (doc.title, doc.source, stored[0], doc.text):
                    unchanged += 1
                else:
                    replaced += 1
                    repeats.append(doc.id)
            latest[doc.id] = (entry, stored)
        new_postings: list[tuple[int, int]] = []
        replaced_refs: list[int] = []
        with self._lock, self._translated("add to"), self._transaction():
            conn = self._conn
            if record is not None and record.since is None:  # inside the add's first write
                record.since = int(conn.execute("SELECT coalesce(max(ref), 0) FROM docs").fetchone()[0])
            removed_postings = removed_recent = 0
            for entry, (meta_json, blob) in latest.values():
                doc = entry.document
                keys = entry.keys
                row = conn.execute("SELECT ref, title, source, meta, text, nkeys FROM docs WHERE id = ?",
                                   (doc.id,)).fetchone()
                if row is None:
                    keys = keys_of(doc.text) if keys is None else keys
                    cursor = conn.execute(
                        "INSERT INTO docs (id, title, source, meta, nkeys, text) VALUES (?, ?, ?, ?, ?, ?)",
                        (doc.id, doc.title, doc.source, meta_json, len(keys), blob),
                    )
                    ref = cursor.lastrowid
                    added += 1
                else:
                    ref, title, source, meta, old_blob, stored_keys = row
                    old_text = _inflate(self.path, doc.id, old_blob)
                    if (title, source, meta, old_text) == (doc.title, doc.source, meta_json, doc.text):
                        unchanged += 1
                        continue
                    removed, from_recent = self._delete_postings(ref, keys_of(old_text), stored_keys)
                    removed_postings += removed
                    removed_recent += from_recent
                    keys = keys_of(doc.text) if keys is None else keys
                    conn.execute(
                        "UPDATE docs SET title = ?, source = ?, meta = ?, nkeys = ?, text = ? WHERE ref = ?",
                        (doc.title, doc.source, meta_json, len(keys), blob, ref),
                    )
                    replaced += 1
                    if record is not None:
                        if (record.since is not None and ref > record.since) or ref in record.replaced:
                            repeats.append(doc.id)
                        # Kept only once the transaction commits (below): a batch rolled back
                        # stored nothing.
                        replaced_refs.append(ref)
                new_postings.extend((key, ref) for key in keys)  # type: ignore[misc]
            new_postings.sort()  # key order: neighbouring inserts land on the same B-tree pages
            before = conn.total_changes
            conn.executemany("INSERT OR IGNORE INTO recent (key, ref) VALUES (?, ?)", new_postings)
            inserted = conn.total_changes - before
            self._bump(documents=added, postings=inserted - removed_postings, recent=inserted - removed_recent)
        if record is not None:
            record.replaced.update(replaced_refs)
        if self._counter("recent") >= self.merge_postings:
            self.compact()
        return BatchOutcome(added=added, replaced=replaced, unchanged=unchanged, repeated=len(repeats),
                            first_repeated=repeats[0] if repeats else None)

    def compact(self) -> int:
        """Merge the ``recent`` postings into the main table (one transaction); returns how
        many moved. Queries are a little faster after it."""
        self._writable("compact")
        with self._lock, self._translated("compact"), self._transaction():
            moved = self._conn.execute("SELECT count(*) FROM recent").fetchone()[0]
            if moved:
                self._conn.execute("INSERT OR IGNORE INTO postings (key, ref) SELECT key, ref FROM recent ORDER BY key, ref")
                self._conn.execute("DELETE FROM recent")
            self._conn.execute("UPDATE meta SET value = '0' WHERE key = 'recent'")
        return int(moved)

    def delete(self, doc_id: str, keys_of: KeysOf) -> bool:
        """Remove ``doc_id`` and its postings in one transaction."""
        self._writable("remove from")
        with self._lock, self._translated("remove from"), self._transaction():
            row = self._conn.execute("SELECT ref, text, nkeys FROM docs WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                return False
            ref, blob, stored_keys = row
            removed, from_recent = self._delete_postings(ref, keys_of(_inflate(self.path, doc_id, blob)), stored_keys)
            self._conn.execute("DELETE FROM docs WHERE ref = ?", (ref,))
            self._bump(documents=-1, postings=-removed, recent=-from_recent)
        return True

    def _delete_postings(self, ref: int, keys: Sequence[int], stored: object) -> tuple[int, int]:
        """Delete a document's ``stored`` postings from both tables, looked up by ``keys`` (those
        its stored text gives now): (all removed, removed from recent). Keys computed otherwise
        than when the text was added miss some (the key rules read a text in capitals with the
        lexicon, which a package upgrade may rebuild: ``Index._keys_of``); the rest are then
        found by a scan of both tables, slow on a large index, so that none is left behind."""
        conn = self._conn
        pairs = [(key, ref) for key in keys]
        before = conn.total_changes
        conn.executemany("DELETE FROM postings WHERE key = ? AND ref = ?", pairs)
        middle = conn.total_changes
        conn.executemany("DELETE FROM recent WHERE key = ? AND ref = ?", pairs)
        after = conn.total_changes
        removed, from_recent = after - before, after - middle
        if not isinstance(stored, int) or removed < stored:  # (a count an editor spoiled: scan)
            start = conn.total_changes
            conn.execute("DELETE FROM postings WHERE ref = ?", (ref,))
            between = conn.total_changes
            conn.execute("DELETE FROM recent WHERE ref = ?", (ref,))
            removed += conn.total_changes - start
            from_recent += conn.total_changes - between
        return removed, from_recent

    def _bump(self, *, documents: int, postings: int, recent: int = 0) -> None:
        self._conn.executemany(
            "UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key = ?",
            [(documents, "documents"), (postings, "postings"), (recent, "recent")],
        )

    def _counter(self, name: str) -> int:
        with self._lock, self._translated("read"):
            row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()
        return _count(self.path, name, row[0], self._unchanging) if row else 0

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._conn.execute("COMMIT")
        except BaseException:
            # Also after a failed COMMIT (disk full), which can leave the transaction open.
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    def _writable(self, action: str) -> None:
        if self.readonly:
            raise IndexStoreError(f"cannot {action} {self.path}: it was opened read-only")

    # -- reading --------------------------------------------------------------------------

    def metadata(self) -> dict[str, str]:
        """Every ``meta`` row."""
        with self._lock, self._translated("read"):
            return dict(self._conn.execute("SELECT key, value FROM meta").fetchall())

    def get(self, doc_id: str) -> Document | None:
        """The stored document ``doc_id``, or ``None``."""
        with self._lock, self._translated("read"):
            row = self._conn.execute("SELECT title, source, meta, text FROM docs WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                return None
        return self._document(doc_id, *row)

    def stored(self, ids: Sequence[str]) -> dict[str, Document]:
        """The stored documents among ``ids``: one query per 500 ids, so a batch of new ones
        costs a few index probes."""
        found: dict[str, Document] = {}
        unique = list(dict.fromkeys(ids))
        for at in range(0, len(unique), 500):
            chunk = unique[at : at + 500]
            marks = ",".join("?" * len(chunk))
            with self._lock, self._translated("read"):
                rows = self._conn.execute(
                    f"SELECT id, title, source, meta, text FROM docs WHERE id IN ({marks})", chunk).fetchall()
            found.update((row[0], self._document(*row)) for row in rows)
        return found

    def _document(self, doc_id: str, title: str, source: str, meta: object, blob: object) -> Document:
        """A ``docs`` row as the document stored: its text inflated, its meta read."""
        for name, value in (("title", title), ("source", source)):
            if not isinstance(value, str):  # SQLite keeps what an edit put there, a blob or a number
                raise _corrupt(self.path, f"the stored {name} of {doc_id!r} is not text", self._unchanging)
        return Document(id=doc_id, title=title, text=_inflate(self.path, doc_id, blob, self._unchanging), source=source,
                        meta=_load_meta(self.path, doc_id, meta, self._unchanging))

    def ids(self) -> Iterator[str]:
        """Every stored id, oldest first (read in pages, so a huge index streams)."""
        last = 0
        while True:
            with self._lock, self._translated("read"):
                rows = self._conn.execute("SELECT ref, id FROM docs WHERE ref > ? ORDER BY ref LIMIT 1000", (last,)).fetchall()
            if not rows:
                return
            for _ref, doc_id in rows:
                yield doc_id
            last = rows[-1][0]

    def count(self) -> int:
        """The number of stored documents (a counter kept with every batch)."""
        return self._counter("documents")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Run the reads inside the block in one read transaction."""
        with self._lock:
            with self._translated("read"):
                nested = bool(self._snapshot_depth) or self._conn.in_transaction
            if nested:
                self._snapshot_depth += 1
                try:
                    yield
                finally:
                    self._snapshot_depth -= 1
                return
            with self._translated("read"):
                self._conn.execute("BEGIN")
            self._snapshot_depth += 1
            try:
                yield
            finally:
                self._snapshot_depth -= 1
                with self._translated("read"):
                    if self._conn.in_transaction:
                        self._conn.execute("COMMIT")

    def postings(self, keys: Sequence[int], cap: int, *, sample: bool = False) -> dict[int, list[int] | None]:
        """References holding each key (``None`` past ``cap``, or with ``sample`` the first
        ``cap`` of them in stored order)."""
        out: dict[int, list[int] | None] = {}
        # Plain placeholders, the key given twice: numbered ones bound from a tuple warn on
        # Python 3.12.1 (an error from 3.14 on, its message says).
        query = "SELECT ref FROM postings WHERE key = ? UNION ALL SELECT ref FROM recent WHERE key = ? LIMIT ?"
        with self._lock, self._translated("read"):
            execute = self._conn.execute
            limit = cap + 1
            for key in keys:
                rows = execute(query, (key, key, limit)).fetchall()
                if rows:
                    out[key] = [row[0] for row in rows[:cap]] if sample or len(rows) <= cap else None
        return out

    def describe(self, refs: Sequence[int]) -> dict[int, DocumentInfo]:
        """Id, title and key count of each reference that exists."""
        out: dict[int, DocumentInfo] = {}
        with self._lock, self._translated("read"):
            for start in range(0, len(refs), 500):
                chunk = list(refs[start : start + 500])
                marks = ",".join("?" * len(chunk))
                for ref, doc_id, title, nkeys in self._conn.execute(
                    f"SELECT ref, id, title, nkeys FROM docs WHERE ref IN ({marks})", chunk
                ):
                    if not (isinstance(doc_id, str) and isinstance(title, str) and isinstance(nkeys, int)):
                        # Scoring divides by nkeys and reports id and title: fail here, clearly.
                        raise _corrupt(self.path, f"the stored row of document {ref} holds values of the wrong type",
                                       self._unchanging)
                    out[ref] = DocumentInfo(doc_id, title, nkeys)
        return out

    def stats(self) -> dict[str, Any]:
        """Documents, postings and bytes on disk (the main file and its write-ahead log)."""
        with self._lock, self._translated("read"):
            meta = dict(self._conn.execute("SELECT key, value FROM meta WHERE key IN ('documents', 'postings', 'recent')"))
            page_size = self._conn.execute("PRAGMA page_size").fetchone()[0]
            pages = self._conn.execute("PRAGMA page_count").fetchone()[0]
            free = self._conn.execute("PRAGMA freelist_count").fetchone()[0]
        wal = Path(f"{self.path}-wal")
        memory = self.path == MEMORY
        return {
            "backend": self.backend,
            "path": self.path,
            "documents": _count(self.path, "documents", meta.get("documents", "0"), self._unchanging),
            "postings": _count(self.path, "postings", meta.get("postings", "0"), self._unchanging),
            "recent_postings": _count(self.path, "recent", meta.get("recent", "0"), self._unchanging),
            "bytes": page_size * pages if memory else os.path.getsize(self.path),
            "wal_bytes": wal.stat().st_size if not memory and wal.exists() else 0,
            "page_size": page_size,
            "pages": pages,
            "free_pages": free,
            "readonly": self.readonly,
        }

    def check(self) -> list[str]:
        """SQLite's ``quick_check``, the counters against the tables, and every stored text
        and meta read back; ``[]`` when sound."""
        with self._lock, self._translated("check"), self.snapshot():
            problems = [row[0] for row in self._conn.execute("PRAGMA quick_check") if row[0] != "ok"]
            counters = dict(self._conn.execute("SELECT key, value FROM meta"))
            docs = self._conn.execute("SELECT count(*) FROM docs").fetchone()[0]
            recent = self._conn.execute("SELECT count(*) FROM recent").fetchone()[0]
            main = self._conn.execute("SELECT count(*) FROM postings").fetchone()[0]
            for name, actual in (("documents", docs), ("recent", recent), ("postings", main + recent)):
                if counters.get(name) != str(actual):
                    problems.append(f"the {name} counter says {counters.get(name)}, the tables hold {actual}")
            orphans = self._conn.execute(
                "SELECT count(*) FROM (SELECT ref FROM recent UNION SELECT ref FROM postings)"
                " WHERE ref NOT IN (SELECT ref FROM docs)"
            ).fetchone()[0]
            if orphans:
                problems.append(f"{orphans} document references in the postings have no document")
            problems.extend(self._damaged_documents())
        return problems

    def _damaged_documents(self) -> list[str]:
        """A line for each stored text or meta that does not read back (the first
        ``MAX_DAMAGED_LISTED``, then a count): ``quick_check`` reads SQLite's pages, not the
        values inside them, and a damaged text was "sound" until an export or a trace met it."""
        damaged: list[str] = []
        count = 0
        for doc_id, blob, meta in self._conn.execute("SELECT id, text, meta FROM docs"):
            try:
                _stored_text(doc_id, blob)
                _stored_meta(doc_id, meta)
            except _Damaged as damage:
                count += 1
                if count <= MAX_DAMAGED_LISTED:
                    damaged.append(str(damage))
        if count > MAX_DAMAGED_LISTED:
            damaged.append(f"and {count - MAX_DAMAGED_LISTED:,} more damaged documents")
        return damaged

    def close(self) -> None:
        """Close the connection, a writer's after folding what it committed into the file as
        far as readers let it (the last connection's close also empties the WAL)."""
        with self._lock:
            if not self.readonly:
                # SQLite folds the log into the file when its last connection closes; a reader
                # still open elsewhere (a trace, `unspun serve`) left every committed add in
                # the -wal file, and a copy of the .db alone lacked them (an audit, session 63).
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            self._conn.close()
            # Only now: until the connection is closed, its locks must not be dropped.
            _OPEN_FILES.release(self._identity)
            self._identity = None  # a second close must not count again


def _serialise(document: Document) -> tuple[str, bytes]:
    """The stored forms of a document's meta (JSON) and text (zlib)."""
    meta = json.dumps(dict(document.meta), sort_keys=True, ensure_ascii=False, default=str)
    return meta, zlib.compress(document.text.encode("utf-8"), _TEXT_COMPRESSION)
