"""An audit of session 36's changes (moved-paragraph alignment, edge lines, straight quotes,
ligatures in read_through): each test failed on the code as audited and shows the bug it
fixed ("Bug:" in a test's comment says what was wrong)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from unspun import Document, Index, check
from unspun.alignment import align
from unspun.detect.context import TextContext
from unspun.disguise import read_through
from unspun.pipeline import trace
from unspun.restore import restore_and_explain

from .test_align import SOURCE, check_offsets

PARAGRAPHS = SOURCE.split("\n\n")
# A sentence of the copier's own, about something else, that happens to share one stock
# phrase ("said the water rose faster than") with the source's second paragraph.
OWN_SENTENCE = ("On the coast, a lifeguard who has worked there for thirty years said the water rose "
                "faster than he had ever seen.")


def test_moved_pass_does_not_align_an_unrelated_sentence_in_a_faithful_copy() -> None:
    # Bug: each leftover stretch is re-aligned by _align_in_order with the span bar scaled to
    # the stretch (MIN_SPAN_SHARE * its 22 words = 5.5, not MIN_SPAN_SCORE 8), so a 6-word
    # stock phrase in an added sentence becomes a span and its edge words become
    # "substitutions" ("any forecast" -> "he", "predicted" -> "ever seen"). A faithful copy
    # with one added sentence is then reported as spun, with invented swaps.
    spun = "\n\n".join([*PARAGRAPHS[:2], OWN_SENTENCE, *PARAGRAPHS[2:]])
    alignment = align(SOURCE, spun)
    check_offsets(SOURCE, spun, alignment)
    added = spun.index(OWN_SENTENCE)
    assert alignment.substitutions == ()
    assert not [s for s in alignment.spans if added <= s.start and s.end <= added + len(OWN_SENTENCE)]


def test_trace_calls_a_faithful_copy_with_an_added_sentence_spun(tmp_path: Path) -> None:
    # The same bug, as a user meets it: trace's verdict flips from clean to spun and two
    # "source" findings are reported on words the copier wrote, not swapped.
    with Index.create(tmp_path / "o.db") as index:
        index.add([Document("flood", "Flood", SOURCE)])
    spun = "\n\n".join([*PARAGRAPHS[:2], OWN_SENTENCE, *PARAGRAPHS[2:]])
    with Index.open(tmp_path / "o.db", readonly=True) as index:
        report = trace(spun, index)
    assert [f.text for f in report.findings if "source" in f.evidence] == []
    assert report.verdict != "spun"


def test_hard_wrapped_source_keeps_the_swap_at_the_copy_end() -> None:
    # Bug: _same_lines asks only whether a line break lies anywhere in the edge words, so a
    # source hard-wrapped as PDF or e-mail text ("ground floor of\ntheir houses.") no longer
    # takes in the swapped words at the end of an unwrapped copy: "their houses" -> "the
    # homes they rented" is lost and coverage drops (the code before 52ce53b found it, and
    # finds it with the unwrapped source). Hard-wrapped copies are what this series targets.
    wrapped = "\n\n".join(textwrap.fill(p, 40) for p in PARAGRAPHS)
    spun = SOURCE.replace("floor of their houses.", "floor of the homes they rented.")
    assert [(s.source, s.spun) for s in align(SOURCE, spun).substitutions] == [("their houses", "the homes they rented")]
    alignment = align(wrapped, spun)
    check_offsets(wrapped, spun, alignment)
    assert [(s.source, s.spun) for s in alignment.substitutions] == [("their houses", "the homes they rented")]


def test_read_through_hyphen_join_before_a_lookalike_does_not_crash() -> None:
    # Bug: read_through finds look-alikes (lookalike_at) in the reading before the line-end
    # hyphens are removed, then maps them through the origin list filtered after removal:
    # every index after a join is off by the characters dropped, so _disguised_words looks up
    # a plain letter in LOOKALIKES (KeyError) or runs past the end (IndexError). A PDF copy
    # with one disguised word crashes check(), find() and trace().
    zipf = {"irregular": 3.9}.get
    reading = read_through("The irregu-\nlar forces of R\u0430ssia moved on.", lambda w: zipf(w, 0.0))
    assert reading.text == "The irregular forces of Rassia moved on."
    assert [w.text for w in reading.disguised] == ["R\u0430ssia"]


def test_check_survives_a_pdf_hyphen_join_and_a_lookalike() -> None:
    # The same bug through the public API: check() raises KeyError('s').
    report = check("The irregu-\nlar forces of R\u0430ssia moved on the town.")
    assert any(f.kind == "disguise" and f.text == "R\u0430ssia" for f in report.findings)


def test_ligature_and_zero_width_space_in_one_word_is_a_disguise() -> None:
    # Bug: _disguised_words skips a word when its text is as long as its reading ("nothing
    # dropped inside"); a ligature adds a letter and a zero-width space drops one, so
    # "\ufb01\u200brst" (6 chars, read "first") passes as undisguised: not reported, and the
    # restored text keeps the invisible character. "fi\u200brst" is caught.
    reading = read_through("The \ufb01\u200brst day")
    assert [w.text for w in reading.disguised] == ["\ufb01\u200brst"]
    restored, _ = restore_and_explain("On the \ufb01\u200brst day the talks ended.")
    assert "\u200b" not in restored


def test_straight_quote_after_a_dash_before_a_comma_closes() -> None:
    # Bug: _straight_quote_opens reads '"' after a dash or hyphen as opening whenever a
    # non-space follows, so the closing mark of '"Stop—",' or '"pre-",' opens a quotation and
    # the narration after it (to the paragraph's end) is read as quoted: every word there is
    # protected and no swap in it is found. Toggling (before 7cea479) read both right.
    for text, narration in [('He shouted "Stop\u2014", and the crowd ran off down the hill.', "crowd"),
                            ('The prefixes "pre-", "post-" and "anti-", all common, are joined to words.', "common")]:
        context = TextContext.build(text)
        quoted = [context.tokens[i].text for i, w in context.words.items() if w.in_quote]
        assert narration not in quoted, (text, quoted)
