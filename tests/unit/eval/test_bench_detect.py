"""Pieces of the detection benchmark and trainer that need no corpus."""

from __future__ import annotations

from unspun.detect.candidates import Candidate, Option
from unspun.eval.bench_detect import thousand_word_pages
from unspun.eval.train import Sample, _choose_threshold


def test_pages_hold_exactly_a_thousand_words_in_order() -> None:
    texts = [" ".join(f"w{i}" for i in range(start, start + 700)) for start in range(0, 3500, 700)]
    pages = thousand_word_pages(texts)
    assert [len(p.split()) for p in pages] == [1000, 1000, 1000]
    assert pages[1].split()[0] == "w1000"
    assert thousand_word_pages(texts, limit=2) == pages[:2]
    assert thousand_word_pages(["too short"]) == []


def _sample(confidences: list[float], labels: list[bool], spun: bool, words: int) -> Sample:
    candidates = [Candidate(i, i + 1, i, i + 1, "swap", [Option("x", ("x",))], confidence=c)
                  for i, c in enumerate(confidences)]
    return Sample("", spun, candidates, list(labels), [None] * len(labels), words)


def test_the_threshold_keeps_clean_text_within_budget_and_can_go_above_ninety_five() -> None:
    clean = _sample([0.955, 0.97], [False, False], spun=False, words=1000)  # two confident false findings
    spun = _sample([0.99, 0.98, 0.5], [True, True, False], spun=True, words=1000)
    fine = (*range(30, 90, 2), *range(90, 100))
    assert _choose_threshold([clean, spun], max_clean=0.5, percents=fine) == 0.98
    # The old grid stops at 0.94, where both clean findings still count.
    assert _choose_threshold([clean, spun], max_clean=0.5) == 0.9  # nothing fits: the default
