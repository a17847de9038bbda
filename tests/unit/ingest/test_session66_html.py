"""HTML pages read wrong that session 65 left (docs/status.md, "Session 65 -> Left -> HTML");
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
    "The opposition called the plan a delay dressed up as a reform, and asked the mayor to publish the figures "
    "behind it before the next meeting.",
]
# Readers' text, or a teaser's: two paragraphs of prose and 40 words or more, enough to read
# as a full story to a page of several.
LONG = [
    "I have taken the number twelve bus to work for ten years, and the road past the bridge has never been this bad; "
    "the potholes shake the whole bus.",
    "Spending on the bridge first is right, but the council should say when the work ends, because the detour adds "
    "half an hour to every trip across town.",
]


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def _story(headline: str, paragraphs: list[str], tag: str = "h2", attributes: str = "") -> str:
    return (f"<article{attributes}><{tag}>{headline}</{tag}>" + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "</article>")


def _page(after: str, title: str = f"{HEADLINE} – City Courier") -> str:
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><main>{_story(HEADLINE, STORY, 'h1')}"
            f"{after}</main></body></html>")


# -- 1. Comment and review areas named with a prefix or a suffix --------------------------

@pytest.mark.parametrize("area", [
    "<section class='post-comments'>{}</section>",
    "<div class='story__comments'>{}</div>",
    "<section id='ratings-and-reviews'>{}</section>",
    "<div class='article-comments'>{}</div>",
    "<section class='reviews-section'>{}</section>",
    "<div id='articleComments'>{}</div>",
    "<div class='product__reviews'>{}</div>",
])
def test_a_discussion_named_with_a_prefix_or_a_suffix_is_no_story_under_a_heading_that_says_nothing(area: str) -> None:
    # Areas named plainly "comments" were left out, "post-comments" and "ratings-and-reviews"
    # were not: readers' titled comments or reviews under "Over to you" were joined as the
    # page's other stories.
    readers = "<h2>Over to you</h2>" + "".join(_story(title, LONG, "h3") for title in ("Jane from Leeds", "Too slow"))
    document = html_to_document(_page(area.format(readers)), "page")
    assert _paragraphs(document.text) == [HEADLINE, *STORY]
    assert "articles" not in document.meta and "articles_left_out" not in document.meta


@pytest.mark.parametrize("section", [
    "<section class='opinion-commentary'>{}</section>",
    "<section class='book-reviews'>{}</section>",  # critics' reviews are stories
    "<section>{}</section>",
])
@pytest.mark.parametrize("attributes", ["", " class='post has-comments'", " class='post no-reviews'"])
def test_stories_whose_names_mention_comments_or_reviews_otherwise_are_read(section: str, attributes: str) -> None:
    second = _story("The bridge can wait", LONG, attributes=attributes)
    page = ("<!DOCTYPE html><html><head><title>Opinion – City Courier</title></head><body><main>"
            + section.format(_story(HEADLINE, STORY, attributes=attributes) + second) + "</main></body></html>")
    document = html_to_document(page, "page")
    assert _paragraphs(document.text) == [HEADLINE, *STORY, "The bridge can wait", *LONG]
    assert document.meta["articles"] == 2


# -- 2. Lists of other posts: "Popular now", "Editors' picks", "See also", "Most read" ----

def _cards() -> str:
    titles = ("Night buses return to the east side", "The bridge that nobody wanted to pay for")
    return "".join(_story(f"<a href='/{n}'>{title}</a>", LONG, "h3", " class='card'") for n, title in enumerate(titles))


@pytest.mark.parametrize("other_posts", [
    # By the list's heading, in the list's area or in a header beside a "See all" link.
    "<section><h2>Popular now</h2>{}</section>",
    "<section><h2>Editors’ picks</h2>{}</section>",
    "<section><h2>Editor's Choice</h2>{}</section>",
    "<section><h3>See also</h3>{}</section>",
    "<section><div class='module-header'><h2>Most read</h2><a href='/most-read'>See all</a></div><div>{}</div></section>",
    "<section><header><h2>Trending</h2><a href='/trending'>View all ›</a></header><div class='grid'>{}</div></section>",
    # By the container's name, under a heading that says nothing of it.
    "<section class='popular-now'><h2>Don't stop here</h2>{}</section>",
    "<div id='editors-picks'>{}</div>",
    "<section class='mostRead'>{}</section>",
    "<div class='trending'>{}</div>",
    "<div class='see-also'>{}</div>",
    "<section class='c-most-viewed__list'>{}</section>",
])
def test_cards_in_a_list_of_popular_or_picked_posts_are_no_stories_however_long(other_posts: str) -> None:
    # Each card a title and two paragraphs of teaser, 40 words and more: read as full
    # stories, and joined to the page's own.
    document = html_to_document(_page(other_posts.format(_cards())), "page")
    assert _paragraphs(document.text) == [HEADLINE, *STORY]
    assert "articles" not in document.meta and "articles_left_out" not in document.meta


@pytest.mark.parametrize("section", [
    "<section class='popular-culture'>{}</section>",  # a subject, not a list of other posts
    "<section><div class='section-header'><h2>Politics</h2><a href='/politics'>See all</a></div><div>{}</div></section>",
    "<section><h2>Popular uprising topples the council</h2>{}</section>",  # a headline, not a list's
])
@pytest.mark.parametrize("attributes", ["", " class='post popular'", " class='post trending editors-pick'"])
def test_stories_named_popular_or_picked_themselves_are_read(section: str, attributes: str) -> None:
    # A class on the <article> itself marks the story (a badge), not a list of others.
    second = _story("The bridge can wait", LONG, attributes=attributes)
    page = ("<!DOCTYPE html><html><head><title>City Courier</title></head><body><main>"
            + section.format(_story(HEADLINE, STORY, attributes=attributes) + second) + "</main></body></html>")
    document = html_to_document(page, "page")
    assert _paragraphs(document.text) == [HEADLINE, *STORY, "The bridge can wait", *LONG]
    assert document.meta["articles"] == 2


# -- 3. An author's archive is titled, not headlined ---------------------------------------

def _entry(headline: str, paragraphs: list[str]) -> str:
    return (f"<article class='post type-post'><header class='entry-header'><h2 class='entry-title'>"
            f"<a href='/{len(headline)}' rel='bookmark'>{headline}</a></h2></header><div class='entry-content'>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div></article>")


ARCHIVES = ["Author: Jane Doe", "Author: <span class='vcard'>J. R. Doe</span>", "Author Archives: Jane Doe",
            "Posts by Jane Doe", "All posts by Jane Doe", "Articles by Jane Doe", "Tag: Budget", "Tagged: Buses"]


@pytest.mark.parametrize("archive", ARCHIVES)
def test_an_authors_or_a_tags_archive_title_is_no_headline(archive: str) -> None:
    # WordPress titles an author's archive "Author: Jane Doe": it was read as the page's
    # headline, as "Category: News" was not, and checked as the first paragraph (and stood
    # over the first post in place of its own headline).
    from lxml.html import fromstring

    title = fromstring(archive).text_content()
    head = (f"<!DOCTYPE html><html><head><title>{title} – City Courier</title></head><body>"
            f"<header class='page-header'><h1 class='page-title'>{archive}</h1></header>")
    one = head + "<article><div class='entry-content'>" + "".join(f"<p>{p}</p>" for p in STORY) + "</div></article>"
    assert _paragraphs(html_to_document(one + "</body></html>", "page").text) == STORY
    two = head + f"<main>{_entry(HEADLINE, STORY)}{_entry('The bridge can wait', LONG)}</main></body></html>"
    assert _paragraphs(html_to_document(two, "page").text) == [HEADLINE, *STORY, "The bridge can wait", *LONG]


@pytest.mark.parametrize("headline", ["Author: The woman who wrote a hundred novels, at ninety",
                                      "Posts by readers spark a debate on the bridge repairs",
                                      "Tag: You're it, says the council to the bus company"])
def test_a_headline_shaped_like_an_authors_archive_title_is_a_headline(headline: str) -> None:
    page = (f"<!DOCTYPE html><html><head><title>{headline} – City Courier</title></head><body>"
            f"<header class='entry-header'><h1 class='entry-title'>{headline}</h1></header>"
            "<article><div class='entry-content'>" + "".join(f"<p>{p}</p>" for p in STORY) + "</div></article>"
            "</body></html>")
    assert _paragraphs(html_to_document(page, "page").text) == [headline, *STORY]
