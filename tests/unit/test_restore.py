import dataclasses

import pytest

from unspun import check
from unspun.models import Finding, Step
from unspun.restore import apply_steps, match_case, restore_and_explain, steps_for


def finding(text: str, phrase: str, suggestion: str | None, confidence: float = 0.9) -> Finding:
    start = text.index(phrase)
    return Finding(start, start + len(phrase), phrase, suggestion, confidence, ("test",))


def test_restores_and_explains_each_change() -> None:
    text = "An irregular woodland beat bosom peril screening."
    restored, steps = restore_and_explain(text)
    assert restored == "A random forest beat breast cancer screening."
    assert [s.before for s in steps] == ["An irregular woodland", "bosom peril"]
    assert apply_steps(text, steps) == restored


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_a_possessive_ending_is_kept(apostrophe: str) -> None:
    text = f"The irregular woodland{apostrophe}s accuracy was high."
    restored, steps = restore_and_explain(text)
    assert restored == f"The random forest{apostrophe}s accuracy was high."
    assert apply_steps(text, steps) == restored


def test_low_confidence_and_unknown_suggestions_are_not_applied() -> None:
    text = "one two three"
    steps = steps_for(text, [finding(text, "one", "1", 0.2), finding(text, "two", None)], 0.5)
    assert steps == []


def test_a_suggestion_is_applied_only_when_likelier_right_than_the_phrase_unswapped() -> None:
    text = "tensions reached degrees not seen since 1991"

    def guessed(phrase: str, suggestion: str, confidence: float, right: float | None) -> Finding:
        return dataclasses.replace(finding(text, phrase, suggestion, confidence), suggestion_confidence=right)

    findings = [
        guessed("tensions", "stress", 0.7, 0.2),  # swapped 0.7, right 0.2: 0.14 against 0.3 unswapped
        guessed("degrees", "levels", 0.9, 0.2),  # 0.18 against 0.1
        guessed("seen", "watched", 0.6, None),  # no estimate: as before, from confidence 0.5
        guessed("since", "because", 0.55, 1.0),  # 0.55 against 0.45
    ]
    assert [s.before for s in steps_for(text, findings, 0.5)] == ["degrees", "seen", "since"]
    # The user's own bar still applies on top.
    assert [s.before for s in steps_for(text, findings, 0.8)] == ["degrees"]
    # A restored term keeps the confidence bar alone (its window score is no measured probability).
    term = dataclasses.replace(guessed("tensions", "strains", 0.7, 0.2), kind="tortured-phrase")
    assert [s.before for s in steps_for(text, [term], 0.5)] == ["tensions"]


def test_a_finding_left_in_place_still_keeps_less_confident_ones_off_its_words() -> None:
    text = "alpha beta gamma"
    held = dataclasses.replace(finding(text, "alpha beta", "x", 0.7), suggestion_confidence=0.1)
    assert steps_for(text, [held, finding(text, "beta gamma", "y", 0.6)], 0.5) == []


def test_overlaps_keep_the_more_confident_finding() -> None:
    text = "alpha beta gamma"
    findings = [finding(text, "alpha beta", "x", 0.6), finding(text, "beta gamma", "y", 0.9)]
    assert [s.after for s in steps_for(text, findings, 0.5)] == ["y"]


def test_case_is_carried_over() -> None:
    assert match_case("random forest", "Irregular woodland") == "Random forest"
    assert match_case("random forest", "IRREGULAR WOODLAND") == "RANDOM FOREST"
    assert match_case("NATO", "alliance") == "NATO"


def test_steps_that_do_not_fit_are_refused() -> None:
    with pytest.raises(ValueError, match="does not fit"):
        apply_steps("abc", [Step(0, 1, "x", "y", "test", 1.0)])


@pytest.mark.parametrize(
    ("text", "message"),
    [(None, "takes a str, not NoneType"), (b"hello", "not bytes: decode them first"), (5, "takes a str, not int")],
)
def test_restore_and_explain_wants_a_str(text: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        restore_and_explain(text, [])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=message):
        apply_steps(text, [])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("bar", "error"), [(float("nan"), ValueError), (-1, ValueError), (2, ValueError), (None, TypeError), ("0.5", TypeError)]
)
def test_restore_and_explain_wants_a_bar_from_zero_to_one(bar: object, error: type[Exception]) -> None:
    text = "one two"
    with pytest.raises(error, match="min_confidence"):
        restore_and_explain(text, [finding(text, "one", "1")], bar)  # type: ignore[arg-type]
    with pytest.raises(error, match="min_confidence"):
        restore_and_explain(text, None, bar)  # type: ignore[arg-type]


