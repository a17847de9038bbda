from pathlib import Path

import pytest

from unspun.errors import EmptyInputError
from unspun.ingest import read_path
from unspun.ingest.html import html_to_document, looks_like_html


def test_example_page_is_its_headline_and_eleven_article_paragraphs(example_html: Path, example_txt: Path) -> None:
    (document,) = list(read_path(example_html))
    assert document.source == "html"
    assert document.title == "Russia Ready to Continue Security Dialogue with U.S."
    paragraphs = document.text.split("\n\n")
    assert len(paragraphs) == 12
    # The headline (in the theme's entry header, beside the article's container: left out
    # until session 65) and the article's paragraphs, as the text version has them.
    lines = [line for line in example_txt.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert paragraphs == lines[:12]
    for chrome in ("Leave a Reply", "email address", "Recent Posts", "Copyright", "Posted in", "Contact Us",
                   "Oil prices climb"):
        assert chrome not in document.text


def test_page_without_article_is_an_input_error() -> None:
    page = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(EmptyInputError, match="no article"):
        html_to_document(page, "menu.html")


def test_malformed_html_still_yields_its_text() -> None:
    page = "<html><body><article><p>Unclosed paragraph with a long enough sentence to count as text here." \
           "<p>Second <b>bold <i>nested</b> wrong</i> order, still more words to keep it an article.</article>"
    document = html_to_document(page, "broken.html")
    assert "Unclosed paragraph" in document.text
    assert "Second" in document.text


def test_html_is_sniffed_by_its_start() -> None:
    assert looks_like_html("<!DOCTYPE html><html>")
    assert looks_like_html("  <!-- c --> <html lang='en'>")
    assert not looks_like_html("Plain text that mentions <html> later")
    # What a page may put before its DOCTYPE (session 64) makes no text a page by itself.
    assert not looks_like_html("<script> tags run code in the page; this note is about them.")
    assert not looks_like_html("<?xml version='1.0'?> opens an XML file, and <html> opens a page.")
    assert not looks_like_html("<meta> tags describe a page.\n\nThey say nothing about its article.")


FRAGMENT = "<p>We trained an irregular woodland on bosom peril scans.</p>"


def test_a_fragment_of_a_page_named_html_has_its_paragraphs_as_the_article(tmp_path: Path) -> None:
    # A paragraph copied out of a page's source was "no article text found" in a .html file
    # (an audit, session 62).
    assert html_to_document(FRAGMENT, "x").text == "We trained an irregular woodland on bosom peril scans."
    assert html_to_document("<p>A <b>bold</b> claim.</p><p>More.</p>", "x").text == "A bold claim.\n\nMore."
    page = tmp_path / "fragment.html"
    page.write_text(FRAGMENT)
    [document] = read_path(page)
    assert document.text == html_to_document("<html><body>" + FRAGMENT + "</body></html>", "x").text
    from unspun.ingest import document_from_bytes

    # Text that only opens with a tag is no page: sniffed as HTML, a README that opens with a
    # centred logo lost its lines and its code (a review, session 62).
    readme = '<p align="center"><img src="logo.png"></p>\n\n# FastWidget\n\n```html\n<div>Hello</div>\n```\n'
    assert not looks_like_html(FRAGMENT) and not looks_like_html(readme)
    assert document_from_bytes(readme.encode(), "stdin").text == readme.strip()


def test_meta_charset_is_used(tmp_path: Path) -> None:
    body = "<p>" + "Le café de Genève était fermé après l’été, disait-il. " * 4 + "</p>"
    page = f'<html><head><meta charset="windows-1252"><title>T</title></head><body><article>{body}</article></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))
    (document,) = list(read_path(path))
    assert "café de Genève" in document.text


def test_an_article_laid_out_in_a_table_is_found() -> None:
    # Old content farms lay pages out in tables; favouring precision with tables left out
    # dropped the whole article ("no article text found").
    paragraphs = [
        "The old harbour reopened on Tuesday after two years of repairs, the port authority said in a "
        "statement, and the first fishing boats were back at their moorings within hours.",
        "Repairs to the sea wall and the two main piers cost more than expected, officials said, after "
        "storms in both winters delayed the work and damaged the temporary barriers.",
        "The first ferry to the islands is expected next week, and a summer timetable will follow once "
        "the new passenger terminal has been inspected and approved by the council.",
    ]
    html = (
        "<html><head><title>Harbour reopens</title></head><body><table width='100%'><tr>"
        "<td colspan='3'><b>ArticleHub</b> Free articles for your website!</td></tr><tr>"
        "<td width='160'><b>Categories</b><br><a href='#'>Home</a><br><a href='#'>Travel</a></td>"
        "<td><h1>Harbour reopens</h1>" + "".join(f"<p><font size='2'>{p}</font></p>" for p in paragraphs)
        + "</td><td width='160'><b>Sponsored</b><br><a href='#'>Cheap ferries</a></td></tr></table></body></html>"
    )
    document = html_to_document(html, "page")
    assert document.text.split("\n\n")[-3:] == paragraphs
    assert "Categories" not in document.text and "Sponsored" not in document.text


ARTICLE_BODY = [
    "The old harbour reopened on Tuesday after two years of repairs, the port authority said in a "
    "statement, and the first fishing boats were back at their moorings within hours.",
    "Repairs to the sea wall and the two main piers cost more than expected, officials said, after "
    "storms in both winters delayed the work and damaged the temporary barriers.",
]


def _json_ld_page(body: str, article: list[str] = ARTICLE_BODY) -> str:
    import json

    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Coast News"},
        {"@type": "NewsArticle", "headline": "Harbour reopens", "articleBody": "\n\n".join(article)},
    ]}
    return (f"<html><head><title>Harbour reopens</title><script type='application/ld+json'>{json.dumps(data)}"
            f"</script></head><body>{body}</body></html>")


