"""The HTTP API through FastAPI's TestClient (httpx, the real application in process): the
same reports as the library, every error as one JSON line with its status."""

from __future__ import annotations

import gzip
import json
import threading
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="needs the web extra: pip install '.[web]'")

from fastapi.testclient import TestClient

from tests.conftest import python_output, write_warc
from tests.integration.test_trace import ORIGINALS, OTHER_OUTLET, SPUN
from tests.unit.ingest._hand_made_pdfs import pages_pdf
from unspun import Index, check, trace
from unspun.config import CheckConfig, ReadConfig
from unspun.errors import InputError, NotAnIndexError
from unspun.web import ServeConfig, create_app
from unspun.web._settings import JSON_ESCAPE_GROWTH, JSON_OVERHEAD_BYTES

TORTURED = "We compared an irregular woodland with a support vector machine on the bosom peril data."
SMALL_LIMIT = 4_000


@pytest.fixture(scope="module")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "originals.db"
    with Index.create(path) as index:
        index.add(ORIGINALS)
    return path


@pytest.fixture(scope="module")
def client(index_path: Path):
    with TestClient(create_app(ServeConfig(index_path=index_path))) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def small_client():
    """A server without an index whose documents may hold SMALL_LIMIT bytes."""
    with TestClient(create_app(ServeConfig(read_config=ReadConfig(max_bytes=SMALL_LIMIT)))) as test_client:
        yield test_client


def without_time(report: dict) -> dict:
    return {**report, "stats": {key: value for key, value in report["stats"].items() if key != "seconds"}}


def test_health_says_what_the_server_checks_with(client: TestClient, small_client: TestClient) -> None:
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["mode"] == "fast"
    assert health["index"]["documents"] == len(ORIGINALS) and health["max_bytes"] == ReadConfig().max_bytes
    assert small_client.get("/api/health").json()["index"] is None


def test_check_answers_the_librarys_report(client: TestClient) -> None:
    response = client.post("/api/check", json={"text": TORTURED})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert without_time(response.json()) == without_time(check(TORTURED).to_dict())
    assert [finding["suggestion"] for finding in response.json()["findings"]] == ["random forest", "breast cancer"]


def test_request_options_change_that_request_only(client: TestClient) -> None:
    every = client.post("/api/check", json={"text": SPUN}).json()["findings"]
    sure = client.post("/api/check", json={"text": SPUN, "min_confidence": 0.9}).json()["findings"]
    assert 0 < len(sure) < len(every) and all(finding["confidence"] >= 0.9 for finding in sure)
    suspected = client.post("/api/check", json={"text": SPUN, "suspect": True}).json()
    assert suspected["stats"]["suspect"] is True
    assert without_time(suspected) == without_time(check(SPUN, CheckConfig(suspect=True)).to_dict())
    assert client.post("/api/check", json={"text": SPUN}).json()["stats"]["suspect"] is False


def test_html_is_read_as_a_page(client: TestClient, example_html: Path) -> None:
    page = example_html.read_text(encoding="utf-8")
    report = client.post("/api/check", json={"text": page, "format": "html", "id": "page"}).json()
    assert report["id"] == "page" and report["title"] and report["stats"]["source"] == "html"
    assert "<" not in report["text"] and report["verdict"] == "spun"


def test_files_are_read_as_the_command_line_reads_them(client: TestClient, example_html: Path,
                                                       example_txt: Path) -> None:
    from unspun.ingest import read

    for path in (example_html, example_txt):
        sent = client.post("/api/check/file", files={"file": (path.name, path.read_bytes())})
        assert sent.status_code == 200, sent.text
        expected = check(next(read([path]))).to_dict()
        assert without_time(sent.json()) == without_time({**expected, "id": path.name})  # the name, not the path
    zipped = client.post("/api/check/file", files={"file": ("story.txt.gz", gzip.compress(TORTURED.encode()))})
    assert zipped.json()["text"] == TORTURED and zipped.json()["id"] == "story.txt.gz"
    nameless = client.post("/api/check/file", files={"file": ("", TORTURED.encode())})
    assert nameless.status_code in (200, 422)  # some clients send no name at all: never a failure


def test_a_pdf_is_read_for_its_text(client: TestClient) -> None:
    pdf = pages_pdf([["We compared an irregular woodland with a support vector machine.",
                      "The bosom peril data came from three hospitals."]])
    report = client.post("/api/check/file", files={"file": ("paper.pdf", pdf)}).json()
    assert report["stats"]["source"] == "pdf"
    assert {"irregular woodland", "bosom peril"} <= {finding["text"] for finding in report["findings"]}


def test_many_document_files_are_refused_with_the_command_to_use(client: TestClient, tmp_path: Path) -> None:
    warc = write_warc(tmp_path / "crawl.warc", [("https://example.org/", "text/plain", TORTURED.encode())])
    lines = json.dumps({"id": "a", "text": TORTURED}).encode()
    for name, data in (("crawl.warc", warc.read_bytes()), ("docs.jsonl", lines)):
        response = client.post("/api/check/file", files={"file": (name, data)})
        assert response.status_code == 422 and f"unspun check {name}" in response.json()["error"]


def test_trace_finds_the_source_and_every_substitution(client: TestClient, index_path: Path) -> None:
    report = client.post("/api/trace", json={"text": SPUN}).json()
    assert report["trace_verdict"] == "source found" and report["matches"][0]["id"] == "harbour"
    with Index.open(index_path, readonly=True) as index:
        assert without_time(report) == without_time(trace(SPUN, index).to_dict())
    assert client.post("/api/trace", json={"text": OTHER_OUTLET}).json()["trace_verdict"] == \
        "no source in the collection"
    uploaded = client.post("/api/trace/file", files={"file": ("copy.txt", SPUN.encode())}).json()
    assert uploaded["matches"][0]["id"] == "harbour" and uploaded["id"] == "copy.txt"


