"""Which dtype the model computes in when the caller leaves it to us ("auto").

bfloat16 halves the weights' memory traffic, and where the CPU multiplies bfloat16 matrices
natively and fast (Intel AMX; AMD Zen 4's AVX512-BF16) the forward pass runs two to three
times faster than in float32. But a CPU may report bfloat16 support and still be slower at it:
on an Intel Xeon with AVX512-BF16 and no AMX (this project's machine from session 21) a
bfloat16 layer took 1.7x as long as in float32, and a spun 1,000-word page 8-10 s instead of
5-6 s. CPU flags do not tell these apart, so the choice is measured: a few products of the
model's shape in each dtype, once per machine. The answer is kept in the cache folder, keyed
by the CPU, the thread count and torch's version, so that every later process on the machine
computes in the same dtype (the same findings, run after run) and pays nothing for the probe.
"""

from __future__ import annotations

import hashlib
import json
import platform
import time
from pathlib import Path
from typing import Any

from .._files import replaced_atomically

CHOICE_FILE = "deep-dtype.json"
MIN_BFLOAT16_SPEEDUP = 1.25
"""bfloat16 only when clearly faster: float32 is the exact reference, and a near tie would
let the probe's noise decide."""
_PROBE_ROWS, _PROBE_IN, _PROBE_OUT = 512, 576, 1536  # SmolLM2-135M's MLP: a typical product
_PROBE_RUNS = 5


def choose_dtype(torch: Any, dtype: str, cache_dir: Path, threads: int) -> str:
    """``dtype`` itself unless it is ``"auto"``; then float32 where torch has no native
    bfloat16, else the faster of the two on this machine (measured once, then read back)."""
    if dtype != "auto":
        return dtype
    try:
        native = bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        native = False
    if not native:
        return "float32"
    path = cache_dir / CHOICE_FILE
    machine = machine_key(torch, threads)
    known = _read_choices(path)
    entry = known.get(machine)
    if isinstance(entry, dict) and entry.get("dtype") in ("float32", "bfloat16"):
        return str(entry["dtype"])
    speedup = bfloat16_speedup(torch)
    chosen = "bfloat16" if speedup >= MIN_BFLOAT16_SPEEDUP else "float32"
    known[machine] = {"dtype": chosen, "bfloat16_speedup": round(speedup, 2), "cpu": cpu_name()}
    try:
        with replaced_atomically(path, prefix=".deep-dtype-") as out:
            out.write(json.dumps(known, indent=1, sort_keys=True).encode())
    except OSError:
        pass  # a folder that cannot be written costs a probe per process, nothing else
    return chosen


def bfloat16_speedup(torch: Any) -> float:
    """How many times faster a product of the model's shape runs in bfloat16 than in float32
    here (the best of a few runs each, interleaved, after a warm-up)."""
    generator = torch.Generator().manual_seed(0)
    x = torch.randn(_PROBE_ROWS, _PROBE_IN, generator=generator)
    w = torch.randn(_PROBE_OUT, _PROBE_IN, generator=generator) * 0.02
    pairs = {"float32": (x, w), "bfloat16": (x.bfloat16(), w.bfloat16())}
    best = dict.fromkeys(pairs, float("inf"))
    with torch.inference_mode():
        for a, b in pairs.values():
            torch.nn.functional.linear(a, b)  # warm-up: kernels chosen, buffers allocated
        for _ in range(_PROBE_RUNS):
            for name, (a, b) in pairs.items():
                began = time.perf_counter()
                torch.nn.functional.linear(a, b)
                best[name] = min(best[name], time.perf_counter() - began)
    return best["float32"] / max(best["bfloat16"], 1e-9)


def machine_key(torch: Any, threads: int) -> str:
    """The CPU (model and flags), the thread count and torch's version, hashed: what the
    measured answer depends on."""
    described = "\n".join((platform.machine(), cpu_name(), _cpu_flags(), str(threads), str(torch.__version__)))
    return hashlib.sha256(described.encode()).hexdigest()[:16]


def cpu_name() -> str:
    """The CPU's model name (Linux), else what ``platform`` says."""
    return _cpuinfo_field("model name") or platform.processor() or platform.machine()


def _cpu_flags() -> str:
    return _cpuinfo_field("flags")


def _cpuinfo_field(name: str) -> str:
    """A field of the first processor in ``/proc/cpuinfo``; "" where there is none."""
    try:
        text = Path("/proc/cpuinfo").read_text(errors="replace")
    except OSError:
        return ""
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == name:
            return value.strip()
    return ""


def _read_choices(path: Path) -> dict[str, Any]:
    """The choices already measured, by machine; {} when the file is missing or damaged."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
