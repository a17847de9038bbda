"""Bugs found auditing unspun.disguise and its use in the pipeline, the restoration and the
reports (session 36), each failing before its fix: each test states the behaviour intended
(docs/report.md, "Disguised words")."""

from __future__ import annotations

import io

import pytest

from unspun import check
from unspun.disguise import read_through
from unspun.errors import EmptyInputError
from unspun.index import Index
from unspun.ingest import decode
from unspun.pipeline import SOURCE_FOUND, trace
from unspun.report import render_text
from unspun.restore import apply_steps, restore_and_explain

ZWSP, ZWNJ, ZWJ, SOFT_HYPHEN, RLO = "\u200b", "\u200c", "\u200d", "\u00ad", "\u202e"
CYRILLIC_A, CYRILLIC_O, CYRILLIC_ES = "\u0430", "\u043e", "\u0441"


# --- the a/an fix and disguises ----------------------------------------------------------


@pytest.mark.parametrize("text", [
    f"We trained an {ZWSP}irregular woodland on the data.",  # invisible between article and phrase
    f"We trained an{ZWSP} irregular woodland on the data.",
    f"We trained {CYRILLIC_A}n irregular woodland on the data.",  # the article itself disguised
    f"We trained a{ZWSP}n irregular woodland on the data.",
])
def test_the_article_is_fixed_before_a_phrase_whatever_disguises_the_article(text: str) -> None:
    report = check(text)
    # The line break stays, between the restored words.
    assert " ".join(read_through(report.restored).text.split()) == "We trained a random forest on the data."
    assert apply_steps(text, report.steps) == report.restored


def test_undoing_a_disguise_never_changes_the_article_before_the_word() -> None:
    # The reader sees "an FBI agent": taking the invisible character out must not make it "a FBI".
    text = f"She met an F{ZWSP}BI agent after an M{ZWSP}RI scan."
    restored, _ = restore_and_explain(text)
    assert restored == "She met an FBI agent after an MRI scan."
    assert check(text).restored == restored


# --- what counts as a word and as a disguise ---------------------------------------------


def test_invisible_characters_inside_contractions_abbreviations_and_numbers_are_undone() -> None:
    # The tokenizer's words "don't", "U.S." and "100,000" are read whole by the detector; the
    # restoration must not leave the characters hidden inside them ("restored holds none").
    text = f"I don{ZWSP}'t know what the U.{ZWSP}S. paid: 100,{ZWSP}000 dollars."
    report = check(text)
    assert report.restored == "I don't know what the U.S. paid: 100,000 dollars."
    assert len([f for f in report.findings if f.kind == "disguise"]) == 3


@pytest.mark.parametrize("word", [
    f"\u0645\u06cc{ZWNJ}\u062e\u0648\u0627\u0647\u0645",  # Persian "mi-khaham": ZWNJ is its spelling
    f"\u0915\u094d\u0937{ZWJ}\u0924\u094d\u0930\u093f\u092f",  # Devanagari conjunct with ZWJ
])
def test_joiners_that_a_script_spells_with_are_no_disguise(word: str) -> None:
    text = f"The article quotes the word {word} and explains what it means in the long paragraph below."
    report = check(text)
    assert [f for f in report.findings if f.kind == "disguise"] == []
    assert report.restored == text


def test_a_russian_quote_in_an_english_text_keeps_its_one_letter_words() -> None:
    # "с" (Russian "with") is a whole word of look-alikes, but its neighbours are Russian.
    text = ("During the long march through the centre of the capital on Saturday afternoon, thousands of "
            f"protesters carried banners and chanted the slogan \"Россия {CYRILLIC_ES} нами\" while the police "
            "watched from the side streets.")
    report = check(text)
    assert [f.text for f in report.findings if f.kind == "disguise"] == []
    assert report.restored == text


def test_styled_letters_are_never_changed_by_undoing_a_disguise() -> None:
    # docs/report.md: full-width and mathematical letters are "never reported or changed".
    text = f"The 𝐥𝐞𝐯{ZWSP}𝐞𝐥𝐬 rose."
    restored, _ = restore_and_explain(text)
    assert restored == "The 𝐥𝐞𝐯𝐞𝐥𝐬 rose."


