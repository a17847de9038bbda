"""A page's title as the reader settles it (docs/status.md, "Session 65 -> Left -> HTML");
each failed before its mend."""

from __future__ import annotations

import pytest

from unspun.ingest.html import html_to_document

HEADLINE = "Council approves the transport budget after a long debate"
STORY = [
    "The city council voted on Tuesday to approve the transport budget after a long debate about the state of the "
    "roads and the cost of new buses.",
    "Officials said the money would pay for repairs to the main bridge, and that the work would start in the spring "
    "if the weather allowed it.",
]
SECOND_HEADLINE = "Bus drivers welcome the new timetable"
SECOND_STORY = [
    "Drivers said the new timetable leaves them time for a break at each end of the line, which the old one did not "
    "allow on most days.",
    "The union asked the council to keep the evening buses running after nine, and said it would review the plan in "
    "the autumn.",
]


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def _page(title: str, body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


def _prose(paragraphs: list[str]) -> str:
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def _entry(headline: str, paragraphs: list[str]) -> str:
    return (f"<article class='post'><header class='entry-header'><h2 class='entry-title'><a href='/{len(headline)}'>"
            f"{headline}</a></h2></header><div class='entry-content'>{_prose(paragraphs)}</div></article>")


# -- 1. Document.title is the headline the reader settles on ---------------------------

@pytest.mark.parametrize(("title", "head", "body"), [
    # The site's name in Open Graph, which trafilatura prefers to the <title>.
    (f"{HEADLINE} – The Courier", "<meta property='og:title' content='The Courier'>",
     f"<header class='entry-header'><h1 class='entry-title'>{HEADLINE}</h1></header>"
     f"<article><div class='entry-content'>{_prose(STORY)}</div></article>"),
    # A run of a three-part title's parts, which trafilatura picks beside a section's <h1>.
    (f"The Courier | Transport | {HEADLINE}", "",
     f"<header><h1>Transport</h1></header><article><h1>{HEADLINE}</h1>{_prose(STORY)}</article>"),
])
def test_the_documents_title_is_the_headline_the_reader_found(title: str, head: str, body: str) -> None:
    # The text opened with the page's headline, and the title was the site's name or a
    # run of the <title>'s parts: reports and the web page showed "The Courier".
    document = html_to_document(_page(title, body, head), "page")
    assert _paragraphs(document.text) == [HEADLINE, *STORY]
    assert document.title == HEADLINE


def test_an_archive_of_stories_is_titled_by_its_first_storys_headline_not_the_archives_title() -> None:
    # The archive's title is no headline (session 65): the text opens with the first
    # story's headline, which a user checking the page sees first; the title was
    # "Category: News".
    body = (f"<header class='page-header'><h1 class='page-title'>Category: News</h1></header>"
            f"<main>{_entry(HEADLINE, STORY)}{_entry(SECOND_HEADLINE, SECOND_STORY)}</main>")
    document = html_to_document(_page("Category: News – The Courier", body), "page")
    assert _paragraphs(document.text) == [HEADLINE, *STORY, SECOND_HEADLINE, *SECOND_STORY]
    assert document.meta["articles"] == 2
    assert document.title == HEADLINE


def test_a_page_of_several_stories_is_titled_by_the_pages_own_headline() -> None:
    # A story with the next one loaded under it: the page's headline, which heads its first
    # story, is the title, not the site's name Open Graph gives.
    body = (f"<main><article><h1>{HEADLINE}</h1>{_prose(STORY)}</article>"
            f"<article><h2>{SECOND_HEADLINE}</h2>{_prose(SECOND_STORY)}</article></main>")
    document = html_to_document(_page(f"{HEADLINE} – The Courier", body,
                                      "<meta property='og:title' content='The Courier'>"), "page")
    assert _paragraphs(document.text)[0] == HEADLINE and document.meta["articles"] == 2
    assert document.title == HEADLINE


@pytest.mark.parametrize(("title", "body", "expected"), [
    # No headline the reader settles on: the extraction's title, as before.
    ("The Courier", f"<article><div class='entry-content'>{_prose(STORY)}</div></article>", "The Courier"),
    ("Category: News – The Courier", "<h1 class='archive-title'>Category: News</h1>"
     f"<article><div class='entry-content'>{_prose(STORY)}</div></article>", "Category: News"),
])
def test_a_page_without_a_headline_keeps_the_extractions_title(title: str, body: str, expected: str) -> None:
    document = html_to_document(_page(title, body), "page")
    assert _paragraphs(document.text) == STORY
    assert document.title == expected


# -- 2. A site's name in an unmarked <h1> over the article's plain <h2> ----------------

@pytest.mark.parametrize("site_name", [
    "<header><h1>Courier</h1></header>",
    "<header><h1 class='logo'>Courier</h1></header>",
    "<main><header><h1>Courier</h1></header>",  # the site's name inside <main> too
])
@pytest.mark.parametrize("container", [
    "<article><h2>{headline}</h2>{story}</article>",
    "<article><header class='story-header'><h2>{headline}</h2></header><div class='entry-content'>{story}</div>"
    "</article>",
])
def test_the_heading_the_story_part_of_the_title_names_is_the_headline_not_the_site_name(
        site_name: str, container: str) -> None:
    # "Courier | Council approves ...": the site's name in the header's unmarked <h1> was
    # taken for the headline (checked as the text's first paragraph, and the title), and the
    # article's own headline, a plain <h2>, was not looked at.
    article = container.format(headline=HEADLINE, story=_prose(STORY))
    body = f"{site_name}{article}</main>" if site_name.startswith("<main>") else f"{site_name}<main>{article}</main>"
    document = html_to_document(_page(f"Courier | {HEADLINE}", body), "page")
    assert _paragraphs(document.text) == [HEADLINE, *STORY]
    assert document.title == HEADLINE


@pytest.mark.parametrize("title", [f"Courier | {HEADLINE}", f"{HEADLINE} – Courier"])
def test_a_plain_h2_is_the_headline_only_inside_the_article_or_main_part(title: str) -> None:
    # A plain <h2> elsewhere is a widget's or a section's heading as often: the site's
    # name stays out, the headline the article holds stays where it is.
    body = (f"<div class='top'><h2>Courier</h2></div><article><h1>{HEADLINE}</h1>{_prose(STORY)}</article>"
            f"<div class='bottom'><h2>{HEADLINE}</h2></div>")
    document = html_to_document(_page(title, body), "page")
    assert _paragraphs(document.text) == [HEADLINE, *STORY] and document.title == HEADLINE


def test_a_short_headline_under_a_long_site_name_is_still_the_headline() -> None:
    # The title's longer part is the site's: the heading in the article is the headline.
    body = (f"<header><h1>The Springfield Evening Courier and Gazette</h1></header>"
            f"<article><h2>Budget passes</h2>{_prose(STORY)}</article>")
    document = html_to_document(_page("Budget passes – The Springfield Evening Courier and Gazette", body), "page")
    assert _paragraphs(document.text) == ["Budget passes", *STORY] and document.title == "Budget passes"


# -- 3. A section's label named in a three-part title ----------------------------------

@pytest.mark.parametrize("title", [f"{HEADLINE} | Politics | Courier", f"Politics | {HEADLINE} | Courier",
                                   f"Politics | {HEADLINE} - Courier"])
@pytest.mark.parametrize("label", [
    "<header><h1>Politics</h1></header><main>{article}</main>",
    "<main><h2>Politics</h2>{article}</main>",
    "<div class='section-label'><h1 class='entry-title'>Politics</h1></div>{article}",
])
@pytest.mark.parametrize("tag", ["h1", "h2"])
def test_a_section_label_a_three_part_title_names_is_no_headline(title: str, label: str, tag: str) -> None:
    # "Politics | Council approves ... | Courier": "Politics" matched the title's part before
    # its first separator, and was checked as the headline and made the title; the
    # story's headline, the title's middle part, was named by nothing.
    article = f"<article><{tag}>{HEADLINE}</{tag}>{_prose(STORY)}</article>"
    document = html_to_document(_page(title, label.format(article=article)), "page")
    assert _paragraphs(document.text) == [HEADLINE, *STORY]
    assert document.title == HEADLINE


@pytest.mark.parametrize("title", [f"Politics | {HEADLINE} | Courier", f"{HEADLINE} | Politics | Courier"])
def test_a_section_label_is_no_headline_where_the_story_shows_none(title: str) -> None:
    # Not only second to the story's headline: the label is never one.
    body = f"<header><h1>Politics</h1></header><main><article>{_prose(STORY)}</article></main>"
    assert _paragraphs(html_to_document(_page(title, body), "page").text) == STORY


@pytest.mark.parametrize(("title", "heading", "head"), [
    # Two parts: a section's front page is headed by its name.
    ("Politics | Courier", "Politics", ""),
    # A headline set with a separator of its own is one part.
    ("Storm hits the coast – live updates | Courier", "Storm hits the coast – live updates", ""),
    # A short headline beside a longer site's name the page declares.
    ("Fire | Politics | The Springfield Evening Courier", "Fire",
     "<meta property='og:site_name' content='The Springfield Evening Courier'>"),
])
def test_a_heading_a_title_names_as_its_story_part_is_still_the_headline(title: str, heading: str, head: str) -> None:
    body = f"<header class='entry-header'><h1>{heading}</h1></header><div class='entry-content'>{_prose(STORY)}</div>"
    document = html_to_document(_page(title, body, head), "page")
    assert _paragraphs(document.text) == [heading, *STORY]
    assert document.title == heading
