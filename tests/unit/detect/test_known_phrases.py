import pytest

from unspun.detect.known_phrases import (
    AMBIGUOUS,
    CONFIDENT,
    KnownPhrase,
    KnownPhraseMatcher,
    clean_expected,
    load_list,
    make_phrases,
)


@pytest.fixture(scope="module")
def matcher() -> KnownPhraseMatcher:
    return KnownPhraseMatcher.default()


def test_the_shipped_list_is_loaded_whole(matcher: KnownPhraseMatcher) -> None:
    pairs = load_list()
    assert len(pairs) == 3866
    assert ("irregular woodland", "random forest") in pairs
    assert len(matcher) > 3700  # duplicates after stemming collapse


@pytest.mark.parametrize(
    ("text", "phrase", "suggestion"),
    [
        ("We trained an irregular woodland.", "irregular woodland", "random forest"),
        ("Two IRREGULAR WOODLANDS were compared.", "IRREGULAR WOODLANDS", "random forests"),
        ("screening for bosom\nperil in women", "bosom\nperil", "breast cancer"),
        ("a high flag to commotion ratio", "flag to commotion", "signal to noise"),
        ("Using 10-crease cross validation", "10-crease cross", "10-fold cross"),
        # A possessive ending stays outside the phrase, so restoring keeps it ("random forest's").
        ("The irregular woodland's depth", "irregular woodland", "random forest"),
        ("The IRREGULAR WOODLAND’S depth", "IRREGULAR WOODLAND", "random forest"),
        ("the flag to commotion's level", "flag to commotion", "signal to noise"),
    ],
)
def test_matches_across_case_inflection_and_line_breaks(
    matcher: KnownPhraseMatcher, text: str, phrase: str, suggestion: str
) -> None:
    (finding,) = matcher.find(text)
    assert text[finding.start : finding.end] == finding.text == phrase
    assert finding.suggestion == suggestion
    assert finding.evidence == ("known-phrase",)


@pytest.mark.parametrize(
    ("listed", "original", "text", "suggestion"),
    [
        ("selection bushes", "decision trees", "one selection bush", "decision tree"),
        ("selection bush", "decision tree", "two selection bushes", "decision trees"),
        ("huge information", "big data", "huge informations", "big data"),  # no number to carry
        ("irregular woodland", "random forest", "an irregular woodland", "random forest"),
        ("irregular woodland", "random forest", "two irregular woodlands", "random forests"),
        ("irregular woodland", "random forest", "the irregular woodland's depth", "random forest"),
        ("irregular woodland", "random forest", "the irregular woodland’s depth", "random forest"),
        ("artificial neural system (ann)", "artificial neural network", "artificial neural systems (ANN)",
         "artificial neural networks"),
        ("markov connection", "Markov Chain", "two markov connections", "Markov Chains"),
        ("shared statistic", "mutual information", "two shared statistics", "mutual information"),  # no "informations"
        ("quantum materialisms", "quantum physics", "a quantum materialism", "quantum physics"),  # no "physic"
        # A text written as listed takes the original as the list writes it ("svm set of
        # rules" is "svm algorithm": an original's last word is often not its head).
        ("svm set of rules", "svm algorithm", "an svm set of rules", "svm algorithm"),
        ("irregular woodland", "random forest", "two irregular woodlands12", "random forests"),  # a citation
        # The word the text inflected tells the original's: the last, else the last before an
        # "of" (session 63: "arrangements of constants" became "set of parameters"; the word
        # before "of" alone lost "denial of service attacks", a review).
        ("arrangement of constants", "set of parameters", "the arrangements of constants", "sets of parameters"),
        ("choice of tree", "decision tree", "two choices of tree", "decision trees"),
        ("coefficient of connection", "coefficient of correlation", "coefficients of connection",
         "coefficients of correlation"),
        ("denial of service assault", "denial of service attack", "several denial of service assaults",
         "denial of service attacks"),
        ("expectation of collect yield", "prediction of crop yield", "expectation of collect yields",
         "prediction of crop yields"),
        # After "a" the phrase is one thing ("a decision trees": a review, session 63).
        ("choice of tree", "decision tree", "a choice of trees", "decision tree"),
        ("choice of tree", "decision tree", "the choice of trees", "decision trees"),
        # A singular phrase the list pairs with a plural original keeps it after "a": the "a"
        # may be a longer noun phrase's ("a chime labs study", "a cutting edge sequencing
        # platform"), and originals are often plural names ("least squares", "labs"): making
        # them one thing wrote "bell laboratory", "ng" (a review, session 64).
        ("chime lab", "bell labs", "a chime labs study", "bell labs"),
    ],
)
def test_suggestion_takes_the_number_of_the_text(listed: str, original: str, text: str, suggestion: str) -> None:
    """The list writes an original in its tortured phrase's number; the text may use the other."""
    (finding,) = KnownPhraseMatcher(make_phrases([(listed, original)])).find(text)
    assert finding.suggestion == suggestion


