"""Folders walked without recursion (unspun.ingest._walk), and links that lead nowhere."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from unspun.errors import InputError
from unspun.ingest import read
from unspun.ingest._walk import walk


def _tree(root: Path) -> None:
    for folder in ("b/x", "b/y/z", "a", ".hidden", "c"):
        (root / folder).mkdir(parents=True)
    for file in ("top.txt", "b/one.txt", "b/y/two.txt", "b/y/z/three.txt", "a/four.txt", ".hidden/five.txt"):
        (root / file).write_text("A text.")
    (root / "c" / "back").symlink_to(root / "b")  # a link to a folder, walked through
    (root / "link.txt").symlink_to(root / "top.txt")
    (root / "gone").symlink_to(root / "nowhere")  # a dangling link: a file to the walk


def _listed(walked):
    return [(root, sorted(folders), sorted(files)) for root, folders, files in walked]


def test_the_walk_is_os_walks_following_links(tmp_path: Path) -> None:
    _tree(tmp_path)
    ours = [(root, folders, files) for root, folders, files in walk(tmp_path)]
    theirs = list(os.walk(tmp_path, followlinks=True))
    assert _listed(ours) == _listed(theirs)


def test_pruning_the_folder_list_is_honoured_as_os_walk_honours_it(tmp_path: Path) -> None:
    _tree(tmp_path)

    def pruned(walked):
        seen = []
        for root, folders, files in walked:
            folders[:] = sorted(name for name in folders if name not in ("c", ".hidden"))
            seen.append((root, list(folders), sorted(files)))
        return seen

    assert pruned(walk(tmp_path)) == pruned(os.walk(tmp_path, followlinks=True))


def test_a_folder_that_cannot_be_listed_goes_to_onerror(tmp_path: Path) -> None:
    errors: list[OSError] = []
    assert list(walk(tmp_path / "missing", onerror=errors.append)) == []
    assert len(errors) == 1 and isinstance(errors[0], FileNotFoundError)


@pytest.fixture
def deep_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """``tmp_path`` with a text at its top and one 1,200 folders below (yielded: the bottom
    folder, relative to ``tmp_path``, the working folder during the test)."""
    (tmp_path / "top.txt").write_text("A text at the top.")
    monkeypatch.chdir(tmp_path)  # the working folder is put back after the test
    for _ in range(1200):  # a step at a time: os.makedirs recurses too
        os.mkdir("d")
        os.chdir("d")
    Path("deep.txt").write_text("A text at the bottom.")
    os.chdir(tmp_path)
    bottom = Path(*["d"] * 1200)
    yield bottom
    os.chdir(bottom)  # climbed out a step at a time: pytest's own clean-up recurses too
    for name in os.listdir():  # deep.txt, and what the test wrote beside it
        os.unlink(name)
    for _ in range(1200):
        os.chdir("..")
        os.rmdir("d")


def test_a_folder_1200_levels_deep_is_read(tmp_path: Path, deep_tree: Path) -> None:
    # Python 3.11's os.walk recursed once per level: RecursionError, an unexpected failure
    # with exit 70 (a hostile-input audit, session 57). Each folder's real path was then
    # asked of every folder above it, in Python: 22 s for this tree (session 60).
    documents = list(read([tmp_path]))
    assert [d.text for d in documents] == ["A text at the top.", "A text at the bottom."]


def test_an_output_at_the_bottom_of_a_deep_input_folder_is_found(tmp_path: Path, deep_tree: Path) -> None:
    from unspun.cli._common import _walk_reaches

    assert _walk_reaches(tmp_path / deep_tree / "out.jsonl", tmp_path) == tmp_path / deep_tree / "out.jsonl"
    assert _walk_reaches(tmp_path / deep_tree / "out.unknown", tmp_path) is None  # a name the walk does not read


def test_a_link_round_in_a_loop_or_to_nothing_says_so(tmp_path: Path) -> None:
    # Both were "no such file or folder" (a hostile-input audit, session 57).
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere.txt")
    errors: list[InputError] = []
    assert list(read([tmp_path / "loop", tmp_path / "dangling", tmp_path / "absent"], on_error=errors.append)) == []
    assert [str(error) for error in errors] == [
        f"{tmp_path}/loop: a link that leads round in a loop (too many levels of links)",
        f"{tmp_path}/dangling: a link to {tmp_path}/nowhere.txt, which does not exist",
        f"{tmp_path}/absent: no such file or folder",
    ]
