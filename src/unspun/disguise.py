"""Characters that hide a copied text from a checker without changing what a reader sees.

Content farms and students evading plagiarism checkers put invisible characters inside words
("mem\\u200bbership"), or Cyrillic and Greek letters that look Latin ("Russiа" with a Cyrillic
"а"), and some pages set their text in full-width or mathematical letters ("ｔｅｎｓｉｏｎｓ",
"𝐭𝐞𝐧𝐬𝐢𝐨𝐧𝐬"). Every such word is unknown to the lexicon and the language models, so
detection and tracing would be blind to it.

:func:`read_through` gives the text as a reader sees it (invisible characters dropped, look-
alikes, styled letters and ligatures read as the Latin letters they show) and maps offsets in that reading
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
INVISIBLE = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\u034f\u115f\u1160\u3164\uffa0\ufe00-\ufe0f\U000e0100-\U000e01ef"
)
"""The invisible characters, as the inside of a regular expression's character class."""
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
# Full-width ASCII, the mathematical alphanumeric letters and digits, and the Latin ligatures
# ("ﬁ", "ﬂ"; text copied from a PDF has them), which are read as two or three letters.
_STYLED = "\uff01-\uff5e\U0001d400-\U0001d7ff\ufb00-\ufb06"

# Anything read_through may change; a text without any is read as it is, at the cost of
# one search (almost every text).
_SUSPECT_RE = re.compile(f"[{INVISIBLE}{_STYLED}{''.join(LOOKALIKES)}]")
INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
"""One invisible character (see the module's description)."""


def is_blank(text: str) -> bool:
    """Whether ``text`` holds nothing a reader sees: whitespace and invisible characters only."""
    # One pass that stops at the first visible character: no copy of a large text.
    return all(character.isspace() or INVISIBLE_RE.match(character) for character in text)


_STYLED_RE = re.compile(f"[{_STYLED}]")
# Chinese, Japanese and Korean script (Han, kana, Hangul, half-width kana).
_CJK_RE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff66-\uff9f]")
# A word of the reading for the look-alike rule: letters (and marks) only.
_WORD_RE = re.compile(r"[^\W\d_]+")
_LATIN_RE = re.compile(r"[A-Za-z]")
# Whole words of look-alikes ("сар") are read as Latin only in a text that is this Latin.
LATIN_SHARE = 0.9
# A soft hyphen before a line break (with spaces around it) between letters: the word was
# broken there on purpose, whatever the word.
_SOFT_BREAK_RE = re.compile(r"(?<=[^\W\d_])\u00ad[ \t]*(?:\r\n|[\n\r])[ \t]*(?=[^\W\d_])")
# A word broken at a line's end by a hyphen: letters, "-", the line break (spaces around it),
# and a lower-case letter going on (a capital starts a name or a sentence: "Anglo-\nSaxon").
# The look-behind starts a match only at a word's start: without it a long run of letters
# is scanned again from each of its letters.
LINE_BREAK_HYPHEN_RE = re.compile(
    r"(?<![^\W\d_])([^\W\d_]+)[-\u2010][ \t]*(?:\r\n|[\n\r])[ \t]*(?=([^\W\d_]+))")
"""A word broken by a hyphen at a line's end: the part before (group 1), the break, and the
part after (group 2, not consumed). Shared by the index's keys and the aligner."""
HYPHEN_BREAK_RE = re.compile(f"[-\u2010][ \t{INVISIBLE}]*[\r\n]")
"""A hyphen at a line's end: the quick test before :data:`LINE_BREAK_HYPHEN_RE`."""
# The whole must be at least this common (Zipf) to be read as one word.
JOINED_ZIPF = 2.0
# Scripts whose letters a disguise is made of, or among: an invisible character beside a
# letter or mark of another script (Persian's non-joiner, an Indic joiner, Thai's zero-width
# space between words) is part of how that script is written.
_OWN_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "MATHEMATICAL", "FULLWIDTH", "COMBINING")
_KEYCAP = "\u20e3"  # COMBINING ENCLOSING KEYCAP, after a digit, "#" or "*" and U+FE0F
_KEYCAP_BASES = frozenset("0123456789#*")


