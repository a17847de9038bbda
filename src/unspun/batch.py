"""Checking many documents on several cores: ``check_many(documents, jobs=N)``.

One process checks about 8,000 words a second with the fast path (BENCHMARKS.md); a crawl has
more cores than that. With ``jobs`` above 1, worker processes each load the engine once (the
cold start, under 2 s) and check the documents as they come; the reports come back in input
order, so the output is the same whatever the number of jobs. Reading stays with the caller
(its readers report bad input as they go), and only a few documents per worker are in flight
at a time, so a crawl of millions of pages streams through in constant memory.

Workers are started with ``spawn``, not ``fork``: a forked copy of a process that runs threads
(a progress bar, PyTorch) can deadlock. Spawned workers import the caller's main module again,
so a script that calls ``check_many`` with jobs must guard its entry point
(``if __name__ == "__main__":``), as every multiprocessing program must.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future

from ._cpus import available_cpus
from .config import CheckConfig
from .errors import UnspunError, WorkerError
from .models import Document, Report
from .pipeline import check

IN_FLIGHT_PER_JOB = 4  # documents queued per worker: enough to keep it busy, few enough to stream


def default_jobs() -> int:
    """One job per CPU this process may use."""
    return available_cpus()


def check_many(documents: Iterable[str | Document], config: CheckConfig = CheckConfig(), deep: bool = False,
               jobs: int = 1) -> Iterator[Report]:
    """The report of each document, in input order, checked by ``jobs`` processes.

    >>> [r.verdict for r in check_many(["The irregular woodland won.", "The random forest won."])]
    ['spun', 'clean']
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if jobs == 1:
        return (check(document, config, deep) for document in documents)
    if deep:
        from .detect.deep import require_deep

        require_deep()  # here, with its install lines, rather than in every worker
    return _in_workers(documents, config, deep, jobs)


def _in_workers(documents: Iterable[str | Document], config: CheckConfig, deep: bool, jobs: int) -> Iterator[Report]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _build_caches_once()
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker,
                               initargs=(deep, jobs))
    pending: deque[Future[Report]] = deque()
    try:
        for document in documents:
            pending.append(pool.submit(_check_in_worker, document, config, deep))
            # Reports go out as soon as they are ready, in order; the queue only bounds memory.
            while pending and (pending[0].done() or len(pending) >= jobs * IN_FLIGHT_PER_JOB):
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool:
        raise WorkerError("a worker process stopped before it finished (killed, or out of memory?); "
                          "try fewer --jobs, or --jobs 1 to see the error") from None
    finally:  # also when the caller stops early or is interrupted: drop what was queued
        pool.shutdown(wait=True, cancel_futures=True)


def _build_caches_once() -> None:
    """Build the lexicon cache here when it is missing (a fresh install), rather than in every
    worker at once: about 10 s and a few hundred megabytes each. An unwritable cache folder
    then fails here, with the message one process gives."""
    from .lexicon import Lexicon, cache_file

    if not cache_file().is_file():
        Lexicon.load()  # builds it, and turns a failure into the error one process reports


_startup_error: BaseException | None = None  # a worker's failure to start, raised with its first document


def _start_worker(deep: bool, jobs: int) -> None:
    """Load the engine once per worker (deep mode: its models; the neural model itself loads
    with the first document). Ctrl-C is the parent's to handle: it stops the pool."""
    import os
    import signal

    global _startup_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if deep:
        # The workers share the cores: each keeps to its share (read when torch loads).
        os.environ.setdefault("OMP_NUM_THREADS", str(max(1, available_cpus() // jobs)))
    try:
        from .detect.engine import Engine

        Engine.default()
        if deep:
            from .detect.deep import deep_engine

            deep_engine()
    except UnspunError as error:  # e.g. an unwritable cache: reported like one process would
        _startup_error = error


def _check_in_worker(document: str | Document, config: CheckConfig, deep: bool) -> Report:
    if _startup_error is not None:
        raise _startup_error
    return check(document, config, deep)
