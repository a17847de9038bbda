"""A live blog's updates, which show a time and no headline: read where the page is one,
left out as a reader's comment elsewhere (session 65's Left: every update but the first was
counted left out, unread)."""

import time

import pytest

from unspun.ingest import _page_parts
from unspun.ingest.html import html_to_document

HEADLINE = "Storm live: roads closed"
PARAGRAPH = ("The council met on Monday to discuss the long plan for the parks and the river paths again, as it did last "
             "year and the year before that. The committee will report back in the autumn with costs, dates and a list "
             "of the works it proposes.")
COMMENT = ("I have lived on this street for thirty years and the drains have never once been cleared before a storm, so "
           "nobody here is surprised that the water came straight into the kitchens again.")
LIVE_BLOG_JSON = '{"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": "Storm live"}'


def _update(n: int, names: str = ' class="liveblog-update"', heading: str = "") -> str:
    return (f"<article{names}><time>10:{n % 60:02d}</time>{heading}<p>Update {n}: {PARAGRAPH}</p>"
            f"<p>Second paragraph {n}. {PARAGRAPH}</p></article>")


def _update_text(n: int) -> list[str]:
    return [f"Update {n}: {PARAGRAPH}", f"Second paragraph {n}. {PARAGRAPH}"]


def _page(body: str, head: str = "") -> str:
    return (f"<html><head><title>{HEADLINE} | Courier</title>{head}</head><body><main><h1>{HEADLINE}</h1>{body}"
            "</main></body></html>")


def _json_ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def test_a_live_blogs_untitled_updates_are_read_in_page_order_under_the_pages_headline() -> None:
    document = html_to_document(_page("".join(_update(n) for n in range(5))), "page")
    assert _paragraphs(document.text) == [HEADLINE, *(line for n in range(5) for line in _update_text(n))]
    assert document.meta["articles"] == 5 and "articles_left_out" not in document.meta


@pytest.mark.parametrize("names", [' class="live-blog__entry"', ' id="live-update-3"', ' class="LiveBlog"',
                                   ' class="live_blog"', ' class="post live-entry"', ' class="liveBlogUpdate"'])
def test_a_live_blogs_name_on_an_update_makes_it_one(names: str) -> None:
    document = html_to_document(_page("".join(_update(n, names) for n in range(3))), "page")
    assert document.meta["articles"] == 3


def test_a_live_blogs_name_on_what_holds_the_updates_makes_them_updates() -> None:
    updates = "".join(_update(n, "") for n in range(3))
    document = html_to_document(_page(f"<div id='live-updates'><ol>{updates}</ol></div>"), "page")
    assert document.meta["articles"] == 3


@pytest.mark.parametrize("declared", [
    LIVE_BLOG_JSON,
    '{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, {"@type": ["LiveBlogPosting"]}]}',
    '[{"@type": "Organization", "name": "Courier"}, {"@type": "http://schema.org/LiveBlogPosting"}]',
    '{"@type": "WebPage", "mainEntity": {"@type": "LiveBlogPosting"}}',
    f"//<![CDATA[\n{LIVE_BLOG_JSON}\n//]]>",
    f"<!--\n{LIVE_BLOG_JSON}\n-->",
])
def test_a_page_that_declares_a_live_blog_in_json_ld_reads_its_plain_articles_as_updates(declared: str) -> None:
    document = html_to_document(_page("".join(_update(n, "") for n in range(4)), _json_ld(declared)), "page")
    assert _paragraphs(document.text) == [HEADLINE, *(line for n in range(4) for line in _update_text(n))]
    assert document.meta["articles"] == 4 and "articles_left_out" not in document.meta


def test_a_microdata_live_blog_reads_the_updates_inside_it() -> None:
    updates = "".join(_update(n, "") for n in range(3))
    page = _page(f"<div itemscope itemtype='https://schema.org/LiveBlogPosting'>{updates}</div>")
    assert html_to_document(page, "page").meta["articles"] == 3


def test_titled_updates_stand_under_their_headlines_among_the_untitled_ones() -> None:
    body = "".join(_update(n, heading=f"<h2>Bridge closed at {n}</h2>" if n % 2 else "") for n in range(4))
    document = html_to_document(_page(body), "page")
    assert _paragraphs(document.text) == [HEADLINE, *_update_text(0), "Bridge closed at 1", *_update_text(1),
                                          *_update_text(2), "Bridge closed at 3", *_update_text(3)]
    assert document.meta["articles"] == 4


def _comments(count: int) -> str:
    return "".join(f"<article class='comment'><span class='author'>Reader {n}</span><time>2 hours ago</time>"
                   f"<p>Comment {n}: {COMMENT}</p><p>Reply {n}: {COMMENT}</p></article>" for n in range(count))


