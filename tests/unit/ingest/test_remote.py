"""Inputs named by URL (unspun.ingest._remote), read through fsspec. ``file://`` URLs go
through the same code as an object store's (fsspec's listing and streams); the stores
themselves cannot be reached from here."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from tests.conftest import write_warc
from tests.unit.ingest._hand_made_pdfs import pages_pdf
from unspun.errors import InputError
from unspun.ingest import ReadStats, files_to_read, read

SPUN = "The old port in Westport resumed on Tuesday after two years of fixings, the harbour authority stated."
PAGE = "<html><head><title>Harbour</title></head><body><article><p>" + SPUN + "</p></article></body></html>"


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    """A folder of every kind unspun reads, with what a walk passes over."""
    folder = tmp_path / "a crawl"
    for sub in ("b/deeper", "a", ".hidden"):
        (folder / sub).mkdir(parents=True)
    (folder / "z.txt").write_text("A text at the top, read before the subfolders.")
    (folder / "page.html").write_text(PAGE)
    (folder / "story.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / ".secret.txt").write_text("Hidden.")
    (folder / ".hidden" / "inside.txt").write_text("Hidden too.")
    (folder / "a" / "lines.jsonl").write_text("\n".join([
        json.dumps({"id": "one", "text": SPUN}), "not json", json.dumps({"id": "two", "text": "Another text."})]))
    (folder / "a" / "paper.pdf").write_bytes(pages_pdf([["A paper on forests and their growth."]]))
    write_warc(folder / "b" / "crawl.warc.gz", [("https://example.org/a", "text/html", PAGE.encode()),
                                                ("https://example.org/i.png", "image/png", b"\x89PNG")], gzip=True)
    (folder / "b" / "deeper" / "last.txt").write_text("The last text, deepest in the tree.")
    (folder / "b" / "bare").write_text(json.dumps({"id": "sniffed", "text": "A JSON line in a file without a suffix."}))
    return folder


def url(path: Path) -> str:
    """A file URL as fsspec and Hadoop read them: the name as it is written (Path.as_uri()
    would write a space as "%20", which they read as three characters)."""
    return f"file://{path}"


def _read(inputs: list[str]) -> tuple[list[tuple[str, str, str]], list[str], ReadStats]:
    errors: list[InputError] = []
    stats = ReadStats()
    documents = [(d.id, d.title, d.text) for d in read(inputs, on_error=errors.append, stats=stats)]
    return documents, [str(error) for error in errors], stats


def test_a_folder_url_is_read_as_the_folder_is(crawl: Path) -> None:
    crawl_url = url(crawl)
    by_path, path_errors, path_stats = _read([str(crawl)])
    by_url, url_errors, url_stats = _read([crawl_url])
    # A folder's walk reads files of the types it knows by name: not story.html.gz or bare.
    assert len(by_path) == 7 and len(path_errors) == 1 and path_stats.skipped_files == 4  # the bad JSON line

    def as_url(value: str) -> str:
        return value.replace(str(crawl), crawl_url)

    assert by_url == [(as_url(i), title, text) for i, title, text in by_path]
    assert url_errors == [as_url(error) for error in path_errors]
    assert (url_stats.skipped_files, url_stats.warc.skipped) == (path_stats.skipped_files, path_stats.warc.skipped)
    assert [str(f) for f in files_to_read([crawl_url])] == [as_url(str(f)) for f in files_to_read([str(crawl)])]


def test_a_file_url_is_read_by_its_names_reader(crawl: Path) -> None:
    # A .jsonl whose first line is not JSON is still JSON Lines (it was one text when sniffed).
    (crawl / "bad-first.jsonl").write_text("not json\n" + json.dumps({"id": "x", "text": SPUN}) + "\n")
    # A .txt of HTML is text, as a file on disk is.
    (crawl / "markup.txt").write_text(PAGE)
    # Named, a file whose name does not tell is read as what it starts as.
    for name in ("bad-first.jsonl", "markup.txt", "a/paper.pdf", "story.html.gz", "b/bare", "b/crawl.warc.gz"):
        by_path = _read([str(crawl / name)])
        by_url = _read([url(crawl / name)])
        assert [d[1:] for d in by_url[0]] == [d[1:] for d in by_path[0]] != []
        assert len(by_url[1]) == len(by_path[1])


def test_what_cannot_be_read_is_one_line_each(tmp_path: Path) -> None:
    documents, errors, _ = _read([url(tmp_path / "missing.txt"), "nosuch://bucket/crawl/",
                                  "s3://bucket/crawl/"])
    assert documents == []
    assert errors[0] == f"{url(tmp_path / 'missing.txt')}: no such file or folder"
    assert errors[1].startswith("nosuch://bucket/crawl/: no reader for nosuch:// URLs")
    if importlib.util.find_spec("s3fs") is None:  # else the bucket is asked for, and cannot be reached
        assert errors[2] == "s3://bucket/crawl/: reading s3:// needs s3fs (pip install s3fs, where the inputs are read)"
    else:
        assert errors[2].startswith("s3://bucket/crawl/: ")
    listing: list[InputError] = []
    assert list(files_to_read(["s3://bucket/crawl/"], on_error=listing.append)) == [] and len(listing) == 1


def test_a_url_over_the_size_limit_is_refused_as_a_file_is(crawl: Path) -> None:
    from unspun.config import ReadConfig

    errors: list[InputError] = []
    assert list(read([url(crawl / "z.txt")], ReadConfig(max_bytes=10), on_error=errors.append)) == []
    assert "over the limit" in str(errors[0]) and str(errors[0]).startswith(url(crawl / "z.txt"))


def test_a_report_or_an_index_inside_a_folder_named_by_file_url_is_refused(crawl: Path) -> None:
    from tests.integration.test_cli import unspun

    result = unspun("check", url(crawl), "-o", str(crawl / "a" / "out.jsonl"), "--no-progress")
    assert result.returncode == 2 and f"inside the input folder {crawl}" in result.stderr
    assert not (crawl / "a" / "out.jsonl").exists()
    added = unspun("index", "add", "--index", str(crawl / "originals.txt"), url(crawl), "--no-progress")
    assert added.returncode == 2 and "inside the input folder" in added.stderr
