"""Which words the detectors read as quoted: straight and curly quotes alike."""

from __future__ import annotations

import pytest

from unspun.detect.context import TextContext

# A quotation going on into a second paragraph: the first paragraph leaves it open and the
# second opens it again, as newspapers print it.
CONTINUED = (
    'The minister said the plan was "a careful first step. We will listen to everyone\n\n'
    '"and we will change it where it fails," she told reporters on Monday.\n\n'
    "The opposition called the plan rushed and said it would vote against it."
)


def quoted(text: str) -> list[str]:
    context = TextContext.build(text)
    return [context.tokens[i].text for i, info in context.words.items() if info.in_quote]


def curly(text: str) -> str:
    return text.replace(' "', " \u201c").replace('\n"', "\n\u201c").replace('"', "\u201d")


def test_a_quotation_continued_in_the_next_paragraph_does_not_turn_the_text_inside_out() -> None:
    # The second paragraph's opening mark was read as a closing one, and everything after it,
    # the narration, as quoted.
    words = quoted(CONTINUED)
    assert "careful" in words and "change" in words
    assert "opposition" not in words and "reporters" not in words


@pytest.mark.parametrize("text", [
    CONTINUED,
    'He called it "odd". Then he said: "We are done." Nobody "really" knew why.',
    'The word "spin" comes first; the "doctor" second.',
])
def test_straight_and_curly_quotes_mark_the_same_words(text: str) -> None:
    assert curly(text) != text
    assert quoted(text) == quoted(curly(text))


def test_a_quotation_left_open_ends_with_its_paragraph() -> None:
    text = 'She said "the talks will go on\n\nThe talks ended on Friday without a deal.'
    assert quoted(text) == ["the", "talks", "will", "go", "on"]


def test_the_words_of_an_address_are_not_read() -> None:
    text = "Police said so on www.example.org/police-said and to news@example.com on Monday."
    context = TextContext.build(text)
    assert [context.tokens[i].text for i in context.words] == ["Police", "said", "so", "on", "and", "to", "on", "Monday"]