def test_trace_without_an_index_says_how_to_give_one(small_client: TestClient) -> None:
    response = small_client.post("/api/trace", json={"text": SPUN})
    assert response.status_code == 404 and "--index" in response.json()["error"]


@pytest.mark.parametrize(("body", "said"), [
    ({"text": "   "}, "empty text"),
    ({"text": "12 34 !!"}, "no words"),
    ({"txt": TORTURED}, "text: Field required"),
    ({"text": TORTURED, "suspected": True}, "suspected: Extra inputs are not permitted"),
    # Taken as JSON writes them, as CheckConfig takes them ("yes" was suspect mode on).
    ({"text": TORTURED, "suspect": "yes"}, "suspect: Input should be a valid boolean"),
    ({"text": TORTURED, "min_confidence": "0.5"}, "min_confidence: Input should be a valid number"),
    ("We used an irregular woodland.", "body: must be a JSON object, sent with Content-Type: application/json"),
    ({"text": TORTURED, "format": "pdf"}, "format:"),
    ({"text": TORTURED, "min_confidence": 2}, "min_confidence:"),
    ({"text": 42}, "text:"),
    ({"text": "<html><body><nav>Home</nav></body></html>", "format": "html"}, "no article"),
])
def test_requests_that_cannot_be_checked_are_422_with_the_reason(client: TestClient, body: dict, said: str) -> None:
    response = client.post("/api/check", json=body)
    assert response.status_code == 422 and said in response.json()["error"], response.text
    assert list(response.json()) == ["error"]


def test_a_file_s_form_with_a_field_the_api_does_not_know_is_refused(client: TestClient) -> None:
    # "suspected" was ignored, suspect mode left off without a word (an audit, session 62).
    upload = {"file": ("story.txt", TORTURED.encode())}
    for route in ("/api/check/file", "/api/trace/file"):
        response = client.post(route, files=upload, data={"suspected": "true", "min_confidence": "0.2"})
        assert (response.status_code, response.json()) == (422, {"error": "suspected: Extra inputs are not permitted"})
    answer = client.post("/api/check/file", files=upload, data={"suspect": "true", "min_confidence": "0.2"})
    assert answer.status_code == 200 and answer.json()["stats"]["suspect"] is True
    # A field given twice (the last won) and a suspect that is no true or false ("yes" was
    # true, where JSON's "yes" is refused): refused as well (a review, session 62).
    twice = client.post("/api/check/file", files=[("file", ("a.txt", b"One.")), ("file", ("b.txt", b"Two."))])
    assert (twice.status_code, twice.json()) == (422, {"error": "file: given more than once"})
    yes = client.post("/api/check/file", files=upload, data={"suspect": "yes"})
    assert (yes.status_code, yes.json()) == (422, {"error": "suspect: must be true or false"})


def test_an_uploaded_json_file_is_its_one_document(client: TestClient) -> None:
    pretty = b'{\n  "title": "Talks",\n  "text": "We trained an irregular woodland on bosom peril scans."\n}\n'
    answer = client.post("/api/check/file", files={"file": ("story.json", pretty)})
    assert answer.status_code == 200, answer.text
    assert (answer.json()["id"], answer.json()["title"], answer.json()["verdict"]) == ("story.json", "Talks", "spun")
    one_line = client.post("/api/check/file", files={"file": ("one.json", b'{"id": "s", "text": "Bosom peril."}')})
    assert one_line.status_code == 200 and one_line.json()["id"] == "s"  # JSON Lines of one line, as on disk
    # One line without an id, as json.dumps writes it, named by the file (an audit, session 63).
    no_id = client.post("/api/check/file", files={"file": ("p.json", b'{"text": "Bosom peril."}\n')})
    assert no_id.status_code == 200 and no_id.json()["id"] == "p.json", no_id.text
    prose = client.post("/api/check/file", files={"file": ("prose.json", b"Only words, no JSON.")})
    assert prose.status_code == 200 and prose.json()["text"] == "Only words, no JSON."
    many = {"list.json": b'[{"text": "One."}, {"text": "Two."}]',
            "lines.json": b'{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n'}
    said = {name: client.post("/api/check/file", files={"file": (name, body)}).json()["error"]
            for name, body in many.items()}
    assert said == {"list.json": "list.json: a list of 2 documents; this API checks one document a request: check it "
                                 "with 'unspun check list.json'",
                    "lines.json": "lines.json: JSON Lines, a document a line; this API checks one document a "
                                  "request: check it with 'unspun check lines.json'"}


def test_a_gzipped_json_file_is_its_one_document_as_the_command_line_reads_it(client: TestClient,
                                                                             tmp_path: Path) -> None:
    """It was checked as the JSON's source text, named by the file (an audit, session 64)."""
    from unspun.ingest import read

    path = tmp_path / "one.json.gz"
    path.write_bytes(gzip.compress(json.dumps({"id": "myid", "text": TORTURED}).encode()))
    answer = client.post("/api/check/file", files={"file": (path.name, path.read_bytes())})
    assert answer.status_code == 200, answer.text
    assert (answer.json()["id"], answer.json()["text"]) == ("myid", TORTURED)
    assert without_time(answer.json()) == without_time(check(next(read([path]))).to_dict())
    pretty = gzip.compress(b'{\n  "title": "Talks",\n  "text": "Bosom peril."\n}\n')
    named = client.post("/api/check/file", files={"file": ("talk.JSON.gz", pretty)}).json()
    assert (named["id"], named["title"], named["text"]) == ("talk.JSON.gz", "Talks", "Bosom peril.")


