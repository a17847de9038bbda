"""What Spark's executors run: plain functions over rows and file names, importing unspun
(and nothing of Spark) in the executor's own Python, where each engine is built once per
worker process and kept for the tasks that follow (Spark reuses its Python workers); an
index, for tracing, is opened once per worker too."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..config import CheckConfig, ReadConfig, TraceConfig
from ..errors import InputError, UnspunError, placed
from ..models import Document, Report
from ..report import json_line

if TYPE_CHECKING:
    from ..index import Index

REPORT = "report"
VERDICT = "verdict"
ERROR = "error"
DOCUMENTS = "documents"
PASSED_OVER = "passed over"
FATAL = "fatal"

RESULT_COLUMNS = ("verdict", "score", "findings", "restored", "report", "error")
"""The columns :func:`unspun.spark.check_dataframe` adds to a frame."""
TRACE_COLUMNS = ("trace_verdict", "source")
"""The columns :func:`unspun.spark.trace_dataframe` adds after :data:`RESULT_COLUMNS`: "source
found" or "no source in the collection", and the best source's id (null when none)."""

Job = Callable[[Document], Report]
"""What a task does with each document: :class:`Checking` or :class:`Tracing` (picklable,
as Spark ships them to the executors)."""


@dataclass(frozen=True)
class Checking:
    """Check each document, as ``unspun check`` does."""

    config: CheckConfig
    deep: bool

    def __call__(self, document: Document) -> Report:
        from ..pipeline import check

        return check(document, self.config, deep=self.deep)


@dataclass(frozen=True)
class Tracing:
    """Trace each document to its sources in the index at ``index_path`` (an absolute name
    every executor can read), as ``unspun trace`` does."""

    index_path: str
    config: TraceConfig
    check_config: CheckConfig

    def __call__(self, document: Document) -> Report:
        from ..pipeline import trace

        return trace(document, _opened_index(self.index_path), self.config, self.check_config)


_indexes: dict[str, tuple[tuple[int, ...], Index]] = {}
"""The indexes this Python worker has opened, read only, by name, each with what its files
were when opened: kept for the worker's later tasks (closed when it exits)."""


def _opened_index(path: str) -> Index:
    """The index at ``path``, opened once for this worker's tasks, and again when its files
    changed since (an index rebuilt and moved into place, or grown, between two jobs of one
    session: the worker outlives a job, and traced against the index it had opened)."""
    from ..index import Index

    now = _file_state(path) + _file_state(path + "-wal")
    kept = _indexes.get(path)
    if kept is not None and kept[0] == now:
        return kept[1]
    if kept is not None:
        kept[1].close()
    index = Index.open(path, readonly=True)
    _indexes[path] = (now, index)
    return index


def _file_state(path: str) -> tuple[int, ...]:
    """What tells a file's bytes changed, cheaply: its device, inode, size and time written.
    A missing file and an empty one are alike: SQLite's first reader makes an empty log."""
    try:
        found = os.stat(path)
    except OSError:
        return ()
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns) if found.st_size else ()


def check_batches(batches: Iterable[Any], text_column: str, id_column: str | None, job: Job,
                  traced: bool) -> Iterator[Any]:
    """Each Arrow record batch of a partition (``pyarrow.RecordBatch``, as Spark's
    ``mapInArrow`` hands them over) with its rows' verdict, score, findings' count, restored
    text, report (JSON) and error appended, and when ``traced`` their trace verdict and best
    source's id: a text that cannot be read (null, empty, too long) has an error and no
    report, and the job goes on. The frame's own columns are passed on as Spark sent them,
    never read into Python; a row without an id is ``row-N`` of its partition. A batch whose
    results pass :data:`BATCH_RESULT_CHARS` goes back in slices."""
    import pyarrow as pa

    added = [pa.field(name, kind) for name, kind in zip(
        (*RESULT_COLUMNS, *(TRACE_COLUMNS if traced else ())),
        (pa.string(), pa.float64(), pa.int32(), pa.string(), pa.string(), pa.string(),
         *((pa.string(), pa.string()) if traced else ())), strict=True)]
    number = 0
    for batch in batches:
        texts = batch.column(text_column).to_pylist()
        ids = batch.column(id_column).to_pylist() if id_column is not None else [None] * len(texts)
        rows: list[tuple[Any, ...]] = []
        start = size = 0
        for text, given in zip(texts, ids, strict=True):
            rows.append(_results(text, str(given) if given is not None else f"row-{number}", job, traced))
            number += 1
            size += sum(len(value) for value in rows[-1] if isinstance(value, str))
            if size >= BATCH_RESULT_CHARS:
                yield _appended(batch.slice(start, len(rows)), rows, added)
                start, rows, size = start + len(rows), [], 0
        if rows or start == 0:  # an empty batch goes on too, with the columns added
            yield _appended(batch.slice(start, len(rows)), rows, added)


