"""Candidate retrieval: spun copies, partial copies, unrelated texts, ranking contract."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspun.index import Index
from unspun.models import Document

from ._texts import make_documents, make_text, spin


@pytest.mark.parametrize("rate", [0.2, 0.5, 0.7])
def test_spun_copies_find_their_source_first(filled: Index, rate: float) -> None:
    for i in range(0, 60, 6):
        found = filled.candidates(spin(make_text(i), rate, seed=100 + i), 5)
        assert found[0].id == f"doc-{i:05d}", (rate, i, found)


def test_partial_copy_inside_unrelated_text_finds_its_source(filled: Index) -> None:
    for i in (2, 13, 31, 47):
        paragraphs = make_text(i).split("\n\n")
        copied = spin("\n\n".join(paragraphs[1:4]), 0.35, seed=i)
        page = make_text(5000 + i, paragraphs=3) + "\n\n" + copied + "\n\n" + make_text(6000 + i, paragraphs=3)
        found = filled.candidates(page, 5)
        assert found[0].id == f"doc-{i:05d}", (i, found)


def test_unrelated_texts_score_low(filled: Index) -> None:
    source_scores = [filled.candidates(spin(make_text(i), 0.5, seed=i), 1)[0].score for i in range(10)]
    stranger_scores = [c.score for i in range(10) for c in filled.candidates(make_text(9000 + i), 3)]
    assert min(source_scores) > 0.5
    assert max(stranger_scores, default=0.0) < min(source_scores) / 2


def test_ranking_contract(filled: Index) -> None:
    found = filled.candidates(make_text(3) + "\n\n" + make_text(4), 10)
    assert {found[0].id, found[1].id} == {"doc-00003", "doc-00004"}
    assert len(found) <= 10
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    assert all(0.0 < c.score <= 1.0 and c.shared >= 1 for c in found)
    assert found[0].title in {"Story 3", "Story 4"}
    assert len(filled.candidates(make_text(3), 2)) <= 2
    assert all(c.shared >= 5 for c in filled.candidates(make_text(3), 10, min_shared=5))
    assert filled.candidates("", 5) == []
    assert filled.candidates(make_text(3), 0) == []


def test_exact_copy_of_the_source_scores_one(filled: Index) -> None:
    best = filled.candidates(make_text(11), 1)[0]
    assert best.id == "doc-00011" and best.score == pytest.approx(1.0)


def test_common_keys_are_skipped(filled: Index) -> None:
    # With a cap of one document per key, only keys unique to one document count.
    filled.max_postings = 1
    assert filled.candidates(spin(make_text(8), 0.3, seed=8), 1)[0].id == "doc-00008"


def test_copies_in_capitals_find_their_source_first(filled: Index) -> None:
    # Every word of a text in capitals looks like a name; it is looked up in ordinary case too.
    for i in range(0, 60, 12):
        for copy in (make_text(i), spin(make_text(i), 0.3, seed=i)):
            found = filled.candidates(copy.upper(), 5)
            assert found and found[0].id == f"doc-{i:05d}", (i, found)


def test_a_source_in_capitals_is_found_by_its_copy_in_capitals(index_path: Path) -> None:
    with Index.create(index_path) as index:
        index.add([Document("loud", "", make_text(7).upper()), *make_documents(20, start=100)])
        assert index.candidates(make_text(7).upper(), 3)[0].id == "loud"
        assert index.candidates(make_text(7).upper(), 3)[0].score == pytest.approx(1.0)


def test_the_capitals_reading_is_only_for_texts_in_capitals(filled: Index) -> None:
    from unspun.capitals import known_word

    before = known_word.cache_info()
    filled.candidates(spin(make_text(5), 0.3, seed=5), 5)
    filled.candidates(make_text(5).upper()[:40] + make_text(5)[40:], 5)  # a headline in capitals
    after = known_word.cache_info()
    assert (after.hits, after.misses) == (before.hits, before.misses)
