import io
import json
from html.parser import HTMLParser

import pytest

from unspun import check
from unspun.report import one_line, render_html, render_text, summary_line, to_json

TEXT = "Our irregular woodland model\nfound bosom peril early."


@pytest.fixture(scope="module")
def data() -> dict:
    return check(TEXT).to_dict()


def test_json_has_the_documented_keys(data: dict) -> None:
    parsed = json.loads(to_json(data))
    for key in ("id", "title", "verdict", "score", "findings", "restored"):
        assert key in parsed
    for key in ("start", "end", "text", "suggestion", "alternatives", "confidence", "evidence"):
        assert key in parsed["findings"][0]
    assert parsed["verdict"] in ("spun", "clean", "uncertain")
    assert 0.0 <= parsed["score"] <= 1.0


def test_findings_point_at_their_phrases(data: dict) -> None:
    found = {(TEXT[f["start"] : f["end"]], f["suggestion"]) for f in data["findings"]}
    assert found == {("irregular woodland", "random forest"), ("bosom peril", "breast cancer")}
    assert data["restored"] == "Our random forest model\nfound breast cancer early."


def test_text_rendering_highlights_in_place_and_summarises(data: dict) -> None:
    out = io.StringIO()
    render_text(data, out, color=False)
    rendered = out.getvalue()
    assert "irregular woodland [→ random forest]" in rendered
    assert rendered.rstrip().splitlines()[-1] == summary_line(data)
    assert "more likely wrong than right" not in rendered  # no guess shown, no legend
    assert "spun" in summary_line(data) and "2 findings" in summary_line(data)


def test_the_summary_says_when_a_spun_verdict_comes_from_the_texts_surprise(data: dict) -> None:
    assert "surprise" not in summary_line(data)  # fast mode: no surprise model
    from_surprise = {**data, "stats": {**data["stats"], "surprise": 0.93, "score_from": "surprise"}}
    assert summary_line(from_surprise).endswith("the score is the words' surprise under the language model "
                                                "(check it with --suspect to see more of the swapped words)")
    suspected = {**data, "stats": {**from_surprise["stats"], "suspect": True}}
    assert summary_line(suspected).endswith("the score is the words' surprise under the language model")
    from_findings = {**data, "stats": {**data["stats"], "surprise": 0.2, "score_from": "findings"}}
    assert summary_line(from_findings) == summary_line(data)
    clean = {**from_surprise, "verdict": "clean"}
    assert "surprise" not in summary_line(clean)


def test_text_rendering_uses_colour_on_a_terminal(data: dict) -> None:
    out = io.StringIO()
    render_text(data, out, color=True)
    assert "\x1b[" in out.getvalue()


class _Marks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[str, str]] = []
        self._title: str | None = None
        self._text = ""
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "mark":
            self._title, self._text = dict(attrs)["title"], ""
        elif self._title is not None and tag == "span":
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._title is not None:
            self.marks.append((self._text, self._title))
            self._title = None
        elif tag == "span" and self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._title is not None and not self._depth:
            self._text += data


def test_html_report_is_standalone_with_hover_suggestions(data: dict) -> None:
    page = render_html([data])
    assert page.startswith("<!DOCTYPE html>") and "<link" not in page and "<script src" not in page
    parser = _Marks()
    parser.feed(page)
    assert [text for text, _ in parser.marks] == ["irregular woodland", "bosom peril"]
    assert "was probably: random forest" in parser.marks[0][1]
    assert "was probably: breast cancer" in parser.marks[1][1]


def test_a_finding_read_off_the_source_is_no_guess_in_the_html(data: dict) -> None:
    # A traced copy's findings come from its original: "was probably" said otherwise.
    from_source = [dict(f, evidence=["source"]) for f in data["findings"]]
    from_source[1]["suggestion"] = ""  # a word the spinner inserted
    parser = _Marks()
    parser.feed(render_html([dict(data, findings=from_source)]))
    assert parser.marks[0][1].startswith("the source has: random forest")
    assert parser.marks[1][1].startswith("the source has nothing here")


def test_html_escapes_the_text() -> None:
    page = render_html([check("<script>alert(1)</script> and an irregular woodland").to_dict()])
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def _with_suggestion_confidences(data: dict, values: list[float | None]) -> dict:
    findings = [dict(f, suggestion_confidence=v) for f, v in zip(data["findings"], values, strict=True)]
    return dict(data, findings=findings)


