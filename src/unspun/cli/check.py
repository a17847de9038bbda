"""``unspun check INPUT...``: check documents for spinning and print the reports."""

from __future__ import annotations

import argparse
from typing import Any

from ..config import CheckConfig, ReadConfig
from ._common import ErrorLog, add_input_options, add_output_options, emit_reports

HELP = "check texts, pages, WARC or JSONL for machine-spun text"


def register(commands: Any) -> None:
    parser = commands.add_parser("check", help=HELP, description=HELP.capitalize() + ".")
    add_input_options(parser)
    add_output_options(parser)
    parser.add_argument("--deep", action="store_true",
                        help="add neural language-model evidence (slower, more precise; needs the 'deep' extra)")
    parser.add_argument("--min-confidence", type=_share, default=0.0, metavar="P",
                        help="report only findings at least this confident, 0 to 1 (default 0: every finding "
                        "the detector makes; 0.7 keeps fewer, surer ones)")
    parser.set_defaults(run=run)


def _share(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return number


def run(args: argparse.Namespace) -> int:
    from .. import check
    from ..ingest import read

    errors = ErrorLog()
    documents = read(args.inputs, ReadConfig(max_bytes=args.max_bytes), on_error=errors)
    config = CheckConfig(min_confidence=args.min_confidence)
    return emit_reports(args, documents, lambda d: check(d, config, deep=args.deep).to_dict(), errors, "checking")
