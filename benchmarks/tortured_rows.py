"""The fast path's tortured-phrase rows alone: `unspun bench detect`'s 5-fold cross-validation
over the dev list (each fold's term model fitted without the fold's phrases), without the
document data sets.

    .venv/bin/python benchmarks/tortured_rows.py [--with-table TERMS.txt.gz] [--phrases N]

``--with-table`` joins a candidate term table to the field-term table first, as
``benchmarks/technical_terms_sweep.py --with-table`` does, so the rows show what a new
known-term source does end to end: at the bar each fold's training places, not at equal bars.
Prints the unspun and list-only rows (flagged, expected phrases flagged, top-1, top-5) and
the minutes taken.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from pathlib import Path
from unittest import mock

from unspun.detect import terms
from unspun.detect.engine import Engine
from unspun.eval.bench_detect import tortured_cross_validation


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--with-table", help="a candidate term table (gzip, one term per line) joined to the field terms")
    parser.add_argument("--phrases", type=int, help="a seeded sample of the list (default: all)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    patches = []
    if args.with_table:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import technical_terms_sweep as sweep  # a sibling script, not a package

        sources = functools.partial(sweep._with_table, terms.known_sources, sweep._read_table(args.with_table))
        patches = [mock.patch.object(terms, "known_sources", sources),
                   mock.patch.object(terms, "known_index", functools.partial(sweep._index_of, sources))]
    for patch in patches:
        patch.start()
    rows = tortured_cross_validation(Engine.default(), args.seed, lambda message: print(message, flush=True),
                                     args.phrases)
    print("| system | phrases | flagged | expected flagged | top-1 | top-5 |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['system']} | {row['phrases']} | {row['flagged']:.3f} | {row['expected_flagged']:.3f} "
              f"| {row['top1']:.3f} | {row['top5']:.3f} |")
    print(f"{(time.perf_counter() - started) / 60:.1f} minutes")


if __name__ == "__main__":
    main()
