"""Checking many documents on several cores: ``check_many(documents, jobs=N)``, and
tracing them: ``trace_many(documents, index_path, jobs=N)``.

One process checks about 8,000 words a second with the fast path (BENCHMARKS.md); a crawl has
more cores than that. With ``jobs`` above 1, worker processes each load the engine once (the
cold start, under 2 s) and check the documents as they come; the reports come back in input
order, so the output is the same whatever the number of jobs (in deep mode, bfloat16's rounding
depends on the threads each process has: docs/deep.md). Reading stays with the caller
(its readers report bad input as they go), and only a few documents per worker are in flight
at a time, so a crawl of millions of pages streams through in constant memory.

Workers are started with ``spawn``, not ``fork``: a forked copy of a process that runs threads
(a progress bar, PyTorch) can deadlock. Spawned workers import the caller's main module again,
so a script that calls ``check_many`` with jobs must guard its entry point
(``if __name__ == "__main__":``), as every multiprocessing program must.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._cpus import available_cpus
from .config import CheckConfig, TraceConfig, require_callback, require_count, require_flag, require_instance
from .errors import InputError, UnspunError, WorkerError, placed
from .models import Document, Report
from .pipeline import check, trace

IN_FLIGHT_PER_JOB = 4  # documents queued per worker: enough to keep it busy, few enough to stream

ErrorHandler = Callable[[InputError], None]


def check_many(documents: Iterable[str | Document], config: CheckConfig = CheckConfig(), deep: bool = False,
               jobs: int = 1, on_error: ErrorHandler | None = None) -> Iterator[Report]:
    """The report of each document, in input order, checked by ``jobs`` processes.

    A document ``check`` refuses (an :class:`~unspun.errors.InputError`: too long, not valid
    Unicode) stops the run, unless ``on_error`` is given: it then gets the error, and the
    other documents are checked, as the readers' ``on_error`` lets reading go on. The error
    names the document: by its id, or a plain string by its place ("text 3: ...").

    >>> [r.verdict for r in check_many(["The irregular woodland won.", "The random forest won."])]
    ['spun', 'clean']
    """
    _require_many(documents, "check_many", "check(text)")
    require_count("jobs", jobs)
    require_callback("on_error", on_error)
    # Here, before the first document: an empty input would never check them.
    require_instance("config", config, CheckConfig)
    require_flag("deep", deep)
    if jobs == 1:
        return _here(documents, lambda document: check(document, config, deep), on_error)
    if deep:
        from .detect.deep import require_deep

        require_deep(config.language_model)  # here, with its install lines, rather than in every worker
    return _in_workers(documents, _Checking(config, deep), jobs, on_error)


def trace_many(documents: Iterable[str | Document], index_path: str | Path, config: TraceConfig = TraceConfig(),
               check_config: CheckConfig = CheckConfig(), jobs: int = 1,
               on_error: ErrorHandler | None = None) -> Iterator[Report]:
    """The trace report of each document against the index at ``index_path`` (opened read
    only, once per process), in input order, by ``jobs`` processes; ``on_error`` as for
    :func:`check_many`."""
    from .index import Index

    _require_many(documents, "trace_many", "trace(text, index)")
    require_count("jobs", jobs)
    require_callback("on_error", on_error)
    require_instance("config", config, TraceConfig)
    require_instance("check_config", check_config, CheckConfig)
    Index.open(index_path, readonly=True).close()  # a missing or foreign index fails here, once
    if jobs == 1:
        return _trace_here(documents, Path(index_path), config, check_config, on_error)
    return _in_workers(documents, _Tracing(str(index_path), config, check_config), jobs, on_error)


def _trace_here(documents: Iterable[str | Document], index_path: Path, config: TraceConfig,
                check_config: CheckConfig, on_error: ErrorHandler | None) -> Iterator[Report]:
    from .index import Index

    with Index.open(index_path, readonly=True) as index:
        yield from _here(documents, lambda document: trace(document, index, config, check_config), on_error)


def _here(documents: Iterable[str | Document], run: Callable[[str | Document], Report],
          on_error: ErrorHandler | None) -> Iterator[Report]:
    for place, document in enumerate(documents, 1):
        yield from _outcome(functools.partial(run, document), on_error, _Place(place, document))


def _require_many(documents: object, name: str, single: str) -> None:
    # A str is iterable too: it would be checked one character at a time, each a "clean" text.
    if isinstance(documents, str | bytes | Document):
        raise TypeError(f"{name} takes an iterable of texts or Documents, not one {type(documents).__name__}; "
                        f"for one, use {single} or wrap it in a list")


@dataclass(frozen=True)
class _Place:
    """Where a document stands in the input: a plain string has no id to name it in an
    error (a Document's id starts the message), and with ``on_error`` its report is
    missing from the output, so its place names it: "text 3: ..."; a Document read from a
    JSON Lines file or a WARC by the place the reader found it (``crawl.jsonl:8: nums: no
    words to check``: its id alone did not say which file held it, an audit, session 63)."""

    number: int  # from 1
    document: str | Document

    def name(self, error: InputError) -> InputError:
        if isinstance(self.document, Document):
            return placed(error, self.document.where_read)
        return placed(error, f"text {self.number}")


@dataclass(frozen=True)
class _Checking:
    """What a worker of check_many does: load the engine, then check each document."""

    config: CheckConfig
    deep: bool

    def start(self, jobs: int) -> None:
        if self.deep:
            # The workers share the cores: each keeps to its share (read when torch loads).
            os.environ.setdefault("OMP_NUM_THREADS", str(max(1, available_cpus() // jobs)))
        from .detect.engine import Engine

        Engine.default()
        if self.deep:
            from .detect.deep import deep_engine

            deep_engine(self.config.language_model)  # its models; the neural model loads with the first document

    def prepare(self) -> None:
        """In the parent, before the workers start: what they would each build at once."""
        _build_lexicon_once()
        if self.deep:
            from .deep import SMOLLM2, model_spec, prepare_copy

            name = self.config.language_model
            prepare_copy(model_spec(name) if name is not None else SMOLLM2)

    def run(self, document: str | Document) -> Report:
        return check(document, self.config, self.deep)


@dataclass(frozen=True)
class _Tracing:
    """What a worker of trace_many does: open the index, then trace each document."""

    index_path: str
    config: TraceConfig
    check_config: CheckConfig

    def start(self, jobs: int) -> None:
        from .detect.engine import Engine
        from .index import Index

        Engine.default()  # for the texts without a source
        _worker_state["index"] = Index.open(self.index_path, readonly=True)  # closed when the worker exits

    def prepare(self) -> None:
        """In the parent, before the workers start: what they would each build at once."""
        _build_lexicon_once()

    def run(self, document: str | Document) -> Report:
        return trace(document, _worker_state["index"], self.config, self.check_config)


_Job = _Checking | _Tracing


def _in_workers(documents: Iterable[str | Document], job: _Job, jobs: int,
                on_error: ErrorHandler | None) -> Iterator[Report]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    job.prepare()
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(job, jobs))
    pending: deque[tuple[Future[Report], _Place]] = deque()
    try:
        read = enumerate(documents, 1)
        while True:
            try:
                place, document = next(read)
            except StopIteration:
                break
            except Exception:
                # The input failed (a file gone, a caller's generator): what was read before
                # it is reported first, as with one job, then the error goes on to the caller;
                # the pool's shutdown below would drop it (an audit, session 64).
                while pending:
                    future, at = pending.popleft()
                    yield from _outcome(future.result, on_error, at)
                raise
            with _interrupts_held_from_new_workers():
                submitted = pool.submit(_run_in_worker, _without_meta(document))
            pending.append((submitted, _Place(place, document)))
            # Reports go out as soon as they are ready, in order; the queue only bounds memory.
            while pending and (pending[0][0].done() or len(pending) >= jobs * IN_FLIGHT_PER_JOB):
                future, at = pending.popleft()
                yield from _outcome(future.result, on_error, at)
        while pending:
            future, at = pending.popleft()
            yield from _outcome(future.result, on_error, at)
    except BrokenProcessPool:
        # A worker also dies as it starts when the caller's script fails as the worker imports
        # it again (spawn): its traceback is on standard error, and this line names the cause.
        raise WorkerError("a worker process stopped before it finished (killed, out of memory, or failed as it "
                          "started: from a script, all of its work must be under `if __name__ == \"__main__\":`, "
                          "as each worker imports the script again); try fewer jobs (--jobs), or one "
                          "(--jobs 1, jobs=1) to see the error") from None
    except (KeyboardInterrupt, GeneratorExit):
        # The workers ignore Ctrl-C, and one still loading its engine (torch, for --deep) would
        # finish that first: about 10 s before the pool could stop. Nothing of theirs is kept.
        # GeneratorExit: the caller stopped (Ctrl-C while it wrote a report, a reader gone).
        _stop_workers(pool)
        raise
    finally:  # also when the caller stops early or is interrupted: drop what was queued
        pool.shutdown(wait=True, cancel_futures=True)


def _without_meta(document: str | Document) -> str | Document:
    """What a worker needs of ``document``: reports do not carry its ``meta``, which may not
    pickle (a caller's objects): ``jobs=2`` failed where ``jobs=1`` worked."""
    if isinstance(document, Document) and document.meta:
        return dataclasses.replace(document, meta={})
    return document


def _stop_workers(pool: Any) -> None:
    """Terminate a process pool's workers now. (``ProcessPoolExecutor`` has no public way
    before Python 3.14's ``terminate_workers``; its ``_processes`` maps pids to processes.)"""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


def _outcome(report: Callable[[], Report], on_error: ErrorHandler | None, place: _Place) -> Iterator[Report]:
    """The ``report`` of one document, or (with ``on_error``) nothing for a document its
    check refused: here, or in a worker (``Future.result``)."""
    try:
        yield report()
    except InputError as error:
        named = place.name(error)
        if on_error is None:
            if named is error:  # a Document's, named by its id already
                raise
            raise named from error
        on_error(named)


def _build_lexicon_once() -> None:
    """Build the lexicon cache here when it is missing or damaged, rather than in every worker
    at once: about 10 s and a few hundred megabytes each. An unwritable cache folder then
    fails here, with the message one process gives. (A good cache costs one read.)"""
    from .lexicon import Lexicon

    Lexicon.load()


# A worker's own state: its job, what the job opened, and its failure to start (raised with
# its first document, so that it reaches the caller as one process would report it).
_worker_state: dict[str, Any] = {}


@contextmanager
def _interrupts_held_from_new_workers() -> Iterator[None]:
    """Ctrl-C blocked in this thread while it may start a worker (the pool starts them as
    work is submitted): a worker inherits the mask, so one interrupted while Python starts in
    it, before :func:`_start_worker` can ignore Ctrl-C, does not print its traceback after
    the parent's "interrupted" (a test failed so once, under load). A Ctrl-C in the
    meantime waits for the block's end, a submit's few milliseconds. (The pool's own threads,
    started inside the block, keep Ctrl-C blocked for life: Python handles it in the main
    thread anyway.) Where signal masks are not (Windows), nothing is held."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _start_worker(job: _Job, jobs: int) -> None:
    """Ctrl-C is the parent's to handle: it stops the pool. (The worker started with it
    blocked, :func:`_interrupts_held_from_new_workers`; one held since is dropped here.)"""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _exit_with_parent()
    _worker_state["job"] = job
    try:
        job.start(jobs)
    except UnspunError as error:  # e.g. an unwritable cache, a damaged index
        _worker_state["error"] = error


def _exit_with_parent() -> None:
    """End this worker when the process that started it ends. A parent killed outright
    (SIGTERM from a scheduler, SIGKILL, out of memory) cannot stop its pool, and a worker
    waits on its task queue for ever: it holds that queue's writing end itself."""
    import multiprocessing
    import threading
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)  # nothing of a worker's is kept: its reports went to the parent

    threading.Thread(target=watch, name="unspun-parent-watch", daemon=True).start()


def _run_in_worker(document: str | Document) -> Report:
    error = _worker_state.get("error")
    if error is not None:
        raise error
    job: _Job = _worker_state["job"]
    return job.run(document)
