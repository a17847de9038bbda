"""Evidence scorers: each adds named features to candidates and their options.

A scorer has a ``name`` and ``score(context, candidates)``; it writes features in place. The
fast path uses the trigram model (this module); the deep path adds a neural scorer with the
same interface. The learned model reads the features by name, so scorers stay independent.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol

from ..lexicon import Lexicon
from .candidates import Candidate
from .context import FUNCTION_WORDS, TextContext
from .ngram import TrigramModel
from .term_sources import known_web_counts

# Per-word log10 probabilities are clamped here: the model's "unknown word" score is -53,687
# and would swamp every sum.
_FLOOR = -7.0


class Scorer(Protocol):
    """Adds evidence to candidates as named features."""

    name: str

    def score(self, context: TextContext, candidates: Sequence[Candidate]) -> None: ...


class NgramScorer:
    """How much better each option reads in context than the words seen, by the trigram model.

    Features (log10): ``lm_delta`` (context log-probability with the option minus with the
    words seen, over the span and the two words after it), ``lm_delta_pmi`` (the same minus the
    options' frequency advantage, so frequent words do not always win), ``lm_right_delta``
    (the part of the gain on the following words), ``lm_seen_fit`` (how much the context
    predicts the words seen beyond their frequency), OOV flags and Zipf frequencies.
    """

    name = "ngram"

    def __init__(self, model: TrigramModel | None = None, lexicon: Lexicon | None = None) -> None:
        self._model = model or TrigramModel.default()
        self._lexicon = lexicon or Lexicon.load()
        self._prob = self._model._model.prob
        self._scale = self._model.scale
        # log10 P(word) alone, unclamped; the model memoises it (options come from a small
        # vocabulary, so their words' unigram scores recur).
        self._unigram = self._model.word_logprob

    def _sequence(self, left: Sequence[str], middle: Sequence[str], right: Sequence[str]) -> tuple[float, float]:
        """Log-probability of ``middle`` and of ``right`` given everything before them."""
        # This runs for every option of every candidate: one loop with the model call inline,
        # not a method call per word.
        prob, scale = self._prob, self._scale
        words = [*left, *middle, *right]
        cut = len(left) + len(middle)
        middle_score = right_score = 0.0
        for k in range(len(left), len(words)):
            if k >= 2:
                value = prob([words[k], words[k - 1], words[k - 2]]) * scale
            elif k == 1:
                value = prob([words[1], words[0]]) * scale
            else:
                value = prob([words[0]]) * scale
            if value <= _FLOOR:
                value = _FLOOR
            if k < cut:
                middle_score += value
            else:
                right_score += value
        return middle_score, right_score

    def _one_word(self, h2: str, h1: str, word: str, right: Sequence[str]) -> tuple[float, float]:
        """``_sequence`` for the usual shape: one word after two words of context."""
        prob, scale = self._prob, self._scale
        middle_score = prob([word, h1, h2]) * scale
        if middle_score <= _FLOOR:
            middle_score = _FLOOR
        right_score = 0.0
        if right:
            r1 = right[0]
            value = prob([r1, word, h1]) * scale
            right_score += value if value > _FLOOR else _FLOOR
            if len(right) > 1:
                value = prob([right[1], r1, word]) * scale
                right_score += value if value > _FLOOR else _FLOOR
        return middle_score, right_score

    def _unigrams(self, words: Sequence[str]) -> tuple[float, float]:
        total, oov = 0.0, 0.0
        for word in words:
            value = self._unigram(word)
            if value <= _FLOOR:
                oov = 1.0
                value = _FLOOR
            total += value
        return total, oov

    def score(self, context: TextContext, candidates: Sequence[Candidate]) -> None:
        zipf = self._lexicon.zipf
        sequence, unigrams, one_word, unigram = self._sequence, self._unigrams, self._one_word, self._unigram
        for candidate in candidates:
            first = context.words[candidate.first]
            last = context.words[candidate.last - 1]
            words = context.sentence_words[first.sentence]
            p, q = first.position, last.position + 1
            left, seen, right = words[max(0, p - 2) : p], words[p:q], words[q : q + 2]
            seen_mid, seen_right = sequence(left, seen, right)
            seen_uni, seen_oov = unigrams(seen)
            seen_zipf = zipf(" ".join(seen))
            seen_total = seen_mid + seen_right
            features = candidate.features
            features["lm_seen_fit"] = (seen_mid - seen_uni) / max(1, len(seen))
            features["lm_seen_oov"] = seen_oov
            features["zipf_seen"] = seen_zipf
            features["at_sentence_start"] = 1.0 if p == 0 else 0.0
            full_context = len(left) == 2
            for option in candidate.options:
                option_words = option.words
                if full_context and len(option_words) == 1:  # most options: no lists, no loops
                    mid, right_score = one_word(left[0], left[1], option_words[0], right)
                    uni = unigram(option_words[0])
                    uni, oov = (uni, 0.0) if uni > _FLOOR else (_FLOOR, 1.0)
                else:
                    mid, right_score = sequence(left, option_words, right)
                    uni, oov = unigrams(option_words)
                delta = (mid + right_score) - seen_total
                features = option.features
                option_zipf = features.get("zipf_option")
                if option_zipf is None:
                    option_zipf = zipf(" ".join(option.words)) if option.words else 0.0
                # Assigned one by one, in the order the model's feature dicts always had.
                features["lm_delta"] = delta
                features["lm_delta_pmi"] = delta - (uni - seen_uni)
                features["lm_right_delta"] = right_score - seen_right
                features["lm_option_oov"] = oov
                features["zipf_option"] = option_zipf
                features["zipf_delta"] = option_zipf - seen_zipf


class BigramScorer:
    """Web bigram support for the words seen and for each option, from ``wordsegment``'s
    counts (the most frequent 258k bigrams of a trillion-word web corpus).

    Features: ``bigram_seen`` and ``bigram_option`` (log10(1 + count) of the pairs with the
    word before and the word after, summed), ``bigram_delta`` (option minus seen).
    """

    name = "bigram"

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        # The counts come from the known-terms cache file beside the lexicon's (a cold start
        # saves wordsegment's 0.6 s of parsing its text files).
        self._counts = known_web_counts(lexicon or Lexicon.load())

    def _support(self, left: str | None, words: Sequence[str], right: str | None) -> float:
        if not words:
            return math.log10(1 + self._counts.get(f"{left} {right}", 0.0)) if left and right else 0.0
        total = 0.0
        if left:
            total += math.log10(1 + self._counts.get(f"{left} {words[0]}", 0.0))
        if right:
            total += math.log10(1 + self._counts.get(f"{words[-1]} {right}", 0.0))
        return total

    def score(self, context: TextContext, candidates: Sequence[Candidate]) -> None:
        counts, log10 = self._counts, math.log10
        for candidate in candidates:
            first = context.words[candidate.first]
            last = context.words[candidate.last - 1]
            words = context.sentence_words[first.sentence]
            p, q = first.position, last.position + 1
            left = words[p - 1] if p > 0 else None
            right = words[q] if q < len(words) else None
            seen = self._support(left, words[p:q], right)
            candidate.features["bigram_seen"] = seen
            # _support inlined for the options (many per candidate), with the context's halves
            # of the pair keys built once.
            before = f"{left} " if left else None
            after = f" {right}" if right else None
            for option in candidate.options:
                option_words = option.words
                if option_words:
                    support = 0.0
                    if before is not None:
                        support += log10(1 + counts.get(before + option_words[0], 0.0))
                    if after is not None:
                        support += log10(1 + counts.get(option_words[-1] + after, 0.0))
                else:
                    support = self._support(left, option_words, right)
                features = option.features
                features["bigram_option"] = support
                features["bigram_delta"] = support - seen


class RepetitionScorer:
    """Whether the document itself uses the option elsewhere: a spinner swaps some
    occurrences of a word and leaves others, so the original often survives nearby.

    Features: ``doc_option_count`` (other occurrences of the option's words in the text, as a
    log), ``doc_seen_count`` (other occurrences of the words seen).
    """

    name = "repetition"

    def score(self, context: TextContext, candidates: Sequence[Candidate]) -> None:
        counts: dict[str, int] = {}
        for info in context.words.values():
            counts[info.key] = counts.get(info.key, 0) + 1
        for candidate in candidates:
            seen = [context.words[i].key for i in range(candidate.first, candidate.last) if i in context.words]
            candidate.features["doc_seen_count"] = math.log1p(min(counts.get(w, 1) - 1 for w in seen) if seen else 0)
            for option in candidate.options:
                words = option.words
                if len(words) == 1:  # most options: the word is its own content
                    found = counts.get(words[0], 0)
                else:
                    content = [w for w in words if w not in FUNCTION_WORDS] or list(words)
                    found = min((counts.get(w, 0) for w in content), default=0)
                option.features["doc_option_count"] = math.log1p(found)

