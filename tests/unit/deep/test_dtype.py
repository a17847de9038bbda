"""The dtype "auto" picks: measured once per machine, kept in the cache folder."""

from __future__ import annotations

import importlib.util
import json
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace

import pytest

from unspun.deep import _dtype, _lm
from unspun.deep._dtype import CHOICE_FILE, MIN_BFLOAT16_SPEEDUP, best_times, choose_dtype


def fake_torch(native: bool) -> SimpleNamespace:
    def supported() -> bool:
        return native

    return SimpleNamespace(ops=SimpleNamespace(mkldnn=SimpleNamespace(_is_mkldnn_bf16_supported=supported)),
                           __version__="2.13.0+cpu")


Probe = Callable[[Sequence[float]], list[float]]


@pytest.fixture
def probes(monkeypatch: pytest.MonkeyPatch) -> Probe:
    """Makes the probe 'measure' the given speedups in turn, and returns the calls made."""

    def measure(speedups: Sequence[float]) -> list[float]:
        calls: list[float] = []

        def fake(torch: object) -> float:
            calls.append(speedups[len(calls)])
            return calls[-1]

        monkeypatch.setattr(_dtype, "bfloat16_speedup", fake)
        return calls

    return measure


def test_an_explicit_dtype_is_kept(tmp_path: Path) -> None:
    assert choose_dtype(fake_torch(True), "float32", tmp_path) == "float32"
    assert choose_dtype(fake_torch(False), "bfloat16", tmp_path) == "bfloat16"
    assert not (tmp_path / CHOICE_FILE).exists()


def test_without_native_bfloat16_float32_unmeasured(tmp_path: Path, probes: Probe) -> None:
    calls = probes([3.0])
    assert choose_dtype(fake_torch(False), "auto", tmp_path) == "float32"
    assert calls == [] and not (tmp_path / CHOICE_FILE).exists()


@pytest.mark.parametrize(("speedup", "expected"), [(2.5, "bfloat16"), (MIN_BFLOAT16_SPEEDUP, "bfloat16"),
                                                   (1.3, "float32"), (0.6, "float32")])
def test_the_faster_dtype_is_measured_once_and_kept(tmp_path: Path, probes: Probe, speedup: float,
                                                    expected: str) -> None:
    calls = probes([speedup, 1.0 / speedup])
    assert choose_dtype(fake_torch(True), "auto", tmp_path) == expected
    assert choose_dtype(fake_torch(True), "auto", tmp_path) == expected  # read back, not measured again
    assert calls == [speedup]
    kept = json.loads((tmp_path / CHOICE_FILE).read_text())
    assert [entry["dtype"] for entry in kept.values()] == [expected]


def test_each_cpu_keeps_its_own_answer(tmp_path: Path, probes: Probe, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = probes([2.0, 0.5])
    assert choose_dtype(fake_torch(True), "auto", tmp_path) == "bfloat16"
    monkeypatch.setattr(_dtype, "cpu_name", lambda: "another CPU")
    assert choose_dtype(fake_torch(True), "auto", tmp_path) == "float32"
    assert len(json.loads((tmp_path / CHOICE_FILE).read_text())) == 2 and len(calls) == 2


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2]", b'{"x": 1}', b"\xff\xfe"])
def test_a_damaged_file_is_measured_again(tmp_path: Path, probes: Probe, content: bytes) -> None:
    (tmp_path / CHOICE_FILE).write_bytes(content)
    calls = probes([2.0])
    assert choose_dtype(fake_torch(True), "auto", tmp_path) == "bfloat16"
    assert calls == [2.0]
    assert "bfloat16" in [entry.get("dtype") for entry in json.loads((tmp_path / CHOICE_FILE).read_text()).values()
                          if isinstance(entry, dict)]


def test_a_folder_that_cannot_be_written_still_answers(tmp_path: Path, probes: Probe) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")  # a file where the folder should be
    probes([0.5])
    assert choose_dtype(fake_torch(True), "auto", blocked) == "float32"


def test_processes_starting_together_measure_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def slow(torch: object) -> float:
        calls.append(1)
        time.sleep(0.2)
        return 2.0 if len(calls) == 1 else 0.5  # a second probe would answer otherwise

    monkeypatch.setattr(_dtype, "bfloat16_speedup", slow)
    answers: list[str] = []
    workers = [threading.Thread(target=lambda: answers.append(choose_dtype(fake_torch(True), "auto", tmp_path)))
               for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert answers == ["bfloat16"] * 3 and len(calls) == 1


def test_best_times_keeps_the_fastest_run_of_each() -> None:
    best = best_times({"slow": lambda: time.sleep(0.004), "fast": lambda: time.sleep(0.001)}, 3)
    assert 0.001 <= best["fast"] < best["slow"] and best["slow"] >= 0.004


def test_the_probe_times_real_products() -> None:
    if importlib.util.find_spec("torch") is None:
        pytest.skip("torch is not installed (pip install '.[deep]')")
    _lm._prepare_openmp()  # before torch's first import, as load_lm does (see test_neural's smollm)
    import torch

    if not torch.ops.mkldnn._is_mkldnn_bf16_supported():
        pytest.skip("this CPU has no native bfloat16")
    assert 0.01 < _dtype.bfloat16_speedup(torch) < 100
