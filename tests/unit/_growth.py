"""How a function's time grows with its input: the check behind the tests that a search stays
linear. Not a speed figure (those are benchmarks) but the shape of the curve."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

# The long input is this many times the short one: linear time grows by the same factor,
# quadratic time by its square (400). A shared CI machine's noise reached 3x between two
# timings of the same run (a test of runs ten times as long, bounded at 30x, failed at 30.3x),
# so the bound leaves linear time a fourfold margin and quadratic time a fivefold one, when
# the short run takes more than the floor of a millisecond (size the tests so that it does).
LONGER = 20
BOUND = 80


def assert_grows_linearly(run: Callable[[int], object], short: int) -> None:
    """Fail if `run(LONGER * short)` takes more than BOUND times `run(short)` (best of three
    each, collector paused so a collection in one timing alone does not decide)."""

    def seconds(size: int) -> float:
        began = time.perf_counter()
        run(size)
        return time.perf_counter() - began

    collecting = gc.isenabled()
    gc.disable()
    try:
        short_time = min(seconds(short) for _ in range(3))
        long_time = min(seconds(LONGER * short) for _ in range(3))
    finally:
        if collecting:
            gc.enable()
    assert long_time < BOUND * max(short_time, 1e-3), (short_time, long_time)
