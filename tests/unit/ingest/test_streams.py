"""Crawls and gzip data read once, front to back: standard input, a pipe, a file whose name
does not tell what it holds. A WARC piped in was one text of WARC headers, checked as
prose (exit 1, "spun"), and gzip data was refused as "not text" (session 57)."""

import gzip
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import read_through_fifo, write_warc
from unspun.config import ReadConfig
from unspun.errors import DamagedArchiveError, InputError, TooLargeError
from unspun.ingest import ReadStats, read, read_path
from unspun.ingest.warc import MAX_LINE_BYTES, WarcStats, _gzipped_whole, read_warc

ARTICLE = (
    "<html><head><title>Harbour reopens</title></head><body><nav>Home | News</nav><article>"
    "<h1>Harbour reopens</h1><p>The old harbour reopened on Tuesday after two years of repairs, "
    "the port authority said in a statement.</p><p>Fishing boats returned within hours, and the "
    "first ferry is expected next week.</p></article></body></html>"
)
RECORDS = [
    ("https://example.org/a", "text/html; charset=utf-8", ARTICLE.encode()),
    ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50),
    ("https://example.org/b.txt", "text/plain", b"A plain text response about the harbour."),
    ("https://example.org/c", "text/html", ARTICLE.replace("Tuesday", "Friday").encode()),
]
IDS = ["https://example.org/a", "https://example.org/b.txt", "https://example.org/c"]


