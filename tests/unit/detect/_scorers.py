"""Stand-in neural scorers for deep mode's tests: no language model runs."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from unspun.deep import TokenTree
from unspun.detect.candidates import Candidate
from unspun.detect.context import TextContext


class NeutralScorer:
    """Neural features that favour nothing: every option reads exactly as the words seen."""

    def __init__(self) -> None:
        self.option_counts: list[int] | None = None

    def score(self, context: TextContext, candidates: Sequence[Candidate],
              option_counts: Sequence[int] | None = None) -> None:
        self.option_counts = None if option_counts is None else list(option_counts)
        for candidate in candidates:
            candidate.features.update({"nlm_seen_logp": 0.0, "nlm_seen_fit": 0.0, "nlm_max_delta": 0.0,
                                       "nlm_max_delta_prior": 0.0, "nlm_options_scored": 1.0})
            for option in candidate.options:
                option.features.update({"nlm_delta": 0.0, "nlm_right_delta": 0.0, "nlm_delta_per_token": 0.0,
                                        "nlm_delta_prior": 0.0})


class WordLM:
    """A stand-in model: one token per character pair of each word (spaces dropped), and a
    chosen surprise for every token of a word, so each word's surprise is known exactly."""

    def __init__(self, surprise: dict[str, float], prefix: tuple[int, ...] = (7,)) -> None:
        self.surprise = surprise  # per token, by the word the token belongs to (default 1 nat)
        self.context_prefix = prefix
        self.vocabulary: dict[int, str] = {}
        self.read: list[TokenTree] = []

    def encode(self, text: str) -> tuple[int, ...]:
        word = text.strip()
        ids = []
        for _ in range(0, len(word), 2):
            token = 1000 + len(self.vocabulary)
            self.vocabulary[token] = word
            ids.append(token)
        return tuple(ids)

    def tree_logprobs(self, trees: Sequence[TokenTree], batch_size: int = 16) -> list[np.ndarray]:
        self.read.extend(trees)
        values = []
        for tree in trees:
            logprobs = [0.0 if parent < 0 else -self.surprise.get(self.vocabulary.get(token, ""), 1.0)
                        for token, parent in zip(tree.tokens, tree.parents, strict=True)]
            values.append(np.array(logprobs))
        return values


class ScorerWithLM(NeutralScorer):
    """A stand-in neural scorer whose features favour nothing, with a language model."""

    def __init__(self, lm: WordLM) -> None:
        super().__init__()
        self.lm = lm
