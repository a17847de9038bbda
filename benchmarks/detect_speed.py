"""Speed of source-free detection alone: warm throughput and cold start, fast (and deep).

    .venv/bin/python benchmarks/detect_speed.py [--documents 200] [--deep]

The same measurement as the last table of ``unspun bench detect`` (through ``unspun.check``,
report included; ten 1,000-word pages timed one by one), without the quality runs,
for a machine that is otherwise idle. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os

from unspun.detect.engine import Engine
from unspun.eval.bench_detect import speed, thousand_word_pages
from unspun.eval.corpus import bbc_split


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--deep", action="store_true")
    args = parser.parse_args()
    _, test = bbc_split()
    documents = list(test[: args.documents])
    print(f"load average before: {os.getloadavg()[0]:.2f} (1 min) on {os.cpu_count()} cores")
    print("| system | documents | warm words/s, unseen text | same text again, options memoised "
          "| a 1,000-word page, warm: median / slowest (s) | cold start (s) |")
    print("|---|---|---|---|---|---|")
    engines: list[tuple[str, object]] = [("unspun fast", Engine.default())]
    if args.deep:
        from unspun.detect.deep import deep_engine

        engines.append(("unspun deep", deep_engine()))
        documents_deep = documents[:20]
    for name, engine in engines:
        sample = documents_deep if name == "unspun deep" else documents
        pages = thousand_word_pages([d.text for d in documents])  # ten pages, deep mode too
        row = speed(engine, sample, name == "unspun deep", lambda m: None, pages)
        print(f"| {name} | {len(sample)} | {row['warm_words_per_second']:,.0f} | {row['memoised_words_per_second']:,.0f} | "
              f"{row['page_seconds_median']:.2f} / {row['page_seconds_max']:.2f} ({row['pages']} pages) | "
              f"{row['cold_start_seconds']:.2f} |")


if __name__ == "__main__":
    main()
