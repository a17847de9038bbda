"""Inputs named by URL (unspun.ingest._remote). An object store's URL is listed and read
through fsspec: here with fsspec's own in-memory store (``memory://``) and its local one
(``local://``), which go through the same code as ``s3://`` and ``gs://``; S3 itself, through
s3fs, in tests/integration/test_s3.py. A ``file://`` URL is read as the name of the file it
names."""

from __future__ import annotations

import importlib.util
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.ingest._crawl import ONE_BY_ONE, PAGE, SPUN, every_kind_crawl
from unspun.config import ReadConfig
from unspun.errors import InputError
from unspun.ingest import ReadStats, files_to_read, read

fsspec = pytest.importorskip("fsspec")


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    """A folder of every kind unspun reads, with what a walk passes over."""
    return every_kind_crawl(tmp_path / "a crawl")


@pytest.fixture
def stored(crawl: Path, tmp_path: Path) -> Iterator[str]:
    """The crawl's files copied into fsspec's in-memory store: its URL."""
    store = fsspec.filesystem("memory")
    root = f"/{tmp_path.name}"
    for path in crawl.rglob("*"):
        if path.is_file():
            store.pipe(f"{root}/{path.relative_to(crawl)}", path.read_bytes())
    yield f"memory:/{root}"
    store.rm(root, recursive=True)


def _read(inputs: list[str], config: ReadConfig = ReadConfig()) -> tuple[list[tuple[str, str, str]], list[str],
                                                                          ReadStats]:
    errors: list[InputError] = []
    stats = ReadStats()
    documents = [(d.id, d.title, d.text) for d in read(inputs, config, on_error=errors.append, stats=stats)]
    return documents, [str(error) for error in errors], stats


def test_a_stores_folder_is_read_as_the_folder_on_disk_is(crawl: Path, stored: str) -> None:
    by_path, path_errors, path_stats = _read([str(crawl)])
    by_url, url_errors, url_stats = _read([stored])
    # A folder's walk reads the files whose names it knows (not story.html.gz, bare, paper).
    assert len(by_path) == 8 and len(path_errors) == 1 and path_stats.skipped_files == 5  # the bad JSON line

    def as_url(value: str) -> str:
        return value.replace(str(crawl), stored)

    assert by_url == [(as_url(i), title, text) for i, title, text in by_path]  # in the same order
    assert url_errors == [as_url(error) for error in path_errors]
    assert (url_stats.skipped_files, url_stats.warc.skipped) == (path_stats.skipped_files, path_stats.warc.skipped)
    assert [str(f) for f in files_to_read([stored])] == [as_url(str(f)) for f in files_to_read([str(crawl)])]


def test_a_stores_file_is_read_by_its_names_reader(crawl: Path, stored: str) -> None:
    # A .jsonl whose first line is not JSON is JSON Lines still; a .txt of HTML is text;
    # UTF-16 JSON Lines are read after their BOM; a name that does not tell is sniffed, and a
    # PDF so found is held to its text, not its bytes, as a file on disk is.
    store = fsspec.filesystem("memory")
    store.pipe(f"{stored.removeprefix('memory:/')}/bad-first.jsonl",
               b"not json\n" + json.dumps({"id": "x", "text": SPUN}).encode() + b"\n")
    (crawl / "bad-first.jsonl").write_text("not json\n" + json.dumps({"id": "x", "text": SPUN}) + "\n")
    store.pipe(f"{stored.removeprefix('memory:/')}/markup.txt", PAGE.encode())
    (crawl / "markup.txt").write_text(PAGE)
    small = ReadConfig(max_bytes=300)
    for name in ("bad-first.jsonl", "markup.txt", *ONE_BY_ONE):
        by_path = _read([str(crawl / name)], small)
        by_url = _read([f"{stored}/{name}"], small)
        assert [d[1:] for d in by_url[0]] == [d[1:] for d in by_path[0]] != [], name
        assert len(by_url[1]) == len(by_path[1]), name


def test_a_file_url_is_read_as_the_name_of_the_file_it_names(crawl: Path, tmp_path: Path) -> None:
    # Links, pipes and devices as the disk's walk treats them: fsspec lists a link to a
    # folder as "other", and would have read a named pipe without end (a review).
    (crawl / "linked").symlink_to(crawl / "b" / "deeper")
    (tmp_path / "elsewhere.txt").write_text("A text reached through a link.")
    (crawl / "link.txt").symlink_to(tmp_path / "elsewhere.txt")
    assert _read([f"file://{crawl}"]) == _read([str(crawl)])
    assert _read([f"file://localhost{crawl}/z.txt"])[0] == _read([str(crawl / "z.txt")])[0]
    assert [str(f) for f in files_to_read([f"file://{crawl}"])] == [str(f) for f in files_to_read([str(crawl)])]