def test_agreement_never_repeats_the_suggestion_among_the_alternatives() -> None:
    phrases = make_phrases([("irregular woodlands", "random forests/ random forest")])
    (finding,) = KnownPhraseMatcher(phrases).find("one irregular woodland")
    assert finding.suggestion == "random forest" and "random forest" not in finding.alternatives


@pytest.mark.parametrize(("listed", "text", "found"), [
    # The list writes a word closed, the text hyphenated: "manmade brainpower" missed "man-made
    # brainpower", a tortured phrase papers print (an audit, session 62); and the other way.
    ("manmade brainpower", "Our study of man-made brainpower systems.", "man-made brainpower"),
    ("manmade brainpower", "Our study of manmade brainpower systems.", "manmade brainpower"),
    ("man-made reasoning", "A field of manmade reasoning grew.", "manmade reasoning"),
    ("man-made reasoning", "A field of man made reasoning grew.", "man made reasoning"),
    # Word processors' hyphens, typographic (U+2010) and non-breaking (U+2011) (session 63).
    ("manmade brainpower", "Our study of man\u2010made brainpower systems.", "man\u2010made brainpower"),
    ("manmade brainpower", "Our study of man\u2011made brainpower systems.", "man\u2011made brainpower"),
    # A hyphen joins more than two words: "state-of-the-art" is not read as a closed word.
    ("irregular woodland", "A state-of-the-art irregular woodland.", "irregular woodland"),
])
def test_a_word_written_closed_or_hyphenated_is_one_word(listed: str, text: str, found: str) -> None:
    (finding,) = KnownPhraseMatcher(make_phrases([(listed, "artificial intelligence")])).find(text)
    assert text[finding.start : finding.end] == finding.text == found


def test_a_pair_of_words_a_hyphen_joins_inside_a_longer_compound_is_not_closed() -> None:
    matcher = KnownPhraseMatcher(make_phrases([("theart war", "art of war"), ("manmade brainpower", "ai")]))
    assert matcher.find("The state-of-the-art war.") == [] and matcher.find("A man-made-brainpower idea.") == []
    assert len(matcher.find("The the-art war.")) == 1


def test_no_match_across_sentence_punctuation(matcher: KnownPhraseMatcher) -> None:
    assert matcher.find("The path was irregular. Woodland surrounded it.") == []
    assert matcher.find("It was irregular, woodland all around.") == []


@pytest.mark.parametrize("gap", ["\n\n", "\n  \n", "\r\n\r\n", "\r\r", "\r \t\r", "\u2029", "\u2028\u2028", "\x85\x85"])
def test_no_match_across_a_paragraph_break(matcher: KnownPhraseMatcher, gap: str) -> None:
    # The phrase's restoration would join the two paragraphs ("The random forest Trust said").
    assert matcher.find(f"The irregular{gap}Woodland Trust said so.") == []
    assert [f.text for f in matcher.find("an irregular\nwoodland, hard-wrapped")] == ["irregular\nwoodland"]


def test_no_match_inside_longer_words(matcher: KnownPhraseMatcher) -> None:
    assert matcher.find("An irregularwoodland hybrid.") == []


def test_ordinary_english_collocations_get_low_confidence() -> None:
    phrases = make_phrases([("malignant growth", "cancer"), ("bosom peril", "breast cancer"), ("gizmo", "device")])
    by_phrase = {p.tortured: p for p in phrases}
    assert by_phrase["malignant growth"].ambiguous
    assert not by_phrase["bosom peril"].ambiguous
    assert by_phrase["gizmo"].ambiguous  # a single word
    matcher = KnownPhraseMatcher(phrases)
    confidences = {f.text: f.confidence for f in matcher.find("A malignant growth, bosom peril and a gizmo.")}
    assert confidences == {"malignant growth": AMBIGUOUS, "bosom peril": CONFIDENT, "gizmo": AMBIGUOUS}


def test_longest_match_wins() -> None:
    matcher = KnownPhraseMatcher([
        KnownPhrase("deep learning", "x", "x", (), False),
        KnownPhrase("profound learning", "deep learning", "deep learning", (), False),
        KnownPhrase("profound learning calculation", "deep learning algorithm", "deep learning algorithm", (), False),
    ])
    (finding,) = matcher.find("A profound learning calculation was used.")
    assert finding.suggestion == "deep learning algorithm"