class OneWay:
    """A stream that can only be read forwards, as a pipe: no seek, no tell, no peek."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def read(self, size: int = -1, /) -> bytes:
        return self._data.read(size)

    def readline(self, size: int = -1, /) -> bytes:
        return self._data.readline(size)


def from_stdin(data: bytes, config: ReadConfig = ReadConfig()) -> tuple[list, list[str], ReadStats]:
    errors: list[InputError] = []
    stats = ReadStats()
    documents = list(read(["-"], config, on_error=errors.append, stats=stats, stdin=OneWay(data)))  # type: ignore[arg-type]
    return documents, [str(error) for error in errors], stats


def test_a_text_stream_as_standard_input_is_read_as_its_utf8_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    # A StringIO given as stdin, or put in sys.stdin (IDLE, a test harness), failed with
    # "removeprefix() argument must be str" or "no attribute 'buffer'" (an audit, session 62).
    lines = '{"id": "a", "text": "Tensions rose."}\n{"id": "b", "text": "Les écarts."}\n'
    assert [d.text for d in read(["-"], stdin=io.StringIO(lines))] == ["Tensions rose.", "Les écarts."]
    monkeypatch.setattr(sys, "stdin", io.StringIO("A page pasted: " + "word " * 20_000))
    [document] = read(["-"])
    assert document.text == ("A page pasted: " + "word " * 20_000).rstrip() and document.id == "stdin"


def test_other_text_streams_and_text_layers_are_read_too() -> None:
    # A text-mode SpooledTemporaryFile is no io.TextIOBase, and failed as StringIO had; a
    # TextIOWrapper was read through its decoding (a UnicodeDecodeError escaped): its bytes are
    # read as they are (a review, session 62).
    import tempfile

    with tempfile.SpooledTemporaryFile(mode="w+") as spooled:
        spooled.write("Tensions rose.")
        spooled.seek(0)
        assert [d.text for d in read(["-"], stdin=spooled)] == ["Tensions rose."]  # type: ignore[arg-type]
    latin = io.TextIOWrapper(io.BytesIO("Le café est fermé, dit-il.\r\n".encode("latin-1")), encoding="utf-8")
    assert [d.text for d in read(["-"], stdin=latin)] == ["Le café est fermé, dit-il."]


def test_a_text_stream_with_a_lone_surrogate_or_no_stream_at_all_is_refused() -> None:
    errors: list[InputError] = []
    assert list(read(["-"], stdin=io.StringIO("x" * 70_000 + "bad \ud800"), on_error=errors.append)) == []
    assert [str(e) for e in errors] == ["stdin: the text holds a lone surrogate (\\ud800) at character 70004: "
                                        "not valid Unicode; the rest of standard input is not read"]
    # What comes before it is read: a JSON Lines stream's records up to the bad one.
    lines = "".join(json.dumps({"id": f"r{i}", "text": f"Record {i}."}) + "\n" for i in range(2000))
    errors.clear()
    documents = list(read(["-"], stdin=io.StringIO(lines + '{"id": "bad", "text": "x \ud800"}\n'), on_error=errors.append))
    assert len(documents) == 2000 and len(errors) == 1
    with pytest.raises(TypeError, match="read's stdin must be a binary or text stream, not int"):
        list(read(["-"], stdin=5))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="require_documents must be True or False, not 'no'"):
        list(read(["-"], require_documents="no"))  # type: ignore[arg-type]


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_warc_on_standard_input_is_read_as_its_file_is(tmp_path: Path, gzipped: bool) -> None:
    path = write_warc(tmp_path / "crawl.warc", RECORDS, gzip=gzipped)
    from_file = list(read([path], stats=(file_stats := ReadStats())))
    documents, errors, stats = from_stdin(path.read_bytes())
    assert errors == []
    assert [d.id for d in documents] == IDS == [d.id for d in from_file]
    assert [d.text for d in documents] == [d.text for d in from_file]
    assert documents[0].title == "Harbour reopens" and "Home | News" not in documents[0].text
    assert all(d.source == "warc" and d.meta["warc_file"] == "stdin" for d in documents)
    assert stats.warc.skipped == file_stats.warc.skipped and stats.warc.documents == 3


def test_a_warc_gzipped_whole_is_unpacked_then_read(tmp_path: Path) -> None:
    # `cat crawl.warc | gzip | unspun check -`: one member for the whole file, which warcio
    # refuses in a file (it cannot seek to a record); a stream is unpacked as it is read.
    plain = write_warc(tmp_path / "crawl.warc", RECORDS).read_bytes()
    documents, errors, _ = from_stdin(gzip.compress(plain))
    assert errors == [] and [d.id for d in documents] == IDS


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_warc_cut_short_on_standard_input_is_damage_after_the_records_before_it(
        tmp_path: Path, gzipped: bool) -> None:
    whole = write_warc(tmp_path / "crawl.warc", RECORDS, gzip=gzipped).read_bytes()
    documents, errors, _ = from_stdin(whole[: len(whole) - 300])
    assert [d.id for d in documents] == IDS[:2]
    assert len(errors) == 1 and errors[0].startswith("stdin: damaged WARC at record ")
    assert "the 2 documents before it were read" in errors[0]


def test_bytes_after_the_last_record_of_a_streamed_warc_are_damage(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "crawl.warc", RECORDS).read_bytes()
    documents, errors, _ = from_stdin(whole + b"WARC/1.0\r\nWARC-Type: resp")
    assert [d.id for d in documents] == IDS
    assert len(errors) == 1 and "damaged WARC" in errors[0]


def test_a_warc_that_stops_at_a_record_boundary_without_its_blank_line_is_damage(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "crawl.warc", RECORDS).read_bytes()
    assert whole.endswith(b"\r\n\r\n")
    _, errors, _ = from_stdin(whole[:-4])
    assert len(errors) == 1 and "damaged WARC" in errors[0] and "truncated" in errors[0]


def test_gzipped_json_lines_on_standard_input_are_records() -> None:
    lines = b"".join(json.dumps({"id": f"r{n}", "text": f"Record number {n}."}).encode() + b"\n" for n in range(3))
    documents, errors, _ = from_stdin(gzip.compress(lines))
    assert errors == [] and [d.id for d in documents] == ["r0", "r1", "r2"]


def test_a_gzipped_page_on_standard_input_is_one_document() -> None:
    documents, errors, _ = from_stdin(gzip.compress(ARTICLE.encode()))
    assert errors == [] and [d.id for d in documents] == ["stdin"]
    assert documents[0].title == "Harbour reopens" and "The old harbour reopened" in documents[0].text


def test_gzip_data_cut_short_is_named_damage() -> None:
    packed = gzip.compress(os.urandom(3000).hex().encode())
    documents, errors, _ = from_stdin(packed[: len(packed) // 2])
    assert documents == []
    assert errors == ["stdin: damaged gzip data (it ends inside its compressed data)"]


def test_gzip_data_that_unpacks_past_the_limit_is_refused_unpacked_no_further() -> None:
    # A small gzip of zeros unpacks to 50 MB; reading it whole would hold all of it.
    bomb = gzip.compress(b"a " * 25_000_000)
    documents, errors, _ = from_stdin(bomb, ReadConfig(max_bytes=100_000))
    assert documents == [] and len(errors) == 1
    assert errors[0].startswith("stdin: more than 100,000 bytes, over the limit")


def test_gzip_inside_gzip_is_not_unpacked_twice() -> None:
    documents, errors, _ = from_stdin(gzip.compress(gzip.compress(b"A text.")))
    assert documents == [] and len(errors) == 1 and "not text (a gzip archive)" in errors[0]


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_file_whose_name_does_not_say_warc_is_read_as_a_warc(tmp_path: Path, gzipped: bool) -> None:
    # A crawl saved as "crawl" or "download.bin" was one text of WARC headers.
    written = write_warc(tmp_path / "crawl.warc", RECORDS, gzip=gzipped)
    path = written.rename(tmp_path / "crawl")
    assert [d.id for d in read_path(path)] == IDS


def test_a_damaged_warc_whose_name_does_not_say_so_names_the_file(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "crawl.warc", RECORDS).read_bytes()
    path = tmp_path / "crawl"
    path.write_bytes(whole[:-300])
    with pytest.raises(DamagedArchiveError, match=r"^.*/crawl: damaged WARC at record "):
        list(read_path(path))


@pytest.mark.parametrize("name", ["page.html.gz", "page.gz"])
def test_a_gzipped_page_named_on_the_command_line_is_unpacked(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(ARTICLE.encode()))
    documents = list(read_path(path))
    assert [d.id for d in documents] == [str(path)] and documents[0].title == "Harbour reopens"


def test_a_gzipped_file_too_large_unpacked_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.gz"
    path.write_bytes(gzip.compress(b"word " * 100_000))
    with pytest.raises(TooLargeError, match="over the limit"):
        list(read_path(path, ReadConfig(max_bytes=10_000)))


@pytest.mark.parametrize("name", ["pipe", "crawl.warc.gz"])
def test_a_warc_through_a_named_pipe_is_read_as_a_warc(tmp_path: Path, name: str) -> None:
    # Named "x.warc.gz", a FIFO was "not seekable".
    data = write_warc(tmp_path / "crawl.warc", RECORDS, gzip=True).read_bytes()
    pipe = tmp_path / name
    documents = read_through_fifo(pipe, data)
    assert [d.id for d in documents] == IDS and all(d.meta["warc_file"] == str(pipe) for d in documents)


def test_the_command_line_checks_a_crawl_piped_in(tmp_path: Path) -> None:
    data = write_warc(tmp_path / "crawl.warc", RECORDS, gzip=True).read_bytes()
    result = subprocess.run([sys.executable, "-m", "unspun", "check", "-", "--format", "json"],
                            input=data, capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == IDS


def test_a_warc_file_gzipped_whole_is_read(tmp_path: Path) -> None:
    # `gzip crawl.warc`: one gzip member for the whole file, which warcio refuses ("non-chunked
    # gzip file detected"); it was reported as a damaged WARC.
    plain = write_warc(tmp_path / "crawl.warc", RECORDS).read_bytes()
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(plain))
    stats = WarcStats()
    assert [d.id for d in read_warc(path, stats=stats)] == IDS
    assert stats.skipped["request record"] == 4


def test_a_warc_file_gzipped_whole_and_cut_short_is_named_damage(tmp_path: Path) -> None:
    plain = write_warc(tmp_path / "crawl.warc", RECORDS).read_bytes()
    packed = gzip.compress(plain)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(packed[: len(packed) - 100])
    errors: list[InputError] = []
    documents = list(read([path], on_error=errors.append))
    assert [d.id for d in documents] == IDS[:2]  # the third response's record is cut
    assert len(errors) == 1 and str(errors[0]).startswith(f"{path}: damaged WARC at record ")
    assert "damaged gzip data (it ends inside its compressed data)" in str(errors[0])


def test_a_warc_file_gzipped_a_record_at_a_time_with_a_large_first_record_is_read_as_such(tmp_path: Path) -> None:
    # The first member is unpacked only to the end of its record to tell the two apart.
    large = ("https://example.org/big", "text/plain", ("A long plain text. " * 20_000).encode())
    path = write_warc(tmp_path / "crawl.warc.gz", [large, *RECORDS], gzip=True)
    with path.open("rb") as stream:
        assert not _gzipped_whole(stream) and stream.tell() == 0
    assert [d.id for d in read_warc(path)] == ["https://example.org/big", *IDS]


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_header_line_over_the_limit_is_damage_not_memory(tmp_path: Path, gzipped: bool) -> None:
    # warcio read header lines unbounded: a 600 MB target URI in a 610 KB file held 1.9 GB,
    # and through a pipe a 50 KB file took 39 s (a hostile-input audit, session 57).
    uri = "https://example.org/" + "a" * (MAX_LINE_BYTES + 10)
    path = write_warc(tmp_path / "crawl.warc", [RECORDS[0], (uri, "text/plain", b"A text.")], gzip=gzipped)
    errors: list[InputError] = []
    documents = list(read([path], on_error=errors.append))
    assert [d.id for d in documents] == IDS[:1]
    assert len(errors) == 1 and f"a line of over {MAX_LINE_BYTES:,} bytes in a record's headers" in str(errors[0])
    documents, stream_errors, _ = from_stdin(path.read_bytes())
    assert [d.id for d in documents] == IDS[:1] and len(stream_errors) == 1 and "a line of over" in stream_errors[0]


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_long_header_line_within_the_limit_is_read_whole(tmp_path: Path, gzipped: bool) -> None:
    # warcio's own line reader, given a length (as it is for HTTP headers), took the whole line
    # so far from it at each block, and cut long lines short.
    long_uri = "https://example.org/" + "b" * 300_000
    path = write_warc(tmp_path / "crawl.warc", [(long_uri, "text/plain", b"A text about the harbour."),
                                                 *RECORDS], gzip=gzipped)
    documents = list(read([path]))
    assert [d.id for d in documents] == [long_uri, *IDS]


def test_a_gzipped_warc_cut_anywhere_reads_the_same_records_from_a_pipe_as_from_its_file(tmp_path: Path) -> None:
    # Damage just past a member's end came back while warcio looked ahead for blank lines,
    # and cost the whole record before it, on standard input only (the review, session 57).
    whole = write_warc(tmp_path / "crawl.warc.gz", RECORDS, gzip=True).read_bytes()
    cut_file = tmp_path / "cut.warc.gz"
    differ = []
    for end in [*range(len(whole) // 2, len(whole), 3), len(whole) + 2]:
        data = whole[:end] if end <= len(whole) else whole + b"xx"  # cut, or junk after the last member
        cut_file.write_bytes(data)
        file_errors: list[InputError] = []
        from_file = [d.id for d in read([cut_file], on_error=file_errors.append)]
        from_pipe, pipe_errors, _ = from_stdin(data)
        piped = [d.id for d in from_pipe]
        # Cut inside a member's 8-byte trailer, the file refuses the record in it; unpacked
        # as it comes, the record whose digest holds is read, and the damage said after it.
        # Cut at a member's end, it is a shorter crawl (no error either way).
        if piped[: len(from_file)] != from_file or len(piped) > len(from_file) + 1 or \
                len(file_errors) != len(pipe_errors):
            differ.append(end)
    assert differ == []


def test_gzipped_json_lines_cut_after_a_member_are_damage_on_standard_input_too() -> None:
    # The damage read() held back was never raised by readline: the cut stream passed as
    # whole, exit 0 (the review, session 57).
    first = b"".join(json.dumps({"id": f"a{n}", "text": f"Record {n}."}).encode() + b"\n" for n in range(50))
    second = b"".join(json.dumps({"id": f"b{n}", "text": f"Record {n}."}).encode() + b"\n" for n in range(50))
    documents, errors, _ = from_stdin(gzip.compress(first) + gzip.compress(second)[:5])
    assert len(documents) == 50 and len(errors) == 1 and "damaged gzip data" in errors[0]


@pytest.mark.parametrize("extra", [1, 2, 4])
def test_a_gzipped_warc_file_with_the_first_bytes_of_another_member_is_damage(tmp_path: Path, extra: int) -> None:
    # Up to four bytes after the last whole record passed as the line ends a plain WARC may
    # end in; in a gzipped one they are a member cut short (the review, session 57).
    whole = write_warc(tmp_path / "crawl.warc.gz", RECORDS, gzip=True).read_bytes()
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole + gzip.compress(b"WARC/1.0\r\n")[:extra])
    errors: list[InputError] = []
    assert [d.id for d in read([path], on_error=errors.append)] == IDS
    assert len(errors) == 1 and "the file ends inside a record (truncated)" in str(errors[0])



def test_a_fifo_named_as_a_warc_must_hold_one(tmp_path: Path) -> None:
    # Text through a FIFO named "x.warc" was checked as one text; the same bytes in a file
    # of that name are "not a WARC file" (the final re-read, session 57).
    with pytest.raises(DamagedArchiveError, match=r"crawl\.warc: not a WARC file"):
        read_through_fifo(tmp_path / "crawl.warc", b"Plain text about the harbour, not a crawl.")


def _without_digests(warc: bytes) -> bytes:
    """A plain WARC's records without their digest headers: nothing but gzip's own checksum
    then tells a changed byte."""
    return re.sub(rb"WARC-(?:Block|Payload)-Digest: [^\r]*\r\n", b"", warc)


def _b_txt_length(warc: bytes) -> tuple[int, int]:
    """Where the b.txt response's Content-Length value sits in a plain WARC."""
    record = warc.index(b"WARC-Type: response", warc.index(b"https://example.org/b.txt"))
    match = re.compile(rb"Content-Length: (\d+)").search(warc, record)
    assert match is not None
    return match.start(1), match.end(1)


