"""``unspun check INPUT...``: check documents for spinning and print the reports."""

from __future__ import annotations

import argparse
from typing import Any

from ..config import CheckConfig
from ..errors import UsageError
from ._common import (
    EXIT_STATUS_HELP,
    ErrorLog,
    add_confidence_option,
    add_deep_budget_option,
    add_input_options,
    add_jobs_option,
    add_language_model_option,
    add_output_options,
    add_suspect_option,
    as_sentence,
    documents_to_report,
    emit_reports,
    note_passed_over,
)

HELP = "check texts, pages, WARC or JSONL for machine-spun text"


def register(commands: Any) -> None:
    parser = commands.add_parser("check", help=HELP, description=as_sentence(HELP), epilog=EXIT_STATUS_HELP)
    add_input_options(parser)
    add_output_options(parser)
    parser.add_argument("--deep", action="store_true",
                        help="add neural language-model evidence (slower, more precise; needs the 'deep' extra)")
    add_deep_budget_option(parser)
    add_language_model_option(parser)
    add_suspect_option(parser)
    add_confidence_option(parser)
    add_jobs_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..batch import check_many
    from ..ingest import ReadStats

    if args.deep_candidates is not None and not args.deep:
        raise UsageError("--deep-candidates needs --deep")
    if args.lm is not None and not args.deep:
        raise UsageError("--lm needs --deep")
    errors = ErrorLog()
    stats = ReadStats()
    documents, resumed = documents_to_report(args, "check", errors, stats)
    config = CheckConfig(min_confidence=args.min_confidence, suspect=args.suspect, deep_candidates=args.deep_candidates,
                         language_model=args.lm)
    reports = (report.to_dict() for report in check_many(documents, config, deep=args.deep, jobs=args.jobs,
                                                                 on_error=errors))
    status = emit_reports(args, reports, errors, "checking", resumed)
    note_passed_over(stats)
    return status
