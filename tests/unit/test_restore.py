import dataclasses

import pytest

from unspun.models import Finding, Step
from unspun.restore import apply_steps, match_case, restore_and_explain, steps_for


def finding(text: str, phrase: str, suggestion: str | None, confidence: float = 0.9) -> Finding:
    start = text.index(phrase)
    return Finding(start, start + len(phrase), phrase, suggestion, confidence, ("test",))


def test_restores_and_explains_each_change() -> None:
    text = "An irregular woodland beat bosom peril screening."
    restored, steps = restore_and_explain(text)
    assert restored == "A random forest beat breast cancer screening."
    assert [s.before for s in steps] == ["An irregular woodland", "bosom peril"]
    assert apply_steps(text, steps) == restored


def test_low_confidence_and_unknown_suggestions_are_not_applied() -> None:
    text = "one two three"
    steps = steps_for(text, [finding(text, "one", "1", 0.2), finding(text, "two", None)], 0.5)
    assert steps == []


def test_a_suggestion_is_applied_only_when_likelier_right_than_the_phrase_unswapped() -> None:
    text = "tensions reached degrees not seen since 1991"

    def guessed(phrase: str, suggestion: str, confidence: float, right: float | None) -> Finding:
        return dataclasses.replace(finding(text, phrase, suggestion, confidence), suggestion_confidence=right)

    findings = [
        guessed("tensions", "stress", 0.7, 0.2),  # swapped 0.7, right 0.2: 0.14 against 0.3 unswapped
        guessed("degrees", "levels", 0.9, 0.2),  # 0.18 against 0.1
        guessed("seen", "watched", 0.6, None),  # no estimate: as before, from confidence 0.5
        guessed("since", "because", 0.55, 1.0),  # 0.55 against 0.45
    ]
    assert [s.before for s in steps_for(text, findings, 0.5)] == ["degrees", "seen", "since"]
    # The user's own bar still applies on top.
    assert [s.before for s in steps_for(text, findings, 0.8)] == ["degrees"]
    # A restored term keeps the confidence bar alone (its window score is no measured probability).
    term = dataclasses.replace(guessed("tensions", "strains", 0.7, 0.2), kind="tortured-phrase")
    assert [s.before for s in steps_for(text, [term], 0.5)] == ["tensions"]


def test_a_finding_left_in_place_still_keeps_less_confident_ones_off_its_words() -> None:
    text = "alpha beta gamma"
    held = dataclasses.replace(finding(text, "alpha beta", "x", 0.7), suggestion_confidence=0.1)
    assert steps_for(text, [held, finding(text, "beta gamma", "y", 0.6)], 0.5) == []


def test_overlaps_keep_the_more_confident_finding() -> None:
    text = "alpha beta gamma"
    findings = [finding(text, "alpha beta", "x", 0.6), finding(text, "beta gamma", "y", 0.9)]
    assert [s.after for s in steps_for(text, findings, 0.5)] == ["y"]


def test_case_is_carried_over() -> None:
    assert match_case("random forest", "Irregular woodland") == "Random forest"
    assert match_case("random forest", "IRREGULAR WOODLAND") == "RANDOM FOREST"
    assert match_case("NATO", "alliance") == "NATO"


def test_steps_that_do_not_fit_are_refused() -> None:
    with pytest.raises(ValueError, match="does not fit"):
        apply_steps("abc", [Step(0, 1, "x", "y", "test", 1.0)])
