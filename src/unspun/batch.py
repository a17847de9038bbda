"""Checking many documents on several cores: ``check_many(documents, jobs=N)``.

One process checks about 8,000 words a second with the fast path (BENCHMARKS.md); a crawl has
more cores than that. With ``jobs`` above 1, worker processes each load the engine once (the
cold start, under 2 s) and check the documents as they come; the reports come back in input
order, so the output is the same whatever the number of jobs. Reading stays with the caller
(its readers report bad input as they go), and only a few documents per worker are in flight
at a time, so a crawl of millions of pages streams through in constant memory.

Workers are started with ``spawn``, not ``fork``: a forked copy of a process that runs threads
(a progress bar, PyTorch) can deadlock.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future

from .config import CheckConfig
from .models import Document, Report
from .pipeline import check

IN_FLIGHT_PER_JOB = 4  # documents queued per worker: enough to keep it busy, few enough to stream


def default_jobs() -> int:
    """One job per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def check_many(documents: Iterable[str | Document], config: CheckConfig = CheckConfig(), deep: bool = False,
               jobs: int = 1) -> Iterator[Report]:
    """The report of each document, in input order, checked by ``jobs`` processes.

    >>> [r.verdict for r in check_many(["The irregular woodland won.", "The random forest won."])]
    ['spun', 'clean']
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if jobs == 1:
        for document in documents:
            yield check(document, config, deep)
        return
    if deep:
        _require_deep()  # here, with its clear message, rather than as a broken worker
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker,
                             initargs=(deep, jobs)) as pool:
        pending: deque[Future[Report]] = deque()
        try:
            for document in documents:
                pending.append(pool.submit(check, document, config, deep))
                if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:  # the caller stopped early, or a document failed: drop what was queued
            for future in pending:
                future.cancel()


def _require_deep() -> None:
    from .detect.deep import deep_engine

    deep_engine()


def _start_worker(deep: bool, jobs: int) -> None:
    """Load the engine once per worker, before its first document."""
    from .detect.engine import Engine

    Engine.default()
    if deep:
        import torch

        # The workers share the cores: each keeps to its share instead of all of them.
        torch.set_num_threads(max(1, default_jobs() // jobs))
        from .detect.deep import deep_engine

        deep_engine()
