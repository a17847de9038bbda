"""JSON Lines to documents: one object per line, with ``id`` and ``text``, or ``id``/``url``
and ``html``. A bad line is reported with its line number and skipped, never guessed at.

A record that ``unspun index export`` wrote (:func:`exported_record`) also carries an
``unspun`` object, so that it reads back as it was stored: the reader that first read the
document (``source``), meta fields named like the record's own, and its text unstripped."""

from __future__ import annotations

import codecs
import gzip
import json
import math
import sys
import zlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

from .._unicode import describe_lone_surrogate, safe_text, strings_in
from ..config import ReadConfig
from ..errors import DamagedArchiveError, DecodeError, InputError, MalformedInputError, TooLargeError
from ..models import Document
from ._decode import CHUNK_SIZE, GZIP_MAGIC, check_size, damage_named, decode, is_blank, wide_encoding
from .html import html_to_document

SKIP_FACTOR = 64
"""A line over the size limit is skipped up to this many times the limit, then the file ends."""
_SNIFF_BYTES = 4096  # what the encoding is told by


class LineSource(Protocol):
    """Anything with a binary ``readline(size)``: a file, ``io.BytesIO``, a transcoded stream."""

    def readline(self, size: int, /) -> bytes: ...


class ByteStream(LineSource, Protocol):
    """A binary stream that can also peek and read: a buffered file, a gzip stream."""

    def peek(self, size: int, /) -> bytes: ...

    def read(self, size: int, /) -> bytes: ...


def read_jsonl(
    path: Path,
    config: ReadConfig = ReadConfig(),
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Document]:
    """Yield a document per line of the JSONL file at ``path`` (UTF-8, or UTF-16 or UTF-32 after a BOM;
    gzipped or not, whatever its name says)."""
    with path.open("rb") as stream:
        yield from read_jsonl_opened(stream, safe_text(str(path)), config, on_error)


def read_jsonl_opened(
    stream: ByteStream,
    name: str,
    config: ReadConfig = ReadConfig(),
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Document]:
    """:func:`read_jsonl` of a file opened already (a buffered binary stream that can peek:
    a file on disk, or one of an object store in an ``io.BufferedReader``), named ``name``."""
    if stream.peek(2)[:2] == GZIP_MAGIC:
        # (GzipFile's type asks for seek, which it calls only to rewind: never here.)
        with gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:  # type: ignore[call-overload]
            with damage_named(name):
                lines = _as_utf8(Gunzipped(unzipped))  # peeks: damage at the very start shows here
            yield from read_jsonl_stream(lines, name, config, on_error)
        return
    yield from read_jsonl_stream(_as_utf8(stream), name, config, on_error)


class Gunzipped:
    """A gzip stream's lines and blocks, its damage (a cut or corrupt member) raised as
    :class:`DamagedArchiveError`, which ends the file with the lines or records before it read."""

    def __init__(self, stream: gzip.GzipFile) -> None:
        self._stream = stream
        self._damage: DamagedArchiveError | None = None

    def peek(self, size: int) -> bytes:
        self._raise_held_damage()
        return self._guarded(self._stream.peek, size)

    def read(self, size: int, /) -> bytes:
        """Up to ``size`` bytes. What unpacked before damage is handed out first and the damage
        raised on the next read: ``GzipFile.read`` drops a block's good start with it, which
        may hold a WARC's last whole record."""
        self._raise_held_damage()
        chunks: list[bytes] = []
        total = 0
        while total < size:
            try:
                chunk = self._guarded(self._stream.read1, size - total)
            except DamagedArchiveError as error:
                if not chunks:
                    raise
                self._damage = error
                break
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)

    def readline(self, size: int, /) -> bytes:
        self._raise_held_damage()
        return self._guarded(self._stream.readline, size)

    def _raise_held_damage(self) -> None:
        """The damage :meth:`read` held back, however the stream is read next: past it,
        gzip would read on from the next member as if nothing were lost."""
        if self._damage is not None:
            raise self._damage

    @staticmethod
    def _guarded(method: Callable[[int], bytes], size: int) -> bytes:
        try:
            return method(size)
        except EOFError:
            raise GzipDataStops("damaged gzip data (it ends inside its compressed data)") from None
        except (OSError, zlib.error) as error:  # gzip.BadGzipFile is an OSError
            # gzip reads a member's header only once the member before it is whole, its
            # checksum verified: bytes after it that are no member spoil nothing before them.
            after_a_member = isinstance(error, gzip.BadGzipFile) and str(error).startswith("Not a gzipped file")
            raise (GzipDataStops if after_a_member else DamagedArchiveError)(f"damaged gzip data ({error})") from None


