"""Options and helpers shared by the commands."""

from __future__ import annotations

import argparse
import io
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from ..config import DEFAULT_MAX_BYTES, CheckConfig
from ..errors import InputError, UnspunError, UsageError
from ..report import one_line
from ._resume import Resumed, note_resuming, refuse_if_written, resumed_report
from ._tally import Tally

if TYPE_CHECKING:
    from ..ingest import ReadStats
    from ..models import Document


def as_sentence(help_text: str) -> str:
    """A command's one-line help as its description: capitalised, with a full stop (and
    names such as "WARC" kept as written, which ``str.capitalize`` would lower)."""
    return help_text[:1].upper() + help_text[1:] + "."


EXIT_STATUS_HELP = ("exit status: 0 nothing spun found, 1 a document judged spun, 2 a usage or input error (wins "
                    "over 1), 70 an unexpected failure (a bug), 130 interrupted (Ctrl-C), 143 terminated (SIGTERM)")
DONE_STATUS_HELP = ("exit status: 0 done, 2 a usage, input or index error (one line on stderr each; the rest is "
                    "still done: an add keeps every batch it committed, a remove removes the ids it finds), "
                    "70 an unexpected failure (a bug), 130 interrupted (Ctrl-C), 143 terminated (SIGTERM)")
"""The epilog of the index commands."""
WORK_STATUS_HELP = ("exit status: 0 done, 2 a usage or input error (one line on stderr), 70 an unexpected failure "
                    "(a bug), 130 interrupted (Ctrl-C), 143 terminated (SIGTERM)")
"""The epilog of the other commands that judge nothing (lexicon, bench)."""


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """INPUT... and --max-bytes, for every command that reads documents."""
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="text, HTML, WARC (.warc, .warc.gz, .arc, .arc.gz), JSON Lines (.jsonl, .ndjson, gzipped or not), PDF files "
             "or folders; '-' for standard input; standard input, a pipe and a file of another name are read by what "
             "they start as (a WARC, JSON Lines, gzip data unpacked, a PDF, else text or HTML)",
    )
    parser.add_argument(
        "--max-bytes",
        type=whole_number_at_least(1),
        default=DEFAULT_MAX_BYTES,
        help=f"largest document (file, WARC record, JSONL line) to read, in bytes (default {DEFAULT_MAX_BYTES:,})",
    )


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """--format and --output, for every command that prints reports."""
    parser.add_argument("--format", choices=("text", "json", "html"), default="text", help="report format (default text)")
    parser.add_argument("--output", "-o", metavar="FILE", type=named_file,
                        help="write the report to FILE instead of standard output ('-': standard output)")
    parser.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    parser.add_argument("--resume", action="store_true",
                        help="go on with the JSON report in --output FILE that an earlier run left short (killed, "
                             "a full disk): keep its reports, skip their documents, append the rest; give the "
                             "same inputs and options")


def named_file(value: str) -> str:
    """An --output or --index name: an empty one (an unset variable) is refused, not read as
    the current folder ("." is a folder) or a file without a name."""
    if not value:
        raise argparse.ArgumentTypeError("an empty name (an unset variable?); name a file")
    return value


def index_path(value: str) -> Path:
    """An --index option's path (see :func:`named_file`): a file of this machine, which a
    ``file://`` URL may name; an index is an SQLite file, not an object store's."""
    from ..ingest._remote import local_name

    local = local_name(named_file(value))
    if local is None:
        raise argparse.ArgumentTypeError(f"{value}: an index is a file of this machine (SQLite), not a URL; "
                                         "copy it here, or to a file system every machine mounts")
    return Path(local)


def add_confidence_option(parser: argparse.ArgumentParser) -> None:
    """--min-confidence, for the commands that report source-free findings."""
    parser.add_argument("--min-confidence", type=_share, default=0.0, metavar="P",
                        help="report only source-free findings at least this confident, 0 to 1 (default 0: every "
                        "finding the detector makes; 0.7 keeps fewer, surer ones)")


