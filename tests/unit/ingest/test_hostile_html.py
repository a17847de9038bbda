"""Pages built to slip past a check or to stall it (a hostile-input audit, session 57): a spun
page trafilatura's loader threw away, patterns that backtracked for minutes, an extraction
whose time grows with the square of a page's elements."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import write_warc
from unspun.errors import TooLargeError
from unspun.ingest import ReadStats, read
from unspun.ingest.html import MAX_HTML_ELEMENTS, _json_ld_blocks, html_to_document

ARTICLE = ("<article><p>The old harbour reopened on Tuesday after two years of repairs, the port authority "
           "said in a statement on its website.</p><p>Fishing boats returned within hours, and the first "
           "ferry is expected next week, when the summer timetable begins.</p></article>")


@pytest.mark.parametrize("before", [
    "\n" * 60,  # blank lines before the page
    '<!DOCTYPE lolz [<!ENTITY a "b"><!ENTITY c "d">]>',  # a DOCTYPE declaring entities
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;">]>',  # "billion laughs", not expanded
])
def test_a_page_without_html_near_its_start_and_without_a_head_is_read(before: str) -> None:
    # trafilatura's loader threw the tree away when "html" was not in the first 50
    # characters and the root held fewer than two elements: "no article text", and in a
    # crawl a skipped record and exit 0.
    document = html_to_document(before + "<html><body>" + ARTICLE + "</body></html>", "page.html")
    assert "The old harbour reopened on Tuesday" in document.text
    assert "the summer timetable begins." in document.text


def test_such_a_page_in_a_crawl_is_checked_not_skipped(tmp_path: Path) -> None:
    page = ("\n" * 60 + "<html><body>" + ARTICLE + "</body></html>").encode()
    path = write_warc(tmp_path / "crawl.warc.gz", [("https://farm.example/a", "text/html", page)], gzip=True)
    stats = ReadStats()
    assert [d.id for d in read([path], stats=stats)] == ["https://farm.example/a"]
    assert "response without article text" not in stats.warc.skipped


def test_json_ld_blocks_are_the_ld_json_scripts_only() -> None:
    page = ('<script>var s = "<b>";</script><script type="application/ld+json">{"a": 1}</script>'
            "<SCRIPT type='application/ld+json' id=x>[2]</SCRIPT ><script type=text/javascript>3</script>"
            '<script type="application/ld+json">{"cut": ')
    assert list(_json_ld_blocks(page)) == ['{"a": 1}', "[2]"]


def test_the_declared_article_body_is_still_read() -> None:
    body = " ".join(["The council approved the budget for the new library on Tuesday evening."] * 6)
    page = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", "articleBody": "'
            + body + '"}</script></head><body><article><p>Subscribe to read more.</p></article></body></html>')
    document = html_to_document(page, "paywall.html")
    assert document.meta["article_from"] == "json-ld" and document.text == body


@pytest.mark.parametrize("trap", [
    "<!-- " + '<script type="application/ld+json">' * 30_000 + " -->",  # openings, none closed
    "<!-- " + "<script " * 100_000 + " -->",
])
def test_script_openings_without_ends_take_no_time_to_pass(trap: str) -> None:
    # The pattern for a whole JSON-LD element backtracked from every opening: 43-50 s for
    # these, minutes for a 1 MB page, in C, deaf to Ctrl-C.
    page = "<html><head><title>x</title></head><body>" + ARTICLE + trap + "</body></html>"
    assert _words_read_apart(page, "the page's script openings") > 30


@pytest.mark.parametrize("head", [
    '<script type="application/ld+json">{"articleBody": "' + "<" * 400_000 + '"}</script>',
    '<script type="application/ld+json">{"articleBody": "' + ">" * 400_000 + "<" * 400_000 + '"}</script>',
    '<meta name="description" content="' + "&lt;" * 400_000 + '">',
    '<meta name="description" content="' + "&lt;!--x&gt;" * 60_000 + '">',
    '<script type="application/ld+json">{"author": "' + "<!--x>" * 60_000 + '"}</script>',
])
def test_metadata_of_angle_brackets_takes_no_time_to_pass(head: str) -> None:
    # "<[^>]+>" over the declared body was quadratic in its "<"s (110 s for 400,000), and so
    # was trafilatura's tag stripper over structured data (55 s) and meta tags (the review).
    page = "<html><head>" + head + "</head><body>" + ARTICLE + "</body></html>"
    assert _words_read_apart(page, "the metadata's brackets") > 30


def _words_read_apart(page: str, what: str) -> int:
    """The words of ``page``'s article, read in a Python of its own within 30 s (a pattern
    that backtracks runs in C, deaf to signals: a regression fails on this deadline instead
    of stalling the suite)."""
    code = ("import sys; from unspun.ingest.html import html_to_document; "
            "print(len(html_to_document(sys.stdin.read(), 'page.html').text.split()))")
    try:
        result = subprocess.run([sys.executable, "-c", code], input=page, capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what} took over 30 s")
    assert result.returncode == 0, result.stderr
    return int(result.stdout)


def test_a_page_of_more_elements_than_the_extractor_reads_in_time_is_refused() -> None:
    page = "<html><body>" + ARTICLE + "<p>a</p>" * (MAX_HTML_ELEMENTS + 1) + "</body></html>"
    with pytest.raises(TooLargeError, match=r"^many\.html: an HTML page of over 50,000 elements"):
        html_to_document(page, "many.html")


def test_a_page_of_many_elements_within_the_limit_is_read() -> None:
    page = "<html><body>" + ARTICLE + "<span>a</span> " * 20_000 + "</body></html>"
    assert "The old harbour reopened" in html_to_document(page, "many.html").text
