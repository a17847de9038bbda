"""Deep mode keeps a restored term only when the neural model confirms its suggestion."""

from __future__ import annotations

import pytest

from tests.conftest import needs_deep
from unspun.models import Finding

pytestmark = [
    pytest.mark.slow,
    needs_deep,
]


def _term(text: str, phrase: str, suggestion: str, confidence: float = 0.9,
          evidence: tuple[str, ...] = ("thesaurus", "term")) -> Finding:
    """A tortured-phrase finding over ``phrase``: a restored term, or what ``evidence`` says."""
    start = text.index(phrase)
    return Finding(start=start, end=start + len(phrase), text=phrase, suggestion=suggestion, confidence=confidence,
                   evidence=evidence, kind="tortured-phrase", alternatives=("something else",))


@pytest.mark.parametrize(
    ("text", "phrase", "suggestion", "confidence", "kept"),
    [
        # Each with about the window model's own probability of the window (the verifier reads
        # it since session 20).
        ("In this study, the counterfeit consciousness was used to analyse the data.",
         "counterfeit consciousness", "artificial intelligence", 0.98, True),
        # Listed, so the shipped verifier learned from it; "counterfeit consciousness" is not.
        ("We trained an irregular woodland on the labelled data.", "irregular woodland", "random forest", 0.99, True),
        ("The two sides agreed to reopen talks next week.", "reopen talks", "continuous speech", 0.82, False),
        pytest.param(
            "Crude stockpiles fell sharply last week, traders said.", "Crude stockpiles", "raw material", 0.98, False,
            marks=pytest.mark.xfail(strict=True, reason=(
                "known failure since session 20: the window model is sure of this window (about 0.98), and the verifier, "
                "which now hears it, confirms the term; its bar keeps such windows to 0.08 per 1,000 clean words")),
        ),
    ],
)
def test_a_restored_term_stands_only_when_the_model_prefers_its_suggestion(
    text: str, phrase: str, suggestion: str, confidence: float, kept: bool
) -> None:
    from unspun.detect.deep import deep_engine

    engine = deep_engine()
    analysis = engine.fast.analyse(text)
    term = _term(text, phrase, suggestion, confidence)
    analysis.findings = [term]
    verified = engine.verified_terms(analysis)
    assert bool(verified) == kept
    if kept:
        assert verified[0].evidence[-1] == "neural" and verified[0].suggestion == suggestion


def test_other_findings_pass_untouched() -> None:
    from unspun.detect.deep import deep_engine

    engine = deep_engine()
    text = "They have actually left."
    analysis = engine.fast.analyse(text)
    listed = Finding(start=0, end=4, text="They", suggestion="We", confidence=0.9, evidence=("known-phrase",),
                     kind="tortured-phrase")
    analysis.findings = [listed]
    assert engine.verified_terms(analysis) == [listed]


@pytest.mark.parametrize(
    ("text", "phrase", "suggestion", "kept"),
    [
        ("Users typed the question into a search engine and found the answer.", "search engine",
         "machine learning", False),
        ("We trained an irregular woodland on the labelled data.", "irregular woodland", "random forest", True),
    ],
)
def test_an_ambiguous_listed_phrase_is_checked_like_a_restored_term(
    text: str, phrase: str, suggestion: str, kept: bool
) -> None:
    from unspun.detect.deep import deep_engine
    from unspun.detect.known_phrases import AMBIGUOUS

    engine = deep_engine()
    analysis = engine.fast.analyse(text)
    analysis.findings = [_term(text, phrase, suggestion, AMBIGUOUS, ("known-phrase",))]
    assert bool(engine.verified_terms(analysis)) == kept


@pytest.mark.parametrize("bar", [0.0, 1.0])
def test_the_term_models_verifier_decides_restored_terms(bar: float) -> None:

    from unspun.detect.deep import DeepEngine, deep_engine
    from unspun.detect.engine import Engine

    shipped = deep_engine()
    term_model = shipped.fast.terms.model
    reads = shipped.scorer.language_model
    assert term_model is not None and reads in term_model.verifiers
    fast = Engine(lexicon=shipped.fast.lexicon, scorers=shipped.fast.scorers, model=shipped.fast.model,
                  known=shipped.fast.known, term_model=term_model.with_verifier_bar(reads, bar))
    engine = DeepEngine(fast, shipped.model, shipped.scorer)
    text = "We trained an irregular woodland on the labelled data. The two sides agreed to reopen talks."
    analysis = engine.fast.analyse(text)
    analysis.findings = [_term(text, "irregular woodland", "random forest"),
                         _term(text, "reopen talks", "continuous speech")]
    # A bar of 0 confirms every restored term, a bar of 1 none: the verifier, not the
    # rule it replaced, decides.
    assert len(engine.verified_terms(analysis)) == (2 if bar == 0.0 else 0)


