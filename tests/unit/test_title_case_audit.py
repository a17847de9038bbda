"""Audit of the reading of text in title case: suggestions in a headline-style phrase, the
words of a title-case phrase (line breaks, leading spaces, hyphens, quotes), and the
source's words in the trace of a copy in title case."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import unspun
from unspun.detect.context import FUNCTION_WORDS
from unspun.index import Index
from unspun.models import Document
from unspun.pipeline import SOURCE_FOUND
from unspun.restore import apply_steps, match_case, title_words

from .index._texts import make_documents, make_text
from .test_title_case import SPUN, in_title_case


def in_headline_style(text: str) -> str:
    """``text`` as headlines write it: each word capitalised but function words."""
    return re.sub(r"(?<![\w'’])([a-z][\w'’]*)",
                  lambda match: match.group(1) if match.group(1) in FUNCTION_WORDS
                  else match.group(1)[0].upper() + match.group(1)[1:], text)


@pytest.mark.parametrize("phrase, original, expected", [
    # Headline style writes function words small: the phrase is still in title case (the
    # suggestion was "Signal to noise", a sentence's case, in a text in title case).
    ("signal to noise", "Flag to Commotion", "Signal to Noise"),
    ("random forest", "Irregular Woodland of", "Random Forest"),
    # A word of digits, or a quote before a word, is no word in small letters.
    ("76% growth in earnings", "76% Rise In Profits", "76% Growth in Earnings"),
    ("random forest", '"Irregular Woodland"', "Random Forest"),
    # Still a sentence's start, not title case: a content word in small letters, or only
    # function words after the first.
    ("random forest", "Flag to commotion", "Random forest"),
    ("inside the house", "In the", "Inside the house"),
    ("random forest", "in the Woodland", "random forest"),
])
def test_a_headline_style_phrase_is_in_title_case(phrase: str, original: str, expected: str) -> None:
    assert match_case(phrase, original) == expected


def test_a_text_in_headline_style_gets_its_suggestions_in_headline_style() -> None:
    titled = in_headline_style(SPUN)
    report = unspun.check(titled)
    assert report.stats["in_title_case"] is True
    assert "Flag to Commotion" in [f.text for f in report.findings]
    assert "Signal to Noise" in report.restored
    assert apply_steps(titled, report.steps) == report.restored


@pytest.mark.parametrize("phrase, expected", [
    ("random\nforest", "Random\nForest"),  # a word after a line break is a word
    ("random\tforest", "Random\tForest"),
    (" the plan", " The Plan"),  # the first word, not the first space-separated chunk
    ("  the  plan ", "  The  Plan "),
    ("well-known firm", "Well-Known Firm"),  # as the reading splits it, and in_title_case writes it
    ("up-to-date plan", "Up-to-Date Plan"),
    ('"random forest"', '"Random Forest"'),
    ("signal of, the noise", "Signal of, the Noise"),
    ("e.g. the plan", "E.g. the Plan"),  # one word, "E.G." is no title case
    ("o'neill's plan", "O'neill's Plan"),
    ("", ""),
    ("   ", "   "),
])
def test_title_words_capitalises_each_word_as_the_tokenizer_reads_words(phrase: str, expected: str) -> None:
    assert title_words(phrase) == expected


def test_a_dropped_function_word_comes_back_alike_whichever_side_its_space_is_on() -> None:
    # The alignment gives a dropped word its space before or after it ("the ", " in Leeds"):
    # the one was capitalised, the other left small.
    assert title_words("the ").strip() == title_words(" the").strip() == "The"


def test_a_copy_in_title_case_gets_the_source_words_in_title_case(tmp_path: Path) -> None:
    # "Well-Known" (each part capitalised, as the copy writes its words), and one capitalised
    # word of the copy for two of the source ("Big" for "very large": "Very large" before).
    source = make_text(5) + ("\n\nThe well-known company said the leader of the government announced "
                             "a very large deal in Leeds.")
    copy = in_title_case(make_text(5) + ("\n\nThe famous firm said the chief of the administration "
                                         "announced a big deal in Leeds."))
    with Index.create(tmp_path / "news.idx") as index:
        index.add([*make_documents(20), Document("source", "Source", source, source="test")])
    with Index.open(tmp_path / "news.idx", readonly=True) as index:
        report = unspun.trace(copy, index)
    assert report.trace_verdict == SOURCE_FOUND and report.matches[0].id == "source"
    assert report.stats["in_title_case"] is True
    assert apply_steps(copy, report.steps) == report.restored
    assert report.restored == in_title_case(source)
    assert {f.suggestion for f in report.findings} >= {"Well-Known Company", "Very Large"}
