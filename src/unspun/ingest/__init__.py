"""Readers: turn what users have into :class:`~unspun.models.Document` values.

``read(inputs)`` takes paths (files or folders) and ``"-"`` for standard input and picks the
reader by file type: plain text, HTML, WARC (``.warc``, ``.warc.gz``, ``.arc``), JSON Lines
(``.jsonl``, ``.ndjson``, gzipped or not), PDF (``.pdf``, :mod:`unspun.ingest.pdf`). A file
of another name, standard input and a pipe are read by what they start as: a WARC, JSON Lines
(a JSON object), gzip data (unpacked, then read so in turn), a PDF, else one text or HTML
document. Folders are walked recursively in sorted
order, links to folders followed (each real folder once); files of other types are skipped
and counted.

Errors about one unit (a bad JSONL line, a record, a file in a folder) go to ``on_error`` when
it is given, and reading goes on; without it they raise.
"""

from __future__ import annotations

import errno
import gzip
import io
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import IO, Any, Protocol, cast

from .._unicode import safe_text
from ..config import ReadConfig, require_callback, require_flag
from ..errors import InputError, MalformedInputError, TooLargeError
from ..models import Document
from ._decode import GZIP_MAGIC, Readable, check_size, damage_named, decode, read_at_most, read_bounded, wide_encoding
from ._remote import is_url, local_name, read_url, url_files
from ._walk import folder_identity, walk
from .html import declared_charset, html_to_document, looks_like_html
from .jsonl import NOT_JSON, Gunzipped, json_file_documents, read_jsonl, read_jsonl_stream, whole_json_value
from .pdf import pdf_to_document, starts_pdf
from .warc import WarcStats, read_warc, read_warc_stream, starts_warc

__all__ = [
    "STDIN_ID",
    "ReadStats",
    "document_from_bytes",
    "files_to_read",
    "html_to_document",
    "is_url",
    "kind_of",
    "read",
    "read_jsonl",
    "read_path",
    "read_url_file",
    "read_warc",
    "read_warc_stream",
]

STDIN_ID = "stdin"
"""The id of the text or HTML document read from standard input (``"-"``)."""

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
    ".pdf": "pdf",
}
_DOUBLE_SUFFIXES = {".warc.gz": "warc", ".arc.gz": "warc", ".jsonl.gz": "jsonl", ".ndjson.gz": "jsonl"}

ErrorHandler = Callable[[InputError], None]


class _Stream(Readable, Protocol):
    """A binary stream read once, front to back, by blocks and by lines: standard input, a
    pipe, gzip data as it is unpacked."""

    def readline(self, size: int, /) -> bytes: ...


@dataclass
class ReadStats:
    """Counts a reading pass leaves behind: documents, skipped files and folders, WARC records skipped."""

    documents: int = 0
    skipped_files: int = 0
    skipped_folders: int = 0  # links to a folder the walk has been into already (a loop, a repeat)
    warc: WarcStats = field(default_factory=WarcStats)


def kind_of(path: PurePath) -> str | None:
    """The reader a file calls for by its name, or None for a type unspun does not read.

    A query string that a crawler kept in the name (wget saves ``story.html?p=123``) is no
    part of the suffix: such a page was sniffed, and read as text (an audit, session 64).
    The name before a "?" names the kind when it has a suffix unspun reads ("viewer.html?
    file=paper.pdf" is a page), else the whole name does ("Is it spun?.txt",
    "batch?v=2.jsonl": a review, session 64).
    """
    name = path.name.lower()
    return (_kind_by_suffix(name.split("?", 1)[0]) if "?" in name else None) or _kind_by_suffix(name)


def _kind_by_suffix(name: str) -> str | None:
    for suffix, kind in _DOUBLE_SUFFIXES.items():
        if name.endswith(suffix):
            return kind
    return _KINDS_BY_SUFFIX.get(PurePath(name).suffix) if name else None


