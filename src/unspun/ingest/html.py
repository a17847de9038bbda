"""HTML pages to documents: the title and the article's paragraphs, nothing else.

trafilatura finds the main content; menus, post navigation, sidebars, footers and comment
forms ("Leave a Reply ... Your email address will not be published") are dropped. The page's
headline and its other stories, which trafilatura's container leaves out, are put back
(:mod:`._page_parts`).
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Iterator
from html.entities import html5 as _HTML5_ENTITIES
from typing import Any

from ..disguise import INVISIBLE_RE, is_blank
from ..errors import EmptyInputError, InputError, MalformedInputError, TooLargeError
from ..models import Document
from ._page_parts import Story, hides, page_headline, page_stories, page_title, past_most_paragraphs, with_stories

_MIN_FALLBACK_WORDS = 20
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)
_HTML_START_RE = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.I)
# What may come before a page's DOCTYPE or <html> and still leave it a page: white space,
# comments, an XML prolog (XHTML), and the elements of a <head> that a template or a plugin
# writes first (a tag manager's <script>). An XHTML page, or one that opened with a <script>,
# was read as plain text, markup and all (an audit, session 64).
_BEFORE_HTML_RE = re.compile(
    r"\s+|<!--.*?-->|<\?xml\b[^<>]*\?>|<(script|style|title|noscript)\b[^<>]*>.*?</\1\s*>|<(?:meta|link|base)\b[^<>]*>",
    re.I | re.S)
# As far as a page's start is looked for: past a tag manager's script, short of a whole file.
_HTML_START_BYTES = 65_536


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like an HTML document: a DOCTYPE, ``<html>``, ``<head>`` or
    ``<body>``, after what a page may put before them (:data:`_BEFORE_HTML_RE`). Not a
    fragment (``<p>...</p>``): a README that opens with a centred logo (``<p align="center">``),
    or prose about tags, is text; a fragment is read as HTML when its name or its request says
    so (a review, session 62).

    >>> looks_like_html('<?xml version="1.0"?>\\n<!DOCTYPE html><html>'), looks_like_html("Use <html> here")
    (True, False)
    """
    head = text[:_HTML_START_BYTES]
    position = 0
    while (before := _BEFORE_HTML_RE.match(head, position)) is not None and before.end() > position:
        position = before.end()
    return bool(_HTML_START_RE.match(head, position))


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag, if any."""
    match = _META_CHARSET_RE.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


def _prose_or_none(extracted: Any) -> Any:
    """An extraction that reads like prose (``_MIN_FALLBACK_WORDS`` words or more), not a
    lone menu; else None."""
    text = getattr(extracted, "text", None) or ""
    return extracted if len(text.split()) >= _MIN_FALLBACK_WORDS else None


# trafilatura drops invisible characters with the control characters (and private-use
# ones), so a page's disguised words ("gov\u200bernment") were read through in silence,
# where a text's are reported (unspun.disguise). They cross the extraction as printable
# stand-ins no page uses (Tai Xuan Jing symbols), and are put back after.
_STAND_INS = tuple(chr(code) for code in range(0x1D300, 0x1D357))
_ENTITY_RE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));")
# A tag, or a run of the text between tags: stand-ins go into text only, never into a tag's
# attributes (a link's "?a=1&shy=2", a meta tag's content), where nothing puts them back.
_TAG_OR_TEXT_RE = re.compile(r"(<[^>]*>?)|([^<]+)")


def _entity_value(match: re.Match[str]) -> str | None:
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        return _HTML5_ENTITIES.get(f"{name};")
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    return chr(code) if code <= sys.maxunicode else None


def _invisible_kept(page: str) -> tuple[str, dict[int, str]]:
    """``page`` with the invisible characters of its text (between tags), written or as
    entities, replaced by stand-ins (:data:`_STAND_INS`), and the table that puts them back
    (for ``str.translate``)."""
    found = set(INVISIBLE_RE.findall(page))
    if "&" in page:
        found.update(value for match in _ENTITY_RE.finditer(page)
                     if (value := _entity_value(match)) is not None and INVISIBLE_RE.fullmatch(value))
    if not found:
        return page, {}
    free = [stand_in for stand_in in _STAND_INS if stand_in not in page]
    stand_in_for = dict(zip(sorted(found), free, strict=False))  # beyond the free ones: dropped as before
    if not stand_in_for:
        return page, {}
    table = {ord(c): stand_in for c, stand_in in stand_in_for.items()}

    def entity(match: re.Match[str]) -> str:
        return stand_in_for.get(_entity_value(match) or "", match.group())

    def text_only(match: re.Match[str]) -> str:
        tag, text = match.groups()
        if tag is not None or match.start() == 0:  # a byte-order mark before <html> is no text
            return match.group()
        return _ENTITY_RE.sub(entity, text.translate(table))

    return _TAG_OR_TEXT_RE.sub(text_only, page), {ord(stand_in): c for c, stand_in in stand_in_for.items()}


def html_to_document(html: str, doc_id: str, meta: dict[str, Any] | None = None) -> Document:
    """Extract the article of ``html`` into a :class:`Document`.

    Paragraphs are separated by a blank line; the page's headline is the first. A page of
    several stories is read whole, in page order, each under its own headline:
    ``meta["articles"]`` says how many it joined, and ``meta["articles_left_out"]`` how many
    the text does not hold (past the first :data:`~._page_parts.MOST_STORIES`, or without a
    headline of their own). Raises :class:`EmptyInputError` when the page holds no article text.
    """
    import trafilatura
    from trafilatura.settings import set_date_params

    page, put_back = _invisible_kept(html)

    options: dict[str, Any] = {"include_comments": False, "include_tables": False, "favor_precision": True, "with_metadata": True,
                               # The date from the page's markup only: the extensive search guesses from
                               # its text and URL, and loads dateparser for it, 2 s for the first such page.
                               "date_extraction_params": set_date_params(extensive=False)}
    try:
        tree = _parsed(page, doc_id)
        source = page if tree is None else tree
        # trafilatura's own algorithm first; its fallbacks (readability, jusText) only when it
        # finds nothing, and then only a result that reads like prose, not a lone menu; last,
        # its own algorithm again without favouring precision.
        extracted = trafilatura.bare_extraction(source, fast=True, **options)
        if not getattr(extracted, "text", None):
            extracted = _prose_or_none(trafilatura.bare_extraction(source, **options))
        if extracted is None:
            # Old content-farm pages lay the article out in a <table>, which favouring
            # precision (with tables left out) drops whole: the article was "not found".
            extracted = _prose_or_none(trafilatura.bare_extraction(source, fast=True, **{**options, "favor_precision": False}))
        stories, past_most = ([], []) if tree is None else page_stories(tree, lambda article: _read_alone(article, options))
    except (ImportError, InputError):  # ours: a page too deep or too large
        raise
    except Exception as error:  # trafilatura raises lxml errors of many kinds on broken input
        raise MalformedInputError(f"{doc_id}: HTML that cannot be parsed ({error})") from None
    body = (getattr(extracted, "text", None) or "").translate(put_back)
    paragraphs = _lines(body)
    info = dict(meta or {})
    declared = _declared_article_paragraphs(html)
    longer = _words(declared) >= _MIN_FALLBACK_WORDS and _words(declared) > 2 * _words(paragraphs)
    if longer or (declared and _joined(declared) == _joined(paragraphs) and len(declared) > len(paragraphs)):
        # The page's structured data declares an article body the visible page does not
        # show: a script-rendered page, or a paywall's teaser over the whole article. That
        # article is the text that was published; the teaser would be judged on three lines.
        # (trafilatura may read the body itself, as one paragraph: the declared one has them.
        # Not the other way round: a body declared on one line replaced the paragraphs the
        # page shows with one; an audit, session 64.)
        paragraphs = declared
        info["article_from"] = "json-ld"
    if not paragraphs:
        raise EmptyInputError(f"{doc_id}: no article text found in this HTML page")
    headline = ""
    if tree is not None:
        # The headline is checked on every theme, not only where it sits inside the article's
        # container: on most WordPress themes trafilatura's container (".entry-content") leaves
        # it out, and a spun headline went unchecked. A page of several stories is read whole,
        # in page order, each under its own headline (readability, too, joins to the article
        # it picks the siblings that read as content): trafilatura reads the first alone, and
        # the others went unchecked in silence.
        stories = [_translated(story, put_back) for story in stories]
        headline = page_headline(tree, listing=bool(stories or past_most)).translate(put_back)
        def read_past_most() -> list[list[str]]:
            return [_lines("\n".join(own).translate(put_back)) for own in past_most_paragraphs(past_most)]

        paragraphs, count, left_out = with_stories(paragraphs, headline, stories, len(past_most), read_past_most)
        if count > 1:
            info["articles"] = count
        if left_out:
            info["articles_left_out"] = left_out
    title = (getattr(extracted, "title", None) or "").translate(put_back).strip()
    if declared and tree is not None and (not title or "article_from" not in info):
        # trafilatura takes the title from the structured data first: the page's own goes
        # with the article the page shows (a headline declared as "x" was the title of the
        # page's visible article), and stands in where the extraction found none (an audit,
        # session 64).
        title = _page_title(tree).translate(put_back) or title
    if tree is not None:
        # trafilatura's title may be the site's name (Open Graph's), an archive's title or a
        # run of a three-part title's parts while the text opens with the story's headline,
        # and reports and traces showed "The Courier" (session 65's Left): then the headline.
        title = page_title(tree, title, headline, paragraphs)
    for key in ("author", "date", "sitename", "url"):
        value = getattr(extracted, key, None)
        if value:
            info.setdefault(key, value.translate(put_back) if isinstance(value, str) else value)
    return Document(id=doc_id, title=title, text="\n\n".join(paragraphs), source="html", meta=info)


def _read_alone(article: Any, options: dict[str, Any]) -> list[str]:
    """The paragraphs trafilatura reads in ``article`` as a page of its own (the stand-ins of
    :func:`_invisible_kept` left in)."""
    from copy import deepcopy

    import trafilatura
    from lxml.html import fromstring

    page = fromstring("<html><body></body></html>")
    alone = deepcopy(article)
    alone.tail = None
    page.find("body").append(alone)
    extracted = trafilatura.bare_extraction(page, fast=True, **{**options, "with_metadata": False})
    return (getattr(extracted, "text", None) or "").split("\n")


def _translated(story: Story, put_back: dict[int, str]) -> Story:
    """``story`` with the invisible characters of :func:`_invisible_kept` put back, in its
    lines that hold something a reader sees (:func:`_lines`)."""
    return dataclasses.replace(story, headline=story.headline.translate(put_back),
                               paragraphs=tuple(_lines("\n".join(story.paragraphs).translate(put_back))))


def _page_title(tree: Any) -> str:
    """The title the page itself shows, as trafilatura reads it without structured data: its
    meta tags' (Open Graph...), else its one <h1>, its <title>..."""
    from trafilatura.metadata import examine_meta, extract_title

    return (examine_meta(tree).title or extract_title(tree) or "").strip()


