"""Readers: turn what users have into :class:`~unspun.models.Document` values.

``read(inputs)`` takes paths (files or folders) and ``"-"`` for standard input and picks the
reader by file type: plain text, HTML, WARC (``.warc``, ``.warc.gz``, ``.arc``), JSON Lines.
Folders are walked recursively in sorted order, links to folders followed (each real folder
once); files of other types are skipped and counted.

Errors about one unit (a bad JSONL line, a record, a file in a folder) go to ``on_error`` when
it is given, and reading goes on; without it they raise.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .._unicode import safe_text
from ..config import ReadConfig
from ..errors import InputError
from ..models import Document
from ._decode import check_size, decode, read_bounded
from .html import declared_charset, html_to_document, looks_like_html
from .jsonl import read_jsonl, read_jsonl_stream
from .warc import WarcStats, read_warc

__all__ = [
    "ReadStats",
    "document_from_bytes",
    "html_to_document",
    "kind_of",
    "read",
    "read_jsonl",
    "read_path",
    "read_warc",
]

_KINDS_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".warc": "warc",
    ".arc": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_DOUBLE_SUFFIXES = {".warc.gz": "warc", ".arc.gz": "warc"}

ErrorHandler = Callable[[InputError], None]


@dataclass
class ReadStats:
    """Counts a reading pass leaves behind: documents, skipped files and folders, WARC records skipped."""

    documents: int = 0
    skipped_files: int = 0
    skipped_folders: int = 0  # links to a folder the walk has been into already (a loop, a repeat)
    warc: WarcStats = field(default_factory=WarcStats)


def kind_of(path: Path) -> str | None:
    """The reader a file calls for by its name, or None for a type unspun does not read."""
    name = path.name.lower()
    for suffix, kind in _DOUBLE_SUFFIXES.items():
        if name.endswith(suffix):
            return kind
    return _KINDS_BY_SUFFIX.get(path.suffix.lower())


def read(
    inputs: Iterable[str | Path],
    config: ReadConfig = ReadConfig(),
    on_error: ErrorHandler | None = None,
    stats: ReadStats | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Document]:
    """Yield the documents of every input, in order. ``"-"`` reads standard input."""
    if isinstance(inputs, str | Path):
        # A str is iterable too: "/tmp/page.html" would be read as "/", "t", "m"..., the
        # first of them the whole file system.
        raise TypeError(f"read takes an iterable of paths, not one {type(inputs).__name__}; wrap it in a list: "
                        f"read([{str(inputs)!r}])")
    stats = stats if stats is not None else ReadStats()
    for item in inputs:
        if str(item) == "-":
            documents: Iterator[Document] = _read_stdin(stdin, config, on_error)
        else:
            documents = read_path(Path(item), config, on_error, stats)
        for document in documents:
            stats.documents += 1
            yield document


def read_path(
    path: Path,
    config: ReadConfig = ReadConfig(),
    on_error: ErrorHandler | None = None,
    stats: ReadStats | None = None,
) -> Iterator[Document]:
    """Yield the documents of one file or folder."""
    stats = stats if stats is not None else ReadStats()
    if path.is_dir():
        yield from _read_folder(path, config, on_error, stats)
        return
    if not path.exists():
        _report(InputError(f"{path}: no such file or folder"), on_error)
        return
    kind = kind_of(path)
    try:
        if kind == "warc":
            yield from read_warc(path, config, on_error, stats.warc)
        elif kind == "jsonl":
            yield from read_jsonl(path, config, on_error)
        else:
            yield _read_single(path, config, kind)
    except InputError as error:
        _report(error, on_error)
    except OSError as error:
        _report(InputError(f"{path}: cannot be read ({error.strerror or error})"), on_error)


def document_from_bytes(
    data: bytes, doc_id: str, kind: str | None = None, config: ReadConfig = ReadConfig()
) -> Document:
    """One text or HTML document from raw bytes; ``kind`` None sniffs HTML by its start."""
    check_size(len(data), config.max_bytes, doc_id)
    declared = declared_charset(data) if kind != "text" else None
    text, encoding = decode(data, doc_id, declared)
    meta = {"encoding": encoding}
    if kind == "html" or (kind is None and looks_like_html(text)):
        return html_to_document(text, doc_id, meta)
    return Document(id=doc_id, title="", text=text.strip(), source="text", meta=meta)


def _read_single(path: Path, config: ReadConfig, kind: str | None) -> Document:
    # The size from stat gives the clearest message for a regular file, but a device or a pipe
    # reports 0 (/dev/zero never ends), so the read itself is bounded too.
    name = safe_text(str(path))  # an undecodable file name would make an id no report can hold
    check_size(path.stat().st_size, config.max_bytes, name)
    with path.open("rb") as stream:
        data = read_bounded(stream, config.max_bytes, name)
    return document_from_bytes(data, name, kind, config)


def _stdin_data(stdin: IO[bytes] | None, limit: int) -> bytes:
    # Python sets sys.stdin to None when file descriptor 0 is closed (`unspun check - <&-`).
    if stdin is None and sys.stdin is None:
        raise InputError("standard input is closed, there is nothing to read for '-'")
    stream = stdin if stdin is not None else sys.stdin.buffer
    try:
        return read_bounded(stream, limit, "standard input")
    except OSError as error:  # e.g. a descriptor open for writing only, or a read error (EIO)
        raise InputError(f"standard input cannot be read ({error.strerror or error})") from None


def _read_stdin(stdin: IO[bytes] | None, config: ReadConfig, on_error: ErrorHandler | None) -> Iterator[Document]:
    try:
        data = _stdin_data(stdin, config.max_bytes)
        lines = _as_json_lines(data)
        if lines is not None:
            import io

            yield from read_jsonl_stream(io.BytesIO(lines), "standard input", config, on_error)
            return
        yield document_from_bytes(data, "stdin", None, config)
    except InputError as error:
        _report(error, on_error)


_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _as_json_lines(data: bytes) -> bytes | None:
    """Standard input's bytes as UTF-8 JSON Lines when they start with a JSON object, else None.

    The sniff looks past a byte-order mark, which Windows tools write: with the mark first, a
    JSONL stream would be checked as one plain text, its JSON the words. The JSONL reader
    splits lines on the byte ``\\n``, which UTF-16 breaks, so UTF-16 is decoded here (all of
    standard input is in memory already) and handed on as UTF-8.
    """
    if data.startswith(_UTF16_BOMS):
        # A cut code unit at the end of the head only costs a replacement character there.
        head = data[:4096].decode("utf-16", errors="replace")
        if head.lstrip()[:1] != "{":
            return None
        text, _ = decode(data, "standard input")
        return text.encode("utf-8")
    data = data.removeprefix(_UTF8_BOM)
    return data if data.lstrip()[:1] == b"{" else None


def _read_folder(
    folder: Path, config: ReadConfig, on_error: ErrorHandler | None, stats: ReadStats
) -> Iterator[Document]:
    """The documents of the files under ``folder``, walked recursively in sorted order.

    Hidden files and folders (a leading dot) are passed over; files of other types are
    skipped and counted. Links to folders are followed, as links to files always were: a
    corpus assembled from links is read whole, as the README says folders are read
    (recursively). Each real folder is walked once: a link back to a folder above it would
    never end, and a second way into the same folder would read its files twice. Such a link
    is counted in ``stats.skipped_folders``; which way in comes first follows the sorted walk.
    """
    walked = {os.path.realpath(folder)}
    for root, directories, files in os.walk(folder, followlinks=True):
        kept: list[str] = []
        for name in sorted(d for d in directories if not d.startswith(".")):
            real = os.path.realpath(os.path.join(root, name))
            if real in walked:
                stats.skipped_folders += 1
                continue
            walked.add(real)
            kept.append(name)
        directories[:] = kept
        for name in sorted(files):
            path = Path(root, name)
            if name.startswith(".") or kind_of(path) is None:
                stats.skipped_files += 1
                continue
            yield from read_path(path, config, on_error, stats)


def _report(error: InputError, on_error: ErrorHandler | None) -> None:
    if on_error is None:
        raise error
    on_error(error)
