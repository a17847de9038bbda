"""unspun: find machine-spun text, show what was swapped, trace it to its source.

>>> import unspun
>>> report = unspun.check("We compared an irregular woodland with a support vector machine.")
>>> report.verdict, [(f.text, f.suggestion) for f in report.findings]
('spun', [('irregular woodland', 'random forest')])

The public API is re-exported here; everything else is internal. Importing unspun loads no
heavy dependency: models and extras load when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .batch import check_many, trace_many
from .config import CheckConfig, ReadConfig, TraceConfig
from .errors import (
    DamagedArchiveError,
    DecodeError,
    EmptyInputError,
    IndexMismatchError,
    IndexStoreError,
    InputError,
    LexiconCacheError,
    LexiconError,
    MalformedInputError,
    MissingExtraError,
    ModelCacheError,
    NotAnIndexError,
    NotTextError,
    TooLargeError,
    UnspunError,
    UsageError,
    WorkerError,
)
from .ingest import read
from .models import Document, Finding, Match, Report, Step, Substitution, Token
from .pipeline import check, trace
from .restore import apply_steps, restore_and_explain

__version__ = "0.1.0"

if TYPE_CHECKING:  # the real types for type checkers; at run time __getattr__ loads them on first use
    from .alignment import align
    from .index import Index


def __getattr__(name: str) -> object:
    # Index and align load on first use: they are not needed to check a page.
    if name == "Index":
        from .index import Index

        return Index
    if name == "align":
        from .alignment import align

        return align
    raise AttributeError(f"module 'unspun' has no attribute {name!r}")


def __dir__() -> list[str]:
    # Index and align come from __getattr__: listed, as help() and completion list the rest.
    return sorted({*globals(), "Index", "align"})


__all__ = [
    "CheckConfig",
    "DamagedArchiveError",
    "DecodeError",
    "Document",
    "EmptyInputError",
    "Finding",
    "Index",
    "IndexMismatchError",
    "IndexStoreError",
    "InputError",
    "LexiconCacheError",
    "LexiconError",
    "MalformedInputError",
    "Match",
    "MissingExtraError",
    "ModelCacheError",
    "NotAnIndexError",
    "NotTextError",
    "ReadConfig",
    "Report",
    "Step",
    "Substitution",
    "Token",
    "TooLargeError",
    "TraceConfig",
    "UnspunError",
    "UsageError",
    "WorkerError",
    "__version__",
    "align",
    "apply_steps",
    "check",
    "check_many",
    "read",
    "restore_and_explain",
    "trace",
    "trace_many",
]
