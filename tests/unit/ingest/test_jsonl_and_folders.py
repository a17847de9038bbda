import io
import json
from pathlib import Path

import pytest

from unspun.config import ReadConfig
from unspun.errors import DecodeError, InputError, MalformedInputError, NotTextError, TooLargeError
from unspun.ingest import ReadStats, read, read_path
from unspun.ingest.jsonl import NOT_JSON_LINES_AFTER, read_jsonl_stream


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_jsonl_text_and_html_rows(tmp_path: Path) -> None:
    html = ("<html><body><article><p>An HTML row with enough words in its only paragraph to be an article.</p>"
            "</article></body></html>")
    path = write_jsonl(tmp_path / "docs.jsonl", [
        {"id": "one", "text": "First text.", "lang": "en"},
        {"url": "https://example.org/two", "html": html},
    ])
    documents = list(read_path(path))
    assert [d.id for d in documents] == ["one", "https://example.org/two"]
    assert documents[0].meta == {"lang": "en"}
    assert "An HTML row" in documents[1].text


def test_bad_jsonl_lines_are_reported_with_line_numbers_and_skipped(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "docs.jsonl", [
        {"id": "ok", "text": "Fine."},
        "{not json",
        {"text": "no id"},
        [1, 2],
        {"id": "no-text"},
        {"id": "ok2", "text": "Also fine."},
    ])
    errors: list[InputError] = []
    documents = list(read_path(path, on_error=errors.append))
    assert [d.id for d in documents] == ["ok", "ok2"]
    assert [str(e).split(":")[1] for e in errors] == ["2", "3", "4", "5"]
    assert all(isinstance(e, MalformedInputError) for e in errors)


def test_jsonl_line_over_the_limit(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "big.jsonl", [{"id": "big", "text": "x" * 500}, {"id": "small", "text": "y"}])
    errors: list[InputError] = []
    documents = list(read_path(path, ReadConfig(max_bytes=100), on_error=errors.append))
    assert [d.id for d in documents] == ["small"]
    assert isinstance(errors[0], TooLargeError)


def test_a_jsonl_line_with_no_end_in_sight_ends_the_file(tmp_path: Path) -> None:
    # /dev/zero behind a .jsonl name: one endless line. Skipping it used to never end.
    device = tmp_path / "zero.jsonl"
    device.symlink_to("/dev/zero")
    errors: list[InputError] = []
    assert list(read_path(device, ReadConfig(max_bytes=1000), on_error=errors.append)) == []
    assert len(errors) == 1 and isinstance(errors[0], TooLargeError) and "no end in sight" in str(errors[0])
    # A regular file: a line under 64 times the limit is skipped and the next one read.
    path = write_jsonl(tmp_path / "huge.jsonl", [{"id": "huge", "text": "x" * 3_000}, {"id": "after", "text": "y"}])
    assert [d.id for d in read_path(path, ReadConfig(max_bytes=100), on_error=lambda e: None)] == ["after"]


_BOM = "\ufeff"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8"])
def test_a_jsonl_file_after_a_byte_order_mark_with_crlf(tmp_path: Path, encoding: str) -> None:
    # Split on the byte "\n", UTF-16 lines were halves of code units: every line was refused.
    lines = '{"id": "x", "text": "Caf\u00e9 one."}\r\n\r\n{"id": "y", "text": "Two \U0001F600."}\r\n'
    path = tmp_path / "docs.jsonl"
    path.write_bytes((_BOM + lines).encode(encoding))
    errors: list[InputError] = []
    documents = list(read_path(path, on_error=errors.append))
    assert errors == []
    assert [(d.id, d.text) for d in documents] == [("x", "Caf\u00e9 one."), ("y", "Two \U0001F600.")]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_bad_utf16_code_unit_ends_the_file_at_its_line(tmp_path: Path, encoding: str) -> None:
    rows = [json.dumps({"id": str(n), "text": f"Line {n}."}) for n in range(1, 5)]
    good = (_BOM + rows[0] + "\n" + rows[1] + "\n").encode(encoding)
    lone_surrogate = "\udc00".encode(encoding, "surrogatepass")
    path = tmp_path / "docs.jsonl"
    path.write_bytes(good + rows[2][:10].encode(encoding) + lone_surrogate + (rows[2][10:] + "\n" + rows[3]).encode(encoding))
    errors: list[InputError] = []
    documents = list(read_path(path, on_error=errors.append))
    assert [d.id for d in documents] == ["1", "2"]
    (error,) = errors
    assert isinstance(error, DecodeError)
    assert str(error).startswith(f"{path}:3: invalid {encoding} at byte {len(good) + 20:,} of the file")
    assert "the rest of the file is not read" in str(error)
    # Without an error handler the lines before it still come, then the error is raised.
    read = read_path(path)
    assert [next(read).id, next(read).id] == ["1", "2"]
    with pytest.raises(DecodeError, match=":3: invalid"):
        next(read)


