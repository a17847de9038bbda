"""JSON Lines to documents: one object per line, with ``id`` and ``text``, or ``id``/``url``
and ``html``. A bad line is reported with its line number and skipped, never guessed at."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from .._unicode import describe_lone_surrogate, safe_text, strings_in
from ..config import ReadConfig
from ..errors import InputError, MalformedInputError, TooLargeError
from ..models import Document
from ._decode import CHUNK_SIZE, check_size, decode
from .html import html_to_document

SKIP_FACTOR = 64
"""A line over the size limit is skipped up to this many times the limit, then the file ends."""


def read_jsonl(
    path: Path,
    config: ReadConfig = ReadConfig(),
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Document]:
    """Yield a document per line of the JSONL file at ``path``."""
    with path.open("rb") as stream:
        yield from read_jsonl_stream(stream, safe_text(str(path)), config, on_error)


def read_jsonl_stream(
    stream: IO[bytes],
    name: str,
    config: ReadConfig = ReadConfig(),
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Document]:
    """Yield a document per line of a binary JSONL ``stream``."""
    for number, (raw, size) in enumerate(_bounded_lines(stream, config.max_bytes), start=1):
        if size is not None and not raw.strip():
            continue
        where = f"{name}:{number}"
        try:
            if size is None:
                raise TooLargeError(f"{where}: a line of over {SKIP_FACTOR * config.max_bytes:,} bytes with no end "
                                    "in sight; the rest of the file is not read")
            check_size(size, config.max_bytes, where)
            document = _line_to_document(raw, where)
        except InputError as error:
            if on_error is None:
                raise
            on_error(error)
            continue
        yield document


def _bounded_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[bytes, int | None]]:
    """Each line of ``stream`` (cut after ``limit`` + 1 bytes) with its full size in bytes.

    A line over the limit is only counted, never held whole: a JSONL file with one huge line,
    or a device with no newline at all, must not fill the memory before the size check. The
    counting stops at ``SKIP_FACTOR`` times the limit: that line comes with the size None and
    is the last, since a device (``/dev/zero`` behind a ``.jsonl`` link) has no end to skip to.
    """
    cut = min(limit + 1, sys.maxsize)  # readline's size must fit a C index, whatever --max-bytes says
    ceiling = SKIP_FACTOR * limit
    while line := stream.readline(cut):
        size = len(line)
        if size > limit and not line.endswith(b"\n"):
            while rest := stream.readline(CHUNK_SIZE):
                size += len(rest)
                if rest.endswith(b"\n"):
                    break
                if size > ceiling:
                    yield line, None
                    return
        yield line, size


def _line_to_document(raw: bytes, where: str) -> Document:
    line, _ = decode(raw, where)
    record = _parse(line, where)
    doc_id = _doc_id(record, where)
    title = record.get("title")
    if isinstance(title, int | float) and not isinstance(title, bool) and math.isfinite(title):
        title = str(title)  # a year, an issue number: text, as it always was
    if title is not None and not isinstance(title, str):
        raise MalformedInputError(f"{where}: 'title' must be a string or a number, not {_json_type(title)}")
    title = title or ""
    meta = {k: v for k, v in record.items() if k not in ("id", "text", "html", "title")}
    if isinstance(record.get("text"), str):
        text = record["text"].strip()
        if not text:
            raise MalformedInputError(f"{where}: 'text' is empty")
        return Document(id=doc_id, title=title, text=text, source="jsonl", meta=meta)
    if isinstance(record.get("html"), str):
        document = html_to_document(record["html"], doc_id, meta)
        return Document(document.id, title or document.title, document.text, "jsonl", document.meta)
    raise MalformedInputError(f"{where}: the object needs a 'text' or an 'html' string")


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
