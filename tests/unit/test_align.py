"""Source <-> spun alignment on handmade cases: swaps, fillers, drops, containment, look-alikes."""

from __future__ import annotations

import re

import pytest

from unspun.alignment import AlignedSpan, Alignment, align, replay
from unspun.errors import MalformedInputError
from unspun.models import Substitution
from unspun.text import words

# An invented news report (the source), another outlet's independent report of the same
# invented event (same names and numbers, other wording), and padding about something else.
SOURCE = """Flood waters on the Marrow River forced 2,300 people out of their homes in Kelbrook on \
Saturday, after three days of heavy rain overwhelmed the town's defences.

Mayor Elena Stroud said the water rose faster than any forecast had predicted. "We had hoped the \
barriers would hold until Sunday morning, but by midnight the lower streets were already under a \
metre of water," she told reporters at the town hall.

Emergency crews used boats to reach families trapped in the old mill district, and at least 40 \
people were taken to St Agnes Hospital with minor injuries. No deaths have been reported.

The regional government has released 12 million euros in emergency aid and sent 300 soldiers to \
help with the clean-up. Officials warned that the river is not expected to fall below its danger \
level before Wednesday.

Residents who were evacuated are being housed in schools and sports halls across the district. \
Many said they had lost everything on the ground floor of their houses."""

OTHER_OUTLET = """About 2,300 residents of Kelbrook spent Saturday night in shelters after the Marrow \
River burst its banks following three days of torrential downpours.

"Nobody expected it to come up so quickly," Mayor Elena Stroud said on Saturday, adding that flood \
barriers in the lower part of the town gave way shortly before midnight.

Rescue teams in boats worked through the night in the old mill district. Forty people were treated \
at St Agnes Hospital for minor injuries, according to hospital staff, and no one is known to have died.

The regional government said it would provide 12 million euros of emergency funding, and the army \
is sending 300 soldiers to assist. Forecasters expect water levels to stay dangerously high until \
at least Wednesday.

Schools and sports halls across the district have been turned into temporary accommodation for \
those forced from their homes."""

# Paragraphs 2 and 3 of SOURCE, spun: synonyms, multi-word swaps, fillers, a dropped word.
SPUN_PART = """Mayor Elena Stroud stated the water climbed faster than any projection had anticipated. "We \
had really hoped the obstacles would hold until Sunday early morning, but by twelve o'clock the lower \
roads were already under a metre of water," she informed press reporters at the community hall.

Emergency teams used watercrafts to get to families caught in the old mill area, as well as at least \
40 people were taken to St Agnes Hospital with small injuries. No fatalities have been reported."""

PRE = """Subscribe to our newsletter for the latest headlines, weather and sport, delivered to your \
inbox every morning before breakfast.

"""
POST = """

In other news, the Kelbrook Rovers beat their neighbours 3-1 in a lively derby on Friday evening, \
with two late goals from a teenage striker sealing a win that lifts them to fourth in the table."""

UNRELATED = """Bake the bread in a hot oven for forty minutes, until the crust is golden and the loaf \
sounds hollow when tapped underneath. Leave it to cool on a wire rack before slicing, or the crumb \
will be gummy. A little steam in the first ten minutes helps the crust to rise and crackle."""


def pairs(alignment: Alignment) -> list[tuple[str, str]]:
    return [(s.source, s.spun) for s in alignment.substitutions]


def check_offsets(source: str, spun: str, alignment: Alignment) -> None:
    for edit in alignment.edits:
        assert source[edit.source_start : edit.source_end] == edit.source
        assert spun[edit.start : edit.end] == edit.spun
    assert replay(source, alignment) == tuple(spun[s.start : s.end] for s in alignment.spans)


def test_single_swap() -> None:
    source = "The minister said the talks went well."
    spun = "The minister stated the talks went well."
    a = align(source, spun)
    assert pairs(a) == [("said", "stated")]
    sub = a.substitutions[0]
    assert (sub.source_start, sub.source_end, sub.start, sub.end) == (13, 17, 13, 19)
    assert a.coverage == 1.0 and a.source_coverage == 1.0
    assert a.matched_words == 6
    assert a.restored == source
    check_offsets(source, spun, a)


