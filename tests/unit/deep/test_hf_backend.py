"""Token trees through transformers (:class:`HFBackend`) score as plain sequences do, whatever
attention implementation the model was loaded with. Tiny random models: no download, ~1 s."""

from __future__ import annotations

import importlib.util
from typing import Any

import numpy as np
import pytest

from unspun.deep import _lm
from unspun.deep._lm import HFBackend, TokenTree, TorchLM

# find_spec, and torch imported only inside the tests after _prepare_openmp: importing it at
# collection would keep OpenMP's threads spinning for every later test (tests/conftest.py).
pytestmark = pytest.mark.skipif(
    any(importlib.util.find_spec(name) is None for name in ("torch", "transformers")),
    reason="needs the deep extra: pip install '.[deep]'",
)


def tiny_model(kind: str, attention: str) -> Any:
    _lm._prepare_openmp()
    import torch
    import transformers

    torch.manual_seed(0)
    shared = dict(vocab_size=97, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                  num_attention_heads=4, num_key_value_heads=2, head_dim=8, max_position_embeddings=128)
    if kind == "llama":
        config = transformers.LlamaConfig(**shared)
    else:  # Gemma 3: sliding-window layers beside global ones (a window wider than any row, as its 512)
        config = transformers.Gemma3TextConfig(**shared, sliding_window=64, query_pre_attn_scalar=8)
    config._attn_implementation = attention
    return transformers.AutoModelForCausalLM.from_config(config, dtype=torch.float32).eval()


def plain_logprobs(model: Any, tokens: list[int]) -> np.ndarray:
    import torch

    with torch.inference_mode():
        logits = model(input_ids=torch.tensor([tokens])).logits[0]
    logp = torch.log_softmax(logits.float(), dim=-1)
    return np.array([0.0] + [float(logp[k - 1, tokens[k]]) for k in range(1, len(tokens))])


@pytest.mark.parametrize("kind", ["llama", "gemma3"])
@pytest.mark.parametrize("attention", ["eager", "sdpa"])
def test_tree_branches_score_as_separate_sequences(kind: str, attention: str) -> None:
    model = tiny_model(kind, attention)
    lm = TorchLM("tiny", HFBackend(model), tokenizer=None, context_prefix="")
    trunk = [5, 17, 23, 42, 8, 61]
    first, second = [11, 12, 13], [70, 71]
    # trunk, then two branches after its last token: 5 17 23 42 8 61 11 12 13 and ... 61 70 71
    tokens = trunk + first + second
    fork = len(trunk) - 1
    parents = [*range(-1, len(trunk) - 1), fork, fork + 1, fork + 2, fork, len(trunk) + len(first)]
    scored = lm.tree_logprobs([TokenTree(tuple(tokens), tuple(parents))])[0]
    along_first = plain_logprobs(model, trunk + first)
    along_second = plain_logprobs(model, trunk + second)
    assert np.allclose(scored[: len(trunk) + len(first)], along_first, atol=1e-4)
    assert np.allclose(scored[len(trunk) + len(first):], along_second[len(trunk):], atol=1e-4)
