"""Inputs named by URL (``s3://bucket/crawl/``, ``gs://...``, ``hdfs://...``): listed and read
through fsspec, as a folder and its files are read from the disk.

A crawl of millions sits in an object store, not on a disk every Spark executor mounts.
fsspec knows the stores' URLs and opens their files as streams; its packages for each store
(s3fs, gcsfs, adlfs, pyarrow for HDFS) are the user's to install where the inputs are read,
with the store's credentials as they configure them (an S3 bucket: AWS's environment or
instance role). A folder is every file under the prefix, walked as a disk folder is walked:
each folder's files in name order before its subfolders, hidden names (a leading dot) passed
over, files of other types (and entries that are no file) skipped and counted, folders that
cannot be listed reported; each file is read by the reader its name calls for, as a file on
disk is, a stream at a time (a WARC is not loaded whole). A ``file://`` URL names a file of
this machine, and is read as that file's name is (:func:`local_name`): links, pipes and
devices as the disk's own walk treats them.
"""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .._unicode import safe_text
from ..config import ReadConfig
from ..errors import InputError, TooLargeError
from ..models import Document
from ._decode import read_bounded
from .pdf import PDF_MAGIC, PDF_MEMORY_BYTES

if TYPE_CHECKING:
    from . import ReadStats

_URL_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_STORE_PACKAGES = {"s3": "s3fs", "s3a": "s3fs", "gs": "gcsfs", "gcs": "gcsfs", "abfs": "adlfs", "az": "adlfs",
                   "hdfs": "pyarrow", "http": "aiohttp", "https": "aiohttp"}
PDF_SPOOL_BYTES = PDF_MEMORY_BYTES
"""The most of a PDF named by URL that is copied to a local temporary file to be read (a
PDF is read from a file, its pages by seeking): as much as its reading may use of memory."""


def is_url(name: str) -> bool:
    """Whether an input's name is a URL (``scheme://...``) rather than a file's name."""
    return _URL_RE.match(name) is not None


def local_name(name: str) -> str | None:
    """The file's name for a ``file://`` URL (``file:///data/crawl``: ``/data/crawl``), None
    for another URL, ``name`` itself when it is no URL. A URL's name is read as it is
    written, "%20" as three characters, as fsspec and Spark's Hadoop read it."""
    match = _URL_RE.match(name)
    if match is None:
        return name
    rest = name[match.end():]
    if match[1].lower() != "file":
        return None
    rest = rest.removeprefix("localhost")
    return rest if rest.startswith("/") else None


def url_files(url: str, stats: ReadStats, on_error: Callable[[InputError], None] | None) -> Iterator[str]:
    """The URLs of the files to read for ``url`` (no ``file://`` one: :func:`local_name`):
    itself when it names a file; the readable files under it, in the order a folder on disk
    is walked, when it names a folder (a prefix of an object store), each as ``url`` and its
    path below it (a store's host and port kept). A folder below that cannot be listed goes
    to ``on_error``; ``url`` itself, when it cannot be asked, raises :class:`InputError`."""
    from . import _report, skipped_name

    store, root = _store(url)
    info = _asked(url, lambda: store.info(root))
    kind = info.get("type")
    if kind != "directory" and url.endswith("/") and _asked(url, lambda: store.isdir(root)):
        kind = "directory"  # "crawl/" names the folder, where a store also holds a file "crawl" (a review)
    if kind != "directory":
        if kind not in ("file", None):  # a pipe or a device (local://) would be read without end
            raise InputError(f"{safe_text(url)}: not a file or folder to read (fsspec lists it as {kind!r})")
        yield url
        return
    # The URL's own form is kept for each file (a store's host and port: fsspec's paths
    # drop them); a store's root ("memory://", "hdfs:///") keeps its slashes.
    prefix = url if url.rstrip("/").endswith(":") else url.rstrip("/")
    top = store._strip_protocol(root).rstrip("/")
    seen = {top}
    pending = [top]  # a stack of its own, as unspun.ingest._walk (fsspec's walk omits a folder's errors)
    while pending:
        folder = pending.pop()
        below = folder[len(top):].strip("/")
        try:
            listing = store.ls(folder, detail=True)
        except Exception as error:  # OSError, or a store's own (credentials, the network)
            where = _joined(prefix, below) if below else prefix
            _report(InputError(f"{safe_text(where)}: folder cannot be read ({_one_line(error)}); its files were not "
                               "checked"), on_error)
            continue
        folders: list[tuple[str, str]] = []
        files: list[tuple[str, object]] = []
        for entry in listing:
            # In the store's own form: a store may name them with its protocol, or with a "/".
            path = store._strip_protocol(str(entry["name"]))
            path = path[:-1] if path.endswith("/") else path
            if path in seen or not path.startswith(f"{folder}/"):
                continue  # the folder itself (some stores list it), or a name outside it
            name = path[len(folder) + 1:]
            if name in (".", "..") or "/" in name:
                # An object store's keys may hold a "." segment or "//" ("crawl/./a.txt"), which
                # fsspec's paths cannot walk: said, not passed over as a hidden folder.
                where = _joined(prefix, f"{below}/{name}" if below else name)
                _report(InputError(f"{safe_text(where)}: a name with an empty or dot segment, which cannot be "
                                   "listed through fsspec; its files were not checked"), on_error)
                continue
            if entry.get("type") == "directory":
                seen.add(path)  # each folder once: a store that lists a folder twice would loop
                folders.append((name, path))
            else:
                files.append((name, entry.get("type")))
        for name, kind in sorted(files):
            if skipped_name(name) or kind != "file":
                stats.skipped_files += 1  # a pipe or a device would be read without end
                continue
            yield _joined(prefix, f"{below}/{name}" if below else name)
        # Each folder's files before its subfolders, both in name order, hidden ones passed over.
        pending.extend(path for name, path in sorted(folders, reverse=True) if not name.startswith("."))


