"""The benchmark corpora read from installed packages."""

from __future__ import annotations

import importlib.util

import pytest

from unspun.eval.corpus import bbc_split, lee_articles, wikipedia_articles

pytestmark = pytest.mark.skipif(importlib.util.find_spec("gensim") is None, reason="needs gensim (the dev extra)")


def test_wikipedia_articles_are_prose_without_markup() -> None:
    articles = wikipedia_articles()
    assert len(articles) == 95  # the dump's articles with 150 words of prose or more
    titles = {a.title for a in articles}
    assert {"Anarchism", "Autism", "Algorithm"} <= titles
    assert not {"AccessibleComputing", "AfghanistanHistory"} & titles  # redirects
    for article in articles:
        assert article.id.startswith("wikipedia/") and len(article.text.split()) >= 150
        for markup in ("[[", "]]", "{{", "}}", "'''", "<ref", "|-"):
            assert markup not in article.text, (article.title, markup)
    autism = next(a for a in articles if a.title == "Autism")
    assert autism.text.startswith("Autism is a neurodevelopmental disorder")


def test_lee_and_bbc_are_disjoint_news() -> None:
    train, test = bbc_split()
    assert len(lee_articles()) == 300 and len(train) + len(test) == 2225
    assert not {d.id for d in train} & {d.id for d in test}
