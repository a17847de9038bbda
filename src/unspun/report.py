"""Render reports: JSON, terminal text (rich) and standalone HTML, all from ``to_dict()``.

Renderers take the dict, not the dataclass, so that the CLI, the HTTP API and the web page
show exactly the same data.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

from .disguise import INVISIBLE_RE
from .models import Report
from .restore import apply_steps
from .text import LINE_BREAKS

_VERDICT_STYLES = {"spun": "bold red", "uncertain": "bold yellow", "clean": "bold green"}


def to_json(report: Report | Mapping[str, Any], indent: int | None = None) -> str:
    """The report as JSON (one line unless ``indent`` is given; see :func:`json_line`)."""
    data = report.to_dict() if isinstance(report, Report) else report
    return json_line(data, indent)


# Direction overrides, isolates and marks reorder what a terminal shows ("Trojan Source"): a
# page's U+202E would show the report's own words backwards. Written out in every report.
_BIDI_CODES = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_BIDI_CHARACTERS = "".join(map(chr, _BIDI_CODES))
_BIDI = re.compile(f"[{_BIDI_CHARACTERS}]")

# Characters JSON keeps raw inside strings that a reader of the output should not meet raw,
# written as escapes (lossless: a JSON reader gets them back): line ends other than LF, which
# many line readers split on (Python's splitlines, JavaScript's line terminators), so that a
# record of JSON Lines stays one line wherever it is read; DEL and the C1 controls, which
# terminals that honour them (xterm) take as commands ("\x9b" opens one as ESC [ does); and
# the bidirectional controls, which reorder what a terminal or an editor shows (a
# hostile-input audit, session 57: a page's text printed them raw with --format json).
_ESCAPED_IN_JSON = str.maketrans({
    chr(code): f"\\u{code:04x}"
    for code in [0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, *_BIDI_CODES]
})


def json_line(data: Any, indent: int | None = None, allow_nan: bool = True) -> str:
    """``data`` as JSON, UTF-8 text as it is but for line ends LF readers do not expect, and
    controls a terminal would act on (:data:`_ESCAPED_IN_JSON`).

    >>> json_line({"text": "one\u2028two"})
    '{"text": "one\\\\u2028two"}'
    """
    return json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=allow_nan).translate(_ESCAPED_IN_JSON)


def _count(number: int, noun: str) -> str:
    """ "1 substitution", "2 substitutions"."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def shown_score(score: float) -> str:
    """A document score or a confidence in two decimals, cut rather than rounded: rounded,
    0.6951 showed as "uncertain (score 0.70)" beside the verdict's bar of 0.7, and a finding's
    "0.70" was left out by ``--min-confidence 0.7``.

    >>> shown_score(0.6951), shown_score(0.7), shown_score(0.29), shown_score(1.0)
    ('0.69', '0.70', '0.29', '1.00')
    """
    return f"{math.floor(score * 100 + 1e-9) / 100:.2f}"


def summary_line(data: Mapping[str, Any]) -> str:
    """One line: what was checked, the verdict, the score and how much was found (the id's
    line breaks and control characters written out, see :func:`one_line`)."""
    name = data.get("id") or "text"
    findings = data.get("findings", [])
    words = data.get("stats", {}).get("words")
    size = f" in {words:,} words" if isinstance(words, int) else ""
    line = (
        f"{name}: {data['verdict']} (score {shown_score(data['score'])}), "
        f"{_count(len(findings), 'finding')}{size}"
    )
    stats = data.get("stats", {})
    if stats.get("not_english"):
        line += "; not read: the text does not read as English, the only language unspun knows"
    if data.get("verdict") == "spun" and stats.get("score_from") == "surprise":
        line += "; the score is the words' surprise under the language model"
        if not stats.get("suspect"):
            # Deep mode's gated suspected reading shows about a fifth of a filler-free
            # rewriter's swaps at 0.2; judged as suspected without the gate, four to five in
            # ten (docs/deep.md, "The words of a text the surprise calls spun").
            line += " (check it with --suspect to see more of the swapped words)"
    reading = stats.get("read_through")
    if isinstance(reading, Mapping) and reading.get("disguised_words"):
        # Hidden on purpose: no reader needs them, only a checker is fooled by them.
        count = reading["disguised_words"]
        line += f"; {count:,} word{'s' if count != 1 else ''} disguised with invisible or look-alike characters"
    if data.get("matches") is not None:
        line += f"; {data.get('trace_verdict')}"
    return one_line(line)


