"""The suggestion calibrators' training rows: which findings count, and how they are labelled."""

from __future__ import annotations

import pytest

from unspun.detect.candidates import Candidate, Option
from unspun.detect.model import suggestion_features
from unspun.eval.spinner import Edit
from unspun.eval.train_suggestions import fit_calibrators, suggestion_rows
from unspun.models import Finding

TEXT = "Stress have actually reached degrees not seen because 1990"


def _edit(kind: str, source: str, spun: str) -> Edit:
    start = TEXT.index(spun)
    return Edit(kind, source, spun, 0, len(source), start, start + len(spun))  # type: ignore[arg-type]


def _pair(span: str, options: list[tuple[str, float]], kind: str = "swap") -> tuple[Finding, Candidate]:
    """A candidate over ``span`` with its options ranked, and the finding it gives."""
    start = TEXT.index(span)
    ranked = [Option(text, tuple(text.split()), score=score) for text, score in options]
    candidate = Candidate(start, start + len(span), 0, 1, kind, ranked, confidence=0.6)
    finding = Finding(start, start + len(span), span, ranked[0].text, 0.6, ("ngram",), kind=kind)
    return finding, candidate


EDITS = [_edit("synonym", "Tensions", "Stress"), _edit("filler", "have", "have actually"),
         _edit("synonym", "levels", "degrees")]


def test_rows_come_from_findings_on_true_edits_labelled_by_restoration() -> None:
    pairs = [
        _pair("degrees", [("levels", 1.5), ("grades", -0.5)]),  # right
        _pair("Stress", [("tension", 0.2), ("Tensions", 0.1)]),  # wrong: the runner-up was right
        _pair("actually", [("", 4.0)], kind="filler"),  # dropping the filler gives "have" back
        _pair("1990", [("1991", 0.3)]),  # touches no edit: no row
    ]
    rows: dict = {}
    suggestion_rows([f for f, _ in pairs], [c for _, c in pairs], EDITS, rows)
    assert rows["swap"][1] == [True, False]
    assert rows["filler"][1] == [True]
    assert rows["swap"][0][0] == suggestion_features([1.5, -0.5], 0.6)


def test_a_finding_without_its_candidate_or_of_another_kind_gives_no_row() -> None:
    finding, _ = _pair("degrees", [("levels", 1.5)])
    listed, _ = _pair("Stress", [("Tensions", 1.0)], kind="tortured-phrase")
    rows: dict = {}
    suggestion_rows([finding, listed], [], EDITS, rows)
    assert rows == {}


def test_calibrators_are_fitted_per_kind() -> None:
    swap_rows = [suggestion_features([margin, 0.0], 0.6) for margin in (3.0, 2.5, 2.0, 0.2, 0.1, 0.0)]
    rows = {"swap": (swap_rows, [True, True, True, False, False, False]),
            "filler": ([suggestion_features([4.0], 0.9)] * 3, [True, True, True])}
    calibrators = fit_calibrators(rows)
    assert calibrators["swap"].probability(swap_rows[0]) > 0.5 > calibrators["swap"].probability(swap_rows[-1])
    # Every filler suggestion was right: a constant short of certainty, (3 + 1) / (3 + 2).
    assert calibrators["filler"].features == ()
    assert calibrators["filler"].probability(rows["filler"][0][0]) == pytest.approx(0.8)
