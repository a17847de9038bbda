import pytest

from tests.unit._growth import assert_grows_linearly
from unspun.text import link_spans, sentences, tokenize, words


def test_tokens_slice_back_to_their_text() -> None:
    text = "The U.S. sent 100,000 troops — Lavrov’s “talks” went on in 1997."
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


def test_token_kinds() -> None:
    kinds = {t.text: t.kind for t in tokenize("U.S. troops: 3.5 and 10-page, 6th era")}
    assert kinds["U.S."] == "word"
    assert kinds["3.5"] == "number"
    assert kinds[":"] == "punct"
    assert kinds["6th"] == "word"
    assert kinds["10"] == "number"


def test_curly_apostrophe_stays_inside_a_word() -> None:
    assert [t.text for t in tokenize("Moscow’s shouldn't")] == ["Moscow’s", "shouldn't"]


def test_sentences_split_on_stops_and_blank_lines() -> None:
    text = "First one. Second one? Third\n\nFourth, after Mr. Smith came. “Quoted.” Last"
    spans = [text[s.start : s.end] for s in sentences(text)]
    assert spans == ["First one.", "Second one?", "Third", "Fourth, after Mr. Smith came.", "“Quoted.”", "Last"]


@pytest.mark.parametrize("gap", ["\n\n", "\r\n\r\n", "\r\r", "\n \t\n", "\u2029", "\u2028\u2028"])
def test_a_paragraph_break_ends_a_sentence_whatever_ends_its_lines(gap: str) -> None:
    text = f"Third{gap}fourth"
    assert [text[s.start : s.end] for s in sentences(text)] == ["Third", "fourth"]


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r", "\x85", "\u2028"])
def test_a_single_line_end_is_no_paragraph_break(line_end: str) -> None:
    # One CRLF read as CR then LF was a blank line: a hard-wrapped Windows file ended a
    # sentence at every line.
    text = f"We trained an{line_end}irregular{line_end}woodland on it."
    assert [text[s.start : s.end] for s in sentences(text)] == [text]


@pytest.mark.parametrize("gap", ["\r\r\n", "\n\r\n", "\r\n\r"])
def test_mixed_line_ends_make_a_blank_line(gap: str) -> None:
    text = f"Third{gap}fourth"
    assert [text[s.start : s.end] for s in sentences(text)] == ["Third", "fourth"]


def test_a_listed_phrase_across_a_windows_line_end_is_found() -> None:
    from unspun import check

    lf, crlf = (check(f"We trained an{end}irregular{end}woodland on the data.") for end in ("\n", "\r\n"))
    assert [f.suggestion for f in crlf.findings] == [f.suggestion for f in lf.findings] == ["random forest"]


def test_sentence_token_ranges_cover_their_tokens() -> None:
    text = "One two. Three four five."
    tokens = tokenize(text)
    result = sentences(text, tokens)
    assert [(s.first_token, s.last_token) for s in result] == [(0, 3), (3, 7)]


def test_words_lowercases_and_drops_punctuation() -> None:
    assert words("The Cold War, ended.") == ["the", "cold", "war", "ended"]


def test_a_decomposed_accent_stays_inside_its_word() -> None:
    # "cafe" + U+0301 is how macOS file names and some PDFs write "café": one word, not a
    # word and a punctuation mark (a restoration would then move the accent).
    text = "Un cafe\u0301 na\u0308ive. Woodland\u0301 bosom"
    assert [t.text for t in tokenize(text)] == ["Un", "cafe\u0301", "na\u0308ive", ".", "Woodland\u0301", "bosom"]
    assert all(text[t.start : t.end] == t.text for t in tokenize(text))


def test_a_decomposed_accent_after_a_number_is_no_punctuation() -> None:
    assert [t.text for t in tokenize("1\u0301x 42")] == ["1\u0301x", "42"]


def test_runs_of_sentence_marks_are_split_in_linear_time() -> None:
    # Each position of a run was tried, backtracking over the rest: 80,000 dots took 71 s in
    # a check.
    assert_grows_linearly(lambda n: sentences("." * n + " word"), 10_000)
    assert [(s.start, s.end) for s in sentences('Wait... What?! Yes. "Ok." Then.')] == [
        (0, 7), (8, 14), (15, 19), (20, 25), (26, 31)]


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("See https://example.org/a-b-c. Then", ["https://example.org/a-b-c"]),
        ("(see www.bbc.co.uk/news)", ["www.bbc.co.uk/news"]),
        ("mail me@example.co.uk, or", ["me@example.co.uk"]),
        ("the dot.com boom at Amazon.com's site", ["dot.com", "Amazon.com"]),
        ("#news and @handle", ["#news", "@handle"]),
        ("the <|im_start|> marker and max_new_tokens", ["im_start", "max_new_tokens"]),
        ("an __irregular woodland__ model (Markdown bold)", []),
        ("wrote it.Info follows, the result.Net income", []),
        ("Read at:https://x.org/y or mailto:me@x.com", ["https://x.org/y", "me@x.com"]),
        ("U.S. troops, e.g. these; i.e. those. Item #233 and &#233;", []),
    ],
)
def test_link_spans(text: str, links: list[str]) -> None:
    assert [text[start:end] for start, end in link_spans(text)] == links


@pytest.mark.parametrize("run", ["ACGT", "a.", "31415926535", "a-", "#a", "a@"])
def test_long_runs_are_searched_for_links_in_linear_time(run: str) -> None:
    # Branches of the pattern could start at every character of a run and scan to its end: a
    # DNA sequence of 40,000 letters took 5 s, 80,000 digits of pi 26 s. The search itself is
    # timed, not its memo.
    assert_grows_linearly(lambda n: link_spans.__wrapped__(run * (n // len(run))), 20_000)
