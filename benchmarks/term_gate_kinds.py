"""Would a gate of boosted trees turn away more clean term windows than the shipped logistic one?

    .venv/bin/python benchmarks/term_gate_kinds.py [--time]

The term gate (``TermModel.gate``, docs/detection.md) reads a window's own features
(``GATE_FEATURES``) and turns it away before its restorations are worked out, most of the
fast path's time in the term detector. Since session 43 the window model also learns from
Wikipedia prose, and the shipped logistic gate lets a third of clean news windows through
(a fifth before): the fast path lost 11-16% of its speed.

Both kinds learn as ``train_terms.fit_term_gate`` does, from the rows the shipped window
model learned from (the list's phrases, each seen by a restorer built without its inner
fold; windows across a phrase's edge; the clean windows of the term model's fit articles
and Wikipedia prose), labelled by whether the shipped window model passes them at its deep
bar. Each bar here is placed on *out-of-fold* gate scores (five folds), so that it keeps
``GATE_KEEP`` of the tortured windows the gate did not learn from (the shipped bar reads the
gate's own training rows, which flatters trees far more than a logistic model). Printed: the
bar for each window bar (deep, fast), the share of clean windows with restorations of the
articles that place the term model's bars (never learned from) that it turns away, and the
time to judge one window alone, as the term detector calls the gate. A minute here.

With ``--time``, the fast path is then timed with each gate in the shipped engine: the shipped
term model as it is, and with its gate and bar replaced by sixty trees of depth 3 and their
out-of-fold bar at the deep bar; twice each, alternating, on 200 unseen BBC test articles
through ``unspun.check``, the memos cleared and warmed on 20 train articles before each pass
(as ``benchmarks/detect_speed.py``'s first column). About five minutes more.

Session 44 (BENCHMARKS.md, "A gate of boosted trees for term windows"): sixty trees of depth
3 turn away 74.6% against 66.5%, yet with ``--time`` the fast path ran slower with them: a
window costs them ten times what it costs the logistic gate.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import time
from collections.abc import Callable, Sequence

from unspun.config import CheckConfig
from unspun.detect.engine import Engine
from unspun.detect.known_phrases import clean_expected, load_list, make_phrases
from unspun.detect.model import LinearModel, TreeEnsemble
from unspun.detect.terms import GATE_FEATURES, TermModel, TermRestorer, shipped_term_model
from unspun.eval.bench_detect import _reset_and_warm
from unspun.eval.corpus import bbc_split
from unspun.eval.train import _fit, _fit_trees
from unspun.eval.train_terms import (
    _clean_rows,
    _phrase_samples,
    gate_bar,
    term_documents,
    window_training_rows,
)
from unspun.lexicon import Lexicon
from unspun.pipeline import check

Gate = LinearModel | TreeEnsemble
Fit = Callable[[list[dict[str, float]], list[bool]], Gate]
FOLDS = 5


def out_of_fold(fit: Fit, rows: list[dict[str, float]], labels: list[bool]) -> list[float]:
    """Each row's gate score by a gate fitted on the other folds."""
    order = list(range(len(rows)))
    random.Random(0).shuffle(order)
    scores = [0.0] * len(rows)
    for fold in range(FOLDS):
        held = order[fold::FOLDS]
        skip = set(held)
        kept = [i for i in range(len(rows)) if i not in skip]
        gate = fit([rows[i] for i in kept], [labels[i] for i in kept])
        for i, score in zip(held, gate.probabilities([rows[i] for i in held]).tolist(), strict=True):
            scores[i] = score
    return scores


def one_window_microseconds(gate: Gate, rows: Sequence[dict[str, float]]) -> float:
    """The time to judge one window as the term detector does (``TermModel.passes_gate``:
    ``gate.probability(row)``, one window per call)."""
    judge = gate.probability if isinstance(gate, LinearModel) else TreeGate(gate).probability
    began = time.perf_counter()
    for row in rows:
        judge(row)
    return 1e6 * (time.perf_counter() - began) / len(rows)


