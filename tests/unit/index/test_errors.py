"""Mismatched parameters and files that are not indexes: clear errors, never a traceback."""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import zlib
from pathlib import Path

import pytest

from tests.conftest import python_output
from unspun.errors import IndexMismatchError, IndexStoreError, NotAnIndexError
from unspun.index import Index, IndexParams
from unspun.index._sqlite import APPLICATION_ID
from unspun.models import Document

from ._texts import make_documents, make_text


def test_open_with_other_params_is_refused_with_the_differences(filled: Index, index_path: Path) -> None:
    filled.close()
    with pytest.raises(IndexMismatchError) as caught:
        Index.open(index_path, params=IndexParams(shingle=5, lexicon_version="moby-2"))
    message = str(caught.value)
    assert str(index_path) in message
    assert "shingle 6, not 5" in message
    assert "lexicon_version 'none', not 'moby-2'" in message
    assert "rebuild" in message
    with Index.open(index_path, params=IndexParams()) as index:
        assert index.params == IndexParams()


def test_query_with_another_lexicon_is_refused(filled: Index) -> None:
    with pytest.raises(IndexMismatchError, match=re.escape("lexicon_version 'none', not 'wordnet-3.1'")):
        filled.candidates(make_text(1), lexicon_version="wordnet-3.1")
    assert filled.candidates(make_text(1), lexicon_version="none")[0].id == "doc-00001"


def test_index_records_its_params(index_path: Path) -> None:
    params = IndexParams(shingle=5, sample_mod=3, lexicon_version="moby-1")
    with Index.create(index_path, params) as index:
        index.add(make_documents(3))
    with Index.open(index_path) as index:
        assert index.params == params
        assert index.candidates(make_text(1), 1)[0].id == "doc-00001"