def test_a_record_of_another_length_than_it_says_is_not_kept_before_a_cut(tmp_path: Path) -> None:
    # A record is kept before late damage only when that damage spoils nothing before it: a
    # record 30 bytes longer than its Content-Length was kept when a cut followed (the final re-read).
    plain = _without_digests(write_warc(tmp_path / "crawl.warc", RECORDS).read_bytes())
    start, end = _b_txt_length(plain)
    wrong = plain[:start] + str(int(plain[start:end]) - 30).encode() + plain[end:]
    next_record = wrong.index(b"WARC/1.0", end)
    # The stream cut a few bytes into a member after the record's 30 extra bytes: warcio
    # meets the cut while it reads on past them.
    packed = gzip.compress(wrong[:next_record]) + gzip.compress(wrong[next_record:])[:5]
    documents, errors, _ = from_stdin(packed)
    assert [d.id for d in documents] == IDS[:1] and len(errors) == 1


def test_a_corrupt_member_is_not_kept_though_its_damage_shows_past_its_record(tmp_path: Path) -> None:
    # gzip finds a member's corruption (its checksum) only past its end, where warcio reads
    # on: the record read from the corrupt member was kept (the final re-read).
    plain = _without_digests(write_warc(tmp_path / "crawl.warc", RECORDS).read_bytes())
    records = [b"WARC/1.0" + part for part in plain.split(b"WARC/1.0")[1:]]
    members = [gzip.compress(record, compresslevel=0) for record in records]  # stored: bytes as written
    changed = next(i for i, member in enumerate(members) if b"A plain text response" in member)
    members[changed] = members[changed].replace(b"about the harbour", b"about the HARBOUR")  # its CRC now wrong
    documents, errors, _ = from_stdin(b"".join(members))
    assert [d.id for d in documents] == IDS[:1] and len(errors) == 1 and "CRC check failed" in errors[0]


def test_empty_gzip_members_after_the_last_record_are_no_damage(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "crawl.warc.gz", RECORDS, gzip=True).read_bytes()
    path = tmp_path / "padded.warc.gz"
    path.write_bytes(whole + gzip.compress(b"") * 2)
    errors: list[InputError] = []
    assert [d.id for d in read([path], on_error=errors.append)] == IDS and errors == []
    documents, stream_errors, _ = from_stdin(path.read_bytes())
    assert [d.id for d in documents] == IDS and stream_errors == []