def test_equal_length_multi_word_swap_splits_into_word_swaps() -> None:
    source = "The report cites leaked documents from the ministry."
    spun = "The report cites dripped papers from the ministry."
    a = align(source, spun)
    assert pairs(a) == [("leaked", "dripped"), ("documents", "papers")]
    assert a.restored == source
    check_offsets(source, spun, a)


def test_one_word_for_three_is_one_substitution() -> None:
    source = "Russia and NATO held talks in Geneva on Monday."
    spun = "Russia as well as NATO held talks in Geneva on Monday."
    a = align(source, spun)
    assert pairs(a) == [("and", "as well as")]
    assert a.restored == source
    check_offsets(source, spun, a)


def test_inserted_filler_is_an_insertion_before_the_next_source_word() -> None:
    source = "Tensions have reached levels not seen in decades."
    spun = "Tensions have actually reached levels not seen in decades."
    a = align(source, spun)
    assert pairs(a) == [("", "actually ")]
    sub = a.substitutions[0]
    assert sub.source_start == sub.source_end == source.index("reached")
    assert spun[sub.start : sub.end] == "actually "
    assert a.restored == source
    check_offsets(source, spun, a)


def test_dropped_word_is_a_deletion() -> None:
    source = "The very old bridge over the river was closed on Tuesday."
    spun = "The old bridge over the river was closed on Tuesday."
    a = align(source, spun)
    assert pairs(a) == [("very ", "")]
    sub = a.substitutions[0]
    assert sub.start == sub.end == spun.index("old")
    assert a.restored == source
    check_offsets(source, spun, a)


def test_swaps_at_both_ends_of_a_sentence_are_restored() -> None:
    source = "Tensions reached levels not seen since"
    spun = "Stress reached degrees not seen because"
    a = align(source, spun)
    assert pairs(a) == [("Tensions", "Stress"), ("levels", "degrees"), ("since", "because")]
    assert a.coverage == 1.0 and a.restored == source


@pytest.mark.parametrize(("before", "after"), [
    ("Kelbrook floods\n\n", ""),  # a headline line
    ("Share this:\n", "\nSource: AFP"),
    ("", "\n\nRead more"),
])
def test_a_line_only_the_copy_has_around_it_is_not_part_of_the_copy(before: str, after: str) -> None:
    # Taken in as an insertion, such a line made a faithful copy "spun".
    spun = before + SOURCE + after
    a = align(SOURCE, spun)
    assert pairs(a) == [] and a.restored == spun
    assert spun[a.spans[0].start : a.spans[-1].end] == SOURCE
    check_offsets(SOURCE, spun, a)


@pytest.mark.parametrize(("source", "spun"), [
    (SOURCE, "KELBROOK, England (AP) \u2014 " + SOURCE),  # the agency's dateline
    (SOURCE, "Kelbrook (Reuters) - " + SOURCE),
    (SOURCE, SOURCE + " \u2014 Reuters"),  # its credit after the last stop
    (SOURCE, SOURCE + " (AFP)"),
    (SOURCE[:-1], SOURCE[:-1] + " (AFP)"),  # after a story ending without a stop (a team list)
    (SOURCE, "MOSCOW, Dec 5 (Reuters) - " + SOURCE),
    ("KELBROOK (AP) \u2014 " + SOURCE, SOURCE),  # the original's own, left out of the copy
])
def test_a_dateline_or_a_credit_on_the_storys_own_line_is_not_part_of_the_copy(source: str, spun: str) -> None:
    # Taken in as an insertion (at most four words on the span's line), an agency's dateline
    # made a faithful copy "spun" (a helper's trace audit).
    a = align(source, spun)
    assert a.edits == () and a.restored == spun
    check_offsets(source, spun, a)