def _edit_meta(path: Path, key: str, value: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
    conn.close()


def test_index_from_a_newer_unspun_is_refused(filled: Index, index_path: Path) -> None:
    filled.close()
    stored = IndexParams().to_dict()
    _edit_meta(index_path, "params", json.dumps({**stored, "synonym_classes": True}))
    with pytest.raises(IndexMismatchError, match="newer unspun"):
        Index.open(index_path)
    _edit_meta(index_path, "params", json.dumps({**stored, "skeleton_version": 99}))
    with pytest.raises(IndexMismatchError, match="skeleton rules v99"):
        Index.open(index_path)
    _edit_meta(index_path, "params", json.dumps(stored))
    with sqlite3.connect(index_path) as conn:
        conn.execute("PRAGMA user_version = 7")
    conn.close()
    with pytest.raises(IndexMismatchError, match="format 7"):
        Index.open(index_path)


def test_an_index_format_this_unspun_does_not_know_is_no_damage(filled: Index, index_path: Path) -> None:
    # A format renamed by another unspun read as "corrupt ... its metadata is missing": an
    # advice to rebuild an index that is sound.
    filled.close()
    _edit_meta(index_path, "format", "unspun-index-2")
    with pytest.raises(IndexMismatchError, match=r"format 'unspun-index-2', which this unspun does not read .*upgrade"):
        Index.open(index_path)
    _edit_meta(index_path, "format", "someone-elses")
    with pytest.raises(NotAnIndexError, match="metadata is missing"):
        Index.open(index_path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (os.urandom(4096), "not an SQLite database"),
        (b"Ceci n'est pas un index.\n" * 100, "not an SQLite database"),
        (b"SQLite format 3\x00" + b"\x00" * 20, "not an SQLite database"),
    ],
    ids=["empty", "random-bytes", "text", "short-header"],
)
def test_foreign_files_are_not_indexes(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "thing.idx"
    path.write_bytes(content)
    for readonly in (False, True):
        with pytest.raises(NotAnIndexError, match=message):
            Index.open(path, readonly=readonly)
    assert path.read_bytes() == content  # looked at, never changed


def test_another_apps_sqlite_database_is_not_an_index(tmp_path: Path) -> None:
    path = tmp_path / "places.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotAnIndexError, match="another application"):
        Index.open(path)
    assert path.read_bytes() == before


def test_a_folder_is_not_an_index(tmp_path: Path) -> None:
    with pytest.raises(NotAnIndexError, match="folder"):
        Index.open(tmp_path)


def test_an_interrupted_creation_is_not_an_index(index_path: Path) -> None:
    with sqlite3.connect(index_path) as conn:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # ours, but no tables: killed mid-create
    conn.close()
    with pytest.raises(NotAnIndexError, match="incomplete"):
        Index.open(index_path)


def _read_everything(path: Path) -> list[str]:
    """Open, check and read the whole index; the problems check() reports."""
    with Index.open(path) as index:
        problems = index.check()
        for i in range(0, 200, 7):
            index.candidates(make_text(i))
        for doc_id in list(index.ids()):
            index.get(doc_id)
    return problems


@pytest.mark.parametrize("seed", range(8))
def test_damaged_index_gives_a_clear_error(index_path: Path, seed: int) -> None:
    with Index.create(index_path) as index:
        index.add(make_documents(200), batch_size=50)
    data = bytearray(index_path.read_bytes())
    # Scribble over every page but the first (the header), as a disk fault would; seeded, so
    # that a failure can be replayed (unseeded damage once put non-UTF-8 bytes in a text
    # column, reported as a bare read error until "could not decode" counted as corruption).
    noise = random.Random(seed)
    for start in range(4096, len(data), 4096):
        data[start + 8 : start + 72] = noise.randbytes(64)
    index_path.write_bytes(bytes(data))
    try:
        problems = _read_everything(index_path)
    except NotAnIndexError as exc:
        assert "corrupt" in str(exc) and str(index_path) in str(exc)
    else:
        assert problems, "the damage went unnoticed"


def test_truncated_index_gives_a_clear_error(index_path: Path) -> None:
    with Index.create(index_path) as index:
        index.add(make_documents(200), batch_size=50)
    data = index_path.read_bytes()
    index_path.write_bytes(data[: len(data) // 2])
    try:
        problems = _read_everything(index_path)
    except IndexStoreError as exc:
        assert str(index_path) in str(exc)
    else:
        assert problems, "the truncation went unnoticed"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"shingle": 0}, "shingle must be between 1 and 16, not 0"),
        ({"sample_mod": 0}, "sample_mod must be between 1 and 1,048,576, not 0"),
        ({"sample_mod": 10**20}, "sample_mod must be between 1 and 1,048,576, not 100000000000000000000"),
        ({"anchors": "x"}, "anchors must be an integer, not 'x'"),
        ({"min_keys": 2.5}, "min_keys must be an integer, not 2.5"),
        ({"shingle": True}, "shingle must be an integer, not True"),
        ({"lexicon_version": 3}, "lexicon_version must be a string, not 3"),
    ],
    ids=["shingle-0", "sample-mod-0", "sample-mod-huge", "anchors-text", "min-keys-float", "shingle-bool", "lexicon-number"],
)
def test_invalid_stored_params_make_a_corrupt_index(
    filled: Index, index_path: Path, change: dict[str, object], reason: str
) -> None:
    filled.close()
    _edit_meta(index_path, "params", json.dumps({**IndexParams().to_dict(), **change}))
    for readonly in (False, True):
        with pytest.raises(NotAnIndexError) as caught:
            Index.open(index_path, readonly=readonly)
        assert str(index_path) in str(caught.value) and "corrupt" in str(caught.value)
        assert reason in str(caught.value)