def _joined(prefix: str, below: str) -> str:
    return f"{prefix}{below}" if prefix.endswith("/") else f"{prefix}/{below}"


def read_url(url: str, config: ReadConfig, on_error: Callable[[InputError], None] | None,
             stats: ReadStats) -> Iterator[Document]:
    """The documents of the file at ``url``, read by the reader its name calls for (a WARC,
    JSON Lines, a PDF, HTML, text; a name that tells nothing is sniffed, gzip unpacked, a
    PDF read as one), each named by the URL. The file's own errors are raised as
    :class:`InputError`; a JSON line's or a WARC record's go to ``on_error``, as from a
    file on disk."""
    from . import _read_stream, document_from_bytes, json_or_text, kind_of
    from .jsonl import read_jsonl_opened
    from .pdf import pdf_to_document, starts_pdf

    name = safe_text(url)
    store, path = _store(url)
    kind = kind_of(PurePosixPath(path))
    opened = _asked(url, lambda: store.open(path, "rb"))
    with io.BufferedReader(_StoreFile(opened), buffer_size=_BLOCK) as stream:
        if kind is None and stream.seekable():
            if starts_pdf(stream.read(len(PDF_MAGIC))):  # as a file on disk is sniffed: held to its text
                kind = "pdf"
            stream.seek(0)
        if kind == "pdf":
            with tempfile.NamedTemporaryFile(prefix="unspun-", suffix=".pdf") as copy:
                _copy_bounded(stream, copy, PDF_SPOOL_BYTES, name)
                copy.flush()
                yield pdf_to_document(Path(copy.name), name, config)
        elif kind in ("html", "text"):
            yield document_from_bytes(read_bounded(stream, config.max_bytes, name), name, kind, config)
        elif kind == "jsonl":  # gzipped or not, UTF-8 or UTF-16 and -32 after a BOM, as on disk
            yield from read_jsonl_opened(stream, name, config, on_error)
        elif kind is None and path.lower().endswith(".json") and (data := _plain_json(stream, name, config)) is not None:
            yield from json_or_text(data, name, config, on_error)  # as on disk
        else:  # a WARC (gzipped or not), or a name that does not tell
            yield from _read_stream(stream, name, config, on_error, stats, warc_only=kind == "warc")


def _plain_json(stream: Any, name: str, config: ReadConfig) -> bytes | None:
    """The bytes of a ``.json`` stream, seekable, read as one JSON value as a file on disk is:
    one that opens as no other kind (JSON Lines, gzip data, a WARC: :func:`kind_of_head`), or
    JSON Lines of one line (:func:`one_line_of_json`); else None, the stream at its start."""
    from . import _SNIFF_BYTES, kind_of_head, one_line_of_json

    if not stream.seekable():
        return None
    head = stream.read(_SNIFF_BYTES)
    stream.seek(0)
    kind = kind_of_head(head)
    if kind is None:
        return read_bounded(stream, config.max_bytes, name)
    return one_line_of_json(stream, config.max_bytes) if kind == "jsonl" else None


