"""Swap evidence with the filler rate held fixed (engine.filler_blind), and what the document
score makes of a text spun without filler."""

from __future__ import annotations

import dataclasses

import pytest

from unspun.detect.engine import Engine, document_features, filler_blind, span_features
from unspun.eval.corpus import bbc_split
from unspun.eval.spinner import filler_free
from unspun.eval.thesauri import MobySource


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.default()


@pytest.fixture(scope="module")
def plain_spin() -> str:
    """A test-half article spun without filler (swaps only)."""
    _, test = bbc_split()
    return filler_free(MobySource(), rate=0.3, seed=5).spin(test[7].text).text


def test_the_shipped_model_knows_a_spun_texts_usual_filler_rate(engine: Engine) -> None:
    assert engine.model is not None
    assert 0.2 < engine.model.meta["spun_filler_rate"] < 3.0


def test_the_rate_held_fixed_replaces_the_texts_own(engine: Engine, plain_spin: str) -> None:
    assert engine.model is not None
    analysis = engine.analyse(plain_spin)
    swaps = [c for c in analysis.candidates if c.kind == "swap"]
    blind = filler_blind(engine.model, analysis.candidates)
    rows = [span_features(c) | {"doc_filler_rate": engine.model.meta["spun_filler_rate"]} for c in swaps]
    assert blind == pytest.approx(engine.model.spans["swap"].probabilities(rows).tolist())
    # Without filler the span model reads the text as clean; held at a spun text's rate,
    # the same swaps are more suspicious.
    assert sum(blind) > sum(c.confidence for c in swaps)


def test_a_model_without_the_rate_reads_nothing_from_it(engine: Engine, plain_spin: str) -> None:
    assert engine.model is not None
    older = dataclasses.replace(engine.model, meta={k: v for k, v in engine.model.meta.items() if k != "spun_filler_rate"})
    analysis = engine.analyse(plain_spin)
    assert filler_blind(older, analysis.candidates) == []
    features = document_features(analysis.context, analysis.candidates, [], analysis.findings)
    assert features["blind_mass"] == features["blind_top_mean"] == features["blind_over_half"] == 0.0


def test_most_texts_spun_without_filler_are_called_spun(engine: Engine) -> None:
    # Twelve test-half articles, swaps only at rate 0.2: the model before filler_blind
    # called 2 of them spun (scores 0.01-0.11 for most), this one 9.
    _, test = bbc_split()
    spinner = filler_free(MobySource(), rate=0.2, seed=5)
    texts = [spinner.spin(document.text).text for document in test[40:52]]
    assert not any(" and also " in text for text in texts)
    assert sum(engine.analyse(text).score >= 0.7 for text in texts) >= 8