@dataclass(frozen=True, slots=True)
class DisguisedWord:
    """A word of the text holding invisible characters or look-alike letters.

    ``text[start:end]`` is the word as given; ``shown`` the word a reader sees, as the
    detector reads it (plain letters); ``undone`` the word with the disguise taken out and
    nothing else changed (styled letters stay styled); ``invisible`` and ``lookalikes`` how
    many disguising characters of each kind it holds, ``hidden`` the invisible ones' code
    points.
    """

    start: int
    end: int
    text: str
    shown: str
    undone: str
    invisible: int
    lookalikes: int
    hidden: tuple[str, ...] = ()

    def describe(self) -> str:
        """"2 invisible characters (U+200B) and 1 Cyrillic look-alike letter inside the word"."""
        parts = []
        if self.invisible:
            plural = "s" if self.invisible > 1 else ""
            parts.append(f"{self.invisible} invisible character{plural} ({', '.join(self.hidden)})")
        if self.lookalikes:
            scripts = sorted({_script(c) for c in self.text if c in LOOKALIKES})
            plural = "s" if self.lookalikes > 1 else ""
            parts.append(f"{self.lookalikes} {'/'.join(scripts)} look-alike letter{plural}")
        return f"{' and '.join(parts)} inside the word"


@dataclass(frozen=True, slots=True)
class Reading:
    """A text as a reader sees it, and the way back to the text.

    ``text`` is the reading; ``original`` the text it was read from. Characters are dropped
    (invisible ones, the hyphens and line breaks of ``joined`` words), replaced one for one
    (look-alikes, styled letters) or, for a ligature, by its letters ("ﬁ": "fi"), so offsets
    in the reading move back by the number of characters dropped before them and forward by
    the number of letters a ligature added.
    """

    text: str
    original: str
    disguised: tuple[DisguisedWord, ...] = ()
    styled: int = 0
    joined: int = 0  # words broken by a hyphen at a line's end, read whole
    # _drops[k]: the reading's position of the first character kept after the k-th dropped
    # character (sorted): a reading offset moves back past every drop at or before it.
    _drops: tuple[int, ...] = ()
    # _extras: the reading's positions of the letters a ligature added (its second and third):
    # each stands where the ligature does.
    _extras: tuple[int, ...] = ()

    @property
    def unchanged(self) -> bool:
        return self.text is self.original

    def position(self, offset: int) -> int:
        """Where the reading's ``offset`` (a character, or the end) stands in the text."""
        return offset + bisect.bisect_right(self._drops, offset) - bisect.bisect_right(self._extras, offset)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The text's span for the reading's ``[start, end)``: from its first character to
        its last, so invisible characters inside it are taken in, those around it not; an
        empty span stays empty, before the characters dropped there."""
        if end <= start:
            at = start + bisect.bisect_left(self._drops, start) - bisect.bisect_right(self._extras, start)
            return at, at
        return self.position(start), self.position(end - 1) + 1


WordFrequency = Callable[[str], float]
"""A word's Zipf frequency (0 for an unknown word): ``Lexicon.zipf``."""


def read_through(text: str, frequency: WordFrequency | None = None) -> Reading:
    """``text`` as a reader sees it (see the module's description). With ``frequency``, a
    word broken by a hyphen at a line's end ("irregu-\\nlar", as text copied from a PDF has
    it) is read whole when the whole is a known word commoner than one of its parts, or
    than the parts as a hyphenated compound (:func:`_joins`); a
    soft hyphen at a line's end always joins its word."""
    hyphen_breaks = frequency is not None and HYPHEN_BREAK_RE.search(text) is not None
    # Every suspect character lies outside ASCII: most texts are told in a few nanoseconds,
    # the rest by the search (about 60 microseconds for a 2,000-character article).
    if not hyphen_breaks and (text.isascii() or not _SUSPECT_RE.search(text)):
        return Reading(text, text)
    # origin[i]: the position in ``text`` of the reading's character i.
    characters, origin, styled, joined = _plain_characters(text)
    reading, lookalike_at = _read_lookalikes("".join(characters))
    lookalikes = {origin[i] for i in lookalike_at}  # before a join shifts the reading
    if hyphen_breaks and frequency is not None:
        broken, words = _line_break_hyphens(reading, frequency)
        if broken:
            reading = "".join(c for i, c in enumerate(reading) if i not in broken)
            origin = [o for i, o in enumerate(origin) if i not in broken]
            joined += words
    if reading == text:  # only look-alikes of a non-Latin text: nothing to read through
        return Reading(text, text)
    disguised = _disguised_words(text, reading, origin, lookalikes)
    extras = tuple(i for i in range(1, len(origin)) if origin[i] == origin[i - 1])
    return Reading(reading, text, disguised, styled, joined, _drops_of(origin, len(text)), extras)