def test_an_upload_whose_name_tells_no_kind_is_read_as_what_it_holds(client: TestClient, tmp_path: Path) -> None:
    """A gzipped file without an inner suffix ("export.gz"), or a file sent without a name,
    that held JSON was checked as text, braces and keys and all (session 64's Left): it is
    read as the command line reads "export.gz", or a pipe."""
    from unspun.ingest import read

    pretty = b'{\n  "title": "Talks",\n  "text": "We trained an irregular woodland on bosom peril scans."\n}\n'
    line = json.dumps({"id": "myid", "text": TORTURED}).encode()
    for name, data, wanted in (("export.gz", gzip.compress(pretty), ("export.gz", "Talks")),
                               ("batch.gz", gzip.compress(line + b"\n"), ("myid", "")),
                               ("export", pretty, ("export", "Talks"))):
        answer = client.post("/api/check/file", files={"file": (name, data)})
        assert answer.status_code == 200, answer.text
        assert (answer.json()["id"], answer.json()["title"]) == wanted, name
        assert "{" not in answer.json()["text"], name
    path = tmp_path / "batch.gz"
    path.write_bytes(gzip.compress(line))
    answer = client.post("/api/check/file", files={"file": (path.name, path.read_bytes())})
    assert without_time(answer.json()) == without_time(check(next(read([path]))).to_dict())
    nameless = client.post("/api/check/file", **nameless_part(gzip.compress(pretty))).json()
    assert (nameless["id"], nameless["title"]) == ("upload", "Talks")
    many = client.post("/api/check/file", files={"file": ("batch.gz", gzip.compress(line + b"\n" + line))})
    assert (many.status_code, many.json()["error"]) == (422, "batch.gz: JSON Lines, a document a line; this API "
                                                             "checks one document a request: check it with "
                                                             "'unspun check batch.gz'")
    warc = write_warc(tmp_path / "crawl.warc", [("https://example.org/", "text/plain", TORTURED.encode())])
    crawl = client.post("/api/check/file", files={"file": ("crawl.gz", gzip.compress(warc.read_bytes()))})
    assert crawl.status_code == 422 and "a WARC file holds many documents" in crawl.json()["error"]


def test_a_gzipped_upload_is_read_by_what_it_holds_as_the_command_line_reads_it(
        client: TestClient, tmp_path: Path) -> None:
    """`unspun check` unpacks a gzipped file and reads what it holds, whatever its inner
    suffix: a ".txt.gz" of JSON is JSON there, and so here, in any case of its name (it was
    a text as "x.txt.gz" and JSON as "x.TXT.GZ": a review, session 65); a file not gzipped is
    read by its name first. An HTML page without a suffix is read as a page, by its start."""
    from unspun.ingest import read

    braces = b'{"text": "Bosom peril."}'
    (tmp_path / "x.txt.gz").write_bytes(gzip.compress(braces))
    (tmp_path / "x.txt").write_bytes(braces)
    assert [d.text for d in read([tmp_path / "x.txt.gz", tmp_path / "x.txt"])] == ["Bosom peril.", braces.decode()]
    for name in ("x.txt.gz", "x.TXT.GZ", "x.json.gz", "export.GZ"):
        read_as = client.post("/api/check/file", files={"file": (name, gzip.compress(braces))}).json()
        assert read_as["text"] == "Bosom peril.", name
    as_text = client.post("/api/check/file", files={"file": ("x.txt", braces)}).json()
    assert as_text["text"] == braces.decode()
    page = b"<html><head><title>Talks</title></head><body><p>We trained an irregular woodland.</p></body></html>"
    for name in ("x.html.gz", "page.gz"):
        read = client.post("/api/check/file", files={"file": (name, gzip.compress(page))}).json()
        assert (read["title"], read["text"], read["stats"]["source"]) == (
            "Talks", "We trained an irregular woodland.", "html"), name
    prose = client.post("/api/check/file", files={"file": ("notes.gz", gzip.compress(b"[Editor's note] Bosom peril."))})
    assert prose.json()["text"] == "[Editor's note] Bosom peril."  # a bracket that opens no JSON: a text


def test_json_lines_of_records_without_ids_are_refused_as_many_documents(client: TestClient) -> None:
    lines = b'{"text": "One story."}\n{"text": "Another story."}\n'
    for name in ("batch.json", "batch.gz"):
        data = gzip.compress(lines) if name.endswith(".gz") else lines
        answer = client.post("/api/check/file", files={"file": (name, data)})
        assert answer.status_code == 422 and answer.json()["error"].startswith(f"{name}: JSON Lines, a document a line")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_json_in_a_wide_encoding_is_read_as_json(client: TestClient, encoding: str) -> None:
    # What Windows PowerShell's ">" writes was checked as a text of braces and keys (a
    # review, session 65); a text in UTF-16 stays a text.
    pretty = '{\n  "title": "Talks",\n  "text": "We trained an irregular woodland."\n}\n'
    for name in ("export", "export.json"):
        answer = client.post("/api/check/file", files={"file": (name, pretty.encode(encoding))}).json()
        assert (answer["title"], answer["text"]) == ("Talks", "We trained an irregular woodland."), name
    prose = client.post("/api/check/file", files={"file": ("notes", TORTURED.encode(encoding))}).json()
    assert prose["text"] == TORTURED


def test_plain_text_sent_as_such_is_told_to_come_as_json(client: TestClient) -> None:
    response = client.post("/api/check", content=TORTURED.encode(), headers={"content-type": "text/plain"})
    assert response.status_code == 422 and "a file goes to /api/check/file" in response.json()["error"]


def test_malformed_json_and_lone_surrogates_are_refused(client: TestClient) -> None:
    broken = client.post("/api/check", content=b'{"text": "unfinished', headers={"content-type": "application/json"})
    assert broken.status_code == 422 and "not valid JSON" in broken.json()["error"]
    surrogate = client.post("/api/check", content=b'{"text": "a lone \\ud800 surrogate in words"}',
                            headers={"content-type": "application/json"})
    assert surrogate.status_code == 422 and "surrogate" in surrogate.json()["error"]


