"""The parts of a page that trafilatura's extraction leaves out of its article: the page's
headline, and the page's other articles.

trafilatura reads one container: on most WordPress themes the ``<div class="entry-content">``,
while the headline sits beside it in ``<header class="entry-header">`` or in a banner above
the ``<article>``. Simpler layouts put the headline inside the container, and it was checked
there: the same spun headline was checked on one theme and not on another. A page of two
stories (an archive of full posts, a story with the next one loaded under it) was read as its
first story, and nothing said that another was left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain
from typing import Any

# What a page's <title> puts between the headline and the site's name ("Headline – Site
# name", "Headline | Site name"): trafilatura's separators, with white space on both sides so
# that a headline's own colon ("Live: storm hits the coast") is no separator.
_SEPARATOR_CHARACTERS = "–•·—|⁄*⋆~‹«<›»>:-"  # the hyphen last: a range in a character class otherwise
_TITLE_SEPARATOR_RE = re.compile(rf"\s+[{_SEPARATOR_CHARACTERS}]+\s+\S")
_SEPARATOR_BEFORE_RE = re.compile(rf"\S\s+[{_SEPARATOR_CHARACTERS}]+\s+\Z")  # "Site name | ", before the headline
# The page's chrome, by its elements and by the names themes give it (a class's or an id's
# start: "widget-title", "comments-area", "site-title", "masthead", "navbar-brand", "replies",
# "discussion", but not "commentary" nor "responsive"; lists of other posts: "more-from-site",
# "read-next", "related" anywhere: "jp-relatedposts", "recommended", "you-may-also-like"):
# a heading there is the site's name, a menu's or a widget's title, or a list of other posts,
# never the article's headline (nor is an <article> there another article of the page).
_CHROME_TAGS = frozenset({"nav", "aside", "footer", "form", "menu"})
_CHROME_NAME_RE = re.compile(
    r"^(?:site-(?:title|name|branding|logo|description)|logo|branding|masthead|navbar|brand|widget|sidebar|menu|breadcrumb|"
    r"comment(?!ar)|respond|discussion|repl(?:y|ies)(?![a-z])|responses?(?![a-z])|reviews(?![a-z])|"
    r"(?:customer|user|product)-reviews?|more(?![a-z])|read-?next|shar(?:e|ing)|social|screen-reader|sr-only|"
    r"visually-hidden)"
    r"|related|recommend|also-like|might-like", re.I)
# A taxonomy's term, which WordPress writes into a post's classes ("category-related-news",
# "tag-recommended"): the post's subject, not its place on the page.
_TERM_NAME_RE = re.compile(r"^(?:category|tag)-", re.I)
# Never chrome, whatever their names say (a body's classes name the theme's options:
# "menu-open", "sidebar-left").
_PAGE_TAGS = frozenset({"html", "body", "main"})
# Blogger's widget of the page's posts (`<div class='widget Blog' id='Blog1'>`, in every
# Blogger theme): a widget by its name, the page's content by its place. An archive's posts in
# it were all left out, and not counted (a review, session 69); its sidebar's widgets
# ("widget PopularPosts", "widget BlogArchive") stay chrome, and so does a "Blog" that a
# chrome tag or a hidden style makes chrome (the next review: a <nav class="Blog">).
_BLOGGER_POSTS_CLASSES = frozenset({"widget", "Blog"})
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# An <article> that holds a story, not a teaser card ("Related posts": a title and a line
# each, or a WordPress excerpt of 55 words under a link): two paragraphs of prose at least,
# and this many words in them.
_FULL_ARTICLE_PARAGRAPHS = 2
_FULL_ARTICLE_WORDS = 40
_PROSE_PARAGRAPH_WORDS = 8  # fewer: a byline, a "Continue reading" link, a date
_HEADING_TAGS = ("h1", "h2", "h3")
_MOST_HEADLINE_WORDS = 40


def page_headline(tree: Any, listing: bool = False) -> str:
    """The text of the page's headline: its first ``<h1>`` (or an ``<h2>`` that themes mark
    as the entry's title, or the ``<h3>`` of a post's page: the one heading marked as a
    post's title, on a page that is no ``listing`` of several stories, as Blogger's ``<h3
    class='post-title entry-title'>``) outside the page's chrome that its ``<title>``, or its
    Open Graph or Twitter title, names; "" when none does.

    A heading the title names as a whole is the headline. So is one it names as a part,
    before a separator ("Headline – Site name") or after one ("Site name | Headline"), but
    never the site's name: a heading the page declares its site's name (``og:site_name``),
    that links to the site's home page, or that a theme marks as its brand (a masthead, a
    logo). Where both parts of the title are headings, the one in the page's article or main
    part is the headline; one the title names after the separator only there.
    """
    titles = [title for title in map(_normalised, _declared_titles(tree)) if title]
    site_names = set(map(_normalised, _declared_site_names(tree)))
    ranked = []
    headings = [heading for heading in _outside_chrome(tree, _HEADLINE_TAGS)
                if heading.tag == "h1" or _ENTRY_TITLE_RE.search(heading.get("class") or "")] if titles else []
    # A post's page: one heading marked as a post's title, on no listing of several stories
    # (a label's page lists posts, one of which may bear the label's name; a news rail's
    # cards are "headline"s, a category's are entry titles: two reviews, session 70).
    post_titles = [heading for heading in headings if _POST_TITLE_RE.search(heading.get("class") or "")]
    post_title = post_titles[0] if len(post_titles) == 1 and not listing else None
    for heading in headings:
        post_page = heading is post_title
        if heading.tag == "h3" and not post_page:
            continue
        text = heading_text(heading)
        rank = _headline_rank(heading, _normalised(text), titles, site_names, post_page)
        if rank is not None:
            ranked.append((rank, text))
            if not rank[0]:
                break  # named whole: no heading after it is named better
    return min(ranked, key=lambda candidate: candidate[0])[1] if ranked else ""


def _headline_rank(heading: Any, named: str, titles: list[str], site_names: set[str],
                   post_page: bool = False) -> tuple[bool, bool, int] | None:
    """How strongly the page's ``titles`` name ``heading`` (its normalised text ``named``) as
    the headline, the lowest the strongest: named whole; then a part of the title in the
    article or main part (the site's name sits in the banner above them), before the separator
    first; then a part before the separator elsewhere. None for no headline: a heading the
    titles do not name, the site's name, a part after the separator outside the article. The
    title of the post of a ``post_page`` may also be named after a name and a colon
    (:func:`_named_after_a_name`)."""
    how = min(_named_as(title, named) for title in titles) if named else _NOT_NAMED
    if how == _NOT_NAMED and named and post_page:
        how = min(_named_after_a_name(title, named) for title in titles)
    if how == _NOT_NAMED or named in site_names or _ARCHIVE_TITLE_RE.fullmatch(named) or _links_home(heading):
        return None
    in_content = _in_content(heading)
    if how == _NAMED_AFTER_SEPARATOR and not in_content:
        return None
    return how != _NAMED_WHOLE, not in_content, how


def with_headline(paragraphs: list[str], headline: str) -> list[str]:
    """``paragraphs`` with ``headline`` first, unless they hold it already (a layout that
    puts it inside the article's container)."""
    if not headline or _holds(paragraphs, headline):
        return paragraphs
    return [headline, *paragraphs]


def _holds(paragraphs: list[str], headline: str) -> bool:
    """Whether ``headline`` is one of ``paragraphs``, or some of them one after another: a
    headline broken by a ``<br>`` is two lines to trafilatura, and one to
    :func:`heading_text` (compared white space aside, case aside)."""
    wanted = _normalised(headline)
    lines = [_normalised(paragraph) for paragraph in paragraphs]
    for start in range(len(lines)):
        joined = ""
        for end in range(start, len(lines)):  # not a slice: a copy of the rest for each line was quadratic
            line = lines[end]
            joined = f"{joined} {line}" if joined else line
            if joined == wanted:
                return True
            if not wanted.startswith(joined):
                break
    return False


def heading_text(heading: Any) -> str:
    """A heading's text on one line, a ``<br>`` in it read as a space (a headline broken in
    two is one line: "approves<br>budget" is not "approvesbudget")."""
    return " ".join(" ".join(_text_lines(heading)).split())


def full_articles(tree: Any) -> list[Any]:
    """The page's articles that each hold a story, in page order: its ``<article>`` elements
    and the posts themes mark as entries in microformats (``hentry``, ``h-entry``: Blogger's
    and older WordPress themes' ``<div>`` posts, of which only the first was read and the
    others dropped in silence), outside the page's chrome, any other article (a comment is an
    article inside the post) and what follows a discussion's heading
    (:func:`_after_area_headings`), with :data:`_FULL_ARTICLE_PARAGRAPHS` paragraphs of prose
    and :data:`_FULL_ARTICLE_WORDS` words at least (not a teaser card)."""
    after_discussion = _after_area_headings(tree)
    return [article for article in _outside_chrome(tree, {"article"}, enter_found=False, left_out=after_discussion,
                                                   names=_ENTRY_NAMES)
            if _holds_a_story(article)]


# The microformats' names of a post (hAtom's "hentry", microformats2's "h-entry"), as a
# class's word: not "entry-content" nor "hentry-meta".
_ENTRY_NAMES = frozenset({"hentry", "h-entry"})
# A reader's reaction marked as an entry (IndieWeb's comments, mentions, replies, likes).
_REACTION_NAMES = frozenset({"p-comment", "u-comment", "h-cite", "u-in-reply-to", "u-repost-of", "u-like-of"})


def _is_entry(element: Any, names: frozenset[str]) -> bool:
    """Whether ``element``'s class names it a post by one of ``names``: not a reader's
    reaction (:data:`_REACTION_NAMES`), nor a wrapper holding the page's ``<article>``s (a
    theme's page template marks the page's own ``<div>`` an entry, and lists the posts inside
    it: taken whole, only its first post was read; a review, session 67). Entries inside an
    entry are its readers' comments (a review): the outer one is the post."""
    classes = (element.get("class") or "").split()
    if names.isdisjoint(classes) or not _REACTION_NAMES.isdisjoint(classes):
        return False
    return next(element.iterdescendants("article"), None) is None


def article_headline(article: Any) -> str:
    """The text of an article's own headline: its first ``<h1>``-``<h3>`` outside the chrome
    inside it (a comment form's "Leave a Reply"), before its first paragraph of prose (a
    heading after one is a section's), short enough to be a headline; "" if none."""
    for element in _outside_chrome(article, {*_HEADING_TAGS, "p"}):
        if element.tag == "p":
            if _prose_words(element) and not _is_byline(element, article):
                break
            continue
        text = heading_text(element)
        if text and len(text.split()) <= _MOST_HEADLINE_WORDS:
            return text
    return ""


@dataclass(frozen=True)
class Story:
    """One of a page's full articles: its own headline ("" for none), its paragraphs,
    whether it is an update of a live blog (:func:`_is_live_update`), joined without one, and
    whether it is a story by its lines rather than its ``<p>``s."""

    headline: str
    paragraphs: tuple[str, ...]
    update: bool = False
    in_lines: bool = False  # a story by its lines (:func:`_holds_lines`), not its <p>s alone


# The most stories of a page joined into its text: a front page or an archive of full posts
# shows ten or twenty, an infinite scroll a few. Past them a page is a dump (an archive of
# 2,000 full posts took 3 s to read, and was one text of 130,000 words), and the others are
# counted as left out.
MOST_STORIES = 50


def page_stories(tree: Any, read_alone: Callable[[Any], list[str]]) -> tuple[list[Story], list[Any]]:
    """The page's full articles (:func:`full_articles`) as stories, in page order, the first
    :data:`MOST_STORIES`; and the articles past them, which are not joined
    (:func:`past_most_paragraphs` reads them). [] for a page of one article or none (the
    extraction's reading is the page's). An article whose text is all in its paragraphs and
    headings is read from them (:func:`_own_paragraphs`); another as ``read_alone`` reads it
    (trafilatura, on the article alone: a run for each story made a page of many five times
    slower)."""
    articles = full_articles(tree)
    if len(articles) < 2:
        return [], []
    stories = []
    live_page: bool | None = None  # looked up once, and only for a page with an untitled article
    for article in articles[:MOST_STORIES]:
        own = _own_paragraphs(article)
        headline = article_headline(article)
        if not headline and live_page is None:
            live_page = declares_a_live_blog(tree)
        update = not headline and _is_live_update(article, bool(live_page))
        stories.append(Story(headline, tuple(read_alone(article) if own is None else own), update,
                             not _holds_paragraphs(article)))
    return stories, articles[MOST_STORIES:]


def past_most_paragraphs(articles: Sequence[Any]) -> list[list[str]]:
    """The paragraphs of ``articles`` (those :func:`page_stories` does not join), their
    headlines aside (an archive's extraction may leave every post's title out: then none was
    held, a review, session 70): from their own paragraphs; or, for a post of lines and
    nothing else (no list, table, figure...: :data:`_NOT_LINES_TAGS`), from its lines
    (:func:`_loose_lines`: a Blogger post of ``<br>`` lines, which the extraction of an
    archive's container reads so; without, every one was said to be left out, the same
    review); else []. Not as trafilatura reads them: a run for each is what the most joined
    is there to spare. (Any post read by its lines counted posts held whose tables' or lists'
    lines other posts' prose held: session 69, docs/tried.md.)"""
    return [_without_headline(own, article) if (own := _own_paragraphs(article)) is not None else _body_lines(article)
            for article in articles]


def _without_headline(lines: list[str], article: Any) -> list[str]:
    """``lines`` without the first that is ``article``'s headline (:func:`article_headline`)."""
    headline = article_headline(article)
    if headline in lines:
        lines.remove(headline)
    return lines


def _body_lines(article: Any) -> list[str]:
    """The lines of ``article``'s post body (:data:`_POST_BODY_NAMES`; its headline and
    footer, which an archive's extraction leaves out, aside); [] without one, or where a
    body holds more than lines (:data:`_NOT_LINES_TAGS`; looked for in the bodies alone: a
    footer's list of categories or a reactions frame is no text of the post, and every post
    was said to be left out, a review, session 70)."""
    bodies = list(_post_bodies(article))
    if any(next(_outside_chrome(body, _NOT_LINES_TAGS), None) is not None for body in bodies):
        return []
    # Not a line of links: Blogger's "Read more »", which the extraction drops.
    return [text for body in bodies for text, linked in _loose_lines(body) if 2 * linked < len(text.split())]


def _post_bodies(article: Any) -> Iterator[Any]:
    """The bodies of ``article``'s post (:data:`_POST_BODY_NAMES`), none inside another."""
    return _outside_chrome(article, frozenset(), enter_found=False, names=_POST_BODY_NAMES)


# What a post of lines alone holds none of: text the extraction reads otherwise, or not.
_NOT_LINES_TAGS = frozenset({"ul", "ol", "dl", "table", "figure", "aside", "blockquote", "pre", "form"})


def declares_a_live_blog(tree: Any) -> bool:
    """Whether the page's JSON-LD declares it a live blog: one schema.org ``LiveBlogPosting``
    as a node of its own, of its ``@graph`` or of a list of them, or as one's ``mainEntity``.
    Not one named deeper: a front page lists the live blogs it links to (an ``ItemList`` of
    them), and is none. JSON-LD that does not parse declares nothing. (Microdata declares
    one around its updates: :func:`_is_live_update`.)"""
    return any(_declares_live_blog_json(script.text or "") for script in tree.iter("script")
               if (script.get("type") or "").split(";")[0].strip().lower() == "application/ld+json")


_LIVE_BLOG_TYPE_RE = re.compile(r"(?:\A|[/:])LiveBlogPosting\Z")


def _declares_live_blog_json(script: str) -> bool:
    """Whether a JSON-LD ``script`` declares a ``LiveBlogPosting`` where
    :func:`declares_a_live_blog` looks for one."""
    import json

    from .html import _unwrapped  # on use: html imports this module

    if "LiveBlogPosting" not in script:
        return False  # most pages' structured data: not parsed a second time
    try:
        # Unwrapped as the page's declared article body is ("//<![CDATA[ ... //]]>"), and
        # as leniently: a CMS writes line breaks into its strings.
        data = json.loads(_unwrapped(script), strict=False)
    except (ValueError, RecursionError):  # broken structured data, or nested past the parser's depth
        return False
    nodes = data if isinstance(data, list) else [data]
    nodes = [*nodes, *(member for node in nodes if isinstance(node, dict) for member in _as_list(node.get("@graph")))]
    nodes = [*nodes, *(node["mainEntity"] for node in nodes if isinstance(node, dict) and "mainEntity" in node)]
    # One: a hub of live blogs declares each of them (a review, session 67).
    return sum(isinstance(node, dict) and any(isinstance(kind, str) and _LIVE_BLOG_TYPE_RE.search(kind)
                                              for kind in _as_list(node.get("@type")))
               for node in nodes) == 1


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


# A live blog's name, or its updates', in a class or an id, as words: "liveblog",
# "live-blog__entry", "LiveBlog", "liveblog-update", "live-update", "live-updates",
# "live-post", "live-entry". Never a word that holds "live" ("delivery", "olive", "alive",
# "liveliness", "deliverblog"), nor "live" alone: a "Live" badge marks one story as live, not
# its page a blog of updates.
_LIVE_NAME_RE = re.compile(r"(?:\A|-)live-?(?:blog|updates?|posts?|entry|entries)(?:-|\Z)")
# A live blog's name that names no updates: a feature switched on ("liveblog-enabled" on a
# site's wrapper), or a box of another live blog's ("live-updates-widget", "live-update-cards")
# in an ordinary story (a review, session 67).
_NOT_UPDATES_NAME_RE = re.compile(r"(?:\A|-)(?:enabled|active|widgets?|cards?|ticker)(?:-|\Z)")
# The words of what is no update, on a live blog too: a discussion (an untitled article under
# "live-blog-comments" is a reader's), ...
_NO_UPDATE_NAME_RE = re.compile(
    r"(?:\A|-)(?:comments?|repl(?:y|ies)|responses?|discussion|reactions?|reviews?|community|conversations?|ugc"
    r"|your-say|guestbook"
    # ... or a box of the stream: an advertisement, a sign-up, an embedded post,
    # a rail of other live blogs' cards.
    r"|ads?|advert|advertisement|sponsored|native|promos?|newsletter|signup|sign-up|tweets?|embed|embedded|rail"
    r"|teasers?)(?:-|\Z)")
# Schema.org's types of readers' text, in microdata: never an update.
_READERS_TYPE_RE = re.compile(r"(?:\A|[/:])(?:Comment|Review|UserComments)\Z")
# A name's words: "liveBlog-entry__text" is "live", "blog", "entry", "text".
_NAME_WORD_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def _is_live_update(article: Any, live_page: bool) -> bool:
    """Whether an untitled ``article`` is an update of a live blog, joined without a headline
    (most show a time, not a headline): on a page that declares itself one (``live_page``),
    inside a microdata ``LiveBlogPosting`` (a front page's teaser card may be one, and holds
    no other story), or under a live blog's name (:data:`_LIVE_NAME_RE`) on the article or on
    what holds it below the ``<body>`` (a body's classes name the site's features). Not under
    a name of what is no update (:data:`_NO_UPDATE_NAME_RE`: a discussion, a box of the
    stream), hidden, or typed as readers' text: elsewhere an untitled article is as often a
    reader's comment, and is left out (:func:`with_stories`)."""
    live = live_page
    element = article
    whole = False  # a hidden element above the article was the page: so is every one above it
    while element is not None:
        if not whole and _hidden_from_readers(element):
            if _hidden_part(element):
                return False  # an update not shown yet (a "new posts" buffer), or a copy for no reader
            whole = True
        kinds = (element.get("itemtype") or "").split()
        if any(_READERS_TYPE_RE.search(kind) for kind in kinds):
            return False
        if element.tag not in {"body", "html"}:
            words = ["-".join(_NAME_WORD_RE.findall(name)).lower() for name in _names_of(element)]
            if any(_NO_UPDATE_NAME_RE.search(name) for name in words):
                return False
            live = live or any(_LIVE_NAME_RE.search(name) and not _NOT_UPDATES_NAME_RE.search(name) for name in words)
        live = live or any(_LIVE_BLOG_TYPE_RE.search(kind) for kind in kinds)
        element = element.getparent()
    return live


def hides(attribute: str | None) -> bool:
    """Whether an element's ``hidden`` attribute (its value, None where it has none) hides it
    from a reader: ``hidden="until-found"`` does not, the browser shows it when a reader
    searches the page (a collapsed section)."""
    return attribute is not None and attribute.strip().lower() != "until-found"


def _hidden_from_readers(element: Any) -> bool:
    """Whether ``element`` hides itself from a page's readers: its ``hidden`` attribute (but
    ``until-found``, :func:`hides`) or ``aria-hidden="true"``."""
    return hides(element.get("hidden")) or (element.get("aria-hidden") or "").strip().lower() == "true"


def _hidden_part(element: Any) -> bool:
    """Whether ``element``, hidden from the page's readers (:func:`_hidden_from_readers`), is a
    part of the page, not the page itself: a ``<body>``, or an element holding every ``<main>``
    of the page (every ``<h1>`` of a page without one), that a page hides until a script has
    run, or from a screen reader while a dialog is open (a live blog whose wrapper did so had
    every update but the first left out: the final read, session 67). Not an element holding
    an ``<h1>`` or a ``<main>`` of its own: a buffer of updates not shown yet, a closed tab, a
    drawer with the site's logo, an inactive view (reviews, session 68). On a page with
    neither, every hidden element is a part: two rules that took some for the page read
    closed tabs, stale copies and buffers (reviews, session 69: docs/tried.md)."""
    if element.tag in {"html", "body"}:
        return False
    # The page's every <main> (a page may hide more, inactive views: a review, session 68),
    # or, on a page without one, its every <h1>.
    root = element.getroottree()
    page = list(root.iter("main")) or list(root.iter("h1"))
    inside = set(element.iter(page[0].tag)) if page else set()
    return not page or any(part not in inside for part in page)


def _own_paragraphs(article: Any) -> list[str] | None:
    """The lines of ``article``'s paragraphs and headings outside its chrome, bylines and
    date lines, in page order; None where it holds text elsewhere (a list, a table, a
    ``<div>``'s own text, a paywall's notice), which takes trafilatura to read. A paragraph
    of links alone ("Continue reading") is no line, as trafilatura's precise reading has it."""
    lines: list[str] = []
    stack = [article]
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str) or (element is not article and _is_chrome(element)):
            continue
        tag = element.tag.lower()
        if tag in _unread_tags() or _is_byline_element(element):
            continue
        if tag == "p" or tag in _ALL_HEADING_TAGS:
            if tag in _ALL_HEADING_TAGS or not (_is_byline(element, article) or _all_links(element)):
                lines.extend(_text_lines(element, read=True))
            continue
        if _holds_loose_text(element):
            return None
        stack.extend(reversed(element))
    return lines


_ALL_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# What no reader reads as the article's text.
_UNREAD_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "button", "time"})