def read(
    inputs: Iterable[str | Path],
    config: ReadConfig = ReadConfig(),
    on_error: ErrorHandler | None = None,
    stats: ReadStats | None = None,
    stdin: IO[bytes] | IO[str] | None = None,
    require_documents: bool = False,
) -> Iterator[Document]:
    """Yield the documents of every input, in order. ``"-"`` reads standard input.

    With ``require_documents``, an input that holds no document and gave no other error (an
    empty folder or JSONL file) is an :class:`InputError` of its own, as the command line
    treats it: beside other inputs it would otherwise pass unnoticed.
    """
    if isinstance(inputs, str | Path | bytes):
        # A str is iterable too: "/tmp/page.html" would be read as "/", "t", "m"..., the
        # first of them the whole file system (and bytes as numbers).
        shown = inputs.decode(errors="replace") if isinstance(inputs, bytes) else str(inputs)
        raise TypeError(f"read takes an iterable of paths, not one {type(inputs).__name__}; wrap it in a list: "
                        f"read([{shown!r}])")
    if not isinstance(config, ReadConfig):  # None gave AttributeError at the first file
        raise TypeError(f"read's config must be a ReadConfig, not {type(config).__name__}")
    require_callback("on_error", on_error)
    require_flag("require_documents", require_documents)
    stats = stats if stats is not None else ReadStats()
    stdin_read = False
    for item in inputs:
        # Without a handler an error is raised, and ends the reading: only handled ones are counted.
        errors = _Counted(on_error) if on_error is not None else None
        if str(item) == "":
            # Path("") is the current folder: an unset variable ("$PAGE") would check it whole.
            _report(InputError(_EMPTY_NAME), errors)
            continue
        if str(item) == "-":
            if stdin_read:
                _report(InputError("standard input ('-') is named twice: it can be read once"), errors)
                continue
            stdin_read = True
            documents: Iterator[Document] = _read_stdin(stdin, config, errors, stats)
        else:
            documents = read_path(item, config, errors, stats)
        found = 0
        for found, document in enumerate(documents, 1):  # noqa: B007 (the count is read after the loop)
            stats.documents += 1
            yield document
        if require_documents and not found and not (errors and errors.count):
            _report(InputError(_nothing_to_read(str(item))), on_error)


_EMPTY_NAME = "an empty name is no file or folder (an unset variable?); name the current folder '.'"


def _cannot_be_read(path: Path, error: OSError) -> InputError:
    """The error of a path Python cannot even ask about (a name too long, a folder on the way
    that cannot be entered)."""
    return InputError(f"{safe_text(str(path))}: cannot be read ({error.strerror or error})")


def _nothing_to_read(item: str) -> str:
    """The error of an input that holds no document and gave no error: an empty folder or
    JSONL file, a folder of other file types. A check would say "nothing spun" of nothing."""
    local = local_name(item) if item != "-" else None
    folder = local is not None and Path(local).is_dir()
    return f"no documents to read in {item}" + (
        " (folders are read for their text, HTML, WARC, JSONL and PDF files)" if folder else "")


class _Counted:
    """An error handler that counts the errors it passes on to ``handler``."""

    def __init__(self, handler: ErrorHandler) -> None:
        self.handler = handler
        self.count = 0

    def __call__(self, error: InputError) -> None:
        self.count += 1
        self.handler(error)


def read_path(
    path: str | os.PathLike[str],
    config: ReadConfig = ReadConfig(),
    on_error: ErrorHandler | None = None,
    stats: ReadStats | None = None,
) -> Iterator[Document]:
    """Yield the documents of one file or folder (a path, or its name; or a URL that fsspec
    reads, ``s3://bucket/crawl/``: :mod:`unspun.ingest._remote`)."""
    if not isinstance(path, str | os.PathLike) or isinstance(path, bytes):  # a str gave AttributeError
        raise TypeError(f"read_path takes a path or its name as a str, not {type(path).__name__}")
    if not isinstance(config, ReadConfig):
        raise TypeError(f"read_path's config must be a ReadConfig, not {type(config).__name__}")
    stats = stats if stats is not None else ReadStats()
    if isinstance(path, str):
        local = local_name(path)  # a file:// URL names a file of this machine: read as its name is
        if local is None:  # a store's URL
            yield from _read_url_input(path, config, on_error, stats)
            return
        path = local
    path = Path(path)
    try:
        folder, there = path.is_dir(), path.exists()
    except OSError as error:  # a folder on the way that may be listed but not entered
        _report(_cannot_be_read(path, error), on_error)
        return
    if folder:
        yield from _read_folder(path, config, on_error, stats)
        return
    if not there:
        _report(InputError(f"{safe_text(str(path))}: {_why_missing(path)}"), on_error)
        return
    kind = kind_of(path)
    try:
        # A pipe the shell names (`<(zcat crawl.jsonl.gz)`) or a FIFO: sniffed as standard input
        # is, on what is read; it was one text of raw JSON (an audit, session 56), and a FIFO
        # named "x.warc" was "not seekable" (it must hold a WARC, as the file).
        piped = kind in (None, "warc") and not _is_regular_file(path)
        if kind is None and not piped:
            head = _file_head(path)
            kind = kind_of_head(head)  # a ".json" file, or one without a suffix, that is JSON Lines or a WARC
            if kind in (None, "jsonl") and path.suffix.lower() == ".json":
                data = _one_json_line_file(path, config) if kind == "jsonl" else _bounded_file(path, config)
                if data is not None:
                    yield from json_or_text(data, safe_text(str(path)), config, on_error)
                    return
            elif kind is None and starts_json_value(head):
                # A name that tells nothing ("export"), holding one JSON value over many lines
                # or a list, is read as standard input and an upload read it, as a .json file
                # is: it was one text of braces and keys (a review, session 65). What is no
                # JSON stays a text.
                yield from json_or_text(_bounded_file(path, config), safe_text(str(path)), config, on_error)
                return
        if piped or kind == "gzip":  # "page.html.gz", "crawl.gz": unpacked and sniffed as a stream is
            with path.open("rb") as stream:
                yield from _read_stream(stream, safe_text(str(path)), config, on_error, stats, warc_only=kind == "warc")
            return
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


