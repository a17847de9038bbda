"""Bad input the readers must refuse with a clear InputError: never a hang, a traceback or a
document that later breaks a writer."""

import io
import os
import random
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import write_warc
from unspun.config import ReadConfig
from unspun.errors import DamagedArchiveError, EmptyInputError, InputError, MalformedInputError, TooLargeError
from unspun.ingest import read, read_path
from unspun.ingest._decode import decode
from unspun.ingest.warc import read_warc

# --- size limits on things that are not regular files, and on huge limits -------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_device_stops_at_the_limit(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist here")
    with pytest.raises(TooLargeError, match="more than 100 bytes"):
        list(read_path(Path(device), ReadConfig(max_bytes=100)))


def test_fifo_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    # A FIFO's stat size is 0; the writer counts what the reader took before it hung up.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    chunk = b"word " * 10_000
    offered = 200 * len(chunk)
    written = [0]

    def writer() -> None:
        with fifo.open("wb") as out:
            try:
                for _ in range(offered // len(chunk)):
                    out.write(chunk)
                    out.flush()
                    written[0] += len(chunk)
            except BrokenPipeError:
                pass

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        with pytest.raises(TooLargeError):
            list(read_path(fifo, ReadConfig(max_bytes=1000)))
    finally:
        thread.join(timeout=30)
    assert written[0] < offered // 4  # the reader stopped early; the writer saw a broken pipe


def _pipe(data: bytes) -> io.BufferedReader:
    """A real pipe holding ``data``: its read(n) allocates n bytes up front, unlike BytesIO."""
    read_end, write_end = os.pipe()
    os.write(write_end, data)
    os.close(write_end)
    return os.fdopen(read_end, "rb")


@pytest.mark.parametrize("limit", [10**12, 99999999999999999999999])
def test_standard_input_with_a_huge_limit(limit: int) -> None:
    with _pipe(b"Some text from a pipe.") as stdin:
        (document,) = list(read(["-"], ReadConfig(max_bytes=limit), stdin=stdin))
    assert document.text == "Some text from a pipe."


@pytest.mark.parametrize("limit", [10**12, 99999999999999999999999])
def test_jsonl_with_a_huge_limit(tmp_path: Path, limit: int) -> None:
    rows = b'{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n'
    path = tmp_path / "docs.jsonl"
    path.write_bytes(rows)
    assert [d.id for d in read_path(path, ReadConfig(max_bytes=limit))] == ["a", "b"]
    with _pipe(rows) as stdin:
        assert [d.id for d in read(["-"], ReadConfig(max_bytes=limit), stdin=stdin)] == ["a", "b"]


def test_standard_input_over_the_limit() -> None:
    with _pipe(b"word " * 1000) as stdin, pytest.raises(TooLargeError, match="stdin: more than 100 bytes"):
        list(read(["-"], ReadConfig(max_bytes=100), stdin=stdin))


def test_closed_standard_input_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)  # what Python sets when descriptor 0 is closed
    with pytest.raises(InputError, match="standard input is closed"):
        list(read(["-"]))
    errors: list[InputError] = []
    assert list(read(["-"], on_error=errors.append)) == []
    assert len(errors) == 1


def test_unreadable_standard_input_is_an_input_error() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    with os.fdopen(write_end, "rb") as stdin, pytest.raises(InputError, match="standard input cannot be read"):
        list(read(["-"], stdin=stdin))  # reading the write end of a pipe: EBADF


# --- empty input behind a byte-order mark -------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf",
        b"\xef\xbb\xbf  \r\n\t",
        " \n".encode("utf-16"),  # UTF-16 with its byte-order mark
        "\u00a0\u00a0\n".encode(),  # no-break spaces: whitespace as text, not as bytes
    ],
)
def test_byte_order_mark_and_whitespace_is_empty(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(EmptyInputError, match="empty input"):
        decode(data, "x")
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    with pytest.raises(EmptyInputError, match=r"bom\.txt: empty input"):
        list(read_path(path))


# --- JSON Lines: ids, titles, lone surrogates, parse errors ---------------------------------


def _read_lines(tmp_path: Path, *lines: str) -> tuple[list[str], list[InputError]]:
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    errors: list[InputError] = []
    ids = [document.id for document in read_path(path, on_error=errors.append)]
    return ids, errors


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0", "0"), ("17", "17"), ("-3", "-3"), ("17.0", "17.0"), ('"abc"', "abc"), ('"0"', "0")],
)
def test_jsonl_id_as_string_or_whole_number(tmp_path: Path, value: str, expected: str) -> None:
    ids, errors = _read_lines(tmp_path, f'{{"id": {value}, "text": "Some text."}}')
    assert (ids, errors) == ([expected], [])


