"""``unspun check INPUT...``: check documents for spinning and print the reports."""

from __future__ import annotations

import argparse
from typing import Any

from ..config import CheckConfig, ReadConfig
from ..errors import UsageError
from ._common import (
    ErrorLog,
    add_confidence_option,
    add_input_options,
    add_jobs_option,
    add_output_options,
    add_suspect_option,
    emit_reports,
)

HELP = "check texts, pages, WARC or JSONL for machine-spun text"


def register(commands: Any) -> None:
    parser = commands.add_parser("check", help=HELP, description=HELP.capitalize() + ".")
    add_input_options(parser)
    add_output_options(parser)
    parser.add_argument("--deep", action="store_true",
                        help="add neural language-model evidence (slower, more precise; needs the 'deep' extra)")
    parser.add_argument("--deep-candidates", type=_budget, metavar="N",
                        help="with --deep, let the language model read at most N candidates per text, the most "
                             "suspicious first (default: as many as the deep model learned with, 150); fewer is "
                             "faster and finds fewer swaps, about as precisely")
    add_suspect_option(parser)
    add_confidence_option(parser)
    add_jobs_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..batch import check_many
    from ..ingest import read

    if args.deep_candidates is not None and not args.deep:
        raise UsageError("--deep-candidates needs --deep")
    errors = ErrorLog()
    documents = read(args.inputs, ReadConfig(max_bytes=args.max_bytes), on_error=errors)
    config = CheckConfig(min_confidence=args.min_confidence, suspect=args.suspect, deep_candidates=args.deep_candidates)
    reports = (report.to_dict() for report in check_many(documents, config, deep=args.deep, jobs=args.jobs))
    return emit_reports(args, reports, errors, "checking")


def _budget(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return number