@pytest.mark.parametrize(("spun", "inserted"), [
    ("Indeed \u2014 " + SOURCE, "Indeed \u2014 "),  # a filler before a dash is no dateline
    ("Indeed: " + SOURCE, "Indeed: "),
    (SOURCE + " Indeed.", " Indeed."),  # a sentence after the last stop is no credit
    (SOURCE[:-1] + " (reportedly)", " (reportedly)"),
])
def test_a_spinners_words_set_off_at_the_edge_are_still_listed(spun: str, inserted: str) -> None:
    source = SOURCE[:-1] if "reportedly" in inserted else SOURCE
    assert pairs(align(source, spun)) == [("", inserted)]


def test_a_swapped_line_at_the_start_of_both_texts_is_taken_in() -> None:
    source = "Floods force thousands out\n\n" + SOURCE
    spun = "Deluges force thousands out\n\n" + SOURCE
    assert pairs(align(source, spun)) == [("Floods", "Deluges")]
    # A filler on the first line, as spinners insert them, is still one.
    spun = "Actually, flood" + SOURCE[len("Flood"):]
    assert pairs(align(SOURCE, spun)) == [("", "Actually, ")]


def test_a_headline_repeating_the_opening_words_leaves_the_sentence_under_it_aligned() -> None:
    # The longest chain of seeds matched the source's opening to the headline's exact words
    # and left the spun sentence under it unaligned, its swaps missed (a spinner leaves a
    # headline alone more often than a sentence).
    headline = "Flood Waters on the Marrow River Forced 2,300 People Out\n\n"
    spun = headline + SOURCE.replace("River forced 2,300 people out of their homes",
                                     "Stream forced 2,300 individuals out of their residences", 1)
    a = align(SOURCE, spun)
    assert pairs(a)[:3] == [("River", "Stream"), ("people", "individuals"), ("homes", "residences")]
    assert a.spans[0].start == len(headline) and a.restored == headline + SOURCE
    check_offsets(SOURCE, spun, a)


@pytest.mark.parametrize(("spun", "changed"), [
    # The sentence under a headline opens with swaps of other lengths than the source's words.
    ("Kelbrook floods\n\nThe high waters of" + SOURCE[len("Flood waters on") :], "The high waters of"),
    # The story's last words are, and a credit line follows.
    (SOURCE.replace("their houses.", "their family homes.") + "\n\nSource: AFP", "family homes"),
])
def test_swaps_at_the_edge_of_a_copy_next_to_a_line_of_its_own_are_listed(spun: str, changed: str) -> None:
    # The words before the first span were taken in only when on the span's line in both
    # texts or on lines of their own in both: the line only the copy has kept them out.
    a = align(SOURCE, spun)
    assert a.substitutions and all(s.spun in changed for s in a.substitutions)
    assert "Kelbrook floods" not in spun[a.spans[0].start :] and "AFP" not in spun[: a.spans[-1].end]
    assert a.restored.replace("Kelbrook floods\n\n", "").replace("\n\nSource: AFP", "") == SOURCE
    check_offsets(SOURCE, spun, a)


def _hard_wrapped(text: str, width: int = 70) -> str:
    import textwrap

    return "\n\n".join(textwrap.fill(paragraph, width) for paragraph in text.split("\n\n"))


@pytest.mark.parametrize("headline", ["Floods force 2,300 from homes in Kelbrook\n",
                                      "Flood Waters on the Marrow River Forced 2,300 People Out\n"])
def test_a_headline_over_a_hard_wrapped_copy_leaves_the_sentence_under_it_aligned(headline: str) -> None:
    # In a hard-wrapped text only a blank line parted lines, so a headline one line break
    # above the story took the source's opening from the wrapped sentence under it: its
    # swaps were missed, and a faithful copy under its own title was often "spun".
    faithful = headline + _hard_wrapped(SOURCE)
    assert align(SOURCE, faithful).substitutions == ()
    spun = headline + _hard_wrapped(SOURCE.replace("River forced 2,300 people out of their homes",
                                                   "Stream forced 2,300 individuals out of their residences", 1))
    a = align(SOURCE, spun)
    assert pairs(a)[:3] == [("River", "Stream"), ("people", "individuals"), ("homes", "residences")]
    assert a.spans[0].start == len(headline)
    check_offsets(SOURCE, spun, a)


