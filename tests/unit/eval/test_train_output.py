"""Where a training run writes when it is given no ``--output``: each language model's deep
models have a file of their own, and a run for one must never overwrite another's."""

from __future__ import annotations

from unspun.deep import GEMMA3_270M, SMOLLM2
from unspun.detect.deep import deep_model_file


def test_the_fast_run_replaces_the_fast_model_file() -> None:
    from unspun.eval.train import default_output

    assert default_output(deep=False).name == "detector-model.json"
    assert default_output(deep=False, lm_name=GEMMA3_270M.name).name == "detector-model.json"


def test_each_language_models_deep_run_replaces_its_own_file() -> None:
    from unspun.eval.train import default_output

    smollm2 = default_output(deep=True, lm_name=SMOLLM2.name)
    gemma = default_output(deep=True, lm_name=GEMMA3_270M.name)
    assert smollm2 != gemma
    assert smollm2.name == deep_model_file(SMOLLM2.name) == "detector-model-deep.json"
    assert gemma.name == deep_model_file(GEMMA3_270M.name)
    assert default_output(deep=True) == smollm2
    # The files deep mode reads are the ones training writes.
    assert smollm2.is_file() and gemma.is_file()
