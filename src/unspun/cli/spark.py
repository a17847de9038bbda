"""``unspun spark check INPUT... --output DIR``: ``unspun check`` on Apache Spark (:mod:`unspun.spark`)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from typing import Any

from ..config import ReadConfig
from ._common import (
    EXIT_STATUS_HELP,
    add_detection_options,
    as_sentence,
    check_config_of,
    error_line,
    named_file,
    whole_number_at_least,
)

HELP = "check a crawl's files on Apache Spark, when one machine is not enough (needs the 'spark' extra)"


def register(commands: Any) -> None:
    parser = commands.add_parser("spark", help=HELP, description=as_sentence(HELP), epilog=EXIT_STATUS_HELP)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check", help="check files and folders on the executors; reports as JSON Lines part files",
        epilog=EXIT_STATUS_HELP,
        description="Check the documents of files and folders on Spark's executors, read as 'unspun check' reads "
        "them, and write their JSON reports as JSON Lines part files in a new folder, in input order. Every "
        "executor must be able to read the inputs (a shared file system, or this machine with a local master).")
    check.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="files (WARC, JSON Lines, HTML, text, PDF) and folders, as 'unspun check' reads them")
    check.add_argument("--output", "-o", required=True, type=named_file, metavar="DIR",
                       help="the folder to write the reports into (it must not exist yet)")
    check.add_argument("--master", default="local[*]",
                       help="the Spark master (default local[*]: this machine's cores; spark://HOST:7077, yarn...)")
    check.add_argument("--tasks", type=whole_number_at_least(1), metavar="N",
                       help="deal the files into N tasks (default: 4 per core of the cluster, at most one a file)")
    check.add_argument("--max-bytes", type=whole_number_at_least(1), default=ReadConfig().max_bytes,
                       help=f"largest document (file, WARC record, JSONL line) to read, in bytes (default "
                            f"{ReadConfig().max_bytes:,})")
    add_detection_options(check, "add neural language-model evidence (slower, more precise; the 'deep' extra on "
                                 "every executor)")
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    from ..spark import check_files, local_session
    from ._tally import Tally

    config = check_config_of(args)
    existed = os.path.lexists(args.output)
    spark = local_session(args.master)
    try:  # check_files removes the output folder when the job fails or is interrupted
        scan = check_files(spark, args.inputs, args.output, config, deep=args.deep,
                           read_config=ReadConfig(max_bytes=args.max_bytes), tasks=args.tasks)
    except BaseException:
        spark.stop()
        if not existed:  # again, once Spark has stopped: a task interrupted may still have written
            shutil.rmtree(args.output, ignore_errors=True)
        raise
    spark.stop()
    for message in scan.errors:
        print(error_line(message), file=sys.stderr)
    tally = Tally(verdicts=scan.verdicts)
    where = f"; the reports are in {scan.output}" if scan.reports else "; no report, no folder written"
    print(f"note: {tally.summary()}{where}", file=sys.stderr)
    if scan.errors:
        return 2
    return 1 if tally.any_spun else 0