def _read_url_input(url: str, config: ReadConfig, on_error: ErrorHandler | None,
                    stats: ReadStats) -> Iterator[Document]:
    """The documents of the file or folder at ``url``, as :func:`read_path` reads one on disk."""
    try:
        for file in url_files(url, stats, on_error):
            yield from read_url_file(file, config, on_error, stats)
    except InputError as error:
        _report(error, on_error)


def read_url_file(url: str, config: ReadConfig = ReadConfig(), on_error: ErrorHandler | None = None,
                  stats: ReadStats | None = None) -> Iterator[Document]:
    """The documents of one file named by URL, listed already (:func:`files_to_read`): its
    errors reported as :func:`read_path` reports a file's."""
    try:
        yield from read_url(url, config, on_error, stats if stats is not None else ReadStats())
    except InputError as error:
        _report(error, on_error)
    except OSError as error:  # a read that failed on the way (the network, a store's file)
        _report(InputError(f"{safe_text(url)}: cannot be read ({error.strerror or error})"), on_error)


def _why_missing(path: Path) -> str:
    """Why ``path``, which does not exist as far as Python tells, names nothing to read: a
    link round in a loop or to nothing was "no such file or folder" too (a hostile-input
    audit, session 57)."""
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a link that leads round in a loop (too many levels of links)"
    try:
        if path.is_symlink():
            return f"a link to {safe_text(os.readlink(path))}, which does not exist"
    except OSError:
        pass
    return "no such file or folder"


def document_from_bytes(
    data: bytes, doc_id: str, kind: str | None = None, config: ReadConfig = ReadConfig()
) -> Document:
    """One text, HTML or PDF document from raw bytes; ``kind`` None sniffs HTML by its start
    (a PDF is read as one whatever ``kind`` says: no text starts as a PDF does)."""
    check_size(len(data), config.max_bytes, doc_id)
    if kind == "pdf" or starts_pdf(data):
        return pdf_to_document(data, doc_id, config)
    declared = declared_charset(data) if kind != "text" else None
    text, encoding = decode(data, doc_id, declared)
    meta = {"encoding": encoding}
    if kind == "html" or (kind is None and looks_like_html(text)):
        return html_to_document(text, doc_id, meta)
    return Document(id=doc_id, title="", text=text.strip(), source="text", meta=meta)


def _read_single(path: Path, config: ReadConfig, kind: str | None) -> Document:
    name = safe_text(str(path))  # an undecodable file name would make an id no report can hold
    if kind == "pdf" and _is_regular_file(path):
        return pdf_to_document(path, name, config)  # its text is limited, not its bytes (images)
    return document_from_bytes(_bounded_file(path, config), name, kind, config)


