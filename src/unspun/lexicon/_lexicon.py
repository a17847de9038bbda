"""The loaded lexicon: lemma lookups, the two views of the synonym graph, frequencies."""

from __future__ import annotations

import logging
import math
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .._files import sweep_cache_temporaries
from .._memo import remember
from ..errors import LexiconCacheError
from . import _format
from ._cache import cache_file, lexicon_version
from ._format import EXTRA_WORD_PENALTY, POS_BITS, POS_NAMES, STRENGTH_BONUS, Source
from ._inflect import lemmas
from ._inflection_tables import load_tables

_REBUILD_ADVICE_RE = re.compile(r"; (?:delete it or )?rebuild(?: it| the lexicon)?$")
log = logging.getLogger("unspun.lexicon")

_LOADED: dict[Path, Lexicon] = {}
_LOAD_LOCK = threading.Lock()
_POS_SETS = tuple(frozenset(name for name in POS_NAMES if mask & POS_BITS[name]) for mask in range(16))
_CACHE_LIMIT = 200_000
_REQUIRED = ("vocab", "zipf", "pos", "offsets", "targets", "links", "freq_words", "freq_zipf")


@dataclass(frozen=True, slots=True)
class Link:
    """A lemma linked to the one looked up.

    ``pos`` holds the parts of speech under which the two lemmas are linked (empty when they
    share none: Moby links "quick" to "quickly"). ``flags`` are :class:`Source` bits seen from
    the looked-up lemma. ``strength`` orders links: the linked lemma's Zipf frequency plus
    2.0 for a WordNet synonym, 1.0 when Moby lists the pair both ways, 0.5 for WordNet
    "similar", minus 1.0 per word beyond the first.
    """

    lemma: str
    pos: frozenset[str]
    flags: int
    strength: float

    @property
    def sources(self) -> Source:
        """``flags`` as :class:`Source`."""
        return Source(self.flags)


