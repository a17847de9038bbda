"""Disguised words: invisible characters and look-alike letters inside words, and styled
letters, read as a person reads them, with offsets into the text as given."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unspun import check
from unspun.disguise import LOOKALIKES, read_through
from unspun.eval.disguiser import disguise
from unspun.index import Index
from unspun.ingest import Document
from unspun.pipeline import SOURCE_FOUND, find, trace
from unspun.restore import apply_steps, restore_and_explain

ZWSP, ZWJ, SOFT_HYPHEN = "\u200b", "\u200d", "\u00ad"
CYRILLIC_A, CYRILLIC_O = "\u0430", "\u043e"


def test_a_plain_text_is_read_as_it_is() -> None:
    text = "The irregular woodland beat the baseline, café and naïve included."
    reading = read_through(text)
    assert reading.unchanged and reading.text is text and reading.disguised == ()


def test_invisible_characters_inside_a_word_are_read_through_and_reported() -> None:
    text = f"Its mem{ZWSP}ber{ZWJ}ship grew."
    reading = read_through(text)
    assert reading.text == "Its membership grew."
    (word,) = reading.disguised
    assert text[word.start : word.end] == word.text == f"mem{ZWSP}ber{ZWJ}ship"
    assert (word.shown, word.invisible, word.lookalikes) == ("membership", 2, 0)
    assert "U+200B" in word.describe() and "U+200D" in word.describe()
    start = reading.text.index("membership")
    assert reading.span(start, start + len("membership")) == (word.start, word.end)
    assert reading.span(0, 3) == (0, 3)  # before any dropped character


def test_a_soft_hyphen_is_read_through_but_is_no_disguise() -> None:
    reading = read_through(f"the member{SOFT_HYPHEN}ship")
    assert reading.text == "the membership" and reading.disguised == ()


def test_a_keycap_emoji_is_no_disguise() -> None:
    # "1\ufe0f\u20e3" was a disguised word, and its restoration dropped the selector.
    text = "Press 1\ufe0f\u20e3 or #\ufe0f\u20e3 for sales, the firm said on Monday."
    report = check(text)
    assert [f for f in report.findings if f.kind == "disguise"] == []
    assert report.restored == text


def test_look_alike_letters_in_a_latin_word_are_read_as_latin() -> None:
    text = f"R{CYRILLIC_O}ssia and M{CYRILLIC_O}sc{CYRILLIC_O}w"
    reading = read_through(text)
    assert reading.text == "Rossia and Moscow"
    assert [(w.text, w.lookalikes) for w in reading.disguised] == [(f"R{CYRILLIC_O}ssia", 1),
                                                                  (f"M{CYRILLIC_O}sc{CYRILLIC_O}w", 2)]
    assert "Cyrillic" in reading.disguised[1].describe()


def test_russian_and_greek_stay_what_they_are() -> None:
    for text in ("Россия готова продолжить диалог с США.", "Η Ρωσία είναι έτοιμη.", "сор и рок"):
        assert read_through(text).unchanged, text


def test_a_whole_word_of_look_alikes_is_latin_only_in_a_latin_text() -> None:
    cap = "\u0441\u0430\u0440"  # "сар": Cyrillic letters drawn as "cap"
    english = f"He wore a {cap} to the long meeting with the minister and his advisers."
    assert read_through(english).text == english.replace(cap, "cap")
    assert read_through(f"{cap} и вор").unchanged


def test_styled_letters_are_read_as_plain_ones_but_are_no_disguise() -> None:
    text = "Ｔｅｎｓｉｏｎｓ rose to 𝐥𝐞𝐯𝐞𝐥𝐬 unseen."
    reading = read_through(text)
    assert reading.text == "Tensions rose to levels unseen." and reading.styled == 14 and reading.disguised == ()
    assert len(reading.text) == len(text)


def test_full_width_punctuation_is_read_as_ascii_but_not_counted_as_styled() -> None:
    # A Chinese paragraph's commas counted as "styled letters" (an audit, session 62).
    reading = read_through("We used an irregular woodland（RF），which worked：well. Ｗｅｌｌ！")
    assert reading.text == "We used an irregular woodland(RF),which worked:well. Well!"
    assert reading.styled == 4  # the letters of "Ｗｅｌｌ", not its "！" nor the other signs
    # Chinese, Japanese and Korean are written with full-width letters and digits too.
    japanese = read_through("２０２３年４月１日、東京都はＡＩ技術を導入した。")
    assert japanese.text == "2023年4月1日、東京都はAI技術を導入した。" and japanese.styled == 0
    assert read_through("東京の 𝐥𝐞𝐯𝐞𝐥𝐬").styled == 6  # mathematical letters are styled anywhere


INVISIBLES = st.sampled_from([ZWSP, ZWJ, "\u2060", "\ufeff", "\u200e", SOFT_HYPHEN, "\ufe0f"])


@given(st.lists(st.tuples(st.sampled_from(["random", "forest", "the", "Moscow", "a", ",", " ", "\n"]),
                          st.lists(INVISIBLES, max_size=2)), max_size=30))
def test_every_span_of_the_reading_slices_the_text_to_the_same_words(pieces: list[tuple[str, list[str]]]) -> None:
    text = "".join(piece[: len(piece) // 2] + "".join(hidden) + piece[len(piece) // 2 :] for piece, hidden in pieces)
    reading = read_through(text)
    for start in range(len(reading.text) + 1):
        for end in range(start, len(reading.text) + 1):
            first, last = reading.span(start, end)
            assert 0 <= first <= last <= len(text)
            assert read_through(text[first:last]).text == reading.text[start:end]


@given(st.lists(st.tuples(st.sampled_from(["\ufb01rst", "o\ufb03ce", "\ufb02ight", "the", "\uff54\uff45\uff4e", " ", "\n"]),
                          st.lists(INVISIBLES, max_size=2)), max_size=30))
def test_ligatures_are_read_as_their_letters_and_words_slice_back(pieces: list[tuple[str, list[str]]]) -> None:
    import re

    text = "".join(piece[: len(piece) // 2] + "".join(hidden) + piece[len(piece) // 2 :] for piece, hidden in pieces)
    reading = read_through(text)
    assert not re.search("[\ufb00-\ufb06]", reading.text)
    assert reading.position(len(reading.text)) == len(text)
    positions = [reading.position(offset) for offset in range(len(reading.text) + 1)]
    assert positions == sorted(positions)
    for word in re.finditer(r"\w+", reading.text):
        first, last = reading.span(word.start(), word.end())
        assert read_through(text[first:last]).text == word.group()


def test_a_faithful_copy_with_ligatures_traces_clean(originals_index: Index) -> None:
    # Text copied from a PDF keeps "ﬁ" and "ﬂ"; the aligner read "ﬁrst" as a substitution
    # for "first", and the page as spun.
    from tests.integration.test_trace import ORIGINALS

    copy = ORIGINALS[0].text.replace("fi", "\ufb01")
    assert copy != ORIGINALS[0].text
    with originals_index:
        report = trace(copy, originals_index)
    assert report.trace_verdict == SOURCE_FOUND and report.verdict == "clean"
    assert report.matches[0].substitutions == () and report.stats["read_through"]["styled"] >= 1


def test_a_disguised_tortured_phrase_is_found_with_offsets_into_the_text() -> None:
    text = f"We trained an irreg{ZWSP}ular w{CYRILLIC_O}{CYRILLIC_O}dland on the data."
    (finding,) = [f for f in find(text) if f.kind != "disguise"]
    assert text[finding.start : finding.end] == finding.text == f"irreg{ZWSP}ular w{CYRILLIC_O}{CYRILLIC_O}dland"
    assert finding.suggestion == "random forest" and "invisible" in finding.note and "look-alike" in finding.note
    restored, steps = restore_and_explain(text)
    assert restored == "We trained a random forest on the data."
    assert apply_steps(text, steps) == restored


def test_a_disguised_word_no_finding_covers_is_a_finding_and_restored() -> None:
    text = f"The council approved its budget on M{CYRILLIC_O}nday after a l{ZWSP}ong debate."
    report = check(text)
    disguised = [f for f in report.findings if f.kind == "disguise"]
    assert [(f.text, f.suggestion, f.evidence) for f in disguised] == [
        (f"M{CYRILLIC_O}nday", "Monday", ("disguise",)), (f"l{ZWSP}ong", "long", ("disguise",))]
    assert report.restored == "The council approved its budget on Monday after a long debate."
    assert report.stats["read_through"] == {"disguised_words": 2, "invisible": 1, "lookalikes": 1, "styled": 0,
                                            "joined": 0}
    assert "read_through" not in check("The council approved its budget on Monday.").stats


def test_the_example_page_disguised_reads_as_the_example_page(example_txt: Path) -> None:
    plain = example_txt.read_text(encoding="utf-8")
    disguised = disguise(plain, seed=7)
    assert disguised != plain and set(LOOKALIKES) & set(disguised)
    before, after = check(plain), check(disguised)
    assert (after.verdict, after.score) == (before.verdict, before.score)
    spun_findings = [(f.suggestion, f.kind, round(f.confidence, 6)) for f in after.findings if f.kind != "disguise"]
    assert spun_findings == [(f.suggestion, f.kind, round(f.confidence, 6)) for f in before.findings]
    assert all(disguised[f.start : f.end] == f.text for f in after.findings)
    assert after.restored == before.restored
    assert apply_steps(disguised, after.steps) == after.restored


def test_a_disguised_spun_copy_is_traced_to_its_source(originals_index: Index) -> None:
    from tests.integration.test_trace import ORIGINALS, SPUN

    plain_report = trace(SPUN, originals_index)
    disguised = disguise(SPUN, seed=3)
    with originals_index:
        report = trace(disguised, originals_index)
    assert report.trace_verdict == SOURCE_FOUND and report.matches[0].id == "harbour"
    assert report.stats["read_through"]["disguised_words"] > 5
    subs = report.matches[0].substitutions
    assert [(s.source, read_through(s.spun).text) for s in subs] == [
        (s.source, read_through(s.spun).text) for s in plain_report.matches[0].substitutions]
    assert all(disguised[s.start : s.end] == s.spun for s in subs)
    assert report.restored == ORIGINALS[0].text == plain_report.restored
    assert apply_steps(disguised, report.steps) == report.restored


def test_invisible_characters_in_a_stored_original_are_no_substitution(tmp_path: Path) -> None:
    # Originals keep their soft hyphens and zero-width spaces (plain text and JSONL are
    # stored as given); a faithful copy without them was "spun", each such word a substitution.
    from tests.integration.test_trace import ORIGINALS, SPUN

    stored = ORIGINALS[0].text.replace("reopened", f"re{SOFT_HYPHEN}opened").replace("ferry", f"fer{ZWSP}ry")
    assert stored != ORIGINALS[0].text
    path = tmp_path / "originals.db"
    with Index.create(path) as index:
        index.add([Document(ORIGINALS[0].id, ORIGINALS[0].title, stored), *ORIGINALS[1:]])
    with Index.open(path, readonly=True) as index:
        faithful = trace(ORIGINALS[0].text, index)
        spun = trace(SPUN, index)
    assert faithful.trace_verdict == SOURCE_FOUND and faithful.verdict == "clean"
    assert faithful.matches[0].substitutions == ()
    match = spun.matches[0]
    assert match.substitutions and all(stored[s.source_start : s.source_end] == s.source for s in match.substitutions)
    assert all(SPUN[s.start : s.end] == s.spun for s in match.substitutions)
    assert read_through(match.restored).text == ORIGINALS[0].text


def test_the_text_report_writes_out_a_disguise_and_direction_overrides() -> None:
    import io

    from unspun.report import render_text

    text = f"The council met on M{CYRILLIC_O}nday after a l{ZWSP}ong debate. \u202eIt voted."
    out = io.StringIO()
    render_text(check(text).to_dict(), out, color=False)
    shown = out.getvalue()
    assert "l\\u200bong [→ long]" in shown and f"M{CYRILLIC_O}nday [→ Monday]" in shown
    assert "\\u202eIt voted." in shown and "\u202e" not in shown and ZWSP not in shown
    assert "2 words disguised with invisible or look-alike characters" in shown


def _zipf(word: str) -> float:
    from unspun.lexicon import Lexicon

    return Lexicon.load().zipf(word)


def test_words_broken_at_a_line_end_are_read_whole_but_compounds_keep_their_hyphen() -> None:
    text = "an irregu-\r\n   lar forest, a well-\nknown docu- \n ment, Anglo-\nSaxon."
    reading = read_through(text, _zipf)
    assert reading.text == "an irregular forest, a well-\nknown document, Anglo-\nSaxon."
    assert reading.joined == 2 and reading.disguised == ()
    start = reading.text.index("irregular")
    first, last = reading.span(start, start + len("irregular"))
    assert text[first:last] == "irregu-\r\n   lar"
    assert read_through(text).unchanged  # without word frequencies, nothing is joined


@pytest.mark.parametrize(("broken", "whole"), [
    ("wood-\nland", "woodland"), ("bo-\nsom", "bosom"), ("pro-\nfound", "profound"),
    ("frame-\nwork", "framework"), ("some-\ntimes", "sometimes"),
])
def test_a_word_broken_into_two_words_is_read_whole(broken: str, whole: str) -> None:
    # A typesetter parts a word at its syllables, often into two words: "woodland" is rarer
    # than "wood" and "land", so it was read as two (an audit: 14% of the breaks missed).
    assert read_through(f"a {broken} here", _zipf).text == f"a {whole} here"


@pytest.mark.parametrize("compound", ["long-\nterm", "well-\nknown", "follow-\nup", "real-\ntime"])
def test_a_compound_the_lexicon_knows_keeps_its_hyphen(compound: str) -> None:
    assert read_through(f"a {compound} plan", _zipf).unchanged


def test_a_tortured_phrase_broken_at_a_line_end_is_found_and_restored() -> None:
    text = "We trained an irregu-\nlar woodland on the docu-\nments."
    assert [f.suggestion for f in check("We trained an irregular wood-\nland.").findings] == ["random forest"]
    report = check(text)
    (finding,) = [f for f in report.findings if f.kind == "tortured-phrase"]
    assert finding.text == "irregu-\nlar woodland" and finding.suggestion == "random forest"
    assert report.restored == "We trained a random\nforest on the docu-\nments."  # its lines kept
    assert report.stats["read_through"]["joined"] == 2


def test_the_html_report_writes_out_a_disguise_and_direction_overrides() -> None:
    from unspun.report import render_html

    text = f"The council met on M{CYRILLIC_O}nday after a l{ZWSP}ong debate. \u202eIt voted."
    page = render_html([check(text).to_dict()])
    assert "l\\u200bong" in page and "\\u202eIt voted." in page
    assert "\u202e" not in page and ZWSP not in page
    assert "1 invisible character (U+200B) inside the word" in page  # the note, in the mark's tip


def test_no_ascii_character_is_read_other_than_as_written() -> None:
    # read_through tells an ASCII text at once, without its search: that holds only while
    # every character it reads through lies outside ASCII.
    from unspun.disguise import _SUSPECT_RE

    assert [chr(c) for c in range(128) if _SUSPECT_RE.match(chr(c))] == []
    ascii_text = "".join(chr(c) for c in range(32, 127)) + "\n\tthe end-\nless road"
    assert read_through(ascii_text).unchanged


def test_a_restored_phrase_takes_the_invisible_characters_around_its_last_word() -> None:
    # A direction override around a word: the phrase took the opening control and left the
    # closing one behind, alone in the restored text.
    text = "We trained an irregular \u202ewoodland\u202c on the data."
    report = check(text)
    (finding,) = report.findings
    assert finding.text == "irregular \u202ewoodland\u202c" == text[finding.start : finding.end]
    assert report.restored == "We trained a random forest on the data."
    assert apply_steps(text, list(report.steps)) == report.restored


def test_a_phrase_inside_a_direction_override_leaves_both_its_controls() -> None:
    # The phrase took the closing control after it and left the opening one before the
    # sentence: everything after it displayed reversed (an audit, session 63).
    text = "\u202eWe trained an irregular woodland\u202c on scans."
    report = check(text)
    assert [f.text for f in report.findings] == ["irregular woodland"]
    assert report.restored == "\u202eWe trained a random forest\u202c on scans."
    # Nor when the phrase holds another invisible character (a review, session 63).
    text = "\u202eWe trained an irre\u200bgular woodland\u202c on scans."
    assert check(text).restored == "\u202eWe trained a random forest\u202c on scans."


def test_a_faithful_copy_with_decomposed_accents_traces_clean(tmp_path: Path) -> None:
    # macOS and PDF extractors write "café" as "cafe" and U+0301: keyed apart from the
    # original's composed letters, every accented word was a swap and the copy "spun".
    import unicodedata

    from unspun import Index
    from unspun.models import Document

    original = ("The café near the Zürich opera reopened on Tuesday after a long résumé of repairs. Its owner, "
                "José Núñez, said the naïve décor had been kept, and the crème brûlée was back on the menu. "
                "Visitors from São Paulo and Kraków queued for hours in the cold to see the façade.")
    copy = unicodedata.normalize("NFD", original)
    assert copy != original
    with Index.create(tmp_path / "originals.db") as index:
        index.add([Document("original", "", original)])
        report = trace(copy, index)
    assert report.trace_verdict == SOURCE_FOUND and report.verdict == "clean"
    assert report.matches[0].substitutions == () and report.findings == ()
