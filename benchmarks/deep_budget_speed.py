"""Deep mode's time under a budget (``CheckConfig.deep_candidates``) on spun 1,000-word pages.

    .venv/bin/python benchmarks/deep_budget_speed.py [--budgets 80 50 30] [--pages 6] [--lm NAME]

The pages are cut, 1,000 words each, from the first test-half articles spun with MyThes at
rate 0.2 (the spun pages of ``benchmarks/detect_speed.py --deep``): deep mode's dearest case,
since its cost grows with the candidates it reads. Each page is checked end to end
(``unspun.check`` with ``deep=True``, report included) after a warm-up check, first as
shipped (the deep model's own number of candidates), then under each budget, reading with
the language model ``--lm`` (default: deep mode's own, SmolLM2). Prints a
Markdown table; quality under a budget: ``benchmarks/deep_validation.py MODEL --budget N``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from unspun.config import CheckConfig
from unspun.detect.deep import deep_engine
from unspun.eval.bench_detect import model_dtype, thousand_word_pages
from unspun.eval.corpus import bbc_split
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import MyThesSource
from unspun.pipeline import check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budgets", type=int, nargs="+", default=[80, 50, 30])
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--lm", help="the language model deep mode reads with (CheckConfig.language_model)")
    args = parser.parse_args()
    train, test = bbc_split()
    spinner = Spinner(MyThesSource(), rate=0.2, seed=1)
    pages = thousand_word_pages([spinner.spin(d.text).text for d in test[:40]], limit=args.pages)
    engine = deep_engine(args.lm)
    check(train[0].text, CheckConfig(language_model=args.lm), deep=True)  # the model loaded, its first products run
    print(f"load average before: {os.getloadavg()[0]:.2f} (1 min) on {os.cpu_count()} cores; "
          f"the model in {model_dtype(engine)}; {len(pages)} spun 1,000-word pages")
    print("| candidates read per text | a page: median / slowest (s) | each page (s) |")
    print("|---|---|---|")
    for budget in [None, *args.budgets]:
        config = CheckConfig(deep_candidates=budget, language_model=args.lm)
        seconds = []
        for page in pages:
            began = time.perf_counter()
            check(page, config, deep=True)
            seconds.append(time.perf_counter() - began)
        name = f"as shipped ({engine.max_candidates})" if budget is None else str(budget)
        print(f"| {name} | {statistics.median(seconds):.2f} / {max(seconds):.2f} | "
              f"{', '.join(f'{s:.1f}' for s in seconds)} |", flush=True)


if __name__ == "__main__":
    main()