@pytest.mark.parametrize(("body", "headline"), [
    ("<div id='app'></div><noscript>Enable JavaScript to read this site.</noscript>", []),  # rendered by script
    ("<article><h1>Harbour reopens</h1><p>The old harbour reopened on Tuesday after two years.</p>"
     "<p>Subscribe to continue reading. Already a subscriber? Log in.</p></article>",  # a paywall's teaser
     ["Harbour reopens"]),  # the headline the page shows is checked over the declared body
])
def test_an_article_body_declared_in_json_ld_is_read_when_the_page_shows_less(body: str, headline: list[str]) -> None:
    document = html_to_document(_json_ld_page(body), "page")
    assert document.text.split("\n\n") == [*headline, *ARTICLE_BODY]
    assert document.meta["article_from"] == "json-ld"


def test_the_visible_article_wins_over_a_json_ld_body_no_longer_than_it() -> None:
    visible = "<article>" + "".join(f"<p>{p}</p>" for p in ARTICLE_BODY) + "</article>"
    document = html_to_document(_json_ld_page(visible, ARTICLE_BODY[:1]), "page")
    assert document.text.split("\n\n")[-2:] == ARTICLE_BODY
    assert "article_from" not in document.meta
    broken = _json_ld_page(visible).replace('"@graph"', '"@graph" oops')
    assert "article_from" not in html_to_document(broken, "page").meta


def test_the_date_comes_from_the_page_s_markup_not_a_guess_from_its_text() -> None:
    # The extensive search read "Copyright 2024" as 2024-01-01 (and cost 2 s for the first
    # such page in a process, loading dateparser).
    article = "".join(f"<p>{p}</p>" for p in ARTICLE_BODY)
    guessed = f"<html><body><article>{article}</article><footer>Copyright 2024 Coast News</footer></body></html>"
    assert "date" not in html_to_document(guessed, "page").meta
    marked = guessed.replace("<html>", "<html><head><meta property='article:published_time' "
                                       "content='2023-05-14T08:00:00Z'></head>")
    assert html_to_document(marked, "page").meta["date"] == "2023-05-14"


_WORDS = ("The government said today that the trading of savings accounts would be reviewed by the "
          "regulators over the next twelve months, in a statement. ") * 3


