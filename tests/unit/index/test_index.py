"""Index: create/open, add in batches, replace, remove, get, stats, read-only, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from unspun.errors import IndexStoreError, UsageError
from unspun.index import AddResult, Index, IndexParams, SqliteStorage, Storage, open_storage
from unspun.models import Document

from ._texts import make_documents, make_text, spin


def test_documents_round_trip(index_path: Path) -> None:
    docs = [
        Document(
            "a", "Title A", "Ünïcödé text — with “quotes” and emoji 🙂.\n\nSecond paragraph.", "html", {"lang": "fr", "n": 3}
        ),
        Document("b", "", "Plain text.", "text"),
    ]
    with Index.create(index_path) as index:
        result = index.add(docs)
    with Index.open(index_path, readonly=True) as index:
        assert [index.get(d.id) for d in docs] == docs
        assert index.get("missing") is None
        assert "a" in index and "missing" not in index
        assert list(index.ids()) == ["a", "b"]
    assert (result.added, result.replaced, result.unchanged, result.batches) == (2, 0, 0, 1)


def test_add_commits_batches_and_reports_progress(index_path: Path) -> None:
    seen: list[AddResult] = []
    with Index.create(index_path) as index:
        result = index.add(make_documents(23), batch_size=5, progress=seen.append)
        assert len(index) == 23
    assert result.batches == 5 and result.added == 23 and result.documents == 23
    assert [r.documents for r in seen] == [5, 10, 15, 20, 23]


def test_stats(filled: Index) -> None:
    stats = filled.stats()
    assert stats["documents"] == 60
    assert stats["postings"] > 60
    assert stats["postings_per_document"] == round(stats["postings"] / 60, 2)
    assert stats["bytes"] > 0
    assert stats["params"] == IndexParams().to_dict()
    assert stats["backend"] == "sqlite"
    assert filled.check() == []


def test_readding_unchanged_documents_is_a_no_op(filled: Index) -> None:
    before = filled.stats()["postings"]
    result = filled.add(make_documents(60))
    assert (result.added, result.replaced, result.unchanged) == (0, 0, 60)
    assert filled.stats()["postings"] == before


def test_readding_an_id_replaces_the_document(filled: Index) -> None:
    old = filled.get("doc-00003")
    assert old is not None
    new_text = make_text(10_003)
    result = filled.add([Document("doc-00003", "Rewritten", new_text)])
    assert (result.added, result.replaced) == (0, 1)
    assert len(filled) == 60
    stored = filled.get("doc-00003")
    assert stored is not None and stored.text == new_text and stored.title == "Rewritten"
    assert filled.candidates(new_text, 1)[0].id == "doc-00003"
    assert all(c.id != "doc-00003" for c in filled.candidates(old.text, 5) if c.score > 0.5)
    assert filled.check() == []


def test_last_copy_of_an_id_in_one_call_wins(index_path: Path) -> None:
    with Index.create(index_path) as index:
        result = index.add([Document("x", "1", make_text(1)), Document("x", "2", make_text(2))])
        assert len(index) == 1
        stored = index.get("x")
        assert stored is not None and stored.title == "2"
        assert index.check() == []
    assert (result.added, result.replaced) == (1, 1)


@pytest.mark.parametrize("batch_size", [1, 500])
def test_an_id_an_add_meets_twice_with_other_texts_is_counted_as_repeated(filled: Index, batch_size: int) -> None:
    # Said only in the replaced count, a collection holding an id twice lost a copy without a
    # word (session 62's Left; session 63). New or stored before, in one batch or two.
    for offset, doc_id in ((0, "doc-00003"), (10, "new-one")):
        result = filled.add([Document(doc_id, "1", make_text(9_001 + offset)),
                             Document("other", "", make_text(9_002 + offset)),
                             Document(doc_id, "2", make_text(9_003 + offset))], batch_size=batch_size)
        assert (result.repeated, result.first_repeated) == (1, doc_id)
        stored = filled.get(doc_id)
        assert stored is not None and stored.title == "2"
    assert filled.check() == []
    assert filled.candidates(make_text(9_013), 1)[0].id == "new-one"


def test_a_repeat_of_the_document_stored_last_is_told_and_a_replaced_one_keeps_its_place(index_path: Path) -> None:
    # A first version stored a replaced document again under a new reference: the last one's
    # was reused (its repeat went untold), and the order of ids and of tied candidates moved
    # (a review, session 63).
    with Index.create(index_path) as index:
        index.add([Document("a", "", make_text(1)), Document("twin", "", make_text(2)),
                   Document("x", "", make_text(2))])
        result = index.add([Document("x", "v2", make_text(3)), Document("x", "v3", make_text(4))], batch_size=1)
        assert (result.replaced, result.repeated, result.first_repeated) == (2, 1, "x")
        index.add([Document("twin", "retitled", make_text(2))])
        assert list(index.ids()) == ["a", "twin", "x"]


def test_a_copy_met_twice_alike_or_replacing_one_stored_before_is_no_repeat(filled: Index) -> None:
    result = filled.add([Document("doc-00004", "new", make_text(9_004)), Document("x", "", make_text(9_005)),
                         Document("x", "", make_text(9_005))], batch_size=1)
    assert (result.added, result.replaced, result.unchanged, result.repeated) == (1, 1, 1, 0)


def test_remove(filled: Index) -> None:
    text = make_text(7)
    assert filled.candidates(text, 1)[0].id == "doc-00007"
    assert filled.remove("doc-00007") is True
    assert filled.remove("doc-00007") is False
    assert filled.get("doc-00007") is None
    assert len(filled) == 59
    assert all(c.id != "doc-00007" for c in filled.candidates(text, 10))
    assert filled.check() == []


def test_compact_moves_recent_postings_and_keeps_results(index_path: Path) -> None:
    with Index.create(index_path) as index:
        assert isinstance(index.storage, SqliteStorage)
        index.storage.merge_postings = 500  # merge every few batches
        index.add(make_documents(40), batch_size=4)
        index.compact()
        stats = index.stats()
        assert stats["recent_postings"] == 0 and stats["postings"] > 0
        index.add(make_documents(10, start=40), batch_size=4)
        assert index.stats()["recent_postings"] > 0
        assert index.check() == []
        for i in (0, 20, 45):
            assert index.candidates(spin(make_text(i), 0.5, seed=i), 1)[0].id == f"doc-{i:05d}"
        index.remove("doc-00045")
        index.remove("doc-00001")
        assert index.check() == []


def test_read_only_index_answers_but_refuses_writes(filled: Index, index_path: Path) -> None:
    with Index.open(index_path, readonly=True) as reader:
        assert reader.readonly
        assert reader.candidates(make_text(4), 1)[0].id == "doc-00004"
        for write in (lambda: reader.add(make_documents(1)), lambda: reader.remove("doc-00001"), reader.compact):
            with pytest.raises(IndexStoreError, match="read-only"):
                write()


def test_create_refuses_an_existing_file_unless_overwrite(filled: Index, index_path: Path) -> None:
    filled.close()
    with pytest.raises(IndexStoreError, match="already exists"):
        Index.create(index_path)
    with Index.create(index_path, overwrite=True) as index:
        assert len(index) == 0


def test_open_missing_or_misplaced(tmp_path: Path) -> None:
    missing = tmp_path / "nope.idx"
    with pytest.raises(IndexStoreError, match="no index at") as caught:
        Index.open(missing)
    # The way to create one, for CLI users first.
    assert f"`unspun index add --index {missing} FILES` (or unspun.Index.create)" in str(caught.value)
    with pytest.raises(IndexStoreError, match=r"the folder .*such does not exist"):
        Index.create(tmp_path / "no" / "such" / "folder.idx")
    with pytest.raises(IndexStoreError, match="folder"):
        Index.create(tmp_path)
    a_file = tmp_path / "afile"
    a_file.write_text("not a folder")
    for inside in (a_file / "x.idx", a_file / "deeper" / "x.idx"):
        with pytest.raises(IndexStoreError, match=f"cannot create .*: {re.escape(str(a_file))} is not a folder$"):
            Index.create(inside)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


def test_a_folder_where_sqlite_keeps_its_log_fails_creation_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "n.idx"
    (tmp_path / "n.idx-wal").mkdir()
    with pytest.raises(IndexStoreError, match=re.escape("n.idx-wal is a folder")):
        Index.create(path)
    # No empty file left behind, which every later open would refuse as "not an index".
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.idx-wal"]
    (tmp_path / "n.idx-wal").rmdir()
    with Index.create(path) as index:
        assert index.add(make_documents(2)).added == 2


@pytest.mark.parametrize("stage", ["_initialise", "open"])
def test_a_creation_that_fails_midway_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    from unspun.index import _sqlite

    def fail(*args: object, **kwargs: object) -> None:
        raise IndexStoreError("cannot create: disk I/O error")

    # Fails while the tables are written, or once the file is in place (switching to WAL).
    if stage == "_initialise":
        monkeypatch.setattr(_sqlite, "_initialise", fail)
    else:
        monkeypatch.setattr(SqliteStorage, "open", classmethod(fail))
    (tmp_path / "empty.idx").write_bytes(b"")  # an empty file is replaced like a missing one
    for name in ("new.idx", "empty.idx"):
        with pytest.raises(IndexStoreError, match="disk I/O error"):
            Index.create(tmp_path / name)
    assert sorted(p.name for p in tmp_path.iterdir()) == (["empty.idx"] if stage == "_initialise" else [])


def test_a_refused_creation_keeps_the_index_already_there(filled: Index, index_path: Path) -> None:
    filled.close()
    before = index_path.read_bytes()
    with pytest.raises(IndexStoreError, match="already exists"):
        Index.create(index_path)
    assert index_path.read_bytes() == before
    with Index.open(index_path) as index:
        assert len(index) == 60


def test_creation_replaces_stale_logs_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    old = tmp_path / "old.idx"
    with Index.create(old) as index:
        index.add(make_documents(5))
        wal = Path(f"{old}-wal").read_bytes()  # committed, not yet folded into the file
    path = tmp_path / "new.idx"
    Path(f"{path}-wal").write_bytes(wal)  # a log left by an index deleted without its files
    with Index.create(path) as index:
        assert len(index) == 0 and index.check() == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.idx", "old.idx"]


def test_closed_index_raises_a_store_error(index_path: Path) -> None:
    index = Index.create(index_path)
    index.close()
    with pytest.raises(IndexStoreError, match="closed"):
        index.candidates("The bank said on Monday that it would raise rates.")
    with pytest.raises(IndexStoreError, match="closed"):
        len(index)


def test_bad_arguments(index_path: Path) -> None:
    with Index.create(index_path) as index:
        with pytest.raises(UsageError, match="Document"):
            index.add(["just a string"])  # type: ignore[list-item]
        with pytest.raises(UsageError, match="non-empty id"):
            index.add([Document("", "", "text")])
        with pytest.raises(UsageError, match="batch_size"):
            index.add([], batch_size=0)
        assert index.add([]).documents == 0
    with pytest.raises(UsageError, match="unknown index backend"):
        open_storage(index_path, backend="lmdb")


def test_in_memory_index() -> None:
    with Index.create(":memory:") as index:
        index.add(make_documents(5))
        assert index.candidates(make_text(2), 1)[0].id == "doc-00002"
        assert index.stats()["bytes"] > 0


def test_sqlite_storage_implements_the_protocol(filled: Index) -> None:
    assert isinstance(filled.storage, Storage)


def test_creation_removes_what_killed_creations_left_an_hour_ago(tmp_path: Path) -> None:
    import os
    import time

    path = tmp_path / "new.idx"
    stale, fresh = tmp_path / "new.idx.creating-0badf00d", tmp_path / "new.idx.creating-12345678"
    stale.write_bytes(b"half an index")
    fresh.write_bytes(b"another creation, still running")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    Index.create(path).close()
    assert not stale.exists() and fresh.exists()


def test_discard_if_empty_removes_only_an_empty_index(tmp_path: Path) -> None:
    empty, full, other = tmp_path / "empty.idx", tmp_path / "full.idx", tmp_path / "notes.txt"
    Index.create(empty).close()
    with Index.create(full) as index:
        index.add(make_documents(2))
    other.write_text("not an index")
    assert [Index.discard_if_empty(p) for p in (empty, full, other, tmp_path / "missing.idx")] == [
        True, False, False, False]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("full.idx-")) == ["full.idx", "notes.txt"]


def test_a_creation_holds_the_folder_lock_from_its_look_to_its_move(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without it, a creation that found no index could delete the log of one another creation
    # moved into place a moment later (and that writer's batches with it).
    fcntl = pytest.importorskip("fcntl")
    import os

    from unspun.index import _sqlite

    held: list[bool] = []
    link = os.link

    def link_and_probe(source: str | Path, target: str | Path) -> None:
        descriptor = os.open(tmp_path, os.O_RDONLY)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another process's creation
            held.append(False)
        except BlockingIOError:
            held.append(True)
        finally:
            os.close(descriptor)
        link(source, target)

    monkeypatch.setattr(_sqlite.os, "link", link_and_probe)
    Index.create(tmp_path / "new.idx").close()
    assert held == [True]
    descriptor = os.open(tmp_path, os.O_RDONLY)  # released once the index is in place
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(descriptor)


def test_reads_inside_a_snapshot_see_no_batch_committed_meanwhile(filled: Index, index_path: Path) -> None:
    # `unspun index export` read each document on its own: an add replacing every document
    # meanwhile showed part of its batch, a state that never existed (an audit, session 56).
    with Index.open(index_path, readonly=True) as reader, reader.snapshot():
        ids = reader.ids()
        first = next(ids)
        before = reader.get(first)
        filled.add([Document(doc_id, "Rewritten", make_text(20_000 + n)) for n, doc_id in enumerate(filled.ids())])
        rest = [reader.get(doc_id) for doc_id in ids]
        assert before is not None and before.title != "Rewritten"
        assert len(rest) == 59 and all(doc is not None and doc.title != "Rewritten" for doc in rest)
    with Index.open(index_path, readonly=True) as reader:
        assert all(doc is not None and doc.title == "Rewritten" for doc in map(reader.get, reader.ids()))


def test_a_new_index_file_is_in_wal_mode_before_it_is_put_in_place(tmp_path: Path) -> None:
    # Switched to WAL only once in place, a first add killed in the switch left a rollback
    # journal that every reader refused as "read-only" (an audit, session 56).
    from unspun.index import _sqlite

    building = tmp_path / "new.idx.creating-0000"
    _sqlite._build(building, tmp_path / "new.idx", {})
    assert building.read_bytes()[18:20] == b"\x02\x02"  # the header's WAL read and write versions
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.idx.creating-0000"]  # no log left beside it