def one_line_of_json(stream: IO[bytes], limit: int) -> bytes | None:
    """The bytes of a seekable ``.json`` stream that holds one line (and blank ones) of at
    most ``limit`` bytes, read as one JSON value then (:func:`json_or_text`), an object
    without an ``id`` named by the file; None for more lines (JSON Lines, streamed), the
    stream back at its start. A one-line object, as ``json.dumps`` writes it, was a JSON
    Lines record that needs an ``id`` (an audit, session 63)."""
    data, alone = _lone_line(b"", stream, limit)
    if alone:
        return data
    stream.seek(0)
    return None


def _lone_line(head: bytes, stream: Readable, limit: int) -> tuple[bytes, bool]:
    """``head`` and what more of ``stream`` tells whether it holds one line but blank ones
    (read to its end, within ``limit`` bytes): (the bytes read, whether it does). Reading
    stops at the first content after that line, or past ``limit``."""
    data = head
    while True:
        content = data.removeprefix(_UTF8_BOM).lstrip()
        end = content.find(b"\n")
        if end >= 0 and content[end:].strip():
            return data, False  # a second line that holds something
        if len(data) > limit:
            return data, False
        more = stream.read(_SNIFF_BYTES)
        if not more:
            return data, True
        data += more


def json_or_text(data: bytes, name: str, config: ReadConfig, on_error: ErrorHandler | None = None
                 ) -> Iterator[Document]:
    """The documents of a ``.json`` file that is no JSON Lines (an object over many lines, a
    list), held to --max-bytes as a text is: read as records (a text of braces before), or as
    a text when it is no JSON."""
    value = whole_json_value(data)
    if value is NOT_JSON:
        yield document_from_bytes(data, name, None, config)
    else:
        yield from json_file_documents(value, name, on_error)


def _one_json_line_file(path: Path, config: ReadConfig) -> bytes | None:
    """The bytes of a ``.json`` file of JSON Lines that holds one line (:func:`one_line_of_json`)."""
    with path.open("rb") as stream:
        return one_line_of_json(stream, config.max_bytes)


def _bounded_file(path: Path, config: ReadConfig) -> bytes:
    """The bytes of the file at ``path``, held to ``config.max_bytes``."""
    # The size from stat gives the clearest message for a regular file, but a device or a pipe
    # reports 0 (/dev/zero never ends), so the read itself is bounded too.
    name = safe_text(str(path))
    check_size(path.stat().st_size, config.max_bytes, name)
    with path.open("rb") as stream:
        return read_bounded(stream, config.max_bytes, name)


def _stdin_stream(stdin: IO[bytes] | IO[str] | None) -> IO[bytes]:
    """The stream ``-`` names, as bytes: ``stdin`` if given, else the process's standard input.
    A text layer with a binary buffer under it (``sys.stdin``, a ``TextIOWrapper``) is read by
    that buffer, its bytes as they are (no newline translation, no decoding but unspun's); a
    stream whose reads give ``str`` (``io.StringIO``, IDLE's standard input, a text-mode
    ``SpooledTemporaryFile``) is read as its UTF-8 bytes, a block at a time."""
    if stdin is None:
        # Python sets sys.stdin to None when file descriptor 0 is closed (`unspun check - <&-`).
        if sys.stdin is None:
            raise InputError("standard input is closed, there is nothing to read for '-'")
        stdin = sys.stdin
    if not callable(getattr(stdin, "read", None)):
        raise TypeError(f"read's stdin must be a binary or text stream, not {type(stdin).__name__}")
    buffer = getattr(stdin, "buffer", None)
    if isinstance(stdin, io.TextIOBase) and callable(getattr(buffer, "read", None)):
        return cast(IO[bytes], buffer)
    if isinstance(stdin, io.BufferedIOBase | io.RawIOBase):
        return cast(IO[bytes], stdin)
    return io.BufferedReader(_AsBytes(stdin))  # its reads tell: bytes as they are, str encoded


class _AsBytes(io.RawIOBase):
    """A stream of unknown kind read as bytes, a block at a time: the blocks it gives as bytes
    as they are, those it gives as ``str`` in UTF-8. A lone surrogate, which UTF-8 cannot
    write, ends it there: what came before it is read, then the error is raised."""

    def __init__(self, stream: IO[bytes] | IO[str]) -> None:
        super().__init__()
        self._stream = stream
        self._pending = b""
        self._characters = 0  # of str read before this block
        self._failure: InputError | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            if self._failure is not None:
                raise self._failure
            block = self._stream.read(_TEXT_BLOCK)
            if not block:
                return 0
            if isinstance(block, bytes | bytearray):
                self._pending = bytes(block)
            elif isinstance(block, str):
                self._pending = self._encoded(block)
            else:
                raise TypeError(f"read's stdin gave {type(block).__name__}, neither bytes nor str")
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def _encoded(self, block: str) -> bytes:
        try:
            encoded = block.encode("utf-8")
        except UnicodeEncodeError as error:
            self._failure = MalformedInputError(
                f"{STDIN_ID}: the text holds a lone surrogate (\\u{ord(block[error.start]):04x}) at character "
                f"{self._characters + error.start}: not valid Unicode; the rest of standard input is not read")
            encoded = block[: error.start].encode("utf-8")
        self._characters += len(block)
        return encoded


