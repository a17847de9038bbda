"""Reading cases a helper's audit of offsets and encodings found wrong (session 50); each failed before."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from unspun.errors import InputError, NotTextError
from unspun.ingest import read
from unspun.ingest._decode import decode

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


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_text_without_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    # iconv -t UTF-16LE and some exporters write no mark: the article was "not text (binary data)".
    text = f"“{ARTICLE}” — a quote.\n\nA second paragraph follows."
    (tmp_path / "article.txt").write_bytes(text.encode(encoding))
    documents = list(read([str(tmp_path / "article.txt")]))
    assert [d.text for d in documents] == [text]
    assert documents[0].meta["encoding"] == f"{encoding} (no byte-order mark)"


def test_binary_data_shaped_like_utf16_stays_binary() -> None:
    # Little numbers in 16-bit words have UTF-16's zero bytes but read as control characters.
    samples = bytes(value for n in range(400) for value in (n % 31 + 1, 0))
    with pytest.raises(NotTextError, match="not text"):
        decode(samples, "samples.bin")
    with pytest.raises(NotTextError, match="NUL"):
        decode(ARTICLE.encode("utf-16-le") + b"\x00\x00" + ARTICLE.encode("utf-16-le"), "nul.txt")


def test_a_declared_utf16_charset_is_trusted_only_with_zero_bytes() -> None:
    # A page served as UTF-16 in a script without zero high bytes was refused as binary; a
    # UTF-8 page whose meta tag says UTF-16 was read as a run of CJK characters.
    russian = "Совет утвердил бюджет в понедельник после долгих споров о состоянии дорог."
    assert decode(russian.encode("utf-16-le"), "page", "utf-16le") == (russian, "utf-16le")
    assert decode(ARTICLE.encode("utf-8"), "page", "utf-16") == (ARTICLE, "utf-8")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_json_lines_without_a_byte_order_mark_are_read(tmp_path: Path, encoding: str) -> None:
    # On stdin they became one prose document (exit 0, the raw JSON "clean"); in a file each
    # line was "invalid utf-16-le at byte ...".
    lines = "".join(json.dumps({"id": f"doc-{n}", "text": ARTICLE}) + "\n" for n in range(3))
    (tmp_path / "records.jsonl").write_bytes(lines.encode(encoding))
    expected = [(f"doc-{n}", ARTICLE) for n in range(3)]
    for inputs, stdin in (([str(tmp_path / "records.jsonl")], None), (["-"], lines.encode(encoding))):
        documents, errors = _read(inputs, stdin)
        assert errors == [] and documents == expected, (inputs, errors)


def test_a_declared_utf16_charset_does_not_turn_a_stray_nul_into_text() -> None:
    # A UTF-8 page with one stray NUL under a UTF-16 label was read as CJK characters ("clean").
    # It is its UTF-8 text: a stray NUL makes no page binary (session 64).
    assert decode((ARTICLE * 3).encode("utf-8") + b"\x00", "page", "utf-16") == (ARTICLE * 3 + "\x00", "utf-8")
    chinese = "理事会周一在关于道路状况的长时间辩论后批准了预算" * 3  # no zero bytes in UTF-16, not UTF-8
    assert decode(chinese.encode("utf-16-le"), "page", "utf-16le") == (chinese, "utf-16le")


def test_read_names_its_wrong_arguments() -> None:
    # config=None was an AttributeError at the first file; bytes a TypeError about ints.
    with pytest.raises(TypeError, match="must be a ReadConfig, not NoneType"):
        list(read(["x.txt"], config=None))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"not one bytes; wrap it in a list: read\(\['page.html'\]\)"):
        list(read(b"page.html"))  # type: ignore[arg-type]
