"""Faithful copies as pages carry them: traced to their source, and never called spun.

    .venv/bin/python benchmarks/faithful_copies.py [--documents 300] [--distractors 700]

A news agency's story republished word for word is copied, not spun: ``unspun.trace`` should
find its source, list no substitution and call it clean. Pages do not carry a copy exactly as
the agency filed it, though. Each of the benchmark's seeded sample of BBC test articles is
indexed (with ``--distractors`` other test articles) and traced in these forms, none of which
changes a word:

- as stored;
- under its headline, on a line of its own (as a scraped page starts);
- with a credit line after it ("Source: BBC News") and a share line before it ("Share this
  article");
- with an agency's dateline before its first words and a credit after its last stop, on the
  story's own lines ("LONDON (BBC) — Quarterly profits ... earlier. (BBC)"; session 52);
- typeset: straight quotes made curly, " - " made an en dash, a no-break space after "Mr";
- as copied from a PDF: the "fi" and "fl" ligatures, soft hyphens inside words of ten letters
  or more, CRLF line ends;
- in a PDF's justified lines: lines of 60 characters, a long word crossing a line's end
  broken there by a hyphen (session 39).

Reported for each form: copies traced to the right source, copies called spun (a false
accusation), and the findings a source gave (each substitution the report shows is false; a
near-duplicate story in the index may list its own differences among its matches, which the
report does not show as findings). And, without the index, copies the source-free detector
(``unspun.check``) calls spun: the forms should not move it from the stored text's count.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import unspun
from unspun.eval.corpus import bench_sample
from unspun.index import Index
from unspun.ingest import Document
from unspun.pipeline import SOURCE_FOUND

_LONG_WORD_RE = re.compile(r"\b([A-Za-z]{5})([A-Za-z]{5,})\b")


def _typeset(text: str) -> str:
    text = re.sub(r'"(\w)', "\u201c\\1", text)
    text = text.replace('"', "\u201d").replace("'", "\u2019").replace(" - ", " \u2013 ")
    return text.replace("Mr ", "Mr\u00a0")


def from_a_pdf(text: str) -> str:
    text = text.replace("fi", "\ufb01").replace("fl", "\ufb02")
    return _LONG_WORD_RE.sub("\\1\u00ad\\2", text).replace("\n", "\r\n")


def hyphenated_lines(text: str, width: int = 60) -> str:
    """``text`` in justified lines of ``width`` characters as a PDF's text comes out: a word of
    six letters or more that crosses a line's end is broken there with a hyphen (three
    letters kept on each side), any other goes to the next line."""
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            if len(line) + 1 + len(word) <= width:
                line = f"{line} {word}" if line else word
                continue
            room = width - len(line) - 2
            if room >= 3 and len(word) >= 6 and word.isalpha():
                cut = max(3, min(room, len(word) - 3))
                lines.append(f"{line} {word[:cut]}-" if line else f"{word[:cut]}-")
                line = word[cut:]
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return "\n".join(lines)


FORMS: dict[str, Callable[[Document], str]] = {
    "as stored": lambda d: d.text,
    "under its headline": lambda d: f"{d.title}\n\n{d.text}",
    "with share and credit lines": lambda d: f"Share this article\n{d.text}\n\nSource: BBC News",
    "with a dateline and a credit on the story's own lines": lambda d: f"LONDON (BBC) \u2014 {d.text} (BBC)",
    "typeset (curly quotes, dashes, no-break spaces)": lambda d: _typeset(d.text),
    "copied from a PDF (ligatures, soft hyphens, CRLF)": lambda d: from_a_pdf(d.text),
    "in a PDF's justified lines (words broken by hyphens at line ends)": lambda d: hyphenated_lines(d.text),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--distractors", type=int, default=700)
    args = parser.parse_args()
    sample = bench_sample(args.documents + args.distractors)  # the benchmark's seeded order
    originals, distractors = sample[: args.documents], sample[args.documents :]

    print(f"{len(originals)} BBC test articles, an index of {len(originals) + len(distractors)}\n")
    print("| the copy | traced to its source | called spun | substitutions shown (findings from a source) "
          "| without the index (`unspun.check`): called spun |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "originals.db"
        with Index.create(path) as index:
            index.add([*originals, *distractors])
        with Index.open(path, readonly=True) as index:
            for name, form in FORMS.items():
                traced = spun = substitutions = checked_spun = 0
                for document in originals:
                    copy = form(document)
                    checked_spun += unspun.check(copy).verdict == "spun"
                    report = unspun.trace(copy, index)
                    found = report.trace_verdict == SOURCE_FOUND
                    traced += found and report.matches[0].id == document.id
                    spun += report.verdict == "spun"
                    substitutions += sum("source" in f.evidence for f in report.findings)
                n = len(originals)
                print(f"| {name} | {traced} / {n} | {spun} / {n} | {substitutions} | {checked_spun} / {n} |")


if __name__ == "__main__":
    main()
