"""lemminflect's lemma and inflection tables, kept in the cache folder in a form that loads fast.

lemminflect parses its gzip'd CSV tables line by line on its first lookups: about 0.45 s, a
fifth of a fast cold start. The parsed dicts are plain strings, tuples and dicts, so a
``marshal`` copy of them reads in about a tenth of that. The copy's name carries its format, lemminflect's
version, the tables' sizes and Python's version; a copy that is damaged (its checksum is
wrong, or it does not hold two tables) is rebuilt; a folder that cannot be written only costs
the copy, never the answers. The copy reaches into lemminflect's lazy loaders (its
``Lemmatizer`` and ``Inflections`` singletons): should a later lemminflect change them, the
copy is skipped and lemminflect reads its files itself, as it always could.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from pathlib import Path
from typing import Any

from .._files import keep_cached, read_checked
from .._packages import installed_version

log = logging.getLogger(__name__)

_PREFIX = "lemminflect-"
_FORMAT = 1  # bump when what the copy holds changes
_STALE_SECONDS = 30 * 24 * 3600  # another fingerprint's copy (another install may share the folder), unwritten for a month


def load_tables(cache_dir: Path) -> None:
    """Give lemminflect its lemma and inflection tables now, from the copy in ``cache_dir``
    (written there from lemminflect's own files the first time). Only a speed-up: when
    lemminflect's internals are not as expected, it leaves lemminflect to itself."""
    try:
        _load(cache_dir)
    except (AttributeError, ImportError, OSError) as error:
        log.info("lemminflect's tables not preloaded (%s); it reads them on first use", error)


def _load(cache_dir: Path) -> None:
    from lemminflect.core.Inflections import Inflections
    from lemminflect.core.Lemmatizer import Lemmatizer

    lemmatizer, inflections = Lemmatizer(), Inflections()
    if hasattr(lemmatizer, "lemma_dict") and hasattr(inflections, "infl_dict"):
        return  # read already
    path = cache_dir / f"{_PREFIX}{_fingerprint(lemmatizer.lemma_lu_fn, inflections.infl_lu_fn)}.marshal"
    tables = _read(path)
    if tables is None:
        # lemminflect's own lazy loaders: the attributes they fill are the ones set below.
        tables = (lemmatizer._getLemmaDict(), inflections._getInflDict())
        _write(path, tables)
    lemmatizer.lemma_dict, inflections.infl_dict = tables


def _fingerprint(*files: str) -> str:
    digest = hashlib.sha256()
    sizes = [f"{Path(f).name}:{Path(f).stat().st_size}" for f in files]
    for part in (str(_FORMAT), installed_version("lemminflect"), sys.version, *sizes):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:16]


def _read(path: Path) -> tuple[dict[str, Any], dict[str, Any]] | None:
    try:
        tables = read_checked(path)
    except OSError:
        return None
    if not (isinstance(tables, tuple) and len(tables) == 2 and all(isinstance(t, dict) for t in tables)):
        log.warning("%s is damaged; rebuilding it", path)
        return None
    return tables


def _write(path: Path, tables: tuple[dict[str, Any], dict[str, Any]]) -> None:
    keep_cached(path, tables, _PREFIX, log, "cannot cache lemminflect's tables", _STALE_SECONDS)