def test_a_wrapped_first_line_before_a_long_capitalised_word_is_no_heading() -> None:
    # "... fixes to the Castle at\nWestminster": the line ends short of the width before a
    # long word, and was taken for a heading; its swaps were left out (a review, session 53).
    source = ("Ministers said on Tuesday that long delayed repairs to the Palace of Westminster would begin in "
              "the spring after engineers found serious faults in its roof. Officials said the work would cost "
              "billions.\n\n" + SOURCE)
    spun = _hard_wrapped(source.replace("Ministers said on Tuesday that long delayed repairs to the Palace of",
                                        "Clergymen stated on Tues that long postponed fixes to the Castle at", 1), 77)
    a = align(source, spun)
    assert pairs(a)[:3] == [("Ministers", "Clergymen"), ("said", "stated"), ("Tuesday", "Tues")]
    check_offsets(source, spun, a)


def test_a_crlf_line_break_is_no_blank_line() -> None:
    # A single CRLF was read as a blank line, so a hard-wrapped Windows text parted every line.
    from unspun.alignment import _prepare

    text = "one two\r\nthree four\r\nfive six\r\n\r\nSeven"
    prepared = _prepare(text)
    assert [text[prepared.starts[k] :].split()[0] for k in prepared.line_starts(True)] == ["Seven"]


def test_a_headline_made_of_the_first_clause_is_not_aligned_again() -> None:
    # Left out of the in-order alignment, a headline of twelve words or more went to the moved
    # paragraphs' pass, which aligned it with the first sentence again and took the rest of
    # that sentence in as a deletion: a faithful copy under it was "spun".
    headline = "Flood waters on the Marrow River forced 2,300 people out of their homes in Kelbrook\n\n"
    a = align(SOURCE, headline + SOURCE)
    assert a.edits == () and [(s.start, s.end) for s in a.spans] == [(len(headline), len(headline + SOURCE))]
    spun = headline + SOURCE.replace("heavy rain", "torrential rain", 1)
    assert pairs(align(SOURCE, spun)) == [("heavy", "torrential")]


def test_short_lines_run_together_are_one_copy() -> None:
    # A step over a line break only one text has cost as much as a jump: a copy that ran a
    # list's (or a poem's) short lines together broke into pieces, a swap missed.
    source = ("Heavy rain fell across the valley on Monday.\nThe river rose two metres overnight.\n"
              "Crews closed the old stone bridge.\nSchools in Kelbrook stayed shut.\n"
              "The mayor asked people to stay at home.\nThe army sent boats to the town.\n"
              "Power was cut to 300 homes.\nMore rain is expected on Thursday.")
    swaps = [("fell", "dropped"), ("closed", "shut"), ("asked", "requested"), ("expected", "anticipated")]
    spun = source.replace("\n", " ")
    for before, after in swaps:
        spun = spun.replace(before, after)
    for copy, original in [(spun, source), (source.replace("\n", " "), spun.replace(". ", ".\n"))]:
        a = align(original, copy)
        assert a.coverage == 1.0 and len(a.spans) == 1
        assert {tuple(sorted(pair)) for pair in pairs(a)} == {tuple(sorted(pair)) for pair in swaps}
        check_offsets(original, copy, a)


def test_an_edit_is_replayed_in_its_own_span_only() -> None:
    # A deletion at the end of one span stands at the start of the next when a moved
    # paragraph's span follows there: it was applied to both.
    source, spun = "alpha beta gamma delta", "alpha gamma delta"
    deletion = Substitution(" beta", "", 5, 10, 5, 5)
    spans = (AlignedSpan(0, 10, 0, 5), AlignedSpan(10, 22, 5, 17))
    alignment = Alignment((deletion,), (deletion,), spans, 1.0, 1.0, 3, source)
    assert replay(source, alignment) == (spun[:5], spun[5:])


def test_a_span_taken_on_to_a_sentence_end_holds_its_edits() -> None:
    # Taken on to its sentence's end inside a block of matches, a span edited the whole block,
    # past its own end: the restored text was not the spun one with the spans' edits undone.
    source, spun = "3.5!e\u2028,(.of)", "3.5!x\u2028,(.of )e e f r"
    a = align(source, spun)
    assert all(any(s.start <= e.start and e.end <= s.end for s in a.spans) for e in a.edits)
    # (Its four words after the source's end are the rest of both texts, taken in: MAX_EDGE_TOKENS.)
    assert a.restored == "3.5!e\u2028,(.of)"
    check_offsets(source, spun, a)


