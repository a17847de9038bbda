"""Checking PDFs: the same articles typeset as PDFs and checked from their text, side by side.

    .venv/bin/python benchmarks/pdf_papers.py [--documents 100] [--seed 1]

BBC test articles, clean and spun (MyThes, rate 0.2), are typeset by fpdf2 as a journal
would print them (a running head on every page, a page number at its foot, lines wrapped at
the page's width, so that phrases break across lines and pages) and read back by
``unspun.ingest.pdf``. Each is checked twice, from the PDF and from the text it was
typeset from, and the two reports compared: the verdicts, and the findings (each as its
phrase and suggestion with the white space between words made one space). Also timed: the
reading of the PDFs, per page, and of the two real PDFs Debian ships with its documentation
when they are there. Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from fpdf import FPDF

import unspun
from unspun.eval.corpus import bbc_split
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import MyThesSource
from unspun.ingest.pdf import pdf_to_document

_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
_REAL_PDFS = (Path("/usr/share/doc/libtasn1-doc/libtasn1.pdf"),
              Path("/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf"))
RUNNING_HEAD = "BBC News archive, 2004-2005: articles set as a journal prints them"


class _Journal(FPDF):
    def header(self) -> None:
        self.set_font(self.body_font, size=8)
        self.cell(0, 5, RUNNING_HEAD, new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(self.body_font, size=8)
        self.cell(0, 6, str(self.page_no()), align="C")


def typeset(text: str, path: Path) -> int:
    """``text`` as a PDF at ``path``, its paragraphs as they are; the pages it took."""
    pdf = _Journal(format=(148, 210))  # A5, in millimetres
    if _FONT.is_file():
        pdf.add_font("body", fname=str(_FONT))
        pdf.body_font = "body"
    else:  # the core font writes Latin-1 only
        pdf.body_font = "helvetica"
        text = text.encode("latin-1", "replace").decode("latin-1")
    pdf.add_page()
    pdf.set_font(pdf.body_font, size=10)
    for paragraph in text.split("\n\n"):
        pdf.multi_cell(0, 5, paragraph.strip(), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.output(str(path))
    return pdf.page_no()


def findings(report: unspun.Report) -> set[tuple[str, str]]:
    return {(" ".join(f.text.split()), " ".join((f.suggestion or "").split())) for f in report.findings}


def f1(verdicts: list[tuple[bool, str]]) -> float:
    tp = sum(1 for spun, verdict in verdicts if spun and verdict == "spun")
    fp = sum(1 for spun, verdict in verdicts if not spun and verdict == "spun")
    fn = sum(1 for spun, verdict in verdicts if spun and verdict != "spun")
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    _, test = bbc_split()
    articles = [d.text for d in test[: args.documents]]
    spinner = Spinner(MyThesSource(), rate=0.2, seed=args.seed)
    texts = [(False, text) for text in articles] + [(True, spinner.spin(text).text) for text in articles]
    unspun.check(articles[0])  # warm: the engine's tables loaded
    from_pdf: list[tuple[bool, str]] = []
    from_text: list[tuple[bool, str]] = []
    agree = same_findings = leaks = pages = longer = 0
    overlaps: list[float] = []
    reading = 0.0
    with tempfile.TemporaryDirectory() as scratch:
        for number, (spun, text) in enumerate(texts):
            path = Path(scratch) / f"{number}.pdf"
            its_pages = typeset(text, path)
            pages += its_pages
            began = time.perf_counter()
            document = pdf_to_document(path, path.name)
            reading += time.perf_counter() - began
            lines = [line.strip() for line in document.text.splitlines()]
            if its_pages > 1:  # on one page nothing repeats: its running head stays
                longer += 1
                leaks += RUNNING_HEAD in document.text or any(line.isdigit() for line in lines)
            as_pdf, as_text = unspun.check(document), unspun.check(text)
            from_pdf.append((spun, as_pdf.verdict))
            from_text.append((spun, as_text.verdict))
            agree += as_pdf.verdict == as_text.verdict
            mine, theirs = findings(as_pdf), findings(as_text)
            same_findings += mine == theirs
            overlaps.append(len(mine & theirs) / len(mine | theirs) if mine | theirs else 1.0)
    count = len(texts)
    print(f"{count} PDFs ({args.documents} BBC test articles clean and spun with MyThes at 0.2, seed {args.seed}), "
          f"{pages} A5 pages, font {'DejaVu Serif' if _FONT.is_file() else 'Helvetica (Latin-1)'}")
    print()
    print("| read from | document F1 | clean called spun | spun found | verdicts equal to the text's | findings equal "
          "| findings' overlap, mean (Jaccard) | running heads or page numbers left, PDFs of 2 pages or more |")
    print("|---|---|---|---|---|---|---|---|")
    for name, verdicts in (("the text typeset", from_text), ("the PDF", from_pdf)):
        clean_spun = sum(1 for spun, verdict in verdicts if not spun and verdict == "spun")
        found = sum(1 for spun, verdict in verdicts if spun and verdict == "spun")
        is_pdf = name == "the PDF"
        print(f"| {name} | {f1(verdicts):.3f} | {clean_spun} / {args.documents} | {found} / {args.documents} | "
              f"{f'{agree} / {count}' if is_pdf else '-'} | {f'{same_findings} / {count}' if is_pdf else '-'} | "
              f"{f'{statistics.mean(overlaps):.3f}' if is_pdf else '-'} | {f'{leaks} / {longer}' if is_pdf else '-'} |")
    print()
    print("| PDF | pages | read in (s) | per page (ms) |")
    print("|---|---|---|---|")
    print(f"| the typeset articles | {pages} | {reading:.2f} | {1000 * reading / pages:.1f} |")
    for real in _REAL_PDFS:
        if real.is_file():
            began = time.perf_counter()
            document = pdf_to_document(real, real.name)
            seconds = time.perf_counter() - began
            print(f"| {real.name} | {document.meta['pages']} | {seconds:.2f} | {1000 * seconds / document.meta['pages']:.1f} |")


if __name__ == "__main__":
    main()