def _segments(text: str, spans: Sequence[Mapping[str, Any]]) -> Iterable[tuple[str, Mapping[str, Any] | None]]:
    """Cut ``text`` into plain pieces and finding pieces, in order, overlaps dropped."""
    position = 0
    for span in sorted(spans, key=lambda s: (s["start"], -s["end"])):
        if span["start"] < position:
            continue
        if span["start"] > position:
            yield text[position : span["start"]], None
        yield text[span["start"] : span["end"]], span
        position = span["end"]
    if position < len(text):
        yield text[position:], None


def _title_to_show(data: Mapping[str, Any]) -> bool:
    """Whether a report shows its title above the text: not when the text's first paragraph
    is the title again (pages that repeat their headline beside the article's paragraphs)."""
    title = " ".join(str(data.get("title") or "").split()).casefold()
    if not title:
        return False
    first = str(data.get("text", "")).lstrip().split("\n", 1)[0]
    return " ".join(first.split()).casefold() != title


def render_text(data: Mapping[str, Any], stream: IO[str], color: bool | None = None) -> None:
    """Write the text with findings highlighted in place, then a one-line summary."""
    from rich.text import Text

    console = _console_class()(file=stream, force_terminal=color, no_color=color is False, highlight=False,
                               soft_wrap=True)
    if _title_to_show(data):
        console.print(Text(one_line(str(data["title"])), style="bold"))
        console.print()
    body = Text()
    restores = _restored_by(data)
    segments = list(_segments(str(data.get("text", "")), data.get("findings", [])))
    shown = [finding for _, finding in segments if finding is not None]
    for piece, finding in segments:
        if finding is None:
            body.append(visible(piece))
            continue
        style = "bold red underline" if finding["confidence"] >= 0.5 else "yellow underline"
        marked, after = _without_trailing_space(piece)
        # A finding's invisible characters are written out: they are what a disguise hides.
        body.append(visible(marked, invisible=True), style=style)
        # Every finding gets a bracket, so that the phrases still show without colour
        # (a pipe, a file, NO_COLOR): a filler the restoration drops, one with no original known.
        if finding.get("suggestion") is None:  # nothing restored: no arrow ("[→ unknown]" read as a restoration)
            body.append(" [original unknown]", style="cyan")
        else:
            arrow = "→" if restores(finding) else "or"
            body.append(f" [{arrow} {visible(_shown_suggestion(finding))}{'?' if _guess(finding) else ''}]", style="cyan")
        body.append(visible(after))
    console.print(body)
    console.print()
    if any(not restores(finding) for finding in shown):
        console.print(Text("[or x]: a suggestion the restored text leaves out (the finding is under the restoring "
                           "bar, or the phrase as written is likelier to be the original).", style="dim"))
        console.print()
    if any(finding.get("suggestion") == "" for finding in data.get("findings", [])):
        console.print(Text(f"[→ {DROPPED}]: most likely inserted by the spinner; the suggestion is to drop it.",
                           style="dim"))
        console.print()
    if any(_guess(finding) for finding in data.get("findings", []) if finding.get("suggestion") is not None):
        console.print(Text(f"[→ x?], [or x?]: a suggestion more likely wrong than right (suggestion confidence under "
                           f"{SUGGESTION_GUESS_BELOW}); the phrase may still have been swapped.", style="dim"))
        console.print()
    for match in data.get("matches") or []:
        substitutions = match.get("substitutions", [])
        # The id and the title apart ("wire-0412 — Harbour reopens"), and the list's direction
        # and numbers named: the text above shows "copy [→ original]", the list "original → copy".
        source = " — ".join(part for part in (str(match["id"]), match.get("title") or "") if part)
        console.print(Text(f"Source: {one_line(source)} (coverage {match['coverage']:.0%}, "
                           f"score {match['score']:.2f}, {_count(len(substitutions), 'substitution')})", style="bold"))
        if substitutions:
            console.print(Text("  the source's words → this text's  (their characters in this text)", style="dim"))
        for sub in substitutions:
            line = Text("  ")
            line.append(one_line(visible(sub["source"], invisible=True)) or "∅", style="green")
            line.append(" → ")
            line.append(one_line(visible(sub["spun"], invisible=True)) or "∅", style="red")
            line.append(f"  ({sub['start']}-{sub['end']})", style="dim")
            console.print(line)
        console.print()
    verdict = str(data["verdict"])
    line = Text(summary_line(data))
    line.highlight_words([f": {verdict} "], style=_VERDICT_STYLES.get(verdict, "bold"))
    console.print(line)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str, invisible: bool = False) -> str:
    """``text`` with its control characters and direction overrides written out (``\\x1b``,
    ``\\u202e``): a page's escape sequences must not reach the reader's terminal (clear it,
    retitle it, hide a line, reorder it). ``invisible`` writes out every invisible character
    (``\\u200b``) too: a disguised word shows how it was disguised."""
    text = text.replace("\r\n", "\n").translate(_LINE_ENDS if invisible else _LINE_ENDS_AND_PAGE_BREAKS)
    text = _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
    return (INVISIBLE_RE if invisible else _BIDI).sub(_escaped, text)


