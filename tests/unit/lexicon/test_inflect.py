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
    ("cheap", "RBR", "cheaper"), ("quiet", "RBR", "quieter"),
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


@pytest.mark.parametrize(("phrase", "tag"), [
    ("out of doors", "NNS"), ("in front of", "NNS"), ("up to date", "NNS"),
])
def test_a_noun_phrase_without_a_noun_head_keeps_its_words(phrase: str, tag: str) -> None:
    # "outs of doors", "in front ofs", "ups to date": the particle was pluralised.
    assert inflect(phrase, tag) == phrase


@pytest.mark.parametrize(("word", "tag", "form"), [
    ("papers", "NNS", "papers"), ("sales", "NNS", "sales"), ("analyses", "NNS", "analyses"),
    ("thanks", "NNS", "thanks"), ("children", "NNS", "children"), ("worked", "VBD", "worked"),
    ("running", "VBG", "running"), ("needs", "VBZ", "needs"), ("taken", "VBN", "taken"),
    ("bigger", "JJR", "bigger"), ("is", "VBD", "was"), ("papers", "NN", "papers"),
])
def test_an_inflected_headword_is_not_inflected_again(word: str, tag: str, form: str) -> None:
    # Thesauri list some inflected forms as headwords: "paperses", "thankses", "workeded",
    # "biggerer", "issed".
    assert inflect(word, tag) == form


@pytest.mark.parametrize(("lemma", "tag", "form"), [
    ("glass", "NNS", "glasses"), ("bus", "NNS", "buses"), ("gas", "NNS", "gases"), ("kiss", "VBZ", "kisses"),
    ("saw", "VBD", "sawed"), ("bed", "VBD", "bedded"), ("thesis", "NNS", "theses"), ("ring", "VBG", "ringing"),
    ("over", "NNS", "overs"), ("back", "NNS", "backs"), ("cover up", "NNS", "cover ups"),
    ("xylomass", "NNS", "xylomasses"),
])
def test_base_forms_that_look_inflected_are_still_inflected(lemma: str, tag: str, form: str) -> None:
    # Also nouns spelt as particles ("overs", "backs") and unknown words ending in "ss"/"us".
    assert inflect(lemma, tag) == form


def test_a_noun_phrase_is_lemmatised_on_its_head() -> None:
    # lemmas() read "points of view" from its last word, so it never reached "point of view",
    # which inflect() writes as "points of view".
    assert ("point of view", "NOUN") in lemmas("points of view")
    assert lemmas("random forests") == (("random forest", "NOUN"),)


def test_all_lemmas_reads_what_lemminflect_answers_for_every_lower_case_word() -> None:
    import lemminflect
    from lemminflect.core.Lemmatizer import Lemmatizer

    from unspun.lexicon._inflect import all_lemmas

    words = [word for word in Lemmatizer()._getLemmaDict() if word == word.lower()]
    assert len(words) > 10_000
    assert all(all_lemmas(word) == lemminflect.getAllLemmas(word) for word in [*words, "unspunnable", "reflexes"])