def test_what_is_no_file_in_a_stores_folder_is_passed_over(tmp_path: Path) -> None:
    # A socket (a pipe would be read without end) in a folder fsspec's local store lists.
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SPUN)
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(folder / "s.txt"))
        documents, errors, stats = _read([f"local://{folder}"])
        assert [d[0] for d in documents] == [f"local://{folder}/a.txt"] and errors == [] and stats.skipped_files == 1
        named = _read([f"local://{folder}/s.txt"])
    assert named[0] == [] and named[1] == [f"local://{folder}/s.txt: not a file or folder to read (fsspec lists it "
                                           "as 'other')"]


def test_a_folder_of_a_store_that_cannot_be_listed_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # fsspec's walk omits such a folder unless asked: its files went unchecked, exit 0 (a review).
    from fsspec.implementations.local import LocalFileSystem

    for name in ("in/open", "in/shut"):
        (tmp_path / name).mkdir(parents=True)
        (tmp_path / name / "a.txt").write_text(SPUN)
    listed = LocalFileSystem.ls

    def refusing(self: LocalFileSystem, path: str, *args: object, **kwargs: object) -> object:
        if path.rstrip("/").endswith("/shut"):
            raise PermissionError(13, "Permission denied", path)
        return listed(self, path, *args, **kwargs)

    monkeypatch.setattr(LocalFileSystem, "ls", refusing)
    documents, errors, _ = _read([f"local://{tmp_path}/in"])
    assert [d[0] for d in documents] == [f"local://{tmp_path}/in/open/a.txt"]
    assert errors == [f"local://{tmp_path}/in/shut: folder cannot be read ([Errno 13] Permission denied: "
                      f"'{tmp_path}/in/shut'); its files were not checked"]


def test_a_stores_url_keeps_its_host_in_each_files_name(stored: str) -> None:
    # hdfs://namenode:8020/crawl/ was listed as hdfs:///crawl/... (fsspec strips the host):
    # each file is now the URL as given and its path below it.
    given = stored.replace("memory://", "memory:///")
    names = [str(f) for f in files_to_read([given])]
    assert names and all(name.startswith(given + "/") for name in names)


def test_what_cannot_be_read_is_one_line_each(tmp_path: Path) -> None:
    # gs://, whose package (gcsfs) the tests do not install: s3fs is (test_s3), and would ask AWS.
    documents, errors, _ = _read(["memory://nowhere/crawl/", "nosuch://bucket/crawl/", "gs://bucket/crawl/",
                                  "file://another/crawl/"])
    assert documents == []
    assert errors[0] == "memory://nowhere/crawl/: no such file or folder"
    assert errors[1].startswith("nosuch://bucket/crawl/: no reader for nosuch:// URLs")
    if importlib.util.find_spec("gcsfs") is None:  # else the bucket is asked for, and cannot be reached
        assert errors[2] == "gs://bucket/crawl/: reading gs:// needs gcsfs (pip install gcsfs, where the inputs are read)"
    else:
        assert errors[2].startswith("gs://bucket/crawl/: ")
    assert errors[3] == "file://another/crawl/: a file URL of another machine; name the file on this one"
    listing: list[InputError] = []
    assert list(files_to_read(["gs://bucket/crawl/"], on_error=listing.append)) == [] and len(listing) == 1


def test_a_json_file_in_a_store_is_read_as_one_on_disk_is() -> None:
    store = fsspec.filesystem("memory")
    store.pipe("/json-files/pretty.json", b'{\n  "title": "Talks",\n  "text": "We trained an irregular woodland."\n}\n')
    store.pipe("/json-files/lines.json", b'{"id": "x", "text": "A line."}\n{"id": "y", "text": "Another."}\n')
    store.pipe("/json-files/one.json", b'{"text": "One line, no id."}\n')
    try:
        documents, errors, _ = _read(["memory://json-files/pretty.json", "memory://json-files/lines.json",
                                      "memory://json-files/one.json"])
    finally:
        store.rm("/json-files", recursive=True)
    assert (documents, errors) == ([("memory://json-files/pretty.json", "Talks", "We trained an irregular woodland."),
                                    ("x", "", "A line."), ("y", "", "Another."),
                                    ("memory://json-files/one.json", "", "One line, no id.")], [])


