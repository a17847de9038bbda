"""Characters that hide a copied text from a checker without changing what a reader sees.

Content farms and students evading plagiarism checkers put invisible characters inside words
("mem\\u200bbership"), or Cyrillic and Greek letters that look Latin ("Russiа" with a Cyrillic
"а"), and some pages set their text in full-width or mathematical letters ("ｔｅｎｓｉｏｎｓ",
"𝐭𝐞𝐧𝐬𝐢𝐨𝐧𝐬"). Every such word is unknown to the lexicon and the language models, so
detection and tracing would be blind to it.

:func:`read_through` gives the text as a reader sees it (invisible characters dropped, look-
alikes and styled letters read as the Latin letters they show) and maps offsets in that reading
back to the text: the detector and the aligner read the reading, findings and substitutions
point into the text the user gave. Invisible characters and look-alikes inside a word are a
deliberate disguise and are reported (:class:`DisguisedWord`); styled letters are visible, and
only read through.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from .models import Finding, Step
from .spans import SpanIndex

# Invisible characters: Unicode's format characters (category Cf as of Unicode 14, Python
# 3.11's: zero-width space and joiners, direction marks, word joiner, byte-order mark, soft
# hyphen...) and the invisible ones of other categories that evasion tools use: variation
# selectors, the combining grapheme joiner, Hangul fillers.
_INVISIBLE = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\u034f\u115f\u1160\u3164\uffa0\ufe00-\ufe0f\U000e0100-\U000e01ef"
)
# Soft hyphens are line-breaking hints word processors and CMSs put in good faith: read
# through, never called a disguise.
_NOT_A_DISGUISE = frozenset("\u00ad")

# Cyrillic and Greek letters drawn like a Latin one in common fonts (a subset of Unicode's
# confusables: those identical in shape, not merely similar; Greek alpha and nu are left out,
# since "α" and "ν" are everyday symbols in scientific text).
LOOKALIKES: dict[str, str] = {
    # Cyrillic
    "а": "a", "с": "c", "е": "e", "о": "o", "р": "p", "х": "x", "у": "y", "і": "i", "ј": "j",
    "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l",
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M",
    "О": "O", "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "Ү": "Y", "Ԛ": "Q", "Ԝ": "W",
    # Greek
    "ο": "o", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}
_LOOKALIKE_SCRIPTS = frozenset({"Cyrillic", "Greek"})
# Full-width ASCII and the mathematical alphanumeric letters and digits.
_STYLED = "\uff01-\uff5e\U0001d400-\U0001d7ff"

# Anything read_through may change; a text without any is read as it is, at the cost of
# one search (almost every text).
_SUSPECT_RE = re.compile(f"[{_INVISIBLE}{_STYLED}{''.join(LOOKALIKES)}]")
INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
"""One invisible character (see the module's description)."""
_STYLED_RE = re.compile(f"[{_STYLED}]")
# A word of the reading for the look-alike rule: letters (and marks) only.
_WORD_RE = re.compile(r"[^\W\d_]+")
_LATIN_RE = re.compile(r"[A-Za-z]")
# Whole words of look-alikes ("сар") are read as Latin only in a text that is this Latin.
LATIN_SHARE = 0.9


@dataclass(frozen=True, slots=True)
class DisguisedWord:
    """A word of the text holding invisible characters or look-alike letters.

    ``text[start:end]`` is the word as given, ``shown`` the word a reader sees (the plain
    letters), ``invisible`` and ``lookalikes`` how many of each it holds.
    """

    start: int
    end: int
    text: str
    shown: str
    invisible: int
    lookalikes: int

    def describe(self) -> str:
        """"2 invisible characters (U+200B) and 1 Cyrillic look-alike letter inside the word"."""
        parts = []
        if self.invisible:
            codes = sorted({f"U+{ord(c):04X}" for c in self.text if _is_invisible(c)})
            plural = "s" if self.invisible > 1 else ""
            parts.append(f"{self.invisible} invisible character{plural} ({', '.join(codes)})")
        if self.lookalikes:
            scripts = sorted({_script(c) for c in self.text if c in LOOKALIKES})
            plural = "s" if self.lookalikes > 1 else ""
            parts.append(f"{self.lookalikes} {'/'.join(scripts)} look-alike letter{plural}")
        return f"{' and '.join(parts)} inside the word"


@dataclass(frozen=True, slots=True)
class Reading:
    """A text as a reader sees it, and the way back to the text.

    ``text`` is the reading; ``original`` the text it was read from. Characters are dropped
    (invisible ones, the hyphens and line breaks of ``joined`` words) or replaced one for one
    (look-alikes, styled letters), never added, so offsets in the reading move back by the
    number of characters dropped before them.
    """

    text: str
    original: str
    disguised: tuple[DisguisedWord, ...] = ()
    styled: int = 0
    joined: int = 0  # words broken by a hyphen at a line's end, read whole
    # _drops[k]: the reading's position of the first character kept after the k-th dropped
    # character (sorted): a reading offset moves back past every drop at or before it.
    _drops: tuple[int, ...] = ()

    @property
    def unchanged(self) -> bool:
        return self.text is self.original

    def position(self, offset: int) -> int:
        """Where the reading's ``offset`` (a character, or the end) stands in the text."""
        return offset + bisect.bisect_right(self._drops, offset)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The text's span for the reading's ``[start, end)``: from its first character to
        its last, so invisible characters inside it are taken in, those around it not; an
        empty span stays empty, before the characters dropped there."""
        if end <= start:
            at = start + bisect.bisect_left(self._drops, start)
            return at, at
        return self.position(start), self.position(end - 1) + 1


WordFrequency = Callable[[str], float]
"""A word's Zipf frequency (0 for an unknown word): ``Lexicon.zipf``."""


def read_through(text: str, frequency: WordFrequency | None = None) -> Reading:
    """``text`` as a reader sees it (see the module's description). With ``frequency``, a
    word broken by a hyphen at a line's end ("irregu-\\nlar", as text copied from a PDF has
    it) is read whole when the whole is a commoner word than its parts (:func:`_joins`)."""
    breaks, joined = _line_break_hyphens(text, frequency) if frequency is not None else (set(), 0)
    if not breaks and not _SUSPECT_RE.search(text):
        return Reading(text, text)
    kept: list[str] = []
    drops: list[int] = []
    styled = 0
    for position, character in enumerate(text):
        if position in breaks or _is_invisible(character):
            drops.append(len(kept))
            continue
        if _STYLED_RE.match(character):
            plain = unicodedata.normalize("NFKC", character)
            if len(plain) == 1:
                styled += 1
                character = plain
        kept.append(character)
    reading, lookalike_at = _read_lookalikes("".join(kept))
    if reading == text:  # only look-alikes of a non-Latin text: nothing to read through
        return Reading(text, text)
    shape = Reading(reading, text, (), styled, 0, tuple(drops))
    return Reading(reading, text, _disguised_words(shape, lookalike_at), styled, joined, tuple(drops))


# A word broken at a line's end by a hyphen: letters, "-", the line break (spaces around it),
# and a lower-case letter going on (a capital starts a name or a sentence: "Anglo-\nSaxon").
_LINE_BREAK_HYPHEN_RE = re.compile(r"([^\W\d_]+)-[ \t]*(?:\r\n|[\n\r])[ \t]*(?=([a-z][^\W\d_]*))")
# The whole must be at least this common (Zipf) to be read as one word.
JOINED_ZIPF = 2.0


def _line_break_hyphens(text: str, frequency: WordFrequency) -> tuple[set[int], int]:
    """The positions of the hyphens, spaces and line breaks of the words :func:`_joins` reads
    whole, and how many words those are."""
    positions: set[int] = set()
    words = 0
    if "-" not in text:
        return positions, words
    for match in _LINE_BREAK_HYPHEN_RE.finditer(text):
        if _joins(match.group(1), match.group(2), frequency):
            positions.update(range(match.end(1), match.end()))
            words += 1
    return positions, words


def _joins(left: str, right: str, frequency: WordFrequency) -> bool:
    """Whether ``left``-``right``, broken at a line's end, is one word: the whole is a known
    word commoner than one of its parts ("irregu" + "lar": "irregular"), where a compound
    broken at its hyphen is not ("well" + "known": "wellknown" is rarer than both).

    >>> zipf = {"irregular": 3.9, "irregu": 0.0, "lar": 1.6, "well": 6.1, "known": 5.5}.get
    >>> _joins("irregu", "lar", lambda w: zipf(w, 0.0)), _joins("well", "known", lambda w: zipf(w, 0.0))
    (True, False)
    """
    whole = frequency((left + right).lower())
    return whole >= JOINED_ZIPF and whole > min(frequency(left.lower()), frequency(right.lower()))


def _read_lookalikes(reading: str) -> tuple[str, set[int]]:
    """The reading with the look-alikes of Latin words made Latin, and where they were.

    A word mixing Latin letters and look-alikes is a disguise. A word of look-alikes only
    ("сор") is Russian in a Russian text, so it is read as Latin only when the text around
    is Latin (``LATIN_SHARE`` of its letters)."""
    if not any(c in LOOKALIKES for c in reading):
        return reading, set()
    letters = sum(len(m.group()) for m in _WORD_RE.finditer(reading))
    latin = len(_LATIN_RE.findall(reading))
    latin_text = letters > 0 and latin / letters >= LATIN_SHARE
    characters = list(reading)
    replaced: set[int] = set()
    for match in _WORD_RE.finditer(reading):
        word = match.group()
        if not any(c in LOOKALIKES for c in word):
            continue
        if any(c not in LOOKALIKES and _script(c) in _LOOKALIKE_SCRIPTS for c in word):
            continue  # a Cyrillic or Greek letter no Latin one looks like: a word of that script
        if not (_LATIN_RE.search(word) or latin_text):
            continue
        for offset, character in enumerate(word, start=match.start()):
            if character in LOOKALIKES:
                characters[offset] = LOOKALIKES[character]
                replaced.add(offset)
    return ("".join(characters), replaced) if replaced else (reading, replaced)


def _disguised_words(shape: Reading, lookalike_at: set[int]) -> tuple[DisguisedWord, ...]:
    """The words of the text that hold look-alikes or invisible characters between letters."""
    text, reading = shape.original, shape.text
    words: list[DisguisedWord] = []
    for match in re.finditer(r"\w+", reading):
        start, end = shape.span(match.start(), match.end())
        piece = text[start:end]
        invisible = sum(1 for c in piece if _is_invisible(c) and c not in _NOT_A_DISGUISE)
        lookalikes = sum(1 for offset in range(match.start(), match.end()) if offset in lookalike_at)
        if invisible or lookalikes:
            words.append(DisguisedWord(start, end, piece, match.group(), invisible, lookalikes))
    return tuple(words)


def _is_invisible(character: str) -> bool:
    return bool(INVISIBLE_RE.match(character))


def _script(character: str) -> str:
    return unicodedata.name(character, "").split(" ", 1)[0].title()


def findings_on_text(findings: Iterable[Finding], reading: Reading) -> list[Finding]:
    """The detector's ``findings`` on ``reading.text`` moved onto the text it was read from,
    and a finding for each disguised word that none covers (its suggestion: the word shown).
    A finding holding disguised words says so in its note."""
    if reading.unchanged:
        return list(findings)
    moved = []
    starts = [word.start for word in reading.disguised]
    for finding in findings:
        start, end = reading.span(finding.start, finding.end)
        first = bisect.bisect_left(starts, start)
        inside = [w for w in reading.disguised[first : bisect.bisect_left(starts, end)] if w.end <= end]
        note = "; ".join(filter(None, [finding.note, *(f"'{w.shown}' holds {w.describe()}" for w in inside)]))
        moved.append(replace(finding, start=start, end=end, text=reading.original[start:end], note=note))
    taken = SpanIndex(moved)
    for word in reading.disguised:
        if taken.clear(word):
            moved.append(Finding(word.start, word.end, word.text, word.shown, 1.0, ("disguise",), kind="disguise",
                                 note=f"{word.describe()}: it reads '{word.shown}' to a person, "
                                      "but not to a checker", suggestion_confidence=1.0))
    return sorted(moved, key=lambda f: (f.start, -f.end))


def steps_undisguising(steps: Sequence[Step], reading: Reading) -> list[Step]:
    """``steps`` and, for each disguised word no step changes, a step giving back the word a
    reader sees: a restored text holds no invisible character or look-alike inside a word."""
    if not reading.disguised:
        return list(steps)
    changed = SpanIndex(steps)
    extra = [Step(w.start, w.end, w.text, w.shown, f"disguise: {w.describe()}", 1.0)
             for w in reading.disguised if changed.clear(w)]
    return sorted([*steps, *extra], key=lambda step: step.start)


def reading_stats(reading: Reading) -> dict[str, int]:
    """What a report's ``stats["read_through"]`` counts: disguised words, the invisible
    characters and look-alike letters in them, styled letters read as plain ones, and words
    broken by a hyphen at a line's end read whole."""
    return {
        "disguised_words": len(reading.disguised),
        "invisible": sum(word.invisible for word in reading.disguised),
        "lookalikes": sum(word.lookalikes for word in reading.disguised),
        "styled": reading.styled,
        "joined": reading.joined,
    }