def test_jsonl_missing_or_null_id_falls_back_to_url(tmp_path: Path) -> None:
    ids, errors = _read_lines(
        tmp_path,
        '{"id": null, "url": "https://example.org/a", "text": "A."}',
        '{"url": 0, "text": "B."}',
    )
    assert (ids, errors) == (["https://example.org/a", "0"], [])


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("true", "not true"),
        ("false", "not false"),
        ('["x"]', "not a list"),
        ('{"a": 1}', "not an object"),
        ("1.5", "not the number 1.5"),
        ("Infinity", "not the number inf"),
        ("NaN", "not the number nan"),
    ],
)
def test_jsonl_id_of_another_type_is_a_malformed_line(tmp_path: Path, value: str, said: str) -> None:
    ids, errors = _read_lines(tmp_path, '{"id": "ok", "text": "Fine."}', f'{{"id": {value}, "text": "Some text."}}')
    assert ids == ["ok"]
    (error,) = errors
    assert isinstance(error, MalformedInputError)
    assert str(error) == f"{tmp_path / 'docs.jsonl'}:2: 'id' must be a string or a whole number, {said}"


def test_jsonl_title_must_be_a_string_or_a_number(tmp_path: Path) -> None:
    ids, errors = _read_lines(tmp_path, '{"id": "a", "title": ["x"], "text": "Some text."}')
    assert ids == []
    assert "'title' must be a string or a number, not a list" in str(errors[0])
    path = tmp_path / "years.jsonl"
    path.write_text('{"id": "b", "title": 2021, "text": "Some text."}\n')
    assert [d.title for d in read([path])] == ["2021"]


@pytest.mark.parametrize(
    ("line", "field"),
    [
        (r'{"id": "e", "text": "\ud800 abc"}', "'text'"),
        (r'{"id": "\udfff", "text": "abc"}', "'id'"),
        (r'{"id": "e", "title": "x\ud800", "text": "abc"}', "'title'"),
        (r'{"id": "e", "html": "<p>\ud83d</p>"}', "'html'"),
        (r'{"id": "e", "text": "abc", "tags": [{"k": "\ude00"}]}', "'tags'"),
        (r'{"id": "e", "text": "abc", "\ud800": 1}', r"'\ud800'"),
    ],
)
def test_jsonl_lone_surrogate_is_a_malformed_line(tmp_path: Path, line: str, field: str) -> None:
    ids, errors = _read_lines(tmp_path, '{"id": "ok", "text": "Fine."}', line)
    assert ids == ["ok"]
    (error,) = errors
    assert isinstance(error, MalformedInputError)
    assert f"docs.jsonl:2: {field} holds a lone surrogate (\\u" in str(error)
    assert str(error).endswith("not valid Unicode")
    str(error).encode("utf-8")  # the message itself must be printable


def test_jsonl_deeply_nested_metadata_is_read_or_refused_never_a_crash(tmp_path: Path) -> None:
    # Close to as deep as json.loads goes: the checks after parsing must cope with it too.
    depth = sys.getrecursionlimit() - 60
    ids, errors = _read_lines(tmp_path, '{"id": "a", "text": "Some text.", "m": ' + "[" * depth + "]" * depth + "}")
    assert (ids, errors) == (["a"], [])