def test_params_of_the_wrong_type_are_refused() -> None:
    with pytest.raises(TypeError, match="anchors must be an integer, not 'x'"):
        IndexParams(anchors="x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="lexicon_version must be a string"):
        IndexParams(lexicon_version=None)  # type: ignore[arg-type]


@pytest.mark.parametrize("counter", ["documents", "postings", "recent"])
@pytest.mark.parametrize("value", ["abc", "", "1.5", "²", "9" * 5000])
def test_a_counter_that_is_not_a_number_is_refused_on_open(
    filled: Index, index_path: Path, counter: str, value: str
) -> None:
    filled.close()
    _edit_meta(index_path, counter, value)
    for readonly in (False, True):
        with pytest.raises(NotAnIndexError, match=f"its {counter} counter is {re.escape(repr(value))}, not a number") as caught:
            Index.open(index_path, readonly=readonly)
        assert str(index_path) in str(caught.value)


def test_a_counter_damaged_while_open_is_reported_where_it_is_read(filled: Index, index_path: Path) -> None:
    _edit_meta(index_path, "documents", "abc")  # after the checks on open
    for read in (filled.stats, lambda: len(filled), lambda: filled.candidates(make_text(1))):
        with pytest.raises(NotAnIndexError, match="documents counter is 'abc'"):
            read()


def _edit_doc(path: Path, doc_id: str, column: str, value: object) -> None:
    with sqlite3.connect(path) as conn:
        assert conn.execute(f"UPDATE docs SET {column} = ? WHERE id = ?", (value, doc_id)).rowcount == 1
    conn.close()


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("meta", "not json", "the stored meta of 'doc-00003' is not JSON"),
        ("meta", "[1, 2]", "the stored meta of 'doc-00003' is not a JSON object"),
        ("text", "plain words", "the stored text of 'doc-00003' is str, not compressed bytes"),
        ("text", b"not zlib", "the stored text of 'doc-00003' does not decompress"),
        ("text", zlib.compress(b"\xff\xfe latin junk"), "the stored text of 'doc-00003' does not decompress"),
        ("title", b"\xff\xfe", "the stored title of 'doc-00003' is not text"),
        ("source", b"\x00html", "the stored source of 'doc-00003' is not text"),
    ],
    ids=["meta-not-json", "meta-not-object", "text-not-bytes", "text-not-zlib", "text-not-utf8", "title-blob",
         "source-blob"],
)
def test_a_damaged_document_row_is_corrupt_wherever_it_is_read(
    filled: Index, index_path: Path, column: str, value: object, reason: str
) -> None:
    _edit_doc(index_path, "doc-00003", column, value)
    reads = [lambda: filled.get("doc-00003"), lambda: "doc-00003" in filled]
    if column == "text":  # replacing or removing a document reads its old text
        reads += [lambda: filled.add([Document("doc-00003", "new", "A new text.")]), lambda: filled.remove("doc-00003")]
    for read in reads:
        with pytest.raises(NotAnIndexError) as caught:
            read()
        assert reason in str(caught.value) and str(index_path) in str(caught.value)
    assert filled.get("doc-00004") is not None  # the other documents still read
    assert len(filled) == 60  # and the failed writes committed nothing


def test_a_key_count_that_is_not_a_number_is_corrupt(filled: Index, index_path: Path) -> None:
    _edit_doc(index_path, "doc-00003", "nkeys", "many")
    with pytest.raises(NotAnIndexError, match="wrong type") as caught:
        filled.candidates(make_text(3))
    assert str(index_path) in str(caught.value)


