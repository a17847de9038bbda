"""Pausing Python's cyclic garbage collector while one text is analysed.

An analysis builds tens of thousands of small objects (a candidate per suspicious word, an
option per original, a dict of features for each) and, in the fast path, no reference
cycles: reference counting frees all of it (deep mode's neural model leaves a few thousand
objects in cycles per text, which the collector takes once it resumes). Left running, the
collector scans those objects several times per text and promotes some to the oldest
generation, whose full scans (every memo, every loaded table) then cost a fifth of the run.

Pausing is not enough on its own: the collector counts the objects made while it was paused,
and the first allocation after it resumes starts a collection over all of them that are still
alive. So the pause must span the whole unit of work, from text to report, and end after the
analysis is dropped: its objects are freed by reference counting, the count falls back, and
nothing is scanned.

Tables loaded once per process (the lexicon's frequencies, the known terms, the n-gram
counts, the inflection tables: a few hundred thousand objects, read in the first check) are
the other half. Scanned by the collector, they would cost a third of a second the first time
it runs after they load, and again in every later full collection; they never become
garbage, so :func:`exempt_from_collection` moves them out of its sight once loaded.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause cyclic garbage collection inside the block, in the main thread only; resume it
    afterwards unless something else had paused it (nested pauses resume once, at the
    outermost).

    The switch is process-wide. Checks in several threads at once (a server's pool) would
    keep the collector off for as long as any of them runs, or turn it back on under one
    still running: an audit (session 56) found it off 87% of the time under eight threads,
    with the threads' other garbage piling up meanwhile. So a check in another thread
    leaves the collector as it is, at the cost of its scans: 6-15% slower on text whose
    words are memoised (``benchmarks/thread_speed.py``, session 56)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    with collection_paused_in_turn():
        yield


@contextmanager
def collection_paused_in_turn() -> Iterator[None]:
    """Pause cyclic garbage collection inside the block in any thread, for work that takes
    turns behind a lock all such work holds (a server's checks, :mod:`unspun.web`): the
    process-wide switch is then this work's alone, and the scans
    :func:`collection_paused` leaves running off the main thread are saved. Resumes it
    afterwards unless something else had paused it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def exempt_from_collection() -> None:
    """Move every object alive now into the collector's permanent generation (``gc.freeze``),
    so that no collection scans them again: called when a process first builds the default
    engine (``Engine.default``) and when it first loads the neural model (``load_lm``).

    This is process-wide. Frozen objects are still freed by reference counting when nothing
    refers to them; what stays is any reference cycle among them that becomes garbage later,
    and any cyclic garbage not yet collected when the call comes. In a command-line run that
    is start-up state; a server that checks its first text lazily, inside a request,
    freezes that request's objects too (once: a bounded leak, not a growing one). A server
    that wants none of it builds the engines at start-up, before it serves
    (``Engine.default()``; for deep mode ``deep_engine().scorer.lm``).
    """
    gc.freeze()
