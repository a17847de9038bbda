"""Deep mode's term verifier learns from listed tortured phrases in carriers and clean news."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from tests.conftest import needs_deep
from unspun.detect.known_phrases import clean_expected, load_list
from unspun.detect.terms import shipped_term_model
from unspun.eval.bench_detect import CARRIERS
from unspun.eval.corpus import bbc_split, lee_articles, shuffled_train, wikipedia_halves
from unspun.eval.train import VALIDATION_START
from unspun.eval.train_terms import VERIFIER_CARRIERS, carrier, fit_term_model, fit_term_verifier, term_documents

needs_gensim = pytest.mark.skipif(importlib.util.find_spec("gensim") is None,
                                  reason="needs the dev extra's gensim (the Lee corpus)")


def test_the_verifiers_bar_text_keeps_out_of_the_validation_slice_and_the_term_models_articles() -> None:
    # Session 19 once placed the bar on the validation slice too, leaving the benchmarks that
    # choose between variants on it nothing unseen.
    documents = term_documents()
    validation = {d.id for d in shuffled_train(VALIDATION_START)}
    bar = {d.id for d in documents.bar_news}
    learned = {d.id for d in (*documents.fit, *documents.threshold)}
    train = bbc_split()[0]
    assert not bar & validation and not bar & learned
    # Every other train article places it.
    assert bar == {d.id for d in train} - validation - learned


@needs_gensim
def test_the_term_model_learns_from_one_half_of_wikipedia_and_the_benchmarks_judge_the_other() -> None:
    learned, judged = wikipedia_halves()
    assert learned and judged
    assert not {d.id for d in learned} & {d.id for d in judged}
    assert [d.id for d in term_documents().prose] == [d.id for d in learned]


@pytest.mark.slow
@needs_gensim
def test_prose_windows_join_the_window_models_clean_ones_and_nothing_else() -> None:
    pairs = [(t, e) for t, e in load_list() if clean_expected(e)[0]][:200]
    news = bbc_split()[0][:6]
    prose = wikipedia_halves()[0][:2]
    logs: dict[str, list[str]] = {"plain": [], "prose": []}
    plain = fit_term_model(pairs, news[:3], news[3:], log=logs["plain"].append)
    with_prose = fit_term_model(pairs, news[:3], news[3:], log=logs["prose"].append, prose_documents=prose)
    assert with_prose.trained_on["prose_documents"] == 2 and plain.trained_on["prose_documents"] == 0
    assert with_prose.ranker.to_dict() == plain.ranker.to_dict()  # the ranker learns from the list alone
    assert with_prose.window.to_dict() != plain.window.to_dict()

    def other_windows(messages: list[str]) -> int:
        (line,) = [m for m in messages if m.startswith("  term windows:")]
        return int(line.split(", ")[1].split(" not")[0])

    assert other_windows(logs["prose"]) > other_windows(logs["plain"])


@pytest.mark.slow
@needs_deep
@needs_gensim
def test_the_verifier_is_fitted_on_top_of_the_term_model() -> None:
    from unspun.detect.deep import deep_engine

    pairs = [(t, e) for t, e in load_list() if clean_expected(e)[0]][:200]
    documents = bbc_split()[0][:8]
    model = fit_term_model(pairs, documents[:4], documents[4:], log=lambda m: None)
    messages: list[str] = []
    fitted = fit_term_verifier(model, pairs, documents[:4], documents[4:], lee_articles()[:50], deep_engine().scorer,
                               log=messages.append)
    scorer = deep_engine().scorer
    assert list(fitted.verifiers) == [scorer.language_model]  # one verifier, of the model it read with
    verifier = fitted.verifiers[scorer.language_model]
    # 50 Lee articles hold more clean windows at the deep bar than the budget lets through,
    # so the bar comes from them: above the lowest of their probabilities, below certainty.
    assert 0.0 < verifier.bar <= 0.99
    # The fast parts stay as they were; only deep mode's check is new.
    assert (fitted.window, fitted.ranker, fitted.threshold, fitted.deep_threshold) == (
        model.window, model.ranker, model.threshold, model.deep_threshold)
    # Words that fit their sentence badly are the mark of a tortured term: the weight says so.
    weights = dict(zip(verifier.model.features, verifier.model.weights, strict=True))
    assert weights["nlm_seen_fit"] < 0
    assert any("tortured windows" in m for m in messages)


def test_a_term_model_without_a_deep_bar_gets_no_verifier() -> None:
    import dataclasses

    model = shipped_term_model()
    assert model is not None
    with pytest.raises(ValueError, match="deep threshold"):
        fit_term_verifier(dataclasses.replace(model, deep_threshold=None), [], [], [], [], None)  # type: ignore[arg-type]


def test_carriers_hold_the_phrase_at_its_offsets() -> None:
    for templates in (VERIFIER_CARRIERS, CARRIERS):
        for index in range(len(templates)):
            text, start, end = carrier("irregular woodland", index, templates)
            assert text[start:end] == "irregular woodland"
    # The verifier never reads a phrase in the benchmark's sentences.
    assert not set(VERIFIER_CARRIERS) & set(CARRIERS)


@needs_gensim
def test_the_lee_corpus_is_read_without_importing_gensim() -> None:
    articles = lee_articles()
    assert len(articles) == 300
    assert all(a.text and a.id.startswith("lee/") for a in articles)
    probe = "import sys; from unspun.eval.corpus import lee_articles; lee_articles(); print('gensim' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
