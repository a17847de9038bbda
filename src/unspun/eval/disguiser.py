"""A seeded imitation of the tools that hide a copied text from plagiarism checkers without
changing what a reader sees: invisible characters put inside words, and Latin letters swapped
for the Cyrillic ones drawn the same ("homoglyphs"). For benchmarks and tests of
:mod:`unspun.disguise`; applied after a spinner, as the evasion guides that sell both advise.

>>> disguised = disguise("The council approved its budget on Monday.", seed=1, invisible=1.0, lookalike=0.0)
>>> disguised != "The council approved its budget on Monday."
True
>>> from unspun.disguise import read_through
>>> read_through(disguised).text
'The council approved its budget on Monday.'
"""

from __future__ import annotations

import random
import re

INVISIBLES = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
"""Zero-width space, non-joiner, joiner, word joiner, zero-width no-break space."""

# Latin letters and the Cyrillic letter drawn the same, as homoglyph tools pick them.
HOMOGLYPHS = {"a": "\u0430", "c": "\u0441", "e": "\u0435", "o": "\u043e", "p": "\u0440", "x": "\u0445",
              "y": "\u0443", "i": "\u0456", "s": "\u0455", "A": "\u0410", "B": "\u0412", "C": "\u0421",
              "E": "\u0415", "H": "\u041d", "K": "\u041a", "M": "\u041c", "O": "\u041e", "P": "\u0420",
              "T": "\u0422", "X": "\u0425"}
_WORD_RE = re.compile(r"[A-Za-z]{3,}")


def disguise(text: str, seed: int, invisible: float = 0.3, lookalike: float = 0.1) -> str:
    """``text`` with an invisible character inside a share ``invisible`` of its words of three
    letters or more, and one letter swapped for its Cyrillic look-alike in a share
    ``lookalike`` of them (words that have such a letter)."""
    rng = random.Random(seed)

    def disguised(match: re.Match[str]) -> str:
        word = match.group()
        if rng.random() < lookalike:
            places = [i for i, letter in enumerate(word) if letter in HOMOGLYPHS]
            if places:
                at = rng.choice(places)
                word = word[:at] + HOMOGLYPHS[word[at]] + word[at + 1 :]
        if rng.random() < invisible:
            at = rng.randrange(1, len(word))
            word = word[:at] + rng.choice(INVISIBLES) + word[at:]
        return word

    return _WORD_RE.sub(disguised, text)
