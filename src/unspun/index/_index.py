"""The index: documents in, candidate sources out.

>>> import tempfile, pathlib
>>> from unspun.models import Document
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with Index.create(folder / "news.idx") as index:
...     result = index.add([
...         Document("a", "Rates", "The bank said on Monday that it would raise rates by 0.5% in March."),
...         Document("b", "Match", "Arsenal beat Chelsea 2-1 at home on Saturday in front of 60,000 fans."),
...     ])
...     found = index.candidates("The lender stated on Monday that it would increase rates by 0.5% in March.")
>>> result.added, [c.id for c in found]
(2, ['a'])
"""

from __future__ import annotations

import heapq
import math
import string
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .._unicode import describe_lone_surrogate, lone_surrogate_at, strings_in
from ..capitals import read_in_ordinary_case
from ..config import require_callback, require_flag
from ..disguise import read_through
from ..errors import IndexMismatchError, IndexStoreError, InputError, MalformedInputError, UnspunError, UsageError
from ..models import Document
from ._params import IndexParams
from ._signatures import READABLE_SKELETON_VERSIONS, SKELETON_VERSION, keys_of_reading, signature_keys
from ._storage import AddRecord, Entry, Storage, create_storage, open_storage

FORMAT_NAME = "unspun-index"
DEFAULT_BATCH_SIZE = 500
#: Keys held by more documents than this are too common to be evidence and are skipped at
#: query time, or only this many of their documents read when they are most of a query's keys
#: (this bounds the work of a query whatever the size of the index).
DEFAULT_MAX_POSTINGS = 256
#: At most this many keys of a query are looked up (the smallest, a consistent sample).
MAX_QUERY_KEYS = 4096


@dataclass(frozen=True, slots=True)
class Candidate:
    """An indexed document that may be the source of a query text.

    ``score`` is the IDF-weighted share of the query's signature keys that the document
    holds (0 to 1: how much of the query the document contains); candidates are ranked by
    it. ``coverage`` is the share of the document's own keys found in the query (how much
    of the document the query holds: low for a page that copied a few paragraphs of a long
    source, while ``score`` is low for a page that pads a copy with other text); ``shared``
    counts the common keys. Candidates are only a short list: an alignment decides.
    """

    id: str
    title: str
    score: float
    shared: int
    coverage: float = 0.0


