"""HTML pages a trust-and-safety audit found read wrong (session 64); each failed before."""

from __future__ import annotations

import io
from html import escape
from pathlib import Path
from textwrap import fill

import pytest

from tests.conftest import write_warc
from unspun.errors import NotTextError
from unspun.ingest import read, read_path
from unspun.ingest._decode import decode
from unspun.ingest.html import html_to_document, looks_like_html

PARAGRAPHS = [
    "The city council voted on Tuesday to approve the transport budget after a long debate about "
    "the state of the roads and the cost of new buses.",
    "Officials said the money would pay for repairs to the main bridge, and that the work would "
    "start in the spring if the weather allowed it.",
]
ARTICLE = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
PAGE = ("<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>Council approves budget</title></head>"
        f"<body><article><h1>Council approves budget</h1>{ARTICLE}</article></body></html>")
XHTML = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
         '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">'
         f"<head><title>Council approves budget</title></head><body><div id='content'>{ARTICLE}</div></body></html>")


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


@pytest.mark.parametrize("page", [
    XHTML,
    "<script>window.dataLayer = [];</script>\n" + PAGE,  # a tag manager's snippet before the DOCTYPE
    "<!-- cached -->\n<meta charset='utf-8'>\n" + PAGE,
])
def test_a_page_with_something_before_its_doctype_is_read_as_html(tmp_path: Path, page: str) -> None:
    # Read as plain text, markup and all, from a file without an .html name and from stdin.
    assert looks_like_html(page)
    (tmp_path / "story.php").write_text(page)
    [from_file] = read_path(tmp_path / "story.php")
    [from_stdin] = read(["-"], stdin=io.BytesIO(page.encode()))
    for document in (from_file, from_stdin):
        assert document.source == "html" and _paragraphs(document.text)[-2:] == PARAGRAPHS


def test_a_page_saved_with_its_query_string_in_its_name_is_read_as_html(tmp_path: Path) -> None:
    # wget keeps "?p=123" in the file's name: the page was sniffed, and a fragment read as text.
    (tmp_path / "story.html?p=123").write_text(ARTICLE)
    [document] = read_path(tmp_path / "story.html?p=123")
    assert document.source == "html" and _paragraphs(document.text) == PARAGRAPHS


def test_a_name_with_a_question_mark_before_its_own_suffix_keeps_it(tmp_path: Path) -> None:
    # The query rule cut "Is it spun?.txt" to "Is it spun": a folder passed it over without a
    # word, and "frag?.html" was read as text, markup and all (a review, session 64).
    (tmp_path / "Is it spun?.txt").write_text("We trained an irregular woodland on the scans.")
    (tmp_path / "batch?v=2.jsonl").write_text('{"id": "j", "text": "We ran an irregular woodland."}\n')
    (tmp_path / "frag?.html").write_text(ARTICLE)
    (tmp_path / "viewer.html?file=paper.pdf").write_text(ARTICLE)  # a page, named by what is before its query
    documents = {document.id.rsplit("/", 1)[-1]: document for document in read([tmp_path])}
    assert documents["Is it spun?.txt"].source == "text"
    assert documents["j"].source == "jsonl"
    assert documents["frag?.html"].source == "html"
    assert documents["viewer.html?file=paper.pdf"].source == "html"


def test_text_a_browser_never_shows_is_not_checked() -> None:
    # A <template>'s text and a hidden paragraph were kept, and turned the page's verdict.

    hidden = "Template content is actually hidden text and also never shown to a reader."
    for undisplayed in ("<template id='reply'><p>{}</p></template>", "<p hidden>{}</p>", "<div hidden=''><p>{}</p></div>"):
        page = PAGE.replace(ARTICLE, f"<p>{PARAGRAPHS[0]}</p>{undisplayed.format(hidden)}<p>{PARAGRAPHS[1]}</p>")
        document = html_to_document(page, "page.html")
        assert _paragraphs(document.text)[-2:] == PARAGRAPHS and "never shown" not in document.text, undisplayed
    # A section hidden "until-found" is shown when a reader searches the page (collapsed, not hidden).
    page = PAGE.replace(ARTICLE, f"<p>{PARAGRAPHS[0]}</p><div hidden='until-found'><p>{PARAGRAPHS[1]}</p></div>")
    assert _paragraphs(html_to_document(page, "page.html").text)[-2:] == PARAGRAPHS


