"""British and American spellings of one word, which the thesauri link as synonyms.

WordNet lists "optimisation" beside "optimization", so a clean British text was restored into
its American spelling, and "particle swarm optimisation" was a tortured phrase of "particle
swarm optimization" (an audit of scientific text, 0.79). A spinner swaps a word for another
word, never for its other spelling: such a pair is one word, and no option of the other.

>>> spelt_otherwise("optimisation", "optimization"), spelt_otherwise("colours", "colors")
(True, True)
>>> spelt_otherwise("optimisation", "optimisation"), spelt_otherwise("filed", "field")
(False, False)
>>> spelt_otherwise("scoured", "scored"), spelt_otherwise("flavoured", "flavored")
(False, True)
>>> [spelt_otherwise(*pair) for pair in (("poets", "pets"), ("timbre", "timber"), ("loess", "less"))]
[False, False, False]
>>> american_spelling("rogue"), american_spelling("dialogues"), american_spelling("foetuses")
('rogue', 'dialogs', 'fetuses')
"""

from __future__ import annotations

import re
from functools import lru_cache

# Each rewrites the British spelling into the American one; both words of a pair go through
# them, so a rule that also changes a word with no other spelling ("promise") changes it on
# both sides alike. Where a rule would make two different English words one, it is kept
# off them: "scoured" is no British "scored", nor "timbre" "timber", "flour" "flor" (a
# review found "scoured" and "scored" shown as one word); the "oe" and "ogue" rules are
# narrowed below for "poets" and "pets", "loess" and "less", "rogue" and "rog".
_KEPT_AS_WRITTEN = re.compile(r"^(scour(s|ed|ing|er|ers)?|flours?|timbres?)$")
_RULES = (
    (re.compile(r"(?<=[a-z]{2})is(e|es|ed|ing|ation|ations|er|ers|able)$"), r"iz\1"),  # optimise, organisation
    (re.compile(r"(?<=[a-z])ys(e|es|ed|ing|er|ers)$"), r"yz\1"),  # analyse, paralysed
    (re.compile(r"(?<=[a-z]{2})our(s|ed|ing|ful|ite|ites|able|ably|er|ers|less)?$"), r"or\1"),  # colour, favourite
    (re.compile(r"(?<=[a-z][bt])re(s?)$"), r"er\1"),  # centre, fibre, metres
    (re.compile(r"(?<=[a-z][bt])red$"), "ered"),  # centred
    (re.compile(r"(?<=[a-z])vre(s?)$"), r"ver\1"),  # manoeuvre
    (re.compile(r"(?<=[a-z])([lg])ogue(s)?$"), r"\1og\2"),  # catalogue, dialogue, demagogue
    (re.compile(r"(?<=[a-z])ae(?=[a-z])"), "e"),  # anaemia, paediatric, archaeology
    (re.compile(r"^oe(?=[a-z])|(?<=[a-z])oe(?=[a-z]{2})(?!ts|rs|ss|ms|in)"), "e"),  # oestrogen, foetus, manoeuvre
    (re.compile(r"ell(ed|ing|er|ers)$"), r"el\1"),  # travelled, modelling, labelled
    (re.compile(r"(?<=[a-z]{3})all(ed|ing)$"), r"al\1"),  # signalled, totalling
    (re.compile(r"^(def|off|lic|pret)ence(s)?$"), r"\1ense\2"),  # defence, licence
    (re.compile(r"(?<=[a-z]{4})amme(s)?$"), r"am\1"),  # programme
)
_WORDS = {"grey": "gray", "greys": "grays", "tyre": "tire", "tyres": "tires", "plough": "plow",
          "aluminium": "aluminum", "mould": "mold", "moulds": "molds", "sceptic": "skeptic",
          "sceptical": "skeptical", "scepticism": "skepticism", "pyjamas": "pajamas", "ageing": "aging"}


@lru_cache(maxsize=100_000)
def american_spelling(word: str) -> str:
    """``word`` (lower case) in American spelling, as far as the rules above go."""
    if word in _WORDS:
        return _WORDS[word]
    if _KEPT_AS_WRITTEN.match(word):
        return word
    for pattern, replacement in _RULES:
        word = pattern.sub(replacement, word)
    return word


def spelt_otherwise(word: str, other: str) -> bool:
    """Whether two different words, or phrases of as many words, are one in two spellings."""
    if word == other:
        return False
    # Called for every link the lexicon gives (a twentieth of the fast path when it split
    # every pair): most are single words, which need no split.
    if " " not in word and " " not in other:
        return american_spelling(word.lower()) == american_spelling(other.lower())
    words, others = word.lower().split(), other.lower().split()
    return len(words) == len(others) and all(
        american_spelling(a) == american_spelling(b) for a, b in zip(words, others, strict=True))
