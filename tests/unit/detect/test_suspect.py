"""Checking a text as suspected of spinning (``CheckConfig.suspect``): a rewriter's swaps
without a spinner's filler are judged as a spinner's are."""

from __future__ import annotations

import pytest

from unspun import CheckConfig, check
from unspun.detect.document_evidence import SUSPECT_FILLER_RATE
from unspun.detect.engine import Engine
from unspun.eval.corpus import shuffled_train
from unspun.eval.metrics import PhraseCounts
from unspun.eval.spinner import SpunText, filler_free
from unspun.eval.thesauri import MobySource


@pytest.fixture(scope="module")
def rewritten() -> list[SpunText]:
    # Train-half articles after those the models learned from, swapped without filler.
    spinner = filler_free(MobySource(), rate=0.2, seed=5)
    return [spinner.spin(document.text) for document in shuffled_train(900, 6)]


def test_the_span_models_read_at_least_a_spun_texts_filler_rate(rewritten: list[SpunText]) -> None:
    engine = Engine.default()
    _, plain = engine.candidates(rewritten[0].text)
    _, suspected = engine.candidates(rewritten[0].text, suspect=True)
    assert plain and len(plain) == len(suspected)
    assert all(c.features["doc_filler_rate"] < SUSPECT_FILLER_RATE for c in plain)
    assert all(c.features["doc_filler_rate"] == SUSPECT_FILLER_RATE for c in suspected)


def test_a_suspected_text_shows_far_more_of_a_rewriters_swaps(rewritten: list[SpunText]) -> None:
    engine = Engine.default()
    plain, suspected = PhraseCounts(), PhraseCounts()
    for spun in rewritten:
        plain.add(engine.analyse(spun.text).findings, spun.edits)
        suspected.add(engine.analyse(spun.text, suspect=True).findings, spun.edits)
    # benchmarks/suspect_mode.py, MyThes at 0.2 without filler: fast recall 0.081 -> 0.522 (session 42;
    # 0.111 -> 0.454 in session 20).
    assert suspected.recall >= 2 * plain.recall + 0.1
    assert suspected.precision >= 0.3


def test_the_report_says_it_was_checked_as_suspected(rewritten: list[SpunText]) -> None:
    assert check(rewritten[0].text).stats["suspect"] is False
    report = check(rewritten[0].text, CheckConfig(suspect=True))
    assert report.stats["suspect"] is True
    assert all(report.text[f.start : f.end] == f.text for f in report.findings)
