"""PDF documents: real PDFs written by fpdf2, read by PDFium, checked end to end."""

from __future__ import annotations

import contextlib
import gzip
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from fpdf import FPDF

import unspun
from unspun.config import ReadConfig
from unspun.errors import EmptyInputError, InputError, MalformedInputError, TooLargeError
from unspun.ingest import ReadStats, pdf, read, read_path
from unspun.ingest.pdf import pdf_to_document, starts_pdf

from ._hand_made_pdfs import forms_bomb, pages_pdf, slow_pages

# A paper's pages, each a list of lines as typeset: a tortured phrase broken by a hyphen at a
# line's end, another across a page break, a hyphenated compound at a line's end.
PAGES = [
    ["Results on three cohorts",
     "We trained an irregular wood-",
     "land on scans from the clinic, as the ethics board",
     "allowed, and report each fold. The long-",
     "term patients were kept apart from the others, and the"],
    ["bosom peril cases of the second cohort were read by two radiologists who did not",
     "know the labels. Their agreement was high on every site of the trial."],
    ["The model's errors were few, and most of them came from the oldest scanners.",
     "We thank the nurses of the three clinics for their patience with the study."],
]
RUNNING_HEAD = "Journal of Applied Diagnostics 12 (2024)"


class _Paper(FPDF):
    def header(self) -> None:
        self.set_font("helvetica", size=9)
        self.cell(0, 6, RUNNING_HEAD, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("helvetica", size=9)
        self.cell(0, 8, str(self.page_no()), align="C")


def write_pdf(path: Path, pages: Sequence[Sequence[str]] = PAGES, title: str | None = "Irregular Woodlands",
              password: str | None = None) -> Path:
    pdf = _Paper()
    if title is not None:
        pdf.set_title(title)
    if password is not None:
        pdf.set_encryption(owner_password="owner", user_password=password)
    for lines in pages:
        pdf.add_page()
        pdf.set_font("helvetica", size=11)
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    return write_pdf(tmp_path / "paper.pdf")


def test_a_papers_text_is_read_without_its_running_heads_and_page_numbers(paper: Path) -> None:
    document = pdf_to_document(paper, "paper.pdf")
    assert document.source == "pdf" and document.title == "Irregular Woodlands" and document.meta["pages"] == 3
    assert RUNNING_HEAD not in document.text
    lines = document.text.splitlines()
    assert not any(line.strip().isdigit() for line in lines)  # the page numbers
    assert lines[0] == "Results on three cohorts"
    # PDFium's mark for a word broken at a line's end is read as the hyphen it was.
    assert "irregular wood-\nland" in document.text and "long-\nterm" in document.text
    # One page runs on into the next.
    assert "kept apart from the others, and the\nbosom peril cases" in document.text


def test_a_spun_paper_is_found_spun_with_its_phrases_restored(paper: Path) -> None:
    report = unspun.check(next(iter(read([paper]))))
    found = {(report.text[f.start:f.end], f.suggestion) for f in report.findings}
    assert ("irregular wood-\nland", "random\nforest") in found or ("irregular wood-\nland", "random forest") in found
    assert ("bosom peril", "breast cancer") in found
    assert "long-\nterm" not in {text for text, _ in found}


def test_a_pdf_is_read_by_its_start_under_any_name_and_from_a_stream(paper: Path, tmp_path: Path) -> None:
    data = paper.read_bytes()
    assert starts_pdf(data) and not starts_pdf(b"%PDF is a format")
    unnamed = tmp_path / "download"
    unnamed.write_bytes(data)
    zipped = tmp_path / "paper.pdf.gz"
    zipped.write_bytes(gzip.compress(data))
    expected = pdf_to_document(paper, "x").text
    for path in (unnamed, zipped):
        (document,) = read_path(path)
        assert document.source == "pdf" and document.text == expected
    result = subprocess.run([sys.executable, "-m", "unspun", "check", "-", "--format", "json"], input=data,
                            capture_output=True, timeout=120)
    assert result.returncode == 1, result.stderr  # spun
    assert b'"source": "pdf"' in result.stdout


def test_a_folder_reads_its_pdfs(paper: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("Plain notes about the trial, written by hand for the team.")
    assert sorted(d.source for d in read([tmp_path])) == ["pdf", "text"]


def test_a_pdf_without_text_asks_for_ocr(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw  # fpdf2's own dependency

    page = Image.new("L", (850, 1100), 255)
    ImageDraw.Draw(page).rectangle((100, 100, 750, 140), fill=0)  # a line of "print", as pixels
    scanned = FPDF()
    for _ in range(2):
        scanned.add_page()
        scanned.image(page, x=0, y=0, w=210)
    scanned.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(EmptyInputError, match=r"no text to read \(2 pages: scanned images\?\); run OCR"):
        pdf_to_document(tmp_path / "scan.pdf", "scan.pdf")


def test_a_pdf_behind_a_password_is_refused(tmp_path: Path) -> None:
    locked = write_pdf(tmp_path / "locked.pdf", password="secret")
    with pytest.raises(InputError, match="asks for a password"):
        pdf_to_document(locked, "locked.pdf")


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_a_damaged_pdf_is_a_clear_error(paper: Path, tmp_path: Path, damage: str) -> None:
    data = paper.read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(data[: len(data) // 3] if damage == "truncated" else b"%PDF-1.7\n" + bytes(range(256)) * 40)
    with pytest.raises(MalformedInputError, match=r"^broken\.pdf: not a readable PDF \(.*Data format error"):
        pdf_to_document(broken, "broken.pdf")


def test_the_text_not_the_file_is_held_to_the_size_limit(paper: Path) -> None:
    text = pdf_to_document(paper, "paper.pdf").text
    assert pdf_to_document(paper, "paper.pdf", ReadConfig(max_bytes=len(text.encode()) + 200)).text == text
    with pytest.raises(TooLargeError, match=r"paper\.pdf \(its text\): .* over the limit of 300 bytes"):
        pdf_to_document(paper, "paper.pdf", ReadConfig(max_bytes=300))


def test_pdfs_read_from_many_threads_read_as_from_one(tmp_path: Path) -> None:
    # PDFium is not thread-safe: a server's threads share one document at a time.
    papers = [write_pdf(tmp_path / f"p{i}.pdf", pages=[[f"Paper {i} begins."], *PAGES[1:]]) for i in range(6)]
    expected = [pdf_to_document(p, p.name).text for p in papers]
    found: dict[int, str] = {}

    def read_one(i: int) -> None:
        for _ in range(5):
            found[i] = pdf_to_document(papers[i], papers[i].name).text

    threads = [threading.Thread(target=read_one, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [found[i] for i in range(6)] == expected


def test_a_pdf_is_indexed_and_traced(paper: Path, tmp_path: Path) -> None:
    from unspun.index import Index

    original = pdf_to_document(paper, "paper.pdf")
    with Index.create(tmp_path / "originals.db") as index:
        index.add(read([paper]))
        traced = unspun.trace(original.text.replace("were read by", "were examined by"), index)
    assert traced.trace_verdict == "source found" and traced.matches[0].id == str(paper)


def test_a_crawl_reads_the_pdfs_it_fetched(paper: Path, tmp_path: Path) -> None:
    from tests.conftest import write_warc

    scanned = FPDF()
    scanned.add_page()
    scanned.output(str(tmp_path / "blank.pdf"))
    crawl = write_warc(tmp_path / "crawl.warc.gz", gzip=True, records=[
        ("https://journal.example/paper.pdf", "application/pdf", paper.read_bytes()),
        ("https://journal.example/blank.pdf", "application/pdf", (tmp_path / "blank.pdf").read_bytes()),
    ])
    stats = ReadStats()
    (document,) = read([crawl], stats=stats)
    assert document.id == "https://journal.example/paper.pdf" and document.source == "warc"
    assert document.meta["format"] == "pdf" and document.text == pdf_to_document(paper, "x").text
    assert stats.warc.skipped["response without article text"] == 1  # the blank one


# -- PDFs built to stall or sink a reader, and layouts that misled it (an audit, session 58) --


@pytest.fixture
def small_reader(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The PDF reader's process started afresh under smaller limits, and again after."""
    monkeypatch.setattr(pdf, "PDF_MEMORY_BYTES", 800 << 20)
    monkeypatch.setattr(pdf, "PDF_SECONDS", 3.0)
    pdf._READER._stop()
    yield
    pdf._READER._stop()


def test_a_pdf_that_would_take_all_memory_is_refused_and_the_next_is_read(
        small_reader: None, paper: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(forms_bomb())
    assert bomb.stat().st_size < 5_000
    with pytest.raises(TooLargeError, match=r"bomb\.pdf: a PDF that needs more than 0 GiB of memory|needs more than"):
        pdf_to_document(bomb, "bomb.pdf")
    assert pdf_to_document(paper, "paper.pdf").title == "Irregular Woodlands"  # a new reader


def test_a_pdf_that_would_take_hours_is_refused_at_the_deadline(small_reader: None, paper: Path,
                                                               tmp_path: Path) -> None:
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(slow_pages())
    began = time.monotonic()
    with pytest.raises(TooLargeError, match=r"slow\.pdf: a PDF that needs more than 3 s to read"):
        pdf_to_document(slow, "slow.pdf")
    assert time.monotonic() - began < 10
    assert pdf_to_document(paper, "paper.pdf").meta["pages"] == 3


def test_a_bomb_in_a_folder_stops_only_itself(tmp_path: Path, paper: Path) -> None:
    (tmp_path / "bomb.pdf").write_bytes(forms_bomb())
    result = subprocess.run([sys.executable, "-m", "unspun", "check", str(tmp_path), "--format", "json"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 2, result.stderr  # the bomb's error wins over the spun paper's 1
    assert "bomb.pdf: a PDF that needs more than 2 GiB of memory" in result.stderr and "Traceback" not in result.stderr
    assert '"id": "' + str(paper) in result.stdout


def test_a_manuscripts_line_numbers_do_not_cut_its_phrases(tmp_path: Path) -> None:
    lines = ["We trained an irregular", "woodland on scans of patients,", "and the bosom", "peril cases were",
             "read by two radiologists", "who did not know the labels."]
    manuscript = tmp_path / "manuscript.pdf"
    manuscript.write_bytes(pages_pdf([[f"{n} {line}" for n, line in enumerate(lines, 101)]]))
    document = pdf_to_document(manuscript, "manuscript.pdf")
    assert document.text.splitlines() == lines
    report = unspun.check(document)
    assert {f.suggestion for f in report.findings} >= {"random forest", "breast cancer"}


def test_body_text_and_tables_at_the_pages_edges_are_kept(tmp_path: Path) -> None:
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]
    pages = [[f"The {word} trial began in spring.", f"Its {word} cohort was small.", f"The {word} results follow."]
             for word in words]
    sentence = "We conclude that the evidence supports the hypothesis."
    pages[1][0] = pages[4][0] = sentence  # two pages of six open alike: no running head
    document = pdf_to_document(_written(tmp_path / "six.pdf", pages_pdf(pages)), "six.pdf")
    assert document.text.count(sentence) == 2 and len(document.text.splitlines()) == 18
    tables = [["Table 1. Yield of the crop by year", "Year Yield", "1990 10"],
              ["Table 2. Yield of the crop by year", "Year Yield", "2000 20"]]
    document = pdf_to_document(_written(tmp_path / "tables.pdf", pages_pdf(tables)), "tables.pdf")
    assert "Table 1. Yield" in document.text  # all of it at the edges: kept, not "scanned images?"
    numbers = pages_pdf([["Prose before the counts.", "The sample sizes were as listed.", "42", "7"]])
    assert pdf_to_document(_written(tmp_path / "n.pdf", numbers), "n.pdf").text.endswith("listed.\n42")


def test_a_page_tree_that_promises_more_pages_is_read_for_those_it_holds(tmp_path: Path) -> None:
    sloppy = _written(tmp_path / "sloppy.pdf", pages_pdf([["A real paper whose page count is wrong."]], count=5))
    document = pdf_to_document(sloppy, "sloppy.pdf")
    assert document.text == "A real paper whose page count is wrong." and document.meta["unreadable_pages"] >= 1


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# -- the reader's process (a review, session 58) ------------------------------------------------


def test_a_read_interrupted_by_the_caller_leaves_no_answer_for_the_next(small_reader: None, paper: Path,
                                                                      tmp_path: Path) -> None:
    slow = _written(tmp_path / "slow.pdf", slow_pages(pages=200))
    with _callers_deadline(0.5), pytest.raises(TimeoutError):
        pdf_to_document(slow, "slow.pdf")
    assert pdf_to_document(paper, "paper.pdf").title == "Irregular Woodlands"  # its own text, not slow.pdf's


def test_a_reader_that_cannot_start_says_so_once(monkeypatch: pytest.MonkeyPatch, paper: Path) -> None:
    pdf._READER._stop()
    monkeypatch.setattr(sys, "executable", "/bin/false")
    monkeypatch.setattr(pdf, "_READER", pdf._Reader())
    for _ in range(2):
        with pytest.raises(InputError, match=r"cannot read PDFs: the PDF reader's process did not start .*/bin/false"):
            pdf_to_document(paper, "paper.pdf")
    assert pdf._READER._process is None  # the second did not start another


def test_the_reader_runs_no_module_of_the_current_folder_and_ignores_printing(tmp_path: Path, paper: Path) -> None:
    (tmp_path / "struct.py").write_text("open('PWNED', 'w').close()\nfrom _struct import *\n")
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text("print('hello from sitecustomize ' * 100)\n")
    command = Path(sys.executable).with_name("unspun")  # the console script: no folder of the caller's on its path
    result = subprocess.run([str(command), "check", str(paper), "--format", "json"],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(site)})
    assert result.returncode == 1, result.stderr
    assert not (tmp_path / "PWNED").exists()


def test_a_memory_cap_below_the_readers_own_is_kept(paper: Path) -> None:
    def capped() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1_800_000_000, 1_800_000_000))

    result = subprocess.run([sys.executable, "-m", "unspun", "check", str(paper), "--format", "json"],
                            capture_output=True, text=True, timeout=120, preexec_fn=capped)
    assert result.returncode == 1, result.stderr  # read (it was refused as needing more than 2 GiB)


def test_the_reader_ends_with_the_process_that_started_it(tmp_path: Path) -> None:
    slow = _written(tmp_path / "slow.pdf", slow_pages(pages=400))
    code = ("import pathlib, sys; from unspun.ingest.pdf import pdf_to_document; "
            "pdf_to_document(pathlib.Path(sys.argv[1]), 'slow.pdf')")
    parent = subprocess.Popen([sys.executable, "-c", code, str(slow)])
    try:
        worker = None
        for _ in range(100):
            time.sleep(0.1)
            children = Path(f"/proc/{parent.pid}/task/{parent.pid}/children").read_text().split()
            if children:
                worker = int(children[0])
                break
        assert worker is not None
    finally:
        parent.kill()
        parent.wait()
    for _ in range(50):
        if not Path(f"/proc/{worker}").exists() or "(Z)" in _state(worker):
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the reader outlived the process that started it")


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1][:4]
    except OSError:
        return "(Z)"


def test_a_forked_child_reads_with_a_reader_of_its_own(paper: Path) -> None:
    expected = pdf_to_document(paper, "paper.pdf").text  # the parent's reader started
    child = os.fork()
    if child == 0:
        try:
            os._exit(0 if pdf_to_document(paper, "paper.pdf").text == expected else 1)
        except BaseException:
            os._exit(2)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert pdf_to_document(paper, "paper.pdf").text == expected


def test_running_heads_that_alternate_and_roman_numerals_that_are_words(tmp_path: Path) -> None:
    words = ["apple", "birch", "cedar", "daisy", "elder", "fern", "gorse", "hazel", "iris", "juniper"]
    pages = []
    for number, word in enumerate(words, 1):
        head = [] if number == 1 else ["A. Author and B. Author"] if number % 2 == 0 else ["Journal of Tortured Prose 12"]
        body = [f"The {word} plots were sown first.", f"Then the {word} seedlings grew.", f"Each {word} row was counted."]
        pages.append([*head, *body, str(number)])
    document = pdf_to_document(_written(tmp_path / "journal.pdf", pages_pdf(pages)), "journal.pdf")
    assert "Author" not in document.text and "Journal" not in document.text
    assert len(document.text.splitlines()) == 30  # every line of the body, and no page number
    ending = pdf_to_document(_written(tmp_path / "mild.pdf", pages_pdf([["The reaction was", "mild"]])), "mild.pdf")
    assert ending.text == "The reaction was\nmild"


@pytest.mark.parametrize("where", ["missing.pdf", "."])
def test_a_path_that_is_no_file_is_said_to_be_so(tmp_path: Path, where: str) -> None:
    # The reader's process failed on it and was taken for a PDF that needed all its memory.
    with pytest.raises(InputError, match=r"cannot be read \(|not a readable PDF") as caught:
        pdf_to_document(tmp_path / where, where)
    assert not isinstance(caught.value, TooLargeError)


def test_a_start_interrupted_leaves_no_ready_answer_for_the_next(monkeypatch: pytest.MonkeyPatch,
                                                                  paper: Path) -> None:
    pdf._READER._stop()
    with _callers_deadline(0.02), pytest.raises(TimeoutError):  # while the reader starts
        pdf_to_document(paper, "paper.pdf")
        time.sleep(1)  # (had it started and read in time, the alarm comes here)
    assert pdf_to_document(paper, "paper.pdf").title == "Irregular Woodlands"


def test_a_deadline_while_the_process_is_made_does_not_break_the_reader(monkeypatch: pytest.MonkeyPatch,
                                                                        paper: Path) -> None:
    # An alarm's TimeoutError is an OSError: raised inside Popen under load, it was taken for
    # a reader that cannot start, and every later PDF failed (a CI run, session 68).
    pdf._READER._stop()

    def interrupted(*args: object, **kwargs: object) -> None:
        raise TimeoutError("the caller's own deadline")

    with monkeypatch.context() as patched:
        patched.setattr(subprocess, "Popen", interrupted)
        with pytest.raises(TimeoutError):
            pdf_to_document(paper, "paper.pdf")
    assert pdf_to_document(paper, "paper.pdf").title == "Irregular Woodlands"


@contextlib.contextmanager
def _callers_deadline(seconds: float) -> Iterator[None]:
    """A TimeoutError raised in this thread after ``seconds``, as a caller's own deadline does."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise TimeoutError("the caller's own deadline")

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