# libxml2 drops every element nested deeper than 256 levels (2,048 when asked for a huge
# tree) without an error: a page whose article sat 300 divs deep was read as the newsletter
# blurb above it, and called clean (an audit of large inputs). Such a page is parsed with
# the huge-tree option, which trafilatura does not ask for.
_DEFAULT_DEPTH_LIMIT = 256
_HUGE_DEPTH_LIMIT = 2048
# trafilatura's extraction takes time that grows with the square of a page's elements (80,000
# paragraphs: 12 s, a 10 MB page of them most of an hour, deaf to Ctrl-C; a hostile-input
# audit, session 57). A news page holds a few thousand.
MAX_HTML_ELEMENTS = 50_000
# A tag's attributes end at the next "<" too: "[^>]*" scanned to the page's end from every
# "<b" of a "<pre>" full of "a<b" (quadratic: 24 s for a 300 KB page; the review).
_TAG_NAME_RE = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^<>]*?(/?)>")
# Elements that open no level (void), or whose end tag may be left out (a country <select>
# of 250 unclosed <option>s is no deep page).
_NOT_NESTING = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr "
    "p li option optgroup td th tr dt dd tbody thead tfoot colgroup caption rb rt rp html head body".split())


def _parsed(page: str, doc_id: str) -> Any:
    """``page`` parsed as trafilatura parses it (its parser, its repairs), or None when lxml
    cannot parse it (trafilatura is then handed the text, and says what it finds).

    Parsed here rather than by trafilatura, whose loader throws the tree away when the
    page's first 50 characters do not say "html" and its root holds fewer than two
    elements: a spun page behind 60 blank lines, or a DOCTYPE declaring entities, with no
    <head>, was "no article text" and skipped in a crawl with exit 0 (a hostile-input audit,
    session 57). With the depth limit raised for a deeply nested page; raises
    :class:`MalformedInputError` for one nested past even the raised limit, and
    :class:`TooLargeError` for one of more than :data:`MAX_HTML_ELEMENTS` elements."""
    from lxml.etree import LxmlError
    from lxml.html import HTMLParser, fromstring
    from trafilatura.utils import HTML_PARSER, repair_faulty_html

    page = page.lstrip()  # white space before the first tag means nothing, and hides a DOCTYPE from the repairs
    depth, elements = _tag_counts(page)
    if elements > MAX_HTML_ELEMENTS:
        raise TooLargeError(f"{doc_id}: an HTML page of over {MAX_HTML_ELEMENTS:,} elements ({elements:,}), more than "
                            "the article extractor reads in reasonable time")
    deep = depth >= _DEFAULT_DEPTH_LIMIT - 16  # margin: the parser adds elements
    parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                        remove_pis=True, huge_tree=True) if deep else HTML_PARSER  # trafilatura's, the limit raised
    repaired = repair_faulty_html(page, page[:50].lower())  # control characters stop libxml2
    try:
        try:
            tree = fromstring(repaired, parser=parser)
        except ValueError:  # a string that declares its encoding (<?xml ... encoding=...?>)
            tree = None
        if tree is None or len(tree) < 1:
            tree = fromstring(repaired.encode("utf-8", "surrogatepass"), parser=parser)
    except (ValueError, LxmlError):
        return None
    if deep and _tree_depth(tree) >= _HUGE_DEPTH_LIMIT - 1:
        raise MalformedInputError(
            f"{doc_id}: HTML nested deeper than {_HUGE_DEPTH_LIMIT:,} elements, past what the parser reads")
    _without_unclosed_brackets(tree)
    root = tree.getroottree().getroot()
    if tree.tag != "html" and root is not None and root.tag == "html":
        # A fragment ("<p>...</p>"): lxml hands back its element, which trafilatura reads as
        # a page without a body, so a pasted paragraph was "no article text found" (an
        # audit, session 62). The document lxml put it in has the body it belongs to.
        tree = root
    _without_undisplayed(tree)
    _source_line_breaks_as_spaces(tree)
    return tree


