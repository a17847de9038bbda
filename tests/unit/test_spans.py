"""SpanIndex answers as a scan of every span would."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from unspun.spans import SpanIndex, overlap


@pytest.mark.parametrize("seed", range(5))
def test_overlaps_answers_as_a_scan_would(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(400):
        spans = [(start, start + rng.randint(0, 6)) for start in (rng.randint(0, 40) for _ in range(rng.randint(0, 12)))]
        built = SpanIndex(SimpleNamespace(start=start, end=end) for start, end in spans)
        grown = SpanIndex()
        for start, end in spans:  # overlapping ones too, in any order
            grown.add(start, end)
        for _ in range(30):
            start = rng.randint(0, 45)
            end = start + rng.randint(0, 8)
            scanned = any(overlap(start, end, a, b) for a, b in spans)
            assert built.overlaps(start, end) == grown.overlaps(start, end) == scanned, (spans, start, end)


def test_touching_spans_do_not_overlap_and_an_empty_one_inside_does() -> None:
    taken = SpanIndex()
    taken.add(4, 9)
    assert not taken.overlaps(0, 4) and not taken.overlaps(9, 12) and taken.overlaps(6, 6)
    assert len(taken) == 1


def test_take_holds_a_span_only_when_it_is_clear() -> None:
    taken = SpanIndex()
    assert taken.take(4, 9) and taken.take(9, 12) and taken.take(0, 4)
    assert not taken.take(8, 10) and not taken.take(5, 6)
    assert len(taken) == 3