def test_suggestions_more_likely_wrong_than_right_are_marked(data: dict) -> None:
    # Listed phrases carry no suggestion confidence: their suggestions are shown plainly.
    assert [f["suggestion_confidence"] for f in data["findings"]] == [None, None]
    marked = _with_suggestion_confidences(data, [0.2, 0.8])
    out = io.StringIO()
    render_text(marked, out, color=False)
    assert "irregular woodland [→ random forest?]" in out.getvalue()
    assert "[→ x?], [or x?]: a suggestion more likely wrong than right" in out.getvalue()
    assert out.getvalue().rstrip().splitlines()[-1] == summary_line(marked)
    assert "bosom peril [→ breast cancer]" in out.getvalue()
    parser = _Marks()
    page = render_html([marked])
    parser.feed(page)
    assert "was perhaps: random forest (suggestion confidence 0.20)" in parser.marks[0][1]
    assert "was probably: breast cancer (suggestion confidence 0.80)" in parser.marks[1][1]
    assert "<td>0.20</td>" in page and "<th>suggestion confidence</th>" in page


def test_inserted_and_unknown_originals_still_show_without_colour(data: dict) -> None:
    # A filler the spinner inserted has the empty suggestion (the restoration drops it); a
    # finding may also have no original known. Without colour, only the bracket shows them.
    inserted, unknown = (dict(f, suggestion=s, suggestion_confidence=None)
                         for f, s in zip(data["findings"], ["", None], strict=True))
    changed = dict(data, findings=[inserted, unknown])
    out = io.StringIO()
    render_text(changed, out, color=False)
    rendered = out.getvalue()
    assert "irregular woodland [→ ∅]" in rendered and "bosom peril [original unknown]" in rendered
    assert "[→ ∅]: most likely inserted by the spinner; the suggestion is to drop it." in rendered
    out = io.StringIO()
    render_text(data, out, color=False)
    assert "[→ ∅]:" not in out.getvalue()  # the legend only when such a finding is shown
    parser = _Marks()
    page = render_html([changed])
    parser.feed(page)
    assert parser.marks[0][1].startswith("most likely inserted by the spinner: drop it")
    assert parser.marks[1][1].startswith("original unknown")
    assert "<td>irregular woodland</td><td>∅</td>" in page and "<td>bosom peril</td><td>unknown</td>" in page


def test_a_suggestion_the_restored_text_leaves_out_is_marked(data: dict) -> None:
    # Both reports showed every suggestion alike, applied or not: "dismissed [→ dropped]" was
    # left out of the restored text while "got [→ made?]" went in (an audit, session 53).
    assert len(data["steps"]) == 2
    left_out = dict(data, steps=data["steps"][1:], restored=None)
    out = io.StringIO()
    render_text(left_out, out, color=False)
    rendered = out.getvalue()
    assert "irregular woodland [or random forest]" in rendered and "bosom peril [→ breast cancer]" in rendered
    assert "[or x]: a suggestion the restored text leaves out" in rendered
    out = io.StringIO()
    render_text(data, out, color=False)
    assert "[or x]" not in out.getvalue()  # the legend only when such a finding is shown
    parser = _Marks()
    parser.feed(render_html([left_out]))
    assert parser.marks[0][1].startswith("perhaps: random forest, left out of the restored text")
    assert parser.marks[1][1].startswith("was probably: breast cancer")


def test_a_traced_report_s_detector_findings_are_not_marked_left_out(data: dict) -> None:
    # A trace restores the source's words alone: the detector's findings beside them showed
    # "[or x]" with a reason that was false there (the review).
    traced = dict(data, steps=[], matches=[{"id": "wire-1", "title": "", "coverage": 0.5, "score": 0.9,
                                            "substitutions": []}])
    out = io.StringIO()
    render_text(traced, out, color=False)
    assert "irregular woodland [→ random forest]" in out.getvalue() and "[or x]" not in out.getvalue()


def test_the_html_restored_text_marks_each_change(data: dict) -> None:
    page = render_html([data])
    restored = page[page.index('<div class="text restored">'):]
    assert '<ins title="was: irregular woodland">random forest</ins> model' in restored
    assert '<ins title="was: bosom peril">breast cancer</ins> early.' in restored
    # Steps that do not give the restored text back (a hand-edited report) show it plain.
    page = render_html([dict(data, restored="Something else entirely.")])
    assert '<div class="text restored">Something else entirely.</div>' in page


