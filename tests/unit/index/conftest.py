from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from unspun.index import Index

from ._texts import make_documents


@pytest.fixture()
def index_path(tmp_path: Path) -> Path:
    return tmp_path / "test.idx"


@pytest.fixture()
def filled(index_path: Path) -> Iterator[Index]:
    """An index of 60 made-up articles, open for writing."""
    with Index.create(index_path) as index:
        index.add(make_documents(60), batch_size=25)
        yield index
