"""``unspun check INPUT...``: check documents for spinning and print the reports."""

from __future__ import annotations

import argparse
from typing import Any

from ._common import (
    EXIT_STATUS_HELP,
    ErrorLog,
    add_detection_options,
    add_input_options,
    add_jobs_option,
    add_output_options,
    as_sentence,
    check_config_of,
    documents_to_report,
    emit_reports,
    note_passed_over,
)

HELP = "check texts, pages, WARC or JSONL for machine-spun text"


def register(commands: Any) -> None:
    parser = commands.add_parser("check", help=HELP, description=as_sentence(HELP), epilog=EXIT_STATUS_HELP)
    add_input_options(parser)
    add_output_options(parser)
    add_detection_options(parser, "add neural language-model evidence (slower, more precise; needs the 'deep' extra)")
    add_jobs_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..batch import check_many
    from ..ingest import ReadStats

    config = check_config_of(args)
    errors = ErrorLog()
    stats = ReadStats()
    documents, resumed = documents_to_report(args, "check", errors, stats)
    reports = (report.to_dict() for report in check_many(documents, config, deep=args.deep, jobs=args.jobs,
                                                                 on_error=errors))
    status = emit_reports(args, reports, errors, "checking", resumed)
    note_passed_over(stats)
    return status
