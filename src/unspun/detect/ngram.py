"""The CMU trigram language model shipped in ``pocketsphinx``, as cheap contextual evidence.

The model is lower-case and has no punctuation. Scores are log10 probabilities. Loading takes
a few hundredths of a second; one lookup about a microsecond.
"""

from __future__ import annotations

import math
import os
from functools import lru_cache

# pocketsphinx scores in log base 1.0001; this turns them into log10.
_TO_LOG10 = math.log10(1.0001)
_UNKNOWN = -536870912


class TrigramModel:
    """log10 probabilities of words in context from the pocketsphinx en-us model.

    >>> lm = TrigramModel.default()
    >>> lm.logprob(["breast", "cancer"]) > lm.logprob(["bosom", "peril"])
    True
    """

    def __init__(self, path: str) -> None:
        import pocketsphinx

        self._model = pocketsphinx.NGramModel.readfile(path)
        self.scale = _TO_LOG10  # multiply a raw pocketsphinx score by this to get log10

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> TrigramModel:
        import pocketsphinx

        folder = os.path.dirname(pocketsphinx.__file__)
        return cls(os.path.join(folder, "model", "en-us", "en-us.lm.bin"))

    def known(self, word: str) -> bool:
        """True when the model has ``word`` in its vocabulary."""
        return self._model.prob([word]) != _UNKNOWN

    def word_logprob(self, word: str, history: tuple[str, ...] = ()) -> float:
        """log10 P(word | history), history in reading order (up to two words used)."""
        return self._model.prob([word, *reversed(history[-2:])]) * _TO_LOG10

    def logprob(self, words: list[str]) -> float:
        """log10 probability of a word sequence (sentence-internal, no boundary symbols)."""
        total = 0.0
        for i, word in enumerate(words):
            total += self.word_logprob(word, tuple(words[max(0, i - 2) : i]))
        return total

    def pmi(self, words: list[str]) -> float:
        """How much more likely the words are together than apart (log10).

        Above about 1, the sequence is a collocation of ordinary English.
        """
        if len(words) < 2 or not all(self.known(w) for w in words):
            return 0.0
        return self.logprob(words) - sum(self.word_logprob(w) for w in words)