def test_a_torn_read_of_an_index_read_without_locks_is_no_advice_to_rebuild(
        index_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A reader that cannot write the index's folder reads it as a file nobody changes; another
    # user's add meanwhile made "malformed" pages, reported as a corrupt index to rebuild
    # (an audit, session 56). Such a reader's error says what happened instead.
    from unspun.index import _sqlite

    torn = sqlite3.DatabaseError("database disk image is malformed")
    assert isinstance(_sqlite._error("x.idx", "read", torn), NotAnIndexError)
    error = _sqlite._error("x.idx", "read", torn, unchanging=True)
    assert not isinstance(error, NotAnIndexError) and "changed while this process read it" in str(error)
    with Index.create(index_path) as index:
        index.add([Document("a", "", "one two three four five six seven eight nine ten eleven twelve")])
    connection = sqlite3.connect(index_path)  # a stored text as a torn read shows it
    with connection:
        connection.execute("UPDATE docs SET text = X'00' WHERE id = 'a'")
    connection.close()  # the log folded back into the file: a reader without locks reads the file alone
    with Index.open(index_path, readonly=True) as reader, pytest.raises(NotAnIndexError, match="rebuild it"):
        reader.get("a")
    monkeypatch.setattr(_sqlite, "_folder_writable", lambda folder: False)
    with Index.open(index_path, readonly=True) as reader:
        assert reader.storage._unchanging  # type: ignore[attr-defined]
        with pytest.raises(IndexStoreError, match="changed while this process read it") as raised:
            reader.get("a")
        assert not isinstance(raised.value, NotAnIndexError)
        with pytest.raises(IndexStoreError, match="changed while"), reader.storage._translated("read"):  # type: ignore[attr-defined]
            raise torn


def test_a_write_past_the_file_size_limit_names_the_limit(tmp_path: Path) -> None:
    # Python ignores SIGXFSZ, so a write past `ulimit -f` fails with EFBIG, which SQLite
    # reports as a bare "disk I/O error" (an audit, session 56): nothing to act on.
    code = f"""
import resource, sys
sys.path.insert(0, {str(Path(__file__).parents[3])!r})
from tests.unit.index._texts import make_documents
from unspun.errors import IndexStoreError
from unspun.index import Index
from unspun.index._sqlite import _why_io_failed
resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, resource.RLIM_INFINITY))
try:
    with Index.create({str(tmp_path / "index.db")!r}) as index:
        index.add(make_documents(200), batch_size=25)
except IndexStoreError as error:
    print(error)
resource.setrlimit(resource.RLIMIT_FSIZE, (10**10, resource.RLIM_INFINITY))
print(_why_io_failed({str(tmp_path / "index.db")!r}))  # a limit far above the index: not the cause
"""
    message, far_above = python_output(code).splitlines()
    assert "disk I/O error" in message
    assert "at most 200,000 bytes, its file-size limit" in message
    assert "file-size limit" not in far_above and "the disk may be failing" in far_above


def test_check_reads_every_stored_text_and_meta_back(index_path: Path) -> None:
    # quick_check reads SQLite's pages, not the values in them: a text damaged inside its
    # compressed bytes was "sound" until an export or a trace met it (an audit, session 63).
    with Index.create(index_path) as index:
        index.add(make_documents(30))
        ids = sorted(index.ids())
    with sqlite3.connect(index_path) as conn:
        conn.execute("UPDATE docs SET text = ? WHERE id = ?", (b"\x78\x9c" + bytes(40), ids[3]))
        conn.execute("UPDATE docs SET meta = ? WHERE id = ?", ("[1, 2]", ids[5]))
    conn.close()
    with Index.open(index_path) as index:
        problems = index.check()
    assert problems == [f"the stored text of {ids[3]!r} does not decompress (Error -3 while decompressing data: "
                        "invalid stored block lengths)", f"the stored meta of {ids[5]!r} is not a JSON object"]


def test_check_counts_the_damaged_documents_past_those_it_names(index_path: Path) -> None:
    from unspun.index._sqlite import MAX_DAMAGED_LISTED

    with Index.create(index_path) as index:
        index.add(make_documents(MAX_DAMAGED_LISTED + 5))
    with sqlite3.connect(index_path) as conn:
        conn.execute("UPDATE docs SET text = x'00'")
    conn.close()
    with Index.open(index_path) as index:
        problems = index.check()
    assert len(problems) == MAX_DAMAGED_LISTED + 1 and problems[-1] == "and 5 more damaged documents"


def test_a_writer_closing_beside_a_reader_folds_what_it_committed_into_the_file(index_path: Path,
                                                                                 tmp_path: Path) -> None:
    # SQLite folds its log into the file when the last connection closes: with a reader open
    # elsewhere (a trace, `unspun serve`), each add stayed in the -wal file, and a copy of the
    # .db alone lacked it (an audit, session 63).
    import shutil

    with Index.create(index_path) as index:
        index.add(make_documents(10))
    with Index.open(index_path, readonly=True) as reader:
        with Index.open(index_path) as writer:
            writer.add(make_documents(25))
        copy = tmp_path / "copy.db"
        shutil.copyfile(index_path, copy)
        assert reader.stats()["documents"] == 25
    with Index.open(copy, readonly=True) as copied:
        assert copied.stats()["documents"] == 25
