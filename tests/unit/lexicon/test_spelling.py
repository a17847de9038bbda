"""British and American spellings of one word are one word: never an option of each other."""

from __future__ import annotations

import pytest

import unspun
from unspun.lexicon import spelt_otherwise


@pytest.mark.parametrize(("british", "american"), [
    ("optimisation", "optimization"), ("organised", "organized"), ("analysed", "analyzed"),
    ("colour", "color"), ("favourite", "favorite"), ("centre", "center"), ("fibres", "fibers"),
    ("catalogue", "catalog"), ("anaemia", "anemia"), ("oestrogen", "estrogen"), ("foetus", "fetus"),
    ("travelled", "traveled"), ("modelling", "modeling"), ("signalled", "signaled"),
    ("defence", "defense"), ("licence", "license"), ("programme", "program"), ("ageing", "aging"),
    ("grey", "gray"), ("batch normalisation", "batch normalization"), ("centred", "centered"),
    ("manoeuvre", "maneuver"),
])
def test_two_spellings_of_one_word(british: str, american: str) -> None:
    assert spelt_otherwise(british, american) and spelt_otherwise(american, british)


@pytest.mark.parametrize(("word", "other"), [
    ("filled", "filed"), ("promise", "premise"), ("four", "for"), ("praise", "prize"),
    ("advice", "advise"), ("rise", "raise"), ("affect", "effect"), ("colour", "colour"),
    ("colour scheme", "color"),
])
def test_different_words_are_not_spellings_of_one(word: str, other: str) -> None:
    assert not spelt_otherwise(word, other)


@pytest.mark.parametrize("text", [
    "We used particle swarm optimisation to tune the model.",
    "Batch normalisation was applied after each layer.",
])
def test_a_british_spelling_is_no_finding(text: str) -> None:
    # "particle swarm optimisation" was a tortured phrase of "... optimization" (0.79), and
    # the clean sentence was called spun.
    report = unspun.check(text)
    assert not any(spelt_otherwise(f.text, f.suggestion or "") for f in report.findings)
    assert "optimization" not in report.restored and "normalization" not in report.restored
