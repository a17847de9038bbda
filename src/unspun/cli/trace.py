"""``unspun trace --index PATH INPUT...``: find the source of each document in an index."""

from __future__ import annotations

import argparse
from typing import Any

from ..config import CheckConfig
from ._common import (
    EXIT_STATUS_HELP,
    ErrorLog,
    add_confidence_option,
    add_input_options,
    add_jobs_option,
    add_output_options,
    add_suspect_option,
    as_sentence,
    documents_to_report,
    emit_reports,
    index_path,
    note_passed_over,
    refuse_index_among_inputs,
)

HELP = "trace documents to their originals in an index and list every substitution"


def register(commands: Any) -> None:
    parser = commands.add_parser("trace", help=HELP, description=as_sentence(HELP), epilog=EXIT_STATUS_HELP)
    parser.add_argument("--index", required=True, type=index_path, metavar="PATH",
                        help="the index of originals (unspun index add)")
    add_input_options(parser)
    add_output_options(parser)
    add_suspect_option(parser)
    add_confidence_option(parser)
    add_jobs_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..batch import trace_many
    from ..index import refuse_missing_index
    from ..ingest import ReadStats

    refuse_missing_index(args.index)
    refuse_index_among_inputs(args.index, args.inputs)
    errors = ErrorLog()
    check_config = CheckConfig(min_confidence=args.min_confidence, suspect=args.suspect)
    stats = ReadStats()
    documents, resumed = documents_to_report(args, "trace", errors, stats)
    traced = trace_many(documents, args.index, check_config=check_config, jobs=args.jobs, on_error=errors)
    status = emit_reports(args, (report.to_dict() for report in traced), errors, "tracing", resumed)
    note_passed_over(stats)
    return status
