"""``--resume``: finish a JSON report that a run left short (killed, out of memory, a full
disk, Ctrl-C): the reports the file holds are kept, their documents are not checked again,
and the rest are appended. A scan of a crawl that stopped at its ninth hour goes on from
there instead of starting over.

Nothing but a report of the same kind is appended to: a file whose lines are not unspun's
JSON reports, or reports of another command or mode (``trace`` for ``check``, ``--deep``,
``--suspect``, another ``--lm``, ``--deep-candidates`` or ``--min-confidence``), is refused
and left as it was. Only a last line that starts as every report starts and has no end is
taken for a report cut short, and it is dropped at the first write, not before: a run that
fails first leaves the file as it was.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from ..errors import InputError, UsageError
from ..models import Document
from ..pipeline import NO_SOURCE, SOURCE_FOUND
from ..report import one_line
from ._tally import Tally

REPORT_START = b'{"id": '
"""How every line of ``--format json`` starts (``Report.to_dict`` puts the id first)."""
MAX_REPORT_LINE = 256 << 20
"""The longest line read as a report: a report of a 10 MB page, its text and its restored
text escaped, is well under it; a longer line is no report, and is not read whole."""


@dataclass(frozen=True)
class RunKind:
    """What a report tells of the run that wrote it: the command, deep mode, its language
    model and budget, and the options that change which findings a check reports: whether
    the text was checked as suspected and the findings' bar (``None``: the report does not
    say, as a trace report that found a source, whose findings are the alignment's)."""

    command: str
    deep: bool
    language_model: str | None
    suspect: bool | None
    min_confidence: float | None = 0.0
    deep_candidates: int | None = None

    def describe(self) -> str:
        words = [f"unspun {self.command}"]
        if self.deep:
            words.append(f"--deep (language model {self.language_model})")
            if self.deep_candidates is not None:
                words.append(f"--deep-candidates {self.deep_candidates}")
        if self.suspect:
            words.append("--suspect")
        if self.min_confidence:
            words.append(f"--min-confidence {self.min_confidence:g}")
        return " ".join(words)


@dataclass
class Resumed:
    """What an earlier run's report file holds: the ids it reported (with how many times:
    an input may hold one id twice, a WARC two captures of one page), their verdicts
    counted, and the length of the file up to its last whole report."""

    done: Counter[str] = field(default_factory=Counter)
    tally: Tally = field(default_factory=Tally)
    whole_bytes: int = 0
    cut_bytes: int = 0

    def skipping_done(self, documents: Iterable[Document]) -> Iterator[Document]:
        """``documents`` less those already reported, as often as each id was."""
        left = Counter(self.done)
        for document in documents:
            if left[document.id] > 0:
                left[document.id] -= 1
                continue
            yield document


def resumed_report(args: Any, command: str) -> Resumed | None:
    """With ``--resume``, what ``--output`` holds already (nothing, if it does not exist);
    ``None`` without it. Refuses (:class:`UsageError`) a resume of anything but JSON
    written to a file, and (:class:`InputError`) a file that is not such a report, holds
    another kind of run's reports, or is being written by another run."""
    if not getattr(args, "resume", False):
        return None
    if args.format != "json" or args.output in (None, "-"):
        raise UsageError("--resume needs --format json and --output FILE: it goes on with the JSON report in FILE")
    path = args.output
    try:
        if not os.path.exists(path):  # (a link to no file yet: the file it names is made)
            return Resumed()
        if not os.path.isfile(path):  # checked before opening: a FIFO would wait for a writer
            raise InputError(f"{path}: --resume goes on with a report in a regular file, not a folder, pipe or device")
        with open(path, "rb") as handle:
            refuse_if_written(handle, path, shared=True)
            return _read_reports(path, handle, _expected_kind(args, command))
    except OSError as error:
        raise InputError(f"{path}: cannot read the report to resume ({error.strerror or error})") from None


