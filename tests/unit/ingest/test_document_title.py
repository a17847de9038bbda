"""A page's title is the headline the reader settles on (docs/status.md, "Session 65 -> Left
-> HTML"); each test failed before the mend."""

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


# -- The headline where the extraction's title is none of the story's ------------------

@pytest.mark.parametrize(("title", "head", "body"), [
    # The site's name in Open Graph, which trafilatura prefers to the <title>.
    (f"{HEADLINE} – The Courier", "<meta property='og:title' content='The Courier'>",
     f"<header class='entry-header'><h1 class='entry-title'>{HEADLINE}</h1></header>"
     f"<article><div class='entry-content'>{_prose(STORY)}</div></article>"),
    # The same, declared the site's name.
    (f"{HEADLINE}", "<meta property='og:title' content='Courier'><meta property='og:site_name' content='Courier'>",
     f"<article><h1>{HEADLINE}</h1>{_prose(STORY)}</article>"),
    # A run of a three-part title's parts, which trafilatura picks beside a section's <h1>.
    (f"The Courier | Transport | {HEADLINE}", "",
     f"<header><h1>Transport</h1></header><article><h1>{HEADLINE}</h1>{_prose(STORY)}</article>"),
    # The headline beside the declared site name in Open Graph.
    (f"{HEADLINE} | Courier", f"<meta property='og:title' content='{HEADLINE} | Courier'>"
     "<meta property='og:site_name' content='Courier'>", f"<article><h1>{HEADLINE}</h1>{_prose(STORY)}</article>"),
])
def test_the_documents_title_is_the_headline_where_the_extractions_is_none_of_the_storys(
        title: str, head: str, body: str) -> None:
    # The text opened with the page's headline, and the title was the site's name or a
    # run of the <title>'s parts: reports, the web page and traces showed "The Courier".
    document = html_to_document(_page(title, body, head), "page")
    assert _paragraphs(document.text)[1:] == STORY
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


# -- The extraction's title where it names the story, or the page is no story -----------
# A first form titled a page by whatever its text opened with; a review (session 67) found
# each of these pages titled worse than before.

@pytest.mark.parametrize(("title", "head", "body", "expected"), [
    # An archive keeps its own title, not its first post's headline.
    ("Category: News – The Courier", "",
     f"<header class='page-header'><h1 class='page-title'>Category: News</h1></header>"
     f"<main>{_entry(HEADLINE, STORY)}{_entry(SECOND_HEADLINE, SECOND_STORY)}</main>", "Category: News"),
    # A live blog: the updates' headings open the text, the page's headline is the title.
    ("Storm Ciara: latest updates", "",
     f"<main><h1>Storm Ciara live: roads closed</h1><article><h3>10:42 Police close the coast road</h3>"
     f"{_prose(STORY)}</article><article><h3>10:15 Ferries cancelled</h3>{_prose(SECOND_STORY)}</article></main>",
     "Storm Ciara live: roads closed"),
    # Another story above the page's own.
    ("Budget approved | The Courier", "",
     f"<main><article><h2>Breaking: flood warning for the valley</h2>{_prose(SECOND_STORY)}</article>"
     f"<article><h1>{HEADLINE}</h1>{_prose(STORY)}</article></main>", HEADLINE),
    # A kicker over each story.
    ("Budget approved | The Courier", "",
     f"<main><article><h3>Transport</h3><h1>{HEADLINE}</h1>{_prose(STORY)}</article>"
     f"<article><h3>Transport</h3><h2>{SECOND_HEADLINE}</h2>{_prose(SECOND_STORY)}</article></main>", HEADLINE),
    # An SEO title in Open Graph, fuller than the display headline the <title> names.
    ("Budget approved | The Courier", f"<meta property='og:title' content='{HEADLINE}'>",
     f"<article><h1>Budget approved</h1>{_prose(STORY)}</article>", HEADLINE),
    # A headline set in capitals: Open Graph's case.
    (f"{HEADLINE} – The Courier", f"<meta property='og:title' content='{HEADLINE}'>",
     f"<article><h1>{HEADLINE.upper()}</h1>{_prose(STORY)}</article>", HEADLINE),
    # A fuller title in Open Graph, the headline and a subtitle (a second review, session 67).
    ("Why the bridge failed – The Courier",
     "<meta property='og:title' content='Why the bridge failed – and what the council must do next'>",
     f"<article><h1>Why the bridge failed</h1>{_prose(STORY)}</article>",
     "Why the bridge failed – and what the council must do next"),
    ("Building a compiler - Part 2 | Jane's notes", "<meta property='og:title' content='Building a compiler - Part 2'>",
     f"<article><h1>Building a compiler</h1>{_prose(STORY)}</article>", "Building a compiler - Part 2"),
    # A section's <h1> in the main part, which the <title> names after the separator.
    ("Council approves budget – News", "<meta property='og:title' content='Council approves budget'>",
     f"<main><h1>News</h1><article><h2>Council approves budget</h2>{_prose(STORY)}</article></main>",
     "Council approves budget"),
    # A section's name before the headline: the extraction's title stands.
    (f"Opinion | {HEADLINE}", f"<meta property='og:title' content='Opinion | {HEADLINE}'>",
     f"<article><h1>{HEADLINE}</h1>{_prose(STORY)}</article>", f"Opinion | {HEADLINE}"),
    # No headline at all.
    ("The Courier", "", f"<article><div class='entry-content'>{_prose(STORY)}</div></article>", "The Courier"),
    ("Category: News – The Courier", "", "<h1 class='archive-title'>Category: News</h1>"
     f"<article><div class='entry-content'>{_prose(STORY)}</div></article>", "Category: News"),
])
def test_the_extractions_title_stands_where_it_names_the_story_or_the_page_is_no_story(
        title: str, head: str, body: str, expected: str) -> None:
    assert html_to_document(_page(title, body, head), "page").title == expected


@pytest.mark.parametrize(("title", "body"), [
    # A news rail's card under a "Live: ..." title (a review, session 70).
    ("Live: storm hits the coast",
     f"<main><article><h1>Storm hits the coast: latest</h1>{_prose(STORY)}</article><section class='rail'>"
     "<h2>Elsewhere</h2><div class='card'><h3 class='headline'><a href='/x'>Storm hits the coast</a></h3></div>"
     "</section></main>"),
    # A promotion's card holding the site's name, beside the story's <h1> (the same review).
    ("Storm hits the coast: latest | The Courier",
     "<div class='promo'><h3 class='headline'>The Courier</h3><p>Subscribe for a pound a week.</p></div>"
     f"<div class='story-head'><h1>Storm hits the coast: latest</h1></div><div class='body'>{_prose(STORY)}</div>"),
])
def test_a_cards_headline_heading_is_not_the_pages_headline(title: str, body: str) -> None:
    paragraphs = _paragraphs(html_to_document(_page(title, body), "page").text)
    assert paragraphs[0] == "Storm hits the coast: latest" and paragraphs[-2:] == STORY
    assert "The Courier" not in paragraphs and "Storm hits the coast" not in paragraphs