@cache
def _unread_tags() -> frozenset[str]:
    """:data:`_UNREAD_TAGS` and the elements trafilatura deletes, text and all, wherever they
    stand (a ``<time>``'s date, a ``<label>``, a ``<math>`` formula): a story read from its
    own paragraphs reads without them too. With their text, the story the extraction read
    differed from it in every paragraph that held a date, counted as unread, and was joined
    a second time (a review, session 65). Loaded on use: trafilatura is slow to import."""
    from trafilatura.settings import MANUALLY_CLEANED

    return _UNREAD_TAGS | frozenset(MANUALLY_CLEANED)


def _holds_loose_text(element: Any) -> bool:
    """Whether ``element`` holds text of its own, outside its children: its text, or a tail
    of one of them (a comment's included)."""
    return bool((element.text or "").strip()) or any((child.tail or "").strip() for child in element)


def _all_links(paragraph: Any) -> bool:
    words, linked = _words_and_linked(paragraph)
    return 2 * linked >= words


def _words_and_linked(paragraph: Any) -> tuple[int, int]:
    """How many words ``paragraph`` holds, and how many of them in its links."""
    return (len(paragraph.text_content().split()),
            sum(len(link.text_content().split()) for link in paragraph.iter("a")))


def _text_lines(element: Any, read: bool = False) -> list[str]:
    """``element``'s text as the lines a reader sees: a ``<br>`` ends one. With ``read``, as
    the extraction reads it: without the elements inside it that it does not read
    (:func:`_unread`: a paragraph's ``<time>``, an ad's ``<script>``, a hidden span), their
    tails kept."""
    from copy import deepcopy

    unread = read and any(_unread(child) for child in element.iterdescendants())
    if unread or next(element.iter("br"), None) is not None:
        element = deepcopy(element)  # the copy's elements are dropped, not the page's
        for child in [child for child in element.iterdescendants() if _unread(child)] if unread else []:
            _drop_keeping_tail(child)  # one inside another goes with it
        for line_break in element.iter("br"):
            line_break.tail = "\n" + (line_break.tail or "")
        element.tail = None
    return [line for line in (" ".join(part.split()) for part in element.text_content().split("\n")) if line]


