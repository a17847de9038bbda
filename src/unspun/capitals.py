"""Text written in capitals, read in ordinary case.

In a page written all in capitals every word looks like a name or an acronym: the detector
leaves such words alone (a spinner does), so a spun copy in capitals showed only its filler,
and the index's skeleton kept each of them as a name, so the copy shared no key with its
source. :func:`in_ordinary_case` gives such a text back the case a news text has: a word the
dictionary knows in lower case (capitalised where it starts a sentence), any other word, a
name or an acronym to the dictionary, capitalised. Every character keeps its place, so
offsets into the reading are offsets into the text.

>>> in_ordinary_case("MR O'NEILL SAID THE COMPANY'S PROFITS ROSE 76% TO $1.13BN. I DON'T KNOW.",
...                  knows=lambda word: word in {"said", "the", "company", "profits", "rose", "to", "do", "know"})
"Mr O'neill said the company's profits rose 76% to $1.13bn. I don't know."
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .text import LINE_BREAKS, WORD_PATTERN

SHOUTED_SHARE = 0.8
"""The share of a text's words of two letters or more that must be in capitals for
:func:`shouted`."""
SHOUTED_MIN_WORDS = 8
"""Fewer words in capitals are a headline or a heading, read in their own case."""

# Words as the tokenizer reads them, numbers with letters ("1.13BN", "G8") among them: with
# inner apostrophes and decomposed accents (split at "NAI\u0308VE", its halves were recased
# apart: "Nai\u0308Ve", a word in mixed case to the detector).
_WORD_RE = re.compile(WORD_PATTERN)
# A stop, or any line break (a lone CR, NEL, LINE and PARAGRAPH SEPARATOR too).
_SENTENCE_BREAK_RE = re.compile(f"[.!?{LINE_BREAKS}]")
# Longer is no English word (and would fill known_word's cache): a name, a code, a link.
_LONGEST_WORD = 45
# What the part before an apostrophe of a contraction is, when it is no word itself.
_CONTRACTED = {"don": "do", "doesn": "does", "didn": "did", "isn": "is", "aren": "are", "wasn": "was",
               "weren": "were", "hasn": "has", "haven": "have", "hadn": "had", "won": "will", "wouldn": "would",
               "can": "can", "couldn": "could", "shouldn": "should", "mustn": "must", "needn": "need",
               "mightn": "might", "oughtn": "ought", "shan": "shall"}


def shouted(text: str) -> bool:
    """Whether ``text`` is written in capitals: at least :data:`SHOUTED_SHARE` of its words of
    two letters or more, and :data:`SHOUTED_MIN_WORDS` of them.

    >>> shouted("QUARTERLY PROFITS AT US MEDIA GIANT TIMEWARNER JUMPED 76% TO $1.13BN.")
    True
    >>> shouted("Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn.")
    False
    """
    # The words are counted even where small letters outnumber capitals: a few long words in
    # small letters (a link, a hash) leave a text in capitals. The count is cheap (about 0.05 s
    # a million characters) beside the check it decides for.
    words = [word for word in _WORD_RE.findall(text) if len(word) > 1 and word[0].isalpha()]
    upper = sum(1 for word in words if word.isupper())
    return upper >= SHOUTED_MIN_WORDS and upper >= SHOUTED_SHARE * len(words)


def in_ordinary_case(text: str, knows: Callable[[str], bool] | None = None) -> str:
    """``text`` in the case of ordinary prose: each word in capitals that ``knows`` (a test
    on the lower-cased word; default :func:`known_word`) accepts in lower case, or
    capitalised at a sentence's start; each other word in capitals capitalised (a name);
    numbers with letters in lower case. Words not in capitals, and any whose case mapping
    would change its length, are left as they are. The result has the length of ``text``."""
    known = known_word if knows is None else knows
    parts: list[str] = []
    end = 0
    # The word before is one letter: "U.S.", "J. SMITH" end no sentence (a digit is no
    # initial: "FELL 3%. THE", "1. THE" do).
    initial = False
    for match in _WORD_RE.finditer(text):
        word = match.group()
        between = text[end : match.start()]
        parts.append(between)
        starts_sentence = end == 0 or _SENTENCE_BREAK_RE.search(between.replace(".", "") if initial else between) is not None
        end = match.end()
        initial = len(word) == 1 and word.isalpha()
        lower = word.lower()
        if not word.isupper() or len(lower) != len(word) or (len(word) == 1 and lower != "a"):
            parts.append(word)
        elif word[0].isdigit():
            parts.append(lower)
        elif lower == "i" or lower[:2] in ("i'", "i’"):
            parts.append("I" + lower[1:])
        elif len(word) <= _LONGEST_WORD and known(_lookup(lower)):
            # The capital as written, not lower[0].upper(): "ẞ" lowers to "ß", whose capital is "SS".
            parts.append(word[0] + lower[1:] if starts_sentence else lower)
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
