"""``unspun trace --index PATH INPUT...``: find the source of each document in an index."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..config import ReadConfig
from ._common import ErrorLog, add_input_options, add_output_options, open_output, progress

HELP = "trace documents to their originals in an index and list every substitution"


def register(commands: Any) -> None:
    parser = commands.add_parser("trace", help=HELP, description=HELP.capitalize() + ".")
    parser.add_argument("--index", required=True, type=Path, metavar="PATH", help="the index of originals (unspun index add)")
    add_input_options(parser)
    add_output_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..index import Index
    from ..ingest import read
    from ..pipeline import trace
    from ..report import render_html, render_text, to_json

    if not args.index.exists():
        raise InputError(f"{args.index}: no such index (build one with: unspun index add --index {args.index} FILES)")
    errors = ErrorLog()
    any_spun = False
    collected: list[dict[str, Any]] = []
    with Index.open(args.index, readonly=True) as index, open_output(args.output) as out, \
            progress(not args.no_progress, "tracing") as advance:
        for count, document in enumerate(read(args.inputs, ReadConfig(max_bytes=args.max_bytes), on_error=errors)):
            data = trace(document, index).to_dict()
            any_spun = any_spun or data["verdict"] == "spun"
            advance()
            if args.format == "json":
                out.write(to_json(data) + "\n")
            elif args.format == "text":
                if count:
                    out.write("\n")
                render_text(data, out, color=None if args.output is None else False)
            else:
                collected.append(data)
        if args.format == "html":
            out.write(render_html(collected))
    if errors.count:
        return 2
    return 1 if any_spun else 0
