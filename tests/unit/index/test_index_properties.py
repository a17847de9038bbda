"""Property: an inserted document is found by its own text, first."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from unspun.index import Index
from unspun.models import Document

from ._texts import NAMES, WORDS, make_documents

_INDEX = Index.create(":memory:")
_INDEX.add(make_documents(40))
_IDS = itertools.count()

token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(NAMES),
    st.sampled_from(["the", "of", "to", "in", "that", "it", "was", "on", "by", "with", "and", "also", "."]),
    st.integers(0, 10**6).map(str),
    st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=12),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(token, min_size=3, max_size=120), separator=st.sampled_from([" ", "\n", " , ", "\n\n"]))
def test_an_inserted_document_is_found_by_its_own_text(words: list[str], separator: str) -> None:
    # Text without a word (". . .") has no signature to find it by (the test below).
    assume(any(any(c.isalnum() for c in w) for w in words))
    text = separator.join(words)
    doc_id = f"hyp-{next(_IDS)}"
    _INDEX.add([Document(doc_id, "", text)])
    try:
        found = _INDEX.candidates(text, 1)
        assert found, text
        best = _INDEX.get(found[0].id)
        assert best is not None
        # Another document may tie only if it holds exactly the same text.
        assert found[0].id == doc_id or best.text == text, (text, found)
    finally:
        _INDEX.remove(doc_id)


def test_text_without_words_finds_nothing() -> None:
    _INDEX.add([Document(f"hyp-{next(_IDS)}", "", ". . .")])
    assert _INDEX.candidates(". . .", 5) == []
