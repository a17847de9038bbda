"""Whether a text reads as English: the only language unspun's evidence knows.

The lexicon, the n-gram tables and the models are English. Read in another language, every
word looks rare and unexpected, which is what a spinner's swaps look like: clean Dutch news
was called "spun" with "findings" such as vier -> field. So :func:`pipeline.check` reads a text
only when it reads as English, and otherwise reports that it does not (``stats.not_english``,
the verdict "uncertain" at the uninformed score 0.5, no findings but disguised words).

A text reads as English unless both of two shares are low: the English function words ("the",
"of", "and"...) among its words, and the words the English lexicon knows at all. On English
news and prose, spun or not, neither comes near its bar (the least of 600 BBC train articles,
300 Lee articles, 95 Wikipedia articles and 300 BBC articles spun with MyThes at 0.5: a
function-word share of 0.225 and a known-word share of 0.910); on one paragraph of news in
each of Danish, Dutch, Swedish, German, French, Spanish, Italian and Portuguese, at most 0.085
and 0.667 (session 48, written for the measurement; ``benchmarks/english_shares.py``). A
paragraph of French politics, whose words English mostly shares ("tensions", "documents",
"alliance"), reached a known-word share of 0.800 and was read as English at the first bar,
0.80; with five more such paragraphs (session 55) the foreign shares reach 0.800 and 0.098
at most. The bars sit between. A text of fewer than ``MIN_WORDS`` words says too little and is read as
English.

>>> reads_as_english("The committee said on Tuesday that the plan would go ahead. " * 4)
True
>>> reads_as_english("Het kabinet heeft dinsdag een nieuw plan gepresenteerd om de woningnood aan te pakken. " * 3)
False
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .text import link_spans

MIN_WORDS = 30
FUNCTION_SHARE_BAR = 0.12
KNOWN_SHARE_BAR = 0.85

# Chinese and Japanese write no spaces: each of their characters counts as a word, where a
# run of them between two marks was one, and a short Chinese text of under MIN_WORDS such
# "words" was read as English (and called clean).
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD_RE = re.compile(rf"[{_UNSPACED}]|[^\W\d_{_UNSPACED}]+")


def english_shares(text: str, zipf: Callable[[str], float] | None = None) -> tuple[float, float, int]:
    """The share of ``text``'s words that are English function words, the share the English
    lexicon knows (``zipf`` above 0; the lexicon's by default), and how many words there are."""
    words = _words(text)
    if not words:
        return 0.0, 0.0, 0
    return _function_share(words), _known_share(words, zipf), len(words)


def reads_as_english(text: str, zipf: Callable[[str], float] | None = None) -> bool:
    """Whether ``text`` reads as English (see the module docstring)."""
    words = _words(text)
    if len(words) < MIN_WORDS or _function_share(words) >= FUNCTION_SHARE_BAR:
        return True  # English prose, the usual case, never needs the lexicon's lookups
    return _known_share(words, zipf) >= KNOWN_SHARE_BAR


def _words(text: str) -> list[str]:
    """The words of ``text`` outside web addresses (their letters are no language's words:
    a short English text with a long tracking link read as another language)."""
    links = link_spans(text)
    if links:
        kept, at = [], 0
        for start, end in links:
            kept.append(text[at:start])
            at = end
        text = " ".join([*kept, text[at:]])
    return [word.lower() for word in _WORD_RE.findall(text)]


def _function_share(words: list[str]) -> float:
    from .detect.context import FUNCTION_WORDS

    return sum(1 for word in words if word in FUNCTION_WORDS) / len(words)


def _known_share(words: list[str], zipf: Callable[[str], float] | None) -> float:
    if zipf is None:
        from .lexicon import Lexicon

        zipf = Lexicon.load().zipf
    return sum(1 for word in words if zipf(word) > 0) / len(words)
