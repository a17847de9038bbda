"""``unspun bench detect|trace``: run a benchmark and print its tables (Markdown)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

HELP = "run a benchmark and print its tables for BENCHMARKS.md"


def register(commands: Any) -> None:
    parser = commands.add_parser("bench", help=HELP, description=HELP.capitalize() + ".")
    benches = parser.add_subparsers(dest="bench", metavar="BENCHMARK", required=True)
    detect = benches.add_parser("detect", help="source-free detection and restoration",
                                description="Source-free detection and restoration on spun BBC News and tortured phrases.")
    detect.add_argument("--documents", type=int, default=300, help="BBC test articles per data set (default 300)")
    detect.add_argument("--seed", type=int, default=0)
    detect.add_argument("--deep", action="store_true", help="also run the deep (neural) detector")
    detect.set_defaults(run=run_detect)


def run_detect(args: argparse.Namespace) -> int:
    from ..eval import bench_detect

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    command = f"unspun bench detect --documents {args.documents} --seed {args.seed}"
    results = bench_detect.run(documents=args.documents, seed=args.seed, log=log)
    print(bench_detect.format_tables(results, command))
    if args.deep:
        deep = bench_detect.run(documents=args.documents, seed=args.seed, deep=True, log=log)
        print()
        print(bench_detect.format_tables(deep, command + " --deep"))
    return 0
