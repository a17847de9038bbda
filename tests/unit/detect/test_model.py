"""The learned models' plain-value path, and the restored-term features it reads."""

from __future__ import annotations

import math

import numpy as np
import pytest

from unspun.detect.engine import Engine
from unspun.detect.model import MARGIN_CAP, DetectorModel, LinearModel, suggestion_features
from unspun.detect.terms import RESTORATION_FEATURES, Restoration
from unspun.eval.corpus import bbc_split
from unspun.eval.train import training_copies


@pytest.fixture(scope="module")
def spun_and_clean() -> tuple[str, str]:
    """A test-half BBC article spun with Moby at 0.3 (as the training copies are), and
    another one as it was published."""
    _, test = bbc_split()
    return training_copies(test[:1], 0.3, seed=3)[0].text, test[1].text


def test_plain_value_logits_match_the_named_ones() -> None:
    model = LinearModel(("b", "a", "c"), (0.5, -1.0, 2.0), (2.0, 1.0, 4.0), (0.3, -0.7, 1.1), 0.25)
    rows = [{"a": 1.0, "b": 2.0, "c": 3.0}, {"a": -2.0, "b": 0.0, "c": 7.5}]
    names = ("a", "b", "c")
    values = [[row[n] for n in names] for row in rows]
    assert np.array_equal(model.matrix_logits(values, names), model.logits(rows))
    # A feature the rows do not carry reads 0, as it does in a dict without it.
    fewer = [[row["a"], row["b"]] for row in rows]
    assert np.array_equal(model.matrix_logits(fewer, ("a", "b")), model.logits([{"a": r["a"], "b": r["b"]} for r in rows]))


def test_a_restoration_names_its_values_in_order() -> None:
    values = tuple(float(i) for i in range(len(RESTORATION_FEATURES)))
    features = Restoration("random forest", values).features
    assert list(features) == list(RESTORATION_FEATURES)
    assert features["r_strength_mean"] == RESTORATION_FEATURES.index("r_strength_mean")


def test_row_logits_give_a_row_the_same_bits_in_any_batch() -> None:
    # Ties between restorations are broken by name: a row's score must not depend on the rows
    # scored with it, or the ranking would depend on which windows a text shares.
    rng = np.random.default_rng(0)
    names = tuple(f"f{i}" for i in range(12))
    model = LinearModel(names, tuple(rng.normal(size=12)), tuple(rng.uniform(0.5, 2, size=12)),
                        tuple(rng.normal(size=12)), 0.1)
    rows = rng.normal(size=(40, 12)).tolist()
    together = model.row_logits(rows, names)
    alone = np.array([model.row_logits([row], names)[0] for row in rows])
    assert np.array_equal(together, alone)
    assert np.array_equal(model.row_logits([rows[3]] * 7, names), np.full(7, alone[3]))
    assert np.allclose(together, model.matrix_logits(rows, names), rtol=0, atol=1e-12)


def test_texts_called_spun_use_the_models_lower_finding_threshold() -> None:
    linear = LinearModel(("a",), (0.0,), (1.0,), (0.0,), 0.0)
    one_bar = DetectorModel(linear, {}, linear, {"finding_threshold": 0.6})
    assert one_bar.finding_threshold_for(0.99) == 0.6
    two_bars = DetectorModel(linear, {}, linear, {"finding_threshold": 0.6, "spun_finding_threshold": 0.4,
                                                  "spun_document_score": 0.7})
    assert [two_bars.finding_threshold_for(s) for s in (0.0, 0.69, 0.7, 1.0)] == [0.6, 0.6, 0.4, 0.4]
    assert two_bars.with_thresholds(0.5).finding_threshold_for(0.99) == 0.5  # one bar everywhere
    other = two_bars.with_thresholds(0.5, 0.3)
    assert [other.finding_threshold_for(s) for s in (0.69, 0.7)] == [0.5, 0.3]
    assert other.spans is two_bars.spans and two_bars.finding_threshold_for(0.7) == 0.4  # a copy


def test_suggestion_features_read_the_ranking_of_the_options() -> None:
    features = suggestion_features([2.0, 0.0, -1.0], 0.8)
    assert features["best_score"] == 2.0
    assert features["margin"] == 2.0
    assert features["share"] == pytest.approx(math.exp(2) / (math.exp(2) + 1 + math.exp(-1)))
    assert features["log_options"] == pytest.approx(math.log(3))
    assert features["confidence"] == 0.8
    # One option: no runner-up, so the margin reads as far beyond any measured.
    alone = suggestion_features([-3.0], 0.5)
    assert alone["margin"] == MARGIN_CAP and alone["share"] == 1.0


def test_suggestion_confidence_needs_a_calibrator_for_the_kind() -> None:
    linear = LinearModel(("a",), (0.0,), (1.0,), (0.0,), 0.0)
    calibrator = LinearModel(("margin", "share"), (0.0, 0.5), (1.0, 0.2), (1.0, 2.0), -1.0)
    model = DetectorModel(linear, {}, linear, {}, {"swap": calibrator})
    surer = model.suggestion_confidence("swap", [3.0, -2.0], 0.6)
    unsure = model.suggestion_confidence("swap", [0.1, 0.0, -0.1], 0.6)
    assert surer is not None and unsure is not None and 0.0 < unsure < surer < 1.0
    assert model.suggestion_confidence("filler", [3.0, -2.0], 0.6) is None
    assert model.suggestion_confidence("swap", [], 0.6) is None
    # The calibrators travel with the model file; a file without them reads as none.
    again = DetectorModel.from_dict(model.to_dict())
    assert again.suggestion_confidence("swap", [3.0, -2.0], 0.6) == surer
    assert "suggestion" not in DetectorModel(linear, {}, linear, {}).to_dict()
    assert DetectorModel.from_dict(DetectorModel(linear, {}, linear, {}).to_dict()).suggestion == {}


