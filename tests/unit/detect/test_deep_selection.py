"""Which fast-path candidates deep mode sends to the neural model (no model needed)."""

from __future__ import annotations

from unspun.detect.candidates import Candidate, Option
from unspun.detect.deep import MAX_CANDIDATES, SELECT_CONFIDENCE, SHORT_TEXT_WORDS, selected


def _candidate(kind: str, confidence: float, at: int = 0, options: bool = True) -> Candidate:
    return Candidate(at, at + 4, at, at + 1, kind, [Option("and", ("and",))] if options else [],
                     confidence=confidence)


def test_swaps_and_filler_above_the_bar_are_chosen_most_confident_first() -> None:
    swap = _candidate("swap", 0.6, 0)
    filler = _candidate("filler", 0.9, 10)
    weak = _candidate("swap", SELECT_CONFIDENCE / 2, 20)
    term = _candidate("tortured-phrase", 0.99, 30)
    bare = _candidate("swap", 0.99, 40, options=False)
    assert selected([swap, filler, weak, term, bare], SHORT_TEXT_WORDS + 1) == [filler, swap]


def test_a_short_text_sends_every_swap_and_filler() -> None:
    weak = _candidate("swap", 0.01, 0)
    filler = _candidate("filler", 0.02, 10)
    assert selected([weak, filler], SHORT_TEXT_WORDS) == [filler, weak]


def test_at_most_max_candidates_are_chosen() -> None:
    many = [_candidate("swap", 0.5 + i / 1000, i) for i in range(MAX_CANDIDATES + 5)]
    chosen = selected(many, 10_000)
    assert len(chosen) == MAX_CANDIDATES
    assert min(c.confidence for c in chosen) > max(c.confidence for c in many if c not in chosen)
