"""Speed of source-free detection alone: warm throughput and cold start, fast (and deep).

    .venv/bin/python benchmarks/detect_speed.py [--documents 200] [--deep]

The same measurement as the last table of ``unspun bench detect`` (through ``unspun.check``,
report included; ten 1,000-word pages timed one by one), without the quality runs,
for a machine that is otherwise idle. Prints a Markdown table. With ``--deep``, deep mode
is also timed on the same articles spun (MyThes, rate 0.2): its cost grows with the
suspicion it finds (at most ``MAX_CANDIDATES`` candidates get neural scoring), so clean pages
are its cheapest case and spun ones its dearest.
"""

from __future__ import annotations

import argparse
import dataclasses
import os

from unspun.detect.engine import Engine
from unspun.eval.bench_detect import CRAWL_WARMUP, speed, thousand_word_pages
from unspun.eval.corpus import bbc_split
from unspun.models import Document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--deep", action="store_true")
    args = parser.parse_args()
    _, test = bbc_split()
    documents = list(test[: args.documents])
    print(f"load average before: {os.getloadavg()[0]:.2f} (1 min) on {os.cpu_count()} cores")
    print("| system | documents | warm words/s, unseen text | same text again, options memoised "
          f"| unseen text after {CRAWL_WARMUP:,} other articles "
          "| a 1,000-word page, warm: median / slowest (s) | cold start (s) |")
    print("|---|---|---|---|---|---|---|")
    engines: list[tuple[str, object, list[Document]]] = [("unspun fast", Engine.default(), documents)]
    if args.deep:
        from unspun.detect.deep import deep_engine
        from unspun.eval.spinner import Spinner
        from unspun.eval.thesauri import MyThesSource

        spinner = Spinner(MyThesSource(), rate=0.2, seed=1)
        spun = [dataclasses.replace(d, text=spinner.spin(d.text).text) for d in documents]
        engines += [("unspun deep", deep_engine(), documents), ("unspun deep, spun text", deep_engine(), spun)]
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


if __name__ == "__main__":
    main()