@dataclass(frozen=True, slots=True)
class AddResult:
    """What :meth:`Index.add` did: ``added`` new ids, ``replaced`` changed documents under
    ids already indexed, ``unchanged`` documents identical to the stored ones, in
    ``batches`` committed transactions. ``repeated`` counts the replaced documents whose id
    this add had stored already, with another text (the last copy is kept; ``first_repeated``
    names the first such id): a collection that holds an id twice loses all but one copy."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    batches: int = 0
    seconds: float = 0.0
    repeated: int = 0
    first_repeated: str | None = None

    @property
    def documents(self) -> int:
        """Documents processed."""
        return self.added + self.replaced + self.unchanged


class Index:
    """An on-disk index of source documents, grown incrementally and queried for the
    likely sources of a (spun) text.

    Create one with :meth:`create`, open it again with :meth:`open` (``readonly=True`` for
    queries only). :meth:`add` writes in transactional batches: a process killed in the
    middle keeps every committed batch, and running the same add again completes it
    (documents already stored unchanged are skipped). Adding a document whose id is
    already indexed replaces it. Readers in other processes may query while one writer adds.
    The index records its :class:`IndexParams` and refuses queries made with others.
    """

    def __init__(self, storage: Storage, params: IndexParams) -> None:
        """Wrap an opened storage; use :meth:`create` or :meth:`open` instead."""
        self._storage = storage
        self._params = params
        self.max_postings = DEFAULT_MAX_POSTINGS

    # -- opening --------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | Path,
        params: IndexParams | None = None,
        *,
        overwrite: bool = False,
        backend: str = "sqlite",
    ) -> Index:
        """Create an empty index at ``path`` built with ``params`` (the defaults if ``None``).

        An existing file is refused unless ``overwrite`` is true. Overwrite only an index no
        one has open: an :class:`Index` (or a process) that has it open goes on writing into
        the replaced file, and what it adds is lost.
        """
        from .. import __version__

        require_flag("overwrite", overwrite)
        params = IndexParams() if params is None else _checked_params(params)
        metadata = {
            "format": FORMAT_NAME,
            "params": _dump_params(params),
            "created_by": f"unspun {__version__}",
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        return cls(create_storage(path, metadata, backend=backend, overwrite=overwrite), params)

    @classmethod
    def discard_if_empty(cls, path: str | Path) -> bool:
        """Delete the index at ``path`` (with the files SQLite keeps beside it) if it holds no
        document, and say whether it did; a file that is not an index is left alone. For a
        caller that created an index and then had nothing to put in it.

        Only safe where no other process may be using ``path``: one that opened the index
        before the deletion goes on writing into the deleted file, and what it adds is lost
        (``unspun index add`` therefore creates an index only once it has a document for it).
        """
        from ._sqlite import remove_files

        try:
            with cls.open(path, readonly=True) as index:
                if len(index):
                    return False
        except UnspunError:
            return False
        remove_files(Path(path))
        return True

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        readonly: bool = False,
        params: IndexParams | None = None,
        backend: str = "sqlite",
    ) -> Index:
        """Open the index at ``path``.

        With ``params``, refuse (:class:`~unspun.errors.IndexMismatchError`) an index built
        with other parameters; a corrupt or foreign file raises
        :class:`~unspun.errors.NotAnIndexError`.
        """
        require_flag("readonly", readonly)  # "false" opened read-only
        if params is not None:
            _checked_params(params)
        storage = open_storage(path, backend=backend, readonly=readonly)
        try:
            stored = _load_params(storage)
            index = cls(storage, stored)
            if params is not None:
                index.require(params)
        except BaseException:
            storage.close()
            raise
        return index

    # -- properties -----------------------------------------------------------------------

    @property
    def params(self) -> IndexParams:
        """The parameters the index was built with."""
        return self._params

    @property
    def path(self) -> str:
        """Where the index lives."""
        return self._storage.path

    @property
    def readonly(self) -> bool:
        """Whether the index was opened for queries only."""
        return self._storage.readonly

    @property
    def storage(self) -> Storage:
        """The storage backend (for tools and tests)."""
        return self._storage

    def require(self, params: IndexParams | None = None, *, lexicon_version: str | None = None) -> None:
        """Raise :class:`~unspun.errors.IndexMismatchError` unless the index was built with
        ``params`` and ``lexicon_version`` (each checked when given).

        >>> index = Index.create(":memory:")
        >>> index.require(lexicon_version="moby-2")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        unspun.errors.IndexMismatchError: the index :memory: was built with lexicon_version 'none', not 'moby-2'; ...
        """
        wanted = self._params if params is None else _checked_params(params)
        if lexicon_version is not None:
            wanted = replace(wanted, lexicon_version=lexicon_version)
        problems = [_explain(d) for d in self._params.differences(wanted)]
        if problems:
            raise IndexMismatchError(
                f"the index {self.path} was built with {'; '.join(problems)}; query it with the same settings or rebuild it"
            )

    # -- writing --------------------------------------------------------------------------

    def add(
        self,
        documents: Iterable[Document],
        batch_size: int = DEFAULT_BATCH_SIZE,
        progress: Callable[[AddResult], Any] | None = None,
    ) -> AddResult:
        """Index ``documents`` in transactions of ``batch_size`` documents.

        A document whose id is already indexed replaces the stored one (the last one wins
        within a call too); one identical to the stored one is counted as unchanged and
        costs only a lookup, so rerunning an interrupted add is cheap. ``progress`` is
        called with the running totals after each committed batch.

        Every document is checked before its batch is written: a document whose fields have
        the wrong types (meta keys that are not str among them) raises :class:`TypeError`, a value that is not a
        :class:`~unspun.models.Document` or has an empty id :class:`~unspun.errors.UsageError`
        (as it always did), and text that
        cannot be stored (a lone surrogate) raises
        :class:`~unspun.errors.MalformedInputError`. The error stops the add: the batches
        committed before it stay, nothing of its own batch is written, and running the add
        again once the document is fixed or left out completes it. Meta is stored as JSON: a
        value JSON has no form for (a date, an object) is stored as its ``str()``.
        """
        if isinstance(documents, Document):
            raise TypeError("Index.add takes an iterable of Documents, not one Document; wrap it in a list: add([document])")
        require_callback("progress", progress)  # before the first batch is committed
        try:
            stream = iter(documents)
        except TypeError:
            raise TypeError(f"Index.add takes an iterable of Documents, not {type(documents).__name__}") from None
        if not isinstance(batch_size, int) or isinstance(batch_size, bool):
            raise TypeError(f"batch_size must be an integer, not {batch_size!r}")
        if batch_size < 1:
            raise UsageError(f"batch_size must be at least 1, not {batch_size}")
        if self.readonly:
            raise IndexStoreError(f"cannot add to {self.path}: it was opened read-only")
        started = time.perf_counter()
        added = replaced = unchanged = batches = repeated = 0
        first_repeated: str | None = None
        total = AddResult()
        record = AddRecord()
        for batch in _batches(stream, batch_size):
            # (Computing the next batch's keys in a thread while SQLite writes was measured
            # slower on two cores: the GIL is not released for long enough.)
            # A document identical to the stored one is not keyed (rerunning an interrupted add
            # costs a lookup per document); the storage decides again inside its transaction.
            stored = self._storage.stored([doc.id for doc in batch])
            entries = [Entry(doc, None if stored.get(doc.id) == doc else self._keys_of(doc.text)) for doc in batch]
            outcome = self._storage.write_batch(entries, self._keys_of, record)
            added += outcome.added
            replaced += outcome.replaced
            unchanged += outcome.unchanged
            repeated += outcome.repeated
            first_repeated = first_repeated or outcome.first_repeated
            batches += 1
            total = AddResult(added, replaced, unchanged, batches, time.perf_counter() - started, repeated,
                              first_repeated)
            if progress is not None:
                progress(total)
        return AddResult(added, replaced, unchanged, batches, time.perf_counter() - started, repeated, first_repeated)

    def remove(self, doc_id: str) -> bool:
        """Remove the document ``doc_id``; ``False`` when it was not indexed."""
        if not _storable_id(doc_id, "remove"):
            return False
        return self._storage.delete(doc_id, self._keys_of)

    def compact(self) -> None:
        """Fold recently added postings into the main table (done by :meth:`add` as it
        goes; worth calling once after a bulk load that will only be queried)."""
        if self.readonly:
            raise IndexStoreError(f"cannot compact {self.path}: it was opened read-only")
        self._storage.compact()

    def _keys_of(self, text: str) -> list[int]:
        """The keys a stored text is indexed under (and removed by). Under skeleton rules 2 and
        later, a text written in capitals or in title case is keyed in ordinary case (every
        word of it would be a name to the skeleton): its copies in ordinary case share the
        keys, and one so written is looked up in ordinary case too (:meth:`candidates`)."""
        if self._params.skeleton_version < 2:
            return signature_keys(text, self._params)
        text = read_through(text).text
        if _capitals_share(text) >= CASE_CHECK_SHARE:
            text = read_in_ordinary_case(text)
        return keys_of_reading(text, self._params)

    # -- reading --------------------------------------------------------------------------

    def get(self, doc_id: str) -> Document | None:
        """The indexed document ``doc_id`` (its original text and title), or ``None``."""
        if not _storable_id(doc_id, "get"):
            return None
        return self._storage.get(doc_id)

    def ids(self) -> Iterator[str]:
        """Every indexed id, oldest first."""
        return self._storage.ids()

    def snapshot(self) -> AbstractContextManager[None]:
        """The reads inside the ``with`` block see one state of the index: no batch another
        process commits meanwhile, nor half of one (an export of every document reads inside
        one). Other calls of this object from other threads wait until the block ends, and
        while it lasts a writer's log cannot be folded back into the file past it, so it grows
        with what is added meanwhile: keep the block to the reads. A reader that cannot write
        the index's folder reads without locks (``SqliteStorage``'s ``_unchanging``): for it
        no snapshot is kept, and another user's add can show through."""
        return self._storage.snapshot()

    def __len__(self) -> int:
        return self._storage.count()

    def __contains__(self, doc_id: object) -> bool:
        # Only strings are ids: anything else is not in the index (get() refuses it).
        return isinstance(doc_id, str) and lone_surrogate_at(doc_id) is None and self._storage.get(doc_id) is not None

    def candidates(
        self,
        text: str,
        k: int = 10,
        *,
        min_shared: int = 1,
        lexicon_version: str | None = None,
    ) -> list[Candidate]:
        """Up to ``k`` indexed documents most likely to be the source of ``text``, best first.

        Each shares at least ``min_shared`` signature keys with ``text``; keys held by more
        than :attr:`max_postings` documents are skipped, unless they outnumber the others
        found: then the first :attr:`max_postings` documents of each are scored, so that a
        story stored more times than that is still found. With ``lexicon_version``, refuse
        an index built with another lexicon.
        """
        if not isinstance(text, str):
            raise TypeError(f"candidates() takes the text to look up as a str, not {type(text).__name__}")
        for name, value in (("k", k), ("min_shared", min_shared)):
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"{name} must be an integer, not {value!r}")
        if lexicon_version is not None:
            self.require(lexicon_version=lexicon_version)
        if k < 1:
            return []
        found = self._ranked(signature_keys(text, self._params), k, min_shared)
        # Read as the stored texts are (_keys_of): a disguised text in capitals is read through
        # before its case is told, or its disguised words stay names.
        read = read_through(text).text if self._params.skeleton_version >= 2 else text
        ordinary = read_in_ordinary_case(read)
        if ordinary is not read:
            # In capitals or in title case every word reads as a name (unspun.capitals): look it
            # up in ordinary case too and keep each document's better score (a source in ordinary
            # case, or one so written and keyed in ordinary case (_keys_of), is found the second
            # way; one so written in an index of skeleton rules 1, keyed as given, the first).
            best = {candidate.id: candidate for candidate in found}
            for candidate in self._ranked(keys_of_reading(ordinary, self._params), k, min_shared):
                if candidate.id not in best or candidate.score > best[candidate.id].score:
                    best[candidate.id] = candidate
            found = sorted(best.values(), key=lambda candidate: -candidate.score)[:k]
        return found

    def _ranked(self, keys: list[int], k: int, min_shared: int) -> list[Candidate]:
        """The ``k`` documents sharing most weight of ``keys`` (see :meth:`candidates`)."""
        keys = keys[:MAX_QUERY_KEYS]
        if not keys:
            return []
        cap = self.max_postings
        with self._storage.snapshot():
            size = self._storage.count()
            found = self._storage.postings(keys, cap)
            common = [key for key, refs in found.items() if refs is None]
            if len(common) > len(found) - len(common):
                # Most of the indexed keys of the query are too common to look up: a story
                # stored more than ``cap`` times (syndicated copies under many ids) would
                # have nothing left to be found by. Score a sample of their holders instead,
                # the first ``cap`` of each key (mostly the same documents for every key), so
                # the copies are found and the query still reads at most ``cap`` per key.
                sampled: set[int] = set(common)
                found.update(self._storage.postings(common, cap, sample=True))
            else:
                sampled = set()
            scores: dict[int, float] = {}
            shared: dict[int, int] = {}
            total = 0.0
            unseen = math.log1p(size)
            too_common = math.log1p(size / (cap + 1))
            for key in keys:
                refs = found.get(key, ())
                if not refs:
                    # Absent keys weigh like the rarest; keys too common to look up like the cap.
                    total += unseen if key not in found else too_common
                    continue
                # A sampled key weighs what it weighs skipped: it has more holders than the sample.
                weight = too_common if key in sampled else math.log1p(size / len(refs))
                total += weight
                for ref in refs:
                    scores[ref] = scores.get(ref, 0.0) + weight
                    shared[ref] = shared.get(ref, 0) + 1
            # Sums of the same weights in another order may differ in the last bits.
            rounded = {ref: round(score, 9) for ref, score in scores.items() if shared[ref] >= min_shared}
            best = heapq.nlargest(k, rounded, key=rounded.__getitem__)
            if not best:
                return []
            # Ties at the cut go to the documents with fewer keys (more of them matched).
            floor = rounded[best[-1]]
            tied = [ref for ref, score in rounded.items() if score >= floor]
            info = self._storage.describe(tied if len(tied) <= 4 * k else best)
        ranked = sorted(info, key=lambda ref: (-rounded[ref], info[ref].keys, ref))[:k]
        return [
            Candidate(
                id=info[ref].id,
                title=info[ref].title,
                score=min(1.0, scores[ref] / total) if total else 0.0,
                shared=shared[ref],
                coverage=min(1.0, shared[ref] / info[ref].keys) if info[ref].keys else 0.0,
            )
            for ref in ranked
        ]

    def stats(self) -> dict[str, Any]:
        """Documents, postings, bytes on disk and the parameters, as a JSON-ready mapping."""
        stats = self._storage.stats()
        documents = stats.get("documents", 0)
        stats["postings_per_document"] = round(stats.get("postings", 0) / documents, 2) if documents else 0.0
        stats["params"] = self._params.to_dict()
        return stats

    def check(self) -> list[str]:
        """Integrity problems of the store (an empty list when it is sound)."""
        return self._storage.check()

    # -- lifetime -------------------------------------------------------------------------

    def close(self) -> None:
        """Close the index; further calls raise :class:`~unspun.errors.IndexStoreError`."""
        self._storage.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Index({self.path!r}, readonly={self.readonly})"


