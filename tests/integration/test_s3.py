"""Inputs in an S3 bucket, read through s3fs (the package a user of ``s3://`` installs) from an
S3 server running here: moto's, which answers S3's HTTP API as AWS does, reached as a bucket
behind another endpoint is reached (``AWS_ENDPOINT_URL_S3``). Nothing is patched between
unspun and the server: fsspec, s3fs, aiobotocore and the HTTP requests are the real ones. The
command line's runs are processes of their own, given the settings as a user gives them."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import without_time
from tests.integration.test_cli import unspun
from tests.integration.test_trace import ORIGINALS, SPUN
from tests.unit.ingest._crawl import ONE_BY_ONE, every_kind_crawl
from unspun.errors import InputError
from unspun.ingest import ReadStats, files_to_read, read
from unspun.pipeline import SOURCE_FOUND

s3fs = pytest.importorskip("s3fs")
moto_server = pytest.importorskip("moto.server", reason="needs moto's server: pip install 'moto[s3]' flask flask-cors")


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """The S3 server's URL: one server for the module, each test with a bucket of its own."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # else a log line for every request
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{server._server.server_port}"
    server.stop()


@pytest.fixture
def store(endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """s3fs on the server, with the settings this process and its children read: the
    endpoint, a key pair, and nothing of this machine's (no user's AWS configuration, no
    instance metadata to ask for credentials)."""
    settings = {"AWS_ENDPOINT_URL_S3": endpoint, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": str(tmp_path / "no-config"),
                "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-credentials"), "AWS_EC2_METADATA_DISABLED": "true"}
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    # fsspec keeps one file system per set of arguments, made with the settings of its day:
    # one made before (another test's, AWS's own endpoint) would be given back.
    s3fs.S3FileSystem.clear_instance_cache()
    yield s3fs.S3FileSystem()
    s3fs.S3FileSystem.clear_instance_cache()


def _bucket(store: Any, files: dict[str, bytes]) -> str:
    """A new bucket holding ``files`` (key: bytes): its name."""
    name = f"unspun-{uuid.uuid4().hex[:12]}"
    store.mkdir(name)
    for key, data in files.items():
        store.pipe(f"{name}/{key}", data)
    store.invalidate_cache()
    return name


def _files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _read(inputs: list[str]) -> tuple[list[tuple[str, str, str]], list[str], ReadStats]:
    errors: list[InputError] = []
    stats = ReadStats()
    documents = [(d.id, d.title, d.text) for d in read(inputs, on_error=errors.append, stats=stats)]
    return documents, [str(error) for error in errors], stats


def test_a_buckets_folder_and_files_are_read_as_the_disks_are(store: Any, tmp_path: Path) -> None:
    crawl = every_kind_crawl(tmp_path / "a crawl")
    bucket = _bucket(store, {f"crawl/{key}": data for key, data in _files_of(crawl).items()})
    url = f"s3://{bucket}/crawl"

    def as_url(value: str) -> str:
        return value.replace(str(crawl), url)

    by_path, path_errors, path_stats = _read([str(crawl)])
    by_url, url_errors, url_stats = _read([url + "/"])
    assert len(by_path) == 8 and len(path_errors) == 1 and path_stats.skipped_files == 5
    assert by_url == [(as_url(i), title, text) for i, title, text in by_path]  # in the same order
    assert url_errors == [as_url(error) for error in path_errors]
    assert (url_stats.skipped_files, url_stats.warc.skipped) == (path_stats.skipped_files, path_stats.warc.skipped)
    assert [str(f) for f in files_to_read([url])] == [as_url(str(f)) for f in files_to_read([str(crawl)])]
    # The files a walk leaves to their names' readers: sniffed (a PDF, JSON Lines without a
    # suffix), unpacked, decoded after a BOM, a WARC a record at a time.
    for name in ONE_BY_ONE:
        assert _read([f"{url}/{name}"])[:2] == ([(as_url(i), t, x) for i, t, x in _read([str(crawl / name)])[0]],
                                                [as_url(e) for e in _read([str(crawl / name)])[1]]), name


def test_keys_fsspec_cannot_walk_are_said_and_a_slash_names_the_folder(store: Any) -> None:
    # A key with a "." segment was passed over as a hidden folder, without a word; "both/"
    # read the file "both" in place of the folder beside it (a review, on this server). Keys
    # with "//" are still lost: s3fs names their prefix ("crawl//") as the folder itself.
    bucket = _bucket(store, {"crawl/a.txt": SPUN.encode(), "crawl/./d.txt": b"Dot.", "both": b"The file.",
                             "both/e.txt": b"The folder's text."})
    documents, errors, _ = _read([f"s3://{bucket}/crawl"])
    assert [d[0] for d in documents] == [f"s3://{bucket}/crawl/a.txt"]
    assert errors == [f"s3://{bucket}/crawl/.: a name with an empty or dot segment, which cannot be listed through "
                      "fsspec; its files were not checked"]
    assert [d[2] for d in _read([f"s3://{bucket}/both/"])[0]] == ["The folder's text."]