def test_a_styled_greek_capital_is_no_look_alike_disguise() -> None:
    # MATHEMATICAL BOLD CAPITAL OMICRON reads (NFKC) as Greek "Ο", a look-alike; it is styling,
    # and describe() named no script for it ("1  look-alike letter").
    reading = read_through("The Ｗ\U0001d6b6ｒｌｄ Cup final was played in the rain on Sunday.")
    assert reading.disguised == ()


def test_a_disguised_words_description_leaves_out_its_soft_hyphens() -> None:
    (word,) = read_through(f"the mem{SOFT_HYPHEN}ber{ZWSP}ship grew").disguised
    assert word.invisible == 1
    assert word.describe() == "1 invisible character (U+200B) inside the word"


# --- words broken at a line's end --------------------------------------------------------


@pytest.mark.parametrize("text", [
    f"We trained an irreg{ZWSP}u-\nlar woodland on the data.",
    f"We trained an irregu-\nl{CYRILLIC_A}r woodland on the data.",
    f"We trained an irregu-{ZWSP}\nlar woodland on the data.",
])
def test_a_disguised_word_broken_at_a_line_end_is_still_read_whole(text: str) -> None:
    report = check(text)
    assert [f.suggestion for f in report.findings if f.kind == "tortured-phrase"] == ["random forest"]
    # The line break stays, between the restored words.
    assert " ".join(read_through(report.restored).text.split()) == "We trained a random forest on the data."


def test_a_line_end_hyphen_is_looked_for_from_word_starts_only() -> None:
    # Started at every letter, the search scanned a long run of letters again from each one
    # (20,000 letters and a "-": 4 s; 40,000: 16 s; a check takes 1,000,000 characters).
    from unspun.disguise import LINE_BREAK_HYPHEN_RE

    assert LINE_BREAK_HYPHEN_RE.match("irregu-\nlar", 0) is not None
    assert LINE_BREAK_HYPHEN_RE.match("irregu-\nlar", 2) is None
    assert read_through("a" * 2_000 + "-", lambda word: 0.0).unchanged


# --- trace and the text report -----------------------------------------------------------


def test_a_trace_report_lists_each_disguised_word_as_a_finding(originals_index: Index) -> None:
    # docs/report.md: "Each disguised word that no other finding covers is a finding of kind
    # disguise"; the trace report restored both words but listed no finding for either.
    from tests.integration.test_trace import ORIGINALS

    text = ORIGINALS[1].text.replace("Monday", f"M{CYRILLIC_O}nday").replace("long", f"l{ZWSP}ong")
    with originals_index:
        report = trace(text, originals_index)
    assert report.trace_verdict == SOURCE_FOUND and report.restored == ORIGINALS[1].text
    assert [(f.text, f.suggestion) for f in report.findings if f.kind == "disguise"] == [
        (f"M{CYRILLIC_O}nday", "Monday"), (f"l{ZWSP}ong", "long")]


def test_the_text_reports_source_lines_write_out_invisible_and_direction_characters() -> None:
    # A substitution's spun words now hold the invisible characters of a disguised word; a
    # U+202E among them reached the terminal raw and reversed the line.
    data = {
        "id": "page", "verdict": "spun", "score": 0.9, "text": "fixings and stated", "findings": [],
        "trace_verdict": SOURCE_FOUND,
        "matches": [{"id": "harbour", "title": "", "coverage": 1.0, "score": 0.9, "substitutions": [
            {"source": "repairs", "spun": f"fix{RLO}ings", "start": 0, "end": 8, "source_start": 0, "source_end": 7},
            {"source": "said", "spun": f"sta{ZWSP}ted", "start": 13, "end": 20, "source_start": 8, "source_end": 12},
        ]}],
    }
    out = io.StringIO()
    render_text(data, out, color=False)
    shown = out.getvalue()
    assert RLO not in shown and ZWSP not in shown
    assert "fix\\u202eings" in shown and "sta\\u200bted" in shown


# --- input -------------------------------------------------------------------------------


def test_a_file_of_invisible_characters_only_is_empty_input() -> None:
    # `unspun check` called such a file "clean (score 0.00), 0 findings in 0 words".
    with pytest.raises(EmptyInputError, match="empty input"):
        decode(f"{ZWSP}{ZWJ}\n\ufeff{ZWSP}\n".encode(), "x")
