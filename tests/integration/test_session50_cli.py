"""Command-line cases a helper's audit found wrong (session 50); each failed before.

Output is buffered as users have it: this project's machines set PYTHONUNBUFFERED, under
which every failed write happened inside ``main`` and the first case passed.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

CLEAN = "The council met on Tuesday to discuss the budget for the coming year, and agreed to spend more on roads."


def _run(*args: str, stdout: object = subprocess.PIPE, stderr: object = subprocess.PIPE,
         preexec_fn: object = None, terminal: bool = False) -> subprocess.CompletedProcess[str]:
    drop = {"PYTHONUNBUFFERED", *(("NO_COLOR", "TERM") if terminal else ())}
    env = {key: value for key, value in os.environ.items() if key not in drop}
    if terminal:  # a terminal that shows colours, whatever runs the tests (CI may say TERM=dumb)
        env["TERM"] = "xterm-256color"
    return subprocess.run([sys.executable, "-m", "unspun", *args], stdout=stdout, stderr=stderr, text=True,
                          env=env, timeout=120, preexec_fn=preexec_fn)  # type: ignore[call-overload]


@pytest.fixture
def small_index(tmp_path: Path) -> Path:
    (tmp_path / "original.txt").write_text(CLEAN)
    index = tmp_path / "index.db"
    assert _run("index", "add", "--index", str(index), str(tmp_path / "original.txt"), "--no-progress").returncode == 0
    return index


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_standard_output_is_one_error_line_for_small_outputs_too(tmp_path: Path, small_index: Path) -> None:
    # Output smaller than the buffer failed only at exit: Python's "Exception ignored" and
    # status 120, and an export's records were lost with status 0 and nothing said.
    (tmp_path / "clean.txt").write_text(CLEAN)
    for args in (("check", str(tmp_path / "clean.txt")), ("check", str(tmp_path / "clean.txt"), "--format", "json"),
                 ("index", "stats", "--index", str(small_index)), ("index", "export", "--index", str(small_index))):
        with open("/dev/full", "w") as full:
            result = _run(*args, stdout=full)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr == "unspun: error: cannot go on: No space left on device\n", (args, result.stderr)


def test_a_reader_gone_before_a_small_output_is_not_an_error(small_index: Path) -> None:
    read, write = os.pipe()
    os.close(read)  # no reader at all: the first write fails with a broken pipe
    try:
        result = _run("index", "stats", "--index", str(small_index), stdout=write)
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (0, "")


def test_a_closed_standard_error_leaves_the_run_and_its_report_alone(tmp_path: Path) -> None:
    # The progress bar's check raised on a None stderr (exit 1, "spun", for a clean text, and
    # no index made), and with --no-progress error lines were printed into the report.
    (tmp_path / "clean.txt").write_text(CLEAN)
    close_stderr = lambda: os.close(2)  # noqa: E731
    result = _run("check", str(tmp_path / "clean.txt"), stderr=None, preexec_fn=close_stderr)
    assert result.returncode == 0 and "clean.txt: clean" in result.stdout
    result = _run("check", str(tmp_path / "missing.txt"), str(tmp_path / "clean.txt"), "--format", "json",
                  "--no-progress", stderr=None, preexec_fn=close_stderr)
    assert result.returncode == 2 and [json.loads(line)["verdict"] for line in result.stdout.splitlines()] == ["clean"]
    index = tmp_path / "index.db"
    result = _run("index", "add", "--index", str(index), str(tmp_path / "clean.txt"), stderr=None, preexec_fn=close_stderr)
    assert result.returncode == 0 and index.exists()


def test_lexicon_build_with_standard_output_closed_says_so_before_building(tmp_path: Path) -> None:
    result = _run("lexicon", "build", "--cache-dir", str(tmp_path), stdout=None, preexec_fn=lambda: os.close(1))
    assert result.returncode == 2 and "standard output is closed" in result.stderr, result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("bench", ["detect", "trace"])
def test_a_benchmark_with_standard_output_closed_says_so_before_running(bench: str) -> None:
    # It ran for minutes, printed its tables nowhere and exited 0.
    result = _run("bench", bench, "--documents", "1", stdout=None, preexec_fn=lambda: os.close(1))
    assert result.returncode == 2 and "nowhere to print the tables" in result.stderr, result.stderr


@pytest.mark.skipif(Path("/usr/share/mythes/th_en_US_v2.dat").exists(), reason="MyThes is installed here")
def test_a_benchmark_without_mythes_says_so_before_its_work() -> None:
    # It trained a classifier and checked the clean articles first: a minute, then the error.
    result = _run("bench", "detect", "--documents", "1", "--phrases", "0")
    assert result.returncode == 2 and "mythes-en-us" in result.stderr, result.stderr
    assert "classifier" not in result.stderr and "clean" not in result.stderr, result.stderr


@pytest.mark.parametrize("args", [("check", "x.txt", "-o", ""), ("trace", "--index", "", "x.txt"),
                                  ("index", "add", "--index", "", "x.txt"), ("index", "export", "--index", "i.db", "-o", "")])
def test_an_empty_output_or_index_name_is_refused_by_its_option(args: tuple[str, ...]) -> None:
    # They said ": cannot write the output" and ". is a folder, not an unspun index".
    result = _run(*args)
    assert result.returncode == 2 and "an empty name (an unset variable?)" in result.stderr, result.stderr
    assert result.stderr.startswith(("unspun: error: argument --output/-o:", "unspun: error: argument --index:"))


def test_output_to_dash_on_a_terminal_is_highlighted_as_without_it(tmp_path: Path) -> None:
    # "-o -" is standard output, but turned the in-place colours off on a terminal.
    (tmp_path / "spun.txt").write_text("We compared an irregular woodland with a linear model.")
    outputs = []
    for extra in ((), ("-o", "-")):
        leader, follower = pty.openpty()
        try:
            _run("check", str(tmp_path / "spun.txt"), *extra, stdout=follower, terminal=True)
            os.close(follower)
            chunks = []
            while True:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # the terminal's other end is closed: all is read
                    break
                if not chunk:
                    break
                chunks.append(chunk)
        finally:
            os.close(leader)
        outputs.append(b"".join(chunks))
    assert b"\x1b[" in outputs[0] and b"\x1b[" in outputs[1]


def test_a_damaged_lexicon_is_rebuilt_once_for_all_workers(tmp_path: Path) -> None:
    # The parent built it only when missing: each --jobs worker rebuilt a damaged one at once.
    from unspun.lexicon import Lexicon

    cache = tmp_path / "cache"
    cache.mkdir()
    good = Lexicon.load().path
    for built in good.parent.glob("*.marshal"):  # the other tables, keyed by the same lexicon
        (cache / built.name).write_bytes(built.read_bytes())
    (cache / good.name).write_bytes(b"")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(CLEAN)
    env = {**os.environ, "UNSPUN_CACHE": str(cache)}
    result = subprocess.run([sys.executable, "-m", "unspun", "check", "--jobs", "2", str(tmp_path / "a.txt"),
                             str(tmp_path / "b.txt")], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("rebuilding it") == 1, result.stderr
    assert (cache / good.name).read_bytes() == good.read_bytes()


def test_a_first_build_says_so_on_stderr(tmp_path: Path) -> None:
    # A first check was silent for about ten seconds while the lexicon was built.
    result = _run("lexicon", "build", "--cache-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == f"unspun: building the synonym lexicon in {tmp_path} (once: about ten seconds)", lines
    assert lines[1].startswith("unspun: built ") and len(lines) == 2, lines