def _unread(element: Any) -> bool:
    """Whether the extraction reads nothing of ``element``: one of :func:`_unread_tags`, or
    hidden by its style (a spammer's "buy cheap pills" in a ``display:none`` span)."""
    return (not isinstance(element.tag, str) or element.tag.lower() in _unread_tags()
            or _hidden_by_style(element))


def _drop_keeping_tail(element: Any) -> None:
    """Remove ``element`` and its text from its parent, the text after it (its tail) kept."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def with_stories(paragraphs: list[str], headline: str, stories: list[Story], past_most: int = 0,
                 read_past_most: Callable[[], list[list[str]]] | None = None) -> tuple[list[str], int, int]:
    """``paragraphs``, what the extraction read, under its headline and with the page's
    ``stories`` that it left out, in page order; how many stories the result holds; and how
    many it leaves out, with the ``past_most`` stories past the most joined that the
    extraction does not hold. (The extraction's text counts as one story, whatever it holds.)

    An extraction may read a whole archive's container, whose posts past the most were said
    to be left out (a review, session 67): where it holds the last story joined, the others'
    paragraphs (``read_past_most``) are looked for in it, and a story it holds whole is not
    left out. Only there: reading 2,000 posts' paragraphs for nothing made such a page half
    as slow again (the next review).

    A story most of whose text ``paragraphs`` holds is one the extraction read
    (:func:`_read_in`): the first such one stands under the page's ``headline`` where it is
    the page's first story and the page has one (as a page of one story does), else under its
    own headline; the stories before it come before, the others after (all of them where it
    read none), each under its own headline. A story without one is left out: a full story
    shows its headline, and an article without one is a reader's comment or a card as often;
    but not a live blog's update (:attr:`Story.update`), which shows a time instead, and was
    left out with all of its page's updates but the first. A page of no stories has
    ``paragraphs`` under the page's ``headline``; an archive's title ("March 2024") heads no
    story of its page."""
    if not stories:
        return with_headline(paragraphs, headline), 1, 0
    read = _read_paragraphs(paragraphs, stories)
    texts = [[_normalised(paragraph) for paragraph in story.paragraphs] for story in stories]
    shared = _shared_paragraphs(texts)
    was_read = [_read_in(list(story.paragraphs), texts[n], read, shared, story.headline) for n, story in enumerate(stories)]
    # A story by its lines may be read but for its first line (:func:`_read_but_its_first_line`).
    elsewhere = _shared_paragraphs(texts, 2) if any(story.in_lines for story in stories) else frozenset()
    but_first = [story.in_lines and _read_but_its_first_line(texts[n], read, story.headline, elsewhere)
                 for n, story in enumerate(stories)]
    was_read = [whole or all_but_first for whole, all_but_first in zip(was_read, but_first, strict=True)]
    first_read = next((n for n, read_in in enumerate(was_read) if read_in), None)
    if first_read is None:
        lead, before, after = headline, [], list(range(len(stories)))
    else:
        # The page's headline first, as on a page of one story: the story's first heading may
        # be a section's ("Key points" over a list), and stood in for the headline.
        lead = (headline if first_read == 0 else "") or stories[first_read].headline
        before = list(range(first_read))
        after = [n for n in range(first_read + 1, len(stories)) if not was_read[n]]
    # A story joined once: a pinned update or a sticky post the page shows again was read
    # twice and its findings counted twice (a review, session 67); the copy is no story left
    # out either. Only a copy whole: a post that shares a disclaimer with another, quotes it
    # or corrects one of its paragraphs is a story of its own (the next review; joined
    # without what it repeats, a third review found corrections, interviews' questions,
    # recipes' sections and short quotes lost, session 68).
    seen = set(read)
    joined: tuple[list[Story], list[Story]] = ([], [])
    untitled = 0
    for group, chosen in zip((before, after), joined, strict=True):
        for n in group:
            story = stories[n]
            if not (story.headline or story.update):
                untitled += 1
            elif not all(text in seen for text in texts[n]):
                chosen.append(story)
                seen.update(texts[n])
    held = 0
    if past_most and read_past_most is not None and was_read[-1]:
        past = [Story("", tuple(own)) for own in read_past_most()]
        read_past = _read_paragraphs(paragraphs, past)
        # Every paragraph, not most of the words: posts that share a long footer or a
        # subscription notice were held by it alone (the review).
        held = sum(1 for story in past if story.paragraphs and all(_normalised(p) in read_past for p in story.paragraphs))
    # The lead looked for in what the extraction read, before other stories' headlines are
    # put in (a later post of the same title took its place: a review, session 70).
    headed = with_headline(paragraphs, lead)
    if first_read is not None:
        read_stories = [(stories[n], texts[n], but_first[n]) for n in range(first_read, len(stories)) if was_read[n]]
        headed = [*headed[: len(headed) - len(paragraphs)], *_with_read_headlines(paragraphs, read_stories, shared)]
    text = [*_under_headlines(joined[0]), *headed, *_under_headlines(joined[1])]
    return text, 1 + len(joined[0]) + len(joined[1]), untitled + past_most - held


def _with_read_headlines(paragraphs: list[str], stories: list[tuple[Story, list[str], bool]],
                         shared: frozenset[str]) -> list[str]:
    """``paragraphs``, what the extraction read, with the headline of each of the
    ``stories`` it read but the first (which heads the text) put before the first of their
    paragraphs it holds that no story before holds too, in page order; not where it holds
    the headline already, nor where it holds no such paragraph as such (its words only, in
    other paragraphs) after the last one placed. The extraction of a Blogger archive's
    container reads every post without its title: their headlines went unchecked (a review,
    session 70). A copy of an earlier story under a new title gets no place. Each story comes
    with its paragraphs normalised (as :func:`with_stories` has them). A story read but
    for its first line (each one's flag) gets that line back there too: the extraction drops
    the first line of each ``<br>`` post (the next review)."""
    lines = [_normalised(paragraph) for paragraph in paragraphs]
    have = set(lines)
    claimed: set[str] = set()
    placed: dict[int, list[str]] = {}
    floor = 0
    for n, (story, order, first_line_lost) in enumerate(stories):
        title = _normalised(story.headline)
        own = [(text, paragraph) for text, paragraph in zip(order, story.paragraphs, strict=True)
               if text != title and text not in shared]
        fresh = {text for text, _ in own} - claimed
        claimed |= {text for text, _ in own}
        at = next((k for k in range(floor, len(lines)) if lines[k] in fresh), None)
        if at is None:
            continue
        start, floor = floor, at + 1
        # Back over the story's own lines before the one found: a greeting every post opens
        # with, a line an earlier post quoted (the headline fell after them: the review).
        before = order.index(lines[at]) if lines[at] in order else 0
        while at > start and before > 0 and lines[at - 1] == order[before - 1]:
            at, before = at - 1, before - 1
        # Not where the text holds the headline in another form: broken by a <br> in two
        # lines, or without a <time> in it (read twice, the review).
        held = title in have or _holds(paragraphs[start:floor], story.headline) or any(
            len(line.split()) >= 2 and line in title for line in lines[start:at])
        put = [story.headline] if n and title and not held else []
        if first_line_lost and own and own[0][0] not in have and not any(own[0][0] in line for line in lines):
            put.append(own[0][1])  # not where the text holds it glued to another line
        if put:
            placed[at] = put
    if not placed:
        return paragraphs
    return [line for k, paragraph in enumerate(paragraphs) for line in (*placed.get(k, ()), paragraph)]


def page_title(tree: Any, extracted: str, headline: str, text: list[str]) -> str:
    """The document's title: the extraction's (``extracted``), unless the read ``text`` holds
    the page's ``headline`` (:func:`page_headline`) and the extraction's title is none of the
    story's. Then the headline. None of the story's: empty, the site's declared name, an
    archive's title, the headline with the declared site name beside it ("Headline | The
    Courier"), or a shorter part of a declared title that names the headline as another part
    ("The Courier" from Open Graph with a ``<title>`` of "Headline – The Courier"; "The
    Courier | Transport" of a three-part title), or the name before a colon in a declared
    title that is that name, a colon and the headline (a Blogger post's page: the blog's
    <h1> "Parks journal" and the <title> "Parks journal: Parks plan 1").

    Narrow on purpose, as two reviews found (session 67): a first form titled a page by
    whatever its text opened with (live-blog updates, kickers, dates, another story above the
    page's own, an archive's first post); a second took any title that was the headline and a
    part more for one wrapped in a site's name, and cut "Why the bridge failed – and what the
    council must do next", "Building a compiler - Part 2" and "Dune – Frank Herbert" to their
    headlines, and any title a part of the ``<title>`` beside the headline for a site's
    name, and titled "Council approves budget – News" by a section's ``<h1>`` "News"."""
    if not headline or not _holds(text, headline):
        return extracted
    named, wanted = _normalised(extracted), _normalised(headline)
    if named == wanted:
        return extracted  # the same words (Open Graph's case rather than an all-capitals <h1>)
    site_names = set(map(_normalised, _declared_site_names(tree))) - {""}
    titles = [title for title in map(_normalised, _declared_titles(tree)) if title]
    no_headline = (not named or named in site_names or _ARCHIVE_TITLE_RE.fullmatch(named) is not None
                   or _beside(named, wanted) in site_names
                   or f"{named}: {wanted}" in titles
                   or (len(named.split()) < len(wanted.split())
                       and any(_named_as(title, named) != _NOT_NAMED != _named_as(title, wanted) for title in titles)))
    return headline if no_headline else extracted


def _beside(title: str, part: str) -> str:
    """What ``title`` holds beside ``part``, named as its part before or after a separator
    (both normalised): "the courier" of "headline | the courier"; "" where it names no such part."""
    how = _named_as(title, part)
    if how == _NAMED_BEFORE_SEPARATOR:
        rest = title[len(part):]
    elif how == _NAMED_AFTER_SEPARATOR:
        rest = title[: len(title) - len(part)]
    else:
        return ""
    return rest.strip(_SEPARATOR_CHARACTERS + " ")


def _under_headlines(stories: list[Story]) -> list[str]:
    return [paragraph for story in stories for paragraph in with_headline(list(story.paragraphs), story.headline)]


def _read_in(own: list[str], texts: list[str], read: set[str], shared: frozenset[str], headline: str) -> bool:
    """Whether most of the words of ``own``'s paragraphs (``texts``: their normalised forms)
    are in the paragraphs of ``read`` (normalised: :func:`_read_paragraphs`), and some of
    its own prose is: not where it has paragraphs of prose besides its ``headline`` and those
    it ``shared`` with other stories, and ``read`` holds none of them. Posts that end on one
    long disclaimer or subscription notice were each taken for read, and dropped in silence,
    when the extraction read the first (a review, session 68)."""
    words = [len(paragraph.split()) for paragraph in own]
    title = _normalised(headline)
    prose = [text for text, count in zip(texts, words, strict=True)
             if text not in shared and text != title and count >= _PROSE_PARAGRAPH_WORDS]
    if prose and not any(text in read for text in prose):
        return False
    found = sum(count for text, count in zip(texts, words, strict=True) if text in read)
    return 2 * found >= sum(words)


def _read_but_its_first_line(texts: list[str], read: set[str], headline: str, elsewhere: frozenset[str]) -> bool:
    """Whether ``read`` holds every line of a story (``texts``, normalised) after its first,
    its ``headline`` aside, one of them at least its own (not ``elsewhere``: another story's
    too). A story by its lines so held counts as read (and gets its first line back:
    :func:`_with_read_headlines`): the extraction of a Blogger archive leaves out the first
    line of each ``<br>`` post, and a post of two lines joined again was read twice, its held
    line and the rest (a review, session 70). Not one line held: posts that share a sentence
    with another were taken for read, and lost (the next review); nor a shared sign-off
    alone (a third)."""
    title = _normalised(headline)
    lines = [text for text in texts if text != title]
    return (len(lines) >= 2 and all(text in read for text in lines[1:])
            and any(text not in elsewhere for text in lines[1:]))


# How many stories a paragraph is a page's boilerplate in.
_SHARED_BY = 3


def _shared_paragraphs(texts: list[list[str]], by: int = _SHARED_BY) -> frozenset[str]:
    """The paragraphs (normalised: ``texts``, a story's each) that ``by`` stories or more
    hold: a footer, a notice. (By default not two: a pinned copy with a line of its own,
    "pinned to the top of this page", was joined again; a review, session 68.)"""
    stories: dict[str, int] = {}
    for story in texts:
        for text in set(story):
            stories[text] = stories.get(text, 0) + 1
    return frozenset(text for text, count in stories.items() if count >= by)


# A paragraph's words are looked for in the read text this many at a time.
_SHINGLE_WORDS = 3


def _read_paragraphs(paragraphs: list[str], stories: list[Story]) -> set[str]:
    """The paragraphs of ``stories`` that the read ``paragraphs`` hold, normalised: one of
    them, or words found in them joined, each run of :data:`_SHINGLE_WORDS` words of it (the
    read text may split its paragraphs otherwise: a JSON-LD body of one line for the page's
    paragraphs, whose story was joined again and its findings counted twice).

    In time linear in the words of both: each paragraph was looked for in the whole read
    text, and a page of 40,000 paragraphs took 30 s, not 7 (a review, session 65). The runs
    wanted are collected first, and the read text scanned once for each length of run."""
    lines = {_normalised(paragraph) for paragraph in paragraphs}
    pending = {text for story in stories for paragraph in story.paragraphs
               if (text := _normalised(paragraph)) and text not in lines}
    if not pending:
        return lines
    wanted = {run for text in pending for run in _word_runs(_unglued_words(text))}
    read_words = _unglued_words(_normalised(" ".join(paragraphs)))
    present: set[tuple[str, ...]] = set()
    for length in {len(run) for run in wanted}:
        present.update(run for run in zip(*(read_words[start:] for start in range(length)), strict=False)
                       if run in wanted)
    return lines | {text for text in pending if all(run in present for run in _word_runs(_unglued_words(text)))}


def _unglued_words(text: str) -> list[str]:
    """The words of ``text``, a sentence's end parted from a word glued to it: the
    extraction may join a line to the next ("since Christmas.The clerk"), and a post it read
    whole was joined again, read twice (a review, session 70)."""
    return _GLUED_RE.sub(r"\1 ", text).split()


_GLUED_RE = re.compile(r"([.!?…][\"'”’)\]]*)(?=\w)")


def _word_runs(words: list[str]) -> Iterator[tuple[str, ...]]:
    """The runs of :data:`_SHINGLE_WORDS` words of ``words`` (all of them, where fewer)."""
    length = min(len(words), _SHINGLE_WORDS)
    return zip(*(words[start:] for start in range(length)), strict=False)


_ENTRY_TITLE_RE = re.compile(r"(?:entry|post)-title|headline")
# A post's own title, as themes mark it: not "headline", which names news rails' cards too.
_POST_TITLE_RE = re.compile(r"(?:entry|post)-title")
# The headings that may be the page's headline (an <h2> or <h3> only as an entry's title).
_HEADLINE_TAGS = frozenset({"h1", "h2", "h3"})
# A name and a colon before a post's title: "Green parks journal: " of Blogger's
# "Green parks journal: Parks plan 1" (a blog's name may hold a colon of its own).
_NAME_AND_COLON_RE = re.compile(r"\S.*:\s+")


def _declared_titles(tree: Any) -> Iterator[str]:
    """The titles the page declares: its ``<title>``'s, and its Open Graph and Twitter titles."""
    for title in tree.iter("title"):
        if next(title.iterancestors("svg"), None) is None:  # an icon's <title> names the icon
            yield title.text_content()
            break
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").strip().lower() in {"og:title", "twitter:title"}:
            yield meta.get("content") or ""


def _declared_site_names(tree: Any) -> Iterator[str]:
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").strip().lower() in {"og:site_name", "application-name"}:
            yield meta.get("content") or ""


# An archive's or a listing's title, which its page's <title> names as a story's (normalised):
# "Category: News", "Archives", "March 2024", "Posts tagged budget". Only these shapes whole,
# the term after a label a few words: a headline may start so ("Stories from the frontline:
# nurses speak", "Series: how the budget was made", "1984"), and went unread (a review,
# session 65).
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_ARCHIVE_TERM = r"[^\s:.!?]+(?:\s+[^\s:.!?]+){0,3}"
_ARCHIVE_TITLE_RE = re.compile(
    rf"(?:category|tag|topic|month|year|day|(?:(?:monthly|yearly|daily)\s+)?archives?)\s*:\s*{_ARCHIVE_TERM}"
    rf"|(?:(?:monthly|yearly|daily)\s+)?archives?(?:\s+for\s+{_ARCHIVE_TERM})?"
    rf"|(?:\d{{1,2}}\s+)?(?:{_MONTHS})(?:\s+\d{{1,2}},?)?\s+\d{{4}}"
    rf"|(?:posts|articles|entries)\s+(?:tagged|filed\s+under|in\s+category)\s+{_ARCHIVE_TERM}")
_NAMED_WHOLE, _NAMED_BEFORE_SEPARATOR, _NAMED_AFTER_SEPARATOR, _NOT_NAMED = range(4)


def _named_as(title: str, heading: str) -> int:
    """How the page's ``title`` names ``heading`` (both normalised): as a whole
    (:data:`_NAMED_WHOLE`), as its part before a separator or after one, or not at all."""
    if title == heading:
        return _NAMED_WHOLE
    if title.startswith(heading) and _TITLE_SEPARATOR_RE.match(title, len(heading)):
        return _NAMED_BEFORE_SEPARATOR
    if title.endswith(heading) and _SEPARATOR_BEFORE_RE.search(title, 0, len(title) - len(heading)):
        return _NAMED_AFTER_SEPARATOR
    return _NOT_NAMED


def _named_after_a_name(title: str, heading: str) -> int:
    """:data:`_NAMED_AFTER_SEPARATOR` where ``title`` is a name, a colon and ``heading``
    (both normalised): Blogger's titles of a post's page, "Blog name: Post title", whose
    colon no space precedes (so no separator to :func:`_named_as`); else :data:`_NOT_NAMED`.
    Read so only for the title of a post's page: a headline's own colon ("Live: storm hits
    the coast") parts no site's name from a news rail's card ("Storm hits the coast"), nor a
    label's name from a post titled by it on the label's page (a review, session 70)."""
    rest = title[: len(title) - len(heading)]
    if title.endswith(heading) and _NAME_AND_COLON_RE.fullmatch(rest):
        return _NAMED_AFTER_SEPARATOR
    return _NOT_NAMED


def _in_content(heading: Any) -> bool:
    """Whether ``heading`` sits in the page's article or main part, where a site's name does
    not, or is marked as an entry's title."""
    return (bool(_ENTRY_TITLE_RE.search(heading.get("class") or ""))
            or any(ancestor.tag in {"article", "main"} or ancestor.get("role") == "main"
                   for ancestor in heading.iterancestors()))


def _outside_chrome(root: Any, tags: set[str] | frozenset[str], enter_found: bool = True,
                    left_out: frozenset[Any] = frozenset(), names: frozenset[str] = frozenset()) -> Iterator[Any]:
    """The elements under ``root`` (``root`` included, never judged chrome) whose tag is one
    of ``tags``, or whose class holds one of ``names`` as a word, and that are outside the
    page's chrome and the elements ``left_out``, in page order; with ``enter_found=False``,
    not those inside another one found. One pass down the tree, on a stack of its own:
    walking up from each element was quadratic on a deep page, and a deep page would exhaust
    Python's stack."""
    stack = [root]
    while stack:
        element = stack.pop()
        if (not isinstance(element.tag, str) or element in left_out
                or (element is not root and _is_chrome(element))):
            continue
        found = element.tag.lower() in tags or (bool(names) and _is_entry(element, names))
        if found:
            yield element
        if enter_found or not found:
            stack.extend(reversed(element))


# A heading that opens a page's discussion, and needs no theme's names to say so: "3
# responses", "Comments (3)", "3 Answers", "Customer Reviews", "2 thoughts on “Headline”",
# "Leave a reply", "Join the discussion"; or a list of other posts: "More from the Courier",
# "You may also like". What follows it is readers' text or teasers, never the page's
# stories, however it is marked up.
_AREA_HEADING_RE = re.compile(
    r"(?:(?:\d[\d,.]*k?|no|one|two|three|four|five|six|seven|eight|nine|ten)\s+)?(?:(?:customer|user|reader)s?'?\s+)?"
    r"(?:(?:comments?|responses?|replies|reviews?|reactions?|answers?|webmentions)"
    r"(?:\s*\(\d[\d,.]*k?\))?|thoughts? on\b.*)"
    r"|(?:leave|post|add|write|submit)\s+(?:a|an|your)\s+(?:comment|reply|response|review)\b.*"
    r"|(?:join|start)\s+the\s+(?:discussion|conversation)\b.*|discussion|conversation"
    # ... or a list of other posts: cards, however long their summaries.
    r"|more\s+(?:from|in|on|about|like\s+this|stories|news|articles|posts)\b.*|recommended\b.*|read\s+(?:next|more)\b.*"
    r"|you\s+(?:may|might|could)\s+(?:also\s+)?(?:like|enjoy)\b.*|related\b.*|(?:most|more)\s+(?:popular|read|viewed)\b.*"
    r"|trending\b.*|popular\s+(?:posts|stories|articles)\b.*",
    re.I)


def _after_area_headings(tree: Any) -> frozenset[Any]:
    """The elements that follow a heading of :data:`_AREA_HEADING_RE` in its area: its later
    siblings, or those of the wrapper it is alone in (``<header><h2>3 comments</h2></header>``)."""
    after: set[Any] = set()
    for heading in tree.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        if not _AREA_HEADING_RE.fullmatch(" ".join(heading.text_content().split()).rstrip(":")):
            continue
        opener = heading
        while (parent := opener.getparent()) is not None and len(parent) == 1 and parent.tag not in _AREA_TAGS:
            opener = parent
        after.update(opener.itersiblings())
    return frozenset(after)


# Where a heading's area ends, however alone in it the heading is.
_AREA_TAGS = frozenset({"html", "body", "main", "article", "section"})


def _is_chrome(element: Any) -> bool:
    """Whether ``element`` is the page's chrome (:data:`_CHROME_TAGS`, :data:`_CHROME_NAME_RE`)
    or hidden by its style."""
    tag = element.tag.lower()
    if tag in _PAGE_TAGS:
        return False
    # The Blogger exemption only where a name matched: most elements match none.
    named = any(_CHROME_NAME_RE.search(name) and not _TERM_NAME_RE.match(name) for name in _names_of(element)) and (
        not set((element.get("class") or "").split()) >= _BLOGGER_POSTS_CLASSES)
    return tag in _CHROME_TAGS or named or _hidden_by_style(element)


def _hidden_by_style(element: Any) -> bool:
    return bool(_HIDDEN_STYLE_RE.search(element.get("style") or ""))


def _names_of(element: Any) -> list[str]:
    """The names a theme gives ``element``: its classes and its id."""
    return f"{element.get('class') or ''} {element.get('id') or ''}".split()


def _links_home(heading: Any) -> bool:
    """Whether ``heading`` links to the site's home page, as a site's name does: a link
    marked ``rel="home"``, or one to the site's root ("/", "https://site.example/")."""
    return any("home" in (link.get("rel") or "").lower().split() or _is_site_root(link.get("href") or "")
               for link in heading.iter("a"))


def _is_site_root(href: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(href.strip())
    if parts.query or parts.fragment:
        return False
    path = parts.path.lower()
    return path in _HOME_PATHS or (bool(parts.netloc) and path == "")


_HOME_PATHS = frozenset({"/", "./", "/index.html", "/index.php", "index.html", "index.php"})


def _holds_a_story(article: Any) -> bool:
    """Whether ``article`` holds :data:`_FULL_ARTICLE_PARAGRAPHS` paragraphs of prose and
    :data:`_FULL_ARTICLE_WORDS` words: its ``<p>``s, then the sentences its post's body
    (:data:`_POST_BODY_NAMES`) writes in lines outside them (:func:`_loose_lines`). A Blogger
    post written in ``<br>`` lines or ``<div>``s, as its editor long wrote them, was no
    story, and a home page of such posts read the first and dropped the others without a
    word (session 69's Left). Only a post's body, only lines that end as sentences do, and
    no list's, table's or definition's lines: counted anywhere, news rails' cards with a
    "2 min read" line, shops' products with their bullet points, events with their
    addresses, customer reviews and forum posts were read as stories (a review, session 70)."""
    return _enough_prose(chain(_paragraph_words(article), _line_words(article)))


def _holds_paragraphs(article: Any) -> bool:
    """Whether ``article``'s ``<p>``s alone make it a story (:func:`_holds_a_story`)."""
    return _enough_prose(_paragraph_words(article))


def _enough_prose(words_of_each: Iterable[int]) -> bool:
    """Whether paragraphs of prose of ``words_of_each`` so many words make a story."""
    paragraphs = words = 0
    for count in words_of_each:
        paragraphs, words = paragraphs + 1, words + count
        if paragraphs >= _FULL_ARTICLE_PARAGRAPHS and words >= _FULL_ARTICLE_WORDS:
            return True  # enough read: an archive's posts are long
    return False


def _paragraph_words(article: Any) -> Iterator[int]:
    """How many words each of ``article``'s ``<p>``s of prose holds, bylines aside."""
    for paragraph in _outside_chrome(article, {"p"}):
        if (prose := _prose_words(paragraph)) and not _is_byline(paragraph, article):
            yield prose


def _line_words(article: Any) -> Iterator[int]:
    """How many words each line of prose of ``article``'s post bodies holds outside their
    ``<p>``s (:func:`_holds_a_story`)."""
    for body in _post_bodies(article):
        for text, linked in _loose_lines(body, _UNCOUNTED_LINE_TAGS):
            words = len(text.split())
            if words >= _PROSE_PARAGRAPH_WORDS and 2 * linked < words and _SENTENCE_END_RE.search(text):
                yield words


# A post's body, as themes name it (a class's word): Blogger's "post-body entry-content",
# WordPress's "entry-content", microformats2's "e-content".
_POST_BODY_NAMES = frozenset({"entry-content", "post-body", "post-content", "e-content"})
# Whose lines :func:`_holds_a_story` does not count as a post's prose lines: paragraphs and
# headings (counted as such, or no prose), and lists', tables' and definitions' items.
_UNCOUNTED_LINE_TAGS = frozenset({"p", *_ALL_HEADING_TAGS, "li", "td", "th", "dt", "dd"})


def _loose_lines(root: Any, skipped: frozenset[str] = frozenset()) -> Iterator[tuple[str, int]]:
    """The lines of ``root``'s text as a browser breaks them (at a ``<br>`` and around a
    block: a ``<div>``, a paragraph, a list's item...), each with how many of its words are
    a link's; outside the chrome, bylines, what no reader reads and the ``skipped`` tags.
    One pass on a stack of its own, as :func:`_outside_chrome`: a deep page would exhaust
    Python's."""
    parts: list[str] = []
    linked = 0
    # An element to enter, with whether a link holds it; a text, with the same; or a break.
    stack: list[tuple[Any, bool]] = [(root, False), (_LINE_BREAK, False)]
    while stack:
        item, in_link = stack.pop()
        if item is _LINE_BREAK:
            text = " ".join(" ".join(parts).split())
            if text:
                yield text, linked
            parts, linked = [], 0
            continue
        if isinstance(item, str):
            parts.append(item)
            linked += len(item.split()) if in_link else 0
            continue
        tag = item.tag.lower() if isinstance(item.tag, str) else ""
        block = tag in _LINE_BLOCK_TAGS
        if item.tail and item is not root:
            stack.append((item.tail, in_link))
        if block:
            stack.append((_LINE_BREAK, False))
        if not tag or tag in _unread_tags() or tag in skipped or (
                item is not root and (_is_chrome(item) or _is_byline_element(item))):
            continue  # read elsewhere, or not at all: its tail stands
        inside = in_link or tag == "a"
        stack.extend((child, inside) for child in reversed(item))
        if item.text:
            stack.append((item.text, inside))
        if block:
            stack.append((_LINE_BREAK, False))


_LINE_BREAK: Any = object()
# The elements a line of text breaks around (a browser's blocks) or at (a <br>).
_LINE_BLOCK_TAGS = frozenset({
    "br", "div", "p", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "section", "article", "header", "footer",
    "aside", "nav", "figure", "figcaption", "table", "tr", "td", "th", "pre", "center", "hr", "form",
    *_ALL_HEADING_TAGS,
})


def _prose_words(paragraph: Any) -> int:
    """How many words ``paragraph`` holds if it reads as prose (:data:`_PROSE_PARAGRAPH_WORDS`
    words or more, most of them outside links: a teaser's linked title is none), else 0."""
    words, linked = _words_and_linked(paragraph)
    return words if words >= _PROSE_PARAGRAPH_WORDS and 2 * linked < words else 0


# A byline's or a date line's element, by the names themes give it.
_BYLINE_NAME_RE = re.compile(
    r"^(?:by-?line|author|date|dateline|time(?:stamp)?(?![a-z])|posted|published|updated|credit|"
    r"(?:entry|post|article)-meta|meta(?![a-z]))", re.I)
# A byline's or a date line's words: "By Jane Doe and John Roe, staff writers | Updated
# March 3, 2024". Without a sentence's end: "By Tuesday the council will have voted." is prose.
_BYLINE_TEXT_RE = re.compile(r"(?:(?:written\s+)?by|(?:last\s+)?updated|posted|published)\b", re.I)
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’)\]]*\Z")


def _is_byline_element(element: Any) -> bool:
    """Whether ``element``'s names mark it a byline or a date line (:data:`_BYLINE_NAME_RE`)."""
    return any(_BYLINE_NAME_RE.match(name) for name in _names_of(element))


def _is_byline(paragraph: Any, article: Any) -> bool:
    """Whether ``paragraph`` is a byline or a date line, not prose: by its words, or by its
    names or those of what holds it inside ``article``. A teaser card's byline of eight words
    or more read as a second paragraph of prose, and the card as a story."""
    text = " ".join(paragraph.text_content().split())
    if _BYLINE_TEXT_RE.match(text) and not _SENTENCE_END_RE.search(text):
        return True
    element = paragraph
    while element is not None and element is not article:
        if _is_byline_element(element):
            return True
        element = element.getparent()
    return False


# Typographic quotes and dashes as plain ones: a page's <title> and its headline may set the
# same words in either ("Mayor's plan" against "Mayor’s plan": the headline went unread).
_PLAIN_PUNCTUATION = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"',
                                    "″": '"', "–": "-", "—": "-", "‐": "-", "‑": "-"})


def _normalised(text: str) -> str:
    return " ".join(text.translate(_PLAIN_PUNCTUATION).split()).casefold()
