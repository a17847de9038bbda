"""Originals stored as PDFs, disguising tools and archives leave them, traced from clean copies.

    .venv/bin/python benchmarks/stored_originals.py [--documents 300] [--distractors 700]

A journal's collection of papers often comes out of PDFs (the "fi" and "fl" ligatures, soft
hyphens inside long words, CRLF line ends; justified lines whose last word is broken by a
hyphen); a collection may hold texts someone disguised
(zero-width characters inside words, look-alike letters: ``unspun.eval.disguiser``); a wire
archive may keep its stories in capitals, a site in title case. The copies people check are
typed again or scraped from the web, in ordinary case and without any of it. Each of the
benchmark's seeded sample of BBC test articles is stored in such a form, with
``--distractors`` other test articles as they are, in an index keyed by skeleton rules v1
(each text as given) and by v2 (each text read through first, and a text in capitals or in
title case read in ordinary case: ``unspun.index.SKELETON_VERSION``); the article as stored
and a copy spun with MyThes at 0.2 are traced. Reported: copies whose first match is their
own original, and the copies called spun.
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
from collections.abc import Callable
from pathlib import Path

from copies_in_capitals import in_title_case  # this folder: its title-case writer
from faithful_copies import from_a_pdf, hyphenated_lines  # this folder: the PDF forms of its copies

import unspun
from unspun.eval.corpus import bench_sample
from unspun.eval.disguiser import disguise
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import MyThesSource
from unspun.index import Index, IndexParams
from unspun.pipeline import SOURCE_FOUND

ORIGINALS: dict[str, Callable[[str], str]] = {
    "as stored": lambda text: text,
    "from a PDF (ligatures, soft hyphens, CRLF)": from_a_pdf,
    "in a PDF's justified lines (words broken by hyphens at line ends)": hyphenated_lines,
    "disguised (invisible characters, look-alike letters)": lambda text: disguise(text, seed=3),
    "in capitals": str.upper,
    "in title case": in_title_case,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--distractors", type=int, default=700)
    args = parser.parse_args()
    sample = bench_sample(args.documents + args.distractors)  # the benchmark's seeded order
    originals, distractors = sample[: args.documents], sample[args.documents :]
    spinner = Spinner(MyThesSource(), rate=0.2, seed=1)
    copies = {"the article as stored": [d.text for d in originals],
              "spun (MyThes, 0.2)": [spinner.spin(d.text).text for d in originals]}
    n = len(originals)

    print(f"{n} BBC test articles, an index of {n + len(distractors)}\n")
    print("| the originals | skeleton rules | copy | traced to its original | called spun |")
    print("|---|---|---|---|---|")
    for name, form in ORIGINALS.items():
        stored = [dataclasses.replace(d, text=form(d.text)) for d in originals] + list(distractors)
        for version in (1, 2):
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "originals.db"
                with Index.create(path, IndexParams(skeleton_version=version)) as index:
                    index.add(stored)
                with Index.open(path, readonly=True) as index:
                    for copy_name, texts in copies.items():
                        traced = spun = 0
                        for document, text in zip(originals, texts, strict=True):
                            report = unspun.trace(text, index)
                            traced += report.trace_verdict == SOURCE_FOUND and report.matches[0].id == document.id
                            spun += report.verdict == "spun"
                        print(f"| {name} | v{version} | {copy_name} | {traced} / {n} | {spun} / {n} |", flush=True)


if __name__ == "__main__":
    main()