_TEXT_BLOCK = 1 << 16  # characters of a text stream encoded at a time


def _read_stdin(stdin: IO[bytes] | IO[str] | None, config: ReadConfig, on_error: ErrorHandler | None,
                stats: ReadStats) -> Iterator[Document]:
    """Standard input as a WARC, JSON Lines or one text or HTML document, as it starts
    (:func:`_read_stream`)."""
    # Messages name it "stdin", as its reports and index ids do (a line of JSON Lines "stdin:3").
    try:
        stream = _stdin_stream(stdin)
    except InputError as error:
        _report(error, on_error)
        return
    yield from _read_stream(stream, STDIN_ID, config, on_error, stats, what="standard input")


def _read_stream(stream: _Stream, name: str, config: ReadConfig, on_error: ErrorHandler | None,
                 stats: ReadStats, what: str | None = None, unpacked: bool = False,
                 warc_only: bool = False, jsonl_only: bool = False) -> Iterator[Document]:
    """A stream that cannot be read twice (standard input, a pipe) read under ``name`` as
    what it starts as: a WARC, JSON Lines (a JSON object), gzip data (unpacked as it is read,
    then read so in turn: ``aws s3 cp s3://crawl/x.warc.gz - | unspun check -``), else one
    text or HTML document. WARC records and JSON Lines are read one at a time, each under the
    size limit, as a named file's are: a crawl piped in is not bounded whole. ``warc_only``
    and ``jsonl_only``: the stream's name says what it holds (a file named by URL), gzipped
    or not."""
    try:
        try:
            with damage_named(name):
                head = _head(stream, config.max_bytes + 1)
            if head[:2] == GZIP_MAGIC and not unpacked:
                # A WARC too: gzipped a record at a time (as crawlers write them) or whole (`gzip
                # < crawl.warc`, which warcio refuses). Once: gzip inside gzip is not what any
                # tool writes; its inner data is then no text, as document_from_bytes says.
                # (GzipFile's type asks for seek, which it calls only to rewind: never here.)
                unzipped = Gunzipped(gzip.GzipFile(fileobj=_Prepended(head, stream), mode="rb"))  # type: ignore[call-overload]
                yield from _read_stream(unzipped, name, config, on_error, stats, what, unpacked=True,
                                        warc_only=warc_only, jsonl_only=jsonl_only)
                return
            if starts_warc(head) or warc_only:  # (read_warc_stream refuses what is no WARC)
                yield from read_warc_stream(stream, name, config, on_error, stats.warc, head)
                return
            if _starts_json_object(head) or jsonl_only:
                if not jsonl_only:
                    # One line alone (`zcat one.json.gz`, an API's answer piped in) is one JSON
                    # value, as a .json file's is: an object without an id named by the stream.
                    with damage_named(name):
                        head, alone = _lone_line(head, stream, config.max_bytes)
                    if alone:
                        yield from json_or_text(head, name, config, on_error)
                        return
                yield from read_jsonl_stream(_Prepended(head, stream), name, config, on_error)
                return
            with damage_named(name):
                data = _whole(head, stream, config.max_bytes, name)
        except OSError as error:  # e.g. a descriptor open for writing only, or a read error (EIO)
            raise InputError(f"{what or name} cannot be read ({error.strerror or error})") from None
        lines = _wide_json_lines(data, name)
        if lines is not None:
            # Decoded whole, as the JSONL reader splits lines on the byte "\n".
            yield from read_jsonl_stream(io.BytesIO(lines), name, config, on_error)
            return
        if starts_json_value(data):
            # One JSON value, an object over many lines or a list (`zcat m.json.gz`, a .json.gz
            # file, an API's answer piped in), is read as a .json file is: it was one text of
            # braces and keys. What is no JSON stays a text.
            yield from json_or_text(data, name, config, on_error)
            return
        yield document_from_bytes(data, name, None, config)
    except InputError as error:
        _report(error, on_error)


