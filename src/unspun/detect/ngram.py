"""The CMU trigram language model shipped in ``pocketsphinx``, as cheap contextual evidence.

The model is lower-case and has no punctuation. Scores are log10 probabilities. Loading takes
a few hundredths of a second; one lookup about a microsecond.
"""

from __future__ import annotations

import math
import os

from .._memo import remember
from .._once import built_once

# pocketsphinx scores in log base 1.0001; this turns them into log10.
_TO_LOG10 = math.log10(1.0001)
_UNKNOWN = -536870912
_MEMO_SIZE = 100_000


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
        # Memos, bounded: the same words and the same short sequences (known terms, the
        # windows that might have been them) are scored again and again across texts.
        self._unigrams: dict[str, int] = {}
        self._sequences: dict[tuple[str, ...], float] = {}

    @classmethod
    def default(cls) -> TrigramModel:
        """The model shipped in pocketsphinx, loaded once per process (unspun._once)."""
        return _default_model(cls)

    def known(self, word: str) -> bool:
        """True when the model has ``word`` in its vocabulary."""
        return self._unigram(word) != _UNKNOWN

    def word_logprob(self, word: str, history: tuple[str, ...] = ()) -> float:
        """log10 P(word | history), history in reading order (up to two words used)."""
        if not history:
            return self._unigram(word) * _TO_LOG10
        return self._model.prob([word, *reversed(history[-2:])]) * _TO_LOG10

    def logprob(self, words: list[str]) -> float:
        """log10 probability of a word sequence (sentence-internal, no boundary symbols)."""
        key = tuple(words)
        total = self._sequences.get(key)
        if total is None:
            prob = self._model.prob
            total = 0.0
            for i, word in enumerate(key):
                if i >= 2:
                    total += prob([word, key[i - 1], key[i - 2]]) * _TO_LOG10
                elif i == 1:
                    total += prob([word, key[0]]) * _TO_LOG10
                else:
                    total += self._unigram(word) * _TO_LOG10
            remember(self._sequences, key, total, _MEMO_SIZE)
        return total

    def pmi(self, words: list[str]) -> float:
        """How much more likely the words are together than apart (log10).

        Above about 1, the sequence is a collocation of ordinary English.
        """
        if len(words) < 2:
            return 0.0
        raw = [self._unigram(w) for w in words]
        if _UNKNOWN in raw:
            return 0.0
        return self.logprob(words) - sum(value * _TO_LOG10 for value in raw)

    def _unigram(self, word: str) -> int:
        """The raw pocketsphinx score of ``word`` alone (``_UNKNOWN`` when out of vocabulary)."""
        value = self._unigrams.get(word)
        if value is None:
            value = self._model.prob([word])
            remember(self._unigrams, word, value, _MEMO_SIZE)
        return value


@built_once()
def _default_model(cls: type[TrigramModel]) -> TrigramModel:
    import pocketsphinx

    return cls(os.path.join(pocketsphinx.get_model_path(), "en-us", "en-us.lm.bin"))