@pytest.mark.parametrize("written", ["\u200b", "&#8203;", "&#x200b;", "&ZeroWidthSpace;", "\u2060"])
def test_invisible_characters_in_a_page_reach_the_disguise_reader(written: str) -> None:
    # trafilatura dropped them: a page's disguised words went unreported, a text's were not.
    from unspun import check

    body = _WORDS.replace("government", f"gov{written}ernment", 1)
    page = f"<html><head><title>News</title></head><body><article><p>{body}</p><p>{_WORDS}</p></article></body></html>"
    document = html_to_document(page, "page.html")
    assert "gov" + ("\u2060" if written == "\u2060" else "\u200b") + "ernment" in document.text
    assert [f.kind for f in check(document).findings if f.text.startswith("gov")] == ["disguise"]


def test_a_soft_hyphen_in_a_page_is_kept_and_read_through() -> None:
    body = _WORDS.replace("government", "govern&shy;ment", 1)
    page = f"<html><body><article><p>{body}</p></article></body></html>"
    assert "govern\u00adment" in html_to_document(page, "page.html").text


def test_stand_ins_stay_out_of_a_pages_markup_and_metadata() -> None:
    # Put into attributes too, they came back as "Daily\U0001d301News" and a link's "&shy=2"
    # as a percent-encoded stand-in.
    body = _WORDS.replace("government", "gov\u200bernment", 1)
    page = ('<html><head><title>News</title><meta property="og:site_name" content="Daily\u200bNews">'
            '<link rel="canonical" href="https://example.com/a?x=1&shy=2"></head>'
            f"<body><article><p>{body}</p></article></body></html>")
    document = html_to_document(page, "page.html")
    assert "gov\u200bernment" in document.text
    values = [str(value) for value in document.meta.values()]
    assert not any("\U0001d300" <= c <= "\U0001d356" for value in values for c in value)
    assert any("shy=2" in value for value in values)


def test_a_byte_order_mark_and_spacer_paragraphs_leave_the_page_as_it_was() -> None:
    # A leading U+FEFF became a stand-in before <html>, and the page lost its title and
    # metadata; a CMS's "<p>&#8203;</p>" spacer became a paragraph of its own.
    body = _WORDS.replace("government", "gov\u200bernment", 1)
    page = ('\ufeff<html><head><title>The Title</title><meta name="author" content="Jane Doe"></head>'
            f"<body><article><p>{body}</p><p>&#8203;</p><p>{_WORDS}</p></article></body></html>")
    document = html_to_document(page, "page.html")
    assert (document.title, document.meta.get("author")) == ("The Title", "Jane Doe")
    assert document.text.count("\n\n") == 1 and "gov\u200bernment" in document.text


_DEEP_ARTICLE = "".join(
    f"<p>Paragraph {i}: the committee said on Tuesday that the plan would go ahead despite the protests.</p>"
    for i in range(8))


def _nested_page(depth: int) -> str:
    return ("<html><body><p>Subscribe to our newsletter for the latest news and offers.</p>" + "<div>" * depth
            + f"<article>{_DEEP_ARTICLE}</article>" + "</div>" * depth + "</body></html>")


@pytest.mark.parametrize("depth", [300, 2000])
def test_an_article_nested_deeper_than_libxml2s_default_limit_is_read(depth: int) -> None:
    # libxml2 drops elements below 256 levels without a word: the page was read as its
    # newsletter blurb (and called clean) where the article sat 300 divs deep.
    document = html_to_document(_nested_page(depth), "deep.html")
    assert "Subscribe" not in document.text and document.text.count("committee said") == 8


def test_a_page_nested_past_what_the_parser_reads_is_an_input_error() -> None:
    from unspun.errors import MalformedInputError

    with pytest.raises(MalformedInputError, match="nested deeper than 2,048"):
        html_to_document(_nested_page(3000), "deeper.html")


def test_a_deep_page_is_repaired_as_trafilatura_repairs_it() -> None:
    # A control character stops libxml2; trafilatura strips them before it parses, and the
    # deep page's own parse must too (the review: the article was "not found").
    page = _nested_page(300).replace("on Tuesday", "on Tues\x1bday")
    assert html_to_document(page, "deep.html").text.count("committee said") == 8


def test_unclosed_options_make_no_deep_page() -> None:
    # 250 <option>s without their end tags (a country list) nest nothing.
    from unspun.ingest.html import _tag_counts

    page = "<html><body><form><select>" + "<option>Country" * 250 + "</select></form></body></html>"
    assert _tag_counts(page)[0] < 10
