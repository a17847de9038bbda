"""Tracing end to end: an index of invented originals, spun copies, the API and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from unspun import Document
from unspun.index import Index
from unspun.pipeline import NO_SOURCE, SOURCE_FOUND, trace
from unspun.restore import apply_steps

ORIGINALS = [
    Document("harbour", "Harbour reopens", (
        "The old harbour in Westport reopened on Tuesday after two years of repairs, the port authority said. "
        "Fishing boats returned within hours, and the first ferry is expected next week. "
        "The repairs cost 12 million pounds and were paid for by the regional council. "
        "Local businesses said the closure had hurt trade during the summer season, and several shops had shut. "
        "The mayor, Anne Keller, said the town would hold a celebration on Saturday to mark the reopening.")),
    Document("budget", "Council budget", (
        "The regional council approved its annual budget on Monday after a long debate. "
        "Spending on schools will rise by four percent, while road repairs will be delayed until next year. "
        "Opposition members warned that the plan relied on optimistic forecasts of tax income. "
        "The council leader said the budget protected essential services despite rising costs.")),
    Document("storm", "Storm warning", (
        "Forecasters issued a storm warning for the coast on Thursday, with winds expected to reach 90 miles an hour. "
        "Residents were advised to stay indoors and secure loose objects in their gardens. "
        "Ferry services between the islands were cancelled for the rest of the week.")),
]
# A hand-spun copy of the harbour story: swaps, a multi-word swap, fillers.
SPUN = (
    "The old port in Westport resumed on Tuesday after two years of fixings, the harbour authority stated. "
    "Angling vessels came back within hours, and also the initial ferry is anticipated following week. "
    "The repairs cost 12 million pounds and were paid for by the local council. "
    "Local companies said the closure had actually hurt trade during the summertime season, as well as several stores had shut. "
    "The mayor, Anne Keller, said the town would hold a party on Saturday to mark the reopening."
)
OTHER_OUTLET = (
    "Westport's harbour is open again. After a two-year, 12 million pound renovation funded by the regional "
    "council, mayor Anne Keller welcomed the first fishing boats back on Tuesday and promised a party on Saturday. "
    "Shopkeepers, some of whom closed during the works, hope trade will recover quickly."
)


@pytest.fixture
def index_path(originals_db: Path) -> Path:
    return originals_db


def test_spun_copy_is_traced_with_every_substitution(index_path: Path) -> None:
    with Index.open(index_path, readonly=True) as index:
        report = trace(SPUN, index)
    assert report.trace_verdict == SOURCE_FOUND
    best = report.matches[0]
    assert best.id == "harbour" and best.coverage > 0.9
    pairs = {(s.source, s.spun) for s in best.substitutions}
    assert ("harbour", "port") in pairs and ("reopened", "resumed") in pairs and ("regional", "local") in pairs
    for s in best.substitutions:
        assert SPUN[s.start : s.end] == s.spun and ORIGINALS[0].text[s.source_start : s.source_end] == s.source
    assert any(f.evidence == ("source",) for f in report.findings)
    assert report.verdict == "spun"
    assert report.restored == ORIGINALS[0].text
    assert apply_steps(SPUN, report.steps) == report.restored


def test_another_outlets_report_is_not_a_source(index_path: Path) -> None:
    with Index.open(index_path, readonly=True) as index:
        report = trace(OTHER_OUTLET, index)
    assert report.trace_verdict == NO_SOURCE
    assert report.matches == ()


def test_partial_copy_inside_other_text_is_traced(index_path: Path) -> None:
    padding = ("A completely different paragraph about music festivals, the bands that played there, "
               "the crowds that came and the weather that held for three days in a row. ") * 3
    page = padding + "\n\n" + SPUN.split(". Local")[0] + ".\n\n" + padding
    with Index.open(index_path, readonly=True) as index:
        report = trace(page, index)
    assert report.trace_verdict == SOURCE_FOUND and report.matches[0].id == "harbour"
    assert 0.1 < report.matches[0].coverage < 0.6


def unspun(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "unspun", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": "120"})


def test_cli_index_and_trace_in_three_formats(tmp_path: Path) -> None:
    originals = tmp_path / "originals.jsonl"
    originals.write_text("\n".join(json.dumps({"id": d.id, "title": d.title, "text": d.text}) for d in ORIGINALS))
    spun = tmp_path / "spun.txt"
    spun.write_text(SPUN)
    index = tmp_path / "index.db"
    result = unspun("index", "add", "--index", str(index), str(originals))
    assert result.returncode == 0, result.stderr
    stats = json.loads(unspun("index", "stats", "--index", str(index)).stdout)
    assert stats["documents"] == 3

    as_json = unspun("trace", "--index", str(index), str(spun), "--format", "json")
    assert as_json.returncode == 1, as_json.stderr
    data = json.loads(as_json.stdout)
    assert data["trace_verdict"] == SOURCE_FOUND and data["matches"][0]["id"] == "harbour"
    assert {"source", "spun", "source_start", "source_end", "start", "end"} <= set(data["matches"][0]["substitutions"][0])

    as_text = unspun("trace", "--index", str(index), str(spun))
    assert "Source: harbour" in as_text.stdout and "harbour → port" in as_text.stdout

    page = tmp_path / "trace.html"
    unspun("trace", "--index", str(index), str(spun), "--format", "html", "--output", str(page))
    html = page.read_text(encoding="utf-8")
    assert 'class="side"' in html and "<ins" in html and "<del" in html

    assert unspun("index", "remove", "--index", str(index), "storm").returncode == 0
    assert json.loads(unspun("index", "stats", "--index", str(index)).stdout)["documents"] == 2


def test_trace_jobs_give_the_same_reports_in_the_same_order(tmp_path: Path) -> None:
    originals = tmp_path / "originals.jsonl"
    originals.write_text("\n".join(json.dumps({"id": d.id, "title": d.title, "text": d.text}) for d in ORIGINALS))
    index = tmp_path / "index.db"
    assert unspun("index", "add", "--index", str(index), str(originals)).returncode == 0
    texts = [SPUN, "A plain note about nothing in the index at all, written for this test.", *[d.text for d in ORIGINALS]]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps({"id": f"t{i}", "text": t}) for i, t in enumerate(texts * 2)))

    def reports(jobs: str) -> list[dict[str, object]]:
        result = unspun("trace", "--index", str(index), str(batch), "--format", "json", "--jobs", jobs)
        assert result.returncode == 1, result.stderr
        lines = [json.loads(line) for line in result.stdout.splitlines()]
        for line in lines:
            line["stats"].pop("seconds")
        return lines

    one = reports("1")
    assert reports("2") == one
    assert [r["id"] for r in one] == [f"t{i}" for i in range(len(texts) * 2)]
    assert one[0]["trace_verdict"] == SOURCE_FOUND


def test_trace_without_a_source_keeps_findings_above_min_confidence(tmp_path: Path) -> None:
    from tests.conftest import EXAMPLES

    originals = tmp_path / "originals.jsonl"
    originals.write_text("\n".join(json.dumps({"id": d.id, "title": d.title, "text": d.text}) for d in ORIGINALS))
    index = tmp_path / "index.db"
    assert unspun("index", "add", "--index", str(index), str(originals)).returncode == 0
    page = str(EXAMPLES / "spun-news-page.html")  # its source is not in this index
    every = json.loads(unspun("trace", "--index", str(index), page, "--format", "json").stdout)
    sure = json.loads(unspun("trace", "--index", str(index), page, "--format", "json", "--min-confidence", "0.8").stdout)
    assert every["trace_verdict"] == sure["trace_verdict"] == NO_SOURCE
    assert sure["findings"] and sure["findings"] == [f for f in every["findings"] if f["confidence"] >= 0.8]
    assert len(sure["findings"]) < len(every["findings"])
    bad = unspun("trace", "--index", str(index), page, "--min-confidence", "2")
    assert bad.returncode == 2 and "--min-confidence" in bad.stderr
    # --suspect judges the source-free findings as a suspected text's, as `unspun check` does.
    suspected = json.loads(unspun("trace", "--index", str(index), page, "--format", "json", "--suspect").stdout)
    assert suspected["stats"]["suspect"] is True and every["stats"]["suspect"] is False


def test_trace_with_a_missing_or_foreign_index(tmp_path: Path) -> None:
    spun = tmp_path / "spun.txt"
    spun.write_text(SPUN)
    missing = unspun("trace", "--index", str(tmp_path / "none.db"), str(spun))
    assert missing.returncode == 2 and "no such index" in missing.stderr
    foreign = tmp_path / "foreign.db"
    foreign.write_bytes(b"this is not an index at all" * 100)
    result = unspun("trace", "--index", str(foreign), str(spun))
    assert result.returncode == 2 and "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    (tmp_path / "loop.db").symlink_to("loop.db")  # was "no such index"
    looped = unspun("trace", "--index", str(tmp_path / "loop.db"), str(spun))
    assert looped.returncode == 2 and "loop of symbolic links" in looped.stderr, looped.stderr


def test_a_spun_bbc_article_is_traced_from_the_cli(tmp_path: Path) -> None:
    """A real news article (BBC, read from the installed corpus at test time), spun by the
    benchmark spinner with the Moby dictionary, traced in all three formats."""
    from unspun.eval.corpus import bbc_split
    from unspun.eval.spinner import Spinner
    from unspun.eval.thesauri import MobySource

    _, test = bbc_split()
    originals = tmp_path / "originals.jsonl"
    originals.write_text("\n".join(json.dumps({"id": d.id, "title": d.title, "text": d.text}) for d in test[:40]))
    index = tmp_path / "bbc.db"
    assert unspun("index", "add", "--index", str(index), str(originals)).returncode == 0
    source = test[17]
    spun = Spinner(MobySource(), rate=0.35, seed=5).spin(source.text)
    page = tmp_path / "page.txt"
    page.write_text(spun.text)

    data = json.loads(unspun("trace", "--index", str(index), str(page), "--format", "json").stdout)
    assert data["trace_verdict"] == SOURCE_FOUND and data["matches"][0]["id"] == source.id
    found = {(s["start"], s["end"]) for s in data["matches"][0]["substitutions"]}
    swaps = [e for e in spun.edits if e.kind in ("synonym", "multiword")]
    assert sum(any(a < e.end and e.start < b for a, b in found) for e in swaps) >= 0.95 * len(swaps)

    text = unspun("trace", "--index", str(index), str(page)).stdout
    assert f"Source: {source.id}" in text
    html_path = tmp_path / "trace.html"
    unspun("trace", "--index", str(index), str(page), "--format", "html", "--output", str(html_path))
    html = html_path.read_text(encoding="utf-8")
    assert 'class="side"' in html and html.count("<ins") >= len(swaps) * 0.9
