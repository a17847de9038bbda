"""The small interface an index's storage implements, and the factory that picks one.

An :class:`~unspun.index.Index` computes signatures and scores candidates; a storage keeps
documents and postings (signature key -> document) and makes writes transactional. SQLite
is the default and only backend so far; another (LMDB, a server database) implements
:class:`Storage` and registers itself in :data:`BACKENDS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from ..errors import UsageError
from ..models import Document

#: Computes the signature keys of a stored text (used to drop the postings of a document
#: that is replaced or removed, so storages need not keep them twice).
KeysOf = Callable[[str], Sequence[int]]


@dataclass(frozen=True, slots=True)
class Entry:
    """A document to store with its signature keys (sorted, distinct); ``None`` for a document
    found identical to the stored one before the batch (its keys are not computed), which the
    storage keys with ``keys_of`` if another writer has changed the stored one since."""

    document: Document
    keys: Sequence[int] | None


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """What one committed batch did."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    repeated: int = 0  # of the replaced: copies the same add stored (its AddRecord), or this batch held
    first_repeated: str | None = None  # the first such id


@dataclass
class AddRecord:
    """What one add has stored so far, for :meth:`Storage.write_batch` to tell an id it meets
    again: ``since``, the highest document reference before the add's first write (a document
    it adds is given a higher one), and the references of the documents it replaced. (A
    document another add stores beside it meanwhile counts as its own.)"""

    since: int | None = None
    replaced: set[int] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What scoring needs to know about a stored document."""

    id: str
    title: str
    keys: int


@runtime_checkable
class Storage(Protocol):
    """Where an index keeps its documents and postings.

    Writes go through :meth:`write_batch` (one transaction per call: all of a batch or none
    of it) and :meth:`delete`. Reads that must agree with each other run inside
    :meth:`snapshot`, so that a concurrent writer never shows a half-applied batch.
    """

    path: str
    readonly: bool

    def metadata(self) -> dict[str, str]:
        """The index's stored settings (parameters, format, counts)."""
        ...

    def write_batch(self, entries: Sequence[Entry], keys_of: KeysOf, record: AddRecord | None = None) -> BatchOutcome:
        """Store ``entries`` in one transaction; a stored id is replaced, unless its title,
        text, source and meta are unchanged. The last copy of an id in ``entries`` wins (a
        copy identical to the one before it counts as unchanged). With ``record`` (one per
        add, kept up to date here), a replaced copy that the same add stored counts as
        ``repeated`` too: an add that met an id twice with other texts keeps its last copy."""
        ...

    def delete(self, doc_id: str, keys_of: KeysOf) -> bool:
        """Remove a document and its postings; ``False`` when there was none."""
        ...

    def compact(self) -> int:
        """Fold write buffers into the main structures (0 when there is nothing to do)."""
        ...

    def get(self, doc_id: str) -> Document | None:
        """The stored document, or ``None``."""
        ...

    def stored(self, ids: Sequence[str]) -> dict[str, Document]:
        """The stored documents among ``ids`` (what an add compares its batch with)."""
        ...

    def ids(self) -> Iterator[str]:
        """Every stored id, in insertion order."""
        ...

    def count(self) -> int:
        """How many documents are stored."""
        ...

    def snapshot(self) -> AbstractContextManager[None]:
        """A consistent read view for the reads inside the ``with`` block."""
        ...

    def postings(self, keys: Sequence[int], cap: int, *, sample: bool = False) -> dict[int, list[int] | None]:
        """Document references holding each key; ``None`` for a key held by more than
        ``cap`` documents (too common to be evidence), or with ``sample`` the first ``cap``
        of its references in stored order (so mostly the same documents for every such key);
        absent keys are left out."""
        ...

    def describe(self, refs: Sequence[int]) -> dict[int, DocumentInfo]:
        """Id, title and key count of the referenced documents."""
        ...

    def stats(self) -> dict[str, Any]:
        """Counts and sizes for :meth:`unspun.index.Index.stats`."""
        ...

    def check(self) -> list[str]:
        """Integrity problems found (an empty list when the store is sound)."""
        ...

    def close(self) -> None:
        """Release files and connections; further calls fail."""
        ...


Opener = Callable[..., Storage]


def _sqlite_create(path: str | Path, metadata: Mapping[str, str], overwrite: bool = False) -> Storage:
    from ._sqlite import SqliteStorage

    return SqliteStorage.create(path, metadata, overwrite=overwrite)


def _sqlite_open(path: str | Path, readonly: bool = False) -> Storage:
    from ._sqlite import SqliteStorage

    return SqliteStorage.open(path, readonly=readonly)


#: Storage backends by name: ``(create, open)``.
BACKENDS: dict[str, tuple[Opener, Opener]] = {"sqlite": (_sqlite_create, _sqlite_open)}


def create_storage(path: str | Path, metadata: Mapping[str, str], *, backend: str = "sqlite", overwrite: bool = False) -> Storage:
    """Create a new, empty store at ``path`` holding ``metadata``."""
    return _backend(backend)[0](path, metadata, overwrite=overwrite)


def open_storage(path: str | Path, *, backend: str = "sqlite", readonly: bool = False) -> Storage:
    """Open an existing store; raises :class:`~unspun.errors.NotAnIndexError` for a file that
    is not one."""
    return _backend(backend)[1](path, readonly=readonly)


def _backend(name: str) -> tuple[Opener, Opener]:
    try:
        return BACKENDS[name]
    except KeyError:
        known = ", ".join(sorted(BACKENDS))
        raise UsageError(f"unknown index backend {name!r} (known: {known})") from None
