"""Reading cases a helper's audit of batch checks found wrong (session 49); each failed before."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import needs_permissions, run_python
from unspun.config import ReadConfig
from unspun.errors import InputError
from unspun.ingest import read

ARTICLE = "The council approved the budget on Monday after a long debate about the state of the roads."


def _read(inputs: list[str], stdin: bytes | None = None, **options: object) -> tuple[list[str], list[str]]:
    errors: list[InputError] = []
    stream = io.BytesIO(stdin) if stdin is not None else None
    documents = list(read(inputs, on_error=errors.append, stdin=stream, **options))  # type: ignore[arg-type]
    return [d.id for d in documents], [str(e) for e in errors]


def _jsonl(count: int) -> bytes:
    return b"".join(json.dumps({"id": f"doc-{n}", "text": ARTICLE}).encode() + b"\n" for n in range(count))


def test_json_lines_on_standard_input_are_limited_per_line_not_whole() -> None:
    # `zcat crawl.jsonl.gz | unspun check -` was refused once the whole stream passed --max-bytes.
    data = _jsonl(300)
    ids, errors = _read(["-"], stdin=data, config=ReadConfig(max_bytes=len(data) // 10))
    assert errors == [] and len(ids) == 300 and ids[-1] == "doc-299"


def test_a_plain_text_on_standard_input_is_still_limited_whole() -> None:
    ids, errors = _read(["-"], stdin=(ARTICLE + "\n").encode() * 100, config=ReadConfig(max_bytes=1000))
    assert ids == [] and errors == ["stdin: more than 1,000 bytes, over the limit (raise it with --max-bytes)"]


@pytest.mark.parametrize("start", [b"{{Short description|A town}}\n", b"{\\rtf1\\ansi\n", b"{ this is a note }\n"])
def test_a_text_that_opens_with_a_brace_is_a_text_not_json_lines(start: bytes) -> None:
    ids, errors = _read(["-"], stdin=start + ARTICLE.encode())
    assert (ids, errors) == (["stdin"], [])


@pytest.mark.parametrize("start", [b"", b"\xef\xbb\xbf", b"\n\n  ", b" " * 5000])
def test_json_lines_on_standard_input_are_found_past_a_mark_and_blank_lines(start: bytes) -> None:
    ids, errors = _read(["-"], stdin=start + _jsonl(2))
    assert (ids, errors) == (["doc-0", "doc-1"], [])


def test_a_first_line_longer_than_the_sniff_reads_whole() -> None:
    record = json.dumps({"id": "long", "text": " ".join([ARTICLE] * 200)}).encode()
    ids, errors = _read(["-"], stdin=record + b"\n" + _jsonl(1))
    assert (ids, errors) == (["long", "doc-0"], [])


def test_utf16_json_lines_on_standard_input_still_read() -> None:
    ids, errors = _read(["-"], stdin=_jsonl(2).decode().encode("utf-16"))
    assert (ids, errors) == (["doc-0", "doc-1"], [])


def test_a_json_file_of_json_lines_is_read_as_json_lines(tmp_path: Path) -> None:
    # A ".json" file named on the command line was one "document" of JSON syntax read as words.
    (tmp_path / "records.json").write_bytes(_jsonl(2))
    (tmp_path / "notes").write_text(ARTICLE, encoding="utf-8")  # no suffix, not JSON: a text
    ids, errors = _read([str(tmp_path / "records.json"), str(tmp_path / "notes")])
    assert (ids, errors) == (["doc-0", "doc-1", str(tmp_path / "notes")], [])


def test_an_empty_name_is_refused_not_read_as_the_current_folder() -> None:
    ids, errors = _read([""])
    assert ids == [] and errors == ["an empty name is no file or folder (an unset variable?); name the current folder '.'"]


def test_standard_input_named_twice_is_an_error() -> None:
    ids, errors = _read(["-", "-"], stdin=ARTICLE.encode())
    assert ids == ["stdin"] and errors == ["standard input ('-') is named twice: it can be read once"]


def test_an_input_without_documents_beside_others_is_an_error_when_documents_are_required(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "only-images").mkdir()
    (tmp_path / "only-images" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "page.txt").write_text(ARTICLE, encoding="utf-8")
    inputs = [str(tmp_path / name) for name in ("empty.jsonl", "only-images", "page.txt")]
    ids, errors = _read(inputs, require_documents=True)
    assert ids == [inputs[2]]
    assert errors == [f"no documents to read in {inputs[0]}",
                      f"no documents to read in {inputs[1]} (folders are read for their text, HTML, WARC, JSONL and PDF files)"]
    assert _read(inputs) == ([inputs[2]], [])  # the API's default: an empty input is no error


def test_a_named_pipe_in_a_folder_is_skipped_not_read_for_ever(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(tmp_path / "stream.txt")
    code = f"from unspun.ingest import read\nprint([d.id for d in read([{str(tmp_path)!r}])])"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == repr([str(tmp_path / "page.txt")]), run.stderr


def test_a_folder_that_cannot_be_listed_is_reported_not_passed_over() -> None:
    # A subfolder without read permission was skipped in silence: the run said "clean", exit 0.
    root = needs_permissions()
    folder = Path(tempfile.mkdtemp(prefix="unspun-walk-"))  # not tmp_path: private to the test's user
    folder.chmod(0o755)
    try:
        (folder / "open").mkdir()
        (folder / "open" / "page.txt").write_text(ARTICLE, encoding="utf-8")
        (folder / "locked").mkdir()
        (folder / "locked" / "spun.txt").write_text(ARTICLE, encoding="utf-8")
        (folder / "locked").chmod(0o000)
        (folder / "listed").mkdir()  # its names can be read, its files not reached
        (folder / "listed" / "spun.txt").write_text(ARTICLE, encoding="utf-8")
        (folder / "listed").chmod(0o444)
        code = (f"from unspun.ingest import read\nerrors = []\n"
                f"ids = [d.id for d in read([{str(folder)!r}], on_error=errors.append)]\n"
                f"print(ids, [str(e) for e in errors])")
        run = run_python(code, as_nobody=root)
        expected = ([str(folder / "open" / "page.txt")],
                    [f"{folder / 'listed' / 'spun.txt'}: cannot be read (Permission denied)",
                     f"{folder / 'locked'}: folder cannot be read (Permission denied); its files were not checked"])
        assert run.stdout.strip() == f"{expected[0]!r} {expected[1]!r}", run.stderr
    finally:
        (folder / "locked").chmod(0o755)
        (folder / "listed").chmod(0o755)
        shutil.rmtree(folder)


@pytest.mark.parametrize("name", ["crawl.jsonl.gz", "crawl.jsonl", "crawl.ndjson.gz"])
def test_gzipped_json_lines_are_read_line_by_line(tmp_path: Path, name: str) -> None:
    # A gzipped crawl named .jsonl gave an error for each newline byte of its compressed data.
    import gzip

    (tmp_path / name).write_bytes(gzip.compress(_jsonl(3)))
    assert _read([str(tmp_path / name)]) == (["doc-0", "doc-1", "doc-2"], [])
    assert _read([str(tmp_path)]) == (["doc-0", "doc-1", "doc-2"], [])  # a folder walk reads it too


def test_a_cut_gzip_of_json_lines_keeps_the_lines_before_the_damage(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "crawl.jsonl.gz"
    whole = gzip.compress(_jsonl(2000))
    path.write_bytes(whole[: len(whole) // 2])
    ids, errors = _read([str(path)])
    assert 0 < len(ids) < 2000 and ids[-1] == f"doc-{len(ids) - 1}"
    assert len(errors) == 1 and "damaged gzip data" in errors[0] and "the rest of the file is not read" in errors[0]


def test_a_json_lines_html_record_without_an_article_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"id": "p1", "html": "<html><body><nav>Home</nav></body></html>"}) + "\n")
    assert _read([str(path)]) == ([], [f"{path}:1: p1: no article text found in this HTML page"])


def test_an_exported_record_is_strict_json(tmp_path: Path) -> None:
    # Python's JSON reads NaN and Infinity, and the export wrote them back: not JSON to other tools.
    from unspun.ingest.jsonl import exported_record

    path = tmp_path / "scores.jsonl"
    path.write_text('{"id": "a", "text": "Some text.", "score": NaN, "marks": [1.5, Infinity], "more": {"x": -Infinity}}\n')
    (document,) = list(read([str(path)]))
    line = json.dumps(exported_record(document), allow_nan=False)
    record = json.loads(line)
    assert (record["score"], record["marks"], record["more"]) == (None, [1.5, None], {"x": None})


def test_a_cp1252_text_with_accents_and_curly_quotes_is_read_as_cp1252() -> None:
    # charset-normalizer offered cp775 and cp1250 but never cp1252: "ōquotedö", "cafķ".
    from unspun.ingest._decode import decode

    text = ("The city café council met on Wednesday evening to discuss plans for a new cycle lane along the main "
            "road. Several residents spoke in favour of the scheme, saying it would make the route safer for "
            "children on their way to school. The café council agreed to hold a public consultation next month "
            "before making a final decision.\n “quoted” text")
    assert decode(text.encode("cp1252"), "page.txt") == (text, "cp1252")


def test_one_json_object_over_many_lines_is_one_json_object_not_json_lines(tmp_path: Path) -> None:
    # Its lines ("{", '  "title": ...') were each an error once "{" and a quote made JSON Lines.
    # Read as one text since, braces and keys with the words; since session 62 it is read as
    # JSON: a record with its text ("text" or "html"), or one error that says what it lacks.
    path = tmp_path / "note.json"
    path.write_text('{\n  "title": "A note",\n  "body": "' + ARTICLE + '"\n}\n')
    assert _read([str(path)]) == ([], [f"{path}: the object needs a 'text' or an 'html' string"])
    path.write_text('{\n  "title": "A note",\n  "text": "' + ARTICLE + '"\n}\n')
    assert _read([str(path)]) == ([str(path)], [])
    broken_first = tmp_path / "cut.data"
    broken_first.write_bytes(b'{"id": "x", "te\n' + _jsonl(1))  # one broken line, then records
    ids, errors = _read([str(broken_first)])
    assert ids == ["doc-0"] and len(errors) == 1 and ":1: not valid JSON" in errors[0]


def test_gzip_damage_at_the_start_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "crawl.jsonl.gz"
    path.write_bytes(b"\x1f\x8b\x09garbage")
    assert _read([str(path)]) == ([], [f"{path}: damaged gzip data (Unknown compression method)"])


def test_utf16_json_lines_with_a_long_first_line_read_as_json_lines() -> None:
    record = json.dumps({"id": "long", "text": " ".join([ARTICLE] * 60)})
    ids, errors = _read(["-"], stdin=(record + "\n" + _jsonl(1).decode()).encode("utf-16"))
    assert (ids, errors) == (["long", "doc-0"], [])
