"""PDF documents: the text of their pages, as a reader of the page sees it.

Research-integrity work starts from papers, and papers come as PDFs: a tortured phrase is
found in a journal's PDF, not in a text someone pasted. The text is extracted with PDFium
(``pypdfium2``, the engine of Chrome's PDF viewer; imported on first use), page by page, in
the order the page's content stream gives (a two-column paper's columns one after the other).
What a typesetter adds around the text is dropped, as a reader skips it: page numbers, and the
running heads and feet repeated on the pages (a journal's name, a chapter's title), which
would cut a phrase that runs across a page in two. A word PDFium finds broken by a hyphen at a
line's end (its mark U+0002) keeps its hyphen and line break, so that unspun's own reading
(:mod:`unspun.disguise`) joins it as it joins any broken word: a compound keeps its hyphen.

A PDF's size is mostly its images, so a file's bytes are not what is limited: its text is, by
``ReadConfig.max_bytes`` in UTF-8 as a text file's bytes are (and a check by
``MAX_CHECK_CHARS``), and its pages by :data:`MAX_PDF_PAGES`. A PDF with no text (scanned
pages) is empty input, with the advice to OCR it; one that asks for a password to open is
refused, as is a damaged one.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .._unicode import safe_text
from ..config import ReadConfig
from ..errors import EmptyInputError, InputError, MalformedInputError, TooLargeError
from ..models import Document
from ._decode import check_size

PDF_MAGIC = b"%PDF-"
MAX_PDF_PAGES = 10_000
"""The most pages read from one PDF: a book is a few hundred. Past it the PDF is refused."""
RUNNING_LINE_PAGES = 2
"""A page's first or last lines that start or end this many pages, numbers aside, are a running
head or foot: two, as a short paper of two pages carries its journal's name on both."""
_EDGE_LINES = 2
"""The most lines dropped at each end of a page: a running head and the page's number."""

# PDFium is not thread-safe: one document at a time in a process (a server's thread pool
# reads pages through unspun.read too).
_PDFIUM = threading.Lock()
_SOFT_HYPHEN_MARK = "\x02"  # PDFium's mark for a hyphen that broke a word at a line's end
_BROKEN_WORD_MARK = "\ufffe"  # the same mark in its other text calls
_CONTROLS_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PAGE_NUMBER_RE = re.compile(
    r"(?:page\s+)?(?:\d{1,5}|[ivxlcdm]{1,8})(?:\s*(?:/|of)\s*\d{1,5})?|[-–—]\s*\d{1,5}\s*[-–—]", re.IGNORECASE)
_DIGITS_RE = re.compile(r"\d+")


def starts_pdf(head: bytes) -> bool:
    """Whether bytes are a PDF file's: its header comes first (readers allow some bytes of
    junk before it, which no tool writes)."""
    return head[:1024].lstrip(b"\x00\t\n\r\x0c ").startswith(PDF_MAGIC)


def pdf_to_document(source: Path | bytes, doc_id: str, config: ReadConfig = ReadConfig()) -> Document:
    """The document of a PDF file (its path: read as PDFium needs it, not whole) or its bytes.
    Raises :class:`~unspun.errors.InputError` subclasses for a PDF that cannot be read."""
    pdfium = _pdfium()
    with _PDFIUM:
        try:
            pdf = pdfium.PdfDocument(str(source) if isinstance(source, Path) else source)
        except pdfium.PdfiumError as error:
            raise _unreadable(doc_id, error) from None
        try:
            pages = _page_texts(pdf, doc_id, config, pdfium)
            title = _title(pdf)
        finally:
            pdf.close()
    text = "\n".join(page for page in _without_running_lines(pages) if page).strip()
    if not any(character.isalpha() for character in text):
        raise EmptyInputError(
            f"{doc_id}: a PDF with no text to read ({len(pages):,} page{'' if len(pages) == 1 else 's'}: "
            "scanned images?); run OCR on it first (e.g. ocrmypdf), then check its text"
        )
    return Document(id=doc_id, title=title, text=text, source="pdf", meta={"pages": len(pages)})


def _pdfium() -> Any:
    try:
        import pypdfium2
    except ImportError as error:  # a core dependency: only a broken install lacks it
        raise InputError(f"cannot read PDFs: {error}; reinstall unspun (it needs pypdfium2)") from None
    return pypdfium2


def _unreadable(doc_id: str, error: Exception) -> InputError:
    message = " ".join(str(error).split())
    if "password" in message.lower():
        return InputError(f"{doc_id}: a PDF that asks for a password to open; save a copy without one")
    return MalformedInputError(f"{doc_id}: not a readable PDF ({message})")


def _page_texts(pdf: Any, doc_id: str, config: ReadConfig, pdfium: Any) -> list[list[str]]:
    """Each page's lines, as PDFium reads them, under the size limits."""
    count = len(pdf)
    if count > MAX_PDF_PAGES:
        raise TooLargeError(f"{doc_id}: a PDF of {count:,} pages, over the limit of {MAX_PDF_PAGES:,}")
    pages: list[list[str]] = []
    size = 0
    for number in range(count):
        try:
            page = pdf[number]
            textpage = page.get_textpage()
            raw = textpage.get_text_bounded()
            textpage.close()
            page.close()
        except pdfium.PdfiumError as error:
            raise MalformedInputError(f"{doc_id}: page {number + 1} cannot be read ({error})") from None
        text = raw.replace("\r\n", "\n").replace("\r", "\n")
        text = _CONTROLS_RE.sub("", text.replace(_SOFT_HYPHEN_MARK, "-\n").replace(_BROKEN_WORD_MARK, "-\n"))
        size += len(text.encode("utf-8", "surrogatepass"))
        check_size(size, config.max_bytes, f"{doc_id} (its text)")
        pages.append(text.split("\n"))
    return pages


def _title(pdf: Any) -> str:
    """The title the PDF's metadata gives, or "" (many are empty or a file name)."""
    try:
        title = pdf.get_metadata_dict().get("Title") or ""
    except Exception:  # metadata is optional and often damaged: never a reason to refuse the text
        return ""
    return " ".join(safe_text(str(title)).split())


def _without_running_lines(pages: Sequence[list[str]]) -> list[str]:
    """Each page's text without the page numbers and running heads and feet at its ends."""
    edges: Counter[str] = Counter()
    for lines in pages:
        kept = [line for line in lines if line.strip()]
        for line in {*kept[:_EDGE_LINES], *kept[-_EDGE_LINES:]}:
            edges[_running_key(line)] += 1
    running = {key for key, count in edges.items() if count >= RUNNING_LINE_PAGES}

    def dropped(line: str) -> bool:
        stripped = line.strip()
        return not stripped or _PAGE_NUMBER_RE.fullmatch(stripped) is not None or _running_key(line) in running

    return [_trimmed(lines, dropped) for lines in pages]


def _trimmed(lines: list[str], dropped: Callable[[str], bool]) -> str:
    """A page's text without up to ``_EDGE_LINES`` ``dropped`` lines at each end."""
    start, end = 0, len(lines)
    for _ in range(_EDGE_LINES):
        while start < end and not lines[start].strip():
            start += 1
        if start == end or not dropped(lines[start]):
            break
        start += 1
    for _ in range(_EDGE_LINES):
        while end > start and not lines[end - 1].strip():
            end -= 1
        if end == start or not dropped(lines[end - 1]):
            break
        end -= 1
    return "\n".join(lines[start:end]).strip()


def _running_key(line: str) -> str:
    """A line as a running head or foot is compared: numbers aside, in lower case."""
    return _DIGITS_RE.sub("#", " ".join(line.split()).lower())
