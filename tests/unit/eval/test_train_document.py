"""Refitting the fast document model in place (``python -m unspun.eval.train_document``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspun.detect.model import DetectorModel, shipped_model
from unspun.eval.corpus import shuffled_train, wikipedia_halves, wikipedia_stretches
from unspun.eval.train import default_output
from unspun.eval.train_document import main, refit_document_model, refusal


@pytest.fixture(scope="module")
def shipped() -> DetectorModel:
    model = shipped_model()
    assert model is not None
    return model


@pytest.fixture(scope="module")
def refitted(shipped: DetectorModel) -> DetectorModel:
    articles = shuffled_train(0, 14)
    encyclopedic = wikipedia_stretches(wikipedia_halves()[0], 300, 3)
    return refit_document_model(shipped, articles[:10], articles[10:], encyclopedic, seed=0, log=lambda _: None)


def test_only_the_document_model_is_refitted(shipped: DetectorModel, refitted: DetectorModel) -> None:
    assert refitted.option is shipped.option
    assert refitted.spans is shipped.spans
    assert refitted.suggestion is shipped.suggestion
    assert refitted.document != shipped.document
    assert {key: value for key, value in refitted.meta.items() if key != "trained_on"} == {
        key: value for key, value in shipped.meta.items() if key != "trained_on"}


def test_the_model_says_what_its_document_model_learned_from_once(refitted: DetectorModel) -> None:
    again = refit_document_model(refitted, shuffled_train(0, 10), [], wikipedia_stretches(wikipedia_halves()[0], 300, 2),
                                 seed=0, log=lambda _: None)
    for model, stretches in ((refitted, 3), (again, 2)):
        said = str(model.meta["trained_on"])
        assert said.startswith("BBC News train half")
        assert said.count("Wikipedia") == 1
        assert f"{stretches} stretches of about 300 words of Wikipedia's even-numbered articles" in said


def test_a_deep_model_file_or_another_training_is_refused_before_any_work(tmp_path: Path) -> None:
    deep = json.loads(default_output(deep=True).read_text(encoding="utf-8"))
    fast = json.loads(default_output(deep=False).read_text(encoding="utf-8"))
    assert refusal(fast) is None
    assert "deep model file" in str(refusal(deep))
    other = {**fast, "meta": {**fast["meta"], "trained_on": "BBC News train half, 400 articles, clean + spins"}}
    assert "first 800 train articles" in str(refusal(other))
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(deep), encoding="utf-8")
    assert main(["--model", str(path)]) == 2
    assert json.loads(path.read_text(encoding="utf-8")) == deep  # untouched