def _plain_characters(text: str) -> tuple[list[str], list[int], int, int]:
    """The characters of ``text`` with the invisible ones (and the line breaks after a soft
    hyphen, which joins its word) dropped and styled letters made plain; the position of each
    in ``text``; how many were styled; how many words the soft hyphens joined."""
    soft_breaks: set[int] = set()
    joined = 0
    if "\u00ad" in text:
        for match in _SOFT_BREAK_RE.finditer(text):
            soft_breaks.update(range(match.start(), match.end()))
            joined += 1
    characters: list[str] = []
    origin: list[int] = []
    styled = 0
    cjk: bool | None = None  # whether the text holds CJK script, asked once if needed
    for position, character in enumerate(text):
        if position in soft_breaks or _is_invisible(character):
            continue
        if _STYLED_RE.match(character):
            plain = unicodedata.normalize("NFKC", character)
            # Only ASCII: a styled Greek capital (NFKC "Ο") is no Latin letter, and a code
            # point the block reserves stays as it is.
            if plain.isascii() and (len(plain) == 1 or plain.isalpha()):
                if len(plain) > 1 and _beside_capitals(text, position):
                    plain = plain.upper()  # "ﬂAG": a ligature inside a word in capitals
                # Counted as styled: letters and digits, and full-width ones only in a text
                # without Chinese, Japanese or Korean, which are written with full-width
                # letters, digits and signs ("２０２３年", "ＡＩ技術": a review, session 62).
                # Full-width punctuation is read as its ASCII sign too, and never counted.
                full_width = character <= "\uff5e"
                if full_width and cjk is None:
                    cjk = _CJK_RE.search(text) is not None
                if plain.isalnum() and not (full_width and cjk):
                    styled += 1
                characters.extend(plain)
                origin.extend([position] * len(plain))
                continue
        characters.append(character)
        origin.append(position)
    return characters, origin, styled, joined


def _beside_capitals(text: str, position: int) -> bool:
    """Whether the letters beside ``position`` are capitals: at least one, and none small."""
    beside = [c for c in (text[position - 1 : position], text[position + 1 : position + 2]) if c.isalpha()]
    return bool(beside) and all(c.isupper() for c in beside)


def _drops_of(origin: list[int], length: int) -> tuple[int, ...]:
    """``Reading._drops`` from the reading's ``origin`` in a text of ``length`` characters."""
    drops: list[int] = []
    previous = -1
    for index, position in enumerate(origin):
        drops.extend([index] * (position - previous - 1))  # none for a ligature's second letter
        previous = position
    drops.extend([len(origin)] * (length - previous - 1))
    return tuple(drops)


def _line_break_hyphens(text: str, frequency: WordFrequency) -> tuple[set[int], int]:
    """The positions of the hyphens, spaces and line breaks of the words :func:`_joins` reads
    whole, and how many words those are."""
    positions: set[int] = set()
    words = 0
    for match in LINE_BREAK_HYPHEN_RE.finditer(text):
        left, right = match.group(1), match.group(2)
        # A capital after the break starts a name ("Anglo-\nSaxon"), unless the word is
        # written in capitals on both sides ("IRREGU-\nLAR"), which the frequency decides.
        if not right[0].islower() and not (len(left) > 1 and left.isupper() and right.isupper()):
            continue
        if _joins(left, right, frequency):
            positions.update(range(match.end(1), match.end()))
            words += 1
    return positions, words


