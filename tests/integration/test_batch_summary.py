"""The closing line of a run of several documents: their verdicts counted, on standard error."""

from __future__ import annotations

import json
from pathlib import Path

from tests.integration.test_cli import unspun
from tests.integration.test_resume import CLEAN, SPUN


def _crawl(tmp_path: Path, texts: list[str]) -> Path:
    path = tmp_path / "crawl.jsonl"
    path.write_text("".join(json.dumps({"id": f"page-{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    return path


def test_a_batch_ends_with_its_verdicts_counted(tmp_path: Path) -> None:
    crawl = _crawl(tmp_path, [CLEAN, SPUN, CLEAN, SPUN, CLEAN])
    result = unspun("check", str(crawl), "--format", "json", "-o", str(tmp_path / "out.json"), "--no-progress")
    assert result.returncode == 1
    verdicts = [json.loads(line)["verdict"] for line in (tmp_path / "out.json").read_text().splitlines()]
    counts = {v: verdicts.count(v) for v in ("spun", "clean", "uncertain")}
    assert counts["spun"] == 2
    assert result.stderr.splitlines()[-1] == (
        f"note: 5 documents: {counts['spun']} spun, {counts['clean']} clean, {counts['uncertain']} uncertain")


def test_one_document_needs_no_count(tmp_path: Path) -> None:
    result = unspun("check", str(_crawl(tmp_path, [SPUN])), "--no-progress")
    assert result.returncode == 1 and "note:" not in result.stderr


def test_a_resumed_batch_counts_its_kept_reports(tmp_path: Path) -> None:
    crawl, out = _crawl(tmp_path, [SPUN, CLEAN, CLEAN]), tmp_path / "out.json"
    unspun("check", str(crawl), "--format", "json", "-o", str(out))
    out.write_text(out.read_text().splitlines(keepends=True)[0])  # the spun one
    result = unspun("check", str(crawl), "--format", "json", "-o", str(out), "--resume", "--no-progress")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith("note: 3 documents: 1 spun, ")


def test_a_trace_counts_the_sources_found(tmp_path: Path) -> None:
    story = ("The city council voted on Tuesday to spend four million pounds on repairing the old bridge over "
             "the river, which has been closed to lorries since the spring floods damaged its supports. Engineers "
             "told the meeting that the work would take eighteen months, and that buses would use a temporary "
             "crossing near the railway station while the bridge stays shut to all traffic.")
    originals = _crawl(tmp_path, [story])
    index = tmp_path / "originals.db"
    assert unspun("index", "add", "--index", str(index), "--no-progress", str(originals)).returncode == 0
    pages = tmp_path / "pages.jsonl"
    other = "A quiet river runs past the old mill, where children fish on summer evenings with their grandparents."
    pages.write_text(json.dumps({"id": "copy", "text": story}) + "\n" + json.dumps({"id": "other", "text": other}) + "\n")
    result = unspun("trace", "--index", str(index), str(pages), "--format", "json", "--no-progress")
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr.splitlines()[-1].endswith("; a source found for 1")
