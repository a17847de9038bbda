"""The tortured-phrase rows of deep mode alone: what ``unspun bench detect --deep`` reports
for them, without the document, phrase and speed rows.

    .venv/bin/python benchmarks/deep_tortured.py [--phrases 500] [--seed 0] [--lm NAME]

Five folds over the dev list, as the benchmark runs them
(``bench_detect.tortured_cross_validation`` with the default deep engine: each fold's term
model and verifier fitted without its phrases); prints the rows of unspun deep and of the
list-only matcher, and the dtype the model computed in (``unspun.deep._dtype``). About 10
minutes a fold for 500 phrases on session 21's machine (float32), so most of an hour.
"""

from __future__ import annotations

import argparse
import time

from unspun.detect.deep import deep_engine
from unspun.eval.bench_detect import model_dtype, tortured_cross_validation


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phrases", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--lm", help="the language model deep mode reads with (default: SmolLM2's deep mode)")
    args = parser.parse_args()
    began = time.perf_counter()
    engine = deep_engine(args.lm)
    rows = tortured_cross_validation(engine, args.seed, print, args.phrases)
    print("| system | phrases | flagged | expected phrases flagged | suggestion = expected, top-1 | top-5 |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        name = "unspun deep" if row["system"] == "unspun" else row["system"]
        print(f"| {name} | {row['phrases']} | {row['flagged']:.3f} | {row['expected_flagged']:.3f} | "
              f"{row['top1']:.3f} | {row['top5']:.3f} |")
    print(f"\nthe model computed in {model_dtype(engine)}; {(time.perf_counter() - began) / 60:.0f} minutes")


if __name__ == "__main__":
    main()