def _joins(left: str, right: str, frequency: WordFrequency) -> bool:
    """Whether ``left``-``right``, broken at a line's end, is one word: the whole is a known
    word (``JOINED_ZIPF``) commoner than one of its parts ("irregu" + "lar": "irregular"), or
    commoner than the two parts written as a hyphenated compound (``frequency`` of
    "wood-land": 0 where the lexicon has no such entry). A typesetter breaks a word where
    its syllables part, often into two words: "wood" + "land" (woodland is rarer than both
    parts), "bo" + "som", "pro" + "found" were read as two words, and a listed tortured
    phrase split so was missed (an audit: 14% of the breaks of the list's words). A
    compound broken at its hyphen stays two words: "wellknown" is rarer than its parts and
    than "well-known"; "long-term" is commoner than "longterm".

    >>> zipf = {"irregular": 3.9, "irregu": 0.0, "lar": 1.6, "well": 6.1, "known": 5.5,
    ...         "wellknown": 1.6, "well-known": 5.3, "wood": 4.8, "land": 5.2, "woodland": 3.6,
    ...         "long": 5.8, "term": 5.2, "longterm": 2.8, "long-term": 5.1}.get
    >>> [_joins(a, b, lambda w: zipf(w, 0.0)) for a, b in
    ...  (("irregu", "lar"), ("well", "known"), ("wood", "land"), ("long", "term"))]
    [True, False, True, False]
    """
    whole = frequency((left + right).lower())
    if whole < JOINED_ZIPF:
        return False
    return whole > min(frequency(left.lower()), frequency(right.lower())) or whole > frequency(f"{left}-{right}".lower())


def _read_lookalikes(reading: str) -> tuple[str, set[int]]:
    """The reading with the look-alikes of Latin words made Latin, and where they were.

    A word mixing Latin letters and look-alikes is a disguise. A word of look-alikes only
    ("сор") is Russian in a Russian text, so it is read as Latin only when the text around
    is Latin (``LATIN_SHARE`` of its letters) and neither word beside it holds a Cyrillic or
    Greek letter no Latin one looks like (a Russian quote's "с")."""
    if not any(c in LOOKALIKES for c in reading):
        return reading, set()
    words = list(_WORD_RE.finditer(reading))
    letters = sum(len(m.group()) for m in words)
    # The share is the text's once its mixed words are read (they are made Latin below), so
    # that reading the reading again changes nothing: the index keys a stored text read
    # through, and a query may come read through already.
    latin = len(_LATIN_RE.findall(reading)) + sum(
        sum(1 for c in m.group() if c in LOOKALIKES) for m in words
        if _LATIN_RE.search(m.group()) and not _of_a_lookalike_script(m.group()))
    latin_text = letters > 0 and latin / letters >= LATIN_SHARE
    characters = list(reading)
    replaced: set[int] = set()
    for number, match in enumerate(words):
        word = match.group()
        if not any(c in LOOKALIKES for c in word) or _of_a_lookalike_script(word):
            continue  # nothing to read, or a word of that script
        if not _LATIN_RE.search(word):
            neighbours = words[max(0, number - 1) : number] + words[number + 1 : number + 2]
            if not latin_text or any(_of_a_lookalike_script(m.group()) for m in neighbours):
                continue
        for offset, character in enumerate(word, start=match.start()):
            if character in LOOKALIKES:
                characters[offset] = LOOKALIKES[character]
                replaced.add(offset)
    return ("".join(characters), replaced) if replaced else (reading, replaced)


def _of_a_lookalike_script(word: str) -> bool:
    """Whether ``word`` holds a Cyrillic or Greek letter that no Latin letter looks like."""
    return any(c not in LOOKALIKES and not c.isascii() and _script(c) in _LOOKALIKE_SCRIPTS for c in word)


def _disguised_words(text: str, reading: str, origin: list[int], lookalikes: set[int]) -> tuple[DisguisedWord, ...]:
    """The words and numbers of the reading (the tokenizer's: "don't", "U.S.", "100,000")
    whose text holds look-alikes or disguising invisible characters (:func:`_disguising`)."""
    from .text import tokenize

    words: list[DisguisedWord] = []
    for token in tokenize(reading):
        if token.kind == "punct":
            continue
        start, end = origin[token.start], origin[token.end - 1] + 1
        looks = [p for p in range(start, end) if p in lookalikes]
        if not looks and not INVISIBLE_RE.search(text, start, end):
            continue  # no invisible character inside, no look-alike: as given
        hidden = _disguising(text, start, end)
        if not hidden and not looks:
            continue
        skip = set(hidden)
        undone = "".join(LOOKALIKES[c] if p in lookalikes else c
                         for p, c in enumerate(text[start:end], start=start) if p not in skip)
        codes = tuple(sorted({f"U+{ord(text[p]):04X}" for p in hidden}))
        words.append(DisguisedWord(start, end, text[start:end], token.text, undone, len(hidden), len(looks), codes))
    return tuple(words)


