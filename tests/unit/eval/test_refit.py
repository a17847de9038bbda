"""Refitting one part of a deep model file in place."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from unspun.detect.model import DetectorModel, LinearModel
from unspun.detect.suspected import GATE_FEATURES
from unspun.eval.refit import refit_main

DEEP_FILE = Path(__file__).resolve().parents[3] / "src" / "unspun" / "data" / "detector-model-deep.json"


def test_only_the_refitted_part_and_its_meta_keys_change(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text(DEEP_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    before = json.loads(path.read_text(encoding="utf-8"))
    gate = LinearModel(GATE_FEATURES, (0.0,) * 3, (1.0,) * 3, (1.0, 2.0, 3.0), -1.0)
    seeds: list[int] = []

    def refit(model: DetectorModel, seed: int, log: object) -> DetectorModel:
        seeds.append(seed)
        meta = {**model.meta, "suspected_bar": 0.42, "suspected_trained_on": "a test", "finding_threshold": 0.0}
        return dataclasses.replace(model, suspected=gate, meta=meta, surprise=None)

    assert refit_main("prog", "a test", refit, "suspected", ("suspected_bar", "suspected_trained_on"),
                      ["--model", str(path), "--seed", "7"]) == 0
    after = json.loads(path.read_text(encoding="utf-8"))
    assert seeds == [7]
    assert after["suspected"] == gate.to_dict()
    assert after["meta"]["suspected_bar"] == 0.42 and after["meta"]["suspected_trained_on"] == "a test"
    # Everything else as it was: other models, other meta keys (the refit's other changes are not written).
    assert after["meta"]["finding_threshold"] == before["meta"]["finding_threshold"]
    assert after["surprise"] == before["surprise"]
    assert {key: value for key, value in after.items() if key not in ("suspected", "meta")} == \
        {key: value for key, value in before.items() if key not in ("suspected", "meta")}
    assert DetectorModel.from_dict(after).suspected == gate