class GzipDataStops(DamagedArchiveError):
    """Damage to gzip data that spoils nothing unpacked before it: the data stops inside a
    member (cut short), or bytes after a whole member are no member. (A corrupt member, its
    checksum wrong, may have handed out wrong bytes before it was found.)"""


def read_jsonl_stream(
    stream: LineSource,
    name: str,
    config: ReadConfig = ReadConfig(),
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Document]:
    """Yield a document per line of a binary JSONL ``stream`` in UTF-8. Blank lines are passed
    over, up to the size limit of them in a row: a small gzip file of nothing but line ends
    (1 GB of them in 1 MB) ran for minutes without a word (an audit, session 56). A stream
    whose first :data:`NOT_JSON_LINES_AFTER` lines but blank ones are no JSON objects is not
    JSON Lines (records that are objects but no documents, an empty text, count not), and the
    rest of it is not read: ``/dev/urandom`` behind a ``.jsonl`` name gave 172,000 error
    lines in 20 s, without end (a hostile-input audit, session 57)."""
    blank_run = 0
    failed = 0  # lines that are no JSON object before the first that is (-1 once one is)
    for number, (raw, size) in enumerate(_bounded_lines(stream, config.max_bytes), start=1):
        if failed == NOT_JSON_LINES_AFTER:
            error = MalformedInputError(f"{name}: not JSON Lines: its first {NOT_JSON_LINES_AFTER:,} lines that hold "
                                        "something are no JSON objects; the rest of the file is not read")
            if on_error is None:
                raise error
            on_error(error)
            return
        if isinstance(size, int) and size == len(raw) and not raw.strip():  # whole and blank: not a long line's start
            blank_run += size
            if blank_run <= config.max_bytes:
                continue
            size = TooLargeError(f"over {config.max_bytes:,} bytes of blank lines in a row")
        else:
            blank_run = 0
        where = f"{name}:{number}"
        try:
            if isinstance(size, InputError):
                raise type(size)(f"{where}: {size}; the rest of the file is not read")
            check_size(size, config.max_bytes, where)
            try:
                record = _line_record(raw, where)
            except InputError:
                if failed >= 0:  # a line that is no JSON object, before any that is
                    failed += 1
                raise
            failed = -1  # a JSON object: the stream is JSON Lines, whatever errors follow
            document = _record_to_document(record, where)
        except InputError as error:
            if on_error is None:
                raise
            on_error(error)
            if isinstance(size, InputError):
                return  # as its message says: _bounded_lines ends after such a line, and this loop with it
            continue
        yield document


NOT_JSON_LINES_AFTER = 100
"""Lines a JSON Lines stream may open with, none of them a record, before it is taken for
something else."""


def _bounded_lines(stream: LineSource, limit: int) -> Iterator[tuple[bytes, int | InputError]]:
    """Each line of ``stream`` (cut after ``limit`` + 1 bytes) with its full size in bytes.

    A line over the limit is only counted, never held whole: a JSONL file with one huge line,
    or a device with no newline at all, must not fill the memory before the size check. The
    counting stops at ``SKIP_FACTOR`` times the limit: that line comes with a
    :class:`TooLargeError` for its size and is the last, since a device (``/dev/zero`` behind
    a ``.jsonl`` link) has no end to skip to. A line that cannot be decoded (UTF-16 or UTF-32 only)
    comes with its :class:`DecodeError` and is the last too: what follows a broken code unit
    would be guessed at.
    """
    cut = min(limit + 1, sys.maxsize)  # readline's size must fit a C index, whatever --max-bytes says
    ceiling = SKIP_FACTOR * limit
    try:
        while line := stream.readline(cut):
            size = len(line)
            if size > limit and not line.endswith(b"\n"):
                while rest := stream.readline(CHUNK_SIZE):
                    size += len(rest)
                    if rest.endswith(b"\n"):
                        break
                    if size > ceiling:
                        yield line, TooLargeError(f"a line of over {ceiling:,} bytes with no end in sight")
                        return
            yield line, size
    except (DecodeError, DamagedArchiveError) as error:
        yield b"", error


