"""A phrase found once is found again where its words are capitalised (a title-case heading),
which no detector reads."""

from __future__ import annotations

import pytest

import unspun
from unspun.detect.context import TextContext
from unspun.detect.repeats import with_capitalised_repeats
from unspun.models import Finding


def _found(text: str, phrase: str, suggestion: str, kind: str = "tortured-phrase") -> Finding:
    start = text.index(phrase)
    return Finding(start, start + len(phrase), phrase, suggestion, 0.8, ("thesaurus", "term"),
                   alternatives=("heavy learning",), kind=kind, suggestion_confidence=0.6)


def _repeats(text: str, finding: Finding) -> list[Finding]:
    return [f for f in with_capitalised_repeats(TextContext.build(text), [finding]) if f is not finding]


@pytest.mark.parametrize(("heading", "expected"), [
    ("Profound Learning for Images", "Deep Learning"),
    ("PROFOUND LEARNING FOR IMAGES", "DEEP LEARNING"),
    ("The Profound-Learning Method", "Deep Learning"),
])
def test_a_capitalised_repeat_gets_the_finding_in_its_case(heading: str, expected: str) -> None:
    text = f"{heading}\n\nWe apply profound learning to images."
    (repeat,) = _repeats(text, _found(text, "profound learning", "deep learning"))
    assert text[repeat.start : repeat.end] == repeat.text and repeat.text.lower().startswith("profound")
    assert repeat.suggestion == expected
    assert repeat.confidence == 0.8 and repeat.suggestion_confidence == 0.6
    assert repeat.evidence[-1] == "repeat" and repeat.alternatives[0].lower() == "heavy learning"


@pytest.mark.parametrize("text", [
    "We apply profound learning to images. Profound learning is new.",  # read by the detectors
    "We apply profound learning to images. Profound. Learning came later.",  # across a full stop
    "Profound\n\nLearning\n\nWe apply profound learning to images.",  # across a blank line
])
def test_no_repeat_where_the_detectors_read_or_no_phrase_stands(text: str) -> None:
    assert _repeats(text, _found(text, "profound learning", "deep learning")) == []


def test_one_word_and_filler_are_not_carried() -> None:
    text = "Gordon Brown Speaks\n\nThe brown papers were sent and also read."
    assert _repeats(text, _found(text, "brown", "dark", kind="swap")) == []
    text = "And Also Here\n\nThe papers were sent and also read."
    assert _repeats(text, _found(text, "and also", "and", kind="filler")) == []


def test_check_restores_a_title_case_heading_as_its_body() -> None:
    text = ("Profound Learning Models for Bosom Peril Images\n\n"
            "We apply profound learning to bosom peril images from three hospitals.\n")
    report = unspun.check(text)
    assert report.restored.startswith("Deep Learning Models for Breast Cancer Images")
    assert "apply deep learning to breast cancer images" in report.restored


def test_an_address_or_a_hashtag_keeps_its_words() -> None:
    text = "We used an irregular woodland. See https://example.com/Irregular-Woodland and #Irregular-Woodland."
    restored = unspun.check(text).restored
    assert "https://example.com/Irregular-Woodland" in restored and "#Irregular-Woodland" in restored


def test_a_finding_that_ends_inside_a_word_is_not_repeated() -> None:
    # "organization's" was cut to its words: the key lost its last word, and "Fake Neural
    # Methods" became "Artificial Neural Network Methods".
    text = "The fake neural organization's output was good.\n\nFake Neural Methods"
    assert unspun.check(text).restored.endswith("Fake Neural Methods")