@pytest.mark.parametrize(
    ("expected", "suggestion", "alternatives"),
    [
        ("random forest", "random forest", ()),
        ("support vector machine (svm)", "support vector machine", ()),
        ("healthcare (?)", "healthcare", ()),
        ("(disease) prognosis", "prognosis", ()),
        ("an incredible/ a staggering need", "an incredible", ("a staggering need",)),
        ("android mobile/phone", "android mobile/phone", ()),
        ("???", None, ()),
    ],
)
def test_clean_expected(expected: str, suggestion: str | None, alternatives: tuple[str, ...]) -> None:
    assert clean_expected(expected) == (suggestion, alternatives)


@pytest.mark.parametrize(
    "text",
    [
        "Read more at https://www.bbc.co.uk/news/big-data-irregular-woodland-methods today.",
        "Read more at www.example.org/irregular-woodland.",
        "Read more at example.org/irregular_woodland/ today.",
        "Write to irregular-woodland@example.com today.",
        "Follow #irregular-woodland today.",
    ],
)
def test_an_address_is_copied_as_it_is(matcher: KnownPhraseMatcher, text: str) -> None:
    # Restored, the address broke: "big-data-random forest-methods".
    assert matcher.find(text) == []


def test_a_phrase_beside_an_address_is_found(matcher: KnownPhraseMatcher) -> None:
    text = "An irregular woodland (https://example.org/rf) was trained."
    assert [f.text for f in matcher.find(text)] == ["irregular woodland"]


def test_an_entry_whose_original_is_itself_is_not_matched(matcher: KnownPhraseMatcher) -> None:
    # The list holds "backbone network" for "backbone network (deep learning)": the right
    # term was a confident finding suggesting itself, and a clean paragraph was "spun".
    text = "We maximise the mutual information, and the backbone network is a ResNet."
    assert matcher.find(text) == []
    assert any(p.tortured == "backbone network" for p in matcher.phrases)  # its original is still known


def test_an_entry_holding_a_comma_does_not_match_across_a_full_stop(matcher: KnownPhraseMatcher) -> None:
    assert [f.text for f in matcher.find("He had a fever, hack writers said.")] == ["fever, hack"]
    assert matcher.find("He had a high fever. Hack writers covered the story.") == []


@pytest.mark.parametrize("after", [" was used", "). It", ")."])
def test_a_bracketed_acronym_stays_outside_the_finding(matcher: KnownPhraseMatcher, after: str) -> None:
    # Matched to its end, the finding stopped before ")": "artificial neural network)".
    text = "An artificial neural system (ANN" + (after if after.startswith(")") else ")" + after)
    [finding] = matcher.find(text)
    assert (finding.text, finding.suggestion) == ("artificial neural system", "artificial neural network")


def test_a_quoted_word_is_no_part_of_a_phrase(matcher: KnownPhraseMatcher) -> None:
    # The span took the opening quote and left the closing one: "random forest' model".
    assert matcher.find("an irregular 'woodland' model") == []
    assert [f.text for f in matcher.find("an irregular woodland's accuracy")] == ["irregular woodland"]


def test_a_matcher_with_nothing_to_match_finds_nothing() -> None:
    assert KnownPhraseMatcher([]).find("hello there") == []
    assert KnownPhraseMatcher(make_phrases([("...", "x")])).find("hello... there") == []


def test_an_entry_going_on_after_its_bracket_is_found_whole(matcher: KnownPhraseMatcher) -> None:
    # Cut before the bracket, "secret (hidden) layers" restored into "hidden layers (hidden) layers".
    text = "We used secret (hidden) layers in the model."
    [finding] = matcher.find(text)
    assert (finding.text, finding.suggestion) == ("secret (hidden) layers", "hidden layers")


@pytest.mark.parametrize(("listed", "original", "text", "suggestion"), [
    ("bunch analysis", "cluster analysis", "two bunch analyses", "cluster analyses"),
    ("bunch analyses", "cluster analyses", "one bunch analysis", "cluster analysis"),
    ("astute matrix", "smart grid", "the astute matrices", "smart grids"),
])
def test_an_irregular_plural_is_the_listed_word(listed: str, original: str, text: str, suggestion: str) -> None:
    # Snowball stems "analyses" "analys" and "analysis" "analysi": the plural was not found.
    (finding,) = KnownPhraseMatcher(make_phrases([(listed, original)])).find(text)
    assert finding.text == text.split(" ", 1)[1]
    assert finding.suggestion == suggestion


