"""Names in restored phrases are written as English writes them (session 65: "united states")."""

from __future__ import annotations

import gzip
from importlib import resources

import pytest

from unspun.detect.proper_names import PROPER_NAMES_FILE, in_proper_case
from unspun.eval.proper_names import proper_names
from unspun.lexicon._sources import wordnet_lemma_names


@pytest.mark.parametrize(
    ("phrase", "written"),
    [
        ("united states", "United States"),
        ("new york mercantile exchange", "New York mercantile exchange"),
        ("fast fourier transform", "fast Fourier transform"),
        ("hidden markov models", "hidden Markov models"),
        ("parkinson's disease", "Parkinson's disease"),
        ("alzheimer's disease", "Alzheimer's disease"),  # the table writes the possessive
        ("markov's chain", "Markov's chain"),  # a name whose possessive the table lacks
        ("co2 emissions, (dna) damage", "CO2 emissions, (DNA) damage"),
        ("gram-negative bacteria", "Gram-negative bacteria"),
        # Function words, a plural of a common noun ("Fields", the comedian) and two capitals
        # alone ("HI", Hawaii) stay as written; so do words already written with capitals.
        ("an incredible or staggering need", "an incredible or staggering need"),
        ("markov random fields", "Markov random fields"),
        ("waikoloa, hi", "waikoloa, hi"),
        ("Mesh networks in the USA", "Mesh networks in the USA"),
        # A name does not span punctuation.
        ("united, states", "united, states"),
        ("random forest", "random forest"),
        ("", ""),
    ],
)
def test_names_are_written_as_english_writes_them(phrase: str, written: str) -> None:
    assert in_proper_case(phrase) == written


def test_the_table_keeps_names_wordnet_writes_only_one_way_with_capitals() -> None:
    lemmas = ["United States", "english", "English", "Bill", "bill", "field", "Fields", "OR", "HI", "Java", "java",
              "Gram-negative", "Ohm", "OHM", "DNA"]
    assert proper_names(iter(lemmas)) == ["DNA", "Gram-negative", "United States"]


def test_the_shipped_table_is_what_the_builder_makes_of_the_installed_wordnet() -> None:
    data = resources.files("unspun.data").joinpath(PROPER_NAMES_FILE).read_bytes()
    shipped = [line for line in gzip.decompress(data).decode("utf-8").splitlines() if not line.startswith("#")]
    assert shipped == proper_names(wordnet_lemma_names())


def test_a_listed_phrase_restores_into_a_name_in_its_case() -> None:
    from unspun import check

    report = check("Patients came from hospitals in the joined together states. The Joined Together States paid.")
    assert [(f.text, f.suggestion) for f in report.findings] == [
        ("joined together states", "United States"), ("Joined Together States", "United States")]
    assert report.restored == "Patients came from hospitals in the United States. The United States paid."


def test_only_terms_the_list_holds_are_written_with_names() -> None:
    """The general term sources hold code words and abbreviations that WordNet writes as
    names: "tensor ops" is no "tensor Ops" (the goddess), "kv cache" no "kV cache" (a review)."""
    from unspun.detect.known_phrases import make_phrases
    from unspun.detect.terms import TermRestorer
    from unspun.lexicon import Lexicon

    restorer = TermRestorer(make_phrases([("joined together states", "united states")]), Lexicon.load())
    assert restorer._written("united states") == "United States"
    assert restorer._written("tensor ops") == "tensor ops"
    assert restorer._written("kv cache") == "kv cache"