def add_suspect_option(parser: argparse.ArgumentParser) -> None:
    """--suspect, for the commands that report source-free findings (``CheckConfig.suspect``)."""
    parser.add_argument("--suspect", action="store_true",
                        help="judge the words as those of a text already suspected of spinning: finds far more of "
                             "the swaps of a rewriter that inserts no filler, and far more false ones in a clean text")


def add_jobs_option(parser: argparse.ArgumentParser) -> None:
    """--jobs, for the commands that check many documents."""
    parser.add_argument("--jobs", "-j", type=_jobs, default=1, metavar="N",
                        help="work with N processes, one core each (default 1; 0: one per core); the reports "
                        "come in input order and are the same, but for deep mode's bfloat16 rounding, which "
                        "depends on the threads a process has (docs/deep.md)")


def add_deep_budget_option(parser: argparse.ArgumentParser) -> None:
    """--deep-candidates, for the commands that check with --deep (``CheckConfig.deep_candidates``)."""
    parser.add_argument("--deep-candidates", type=_budget, metavar="N",
                        help="with --deep, let the language model read at most N candidates per text, the most "
                             "suspicious first (default: as many as the deep model learned with, 150); fewer is "
                             "faster and finds fewer swaps, about as precisely")


def add_language_model_option(parser: argparse.ArgumentParser) -> None:
    """--lm, for the commands that check with --deep (``CheckConfig.language_model``)."""
    from ..deep import MODEL_SPECS  # names only: nothing heavy

    parser.add_argument("--lm", choices=[spec.name for spec in MODEL_SPECS], metavar="NAME",
                        help="with --deep, the language model to read with: " + ", ".join(spec.name for spec in MODEL_SPECS)
                        + f" (default {MODEL_SPECS[0].name}; the larger one finds more swaps, a spun page in about 1.3 "
                        "times the time; its wheel is installed apart)")


def add_detection_options(parser: argparse.ArgumentParser, deep_help: str) -> None:
    """--deep (helped with ``deep_help``), --deep-candidates, --lm, --suspect and
    --min-confidence: how a command that checks texts reads them (:func:`check_config_of`)."""
    parser.add_argument("--deep", action="store_true", help=deep_help)
    add_deep_budget_option(parser)
    add_language_model_option(parser)
    add_suspect_option(parser)
    add_confidence_option(parser)


def check_config_of(args: argparse.Namespace) -> CheckConfig:
    """The :class:`CheckConfig` of :func:`add_detection_options`' options, whose deep-mode ones
    need --deep."""
    if args.deep_candidates is not None and not args.deep:
        raise UsageError("--deep-candidates needs --deep")
    if args.lm is not None and not args.deep:
        raise UsageError("--lm needs --deep")
    return CheckConfig(min_confidence=args.min_confidence, suspect=args.suspect, deep_candidates=args.deep_candidates,
                       language_model=args.lm)