def test_a_live_blogs_comments_are_not_joined() -> None:
    page = _page("".join(_update(n) for n in range(3)) + f"<section><h2>12 Comments</h2>{_comments(3)}</section>",
                 _json_ld(LIVE_BLOG_JSON))
    document = html_to_document(page, "page")
    assert document.meta["articles"] == 3
    assert "Comment 0" not in document.text and "Reader" not in document.text


def test_a_comment_area_under_a_live_blogs_name_is_no_update() -> None:
    # "live-blog-comments" names a live blog and a discussion: a reader's, as anywhere else.
    comments = "".join(f"<article><p>Comment {n}: {COMMENT}</p><p>Reply {n}: {COMMENT}</p></article>" for n in range(2))
    document = html_to_document(_page(_update(0) + f"<div class='live-blog-comments'>{comments}</div>"), "page")
    assert "Comment 0" not in document.text and document.meta["articles_left_out"] == 2


def test_a_blog_posts_untitled_comments_stay_left_out() -> None:
    # No live blog: an untitled article is as often a reader's comment (as before).
    comments = "".join(f"<article><b>Reader {n}</b><p>Comment {n}: {COMMENT}</p><p>Reply {n}: {COMMENT}</p></article>"
                       for n in range(3))
    post = f"<article><h2>{HEADLINE}</h2>" + "".join(f"<p>{line}</p>" for line in _update_text(0)) + "</article>"
    document = html_to_document(_page(f"{post}<section><h2>Over to you</h2>{comments}</section>"), "page")
    assert _paragraphs(document.text) == [HEADLINE, *_update_text(0)]
    assert "articles" not in document.meta and document.meta["articles_left_out"] == 3


@pytest.mark.parametrize("names", ["delivery-notes", "olive-oil", "alive-and-well", "deliverblog", "liveliness",
                                   "deliver-blog", "lb-post", "live", "is-live badge-live"])
def test_a_name_that_only_holds_live_makes_no_live_blog(names: str) -> None:
    document = html_to_document(_page("".join(_update(n, f' class="{names}"') for n in range(4))), "page")
    assert _paragraphs(document.text) == [HEADLINE, *_update_text(0)]
    assert document.meta["articles_left_out"] == 3


@pytest.mark.parametrize("declared", [
    '{"@type": "LiveBlogPosting", "headline": "Storm live",,}',  # broken
    '{"@type": "BlogPosting", "about": "LiveBlogPosting"}',  # the word, not the type
    # A front page's list of the live blogs it links to.
    '{"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "item": {"@type": "LiveBlogPosting"}}]}',
    "[" * 100_000 + '{"@type": "LiveBlogPosting"}' + "]" * 100_000,  # nested past the parser's depth
])
def test_json_ld_that_declares_no_live_blog_where_it_is_looked_for_makes_none_and_never_fails(declared: str) -> None:
    document = html_to_document(_page("".join(_update(n, "") for n in range(4)), _json_ld(declared)), "page")
    assert _paragraphs(document.text) == [HEADLINE, *_update_text(0)]
    assert document.meta["articles_left_out"] == 3


def test_a_live_blog_of_more_updates_than_the_most_joined_counts_the_others_left_out() -> None:
    count = _page_parts.MOST_STORIES + 10
    document = html_to_document(_page("".join(_update(n) for n in range(count))), "page")
    assert document.meta["articles"] == _page_parts.MOST_STORIES and document.meta["articles_left_out"] == 10
    assert f"Update {_page_parts.MOST_STORIES - 1}:" in document.text
    assert f"Update {_page_parts.MOST_STORIES}:" not in document.text


def test_a_long_live_blog_reads_in_about_the_time_the_same_page_unmarked_does(monkeypatch: pytest.MonkeyPatch) -> None:
    # The unmarked page is read as before the change: its first update, the others counted
    # left out. The live blog's JSON-LD is looked for once, not for each update.
    looked_up = []
    declares = _page_parts.declares_a_live_blog
    monkeypatch.setattr(_page_parts, "declares_a_live_blog", lambda tree: looked_up.append(tree) or declares(tree))
    live = _page("".join(_update(n, "") for n in range(2_000)), _json_ld(LIVE_BLOG_JSON))
    unmarked = _page("".join(_update(n, "") for n in range(2_000)))

    def seconds(page: str) -> float:
        began = time.perf_counter()
        html_to_document(page, "page")
        return time.perf_counter() - began

    unmarked_time = min(seconds(unmarked) for _ in range(2))
    looked_up.clear()
    live_time = min(seconds(live) for _ in range(2))
    assert len(looked_up) == 2  # once for each of the two readings
    assert live_time < 1.5 * unmarked_time + 0.2, (live_time, unmarked_time)