def refuse_missing_index(path: Path) -> None:
    """Refuse a name where no index is, saying how to build one, before a command that only
    reads an index (``unspun trace``, ``unspun serve --index``) starts: a link's own errors
    come from opening it."""
    if not path.exists() and not path.is_symlink():
        raise InputError(f"{path}: no such index (build one with: unspun index add --index {path} FILES)")


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """``documents`` in lists of ``size``, each checked as it is taken: a bad document raises
    before the batch that holds it is handed out, so nothing of that batch is written."""
    batch: list[Document] = []
    for doc in documents:
        _check_document(doc)
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _check_document(doc: object) -> None:
    """Raise unless ``doc`` is a :class:`Document` that can be stored as it is.

    Cheap enough for every document of a bulk load: type checks, and one encoding of each
    string that is not ASCII (several times faster than a regular expression over it).
    """
    if not isinstance(doc, Document):
        raise UsageError(
            f"Index.add takes Document values, not {type(doc).__name__}: use unspun.read(paths) or Document(id, title, text)"
        )
    doc_id = doc.id
    if not isinstance(doc_id, str):
        raise TypeError(f"a document id must be a str, not {type(doc_id).__name__} ({doc_id!r}); convert it with str()")
    if not doc_id or doc_id.isspace():
        raise UsageError(f"a document to index needs a non-empty id, not only whitespace: {doc_id!r}"
                         if doc_id else "a document to index needs a non-empty id")
    for name in ("title", "text", "source"):
        value = getattr(doc, name)
        if not isinstance(value, str):
            hint = "; decode it first (unspun.read decodes files)" if isinstance(value, bytes | bytearray) else ""
            raise TypeError(f"document {_shown(doc_id)}: its {name} must be a str, not {type(value).__name__}{hint}")
    if not isinstance(doc.meta, Mapping):
        raise TypeError(f"document {_shown(doc_id)}: its meta must be a mapping, not {type(doc.meta).__name__}")
    for name, value in (("id", doc_id), ("title", doc.title), ("text", doc.text), ("source", doc.source)):
        if lone_surrogate_at(value) is not None:
            raise _surrogate_error(doc_id, name, value)
    for key, value in doc.meta.items():
        if not isinstance(key, str):
            # Stored as JSON: a key that is no str would come back as one, and keys of mixed
            # types failed to sort, a bare TypeError from inside the batch (an audit, session 64).
            raise TypeError(f"document {_shown(doc_id)}: its meta keys must be str, not {type(key).__name__} ({key!r})")
        _check_meta(doc_id, key, value)


