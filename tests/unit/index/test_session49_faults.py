"""Index paths a helper's audit found handled badly (session 49); each test failed before."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.conftest import needs_permissions, run_python


@pytest.mark.parametrize("how", ["open", "create"])
def test_a_named_pipe_as_the_index_is_refused_not_read_for_ever(tmp_path: Path, how: str) -> None:
    pipe = tmp_path / "index.db"
    os.mkfifo(pipe)
    call = f"Index.open({str(pipe)!r})" if how == "open" else f"Index.create({str(pipe)!r})"
    run = run_python(f"from unspun.index import Index\ntry:\n    {call}\nexcept Exception as error:\n    print(error)")
    assert run.stdout.strip() == f"{pipe} is not a regular file (a pipe, a device or a socket), not an unspun index", \
        run.stderr


def test_an_index_in_a_folder_without_write_permission_says_so() -> None:
    root = needs_permissions()
    folder = Path(tempfile.mkdtemp(prefix="unspun-ro-"))  # not tmp_path: private to the test's user
    try:
        folder.chmod(0o555)
        path = folder / "new.db"
        run = run_python(f"from unspun.index import Index\ntry:\n    Index.create({str(path)!r})\n"
                      f"except Exception as error:\n    print(error)", as_nobody=root)
        assert run.stdout.strip() == f"cannot create {path}: the folder {folder} is not writable (permission denied)", \
            run.stderr
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_an_index_is_created_where_its_link_leads(tmp_path: Path) -> None:
    # A dangling link was refused as a file that "already exists", and a link to an empty
    # file was itself replaced by the index, its target left empty.
    from unspun.index import Index
    from unspun.models import Document

    (tmp_path / "empty.db").touch()
    (tmp_path / "to-empty.db").symlink_to("empty.db")
    (tmp_path / "dangling.db").symlink_to("new.db")
    for link, target in (("to-empty.db", "empty.db"), ("dangling.db", "new.db")):
        with Index.create(tmp_path / link) as index:
            index.add([Document("a", "", "An original article about the harbour and its ships.")])
        assert (tmp_path / link).is_symlink()
        with Index.open(tmp_path / target, readonly=True) as index:
            assert len(index) == 1


@pytest.mark.parametrize("how", ["open", "create"])
def test_a_loop_of_links_as_the_index_is_named_as_one(tmp_path: Path, how: str) -> None:
    # Creating it said the path "already exists" and opening it that there was "no index".
    from unspun.errors import IndexStoreError
    from unspun.index import Index

    (tmp_path / "a.db").symlink_to("b.db")
    (tmp_path / "b.db").symlink_to("a.db")
    with pytest.raises(IndexStoreError, match=r"a\.db is a loop of symbolic links"):
        getattr(Index, how)(tmp_path / "a.db")


def test_flags_given_as_strings_are_refused(tmp_path: Path) -> None:
    # overwrite="no" replaced an existing index; readonly="false" opened it read-only.
    from unspun.index import Index

    path = tmp_path / "kept.idx"
    Index.create(path).close()
    with pytest.raises(TypeError, match="overwrite must be True or False"):
        Index.create(path, overwrite="no")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="readonly must be True or False"):
        Index.open(path, readonly="false")  # type: ignore[arg-type]
    assert path.exists()