class Lexicon:
    """The synonym graph of WordNet 3.0 and Moby, read from its cache file.

    Lemmas are lower case, single words or phrases of up to :attr:`max_words` words. The
    *reverse* view, :meth:`originals`, answers the detector's question: which lemma could a
    spinner have replaced with the one seen?

    >>> lexicon = Lexicon.load()
    >>> [link.lemma for link in lexicon.originals("tension", "NOUN", limit=3)]
    ['stress', 'care', 'force']
    >>> "leak" in [link.lemma for link in lexicon.originals("drip", "VERB")]
    True
    >>> lexicon.knows("Random Forest"), lexicon.pos_of("paper") == {"NOUN", "VERB"}
    (False, True)
    """

    version: str
    """Names the cache file; indexes record it to refuse another lexicon."""
    path: Path
    max_words: int
    """The longest lemma, in words."""

    def __init__(self, path: Path, header: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        """Use :meth:`load` or :meth:`open`; this checks the arrays and indexes the vocabulary."""
        missing = [name for name in _REQUIRED if name not in arrays]
        if missing:
            raise LexiconCacheError(f"{path} lacks the arrays {', '.join(missing)}; rebuild the lexicon")
        try:
            self.version = str(header["version"])
            self.max_words = int(header["max_words"])
            self._vocab = _split(arrays["vocab"])
        except (KeyError, TypeError, ValueError) as error:  # UnicodeDecodeError is a ValueError
            raise LexiconCacheError(f"{path}: damaged lexicon header or vocabulary ({error}); rebuild it") from None
        self.path = path
        self._header = header
        self._zipf = arrays["zipf"]
        self._pos = arrays["pos"]
        offsets, self._targets, self._links = arrays["offsets"], arrays["targets"], arrays["links"]
        size = len(self._vocab)
        if not (
            len(self._zipf) == len(self._pos) == size
            and len(offsets) == size + 1
            and len(self._targets) == len(self._links)
            and (size == 0 or (offsets[0] == 0 and offsets[-1] == len(self._targets) and self._pos.max() < 16))
            and bool(np.all(offsets[1:] >= offsets[:-1]))
            and (len(self._targets) == 0 or (int(self._targets.min()) >= 0 and int(self._targets.max()) < size))
        ):
            raise LexiconCacheError(f"{path}: the lexicon's arrays do not fit together; rebuild the lexicon")
        self._offsets: list[int] = offsets.tolist()
        # The same links as bytes and a memoryview: indexing them yields Python ints directly.
        self._codes = self._links.tobytes()
        self._target_of = np.ascontiguousarray(self._targets, dtype=np.int32).data
        self._ids = dict(zip(self._vocab, range(size), strict=True))
        self._freq_arrays = (arrays["freq_words"], arrays["freq_zipf"])
        self._freq: dict[str, float] | None = None
        self._bonus = STRENGTH_BONUS
        self._cache: dict[tuple[str, str | None, int | None, int], tuple[Link, ...]] = {}
        self._made_links: dict[tuple[int, int], Link] = {}
        self._readings: dict[str, tuple[tuple[str, str | None], ...]] = {}

    @classmethod
    def load(cls, cache_dir: str | os.PathLike[str] | None = None) -> Lexicon:
        """The lexicon of this installation, built into ``cache_dir`` first if missing.

        ``cache_dir`` defaults to ``$UNSPUN_CACHE`` or ``~/.cache/unspun``. A cache file that
        is damaged or from another version is rebuilt (with a warning in the log). Each
        process loads a cache file once; later calls return the same object.
        """
        cache_dir = None if cache_dir is None else Path(cache_dir)  # a str gave "unsupported operand"
        path = cache_file(cache_dir)
        with _LOAD_LOCK:
            lexicon = _LOADED.get(path)
            if lexicon is None:
                # Once a process, on the way in: no build of a cache sweeps when all are built.
                sweep_cache_temporaries(path.parent)
                try:
                    lexicon = cls.open(path)
                except FileNotFoundError:
                    lexicon = cls._build_and_open(cache_dir, path)
                except LexiconCacheError as error:
                    # The error's advice to rebuild is taken here: not repeated ("...; rebuild it; rebuilding it").
                    log.warning("%s; rebuilding it", _REBUILD_ADVICE_RE.sub("", str(error)))
                    lexicon = cls._build_and_open(cache_dir, path)
                _LOADED[path] = lexicon
            return lexicon

    @classmethod
    def _build_and_open(cls, cache_dir: Path | None, path: Path) -> Lexicon:
        from ._build import build

        build(cache_dir)
        return cls.open(path)

    @classmethod
    def open(cls, path: Path) -> Lexicon:
        """Read one lexicon file, never building.

        Raises :class:`LexiconCacheError` for a file that is damaged, foreign or of another
        version, and ``FileNotFoundError`` when there is none.
        """
        header, arrays = _format.read(Path(path), expected_version=lexicon_version())
        return cls(Path(path), header, arrays)

    def __len__(self) -> int:
        return len(self._vocab)

    def __contains__(self, phrase: object) -> bool:
        return isinstance(phrase, str) and self._id(phrase) is not None

    def __repr__(self) -> str:
        return f"<Lexicon {self.version}: {len(self)} lemmas, {len(self._targets)} links>"

    def preload(self) -> None:
        """Read now what the first lookups would read: the frequency table (built from the
        cache's arrays on first use) and lemminflect's tables (from their copy beside the
        cache file)."""
        self._frequencies()
        load_tables(self.path.parent)

    def all_lemmas(self) -> Sequence[str]:
        """Every lemma, in the cache's order (multi-word ones included)."""
        return self._vocab

    def knows(self, phrase: str) -> bool:
        """True when ``phrase`` (any case and spacing) is a lemma of the lexicon."""
        return self._id(phrase) is not None

    def pos_of(self, lemma: str) -> frozenset[str]:
        """Parts of speech of ``lemma`` (empty if unknown): WordNet's, else lemminflect's."""
        index = self._id(lemma)
        return _POS_SETS[int(self._pos[index])] if index is not None else frozenset()

    def zipf(self, phrase: str) -> float:
        """wordfreq's Zipf frequency of ``phrase``: 0.0 for unseen, about 7.7 for "the".

        Lemmas and the 260 k other words wordfreq knows are stored; a phrase that is not a
        lemma combines its words' frequencies as wordfreq does (1/f = 1/f1 + 1/f2...).

        >>> lexicon = Lexicon.load()
        >>> lexicon.zipf("forest"), lexicon.zipf("papers"), lexicon.zipf("qwxzv")
        (4.7, 4.61, 0.0)
        >>> lexicon.zipf("random forest") > lexicon.zipf("irregular woodland")
        True
        """
        index = self._id(phrase)
        if index is not None:
            return round(float(self._zipf[index]), 2)
        key = _key(phrase)
        value = self._frequencies().get(key)
        if value is not None:
            return value
        words = key.split(" ")
        if len(words) < 2:
            return 0.0
        values = [self.zipf(word) for word in words]
        if min(values) <= 0.0:
            return 0.0
        return round(-math.log10(sum(10.0 ** -v for v in values)), 2)

    def originals(
        self, phrase: str, pos: str | None = None, *, limit: int | None = None, sources: int = Source.ORIGINALS
    ) -> tuple[Link, ...]:
        """Lemmas a spinner could have replaced with ``phrase``, strongest first.

        ``phrase`` is a lemma (see :meth:`readings` for surface words). By default a lemma u
        qualifies when u's Moby entry lists ``phrase`` or they share a WordNet synset; pass
        ``sources=Source.ALL`` to follow every link. ``pos`` keeps links that hold for that
        part of speech (NOUN, VERB, ADJ, ADV); ``limit`` keeps the first ones.

        >>> link = Lexicon.load().originals("woodland", "NOUN")[0]
        >>> link.lemma, link.sources == Source.WORDNET | Source.MOBY_LISTS | Source.MOBY_LISTED_BY
        ('forest', True)
        """
        return self._view(phrase, pos, limit, int(sources))

    def synonyms(
        self, phrase: str, pos: str | None = None, *, limit: int | None = None, sources: int = Source.SYNONYMS
    ) -> tuple[Link, ...]:
        """Lemmas a spinner could put in place of ``phrase``, strongest first (the forward view).

        >>> [link.lemma for link in Lexicon.load().synonyms("forest", limit=4)]
        ['wood', 'woods', 'timber', 'woodland']
        >>> Lexicon.load().synonyms("random forest")
        ()
        """
        return self._view(phrase, pos, limit, int(sources))

    def readings(self, surface: str) -> tuple[tuple[str, str | None], ...]:
        """The ``(lemma, UPOS)`` readings of a surface word or phrase that the lexicon knows.

        Readings come from :func:`lemmas`, most plausible first, kept when the lexicon has the
        lemma with that part of speech; the surface itself follows when it is a lemma too.
        The part of speech is ``None`` for a lemma whose part of speech the lexicon does not
        know (Moby phrases outside WordNet).

        >>> Lexicon.load().readings("Spilled")
        (('spill', 'VERB'),)
        >>> Lexicon.load().readings("the executives")
        (('the executive', None),)
        """
        # Memoised: the detector asks about every two- and three-word window of a text, and
        # common windows ("the government") recur from text to text.
        readings = self._readings.get(surface)
        if readings is None:
            readings = remember(self._readings, surface, self._find_readings(surface), _CACHE_LIMIT)
        return readings

    def _find_readings(self, surface: str) -> tuple[tuple[str, str | None], ...]:
        found: dict[tuple[str, str | None], None] = {}
        for lemma, pos in lemmas(surface):
            index = self._id(lemma)
            if index is not None:
                bits = int(self._pos[index])
                if bits & POS_BITS[pos]:
                    found[(lemma, pos)] = None
                elif bits == 0:
                    found[(lemma, None)] = None
        key = _key(surface)
        index = self._id(key)
        if index is not None:
            names: list[str | None] = [name for name in POS_NAMES if name in _POS_SETS[int(self._pos[index])]]
            for name in names or [None]:
                found.setdefault((key, name), None)
        return tuple(found)

    def stats(self) -> dict[str, Any]:
        """Version, file, size and counts, for ``unspun lexicon`` to print."""
        return {
            "version": self.version,
            "path": str(self.path),
            "bytes": self.path.stat().st_size if self.path.exists() else 0,
            "max_words": self.max_words,
            "sources": dict(self._header.get("sources", {})),
            **self._header.get("counts", {}),
        }

    def _id(self, phrase: str) -> int | None:
        index = self._ids.get(phrase)
        if index is None:
            index = self._ids.get(_key(phrase))
        return index

    def _view(self, phrase: str, pos: str | None, limit: int | None, sources: int) -> tuple[Link, ...]:
        cache_key = (phrase, pos, limit, sources)
        links = self._cache.get(cache_key)
        if links is not None:
            return links
        if pos is not None and pos not in POS_BITS:
            raise ValueError(f"pos must be one of {', '.join(POS_NAMES)} or None, not {pos!r}")
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
            # -1 kept all links but the last (a slice), 2.5 all of them.
            raise ValueError(f"limit must be a whole number of links (0 or more) or None, not {limit!r}")
        if not isinstance(phrase, str):
            raise TypeError(f"a lemma is a str, not {type(phrase).__name__}")
        index = self._id(phrase)
        links = () if index is None else self._row(index, POS_BITS.get(pos or "", 0), limit, sources)
        return remember(self._cache, cache_key, links, _CACHE_LIMIT)

    def _row(self, index: int, pos_bit: int, limit: int | None, sources: int) -> tuple[Link, ...]:
        start, end = self._offsets[index], self._offsets[index + 1]
        if limit is not None and limit > 0:
            targets, codes = self._first_links(start, end, pos_bit, limit, sources)
        else:
            packed = self._links[start:end]
            keep = (packed & 15 & sources) != 0
            if pos_bit:
                keep &= ((packed >> 4) & pos_bit) != 0
            chosen = np.flatnonzero(keep)
            if limit is not None:
                chosen = chosen[:limit]
            targets, codes = self._targets[start:end][chosen].tolist(), packed[chosen].tolist()
        # A link is the same object wherever its edge turns up: building one costs more than
        # the numpy work of the whole row, and a few thousand lemmas are everyone's originals.
        made, result = self._made_links, []
        for target, code in zip(targets, codes, strict=True):
            link = made.get((target, code))
            if link is None:
                link = remember(made, (target, code), self._link(target, code), _CACHE_LIMIT)
            result.append(link)
        return tuple(result)

    def _first_links(
        self, start: int, end: int, pos_bit: int, limit: int, sources: int
    ) -> tuple[list[int], list[int]]:
        """Targets and codes of the first ``limit`` links of a row that qualify. A scan that
        stops early: the detector wants a few links of rows that run to thousands."""
        codes, target_of = self._codes, self._target_of
        targets: list[int] = []
        kept: list[int] = []
        for position in range(start, end):
            code = codes[position]
            if code & 15 & sources and (not pos_bit or (code >> 4) & pos_bit):
                targets.append(target_of[position])
                kept.append(code)
                if len(kept) == limit:
                    break
        return targets, kept

    def _link(self, target: int, code: int) -> Link:
        """The link to lemma ``target`` whose packed flags and parts of speech are ``code``."""
        flag = code & 15
        # float32 + float32 as numpy adds them, like the strengths of the links around it.
        strength = float(self._zipf[target] + self._bonus[flag])
        lemma = self._vocab[target]
        return Link(lemma, _POS_SETS[code >> 4], flag, round(strength - EXTRA_WORD_PENALTY * lemma.count(" "), 3))

    def _frequencies(self) -> dict[str, float]:
        if self._freq is None:
            words, values = self._freq_arrays
            self._freq = dict(zip(_split(words), rounded(values), strict=True))
        return self._freq


def rounded(values: np.ndarray) -> list[float]:
    """``values`` rounded to two decimals, each as Python's ``round(v, 2)`` gives it.

    For float32 values (the cache's) numpy's rounding (times 100, to the nearest integer,
    ties to even, divided by 100) is the same to the bit and fifty times faster (0.47 s for
    the 260,701 words of every cold start, session 68): a float32 times 100 is exact in
    float64 (24 + 7 bits), so both round the exact value half to even, and both divide
    correctly. Other types take Python's rounding."""
    if values.dtype == np.float32:
        return list(np.round(values.astype(np.float64), 2).tolist())
    return [round(v, 2) for v in values.tolist()]


def _split(joined: np.ndarray) -> list[str]:
    text = joined.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().replace("’", "'").replace("_", " ").split())
