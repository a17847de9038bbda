"""Command-line cases a helper's audit found wrong (session 51); each failed before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PRICED = "The council met on Tuesday and agreed to spend £40m more on the roads of the town next year."


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "unspun", *args], capture_output=True, env=environment, timeout=120)


# A C locale, or an encoding set for Python: standard output cannot hold "£" or "→".
NARROW = {"LC_ALL": "C", "PYTHONIOENCODING": "ascii"}


@pytest.mark.parametrize("output_format", ["json", "html"])
def test_machine_reports_on_a_narrow_standard_output_are_utf8(tmp_path: Path, output_format: str) -> None:
    # They were written in the locale's encoding: a traceback and status 1 for a clean text.
    page = tmp_path / "priced.txt"
    page.write_text(PRICED, encoding="utf-8")
    result = _run("check", str(page), "--format", output_format, "--no-progress", env=NARROW)
    assert (result.returncode, result.stderr) == (0, b"")
    written = result.stdout.decode("utf-8")
    assert "£40m" in written
    if output_format == "json":
        assert json.loads(written)["text"] == PRICED


def test_a_text_report_on_a_narrow_terminal_writes_escapes(tmp_path: Path) -> None:
    page = tmp_path / "priced.txt"
    page.write_text(PRICED, encoding="utf-8")
    result = _run("check", str(page), "--no-progress", env=NARROW)
    assert (result.returncode, result.stderr) == (0, b"")
    assert b"\\xa340m" in result.stdout


def test_json_lines_hold_one_record_a_line_for_every_line_reader(tmp_path: Path) -> None:
    # U+0085, U+2028 and U+2029 were written raw: splitlines() cut a record in two.
    text = "The council met on Tuesday.\u2028It agreed to spend more\u2029on the roads\x85of the town."
    (tmp_path / "one.txt").write_text(text, encoding="utf-8")
    (tmp_path / "two.txt").write_text(PRICED, encoding="utf-8")
    result = _run("check", str(tmp_path), "--format", "json", "--no-progress")
    lines = result.stdout.decode("utf-8").splitlines()
    assert len(lines) == 2
    assert {json.loads(line)["text"] for line in lines} == {text, PRICED}
    index = tmp_path / "index.db"
    assert _run("index", "add", "--index", str(index), str(tmp_path / "one.txt"), "--no-progress").returncode == 0
    exported = _run("index", "export", "--index", str(index)).stdout.decode("utf-8").splitlines()
    assert [json.loads(line)["text"] for line in exported] == [text]


@pytest.mark.parametrize("output_format", ["text", "json", "html"])
def test_a_run_that_reports_nothing_leaves_the_last_report_as_it_was(tmp_path: Path, output_format: str) -> None:
    # The file was emptied when opened: a typo in the input's name lost the last good report.
    page = tmp_path / "priced.txt"
    page.write_text(PRICED, encoding="utf-8")
    report = tmp_path / f"report.{output_format}"
    assert _run("check", str(page), "--format", output_format, "-o", str(report), "--no-progress").returncode == 0
    good = report.read_bytes()
    assert "£40m" in good.decode("utf-8")
    result = _run("check", str(tmp_path / "missing.txt"), "--format", output_format, "-o", str(report), "--no-progress")
    assert result.returncode == 2
    assert report.read_bytes() == good
    new = tmp_path / f"new.{output_format}"
    assert _run("check", str(tmp_path / "missing.txt"), "--format", output_format, "-o", str(new)).returncode == 2
    assert not new.exists()
    # A run that writes reports replaces the old one whole.
    page.write_text("The council met on Monday.", encoding="utf-8")
    assert _run("check", str(page), "--format", output_format, "-o", str(report), "--no-progress").returncode == 0
    assert "£40m" not in report.read_text(encoding="utf-8")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_names_the_report_file(tmp_path: Path) -> None:
    page = tmp_path / "priced.txt"
    page.write_text(PRICED, encoding="utf-8")
    result = _run("check", str(page), "-o", "/dev/full", "--no-progress")
    assert (result.returncode, result.stderr) == (2, b"unspun: error: cannot go on: /dev/full: No space left on device\n")


def test_a_link_to_no_file_as_output_leaves_nothing_behind_when_nothing_is_written(tmp_path: Path) -> None:
    (tmp_path / "report.txt").symlink_to(tmp_path / "nothere.txt")
    result = _run("check", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "report.txt"), "--no-progress")
    assert result.returncode == 2
    assert not (tmp_path / "nothere.txt").exists() and (tmp_path / "report.txt").is_symlink()


def test_index_add_refuses_a_text_without_words(tmp_path: Path) -> None:
    # "123 456" was stored, and exit 0, where an empty file was an input error.
    (tmp_path / "page.txt").write_text(PRICED, encoding="utf-8")
    (tmp_path / "numbers.txt").write_text("123 456\n", encoding="utf-8")
    index = tmp_path / "index.db"
    result = _run("index", "add", "--index", str(index), str(tmp_path / "page.txt"), str(tmp_path / "numbers.txt"),
                  "--no-progress")
    assert result.returncode == 2
    assert b"numbers.txt: no words to check" in result.stderr and b"1 added" in result.stderr
