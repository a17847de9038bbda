"""The benchmark's child process stops with the benchmark (session 50)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from unspun.eval.bench_trace import run_in_child

_WAITS_FOR_A_SLOW_CHILD = """
import signal, sys, time
from unspun.eval.bench_trace import run_in_child

def stop(*_):
    raise SystemExit(143)

signal.signal(signal.SIGTERM, stop)
print("ready", flush=True)
run_in_child(time.sleep, 60)
"""


def test_a_result_and_an_error_come_back_from_the_child() -> None:
    assert run_in_child(divmod, 7, 2) == (3, 1)
    with pytest.raises(ZeroDivisionError):
        run_in_child(divmod, 7, 0)


def test_sigterm_to_the_benchmark_alone_stops_its_child_at_once() -> None:
    # A process pool's exit waited for the child: the index build's whole time (minutes).
    process = subprocess.Popen([sys.executable, "-c", _WAITS_FOR_A_SLOW_CHILD], stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    time.sleep(2)  # the spawned child is running time.sleep(60)
    began = time.monotonic()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=40) == 143
    assert time.monotonic() - began < 20
