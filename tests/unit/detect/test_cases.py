"""Regression cases kept as data (tests/cases/detect.json): each names a text, the findings
expected as (phrase, suggestion) pairs where it names them (a clean text of technical prose
may hold a few findings, at most ``most_findings``, and still read "clean"), the verdict
where it says, and whether the case passes today (``expect``: "pass", or "fail" for a known
failure, which then must keep failing until it is fixed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from unspun import check
from unspun.restore import apply_steps

CASES = json.loads((Path(__file__).resolve().parents[2] / "cases" / "detect.json").read_text(encoding="utf-8"))


def _holds(case: dict[str, Any]) -> bool:
    report = check(case["input"])
    found = [(f.text, f.suggestion) for f in report.findings]
    if "verdict" in case["expected"] and report.verdict != case["expected"]["verdict"]:
        return False
    if len(report.findings) > case["expected"].get("most_findings", len(report.findings)):
        return False
    if "found" not in case["expected"]:
        return True
    expected = [tuple(pair) for pair in case["expected"]["found"]]
    if not expected:
        return not found
    return all(pair in found for pair in expected)


def test_every_case_expects_something() -> None:
    # A case naming neither findings nor a verdict would hold of any report.
    assert all({"found", "verdict"} & case["expected"].keys() for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["label"] for case in CASES])
def test_case(case: dict[str, Any]) -> None:
    report = check(case["input"])
    assert apply_steps(case["input"], report.steps) == report.restored
    if case["expect"] == "fail":
        assert not _holds(case), "a known failure now passes: mark it 'pass'"
    else:
        assert _holds(case), (report.verdict, [(f.text, f.suggestion, round(f.confidence, 2)) for f in report.findings])