def test_bodies_that_cannot_be_parsed_are_answered_with_the_documented_status_and_why(client: TestClient) -> None:
    """They were a bare 400 "There was an error parsing the body" or "Part exceeded maximum
    size of 1024KB.", a status docs/web.md does not list (an audit, session 64)."""
    as_json = {"content-type": "application/json"}
    not_utf8 = client.post("/api/check", content=b'{"text": "\xff\xfe words"}', headers=as_json)
    assert (not_utf8.status_code, not_utf8.json()) == (422, {"error": "body: not valid JSON (not UTF-8: byte 0xff at 10)"})
    deep = client.post("/api/check", content=b"[" * 100_000 + b"]" * 100_000, headers=as_json)
    assert (deep.status_code, deep.json()) == (422, {"error": "body: not valid JSON (nested too deeply to read)"})
    big = client.post("/api/check/file", **nameless_part(b"word " * 250_000))
    assert big.status_code == 413 and "send the file with its name" in big.json()["error"], big.text
    broken = client.post("/api/check/file", content=b"garbage", headers={"content-type": "multipart/form-data"})
    assert (broken.status_code, broken.json()) == (
        422, {"error": "body: not a multipart form that can be read (Missing boundary in multipart.)"})


def test_binary_and_damaged_uploads_are_422(client: TestClient) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    assert client.post("/api/check/file", files={"file": ("image.png", png)}).status_code == 422
    damaged = client.post("/api/check/file", files={"file": ("story.txt.gz", gzip.compress(b"x" * 1000)[:20])})
    assert damaged.status_code == 422 and "gzip" in damaged.json()["error"]
    assert client.post("/api/check/file", files={"file": ("paper.pdf", b"%PDF-1.7\ngarbage")}).status_code == 422