def test_a_verifier_learned_from_another_language_model_confirms_no_restored_term() -> None:
    import dataclasses

    from unspun.deep import GEMMA3_270M
    from unspun.detect.deep import DeepEngine, deep_engine
    from unspun.detect.engine import Engine

    shipped = deep_engine()
    term_model = shipped.fast.terms.model
    reads = shipped.scorer.language_model
    assert term_model is not None and reads in term_model.verifiers and reads != GEMMA3_270M.name
    # A bar of 0 would confirm every restored term, but the only verifier read Gemma's evidence.
    other = dataclasses.replace(term_model, verifiers={
        GEMMA3_270M.name: dataclasses.replace(term_model.verifiers[reads], bar=0.0)})
    fast = Engine(lexicon=shipped.fast.lexicon, scorers=shipped.fast.scorers, model=shipped.fast.model,
                  known=shipped.fast.known, term_model=other)
    engine = DeepEngine(fast, shipped.model, shipped.scorer)
    text = "We trained an irregular woodland on the labelled data."
    analysis = engine.fast.analyse(text)
    analysis.findings = [_term(text, "irregular woodland", "random forest")]
    assert engine.verified_terms(analysis) == []


_CLOUD_TEXT = ("Cloud computing platforms let small firms rent servers by the hour instead of buying them. Many "
               "start-ups now run their whole business this way, and the big providers compete hard on price.")


def test_a_listed_phrase_the_neural_check_turns_down_no_longer_raises_the_score() -> None:
    """"cloud computing" is listed (ambiguous) as a torture of another term; the neural check
    turns it down in a text that means it, and the text then scores as it would with a list
    that never held it (it stayed "uncertain, 0 findings" in session 64)."""
    from unspun.detect.deep import DeepEngine, deep_engine
    from unspun.detect.engine import Engine
    from unspun.detect.known_phrases import KnownPhraseMatcher

    shipped = deep_engine()
    fast = shipped.fast.analyse(_CLOUD_TEXT)
    assert [(f.text, f.kind) for f in fast.findings] == [("Cloud computing", "tortured-phrase")]
    deep = shipped.analyse(_CLOUD_TEXT)
    assert deep.findings == []
    without = KnownPhraseMatcher([p for p in shipped.fast.known.phrases if p.tortured.lower() != "cloud computing"])
    unlisted = Engine(lexicon=shipped.fast.lexicon, scorers=shipped.fast.scorers, model=shipped.fast.model,
                      known=without, term_model=shipped.fast.terms.model)
    expected = DeepEngine(unlisted, shipped.model, shipped.scorer).analyse(_CLOUD_TEXT)
    assert expected.findings == []
    assert deep.score == pytest.approx(expected.score) and deep.score < fast.score - 0.2


def test_the_rescore_keeps_what_the_document_model_read_below_the_reported_bar() -> None:
    """A short text's score leans on its findings at the document model's own bar, below the
    verdict's bar that decides what is reported: the rescore without a turned-down phrase
    reads those, not only the reported ones (a short spun text was "clean" when it did)."""
    from unspun.detect.deep import deep_engine
    from unspun.detect.engine import document_score

    engine = deep_engine()
    text = ("Cloud computing systems have actually let little companies lease web servers by the hr as opposed "
            "to getting them.")
    analysis = engine.fast.analyse(text)
    listed = [f for f in analysis.findings if f.text == "Cloud computing"]
    assert listed and [f for f in analysis.read if f.kind != "tortured-phrase"]
    analysis.findings = listed  # as if the verdict's bar had reported none of the swaps
    engine.score_without(analysis, listed)
    assert analysis.listed == [] and analysis.read == [f for f in analysis.read if f not in listed]
    model = engine.fast.model
    assert model is not None
    without_swaps = document_score(model, analysis.context, analysis.candidates, [], [])[1]
    assert analysis.score > without_swaps + 0.1
