"""Offsets always slice back: tokens, sentences, findings and restoration steps."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unspun import check
from unspun.disguise import is_blank
from unspun.errors import EmptyInputError
from unspun.restore import apply_steps
from unspun.text import sentences, tokenize

PHRASES = ["irregular woodland", "Bosom Peril", "flag to commotion", "profound learning", "malignant growth"]
FILLER = ["the", "model", "U.S.", "100,000", "“quoted”", "—", "Lavrov’s", "\n", "\n\n", ",", ".", "?", "é", "🙂", "  "]

text_strategy = st.lists(st.sampled_from(PHRASES + FILLER) | st.text(max_size=8), max_size=40).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_tokens_slice_back_for_any_text(text: str) -> None:
    previous_end = 0
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
        assert token.start >= previous_end and token.end > token.start
        assert not token.text.isspace()
        previous_end = token.end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_sentences_are_ordered_and_cover_all_tokens(text: str) -> None:
    tokens = tokenize(text)
    spans = sentences(text, tokens)
    covered = 0
    for sentence in spans:
        assert text[sentence.start : sentence.end].strip() == text[sentence.start : sentence.end]
        for token in tokens[sentence.first_token : sentence.last_token]:
            assert sentence.start <= token.start and token.end <= sentence.end
        covered += sentence.last_token - sentence.first_token
    assert covered == len(tokens)


@settings(max_examples=150, deadline=None)
@given(text_strategy)
def test_findings_and_steps_slice_back_and_replay(text: str) -> None:
    if is_blank(text) or not any(character.isalpha() for character in text):
        with pytest.raises(EmptyInputError):  # nothing to read, or no words (session 51)
            check(text)
        return
    report = check(text)
    for finding in report.findings:
        assert text[finding.start : finding.end] == finding.text
    for step in report.steps:
        assert text[step.start : step.end] == step.before
    assert apply_steps(text, report.steps) == report.restored
