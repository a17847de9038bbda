"""Caller mistakes and documents that cannot be stored: a clear error naming the problem, raised
before anything is written, never an internal traceback (SQL, heapq, an encoder)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from unspun.errors import MalformedInputError, UsageError
from unspun.index import Index, IndexParams
from unspun.models import Document

from ._texts import make_documents, make_text

TEXT = make_text(1)


def _refused(index: Index) -> None:
    """Nothing was written: the index is empty and sound."""
    assert len(index) == 0
    assert list(index.ids()) == []
    assert index.check() == []


# -- lone surrogates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "field"),
    [
        (Document("bad\ud800", "T", TEXT), "its id"),
        (Document("x", "T\udfff", TEXT), "its title"),
        (Document("x", "T", TEXT + " caf\u00e9 \udc80"), "its text"),
        (Document("x", "T", TEXT, source="\ud800html"), "its source"),
        (Document("x", "T", TEXT, meta={"encoding": "utf-8", "url": "http://a/\udce9"}), "its meta 'url'"),
        (Document("x", "T", TEXT, meta={"k\udc80": 1}), "its meta key"),
        (Document("x", "T", TEXT, meta={"headers": [{"via": ("ok", "\ud83d")}]}), "its meta 'headers'"),
    ],
)
def test_a_lone_surrogate_is_refused_naming_the_document_and_field(document: Document, field: str) -> None:
    with Index.create(":memory:") as index:
        with pytest.raises(MalformedInputError) as caught:
            index.add([Document("good", "G", make_text(2)), document])
        message = str(caught.value)
        message.encode("utf-8")  # the message itself can be printed
        assert field in message and "lone surrogate" in message
        assert ascii(document.id) in message
        _refused(index)  # the good document shared the bad one's batch


def test_a_refused_document_stops_the_add_before_its_batch_is_written(index_path: Path) -> None:
    documents = make_documents(6)
    bad = Document("bad", "Bad", make_text(99) + "\udc9d")
    with Index.create(index_path) as index:
        with pytest.raises(MalformedInputError, match="document 'bad': its text"):
            index.add([*documents[:3], bad, *documents[3:]], batch_size=2)
        # The batch before it is committed; its own batch (documents[2] and it) is not.
        assert list(index.ids()) == ["doc-00000", "doc-00001"]
        assert index.check() == []
        result = index.add(documents)  # the add again, without the bad document, completes it
        assert (result.added, result.unchanged) == (4, 2)
        assert index.check() == []


def test_an_id_that_cannot_be_stored_is_not_in_the_index(filled: Index) -> None:
    assert filled.get("doc-00001\udc80") is None
    assert "doc-00001\udc80" not in filled
    assert filled.remove("doc-00001\udc80") is False
    assert len(filled) == 60


# -- ids, fields and arguments of the wrong type ---------------------------------------------


def test_document_ids_must_be_strings() -> None:
    with Index.create(":memory:") as index:
        with pytest.raises(TypeError, match=re.escape("a document id must be a str, not int (5)")):
            index.add([Document(5, "T", TEXT)])  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="a document id must be a str, not NoneType"):
            index.add([Document(None, "T", TEXT)])  # type: ignore[arg-type]
        _refused(index)
        index.add([Document("5", "T", TEXT)])
        assert "5" in index and 5 not in index
        with pytest.raises(TypeError, match=re.escape("Index.get takes a str id, not int (5)")):
            index.get(5)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=re.escape("Index.remove takes a str id, not int (5)")):
            index.remove(5)  # type: ignore[arg-type]
        assert list(index.ids()) == ["5"]


@pytest.mark.parametrize("blank", ["", " ", "\t\n", "\u3000"])
def test_an_empty_or_blank_id_is_refused(blank: str) -> None:
    with Index.create(":memory:") as index:
        with pytest.raises(UsageError, match="non-empty id"):
            index.add([Document(blank, "T", TEXT)])
        _refused(index)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (Document("x", None, TEXT), "document 'x': its title must be a str, not NoneType"),  # type: ignore[arg-type]
        (Document("x", "", None), "document 'x': its text must be a str, not NoneType"),  # type: ignore[arg-type]
        (Document("x", "", b"bytes"), "document 'x': its text must be a str, not bytes; decode it first"),  # type: ignore[arg-type]
        (Document("x", "", TEXT, source=None), "document 'x': its source must be a str, not NoneType"),  # type: ignore[arg-type]
        (Document("x", "", TEXT, meta=None), "document 'x': its meta must be a mapping, not NoneType"),  # type: ignore[arg-type]
    ],
)
def test_document_fields_of_the_wrong_type_are_refused(document: Document, message: str) -> None:
    with Index.create(":memory:") as index:
        with pytest.raises(TypeError, match=re.escape(message)):
            index.add([document])
        _refused(index)


def test_add_takes_an_iterable_of_documents() -> None:
    with Index.create(":memory:") as index:
        with pytest.raises(TypeError, match=re.escape("not one Document; wrap it in a list: add([document])")):
            index.add(Document("x", "T", TEXT))  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="takes an iterable of Documents, not NoneType"):
            index.add(None)  # type: ignore[arg-type]
        _refused(index)


@pytest.mark.parametrize("batch_size", ["5", 0.5, 2.0, None, True])
def test_batch_size_must_be_an_integer(batch_size: Any) -> None:
    with Index.create(":memory:") as index:
        with pytest.raises(TypeError, match=re.escape(f"batch_size must be an integer, not {batch_size!r}")):
            index.add(make_documents(3), batch_size=batch_size)
        with pytest.raises(UsageError, match="batch_size must be at least 1, not -1"):
            index.add(make_documents(3), batch_size=-1)
        _refused(index)


@pytest.mark.parametrize(("name", "value"), [("k", 1.5), ("k", None), ("k", "3"), ("k", True), ("min_shared", None)])
def test_candidates_counts_must_be_integers(filled: Index, name: str, value: Any) -> None:
    with pytest.raises(TypeError, match=re.escape(f"{name} must be an integer, not {value!r}")):
        filled.candidates(make_text(1), **{name: value})


@pytest.mark.parametrize("text", [None, b"The bank said on Monday.", ["text"]])
def test_candidates_takes_a_string(filled: Index, text: Any) -> None:
    with pytest.raises(TypeError, match="candidates\\(\\) takes the text to look up as a str, not"):
        filled.candidates(text)


def test_params_must_be_index_params(filled: Index, index_path: Path, tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="params must be an IndexParams, not str"):
        Index.create(tmp_path / "new.idx", params="x")  # type: ignore[arg-type]
    assert not (tmp_path / "new.idx").exists()
    with pytest.raises(TypeError, match="params must be an IndexParams, not dict"):
        filled.require(IndexParams().to_dict())  # type: ignore[arg-type]
    filled.close()
    with pytest.raises(TypeError, match="params must be an IndexParams, not dict"):
        Index.open(index_path, params=IndexParams().to_dict())  # type: ignore[arg-type]


# -- copies of a document in one add --------------------------------------------------------


@pytest.mark.parametrize("batch_size", [1, 500])
def test_an_identical_copy_in_one_add_is_unchanged(batch_size: int) -> None:
    document = Document("d", "T", TEXT, "html", {"lang": "en"})
    other = Document("d", "Other", make_text(2))
    with Index.create(":memory:") as index:
        result = index.add([document, document], batch_size=batch_size)
        assert (result.added, result.replaced, result.unchanged) == (1, 0, 1)
        result = index.add([document, document], batch_size=batch_size)
        assert (result.added, result.replaced, result.unchanged) == (0, 0, 2)
        # A different copy still replaces the one before it: the last one wins.
        result = index.add([document, other, document], batch_size=batch_size)
        assert (result.added, result.replaced, result.unchanged) == (0, 2, 1)
        assert index.get("d") == document and len(index) == 1
        assert index.check() == []