def _as_utf8(stream: ByteStream) -> LineSource:
    """``stream`` itself, or after a UTF-16 or UTF-32 byte-order mark (or in UTF-16 without
    one), its lines transcoded to UTF-8.

    The line logic splits on the byte ``\\n``, which UTF-16 and UTF-32 spell with zero bytes beside
    it. A file can be far larger than memory, so it is decoded as it is read, not whole (as
    standard input is). UTF-8 with a BOM needs nothing: each line is decoded on its own.
    """
    # Peeked, not read: a pipe or a device cannot seek back. (UTF-16 without a mark, split
    # on the byte "\n", was "invalid utf-16-le at byte ..." on each line.)
    wide = wide_encoding(stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES])
    if wide is None:
        return stream
    encoding, mark = wide
    stream.read(mark)
    return _WideLines(stream, encoding, start=mark)


class _WideLines:
    """The lines of a UTF-16 or UTF-32 stream (past its BOM) as UTF-8 bytes, read a chunk at a time.

    ``readline(size)`` behaves as a binary file's: up to ``size`` bytes, ending after
    ``\\n`` when one comes first, so sizes and limits count UTF-8 bytes, as they do for
    standard input. Memory holds one chunk and the line being read, never the file. A code
    unit that does not decode ends the stream: the complete lines before it are handed out,
    then the line holding it raises :class:`DecodeError` with the byte offset in the file.
    """

    def __init__(self, stream: ByteStream, encoding: str, start: int) -> None:
        self._stream = stream
        self._encoding = encoding
        self._decoder = codecs.getincrementaldecoder(encoding)()
        self._text = b""  # decoded, as UTF-8; handed out up to self._pos
        self._pos = 0
        self._offset = start  # bytes of the file given to the decoder so far
        self._ended = False
        self._error: DecodeError | None = None

    def readline(self, size: int, /) -> bytes:
        end = self._line_end(size)
        while end is None and not self._ended:
            self._fill()
            end = self._line_end(size)
        if end is None:
            end = len(self._text)  # the last line, with no newline after it
        if end == self._pos and self._error is not None:
            raise self._error
        line = self._text[self._pos : end]
        self._pos = end
        return line

    def _line_end(self, size: int) -> int | None:
        """Where the next line (at most ``size`` bytes) ends, or None if more text must come first."""
        stop = min(self._pos + size, len(self._text))
        newline = self._text.find(b"\n", self._pos, stop)
        if newline >= 0:
            return newline + 1
        return stop if stop - self._pos >= size else None

    def _fill(self) -> None:
        # What was handed out is dropped first: slicing it off at each line would copy the
        # chunk once per line.
        text = self._text[self._pos :]
        self._pos = 0
        chunk = self._stream.read(CHUNK_SIZE)
        pending = len(self._decoder.getstate()[0])  # bytes of a code unit cut by the last chunk
        try:
            text += self._decoder.decode(chunk, final=not chunk).encode("utf-8")
        except UnicodeDecodeError as error:
            # Everything before the bad code unit decodes; of it, only the complete lines are
            # kept, so the line holding it is reported, not read cut short.
            text += error.object[: error.start].decode(self._encoding).encode("utf-8")
            text = text[: text.rfind(b"\n") + 1]
            position = self._offset - pending + error.start
            self._error = DecodeError(f"invalid {self._encoding} at byte {position:,} of the file ({error.reason})")
            self._ended = True
        self._text = text
        self._offset += len(chunk)
        self._ended = self._ended or not chunk


