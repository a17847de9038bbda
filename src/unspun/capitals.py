"""Text written in capitals, or in title case, read in ordinary case.

In a page written all in capitals every word looks like a name or an acronym: the detector
leaves such words alone (a spinner does), so a spun copy in capitals showed only its filler,
and the index's skeleton kept each of them as a name, so the copy shared no key with its
source. A page in title case ("Quarterly Profits At The Media Giant Jumped...", as some
sites set whole articles) hides its words the same way. :func:`in_ordinary_case`
gives such a text back the case a news text has: a word the dictionary knows in lower case
(capitalised where it starts a sentence), any other word, a name or an acronym to the
dictionary, capitalised. Every character keeps its place, so offsets into the reading are
offsets into the text. :func:`read_in_ordinary_case` tells the case a text is written in
(:func:`written_case`) and reads it so.

>>> in_ordinary_case("MR O'NEILL SAID THE COMPANY'S PROFITS ROSE 76% TO $1.13BN. I DON'T KNOW.",
...                  knows=lambda word: word in {"said", "the", "company", "profits", "rose", "to", "do", "know"})
"Mr O'neill said the company's profits rose 76% to $1.13bn. I don't know."
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Literal

from .text import LINE_BREAKS, WORD_RE

SHOUTED_SHARE = 0.8
"""The share of a text's words of two letters or more that must be in capitals for
:func:`shouted`."""
SHOUTED_MIN_WORDS = 8
"""Fewer words in capitals are a headline or a heading, read in their own case (so are fewer
capitalised words in a text in title case)."""
TITLE_SHARE = 0.9
"""The share of a text's content words (two letters or more, neither a function word nor
written in capitals) that must start with a capital for :func:`title_cased`: in news about
a fifth do (names), in a sentence of names and titles most, so the bar is high."""
TITLE_KNOWN_SHARE = 0.5
"""The share of those capitalised words that the lexicon must know for :func:`title_cased`:
a team sheet or a cast list is mostly names, in their own case."""

WrittenCase = Literal["capitals", "title"]
"""How a text :func:`written_case` tells is written: all in capitals, or in title case."""

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
    return _shouted(_words(text))


def title_cased(text: str) -> bool:
    """Whether ``text`` is written in title case: at least :data:`TITLE_SHARE` of its content
    words start with a capital, :data:`SHOUTED_MIN_WORDS` of them at least, and the lexicon
    knows :data:`TITLE_KNOWN_SHARE` of those (:func:`known_word`, only asked when the rest
    holds: an ordinary text never loads the lexicon here).

    >>> title_cased("Quarterly Profits At US Media Giant TimeWarner Jumped 76% To $1.13bn, "
    ...             "Helped By Strong Sales Of Its Films.")
    True
    >>> title_cased("Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn.")
    False
    """
    return _title_cased(_words(text))


@lru_cache(maxsize=4)
def written_case(text: str) -> WrittenCase | None:
    """``"capitals"`` for a text :func:`shouted`, ``"title"`` for one :func:`title_cased`,
    ``None`` for one in ordinary case (its words read once for both).

    The last few answers are kept (about 0.2 ms each for an article): a trace asks about its
    text three times (the index lookup, the trace, the check of what no source explains)."""
    words = _words(text)
    if _shouted(words):
        return "capitals"
    return "title" if _title_cased(words) else None


def _words(text: str) -> list[str]:
    """The words of ``text`` that tell its case: two letters or more, a letter first."""
    # The words are counted even where small letters outnumber capitals: a few long words in
    # small letters (a link, a hash) leave a text in capitals. The count is cheap (about 0.05 s
    # a million characters) beside the check it decides for.
    return [word for word in WORD_RE.findall(text) if len(word) > 1 and word[0].isalpha()]


def _shouted(words: list[str]) -> bool:
    upper = sum(1 for word in words if word.isupper())
    return upper >= SHOUTED_MIN_WORDS and upper >= SHOUTED_SHARE * len(words)


def _title_cased(words: list[str]) -> bool:
    from .detect.context import FUNCTION_WORDS

    capitalised: list[str] = []
    small = 0
    for word in words:
        # Function words are left out: headline style writes "of", "the", "and" small. A word
        # in small letters (most words of most texts) is told first, with one lookup.
        if word.islower():
            if word not in FUNCTION_WORDS:
                small += 1
            continue
        if word.isupper() or word.lower() in FUNCTION_WORDS:
            continue
        if _title_shaped(word):
            capitalised.append(word)
    if len(capitalised) < SHOUTED_MIN_WORDS or len(capitalised) < TITLE_SHARE * (len(capitalised) + small):
        return False
    known = sum(1 for word in capitalised if len(word) <= _LONGEST_WORD and known_word(_lookup(word.lower())))
    return known >= TITLE_KNOWN_SHARE * len(capitalised)


def read_in_ordinary_case(text: str) -> str:
    """``text`` in ordinary case if it is written in capitals or in title case
    (:func:`written_case`), else ``text`` itself (the same object)."""
    case = written_case(text)
    return text if case is None else in_ordinary_case(text, case=case)


def _title_shaped(word: str) -> bool:
    """A capital, then no other: "Stress", "A", "Rome's" (not "BBC", "McDonald", "O'Neill")."""
    return word[0].isupper() and not any(character.isupper() for character in word[1:])


def in_ordinary_case(text: str, knows: Callable[[str], bool] | None = None, case: WrittenCase = "capitals") -> str:
    """``text``, written in ``case``, in the case of ordinary prose: each word so written that
    ``knows`` (a test on the lower-cased word; default :func:`known_word`) accepts in lower
    case, or capitalised at a sentence's start; each other such word capitalised (a name);
    numbers with letters in lower case. Words written otherwise (in a text in capitals, words
    in small letters; in one in title case, words in capitals: its acronyms), and any whose
    case mapping would change its length, are left as they are. The result has the length
    of ``text``.

    >>> in_ordinary_case("Stress Between Russia And The BBC Rose.", case="title",
    ...                  knows=lambda word: word in {"stress", "between", "and", "the", "rose"})
    'Stress between Russia and the BBC rose.'
    """
    known = known_word if knows is None else knows
    written = _title_shaped if case == "title" else str.isupper
    parts: list[str] = []
    end = 0
    # The word before is one letter: "U.S.", "J. SMITH" end no sentence (a digit is no
    # initial: "FELL 3%. THE", "1. THE" do).
    initial = False
    # Words as the tokenizer reads them, numbers with letters ("1.13BN", "G8") among them: with
    # inner apostrophes and decomposed accents (split at "NAI\u0308VE", its halves were
    # recased apart: "Nai\u0308Ve", a word in mixed case to the detector).
    for match in WORD_RE.finditer(text):
        word = match.group()
        between = text[end : match.start()]
        parts.append(between)
        starts_sentence = end == 0 or _SENTENCE_BREAK_RE.search(between.replace(".", "") if initial else between) is not None
        end = match.end()
        initial = len(word) == 1 and word.isalpha()
        lower = word.lower()
        if not written(word) or len(lower) != len(word) or (len(word) == 1 and lower != "a"):
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
