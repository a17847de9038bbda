import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, write_warc
from unspun.errors import DamagedArchiveError, InputError
from unspun.ingest import ReadStats, read, read_path
from unspun.ingest.warc import WarcStats, read_warc

ARTICLE = (
    "<html><head><title>Harbour reopens</title></head><body><nav>Home | News</nav><article>"
    "<h1>Harbour reopens</h1><p>The old harbour reopened on Tuesday after two years of repairs, "
    "the port authority said in a statement.</p><p>Fishing boats returned within hours, and the "
    "first ferry is expected next week.</p></article><footer>All rights reserved</footer></body></html>"
)


@pytest.fixture
def warc_records() -> list[tuple[str, str, bytes]]:
    return [
        ("https://example.org/a", "text/html; charset=utf-8", ARTICLE.encode()),
        ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50),
        ("https://example.org/b.txt", "text/plain", b"A plain text response about the harbour."),
        ("https://example.org/c", "text/html", ARTICLE.replace("Tuesday", "Friday").encode()),
    ]


@pytest.mark.parametrize("gzip", [False, True])
def test_each_html_or_text_response_becomes_a_document(tmp_path: Path, warc_records, gzip: bool) -> None:
    path = write_warc(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), warc_records, gzip=gzip)
    stats = ReadStats()
    documents = list(read([path], stats=stats))
    assert [d.id for d in documents] == ["https://example.org/a", "https://example.org/b.txt", "https://example.org/c"]
    assert documents[0].title == "Harbour reopens"
    assert "Home | News" not in documents[0].text and "rights reserved" not in documents[0].text
    assert documents[1].text == "A plain text response about the harbour."
    assert all(d.source == "warc" for d in documents)
    assert stats.warc.skipped["request record"] == 4
    assert stats.warc.skipped["warcinfo record"] == 1
    assert stats.warc.skipped["image/png response"] == 1


def test_truncated_warc_keeps_records_before_the_damage(tmp_path: Path, warc_records) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", warc_records, gzip=True)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.8)])
    seen = []
    with pytest.raises(DamagedArchiveError, match="damaged WARC"):
        for document in read_warc(path):
            seen.append(document.id)
    assert seen[:2] == ["https://example.org/a", "https://example.org/b.txt"]


def test_corrupt_bytes_in_the_middle_are_reported(tmp_path: Path, warc_records) -> None:
    path = write_warc(tmp_path / "crawl.warc", warc_records)
    data = bytearray(path.read_bytes())
    where = data.index(b"A plain text response")
    data[where : where + 7] = b"\xff" * 7  # same length: only the payload digest can tell
    path.write_bytes(bytes(data))
    errors: list[InputError] = []
    documents = list(read_path(path, on_error=errors.append))
    assert [d.id for d in documents] == ["https://example.org/a"]
    assert len(errors) == 1 and isinstance(errors[0], DamagedArchiveError)
    assert "digest" in str(errors[0]).lower()


def test_not_a_warc_at_all(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("this is not a WARC file\n" * 10)
    with pytest.raises(DamagedArchiveError):
        list(read_warc(path, stats=WarcStats()))


def _member(path: Path, number: int) -> tuple[int, int]:
    """Where the gzip member of record ``number`` (0: the warcinfo) starts and ends."""
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        for i, _ in enumerate(records):
            if i == number:
                return records.get_record_offset(), records.get_record_offset() + records.get_record_length()
    raise AssertionError(f"no record {number}")


def _long_article(seed: int) -> bytes:
    # Words that compress poorly, so that the record's gzip member spans several of warcio's
    # 16 KB reads and damage can sit after the first of them.
    words = " ".join(f"w{(j * j * 7919 + j + seed) % 1000003}" for j in range(60_000))
    return f"<html><body><article><p>{words}</p></article></body></html>".encode()


def test_corrupt_gzip_data_inside_a_record_is_damage_said_once(tmp_path: Path, capfd) -> None:
    records = [(f"https://example.org/{i}", "text/html", _long_article(i)) for i in range(3)]
    path = write_warc(tmp_path / "crawl.warc.gz", records, gzip=True)
    start, end = _member(path, 4)  # warcinfo, request, response, request, *response*
    data = bytearray(path.read_bytes())
    middle = (start + end) // 2
    data[middle : middle + 8] = bytes(b ^ 0xA5 for b in data[middle : middle + 8])
    path.write_bytes(bytes(data))
    seen = []
    with pytest.raises(DamagedArchiveError, match="gzip data is corrupt") as raised:
        for document in read_warc(path):
            seen.append(document.id)
    assert seen == ["https://example.org/0"]
    assert "truncated" not in str(raised.value)
    assert capfd.readouterr().err == ""  # warcio wrote each zlib error to stderr itself


def test_damage_quoting_binary_bytes_is_one_short_printable_line(tmp_path: Path) -> None:
    records = [(f"https://example.org/{i}", "text/html", ARTICLE.encode()) for i in range(3)]
    path = write_warc(tmp_path / "crawl.warc.gz", records, gzip=True)
    data = bytearray(path.read_bytes())
    # A member whose compressed bytes are scrambled from its first block: warcio gives up on
    # it as "unknown archive format" and quotes its first line, binary bytes and all.
    start, end = _member(path, 4)
    data[start + 10 : end] = bytes(b ^ 0x5A for b in data[start + 10 : end])
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedArchiveError) as raised:
        list(read_warc(path))
    message = str(raised.value)
    assert message.isprintable() and message.isascii()
    assert len(message) < 400


