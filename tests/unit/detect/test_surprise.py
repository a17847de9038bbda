"""The text's surprise under the language model: features, the model that reads them, deep mode's use."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from unspun.detect.deep import DEEP_DOCUMENT, DeepEngine
from unspun.detect.document_evidence import SUSPECT_FILLER_RATE
from unspun.detect.engine import Engine
from unspun.detect.model import DetectorModel, LinearModel, shipped_model
from unspun.detect.surprise import (
    CONTENT_WORDS,
    MAX_SURPRISE_TOKENS,
    MIN_CONTENT_WORDS,
    SURPRISE_FEATURES,
    shrunk,
    surprise_features,
)
from unspun.eval.train_surprise import clean_bar, platt_scaled

from ._scorers import ScorerWithLM, WordLM


def zipf(word: str) -> float:
    return {"quietly": 3.0, "tremendous": 0.0}.get(word.strip(".").lower(), 5.0)


def test_a_words_gain_is_its_rarity_minus_its_surprise_over_all_its_tokens() -> None:
    words = ["Officials"] + ["quietly"] * (MIN_CONTENT_WORDS - 1) + ["tremendous", "and", "Geneva", "talks."]
    lm = WordLM({"quietly": 2.0, "tremendous": 0.5})
    features = surprise_features(lm, " ".join(words), zipf)
    assert features is not None and set(features) == {*SURPRISE_FEATURES, CONTENT_WORDS}
    assert features[CONTENT_WORDS] == MIN_CONTENT_WORDS + 1
    # "quietly": 4 tokens of 2 nats, Zipf 3; "tremendous": 5 tokens of 0.5, unknown (Zipf 1);
    # "talks.": 3 tokens of 1 nat, Zipf 5 (the full stop is not part of the word). "and" is a
    # function word and "Officials", "Geneva" are capitalised: their surprise counts per
    # token only.
    quietly, tremendous, talks = 6 * math.log(10) - 8.0, 8 * math.log(10) - 2.5, 4 * math.log(10) - 3.0
    gains = [quietly] * (MIN_CONTENT_WORDS - 1) + [tremendous, talks]
    assert features["surprise_gain_mean"] == pytest.approx(np.mean(gains))
    assert features["surprise_gain_q10"] == pytest.approx(np.quantile(gains, 0.1))
    assert features["surprise_low_gain_mean"] == pytest.approx(min(gains))  # the lowest tenth: 3 of 31
    # Every token after the prefix: "Officials" 5 (its first after the prefix counts too),
    # "quietly" 4 each, "tremendous" 5, "and" 2, "Geneva" 3, "talks." 3.
    tokens = 5 + 4 * (MIN_CONTENT_WORDS - 1) + 5 + 2 + 3 + 3
    nats = 5 + 8.0 * (MIN_CONTENT_WORDS - 1) + 2.5 + 2 + 3 + 3
    assert features["surprise_token_nll"] == pytest.approx(nats / tokens)
    # One causal chain: the prefix and then the words, each token after the one before.
    (tree,) = lm.read
    assert tree.tokens[0] == 7 and tree.parents == tuple(range(-1, len(tree.tokens) - 1))


def test_a_text_is_read_to_the_token_limit_and_a_short_one_gets_no_features() -> None:
    lm = WordLM({})
    long_text = " ".join(["quietly"] * 1000)
    assert surprise_features(lm, long_text, zipf) is not None
    assert len(lm.read[-1].tokens) <= MAX_SURPRISE_TOKENS
    assert len(lm.read[-1].tokens) > MAX_SURPRISE_TOKENS - 4  # whole words, as many as fit
    short = WordLM({})
    assert surprise_features(short, " ".join(["quietly"] * (MIN_CONTENT_WORDS - 1)), zipf) is None
    assert not short.read  # the model is not run for a text too short to judge
    # The first word follows the prefix and counts: exactly MIN_CONTENT_WORDS is enough.
    assert surprise_features(lm, " ".join(["quietly"] * MIN_CONTENT_WORDS), zipf) is not None
    assert surprise_features(lm, "", zipf) is None


def test_platt_scaling_rescales_the_logit_as_a_balanced_regression_over_it_does() -> None:
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(0)
    model = LinearModel(("x", "y"), (0.5, -1.0), (2.0, 0.5), (1.5, -0.7), 0.8)
    rows = [{"x": float(x), "y": float(y)} for x, y in rng.normal(size=(400, 2))]
    labels = [bool(model.logit(row) + rng.normal(scale=1.0) > 1.5) for row in rows]
    scaled = platt_scaled(model, rows, labels, seed=0)
    expected = LogisticRegression(class_weight="balanced", random_state=0).fit(
        model.logits(rows).reshape(-1, 1), labels).decision_function(model.logits(rows).reshape(-1, 1))
    assert np.allclose(scaled.logits(rows), expected)
    assert scaled.features == model.features and scaled.means == model.means and scaled.scales == model.scales


TEXT = " ".join(["The talks went quietly and the officials said little."] * 12)


PRIOR = {name: 0.0 for name in SURPRISE_FEATURES}


def _deep(surprise: LinearModel | None, lm: WordLM, bar: float = 0.7, judge_spans: bool = False,
          **meta: object) -> DeepEngine:
    """A deep model with this surprise model and bar, judging swaps and filler with the fast
    span models (``judge_spans``) or nothing, with more ``meta`` (finding thresholds: 0.5 by
    default)."""
    fast = shipped_model()
    assert fast is not None
    meta = {"finding_threshold": 0.5, "surprise_prior": PRIOR, "surprise_bar": bar, **meta}
    model = DetectorModel(fast.option, fast.spans if judge_spans else {}, fast.document, meta, surprise=surprise)
    return DeepEngine(Engine.default(), model, ScorerWithLM(lm))


def test_deep_mode_raises_the_document_score_to_the_surprise_models_probability_never_lowers_it() -> None:
    fast_score = Engine.default().analyse(TEXT).score
    # A model that reads only the mean gain: very sure (spun) or very unsure (clean).
    sure = LinearModel(("surprise_gain_mean",), (0.0,), (1.0,), (0.0,), 5.0)
    unsure = dataclasses.replace(sure, bias=-5.0)
    raised = _deep(sure, WordLM({})).analyse(TEXT)
    assert raised.score == pytest.approx(1 / (1 + math.exp(-5.0)))
    assert raised.features["surprise_probability"] == pytest.approx(raised.score)
    assert set(SURPRISE_FEATURES) <= raised.features.keys()
    kept = _deep(unsure, WordLM({})).analyse(TEXT)
    assert kept.score == pytest.approx(fast_score)
    # Below the model's bar the surprise does not count, however it compares with the score.
    below = _deep(sure, WordLM({}), bar=0.999).analyse(TEXT)
    assert below.score == pytest.approx(fast_score) and below.features["surprise_probability"] > fast_score
    # A text already scored at the bar is not read again.
    unread = WordLM({})
    at_bar = _deep(sure, unread, bar=fast_score).analyse(TEXT)
    assert at_bar.score == pytest.approx(fast_score) and not unread.read
    assert "surprise_probability" not in at_bar.features
    # Without a surprise model the language model is not asked.
    lm = WordLM({})
    plain = _deep(None, lm).analyse(TEXT)
    assert plain.score == pytest.approx(fast_score) and not lm.read
    assert "surprise_probability" not in plain.features


def test_a_text_the_surprise_alone_calls_spun_gets_the_lower_bar_for_spun_texts() -> None:
    plain = Engine.default().analyse(TEXT)
    assert plain.score < 0.7  # the fast evidence does not call it spun
    sure = LinearModel(("surprise_gain_mean",), (0.0,), (1.0,), (0.0,), 5.0)
    # The spun texts' bar lets every judged candidate through, the other bar none.
    bars = {"finding_threshold": 1.01, "spun_finding_threshold": 0.0}
    lm = WordLM({})
    judged = _deep(sure, lm, judge_spans=True, **bars).analyse(TEXT)
    assert len(lm.read) == 1  # the surprise is read once
    assert judged.score == pytest.approx(1 / (1 + math.exp(-5.0)))
    assert any(f.kind == "swap" for f in judged.findings)
    # Its words are judged as an unsuspected text's (a suspected reading is --suspect's).
    swaps = [c for c in judged.candidates if c.kind == "swap"]
    assert swaps and all(c.features["doc_filler_rate"] < SUSPECT_FILLER_RATE for c in swaps)
    # A text the surprise does not call spun keeps the model's threshold.
    unsure = dataclasses.replace(sure, bias=-5.0)
    kept = _deep(unsure, WordLM({}), judge_spans=True, **bars).analyse(TEXT)
    assert kept.score == pytest.approx(plain.score)
    assert not any(f.kind == "swap" for f in kept.findings)


def test_with_a_deep_document_model_the_surprise_raises_its_score_read_once() -> None:
    plain = _deep(None, WordLM({}), judge_spans=True, document=DEEP_DOCUMENT).analyse(TEXT)
    sure = LinearModel(("surprise_gain_mean",), (0.0,), (1.0,), (0.0,), 5.0)
    lm = WordLM({})
    raised = _deep(sure, lm, judge_spans=True, document=DEEP_DOCUMENT).analyse(TEXT)
    assert len(lm.read) == 1
    assert raised.score == pytest.approx(max(plain.score, 1 / (1 + math.exp(-5.0))))
    assert set(SURPRISE_FEATURES) <= raised.features.keys()  # kept through the deep document score
    unsure = WordLM({})
    kept = _deep(dataclasses.replace(sure, bias=-5.0), unsure, judge_spans=True, document=DEEP_DOCUMENT).analyse(TEXT)
    assert kept.score == pytest.approx(plain.score) and len(unsure.read) == 1


def test_the_model_reads_the_features_shrunk_towards_clean_text_by_length() -> None:
    weights = LinearModel(("surprise_gain_mean",), (0.0,), (1.0,), (1.0,), 0.0)
    analysis = _deep(weights, WordLM({})).analyse(TEXT)  # "talks", "went", "quietly", "officials", "said", "little"
    read = surprise_features(WordLM({}), TEXT, Engine.default().lexicon.zipf)
    assert read is not None and read[CONTENT_WORDS] == 72
    assert analysis.features["surprise_gain_mean"] == pytest.approx(read["surprise_gain_mean"] * 72 / (72 + 50))
    assert shrunk(read, PRIOR) == {name: analysis.features[name] for name in SURPRISE_FEATURES}


def test_the_bar_is_a_normal_tail_of_the_clean_logits() -> None:
    logits = list(np.random.default_rng(1).normal(-2.0, 0.5, size=4000))
    bar = clean_bar(logits, share=0.01)
    assert math.log(bar / (1 - bar)) == pytest.approx(-2.0 + 2.326 * 0.5, abs=0.05)
    assert np.mean(np.array(logits) >= math.log(bar / (1 - bar))) == pytest.approx(0.01, abs=0.005)


def test_a_deep_model_keeps_its_surprise_model_through_a_round_trip_and_new_thresholds() -> None:
    fast = shipped_model()
    assert fast is not None
    surprise = LinearModel(SURPRISE_FEATURES, (0.0,) * 4, (1.0,) * 4, (0.5, -0.5, 0.25, 1.0), -1.0)
    meta = {"finding_threshold": 0.5, "surprise_prior": PRIOR, "surprise_bar": 0.8}
    model = DetectorModel(fast.option, fast.spans, fast.document, meta, surprise=surprise)
    assert DetectorModel.from_dict(model.to_dict()).surprise == surprise
    assert DetectorModel.from_dict(model.to_dict()).meta["surprise_bar"] == 0.8
    assert model.with_thresholds(0.6, 0.4).surprise == surprise
    from unspun.eval.train_suggestions import with_calibrators

    assert with_calibrators(model, {}).surprise == surprise
    broken = model.to_dict()
    del broken["meta"]["surprise_bar"]
    with pytest.raises(ValueError, match="surprise_bar"):
        DetectorModel.from_dict(broken)
    assert "surprise" not in fast.to_dict()




def test_swapped_words_gain_less_from_their_context_than_the_words_they_replaced(smollm) -> None:
    from unspun.eval.corpus import bbc_split
    from unspun.eval.spinner import filler_free
    from unspun.eval.thesauri import MobySource
    from unspun.lexicon import Lexicon

    _, test = bbc_split()
    spinner = filler_free(MobySource(), 0.3, seed=1)
    lower = 0
    for document in test[:6]:
        clean = surprise_features(smollm, document.text, Lexicon.load().zipf)
        spun = surprise_features(smollm, spinner.spin(document.text).text, Lexicon.load().zipf)
        assert clean is not None and spun is not None
        lower += spun["surprise_gain_q10"] < clean["surprise_gain_q10"]
    assert lower >= 5


def test_decomposed_accents_are_read_as_composed_ones() -> None:
    # "cafe\u0301" is no alphabetic word: it dropped out of the content words, and its
    # features differed from the same text written "café".
    lm = WordLM({"quietly": 2.0})
    words = ["quietly"] * MIN_CONTENT_WORDS + ["café", "crème"]
    composed = surprise_features(lm, " ".join(words), zipf)
    decomposed = surprise_features(lm, " ".join(words).replace("é", "e\u0301").replace("è", "e\u0300"), zipf)
    assert composed is not None and composed == decomposed
    assert composed[CONTENT_WORDS] == MIN_CONTENT_WORDS + 2