def _reports(lines: str) -> list[dict]:
    """The JSON reports of JSON Lines, without the seconds each took."""
    return [without_time(json.loads(line)) for line in lines.splitlines()]


def test_the_command_line_checks_indexes_and_traces_a_bucket(store: Any, tmp_path: Path) -> None:
    crawl = every_kind_crawl(tmp_path / "crawl")
    originals = {f"originals/{d.id}.txt": f"{d.title}\n\n{d.text}".encode() for d in ORIGINALS}
    bucket = _bucket(store, {**{f"crawl/{key}": data for key, data in _files_of(crawl).items()}, **originals,
                             "spun/harbour.txt": SPUN.encode()})
    by_path = unspun("check", str(crawl), "--format", "json", "--no-progress")
    by_url = unspun("check", f"s3://{bucket}/crawl/", "--format", "json", "--no-progress")
    assert by_url.returncode == by_path.returncode == 2, by_url.stderr  # the bad JSON line: an input error
    assert _reports(by_url.stdout) == [{**r, "id": r["id"].replace(str(crawl), f"s3://{bucket}/crawl")}
                                for r in _reports(by_path.stdout)]
    assert by_url.stderr.replace(f"s3://{bucket}/crawl", "CRAWL") == by_path.stderr.replace(str(crawl), "CRAWL")
    index = tmp_path / "originals.db"
    added = unspun("index", "add", "--index", str(index), f"s3://{bucket}/originals/", "--no-progress")
    assert added.returncode == 0, added.stderr
    traced = unspun("trace", "--index", str(index), f"s3://{bucket}/spun/harbour.txt", "--format", "json")
    report = json.loads(traced.stdout)
    assert report["id"] == f"s3://{bucket}/spun/harbour.txt", traced.stderr
    assert report["trace_verdict"] == SOURCE_FOUND and report["matches"][0]["id"] == f"s3://{bucket}/originals/harbour.txt"
    assert report["matches"][0]["substitutions"]


def test_what_a_bucket_cannot_give_is_one_line_each(store: Any, endpoint: str) -> None:
    bucket = _bucket(store, {"crawl/a.txt": SPUN.encode()})
    result = unspun("check", f"s3://no-such-{bucket}/crawl/", f"s3://{bucket}/nothing-here/",
                    f"s3://{bucket}/crawl/a.txt", "--no-progress")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"s3://no-such-{bucket}/crawl/: no such file or folder" in result.stderr
    assert f"s3://{bucket}/nothing-here/: no such file or folder" in result.stderr
    assert f"s3://{bucket}/crawl/a.txt: spun" in result.stdout  # the others do not stop it
    # An endpoint where no server listens (a wrong setting, a store that is down): one line.
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    down = subprocess.run([sys.executable, "-m", "unspun", "check", f"s3://{bucket}/crawl/", "--no-progress"],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "AWS_ENDPOINT_URL_S3": f"http://127.0.0.1:{port}"})
    assert down.returncode == 2 and "Traceback" not in down.stderr, down.stderr
    assert down.stderr == (f"unspun: error: s3://{bucket}/crawl/: cannot be read (Could not connect to the endpoint URL: "
                           f"\"http://127.0.0.1:{port}/{bucket}/crawl\")\n")


def test_spark_reads_a_bucket_on_its_executors(store: Any, tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    crawl = every_kind_crawl(tmp_path / "crawl")
    bucket = _bucket(store, {f"crawl/{key}": data for key, data in _files_of(crawl).items()})
    output = tmp_path / "reports"
    result = subprocess.run([sys.executable, "-m", "unspun", "spark", "check", f"s3://{bucket}/crawl/", "-o",
                             str(output), "--master", "local[1]"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 2, result.stderr  # the bad JSON line
    by_path = _reports(unspun("check", str(crawl), "--format", "json", "--no-progress").stdout)
    by_spark = _reports("".join(part.read_text(encoding="utf-8") for part in sorted(output.glob("part-*"))))
    assert by_spark == [{**r, "id": r["id"].replace(str(crawl), f"s3://{bucket}/crawl")}
                                       for r in by_path]
