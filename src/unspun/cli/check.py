"""``unspun check INPUT...``: check documents for spinning and print the reports."""

from __future__ import annotations

import argparse
from typing import Any

from ..config import CheckConfig, ReadConfig
from ._common import ErrorLog, add_input_options, add_output_options, open_output, progress

HELP = "check texts, pages, WARC or JSONL for machine-spun text"


def register(commands: Any) -> None:
    parser = commands.add_parser("check", help=HELP, description=HELP.capitalize() + ".")
    add_input_options(parser)
    add_output_options(parser)
    parser.add_argument("--deep", action="store_true",
                        help="add neural language-model evidence (slower, more precise; needs the 'deep' extra)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from .. import check
    from ..ingest import read
    from ..report import render_html, render_text, to_json

    errors = ErrorLog()
    documents = read(args.inputs, ReadConfig(max_bytes=args.max_bytes), on_error=errors)
    config = CheckConfig()
    any_spun = False
    collected: list[dict[str, Any]] = []
    with open_output(args.output) as out, progress(not args.no_progress, "checking") as advance:
        for count, document in enumerate(documents):
            data = check(document, config, deep=args.deep).to_dict()
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
