"""A live blog's updates, which show a time and no headline: read where the page is one,
left out as a reader's comment elsewhere (session 65's Left: every update but the first was
counted left out, unread)."""

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


def _declared_live_page(body: str) -> str:
    """A page declared a live blog in its JSON-LD, with ``body`` (its ``<body>``) as given."""
    return f"<html><head><title>{HEADLINE} | Courier</title>{_json_ld(LIVE_BLOG_JSON)}</head>{body}</html>"


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


def test_a_long_live_blogs_json_ld_is_looked_for_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Once for the page, not for each of its 2,000 updates (a linear page, whatever its
    # length: its timings are the status notes', not a test's).
    looked_up = []
    declares = _page_parts.declares_a_live_blog
    monkeypatch.setattr(_page_parts, "declares_a_live_blog", lambda tree: looked_up.append(tree) or declares(tree))
    document = html_to_document(_page("".join(_update(n, "") for n in range(2_000)), _json_ld(LIVE_BLOG_JSON)), "page")
    assert len(looked_up) == 1
    assert document.meta["articles"] == _page_parts.MOST_STORIES


# -- A hostile review's pages (session 67): each was read wrongly by the first form ----------

def test_an_update_the_page_shows_twice_is_read_once() -> None:
    # The newest update, then a pinned one, then the stream, which holds the pinned one again:
    # read twice, its findings counted twice.
    stream = "".join(_update(n, "") for n in (2, 1, 0))
    document = html_to_document(_page(f"{_update(3, '')}<div class='pinned'>{_update(1, '')}</div>{stream}",
                                      _json_ld(LIVE_BLOG_JSON)), "page")
    lines = _paragraphs(document.text)
    assert len(lines) == len(set(lines)) and all(line in lines for n in range(4) for line in _update_text(n))
    assert "articles_left_out" not in document.meta


@pytest.mark.parametrize("around", [
    "<section class='community-thread'>{}</section>",  # readers' text under a name of its own
    "<section>{}</section>",  # ... or none, but typed as comments
    "<div class='have-your-say'>{}</div>",
    "<div hidden>{}</div>",  # a buffer of updates not shown yet
    "<div aria-hidden='true'>{}</div>",
    "<aside>{}</aside>",
])
def test_what_is_no_update_on_a_live_blog_stays_out(around: str) -> None:
    comments = "".join(f"<article itemscope itemtype='https://schema.org/Comment'><p>{COMMENT}</p><p>{n}. {COMMENT}</p>"
                       "</article>" for n in range(3))
    updates = "".join(_update(n, "") for n in range(3))
    document = html_to_document(_page(updates + around.format(comments), _json_ld(LIVE_BLOG_JSON)), "page")
    assert COMMENT not in document.text
    assert document.meta["articles"] == 3


@pytest.mark.parametrize("body", [
    "<body hidden><main><h1>{headline}</h1>{updates}</main></body>",  # shown once a script has run
    "<body><main hidden><h1>{headline}</h1>{updates}</main></body>",
    "<body><div id='app' aria-hidden='true'><h1>{headline}</h1>{updates}</div><div role='dialog'>Cookies?</div></body>",
    "<body><main><h1>{headline}</h1>{first}<div hidden='until-found' class='older'>{older}</div></main></body>",
    # A known failure: neither <main> nor <h1> (session 68's Left). Two rules that read such
    # a page read hidden tabs, copies and buffers on others (reviews, session 69: docs/tried.md).
    pytest.param("<body><div id='app' aria-hidden='true'><h2>{headline}</h2>{updates}</div>"
                 "<div role='dialog'>Cookies?</div></body>",
                 marks=pytest.mark.xfail(strict=True, reason="a page hidden whole without <main> or <h1>")),
])
def test_updates_of_a_page_hidden_whole_or_shown_on_a_search_are_read(body: str) -> None:
    # The final read of session 67: hidden="until-found" is shown, as the page's reading has
    # it; and a page hidden whole (a script's anti-flicker, a dialog's aria-hidden) had every
    # update but the first left out.
    updates = [_update(n, "") for n in range(4)]
    filled = body.format(headline=HEADLINE, updates="".join(updates), first="".join(updates[:2]),
                         older="".join(updates[2:]))
    document = html_to_document(_declared_live_page(filled), "page")
    assert all(line in _paragraphs(document.text) for n in range(4) for line in _update_text(n))
    assert document.meta["articles"] == 4 and "articles_left_out" not in document.meta


@pytest.mark.parametrize("body", [
    # A buffer of updates not shown yet, one of them with a heading of its own.
    "<body><h1>{headline}</h1><div class='feed'><div class='new-posts' hidden>{hidden}</div>{shown}</div></body>",
    # A closed tab of the day before, under its own <h1>.
    "<body><main><h1>{headline}</h1><div class='feed'>{shown}</div><section class='day-before' hidden>"
    "<h1>Storm live: Monday</h1>{hidden}</section></main></body>",
    # A closed drawer with the site's logo.
    "<body><div class='drawer' aria-hidden='true'><h1 class='logo'>Courier</h1>{hidden}</div>"
    "<main><h1>{headline}</h1><div class='feed'>{shown}</div></main></body>",
    # An inactive view: a page may hide a second <main>.
    "<body><main><h1>{headline}</h1>{shown}</main><main hidden>{hidden}</main></body>",
    # A copy for print holding the page's only <h1>, beside the <main> shown.
    "<body><main><h2>{headline}</h2>{shown}</main><div class='print-copy' aria-hidden='true'><h1>{headline}</h1>"
    "{hidden}</div></body>",
])
def test_updates_hidden_under_an_h1_of_their_own_stay_out(body: str) -> None:
    # A review of session 68: an element holding an <h1> was taken for the page, hidden
    # until a script had run, and the updates in it were read.
    hidden = _update(8, "").replace("<p>Second", "<h1>Bridge shut</h1><p>Second") + _update(9, "")
    filled = body.format(headline=HEADLINE, hidden=hidden, shown=_update(1, "") + _update(2, ""))
    document = html_to_document(_declared_live_page(filled), "page")
    assert "Update 9:" not in document.text and all(line in document.text for line in _update_text(2))


def _div_update(n: int) -> str:
    return f"<div class='hentry update'><span>10:{n:02d}</span><p>Update {n}: {PARAGRAPH}</p><p>Again {n}. {PARAGRAPH}</p></div>"


@pytest.mark.parametrize("body", [
    # A buffer of updates not shown yet beside the updates shown, which are no <article>s.
    "<body><h2>{headline}</h2><div class='feed'><div class='new-posts' hidden>{hidden}</div>{shown}</div></body>",
    "<body><h2>{headline}</h2><div class='feed'><div aria-hidden='true'>{hidden}</div>{shown}</div></body>",
    # A closed tab of the day before, and a stale copy the server rendered beside the app.
    "<body><h2>{headline}</h2><div role='tabpanel'>{shown}</div><div role='tabpanel' hidden>{hidden}</div></body>",
    "<body><div id='app'>{shown}</div><div id='ssr-snapshot' hidden>{hidden}</div></body>",
])
def test_hidden_updates_beside_what_the_page_shows_stay_out(body: str) -> None:
    # A review of session 69: a rule that took a hidden element holding every <article> of a
    # page without <main> or <h1> for the page read these.
    filled = body.format(headline=HEADLINE, hidden=_update(8, "") + _update(9, ""), shown=_div_update(1) + _div_update(2))
    document = html_to_document(_declared_live_page(filled), "page")
    assert "Update 9:" not in document.text and f"Update 2: {PARAGRAPH}" in document.text


@pytest.mark.parametrize("names", ["native-ad", "newsletter-promo", "tweet-embed", "card sponsored"])
def test_a_box_in_the_stream_is_no_update(names: str) -> None:
    updates = [_update(n, "") for n in range(4)]
    box = f"<article class='{names}'><p>{COMMENT}</p><p>Box. {COMMENT}</p></article>"
    document = html_to_document(_page("".join([*updates[:2], box, *updates[2:]]), _json_ld(LIVE_BLOG_JSON)), "page")
    assert COMMENT not in document.text and document.meta["articles"] == 4


@pytest.mark.parametrize("wrapper", ["site liveblog-enabled", "live-updates-widget", "live-update-cards"])
def test_a_live_blogs_name_that_names_no_updates_makes_none(wrapper: str) -> None:
    # A feature switched on for the site, or a box of another live blog in an ordinary story.
    untitled = "".join(f"<article><p>{COMMENT}</p><p>{n}. {COMMENT}</p></article>" for n in range(3))
    page = (f"<html><head><title>Council approves budget | Courier</title></head><body><div class='{wrapper}'><main>"
            f"<article><h1>Council approves budget</h1><p>{PARAGRAPH}</p><p>Again. {PARAGRAPH}</p></article>{untitled}"
            "</main></div></body></html>")
    document = html_to_document(page, "page")
    assert COMMENT not in document.text and document.meta["articles_left_out"] == 3


def test_a_hub_declaring_several_live_blogs_is_none() -> None:
    hub = ('[{"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": "Storm live"},'
           ' {"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": "Election live"}]')
    untitled = "".join(f"<article><p>{COMMENT}</p><p>{n}. {COMMENT}</p></article>" for n in range(3))
    document = html_to_document(_page(untitled, _json_ld(hub)), "page")
    assert "articles" not in document.meta


# -- A third review's pages (session 67): titled archives read as before ---------------------

DISCLAIMER = ("This post is for information only and is not advice of any kind; the author holds no position in any "
              "company named here, and readers should check every figure against the sources before acting on it, as "
              "prices and rules change often and without notice.")


@pytest.mark.parametrize("second", [
    ["Post C opens on its own: the budget vote is on Monday, the mayor said.", DISCLAIMER],  # shares a long disclaimer with B
    [f"Update B: {PARAGRAPH}", "Correction: the council will meet in the spring, not the autumn."],  # corrects B
])
def test_a_post_that_shares_most_of_its_words_with_another_is_still_read(second: list[str]) -> None:
    first = [f"Update B: {PARAGRAPH}", DISCLAIMER]
    posts = "".join(f"<article><h2>Post {name}</h2>" + "".join(f"<p>{line}</p>" for line in lines) + "</article>"
                    for name, lines in (("B", first), ("C", second)))
    featured = f"<article><h2>Featured</h2><p>{COMMENT}</p><p>More. {COMMENT}</p><p>Again. {COMMENT}</p></article>"
    document = html_to_document(_page(featured + posts), "page")
    assert "Post C" in document.text and second[-1] in _paragraphs(document.text)


def test_an_interactions_heading_opens_no_discussion() -> None:
    # A category named "Interactions" (of drugs, of people): its stories are read.
    posts = "".join(f"<article><h2>Story {n}</h2><p>{n}. {PARAGRAPH}</p><p>Again {n}. {PARAGRAPH}</p></article>"
                    for n in range(3))
    page = (f"<html><head><title>Interactions | Courier</title></head><body><main><header><h1>Interactions</h1>"
            f"</header>{posts}</main></body></html>")
    assert html_to_document(page, "page").meta["articles"] == 3
