"""Stopping a run of several worker processes: Ctrl-C, SIGTERM, or the parent killed outright.

Each run is a real `unspun check --jobs 2` in a session of its own, so that its worker
processes can be found (``pgrep -s``) after their parent is gone.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("pgrep") is None, reason="needs pgrep (procps)")


def _session_processes(session: int) -> list[int]:
    found = subprocess.run(["pgrep", "-s", str(session)], capture_output=True, text=True).stdout.split()
    return [int(pid) for pid in found]


def _start(folder: Path, *options: str) -> subprocess.Popen[bytes]:
    """`unspun check --jobs 2` over ``folder``, once both of its workers run."""
    run = subprocess.Popen([sys.executable, "-m", "unspun", "check", "--jobs", "2", *options, str(folder)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while len(_session_processes(run.pid)) < 3:  # the parent and two workers
        assert run.poll() is None, run.stderr.read() if run.stderr else ""
        assert time.monotonic() < deadline, "the workers did not start"
        time.sleep(0.1)
    return run


def _gone(session: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while _session_processes(session):
        if time.monotonic() > deadline:
            for pid in _session_processes(session):
                os.kill(pid, signal.SIGKILL)
            return False
        time.sleep(0.1)
    return True


@pytest.fixture
def folder(tmp_path: Path, example_txt: Path) -> Path:
    for number in range(8):
        shutil.copy(example_txt, tmp_path / f"page-{number}.txt")
    return tmp_path


@pytest.mark.parametrize(("sent", "status", "line"), [(signal.SIGINT, 130, "unspun: interrupted"),
                                                      (signal.SIGTERM, 143, "unspun: terminated")])
def test_a_signal_stops_the_run_and_its_workers_while_they_load(folder: Path, smollm: object, sent: int,
                                                                status: int, line: str) -> None:
    # Deep workers spend seconds loading torch with Ctrl-C ignored: the run waited for them
    # (about 10 s), and SIGTERM left them running for ever after their parent died.
    run = _start(folder, "--deep")
    time.sleep(0.5)
    os.killpg(run.pid, sent) if sent == signal.SIGINT else run.send_signal(sent)  # Ctrl-C reaches the group
    sent_at = time.monotonic()
    _, stderr = run.communicate(timeout=60)
    assert time.monotonic() - sent_at < 5  # not after the workers' load (about 10 s)
    assert run.returncode == status
    assert stderr.decode().strip().splitlines()[-1] == line
    assert _gone(run.pid, within=5)


def test_workers_end_when_their_parent_is_killed(folder: Path) -> None:
    run = _start(folder)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=10)
    assert _gone(run.pid, within=10)
