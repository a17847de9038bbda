"""Deep findings in texts the surprise alone calls spun: at the fast score's bar (session 23),
at the lower bar for spun texts (session 24), with the swaps of a suspected reading its gate
passes (shipped since session 25), and read as a suspected text's without the gate (measured
in session 24 and not shipped: its false findings on clean text).

    .venv/bin/python benchmarks/deep_surprise_findings.py [--documents 100]
    .venv/bin/python benchmarks/deep_surprise_findings.py --test --documents 100   # the test half

Deep mode judges findings at the deep model's threshold, and at its lower bar
(``meta["spun_finding_threshold"]``) in a text whose document score calls it spun. Since
session 23 the surprise model can raise the document score of a text the fast score does
not call spun (a rewriter without filler, mostly). Four ways to judge such a text's words:

- session 23: the bar follows the fast score (the deep model without its surprise model
  gives the same findings);
- session 24: the bar follows the raised score, the words judged as an unsuspected text's
  (the deep model without its gate);
- shipped: as session 24, and the swaps of a suspected reading that the deep model's gate
  passes join them (``DeepEngine.suspected_swaps``, :mod:`unspun.detect.suspected`);
- suspected: the words read again as a suspected text's (``Engine.candidates`` with
  ``suspect``, as ``--suspect`` does) and judged at the lower bar, the document score kept,
  without the gate.

On:

- spun: the first ``--documents`` articles of the train half's validation slice
  (``train.VALIDATION_START`` on: no model or bar was placed on them), spun with the foreign
  dictionary (MyThes) without filler at 0.1 and 0.2, and with filler at 0.2 (the issue's
  phrase row);
- clean: the same articles, and as many Lee articles (ABC news; the deep span models read
  them as clean text, the surprise model did not).

With ``--test``, the first ``--documents`` articles of ``unspun bench detect``'s test sample
take the validation slice's place.

Printed per data set: texts called spun by deep mode (at the verdict bar, 0.7), texts whose
finding bar the surprise lowers; phrase precision / recall / F1 against the spinner's true
swaps (spun sets) or false findings per 1,000 words (clean sets), each way (elsewhere the
four ways are the same). About 27 minutes with the defaults on 2 cores. Needs the deep
extra.
"""

from __future__ import annotations

import argparse
import dataclasses
import time

from unspun.detect.deep import DeepEngine, deep_engine
from unspun.detect.engine import Analysis
from unspun.eval.bench_detect import SPUN_THRESHOLD
from unspun.eval.corpus import bench_sample, lee_articles, shuffled_train
from unspun.eval.metrics import PhraseCounts
from unspun.eval.spinner import Edit, Spinner, filler_free
from unspun.eval.thesauri import MyThesSource
from unspun.eval.train import VALIDATION_START

WAYS = ("session 23 (the fast score's bar)", "session 24 (the raised score's bar)",
        "shipped (and the gated suspected reading)", "suspected, at the raised score's bar, no gate")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--test", action="store_true", help="the test half (unspun bench detect's sample) instead")
    args = parser.parse_args()
    began = time.perf_counter()
    shipped = deep_engine()
    model = shipped.model
    assert model is not None and model.surprise is not None, "the shipped deep model has no surprise model"
    assert model.suspected is not None, "the shipped deep model has no gate on the suspected reading"

    def variant(**changes: object) -> DeepEngine:
        return DeepEngine(shipped.fast, dataclasses.replace(model, **changes), shipped.scorer, shipped.wide_scored,
                          shipped.max_candidates, shipped.full_candidates, shipped.reduced_options)

    # Without its surprise model the deep model's bars follow the fast score, as in session 23;
    # without its gate, the words are judged as in session 24.
    fast_bars, ungated = variant(surprise=None, suspected=None), variant(suspected=None)
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
    print(f"{len(articles)} {half} articles (seed {args.seed}); deep model bars {model.finding_threshold}, "
          f"{model.meta.get('spun_finding_threshold')} in texts called spun; surprise bar "
          f"{float(model.meta['surprise_bar']):.3f}\n")
    rows = []
    for name, texts, edits in data_sets:
        judged: list[list[Analysis]] = [[], [], [], []]
        lowered = called = 0
        for text in texts:
            # As DeepEngine.analyse, keeping the fast score that judging raises.
            analysis, chosen = ungated.neural_candidates(text)
            fast_score = analysis.score
            analysis = ungated.judge(analysis, chosen)
            called += analysis.score >= SPUN_THRESHOLD
            ways = [analysis] * 4
            if model.finding_threshold_for(analysis.score) < model.finding_threshold_for(fast_score):
                lowered += 1
                suspected, chosen = ungated.neural_candidates(text, suspect=True)
                # The document score stays the first reading's (suspect mode's assumes filler).
                suspected.features, suspected.score = dict(analysis.features), analysis.score
                ways = [fast_bars.analyse(text), analysis, shipped.analyse(text), ungated.judge(suspected, chosen, suspect=True)]
            for way, result in zip(judged, ways, strict=True):
                way.append(result)
        if edits is None:
            words = sum(len(text.split()) for text in texts)
            measures = [f"{1000 * sum(len(a.findings) for a in way) / words:.2f}" for way in judged]
        else:
            measures = []
            for way in judged:
                counts = PhraseCounts()
                for analysis, true_edits in zip(way, edits, strict=True):
                    counts.add(analysis.findings, true_edits)
                measures.append(f"{counts.precision:.3f} / {counts.recall:.3f} / {counts.f1:.3f}")
        rows.append(f"| {name} | {len(texts)} | {called} | {lowered} | " + " | ".join(measures) + " |")
        print(f"  {name}: {len(texts)} texts ({time.perf_counter() - began:.0f} s)", flush=True)
    print("\n| data set | texts | called spun (deep) | finding bar lowered by the surprise | " + " | ".join(WAYS) + " |")
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print("\nClean sets: false findings per 1,000 words; spun sets: phrase P / R / F1 against the spinner's true swaps.")


if __name__ == "__main__":
    main()
