"""Swap candidates inside hyphenated compounds: read, marked, never findings."""

from __future__ import annotations

import pytest

from unspun.detect.candidates import Candidate, Option
from unspun.detect.context import CUTS_COMPOUND, TextContext, cuts_compound
from unspun.detect.engine import select_findings
from unspun.detect.swaps import find_swap_candidates
from unspun.lexicon import Lexicon


def _marked(text: str) -> dict[str, bool]:
    context = TextContext.build(text)
    return {text[c.start : c.end]: CUTS_COMPOUND in c.features for c in find_swap_candidates(context, Lexicon.load())}


def test_a_word_inside_a_hyphenated_compound_is_marked() -> None:
    # A spinner swaps whole words: "de-escalate" is one word to it, not "de" and "escalate".
    found = _marked("They urged both sides to de-escalate the tense border dispute.")
    assert found["escalate"] and not found["urged"] and not found["border"] and not found["dispute"]
    assert not _marked("They feared both sides would escalate the border dispute.")["escalate"]


def test_a_phrase_that_begins_or_ends_inside_a_compound_is_marked() -> None:
    found = _marked("The stars turned down the offer at the cross-border talks.")
    assert not found["turned down"] and found["border"]


def test_a_marked_candidate_is_never_a_finding() -> None:
    text = "They urged both sides to de-escalate the dispute."
    start = text.index("escalate")

    def candidate(marked: bool) -> Candidate:
        features = {CUTS_COMPOUND: 1.0} if marked else {}
        return Candidate(start, start + 8, 7, 8, "swap", [Option("intensify", ("intensify",), {})], features,
                         confidence=0.99)

    assert [f.suggestion for f in select_findings(text, [candidate(False)], [], 0.5)] == ["intensify"]
    assert select_findings(text, [candidate(True)], [], 0.5) == []


def test_cuts_compound_reads_only_hyphens_written_without_spaces() -> None:
    context = TextContext.build("A state-run firm fell - sharply - today.")
    index = {t.text: i for i, t in enumerate(context.tokens)}
    assert cuts_compound(context, index["run"], index["run"])
    assert cuts_compound(context, index["state"], index["state"])
    assert not cuts_compound(context, index["firm"], index["firm"])
    assert not cuts_compound(context, index["sharply"], index["sharply"])


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\n  "])
def test_a_compound_wrapped_at_a_line_end_is_still_a_compound(line_end: str) -> None:
    # "Sheffield-\nbased" as print wraps it: "based" was swapped for "meant".
    context = TextContext.build(f"The firm is a Sheffield-{line_end}based maker.")
    index = {t.text: i for i, t in enumerate(context.tokens)}
    assert cuts_compound(context, index["based"], index["based"])


@pytest.mark.parametrize(("text", "word", "joined"), [
    ("They lost the vote-\nThe result stands.", "The", False),  # a dash before a sentence
    ("An Anglo-\nSaxon hoard.", "Saxon", True),
    ("The Sheffield-\nBased firm.", "Based", True),  # a heading's capitals
    ("An anti-\nAmerican mood.", "American", True),
    ("By mid-\nJuly it was over.", "July", True),
])
def test_a_capital_after_a_hyphen_at_a_line_end(text: str, word: str, joined: bool) -> None:
    context = TextContext.build(text)
    index = {t.text: i for i, t in enumerate(context.tokens)}
    assert cuts_compound(context, index[word], index[word]) is joined


@pytest.mark.parametrize("gap", [" ", "\n\n"])
def test_a_hyphen_before_a_space_or_a_blank_line_joins_nothing(gap: str) -> None:
    context = TextContext.build(f"The first-{gap}and second-class seats.")
    index = {t.text: i for i, t in enumerate(context.tokens)}
    assert not cuts_compound(context, index["and"], index["and"])