def test_a_web_server_that_cannot_be_reached_is_no_missing_file(tmp_path: Path) -> None:
    # fsspec's HTTP store raises FileNotFoundError for a refused connection too: it was "no such
    # file or folder" (an audit, session 62). A real server, and a port where none listens.
    pytest.importorskip("aiohttp")  # fsspec's HTTP file system
    import functools
    import http.server
    import threading

    (tmp_path / "story.txt").write_text(SPUN)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        nobody = closed.getsockname()[1]  # free once closed: nothing listens there
    try:
        site = f"http://127.0.0.1:{server.server_address[1]}"
        documents, errors, _ = _read([f"{site}/story.txt", f"{site}/missing.txt", f"http://127.0.0.1:{nobody}/story.txt"])
    finally:
        server.shutdown()
        server.server_close()
    assert [text for _, _, text in documents] == [SPUN.strip()]
    assert errors[0] == f"{site}/missing.txt: no such file or folder"
    assert errors[1].startswith(f"http://127.0.0.1:{nobody}/story.txt: cannot be read (Cannot connect to host")


def test_a_url_over_the_size_limit_is_refused_as_a_file_is(stored: str) -> None:
    documents, errors, _ = _read([f"{stored}/z.txt"], ReadConfig(max_bytes=10))
    assert documents == [] and "over the limit" in errors[0] and errors[0].startswith(f"{stored}/z.txt")


def test_a_report_or_an_index_inside_a_folder_named_by_file_url_is_refused(crawl: Path) -> None:
    from tests.integration.test_cli import unspun

    result = unspun("check", f"file://{crawl}", "-o", str(crawl / "a" / "out.jsonl"), "--no-progress")
    assert result.returncode == 2 and f"inside the input folder {crawl}" in result.stderr
    assert not (crawl / "a" / "out.jsonl").exists()
    added = unspun("index", "add", "--index", str(crawl / "originals.txt"), f"file://{crawl}", "--no-progress")
    assert added.returncode == 2 and "inside the input folder" in added.stderr
    stored = unspun("trace", "--index", "s3://bucket/originals.db", str(crawl / "z.txt"))
    assert stored.returncode == 2 and "an index is a file of this machine (SQLite), not a URL" in stored.stderr


def test_a_stores_failure_in_the_middle_of_a_read_is_that_files_error(stored: str,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # An error of the store's own (not an OSError: aiohttp's, gcsfs's) escaped as a
    # traceback, ending the run, or on Spark the job (a review).
    from fsspec.implementations.memory import MemoryFile

    def failing(self: MemoryFile, size: int = -1) -> bytes:
        raise RuntimeError("connection reset by the store")

    monkeypatch.setattr(MemoryFile, "read", failing)
    documents, errors, _ = _read([f"{stored}/z.txt", f"{stored}/a/lines.jsonl", f"{stored}/b/crawl.warc.gz"])
    assert documents == [] and len(errors) == 3
    assert all("the store's read failed: connection reset by the store" in error for error in errors)


def test_a_stores_root_and_its_odd_listings_are_walked_once_each(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # "memory://" was cut to "memory:" in each file's name; a store that lists a folder's
    # names with its protocol, or the folder itself in another form, gave wrong names or
    # walked for ever (a review).
    store = fsspec.filesystem("memory")
    root = f"/{tmp_path.name}"
    store.pipe(f"{root}/a.txt", SPUN.encode())
    store.pipe(f"{root}/sub/b.txt", b"Another text, one folder down.")
    from fsspec.implementations.memory import MemoryFileSystem

    listed = MemoryFileSystem.ls

    def odd(self: MemoryFileSystem, path: str, detail: bool = True, **kwargs: object) -> list[dict]:
        entries = listed(self, path, detail=True, **kwargs)
        itself = {"name": f"{path.lstrip('/')}/", "type": "directory", "size": 0}  # itself, in another form
        return [*({**entry, "name": f"memory://{entry['name']}"} for entry in entries), itself]

    monkeypatch.setattr(MemoryFileSystem, "ls", odd)
    documents, errors, _ = _read([f"memory://{root}"])
    assert [d[0] for d in documents] == [f"memory://{root}/a.txt", f"memory://{root}/sub/b.txt"] and errors == []
    monkeypatch.undo()
    top = [str(name) for name in files_to_read(["memory://"]) if tmp_path.name in str(name)]
    assert top == [f"memory://{tmp_path.name}/a.txt", f"memory://{tmp_path.name}/sub/b.txt"]
    assert [d[2] for d in _read(top)[0]] == [SPUN, "Another text, one folder down."]
    store.rm(root, recursive=True)