# trafilatura strips tags from structured data's text and from meta tags' content with
# "<[^>]*>", which scans to the end from every "<" that no ">" follows: an articleBody of
# 400,000 "<" took 55 s, a meta tag of them 27 s (a hostile-input audit and the review,
# session 57).
_UNCLOSED_BRACKETS = 1_000
_STRUCTURED_TYPES = frozenset({"application/ld+json", "application/settings+json"})


def _without_unclosed_brackets(tree: Any) -> None:
    """Empty, in ``tree``, the text of structured-data scripts and the content of meta tags
    that trafilatura reads for metadata where more than :data:`_UNCLOSED_BRACKETS` "<" come
    after the last ">": no page's metadata does, and an article body the structured data
    may declare is read from the page's text (:func:`_declared_article_paragraphs`)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() in _STRUCTURED_TYPES and _unclosed_brackets(script.text or ""):
            script.text = ""
    for meta in tree.iter("meta"):
        if _unclosed_brackets(meta.get("content") or ""):
            meta.set("content", "")


def _without_undisplayed(tree: Any) -> None:
    """Drop from ``tree`` what a browser never shows: ``<template>`` elements and elements
    with the ``hidden`` attribute. trafilatura drops <noscript>, and styles that hide, but
    keeps a template's text (it strips the tag alone) and a hidden paragraph's: text no reader
    sees was checked, and turned a page's verdict (an audit, session 64). ``hidden="until-found"``
    stays: the browser shows it when a reader searches the page (a collapsed section); so does
    a hidden page: a ``<body>``, ``<main>`` or ``<article>``, or an element holding one, that
    pages hide until a script has run ("anti-flicker"), and such a page was read as empty (a
    review, session 64)."""
    undisplayed = [element for element in tree.iter()
                   if element.tag == "template" or (hides(element.get("hidden")) and not _a_page(element))]
    for element in undisplayed:
        if element.getparent() is not None:  # the root stays: a page is not dropped whole
            element.drop_tree()


def _a_page(element: Any) -> bool:
    """Whether ``element`` is, or holds, the page's body, main part or article (``iter``
    yields the element itself first)."""
    return element.tag == "html" or next(element.iter("body", "main", "article"), None) is not None


# Elements whose line breaks a browser shows (and scripts, whose text is code or data).
_PREFORMATTED = frozenset({"pre", "textarea", "listing", "plaintext", "xmp", "code", "script", "style"})


def _source_line_breaks_as_spaces(tree: Any) -> None:
    """Make each line break in ``tree``'s text a space, outside preformatted elements
    (:data:`_PREFORMATTED`): a browser shows one so. trafilatura keeps them in text it
    turns into paragraphs itself (a <div>'s, not a <p>'s), and each source line of a
    hard-wrapped <div> became a paragraph to check ("the United" and "States", 37 paragraphs
    for the 12 the page shows; an audit, session 64). Line breaks a reader sees (<br>, block
    elements) are elements, and stay."""
    stack = [(tree, False)]
    while stack:  # without recursion: a deep page would exhaust Python's stack
        element, preformatted = stack.pop()
        inside = preformatted or (isinstance(element.tag, str) and element.tag.lower() in _PREFORMATTED)
        if not inside and element.text and "\n" in element.text:
            element.text = _LINE_BREAK_RE.sub(" ", element.text)
        if not preformatted and element.tail and "\n" in element.tail:  # the tail is the parent's text
            element.tail = _LINE_BREAK_RE.sub(" ", element.tail)
        stack.extend((child, inside) for child in element)


_LINE_BREAK_RE = re.compile(r"\r?\n|\r")


def _unclosed_brackets(text: str) -> bool:
    """Whether ``text`` holds more "<" than :data:`_UNCLOSED_BRACKETS` that no ">" follows, or
    as many "<!--" that no "-->" follows (the stripper's comment branch scans on from each
    to the line's end: "<!--x>" repeated took 10 s for 120 KB; the final re-read)."""
    return (text.count("<", text.rfind(">") + 1) > _UNCLOSED_BRACKETS
            or text.count("<!--", text.rfind("-->") + 1) > _UNCLOSED_BRACKETS)


def _tag_counts(page: str) -> tuple[int, int]:
    """How deep the page's tags nest, and how many elements they open, read from its tags
    alone: estimates (unclosed tags make it deeper, stray end tags shallower)."""
    depth = deepest = elements = 0
    for closing, name, self_closing in _TAG_NAME_RE.findall(page):
        if closing:
            depth = max(0, depth - 1)
            continue
        elements += 1
        if not self_closing and name.lower() not in _NOT_NESTING:
            depth += 1
            deepest = max(deepest, depth)
    return deepest, elements


def _tree_depth(root: Any) -> int:
    """How many levels a parsed tree holds, its root the first (without recursion: a deep
    page would exhaust Python's stack)."""
    deepest = 0
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest


# A script's opening tag, its type, and its end, found one after another (a pattern for the
# whole element backtracked from every "<script": a page of 30,000 of them in a comment took
# minutes, in C, deaf to Ctrl-C; a hostile-input audit, session 57).
_SCRIPT_START_RE = re.compile(r"<script\b([^<>]*)>", re.I)
_JSON_LD_TYPE_RE = re.compile(r"""type\s*=\s*["']?application/ld\+json\b""", re.I)
_SCRIPT_END_RE = re.compile(r"</script\s*>", re.I)
_TAG_RE = re.compile(r"<[^<>]+>")  # "<" ends a tag's run too: "[^>]+" made a body of "<"s quadratic
# The tags of an article body that end a line (a paragraph); the others (a link, emphasis)
# run on inside it.
_BLOCK_TAG_RE = re.compile(
    r"</?(?:p|br|div|h[1-6]|li|ul|ol|blockquote|pre|hr|table|tr|td|th|caption|dl|dt|dd|section|article|header|"
    r"footer|aside|nav|main|figure|figcaption)\b[^<>]*>", re.I)
# What a CMS wraps a script's JSON in for old parsers ("//<![CDATA[ ... //]]>", "<!-- ... -->"):
# json.loads refused the wrapped data, and the page's declared article was not read (an audit,
# session 64).
_JSON_WRAPPER_START_RE = re.compile(r"\A\s*(?:(?://|/\*)?\s*<!\[CDATA\[(?:\s*\*/)?|<!--)")
_JSON_WRAPPER_END_RE = re.compile(r"(?:(?://|/\*)?\s*\]\]>(?:\s*\*/)?|-->)\Z")


def _json_ld_blocks(html: str) -> Iterator[str]:
    """The contents of the page's ``<script type="application/ld+json">`` elements."""
    position = 0
    while (start := _SCRIPT_START_RE.search(html, position)) is not None:
        end = _SCRIPT_END_RE.search(html, start.end())
        if end is None:
            return
        if _JSON_LD_TYPE_RE.search(start.group(1)):
            yield html[start.end():end.start()]
        position = end.end()


def _declared_article_paragraphs(html: str) -> list[str]:
    """The paragraphs of the longest ``articleBody`` that the page's JSON-LD (schema.org's
    Article, NewsArticle...) declares, tags and entities read; none when it declares none."""
    import json

    bodies: list[str] = []
    for block in _json_ld_blocks(html):
        try:
            # Not strict: CMSs write the body's line breaks into the string as they are,
            # which strict JSON refuses (as trafilatura's own reading of it does not).
            data = json.loads(_unwrapped(block), strict=False)
        except (ValueError, RecursionError):  # nested past the parser's depth: a RecursionError, not a ValueError
            continue  # broken structured data is no article
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                body = item.get("articleBody")
                if isinstance(body, str):
                    bodies.append(body)
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    if not bodies:
        return []
    body = max(bodies, key=len)
    text = _without_tags(body)
    if not _BLOCK_TAG_RE.search(body) and _BLOCK_TAG_RE.search(text):
        # The body's HTML was escaped once more ("&lt;p&gt;"): read so, its tags were the
        # text, and its paragraphs one line (an audit, session 64). Only a body with no tag
        # of its own: one that writes "&lt;p&gt;" as a word, or "3 &lt; 4", keeps it (a
        # final read).
        text = _without_tags(text)
    return _lines(text)


def _without_tags(body: str) -> str:
    """``body``'s text: a line for each of its paragraphs, tags left out, entities read."""
    from html import unescape

    return unescape(_TAG_RE.sub("", _BLOCK_TAG_RE.sub("\n", body)))


def _unwrapped(block: str) -> str:
    """A script's JSON without the wrappers of :data:`_JSON_WRAPPER_START_RE` (nested ones too)."""
    for _ in range(3):
        block = block.rstrip()
        tail = len(block) - 32  # searched in the last characters alone: from every space of a long run, "\s*" was quadratic
        start, end = _JSON_WRAPPER_START_RE.match(block), _JSON_WRAPPER_END_RE.search(block, max(0, tail))
        if start is None and end is None:
            break
        block = block[start.end() if start else 0:end.start() if end else len(block)]
    return block


def _lines(text: str) -> list[str]:
    """The lines of ``text`` that hold something a reader sees, stripped: its paragraphs (a
    CMS's spacer, "<p>&#8203;</p>", is none)."""
    return [line.strip() for line in text.split("\n") if not is_blank(line)]


def _words(paragraphs: list[str]) -> int:
    return sum(len(paragraph.split()) for paragraph in paragraphs)


def _joined(paragraphs: list[str]) -> str:
    return " ".join(" ".join(paragraphs).split())
