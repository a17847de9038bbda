"""The ``unspun`` command: one module per command group, each thin (parse, call, render).

Exit status: 0 nothing spun found, 1 something spun found (as linters do), 2 a usage or input
error (one line on stderr, no traceback), 70 an unexpected failure (a bug), 130 interrupted
(Ctrl-C), 143 terminated (SIGTERM).
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any

from ..errors import UnspunError
from . import bench as bench_command
from . import check as check_command
from . import index as index_command
from . import lexicon as lexicon_command
from . import serve as serve_command
from . import spark as spark_command
from . import trace as trace_command
from ._common import EXIT_STATUS_HELP, error_line

EXIT_CLEAN = 0
EXIT_SPUN = 1
EXIT_ERROR = 2
EXIT_UNEXPECTED = 70  # sysexits.h's EX_SOFTWARE: not 1, which says "spun"
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143  # 128 + SIGTERM, as a shell reports a process that SIGTERM ended


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with one line, like every other input error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_ERROR, error_line(f"{message} (see --help)") + "\n")


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = _Parser(
        prog="unspun",
        description="Find machine-spun text, show what was swapped, trace it to its source.",
        epilog=EXIT_STATUS_HELP,
    )
    parser.add_argument("--version", action="version", version=f"unspun {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    check_command.register(commands)
    index_command.register(commands)
    trace_command.register(commands)
    lexicon_command.register(commands)
    serve_command.register(commands)
    spark_command.register(commands)
    bench_command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    if sys.stderr is None:
        # `2>&-`: messages go nowhere, as asked. Left None, print(file=sys.stderr) wrote them
        # into the report on standard output, and the progress bar's check raised.
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the process's life)
    if isinstance(sys.stdout, io.TextIOWrapper):
        # What the terminal's encoding cannot show ("→" in a C locale) is written as an
        # escape: it was a traceback, and status 1 for a clean text.
        sys.stdout.reconfigure(errors="backslashreplace")
    _show_notes()
    parser = build_parser()
    args = parser.parse_args(argv)
    previous = _stop_on_sigterm()
    stderr = sys.stderr
    sys.stderr = _MessagesStream(stderr)
    try:
        status = int(args.run(args))
        # Flushed here, where a failure is handled below: at exit, a full disk or a reader gone
        # was Python's "Exception ignored" and status 120, and an export's records lost in silence.
        if sys.stdout is not None:
            sys.stdout.flush()
        return status
    except Terminated:
        print("unspun: terminated", file=sys.stderr)
        return EXIT_TERMINATED
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
        where = f" {error.filename}:" if error.filename else ""
        print(error_line(f"cannot go on:{where} {error.strerror or error}"), file=sys.stderr)
        _flush_or_silence_stdout()
        return EXIT_ERROR
    except Exception as error:
        # A bug, or a library failing in a way no reader foresaw: Python's traceback exited
        # 1, which scripts read as "spun" (an audit, session 56). One line, its own status.
        if os.environ.get("UNSPUN_TRACEBACK", "0") not in ("", "0"):
            raise
        print(error_line(f"unexpected failure ({type(error).__name__}: {error}); please report it with the input "
                         "that caused it (UNSPUN_TRACEBACK=1 shows where it happened)"), file=sys.stderr)
        _flush_or_silence_stdout()
        return EXIT_UNEXPECTED
    except KeyboardInterrupt:
        print("unspun: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        sys.stderr = stderr
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


class _MessagesStream:
    """Standard error that outlives its reader or its disk: once writing fails (the reader of
    ``2>&1 | head`` gone, ``2>log`` on a full disk), the messages go nowhere and the run goes
    on. Its failure was taken for standard output's reader leaving: the run stopped, a report
    file was never written and the exit status was 0 after input errors (an audit, session
    56). (Where standard output is that same pipe, its reports stop the run as before.)"""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._gone = False

    def write(self, text: str) -> int:
        if not self._gone:
            try:
                self._stream.write(text)
            except (OSError, ValueError):  # a pipe or a disk, or ValueError: the stream was closed
                self._gone = True
        return len(text)

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except (OSError, ValueError):
                self._gone = True

    def isatty(self) -> bool:
        return not self._gone and bool(self._stream.isatty())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class Terminated(KeyboardInterrupt):
    """SIGTERM (a scheduler, ``timeout``, ``kill``) stops a run as Ctrl-C does: worker
    processes stopped, the report files closed, one line on stderr and its own exit status,
    instead of a death that leaves the workers behind."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is when a record comes (``2>&-`` and tests replace it)."""

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def _show_notes() -> None:
    """The library's notes on stderr as "unspun: ...": a first run's cache builds (about ten
    seconds of silence before) and its warnings. Once per process (``main`` may run again)."""
    logger = logging.getLogger("unspun")
    if not any(isinstance(handler, _StderrHandler) for handler in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("unspun: %(message)s"))
        logger.addHandler(handler)  # the root has none in a command: nothing is written twice
        logger.setLevel(logging.INFO)


def _stop_on_sigterm() -> Any:
    """Turn SIGTERM into :class:`Terminated`; the handler it replaced (None off the main
    thread, where Python allows no handler)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _terminate)


def _flush_or_silence_stdout() -> None:
    """Write out what standard output still holds (reports finished before the error), or,
    when it is standard output that failed, drop it: its flush at exit would fail again."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError):
        _silence_stdout()


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