def test_jsonl_surrogate_pair_is_one_character(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(r'{"id": "e", "text": "smile \ud83d\ude00"}' + "\n")
    (document,) = list(read_path(path))
    assert document.text == "smile \U0001f600"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "a", "text": "ab\x01c"}', "Invalid control character at column 24"),
        ("{not json", "Expecting property name enclosed in double quotes at column 2"),
        ('{"id": ' + "1" * 5000 + ', "text": "a"}', "a number too long to read"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_jsonl_parse_error_says_where(tmp_path: Path, line: str, reason: str) -> None:
    ids, errors = _read_lines(tmp_path, line)
    assert ids == []
    (error,) = errors
    assert isinstance(error, MalformedInputError)
    assert str(error).endswith(f"docs.jsonl:1: not valid JSON ({reason})")


def test_jsonl_line_over_the_limit_keeps_the_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    long_line = '{"id": "big", "text": "' + "x" * 5000 + '"}'
    path.write_text(f'{long_line}\n{{"id": "small", "text": "y"}}\n{{bad\n', encoding="utf-8")
    errors: list[InputError] = []
    documents = list(read_path(path, ReadConfig(max_bytes=100), on_error=errors.append))
    assert [d.id for d in documents] == ["small"]
    assert [type(e) for e in errors] == [TooLargeError, MalformedInputError]
    assert f"docs.jsonl:1: {len(long_line) + 1:,} bytes is over the limit" in str(errors[0])
    assert "docs.jsonl:3:" in str(errors[1])


# --- WARC files cut inside their last gzip member --------------------------------------------


def _long_text(words: int) -> bytes:
    # Random words compress poorly, so the last gzip member is several kilobytes long.
    rng = random.Random(7)
    vocabulary = ["harbour", "ferry", "repairs", "statement", "authority", "boats", "tuesday", "week"]
    return " ".join(rng.choice(vocabulary) + str(rng.randrange(1000)) for _ in range(words)).encode()


@pytest.fixture
def two_record_warc(tmp_path: Path) -> Path:
    records = [
        ("https://example.org/a", "text/plain", b"A plain text response about the harbour."),
        ("https://example.org/b", "text/plain", _long_text(1000)),
    ]
    return write_warc(tmp_path / "crawl.warc.gz", records, gzip=True)


@pytest.mark.parametrize("cut", [1000, 300, 20, 8, 1])
def test_warc_cut_inside_its_last_gzip_member(two_record_warc: Path, cut: int) -> None:
    data = two_record_warc.read_bytes()
    two_record_warc.write_bytes(data[:-cut])
    errors: list[InputError] = []
    documents = list(read_path(two_record_warc, on_error=errors.append))
    assert [d.id for d in documents] == ["https://example.org/a"]  # the record before is still read
    (error,) = errors
    assert isinstance(error, DamagedArchiveError)
    # warcinfo, then a request and a response per URI: the cut response is record 5.
    assert "damaged WARC at record 5 (" in str(error) and "truncated" in str(error)
    assert str(error).endswith("the 1 document before it was read")


def test_warc_cut_inside_a_payload_says_how_much_is_there(two_record_warc: Path) -> None:
    two_record_warc.write_bytes(two_record_warc.read_bytes()[:-1000])
    with pytest.raises(DamagedArchiveError, match=r"the record stops after [\d,]+ of its [\d,]+ bytes"):
        list(read_warc(two_record_warc))


def test_uncompressed_warc_cut_inside_a_payload(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc", [("https://example.org/b", "text/plain", _long_text(1000))])
    path.write_bytes(path.read_bytes()[:-1000])
    with pytest.raises(DamagedArchiveError, match=r"record 3 .*truncated"):
        list(read_warc(path))


def test_intact_warc_with_a_long_last_record_is_not_damaged(two_record_warc: Path) -> None:
    assert [d.id for d in read_warc(two_record_warc)] == ["https://example.org/a", "https://example.org/b"]


def test_a_damaged_warc_counts_its_own_documents_and_names_the_record_read(tmp_path: Path) -> None:
    # The count was the whole run's (3 from the first file said of the second), and damage in
    # the first record was "record 0".
    records = [(f"https://example.org/{n}", "text/plain", b"A plain text response about the harbour.") for n in range(3)]
    first = write_warc(tmp_path / "first.warc", records)
    second = write_warc(tmp_path / "second.warc", records[:1])
    second.write_bytes(second.read_bytes()[:-200])  # its only response cut short
    errors: list[InputError] = []
    documents = list(read([str(first), str(second)], on_error=errors.append))
    assert len(documents) == 3
    (error,) = errors
    assert str(error).endswith("the 0 documents before it were read"), error
    assert "at record 3 (" in str(error)  # warcinfo, request, then the cut response
    broken = tmp_path / "broken.warc"
    broken.write_bytes(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 999\r\n\r\nshort")
    errors.clear()
    assert list(read([str(broken)], on_error=errors.append)) == []
    assert "damaged WARC at record 1 (" in str(errors[0]), errors