def test_one_line_writes_out_line_breaks_tabs_and_control_characters() -> None:
    assert one_line("a\nb\r\nc\td\x1b[2Je\u2028f\x85g") == "a\\nb\\r\\nc\\td\\x1b[2Je\\u2028f\\x85g"
    assert one_line("Plain, ünïcode — text.") == "Plain, ünïcode — text."


def test_one_line_outputs_stay_one_line_and_the_text_keeps_its_lines(data: dict) -> None:
    # A file or JSONL id with a newline printed a forged line of its own: a summary saying
    # "spun", a second "Source:". The text itself keeps its paragraphs.
    forged = "evil\nfake.txt: spun (score 1.00), 99 findings in 146 words\nx.txt"
    match = {"id": "harbour\nSource: fake", "title": "Harbour\treopens", "coverage": 1.0, "score": 0.9,
             "substitutions": [{"source": "said\n\nThe", "spun": "stated", "start": 0, "end": 6}]}
    traced = dict(data, id=forged, matches=[match], trace_verdict="source found")
    assert "\n" not in summary_line(traced) and summary_line(traced).startswith("evil\\nfake.txt: spun (score 1.00)")
    out = io.StringIO()
    render_text(traced, out, color=False)
    lines = out.getvalue().rstrip().splitlines()
    assert lines[0].startswith("Our irregular woodland") and lines[1].startswith("found bosom peril")
    assert [line for line in lines if "Source:" in line] == [
        "Source: harbour\\nSource: fake — Harbour\\treopens (coverage 100%, score 0.90, 1 substitution)"]
    assert "  the source's words → this text's  (their characters in this text)" in lines
    assert "  said\\n\\nThe → stated  (0-6)" in lines
    assert lines[-1] == summary_line(traced) and lines[-1].endswith("; source found")
    assert sum(line.startswith("x.txt") for line in lines) == 0


@pytest.mark.parametrize(("title", "shown"), [("Our model", True), ("Our  irregular woodland MODEL", False), ("", False)])
def test_the_title_shows_once_when_the_text_repeats_it(data: dict, title: str, shown: bool) -> None:
    # Pages that set their headline beside the article's paragraphs give it back as the text's
    # first paragraph too: the report does not print it twice.
    out = io.StringIO()
    render_text({**data, "title": title}, out, color=False)
    lines = out.getvalue().splitlines()
    assert (lines[0] == title) is shown
    assert lines.count("Our irregular woodland [→ random forest] model") == 1


def test_an_html_report_stopped_early_keeps_the_reports_finished(data: dict, tmp_path) -> None:
    # The page was written only once every document was checked: Ctrl-C left an empty file.
    import argparse

    from unspun.cli._common import ErrorLog, emit_reports

    def reports():
        yield {**data, "id": "first"}
        yield {**data, "id": "second"}
        raise KeyboardInterrupt

    output = tmp_path / "report.html"
    args = argparse.Namespace(output=str(output), format="html", inputs=["pages/"], no_progress=True)
    with pytest.raises(KeyboardInterrupt):
        emit_reports(args, reports(), ErrorLog(io.StringIO()), "checking")
    page = output.read_text(encoding="utf-8")
    assert page == render_html([{**data, "id": "first"}, {**data, "id": "second"}])


def test_the_html_report_heads_with_the_id_when_the_text_repeats_the_title(data: dict) -> None:
    page = render_html([{**data, "id": "page.html", "title": "Our irregular woodland model"}])
    assert "<h1>page.html</h1>" in page
    assert "<h1>A headline</h1>" in render_html([{**data, "id": "page.html", "title": "A headline"}])


def test_direction_overrides_in_titles_ids_and_sources_are_written_out(data: dict) -> None:
    # A title, a file name or a source's id with U+202E reached the terminal and the HTML
    # headings raw ("invoice\u202etxt.exe" shows as "invoiceexe.txt"), and the HTML heading
    # raw escape sequences too; the body already wrote them out.
    match = {"id": "orig\u2066inal", "title": "Source \u202etitle", "coverage": 1.0, "score": 0.9,
             "source_text": "said", "substitutions": [{"source": "sa\u202eid", "spun": "stated", "start": 0, "end": 3,
                                                       "source_start": 0, "source_end": 4}]}
    shown = dict(data, id="invoice\u202etxt.exe", title="Breaking \u202enews\x1b[31m", matches=[match])
    assert one_line("a\u202eb\u2067c\u200fd\u061ce") == "a\\u202eb\\u2067c\\u200fd\\u061ce"
    out = io.StringIO()
    render_text(shown, out, color=False)
    page = render_html([shown])
    for output in (out.getvalue(), page):
        assert not any(character in output for character in "\u202e\u2066\u2067\x1b"), output
    assert "Breaking \\u202enews\\x1b[31m" in page and 'data-id="invoice\\u202etxt.exe"' in page
    assert "Source: Source \\u202etitle" in page and 'title="sa\\u202eid"' in page


