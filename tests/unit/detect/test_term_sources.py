"""The general known-term sources and their cache file."""

from __future__ import annotations

import hashlib
import inspect
import logging
import os
import shutil
import time
from pathlib import Path

import pytest

import unspun._files
from unspun.detect import term_sources
from unspun.detect.known_phrases import stem_key
from unspun.detect.term_sources import SOURCE_NAMES, known_sources
from unspun.lexicon import Lexicon

# The keys the cache holds follow these functions: when their code changes, bump KEY_VERSION
# in unspun/detect/term_sources.py if what they key changes, and update this pin either way.
KEYING_CODE_DIGEST = '9c97cd302dc6a6fc'


def _keying_code_digest() -> str:
    digest = hashlib.sha256()
    for function in (term_sources.term_words, term_sources.term_key, term_sources.by_key, term_sources.lexicon_terms,
                     term_sources.web_bigrams, term_sources.technical_terms, term_sources.field_terms,
                     term_sources._table_lines, term_sources.index_keys, term_sources.web_bigram_counts, stem_key):
        digest.update(inspect.getsource(function).encode("utf-8"))
    return digest.hexdigest()[:16]


def test_keying_code_change_bumps_the_key_version() -> None:
    expected = (term_sources.KEY_VERSION, _keying_code_digest())
    assert expected == (3, KEYING_CODE_DIGEST), (
        "the keying code changed: bump KEY_VERSION in unspun/detect/term_sources.py if the cached "
        f"keys change, then set KEYING_CODE_DIGEST = {expected[1]!r} in this test"
    )


@pytest.fixture(scope="module")
def lexicon_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a copy of the installed lexicon's file, for a cache of its own."""
    folder = tmp_path_factory.mktemp("cache")
    shutil.copy(Lexicon.load().path, folder)
    return folder


@pytest.fixture
def lexicon(lexicon_folder: Path) -> Lexicon:
    for stale in lexicon_folder.glob("known-terms-*"):
        stale.unlink()
    term_sources.clear_cache()
    return Lexicon.open(lexicon_folder / Lexicon.load().path.name)


def _cache_files(lexicon: Lexicon) -> list[Path]:
    return sorted(lexicon.path.parent.glob("known-terms-*.marshal"))


def test_the_cache_file_gives_the_tables_keyed_anew(lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch) -> None:
    first = known_sources(lexicon)
    assert set(first) == set(SOURCE_NAMES) and _cache_files(lexicon)
    assert first["field"] == term_sources.field_terms() and first["lexical"] == term_sources.lexicon_terms(lexicon)
    assert first["lexical"][("blood", "pressur")] == ("blood pressure",)
    term_sources.clear_cache()

    def no_keying(*args: object, **kwargs: object) -> None:
        raise AssertionError("keyed anew although the cache file is good")

    monkeypatch.setattr(term_sources, "by_key", no_keying)
    assert known_sources(lexicon) == first


def test_a_damaged_cache_file_is_rebuilt(lexicon: Lexicon, caplog: pytest.LogCaptureFixture) -> None:
    good = known_sources(lexicon)
    [path] = _cache_files(lexicon)
    path.write_bytes(path.read_bytes()[:1000])  # truncated
    term_sources.clear_cache()
    with caplog.at_level(logging.WARNING, logger="unspun.detect"):
        assert known_sources(lexicon) == good
    assert "rebuilding" in caplog.text
    assert path.stat().st_size > 1000


def test_a_folder_that_cannot_be_written_only_costs_the_cache(
    lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only folder")

    monkeypatch.setattr(unspun._files.tempfile, "mkstemp", refuse)
    with caplog.at_level(logging.WARNING, logger="unspun.detect"):
        tables = known_sources(lexicon)
    assert tables["technical"] == term_sources.technical_terms()
    assert not _cache_files(lexicon) and "cannot cache known terms" in caplog.text


def test_a_new_cache_file_removes_other_fingerprints_left_for_a_month(lexicon: Lexicon) -> None:
    folder = lexicon.path.parent
    old, recent = folder / "known-terms-0000000000000000.marshal", folder / "known-terms-1111111111111111.marshal"
    for path in (old, recent):
        path.write_bytes(b"another installation's")
    month_ago = time.time() - 31 * 24 * 3600
    os.utime(old, (month_ago, month_ago))
    known_sources(lexicon)
    assert not old.exists() and recent.exists() and len(_cache_files(lexicon)) == 2


def test_a_term_is_keyed_by_its_stems_and_keeps_its_spellings() -> None:
    table = term_sources.by_key(["activation functions", "activation function", "of the", "neural network"])
    assert table[("activ", "function")] == ("activation function", "activation functions")
    assert ("of", "the") not in table  # one content word: no term
    hyphenated = term_sources.by_key(["self-organizing map"], split=term_sources.term_words)
    assert hyphenated == {("self", "organiz", "map"): ("self-organizing map",)}


def test_the_cached_index_is_the_sources_keys_indexed_anew(lexicon: Lexicon) -> None:
    sources = known_sources(lexicon)
    fresh = term_sources.index_keys({key for terms in sources.values() for key in terms})
    term_sources.clear_cache()
    assert term_sources.known_index(lexicon) == fresh  # read back from the file
    index, firsts = fresh
    assert ("blood", "pressur") in index[2]["pressur"]["blood"] and "blood" in firsts[2]


def test_keys_join_a_copy_of_the_index_once() -> None:
    index, firsts = term_sources.index_keys([("random", "forest"), ("dark", "forest")])
    before = (repr(index), repr(firsts))
    merged, merged_firsts = term_sources.with_keys(
        index, firsts, [("random", "forest"), ("rain", "forest"), ("breast", "cancer"), ("rain", "forest")])
    assert (repr(index), repr(firsts)) == before  # the shared index is left as it was
    assert merged == term_sources.index_keys(
        [("random", "forest"), ("dark", "forest"), ("rain", "forest"), ("breast", "cancer")])[0]
    assert merged_firsts[2] == {"random", "dark", "rain", "breast"}


def test_the_cached_web_counts_are_wordsegments(lexicon: Lexicon) -> None:
    import wordsegment

    known_sources(lexicon)  # writes the file
    term_sources.clear_cache()
    counts = term_sources.known_web_counts(lexicon)  # read back from it
    if not wordsegment.BIGRAMS:
        wordsegment.load()
    assert counts == wordsegment.BIGRAMS and counts["of the"] > 0
