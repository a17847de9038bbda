"""The web page in a real browser: Debian's Chromium, driven by Playwright, against a real
uvicorn server in this process. Skipped where Chromium is not installed (``apt-get install
chromium``; Playwright cannot download its own browser here): CI installs it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("uvicorn", reason="needs the web extra: pip install '.[web]'")
playwright_api = pytest.importorskip("playwright.sync_api", reason="needs the dev extra (playwright)")

from tests.integration import _served  # noqa: E402
from tests.integration.test_trace import ORIGINALS, SPUN  # noqa: E402
from unspun import Index, check  # noqa: E402
from unspun.config import CheckConfig  # noqa: E402
from unspun.web import ServeConfig  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium: apt-get install chromium")
# As the machine's notes advise for a closed network: no background connections to refuse.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TORTURED = "We compared an irregular woodland with a support vector machine on the bosom peril data."
ANSWER_TIMEOUT_MS = 60_000


Served = _served.Served


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    index = tmp_path_factory.mktemp("page") / "originals.db"
    with Index.create(index) as created:
        created.add(ORIGINALS)
    server = Served(ServeConfig(index_path=index))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, served: Served) -> Iterator[Any]:
    """The page, loaded and ready; the test fails if the page logs an error or throws."""
    opened = browser.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(str(error)))
    # The browser logs every answer over 400 as an error; a 422 is a test's own bad input.
    opened.on("console", lambda message: problems.append(message.text)
              if message.type == "error" and "status of 422" not in message.text else None)
    opened.goto(served.address)
    opened.wait_for_selector("#trace:not([disabled])", timeout=ANSWER_TIMEOUT_MS)
    yield opened
    opened.close()
    assert problems == []


def submit(page: Any, button: str = "#check") -> None:
    page.click(button)
    page.wait_for_selector("#result:not([hidden]), #error:not([hidden])", timeout=ANSWER_TIMEOUT_MS)


def restored(page: Any) -> str:
    """The restored text the page shows, without the dropped words it shows struck out."""
    return page.evaluate("""() => { const copy = document.getElementById('restored').cloneNode(true);
                                    copy.querySelectorAll('del').forEach((node) => node.remove());
                                    return copy.textContent; }""")


def marked(page: Any) -> list[str]:
    return [mark.text_content() for mark in page.query_selector_all("#marked mark")]


def test_each_finding_is_marked_with_what_it_most_likely_said(page: Any) -> None:
    text = f"{SPUN} {TORTURED}"
    page.fill("#text", text)
    submit(page)
    report = check(text)
    assert page.text_content("#verdict") == report.verdict == "spun"
    assert marked(page) == [finding.text.rstrip() for finding in report.findings]
    shown = [was.text_content().strip() for was in page.query_selector_all("#marked .was")]
    assert "→ random forest" in shown and "→ breast cancer" in shown
    assert len(page.query_selector_all("#findings tbody tr")) == len(report.findings)
    assert restored(page) == report.restored  # rebuilt from the steps, each change marked
    assert len(page.query_selector_all("#restored ins, #restored del")) == len(report.steps)
    page.click("#marked mark >> nth=0")
    assert page.get_attribute("#finding-0", "class") == "focused"


def test_a_trace_lists_the_sources_substitutions(page: Any) -> None:
    page.fill("#text", SPUN)
    submit(page, "#trace")
    assert page.text_content("#trace-verdict") == "Trace: source found."
    assert "Harbour reopens (harbour)" in page.text_content("#matches")
    rows = page.query_selector_all("#matches tr")[1:]
    pairs = {(row.query_selector_all("td")[0].text_content(), row.query_selector_all("td")[1].text_content())
             for row in rows}
    assert ("harbour", "port") in pairs and ("reopened", "resumed") in pairs
    assert restored(page) == ORIGINALS[0].text


def test_a_chosen_file_is_read_as_the_command_line_reads_it(page: Any, example_html: Path) -> None:
    page.set_input_files("#file", str(example_html))
    submit(page)
    assert page.text_content("#verdict") == "spun"
    assert page.text_content("#summary").startswith("Russia Ready to Continue Security Dialogue")  # its title
    page.click("#clear-file")
    page.fill("#text", "   ")
    submit(page)
    assert page.is_visible("#error") and "empty text" in page.text_content("#error")
    assert page.is_hidden("#result")


def test_a_pages_markup_is_shown_as_text_never_run(page: Any) -> None:
    hostile = f'<img src=x onerror="document.title=\'hacked\'"> <script>document.title="hacked"</script> {TORTURED}'
    page.fill("#text", hostile)
    submit(page)
    assert page.title() == "unspun"
    assert page.query_selector("#result img, #result script") is None
    assert "<img src=x" in page.text_content("#marked") and "irregular woodland" in marked(page)


def test_offsets_hold_beyond_the_basic_plane_and_direction_controls_are_written_out(page: Any) -> None:
    page.fill("#text", f"\U0001f600\U0001f389 {TORTURED} \u202eevil")
    submit(page)
    assert marked(page) == ["irregular woodland", "bosom peril"]
    shown = page.text_content("#marked")
    assert "\u202e" not in shown and "\\u202eevil" in shown


def test_the_report_downloads_as_the_apis_json(page: Any) -> None:
    page.fill("#text", TORTURED)
    submit(page)
    with page.expect_download() as downloading:
        page.click("#download")
    download = downloading.value
    assert download.suggested_filename == "unspun-report.json"
    downloaded = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert downloaded["findings"] == check(TORTURED).to_dict()["findings"]


def test_the_download_is_the_apis_answer_byte_for_byte(page: Any) -> None:
    """It was re-encoded by JSON.stringify: U+2028 and U+202E written raw where the API escapes
    them, 0.0 written 0 (an audit, session 64)."""
    page.fill("#text", f"{TORTURED} \u2028 \u202eevil")
    with page.expect_response(lambda response: response.url.endswith("/api/check")) as answering:
        submit(page)
    sent = answering.value.body()
    with page.expect_download() as downloading:
        page.click("#download")
    downloaded = Path(downloading.value.path()).read_bytes()
    assert downloaded == sent
    assert b"\\u2028" in downloaded and "\u2028".encode() not in downloaded


def test_without_an_index_tracing_is_not_offered_and_the_form_starts_at_the_servers_options(browser: Any) -> None:
    server = Served(ServeConfig(check_config=CheckConfig(suspect=True, min_confidence=0.62)))
    try:
        opened = browser.new_page()
        opened.goto(server.address)
        opened.wait_for_selector("#server:has-text('no index')", timeout=ANSWER_TIMEOUT_MS)
        assert opened.is_disabled("#trace") and opened.is_enabled("#check")
        assert opened.is_checked("#suspect") and opened.input_value("#min-confidence") == "0.62"
        opened.fill("#text", SPUN)
        submit(opened)  # 0.62 is a value the box takes (its step refused all but multiples of 0.05)
        assert opened.is_visible("#result")
        confidences = [float(cell.text_content()) for cell in opened.query_selector_all("#findings td:nth-child(4)")]
        assert confidences and min(confidences) >= 0.62
        assert opened.is_disabled("#trace")
        opened.close()
    finally:
        server.stop()


def test_trace_stays_offered_after_a_check(page: Any) -> None:
    page.fill("#text", TORTURED)
    submit(page)
    assert page.is_enabled("#trace") and page.is_enabled("#check")


def test_a_disguises_invisible_characters_are_written_out_in_its_mark(page: Any) -> None:
    text = ("The club raised its mem\u3164bership fees again this year, and the members of the club said that "
            "the rise was too steep for most of the families in the town.")
    report = check(text)
    disguised = [finding for finding in report.findings if finding.kind == "disguise"]
    assert disguised
    page.fill("#text", text)
    submit(page)
    assert "mem\\u3164bership" in marked(page)


def test_a_server_that_cannot_describe_itself_shows_its_error(browser: Any, tmp_path: Path) -> None:
    """A 500 from /api/health (an index damaged while served) read "This server checks in
    undefined mode; it has no index..." (an audit, session 64)."""
    index = tmp_path / "originals.db"
    with Index.create(index) as created:
        created.add(ORIGINALS)
    server = Served(ServeConfig(index_path=index))
    try:
        index.write_bytes(b"\0" * index.stat().st_size)  # the same file, its pages now zeros
        opened = browser.new_page()
        opened.goto(server.address)
        opened.wait_for_selector("#server:has-text('cannot')", timeout=ANSWER_TIMEOUT_MS)
        said = opened.text_content("#server")
        assert "undefined" not in said and "is corrupt or is not an unspun index" in said, said
        assert opened.is_disabled("#trace")
        opened.close()
    finally:
        server.stop()