@pytest.mark.parametrize("line_end", ["\r", "\x85", "\u2028"])
def test_every_line_end_the_reader_keeps_shows_as_a_line_break(line_end: str) -> None:
    # An old Mac file's lone CR (and NEL, U+2028) was written out as "\x0d": its lines ran
    # together in one line of the text and HTML reports.
    report = check(TEXT.replace("\n", line_end)).to_dict()
    out = io.StringIO()
    render_text(report, out, color=False)
    page = render_html([report])
    assert out.getvalue().splitlines()[1].startswith("found bosom peril")
    assert "\\x0d" not in page and "\\x85" not in page and "\\u2028" not in page
    assert "model\nfound" in page.replace("</mark>", "")


@pytest.mark.parametrize("page_break", ["\x0c", "\n\x0c", "\x0c\n", "\x0b"])
def test_a_page_break_of_pasted_pdf_text_shows_as_a_line_break(page_break: str) -> None:
    # pdftotext ends every page with a form feed: the reports wrote it out as "\x0c" in the
    # middle of the text, where a reader sees a new page (harmless to a terminal either way).
    report = check(TEXT.replace("\n", page_break)).to_dict()
    out = io.StringIO()
    render_text(report, out, color=False)
    page = render_html([report])
    for output in (out.getvalue(), page):
        assert "\\x0c" not in output and "\\x0b" not in output and "\x0c" not in output and "\x0b" not in output
    assert "found bosom peril" in out.getvalue().splitlines()[1 + page_break.count("\n")]


def test_a_word_found_with_the_space_after_it_is_marked_after_the_word() -> None:
    # A trace finds an inserted word with its space ("also " of "and also NATO"); the reports
    # marked it after the space: "and also  [→ ∅]NATO" (an audit, session 56).
    text = "Talks with the United States and also NATO went on."
    start = text.index("also ")
    finding = {"start": start, "end": start + 5, "text": "also ", "suggestion": "", "alternatives": [],
               "confidence": 0.99, "suggestion_confidence": None, "evidence": ["source"], "kind": "filler"}
    data = {"id": "t", "title": "", "text": text, "verdict": "spun", "score": 0.9, "findings": [finding],
            "steps": [], "restored": None, "stats": {"words": 10},
            "matches": [{"id": "wire-1", "title": "", "coverage": 1.0, "score": 0.9, "substitutions": []}]}
    out = io.StringIO()
    render_text(data, out, color=False)
    assert "and also [→ ∅] NATO went on." in out.getvalue()
    page = render_html([data])
    assert "also<span class=\"s\"> → ∅</span></mark> NATO" in page


@pytest.mark.parametrize("control", ["\x7f", "\x9b", "\x9d", "\x85", "\u202e", "\u202a", "\u2066", "\u2069", "\u200f",
                                     "\u061c"])
def test_json_writes_controls_a_terminal_acts_on_as_escapes(control: str) -> None:
    # C1 controls and bidirectional overrides in a page's text were written raw with
    # --format json: "\x9b2J" clears an xterm's screen as ESC [ 2J does (a hostile-input
    # audit, session 57).
    text = f"The council met on Tuesday.{control}2J It agreed to spend more on the roads."
    written = to_json(check(text))
    assert control not in written and f"\\u{ord(control):04x}" in written
    data = json.loads(written)
    assert data["text"] == text
    assert all(data["text"][f["start"]:f["end"]] == f["text"] for f in data["findings"])


def test_the_dict_of_a_report_is_a_copy_all_the_way_down() -> None:
    # Editing to_dict()'s nested stats changed the frozen report (an audit, session 62).
    report = check("We used an irre\u200bgular woodland.")
    data = report.to_dict()
    data["stats"]["read_through"]["styled"] = 99
    assert report.stats["read_through"]["styled"] == 0 and report.to_dict()["stats"]["read_through"]["styled"] == 0
