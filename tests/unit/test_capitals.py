"""Text in capitals: read in ordinary case by the detector and the index lookup."""

from __future__ import annotations

from pathlib import Path

import pytest

import unspun
from unspun.capitals import in_ordinary_case, known_word, shouted
from unspun.index import Index
from unspun.pipeline import SOURCE_FOUND, find

from .index._texts import make_documents, make_text, spin

KNOWN = {"the", "firm", "said", "on", "that", "it", "would", "buy", "of", "a", "new", "plan", "do", "know"}.__contains__
SPUN = ("The irregular woodland beat the baseline on every test, and the bosom peril screening "
        "improved the flag to commotion ratio of the scanner that the clinic uses.")


def test_words_the_lexicon_knows_go_to_lower_case_and_others_read_as_names() -> None:
    text = "THE FIRM SAID ON FRIDAY THAT IT WOULD BUY 8% OF AOL. A NEW PLAN, MR O'NEILL? I DON'T KNOW."
    assert in_ordinary_case(text, KNOWN) == (
        "The firm said on Friday that it would buy 8% of Aol. A new plan, Mr O'neill? I don't know.")


def test_the_reading_keeps_every_offset_and_leaves_other_words_alone() -> None:
    text = "THE U.S. FIRM SAID £1.13BN, NOT \u0130STANBUL; Only This Stays As Written. G8 TALKS."
    read = in_ordinary_case(text, KNOWN)
    assert len(read) == len(text)
    assert "U.S. firm" in read and "£1.13bn" in read and "\u0130STANBUL" in read
    assert "Only This Stays As Written" in read and "G8" in read


def test_only_texts_mostly_in_capitals_are_shouted() -> None:
    assert shouted(SPUN.upper())
    assert not shouted(SPUN)
    assert not shouted("BREAKING NEWS: THE MARKETS FELL")  # a heading: seven words
    assert not shouted("BREAKING NEWS FROM THE MARKETS TODAY\n\n" + SPUN)  # a heading over ordinary text
    assert not shouted("")


def test_a_spun_text_in_capitals_gets_the_findings_of_the_text_in_ordinary_case() -> None:
    ordinary = unspun.check(SPUN)
    loud = unspun.check(SPUN.upper())
    assert ordinary.findings, "the ordinary text must have findings for the comparison to mean anything"
    assert [(f.start, f.end, f.kind) for f in loud.findings] == [(f.start, f.end, f.kind) for f in ordinary.findings]
    for before, after in zip(ordinary.findings, loud.findings, strict=True):
        assert after.text == SPUN.upper()[after.start : after.end]
        assert after.suggestion == (before.suggestion.upper() if before.suggestion else before.suggestion)
    assert loud.verdict == ordinary.verdict and loud.score == pytest.approx(ordinary.score)
    assert "RANDOM FOREST" in loud.restored and loud.restored == loud.restored.upper()
    assert loud.stats["in_capitals"] is True and "in_capitals" not in ordinary.stats
    assert [(f.start, f.end) for f in find(SPUN.upper())] == [(f.start, f.end) for f in loud.findings]


def test_a_text_in_ordinary_case_never_loads_the_capitals_reading() -> None:
    before = known_word.cache_info()
    unspun.check(SPUN)
    after = known_word.cache_info()
    assert (after.hits, after.misses) == (before.hits, before.misses)


def test_a_copy_in_capitals_is_traced_to_its_source(tmp_path: Path) -> None:
    with Index.create(tmp_path / "news.idx") as index:
        index.add(make_documents(40))
    with Index.open(tmp_path / "news.idx", readonly=True) as index:
        faithful = unspun.trace(make_text(12).upper(), index)
        assert faithful.trace_verdict == SOURCE_FOUND and faithful.matches[0].id == "doc-00012"
        # Every word differs from the source in its case: nothing to restore.
        assert faithful.findings == () and faithful.steps == () and faithful.verdict == "clean"
        assert faithful.restored == make_text(12).upper() and faithful.stats["in_capitals"] is True
        spun = unspun.trace(spin(make_text(21), 0.3, seed=1).upper(), index)
        assert spun.trace_verdict == SOURCE_FOUND and spun.matches[0].id == "doc-00021"
        assert spun.findings and all(f.text == f.text.upper() and f.suggestion == f.suggestion.upper()
                                     for f in spun.findings if f.suggestion)
        assert spun.restored == make_text(21).upper()
