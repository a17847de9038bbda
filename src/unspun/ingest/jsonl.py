"""JSON Lines to documents: one object per line, with ``id`` and ``text``, or ``id``/``url``
and ``html``. A bad line is reported with its line number and skipped, never guessed at."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from ..config import ReadConfig
from ..errors import InputError, MalformedInputError
from ..models import Document
from ._decode import check_size, decode
from .html import html_to_document


def read_jsonl(
    path: Path,
    config: ReadConfig = ReadConfig(),
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Document]:
    """Yield a document per line of the JSONL file at ``path``."""
    with path.open("rb") as stream:
        yield from read_jsonl_stream(stream, str(path), config, on_error)


def read_jsonl_stream(
    stream: IO[bytes],
    name: str,
    config: ReadConfig = ReadConfig(),
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Document]:
    """Yield a document per line of a binary JSONL ``stream``."""
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        where = f"{name}:{number}"
        try:
            check_size(len(raw), config.max_bytes, where)
            document = _line_to_document(raw, where)
        except InputError as error:
            if on_error is None:
                raise
            on_error(error)
            continue
        yield document


def _line_to_document(raw: bytes, where: str) -> Document:
    line, _ = decode(raw, where)
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as error:
        raise MalformedInputError(f"{where}: not valid JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise MalformedInputError(f"{where}: expected a JSON object per line")
    doc_id = record.get("id") or record.get("url")
    if doc_id is None:
        raise MalformedInputError(f"{where}: the object has no 'id' (or 'url')")
    title = str(record.get("title") or "")
    meta = {k: v for k, v in record.items() if k not in ("id", "text", "html", "title")}
    if isinstance(record.get("text"), str):
        text = record["text"].strip()
        if not text:
            raise MalformedInputError(f"{where}: 'text' is empty")
        return Document(id=str(doc_id), title=title, text=text, source="jsonl", meta=meta)
    if isinstance(record.get("html"), str):
        document = html_to_document(record["html"], str(doc_id), meta)
        return Document(document.id, title or document.title, document.text, "jsonl", document.meta)
    raise MalformedInputError(f"{where}: the object needs a 'text' or an 'html' string")