class TreeGate:
    """Trees read as ``TermModel.gate`` reads its logistic model: one window at a time."""

    def __init__(self, trees: TreeEnsemble) -> None:
        self.trees = trees

    def probability(self, row: dict[str, float]) -> float:
        return float(self.trees.probabilities([row])[0])


def time_gates(shipped: TermModel, trees: TermModel) -> None:
    """Words per second of the fast path with each term model, alternating, twice each."""
    engine = Engine.default()
    texts = [document.text for document in bbc_split()[1][:200]]
    words = sum(len(text.split()) for text in texts)
    config = CheckConfig()
    print("\n| gate | words/s, unseen text | findings |\n|---|---|---|")
    try:
        for _ in range(2):
            for name, term_model in (("logistic (shipped)", shipped), ("trees 60 x depth 3", trees)):
                engine.terms.model = term_model
                _reset_and_warm(engine, False)
                began = time.perf_counter()
                found = sum(len(check(text, config, False).findings) for text in texts)
                print(f"| {name} | {words / (time.perf_counter() - began):,.0f} | {found} |", flush=True)
    finally:
        engine.terms.model = shipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time", action="store_true", help="also time the fast path with each gate")
    args = parser.parse_args()
    model = shipped_term_model()
    if model is None or model.deep_threshold is None:
        raise SystemExit("the shipped term model has no deep bar")
    pairs = [(t, e) for t, e in load_list() if clean_expected(e)[0]]
    lexicon = Lexicon.load()
    documents = term_documents()
    samples = _phrase_samples(pairs, lexicon, 0)
    ungated = TermRestorer(make_phrases(pairs), lexicon, dataclasses.replace(model, gate=None, gate_bar=None))
    rows, tortured, _ = window_training_rows(samples, model.ranker, ungated, [*documents.fit, *documents.prose])
    window = model.window.probabilities(rows).tolist()
    labels = [p >= model.deep_threshold for p in window]
    own = [{name: row[name] for name in GATE_FEATURES} for row in rows]
    held_out = [{name: row[name] for name in GATE_FEATURES} for row in _clean_rows(ungated, documents.threshold)[0]]
    print(f"{len(own):,} training windows ({sum(tortured):,} tortured), {len(held_out):,} held-out clean windows")
    print("| gate | window bar | gate bar (out of fold) | held-out clean windows turned away | one window (us) |")
    print("|---|---|---|---|---|")
    kinds: list[tuple[str, Fit]] = [("logistic (shipped kind)", lambda r, y: _fit(r, y, 0, balanced=True))]
    kinds += [(f"trees {trees} x depth {depth}",
               lambda r, y, trees=trees, depth=depth: _fit_trees(r, y, 0, trees=trees, depth=depth, balanced=True))
              for trees, depth in ((30, 3), (60, 3), (100, 4))]
    timed: TermModel | None = None
    for name, fit in kinds:
        scores = out_of_fold(fit, own, labels)
        gate = fit(own, labels)
        held_scores = gate.probabilities(held_out).tolist()
        cost = one_window_microseconds(gate, held_out[:2000])
        for bar_name, bar in (("deep", model.deep_threshold), ("fast", model.threshold)):
            kept = [s for s, t, p in zip(scores, tortured, window, strict=True) if t and p >= bar]
            at = gate_bar(kept)
            away = sum(s < at for s in held_scores) / len(held_scores)
            print(f"| {name} | {bar_name} ({bar:.3f}) | {at:.4f} | {away:.1%} | {cost:.0f} |")
            if name == "trees 60 x depth 3" and bar_name == "deep" and isinstance(gate, TreeEnsemble):
                timed = dataclasses.replace(model, gate=TreeGate(gate), gate_bar=at)  # type: ignore[arg-type]
    if args.time and timed is not None:
        time_gates(model, timed)


if __name__ == "__main__":
    main()