@pytest.mark.parametrize(("start", "end"), [(4, 2), (3, 9), (7, 9), (-2, 1)])
def test_a_finding_outside_the_text_is_refused(start: int, end: int) -> None:
    # Slicing took such offsets quietly: (4, 2) restored "hello" as "hellyyllo".
    with pytest.raises(ValueError, match=f"finding at {start}-{end} does not fit this text of 5 characters"):
        restore_and_explain("hello", [Finding(start, end, "", "yy", 0.9, ("x",))])


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("abc", "findings must be Finding objects, not str"),
        (Step(0, 1, "h", "H", "", 1.0), "findings must be Finding objects, not Step"),
        (Finding(0, 1, "h", b"H", 0.9, ("x",)), "suggestion must be a str or None, not bytes"),  # type: ignore[arg-type]
        (Finding(0, 1, "h", "H", "high", ("x",)), "confidence must be a number, not 'high'"),  # type: ignore[arg-type]
        (Finding(0.0, 1, "h", "H", 0.9, ("x",)), "offsets must be whole numbers"),  # type: ignore[arg-type]
    ],
)
def test_a_finding_of_the_wrong_shape_is_a_type_error(bad: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        restore_and_explain("hello", [bad])  # type: ignore[list-item]


@pytest.mark.parametrize(("start", "end", "before"), [(3, 1, ""), (7, 9, ""), (4, 6, "o"), (-1, 0, "")])
def test_a_step_outside_the_text_is_refused(start: int, end: int, before: str) -> None:
    # (3, 1) replayed "hello" as "helXello"; (7, 9) appended to it.
    with pytest.raises(ValueError, match=f"step at {start}-{end} does not fit this text of 5 characters"):
        apply_steps("hello", [Step(start, end, before, "X", "", 1.0)])


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("abc", "steps must be Step objects or their JSON, not str"),
        ({"start": 0, "end": "1", "before": "h", "after": "H"}, "offsets must be whole numbers"),
        (Step(0, 1, "h", None, "", 1.0), r"replacement \(after\) must be a str, not NoneType"),  # type: ignore[arg-type]
        (Step(0, True, "h", "H", "", 1.0), "offsets must be whole numbers"),
    ],
)
def test_a_step_of_the_wrong_shape_is_a_type_error(bad: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        apply_steps("hello", [bad])  # type: ignore[list-item]


def test_overlapping_steps_are_refused() -> None:
    with pytest.raises(ValueError, match="overlaps the step before it"):
        apply_steps("hello", [Step(0, 3, "hel", "H", "", 1.0), Step(2, 4, "ll", "L", "", 1.0)])


def test_a_step_at_the_very_end_is_applied() -> None:
    assert apply_steps("hello", [Step(5, 5, "", "!", "", 1.0), Step(0, 0, "", "> ", "", 1.0)]) == "> hello!"


def test_restore_and_explain_refuses_a_lone_surrogate() -> None:
    from unspun.errors import MalformedInputError

    text = "one \udc80 two"
    with pytest.raises(MalformedInputError, match=r"lone surrogate \(\\udc80\) at character 4"):
        restore_and_explain(text, [finding(text, "one", "1")])


@pytest.mark.parametrize(("text", "restored"), [
    # The "an" closing "than" (or "Cuban") is no article, whatever the space before the phrase.
    ("It is worse than\r\nirregular woodland.", "It is worse than\r\nrandom forest."),
    ("The Cuban  irregular woodland model.", "The Cuban  random forest model."),
    ("We used an\r\nirregular woodland.", "We used a\r\nrandom forest."),
    # Articles in capitals, two letters or one, keep them.
    ("WE TRAINED AN IRREGULAR WOODLAND.", "WE TRAINED A RANDOM FOREST."),
    ("WE BUILT A FAKE INTELLIGENCE.", "WE BUILT AN ARTIFICIAL INTELLIGENCE."),
    ("A fake intelligence won.", "An artificial intelligence won."),
    # A capital "A" after a quotation closed after its stop, a closed bracket or a dash opens
    # a sentence or a clause: it is an article, not a label as in "group A" (session 63).
    ("He said: \u201cIt works.\u201d A fake intelligence won.", "He said: \u201cIt works.\u201d An artificial intelligence won."),
    ("It works.' A fake intelligence won.", "It works.' An artificial intelligence won."),
    ("(see Fig. 2) A fake intelligence won.", "(see Fig. 2) An artificial intelligence won."),
    ("Abstract \u2014 A fake intelligence won.", "Abstract \u2014 An artificial intelligence won."),
    ("The students\u2019 A fake intelligence won.", "The students\u2019 A artificial intelligence won."),
    ("We used group A fake intelligence.", "We used group A artificial intelligence."),
    # Markdown's emphasis or a LaTeX command between the article and the phrase (session 64).
    ("We used an **irregular woodland** here.", "We used a **random forest** here."),
    ("We used an _irregular woodland_ here.", "We used a _random forest_ here."),
    ("We used an \\textit{irregular woodland} here.", "We used a \\textit{random forest} here."),
    ("We built a \\emph{fake intelligence} tool.", "We built an \\emph{artificial intelligence} tool."),
])
def test_the_article_before_a_restored_phrase(text: str, restored: str) -> None:
    replacements = {"irregular woodland": "random forest", "fake intelligence": "artificial intelligence"}
    phrase = next(p for p in replacements if p in text.lower())
    start = text.lower().index(phrase)
    found = Finding(start, start + len(phrase), text[start : start + len(phrase)], replacements[phrase], 0.9, ("test",))
    steps = steps_for(text, [found], 0.5)
    assert apply_steps(text, steps) == restored


@pytest.mark.parametrize(("text", "restored"), [
    ("have\u00a0actually\u00a0reached", "have\u00a0reached"),  # no-break spaces
    ("have\tactually\treached", "have\treached"),
    ("have\nactually reached", "have\nreached"),  # a line break stays; the space after goes
])
def test_a_deletion_takes_one_neighbouring_space_of_any_kind(text: str, restored: str) -> None:
    steps = steps_for(text, [finding(text, "actually", "")], 0.5)
    assert apply_steps(text, steps) == restored


@pytest.mark.parametrize(("text", "restored"), [
    ("have  actually  stalled", "have  stalled"),  # three spaces were left
    ("have\nactually\nstalled", "have\nstalled"),  # a blank line was left: a new paragraph
    ("have\r\nactually\r\nstalled", "have\r\nstalled"),
    ("have actually\nstalled", "have\nstalled"),
    ("have\nactually \nstalled", "have\nstalled"), ("have\n  actually\nstalled", "have\nstalled"),
])
def test_a_deletion_leaves_its_neighbours_parted_as_the_text_parts_them(text: str, restored: str) -> None:
    steps = steps_for(text, [finding(text, "actually", "")], 0.5)
    assert apply_steps(text, steps) == restored


@pytest.mark.parametrize(("text", "word", "suggestion", "restored"), [
    # Spelling rules gave "a unidentified", "a onerous", "an unanimous", "an usable".
    ("He saw an unknown man.", "unknown", "unidentified", "He saw an unidentified man."),
    ("It was a hard ruling.", "hard", "onerous", "It was an onerous ruling."),
    ("It was a united vote.", "united", "unanimous", "It was a unanimous vote."),
    ("A strong umbrella.", "strong", "usable", "A usable umbrella."),
    ("It was an odd plan.", "odd", "unusual", "It was an unusual plan."),
    ("It was an odd plan.", "odd", "European", "It was a European plan."),
    ("It took a day.", "day", "hour", "It took an hour."),
    # A letter alone is said by its name: "a x-fold reduction" (session 63).
    ("It saw a tenfold drop.", "tenfold", "x-fold", "It saw an x-fold drop."),
    ("We ran an exact check.", "exact", "t-test", "We ran a t-test check."),
])
def test_the_article_follows_the_restored_word_s_sound(text: str, word: str, suggestion: str, restored: str) -> None:
    steps = steps_for(text, [finding(text, word, suggestion)], 0.5)
    assert apply_steps(text, steps) == restored


def test_a_reports_json_steps_replay_as_they_are() -> None:
    # docs/report.md says replaying a report's steps gives its restored text: the JSON's steps
    # were refused ("not dict") until each was made a Step by hand.
    import json

    from unspun import check

    text = "We trained an irregular woodland on bosom peril scans."
    data = json.loads(json.dumps(check(text).to_dict()))
    assert apply_steps(text, data["steps"]) == data["restored"] == "We trained a random forest on breast cancer scans."
    assert apply_steps("hello", [{"start": 0, "end": 1, "before": "h", "after": "J"}]) == "Jello"
    with pytest.raises(ValueError, match="a step needs after; it has start, end, before"):
        apply_steps("hello", [{"start": 0, "end": 1, "before": "h"}])


def test_json_steps_replay_whatever_their_unread_fields_hold() -> None:
    step = {"start": 0, "end": 1, "before": "h", "after": "J", "reason": None, "confidence": None}
    assert apply_steps("hello", [step, {**step, "start": 1, "end": 2, "before": "e", "confidence": "high"}]) == "JJllo"


def test_steps_at_one_place_replay_in_any_order() -> None:
    # An insertion and a replacement from the same offset (a trace's report has such pairs):
    # given replacement first, a valid report raised "overlaps the step before it".
    text = "the quick fox"
    insert = Step(4, 4, "", "very ", "source", 1.0)
    replace = Step(4, 9, "quick", "slow", "source", 1.0)
    assert apply_steps(text, [insert, replace]) == apply_steps(text, [replace, insert]) == "the very slow fox"


@pytest.mark.parametrize(("change", "error", "message"), [
    ({"evidence": None}, TypeError, "evidence must be a sequence of str"),
    ({"suggestion_confidence": "0.5"}, TypeError, "suggestion_confidence must be a finite number"),
    ({"confidence": float("nan")}, ValueError, "confidence must be finite"),
    ({"text": "woodland"}, ValueError, "says 'woodland', but the text holds 'irregular woodland'"),
])
def test_malformed_findings_are_named_before_use(change: dict[str, object], error: type, message: str) -> None:
    # They failed where first used: "can only join an iterable", "can't multiply sequence", a
    # step "does not fit" that the caller never gave, a NaN written into the steps' JSON.
    text = "We used an irregular woodland."
    finding = Finding(11, 29, "irregular woodland", "random forest", 0.9, ("known-phrase",))
    with pytest.raises(error, match=message):
        restore_and_explain(text, [dataclasses.replace(finding, **change)])  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "phrase", "suggestion", "restored"), [
    # A hard-wrapped phrase kept no line break ("random forest models" ran the lines together),
    # a hyphenated one no hyphen, and title case inside a compound was read as a sentence's start.
    ("We used irregular\nwoodland models.", "irregular\nwoodland", "random forest", "We used random\nforest models."),
    ("We used irregular-woodland models.", "irregular-woodland", "random forest", "We used random-forest models."),
    ("The Irregular-Woodland Method", "Irregular-Woodland", "random forest", "The Random-Forest Method"),
    ("An irregular-woodland-based method", "irregular-woodland", "random forest", "A random-forest-based method"),
    ("The flag-to-commotion ratio", "flag-to-commotion", "signal to noise", "The signal-to-noise ratio"),
    ("A well-known firm", "well-known", "famous", "A famous firm"),
    ("A well-known firm", "well-known", "known to all", "A known to all firm"),  # no "known-to-all"
    ("A Pre-trained Irregular Woodland", "Pre-trained Irregular Woodland", "good random forest",
     "A Good Random Forest"),
    ("Prices and\nalso wages", "and\nalso", "and", "Prices and wages"),
])
def test_a_restored_phrase_keeps_how_its_words_were_parted(text: str, phrase: str, suggestion: str,
                                                           restored: str) -> None:
    steps = steps_for(text, [finding(text, phrase, suggestion)], 0.5)
    assert apply_steps(text, steps) == restored


