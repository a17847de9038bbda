"""Text in title case: read in ordinary case by the detector, the index lookup and the trace."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import unspun
from unspun.capitals import in_ordinary_case, known_word, read_in_ordinary_case, title_cased, written_case
from unspun.index import Index
from unspun.pipeline import SOURCE_FOUND, find
from unspun.restore import match_case

from .index._texts import make_documents, make_text, spin

KNOWN = {"stress", "between", "and", "the", "west", "have", "reached", "levels", "a", "firm", "said"}.__contains__
SPUN = ("The irregular woodland beat the baseline on every test, and the bosom peril screening "
        "improved the flag to commotion ratio of the scanner that the clinic uses.")


def in_title_case(text: str) -> str:
    """``text`` as sites that set whole articles in title case write it: each word capitalised."""
    return re.sub(r"(?<![\w'’])([a-z])", lambda match: match.group(1).upper(), text)


def test_title_case_words_the_lexicon_knows_go_to_lower_case_and_acronyms_stay() -> None:
    text = "Stress Between Russia And The West Have Reached Levels. A Firm Said NATO's O'Neill Ran."
    read = in_ordinary_case(text, KNOWN, case="title")
    assert read == "Stress between Russia and the west have reached levels. A firm said NATO's O'Neill Ran."
    assert len(read) == len(text)


def test_only_texts_mostly_in_title_case_are_title_cased() -> None:
    assert title_cased(in_title_case(SPUN))
    assert written_case(in_title_case(SPUN)) == "title" and written_case(SPUN.upper()) == "capitals"
    assert not title_cased(SPUN) and written_case(SPUN) is None
    assert not title_cased("Russia Ready To Continue Security Dialogue")  # a headline: five capitalised words
    assert not title_cased("Russia Ready To Continue Security Dialogue With US\n\n" + SPUN)  # over ordinary text
    # A list of players is mostly names the lexicon does not know: in their own case.
    assert not title_cased("Brian Driscoll, Gordon Darcy, Shane Horgan, Denis Hickie, Girvan Dempsey, "
                           "Ronan Ogara, Reggie Corrigan, Malcolm Okelly, Gavin Duffy, Kieran Lewis.")
    assert not title_cased("")
    assert read_in_ordinary_case(SPUN) is SPUN


def test_a_spun_text_in_title_case_gets_the_findings_of_the_text_in_ordinary_case() -> None:
    titled = in_title_case(SPUN)
    ordinary = unspun.check(SPUN)
    read = unspun.check(titled)
    assert ordinary.findings, "the ordinary text must have findings for the comparison to mean anything"
    assert [(f.start, f.end, f.kind) for f in read.findings] == [(f.start, f.end, f.kind) for f in ordinary.findings]
    for before, after in zip(ordinary.findings, read.findings, strict=True):
        assert after.text == titled[after.start : after.end]
        assert after.suggestion == (match_case(before.suggestion, after.text) if before.suggestion else None)
    assert "Random Forest" in read.restored
    assert read.stats["in_title_case"] is True and "in_capitals" not in read.stats
    assert "in_title_case" not in ordinary.stats
    assert [(f.start, f.end) for f in find(titled)] == [(f.start, f.end) for f in read.findings]


def test_a_text_in_ordinary_case_never_asks_the_lexicon_about_its_case() -> None:
    before = known_word.cache_info()
    unspun.check(SPUN)
    after = known_word.cache_info()
    assert (after.hits, after.misses) == (before.hits, before.misses)


@pytest.mark.parametrize("phrase, original, expected", [
    ("random forest", "Irregular Woodland", "Random Forest"),
    ("signal to noise", "Flag To Commotion", "Signal to Noise"),
    ("random forest", "Irregular woodland", "Random forest"),
    ("random forest", "irregular woodland", "random forest"),
])
def test_suggestions_take_a_phrase_in_title_case_word_by_word(phrase: str, original: str, expected: str) -> None:
    assert match_case(phrase, original) == expected


def test_a_copy_in_title_case_is_traced_to_its_source(tmp_path: Path) -> None:
    with Index.create(tmp_path / "news.idx") as index:
        index.add(make_documents(40))
    with Index.open(tmp_path / "news.idx", readonly=True) as index:
        faithful = unspun.trace(in_title_case(make_text(12)), index)
        assert faithful.trace_verdict == SOURCE_FOUND and faithful.matches[0].id == "doc-00012"
        # The copy differs from the source only in its words' case: nothing to restore.
        assert faithful.findings == () and faithful.steps == () and faithful.verdict == "clean"
        assert faithful.stats["in_title_case"] is True
        spun = unspun.trace(in_title_case(spin(make_text(21), 0.3, seed=1)), index)
        assert spun.trace_verdict == SOURCE_FOUND and spun.matches[0].id == "doc-00021"
        assert spun.findings and all(f.suggestion[:1].isupper() for f in spun.findings if f.suggestion)
        assert spun.restored == in_title_case(make_text(21))