def _check_meta(doc_id: str, key: object, value: object) -> None:
    """Refuse a lone surrogate in a meta key or in the strings of its value (nested too)."""
    for item in strings_in((key, value)):
        if lone_surrogate_at(item) is not None:
            raise _surrogate_error(doc_id, f"meta {key!a}" if item is not key else "meta key", item)


def _surrogate_error(doc_id: str, field: str, value: str) -> MalformedInputError:
    return MalformedInputError(f"document {_shown(doc_id)}: its {field} holds {describe_lone_surrogate(value)}; "
                               "it cannot be stored: fix how it was decoded, or leave it out")


def _shown(doc_id: str) -> str:
    """``doc_id`` quoted for a message, escaped where it could not be printed."""
    return ascii(doc_id) if lone_surrogate_at(doc_id) is not None else repr(doc_id)


#: A stored text is asked its case (:func:`~unspun.capitals.written_case`, about 0.2 ms: half
#: of what keying it costs) only when at least this share of its ASCII letters are capitals.
#: Written in capitals or in title case, the benchmark's 2,225 BBC articles have 0.108 at the
#: least (headline style, function words small), while 55 of them as stored reach 0.08. The
#: rule is part of skeleton rules 2: a text below it is keyed as written, and removed so.
CASE_CHECK_SHARE = 0.08
_ASCII_CAPITALS = bytes(string.ascii_uppercase, "ascii")
_ASCII_LETTERS = bytes(string.ascii_letters, "ascii")