def _disguising(text: str, start: int, end: int) -> list[int]:
    """The positions of the invisible characters in ``text[start:end]`` that disguise a word:
    not soft hyphens (put in good faith), and with no letter or mark of a script that writes
    with such characters on either side of their run (the nearest visible characters)."""
    found: list[int] = []
    position = start
    while position < end:
        if not _is_invisible(text[position]):
            position += 1
            continue
        run = position
        while position < len(text) and _is_invisible(text[position]):
            position += 1
        before = text[run - 1] if run > 0 else ""
        after = text[position] if position < len(text) else ""
        if after == _KEYCAP and before in _KEYCAP_BASES and text[run:position] == "\ufe0f":
            continue  # "1\ufe0f\u20e3", the keycap emoji: its selector is how it is written
        if not (before and _foreign(before)) and not (after and _foreign(after)):
            found.extend(p for p in range(run, min(position, end)) if text[p] not in _NOT_A_DISGUISE)
    return found


def _foreign(character: str) -> bool:
    """A letter or mark of a script other than Latin, Cyrillic and Greek (styled included)."""
    if unicodedata.category(character)[0] not in "LM":
        return False
    name = unicodedata.name(character, "")
    return not any(script in name for script in _OWN_SCRIPTS)


def plain_letters(word: str) -> str:
    """``word`` with its invisible characters dropped and its look-alikes made Latin: how a
    short word ("а" with a Cyrillic letter, "a\\u200bn") is compared with a Latin one."""
    return "".join(LOOKALIKES.get(c, c) for c in word if not _is_invisible(c))


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
    original = reading.original
    for finding in findings:
        start, end = reading.span(finding.start, finding.end)
        end = _with_closing_controls(original, start, end)
        first = bisect.bisect_left(starts, start)
        inside = [w for w in reading.disguised[first : bisect.bisect_left(starts, end)] if w.end <= end]
        note = "; ".join(filter(None, [finding.note, *(f"'{w.shown}' holds {w.describe()}" for w in inside)]))
        moved.append(replace(finding, start=start, end=end, text=original[start:end], note=note))
    taken = SpanIndex(moved)
    for word in reading.disguised:
        if taken.clear(word):
            moved.append(Finding(word.start, word.end, word.text, word.undone, 1.0, ("disguise",), kind="disguise",
                                 note=f"{word.describe()}: it reads '{word.shown}' to a person, "
                                      "but not to a checker", suggestion_confidence=1.0))
    return sorted(moved, key=lambda f: (f.start, -f.end))


_OPENING_CONTROLS = frozenset("\u202a\u202b\u202d\u202e\u2066\u2067\u2068")
_CLOSING_CONTROLS = frozenset("\u202c\u2069")


def _with_closing_controls(text: str, start: int, end: int) -> int:
    """The end of the phrase ``text[start:end]`` taken on over the invisible characters after
    it up to the closing direction controls of those it opens: a restoration of "irregular
    \u202ewoodland\u202c" that took the opening control but not its closing one left half
    the pair behind. Nor more: "\u202eWe trained an irregular woodland\u202c" lost its
    closing control and kept the opening one, the rest of the page reversed (session 63)."""
    inside = text[start:end]
    open_controls = sum(c in _OPENING_CONTROLS for c in inside) - sum(c in _CLOSING_CONTROLS for c in inside)
    at = end
    while open_controls > 0 and at < len(text) and INVISIBLE_RE.match(text, at):
        if text[at] in _CLOSING_CONTROLS:
            open_controls -= 1
            end = at + 1
        elif text[at] in _OPENING_CONTROLS:
            break
        at += 1
    return end


def steps_undisguising(steps: Sequence[Step], reading: Reading) -> list[Step]:
    """``steps`` and, for each disguised word no step changes, a step giving back the word a
    reader sees: a restored text holds no invisible character or look-alike inside a word."""
    if not reading.disguised:
        return list(steps)
    changed = SpanIndex(steps)
    extra = [Step(w.start, w.end, w.text, w.undone, f"disguise: {w.describe()}", 1.0)
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
