"""Alignment invariants on generated spins: offsets slice back, the edits replay the spun text
from the source, restoring gives the source back, and injected swaps are found."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.alignment import Alignment, align, replay

# Source words; swaps and fillers come from pools that share no word with it, as a thesaurus
# swap would, so every injected change is a real difference.
# fmt: off
POOL = [
    "the", "a", "of", "and", "to", "in", "on", "for", "with", "at", "by", "from", "that",
    "was", "were", "is", "has", "said", "mayor", "river", "city", "water", "rose", "people",
    "homes", "crews", "boats", "night", "town", "storm", "bridge", "road", "school", "council",
    "police", "report", "minister", "talks", "Monday", "Kelbrook", "Stroud", "2,300", "40",
    "million", "hospital", "rain", "flood", "army",
]
SWAPS = [
    "stated", "climbed", "inhabitants", "residences", "teams", "watercraft", "evening",
    "township", "tempest", "span",
]
# fmt: on
MULTI = ["as well as", "twelve o'clock", "made use thereof", "so as not"]
FILLERS = ["actually", "also", "really", "as such"]
SEPARATORS = [" "] * 12 + ["\n", "  ", "\n\n"]
PUNCT = [","] * 3 + [".", ";", "—", "(", ")", '"']


@dataclass
class Spin:
    source: str
    spun: str
    swaps: list[tuple[str, int, int]]  # original word, start and end of its replacement in spun


def make_source(rng: random.Random, length: int) -> list[tuple[str, str]]:
    """(token, whitespace after it) pairs; punctuation sticks to the word before it."""
    tokens: list[tuple[str, str]] = []
    for _ in range(length):
        if tokens and rng.random() < 0.12:
            tokens.append((rng.choice(PUNCT), rng.choice(SEPARATORS)))
        else:
            tokens.append((rng.choice(POOL), rng.choice(SEPARATORS)))
    return tokens


def spin(tokens: list[tuple[str, str]], rng: random.Random, rate: float, spacing: int = 0) -> Spin:
    """Swap, insert before, drop or re-case words at ``rate`` each, recording the swaps; with
    ``spacing``, at least that many tokens after each change stay as they are."""
    source = "".join(t + s for t, s in tokens).rstrip()
    out: list[str] = []
    swaps: list[tuple[str, int, int]] = []
    length = 0

    def emit(text: str) -> None:
        nonlocal length
        out.append(text)
        length += len(text)

    keep = 0
    for token, separator in tokens:
        word = token[0].isalnum()
        roll = rng.random() if keep == 0 else 1.0
        keep = max(0, keep - 1) if roll >= rate * 1.7 else spacing
        if word and roll < rate:  # swap with one or more words
            new = rng.choice(SWAPS) if rng.random() < 0.8 else rng.choice(MULTI)
            swaps.append((token, length, length + len(new)))
            emit(new + separator)
        elif word and roll < rate * 1.3:  # insert a filler before the word
            emit(rng.choice(FILLERS) + " " + token + separator)
        elif word and roll < rate * 1.5 and token.lower() in {"the", "a", "of", "and"}:
            pass  # drop the word
        elif word and roll < rate * 1.7:  # change its case only
            emit(token.swapcase() + separator)
        else:
            emit(token + separator)
    return Spin(source, "".join(out).rstrip(), swaps)


def check_invariants(case: Spin, a: Alignment) -> None:
    source, spun = case.source, case.spun
    # (1) every edit slices back to its strings, on both sides; sorted and disjoint
    for edit in a.edits:
        assert source[edit.source_start : edit.source_end] == edit.source
        assert spun[edit.start : edit.end] == edit.spun
        assert edit.source or edit.spun
    for before, after in zip(a.edits, a.edits[1:], strict=False):
        assert before.end <= after.start and before.source_end <= after.source_start
    assert set(a.substitutions) <= set(a.edits)
    # (2) replaying the edits on the source gives each aligned span of the spun text
    assert replay(source, a) == tuple(spun[s.start : s.end] for s in a.spans)
    # restored: the spun text with each span put back in the source's words
    expected, position = [], 0
    for span in a.spans:
        expected += [spun[position : span.start], source[span.source_start : span.source_end]]
        position = span.end
    assert a.restored == "".join(expected) + spun[position:]
    assert 0.0 <= a.coverage <= 1.0 and 0.0 <= a.source_coverage <= 1.0


def found(a: Alignment, swap: tuple[str, int, int]) -> bool:
    original, start, end = swap
    return any(s.start < end and start < s.end and original in s.source for s in a.substitutions)


@settings(max_examples=150, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(0, 120), st.floats(0.0, 0.6))
def test_offsets_and_replay_hold_for_any_spin(rng: random.Random, length: int, rate: float) -> None:
    case = spin(make_source(rng, length), rng, rate)
    check_invariants(case, align(case.source, case.spun))


TEXT = st.lists(
    st.sampled_from([*POOL[:12], *SWAPS[:3], *PUNCT, "Ünïcode", "l’état", "🙂", "3.5"]) | st.text(max_size=6), max_size=60
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(TEXT, TEXT)
def test_offsets_and_replay_hold_for_any_pair_of_texts(source: str, spun: str) -> None:
    check_invariants(Spin(source, spun, []), align(source, spun))


# The statistical properties draw realistic texts from a seed: Hypothesis shrinking random
# draws would make texts of nothing but "the" and commas, which have no alignment to find.


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**32), st.integers(30, 150), st.floats(0.0, 0.3))
def test_sparse_spin_is_one_span_and_restores_the_source(seed: int, length: int, rate: float) -> None:
    rng = random.Random(seed)
    case = spin(make_source(rng, length), rng, rate, spacing=3)
    a = align(case.source, case.spun)
    check_invariants(case, a)
    # (3) with changes at least three tokens apart the whole text is one span, and restoring
    # gives the source back
    assert [(s.start, s.end) for s in a.spans] == [(0, len(case.spun))]
    assert a.coverage == 1.0
    assert a.restored == case.source
    # (4) and every injected swap is found
    assert all(found(a, swap) for swap in case.swaps)


# Found by Hypothesis (explore profile, 2026-11-29), known failures until session 52: 30-token
# texts from a small pool, where a repeated "mayor city said" let the swap of its "said" pair
# up with the other copy, and where two swaps and a multi-word swap within the first ten
# tokens left too little to align the opening at all. The longest chain of seeds jumped to the
# other copy; the chain that weighs its steps' shifts does not.
@pytest.mark.parametrize("rate", [0.1875, 0.25])
def test_sparse_spins_with_a_repeated_phrase_or_a_crowded_opening_align_whole(rate: float) -> None:
    rng = random.Random(753023)
    case = spin(make_source(rng, 30), rng, rate, spacing=3)
    a = align(case.source, case.spun)
    check_invariants(case, a)
    assert [(s.start, s.end) for s in a.spans] == [(0, len(case.spun))]
    assert all(found(a, swap) for swap in case.swaps)


# (4) on dense spins: swaps, fillers, drops and case changes anywhere, on any word, so that
# changes crowd together; a swap is missed where too few words around it survive for the
# region to align (see the module's scoring), or where a word repeated in the gap makes
# another pairing just as good (the restored text is the same either way). Measured on seeds
# 7-9: 0.98-0.99, 0.96-0.97 and 0.87-0.89.
@pytest.mark.parametrize(("rate", "recall"), [(0.1, 0.97), (0.2, 0.93), (0.3, 0.83)])
def test_recall_over_many_spins(rate: float, recall: float) -> None:
    rng = random.Random(7)
    total = hits = 0
    for _ in range(100):
        case = spin(make_source(rng, 120), rng, rate)
        a = align(case.source, case.spun)
        check_invariants(case, a)
        total += len(case.swaps)
        hits += sum(found(a, swap) for swap in case.swaps)
    assert hits / total >= recall