def test_a_member_corrupt_from_its_start_is_damage_not_a_record_that_swallows_the_rest() -> None:
    # One of about 300 scrambled members (the test above, whose WARCs differ by their record
    # ids) was read by warcio as plain bytes that parsed as a response record of no length,
    # running to the end of the file: the run went on without an error, the last record lost.
    path = ROOT / "tests" / "cases" / "warc-member-corrupt-from-its-start.warc.gz"
    seen = []
    with pytest.raises(DamagedArchiveError, match=r"at record 5 \(a record's gzip member is corrupt from its start\)"):
        for document in read_warc(path):
            seen.append(document.id)
    assert seen == ["https://example.org/0"]


def test_a_warc_cut_inside_a_records_headers_says_so_not_a_python_error() -> None:
    # The last 200 bytes of a gzipped crawl cut off: warcio's parser met a record without its
    # target URI and raised AttributeError, which the message quoted (an audit, session 62).
    path = ROOT / "tests" / "cases" / "warc-cut-inside-a-records-headers.warc.gz"
    seen = []
    with pytest.raises(DamagedArchiveError) as raised:
        for document in read_warc(path):
            seen.append(document.id)
    assert str(raised.value) == (f"{path}: damaged WARC at record 6 (a record's headers are cut short or cannot be "
                                 "parsed); the 2 documents before it were read")
    assert len(seen) == 2


