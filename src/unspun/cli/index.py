"""``unspun index add|stats|remove``: build and inspect an on-disk index of original documents."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..config import ReadConfig
from ..errors import InputError, UsageError
from ._common import ErrorLog, add_input_options, as_sentence, error_line, nothing_read, progress, whole_number_at_least

HELP = "build, grow and inspect an index of original documents (for unspun trace)"


def register(commands: Any) -> None:
    parser = commands.add_parser("index", help=HELP, description=as_sentence(HELP))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add documents (created if missing)",
                             description="Add documents to the index, creating it if missing. Each batch is one "
                             "transaction: an interrupted add keeps what it committed, and a rerun completes it.")
    _index_option(add)
    add_input_options(add)
    add.add_argument("--batch-size", type=whole_number_at_least(1), default=500,
                     help="documents per transaction (default 500)")
    add.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    add.set_defaults(run=run_add)

    stats = actions.add_parser("stats", help="print the index's statistics as JSON",
                               description="Print the index's statistics (documents, size, parameters) as JSON.")
    _index_option(stats)
    stats.set_defaults(run=run_stats)

    remove = actions.add_parser("remove", help="remove documents by id", description="Remove documents from the index by id.")
    _index_option(remove)
    remove.add_argument("ids", nargs="+", metavar="ID")
    remove.set_defaults(run=run_remove)


def _index_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--index", required=True, type=Path, metavar="PATH", help="the index file")


def run_add(args: argparse.Namespace) -> int:
    from ..index import Index
    from ..ingest import read

    # A new index (or an empty file, which create replaces) that ends this run holding
    # nothing is removed again: the user named a file to fill, not an empty one to trip on.
    created = not args.index.exists() or (args.index.is_file() and args.index.stat().st_size == 0)
    index = Index.create(args.index) if created else Index.open(args.index)
    errors = ErrorLog()
    try:
        with index, progress(not args.no_progress, "indexing") as advance:
            documents = read(args.inputs, ReadConfig(max_bytes=args.max_bytes), on_error=errors)
            done = 0

            def report(result: Any) -> None:
                nonlocal done
                advance(result.documents - done)
                done = result.documents

            result = index.add(documents, batch_size=args.batch_size, progress=report)
    finally:
        discarded = created and Index.discard_if_empty(args.index)
    if discarded:
        print(f"{args.index}: nothing added, so not created", file=sys.stderr)
    else:
        print(f"{args.index}: {result.added:,} added, {result.replaced:,} replaced, {result.unchanged:,} unchanged "
              f"in {result.batches} batches, {result.seconds:.1f} s", file=sys.stderr)
    if not errors.count and not result.documents:
        raise InputError(nothing_read(args.inputs))
    return 2 if errors.count else 0


def run_stats(args: argparse.Namespace) -> int:
    from ..index import Index

    if sys.stdout is None:
        raise UsageError("standard output is closed: nowhere to print the statistics")
    with Index.open(args.index, readonly=True) as index:
        print(json.dumps(index.stats(), indent=2, default=str))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from ..index import Index

    missing = 0
    with Index.open(args.index) as index:
        for doc_id in args.ids:
            if not index.remove(doc_id):
                print(error_line(f"{doc_id}: not in the index"), file=sys.stderr)
                missing += 1
    return 2 if missing else 0
