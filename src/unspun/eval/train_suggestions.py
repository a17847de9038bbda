"""Fit the suggestion calibrators: how likely a finding's suggestion is what stood there.

    python -m unspun.eval.train_suggestions            # into the shipped fast model (~1 min)
    python -m unspun.eval.train_suggestions --deep     # into the shipped deep model (~5 min)

A finding's ``confidence`` says whether a phrase was swapped; its ``suggestion_confidence``
says, if it was, how likely the suggestion gives back the original. Per kind (``swap``,
``filler``) a logistic model reads the candidate's ranked option scores and the span's
confidence (``model.suggestion_features``).

Data: the held-out part of the texts the models were trained with, where the option model's
scores are as on unseen text: the last 30% of the articles ``python -m unspun.eval.train``
read (its threshold split, spun with the same seeds and dictionaries: Moby, WordNet and Moby's mutual pairs) at
the training rates. Rows are the findings of those spins that overlap a true edit (a finding
that touches no edit says nothing about suggestions); a row is right when the suggestion, in
place, gives back the original text over the finding and the edits it touches
(``metrics.suggestion_right``). The benchmark checks the calibration on the test half, with
the foreign dictionary too.
``python -m unspun.eval.train`` calls this after fitting, so a retrained model has its
calibrators; this module refits them alone, leaving every other model in the file as it was.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..detect.candidates import Candidate
from ..detect.engine import Engine, apply_model, select_findings
from ..detect.model import DetectorModel, LinearModel, suggestion_features
from ..detect.swaps import shown_options
from ..models import Document, Finding
from .corpus import shuffled_train
from .metrics import suggestion_right, touched_edits
from .spinner import Edit

CALIBRATED_KINDS = ("swap", "filler")
Rows = dict[str, tuple[list[dict[str, float]], list[bool]]]


def suggestion_rows(findings: Iterable[Finding], candidates: Sequence[Candidate], edits: Sequence[Edit],
                    rows: Rows) -> None:
    """Add a row per finding of a calibrated kind that overlaps a true edit: the calibrator's
    features (from the candidate over the same span, the options it shows, ranked:
    ``swaps.shown_options``) and whether the
    suggestion gives back the original over the finding and the edits it touches
    (``metrics.suggestion_right``)."""
    by_span = {(c.start, c.end, c.kind): c for c in candidates if c.options}
    for finding in findings:
        candidate = by_span.get((finding.start, finding.end, finding.kind))
        if finding.kind not in CALIBRATED_KINDS or candidate is None:
            continue
        over = touched_edits(finding, edits)
        if not over:
            continue
        shown = shown_options(finding.text, candidate)  # the options the finding suggests from
        if not shown:
            continue
        features, targets = rows.setdefault(finding.kind, ([], []))
        features.append(suggestion_features([o.score for o in shown], candidate.confidence))
        targets.append(suggestion_right(finding, over))


def spun_copies(documents: Sequence[Document], seed: int, rates: Sequence[float]) -> list[tuple[str, list[Edit]]]:
    """Each document spun at each rate as ``train.build_samples`` spins them
    (:func:`~unspun.eval.train.training_copies`)."""
    from .train import training_copies

    return [(spun.text, list(spun.edits)) for rate in rates for spun in training_copies(documents, rate, seed)]


def fast_rows(model: DetectorModel, copies: Sequence[tuple[str, list[Edit]]]) -> Rows:
    """Rows from the fast path's swap and filler findings on the spun copies."""
    engine = Engine(model=None)
    rows: Rows = {}
    # The bar in texts called spun: the fast document score calls nearly all spun copies spun.
    bar = model.finding_threshold_for(1.0)
    for text, edits in copies:
        _, candidates = engine.candidates(text)
        apply_model(model, candidates)
        findings = select_findings(text, candidates, [], bar)
        suggestion_rows(findings, candidates, edits, rows)
    return rows


