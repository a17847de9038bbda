"""PDF documents: the text of their pages, as PDFium reads it.

Research-integrity work starts from papers, and papers come as PDFs: a tortured phrase is
found in a journal's PDF, not in a text someone pasted. The text is extracted with PDFium
(``pypdfium2``, the engine of Chrome's PDF viewer), page by page, in the order the page's
content stream gives (a two-column paper's columns one after the other), in a process of
its own under a memory limit and a deadline (:mod:`unspun.ingest._pdf_worker`: a small
hostile PDF took gigabytes or hours inside PDFium). All the text a page holds is read,
hidden text included, as an OCR layer is. What a typesetter adds around the text is
dropped: a page number at each end of a page, the running heads and feet repeated at the
pages' edges (a journal's name), which would cut a phrase that runs across pages in two,
and the line numbers of a manuscript for review. A word PDFium finds broken by a hyphen at
a line's end keeps its hyphen and line break, so that unspun's own reading
(:mod:`unspun.disguise`) joins it as it joins any broken word: a compound keeps its hyphen.

A PDF's size is mostly its images, so a file's bytes are not what is limited: its text is, by
``ReadConfig.max_bytes`` in UTF-8 as a text file's bytes are (and a check by
``MAX_CHECK_CHARS``), its pages by :data:`MAX_PDF_PAGES`, and the reading by
:data:`PDF_MEMORY_BYTES` and :data:`PDF_SECONDS`. A PDF with no text (scanned pages) is
empty input, with the advice to OCR it; one that asks for a password to open is refused, as
is a damaged one; a page that cannot be read is passed over (counted in the document's
``meta``) when others can.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import pickle
import re
import select
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, cast

from .._unicode import safe_text
from ..config import ReadConfig
from ..errors import EmptyInputError, InputError, MalformedInputError, TooLargeError
from ..models import Document
from ._pdf_worker import memory_cap, receive, send

PDF_MAGIC = b"%PDF-"
MAX_PDF_PAGES = 10_000
"""The most pages read from one PDF: a book is a few hundred. Past it the PDF is refused."""
PDF_MEMORY_BYTES = 2 << 30
"""The address space the PDF reader's process may take: 10,000 real pages took 400 MB."""
PDF_SECONDS = 60.0
"""The longest one PDF may take to read: 10,000 real pages took 5 s."""
_EDGE_LINES = 2
"""The most lines looked at, and dropped, at each end of a page: a running head and a number."""

_ROMAN = r"(?=[ivxlc])x{0,3}(?:ix|iv|v?i{0,3})|(?=[IVXLC])X{0,3}(?:IX|IV|V?I{0,3})"  # up to 39: "xiv", not "mild"
_PAGE_NUMBER_RE = re.compile(
    rf"(?:[Pp]age\s+)?(?:\d{{1,5}}|{_ROMAN})(?:\s*(?:/|of)\s*\d{{1,5}})?|[-–—]\s*\d{{1,5}}\s*[-–—]")
_DIGITS_RE = re.compile(r"\d+")
_LINE_NUMBER_RE = re.compile(r"\s*(\d{1,5})\s+(?=\S)")
_CONTROLS_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def starts_pdf(head: bytes) -> bool:
    """Whether bytes are a PDF file's: its header comes first (readers allow some bytes of
    junk before it, which no tool writes)."""
    return head[:1024].lstrip(b"\x00\t\n\r\x0c ").startswith(PDF_MAGIC)


def pdf_to_document(source: Path | bytes, doc_id: str, config: ReadConfig = ReadConfig()) -> Document:
    """The document of a PDF file (its path: read as PDFium needs it, not whole) or its bytes.
    Raises :class:`~unspun.errors.InputError` subclasses for a PDF that cannot be read."""
    reply = _READER.read((str(source) if isinstance(source, Path) else source, config.max_bytes, MAX_PDF_PAGES),
                         doc_id)
    if reply[0] == "error":
        raise _refusal(doc_id, reply[1], reply[2], config)
    _, title, raw_pages, unreadable = reply
    pages = [_without_line_numbers(_CONTROLS_RE.sub("", page).split("\n")) for page in raw_pages]
    text = "\n".join(page for page in _without_running_lines(pages) if page).strip()
    if not any(character.isalpha() for character in text):
        # What the edges held was all there was (a table's pages): kept rather than lost.
        text = "\n".join("\n".join(lines).strip() for lines in pages).strip()
    if not any(character.isalpha() for character in text):
        count = len(raw_pages)
        raise EmptyInputError(
            f"{doc_id}: a PDF with no text to read ({count:,} page{'' if count == 1 else 's'}: "
            "scanned images?); run OCR on it first (e.g. ocrmypdf), then check its text"
        )
    meta: dict[str, int] = {"pages": len(raw_pages)}
    if unreadable:
        meta["unreadable_pages"] = unreadable
    return Document(id=doc_id, title=safe_text(title), text=text, source="pdf", meta=meta)


