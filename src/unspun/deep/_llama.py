"""A minimal Llama forward pass in plain torch, for scoring token trees.

Why not transformers' own model: importing its modelling code takes ~2 s on 2 cores, three
times longer than reading the weights, and the tree masks need nothing it adds. This reads
the safetensors copy that :mod:`unspun.deep._lm` writes (transformers' layout and names) and
computes what ``LlamaForCausalLM`` computes; a test checks the two agree. Other
architectures (Gemma 3...) go through transformers.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any


class TorchLlama:
    """Llama decoder weights and a forward pass with an explicit attention mask.

    ``hidden(ids, positions, mask)`` takes ``(batch, length)`` token ids and positions and a
    ``(batch, 1, length, length)`` boolean mask (True: may attend) and returns the final
    hidden states; ``head(states)`` gives the logits.
    """

    def __init__(self, config: dict[str, Any], weights: dict[str, Any]) -> None:
        import torch

        self.config = config
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.kv_heads = int(config.get("num_key_value_heads") or self.heads)
        self.head_dim = int(config.get("head_dim") or config["hidden_size"] // self.heads)
        self.eps = float(config.get("rms_norm_eps", 1e-6))
        rope = config.get("rope_parameters") or {}
        theta = float(rope.get("rope_theta") or config.get("rope_theta") or 10000.0)
        kind = rope.get("rope_type") or (config.get("rope_scaling") or {}).get("rope_type") or "default"
        if kind != "default":
            raise ValueError(f"rope type {kind!r} is not supported by the plain-torch Llama; use transformers")
        self.inv_freq = 1.0 / (theta ** (torch.arange(0, self.head_dim, 2, dtype=torch.float32) / self.head_dim))
        self.w = weights
        if "lm_head.weight" not in self.w:  # tied embeddings: save_pretrained drops the copy
            self.w["lm_head.weight"] = self.w["model.embed_tokens.weight"]

    @classmethod
    def load(cls, folder: Path, dtype: Any) -> TorchLlama:
        from safetensors.torch import load_file

        config = json.loads((folder / "config.json").read_text())
        if config.get("model_type") != "llama":
            raise ValueError(f"not a Llama model: {config.get('model_type')!r}")
        weights = {name: tensor.to(dtype) for name, tensor in load_file(folder / "model.safetensors").items()}
        return cls(config, weights)

    @property
    def dtype(self) -> Any:
        return self.w["model.embed_tokens.weight"].dtype

    def to(self, dtype: Any) -> TorchLlama:
        """A copy with the weights in ``dtype``."""
        return TorchLlama(self.config, {name: tensor.to(dtype) for name, tensor in self.w.items()})

    def _norm(self, x: Any, weight: Any) -> Any:
        import torch

        variance = x.float().pow(2).mean(-1, keepdim=True)
        # In place where a fresh tensor is already at hand: the same values as
        # weight * (...), one large allocation fewer per norm.
        return (x.float() * torch.rsqrt(variance + self.eps)).to(x.dtype).mul_(weight)

    def hidden(self, ids: Any, positions: Any, mask: Any) -> Any:
        import torch
        import torch.nn.functional as F

        w = self.w
        x = F.embedding(ids, w["model.embed_tokens.weight"])
        batch, length, _ = x.shape
        angles = positions.float()[..., None] * self.inv_freq  # (batch, length, head_dim / 2)
        cos = torch.cat((angles, angles), dim=-1).cos().to(x.dtype)[:, None]
        sin = torch.cat((angles, angles), dim=-1).sin().to(x.dtype)[:, None]
        half = self.head_dim // 2
        group = self.heads // self.kv_heads
        mask = mask.to(torch.bool)

        def rotate(t: Any) -> Any:
            return t * cos + torch.cat((-t[..., half:], t[..., :half]), dim=-1) * sin

        for i in range(self.layers):
            p = f"model.layers.{i}."
            h = self._norm(x, w[p + "input_layernorm.weight"])
            q = F.linear(h, w[p + "self_attn.q_proj.weight"]).view(batch, length, self.heads, self.head_dim).transpose(1, 2)
            k = F.linear(h, w[p + "self_attn.k_proj.weight"]).view(batch, length, self.kv_heads, self.head_dim).transpose(1, 2)
            v = F.linear(h, w[p + "self_attn.v_proj.weight"]).view(batch, length, self.kv_heads, self.head_dim).transpose(1, 2)
            q, k = rotate(q), rotate(k)
            if group > 1:
                k = k.repeat_interleave(group, dim=1)
                v = v.repeat_interleave(group, dim=1)
            attended = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, scale=1.0 / math.sqrt(self.head_dim))
            x = x + F.linear(attended.transpose(1, 2).reshape(batch, length, -1), w[p + "self_attn.o_proj.weight"])
            h = self._norm(x, w[p + "post_attention_layernorm.weight"])
            gate = F.silu(F.linear(h, w[p + "mlp.gate_proj.weight"]), inplace=True)
            x = x + F.linear(gate.mul_(F.linear(h, w[p + "mlp.up_proj.weight"])), w[p + "mlp.down_proj.weight"])
        return self._norm(x, w["model.norm.weight"])

    def head(self, states: Any) -> Any:
        import torch.nn.functional as F

        return F.linear(states, self.w["lm_head.weight"])
