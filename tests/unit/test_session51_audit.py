"""Report cases a helper's audit found wrong (session 51); each failed before."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspun import check


def test_suggestions_take_the_case_of_a_heading_in_capitals_inside_ordinary_text() -> None:
    # "AND ALSO -> And" and "IRREGULAR WOODLAND -> random forest"; the restored text was right.
    report = check("The firm said so.\n\nBREAD AND ALSO BUTTER. AN IRREGULAR WOODLAND.\n\nThe end.")
    shown = {f.text: f.suggestion for f in report.findings}
    assert shown["AND ALSO"] == "AND"
    assert shown["IRREGULAR WOODLAND"] == "RANDOM FOREST"


def test_a_capitalised_phrase_gets_capitalised_suggestions() -> None:
    report = check("We trained an Irregular Woodland on the data.")
    assert [f.suggestion for f in report.findings] == ["Random Forest"]


@pytest.mark.parametrize("text", ["He has (actually) reached it.", "He has \u201cactually\u201d reached it."])
def test_filler_set_apart_by_punctuation_is_no_spinner_filler(text: str) -> None:
    # Dropped, it left "has ()" and "has “”".
    report = check(text)
    assert [f for f in report.findings if f.kind == "filler"] == []
    assert "()" not in report.restored and "\u201c\u201d" not in report.restored


@pytest.mark.parametrize(("text", "restored"), [
    ("It was an (irregular woodland).", "It was a (random forest)."),
    ("It was an \u201cirregular woodland\u201d.", "It was a \u201crandom forest\u201d."),
])
def test_the_article_is_fixed_through_an_opening_bracket_or_quote(text: str, restored: str) -> None:
    assert check(text).restored == restored


def test_a_word_the_source_lacks_is_noted_as_such(originals_index: object) -> None:
    # Its note said "the source ... has '' here".
    from tests.integration.test_trace import ORIGINALS
    from unspun.pipeline import trace

    original = ORIGINALS[0].text
    words = original.split(" ")
    copy = " ".join([*words[:6], "really", *words[6:]])
    report = trace(copy, originals_index)  # type: ignore[arg-type]
    inserted = [f for f in report.findings if f.kind == "insertion"]
    assert inserted and all(f.note.endswith("has nothing here") for f in inserted)


def test_read_path_takes_a_name_too(tmp_path: Path) -> None:
    # A str raised AttributeError ('str' object has no attribute 'is_dir').
    from unspun.ingest import read_path

    page = tmp_path / "page.txt"
    page.write_text("The council met on Tuesday to agree the budget for the roads.", encoding="utf-8")
    assert [d.text for d in read_path(str(page))] == [d.text for d in read_path(page)]
    with pytest.raises(TypeError, match="not bytes"):
        list(read_path(bytes(page)))  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["😀😀😀 🎉", "12 345 678", "\x00\x00\x00", "\u0301\u0301", "... !!! ???"])
def test_a_text_without_words_is_refused(text: str) -> None:
    # It was "clean (score 0.00), 0 findings in 0 words".
    from unspun.errors import EmptyInputError

    with pytest.raises(EmptyInputError, match="no words to check"):
        check(text)


def test_a_short_chinese_text_does_not_read_as_english() -> None:
    # Each run of characters between two marks was one "word": under 30 of them, the text was
    # read as English and called clean.
    text = ("中国政府今天宣布了一项新的经济计划。该计划旨在促进国内消费和投资。"
            "专家表示这将有助于经济增长。官员们说计划将在明年实施。市场对此反应积极。")
    report = check(text)
    assert (report.verdict, report.stats.get("not_english")) == ("uncertain", True)


def test_a_long_link_does_not_make_english_another_language() -> None:
    from unspun.language import reads_as_english

    link = "https://news.example.com/story?ref=" + "aGVsbG8gd29ybGQ" * 40
    text = ("Analysts warned about the stress between the two countries, according to a report at "
            f"{link} which officials said was accurate and would be published in full next week.")
    assert reads_as_english(text)
    assert not check(text).stats.get("not_english")


def test_a_name_in_code_is_no_prose() -> None:
    # "start" of "<|im_start|>" was a swap finding, start -> starting.
    from unspun.detect.context import TextContext

    context = TextContext.build("The ministers agreed <|im_start|> to go on with the talks next year.")
    assert "start" not in [context.tokens[i].text for i in context.words]


@pytest.mark.parametrize(("text", "restored"), [
    ("We compared group A (blunder adjustment term) with group B.", "We compared group A (error correction term) with group B."),
    ("Results\n\nA blunder adjustment term was used.", "Results\n\nAn error correction term was used."),
    ("He said: A blunder adjustment term.", "He said: An error correction term."),
])
def test_a_capital_a_naming_something_is_no_article(text: str, restored: str) -> None:
    # "group A (...)" was restored as "group An (...)".
    from unspun.detect.known_phrases import KnownPhraseMatcher
    from unspun.restore import restore_and_explain

    assert restore_and_explain(text, KnownPhraseMatcher.default().find(text), 0.0)[0] == restored


def test_an_accented_word_broken_at_a_line_end_is_read_whole() -> None:
    # "café" was unknown to the lexicon's ASCII table, so "ca-\nfé" stayed two words.
    report = check("We sat in the little ca-\nfé by the river and talked about the weather for hours.")
    assert report.stats["read_through"]["joined"] == 1


@pytest.mark.parametrize("text", [
    ("Le gouvernement français a annoncé mardi une série de mesures destinées à soutenir les ménages "
     "face à la hausse des prix de l'énergie. Selon le ministre de l'Économie, ces aides seront versées "
     "dès le mois prochain aux foyers les plus modestes, tandis que les entreprises pourront bénéficier "
     "d'un report de leurs cotisations sociales jusqu'à la fin de l'année."),
    ("El gobierno español aprobó el martes un paquete de medidas para ayudar a las familias ante la subida "
     "de los precios de la energía. Según el ministro de Economía, las ayudas se pagarán a partir del mes "
     "próximo a los hogares más modestos, mientras que las empresas podrán aplazar sus cotizaciones sociales "
     "hasta el final del año, según fuentes oficiales."),
])
def test_accents_dropped_for_line_end_joins_do_not_make_french_english(text: str) -> None:
    # Looked up without their accents for the English check too, French and Spanish words
    # were known English ones (89% of them): the news was scored by the English models.
    report = check(text)
    assert (report.verdict, report.stats.get("not_english")) == ("uncertain", True)
