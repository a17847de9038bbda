"""Phrase counts of findings against a spinner's true edits, restoration included."""

from __future__ import annotations

import dataclasses

from unspun.eval.metrics import PhraseCounts, suggestion_right
from unspun.eval.spinner import Edit
from unspun.models import Finding

# "Tensions have reached levels not seen since 1990" spun as below.
TEXT = "Stress have actually reached degrees not seen because 1990"


def _edit(kind: str, source: str, spun: str) -> Edit:
    start = TEXT.index(spun)
    return Edit(kind, source, spun, 0, len(source), start, start + len(spun))  # type: ignore[arg-type]


def _finding(span: str, suggestion: str, alternatives: tuple[str, ...] = ()) -> Finding:
    start = TEXT.index(span)
    return Finding(start, start + len(span), span, suggestion, 0.9, ("lm",), alternatives)


EDITS = [
    _edit("synonym", "Tensions", "Stress"),
    _edit("filler", "have", "have actually"),
    _edit("synonym", "levels", "degrees"),
    _edit("synonym", "since", "because"),
    Edit("article", "a", "an", 0, 1, 0, 6),  # "a" -> "an" before a swap: never counted
]


def test_found_edits_and_restored_originals() -> None:
    counts = PhraseCounts()
    findings = [
        _finding("Stress", "tension"),  # found, the wrong original (its number differs)
        _finding("actually", ""),  # found and restored: dropping "actually" gives "have" back
        _finding("degrees", "grades", ("steps", "Levels")),  # restored in the top five only
        _finding("seen because", "since"),  # overlaps "because", not exactly: found, not restored
        _finding("1990", "1991"),  # false
    ]
    counts.add(findings, EDITS)
    assert (counts.true_findings, counts.false_findings) == (4, 1)
    assert (counts.found_edits, counts.missed_edits) == (4, 0)
    assert (counts.restored_top1, counts.restored_top5) == (1, 2)
    assert counts.restored_share == (0.25, 0.5)


def test_a_finding_must_restore_the_whole_edit() -> None:
    counts = PhraseCounts()
    counts.add([_finding("have actually", "have"), _finding("actually", "")], EDITS[1:2])
    assert (counts.found_edits, counts.restored_top1) == (1, 1)
    counts = PhraseCounts()
    counts.add([_finding("actually", "indeed")], EDITS[1:2])  # found, but "have indeed" is not "have"
    assert (counts.found_edits, counts.restored_top1, counts.restored_top5) == (1, 0, 0)


def test_missed_edits_are_not_restored() -> None:
    counts = PhraseCounts()
    counts.add([], EDITS)
    assert (counts.found_edits, counts.missed_edits, counts.restored_top1) == (0, 4, 0)
    assert counts.restored_share == (0.0, 0.0)


def test_findings_on_a_true_edit_keep_their_suggestion_confidence_and_whether_it_was_right() -> None:
    counts = PhraseCounts()
    sure = dataclasses.replace(_finding("degrees", "levels"), suggestion_confidence=0.7)
    wrong = dataclasses.replace(_finding("Stress", "tension"), suggestion_confidence=0.4)
    across = dataclasses.replace(_finding("seen because", "since"), suggestion_confidence=0.9)
    false = dataclasses.replace(_finding("1990", "1991"), suggestion_confidence=0.9)
    unknown = _finding("actually", "")  # no suggestion confidence: not counted
    counts.add([sure, wrong, across, false, unknown], EDITS)
    # A finding across an edit's edge cannot give its original back; a false one is no swap.
    assert counts.suggestions == [("swap", 0.7, True), ("swap", 0.4, False), ("swap", 0.9, False)]
    assert suggestion_right(sure, EDITS) and not suggestion_right(across, EDITS)


def test_counts_of_two_texts_included_in_one_are_what_one_count_of_both_makes() -> None:
    first = [dataclasses.replace(_finding("degrees", "levels"), suggestion_confidence=0.7), _finding("1990", "1991")]
    second = [_finding("actually", ""), dataclasses.replace(_finding("Stress", "tension"), suggestion_confidence=0.4)]
    together = PhraseCounts()
    together.add(first, EDITS)
    together.add(second, EDITS)
    one, other = PhraseCounts(), PhraseCounts()
    one.add(first, EDITS)
    other.add(second, EDITS)
    one.include(other)
    assert one == together
    assert (one.true_findings, one.false_findings, one.found_edits, one.missed_edits) == (3, 1, 3, 5)
    assert (one.restored_top1, one.restored_top5, len(one.suggestions)) == (2, 2, 2)
