"""lemminflect's tables and their copy in the cache folder."""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
from pathlib import Path

import pytest
from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
from lemminflect.core.Inflections import Inflections
from lemminflect.core.Lemmatizer import Lemmatizer

import unspun._files
from unspun.lexicon import _inflection_tables
from unspun.lexicon._inflection_tables import load_tables


@pytest.fixture
def unread(monkeypatch: pytest.MonkeyPatch) -> None:
    """lemminflect as in a fresh process: its tables not read (restored afterwards)."""
    monkeypatch.delattr(Lemmatizer(), "lemma_dict", raising=False)
    monkeypatch.delattr(Inflections(), "infl_dict", raising=False)


def _copies(folder: Path) -> list[Path]:
    return sorted(folder.glob("lemminflect-*.marshal"))


def _forget() -> None:
    for singleton, name in ((Lemmatizer(), "lemma_dict"), (Inflections(), "infl_dict")):
        if hasattr(singleton, name):
            delattr(singleton, name)


@pytest.mark.usefixtures("unread")
def test_the_copy_holds_lemminflects_own_tables_and_is_read_next_time(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    load_tables(tmp_path)
    assert len(_copies(tmp_path)) == 1
    assert Lemmatizer().lemma_dict == LemmaLUCodec.load(Lemmatizer().lemma_lu_fn)
    assert Inflections().infl_dict == InflectionLUCodec.load(Inflections().infl_lu_fn)
    _forget()

    def parse(filename: str) -> None:
        raise AssertionError("lemminflect's files were parsed although the copy is there")

    monkeypatch.setattr(LemmaLUCodec, "load", parse)
    monkeypatch.setattr(InflectionLUCodec, "load", parse)
    load_tables(tmp_path)
    import lemminflect

    assert lemminflect.getAllLemmas("papers") == {"NOUN": ("paper",), "VERB": ("paper",)}
    assert lemminflect.getInflection("paper", "NNS") == ("papers", "paper")


@pytest.mark.usefixtures("unread")
def test_a_damaged_copy_is_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    load_tables(tmp_path)
    (copy,) = _copies(tmp_path)
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    _forget()
    with caplog.at_level(logging.WARNING):
        load_tables(tmp_path)
    assert "damaged" in caplog.text
    assert Lemmatizer().lemma_dict == LemmaLUCodec.load(Lemmatizer().lemma_lu_fn)
    _forget()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        load_tables(tmp_path)  # the rebuilt copy reads cleanly
    assert caplog.text == ""


@pytest.mark.usefixtures("unread")
def test_a_folder_that_cannot_be_written_only_costs_the_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(unspun._files.tempfile, "mkstemp", refuse)
    with caplog.at_level(logging.WARNING):
        load_tables(tmp_path)
    assert "cannot cache" in caplog.text
    assert _copies(tmp_path) == []
    assert Lemmatizer().lemma_dict["papers"] == {"NOUN": ("paper",), "VERB": ("paper",)}


@pytest.mark.usefixtures("unread")
def test_a_new_copy_removes_other_fingerprints_left_for_a_month(tmp_path: Path) -> None:
    old, recent = tmp_path / "lemminflect-0000000000000000.marshal", tmp_path / "lemminflect-1111111111111111.marshal"
    for path in (old, recent):
        path.write_bytes(b"x")
    month_ago = os.stat(old).st_mtime - 31 * 24 * 3600
    os.utime(old, (month_ago, month_ago))
    load_tables(tmp_path)
    assert not old.exists() and recent.exists()
    assert len(_copies(tmp_path)) == 2


def test_tables_read_already_are_kept(tmp_path: Path) -> None:
    Lemmatizer()._getLemmaDict()
    Inflections()._getInflDict()
    load_tables(tmp_path)
    assert _copies(tmp_path) == []


def test_the_fingerprint_follows_the_tables_files(tmp_path: Path) -> None:
    one, other = tmp_path / "a.csv.gz", tmp_path / "b.csv.gz"
    one.write_bytes(b"12345")
    other.write_bytes(b"12345")
    before = _inflection_tables._fingerprint(str(one), str(other))
    other.write_bytes(b"123456")
    assert _inflection_tables._fingerprint(str(one), str(other)) != before


@pytest.mark.usefixtures("unread")
def test_a_copy_of_the_wrong_shape_is_rebuilt(tmp_path: Path) -> None:
    load_tables(tmp_path)
    (copy,) = _copies(tmp_path)
    payload = marshal.dumps({"not": "two tables"})
    copy.write_bytes(hashlib.sha256(payload).digest() + payload)
    _forget()
    load_tables(tmp_path)
    assert Lemmatizer().lemma_dict == LemmaLUCodec.load(Lemmatizer().lemma_lu_fn)
    assert _inflection_tables._read(copy) is not None


@pytest.mark.usefixtures("unread")
def test_lemminflect_internals_other_than_expected_leave_it_to_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.delattr(Lemmatizer, "_getLemmaDict")
    with caplog.at_level(logging.INFO):
        load_tables(tmp_path)  # no error: only a speed-up is lost
    assert "not preloaded" in caplog.text
    assert not hasattr(Lemmatizer(), "lemma_dict")
