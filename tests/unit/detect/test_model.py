"""The learned models' plain-value path, and the restored-term features it reads."""

from __future__ import annotations

import numpy as np

from unspun.detect.model import DetectorModel, LinearModel
from unspun.detect.terms import RESTORATION_FEATURES, Restoration


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
