"""The learned models' plain-value path, and the restored-term features it reads."""

from __future__ import annotations

import numpy as np

from unspun.detect.model import LinearModel
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