def test_case_apostrophe_and_whitespace_changes_are_edits_not_substitutions() -> None:
    source = "Lavrov said Moscow's reply\nwas ready. it came on Monday."
    spun = "Lavrov said Moscow’s reply was ready. It came on Monday."
    a = align(source, spun)
    assert a.substitutions == ()
    assert [(e.source, e.spun) for e in a.edits] == [("Moscow's", "Moscow’s"), ("\n", " "), ("it", "It")]
    assert a.restored == source
    assert a.coverage == 1.0
    check_offsets(source, spun, a)


def test_identical_texts_align_completely_without_edits() -> None:
    a = align(SOURCE, SOURCE)
    assert a.edits == () and a.substitutions == ()
    assert a.coverage == 1.0 and a.source_coverage == 1.0
    assert a.matched_words == len(words(SOURCE))
    assert a.restored == SOURCE
    assert [(s.start, s.end) for s in a.spans] == [(0, len(SOURCE))]


@pytest.mark.parametrize(
    ("source", "spun"), [("", ""), ("Some source text.", ""), ("", "Some spun text."), ("   ", "\n\n"), (".,;", "!?")]
)
def test_empty_inputs(source: str, spun: str) -> None:
    a = align(source, spun)
    assert a.spans == () and a.edits == ()
    assert a.coverage == 0.0 and a.source_coverage == 0.0 and a.matched_words == 0
    assert a.restored == spun


def test_unrelated_text_has_no_coverage() -> None:
    a = align(SOURCE, UNRELATED)
    assert a.coverage == 0.0
    assert a.substitutions == () and a.restored == UNRELATED


def test_another_outlets_report_of_the_same_event_gets_low_coverage() -> None:
    # Same names, numbers and phrases ("the old mill district", "12 million euros"), other wording.
    a = align(SOURCE, OTHER_OUTLET)
    assert a.coverage < 0.1
    b = align(OTHER_OUTLET, SOURCE)
    assert b.coverage < 0.1


def test_spun_whole_article_aligns_and_restores() -> None:
    paragraphs = SOURCE.split("\n\n")
    spun_source = "\n\n".join([paragraphs[0], SPUN_PART, *paragraphs[3:]])
    a = align(SOURCE, spun_source)
    assert a.coverage == 1.0 and a.source_coverage == 1.0
    assert len(a.spans) == 1
    assert a.restored == SOURCE
    check_offsets(SOURCE, spun_source, a)


def test_containment_with_padding_on_both_sides() -> None:
    page = PRE + SPUN_PART + POST
    a = align(SOURCE, page)
    part_start, part_end = len(PRE), len(PRE) + len(SPUN_PART)

    # Only the copied paragraphs are aligned, and all of them.
    assert a.spans
    assert all(part_start <= s.start and s.end <= part_end for s in a.spans)
    assert sum(words(page[s.start : s.end]).__len__() for s in a.spans) == len(words(SPUN_PART))
    assert a.coverage == pytest.approx(len(words(SPUN_PART)) / len(words(page)))
    paragraphs = SOURCE.split("\n\n")
    copied = "\n\n".join(paragraphs[1:3])
    assert a.source_coverage == pytest.approx(len(words(copied)) / len(words(SOURCE)))

    # Every difference is found and restored; the padding is left alone.
    assert a.restored == PRE + copied + POST
    found = pairs(a)
    for swap in [
        ("said", "stated"),
        ("rose", "climbed"),
        ("forecast", "projection"),
        ("predicted", "anticipated"),
        ("", "really "),
        ("barriers", "obstacles"),
        ("streets", "roads"),
        ("town", "community"),
        ("trapped", "caught"),
        ("district", "area"),
        ("and", "as well as"),
        ("minor", "small"),
        ("deaths", "fatalities"),
    ]:
        assert swap in found
    assert all(part_start <= s.start and s.end <= part_end for s in a.substitutions)
    check_offsets(SOURCE, page, a)