def _whole_number(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None


JOBS_PER_CORE = 4
"""The most processes ``--jobs`` starts per core (more is lowered to it, with a warning): each
holds its own models (about 300 MB), so more only costs memory, and a typo's 100000 would
start as many."""


def _jobs(value: str) -> int:
    from .._cpus import available_cpus

    number = _whole_number(value)
    cores = available_cpus()
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (one per core) or more, not {value}")
    if number > JOBS_PER_CORE * cores:
        # A warning, not an error: a script written for a bigger machine still runs here.
        print(f"unspun: warning: --jobs {value} is more than {JOBS_PER_CORE} per core; using {JOBS_PER_CORE * cores}",
              file=sys.stderr)
        return JOBS_PER_CORE * cores
    return number or cores


def whole_number_at_least(least: int) -> Callable[[str], int]:
    """An argparse type: a whole number, ``least`` or more."""

    def parse(value: str) -> int:
        number = _whole_number(value)
        if number < least:
            raise argparse.ArgumentTypeError(f"must be {least} or more, not {value}")
        return number

    return parse


_budget = whole_number_at_least(1)


def _share(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= number <= 1.0:  # NaN fails too
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return number


def error_line(message: str) -> str:
    """One error line for stderr. Messages quote file names, ids and input, which may hold
    control characters and line breaks: written out (``\\x1b``, ``\\n``), never sent to the
    terminal, so one error is always one line."""
    return f"unspun: error: {one_line(message)}"


class ErrorLog:
    """Collects per-document input errors: each is printed on stderr, and reading goes on."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.count = 0
        self._stream = stream

    def __call__(self, error: InputError) -> None:
        self.count += 1
        # sys.stderr looked up at each error, not kept: a progress bar drawn on it while a
        # batch runs puts its own stream there, which prints the line above the bar; the
        # stream kept from before wrote it onto the bar's last drawing (an audit, session 63).
        print(error_line(str(error)), file=self._stream or sys.stderr)


@contextmanager
def open_output(path: str | None, protected: Iterable[tuple[str, str | Path | None]] = (),
                text_report: bool = False, keep_unwritten: Callable[[], bool] = lambda: False,
                append_after: int | None = None) -> Iterator[IO[str]]:
    """The output stream: FILE when given (written as the reports come, UTF-8), else standard
    output, in UTF-8 too unless it gets a ``text_report`` (for a terminal, in its encoding).
    FILE may not be one of the ``protected`` paths (each with what it is: "an input",
    "the index"), nor a file of a readable type inside one of their folders: opening it would
    empty the input, or the folder's walk would read the half-written report back. "-" is
    standard output, as it is standard input among the inputs (write "./-" for a file so named).

    An existing FILE is emptied by the first write, not when opened: a run stopped before it
    writes anything (an error, Ctrl-C) leaves it as it was, and so does one that ends with
    nothing written when ``keep_unwritten()`` says so (every input failed); else it ends
    empty. With ``append_after`` (``--resume``), FILE keeps its first ``append_after``
    bytes, the reports an earlier run wrote whole, and the new ones follow them (what lay
    after them, a report cut short, goes at the first write). A regular FILE is locked
    while written: another run writing it is refused (:func:`refuse_if_written`)."""
    if path is None or path == "-":
        if sys.stdout is None:
            raise UsageError("standard output is closed; write the report with --output FILE")
        if not text_report and isinstance(sys.stdout, io.TextIOWrapper):
            # JSON is UTF-8 and the HTML page says so: in the locale's encoding (C, Latin-1,
            # PYTHONIOENCODING) a "£" was a traceback, or Latin-1 bytes under charset=utf-8.
            sys.stdout.reconfigure(encoding="utf-8")
        yield sys.stdout
        return
    _refuse_overwriting(Path(path), protected)
    target = os.path.realpath(path)  # a link to no file yet creates the file it names
    created = not os.path.exists(target)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)  # no O_TRUNC: see _ReportFile
    except OSError as error:
        raise InputError(f"{path}: cannot write the output ({error.strerror})") from None
    regular = stat.S_ISREG(os.fstat(descriptor).st_mode)
    finished = False
    try:
        with open(descriptor, "w", encoding="utf-8") as handle:
            if regular:
                refuse_if_written(handle, path)
                if append_after is not None and os.fstat(descriptor).st_size < append_after:
                    raise InputError(f"{path}: the report changed since it was read; run again")
            report = _ReportFile(handle, regular, keep=append_after or 0)
            try:
                yield cast(IO[str], report)
                finished = not keep_unwritten()
                if finished:
                    report.empty()
            finally:
                if created and not finished and report.holds_old:
                    os.unlink(target)  # a run that wrote nothing leaves no empty file of its own behind
    except OSError as error:
        if error.filename is None:  # a full disk said "cannot go on: No space left on device" of no file
            error.filename = path
        raise


class _ReportFile:
    """A report file (:func:`open_output`) that empties itself at its first write: a run that
    failed before any report (every input missing) emptied the last run's good report. Pipes
    and devices are written as they are."""

    def __init__(self, handle: IO[str], regular: bool, keep: int = 0) -> None:
        self._handle = handle
        self._keep = keep  # the bytes of the file that stay: the reports a resumed run keeps
        self.holds_old = regular  # still what the file held before this run (nothing, if new)

    def write(self, text: str) -> int:
        self.empty()
        return self._handle.write(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def empty(self) -> None:
        if self.holds_old:
            self._handle.truncate(self._keep)
            self._handle.seek(self._keep)
            self.holds_old = False

    def __getattr__(self, name: str) -> Any:  # flush, encoding, isatty...: the file's own
        return getattr(self._handle, name)


def require_stdout(what: str) -> None:
    """Refuse, before the work, a command whose ``what`` goes to a closed standard output
    (``>&-``): a build or a benchmark of minutes printed it nowhere and exited 0."""
    if sys.stdout is None:
        raise UsageError(f"standard output is closed: nowhere to print the {what}")


def index_files(index: str | Path | None) -> list[tuple[str, str | Path | None]]:
    """The files of the index at ``index`` that an ``--output`` must not overwrite, each with
    what it is: the index, and the logs SQLite keeps beside it (a truncated write-ahead log
    loses the index's latest commits)."""
    if index is None:
        return []
    # SQLite keeps its logs beside the file a link leads to, not beside the link.
    where = {str(index), os.path.realpath(index)}
    logs = [(f"the index's log ({suffix})", f"{path}{suffix}") for path in sorted(where)
            for suffix in ("-wal", "-shm", "-journal")]
    return [("the index", index), *logs]


def _refuse_overwriting(output: Path, protected: Iterable[tuple[str, str | Path | None]]) -> None:
    # Real paths, not the names given: a link (the output itself, a folder on its way, or one
    # inside an input folder) must not hide that the report would land on an input or be read.
    from ..ingest._remote import local_name

    real_output = Path(os.path.realpath(output))
    for what, item in protected:
        local = local_name(str(item)) if item is not None and str(item) != "-" else None
        if local is None:  # standard input, a URL of elsewhere
            continue
        other = Path(local)
        if _same_file(output, real_output, other):
            raise UsageError(f"--output {output} is {what}: writing the report would destroy it; choose another file")
        seen = _walk_reaches(real_output, other) if _examined(other.is_dir) else None
        if seen is not None:
            how = "" if os.path.abspath(seen) == os.path.abspath(output) else f" (through a link, as {seen})"
            raise UsageError(f"--output {output} is inside the input folder {other}{how}, which would read the "
                             "report back as a document; write it elsewhere")


def refuse_index_among_inputs(index: Path, inputs: Iterable[str]) -> None:
    """Refuse an index that an input folder's walk would read as a document (its name one of
    the readable types, "originals.txt"): the first add works, and every later run fails on it
    as "not text"."""
    from ..ingest._remote import local_name

    real_index = Path(os.path.realpath(index))
    for item in inputs:
        local = local_name(item)
        if local is None:
            continue
        folder = Path(local)
        # The walk reaches the index by its own name, or by a link of a readable name to it.
        seen = _walk_reaches(real_index, folder) if item != "-" and _examined(folder.is_dir) else None
        if seen is not None:
            raise UsageError(f"--index {index} is inside the input folder {folder} under a name the folder's walk "
                             f"reads ({seen.name}), so it would be read back as a document; name it .db, "
                             "or keep it elsewhere")


def kind_of_name(path: Path) -> str | None:
    """The reader a file's name calls for (``unspun.ingest.kind_of``), hidden names none."""
    from ..ingest import kind_of

    return None if path.name.startswith(".") else kind_of(path)


def _same_file(output: Path, real_output: Path, other: Path) -> bool:
    """Whether writing ``output`` writes ``other``: the same real path (a link, or a file that
    is not there yet but would be read once written), or the same file (a hard link)."""
    if os.path.realpath(other) == str(real_output):
        return True
    return _examined(lambda: output.exists() and other.exists() and output.samefile(other))


def _examined(test: Callable[[], bool]) -> bool:
    """A test of a path, False where the path cannot be examined (in a folder this user may
    not read): Python raises there, and one such input stopped a whole run before anything
    was read (an audit, session 56). The reader reports that input in its turn; the rest
    is read."""
    try:
        return test()
    except OSError:
        return False


def _walk_reaches(real_output: Path, folder: Path) -> Path | None:
    """The path by which reading ``folder`` would come to ``real_output``, or None.

    The same walk as the folder reader's (``unspun.ingest._read_folder``): links to folders
    followed, each real folder once, hidden names passed over, files of readable types only,
    links to files followed. So an output in a folder linked from the input folder is found,
    and so is one a file link there points at, under any name. Only folders are listed, no
    file is read, and only for an ``--output`` next to a folder input.
    """
    from ..ingest._walk import folder_identity, walk

    # A new file is read by the name it gets, so the real name decides, not the link's.
    readable = kind_of_name(real_output) is not None
    output_folder = folder_identity(str(real_output.parent))
    walked = {folder_identity(str(folder))}
    for root, directories, files in walk(folder):
        if readable and folder_identity(root) == output_folder:
            return Path(root, real_output.name)
        kept: list[str] = []
        for name in directories:
            real = folder_identity(os.path.join(root, name))
            if not name.startswith(".") and real not in walked:
                walked.add(real)
                kept.append(name)
        directories[:] = kept
        for name in files:
            path = Path(root, name)
            if kind_of_name(path) is None or not _examined(path.is_symlink):
                continue
            if os.path.realpath(path) == str(real_output):
                return path
    return None


@contextmanager
def progress(enabled: bool, label: str) -> Iterator[Any]:
    """A progress bar on stderr when stderr is a terminal; a no-op otherwise.

    Yields a function ``advance(n=1)``.
    """
    if not enabled or not sys.stderr.isatty():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(f"{task.speed:,.0f}/s" if task.speed else "", style="progress.data.speed")

    columns = (SpinnerColumn(), TextColumn(label), BarColumn(), TextColumn("{task.completed:,} documents"),
               RateColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task(label, total=None)
        yield lambda n=1: bar.advance(task, n)


def documents_to_report(args: argparse.Namespace, command: str, errors: ErrorLog,
                        stats: ReadStats) -> tuple[Iterator[Document], Resumed | None]:
    """The documents ``check`` or ``trace`` (``command``) reports on: those of
    ``args.inputs``, less those the report ``--resume`` goes on with holds already; and what
    that report holds (None without ``--resume``)."""
    from ..config import ReadConfig
    from ..ingest import read

    resumed = resumed_report(args, command)
    documents = read(args.inputs, ReadConfig(max_bytes=args.max_bytes), on_error=errors, stats=stats,
                     require_documents=True)
    if resumed is None:
        return documents, None
    note_resuming(args.output, resumed)
    return resumed.skipping_done(documents), resumed


def emit_reports(
    args: argparse.Namespace,
    reports: Iterable[dict[str, Any]],
    errors: ErrorLog,
    label: str,
    resumed: Resumed | None = None,
) -> int:
    """Write each report (as ``Report.to_dict()``) in ``args.format`` as it comes; return the
    exit status: 2 after any input error, else 1 when a document is spun, else 0; with
    ``resumed``, appended to the reports an earlier run wrote, which count for the status.

    JSON is one line per report, as it comes; text reports are separated by a blank line;
    HTML is one page holding every report.
    """
    from ..report import html_page_end, html_page_start, render_text, report_section, to_json

    tally = Tally() if resumed is None else resumed.tally.copy()
    protected = [*(("an input", item) for item in args.inputs), *index_files(getattr(args, "index", None))]
    # Reports written to the terminal show the progress themselves: a bar on the same screen
    # would be drawn into them.
    on_screen = args.output in (None, "-") and sys.stdout is not None and sys.stdout.isatty()
    html = args.format == "html"
    page_started = False
    with open_output(args.output, protected, text_report=args.format == "text",
                     keep_unwritten=lambda: errors.count > 0,
                     append_after=None if resumed is None else resumed.whole_bytes) as out, \
            progress(not args.no_progress and not on_screen, label) as advance:
        written = 0
        try:
            for count, data in enumerate(reports):
                written = count
                tally.add(data)
                advance()
                if args.format == "json":
                    out.write(to_json(data) + "\n")
                elif args.format == "text":
                    if count:
                        out.write("\n")
                    render_text(data, out, color=None if args.output in (None, "-") else False)
                else:
                    # The page is written as its reports come, as JSON and text are: a run
                    # stopped early (Ctrl-C, a reader gone) leaves the reports finished so
                    # far, not nothing. It starts with the first, so that a run that fails
                    # before any leaves an existing file as it was (open_output).
                    if not page_started:
                        out.write(html_page_start())
                        page_started = True
                    out.write(("\n" if count else "") + report_section(data))
                written = count + 1
        except UnspunError as error:
            kept = 0 if resumed is None else resumed.tally.reports
            if (written or kept) and not isinstance(error, InputError):  # one that ends the run: a damaged index
                _note_stopped(args, written, kept, label)
            raise
        finally:
            if page_started:
                out.write(html_page_end())
        if html and not page_started and not errors.count:
            out.write(html_page_start() + html_page_end())  # nothing to report: an empty page
    # An input that held no document was an error of its own (read's require_documents).
    if tally.reports > 1:  # one report says it all itself
        print(f"note: {tally.summary()}", file=sys.stderr)
    return 2 if errors.count else 1 if tally.any_spun else 0


_DONE = {"checking": "checked", "tracing": "traced"}  # emit_reports' labels, as the note says them


def _note_stopped(args: argparse.Namespace, written: int, kept: int, label: str) -> None:
    """One line on standard error before the error that ended a run: how far it got (with
    the ``kept`` reports of a resumed one), and how to go on (a trace that met a damaged index
    said only what was damaged: an audit, session 62)."""
    total = written + kept
    reports = f"{total:,} report{'' if total == 1 else 's'}" + (f" ({kept:,} kept from before)" if kept else "")
    where = "" if args.output in (None, "-") else f" in {one_line(args.output)}"
    verb = _DONE.get(label, label)
    resume = ("; once the cause below is dealt with, the same command with --resume goes on from there"
              if args.format == "json" and args.output not in (None, "-") else "")
    print(f"note: stopped after {reports}{where}, the rest of the inputs not {verb}{resume}", file=sys.stderr)


def note_passed_over(stats: ReadStats) -> None:
    """One line on standard error naming what the inputs held that was not read as a
    document (a ``unspun.ingest.ReadStats``): WARC records by kind (requests, images, error
    pages, pages without an article), files of other types in folders, links back to a
    folder walked already. Nothing when everything was read. A crawl's pages skipped as
    without an article were counted and never said, so a page that hid its article went
    unseen with exit 0 (a hostile-input audit, session 57)."""
    kinds = sorted(stats.warc.skipped.items(), key=lambda item: (-item[1], item[0]))
    # A record's type is the crawl's own text: written out (one_line), as a terminal must not
    # act on its controls, and the rarest kinds summed, as a crawl may hold any number.
    parts = [f"{count:,} {one_line(_records(reason, count))}" for reason, count in kinds[:_KINDS_SHOWN]]
    if len(kinds) > _KINDS_SHOWN:
        rest = sum(count for _, count in kinds[_KINDS_SHOWN:])
        parts.append(f"{rest:,} record{'' if rest == 1 else 's'} of {len(kinds) - _KINDS_SHOWN:,} other kinds")
    if stats.skipped_files:
        files = stats.skipped_files
        parts.append(f"{files:,} file{'' if files == 1 else 's'} in folders that {'is' if files == 1 else 'are'} "
                     "hidden or of other types")
    if stats.skipped_folders:
        parts.append(f"{stats.skipped_folders:,} link{'' if stats.skipped_folders == 1 else 's'} to a folder read already")
    if parts:
        print(f"note: passed over {', '.join(parts)}", file=sys.stderr)


_KINDS_SHOWN = 10


def _records(reason: str, count: int) -> str:
    """A WARC skip reason ("request record", "response without article text") for ``count``
    records: its noun made plural where it stands."""
    if count == 1:
        return reason
    for noun in ("record", "response"):
        if reason.endswith(f" {noun}") or reason == noun:
            return f"{reason}s"
        if reason.startswith(f"{noun} "):
            return f"{noun}s{reason[len(noun):]}"
    return reason
