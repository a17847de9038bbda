"""Deep mode's document score with the surprise model, on texts no model or bar read.

    .venv/bin/python benchmarks/deep_document_validation.py [--model detector-model-deep.json] [--documents 100]
    .venv/bin/python benchmarks/deep_document_validation.py --test --documents 300   # the test half
    .venv/bin/python benchmarks/deep_document_validation.py --test --documents 300 --issue-rows  # its rows only
    .venv/bin/python benchmarks/deep_document_validation.py --test --documents 300 --lm gemma3-270m-q4_k_m

Deep mode raises the fast document score to the surprise model's probability where that
reaches the model's own bar (``meta["surprise_bar"]``, 0.897 in the shipped model), and
calls a text spun at the verdict bar (0.7) (``DeepEngine.add_surprise``; a text whose fast
score already reaches the surprise bar is not read). This puts it beside the fast document
score alone, before any test-half figure:

- spun: the first ``--documents`` articles of the train half's validation slice
  (``train.VALIDATION_START`` on: no model or bar was placed on them), spun with the
  foreign dictionary (MyThes) at 0.1 and 0.2, with the spinner's filler and without;
- clean: the same articles; the Lee corpus (ABC news, ``--documents`` of them: no fast
  model and no surprise model read them; the deep span models used them as clean text,
  which does not touch the document score); Wikipedia's 47 odd-numbered prose articles
  (their first 1,000 words; no model reads them: since session 66 the fast document model
  learns from stretches of the even-numbered ones, and until then this read all 95).

With ``--test``, the first ``--documents`` articles of ``unspun bench detect``'s test sample
take the validation slice's place (the document rows of the issues; run it once the model is
chosen).

Printed per data set: texts called spun by each score; for the spun ones, document
precision, recall and F1 against the clean articles of the same half (as ``unspun bench
detect`` counts them), and the AUC of each score against them. Deep mode's document score is computed as deep mode
computes it (``DeepEngine.add_surprise`` on the fast analysis: the shipped deep model has no
deep document model, so that is the only change deep mode makes to the score), without
the neural scoring of candidates, which does not touch it. About 0.75 s per text on 2 cores
(9 minutes with the defaults, 28 with ``--test --documents 300``). Needs the deep extra.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from unspun.detect.deep import DeepEngine, deep_model_file
from unspun.detect.engine import Engine
from unspun.detect.model import DetectorModel
from unspun.eval.bench_detect import SPUN_THRESHOLD
from unspun.eval.corpus import bench_sample, lee_articles, shuffled_train, wikipedia_halves
from unspun.eval.metrics import auc, document_f1
from unspun.eval.spinner import Spinner, filler_free
from unspun.eval.thesauri import MyThesSource
from unspun.eval.train import DEFAULT_OUTPUT, VALIDATION_START


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lm", help="the language model whose shipped deep model to use (default: SmolLM2's); "
                        "the model file names the language model it reads with")
    parser.add_argument("--model", type=Path, help="the deep model file (default: the shipped one of --lm)")
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--test", action="store_true", help="the test half (unspun bench detect's sample) instead")
    parser.add_argument("--issue-rows", action="store_true",
                        help="only the clean articles and their copies spun with filler (the issue's rows): the texts "
                             "without filler, Lee's and Wikipedia's each cost the language model's reading of every text")
    args = parser.parse_args()
    began = time.perf_counter()
    if args.model is None:
        args.model = DEFAULT_OUTPUT.with_name(deep_model_file(args.lm))
    model = DetectorModel.from_dict(json.loads(args.model.read_text(encoding="utf-8")))
    if model.surprise is None:
        raise SystemExit(f"{args.model} has no surprise model (python -m unspun.eval.train_surprise)")
    engine = Engine.default()
    deep = DeepEngine(engine, model)  # it reads with the language model the file learned from

    def scores(text: str) -> tuple[float, float]:
        analysis = engine.analyse(text)
        fast = analysis.score
        deep.add_surprise(analysis)
        return fast, analysis.score

    if args.test:
        articles, half = bench_sample(args.documents, args.seed), "test"
    else:
        articles, half = shuffled_train(VALIDATION_START, args.documents, seed=args.seed), "validation slice"
    source = MyThesSource()
    spun_sets = [("MyThes 0.1", Spinner(source, rate=0.1, seed=args.seed + 1)),
                 ("MyThes 0.2", Spinner(source, rate=0.2, seed=args.seed + 1)),
                 ("MyThes 0.1, no filler", filler_free(source, 0.1, args.seed + 1)),
                 ("MyThes 0.2, no filler", filler_free(source, 0.2, args.seed + 1))]
    data_sets = [(f"clean ({half})", [d.text for d in articles])]
    if args.issue_rows:
        spun_sets = [(name, spinner) for name, spinner in spun_sets if "no filler" not in name]
    data_sets += [(name, [spinner.spin(d.text).text for d in articles]) for name, spinner in spun_sets]
    if not args.issue_rows:
        data_sets += [("clean Lee (ABC news)", [d.text for d in lee_articles()[: args.documents]]),
                      ("clean Wikipedia (first 1,000 words)",
                       [" ".join(d.text.split(" ")[:1000]) for d in wikipedia_halves()[1]])]
    results = {}
    for name, texts in data_sets:
        results[name] = [scores(text) for text in texts]
        print(f"  {name}: {len(texts)} texts ({time.perf_counter() - began:.0f} s)", flush=True)
    reference = results[f"clean ({half})"]
    where = "the test sample of unspun bench detect" if args.test else f"train half from {VALIDATION_START}"
    print(f"\n{len(articles)} {half} articles ({where}, seed {args.seed}); verdict bar {SPUN_THRESHOLD}; "
          f"model {args.model.name}\n")
    print("| data set | texts | called spun: fast / deep | document P / R / F1: fast | deep "
          f"| AUC against the clean {half} articles: fast / deep |")
    print("|---|---|---|---|---|---|")
    clean_called = [sum(pair[i] >= SPUN_THRESHOLD for pair in reference) for i in (0, 1)]
    for name, pairs in results.items():
        called = [sum(pair[i] >= SPUN_THRESHOLD for pair in pairs) for i in (0, 1)]
        if name.startswith("clean"):
            print(f"| {name} | {len(pairs)} | {called[0]} / {called[1]} | - | - | - |")
            continue
        labels = [False] * len(reference) + [True] * len(pairs)
        areas = " / ".join(f"{auc([pair[i] for pair in reference + pairs], labels):.3f}" for i in (0, 1))
        measures = [" / ".join(f"{v:.3f}" for v in document_f1(called[i], len(pairs), clean_called[i])) for i in (0, 1)]
        print(f"| {name} | {len(pairs)} | {called[0]} / {called[1]} | {measures[0]} | {measures[1]} | {areas} |")


if __name__ == "__main__":
    main()
