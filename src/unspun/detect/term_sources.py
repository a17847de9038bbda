"""The general sources of known terms for the tortured-term detector, keyed, and their cache.

A known term is a run of two to four words, keyed by the stems of its words
(:func:`term_key`), so that a window's restorations meet it whatever its inflection. Four
sources are the same for every restorer: the lexicon's multi-word lemmas, the most frequent
web bigrams of ``wordsegment``, and the technical-term and field-term tables shipped in
``unspun.data`` (:mod:`unspun.eval.technical_terms`, :mod:`unspun.eval.field_terms`).
Keying their quarter of a million terms takes about a second of Python, most of a cold
start, and indexing the keys for the restorer's lookups (:func:`index_keys`) most of another
second; :func:`known_sources` and :func:`known_index` do both once per installation and keep
the result next to the lexicon's cache file (``$UNSPUN_CACHE`` or ``~/.cache/unspun``), in a file whose name changes
with everything the keys depend on: :data:`KEY_VERSION` (the keying rules), the lexicon's
version, the tables' bytes, the versions of ``wordsegment`` and of the stemmers (and their
answers on a few words), the function words and Python's version (the file is ``marshal``
data after a SHA-256 of it, checked before it is read: a damaged file is rebuilt, never
unmarshalled). A folder that cannot be written only costs the cache. Files of other
fingerprints are left alone for a month, since two installations may share the folder, and
then removed when a new one is written.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from .._files import keep_cached, read_checked
from .._once import built_once
from .._packages import installed_version
from ..lexicon import Lexicon
from .context import FUNCTION_WORDS
from .known_phrases import stem_key

log = logging.getLogger("unspun.detect")

TECHNICAL_TERMS_FILE = "technical-terms.txt.gz"
FIELD_TERMS_FILE = "field-terms.txt.gz"
SOURCE_NAMES = ("lexical", "web", "technical", "field")
KEY_VERSION = 3
"""Bump when the keying rules (term_words, term_key, by_key, the readers, index_keys) change
what the cache holds; a unit test pins a digest of their code to catch a forgotten bump.
2: the file also holds the sources' index (:func:`index_keys`); 3: and the web bigrams'
counts (:func:`web_bigram_counts`)."""
_CACHE_PREFIX = "known-terms-"
_STALE_SECONDS = 30 * 24 * 3600  # another fingerprint's file, unwritten for a month
# Words whose stems must not change under a cache file: a stemmer that answers otherwise
# keys terms otherwise.
_STEM_PROBES = ("networks", "forests", "organizing", "efficiency", "analyses", "studies", "generously")

Terms = Mapping[tuple[str, ...], tuple[str, ...]]
"""Known terms: stem key -> the spellings a source writes it in, sorted."""
Index = dict[int, dict[str, dict[str, tuple[tuple[str, ...], ...]]]]
"""Known term keys by size, last stem and first stem (:func:`index_keys`)."""
Firsts = dict[int, frozenset[str]]
"""The first stems of the known terms of each size."""
_EXTRA_NAMES = ("index", "firsts", "web_counts")


def term_words(text: str) -> list[str]:
    """The lower-case words of a term or phrase, hyphens read as spaces ("signal-to-noise")."""
    return text.lower().replace("-", " ").split()


def term_key(words: Sequence[str]) -> tuple[str, ...] | None:
    """The stem key of a term of two to four words with at least two content words."""
    if not 2 <= len(words) <= 4 or not all(w.isalpha() for w in words):
        return None
    if sum(1 for w in words if w not in FUNCTION_WORDS) < 2:
        return None
    return tuple(stem_key(w) for w in words)


def known_sources(lexicon: Lexicon) -> dict[str, Terms]:
    """The four general sources by name (:data:`SOURCE_NAMES`), from the cache file beside
    the lexicon's when there is a good one, else keyed anew and cached."""
    return _cached_tables(lexicon).sources


def known_index(lexicon: Lexicon) -> tuple[Index, Firsts]:
    """The index of every key of the four general sources (:func:`index_keys`), from the
    same cache file: building it took most of a second of every cold start. Shared by every
    caller: never change it (:func:`with_keys` adds keys to a copy)."""
    tables = _cached_tables(lexicon)
    return tables.keys_index, tables.firsts


def known_web_counts(lexicon: Lexicon) -> dict[str, float]:
    """``wordsegment``'s bigram counts ("leaked documents" -> count), from the same cache
    file: ``wordsegment`` parses its text files in 0.6 s, a third of a fast cold start, for
    the bigram scorer alone. Shared: never change it."""
    return _cached_tables(lexicon).web_counts


def clear_cache() -> None:
    """Forget the tables read in this process (the next call reads the cache file again)."""
    _cached_tables.cache_clear()


class _Tables(NamedTuple):
    sources: dict[str, Terms]
    keys_index: Index  # not "index": a tuple has a method of that name
    firsts: Firsts
    web_counts: dict[str, float]


@built_once(limit=4)
def _cached_tables(lexicon: Lexicon) -> _Tables:
    path = lexicon.path.parent / f"{_CACHE_PREFIX}{fingerprint(lexicon.version)}.marshal"
    try:
        found = _read(path)
        if found is not None:
            return found
        log.warning("%s is damaged; rebuilding it", path)
    except FileNotFoundError:
        pass
    except OSError as error:
        log.warning("cannot read %s (%s); rebuilding it", path, error)
    sources: dict[str, Terms] = {"lexical": lexicon_terms(lexicon), "web": web_bigrams(),
                                 "technical": technical_terms(), "field": field_terms()}
    tables = _Tables(sources, *index_keys({key for terms in sources.values() for key in terms}),
                     web_bigram_counts())
    _write(path, tables)
    return tables


