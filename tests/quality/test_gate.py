"""The quality gate: detection on a small fixed sample must not fall below the floors kept in
``floors.json``. Floors are raised when the detector improves and never lowered silently: a
change that lowers one must say so in its commit and in BENCHMARKS.md.

The sample: 16 BBC News test articles (the half no model was trained on), their copies spun
as the training copies are, with the Moby dictionary, WordNet's synonyms and Moby's mutual
pairs in turn (``train.training_copies``: all are installed with unspun, so the gate needs no
Debian package; Moby and WordNet in session 40, Moby's alone before, as the models learned).
``restored_top1``: of the true edits found, the share a finding's suggestion restores
(restoration, not only detection, must not regress).
``suggestion_auc`` / ``suggestion_calibration_error``: how well the swap findings' suggestion
confidences on true edits tell right suggestions from wrong ones, and how far they are from
the share right (ten bins).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from unspun.detect.engine import Engine
from unspun.eval.corpus import bbc_split
from unspun.eval.metrics import PhraseCounts, auc, expected_calibration_error
from unspun.eval.train import training_copies

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))
SAMPLE = 16
RATE = 0.2


@pytest.fixture(scope="module")
def measured() -> dict[str, float]:
    engine = Engine.default()
    _, test = bbc_split()
    documents = list(test)
    random.Random(20261129).shuffle(documents)
    documents = documents[:SAMPLE]
    counts = PhraseCounts()
    spun_flagged = clean_flagged = clean_findings = words = 0
    for document, spun in zip(documents, training_copies(documents, RATE, seed=3), strict=True):
        clean = engine.analyse(document.text)
        clean_flagged += clean.score >= 0.7
        clean_findings += len(clean.findings)
        words += len(document.text.split())
        analysis = engine.analyse(spun.text)
        spun_flagged += analysis.score >= 0.7
        counts.add(analysis.findings, spun.edits)
    swaps = [(value, right) for kind, value, right in counts.suggestions if kind == "swap"]
    return {
        "spun_recall": spun_flagged / SAMPLE,
        "clean_flagged": clean_flagged / SAMPLE,
        "phrase_precision": counts.precision,
        "phrase_recall": counts.recall,
        "phrase_f1": counts.f1,
        "restored_top1": counts.restored_share[0],
        "clean_false_per_1000": 1000 * clean_findings / words,
        "suggestion_auc": auc([v for v, _ in swaps], [r for _, r in swaps]),
        "suggestion_calibration_error": expected_calibration_error([v for v, _ in swaps], [r for _, r in swaps]),
    }


@pytest.mark.parametrize("name", ["spun_recall", "phrase_precision", "phrase_recall", "phrase_f1", "restored_top1",
                                  "suggestion_auc"])
def test_measure_stays_above_its_floor(measured: dict[str, float], name: str) -> None:
    assert measured[name] >= FLOORS[name], f"{name} {measured[name]:.3f} fell below its floor {FLOORS[name]}"


@pytest.mark.parametrize("name", ["clean_flagged", "clean_false_per_1000", "suggestion_calibration_error"])
def test_measure_stays_below_its_ceiling(measured: dict[str, float], name: str) -> None:
    assert measured[name] <= FLOORS[name], f"{name} {measured[name]:.3f} rose above its ceiling {FLOORS[name]}"