@pytest.mark.parametrize("hiding", [
    "<body hidden>{}</body>", "<body><main hidden='hidden'>{}</main></body>",
    "<body><div id='app' hidden>{}</div></body>",
    # A script's data is no text a reader sees: counted, it made the hidden body the lesser part.
    "<body hidden><script type='application/json'>[" + ",".join(['"x"'] * 1000) + "]</script>{}</body>",
])
def test_a_page_hidden_until_a_script_runs_is_still_read(hiding: str) -> None:
    # Pages hide their body or main element until a script shows it ("anti-flicker"): such a
    # page was read as empty once hidden elements were dropped (a review, session 64).
    page = f"<!DOCTYPE html><html><head><title>T</title></head>{hiding.format('<article>' + ARTICLE + '</article>')}</html>"
    assert _paragraphs(html_to_document(page, "page.html").text) == PARAGRAPHS


def test_a_hidden_block_is_dropped_however_much_text_it_holds() -> None:
    hidden = " ".join(["This hidden text is never shown to a reader of the page."] * 40)
    page = PAGE.replace(ARTICLE, f"<article>{ARTICLE}<div hidden><p>{hidden}</p></div></article>")
    assert "never shown" not in html_to_document(page, "page.html").text


def _declaring(article_body: str, body: str, headline: str = "Council approves budget", wrap: str = "{}") -> str:
    import json

    data = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
                       "articleBody": article_body})
    return (f"<html><head><title>Council approves budget</title><script type='application/ld+json'>"
            f"{wrap.format(data)}</script></head><body>{body}</body></html>")


TEASER = f"<article><p>{PARAGRAPHS[0][:40]}</p><div class='paywall'>Subscribe to read the full story.</div></article>"


@pytest.mark.parametrize("wrap", ["{}", "//<![CDATA[\n{}\n//]]>", "<!--\n{}\n-->", "/*<![CDATA[*/{}/*]]>*/"])
def test_a_json_ld_body_with_raw_line_breaks_or_in_a_wrapper_is_read(wrap: str) -> None:
    # A CMS writes the body's line breaks into the JSON string as they are, and wraps the
    # script for old parsers: strict JSON refused both, and a paywall's teaser was checked.

    page = _declaring("\n".join(PARAGRAPHS), TEASER, wrap=wrap).replace("\\n", "\n")
    document = html_to_document(page, "page.html")
    assert _paragraphs(document.text) == PARAGRAPHS and document.meta["article_from"] == "json-ld"
    assert document.title == "Council approves budget"


def test_an_entity_escaped_json_ld_body_is_read_as_its_paragraphs() -> None:
    # "&lt;p&gt;": read once, the tags were the text, and the article one paragraph.

    body = "".join(f"<p>{paragraph.replace('council', '<a href=/c>council</a>')}</p>" for paragraph in PARAGRAPHS)
    document = html_to_document(_declaring(escape(body), TEASER), "page.html")
    assert _paragraphs(document.text) == PARAGRAPHS


def test_a_json_ld_body_keeps_the_tags_it_writes_as_words_and_its_cells_apart() -> None:
    # A body that writes "&lt;p&gt;" as a word was read twice, and lost all between a "<" and
    # a ">"; table cells and a definition list's terms ran together: "AlphaBeta" (a final read).
    prose = "The &lt;p&gt; element and the &lt;br&gt; element are blocks, and 3 &lt; 4 while 5 &gt; 2."
    body = f"<p>{prose}</p>" + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    body += "<table><tr><td>Alpha</td><td>Beta</td></tr></table><dl><dt>Term</dt><dd>Its meaning</dd></dl>"
    document = html_to_document(_declaring(body, TEASER), "page.html")
    assert _paragraphs(document.text) == [
        "The <p> element and the <br> element are blocks, and 3 < 4 while 5 > 2.", *PARAGRAPHS,
        "Alpha", "Beta", "Term", "Its meaning"]


def test_the_paragraphs_a_page_shows_stay_when_its_json_ld_body_is_them_on_one_line() -> None:
    # They were replaced by one paragraph, and the page's title by the declared headline.

    page = _declaring(" ".join(PARAGRAPHS), f"<article><h1>Council approves budget</h1>{ARTICLE}</article>", headline="x")
    document = html_to_document(page, "page.html")
    assert _paragraphs(document.text)[-2:] == PARAGRAPHS and "article_from" not in document.meta
    assert document.title == "Council approves budget"


CZECH = ["Příliš žluťoučký kůň úpěl ďábelské ódy, řekl starosta města na úterním zasedání rady, "
         "když se jednalo o rozpočtu na opravy silnic a mostů.",
         "Rada města schválila rozpočet na dopravu poté, co se o něm dlouho jednalo, a práce na mostě "
         "začnou na jaře, pokud to počasí dovolí."]