def deep_rows(model: DetectorModel, copies: Sequence[tuple[str, list[Edit]]], log: Callable[[str], None]) -> Rows:
    """Rows from deep mode's findings judged by the neural model (their suggestions from the
    widened pool), on the spun copies."""
    from ..detect.deep import SELECTION_SETTINGS, DeepEngine

    # Candidates chosen and read as the deep model's training did (as deep_engine() does).
    selection = model.meta.get("selection", {})
    # Without the surprise model: reading it costs a second a text, and the spun copies the
    # calibrators learn from carry filler, so the fast score calls nearly all of them spun already.
    deep = DeepEngine(Engine.default(), dataclasses.replace(model, surprise=None),
                      **{key: int(selection[key]) for key in SELECTION_SETTINGS if key in selection})
    rows: Rows = {}
    began = time.perf_counter()
    for number, (text, edits) in enumerate(copies):
        analysis = deep.analyse(text)
        neural = [c for c in analysis.candidates if "neural" in c.evidence]
        suggestion_rows([f for f in analysis.findings if "neural" in f.evidence], neural, edits, rows)
        if number % 50 == 49:
            log(f"  {number + 1}/{len(copies)} texts ({time.perf_counter() - began:.0f} s)")
    return rows


def fit_calibrators(rows: Rows, seed: int = 0) -> dict[str, LinearModel]:
    """A logistic calibrator per kind; a kind whose suggestions were all right (or all wrong)
    gets a constant one, the share right with one more right and one more wrong counted
    (Laplace's rule: 944 right of 944 reads 0.999, not certainty)."""
    from .train import _fit

    calibrators = {}
    for kind, (features, targets) in sorted(rows.items()):
        right = sum(targets)
        if 0 < right < len(targets):
            calibrators[kind] = _fit(features, targets, seed)
        elif targets:
            calibrators[kind] = LinearModel((), (), (), (), math.log((right + 1) / (len(targets) - right + 1)))
    return calibrators


def with_calibrators(model: DetectorModel, calibrators: dict[str, LinearModel],
                     trained_on: str | None = None) -> DetectorModel:
    """``model`` with these suggestion calibrators (and, when given, what they learned from
    in its ``meta``), every other part as it was."""
    meta = dict(model.meta)
    if trained_on is not None:
        meta["suggestion_trained_on"] = trained_on
    return dataclasses.replace(model, meta=meta, suggestion=calibrators)


def calibrated(model: DetectorModel, held_out: Sequence[Document], seed: int, deep: bool = False,
               log: Callable[[str], None] = print) -> DetectorModel:
    """``model`` with suggestion calibrators fitted on ``held_out`` articles spun at the
    training rates with ``seed`` (the model's own option scores must be unseen there)."""
    from .train import TRAIN_RATES, training_sources_said

    copies = spun_copies(held_out, seed, TRAIN_RATES)
    bare = with_calibrators(model, {})
    rows = deep_rows(bare, copies, log) if deep else fast_rows(bare, copies)
    counts = []
    for kind, (_, targets) in sorted(rows.items()):
        log(f"  suggestion calibrator '{kind}': {len(targets)} findings on a true edit, {sum(targets)} restored")
        counts.append(f"{kind} {len(targets)} ({sum(targets)} right)")
    trained_on = (f"{len(held_out)} held-out BBC train articles, spins ({training_sources_said()}) at {list(TRAIN_RATES)} "
                  f"(seed {seed}); "
                  f"findings on a true edit: {', '.join(counts)}")
    return with_calibrators(model, fit_calibrators(rows, seed), trained_on)


def held_out_documents(deep: bool, seed: int = 0) -> list[Document]:
    """The articles the shipped model placed its threshold on (its option model never read
    them): ``train.main``'s split."""
    from .train import DEEP_DOCUMENTS, FAST_DOCUMENTS, FAST_FIT_END, FIT_SHARE

    documents = shuffled_train(seed=seed)
    if deep:
        deep_documents = documents[FAST_FIT_END:]
        return deep_documents[int(DEEP_DOCUMENTS * FIT_SHARE) : DEEP_DOCUMENTS]
    return documents[FAST_FIT_END:FAST_DOCUMENTS]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m unspun.eval.train_suggestions",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--deep", action="store_true", help="the deep model's calibrators (needs the deep extra)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model", type=Path, help="the model file to update (default: the shipped one)")
    args = parser.parse_args(argv)
    from .refit import write_back
    from .train import default_output

    path = args.model or default_output(args.deep)
    data = json.loads(path.read_text(encoding="utf-8"))
    model = DetectorModel.from_dict(data)

    def log(message: str) -> None:
        print(message, file=sys.stderr)

    # train.build_samples / train_deep spin the threshold split with seed + 1.
    fitted = calibrated(model, held_out_documents(args.deep, args.seed), args.seed + 1, args.deep, log)
    write_back(path, data, fitted, "suggestion", ("suggestion_trained_on",))
    return 0


if __name__ == "__main__":
    sys.exit(main())