def _read(path: Path) -> _Tables | None:
    """The tables of a cache file, or None when its checksum or shape is wrong."""
    tables = read_checked(path)
    if not isinstance(tables, dict) or set(tables) != {*SOURCE_NAMES, *_EXTRA_NAMES}:
        return None
    return _Tables({name: tables[name] for name in SOURCE_NAMES}, tables["index"], tables["firsts"],
                   tables["web_counts"])


def index_keys(keys: Iterable[tuple[str, ...]]) -> tuple[Index, Firsts]:
    """Keys by size, then last stem, then first stem (a window looks up each pair of its
    first and last words' originals, instead of scanning every term that ends like it), and
    the first stems of each size."""
    index: dict[int, dict[str, dict[str, list[tuple[str, ...]]]]] = {}
    for key in keys:
        index.setdefault(len(key), {}).setdefault(key[-1], {}).setdefault(key[0], []).append(key)
    # Tuples, not lists: the collector stops tracking tuples of strings.
    frozen = {size: {last: {first: tuple(found) for first, found in by_first.items()}
                     for last, by_first in by_last.items()} for size, by_last in index.items()}
    firsts = {size: frozenset(first for by_first in by_last.values() for first in by_first)
              for size, by_last in frozen.items()}
    return frozen, firsts


def with_keys(index: Index, firsts: Firsts, keys: Iterable[tuple[str, ...]]) -> tuple[Index, Firsts]:
    """``index`` and ``firsts`` with ``keys`` added (those not in it already), leaving both
    as they are: only the tables on the new keys' paths are copied."""
    merged = dict(index)
    copied_sizes: set[int] = set()
    copied_lasts: set[tuple[int, str]] = set()
    new_firsts: dict[int, set[str]] = {}
    for key in keys:
        size, last, first = len(key), key[-1], key[0]
        if key in merged.get(size, {}).get(last, {}).get(first, ()):  # known, or met before in keys
            continue
        if size not in copied_sizes:
            merged[size] = dict(index.get(size, {}))
            copied_sizes.add(size)
        by_last = merged[size]
        if (size, last) not in copied_lasts:
            by_last[last] = dict(by_last.get(last, {}))
            copied_lasts.add((size, last))
        by_last[last][first] = (*by_last[last].get(first, ()), key)
        new_firsts.setdefault(size, set()).add(first)
    merged_firsts = dict(firsts)
    for size, stems in new_firsts.items():
        merged_firsts[size] = firsts.get(size, frozenset()) | stems
    return merged, merged_firsts


def _write(path: Path, tables: _Tables) -> None:
    """Write the cache file atomically; remove other fingerprints' stale files."""
    keep_cached(path, {**tables.sources, "index": tables.keys_index, "firsts": tables.firsts,
                       "web_counts": tables.web_counts}, _CACHE_PREFIX, log, "cannot cache known terms", _STALE_SECONDS)


def fingerprint(lexicon_version: str) -> str:
    """What the known terms depend on, as the cache file's name has it."""
    digest = hashlib.sha256()
    for part in (str(KEY_VERSION), lexicon_version, installed_version("wordsegment"),
                 installed_version("snowballstemmer"), installed_version("PyStemmer"), sys.version,
                 " ".join(stem_key(word) for word in _STEM_PROBES), " ".join(sorted(FUNCTION_WORDS))):
        digest.update(part.encode("utf-8") + b"\0")
    for name in (TECHNICAL_TERMS_FILE, FIELD_TERMS_FILE):
        digest.update(resources.files("unspun.data").joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


def lexicon_terms(lexicon: Lexicon) -> Terms:
    """The lexicon's multi-word lemmas, by stem key."""
    return by_key(lemma for lemma in lexicon.all_lemmas() if " " in lemma)


def web_bigrams() -> Terms:
    """The web bigrams of ``wordsegment`` of two content words, by stem key."""
    return by_key(web_bigram_counts())


def web_bigram_counts() -> dict[str, float]:
    """``wordsegment``'s bigram counts, as it loads them."""
    import wordsegment

    if not wordsegment.BIGRAMS:
        wordsegment.load()
    return dict(wordsegment.BIGRAMS)


@built_once()
def technical_terms() -> Terms:
    """The technical-term table (:mod:`unspun.eval.technical_terms`), by stem key."""
    return by_key(_table_lines(TECHNICAL_TERMS_FILE))


@built_once()
def field_terms() -> Terms:
    """The field-term table (:mod:`unspun.eval.field_terms`), by stem key; its terms may
    part words with hyphens ("self-organizing map")."""
    return by_key(_table_lines(FIELD_TERMS_FILE), split=term_words)


def _table_lines(name: str) -> Iterator[str]:
    """The terms of a gzipped table shipped in ``unspun.data``, one per line after its header."""
    data = resources.files("unspun.data").joinpath(name).read_bytes()
    return (line for line in gzip.decompress(data).decode("utf-8").splitlines() if line and not line.startswith("#"))


def by_key(terms: Iterable[str], split: Callable[[str], list[str]] = str.split) -> Terms:
    """Terms by stem key (``split`` gives a term's words: by default it has no hyphen that
    parts words), each key's spellings in sorted order ("activation function", "activation
    functions"): the same sources give the same table."""
    found: dict[tuple[str, ...], tuple[str, ...]] = {}
    for term in terms:
        key = term_key(split(term))
        if key is None:
            continue
        spellings = found.get(key)
        if spellings is None:
            found[key] = (term,)
        elif term not in spellings:  # rare: most keys have one spelling
            found[key] = tuple(sorted((*spellings, term)))
    return found
