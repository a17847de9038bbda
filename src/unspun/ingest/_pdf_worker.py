"""The process that reads PDFs for :mod:`unspun.ingest.pdf`: PDFium in a process of its own.

PDFium decodes what a page draws before any limit of unspun's can apply: a 2.4 KB file of
forms drawing each other ten times over, eight levels deep, took 4 GB in 8 s, and a small
file whose 10,000 pages share one stream of 100 MB of operators took hours; in unspun's own
process the first aborted it (exit 134, a whole crawl lost) and the second held it (an audit,
session 58). Here it runs under an address-space limit, and the process that asks waits for
an answer no longer than its deadline: a PDF that needs more is refused, the process is
started again, and the reading goes on with the next document.

Run as ``python -P -m unspun.ingest._pdf_worker MEMORY_BYTES ANSWERS_FD`` (``-P``: no
folder of the caller's is searched for modules before the standard library's, as the current
folder was): requests come on standard input, answers go to the pipe ``ANSWERS_FD``, not to
standard output, where a ``sitecustomize`` or a library may print. Each message is a pickled
tuple after its length in 8 bytes. The first answer is ``("ready",)`` once PDFium is
imported. A request is ``(source, max_text_bytes, max_pages)`` (``source`` a path as a str,
or the PDF's bytes); an answer ``("ok", title, pages, unreadable_pages)`` or ``("error",
kind, detail)``. The process ends with its input, or when the process that started it ends
(killed, it could not close it: the audit found a reader still at a hostile file).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import struct
import sys
import threading
import time
from typing import IO, Any

_LENGTH = struct.Struct(">Q")
_SOFT_HYPHEN_MARKS = ("\x02", "\ufffe")  # PDFium's mark for a hyphen that broke a word at a line's end
MAX_TITLE_CHARS = 300
_PLACEHOLDER_TITLES = frozenset({"(anonymous)", "untitled", "title"})


def send(stream: IO[bytes], message: Any) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(payload)) + payload)
    stream.flush()


def receive(stream: IO[bytes], limit: int | None = None) -> Any:
    """The next message on ``stream``, or None at its end; ValueError for one said to be
    longer than ``limit`` bytes (what is on the stream is no message of ours)."""
    head = _exactly(stream, _LENGTH.size)
    if head is None:
        return None
    length = _LENGTH.unpack(head)[0]
    if limit is not None and length > limit:
        raise ValueError(f"a message of {length:,} bytes")
    payload = _exactly(stream, length)
    return None if payload is None else pickle.loads(payload)  # our own process's messages


def _exactly(stream: IO[bytes], size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        more = stream.read(size - len(data))
        if not more:
            return None
        data += more
    return data


def answer(source: str | bytes, max_text_bytes: int, max_pages: int) -> tuple[Any, ...]:
    """The pages' text of one PDF, or why it cannot be read."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(source)
    except pdfium.PdfiumError as error:
        message = " ".join(str(error).split())
        return ("error", "password" if "password" in message.lower() else "damaged", message)
    try:
        count = len(pdf)
        if count > max_pages:
            return ("error", "pages", str(count))
        pages: list[str] = []
        unreadable = size = 0
        for number in range(count):
            try:
                page = pdf[number]
                textpage = page.get_textpage()
                # get_text_range, not get_text_bounded: the bounded text ran the lines of a
                # rotated page (a landscape table) into each other (the audit).
                raw = textpage.get_text_range()
                textpage.close()
                page.close()
            except pdfium.PdfiumError:
                unreadable += 1  # a page tree that promises more pages than it holds
                pages.append("")
                continue
            text = raw.replace("\r\n", "\n").replace("\r", "\n")
            for mark in _SOFT_HYPHEN_MARKS:
                text = text.replace(mark, "-\n")
            size += len(text.encode("utf-8", "surrogatepass"))
            if size > max_text_bytes:
                return ("error", "size", str(size))
            pages.append(text)
        if count and unreadable == count:
            return ("error", "damaged", "no page of it can be read")
        return ("ok", _title(pdf), pages, unreadable)
    finally:
        pdf.close()


def _title(pdf: Any) -> str:
    """The title the PDF's metadata gives, or "" (many are empty, a file name, or a tool's
    placeholder); at most ``MAX_TITLE_CHARS`` (one was 50 MB)."""
    try:
        title = str(pdf.get_metadata_dict().get("Title") or "")
    except Exception:  # metadata is optional and often damaged: never a reason to refuse the text
        return ""
    title = " ".join(title[: MAX_TITLE_CHARS * 4].split())[:MAX_TITLE_CHARS]
    return "" if title.lower() in _PLACEHOLDER_TITLES else title


def memory_cap(memory: int) -> int:
    """The address space a process may be given: ``memory`` bytes, or the hard cap this
    process has (and a child inherits) when that is lower (a container's or a cluster's:
    asking for more than it refused every PDF)."""
    try:
        import resource
    except ImportError:  # not on Windows
        return memory
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    return memory if hard == resource.RLIM_INFINITY else min(memory, hard)


def limit_memory(memory: int) -> None:
    """Cap this process's address space at :func:`memory_cap` of ``memory`` bytes."""
    try:
        import resource
    except ImportError:  # not on Windows
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (memory_cap(memory), resource.getrlimit(resource.RLIMIT_AS)[1]))


def _exit_with_parent() -> None:
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="unspun-parent-watch", daemon=True).start()


_OS_ERRORS = {FileNotFoundError: "no such file", IsADirectoryError: "a folder, not a file",
              PermissionError: "permission denied"}


def main() -> None:
    memory, answers_fd = int(sys.argv[1]), int(sys.argv[2])
    _exit_with_parent()
    limit_memory(memory)
    answers = os.fdopen(answers_fd, "wb")
    import pypdfium2  # noqa: F401  (imported before "ready": a missing one is a start that failed)

    send(answers, ("ready",))
    requests = sys.stdin.buffer
    while (request := receive(requests)) is not None:
        try:
            reply = answer(*request)
        except MemoryError:
            reply = ("error", "memory", "")
        except OSError as error:  # a path that is missing, a folder, not readable
            reply = ("error", "unreadable", error.strerror or _OS_ERRORS.get(type(error), str(error)))
        except Exception as error:  # anything else pypdfium2 raises: the PDF's, not the memory's
            reply = ("error", "damaged", f"{type(error).__name__}: {' '.join(str(error).split())}"[:300])
        send(answers, reply)


if __name__ == "__main__":
    main()
