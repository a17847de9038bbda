"""Faults of the index found by an audit: concurrent `index add` runs that lost an index or
failed, an index unreadable in a read-only folder, and a story stored too many times to be
traced."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import needs_permissions, run_python
from unspun import ingest
from unspun.cli import main
from unspun.errors import IndexStoreError, InputError
from unspun.index import Index, _sqlite
from unspun.index._index import DEFAULT_MAX_POSTINGS
from unspun.models import Document

from ._texts import make_documents, make_text, spin


def test_an_add_that_reads_nothing_never_removes_an_index_another_add_fills(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two `index add` on a new path: this one reads only bad lines, the other starts while it
    # reads and commits after it has finished. Nothing the other one adds may be lost.
    path = tmp_path / "lost.db"
    other: list[Index] = []

    def read_bad_lines(inputs: Any, config: Any, on_error: Any, **options: Any) -> Iterator[Document]:
        other.append(Index.open(path) if path.exists() else Index.create(path))
        on_error(InputError("bad.jsonl:1: the object needs a 'text' or an 'html' string"))
        yield from ()

    monkeypatch.setattr(ingest, "read", read_bad_lines)
    assert main(["index", "add", "--no-progress", "--index", str(path), "bad.jsonl"]) == 2
    with other[0] as index:
        assert index.add(make_documents(3)).added == 3
    with Index.open(path, readonly=True) as index:
        assert len(index) == 3 and index.check() == []


def test_an_add_that_loses_the_race_to_create_the_index_adds_to_the_one_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path, source = tmp_path / "sr.db", tmp_path / "a.txt"
    source.write_text(make_text(1))
    create = Index.create.__func__  # type: ignore[attr-defined]

    def create_after_another(cls: type[Index], target: Path, *args: Any, **kwargs: Any) -> Index:
        # Another add, started at the same moment, creates the index first.
        with create(cls, target, *args, **kwargs) as first:
            first.add(make_documents(1, start=7))
        return create(cls, target, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(Index, "create", classmethod(create_after_another))
    assert main(["index", "add", "--no-progress", "--index", str(path), str(source)]) == 0
    assert "overwrite" not in capsys.readouterr().err
    with Index.open(path, readonly=True) as index:
        assert sorted(index.ids()) == sorted(["doc-00007", str(source)])


def test_creating_over_an_empty_file_never_replaces_an_index_made_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An empty file is replaced by a new index; two creations that both saw it empty must
    # not both replace it: the second would throw away what the first has indexed.
    path = tmp_path / "e.db"
    path.write_bytes(b"")
    build = _sqlite._build
    builds: list[Path] = []

    def build_while_another_fills(building: Path, target: Path, metadata: Any) -> None:
        builds.append(building)
        if len(builds) == 1:  # the other creation builds as usual
            with Index.create(target) as other:
                other.add(make_documents(2))
        build(building, target, metadata)

    monkeypatch.setattr(_sqlite, "_build", build_while_another_fills)
    with pytest.raises(IndexStoreError, match="already exists"):
        Index.create(path)
    with Index.open(path, readonly=True) as index:
        assert len(index) == 2 and index.check() == []


def test_an_index_in_a_folder_sqlite_cannot_write_to_can_be_read(
    index_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests often run as root, whom a read-only folder does not stop: this simulates one on
    # its two sides, the folder seen as not writable and SQLite unable to create its log
    # there (its name leads nowhere), which is how it failed: "unable to open database file".
    with Index.create(index_path) as index:
        index.add(make_documents(3))
    Path(f"{index_path}-wal").symlink_to(index_path.parent / "missing" / "log")
    monkeypatch.setattr(_sqlite, "_folder_writable", lambda folder: False, raising=False)
    with Index.open(index_path, readonly=True) as index:
        assert len(index) == 3 and index.candidates(make_text(1), 1)[0].id == "doc-00001"


def test_an_index_in_a_read_only_folder_can_be_read() -> None:
    root = needs_permissions()
    # Not tmp_path: pytest makes its base folder private to the user running the tests.
    folder = Path(tempfile.mkdtemp(prefix="unspun-ro-"))
    try:
        path = folder / "ro.db"
        with Index.create(path) as index:
            index.add(make_documents(3))
        assert not Path(f"{path}-wal").exists(), "the writer's close folds the log into the file"
        path.chmod(0o644)
        folder.chmod(0o555)
        if root:
            read = run_python(f"from unspun.index import Index\n"
                              f"with Index.open({str(path)!r}, readonly=True) as i: print(len(i))", as_nobody=True)
            assert (read.returncode, read.stdout) == (0, "3\n"), read.stderr
        else:
            with Index.open(path, readonly=True) as index:
                assert len(index) == 3
        assert sorted(p.name for p in folder.iterdir()) == ["ro.db"]
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_a_read_only_folder_with_a_log_to_read_is_not_opened_as_unchanging(
    index_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Opened as immutable, SQLite would ignore the committed batches still in the -wal log.
    with Index.create(index_path) as writer:
        writer.add(make_documents(4))
        assert Path(f"{index_path}-wal").stat().st_size > 0
        monkeypatch.setattr(_sqlite, "_folder_writable", lambda folder: False, raising=False)
        with Index.open(index_path, readonly=True) as reader:
            assert len(reader) == 4 and reader.get("doc-00003") is not None
    with Index.open(index_path, readonly=True) as reader:  # no log left: opened as immutable
        assert len(reader) == 4 and reader.candidates(make_text(2), 1)[0].id == "doc-00002"


def test_a_story_stored_more_than_max_postings_times_is_found(index_path: Path) -> None:
    text = make_text(5)
    copies = DEFAULT_MAX_POSTINGS + 1
    with Index.create(index_path) as index:
        index.add(make_documents(20, start=100))
        index.add([Document(f"copy-{i:03d}", "Syndicated", text) for i in range(copies)])
        for query in (text, spin(text, 0.3, seed=5)):
            found = index.candidates(query, 3)
            assert len(found) == 3 and all(c.id.startswith("copy-") for c in found), found
        assert index.candidates(text, 1)[0].score == pytest.approx(1.0)
        # The other stories, whose keys are rare, are found as before.
        assert index.candidates(spin(make_text(107), 0.3, seed=7), 1)[0].id == "doc-00107"
