"""``unspun spark check|trace INPUT... --output DIR``: ``unspun check`` and ``unspun trace`` on
Apache Spark (:mod:`unspun.spark`)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..config import CheckConfig, ReadConfig
from ._common import (
    EXIT_STATUS_HELP,
    add_confidence_option,
    add_detection_options,
    add_suspect_option,
    as_sentence,
    check_config_of,
    error_line,
    index_path,
    named_file,
    note_passed_over,
    whole_number_at_least,
)

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

    from ..spark import FileScan

HELP = "check or trace a crawl's files on Apache Spark, when one machine is not enough (needs the 'spark' extra)"
_SHARED = ("Every executor must be able to read the inputs: an object store's or HDFS's named by URL (s3a://, gs://, "
           "hdfs://: fsspec and the store's package on every executor), a shared file system, or this machine's with "
           "a local master.")


def register(commands: Any) -> None:
    parser = commands.add_parser("spark", help=HELP, description=as_sentence(HELP), epilog=EXIT_STATUS_HELP)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check", help="check files and folders on the executors; reports as JSON Lines part files",
        epilog=EXIT_STATUS_HELP,
        description="Check the documents of files and folders on Spark's executors, read as 'unspun check' reads "
        "them, and write their JSON reports as JSON Lines part files in a new folder, in input order. " + _SHARED)
    _add_scan_options(check)
    add_detection_options(check, "add neural language-model evidence (slower, more precise; the 'deep' extra on "
                                 "every executor)")
    check.set_defaults(run=run_check)
    trace = actions.add_parser(
        "trace", help="trace files and folders to their originals in an index on the executors",
        epilog=EXIT_STATUS_HELP,
        description="Trace the documents of files and folders to their originals in an index on Spark's executors, "
        "as 'unspun trace' does, and write their JSON reports as JSON Lines part files in a new folder, in input "
        "order. " + _SHARED + " The index too: each executor opens it read only; it should not change while the "
        "job runs.")
    trace.add_argument("--index", required=True, type=index_path, metavar="PATH",
                       help="the index of originals (unspun index add), at a name every executor can read")
    _add_scan_options(trace)
    add_suspect_option(trace)
    add_confidence_option(trace)
    trace.set_defaults(run=run_trace)


def _add_scan_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="files (WARC, JSON Lines, HTML, text, PDF) and folders, as 'unspun check' reads them")
    parser.add_argument("--output", "-o", required=True, type=named_file, metavar="DIR",
                        help="the folder to write the reports into (it must not exist yet)")
    parser.add_argument("--master", default="local[*]",
                        help="the Spark master (default local[*]: this machine's cores; spark://HOST:7077, yarn...)")
    parser.add_argument("--tasks", type=whole_number_at_least(1), metavar="N",
                        help="deal the files into N tasks (default: 4 per core of the cluster, at most one a file)")
    parser.add_argument("--max-bytes", type=whole_number_at_least(1), default=ReadConfig().max_bytes,
                        help=f"largest document (file, WARC record, JSONL line) to read, in bytes (default "
                             f"{ReadConfig().max_bytes:,})")


def run_check(args: argparse.Namespace) -> int:
    from ..spark import check_files

    config = check_config_of(args)
    return _run_scan(args, lambda spark, read_config: check_files(
        spark, args.inputs, args.output, config, deep=args.deep, read_config=read_config, tasks=args.tasks))


def run_trace(args: argparse.Namespace) -> int:
    from ..index import Index, refuse_missing_index
    from ..spark import trace_files
    from ._common import refuse_index_among_inputs

    # Said before Spark starts (its start takes seconds), as trace_files would say it after.
    refuse_missing_index(args.index)
    refuse_index_among_inputs(args.index, args.inputs)
    Index.open(args.index, readonly=True).close()
    check_config = CheckConfig(min_confidence=args.min_confidence, suspect=args.suspect)
    return _run_scan(args, lambda spark, read_config: trace_files(
        spark, args.inputs, args.output, args.index, check_config=check_config, read_config=read_config,
        tasks=args.tasks))


def _run_scan(args: argparse.Namespace, scan_with: Callable[[SparkSession, ReadConfig], FileScan]) -> int:
    """Start Spark, run the scan, stop Spark; say the input errors and what the reports said;
    return the exit status of ``unspun check`` (or ``trace``)."""
    from ..ingest._remote import local_name
    from ..spark import local_session
    from ._tally import Tally

    # A folder on this machine's disk (its name, or a file:// URL) that is not there yet.
    local = local_name(args.output)
    new_here = local if local is not None and not os.path.lexists(local) else None
    spark = local_session(args.master)
    try:  # the scan removes the output folder when the job fails or is interrupted
        scan = scan_with(spark, ReadConfig(max_bytes=args.max_bytes))
    except BaseException:
        spark.stop()
        if new_here is not None:  # again, once Spark has stopped: a task interrupted may still have written
            shutil.rmtree(new_here, ignore_errors=True)
        raise
    spark.stop()
    for message in scan.errors:
        print(error_line(message), file=sys.stderr)
    tally = Tally(verdicts=scan.verdicts, sources=scan.sources, traced=scan.reports if scan.traced else 0)
    where = f"; the reports are in {scan.output}" if scan.reports else "; no report, no folder written"
    print(f"note: {tally.summary()}{where}", file=sys.stderr)
    note_passed_over(scan.passed_over)
    if scan.errors:
        return 2
    return 1 if tally.any_spun else 0