def test_an_error_of_unspuns_own_while_a_record_is_read_keeps_its_name(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # Only warcio's parser errors are said as headers cut short: a bug of ours is no damage.
    from unspun.ingest import warc

    def broken(*args: object) -> None:
        raise AttributeError("a bug of ours")

    monkeypatch.setattr(warc, "_check_complete", broken)
    path = write_warc(tmp_path / "crawl.warc", [("https://example.org/a", "text/html", ARTICLE.encode())])
    with pytest.raises(DamagedArchiveError, match=r"\(AttributeError: a bug of ours\)"):
        list(read_warc(path))


def test_warcio_warnings_about_mended_records_stay_off_stderr(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc", [("https://example.org/a page", "text/html", ARTICLE.encode())])
    # In a process of its own: pytest's logging plugin would catch the warning here.
    script = ("import sys, pathlib; from unspun.ingest.warc import read_warc; "
              "print(len(list(read_warc(pathlib.Path(sys.argv[1])))))")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "1"
    assert done.stderr == ""  # warcio logged "Replacing spaces in invalid WARC-Target-URI"


def test_error_pages_and_pages_without_an_article_are_skipped_not_errors(tmp_path: Path) -> None:
    # A real crawl holds 404s, server errors, redirects and navigation-only pages; each used to
    # be a document ("500" checked as "clean") or an input error that made the run exit 2.
    menu_only = b"<html><head><title>Home</title></head><body><nav>Home | News | Sport</nav></body></html>"
    records = [
        ("https://example.org/a", "text/html", ARTICLE.encode()),
        ("https://example.org/gone", "text/html", ARTICLE.replace("Tuesday", "Monday").encode(), "404 Not Found"),
        ("https://example.org/broken", "text/html", ARTICLE.encode(), "500 Internal Server Error"),
        ("https://example.org/moved", "text/html", b"<html><body>Moved</body></html>", "301 Moved Permanently"),
        ("https://example.org/", "text/html", menu_only),
        ("https://example.org/empty.txt", "text/plain", b"  \n"),
        ("https://example.org/c", "text/html", ARTICLE.replace("Tuesday", "Friday").encode()),
    ]
    path = write_warc(tmp_path / "crawl.warc.gz", records, gzip=True)
    errors: list[InputError] = []
    stats = WarcStats()
    documents = list(read_warc(path, on_error=errors.append, stats=stats))
    assert [d.id for d in documents] == ["https://example.org/a", "https://example.org/c"]
    assert errors == []
    assert stats.skipped["HTTP 404 response"] == 1
    assert stats.skipped["HTTP 500 response"] == 1
    assert stats.skipped["HTTP 301 response"] == 1
    assert stats.skipped["response without article text"] == 2


def test_an_error_page_is_not_read_into_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A crawl's 404 and 500 pages are skipped: their bodies are read to their end for the
    # digests, never held whole (a large error page cost its size in memory before the skip).
    import unspun.ingest.warc as warc

    held: list[int] = []
    real_read = warc.read_at_most
    monkeypatch.setattr(warc, "read_at_most", lambda stream, limit: held.append(1) or real_read(stream, limit))
    records = [
        ("https://example.org/gone", "text/html", b"<html><body>" + b"<p>Not here.</p>" * 20_000 + b"</body></html>",
         "404 Not Found"),
        ("https://example.org/a", "text/html", ARTICLE.encode()),
    ]
    stats = WarcStats()
    documents = list(read_warc(write_warc(tmp_path / "crawl.warc", records), stats=stats))
    assert [d.id for d in documents] == ["https://example.org/a"]
    assert stats.skipped["HTTP 404 response"] == 1
    assert len(held) == 1


def test_a_response_refused_is_an_error_once_not_also_passed_over(tmp_path: Path) -> None:
    # It was an error line and a "passed over 1 unreadable response" note: two problems for one.
    from unspun.ingest import ReadConfig

    records = [("https://example.org/a", "text/html", ARTICLE.encode()),
               ("https://example.org/big", "text/html", ARTICLE.encode() + b" " * 5000)]
    errors: list[InputError] = []
    stats = WarcStats()
    documents = list(read_warc(write_warc(tmp_path / "crawl.warc", records), ReadConfig(max_bytes=3000),
                               on_error=errors.append, stats=stats))
    assert [d.id for d in documents] == ["https://example.org/a"]
    assert len(errors) == 1 and "over the limit" in str(errors[0])
    assert "unreadable response" not in stats.skipped


def _arc_file(records: list[tuple[bytes, bytes]]) -> bytes:
    """An ARC v1 file (the WARC's forerunner, which warcio reads): its version block, then per
    record a line "URL IP DATE TYPE LENGTH", the HTTP response, and a line end."""
    version = b"1 0 InternetArchive\nURL IP-address Archive-date Content-type Archive-length\n"
    data = b"filedesc://crawl.arc 0.0.0.0 20240101000000 text/plain %d\n%s\n" % (len(version), version)
    for url, page in records:
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
        data += b"%s 93.184.216.34 20240101000000 text/html %d\n%s\n" % (url, len(http), http)
    return data


@pytest.mark.parametrize("form", ["plain", "gzipped whole", "from a stream"])
def test_an_arc_file_is_read_whole_without_a_word_of_damage(tmp_path: Path, form: str) -> None:
    # Its records end in one line end: every whole ARC file was "damaged ... truncated", and
    # one gzipped whole was refused by warcio (an audit, session 63).
    import gzip as gz
    import io

    data = _arc_file([(b"https://example.org/a", ARTICLE.encode()),
                      (b"https://example.org/c", ARTICLE.replace("Tuesday", "Friday").encode())])
    errors: list[InputError] = []
    if form == "from a stream":
        documents = list(read(["-"], stdin=io.BytesIO(data), on_error=errors.append))
    else:
        path = tmp_path / ("crawl.arc" if form == "plain" else "crawl.arc.gz")
        path.write_bytes(data if form == "plain" else gz.compress(data))
        documents = list(read([path], on_error=errors.append))
    assert errors == []
    assert [d.id for d in documents] == ["https://example.org/a", "https://example.org/c"]


def test_an_arc_file_cut_inside_its_last_record_is_damage(tmp_path: Path) -> None:
    data = _arc_file([(b"https://example.org/a", ARTICLE.encode()), (b"https://example.org/c", ARTICLE.encode())])
    path = tmp_path / "crawl.arc"
    path.write_bytes(data[:-40])
    errors: list[InputError] = []
    documents = list(read([path], on_error=errors.append))
    assert [d.id for d in documents] == ["https://example.org/a"]
    assert len(errors) == 1 and "truncated" in str(errors[0])


def test_line_ends_after_a_warcs_last_record_are_no_damage(tmp_path: Path, warc_records) -> None:
    path = write_warc(tmp_path / "crawl.warc", warc_records)
    path.write_bytes(path.read_bytes() + b"\r\n" * 3)
    errors: list[InputError] = []
    assert len(list(read([path], on_error=errors.append))) == 3
    assert errors == []
