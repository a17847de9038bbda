"""How many CPUs this process may use."""

from __future__ import annotations

import os
from pathlib import Path


def available_cpus() -> int:
    """CPUs this process may use: its affinity, capped by a cgroup quota if there is one
    (``os.cpu_count()`` counts the host's, which a container may not have)."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:
        count = os.cpu_count() or 1
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            count = min(count, max(1, int(int(quota) // int(period))))
    except (OSError, ValueError):
        pass
    return max(1, count)
