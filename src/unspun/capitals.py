"""Text written in capitals, read in ordinary case.

In a page written all in capitals every word looks like a name or an acronym: the detector
leaves such words alone (a spinner does), so a spun copy in capitals showed only its filler,
and the index's skeleton kept each of them as a name, so the copy shared no key with its
source. :func:`in_ordinary_case` gives such a text back the case a news text has: a word the
dictionary knows in lower case (capitalised where it starts a sentence), any other word, a
name or an acronym to the dictionary, capitalised. Every character keeps its place, so
offsets into the reading are offsets into the text.

>>> in_ordinary_case("MR O'NEILL SAID THE COMPANY'S PROFITS ROSE 76% TO $1.13BN. I DON'T KNOW.",
...                  known_word=lambda word: word in {"said", "the", "company", "profits", "rose", "to", "do", "know"})
"Mr O'neill said the company's profits rose 76% to $1.13bn. I don't know."
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

SHOUTED_SHARE = 0.8
"""The share of a text's words of two letters or more that must be in capitals for
:func:`shouted`."""
SHOUTED_MIN_WORDS = 8
"""Fewer words in capitals are a headline or a heading, read in their own case."""

# Words, and numbers with letters ("1.13BN", "G8"), with inner apostrophes.
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))
_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_SENTENCE_BREAK_RE = re.compile(r"[.!?\n]")
# What the part before an apostrophe of a contraction is, when it is no word itself.
_CONTRACTED = {"don": "do", "doesn": "does", "didn": "did", "isn": "is", "aren": "are", "wasn": "was",
               "weren": "were", "hasn": "has", "haven": "have", "hadn": "had", "won": "will", "wouldn": "would",
               "can": "can", "couldn": "could", "shouldn": "should", "mustn": "must"}


def shouted(text: str) -> bool:
    """Whether ``text`` is written in capitals: at least :data:`SHOUTED_SHARE` of its words of
    two letters or more, and :data:`SHOUTED_MIN_WORDS` of them.

    >>> shouted("QUARTERLY PROFITS AT US MEDIA GIANT TIMEWARNER JUMPED 76% TO $1.13BN.")
    True
    >>> shouted("Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn.")
    False
    """
    encoded = text.encode("utf-8", "ignore")
    small = len(encoded) - len(encoded.translate(None, _ASCII_LOWER))
    capitals = len(encoded) - len(encoded.translate(None, _ASCII_UPPER))
    if small > capitals:
        return False  # more small letters than capitals (most texts): no need to count words
    words = [word for word in _WORD_RE.findall(text) if len(word) > 1 and word[0].isalpha()]
    upper = sum(1 for word in words if word.isupper())
    return upper >= SHOUTED_MIN_WORDS and upper >= SHOUTED_SHARE * len(words)


def in_ordinary_case(text: str, known_word: Callable[[str], bool] | None = None) -> str:
    """``text`` in the case of ordinary prose: each word in capitals that ``known_word`` (a
    test on the lower-cased word; default :func:`known_word`) knows in lower case, or
    capitalised at a sentence's start; each other word in capitals capitalised (a name);
    numbers with letters in lower case. Words not in capitals, and any whose case mapping
    would change its length, are left as they are. The result has the length of ``text``."""
    known = known_word or globals()["known_word"]
    parts: list[str] = []
    end = 0
    initial = False  # the word before is one letter: "U.S.", "J. SMITH" end no sentence
    for match in _WORD_RE.finditer(text):
        word = match.group()
        between = text[end : match.start()]
        parts.append(between)
        starts_sentence = end == 0 or _SENTENCE_BREAK_RE.search(between.replace(".", "") if initial else between) is not None
        end = match.end()
        initial = len(word) == 1
        lower = word.lower()
        if not word.isupper() or len(lower) != len(word) or (initial and lower != "a"):
            parts.append(word)
        elif word[0].isdigit():
            parts.append(lower)
        elif lower == "i" or lower[:2] in ("i'", "i’"):
            parts.append("I" + lower[1:])
        elif known(_lookup(lower)):
            parts.append(lower[0].upper() + lower[1:] if starts_sentence else lower)
        else:
            parts.append(word[0] + lower[1:])
    parts.append(text[end:])
    return "".join(parts)


def _lookup(lower: str) -> str:
    """The word that decides the case of ``lower``: the part before an apostrophe ("company's",
    "don't": "do"), or after it behind one letter ("o'neill")."""
    stem, _, rest = lower.replace("’", "'").partition("'")
    if not rest:
        return stem
    return rest if len(stem) == 1 else _CONTRACTED.get(stem, stem)


@lru_cache(maxsize=1 << 16)
def known_word(word: str) -> bool:
    """Whether ``word`` (lower case) is a function word or an English word to the lexicon
    (in any inflection; names are not in it). Loads the lexicon on first use."""
    from .detect.context import FUNCTION_WORDS
    from .lexicon import Lexicon

    return word in FUNCTION_WORDS or bool(Lexicon.load().readings(word))