_UTF8_BOM = b"\xef\xbb\xbf"
_SNIFF_BYTES = 4096
_JSON_OBJECT_START_RE = re.compile(rb'\A\s*\{\s*(?:"|\}|\Z)')


def _head(stream: Readable, limit: int) -> bytes:
    """The first bytes of ``stream``: enough to see past leading white space, at most ``limit``."""
    head = stream.read(_SNIFF_BYTES)
    while head and len(head) < limit and not head.removeprefix(_UTF8_BOM).strip():
        more = stream.read(_SNIFF_BYTES)
        if not more:
            break
        head += more
    return head


def _whole(head: bytes, stream: Readable, limit: int, name: str) -> bytes:
    """``head`` and the rest of ``stream``, or :class:`TooLargeError` past ``limit`` bytes."""
    data = head if len(head) > limit else head + read_at_most(stream, limit + 1 - len(head))
    if len(data) > limit:
        raise TooLargeError(f"{name}: more than {limit:,} bytes, over the limit (raise it with --max-bytes)")
    return data


def starts_json_value(data: bytes) -> bool:
    """Whether ``data`` (past a UTF-8 byte-order mark and white space) opens as a JSON object
    or list does: worth reading as JSON (:func:`json_or_text`, which keeps what is no JSON a
    text) when a name tells nothing of it."""
    return data.removeprefix(_UTF8_BOM).lstrip()[:1] in (b"{", b"[")


def _starts_json_object(head: bytes) -> bool:
    """Whether ``head`` (past a UTF-8 byte-order mark) opens JSON Lines: "{" and then a key's
    quote or "}", and one of its first two whole lines a JSON object. Wiki markup ("{{Short
    description") or RTF opens with "{" too, and so does one JSON object written over many
    lines; they are not JSON Lines whose every line is an error. A first line longer than
    the head is taken on its opening alone (and one broken line, on the next)."""
    body = head.removeprefix(_UTF8_BOM).lstrip()
    if not _JSON_OBJECT_START_RE.match(body[:_SNIFF_BYTES]):
        return False
    lines = [line for line in body.split(b"\n") if line.strip()]
    whole = lines if body.endswith(b"\n") or len(head) < _SNIFF_BYTES else lines[:-1]  # the last may be cut
    return not whole or any(_is_json_object(line) for line in whole[:2])


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError too
        return False


def _wide_json_lines(data: bytes, name: str) -> bytes | None:
    """UTF-16 or UTF-32 input read from a stream (``name``) as UTF-8 JSON Lines when it starts
    with a JSON object, else None.
    (Sniffed on the whole text, all in memory already: a head cut from it re-encoded would
    misjudge a first line longer than the head.)"""
    lines = wide_as_utf8(data, name)
    return lines if lines is not None and _starts_json_object(lines) else None


def wide_as_utf8(data: bytes, name: str) -> bytes | None:
    """``data`` (named ``name``) in UTF-8 when it is UTF-16 or UTF-32 text
    (:func:`~._decode.wide_encoding`), for the sniffs that read JSON byte by byte; None for
    other data. Raises as :func:`~._decode.decode` does for bytes no encoding explains."""
    if wide_encoding(data[:_SNIFF_BYTES]) is None:
        return None
    text, _ = decode(data, name)
    return text.encode("utf-8")


class _Prepended:
    """The bytes of ``head`` and then of ``stream``, as one binary stream of lines."""

    def __init__(self, head: bytes, stream: _Stream) -> None:
        self._head = io.BytesIO(head.removeprefix(_UTF8_BOM))
        self._stream = stream

    def read(self, size: int, /) -> bytes:
        return self._head.read(size) or self._stream.read(size)

    def readline(self, size: int, /) -> bytes:
        line = self._head.readline(size)
        if line.endswith(b"\n") or len(line) >= size:
            return line
        return line + self._stream.readline(size - len(line))  # the head ended inside this line


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
    for path in _files_in_folder(folder, on_error, stats):
        yield from read_path(path, config, on_error, stats)


