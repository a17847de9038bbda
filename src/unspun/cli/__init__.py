"""The ``unspun`` command: one module per command group, each thin (parse, call, render).

Exit status: 0 nothing spun found, 1 something spun found (as linters do), 2 a usage or input
error (one line on stderr, no traceback), 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..errors import UnspunError
from . import bench as bench_command
from . import check as check_command
from . import index as index_command
from . import lexicon as lexicon_command
from . import trace as trace_command
from ._common import error_line

EXIT_CLEAN = 0
EXIT_SPUN = 1
EXIT_ERROR = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with one line, like every other input error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_ERROR, error_line(f"{message} (see --help)") + "\n")


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = _Parser(
        prog="unspun",
        description="Find machine-spun text, show what was swapped, trace it to its source.",
    )
    parser.add_argument("--version", action="version", version=f"unspun {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    check_command.register(commands)
    index_command.register(commands)
    trace_command.register(commands)
    lexicon_command.register(commands)
    bench_command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except UnspunError as error:
        print(error_line(str(error)), file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:
        # The reader went away (``| head``): not an error of ours. Later writes (Python's
        # flush at exit) go nowhere instead of failing again.
        _silence_stdout()
        return EXIT_CLEAN
    except OSError as error:
        # What the inputs' readers do not report themselves: a full disk, an output gone.
        where = f" {error.filename}" if error.filename else ""
        print(error_line(f"cannot go on:{where} {error.strerror or error}"), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("unspun: interrupted", file=sys.stderr)
        return 130


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
