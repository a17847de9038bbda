"""Compare deep detector model files on train-half articles no model learned from.

    .venv/bin/python benchmarks/deep_validation.py MODEL.json [MODEL.json ...] [--documents 60] [--spun-bars B ...]
    .venv/bin/python benchmarks/deep_validation.py MODEL.json --wide-scored 0 3 12 40
    .venv/bin/python benchmarks/deep_validation.py MODEL.json --budget 80

``python -m unspun.eval.train --deep --documents 160`` learns from the seed-0 shuffled train
half's articles 560-720 and places its threshold with 150 more clean ones (720-870); the fast
option and span models learned from the first 560 (the fast document model read every
train-half article, those from 800 on as clean texts only). No deep, option or span model saw
the articles from 870 on, so they decide between deep model variants without touching the
test half that BENCHMARKS.md reports.
For each model file: false findings per 1,000 words on the clean articles and phrase
precision / recall / F1 of their copies spun with the foreign (MyThes) dictionary at rate
0.2, at a range of single thresholds and at the model's own (with its lower bar for texts
the document score calls spun, when it has one: the fast score, raised by the text's
surprise when the model has a surprise model), and how often the found swaps' originals are
restored (with deep mode's wider pool of originals, and, on the last row, with
the fast path's options only). The neural evidence is computed once per text with the
current code, choosing and reading candidates as the shipped deep model's file says (or as
``--selection`` says), and judged by every model file (restored terms and the wider suggestion pool
are read by the model again for each row). With ``--wide-scored``, only the model's own bars,
reading that many originals of the wider pool per widened finding (session 19, 40 articles:
found swaps restored top-1 0.533 with the fast options only, 0.549 reading 3, 0.553 reading
12, 0.551 reading 40). About 3 s per article. With a model that has a gate on the suspected
reading, judging a text the surprise alone calls spun reads it a second time, as suspected,
choosing its candidates as the first reading did (``DeepEngine.suspected_swaps``; before session
29 always as the shipped file says, also with ``--selection``).

Each file's evidence is read with the language model the file names (``language_model`` in
its meta: SmolLM2 when it names none), once per model. With two files or more, a last table
gives each file's phrase F1 at its own bars against the first file's, with a 95% interval
from articles resampled (paired).
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import random
from collections.abc import Iterable
from pathlib import Path

from unspun.detect.candidates import Candidate
from unspun.detect.deep import SELECTION_SETTINGS, WIDE_SCORED, DeepEngine, deep_engine, language_model
from unspun.detect.engine import Analysis
from unspun.detect.model import DetectorModel
from unspun.detect.neural import TOP_OPTIONS, NeuralScorer
from unspun.eval.corpus import shuffled_train
from unspun.eval.metrics import PhraseCounts
from unspun.eval.spinner import Spinner, SpunText
from unspun.eval.thesauri import MyThesSource
from unspun.eval.train import VALIDATION_START
from unspun.models import Document, Finding

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+", type=Path)
    parser.add_argument("--documents", type=int, default=60)
    parser.add_argument("--spun-bars", type=float, nargs="*", default=[],
                        help="also judge texts called spun (document score at least the model's "
                             "spun_document_score, 0.7 by default) at these bars, the others at the model's threshold")
    parser.add_argument("--selection", type=int, nargs=3, metavar=("MAX", "FULL", "REDUCED"),
                        help="choose and read candidates so (DeepEngine's max_candidates, full_candidates and "
                             "reduced_options) instead of as the shipped model's file says: e.g. 70 70 6 for the "
                             "policy before session 15; model files trained otherwise are judged on this evidence too")
    parser.add_argument("--wide-scored", type=int, nargs="+", metavar="N",
                        help="judge at the model's own bars only, reading N originals of the wider suggestion "
                             "pool for each widened finding instead of WIDE_SCORED (0: the fast options only)")
    parser.add_argument("--budget", type=int, metavar="N",
                        help="read and judge as a deep check with CheckConfig.deep_candidates=N does "
                             "(DeepEngine.within: at most N candidates read, only their swaps and filler reported)")
    parser.add_argument("--core", action="store_true",
                        help="judge each file's option and span models and bars only, without its surprise model, "
                             "suspected-reading gate and suggestion calibrators (as train --deep --core-only writes)")
    args = parser.parse_args()
    documents = shuffled_train(VALIDATION_START, args.documents)
    spinner = Spinner(MyThesSource(), rate=0.2, seed=1)
    spun = [spinner.spin(d.text) for d in documents]
    words = sum(len(d.text.split()) for d in documents)
    shipped = deep_engine()
    if args.selection:
        settings = dict(zip(SELECTION_SETTINGS, args.selection, strict=True))
        shipped = DeepEngine(shipped.fast, shipped.model, shipped.scorer, **settings)
    if args.budget is not None:
        shipped = shipped.within(args.budget)
    models = {path: DetectorModel.from_dict(json.loads(path.read_text(encoding="utf-8"))) for path in args.models}
    if args.core:
        models = {path: dataclasses.replace(model, surprise=None, suspected=None, suggestion={})
                  for path, model in models.items()}
    own: dict[Path, list[PhraseCounts]] = {}
    # The evidence is read once per language model the files learned from, choosing candidates
    # as the shipped engine does.
    for spec in dict.fromkeys(language_model(model) for model in models.values()):
        reader = shipped
        if spec != language_model(shipped.model):
            reader = shipped.variant(scorer=NeuralScorer(lexicon=shipped.fast.lexicon, spec=spec))
        own.update(judge_models(reader, [(path, model) for path, model in models.items()
                                         if language_model(model) == spec], documents, spun, words, args))
    if len(own) > 1 and not args.wide_scored:
        print_gains(own)


def print_gains(own: dict[Path, list[PhraseCounts]], draws: int = 1000) -> None:
    """Each model's phrase F1 at its own bars against the first model's, with a 95% interval
    from articles resampled (the same draws for every model: the gain is paired)."""
    first, *others = own
    rng = random.Random(0)
    size = len(own[first])
    samples = [[rng.randrange(size) for _ in range(size)] for _ in range(draws)]
    reference = [_pooled(own[first], sample).f1 for sample in samples]
    whole = _pooled(own[first], range(size)).f1
    print(f"\nphrase F1 at each model's own bars against {first} (95% interval, {draws} resamplings of the articles)")
    print("| model | F1 | gain |")
    print("|---|---|---|")
    print(f"| {first} | {whole:.3f} | - |")
    for path in others:
        gains = sorted(_pooled(own[path], sample).f1 - f1 for sample, f1 in zip(samples, reference, strict=True))
        f1 = _pooled(own[path], range(size)).f1
        print(f"| {path} | {f1:.3f} | {f1 - whole:+.3f} "
              f"({gains[int(0.025 * draws)]:+.3f} to {gains[int(0.975 * draws) - 1]:+.3f}) |")


def _pooled(articles: list[PhraseCounts], sample: Iterable[int]) -> PhraseCounts:
    """The counts of the articles ``sample`` names (with repeats), summed."""
    total = PhraseCounts()
    for index in sample:
        total.include(articles[index])
    return total


def judge_models(shipped: DeepEngine, models: list[tuple[Path, DetectorModel]], documents: list[Document],
                 spun: list[SpunText], words: int, args: argparse.Namespace) -> dict[Path, list[PhraseCounts]]:
    """Print each model's rows, on evidence read by ``shipped``'s scorer; return each model's
    counts per spun article at its own bars."""
    clean_evidence = [shipped.neural_candidates(d.text) for d in documents]
    spun_evidence = [shipped.neural_candidates(s.text) for s in spun]
    own: dict[Path, list[PhraseCounts]] = {}
    for path, model in models:
        bars = sorted({model.finding_threshold, *THRESHOLDS})
        spun_bar = model.meta.get("spun_finding_threshold")
        bars_said = f"{model.finding_threshold}" + ("" if spun_bar is None else f", {spun_bar} in texts called spun")
        print(f"\n{path} (finding threshold {bars_said}), {len(documents)} articles, read by {language_model(model).name}")
        print("| threshold | false findings per 1,000 clean words | phrase P / R / F1, MyThes 0.2 "
              "| found swaps restored, top-1 / top-5 |")
        print("|---|---|---|---|")
        rows = [(model.with_thresholds(bar), WIDE_SCORED) for bar in bars]
        if spun_bar is not None:
            rows.append((model, WIDE_SCORED))
        rows += [(model.with_thresholds(model.finding_threshold, other), WIDE_SCORED) for other in args.spun_bars]
        rows.append((model, 0))
        if args.wide_scored:
            rows = [(model, wide) for wide in args.wide_scored]
        for judged, wide in rows:
            engine = shipped.variant(judged, wide_scored=wide)  # its second reading chooses as the first
            # The scorer reads at most top_options options of a candidate, the widened ones too.
            shipped.scorer.top_options = max(TOP_OPTIONS, wide)
            clean = [_findings(engine, evidence) for evidence in clean_evidence]
            articles = []
            for copy_, evidence in zip(spun, spun_evidence, strict=True):
                articles.append(PhraseCounts())
                articles[-1].add(_findings(engine, evidence), copy_.edits)
            counts = _pooled(articles, range(len(articles)))
            false = 1000 * sum(len(c) for c in clean) / words
            bar, lower = judged.finding_threshold, judged.meta.get("spun_finding_threshold")
            if bar == model.finding_threshold and lower == spun_bar and wide == WIDE_SCORED:
                own[path] = articles
            mark = " (model's)" if bar == model.finding_threshold and lower == spun_bar else ""
            mark += "" if lower is None else f", {lower:.2f} in texts called spun"
            mark += f", {wide} wider originals read" if wide else ", fast options only"
            top1, top5 = counts.restored_share
            print(f"| {bar:.2f}{mark} | {false:.2f} | {counts.precision:.3f} / {counts.recall:.3f} / {counts.f1:.3f} "
                  f"| {top1:.3f} / {top5:.3f} |")
    return own


def _findings(engine: DeepEngine, evidence: tuple[Analysis, list[Candidate]]) -> list[Finding]:
    """The engine's findings on one text's fast analysis and neural candidates (judged on copies:
    judging changes them in place)."""
    analysis, chosen = copy.deepcopy(evidence)
    return engine.judge(analysis, chosen).findings


if __name__ == "__main__":
    main()