def _refusal(doc_id: str, kind: str, detail: str, config: ReadConfig) -> InputError:
    if kind == "password":
        return InputError(f"{doc_id}: a PDF that asks for a password to open; save a copy without one")
    if kind == "pages":
        return TooLargeError(f"{doc_id}: a PDF of {int(detail):,} pages, over the limit of {MAX_PDF_PAGES:,}")
    if kind == "size":
        return TooLargeError(f"{doc_id} (its text): {int(detail):,} bytes at least, over the limit of "
                             f"{config.max_bytes:,} bytes (raise it with --max-bytes)")
    if kind == "memory":
        return _too_demanding(doc_id, "memory")
    if kind == "unreadable":
        return InputError(f"{doc_id}: cannot be read ({detail})")
    return MalformedInputError(f"{doc_id}: not a readable PDF ({detail})")


def _too_demanding(doc_id: str, what: str) -> TooLargeError:
    if what == "memory":
        need = f"more than {memory_cap(PDF_MEMORY_BYTES) / (1 << 30):.3g} GiB of memory"
    else:
        need = f"more than {PDF_SECONDS:g} s"
    return TooLargeError(f"{doc_id}: a PDF that needs {need} to read (damaged, or built to stall a reader); "
                         "it was not read")


class _Reader:
    """The PDF reader's process (:mod:`unspun.ingest._pdf_worker`), started on the first PDF
    and kept for the next; one request at a time (PDFium is not thread-safe either). A PDF
    that kills it (its memory) or outlasts :data:`PDF_SECONDS` is refused, and the next
    starts a new one. A process that cannot start (a Python that cannot import unspun or
    pypdfium2) makes every PDF an error that says so, without a start per PDF."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._answers: IO[bytes] | None = None
        self._broken: str | None = None

    def read(self, request: tuple[Any, ...], doc_id: str) -> tuple[Any, ...]:
        with self._lock:
            process, answers = self._started(doc_id)
            assert process.stdin is not None
            try:
                send(process.stdin, request)
                reply = self._reply(answers, time.monotonic() + PDF_SECONDS, request[1])
            except _Stalled:
                self._stop()
                raise _too_demanding(doc_id, "time") from None
            except (EOFError, BrokenPipeError, ConnectionError, ValueError, pickle.UnpicklingError):
                self._stop()  # died (its memory limit: PDFium aborts), or its answer is garbled
                raise _too_demanding(doc_id, "memory") from None
            except BaseException:
                # Interrupted while it read (Ctrl-C, a caller's timeout): its answer would be
                # taken for the next document's (the review).
                self._stop()
                raise
            return cast(tuple[Any, ...], reply)

    def _started(self, doc_id: str) -> tuple[subprocess.Popen[bytes], IO[bytes]]:
        if self._broken is not None:
            raise InputError(f"{doc_id}: cannot read PDFs: {self._broken}")
        if self._process is not None and self._process.poll() is None and self._answers is not None:
            return self._process, self._answers
        self._stop()
        if os.name != "posix":  # the answers' pipe is passed as a descriptor, which Windows cannot
            self._broken = "PDFs are read on POSIX systems only (Linux, macOS)"
            raise InputError(f"{doc_id}: cannot read PDFs: {self._broken}")
        # Its messages go to a file read only if it fails to start (a pipe could fill up).
        with tempfile.TemporaryFile() as errors:
            self._answers = self._spawn(doc_id, errors)
            try:
                ready = self._reply(self._answers, time.monotonic() + PDF_SECONDS, 0)
            except (_Stalled, EOFError, BrokenPipeError, ConnectionError, ValueError, pickle.UnpicklingError):
                ready = None
            except BaseException:
                self._stop()  # interrupted while it started: its "ready" would answer the next PDF
                raise
            if ready != ("ready",):
                errors.seek(0)
                said = " ".join(errors.read()[-2_000:].decode("utf-8", "replace").split())[-300:]
                self._stop()
                self._broken = ("the PDF reader's process did not start "
                                f"({said or 'no message'}; its Python: {sys.executable})")
                raise InputError(f"{doc_id}: cannot read PDFs: {self._broken}")
        assert self._process is not None
        return self._process, self._answers

    def _spawn(self, doc_id: str, errors: IO[bytes]) -> IO[bytes]:
        """Start the reader's process; the stream its answers come on."""
        read_end, write_end = os.pipe()
        try:
            # -P and the caller's own module path: the child imports what the caller imported,
            # never a module of the current folder ("struct.py" ran in it: the review).
            paths = [path for path in sys.path if path and path != "."]
            self._process = subprocess.Popen(
                [sys.executable, "-P", "-m", "unspun.ingest._pdf_worker", str(PDF_MEMORY_BYTES), str(write_end)],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors, pass_fds=(write_end,),
                env={**os.environ, "PYTHONPATH": os.pathsep.join(paths)},
            )
        except OSError as error:
            os.close(read_end)
            if isinstance(error, TimeoutError):
                # The caller's own deadline (an alarm's TimeoutError is an OSError) while the
                # process was being made: no fault of the reader's, and the next PDF starts one
                # again. Taken for one, it left the reader broken for every later PDF (a CI run
                # under load, session 68).
                raise
            self._broken = f"the PDF reader's process cannot start ({error.strerror or error})"
            raise InputError(f"{doc_id}: cannot read PDFs: {self._broken}") from None
        finally:
            os.close(write_end)
        return os.fdopen(read_end, "rb")

    def _reply(self, stream: IO[bytes], deadline: float, max_text_bytes: int) -> Any:
        if os.name == "posix":
            # Waited for with a deadline; the answer, once it starts, comes whole at once.
            while not select.select([stream], [], [], max(0.0, deadline - time.monotonic()))[0]:
                if time.monotonic() >= deadline:
                    raise _Stalled
        # An answer holds the text (at most max_text_bytes), its title and a little more.
        reply = receive(stream, limit=2 * max_text_bytes + (1 << 20))
        if reply is None:
            raise EOFError  # the process died: its memory limit (PDFium aborts), or killed
        return reply

    def _stop(self) -> None:
        if self._process is not None:
            with contextlib.suppress(OSError):
                self._process.kill()
        self._ended()

    def close(self) -> None:
        """End the reader's process, which ends at its input's end (at this process's exit)."""
        with self._lock:
            if self._process is None:
                return
            if self._process.stdin is not None:
                with contextlib.suppress(OSError):
                    self._process.stdin.close()
            try:
                self._process.wait(timeout=0.2)
            except subprocess.TimeoutExpired:
                self._process.kill()  # busy with a PDF: not waited for
            self._ended()

    def forget(self) -> None:
        """In a child forked from this process: its own reader, started when it reads a PDF
        (the parent's process and lock are the parent's; a lock held at the fork would
        never be released here)."""
        self._lock = threading.Lock()
        self._process = self._answers = None

    def _ended(self) -> None:
        if self._process is not None:
            self._process.wait()
            if self._process.stdin is not None:
                with contextlib.suppress(OSError):
                    self._process.stdin.close()
        if self._answers is not None:
            with contextlib.suppress(OSError):
                self._answers.close()
        self._process = self._answers = None


