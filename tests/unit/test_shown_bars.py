"""A finding is kept at the bar a report shows it reaching, and a disguised word the bar
leaves uncovered stays a finding of its own (a helper's audit, session 63)."""

from __future__ import annotations

import unspun
from unspun.report import render_html

FILLED = "The firm has actually commanded that its gains climbed sharply as well as that its bosses totaled more jobs."
DISGUISED = ("We trained an irre\u200bgular woodland on bosom peril scans. The flag to commotion ratio was poor "
             "and the patients had a malig\u200bnant growth.")


def test_each_finding_is_kept_at_the_confidence_its_report_shows() -> None:
    shown = [finding.to_dict()["confidence"] for finding in unspun.check(FILLED).findings]
    assert shown
    for confidence in shown:
        kept = unspun.check(FILLED, unspun.CheckConfig(min_confidence=confidence)).findings
        assert confidence in [finding.to_dict()["confidence"] for finding in kept]


def test_a_disguised_word_below_the_bar_is_still_a_finding_where_the_restoration_undoes_it() -> None:
    report = unspun.check(DISGUISED, unspun.CheckConfig(min_confidence=0.95))
    assert report.steps, "the disguised words are undone in the restored text"
    for step in report.steps:
        assert any(f.start <= step.start and step.end <= f.end for f in report.findings), step
    assert {f.text for f in report.findings if f.kind == "disguise"} == {"irre\u200bgular", "malig\u200bnant"}


def test_the_html_report_cuts_a_confidence_as_it_cuts_the_score() -> None:
    finding = {"start": 4, "end": 9, "text": "stress", "suggestion": "tension", "alternatives": [],
               "confidence": 0.6951, "suggestion_confidence": 0.4996, "evidence": ["thesaurus"]}
    report = {"id": "a", "verdict": "uncertain", "score": 0.6951, "findings": [finding], "text": "The stress rose.",
              "restored": "The stress rose.", "steps": [], "stats": {"words": 3}}
    page = render_html([report])
    assert "0.69" in page and "0.70" not in page
    assert "0.49" in page and "0.50" not in page