BATCH_RESULT_CHARS = 64 << 20
"""The most characters of reports and restored texts a batch handed back to Spark holds
(a batch is cut into slices past it): an Arrow string column holds at most 2 GiB, and
Spark's batches of 10,000 rows of long spun texts passed it (a review: the job failed)."""


def _appended(batch: Any, rows: list[tuple[Any, ...]], added: list[Any]) -> Any:
    """``batch`` with ``rows``' results appended, a column each."""
    import pyarrow as pa

    for place, field in enumerate(added):
        batch = batch.append_column(field, pa.array([row[place] for row in rows], type=field.type))
    return batch


def _results(text: str | None, doc_id: str, job: Job, traced: bool) -> tuple[Any, ...]:
    blank = (None,) * 5
    trace_blank = (None, None) if traced else ()
    if not isinstance(text, str):
        return (*blank, f"{doc_id}: no text (the column holds null)", *trace_blank)
    try:
        report = job(Document(id=doc_id, title="", text=text, source="text"))
    except InputError as error:
        return (*blank, str(error), *trace_blank)
    results: tuple[Any, ...] = (report.verdict, report.score, len(report.findings), report.restored,
                                json_line(report.to_dict()), None)
    if traced:
        results += (report.trace_verdict, report.matches[0].id if report.matches else None)
    return results


def read_files(files: Iterable[tuple[int, str]], job: Job, read_config: ReadConfig,
               cwd: str) -> Iterator[tuple[str, Any]]:
    """Read the files ``files`` names (each with the number of the input it came from), as
    ``unspun check`` reads them, and run ``job`` on each document, yielding tagged items:
    ``("report", json)`` and ``("verdict", (verdict, trace verdict or None))`` for each
    document, ``("error", message)`` for each input error, ``("documents", (input, count))``
    for each file (its documents and input errors: none of either is an input that holds
    nothing), ``("passed over", {reason: count})`` for a WARC's records not read as
    documents (requests, images...), and ``("fatal", message)`` for an error that would stop ``unspun check`` too
    (a damaged cache, a missing extra, an index that cannot be opened), after which this
    task stops (the job's other tasks finish theirs; then nothing is written). Names
    relative to the driver's working folder ``cwd`` are read there, when this machine has it
    (a cluster's executors run in folders of their own)."""
    from ..ingest import ReadStats, is_url, read_path, read_url_file

    if cwd and os.path.isdir(cwd) and os.getcwd() != cwd:
        os.chdir(cwd)
    for number, name in files:
        errors: list[InputError] = []
        documents = failed = 0
        stats = ReadStats()
        try:
            # A URL's file was listed by the driver: read it without asking the store again.
            reader = read_url_file if is_url(name) else read_path
            for document in reader(name, read_config, on_error=errors.append, stats=stats):
                documents += 1
                failed += len(errors)
                yield from ((ERROR, str(error)) for error in errors)
                errors.clear()
                try:
                    report = job(document)
                except InputError as error:  # named by where it was read, as `unspun check` names it
                    yield ERROR, str(placed(error, document.where_read))
                    continue
                yield REPORT, json_line(report.to_dict())
                yield VERDICT, (report.verdict, report.trace_verdict)
        except InputError as error:  # raised, not handed to on_error: the check's own
            errors.append(error)
        except UnspunError as error:
            yield FATAL, str(error)
            return
        yield from ((ERROR, str(error)) for error in errors)
        if stats.warc.skipped:
            yield PASSED_OVER, dict(stats.warc.skipped)
        yield DOCUMENTS, (number, documents + failed + len(errors))  # what it held, read or not
