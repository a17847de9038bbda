"""Index source documents and find the likely sources of a spun text.

Spinning swaps every second or third content word, which destroys plain word shingles.
The index instead hashes n-grams of each text's *skeleton* (stable function words, names,
numbers and sentence ends, see :func:`skeleton`), keeps a content-defined sample of them
and stores them in an inverted table, so that a spun copy, or a page that copied a few
paragraphs among other text, still shares many keys with its source.

* :class:`Index`: create, open (``readonly=True`` for queries), :meth:`~Index.add` in
  transactional batches, :meth:`~Index.remove`, :meth:`~Index.get`,
  :meth:`~Index.candidates`, :meth:`~Index.stats`, :meth:`~Index.check`.
* :class:`IndexParams`: the parameters an index records and checks on every query.
* :class:`Storage`: the interface a storage backend implements; SQLite (WAL mode) is
  the default (:class:`SqliteStorage`), picked by :func:`open_storage`.

>>> skeleton("Sales had risen by 4% since 2003, Mr Brown said on Tuesday.")
['had', 'by', '4', '2003', 'mr', 'brown', 'on', 'tuesday', '.']
"""

from __future__ import annotations

from ._index import DEFAULT_BATCH_SIZE, DEFAULT_MAX_POSTINGS, AddResult, Candidate, Index, refuse_missing_index
from ._params import IndexParams
from ._signatures import SKELETON_VERSION, signature_keys, skeleton
from ._sqlite import SqliteStorage
from ._storage import BACKENDS, BatchOutcome, DocumentInfo, Entry, Storage, create_storage, open_storage

__all__ = [
    "BACKENDS",
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_MAX_POSTINGS",
    "SKELETON_VERSION",
    "AddResult",
    "BatchOutcome",
    "Candidate",
    "DocumentInfo",
    "Entry",
    "Index",
    "IndexParams",
    "SqliteStorage",
    "Storage",
    "create_storage",
    "open_storage",
    "refuse_missing_index",
    "signature_keys",
    "skeleton",
]
