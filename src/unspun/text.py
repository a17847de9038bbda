"""Tokens and sentences with character offsets into the text they came from.

The text is never rewritten before tokenising: every offset slices the original string, so a
finding's ``text[start:end]`` is exactly what the user sees. Normalisation (case, curly
apostrophes) happens on token *keys*, never on the text.

>>> [t.text for t in tokenize("The U.S. has 100,000 troops.")]
['The', 'U.S.', 'has', '100,000', 'troops', '.']
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

from .models import Sentence, Token

# Combining marks (the decomposed accent of "cafe\u0301"): not alphanumeric to Python, so
# without them a decomposed accent would split its word and a restoration move it onto the
# next one. The blocks of the Latin, Greek and Cyrillic scripts' marks.
_MARKS = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_LETTERS = rf"[^\W_]+(?:[{_MARKS}]+[^\W_]*)*"
WORD_PATTERN = rf"{_LETTERS}(?:['’]{_LETTERS})*"
"""A word as the tokenizer reads it (words, "6th", "covid19", "don't", "cafe\u0301"): a
regular-expression fragment for other readers of words (``unspun.capitals``)."""
WORD_RE = re.compile(WORD_PATTERN)
""":data:`WORD_PATTERN` compiled, for readers of words alone (``unspun.capitals``,
``unspun.restore``'s title case)."""
LINE_BREAKS = "\n\r\x85\u2028\u2029"
"""Every character that ends a line (LF, CR, NEL, LINE and PARAGRAPH SEPARATOR), for a
character class."""
LINE_BREAK_RE = re.compile(f"\r\n|[{LINE_BREAKS}]")
"""One line break, a CRLF as one (for the breaks of a text in turn, or the first of them)."""

# Order matters: abbreviations like "U.S." before words, grouped numbers before plain words.
_TOKEN_RE = re.compile(
    rf"""
    (?P<abbr>(?:[^\W\d_]\.){{2,}})                      # U.S.  e.g.  p.m.
  | (?P<number>\d+(?:[.,:]\d+)+|\d+(?![^\W_]|[{_MARKS}]))  # 100,000  3.5  10:30  1997
  | (?P<word>{WORD_PATTERN})              # words, 6th, covid19, don't, cafe\u0301
  | (?P<punct>[^\w\s]|_)
    """,
    re.VERBOSE,
)

# A blank line between paragraphs, whatever ends the lines (LF, CRLF, a lone CR as old Mac
# files have, NEL, LINE SEPARATOR), or Unicode's PARAGRAPH SEPARATOR on its own. A CR
# before an LF is never a line end of its own: the pattern backtracked into reading one
# CRLF as CR and LF, a blank line, so every line of a hard-wrapped Windows file ended a
# paragraph (and its sentence, and any listed phrase across it).
_LINE_BREAK = r"(?:\r\n|\r(?!\n)|[\n\x85\u2028])"
_SPACE_IN_LINE = r"[^\S\r\n\x85\u2028\u2029]"
PARAGRAPH_BREAK_RE = re.compile(rf"{_LINE_BREAK}{_SPACE_IN_LINE}*{_LINE_BREAK}|\u2029")
LINE_END_RE = re.compile(rf"{_SPACE_IN_LINE}*{_LINE_BREAK}{_SPACE_IN_LINE}*")
"""White space holding one line end (not a paragraph's): for ``fullmatch`` on a gap."""

# A sentence ends at . ! ? (and closing quotes/brackets after it) followed by space and a
# capital, a digit or an opening quote; or at a paragraph break. A match starts only where
# a run of . ! ? starts: one starting inside a run ends where one from its start can, and
# trying each position of a run made a page of 80,000 dots take 71 s (quadratic).
_SENTENCE_END_RE = re.compile(rf"""(?<![.!?])[.!?]+["'”’)\]]*(?=\s+["“‘(\[]?[A-Z0-9])|{PARAGRAPH_BREAK_RE.pattern}""")
_NON_FINAL_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "st", "sen", "rep", "gov", "gen", "col", "lt", "no", "vs"}
)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word, number and punctuation tokens with exact offsets."""
    tokens: list[Token] = []
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup
        if kind == "abbr":
            kind = "word"
        tokens.append(Token(match.group(), match.start(), match.end(), kind))  # type: ignore[arg-type]
    return tokens


def sentences(text: str, tokens: list[Token] | None = None) -> list[Sentence]:
    """Split ``text`` into sentences; each knows the range of ``tokens`` it covers."""
    if tokens is None:
        tokens = tokenize(text)
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        end = match.end() if match.group()[:1] in ".!?" else match.start()  # a break is no sentence's part
        previous_word = re.search(r"([A-Za-z]+)\.$", text[max(start, end - 6) : end])
        if previous_word and previous_word.group(1).lower() in _NON_FINAL_ABBREVIATIONS:
            continue
        bounds.append((start, end))
        start = match.end()
    bounds.append((start, len(text)))

    result: list[Sentence] = []
    token_index = 0
    for begin, end in bounds:
        # Trim whitespace so a sentence span starts and ends on visible text.
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if begin >= end:
            continue
        first = token_index
        while token_index < len(tokens) and tokens[token_index].start < end:
            token_index += 1
        result.append(Sentence(begin, end, first, token_index))
    return result


# Addresses a spinner copies as they are, and whose words are no prose: web addresses (with a
# scheme, "www.", or a domain and a path), bare domains of the common endings, e-mail
# addresses, hashtags and handles; and names in code joined by underscores ("im_start" of a
# model's "<|im_start|>" was a swap, start -> starting). Their words are split by the
# tokenizer like any others, so without this "big-data-irregular-woodland-methods" in a link
# restored into "big-data-random forest-methods". No branch starts inside a run of the
# characters it reads (the lookbehinds): one that could was quadratic on a long word (a DNA
# sequence of 40,000 letters took 5 s, 80,000 digits of pi 26 s). The endings of bare
# domains are lower case, as written: "the result.Net income" is a sentence without its space.
_LINK_RE = re.compile(
    r"""
    (?<![\w.+-])(?:[a-z][a-z0-9+.-]*://|www\.)\S+                       # https://... www....
  | (?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+                          # name@example.com
  | (?<![\w.@/-])(?:[\w-]+\.)+[a-z]{2,}/\S*                            # example.org/path
  | (?<![\w.@/-])(?:[\w-]+\.)+(?-i:com|org|net|gov|edu|info|io|uk)\b   # example.com
  | (?<![\w&#@])[#@][^\W\d_]\w*                                        # #hashtag @handle
  | (?<![\w#@])[^\W_]+(?:_[^\W_]+)+                                    # snake_case
    """,
    re.VERBOSE | re.IGNORECASE,
)
# What ends a sentence or a bracket after an address belongs to the sentence.
_LINK_TRAILER = ".,;:!?)]}'\"”’»"


@lru_cache(maxsize=4)
def link_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of ``text`` that are web or e-mail addresses, hashtags, handles or names in
    code (words joined by underscores), in order. Kept for the last few texts: a check asks
    three times of one text (the English check, the context, the known phrases), and the
    search costs about 1 ms per 1,000 words.

    >>> text = "See https://example.org/a-b-c. Or mail me@example.com, #news"
    >>> [text[start:end] for start, end in link_spans(text)]
    ['https://example.org/a-b-c', 'me@example.com', '#news']
    """
    spans = []
    for match in _LINK_RE.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _LINK_TRAILER:
            end -= 1
        spans.append((start, end))
    return tuple(spans)


_VOWEL_SOUNDING_LETTERS = frozenset("aefhilmnorsx")
"""The letters whose names begin with a vowel sound ("ef", "aitch", "ex")."""
_WORD_HYPHENS = frozenset("-‐‑")


def starts_with_vowel_sound(word: str) -> bool:
    """Does ``word`` start with a vowel sound? For a word spelt with a vowel first, as the
    CMU pronouncing dictionary (shipped in ``pocketsphinx``) says it; else, or for a word it
    does not know, by spelling rules. Spelling alone had "a unidentified", "a onerous", "an
    unanimous", "an usable".

    A letter standing alone ("x", "x-fold", "F-test", "n-gram") is said by its name: "an
    x-fold reduction", "a t-test".

    >>> [starts_with_vowel_sound(w) for w in ("hour", "forest", "unit", "idea", "one", "unidentified")]
    [True, False, False, True, False, True]
    >>> [starts_with_vowel_sound(w) for w in ("x-fold", "F-test", "t-test", "u-turn", "s")]
    [True, True, False, False, True]
    """
    w = word.lower()
    if w[:1].isalpha() and (len(w) == 1 or w[1:2] in _WORD_HYPHENS):
        return w[:1] in _VOWEL_SOUNDING_LETTERS
    if w.startswith(("hour", "honest", "honour", "honor", "heir")):
        return True
    if w[:1] in ("a", "e", "i", "o", "u"):
        known = _vowel_first_words().get(w.replace("’", "'"))
        if known is not None:
            return known
    if w.startswith(("uni", "use", "usu", "uti", "ura", "eu", "one", "once", "ubiq", "euro")):
        return False
    return w[:1] in ("a", "e", "i", "o", "u")


@lru_cache(maxsize=1)
def _vowel_first_words() -> dict[str, bool]:
    """Each word of the CMU pronouncing dictionary spelt with a vowel first: whether it is
    said with one ("unit", "one", "european" are not). Read once, when an article is first
    chosen (about 0.03 s). Only these: its American "herb" and "homage" are said with an "h" in
    the British news unspun reads most."""
    import pocketsphinx

    path = os.path.join(pocketsphinx.get_model_path(), "en-us", "cmudict-en-us.dict")
    sounds: dict[str, bool] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            word, _, phones = line.partition(" ")
            if word[:1] in "aeiou" and word[:1] and "(" not in word:  # "word(2)": a second pronunciation
                sounds[word] = phones[:1] in "AEIOU"
    return sounds


def composed(text: str) -> str:
    """``text`` with its accents composed (NFC), as the detector's keys are (:func:`word_key`):
    "cafe\u0301" and "café" are one word to a reader. ASCII text is returned as it is, at the
    cost of one check."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """The matching key of a word: lower case, straight apostrophes, accents composed (NFC).

    Composed: macOS and many PDF extractors write "café" as "cafe" and a combining accent,
    which a reader cannot tell from the composed "café"; keyed apart, a faithful copy of an
    original stored in the other form was "spun", every accented word a swap."""
    if word.isascii():
        return word.lower()
    return unicodedata.normalize("NFC", word.lower().replace("’", "'"))


def words(text: str) -> list[str]:
    """The lower-cased word and number tokens of ``text``, punctuation dropped."""
    return [word_key(t.text) for t in tokenize(text) if t.kind != "punct"]