def test_documents_over_the_limit_are_413(small_client: TestClient) -> None:
    text = "word " * (SMALL_LIMIT // 5 + 1)
    response = small_client.post("/api/check", json={"text": text})
    assert response.status_code == 413 and "over the limit" in response.json()["error"]
    upload = small_client.post("/api/check/file", files={"file": ("big.txt", text.encode())})
    assert upload.status_code == 413
    bomb = gzip.compress(b"word " * 100_000)
    refused = small_client.post("/api/check/file", files={"file": ("bomb.txt.gz", bomb)})
    # The limit the message names is the document's (--max-bytes), not the request body's.
    assert (refused.status_code, refused.json()) == (413, {
        "error": f"bomb.txt.gz: more than {SMALL_LIMIT:,} bytes, over the limit (raise it with --max-bytes)"})


def test_bodies_over_the_limit_are_refused_before_they_are_read(small_client: TestClient) -> None:
    limit = SMALL_LIMIT * JSON_ESCAPE_GROWTH + JSON_OVERHEAD_BYTES
    body = json.dumps({"text": "a" * (limit + 10)}).encode()
    declared = small_client.post("/api/check", content=body, headers={"content-type": "application/json"})
    assert declared.status_code == 413 and f"{limit:,} bytes" in declared.json()["error"]

    def chunks():  # no Content-Length: the limit counts what arrives
        for start in range(0, len(body), 65536):
            yield body[start:start + 65536]

    streamed = small_client.post("/api/check", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413 and "error" in streamed.json()


def test_concurrent_requests_each_get_their_own_report(client: TestClient) -> None:
    texts = [TORTURED, SPUN, OTHER_OUTLET, TORTURED.replace("bosom peril", "breast cancer")] * 3
    answers: dict[int, dict] = {}

    def ask(number: int) -> None:
        answers[number] = client.post("/api/check", json={"text": texts[number]}).json()

    threads = [threading.Thread(target=ask, args=(number,)) for number in range(len(texts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for number, text in enumerate(texts):
        assert without_time(answers[number]) == without_time(check(text).to_dict())


def test_an_unexpected_failure_is_one_json_line_500(index_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from unspun.web import _checker

    app = create_app(ServeConfig())

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(_checker.Checker, "check", broken)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        response = test_client.post("/api/check", json={"text": TORTURED})
    assert response.status_code == 500 and response.json() == {
        "error": "unexpected failure (RuntimeError); please report it with the input that caused it (the server's "
                 "log has the details)"}


def test_the_page_and_its_files_are_served_with_a_strict_policy(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    for name in ("app.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200
    assert "<script>" not in page.text  # no inline script: the policy would block it
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/health", "/api/check", "/api/check/file", "/api/trace", "/api/trace/file"} <= set(paths)


def test_the_openapi_schema_declares_the_error_answers_the_api_gives(client: TestClient) -> None:
    """It declared 422 as FastAPI's {"detail": [...]}, which no answer holds, and no 403, 404,
    413 or 503 (an audit, session 64)."""
    schema = client.get("/openapi.json").json()
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    assert schema["components"]["schemas"]["ErrorAnswer"]["required"] == ["error"]
    wanted = {"/api/check": {"403", "413", "422", "500", "503"}, "/api/check/file": {"403", "413", "422", "500", "503"},
              "/api/trace": {"403", "404", "413", "422", "500", "503"},
              "/api/trace/file": {"403", "404", "413", "422", "500", "503"}}
    for path, statuses in wanted.items():
        responses = schema["paths"][path]["post"]["responses"]
        assert set(responses) - {"200"} == statuses, path
        for status in statuses:
            assert responses[status]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorAnswer"}, (path, status)
    refused = client.post("/api/check", json={"txt": "x"})
    assert set(refused.json()) == set(schema["components"]["schemas"]["ErrorAnswer"]["properties"])


SCHEMA_WORDS = {"$ref", "anyOf", "type", "enum", "const", "properties", "required", "items", "minimum", "maximum", "title",
                "description"}
JSON_TYPES: dict[str, type | tuple[type, ...]] = {"string": str, "integer": int, "number": (int, float),
                                                  "boolean": bool, "array": list, "object": dict, "null": type(None)}


def schema_problems(value: object, schema: dict, schemas: dict, where: str = "answer") -> list[str]:
    """Where ``value`` breaks ``schema``, a JSON schema of /openapi.json whose components are
    ``schemas`` (jsonschema is not installed; the words its answers use), and every key of an
    object that its schema does not list: an answer's schema names all the answer gives."""
    assert set(schema) <= SCHEMA_WORDS, f"{where}: a schema word this check does not read: {set(schema) - SCHEMA_WORDS}"
    if "$ref" in schema:
        return schema_problems(value, schemas[schema["$ref"].rsplit("/", 1)[1]], schemas, where)
    if "anyOf" in schema:
        tries = [schema_problems(value, option, schemas, where) for option in schema["anyOf"]]
        return [] if [] in tries else [problem for problems in tries for problem in problems]
    kind = schema.get("type")
    if kind is not None and (not isinstance(value, JSON_TYPES[kind]) or (isinstance(value, bool) and kind != "boolean")):
        return [f"{where}: {value!r} is no {kind}"]
    allowed = schema["enum"] if "enum" in schema else [schema["const"]] if "const" in schema else [value]
    problems = [] if value in allowed else [f"{where}: {value!r} is none of {allowed}"]
    if isinstance(value, int | float) and not schema.get("minimum", value) <= value <= schema.get("maximum", value):
        problems.append(f"{where}: {value!r} is out of range")
    if isinstance(value, list):
        for place, item in enumerate(value):
            problems += schema_problems(item, schema.get("items", {}), schemas, f"{where}[{place}]")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        problems += [f"{where}: lacks {key!r}" for key in schema.get("required", []) if key not in value]
        problems += [f"{where}: {key!r} is not in its schema" for key in value if key not in properties]
        for key, item in value.items():
            problems += schema_problems(item, properties.get(key, {}), schemas, f"{where}.{key}")
    return problems


def test_the_openapi_schema_declares_every_answer_the_api_gives(client: TestClient, small_client: TestClient,
                                                                 example_html: Path) -> None:
    """The 200 answers had no schema at all (session 64's Left): each route's is the
    component that real answers of it keep to, every key they give listed."""
    schema = client.get("/openapi.json").json()
    wanted = {("/api/health", "get"): "HealthAnswer", ("/api/check", "post"): "Report",
              ("/api/check/file", "post"): "Report", ("/api/trace", "post"): "TraceReport",
              ("/api/trace/file", "post"): "TraceReport"}
    for (path, method), name in wanted.items():
        assert schema["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"] == {
            "$ref": f"#/components/schemas/{name}"}, path
    disguised_in_capitals = "THE COUNCIL VOTED ON TUESDAY TO CLOSE THE HAR\u200bBOUR BRIDGE FOR REPAIRS NEXT SPRING."
    dutch = ("Het kabinet heeft dinsdag een nieuw plan gepresenteerd om de woningnood aan te pakken. Volgens de "
             "minister moeten er de komende tien jaar bijna een miljoen huizen worden gebouwd, vooral in de grote "
             "steden. Gemeenten zijn kritisch en zeggen dat er te weinig geld beschikbaar is.")
    answers = {
        "HealthAnswer": [client.get("/api/health"), small_client.get("/api/health")],
        "Report": [client.post("/api/check", json={"text": text}) for text in (TORTURED, disguised_in_capitals, dutch)]
        + [client.post("/api/check/file", files={"file": ("page.html", example_html.read_bytes())})],
        "TraceReport": [client.post("/api/trace", json={"text": text}) for text in (SPUN, TORTURED)]
        + [client.post("/api/trace/file", files={"file": ("spun.txt", SPUN.encode())})],
    }
    stats = [answer.json()["stats"] for answers_of in answers.values() for answer in answers_of if "stats" in answer.json()]
    assert {"read_through", "in_capitals", "not_english"} <= {key for each in stats for key in each}  # all were read
    assert [answer.json()["trace_verdict"] for answer in answers["TraceReport"]] == [
        "source found", "no source in the collection", "source found"]
    for name, answers_of in answers.items():
        for answer in answers_of:
            assert answer.status_code == 200, answer.text
            assert schema_problems(answer.json(), {"$ref": f"#/components/schemas/{name}"},
                                  schema["components"]["schemas"]) == [], name
    report, components = answers["Report"][0].json(), schema["components"]["schemas"]
    wrong = [{**report, "added": 1}, {**report, "stats": {**report["stats"], "words": "14"}},
             {key: value for key, value in report.items() if key != "steps"}]
    assert all(schema_problems(answer, {"$ref": "#/components/schemas/Report"}, components) for answer in wrong)


def test_health_answers_head_and_the_middlewares_own_refusals_carry_the_security_headers() -> None:
    """HEAD /api/health was 405 (uptime monitors use it), and the 403 and 413 the middlewares
    answer themselves had no Content-Security-Policy nor nosniff (an audit, session 64)."""
    config = ServeConfig(read_config=ReadConfig(max_bytes=SMALL_LIMIT), allowed_hosts=("localhost",))
    with TestClient(create_app(config), base_url="http://localhost") as test_client:
        head = test_client.head("/api/health")
        assert head.status_code == 200 and head.content == b""
        refused = test_client.get("/api/health", headers={"Host": "evil.example"})
        too_large = test_client.post("/api/check", content=b"x" * (SMALL_LIMIT * 4 + 70_000),
                                     headers={"content-type": "application/json"})
        assert (refused.status_code, too_large.status_code) == (403, 413)
        for answer in (refused, too_large):
            assert "script-src 'self'" in answer.headers["content-security-policy"]
            assert answer.headers["x-content-type-options"] == "nosniff"


def test_a_missing_or_corrupt_index_is_refused_at_the_start(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such index"):
        create_app(ServeConfig(index_path=tmp_path / "none.db"))
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"not an index" * 100)
    with pytest.raises(NotAnIndexError):
        create_app(ServeConfig(index_path=corrupt))


def test_settings_are_checked() -> None:
    with pytest.raises(TypeError, match="index_path must be a Path"):
        ServeConfig(index_path="originals.db")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="deep must be True or False"):
        ServeConfig(deep="no")  # type: ignore[arg-type]


def test_the_web_stack_loads_only_when_an_app_is_made() -> None:
    loaded = python_output("import sys, unspun, unspun.web, unspun.cli\n"
                           "print(sorted(m for m in ('fastapi', 'starlette', 'uvicorn') if m in sys.modules))")
    assert loaded.strip() == "[]"


def test_without_the_web_extra_the_install_line_is_said() -> None:
    said = python_output("import sys\nsys.modules['fastapi'] = None\n"
                         "from unspun.web import create_app\nfrom unspun.errors import MissingExtraError\n"
                         "try:\n    create_app()\nexcept MissingExtraError as error:\n    print(error)\n")
    assert "pip install fastapi uvicorn python-multipart" in said and "'.[web]'" in said


def test_health_gives_the_servers_own_defaults(index_path: Path) -> None:
    """The page starts from them: it sent suspect false and 0 always, over --suspect (an audit)."""
    config = ServeConfig(check_config=CheckConfig(suspect=True, min_confidence=0.9))
    with TestClient(create_app(config)) as test_client:
        assert test_client.get("/api/health").json()["defaults"] == {"suspect": True, "min_confidence": 0.9}
        report = test_client.post("/api/check", json={"text": SPUN}).json()
        assert report["stats"]["suspect"] is True and all(f["confidence"] >= 0.9 for f in report["findings"])


def test_a_damaged_gzip_stream_is_422_not_500(client: TestClient) -> None:
    zipped = gzip.compress(TORTURED.encode() * 10)
    damaged = zipped[:10] + b"\xff" * 40 + zipped[50:]  # zlib.error, which is no OSError
    response = client.post("/api/check/file", files={"file": ("story.txt.gz", damaged)})
    assert response.status_code == 422 and "damaged gzip data" in response.json()["error"]


def test_a_pdf_is_limited_by_its_text_not_its_bytes() -> None:
    """A PDF's bytes are mostly images: the CLI reads one of 11 MB whose text is small; the
    upload was refused at --max-bytes (an audit)."""
    from tests.unit.ingest._hand_made_pdfs import FONT, build, stream, text_content

    page = stream(text_content(["We compared an irregular woodland with a support vector machine."]))
    padding = stream(b"0" * (3 * SMALL_LIMIT))  # an unused stream, as an image would be
    pdf = build([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                 b"/Resources << /Font << /F1 5 0 R >> >> >>",
                 page, FONT, padding])
    assert len(pdf) > SMALL_LIMIT
    with TestClient(create_app(ServeConfig(read_config=ReadConfig(max_bytes=SMALL_LIMIT)))) as test_client:
        response = test_client.post("/api/check/file", files={"file": ("paper.pdf", pdf)})
    assert response.status_code == 200, response.text
    assert response.json()["findings"][0]["suggestion"] == "random forest"


def test_names_that_are_no_file_name_give_the_upload_id(client: TestClient) -> None:
    for name in ("/", ".", ".."):
        report = client.post("/api/check/file", files={"file": (name, TORTURED.encode())}).json()
        assert report["id"] == "upload", name


def nameless_part(data: bytes) -> dict:
    """A form whose file part has no file name, as ``curl -F 'file=<a.txt'`` sends it."""
    body = b'--XX\r\nContent-Disposition: form-data; name="file"\r\n\r\n' + data + b"\r\n--XX--\r\n"
    return {"content": body, "headers": {"content-type": "multipart/form-data; boundary=XX"}}


def test_a_file_sent_without_a_file_name_is_read_as_the_upload(client: TestClient) -> None:
    """It was 422 "file: Value error, Expected UploadFile, received: <class 'str'>" (an audit,
    session 64): Starlette takes a part without a file name for a text field."""
    texts = {"utf-8": f"Café “quoted” {TORTURED}", "cp1252": f"Café “quoted” {TORTURED}", "ascii": TORTURED}
    for encoding, text in texts.items():
        answer = client.post("/api/check/file", **nameless_part(text.encode(encoding)))
        assert answer.status_code == 200, (encoding, answer.text)
        assert (answer.json()["id"], answer.json()["text"]) == ("upload", text), encoding
    zipped = client.post("/api/trace/file", **nameless_part(gzip.compress(SPUN.encode())))
    assert zipped.status_code == 200 and zipped.json()["matches"][0]["id"] == "harbour"


def test_error_answers_escape_what_a_terminal_would_act_on(client: TestClient) -> None:
    name = "\u202etxt.\u2028\x9b31mred.png"
    response = client.post("/api/check/file", files={"file": (name, b"\x89PNG\r\n\x1a\n" + bytes(64))})
    assert response.status_code == 422
    for raw in ("\u202e".encode(), "\u2028".encode(), "\x9b".encode()):
        assert raw not in response.content
    assert "\u202e" in response.json()["error"]  # a JSON reader gets it back


def test_a_method_not_allowed_says_which_are(client: TestClient) -> None:
    response = client.post("/")
    assert response.status_code == 405 and "GET" in response.headers["allow"]
    assert client.head("/").status_code == 200


def test_a_page_of_another_site_is_refused(client: TestClient) -> None:
    foreign = client.post("/api/check", json={"text": TORTURED}, headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403 and "another site" in foreign.json()["error"]
    sandboxed = client.post("/api/check", json={"text": TORTURED}, headers={"Origin": "null"})
    assert sandboxed.status_code == 403
    own = client.post("/api/check", json={"text": TORTURED}, headers={"Origin": "http://testserver"})
    assert own.status_code == 200
    assert client.get("/api/health", headers={"Origin": "http://evil.example"}).status_code == 200


def test_a_page_on_another_port_of_the_same_machine_is_another_site() -> None:
    """The Origin's name alone was compared: a page on localhost:3000 posted to the server on
    localhost:8000 (an audit, session 64). Its scheme, name and port are the server's own."""
    config = ServeConfig(allowed_hosts=("127.0.0.1", "localhost", "::1"))
    with TestClient(create_app(config), base_url="http://localhost:8000") as test_client:
        for foreign in ("http://localhost:3000", "http://localhost", "http://127.0.0.1:8000", "https://localhost:3000",
                        "ftp://localhost:8000", "http://localhost:x"):
            answer = test_client.post("/api/check", json={"text": TORTURED}, headers={"Origin": foreign})
            assert answer.status_code == 403 and "another site" in answer.json()["error"], foreign
        own = test_client.post("/api/check", json={"text": TORTURED}, headers={"Origin": "http://localhost:8000"})
        assert own.status_code == 200
    with TestClient(create_app(ServeConfig()), base_url="http://testserver") as test_client:  # no Host check
        assert test_client.post("/api/check", json={"text": TORTURED},
                                headers={"Origin": "http://testserver:3000"}).status_code == 403
        for own_page in ("http://testserver", "http://testserver:80"):  # a default port, said or not
            assert test_client.post("/api/check", json={"text": TORTURED},
                                    headers={"Origin": own_page}).status_code == 200, own_page


def test_a_loopback_server_refuses_other_host_names() -> None:
    config = ServeConfig(allowed_hosts=("127.0.0.1", "localhost", "::1"))
    with TestClient(create_app(config), base_url="http://localhost:8000") as test_client:
        assert test_client.get("/api/health").status_code == 200
        rebound = test_client.get("/api/health", headers={"Host": "evil.example:8000"})
        assert rebound.status_code == 403 and "127.0.0.1" in rebound.json()["error"]
        assert test_client.get("/api/health", headers={"Host": "[::1]:8000"}).status_code == 200


def test_past_the_waiting_limit_a_request_is_503_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """One check at a time: the rest wait without a thread each, up to max_waiting."""
    from unspun.web import _checker

    started, release = threading.Event(), threading.Event()
    original = _checker.Checker.check

    def slow(self: object, *args: object) -> dict:
        started.set()
        release.wait(30)
        return original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(_checker.Checker, "check", slow)
    with TestClient(create_app(ServeConfig(max_waiting=1))) as test_client:
        answers: list[int] = []
        first = threading.Thread(target=lambda: answers.append(
            test_client.post("/api/check", json={"text": TORTURED}).status_code))
        first.start()
        assert started.wait(30)
        second = threading.Thread(target=lambda: answers.append(
            test_client.post("/api/check", json={"text": TORTURED}).status_code))
        second.start()
        for _ in range(300):  # the second request waits for its turn
            if test_client.get("/api/health").json()["waiting"] == 1:
                break
            threading.Event().wait(0.05)
        busy = test_client.post("/api/check", json={"text": TORTURED})
        assert busy.status_code == 503 and busy.headers["retry-after"] == "5" and "busy" in busy.json()["error"]
        page = test_client.get("/")  # the page and health are served while the engine is busy
        assert page.status_code == 200
        release.set()
        first.join(60)
        second.join(60)
    assert answers == [200, 200]


def _as_javascript_class(characters: str) -> str:
    """A Python regular expression's character class written for JavaScript's ``u`` flag."""
    def escaped(character: str) -> str:
        code = ord(character)
        return f"\\u{{{code:x}}}" if code > 0xFFFF else f"\\u{code:04x}"

    parts, position = [], 0
    while position < len(characters):
        if position + 2 < len(characters) and characters[position + 1] == "-":
            parts.append(f"{escaped(characters[position])}-{escaped(characters[position + 2])}")
            position += 3
        else:
            parts.append(escaped(characters[position]))
            position += 1
    return "".join(parts)


def test_the_page_writes_out_the_invisible_characters_the_library_reads_through() -> None:
    """The page showed U+3164, U+E0020... raw inside a disguise's mark (an audit): its list
    must be the library's."""
    from unspun.disguise import INVISIBLE

    script = (Path(__file__).parents[3] / "src/unspun/web/static/app.js").read_text(encoding="utf-8")
    assert f"const INVISIBLE = /[{_as_javascript_class(INVISIBLE)}]/gu;" in script


def test_a_reverse_proxys_name_is_served_when_named() -> None:
    """Behind a proxy the page's Origin is the proxy's name, and Host may be 127.0.0.1's:
    every POST of the page was 403 (a review). --allow-host names it."""
    config = ServeConfig(allowed_hosts=("127.0.0.1", "localhost", "::1", "unspun.example.org"),
                         proxy_names=("unspun.example.org",))
    with TestClient(create_app(config), base_url="http://127.0.0.1:8000") as test_client:
        proxied = test_client.post("/api/check", json={"text": TORTURED},
                                   headers={"Origin": "https://unspun.example.org"})
        assert proxied.status_code == 200
        foreign = test_client.post("/api/check", json={"text": TORTURED}, headers={"Origin": "https://evil.example"})
        assert foreign.status_code == 403
        forwarded = test_client.get("/api/health", headers={"Host": "unspun.example.org"})
        assert forwarded.status_code == 200
    with pytest.raises(TypeError, match="allowed_hosts"):
        ServeConfig(allowed_hosts="localhost")  # type: ignore[arg-type]


def test_a_proxys_name_leaves_the_machines_own_names_and_addresses_served() -> None:
    """--host 0.0.0.0 --allow-host NAME refused every other Host: a proxy that passes on its
    upstream's name, or a load balancer's health check by address (an audit, session 64)."""
    from unspun.cli.serve import _allowed_hosts

    assert _allowed_hosts("0.0.0.0", []) is None  # on a network, with no name given: any Host
    allowed = _allowed_hosts("0.0.0.0", ["Unspun.Example.org"])
    with TestClient(create_app(ServeConfig(allowed_hosts=allowed)), base_url="http://10.0.0.5:8000") as test_client:
        for host in ("unspun.example.org", "10.0.0.5:8000", "127.0.0.1:8000", "localhost:8000", "[::1]:8000",
                     "[2001:db8::1]"):
            assert test_client.get("/api/health", headers={"Host": host}).status_code == 200, host
        rebound = test_client.get("/api/health", headers={"Host": "evil.example"})
        assert rebound.status_code == 403 and "--allow-host" in rebound.json()["error"]
    assert "box.lan" in _allowed_hosts("box.lan", ["unspun.example.org"])  # the name it listens by


@pytest.mark.parametrize(("host", "origin", "proxies", "status"), [
    # The name --host gives is this machine's, not a proxy's: a page on another port of it is
    # another site (a review, session 64: it was let in on any port).
    ("box.lan:8000", "http://box.lan:3000", ("unspun.example.org",), 403),
    ("box.lan:8000", "http://box.lan:8000", ("unspun.example.org",), 200),
    # A proxy on this machine that passes on "localhost" without its port: named, it is served.
    ("localhost", "http://localhost:8080", (), 403),
    ("localhost", "http://localhost:8080", ("localhost",), 200),
])
def test_only_a_name_given_with_allow_host_is_a_proxy_s_on_any_port(
        host: str, origin: str, proxies: tuple[str, ...], status: int) -> None:
    from unspun.cli.serve import _allowed_hosts

    allowed = _allowed_hosts("box.lan" if "box" in host else "127.0.0.1", list(proxies))
    with TestClient(create_app(ServeConfig(allowed_hosts=allowed, proxy_names=proxies))) as test_client:
        answer = test_client.post("/api/check", json={"text": TORTURED}, headers={"Host": host, "Origin": origin})
        assert answer.status_code == status
    with pytest.raises(TypeError, match="proxy_names"):
        ServeConfig(proxy_names="localhost")  # type: ignore[arg-type]


def test_an_address_given_with_allow_host_is_no_proxy_s_name() -> None:
    # --allow-host 127.0.0.1 made every page on 127.0.0.1, whatever its port, the server's own:
    # a request forgery from any other local port (a review, session 64).
    from unspun.cli.serve import _allowed_hosts, _proxy_names

    named = ["127.0.0.1", "::1", "Unspun.Example.org", "localhost"]
    assert _proxy_names(named) == ("unspun.example.org", "localhost")
    config = ServeConfig(allowed_hosts=_allowed_hosts("0.0.0.0", named), proxy_names=_proxy_names(named))
    with TestClient(create_app(config)) as test_client:
        forged = test_client.post("/api/check", json={"text": TORTURED},
                                  headers={"Host": "127.0.0.1:8000", "Origin": "http://127.0.0.1:3000"})
        assert forged.status_code == 403


@pytest.mark.parametrize(("host", "status"), [
    (b"localhost:8000", 200), (b"[::1]:8000", 200), (b"127.0.0.1", 200),
    (b"localhost:", 200),  # an empty port is the scheme's default (RFC 3986)
    (b"", 403), (b"[::1", 403), (b"[::1]x", 403), (b"a:b:c", 403), (b"::1", 403),
    # Read as "localhost" by the Host check, as no host by the Origin check (a review, session 65).
    (b"localhost:99999", 403), (b"localhost:x", 403), (b"localhost:\xd9\xa1", 403),
    ("l\u00f3calhost".encode(), 403), (b"user@localhost", 403),
    # A port of more than 4,300 digits was a 500 and a logged traceback (a review, session 65).
    (b"localhost:" + b"1" * 4400, 403), (b"localhost:" + b"0" * 4400 + b"8000", 200),
])
def test_a_malformed_host_is_no_name_the_server_answers(host: bytes, status: int) -> None:
    from unspun.web._middleware import parse_host

    # A zone is no part of an address a browser sends ("[fe80::1%evil.com]" was an address).
    assert parse_host("[fe80::1%evil.com]:8000") is None and parse_host("[fe80::1]:8000") is not None
    config = ServeConfig(allowed_hosts=("127.0.0.1", "localhost", "::1"))
    with TestClient(create_app(config), base_url="http://localhost:8000") as test_client:
        assert test_client.get("/api/health", headers={"Host": host}).status_code == status


@pytest.mark.parametrize(("host", "status"), [
    (b"testserver", 200), (b"testserver:", 200),
    # "user@testserver" and "testserver/x" were the page's "testserver" to the Origin check
    # and no name to the Host check (a review, session 65).
    (b"user@testserver", 403), (b"testserver/x", 403),
    (b"testserver:99999", 403), (b"", 403), (b"[::1", 403), ("t\u00e9stserver".encode(), 403),
])
def test_a_post_with_a_malformed_host_has_no_own_origin(host: bytes, status: int) -> None:
    with TestClient(create_app(ServeConfig())) as test_client:  # any Host served: only the Origin is compared
        answer = test_client.post("/api/check", json={"text": TORTURED},
                                  headers={"Host": host, "Origin": "http://testserver"})
        assert answer.status_code == status
        assert test_client.get("/api/health", headers={"Host": host}).status_code == 200