class _StoreFile(io.RawIOBase):
    """A store's open file, its errors as :class:`OSError`: a read that fails on the way
    (aiohttp's payload errors, gcsfs's HttpError: none an OSError) is then one input error
    of that file, as a disk's read error is, not a traceback that ends the run (or, on
    Spark, the job). Only the store's own calls are wrapped, so no error of unspun's
    readers is taken for one."""

    def __init__(self, opened: Any) -> None:
        super().__init__()
        self._opened = opened

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return bool(self._store_call(self._opened.seekable))

    def readinto(self, buffer: Any) -> int:
        data = self._store_call(self._opened.read, len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return int(self._store_call(self._opened.seek, offset, whence))

    def tell(self) -> int:
        return int(self._store_call(self._opened.tell))

    def close(self) -> None:
        if not self.closed:
            try:
                self._store_call(self._opened.close)
            finally:
                super().close()

    @staticmethod
    def _store_call(call: Callable[..., Any], *args: Any) -> Any:
        try:
            return call(*args)
        except OSError:
            raise
        except Exception as error:  # botocore's, aiohttp's, gcsfs's...: no base but Exception
            raise OSError(f"the store's read failed: {_one_line(error)}") from error


def _store(url: str) -> tuple[Any, str]:
    """fsspec's file system for ``url``, and the path within it."""
    scheme = _scheme(url)
    try:
        import fsspec
    except ImportError:
        raise InputError(f"{safe_text(url)}: reading a URL needs fsspec (pip install fsspec)") from None
    if scheme == "file":  # one of this machine's is read as a file's name (local_name)
        raise InputError(f"{safe_text(url)}: a file URL of another machine; name the file on this one")
    try:
        return fsspec.core.url_to_fs(url)
    except ImportError:
        package = _STORE_PACKAGES.get(scheme, f"the fsspec package for {scheme}://")
        raise InputError(f"{safe_text(url)}: reading {scheme}:// needs {package} (pip install {package}, where the "
                         "inputs are read)") from None
    except ValueError as error:  # "Protocol not known"
        raise InputError(f"{safe_text(url)}: no reader for {scheme}:// URLs ({error})") from None


def _scheme(url: str) -> str:
    match = _URL_RE.match(url)
    return match[1].lower() if match is not None else ""


def _asked(url: str, ask: Callable[[], Any]) -> Any:
    """What ``ask`` of a store gives, its failures as one :class:`InputError`: a missing
    file, or the store's own errors (credentials, the network), whose types each store
    package defines."""
    try:
        return ask()
    except FileNotFoundError as error:
        # fsspec's HTTP file system says "not found" for a server it cannot reach too, with
        # the network's error (aiohttp's, an OSError) as its cause: that is no missing file
        # (an audit, session 62). A 404, or S3's NoSuchKey, is no OSError.
        cause = error.__cause__
        if isinstance(cause, OSError) and not isinstance(cause, FileNotFoundError):
            raise InputError(f"{safe_text(url)}: cannot be read ({_one_line(cause)})") from None
        raise InputError(f"{safe_text(url)}: no such file or folder") from None
    except PermissionError as error:
        raise InputError(f"{safe_text(url)}: cannot be read (permission denied: {_one_line(error)})") from None
    except Exception as error:  # botocore's, aiohttp's, pyarrow's... share no base but Exception
        raise InputError(f"{safe_text(url)}: cannot be read ({_one_line(error)})") from None


def _one_line(error: BaseException) -> str:
    return safe_text(" ".join(str(error).split()) or type(error).__name__)[:300]


def _copy_bounded(source: Any, target: Any, limit: int, name: str) -> None:
    """Copy ``source`` into ``target``, or :class:`~unspun.errors.TooLargeError` past ``limit`` bytes."""
    copied = 0
    while block := source.read(_BLOCK):
        copied += len(block)
        if copied > limit:
            raise TooLargeError(f"{name}: a PDF of more than {limit:,} bytes, over the limit of what is copied to be "
                                "read")
        target.write(block)


_BLOCK = 1 << 20