EXPORT_FIELD = "unspun"
"""The field of a record written by :func:`exported_record` (``unspun index export``): what the
reader would not otherwise give back as it was stored."""
_RESERVED = ("id", "text", "html", "title", EXPORT_FIELD)


def exported_record(document: Document) -> dict[str, Any]:
    """``document`` as a JSONL record this reader gives back equal: its meta as fields, its
    id, title and text, and under :data:`EXPORT_FIELD` the reader that first read it, the
    meta fields named like the record's own (``text``, ``html``...) and the mark that its text
    is exact (the reader otherwise strips a text)."""
    own: dict[str, Any] = {"export": 1, "source": document.source}
    meta = _json_safe(document.meta)
    clashing = {key: value for key, value in meta.items() if key in _RESERVED}
    if clashing:
        own["meta"] = clashing
    fields = {key: value for key, value in meta.items() if key not in _RESERVED}
    return {**fields, "id": document.id, "title": document.title, "text": document.text, EXPORT_FIELD: own}


def _json_safe(value: Any) -> Any:
    """``value`` with NaN and the infinities as null: Python's JSON reads and writes them,
    strict JSON (other tools' readers) has no such numbers."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Mapping):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(item) for item in value]
    return value


def _line_record(raw: bytes, where: str) -> dict[str, Any]:
    """A line's JSON object; :class:`InputError` for a line that is none (not text, not JSON,
    JSON of another type)."""
    line, _ = decode(raw, where)
    return _parse(line, where)


def _record_to_document(record: dict[str, Any], where: str) -> Document:
    doc_id = _doc_id(record, where)
    own = record.get(EXPORT_FIELD)
    if isinstance(own, dict) and own.get("export") == 1:
        return _exported_document(record, own, doc_id, where)
    title = record.get("title")
    if isinstance(title, int | float) and not isinstance(title, bool) and math.isfinite(title):
        title = str(title)  # a year, an issue number: text, as it always was
    if title is not None and not isinstance(title, str):
        raise MalformedInputError(f"{where}: 'title' must be a string or a number, not {_json_type(title)}")
    title = title or ""
    meta = {k: v for k, v in record.items() if k not in ("id", "text", "html", "title")}
    if isinstance(record.get("text"), str):
        text = record["text"].strip()
        if is_blank(text):
            raise MalformedInputError(f"{where}: 'text' is empty")
        return Document(id=doc_id, title=title, text=text, source="jsonl", meta=meta, origin=where)
    if isinstance(record.get("html"), str):
        try:
            document = html_to_document(record["html"], doc_id, meta)
        except InputError as error:  # named by the record's id: the line says where it is
            raise type(error)(f"{where}: {error}") from None
        return Document(document.id, title or document.title, document.text, "jsonl", document.meta, origin=where)
    raise MalformedInputError(f"{where}: the object needs a 'text' or an 'html' string")


def _exported_document(record: dict[str, Any], own: dict[str, Any], doc_id: str, where: str) -> Document:
    """The document of a record :func:`exported_record` wrote, as it was stored."""
    text, title, source, kept = record.get("text"), record.get("title", ""), own.get("source"), own.get("meta", {})
    if not isinstance(text, str) or is_blank(text):
        raise MalformedInputError(f"{where}: an exported record needs a 'text' string that is not empty")
    if not isinstance(title, str):
        raise MalformedInputError(f"{where}: 'title' must be a string, not {_json_type(title)}")
    if not isinstance(source, str) or not source:
        raise MalformedInputError(f"{where}: '{EXPORT_FIELD}.source' must name a reader, not {source!r}")
    if not isinstance(kept, dict):
        raise MalformedInputError(f"{where}: '{EXPORT_FIELD}.meta' must be an object, not {_json_type(kept)}")
    meta = {key: value for key, value in record.items() if key not in _RESERVED}
    return Document(id=doc_id, title=title, text=text, source=source, meta={**meta, **kept}, origin=where)


def _parse(line: str, where: str) -> dict[str, Any]:
    """The JSON object on ``line``, with every string in it valid Unicode."""
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as error:
        # error.msg alone can end in a bare "at" ("Invalid control character at"): add the column.
        reason = f"{error.msg.removesuffix(' at')} at column {error.colno}"
        raise MalformedInputError(f"{where}: not valid JSON ({reason})") from None
    except ValueError:  # Python refuses to read an integer of more than 4,300 digits
        raise MalformedInputError(f"{where}: not valid JSON (a number too long to read)") from None
    except RecursionError:
        raise MalformedInputError(f"{where}: not valid JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        raise MalformedInputError(f"{where}: expected a JSON object per line")
    for key, value in record.items():
        # JSON's \uXXXX escapes can spell half a surrogate pair: refused here, where the line
        # number is known, rather than when its report or index row is written.
        for string in strings_in((key, value)):
            problem = describe_lone_surrogate(string)
            if problem:
                raise MalformedInputError(f"{where}: {key!a} holds {problem}")
    return record


def _doc_id(record: dict[str, Any], where: str) -> str:
    """The document id: 'id', else 'url'; a string, or a whole number written in decimal."""
    for key in ("id", "url"):
        value = record.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue  # a blank id names nothing (and the index refuses one): the next key, or an error
        if isinstance(value, str):
            return value
        # bool is an int in Python, but True as an id is a mistake, not the number 1.
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            # Spelt as before ("123.0", as pandas writes an integer column holding a NaN), so
            # that adding the file again finds the same ids in an index.
            return str(value)
        raise MalformedInputError(f"{where}: '{key}' must be a string or a whole number, not {_json_type(value)}")
    raise MalformedInputError(f"{where}: the object has no 'id' (or 'url')")


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


NOT_JSON = object()
"""What :func:`whole_json_value` gives for data that is not one JSON value."""


def whole_json_value(data: bytes) -> Any:
    """The JSON value ``data`` holds as a whole (a ``.json`` file that is not JSON Lines, whose
    second line is "extra data"), or :data:`NOT_JSON`."""
    try:
        text, _ = decode(data, "")
        return json.loads(text)
    except (InputError, ValueError, RecursionError):  # JSONDecodeError is a ValueError
        return NOT_JSON


def json_file_documents(value: Any, name: str, on_error: Callable[[InputError], None] | None = None
                        ) -> Iterator[Document]:
    """The documents of the JSON ``value`` of a file that is not JSON Lines (``.json``,
    written over many lines or holding a list): one object with a 'text' or an 'html'
    string, read as a JSON Lines record is, or a list of them, each read so (an item that is
    no such object is its own error, the others still read). An object without an 'id' (or
    'url') is named by the file, a list's item by the file and its place (``a.json[2]``,
    from 0). It was read as one text of prose, its keys and braces included (an audit,
    session 62)."""
    if isinstance(value, dict):
        yield _json_file_document(value, name, name)
        return
    if not isinstance(value, list):
        raise MalformedInputError(f"{name}: a JSON file is read as an object with a 'text' or an 'html' string, "
                                  f"or a list of them, not {_json_kind(value)}")
    for place, item in enumerate(value):
        where = f"{name}[{place}]"
        try:
            if not isinstance(item, dict):
                raise MalformedInputError(f"{where}: expected an object, not {_json_kind(item)}")
            yield _json_file_document(item, where, where)
        except InputError as error:
            if on_error is None:
                raise
            on_error(error)


def _json_file_document(record: dict[str, Any], where: str, default_id: str) -> Document:
    for key, value in record.items():
        for string in strings_in((key, value)):
            problem = describe_lone_surrogate(string)
            if problem:
                raise MalformedInputError(f"{where}: {key!a} holds {problem}")
    if all(record.get(key) is None or (isinstance(record.get(key), str) and not record[key].strip())
           for key in ("id", "url")):
        record = {**record, "id": default_id}
    return _record_to_document(record, where)


def _json_kind(value: Any) -> str:
    """What a JSON value is, in JSON's words ("a string", "null")."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "a number"
    return "a string" if isinstance(value, str) else "a list" if isinstance(value, list) else "an object"
