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
