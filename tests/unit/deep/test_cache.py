"""The model's safetensors copy: only a damaged copy is rebuilt, never a good one.

(Rebuilding a truncated copy is tested with the real model in tests/unit/detect/test_neural.py.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from unspun.deep import _lm
from unspun.deep._lm import SMOLLM2, cache_folder

pytest.importorskip("torch")


@pytest.mark.parametrize("error", [ImportError("cannot import name 'Profile' from 'profile'"), MemoryError()])
def test_an_error_not_in_the_files_keeps_the_copy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                  error: BaseException) -> None:
    folder = cache_folder(SMOLLM2, tmp_path, "float32")
    folder.mkdir()
    for name in _lm._CACHE_FILES:
        (folder / name).write_text("kept")

    def failing_open(*args: Any) -> Any:
        raise error

    def no_rebuild(*args: Any) -> None:
        raise AssertionError("a good copy was rebuilt")

    monkeypatch.setattr(_lm, "check_installed", lambda spec: tmp_path)
    monkeypatch.setattr(_lm, "_open", failing_open)
    monkeypatch.setattr(_lm, "_build_cache", no_rebuild)
    with pytest.raises(type(error)):
        _lm._load.__wrapped__(SMOLLM2, tmp_path, "float32", "auto")
    assert all((folder / name).read_text() == "kept" for name in _lm._CACHE_FILES)


def test_a_copy_that_cannot_be_read_is_rebuilt_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = cache_folder(SMOLLM2, tmp_path, "float32")
    folder.mkdir()
    for name in _lm._CACHE_FILES:
        (folder / name).write_text("truncated")
    builds: list[Path] = []

    def unreadable(*args: Any) -> Any:
        raise Exception("Error while deserializing header")  # what safetensors and tokenizers raise

    def build(spec: Any, source: Path, target: Path, dtype: str) -> None:
        builds.append(target)

    monkeypatch.setattr(_lm, "check_installed", lambda spec: tmp_path)
    monkeypatch.setattr(_lm, "_open", unreadable)
    monkeypatch.setattr(_lm, "_build_cache", build)
    with pytest.raises(Exception, match="deserializing"):  # still unreadable after one rebuild: no loop
        _lm._load.__wrapped__(SMOLLM2, tmp_path, "float32", "auto")
    assert builds == [folder]