def test_two_copied_regions_make_two_spans() -> None:
    paragraphs = SOURCE.split("\n\n")
    page = paragraphs[0] + "\n\n" + UNRELATED + "\n\n" + paragraphs[4]
    a = align(SOURCE, page)
    assert [page[s.start : s.end] for s in a.spans] == [paragraphs[0], paragraphs[4]]
    assert [SOURCE[s.source_start : s.source_end] for s in a.spans] == [paragraphs[0], paragraphs[4]]
    assert a.edits == ()
    check_offsets(SOURCE, page, a)


def test_a_copy_that_moved_its_paragraphs_is_aligned_whole() -> None:
    # Content farms reorder paragraphs too; aligned in order only, the moved ones were left
    # out, their swaps unlisted (41% of the substitutions of 29 reordered BBC spins).
    paragraphs = SOURCE.split("\n\n")
    spun_paragraphs = SPUN_PART.split("\n\n")  # paragraphs 2 and 3 of SOURCE, spun
    page = "\n\n".join([paragraphs[0], paragraphs[4], spun_paragraphs[0], paragraphs[3]])
    in_order = align(SOURCE, "\n\n".join([paragraphs[0], spun_paragraphs[0], paragraphs[3], paragraphs[4]]))
    a = align(SOURCE, page)
    assert a.coverage == 1.0 and in_order.coverage == 1.0
    assert pairs(a) == pairs(in_order) and len(pairs(a)) > 8
    assert a.restored == "\n\n".join([paragraphs[0], paragraphs[4], paragraphs[1], paragraphs[3]])
    assert [e.start for e in a.edits] == sorted(e.start for e in a.edits)
    check_offsets(SOURCE, page, a)


def test_unrelated_padding_stays_unaligned_when_looked_at_again() -> None:
    page = SPUN_PART + "\n\n" + UNRELATED + "\n\n" + OTHER_OUTLET
    a = align(SOURCE, page)
    assert page[a.spans[-1].end :].strip().startswith(UNRELATED[:20])
    assert all(s.end <= len(SPUN_PART) for s in a.spans)


def test_edits_are_sorted_and_disjoint_on_both_sides() -> None:
    page = PRE + SPUN_PART + POST
    a = align(SOURCE, page)
    for before, after in zip(a.edits, a.edits[1:], strict=False):
        assert before.end <= after.start
        assert before.source_end <= after.source_start
    assert set(a.substitutions) <= set(a.edits)


def test_long_repetitive_text_aligns_beyond_the_seed_limit() -> None:
    # "the the the" occurs too often to seed; the exact runs from both ends still align.
    source = "the " * 1500 + "end"
    spun = "the " * 700 + "really " + "the " * 800 + "end"
    a = align(source, spun)
    assert a.coverage == 1.0
    assert pairs(a) == [("", "really ")]
    check_offsets(source, spun, a)


def test_to_dict_is_plain_data() -> None:
    a = align("The minister said so.", "The minister stated so.")
    data = a.to_dict()
    assert data["coverage"] == 1.0
    assert data["substitutions"] == [
        {"source": "said", "spun": "stated", "source_start": 13, "source_end": 17, "start": 13, "end": 19}
    ]
    assert data["spans"] == [{"source_start": 0, "source_end": 21, "start": 0, "end": 23}]
    assert set(data) == {"coverage", "source_coverage", "matched_words", "spans", "substitutions", "edits", "restored"}


def _broken_at_line_ends(text: str, words_broken: dict[str, str]) -> str:
    """``text`` with each word of ``words_broken`` broken as a PDF's justified lines break it."""
    for word, broken in words_broken.items():
        text = text.replace(f" {word} ", f" {broken}\n", 1)
    return text


BROKEN = {"people": "peo-\nple", "Kelbrook": "Kel-\nbrook", "their": "th-\neir"}