# Every other line end the readers keep and the tokenizer reads as one: written out as
# "\x0d", an old Mac file's lines ran together in one line. In a text's body a form feed
# (pdftotext ends each page with one) and a vertical tab show as the new line a reader sees,
# not as "\x0c"; where invisible characters are written out (how a word was disguised) they are too.
_LINE_ENDS = str.maketrans(dict.fromkeys(LINE_BREAKS, "\n"))
_LINE_ENDS_AND_PAGE_BREAKS = str.maketrans(dict.fromkeys(LINE_BREAKS + "\x0b\x0c", "\n"))


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


# visible() keeps \n and \t, which a text's body needs; a one-line output may hold neither:
# a file name with a newline would print a forged summary or error line of its own. U+2028
# and U+2029 end lines for str.splitlines and many editors.
_LINE_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI_CHARACTERS}]")
_LINE_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def one_line(text: str) -> str:
    """``text`` for a one-line output (a summary, a ``Source:`` line, an error line): every
    control character and direction override written out, as :func:`visible` does, line
    breaks and tabs too (``\\n``).

    >>> one_line("evil\\nfake.txt: spun")
    'evil\\\\nfake.txt: spun'
    """
    return _LINE_CONTROL.sub(_line_escaped, text)


def _line_escaped(match: re.Match[str]) -> str:
    character = match.group()
    return _LINE_ESCAPES.get(character) or (f"\\x{ord(character):02x}" if character <= "\xff" else _escaped(match))


