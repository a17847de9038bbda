"""Speed of source-free detection alone: warm throughput and cold start, fast (and deep).

    .venv/bin/python benchmarks/detect_speed.py [--documents 200] [--deep] [--jobs 2]

The same measurement as the last table of ``unspun bench detect`` (through ``unspun.check``,
report included; ten 1,000-word pages timed one by one), without the quality runs,
for a machine that is otherwise idle. Prints a Markdown table. With ``--deep``, deep mode
is also timed on the same articles spun (MyThes, rate 0.2): its cost grows with the
suspicion it finds (at most ``MAX_CANDIDATES`` candidates get neural scoring), so clean pages
are its cheapest case and spun ones its dearest; and on the same articles spun without filler
(MyThes, rate 0.2), where the text's surprise is read and, in a text it alone calls spun, a
second, suspected reading follows (``DeepEngine.suspected_swaps``). With ``--jobs N`` the
fast path is also timed through ``unspun.check_many`` with N worker processes (a second
table): a batch as ``unspun check --jobs N`` runs it.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import time

from unspun.batch import check_many
from unspun.detect.engine import Engine
from unspun.eval.bench_detect import CRAWL_WARMUP, model_dtype, speed, thousand_word_pages
from unspun.eval.corpus import bbc_split
from unspun.models import Document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--deep", action="store_true")
    parser.add_argument("--jobs", type=int, default=0,
                        help="also time the fast path with this many processes (default 0: do not)")
    args = parser.parse_args()
    train, test = bbc_split()
    documents = list(test[: args.documents])
    print(f"load average before: {os.getloadavg()[0]:.2f} (1 min) on {os.cpu_count()} cores")
    print("| system | documents | warm words/s, unseen text | same text again, options memoised "
          f"| unseen text after {CRAWL_WARMUP:,} other articles "
          "| a 1,000-word page, warm: median / slowest (s) | cold start (s) |")
    print("|---|---|---|---|---|---|---|")
    engines: list[tuple[str, object, list[Document]]] = [("unspun fast", Engine.default(), documents)]
    if args.deep:
        from unspun.detect.deep import deep_engine
        from unspun.eval.spinner import Spinner, filler_free
        from unspun.eval.thesauri import MyThesSource

        spinner = Spinner(MyThesSource(), rate=0.2, seed=1)
        spun = [dataclasses.replace(d, text=spinner.spin(d.text).text) for d in documents]
        rewriter = filler_free(MyThesSource(), 0.2, seed=1)
        rewritten = [dataclasses.replace(d, text=rewriter.spin(d.text).text) for d in documents]
        engines += [("unspun deep", deep_engine(), documents), ("unspun deep, spun text", deep_engine(), spun),
                    ("unspun deep, spun without filler", deep_engine(), rewritten)]
    for name, engine, texts in engines:
        deep = name.startswith("unspun deep")
        sample = texts[:20] if deep else texts
        pages = thousand_word_pages([d.text for d in texts])  # ten pages, deep mode too
        row = speed(engine, sample, deep, lambda m: None, pages)
        crawl = row["crawl_words_per_second"]
        print(f"| {name} | {len(sample)} | {row['warm_words_per_second']:,.0f} | {row['memoised_words_per_second']:,.0f} | "
              f"{'-' if crawl is None else f'{crawl:,.0f}'} | "
              f"{row['page_seconds_median']:.2f} / {row['page_seconds_max']:.2f} ({row['pages']} pages) | "
              f"{row['cold_start_seconds']:.2f} |")
        if not deep:  # its crawl pass ran last: the memos are as large as a long crawl's
            fast_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    deep_engines = [engine for name, engine, _ in engines if name.startswith("unspun deep")]
    if deep_engines:
        print(f"\ndeep mode: the model computed in {model_dtype(deep_engines[0])}")
    print(f"\npeak memory of this process after the fast row's crawl pass ({CRAWL_WARMUP:,} articles, "
          f"before any deep row): {fast_peak:,.0f} MB")
    if args.jobs:
        print()
        print("| system | processes | documents | warm words/s, unseen text, wall clock |")
        print("|---|---|---|---|")
        print(f"| unspun fast, check_many | {args.jobs} | {len(documents)} | "
              f"{parallel_words_per_second(list(train[:20]), documents, args.jobs):,.0f} |")


def parallel_words_per_second(warmup: list[Document], documents: list[Document], jobs: int) -> float:
    """Words per second of wall-clock time through ``check_many`` with ``jobs`` processes, on
    ``documents`` after ``warmup``: the clock starts when the last warm-up report is back, so
    the workers have started, loaded the engine and warmed its memos as in the one-process
    figure (a few documents are already in the workers' hands by then: the figure may
    overstate by a few percent)."""
    words = sum(len(d.text.split()) for d in documents)
    began = 0.0
    for count, _ in enumerate(check_many([*warmup, *documents], jobs=jobs), start=1):
        if count == len(warmup):
            began = time.perf_counter()
    return words / (time.perf_counter() - began)


if __name__ == "__main__":
    main()