def files_to_read(inputs: Iterable[str | Path], on_error: ErrorHandler | None = None,
                  stats: ReadStats | None = None) -> Iterator[Path | str]:
    """The files :func:`read` reads for ``inputs``, in its order, without reading them: each
    input that is no folder as it is (a missing one is read, and reported, where it is read),
    and the readable files under each folder; a URL's files as URLs (str). For work that
    reads the files elsewhere (:mod:`unspun.spark`'s executors); standard input (``-``) has
    no file to name."""
    if isinstance(inputs, str | Path | bytes):  # a str is iterable too, as read() says
        raise TypeError(f"files_to_read takes an iterable of paths, not one {type(inputs).__name__}")
    stats = stats if stats is not None else ReadStats()
    for item in inputs:
        if str(item) == "":
            _report(InputError(_EMPTY_NAME), on_error)
            continue
        if str(item) == "-":
            _report(InputError("standard input ('-') cannot be read on other machines: name files or folders"),
                    on_error)
            continue
        local = local_name(str(item))  # a file:// URL: the file of this machine it names
        if local is None:  # a store's URL
            try:
                yield from url_files(str(item), stats, on_error)
            except InputError as error:
                _report(error, on_error)
            continue
        path = Path(local)
        try:
            folder = path.is_dir()
        except OSError as error:  # a name too long, a folder on the way that cannot be entered
            _report(_cannot_be_read(path, error), on_error)
            continue
        if folder:
            yield from _files_in_folder(path, on_error, stats)
        else:
            yield path


def _files_in_folder(folder: Path, on_error: ErrorHandler | None, stats: ReadStats) -> Iterator[Path]:
    """The files :func:`_read_folder` reads under ``folder``, in its order."""
    walked = {folder_identity(str(folder))}
    unreadable: list[OSError] = []
    for root, directories, files in walk(folder, onerror=unreadable.append):
        _report_unreadable(unreadable, on_error)
        kept: list[str] = []
        for name in sorted(d for d in directories if not d.startswith(".")):
            real = folder_identity(os.path.join(root, name))
            if real in walked:
                stats.skipped_folders += 1
                continue
            walked.add(real)
            kept.append(name)
        directories[:] = kept
        for name in sorted(files):
            path = Path(root, name)
            if skipped_name(name) or not _is_regular_file(path):
                # A named pipe or a device would be read without end; a socket cannot be read.
                stats.skipped_files += 1
                continue
            yield path
    _report_unreadable(unreadable, on_error)


def skipped_name(name: str) -> bool:
    """Whether a folder's walk passes a file of this name over: hidden (a leading dot), or of
    a type unspun does not read. (The disk's walk and a store's: unspun.ingest._remote.)"""
    return name.startswith(".") or kind_of(PurePath(name)) is None


def _report_unreadable(unreadable: list[OSError], on_error: ErrorHandler | None) -> None:
    """Report the folders a walk could not list (and empty ``unreadable``): their files were
    never read, which a clean verdict for the rest must not hide."""
    while unreadable:
        error = unreadable.pop(0)
        _report(InputError(f"{safe_text(str(error.filename))}: folder cannot be read "
                           f"({error.strerror or error}); its files were not checked"), on_error)


def _file_head(path: Path) -> bytes:
    """The first bytes of a regular file of a type its name does not tell, which say what it
    holds (:func:`kind_of_head`, :func:`starts_json_value`). (Read of regular files only
    (``read_path``): from a pipe or a device, what the sniff read would be gone; those are
    sniffed as they are read, :func:`_read_stream`.)"""
    with path.open("rb") as stream:
        return stream.read(_SNIFF_BYTES)


def kind_of_head(head: bytes) -> str | None:
    """The reader a file of a type its name does not tell calls for by its first bytes
    ``head``: "warc" (a crawl saved without its suffix was read as one text of WARC headers),
    "jsonl" when it opens as a JSON object does, "gzip" for other gzip data, "pdf", None for
    a text or HTML document (or JSON that is no JSON Lines)."""
    if starts_warc(head):
        return "warc"
    if head[:2] == GZIP_MAGIC:
        return "gzip"
    if starts_pdf(head):
        return "pdf"
    return "jsonl" if _starts_json_object(head) else None


def _is_regular_file(path: Path) -> bool:
    """A regular file (through links), or one whose kind cannot be told (reading it reports why)."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True


def _report(error: InputError, on_error: ErrorHandler | None) -> None:
    if on_error is None:
        raise error
    on_error(error)