def _czech_page(charset: str) -> str:
    article = "".join(f"<p>{paragraph}</p>" for paragraph in CZECH)
    return (f"<!DOCTYPE html><html><head><meta charset='{charset}'><title>Rada schválila rozpočet</title></head>"
            f"<body><article>{article}</article></body></html>")


def test_a_crawled_page_without_an_http_charset_is_decoded_by_its_meta_tag(tmp_path: Path) -> None:
    # Only the HTTP charset was read: a windows-1250 page was mojibake in a crawl, not as a file.
    data = _czech_page("windows-1250").encode("cp1250")
    (tmp_path / "page.html").write_bytes(data)
    write_warc(tmp_path / "crawl.warc", [("https://example.cz/a", "text/html", data)])
    [from_crawl] = read_path(tmp_path / "crawl.warc")
    [from_file] = read_path(tmp_path / "page.html")
    assert from_crawl.text == from_file.text and _paragraphs(from_crawl.text)[-2:] == CZECH
    assert from_crawl.meta["encoding"] == "windows-1250"


@pytest.mark.parametrize("charset", ["iso-8859-15", "windows-1250", "iso-8859-2", "koi8-r"])
def test_a_page_saved_as_utf8_under_a_stale_legacy_charset_is_read_as_utf8(tmp_path: Path, charset: str) -> None:
    # Read by its label, "MOSCOW —" was "MOSCOW â€”": valid UTF-8 is almost never legacy text.
    typeset = [f"MOSCOW — Lavrov’s café remark drew “attention”. {PARAGRAPHS[0]}", PARAGRAPHS[1]]
    page = PAGE.replace("utf-8", charset).replace(ARTICLE, "".join(f"<p>{p}</p>" for p in typeset))
    (tmp_path / "page.html").write_bytes(page.encode("utf-8"))
    [document] = read_path(tmp_path / "page.html")
    assert _paragraphs(document.text)[-2:] == typeset and document.meta["encoding"] == "utf-8"


def test_a_paragraph_hard_wrapped_in_the_source_is_one_paragraph_as_a_browser_shows_it() -> None:
    # trafilatura keeps a <div>'s source line breaks: each line was a paragraph ("the United"
    # and "States" apart), 37 for the 12 the page shows.

    def page(tag: str, wrap: bool) -> str:
        blocks = "\n".join(f"<{tag}>{fill(p, 40) if wrap else p}</{tag}>" for p in PARAGRAPHS)
        return PAGE.replace(ARTICLE, blocks)

    for tag in ("div", "p"):
        wrapped, unwrapped = html_to_document(page(tag, True), "page.html"), html_to_document(page(tag, False), "page.html")
        assert wrapped.text == unwrapped.text and _paragraphs(wrapped.text)[-2:] == PARAGRAPHS, tag
    # What a reader sees on lines of their own stays so: lines broken by <br>, and a <pre>'s.
    broken = PAGE.replace(ARTICLE, f"<div>{PARAGRAPHS[0]}<br>\n{PARAGRAPHS[1]}</div>")
    assert _paragraphs(html_to_document(broken, "page.html").text)[-2:] == PARAGRAPHS
    code = PAGE.replace(ARTICLE, f"{ARTICLE}<pre>total = 0\nfor x in xs:\n    total += x</pre>")
    assert _paragraphs(html_to_document(code, "page.html").text)[-3:] == ["total = 0", "for x in xs:", "total += x"]


@pytest.mark.parametrize("where", ["head", "tail"])
def test_a_stray_nul_byte_makes_no_page_binary_wherever_it_is(tmp_path: Path, where: str) -> None:
    # One NUL in the first 4 KB refused the page as "not text (binary data)", exit 2; the same
    # NUL further on passed unseen.

    padding = "<!-- " + "x" * 5000 + " -->"
    page = PAGE.replace("<title>", "<title>\x00") if where == "head" else PAGE.replace("</body>", f"{padding}\x00</body>")
    (tmp_path / "page.html").write_bytes(page.encode())
    [document] = read_path(tmp_path / "page.html")
    assert _paragraphs(document.text)[-2:] == PARAGRAPHS and document.title == "Council approves budget"
    assert decode(b"A note\x00 with a stray NUL in it.", "note.txt")[0] == "A note\x00 with a stray NUL in it."
    # Binary data without a known signature is still refused: its control bytes are many.
    for binary in (bytes(range(256)) * 8, b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" * 64):
        with pytest.raises(NotTextError, match="binary data"):
            decode(binary, "blob")
