"""A language model's tree log-probabilities kept on disk (no model: a stand-in LM)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from unspun.deep import TREE_CACHE_ENV, CachedLM, TokenTree, with_tree_cache


class CountingLM:
    """Log-probabilities from the tokens alone, counting the trees it is asked about."""

    name = "counting"
    context_prefix = (0,)
    dtype = "float32"

    def __init__(self, fail: bool = False) -> None:
        self.asked: list[tuple[int, ...]] = []
        self.fail = fail

    def encode(self, text: str) -> tuple[int, ...]:
        return tuple(ord(c) for c in text)

    def tree_logprobs(self, trees: Sequence[TokenTree], batch_size: int = 16) -> list[np.ndarray]:
        if self.fail:
            raise RuntimeError("the model fell over")
        self.asked += [tree.tokens for tree in trees]
        out = []
        for tree in trees:
            values = np.zeros(len(tree.tokens))
            for j in tree.targets():
                values[j] = float(np.float32(-0.1 * tree.tokens[j] - 0.01 * tree.parents[j]))
            out.append(values)
        return out


TREES = [TokenTree.chain((0, 5, 6, 7)), TokenTree((0, 5, 9, 8), (-1, 0, 1, 1)), TokenTree.chain((0, 3))]


def test_a_second_run_reads_every_answer_back_unchanged(tmp_path: Path) -> None:
    first = CountingLM()
    expected = first.tree_logprobs(TREES)
    first.asked.clear()
    assert all(np.array_equal(a, b) for a, b in zip(CachedLM(first, tmp_path).tree_logprobs(TREES), expected, strict=True))
    assert len(first.asked) == 3
    again = CountingLM()
    cached = CachedLM(again, tmp_path)  # another process, the same folder
    got = cached.tree_logprobs(TREES)
    assert again.asked == [] and (cached.hits, cached.misses) == (3, 0)
    assert all(np.array_equal(a, b) and a.dtype == np.float64 for a, b in zip(got, expected, strict=True))


def test_only_unseen_trees_reach_the_model(tmp_path: Path) -> None:
    lm = CountingLM()
    cached = CachedLM(lm, tmp_path)
    cached.tree_logprobs(TREES[:2])
    new = TokenTree((0, 5, 6, 7), (-1, 0, 1, 1))  # the same tokens, another shape
    wanted = TokenTree((0, 5, 6, 7), (-1, 0, 1, 2), wanted=(1,))  # the same tokens, fewer scored
    cached.tree_logprobs([TREES[1], new, TREES[0], wanted, new])
    assert lm.asked == [TREES[0].tokens, TREES[1].tokens, new.tokens, wanted.tokens]
    assert (cached.hits, cached.misses) == (3, 4)  # the second "new" is answered with the first


def test_a_failed_call_stores_nothing_and_keeps_what_was_stored(tmp_path: Path) -> None:
    CachedLM(CountingLM(), tmp_path).tree_logprobs(TREES[:1])
    with pytest.raises(RuntimeError):
        CachedLM(CountingLM(fail=True), tmp_path).tree_logprobs(TREES)
    lm = CountingLM()
    CachedLM(lm, tmp_path).tree_logprobs(TREES)
    assert lm.asked == [TREES[1].tokens, TREES[2].tokens]


def test_a_damaged_file_is_moved_aside_and_started_afresh(tmp_path: Path) -> None:
    cached = CachedLM(CountingLM(), tmp_path)
    cached.tree_logprobs(TREES)
    path = cached.path
    cached._db.close()
    for leftover in tmp_path.glob("*-wal"):
        leftover.unlink()
    path.write_bytes(b"this is not a database" * 100)
    lm = CountingLM()
    fresh = CachedLM(lm, tmp_path)
    assert len(fresh.tree_logprobs(TREES)) == 3 and len(lm.asked) == 3
    assert path.with_name(path.name + ".damaged").read_bytes().startswith(b"this is not")


def test_the_cache_is_used_only_when_its_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lm = CountingLM()
    monkeypatch.delenv(TREE_CACHE_ENV, raising=False)
    assert with_tree_cache(lm) is lm
    monkeypatch.setenv(TREE_CACHE_ENV, str(tmp_path / "trees"))
    cached = with_tree_cache(lm)
    assert isinstance(cached, CachedLM) and cached.lm is lm and cached.name == "counting"
    assert with_tree_cache(cached) is cached
    assert cached.path.parent == tmp_path / "trees" and cached.path.name == "trees-counting-float32-v1.sqlite"
