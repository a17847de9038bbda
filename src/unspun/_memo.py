"""Bounded memos: plain dictionaries that forget everything once they are full.

The detector memoises per word, per window and per sequence, because the same ones recur
across a corpus; a crawl would grow such a dictionary without end. Forgetting all at once is
cheaper per lookup than an LRU order and loses little: what recurs comes back quickly.
"""

from __future__ import annotations

from typing import TypeVar

_K = TypeVar("_K")
_V = TypeVar("_V")


def remember(memo: dict[_K, _V], key: _K, value: _V, limit: int) -> _V:
    """Store ``value`` under ``key``, first emptying ``memo`` when it holds ``limit`` entries;
    return ``value``."""
    if len(memo) >= limit:
        memo.clear()
    memo[key] = value
    return value