def test_a_utf16_jsonl_file_keeps_its_size_limits(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    rows = [json.dumps({"id": "big", "text": "x" * 500}), json.dumps({"id": "small", "text": "y"})]
    big.write_bytes((_BOM + "\n".join(rows) + "\n").encode("utf-16-le"))
    errors: list[InputError] = []
    assert [d.id for d in read_path(big, ReadConfig(max_bytes=100), on_error=errors.append)] == ["small"]
    assert len(errors) == 1 and isinstance(errors[0], TooLargeError) and str(errors[0]).startswith(f"{big}:1: ")
    endless = tmp_path / "endless.jsonl"
    endless.write_bytes((_BOM + "x" * 70_000).encode("utf-16-be"))
    errors.clear()
    assert list(read_path(endless, ReadConfig(max_bytes=1000), on_error=errors.append)) == []
    assert len(errors) == 1 and isinstance(errors[0], TooLargeError) and "no end in sight" in str(errors[0])


PRETTY = '{\n  "title": "Talks",\n  "text": "We trained an irregular woodland."\n}\n'


def test_one_json_value_gzipped_or_from_standard_input_is_read_as_a_json_file_is(tmp_path: Path) -> None:
    # They were one text of braces and keys (session 62's Left; session 63).
    import gzip

    (tmp_path / "pretty.json.gz").write_bytes(gzip.compress(PRETTY.encode()))
    listed = json.dumps([{"id": "a", "text": "First."}, {"text": "Second one."}]).encode()
    documents = [*read([tmp_path / "pretty.json.gz"]), *read(["-"], stdin=io.BytesIO(listed)),
                 *read(["-"], stdin=io.BytesIO(PRETTY.encode()))]
    assert [(d.id.removeprefix(f"{tmp_path}/"), d.text) for d in documents] == [
        ("pretty.json.gz", "We trained an irregular woodland."), ("a", "First."), ("stdin[1]", "Second one."),
        ("stdin", "We trained an irregular woodland.")]
    # One line, gzipped, after a blank line, or from standard input, is one value too (a review).
    one_line = json.dumps({"text": "One line, no id."}).encode() + b"\n"
    (tmp_path / "one.json.gz").write_bytes(gzip.compress(one_line))
    (tmp_path / "blank-first.json").write_bytes(b"\n" + one_line)
    documents = [*read([tmp_path / "one.json.gz", tmp_path / "blank-first.json"]),
                 *read(["-"], stdin=io.BytesIO(one_line))]
    assert [(d.id.removeprefix(f"{tmp_path}/"), d.text) for d in documents] == [
        ("one.json.gz", "One line, no id."), ("blank-first.json", "One line, no id."), ("stdin", "One line, no id.")]
    # JSON Lines from standard input stream as before, blank lines between them or not.
    lines = b'{"id": "a", "text": "One."}\n\n\n{"id": "b", "text": "Two."}\n'
    assert [d.id for d in read(["-"], stdin=io.BytesIO(lines))] == ["a", "b"]
    # Text that opens with a brace or a bracket but is no JSON stays a text.
    for prose in ("{{Short description|Talks}} The talks ended.", "[citation needed] The talks ended."):
        assert [d.text for d in read(["-"], stdin=io.BytesIO(prose.encode()))] == [prose]


def test_a_json_file_that_is_no_json_lines_is_read_as_json(tmp_path: Path) -> None:
    # An object written over many lines was read as one text of prose, its keys and braces
    # in it (an audit, session 62). One object, over many lines or one: a document named by
    # its id, else by the file; a list: a document per item, an item's error its own.
    (tmp_path / "pretty.json").write_text(PRETTY)
    (tmp_path / "one-line.json").write_text('{"id": "story-7", "text": "Bosom peril scans."}')
    (tmp_path / "list.json").write_text(json.dumps([{"id": "a", "text": "First."}, {"html": "<p>Second one.</p>"},
                                                    5, {"id": "d"}]))
    (tmp_path / "lines.json").write_text('{"id": "x", "text": "A line."}\n{"id": "y", "text": "Another."}\n')
    (tmp_path / "number.json").write_text("42")
    errors: list[InputError] = []
    names = ["pretty.json", "one-line.json", "list.json", "lines.json", "number.json"]
    documents = list(read([tmp_path / name for name in names], on_error=errors.append))
    assert [(d.id.removeprefix(f"{tmp_path}/"), d.title, d.text, d.source) for d in documents] == [
        ("pretty.json", "Talks", "We trained an irregular woodland.", "jsonl"),
        ("story-7", "", "Bosom peril scans.", "jsonl"),
        ("a", "", "First.", "jsonl"), ("list.json[1]", "", "Second one.", "jsonl"),
        ("x", "", "A line.", "jsonl"), ("y", "", "Another.", "jsonl")]  # JSON Lines named .json, as before
    assert [str(e).removeprefix(f"{tmp_path}/") for e in errors] == [
        "list.json[2]: expected an object, not a number",
        "list.json[3]: the object needs a 'text' or an 'html' string",
        "number.json: a JSON file is read as an object with a 'text' or an 'html' string, or a list of them, "
        "not a number"]
    # JSON Lines named .json stream as JSON Lines, however large (a line at a time within
    # the limit; a first try at the whole file read it all into memory: a review, session 62).
    many = tmp_path / "many.json"
    many.write_text("".join(json.dumps({"id": f"r{i}", "text": f"Record {i} says little."}) + "\n" for i in range(300)))
    assert len(list(read([many], ReadConfig(max_bytes=100)))) == 300
    # One line of JSON without an id, as json.dumps writes it, is named by the file, as the
    # object written over many lines is (it was a JSON Lines record without an id: an audit,
    # session 63); and a line over the limit is JSON Lines' error, as before.
    (tmp_path / "dumped.json").write_text(json.dumps({"text": "One line, no id."}) + "\n\n")
    assert [(d.id, d.text) for d in read([tmp_path / "dumped.json"])] == [(str(tmp_path / "dumped.json"),
                                                                           "One line, no id.")]
    long_line: list[InputError] = []
    assert list(read([tmp_path / "dumped.json"], ReadConfig(max_bytes=10), on_error=long_line.append)) == []
    assert len(long_line) == 1
    # A .json file that is no JSON is a text, as before.
    (tmp_path / "prose.json").write_text("Not JSON at all, only words.")
    assert [d.text for d in read([tmp_path / "prose.json"])] == ["Not JSON at all, only words."]
    names.extend(["prose.json", "many.json", "dumped.json"])
    # In a folder, a .json file is still passed over (a crawl's metadata, package.json...).
    stats = ReadStats()
    assert list(read([tmp_path], on_error=errors.append, stats=stats)) == [] and stats.skipped_files == len(names)


def test_a_file_whose_name_tells_nothing_is_read_as_json_when_it_holds_one_value(tmp_path: Path) -> None:
    # "export" holding an object over many lines was one text of braces and keys, while the
    # same bytes piped in, gzipped as "export.gz" or uploaded were read as JSON (a review,
    # session 65). Prose that opens with a bracket, and a name unspun reads, stay as they were.
    (tmp_path / "export").write_text(PRETTY)
    (tmp_path / "export.dat").write_text(json.dumps([{"id": "a", "text": "First."}, {"id": "b", "text": "Second."}]))
    (tmp_path / "notes").write_text("[citation needed] The talks ended.")
    (tmp_path / "pretty.txt").write_text(PRETTY)
    documents = list(read([tmp_path / name for name in ("export", "export.dat", "notes", "pretty.txt")]))
    assert [(d.id.removeprefix(f"{tmp_path}/"), d.text) for d in documents] == [
        ("export", "We trained an irregular woodland."), ("a", "First."), ("b", "Second."),
        ("notes", "[citation needed] The talks ended."), ("pretty.txt", PRETTY.strip())]
    piped = list(read(["-"], stdin=io.BytesIO(PRETTY.encode())))
    assert [d.text for d in piped] == [documents[0].text]


def test_folders_are_read_recursively_in_order_by_type(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("Alpha text.")
    (tmp_path / "b" / "c.md").write_text("Gamma text.")
    (tmp_path / "b" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / ".hidden.txt").write_text("hidden")
    write_jsonl(tmp_path / "b" / "d.jsonl", [{"id": "d1", "text": "Delta."}])
    stats = ReadStats()
    documents = list(read([tmp_path], stats=stats))
    assert [Path(d.id).name if "/" in d.id else d.id for d in documents] == ["a.txt", "c.md", "d1"]
    assert stats.skipped_files == 2


def test_binary_file_given_explicitly_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "figure.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(NotTextError, match="not text"):
        list(read_path(path))


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_path(tmp_path / "nope.txt"))


def test_file_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 100)
    with pytest.raises(TooLargeError):
        list(read_path(path, ReadConfig(max_bytes=50)))