def _capitals_share(text: str) -> float:
    """The share of ``text``'s ASCII letters that are capitals (0 without any): a count in
    C, a few microseconds for an article."""
    data = text.encode("utf-8", "surrogatepass")
    letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    capitals = len(data) - len(data.translate(None, _ASCII_CAPITALS))
    return capitals / letters if letters else 0.0


def _storable_id(doc_id: object, action: str) -> bool:
    """Whether ``doc_id`` could be indexed; raise :class:`TypeError` unless it is a str."""
    if not isinstance(doc_id, str):
        raise TypeError(f"Index.{action} takes a str id, not {type(doc_id).__name__} ({doc_id!r})")
    return lone_surrogate_at(doc_id) is None  # add refuses such an id: it is never indexed


def _checked_params(params: object) -> IndexParams:
    if not isinstance(params, IndexParams):
        raise TypeError(f"params must be an IndexParams, not {type(params).__name__}")
    if params.skeleton_version not in READABLE_SKELETON_VERSIONS:
        # An index of other rules would be written and then refused by this same unspun.
        raise ValueError(f"skeleton_version must be one of {', '.join(map(str, READABLE_SKELETON_VERSIONS))} "
                         f"(this unspun's rules), not {params.skeleton_version}")
    return params


def _dump_params(params: IndexParams) -> str:
    import json

    return json.dumps(params.to_dict(), sort_keys=True)