@pytest.mark.parametrize(("text", "restored"), [
    ("We trained an irregular woodland12 classifier.", "We trained a random forest12 classifier."),
    ("We trained an irregular woodland\u00b9\u00b2 classifier.", "We trained a random forest\u00b9\u00b2 classifier."),
])
def test_a_citation_number_stuck_to_the_last_word_stays_after_the_restored_phrase(text: str, restored: str) -> None:
    # Text extracted from a PDF writes a superscript reference as digits stuck to the word:
    # 0 of 83 such phrases were found (an audit of pasted papers).
    from unspun import check

    report = check(text)
    assert [(f.text, f.suggestion) for f in report.findings] == [("irregular woodland", "random forest")]
    assert report.restored == restored


def test_a_number_inside_a_phrase_is_no_match(matcher: KnownPhraseMatcher) -> None:
    assert matcher.find("We trained an irregular12 woodland classifier.") == []  # restored away, it would be lost


def test_a_number_in_a_hyphenated_name_is_no_citation(matcher: KnownPhraseMatcher) -> None:
    # "cas9" of "crispr-cas9-mediated" is the name's own number, not a reference.
    [finding] = matcher.find("We used crispr-cas9-interceded genome altering here.")
    assert finding.text == "crispr-cas9-interceded genome altering"
    assert matcher.find("We used crispr-cas-interceded genome altering here.") == []


@pytest.mark.parametrize(("listed", "original"), [("shared data", "mutual information"),
                                                  ("function extraction", "feature extraction")])
def test_a_listed_phrase_that_is_a_known_term_as_written_is_ambiguous(listed: str, original: str) -> None:
    # "The nodes exchange shared data" was restored as "mutual information" at 0.9: a few
    # of the list's tortured phrases are terms as written (an audit, session 64).
    (phrase,) = make_phrases([(listed, original)])
    assert phrase.ambiguous and phrase.why_ambiguous == "a term of English or of a field as written"
    (finding,) = KnownPhraseMatcher([phrase]).find(f"The nodes use {listed} now.")
    assert finding.confidence == AMBIGUOUS


# -- The default matcher's keys kept in the cache folder (session 68) -------------------------

def test_the_default_matcher_read_from_the_cache_is_the_one_the_list_builds(matcher: KnownPhraseMatcher) -> None:
    built = KnownPhraseMatcher(make_phrases(load_list()))
    assert matcher.phrases == built.phrases and matcher.patterns == built.patterns
    text = "We trained an irregular woodland and a man-made reasoning on the flag to commotion proportion."
    assert [(f.start, f.end, f.suggestion) for f in matcher.find(text)] == [
        (f.start, f.end, f.suggestion) for f in built.find(text)]


def test_the_kept_keys_are_read_back_and_a_damaged_file_is_none(tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    from unspun.detect import known_phrases

    small = KnownPhraseMatcher(make_phrases([("irregular woodland", "random forest"), ("bosom peril", "breast cancer")]))
    path = tmp_path / "known-phrases-0123456789abcdef.marshal"
    known_phrases._write_state(path, small)
    phrases, patterns = known_phrases._read_state(path)  # type: ignore[misc]
    again = KnownPhraseMatcher.from_patterns(phrases, patterns)
    assert again.phrases == small.phrases and [f.suggestion for f in again.find("An irregular woodland.")] == [
        "random forest"]
    data = bytearray(path.read_bytes())
    data[-3] ^= 0xFF
    path.write_bytes(bytes(data))
    assert known_phrases._read_state(path) is None and "damaged" in caplog.text
    assert known_phrases._read_state(tmp_path / "known-phrases-none.marshal") is None


@pytest.mark.parametrize("state", [
    ([("irregular woodland", "random forest", "random forest", (), False, "")], [(" irregular woodland ", 5, 2)]),
    ([("irregular woodland", "random forest", 3, (), False, "")], [(" irregular woodland ", 0, 2)]),
    ([("irregular woodland",)], [(" irregular woodland ", 0, 2)]),
    "not a state",
])
def test_kept_keys_of_another_shape_are_none(tmp_path, state: object) -> None:  # type: ignore[no-untyped-def]
    from unspun._files import write_checked
    from unspun.detect import known_phrases

    path = tmp_path / "known-phrases-0123456789abcdef.marshal"
    write_checked(path, state, prefix=".known-phrases-")
    assert known_phrases._read_state(path) is None


def test_a_cache_folder_that_cannot_be_written_costs_only_the_kept_keys(tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    from unspun.detect import known_phrases

    small = KnownPhraseMatcher(make_phrases([("irregular woodland", "random forest")]))
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")
    known_phrases._write_state(not_a_folder / "known-phrases-x.marshal", small)
    assert "cannot keep" in caplog.text