def test_standard_input_text_and_jsonl() -> None:
    (document,) = list(read(["-"], stdin=io.BytesIO(b"Some text from a pipe.")))
    assert (document.id, document.text) == ("stdin", "Some text from a pipe.")
    stream = io.BytesIO(b'{"id": "x", "text": "One."}\n{"id": "y", "text": "Two."}\n')
    assert [d.id for d in read(["-"], stdin=stream)] == ["x", "y"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be"])
def test_standard_input_jsonl_after_a_byte_order_mark(encoding: str) -> None:
    # Windows tools write a BOM first: it hid the "{" the JSONL sniff looks for, and the whole
    # stream became one plain text (the same file given by its path was read as JSONL).
    lines = '{"id": "x", "text": "One."}\n{"id": "y", "text": "Two."}\n'
    stream = io.BytesIO(("\ufeff" + lines).encode(encoding))
    assert [(d.id, d.text) for d in read(["-"], stdin=stream)] == [("x", "One."), ("y", "Two.")]
    (plain,) = read(["-"], stdin=io.BytesIO("\ufeffNot JSON, a text.".encode(encoding)))
    assert (plain.id, plain.text) == ("stdin", "Not JSON, a text.")


def test_standard_input_in_broken_utf16_is_one_error() -> None:
    errors: list[InputError] = []
    stream = io.BytesIO(b"\xff\xfe" + '{"id": "x", "text": "One."}\n'.encode("utf-16-le") + b"\x00")
    assert list(read(["-"], stdin=stream, on_error=errors.append)) == []
    assert len(errors) == 1 and "stdin: invalid utf-16" in str(errors[0])


def _link(link: Path, target: Path) -> None:
    try:
        link.symlink_to(target, target_is_directory=True)
    except (OSError, NotImplementedError):
        pytest.skip("this system cannot make symbolic links")


def test_links_to_folders_are_followed_each_real_folder_once(tmp_path: Path) -> None:
    # os.walk does not follow links: a linked sub-folder was passed over without a word.
    (tmp_path / "corpus" / "b").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("Alpha text.")
    (tmp_path / "corpus" / "b" / "b.txt").write_text("Beta text.")
    (tmp_path / "elsewhere" / "e.txt").write_text("Linked text.")
    _link(tmp_path / "corpus" / "linked", tmp_path / "elsewhere")
    _link(tmp_path / "corpus" / "b" / "loop", tmp_path / "corpus")  # back up: would never end
    _link(tmp_path / "corpus" / "c", tmp_path / "corpus" / "b")  # b again: would read b.txt twice
    stats = ReadStats()
    documents = list(read([tmp_path / "corpus"], stats=stats))
    assert [Path(d.id).relative_to(tmp_path).as_posix() for d in documents] == [
        "corpus/a.txt", "corpus/b/b.txt", "corpus/linked/e.txt"]
    assert stats.skipped_folders == 2


def test_plain_text_file_keeps_its_text_exactly(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("  Line one.\n\nLine two.  \n", encoding="utf-8")
    (document,) = list(read_path(path))
    assert document.text == "Line one.\n\nLine two."
    assert document.meta["encoding"] == "utf-8"


@pytest.mark.parametrize("one", ["page.html", Path("page.html")])
def test_one_path_instead_of_many_is_a_type_error(one: str | Path) -> None:
    # Iterated, "/tmp/page.html" would read "/" first: the whole file system.
    with pytest.raises(TypeError, match="iterable of paths"):
        list(read(one))  # type: ignore[arg-type]


def test_an_undecodable_file_name_gives_an_id_a_report_can_hold(tmp_path: Path) -> None:
    try:
        (tmp_path / "f\udcff.txt").write_text("Some text in a file whose name is not UTF-8.")
    except (UnicodeEncodeError, OSError):
        pytest.skip("this file system wants UTF-8 file names")
    (document,) = list(read([tmp_path]))
    assert document.id == str(tmp_path / "f\\xff.txt")
    document.id.encode("utf-8")


def test_a_blank_jsonl_id_is_no_id(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "  ", "url": "https://example.org/a", "text": "Some text."}\n{"id": " ", "text": "More."}\n')
    errors: list[InputError] = []
    documents = list(read([path], on_error=errors.append))
    assert [d.id for d in documents] == ["https://example.org/a"]
    assert len(errors) == 1 and "no 'id'" in str(errors[0])


@pytest.mark.parametrize(
    ("own", "message"),
    [
        ({"export": 1, "source": 3}, "'unspun.source' must name a reader"),
        ({"export": 1, "source": ""}, "'unspun.source' must name a reader"),
        ({"export": 1, "source": "html", "meta": [1]}, "'unspun.meta' must be an object"),
    ],
)
def test_a_bad_exported_record_is_reported_by_its_line(own: dict, message: str) -> None:
    from unspun.ingest.jsonl import read_jsonl_stream

    errors: list[InputError] = []
    lines = [json.dumps({"id": "a", "text": "Some text here.", "unspun": own}),
             json.dumps({"id": "b", "text": "  Kept whole.  ", "unspun": {"export": 1, "source": "html"}})]
    documents = list(read_jsonl_stream(io.BytesIO("\n".join(lines).encode()), "x.jsonl", on_error=errors.append))
    assert [(d.id, d.text, d.source) for d in documents] == [("b", "  Kept whole.  ", "html")]
    assert len(errors) == 1 and message in str(errors[0]) and "x.jsonl:1" in str(errors[0])


def test_blank_lines_in_a_row_are_passed_over_up_to_the_size_limit() -> None:
    # A 64 KB gzip of 64 MB of line ends took 29 s, 1 GB of them minutes, without a word (an
    # audit, session 56): blank lines count towards the size limit until a record comes.
    from unspun.ingest.jsonl import read_jsonl_stream

    record = json.dumps({"id": "a", "text": "A record after the blank lines."}).encode()
    config = ReadConfig(max_bytes=1_000)
    errors: list[InputError] = []
    within = b"\n" * 900 + record + b"\n" + b"\n" * 900 + record.replace(b'"a"', b'"b"') + b"\n"
    assert [d.id for d in read_jsonl_stream(io.BytesIO(within), "x.jsonl", config, errors.append)] == ["a", "b"]
    beyond = b"\n" * 1_500 + record + b"\n"
    assert list(read_jsonl_stream(io.BytesIO(beyond), "x.jsonl", config, errors.append)) == []
    assert len(errors) == 1 and isinstance(errors[0], TooLargeError)
    assert "over 1,000 bytes of blank lines in a row; the rest of the file is not read" in str(errors[0])
    # A long record that starts with spaces is one line over the limit, not blank ones (the review).
    errors.clear()
    long_first = b" " * 2_000 + record + b"\n" + record.replace(b'"a"', b'"b"') + b"\n"
    assert [d.id for d in read_jsonl_stream(io.BytesIO(long_first), "x.jsonl", config, errors.append)] == ["b"]
    assert len(errors) == 1 and "blank" not in str(errors[0])


@pytest.mark.parametrize(("written", "ids"), [
    (b'{"id": "r1", "text": "One record."}\n{"id": "r2", "text": "Another record."}\n', ["r1", "r2"]),
    (b"A plain text, not JSON Lines.", None),
])
def test_a_pipe_named_on_the_command_line_is_sniffed_as_standard_input_is(
        tmp_path: Path, written: bytes, ids: list[str] | None) -> None:
    # `unspun check <(zcat crawl.jsonl.gz)`: the pipe was read as one text of raw JSON (an
    # audit, session 56); standard input was sniffed.
    from tests.conftest import read_through_fifo

    pipe = tmp_path / "pipe"
    documents = read_through_fifo(pipe, written)
    assert [d.id for d in documents] == (ids or [str(pipe)])


def _jsonl_read(data: bytes) -> tuple[list[str], list[str]]:
    errors: list[InputError] = []
    documents = list(read_jsonl_stream(io.BytesIO(data), "x.jsonl", ReadConfig(), errors.append))
    return [d.id for d in documents], [str(error) for error in errors]


def test_a_stream_whose_first_hundred_lines_are_no_records_is_not_read_further() -> None:
    # /dev/urandom behind a ".jsonl" name: 172,000 error lines in 20 s, without end (a
    # hostile-input audit, session 57).
    record = b'{"id": "r", "text": "A record."}\n'
    ids, errors = _jsonl_read(b"not json\n\n" * NOT_JSON_LINES_AFTER + record)
    assert ids == [] and len(errors) == NOT_JSON_LINES_AFTER + 1
    assert errors[-1] == ("x.jsonl: not JSON Lines: its first 100 lines that hold something are no JSON objects; "
                          "the rest of the file is not read")
    ids, errors = _jsonl_read(b"not json\n\n" * (NOT_JSON_LINES_AFTER - 1) + record)  # blank lines do not count
    assert ids == ["r"] and len(errors) == NOT_JSON_LINES_AFTER - 1


def test_errors_after_a_record_never_end_the_stream() -> None:
    ids, errors = _jsonl_read(b'{"id": "a", "text": "A."}\n' + b"not json\n" * 300 + b'{"id": "b", "text": "B."}\n')
    assert ids == ["a", "b"] and len(errors) == 300


def test_objects_that_are_no_documents_count_as_json_lines() -> None:
    # A crawl export whose first rows are navigation pages (no article) or empty texts is
    # JSON Lines all the same: counting their errors lost every later record (the review).
    empty = b'{"id": "e", "text": ""}\n{"id": "n", "html": "<html><body><nav>Home</nav></body></html>"}\n'
    ids, errors = _jsonl_read(empty * NOT_JSON_LINES_AFTER + b'{"id": "r", "text": "A record."}\n')
    assert ids == ["r"] and len(errors) == 2 * NOT_JSON_LINES_AFTER
