"""The deep path's quality gate: the same kind of floors as ``test_gate.py``, on a smaller
fixed sample of spun articles (the neural model costs seconds per spun article); ceilings on
false findings and on the share of articles called spun, on the first 100 clean articles of
``benchmarks/deep_clean.py`` (about three minutes, in two processes: each clean article is read
once more for its surprise, about a second per 1,000 words); the share of a few articles spun
without filler (with Moby, the surprise model's and the suspected gate's training thesaurus:
the easier case; the benchmark's rows use MyThes), and how many of their swaps deep mode finds. Skipped when the ``deep`` extra is
not installed; the README's set-up installs it, so CI runs it."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from tests.conftest import needs_deep

pytestmark = needs_deep

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))
SAMPLE = 4
FILLER_FREE_SAMPLE = 8
"""Articles spun without filler (the ``SAMPLE`` spun ones and the next few of the same
shuffle): deep mode calls them spun from their surprise alone."""
CLEAN_SAMPLE = 100
"""Clean articles for the false-findings ceilings: the first 100 of the 300 that
``benchmarks/deep_clean.py`` reads for the issue's row (which is measured there, not here).
Deep mode's false findings are rare (about one in 2,000 words), so on the four spun articles'
originals alone a single finding broke the 0.5 ceiling (session 20); all 300 took twelve of
CI's 25 minutes (session 31). Measured on these 100 in session 32: 19 findings in 35,380 words
(0.54 per 1,000; the 300: 0.48) and 2 articles called spun (the 300: 4); the ceilings allow
two more findings and one more article. Session 36 (straight quotes read as a typesetter reads
them, the fast models retrained, the deep ones not): 22 findings (0.62 per 1,000), so the
false-findings ceiling was 24 findings, 0.68. Session 37 (the deep models retrained on that
reading): 17 findings (0.48 per 1,000) and 3 articles called spun, so the ceilings were 19
findings, 0.55, and 4 articles. Session 40 (both model sets retrained on copies spun with Moby
and WordNet in turn; the 300: 0.41 per 1,000): 24 findings (0.68 per 1,000) and 2 articles,
so the ceilings are 26 findings, 0.74, and 3 articles."""


@pytest.fixture(scope="module")
def measured() -> dict[str, float]:
    from unspun.detect.deep import deep_engine
    from unspun.eval.bench_detect import SPUN_THRESHOLD
    from unspun.eval.corpus import bbc_split, bench_sample
    from unspun.eval.metrics import PhraseCounts, auc
    from unspun.eval.spinner import filler_free
    from unspun.eval.thesauri import MobySource
    from unspun.eval.train import training_copies

    engine = deep_engine()
    _, test = bbc_split()
    shuffled = list(test)
    random.Random(20261129).shuffle(shuffled)
    documents = shuffled[:SAMPLE]
    counts = PhraseCounts()
    # Spun as the training copies are (Moby, WordNet and Moby's mutual pairs in turn since session 41;
    # Moby and WordNet in session 40, Moby alone before).
    for spun in training_copies(documents, 0.2, seed=3):
        counts.add(engine.analyse(spun.text).findings, spun.edits)
    clean = [document.text for document in bench_sample(CLEAN_SAMPLE)]
    readings = _read_in_two_processes(clean)
    clean_findings = sum(findings for findings, _ in readings)
    clean_called = sum(score >= SPUN_THRESHOLD for _, score in readings)
    words = sum(len(text.split()) for text in clean)
    # A rewriter without filler: the fast document score calls almost none of these spun;
    # the surprise model (unspun.detect.surprise) most.
    rewriter = filler_free(MobySource(), 0.3, seed=4)
    without_filler, rewritten = [], PhraseCounts()
    for document in shuffled[:FILLER_FREE_SAMPLE]:
        spun = rewriter.spin(document.text)
        analysis = engine.analyse(spun.text)
        without_filler.append(analysis.score >= SPUN_THRESHOLD)
        rewritten.add(analysis.findings, spun.edits)
    swaps = [(value, right) for kind, value, right in counts.suggestions if kind == "swap"]
    return {
        "deep_phrase_precision": counts.precision,
        "deep_phrase_recall": counts.recall,
        "deep_phrase_f1": counts.f1,
        # Of the swaps found, the share whose suggestion restores the original. On the
        # all-Moby sample before session 40, one of the four copies drew no filler and only
        # the surprise called it spun; session 25's gated suspected reading found 11 more
        # swaps there, mostly hard ones ("feeling" for quarter), 4 restored: recall 0.564 ->
        # 0.705, this share 0.568 -> 0.527. Session 40's sample (Moby and WordNet in turn):
        # recall 0.574, this share 0.564.
        "deep_restored_top1": counts.restored_share[0],
        "deep_clean_false_per_1000": 1000 * clean_findings / words,
        "deep_clean_flagged": clean_called / CLEAN_SAMPLE,
        "deep_filler_free_recall": sum(without_filler) / len(without_filler),
        # Their swaps: in a text the surprise alone calls spun, a suspected reading's swaps
        # that the deep model's gate passes (unspun.detect.suspected).
        "deep_filler_free_phrase_recall": rewritten.recall,
        "deep_filler_free_phrase_precision": rewritten.precision,
        # How well the swap findings' suggestion confidences tell right suggestions from wrong
        # ones (35 findings on a true edit in the all-Moby sample before session 40, few in
        # this one too: a loose floor; 0.978 measured in session 40).
        "deep_suggestion_auc": auc([v for v, _ in swaps], [r for _, r in swaps]),
    }


def _read_in_two_processes(texts: list[str]) -> list[tuple[int, float]]:
    """Each clean text's findings (their count) and score in deep mode, read by two worker
    processes of one thread each, as ``unspun check --deep --jobs 2`` reads them: on CI's
    two cores, 149 s against 195 s for one process of two threads, every count and score
    the same to the ninth decimal (session 60, the 100 articles here)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"), initializer=_one_thread) as pool:
        return list(pool.map(_deep_reading, texts))


def _one_thread() -> None:
    os.environ["OMP_NUM_THREADS"] = "1"  # read when torch loads, as check_many's workers set it


def _deep_reading(text: str) -> tuple[int, float]:
    from unspun.detect.deep import deep_engine

    analysis = deep_engine().analyse(text)
    return len(analysis.findings), analysis.score


@pytest.mark.parametrize("name", ["deep_phrase_precision", "deep_phrase_recall", "deep_phrase_f1", "deep_restored_top1",
                                  "deep_suggestion_auc", "deep_filler_free_recall",
                                  "deep_filler_free_phrase_recall", "deep_filler_free_phrase_precision"])
def test_deep_measure_stays_above_its_floor(measured: dict[str, float], name: str) -> None:
    assert measured[name] >= FLOORS[name], f"{name} {measured[name]:.3f} fell below its floor {FLOORS[name]}"


@pytest.mark.parametrize("name", ["deep_clean_false_per_1000", "deep_clean_flagged"])
def test_deep_false_alarms_stay_below_their_ceiling(measured: dict[str, float], name: str) -> None:
    assert measured[name] <= FLOORS[name], f"{name} {measured[name]:.3f} rose above its ceiling {FLOORS[name]}"
