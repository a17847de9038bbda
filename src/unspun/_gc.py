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
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause cyclic garbage collection inside the block; resume it afterwards unless
    something else had paused it (nested pauses resume once, at the outermost)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