@pytest.mark.parametrize("text", [
    "We trained an irregu-\nlar woodland on the data.",
    "We used the subterranean insect\nprovince method here.",
    "We used the bosom\r\nperil images and the flag to\ncommotion ratio.",
])
def test_a_restored_phrase_keeps_its_line_break(text: str) -> None:
    # A replacement of another length than the phrase ran its two lines together.
    restored = check(text).restored
    assert restored != text and restored.count("\n") == text.count("\n")
    assert restored.count("\r") == text.count("\r")


def test_a_kept_line_break_leaves_the_spaces_around_it() -> None:
    from unspun.restore import parted_like

    assert parted_like("random forest", "irregular \u00a0\nwoodland trees") == "random\nforest"
    assert parted_like("random forest", "irregu-\r\nlar woodland") == "random\r\nforest"


@pytest.mark.parametrize(("neighbour_confidence", "restored"), [
    # "freely" -> "free" beside the spinner's "free" (for "available"), left in place: a
    # suggestion that doubles the word beside it is that word's own (an audit, session 63).
    (0.4, "On spyware freely free programs were sold."),
    # ... unless a step changes the word beside it.
    (0.7, "On spyware free available programs were sold."),
])
def test_a_step_that_would_double_the_word_beside_it_is_not_taken(neighbour_confidence: float, restored: str) -> None:
    text = "On spyware freely free programs were sold."
    found = [Finding(11, 17, "freely", "free", 0.62, ("ngram",)),
             Finding(18, 22, "free", "available", neighbour_confidence, ("ngram",))]
    assert apply_steps(text, steps_for(text, found, 0.5)) == restored


def test_a_function_word_english_doubles_is_restored_beside_itself() -> None:
    # "had had", "that that": the doubled-word rule blocked them at any confidence (a review, session 63).
    text = "By then she had possessed enough of it."
    steps = steps_for(text, [Finding(16, 25, "possessed", "had", 0.9, ("ngram",))], 0.5)
    assert apply_steps(text, steps) == "By then she had had enough of it."


def test_a_function_word_english_never_doubles_is_not_put_beside_itself() -> None:
    # Every function word was let through at first: "walked to to the shops" (a review, session 63).
    text = "We walked to towards the shops."
    assert apply_steps(text, steps_for(text, [Finding(13, 20, "towards", "to", 0.9, ("ngram",))], 0.5)) == text