@functools.cache
def _console_class() -> type[Any]:
    from rich.console import Console

    class PipeConsole(Console):
        def on_broken_pipe(self) -> None:
            # rich exits with status 1 here, which unspun's exit codes read as "spun found";
            # the command line's own handler decides instead.
            raise BrokenPipeError

    return PipeConsole


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>unspun report</title>
<style>
body{{font:16px/1.6 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}}
h1{{font-size:1.3rem}} h2{{font-size:1.1rem;margin-top:2.5rem}}
.verdict{{display:inline-block;padding:.1rem .6rem;border-radius:.3rem;color:#fff;font-weight:600}}
.spun{{background:#c0392b}} .uncertain{{background:#d68910}} .clean{{background:#1e8449}}
.text{{white-space:pre-wrap;border:1px solid #ddd;padding:1rem;border-radius:.4rem}}
mark{{background:#fadbd8;border-bottom:2px solid #c0392b;cursor:help}}
mark.low{{background:#fdebd0;border-bottom:2px dotted #d68910}}
mark .s{{display:none}} mark:hover .s,mark:focus .s{{display:inline;color:#1a5276;font-style:italic}}
table{{border-collapse:collapse;width:100%;font-size:.9rem}}
td,th{{border-bottom:1px solid #eee;padding:.3rem;text-align:left}}
.side{{display:grid;grid-template-columns:1fr 1fr;gap:1rem}}
del{{background:#fadbd8}} ins{{background:#d5f5e3;text-decoration:none}}
</style></head><body>
{body}
</body></html>
"""


SUGGESTION_GUESS_BELOW = 0.5
"""A suggestion whose confidence is below this is more likely wrong than right: the text
report marks it "?" and the HTML one says "perhaps" (docs/report.md)."""


DROPPED = "∅"
"""How the reports show the suggestion of a phrase the spinner most likely inserted (filler
such as "actually"): the empty suggestion, which the restoration drops."""


def _shown_suggestion(finding: Mapping[str, Any]) -> str:
    """The suggestion as the reports show it: ``DROPPED`` for an inserted phrase, "unknown"
    where no original is known."""
    suggestion = finding.get("suggestion")
    if suggestion is None:
        return "unknown"
    return str(suggestion) or DROPPED


def _restored_by(data: Mapping[str, Any]) -> Any:
    """Whether the report's restored text puts a finding's suggestion in place: some step
    of ``data["steps"]`` replaces its words. A finding without a suggestion counts as
    restored, and so does every finding of a report without steps (older JSON) or of one
    traced to a source (``matches``), whose restored text is the source's words alone: the
    detector's findings beside them are not left out for being likelier as written."""
    steps = data.get("steps")
    if steps is None or data.get("matches"):
        return lambda finding: True
    spans = [(step["start"], step["end"]) for step in steps]

    def restores(finding: Mapping[str, Any]) -> bool:
        if finding.get("suggestion") is None:
            return True
        return any(start <= finding["start"] and finding["end"] <= end for start, end in spans)

    return restores


def _restored_html(data: Mapping[str, Any]) -> str:
    """The restored text for an HTML page, each step's new words marked (``<ins>``, the
    words it replaced in its title; a dropped phrase as a small mark), or plain when the
    steps do not give the restored text back (:func:`~unspun.restore.apply_steps`)."""
    text, restored = str(data.get("text", "")), str(data["restored"])
    steps = sorted(data.get("steps") or [], key=lambda step: (step["start"], step["end"]))  # as apply_steps
    try:
        if apply_steps(text, steps) != restored:
            return _html(restored)
    except (TypeError, ValueError):
        return _html(restored)
    pieces, position = [], 0
    for step in steps:
        pieces += [_html(text[position : step["start"]]),
                   f'<ins title="{_html_line(visible("was: " + step["before"], invisible=True))}">'
                   f'{_html(step["after"], invisible=True) or "∅"}</ins>']
        position = step["end"]
    pieces.append(_html(text[position:]))
    return "".join(pieces)


def _guess(finding: Mapping[str, Any]) -> bool:
    value = finding.get("suggestion_confidence")
    return value is not None and value < SUGGESTION_GUESS_BELOW


def _suggestion_cell(finding: Mapping[str, Any]) -> str:
    value = finding.get("suggestion_confidence")
    return "" if value is None else shown_score(value)


def _mark(piece: str, finding: Mapping[str, Any], restored: bool = True) -> str:
    suggestion = finding.get("suggestion")
    if "source" in finding.get("evidence", []):  # read off the original, not guessed
        tip = "the source has nothing here" if suggestion == "" else f"the source has: {suggestion}"
    elif suggestion and not restored:
        tip = f"perhaps: {suggestion}, left out of the restored text"
    elif suggestion:
        tip = f"was {'perhaps' if _guess(finding) else 'probably'}: {suggestion}"
    else:
        tip = "original unknown" if suggestion is None else "most likely inserted by the spinner: drop it"
    if finding.get("suggestion_confidence") is not None:
        tip += f" (suggestion confidence {shown_score(finding['suggestion_confidence'])})"
    alternatives = finding.get("alternatives") or []
    if alternatives:
        tip += f" (or: {', '.join(alternatives)})"
    tip += f"; confidence {shown_score(finding['confidence'])}; evidence: {', '.join(finding.get('evidence', []))}"
    css = "" if finding["confidence"] >= 0.5 else ' class="low"'
    arrow = "→" if restored else "or"
    hint = f'<span class="s"> {arrow} {_html_line(_shown_suggestion(finding))}</span>' if suggestion is not None else ""
    if finding.get("note"):  # what the evidence saw: a disguise names its characters here
        tip += f"; {finding['note']}"
    marked, after = _without_trailing_space(piece)
    # Invisible characters written out, as in the text report: they are what a disguise hides.
    shown = _html(marked, invisible=True)
    return f'<mark{css} tabindex="0" title="{_html_line(tip)}">{shown}{hint}</mark>{_html(after)}'


def _without_trailing_space(piece: str) -> tuple[str, str]:
    """A finding's text and the whitespace it ends in, apart: a word the spinner inserted is
    found with the space after it ("also " of "and also NATO"), and its mark goes after the
    word, not after the space ("and also [→ ∅] NATO", not "and also  [→ ∅]NATO").

    >>> _without_trailing_space("also "), _without_trailing_space("also"), _without_trailing_space(" ")
    (('also', ' '), ('also', ''), (' ', ''))
    """
    marked = piece.rstrip()
    return (marked, piece[len(marked):]) if marked else (piece, "")


def report_section(data: Mapping[str, Any]) -> str:
    """The HTML of one report (without the page around it)."""
    verdict = html.escape(str(data["verdict"]))
    parts = [
        f"<section class=\"report\" data-id=\"{_html_line(str(data.get('id', '')))}\">",
        f"<h1>{_html_line(str((data.get('title') if _title_to_show(data) else None) or data.get('id') or 'Checked text'))}</h1>",
        f'<p><span class="verdict {verdict}">{verdict}</span> score {shown_score(data["score"])} · '
        f"{html.escape(summary_line(data))}</p>",
    ]
    text = str(data.get("text", ""))
    restores = _restored_by(data)
    body = "".join(
        _html(piece) if finding is None else _mark(piece, finding, restores(finding))
        for piece, finding in _segments(text, data.get("findings", []))
    )
    parts.append(f'<div class="text">{body}</div>')
    findings = data.get("findings", [])
    if findings:
        rows = "".join(
            f"<tr><td>{_html(f['text'], invisible=True)}</td><td>{_html_line(_shown_suggestion(f))}</td>"
            f"<td>{_suggestion_cell(f)}</td><td>{_html_line(', '.join(f.get('alternatives') or []))}</td>"
            f"<td>{shown_score(f['confidence'])}</td><td>{html.escape(', '.join(f.get('evidence', [])))}</td>"
            f"<td>{f['start']}–{f['end']}</td></tr>"
            for f in findings
        )
        parts.append(
            "<h2>Findings</h2><table><tr><th>phrase</th><th>likely original</th><th>suggestion confidence</th>"
            "<th>alternatives</th>"
            f"<th>confidence</th><th>evidence</th><th>offsets</th></tr>{rows}</table>"
        )
    for match in data.get("matches") or []:
        parts.append(_match_section(text, match))
    if data.get("restored") and data.get("restored") != text:
        parts.append(f'<h2>Restored text</h2><div class="text restored">{_restored_html(data)}</div>')
    parts.append("</section>")
    return "\n".join(parts)


def _html(text: str, invisible: bool = False) -> str:
    """``text`` for an HTML page: :func:`visible` (control characters and direction
    overrides written out, invisible ones too with ``invisible``), then HTML-escaped."""
    return html.escape(visible(text, invisible))


def _html_line(text: str) -> str:
    """``text`` for a heading or an attribute: :func:`one_line`, then HTML-escaped (quotes too)."""
    return html.escape(one_line(text), quote=True)


def _match_section(text: str, match: Mapping[str, Any]) -> str:
    """Source and spun text side by side, substitutions highlighted on both sides."""
    source = str(match.get("source_text", ""))
    substitutions = match.get("substitutions", [])
    spun_spans = [{"start": s["start"], "end": s["end"], "other": s["source"]} for s in substitutions]
    source_spans = [{"start": s["source_start"], "end": s["source_end"], "other": s["spun"]} for s in substitutions]

    def side(content: str, spans: list[dict[str, Any]], tag: str) -> str:
        return "".join(
            _html(piece)
            if span is None
            else f'<{tag} title="{_html_line(str(span["other"]))}">{_html(piece, invisible=True)}</{tag}>'
            for piece, span in _segments(content, spans)
        )

    return (
        f"<h2>Source: {_html_line(str(match.get('title') or match.get('id')))}</h2>"
        f"<p>score {match['score']:.2f} · coverage {match['coverage']:.0%} · "
        f"{_count(len(substitutions), 'substitution')}</p>"
        f'<div class="side"><div class="text source">{side(source, source_spans, "ins")}</div>'
        f'<div class="text spun">{side(text, spun_spans, "del")}</div></div>'
    )


def render_html(reports: Iterable[Mapping[str, Any]]) -> str:
    """A standalone HTML page holding every report."""
    return html_page_start() + "\n".join(report_section(data) for data in reports) + html_page_end()


def html_page_start() -> str:
    """The HTML page of :func:`render_html` up to its first report, for writing a page as
    its reports come (each :func:`report_section` on a line of its own)."""
    return _PAGE.split("{body}")[0].format()


def html_page_end() -> str:
    """The HTML page of :func:`render_html` after its last report."""
    return _PAGE.split("{body}")[1].format()