class _Stalled(Exception):
    """The PDF reader did not answer by its deadline."""


_READER = _Reader()
atexit.register(_READER.close)
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_READER.forget)


def _without_line_numbers(lines: list[str]) -> list[str]:
    """A page's lines without the line numbers a manuscript for review prints in its margin
    ("...counterfeit\n2 consciousness..." hid the phrase across the lines: the audit): when
    most of its lines start with a number and the numbers go up, they are dropped."""
    numbered = [(i, match) for i, line in enumerate(lines) if (match := _LINE_NUMBER_RE.match(line))]
    text_lines = sum(1 for line in lines if line.strip())
    if len(numbered) < 5 or len(numbered) < 0.6 * text_lines:
        return lines
    numbers = [int(match.group(1)) for _, match in numbered]
    if sum(1 for a, b in itertools.pairwise(numbers) if b > a) < 0.9 * (len(numbers) - 1):
        return lines
    kept = list(lines)
    for i, match in numbered:
        kept[i] = lines[i][match.end():]
    return kept


def _without_running_lines(pages: Sequence[list[str]]) -> list[str]:
    """Each page's text without a page number and the running heads and feet at its ends: a
    line at a page's top (or foot) that, numbers aside, is at the top (or foot) of half the
    pages or more, or of half the odd or the even pages, two at the least (a journal's name;
    not a sentence two pages happen to start with, nor two tables' captions, in a long
    document)."""
    running_tops: set[str] = set()
    running_feet: set[str] = set()
    # Journals alternate their heads (the authors on even pages, the journal on odd ones):
    # the pages of each parity are counted apart too (the review).
    for group in (pages, pages[0::2], pages[1::2]):
        tops: Counter[str] = Counter()
        feet: Counter[str] = Counter()
        for lines in group:
            kept = [line for line in lines if line.strip()]
            tops.update({_running_key(line) for line in kept[:_EDGE_LINES]})
            feet.update({_running_key(line) for line in kept[-_EDGE_LINES:]})
        least = max(2, (len(group) + 1) // 2)
        running_tops |= {key for key, count in tops.items() if count >= least}
        running_feet |= {key for key, count in feet.items() if count >= least}
    return [_trimmed(lines, running_tops, running_feet) for lines in pages]


def _trimmed(lines: list[str], running_tops: set[str], running_feet: set[str]) -> str:
    """A page's text without its running lines and one page number at each end."""
    start, end = 0, len(lines)
    for from_top in (True, False):
        running = running_tops if from_top else running_feet
        number_seen = False
        for _ in range(_EDGE_LINES):
            while start < end and not lines[start if from_top else end - 1].strip():
                start, end = (start + 1, end) if from_top else (start, end - 1)
            if start == end:
                break
            line = lines[start if from_top else end - 1]
            is_number = _PAGE_NUMBER_RE.fullmatch(line.strip()) is not None
            if not (is_number and not number_seen) and _running_key(line) not in running:
                break
            number_seen = number_seen or is_number
            start, end = (start + 1, end) if from_top else (start, end - 1)
    return "\n".join(lines[start:end]).strip()


def _running_key(line: str) -> str:
    """A line as a running head or foot is compared: numbers aside, in lower case."""
    return _DIGITS_RE.sub("#", " ".join(line.split()).lower())