def _load_params(storage: Storage) -> IndexParams:
    import json

    from ..errors import NotAnIndexError

    metadata = storage.metadata()
    found = metadata.get("format")
    if isinstance(found, str) and found != FORMAT_NAME and found.startswith("unspun-"):
        # A format this unspun does not know, named by another unspun: no damage to rebuild.
        raise IndexMismatchError(
            f"the index {storage.path} is in the format {found[:80]!r}, which this unspun does not read "
            f"(it reads {FORMAT_NAME!r}): use the unspun that built it, or upgrade unspun"
        )
    if found != FORMAT_NAME or "params" not in metadata:
        raise NotAnIndexError(f"{storage.path} is corrupt or is not an unspun index (its metadata is missing)")
    try:
        data = json.loads(metadata["params"])
    except ValueError as exc:
        raise NotAnIndexError(f"{storage.path} is corrupt: its parameters do not parse ({exc})") from exc
    if not isinstance(data, dict):
        raise NotAnIndexError(f"{storage.path} is corrupt: its parameters are not a mapping")
    try:
        params = IndexParams.from_dict(data)
    except (TypeError, ValueError) as exc:
        # unspun only stores values it validated: someone or something edited the file.
        raise NotAnIndexError(
            f"{storage.path} is corrupt: its parameters are invalid ({exc}); rebuild it from its sources"
        ) from exc
    if params.skeleton_version not in READABLE_SKELETON_VERSIONS:
        advice = ("it was built by a newer unspun: upgrade unspun to use it"
                  if params.skeleton_version > SKELETON_VERSION else "rebuild the index from its sources")
        raise IndexMismatchError(
            f"the index {storage.path} was built with skeleton rules v{params.skeleton_version}; "
            f"this unspun reads v{READABLE_SKELETON_VERSIONS[0]} to v{SKELETON_VERSION}: {advice}"
        )
    return params


def _explain(difference: str) -> str:
    name, _, values = difference.partition(": ")
    mine, _, theirs = values.partition(" != ")
    return f"{name} {mine}, not {theirs}"