@pytest.mark.parametrize("which", ["source", "copy"])
def test_a_word_broken_at_a_line_end_is_no_substitution(which: str) -> None:
    broken = _broken_at_line_ends(SOURCE, BROKEN)
    assert broken.count("-\n") == 3
    source, copy = (broken, SOURCE) if which == "source" else (SOURCE, broken)
    alignment = align(source, copy)
    assert alignment.substitutions == ()
    spun = copy.replace("forced", "compelled")
    assert [(s.source, s.spun) for s in align(source, spun).substitutions] == [("forced", "compelled")]


def test_a_line_repeated_down_the_page_aligns_every_time() -> None:
    # Its 3-token runs stand more than MAX_SEED_OCCURRENCES times in the source: none seeded,
    # and only 6 of the 15 swaps below were found (coverage 0.7).
    line = "The council said on Monday that it would raise the rates by 5% in March. "
    source = line * 30
    spun = source.replace("raise", "increase", 15)
    a = align(source, spun)
    assert [(s.source, s.spun) for s in a.substitutions] == [("raise", "increase")] * 15
    assert a.coverage == 1.0 and a.restored == source


def test_the_frontier_of_chains_answers_as_a_search_of_every_chain() -> None:
    import random

    from unspun.alignment import _PrefixBest

    rng = random.Random(5)
    for _ in range(200):
        frontier, added = _PrefixBest(), []
        for index in range(rng.randrange(1, 40)):
            entry = (float(rng.randrange(12)), index)
            position = rng.randrange(15)
            frontier.add(position, entry)
            added.append((position, entry))
            for bound in range(17):
                below = [e for p, e in added if p < bound]
                assert frontier.below(bound) == (max(below) if below else (float("-inf"), -1))
        positions = frontier._positions
        assert positions == sorted(set(positions)) and frontier._entries == sorted(frontier._entries)


@pytest.mark.parametrize(("source", "spun", "message"), [
    (None, "x", "align() takes two str, but source is NoneType"),
    ("x", b"y", "align() takes two str, but spun is bytes"),
])
def test_align_wants_two_texts(source: object, spun: object, message: str) -> None:
    with pytest.raises(TypeError, match=re.escape(message)):
        align(source, spun)  # type: ignore[arg-type]


def test_align_refuses_a_lone_surrogate_as_check_does() -> None:
    # It was aligned, and its restored text could not be written (an audit, session 62).
    with pytest.raises(MalformedInputError, match=re.escape("the spun text holds a lone surrogate (\\ud800) at character 2")):
        align("a b", "a \ud800 b")


@pytest.mark.parametrize("end", [".", " of 2.", " by vitamin D.", " under Plan B.", " said Brown Jr."])
def test_a_faithful_copy_that_moved_a_paragraph_lists_no_substitution(end: str) -> None:
    # The first paragraph moved after the second: a match ran on from the second's stop into
    # the "The" opening the moved one, which the source has at its third paragraph's start,
    # and the moved paragraph was aligned again without its own "The": "The -> (nothing)".
    first = "The risk of pets and children being hurt was raised by the minister on Monday."
    second = ("Campaigners welcomed the plan but said it came too late for many families who had waited years. "
              "They said the council had ignored warnings from parents and teachers for a decade. "
              "A spokesman for the council said it had acted as soon as the law allowed it to. "
              "Local papers had reported several incidents in parks and playgrounds since the spring")
    # A paragraph ends at its stop whatever the word before it: "Plan B." is no initial there,
    # nor "2." a number's (a review, session 63).
    second += end
    third = "The proposals will be debated in parliament next month before a vote in the spring."
    source, copy = "\n\n".join([first, second, third]), "\n\n".join([second, first, third])
    a = align(source, copy)
    assert a.substitutions == ()
    assert a.restored == copy and a.coverage == 1.0
    check_offsets(source, copy, a)


