"""Lemmatising surface words and re-inflecting lemmas, and the round trip between them."""

from __future__ import annotations

import lemminflect
import pytest

from unspun.lexicon import inflect, lemmas, penn_tag_guess


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("dripped", [("drip", "VERB")]),
        ("papers", [("paper", "NOUN"), ("paper", "VERB")]),
        ("Documents", [("document", "NOUN"), ("document", "VERB")]),
        ("analyses", [("analysis", "NOUN"), ("analyse", "VERB")]),
        ("geese", [("goose", "NOUN")]),
        ("spinnerified", [("spinnerify", "VERB"), ("spinnerified", "ADJ"), ("spinnerified", "NOUN")]),
        ("leaked documents", [("leak documents", "VERB"), ("leaked document", "NOUN")]),
        ("irregular woodlands", [("irregular woodland", "NOUN")]),
        ("", []),
    ],
)
def test_lemmas(word: str, expected: list[tuple[str, str]]) -> None:
    assert list(lemmas(word)) == expected


def test_inflected_readings_come_first() -> None:
    assert lemmas("left")[0] == ("leave", "VERB")
    assert lemmas("better")[0] == ("good", "ADJ")
    assert lemmas("saw")[0] == ("see", "VERB")


@pytest.mark.parametrize(
    ("surface", "lemma", "pos", "tag"),
    [
        ("papers", "paper", "NOUN", "NNS"),
        ("paper", "paper", "NOUN", "NN"),
        ("children", "child", "NOUN", "NNS"),
        ("dripped", "drip", "VERB", "VBD"),
        ("written", "write", "VERB", "VBN"),
        ("wrote", "write", "VERB", "VBD"),
        ("leaks", "leak", "VERB", "VBZ"),
        ("getting ready", "get ready", "VERB", "VBG"),
        ("got ready", "get ready", "VERB", "VBD"),
        ("random forests", "random forest", "NOUN", "NNS"),
        ("better", "good", "ADJ", "JJR"),
        ("spinnerified", "spinnerify", "VERB", "VBD"),
    ],
)
def test_tag_guess_and_inflect_round_trip(surface: str, lemma: str, pos: str, tag: str) -> None:
    assert penn_tag_guess(surface, lemma, pos) == tag
    assert inflect(lemma, tag) == surface


LEMMAS = {
    "NOUN": ["document", "paper", "child", "analysis", "forest", "security", "mouse", "leaf", "criterion"],
    "VERB": ["leak", "write", "drip", "get", "study", "carry", "run", "make", "begin", "stop"],
    "ADJ": ["good", "big", "happy", "random", "bad"],
    "ADV": ["fast", "well", "soon"],
}


@pytest.mark.parametrize("pos", sorted(LEMMAS))
def test_every_inflection_round_trips(pos: str) -> None:
    """Each form lemminflect makes reads back as its lemma and re-inflects to itself."""
    for lemma in LEMMAS[pos]:
        for tag, forms in lemminflect.getAllInflections(lemma, upos=pos).items():
            form = forms[0]
            assert (lemma, pos) in lemmas(form), (form, lemma)
            assert inflect(lemma, penn_tag_guess(form, lemma, pos)) == form, (form, tag)


def test_bad_tags_and_parts_of_speech_are_refused() -> None:
    with pytest.raises(ValueError, match="Penn tag"):
        inflect("paper", "XYZ")
    with pytest.raises(ValueError, match="pos must be"):
        penn_tag_guess("papers", "paper", "noun")


@pytest.mark.parametrize(("lemma", "tag", "form"), [
    ("beautiful", "JJR", "more beautiful"), ("powerful", "JJS", "most powerful"), ("quickly", "RBR", "more quickly"),
    ("well known", "JJR", "more well known"), ("free", "JJR", "freer"), ("true", "JJS", "truest"),
    ("strong", "JJR", "stronger"), ("good", "JJS", "best"), ("happy", "JJR", "happier"), ("fast", "RBR", "faster"),
    ("late", "RBR", "later"), ("late", "RBS", "latest"), ("hard", "RBR", "harder"),  # flat adverbs ("most late")
    ("often", "RBR", "more often"), ("pretty", "RBR", "more pretty"), ("still", "RBS", "most still"),  # not flat
])
def test_comparatives_are_english(lemma: str, tag: str, form: str) -> None:
    # lemminflect's rules gave "beautifuler", "powerfulest", "quicklier", "freeer".
    assert inflect(lemma, tag) == form


@pytest.mark.parametrize(("lemma", "form"), [
    ("point of view", "points of view"), ("mother in law", "mothers in law"), ("random forest", "random forests"),
    ("state of the art", "states of the art"),
])
def test_a_noun_phrase_is_inflected_on_its_head(lemma: str, form: str) -> None:
    # "point of views", "mother in laws": the last word was inflected.
    assert inflect(lemma, "NNS") == form
    assert penn_tag_guess(form, lemma, "NOUN") == "NNS"


def test_a_noun_phrase_is_lemmatised_on_its_head() -> None:
    # lemmas() read "points of view" from its last word, so it never reached "point of view",
    # which inflect() writes as "points of view".
    assert ("point of view", "NOUN") in lemmas("points of view")
    assert lemmas("random forests") == (("random forest", "NOUN"),)
