"""``--resume``: a JSON report that a run left short is finished, not started over."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import without_time
from tests.integration.test_cli import unspun

SPUN = "We compared an irregular woodland with a linear model. It found bosom peril early."
CLEAN = "The council met on Tuesday to discuss the new budget for local schools and roads."


def _reports(path: Path) -> list[dict]:
    return [without_time(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    path = tmp_path / "crawl.jsonl"
    texts = [CLEAN, SPUN, CLEAN, SPUN, CLEAN, CLEAN]
    path.write_text("".join(json.dumps({"id": f"page-{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    return path


@pytest.mark.parametrize("cut_at", [None, 3, 1])
def test_a_report_cut_short_is_finished_without_checking_its_reports_again(crawl: Path, tmp_path: Path,
                                                                           cut_at: int | None) -> None:
    whole = tmp_path / "whole.json"
    assert unspun("check", str(crawl), "--format", "json", "-o", str(whole)).returncode == 1
    lines = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) == 6
    kept = [json.loads(line) for line in lines[:3]]
    kept[0]["title"] = "kept, not checked again"
    left = tmp_path / "left.json"
    # Three whole reports and half of the fourth, as a killed run leaves them; or the fourth
    # cut inside the opening every report starts with ('{"i', '{'), as a full disk may cut it.
    cut = lines[3][: len(lines[3]) // 2 if cut_at is None else cut_at]
    left.write_text("".join(json.dumps(r) + "\n" for r in kept) + cut, encoding="utf-8")
    result = unspun("check", str(crawl), "--format", "json", "-o", str(left), "--resume")
    assert result.returncode == 1, result.stderr
    assert "3 reports kept" in result.stderr and "cut short" in result.stderr
    finished = _reports(left)
    assert finished[0]["title"] == "kept, not checked again"
    assert finished[1:] == _reports(whole)[1:]


def test_the_status_counts_the_kept_reports(crawl: Path, tmp_path: Path) -> None:
    whole = tmp_path / "whole.json"
    unspun("check", str(crawl), "--format", "json", "-o", str(whole))
    lines = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    assert json.loads(lines[1])["verdict"] == "spun"
    left = tmp_path / "left.json"
    left.write_text("".join(lines[:2]), encoding="utf-8")  # the spun page is among the kept
    clean_rest = tmp_path / "rest.jsonl"
    rest = [json.loads(line) for line in crawl.read_text().splitlines()]
    clean_rest.write_text("".join(json.dumps(r) + "\n" for r in rest if r["text"] == CLEAN or r["id"] == "page-1"))
    result = unspun("check", str(clean_rest), "--format", "json", "-o", str(left), "--resume")
    assert result.returncode == 1, result.stderr  # page-1, kept and spun, is still spun
    assert [r["id"] for r in _reports(left)] == ["page-0", "page-1", "page-2", "page-4", "page-5"]


def test_an_id_reported_once_is_checked_again_where_the_input_holds_it_twice(tmp_path: Path) -> None:
    crawl = tmp_path / "twice.jsonl"
    crawl.write_text(json.dumps({"id": "same", "text": CLEAN}) + "\n" + json.dumps({"id": "same", "text": SPUN}) + "\n")
    out = tmp_path / "out.json"
    first = unspun("check", str(crawl), "--format", "json", "-o", str(out))
    out.write_text(out.read_text().splitlines(keepends=True)[0])
    again = unspun("check", str(crawl), "--format", "json", "-o", str(out), "--resume")
    assert first.returncode == again.returncode == 1, again.stderr
    assert [r["verdict"] for r in _reports(out)] == ["clean", "spun"]


def test_resuming_a_missing_file_is_a_whole_run(crawl: Path, tmp_path: Path) -> None:
    out = tmp_path / "new.json"
    assert unspun("check", str(crawl), "--format", "json", "-o", str(out), "--resume").returncode == 1
    assert len(_reports(out)) == 6


@pytest.mark.parametrize("options", [["--format", "text", "-o", "OUT"], ["--format", "html", "-o", "OUT"],
                                     ["--format", "json"], ["--format", "json", "-o", "-"]])
def test_resume_needs_json_in_a_file(crawl: Path, tmp_path: Path, options: list[str]) -> None:
    out = tmp_path / "out.txt"
    result = unspun("check", str(crawl), *[str(out) if o == "OUT" else o for o in options], "--resume")
    assert result.returncode == 2 and "--resume needs --format json and --output FILE" in result.stderr
    assert not out.exists() and not result.stdout


@pytest.mark.parametrize("lines", [
    ["REPORT", "my notes, not a report", "REPORT"],
    ["my precious notes, one line without its end"],  # no end: taken for a cut report before
    ["REPORT", "[1, 2]"],
])
def test_a_file_that_is_no_json_report_is_left_as_it_was(crawl: Path, tmp_path: Path, lines: list[str]) -> None:
    whole = tmp_path / "whole.json"
    unspun("check", str(crawl), "--format", "json", "-o", str(whole))
    report = whole.read_text().splitlines()[0]
    out = tmp_path / "notes.json"
    out.write_text("\n".join(report if line == "REPORT" else line for line in lines))
    before = out.read_bytes()
    result = unspun("check", str(crawl), "--format", "json", "-o", str(out), "--resume")
    assert result.returncode == 2 and "is not a report of unspun's JSON output" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and out.read_bytes() == before


def test_a_run_that_fails_before_writing_leaves_the_cut_report_in_place(crawl: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    unspun("check", str(crawl), "--format", "json", "-o", str(out))
    lines = out.read_text().splitlines(keepends=True)
    out.write_text(lines[0] + lines[1][:40])
    before = out.read_bytes()
    result = unspun("check", str(tmp_path / "missing.jsonl"), "--format", "json", "-o", str(out), "--resume")
    assert result.returncode == 2 and out.read_bytes() == before
    new = tmp_path / "new.json"
    unspun("check", str(tmp_path / "missing.jsonl"), "--format", "json", "-o", str(new), "--resume")
    assert not new.exists()  # as a run without --resume leaves no file of its own


@pytest.mark.parametrize(("first", "then", "said"), [
    (["trace"], ["check"], "a report of unspun trace, and this run is unspun check"),
    (["check", "--suspect"], ["check"], "a report of unspun check --suspect, and this run is unspun check;"),
    (["check"], ["check", "--suspect"], "a report of unspun check, and this run is unspun check --suspect"),
    (["check", "--min-confidence", "0.7"], ["check"],
     "a report of unspun check --min-confidence 0.7, and this run is unspun check;"),
    (["check"], ["check", "--min-confidence", "0.7"],
     "a report of unspun check, and this run is unspun check --min-confidence 0.7;"),
])
def test_reports_of_another_kind_of_run_are_not_mixed(crawl: Path, tmp_path: Path, first: list[str],
                                                      then: list[str], said: str) -> None:
    index = tmp_path / "originals.db"
    unspun("index", "add", "--index", str(index), "--no-progress", str(crawl))
    out = tmp_path / "out.json"
    with_index = ["--index", str(index)] if first[0] == "trace" else []
    unspun(*first, *with_index, str(crawl), "--format", "json", "-o", str(out))
    out.write_text("".join(out.read_text().splitlines(keepends=True)[:2]))
    before = out.read_bytes()
    with_index = ["--index", str(index)] if then[0] == "trace" else []
    result = unspun(*then, *with_index, str(crawl), "--format", "json", "-o", str(out), "--resume")
    assert result.returncode == 2 and said in result.stderr, result.stderr
    assert out.read_bytes() == before


def test_a_report_another_run_is_writing_is_refused(crawl: Path, tmp_path: Path) -> None:
    import fcntl

    out = tmp_path / "out.json"
    out.write_text("")
    with open(out, "a") as writer:  # as a run still writing it holds it
        fcntl.flock(writer.fileno(), fcntl.LOCK_EX)
        for resume in ([], ["--resume"]):
            result = unspun("check", str(crawl), "--format", "json", "-o", str(out), *resume)
            assert result.returncode == 2 and "another unspun run is writing this report" in result.stderr
    assert out.read_text() == ""
    assert unspun("check", str(crawl), "--format", "json", "-o", str(out), "--resume").returncode == 1


def test_trace_resumes_too(crawl: Path, tmp_path: Path) -> None:
    index = tmp_path / "originals.db"
    assert unspun("index", "add", "--index", str(index), "--no-progress", str(crawl)).returncode == 0
    whole, left = tmp_path / "whole.json", tmp_path / "left.json"
    unspun("trace", "--index", str(index), str(crawl), "--format", "json", "-o", str(whole))
    left.write_text("".join(whole.read_text().splitlines(keepends=True)[:4]))
    result = unspun("trace", "--index", str(index), str(crawl), "--format", "json", "-o", str(left), "--resume")
    assert result.returncode in (0, 1) and "4 reports kept" in result.stderr, result.stderr
    assert _reports(left) == _reports(whole)


def test_a_trace_with_another_bar_is_refused_where_no_source_was_found(crawl: Path, tmp_path: Path) -> None:
    index, other = tmp_path / "originals.db", tmp_path / "other.txt"
    other.write_text("An unrelated original about the harvest festival in a small mountain village.")
    unspun("index", "add", "--index", str(index), "--no-progress", str(other))
    out = tmp_path / "out.json"
    unspun("trace", "--index", str(index), str(crawl), "--min-confidence", "0.5", "--format", "json", "-o", str(out))
    out.write_text("".join(out.read_text().splitlines(keepends=True)[:2]))
    before = out.read_bytes()
    result = unspun("trace", "--index", str(index), str(crawl), "--min-confidence", "0.7", "--format", "json",
                    "-o", str(out), "--resume")
    assert result.returncode == 2, result.stderr
    assert "a report of unspun trace --min-confidence 0.5, and this run is unspun trace --min-confidence 0.7;" \
        in result.stderr
    assert out.read_bytes() == before


def test_a_pipe_is_no_report_to_resume(crawl: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    result = unspun("check", str(crawl), "--format", "json", "-o", str(fifo), "--resume")  # must not wait
    assert result.returncode == 2 and "not a folder, pipe or device" in result.stderr


def test_json_nested_past_pythons_stack_is_no_report(crawl: Path, tmp_path: Path) -> None:
    out = tmp_path / "deep.json"
    out.write_text('{"id": ' + "[" * 200_000 + "]" * 200_000 + "}\n")
    result = unspun("check", str(crawl), "--format", "json", "-o", str(out), "--resume")
    assert result.returncode == 2 and "line 1 is not a report" in result.stderr, result.stderr


def test_a_deep_report_under_another_budget_is_refused() -> None:
    import io

    from unspun.cli._resume import RunKind, _read_reports
    from unspun.errors import InputError

    stats = {"words": 3, "seconds": 0.1, "source": "text", "mode": "deep", "suspect": False,
             "language_model": "smollm2-135m-instruct-q4_1", "deep_candidates": 30}
    line = json.dumps({"id": "a", "verdict": "clean", "stats": stats}).encode() + b"\n"
    same = RunKind("check", True, "smollm2-135m-instruct-q4_1", False, None, 30)
    assert _read_reports("out.json", io.BytesIO(line), same).done == {"a": 1}
    with pytest.raises(InputError, match=r"--deep-candidates 30, and this run is .* --deep-candidates 50"):
        _read_reports("out.json", io.BytesIO(line), RunKind("check", True, "smollm2-135m-instruct-q4_1", False, 0.0, 50))


def test_a_report_written_before_the_bar_was_kept_goes_on_under_any_bar(crawl: Path, tmp_path: Path) -> None:
    # Reports before session 63 have no min_confidence: an earlier run with --min-confidence
    # 0.5 was taken for one without, and its resume refused (a review, session 63).
    out = tmp_path / "out.json"
    unspun("check", str(crawl), "--min-confidence", "0.5", "--format", "json", "-o", str(out))
    first = json.loads(out.read_text().splitlines()[0])
    assert first["stats"].pop("min_confidence") == 0.5
    out.write_text(json.dumps(first) + "\n")
    result = unspun("check", str(crawl), "--min-confidence", "0.5", "--format", "json", "-o", str(out), "--resume")
    assert result.returncode == 1 and "1 report kept" in result.stderr, result.stderr
