"""Stand-in neural scorers for deep mode's tests: no language model runs."""

from __future__ import annotations

from collections.abc import Sequence

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
