"""Reading cases a helper's audit of offsets and encodings found wrong (session 50); each failed before."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from unspun.errors import InputError
from unspun.ingest import read

ARTICLE = "The council approved the budget on Monday after a long debate about the state of the roads."


def _read(inputs: list[str], stdin: bytes | None = None) -> tuple[list[tuple[str, str]], list[str]]:
    errors: list[InputError] = []
    stream = io.BytesIO(stdin) if stdin is not None else None
    documents = list(read(inputs, on_error=errors.append, stdin=stream))
    return [(d.id, d.text) for d in documents], [str(e) for e in errors]


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be-bom"])
def test_utf32_text_is_read_as_utf32_not_as_utf16_full_of_nuls(tmp_path: Path, encoding: str) -> None:
    # Little-endian UTF-32's mark opens with UTF-16's: the text had a NUL between every two
    # letters, and a spun page was reported "clean" with exit status 0.
    data = (b"\x00\x00\xfe\xff" + ARTICLE.encode("utf-32-be")) if encoding == "utf-32-be-bom" else ARTICLE.encode("utf-32")
    (tmp_path / "article.txt").write_bytes(data)
    for inputs, stdin in (([str(tmp_path / "article.txt")], None), (["-"], data)):
        documents, errors = _read(inputs, stdin)
        assert errors == [] and [text for _, text in documents] == [ARTICLE]


def test_utf32_json_lines_are_read(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"doc-{n}", "text": ARTICLE}) + "\n" for n in range(2))
    (tmp_path / "records.jsonl").write_bytes(lines.encode("utf-32"))
    for inputs, stdin in (([str(tmp_path / "records.jsonl")], None), (["-"], lines.encode("utf-32"))):
        documents, errors = _read(inputs, stdin)
        assert errors == [] and documents == [("doc-0", ARTICLE), ("doc-1", ARTICLE)]


def test_nul_characters_after_a_byte_order_mark_are_not_text(tmp_path: Path) -> None:
    (tmp_path / "odd.txt").write_bytes(("\x00".join(ARTICLE)).encode("utf-16"))
    documents, errors = _read([str(tmp_path / "odd.txt")])
    assert documents == [] and len(errors) == 1 and "not text (NUL characters" in errors[0]


def test_an_over_limit_warc_record_is_not_given_a_size_it_does_not_have(tmp_path: Path) -> None:
    # Read up to the limit and a byte, a 5 KB page was "1,001 bytes ... over the limit of 1,000".
    from tests.conftest import write_warc
    from unspun.config import ReadConfig

    page = f"<html><body><article><p>{ARTICLE * 60}</p></article></body></html>".encode()
    warc = write_warc(tmp_path / "crawl.warc", [("http://a.example/1", "text/html", page)])
    errors: list[InputError] = []
    assert list(read([str(warc)], ReadConfig(max_bytes=1000), on_error=errors.append)) == []
    assert [str(error) for error in errors] == [
        "http://a.example/1: more than 1,000 bytes, over the limit (raise it with --max-bytes)"]
