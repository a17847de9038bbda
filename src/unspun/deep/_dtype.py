"""Which dtype the model computes in when the caller leaves it to us ("auto").

bfloat16 halves the weights' memory traffic, and where the CPU multiplies bfloat16 matrices
natively and fast (the AMD EPYC of sessions 1-10, the Intel Xeon with AMX of sessions 11-20)
the forward pass ran two to three times faster than in float32. But a CPU may report
bfloat16 support and still be slower at it: on the Intel Xeon of session 21 (AVX512-BF16, no
AMX) a bfloat16 product of the model's shape took 1.7x as long as in float32, and a spun
1,000-word page 7.4-7.5 s (median) instead of 4.9 s. CPU flags do not tell these apart, so
the choice is measured: products of the model's batch shape in each dtype, once per machine,
under a lock so that processes starting together (``unspun check --deep --jobs N``) measure
once and agree. The answer is kept in the cache folder, keyed by the CPU, torch's version and
the probe itself, so that every later process on the machine computes in the same dtype
and pays nothing for the probe. Delete the file to measure again.

The same dtype is not quite the same figures: oneDNN's bfloat16 products round differently
with another number of threads (some of the model's shapes, measured: up to a unit in the last
place), and 30 layers carry that to confidences (up to ~0.09 on the example page), so deep
findings near the threshold differ between one process on two cores and ``--jobs 2`` (one
thread each): 36 and 38 on the example page. Run after run with the same threads they are the
same; float32's products gave the same figures whatever the threads.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import platform
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .._files import replaced_atomically

CHOICE_FILE = "deep-dtype.json"
_LOCK_FILE = ".deep-dtype.lock"
MIN_BFLOAT16_SPEEDUP = 1.5
"""bfloat16 only when clearly faster: float32 is the exact reference, and a near tie would
let the probe's noise decide (on session 21's CPU, where bfloat16 runs a page 1.5x slower,
single probes of a smaller product read 0.6-1.3 with OpenMP's threads left spinning)."""
# A batch of the model's: 16 rows of 192 tokens through SmolLM2-135M's MLP (~20 ms in float32
# on two cores), the best of a few interleaved runs each.
_PROBE_ROWS, _PROBE_IN, _PROBE_OUT = 16 * 192, 576, 1536
_PROBE_RUNS = 5


def choose_dtype(torch: Any, dtype: str, cache_dir: Path) -> str:
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
    machine = machine_key(torch)
    with _locked(cache_dir / _LOCK_FILE):
        known = _read_choices(path)
        entry = known.get(machine)
        if isinstance(entry, dict) and entry.get("dtype") in ("float32", "bfloat16"):
            return str(entry["dtype"])
        try:
            speedup = bfloat16_speedup(torch)
        except RuntimeError:  # a kernel this build lacks after all: the exact reference
            speedup = 0.0
        chosen = "bfloat16" if speedup >= MIN_BFLOAT16_SPEEDUP else "float32"
        known[machine] = {"dtype": chosen, "bfloat16_speedup": round(speedup, 2), "cpu": cpu_name()}
        try:
            with replaced_atomically(path, prefix=".deep-dtype-") as out:
                out.write(json.dumps(known, indent=1, sort_keys=True).encode())
        except OSError:
            pass  # a folder that cannot be written costs a probe per process, nothing else
    return chosen


def bfloat16_speedup(torch: Any) -> float:
    """How many times faster a product of the model's batch shape runs in bfloat16 than in
    float32 here."""
    generator = torch.Generator().manual_seed(0)
    x = torch.randn(_PROBE_ROWS, _PROBE_IN, generator=generator)
    w = torch.randn(_PROBE_OUT, _PROBE_IN, generator=generator) * 0.02
    x16, w16 = x.bfloat16(), w.bfloat16()
    linear = torch.nn.functional.linear
    with torch.inference_mode():
        best = best_times({"float32": lambda: linear(x, w), "bfloat16": lambda: linear(x16, w16)}, _PROBE_RUNS)
    return best["float32"] / max(best["bfloat16"], 1e-9)


def best_times(runs: Mapping[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """The shortest of ``repeats`` timed calls of each function, after one untimed call of
    each (kernels chosen, buffers allocated); interleaved, so that a slow spell of the
    machine falls on both."""
    for run in runs.values():
        run()
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeats):
        for name, run in runs.items():
            began = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - began)
    return best


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path`` (POSIX ``flock``) while the block runs; none where the
    lock file cannot be made or the platform has no ``fcntl``."""
    try:
        import fcntl

        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a")
    except (ImportError, OSError):
        yield
        return
    with handle:
        with contextlib.suppress(OSError):  # a file system without locks: measure unlocked
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def machine_key(torch: Any) -> str:
    """The CPU (model and flags), torch's version and the probe's settings, hashed: what the
    measured answer depends on. Not the thread count: ``--jobs`` workers run fewer threads
    each, and must compute as one process would."""
    probe = f"{_PROBE_ROWS}x{_PROBE_IN}x{_PROBE_OUT}x{_PROBE_RUNS}>={MIN_BFLOAT16_SPEEDUP}"
    described = "\n".join((platform.machine(), cpu_name(), _cpuinfo_field("flags", "Features"),
                           str(torch.__version__), probe))
    return hashlib.sha256(described.encode()).hexdigest()[:16]


def cpu_name() -> str:
    """The CPU's model name (Linux; "CPU part" on ARM), else the machine's architecture."""
    return _cpuinfo_field("model name", "CPU part") or platform.machine()


def _cpuinfo_field(*names: str) -> str:
    """The first of ``names`` that the first processor of ``/proc/cpuinfo`` has; "" where
    there is no such file or field."""
    try:
        text = Path("/proc/cpuinfo").read_text(errors="replace")
    except OSError:
        return ""
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            break  # the first processor's block ends here
        key, _, value = line.partition(":")
        fields.setdefault(key.strip(), value.strip())
    return next((fields[name] for name in names if fields.get(name)), "")


def _read_choices(path: Path) -> dict[str, Any]:
    """The choices already measured, by machine; {} when the file is missing or damaged."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
