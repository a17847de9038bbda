"""Deep findings in texts the surprise calls spun, judged as a suspected text's words at the
lower bar for spun texts (session 24), against as before (the fast score's bar, unsuspected).

    .venv/bin/python benchmarks/deep_surprise_findings.py [--documents 100]
    .venv/bin/python benchmarks/deep_surprise_findings.py --test --documents 100   # the test half

Deep mode judges findings at the deep model's threshold, and at its lower bar
(``meta["spun_finding_threshold"]``) in a text whose document score calls it spun. Since
session 23 the surprise model can raise the document score of a text the fast score does
not call spun (a rewriter without filler, mostly); until session 24 the bars still followed
the fast score there, and the words were judged as an unsuspected text's, so such a text
was called spun and shown almost none of its swaps. Since then ``DeepEngine.analyse`` judges
them as a suspected text's (``Engine.candidates``), at the lower bar. Both ways, on:

- spun: the first ``--documents`` articles of the train half's validation slice
  (``train.VALIDATION_START`` on: no model or bar was placed on them), spun with the foreign
  dictionary (MyThes) without filler at 0.1 and 0.2, and with filler at 0.2 (the issue's
  phrase row);
- clean: the same articles, and as many Lee articles (ABC news; the deep span models read
  them as clean text, the surprise model did not).

With ``--test``, the first ``--documents`` articles of ``unspun bench detect``'s test sample
take the validation slice's place (run it once the change is decided).

Printed per data set: texts called spun by deep mode (at the verdict bar, 0.7), texts whose
finding bar the surprise lowers; phrase precision / recall / F1 against the spinner's true
swaps (spun sets) or false findings per 1,000 words (clean sets), each way. Those texts are
read again by deep mode without the surprise model (its bars follow the fast score, its
words are judged as an unsuspected text's); elsewhere both ways are the same. Needs the
deep extra.
"""

from __future__ import annotations

import argparse
import dataclasses
import time

from unspun.detect.deep import DeepEngine, deep_engine
from unspun.eval.bench_detect import SPUN_THRESHOLD
from unspun.eval.corpus import bench_sample, lee_articles, shuffled_train
from unspun.eval.metrics import PhraseCounts
from unspun.eval.spinner import Edit, Spinner, filler_free
from unspun.eval.thesauri import MyThesSource
from unspun.eval.train import VALIDATION_START


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--test", action="store_true", help="the test half (unspun bench detect's sample) instead")
    args = parser.parse_args()
    began = time.perf_counter()
    shipped = deep_engine()
    assert shipped.model is not None and shipped.model.surprise is not None, "the shipped deep model has no surprise model"
    # Without its surprise model the deep model's bars follow the fast score, as before.
    fast_bars = DeepEngine(shipped.fast, dataclasses.replace(shipped.model, surprise=None), shipped.scorer,
                           shipped.wide_scored, shipped.max_candidates, shipped.full_candidates, shipped.reduced_options)
    if args.test:
        articles, half = bench_sample(args.documents, args.seed), "test"
    else:
        articles, half = shuffled_train(VALIDATION_START, args.documents, seed=args.seed), "validation slice"
    source = MyThesSource()
    spinners = [("MyThes 0.1, no filler", filler_free(source, 0.1, args.seed + 1)),
                ("MyThes 0.2, no filler", filler_free(source, 0.2, args.seed + 1)),
                ("MyThes 0.2", Spinner(source, rate=0.2, seed=args.seed + 1))]
    data_sets: list[tuple[str, list[str], list[tuple[Edit, ...]] | None]] = [
        (f"clean ({half})", [d.text for d in articles], None),
        ("clean Lee (ABC news)", [d.text for d in lee_articles()[: args.documents]], None)]
    for name, spinner in spinners:
        copies = [spinner.spin(d.text) for d in articles]
        data_sets.append((name, [c.text for c in copies], [tuple(c.edits) for c in copies]))
    print(f"{len(articles)} {half} articles (seed {args.seed}); deep model bars {shipped.model.finding_threshold}, "
          f"{shipped.model.meta.get('spun_finding_threshold')} in texts called spun; surprise bar "
          f"{float(shipped.model.meta['surprise_bar']):.3f}\n")
    rows = []
    model = shipped.model
    for name, texts, edits in data_sets:
        after, before, lowered = [], [], 0
        for text in texts:
            analysis = shipped.analyse(text)
            after.append(analysis)
            fast_score = shipped.fast.analyse(text).score
            if model.finding_threshold_for(analysis.score) < model.finding_threshold_for(fast_score):
                lowered += 1
                before.append(fast_bars.analyse(text))
            else:  # the same evidence judged at the same bar
                before.append(analysis)
        called = sum(a.score >= SPUN_THRESHOLD for a in after)
        if edits is None:
            words = sum(len(text.split()) for text in texts)
            measures = [f"{1000 * sum(len(a.findings) for a in judged) / words:.2f}" for judged in (before, after)]
        else:
            measures = []
            for judged in (before, after):
                counts = PhraseCounts()
                for analysis, true_edits in zip(judged, edits, strict=True):
                    counts.add(analysis.findings, true_edits)
                measures.append(f"{counts.precision:.3f} / {counts.recall:.3f} / {counts.f1:.3f}")
        rows.append(f"| {name} | {len(texts)} | {called} | {lowered} | {measures[0]} | {measures[1]} |")
        print(f"  {name}: {len(texts)} texts ({time.perf_counter() - began:.0f} s)", flush=True)
    print("\n| data set | texts | called spun (deep) | finding bar lowered by the surprise "
          "| as before (the fast score's bar) | judged as suspected, at the spun texts' bar |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))
    print("\nClean sets: false findings per 1,000 words; spun sets: phrase P / R / F1 against the spinner's true swaps.")


if __name__ == "__main__":
    main()