def refuse_if_written(handle: IO[Any], path: str, shared: bool = False) -> None:
    """Lock the report file ``handle`` holds for this run (``shared``: to read it), or refuse
    it when another unspun run is writing it: two runs (a resume begun while the first still
    ran) wrote their lines into each other. The lock goes with the handle. Where a file
    system has no such locks (some network ones), nothing is refused."""
    try:
        import fcntl
    except ImportError:  # not on Windows
        return
    try:
        fcntl.flock(handle.fileno(), (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except BlockingIOError:
        raise InputError(f"{path}: another unspun run is writing this report; wait for it to end, "
                         "or give another --output") from None
    except OSError:
        pass


def _expected_kind(args: Any, command: str) -> RunKind:
    deep = bool(getattr(args, "deep", False))
    model = None
    if deep:
        from ..deep import SMOLLM2

        model = args.lm or SMOLLM2.name
    budget = getattr(args, "deep_candidates", None) if deep else None
    return RunKind(command, deep, model, bool(args.suspect), float(args.min_confidence or 0.0), budget)


def _read_reports(path: str, handle: IO[bytes], expected: RunKind) -> Resumed:
    resumed = Resumed()
    at = number = 0
    while line := handle.readline(MAX_REPORT_LINE + 1):
        number += 1
        if len(line) > MAX_REPORT_LINE:
            raise _not_a_report(path, number, f"a line of over {MAX_REPORT_LINE >> 20} MiB")
        if not line.endswith(b"\n"):
            # Cut anywhere, even inside the opening every report starts with (a full disk
            # stops a write at any byte): '{"i' was "not a report", and the resume refused.
            if not (line.startswith(REPORT_START) or REPORT_START.startswith(line)):
                raise _not_a_report(path, number)
            resumed.cut_bytes = len(line)  # the last report, cut short where the run stopped
            break
        report = _report_in(line)
        if report is None:
            raise _not_a_report(path, number)
        found = _kind_of(report)
        if not _same_run(found, expected):
            raise InputError(
                f"{path}: line {number} is a report of {found.describe()}, and this run is {expected.describe()}; "
                "--resume goes on only with the command and options that wrote the file (or give another --output)"
            )
        resumed.done[report["id"]] += 1
        resumed.tally.add(report)
        at += len(line)
    resumed.whole_bytes = at
    return resumed


def _not_a_report(path: str, number: int, what: str = "") -> InputError:
    return InputError(f"{path}: line {number} is not a report of unspun's JSON output{f' ({what})' if what else ''}; "
                      "--resume appends only to such a file (give another --output)")


def _report_in(line: bytes) -> dict[str, Any] | None:
    if not line.startswith(REPORT_START):
        return None
    try:
        report = json.loads(line)
    except (ValueError, RecursionError):  # RecursionError: JSON nested deeper than Python's stack
        return None
    if not isinstance(report, dict) or not isinstance(report.get("id"), str) \
            or report.get("verdict") not in ("spun", "clean", "uncertain") \
            or not isinstance(report.get("stats"), dict) \
            or report.get("trace_verdict", SOURCE_FOUND) not in (SOURCE_FOUND, NO_SOURCE):
        return None
    return report


def _kind_of(report: dict[str, Any]) -> RunKind:
    stats = report["stats"]
    suspect = stats.get("suspect")
    bar = stats.get("min_confidence")  # absent from a trace report that found a source, and before session 63
    budget = stats.get("deep_candidates")
    return RunKind("trace" if "trace_verdict" in report else "check", stats.get("mode") == "deep",
                   stats.get("language_model"), suspect if isinstance(suspect, bool) else None,
                   float(bar) if isinstance(bar, int | float) and not isinstance(bar, bool) else None,
                   budget if isinstance(budget, int) else None)


def _same_run(found: RunKind, expected: RunKind) -> bool:
    return (found.command, found.deep, found.language_model, found.deep_candidates) == \
        (expected.command, expected.deep, expected.language_model, expected.deep_candidates) \
        and found.suspect in (None, expected.suspect) and found.min_confidence in (None, expected.min_confidence)


def note_resuming(path: str, resumed: Resumed) -> None:
    """One line on standard error: what the resumed report keeps."""
    count = resumed.tally.reports
    kept = f"{count:,} report{'' if count == 1 else 's'} kept, their documents skipped"
    cut = "; the end of a report cut short is dropped" if resumed.cut_bytes else ""
    print(f"note: resuming {one_line(path)}: {kept}{cut}", file=sys.stderr)