def test_every_line_end_the_readers_keep_breaks_a_line_and_marks_stay_where_the_report_says(page: Any) -> None:
    """A lone CR, NEL, U+2028 and U+2029 ran the lines together in the page's box (NEL showed
    as a box), where the HTML report breaks them (an audit, session 64). A textarea turns CRs
    into new lines: the text comes as a file, as a reader keeps it."""
    text = f"One\rtwo\r\nthree\x85four\u2028five\u2029{TORTURED}\rLast \x85{TORTURED}"
    page.set_input_files("#file", files=[{"name": "lines.txt", "mimeType": "text/plain",
                                          "buffer": text.encode("utf-8")}])
    submit(page)
    report = check(text)
    assert marked(page) == [finding.text.rstrip() for finding in report.findings] and len(report.findings) == 4
    shown = page.text_content("#marked")
    assert shown.startswith("One\ntwo\nthree\nfour\nfive\nWe compared an irregular woodland")
    assert not set("\r\x85\u2028\u2029") & set(shown) and "\nLast \nWe compared" in shown
    for box in ("marked", "restored"):  # each on a line of its own, as the browser lays it out
        tops = page.evaluate(LINE_TOPS, [box, ["One", "two", "three", "four", "five", "Last"]])
        assert tops == sorted(tops) and len(set(tops)) == 6, (box, tops)


# The top of the first rendered occurrence of each word inside the element of that id.
LINE_TOPS = """([id, words]) => words.map((word) => {
    const walker = document.createTreeWalker(document.getElementById(id), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(word);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + word.length);
        return Math.round(range.getBoundingClientRect().top);
    }
    return null; })"""
