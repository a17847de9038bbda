"""``--resume``: finish a JSON report that a run left short (killed, out of memory, a full
disk, Ctrl-C): the reports the file holds are kept, their documents are not checked again,
and the rest are appended. A scan of a crawl that stopped at its ninth hour goes on from
there instead of starting over."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, UsageError
from ..models import Document
from ..report import one_line
from ._tally import Tally


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


def resumed_report(args: Any) -> Resumed | None:
    """With ``--resume``, what ``--output`` holds already (nothing, if it does not exist);
    ``None`` without it. Refuses (:class:`UsageError`) a resume of anything but JSON
    written to a file, and (:class:`InputError`) a file that is not such a report."""
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
            return _read_reports(path, handle)
    except OSError as error:
        raise InputError(f"{path}: cannot read the report to resume ({error.strerror or error})") from None


def _read_reports(path: str, handle: Any) -> Resumed:
    resumed = Resumed()
    at = 0
    for number, line in enumerate(handle, 1):
        if not line.endswith(b"\n"):
            resumed.cut_bytes = len(line)  # the last report, cut short where the run stopped
            break
        report = _report_in(line)
        if report is None:
            raise InputError(f"{path}: line {number} is not a report of unspun's JSON output; "
                             "--resume appends only to such a file (give another --output)")
        resumed.done[report["id"]] += 1
        resumed.tally.add(report)
        at += len(line)
    resumed.whole_bytes = at
    return resumed


def _report_in(line: bytes) -> dict[str, Any] | None:
    try:
        report = json.loads(line)
    except ValueError:
        return None
    if not isinstance(report, dict) or not isinstance(report.get("id"), str) \
            or report.get("verdict") not in ("spun", "clean", "uncertain") \
            or report.get("trace_verdict", "source found") not in ("source found", "no source in the collection"):
        return None
    return report


def note_resuming(path: str, resumed: Resumed) -> None:
    """One line on standard error: what the resumed report keeps."""
    count = resumed.tally.reports
    kept = f"{count:,} report{'' if count == 1 else 's'} kept, their documents skipped"
    cut = "; the end of a report cut short was dropped" if resumed.cut_bytes else ""
    print(f"note: resuming {one_line(path)}: {kept}{cut}", file=sys.stderr)