def test_the_shipped_model_estimates_how_sure_each_swap_suggestion_is() -> None:
    analysis = Engine.default().analyse(
        "The minister said the talks had actually reached a dead end, and also that the "
        "stress between the two countries have actually reached degrees not seen in years.")
    by_kind = {f.kind: f for f in analysis.findings}
    assert {"swap", "filler"} <= by_kind.keys()
    for finding in analysis.findings:
        assert finding.suggestion_confidence is not None and 0.0 <= finding.suggestion_confidence <= 1.0
    # Dropping inserted filler gives back the original nearly always; a swapped word's
    # original is a guess among several.
    assert by_kind["filler"].suggestion_confidence > 0.9
    assert by_kind["filler"].to_dict()["suggestion_confidence"] == round(by_kind["filler"].suggestion_confidence, 4)


def test_listed_phrases_carry_no_suggestion_confidence() -> None:
    analysis = Engine.default().analyse("We trained an irregular woodland on the data.")
    listed = [f for f in analysis.findings if f.kind == "tortured-phrase"]
    assert listed and all(f.suggestion_confidence is None for f in listed)
    assert listed[0].to_dict()["suggestion_confidence"] is None


def test_the_document_model_reads_findings_at_its_own_bar() -> None:
    linear = LinearModel(("a",), (0.0,), (1.0,), (0.0,), 0.0)
    assert DetectorModel(linear, {}, linear, {"finding_threshold": 0.6}).document_finding_threshold == 0.6
    three_bars = DetectorModel(linear, {}, linear, {"finding_threshold": 0.6, "spun_finding_threshold": 0.3,
                                                    "document_finding_threshold": 0.4})
    assert three_bars.document_finding_threshold == 0.4
    assert three_bars.with_thresholds(0.9).document_finding_threshold == 0.4  # what is reported moves, not what is read


def test_the_fast_path_reports_findings_at_the_bar_its_verdict_calls_for(spun_and_clean: tuple[str, str]) -> None:
    spun, clean = spun_and_clean
    model = Engine.default().model
    assert model is not None and model.meta.get("spun_finding_threshold") is not None
    lower, upper = model.finding_threshold_for(1.0), model.finding_threshold_for(0.0)
    assert lower < upper
    called, not_called = Engine(model=model).analyse(spun), Engine(model=model).analyse(clean)
    assert called.score >= 0.7 > not_called.score
    assert min(f.confidence for f in called.findings if f.kind == "swap") < upper  # the lower bar reached
    assert all(f.confidence >= upper for f in not_called.findings if f.kind in ("swap", "filler"))
    # The document score reads the findings at the document model's bar, whatever is reported.
    reported_elsewhere = Engine(model=model.with_thresholds(0.95)).analyse(spun)
    assert reported_elsewhere.score == called.score
    assert len(reported_elsewhere.findings) < len(called.findings)


def test_a_suspected_text_is_reported_at_the_bar_of_texts_called_spun(spun_and_clean: tuple[str, str]) -> None:
    _, clean = spun_and_clean
    engine = Engine.default()
    assert engine.model is not None
    lower = engine.model.finding_threshold_for(1.0)
    plain, suspected = engine.analyse(clean), engine.analyse(clean, suspect=True)
    assert plain.score < 0.7
    assert any(f.confidence < engine.model.finding_threshold_for(plain.score) for f in suspected.findings
               if f.kind == "swap")
    assert all(f.confidence >= lower for f in suspected.findings if f.kind in ("swap", "filler"))


def test_the_verdict_sets_the_bar_as_far_as_the_document_model_makes_the_verdict() -> None:
    from unspun.detect.engine import DOCUMENT_MODEL_MIN_WORDS, reported_bar

    linear = LinearModel(("a",), (0.0,), (1.0,), (0.0,), 0.0)
    model = DetectorModel(linear, {}, linear, {"finding_threshold": 0.6, "spun_finding_threshold": 0.3,
                                               "document_finding_threshold": 0.4, "spun_document_score": 0.7})
    long = DOCUMENT_MODEL_MIN_WORDS
    assert reported_bar(model, 0.2, long) == 0.6
    assert reported_bar(model, 0.9, long) == 0.3
    assert reported_bar(model, 0.2, long, suspect=True) == 0.3
    # Half as long as the document model's shortest text: half its verdict's bar, half its own.
    assert reported_bar(model, 0.2, long // 2) == pytest.approx(0.5)
    assert reported_bar(model, 0.9, long // 2) == pytest.approx(0.35)
    assert reported_bar(model, 0.2, 0) == pytest.approx(0.4)
    one_bar = DetectorModel(linear, {}, linear, {"finding_threshold": 0.6})
    assert reported_bar(one_bar, 0.9, 10) == pytest.approx(0.6)