def test_a_moved_paragraph_that_opens_as_another_does_lists_no_substitution() -> None:
    # The moved paragraph and the one after it both open with "South Korea's": the run of
    # matches went on from the second paragraph's stop into the moved one's first two words
    # (the source's third paragraph opens so), and the moved paragraph was aligned again
    # without them: "South Korea's -> (nothing)" (session 63's Left). Two words of a sentence
    # of twenty are no copy of it.
    first = ("South Korea's Hyundai Motor has announced that it plans to build a second plant in India to meet "
             "the country's growing demand for cars.")
    second = ("The company did not give details of its investment but it said the new plant would produce "
              "150,000 cars a year. The new plant will be built close to the existing one in Chennai.")
    third = ("South Korea's top car maker estimates that the Indian market will grow 15% this year, to 920,000 "
             "vehicles, reaching 1.6 million vehicles by 2010.")
    source, copy = "\n\n".join([first, second, third]), "\n\n".join([second, first, third])
    a = align(source, copy)
    assert a.substitutions == ()
    assert a.restored == copy
    check_offsets(source, copy, a)


def test_a_heavily_spun_sentence_before_the_copy_goes_its_own_way_keeps_its_swaps() -> None:
    # Its few matches spread over the sentence ("A", "is being") are no chance run of its
    # opening words: trimmed, its swaps went unlisted and the copy read as faithful (a review
    # of the rule above, session 64).
    source = ("The makers of programs that secretly spy on what people do with their home computers could face "
              "hefty fines in California. A new law is being introduced to protect computer users from software "
              "known as spyware, officials said on Monday in Sacramento. The legislation was approved by the "
              "governor on Friday and takes effect next year.")
    copy = ("The makers of programs that secretly spy on what people do with their home computers could face "
            "hefty fines in California. A fresh statute is being brought in to shield PC clients from programming "
            "named as adware, authorities stated on Monday in the state capital. Meanwhile, the weather in Oregon "
            "stayed warm all week, with sunshine expected to continue.")
    a = align(source, copy)
    assert ("new", "fresh") in [(s.source, s.spun) for s in a.substitutions]
    check_offsets(source, copy, a)


_STORY = ("The makers of programs that secretly spy on what people do with their home computers could face "
          "hefty fines in California. A new law is being introduced to protect computer users from software "
          "known as spyware. The legislation was approved by the governor on Friday.")


def test_a_copy_s_last_sentence_spun_at_half_its_words_is_listed_whole() -> None:
    # Nothing after the sentence paid for its swaps: it fell out of the span, its swaps
    # unlisted, and a trace called the copy clean (an audit, session 63).
    last = "Currently users wanting protection from spyware have turned to free programs such as Spybot and Ad-Aware."
    spun = ("Currently selfish persons looking for covering from spyware have actually addressed turn over software "
            "systems such as Spybot as well as Ad-Aware.")
    source, copy = f"{_STORY} {last}", f"{_STORY} {spun}"
    a = align(source, copy)
    assert a.coverage == 1.0 and a.restored == source
    check_offsets(source, copy, a)


def test_a_closing_sentence_only_one_text_has_is_no_substitution() -> None:
    # Taking in every match to the edge made chance words of two different closing sentences
    # ("The ... of the ... .") substitutions: a faithful copy was "spun" (a review, session 63).
    theirs = ("The minister said on Monday that the new rules would come into force in the spring of next year, "
              "after a long consultation with the industry.")
    ours = ("The weather in the north of the country was cold and wet for most of the week, and a storm is "
            "expected at the weekend.")
    assert align(f"{_STORY} {theirs}", f"{_STORY} {ours}").substitutions == ()
    assert align(f"{theirs} {_STORY}", f"{ours} {_STORY}").substitutions == ()


def test_an_abbreviation_s_stop_and_a_short_sentence_both_hold_stay_in_the_span() -> None:
    # Cut at "Mr." and trimmed as a one-word sentence, "Mr." fell out of a partial copy's span,
    # and so did a closing "Why?" (a review, session 63).
    body = ("Mr. Smith welcomed the plan but said it came too late for many families who had waited years. "
            "They said the council had ignored warnings from parents and teachers for a decade. Why?")
    source = (f"Officials confirmed a budget on Friday for roads and bridges. {body} Officials expect disputes "
              "over funding to continue into the winter.")
    copy = f"Readers wrote in about many topics this week including gardening. {body} Letters are edited for length."
    (span,) = align(source, copy).spans
    assert copy[span.start : span.end] == body
