"""What the server does with a request: read the document, check or trace it, one at a time.

The engine is CPU-bound and keeps caches that were written for one caller at a time, so the
checks of concurrent requests take turns behind one lock; reading a document (HTML extraction,
a PDF's own process) happens before it, side by side. Taking turns also lets a check pause the
garbage collector, as a command-line check does in its main thread (:mod:`unspun._gc`).
"""

from __future__ import annotations

import gzip
import io
import threading
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from .._gc import collection_paused_in_turn
from .._unicode import safe_text
from ..config import CheckConfig, ReadConfig
from ..errors import InputError, UsageError
from ..models import Document
from ._settings import ServeConfig

WARM_UP_TEXT = "The irregular woodland beat the baseline on the test set."
"""Checked once as the server starts: the lexicon, the models (and deep mode's language
model) load then, and a missing or damaged one is refused before the first request."""
UPLOAD_NAME = "upload"
"""The id of a file sent without a name."""
CLOSE_WAIT_S = 5


class NoIndexError(UsageError):
    """A trace was asked of a server started without an index of originals."""

    http_status = 404


@dataclass(frozen=True, slots=True)
class RequestOptions:
    """What one request may change of the server's :class:`~unspun.config.CheckConfig`."""

    suspect: bool | None = None
    min_confidence: float | None = None


class Checker:
    """The server's engine: its settings, its index (read-only) and the lock its checks share."""

    def __init__(self, config: ServeConfig) -> None:
        from ..pipeline import check

        self._config = config
        self._lock = threading.Lock()
        self._index = _open_index(config.index_path) if config.index_path is not None else None
        try:
            check(WARM_UP_TEXT, config.check_config, deep=config.deep)
        except BaseException:
            self.close()
            raise

    def describe(self) -> dict[str, Any]:
        """What ``/api/health`` says of the server: its mode, its index, its size limit, and
        the options every request has unless it sets its own. Never waits for a check (the
        index's storage has a lock of its own)."""
        index = None
        if self._index is not None:
            index = {"path": self._index.path, "documents": len(self._index)}
        check_config = self._config.check_config
        described: dict[str, Any] = {"mode": "deep" if self._config.deep else "fast", "index": index,
                                     "max_bytes": self._config.read_config.max_bytes,
                                     "defaults": {"suspect": check_config.suspect,
                                                  "min_confidence": check_config.min_confidence}}
        if self._config.deep:
            from ..deep import MODEL_SPECS

            described["language_model"] = check_config.language_model or MODEL_SPECS[0].name
        return described

    def document_from_text(self, text: str, text_format: str, doc_id: str, title: str) -> Document:
        """A document sent as JSON: text as it is, or the article of a page's HTML."""
        from ..ingest._decode import check_size
        from ..ingest.html import html_to_document

        check_size(len(text.encode("utf-8", "surrogatepass")), self._config.read_config.max_bytes, doc_id)
        if text_format == "html":
            document = html_to_document(text, doc_id)
            return replace(document, title=document.title or title)
        return Document(id=doc_id, title=title, text=text, source="text")

    def document_from_file(self, stream: IO[bytes], filename: str | None) -> Document:
        """An uploaded file, read as ``unspun check`` reads a file of its name: text, HTML, PDF
        or one JSON document (by its name, else by what it starts as; gzipped, by what it
        holds first); a WARC
        or JSON Lines of many documents is refused with the command that reads them. A PDF's
        text is held to ``max_bytes``, not its bytes (mostly images); the upload itself, to
        the body limit."""
        from ..ingest import document_from_bytes, kind_of
        from ..ingest._decode import GZIP_MAGIC, check_bounded_read, read_at_most, read_bounded
        from ..ingest.pdf import pdf_to_document, starts_pdf

        base = Path(filename).name if filename else ""
        name = safe_text(base) if base not in ("", ".", "..") else UPLOAD_NAME
        data = read_bounded(stream, self._config.body_limit, name)
        plain_name = name
        gzipped = data.startswith(GZIP_MAGIC)
        if gzipped:
            plain_name = name[:-3] if name.lower().endswith(".gz") else name  # "X.TXT.GZ" too
            try:
                data = read_at_most(gzip.GzipFile(fileobj=io.BytesIO(data)), self._config.body_limit + 1)
            except (OSError, EOFError, zlib.error) as error:  # zlib's own error is no OSError
                raise InputError(f"{name}: damaged gzip data ({error})") from error
            if len(data) > self._config.body_limit:
                # Past the body's limit: a PDF is held to it, any other document to --max-bytes,
                # which the message names (it named the body's limit for a gzipped text: an
                # audit, session 62). Below it, the reader says how far over --max-bytes it is.
                pdf = starts_pdf(data)
                check_bounded_read(data, self._config.body_limit if pdf else self._config.read_config.max_bytes, name)
        data = _wide_json_as_utf8(data, name)
        named, suffix = kind_of(Path(plain_name)), Path(plain_name).suffix.lower()
        # Gzipped data is read by what it holds first, as `unspun check` unpacks and sniffs a
        # gzipped file whatever its inner suffix ("x.txt.gz" of JSON is JSON there: a review);
        # other files by their name first.
        kind = (_kind_of_content(data, suffix) or named) if gzipped else (named or _kind_of_content(data, suffix))
        if kind in ("warc", "jsonl"):
            raise InputError(f"{name}: a {'WARC' if kind == 'warc' else 'JSON Lines'} file holds many documents; "
                             f"this API checks one text, HTML or PDF document a request: check it with "
                             f"'unspun check {name}'")
        if kind == "pdf" or starts_pdf(data):
            return pdf_to_document(data, name, self._config.read_config)
        if kind == "json":
            return _one_json_document(data, name, self._config.read_config)
        return document_from_bytes(data, name, kind, self._config.read_config)

    def require_index(self) -> Any:
        """The server's index; a trace is refused without one (before its document is read)."""
        if self._index is None:
            raise NoIndexError("this server has no index of originals to trace to: start it with "
                               "'unspun serve --index PATH'")
        return self._index

    def check(self, document: Document, options: RequestOptions) -> dict[str, Any]:
        """The report of ``document`` (``unspun check``), as a dict."""
        from ..pipeline import check

        config = self._check_config(options)
        with self._lock, collection_paused_in_turn():
            return check(document, config, deep=self._config.deep).to_dict()

    def trace(self, document: Document, options: RequestOptions) -> dict[str, Any]:
        """The trace report of ``document`` in the server's index (``unspun trace``), as a dict."""
        from ..pipeline import trace

        index = self.require_index()
        config = self._check_config(options)
        with self._lock, collection_paused_in_turn():
            return trace(document, index, self._config.trace_config, config).to_dict()

    def close(self) -> None:
        """Close the index, once the check under way (if any) is done: a trace in a worker
        thread may still read it while the server stops. Past a few seconds it is left to the
        process's end rather than closed under that trace."""
        if self._index is not None and self._lock.acquire(timeout=CLOSE_WAIT_S):
            try:
                self._index.close()
            finally:
                self._lock.release()

    def _check_config(self, options: RequestOptions) -> CheckConfig:
        config = self._config.check_config
        if options.suspect is not None:
            config = replace(config, suspect=options.suspect)
        if options.min_confidence is not None:
            config = replace(config, min_confidence=options.min_confidence)
        return config


def _open_index(path: Path) -> Any:
    from ..index import Index, refuse_missing_index

    refuse_missing_index(path)
    return Index.open(path, readonly=True)


def _kind_of_content(data: bytes, suffix: str) -> str | None:
    """The kind of an upload whose name (its ``suffix``, a ".gz" taken off) names none that
    unspun reads, told as ``unspun check -`` tells a pipe's: "warc", "json" for a ``.json``
    file (gzipped too: its JSON was checked as the text, offsets into the source of braces
    and keys: an audit, session 64) or for bytes that open as JSON does (JSON Lines or one
    JSON value: "export.gz", a file sent without a name, were checked as text, markup and
    all: session 64's Left), else None: a text or an HTML page, by what it starts as
    (:func:`unspun.ingest.document_from_bytes`)."""
    from ..ingest import starts_json_value
    from ..ingest.warc import starts_warc

    if suffix == ".json" or starts_json_value(data):
        return "json"
    return "warc" if starts_warc(data) else None


def _wide_json_as_utf8(data: bytes, name: str) -> bytes:
    """``data`` in UTF-8 when it is JSON in UTF-16 or UTF-32 (what Windows PowerShell's ``>``
    writes), which the JSON and JSON Lines sniffs read byte by byte: such an upload was
    checked as a text of braces and keys (a review, session 65); other data as it is."""
    from ..ingest import starts_json_value, wide_as_utf8

    utf8 = wide_as_utf8(data, name)
    return utf8 if utf8 is not None and starts_json_value(utf8) else data


def _one_json_document(data: bytes, name: str, config: ReadConfig) -> Document:
    """The one document of an uploaded ``.json`` file (gzipped or not), as ``unspun check`` reads
    the file: JSON Lines of one line, one object with a 'text' or an 'html' string, or, when it
    is no JSON, a text; more documents than one (lines, a list) are refused."""
    from ..ingest import _SNIFF_BYTES, _starts_json_object, json_or_text
    from ..ingest._decode import check_size
    from ..ingest.jsonl import read_jsonl_stream

    check_size(len(data), config.max_bytes, name)
    advice = f"this API checks one document a request: check it with 'unspun check {name}'"
    if _starts_json_object(data[:_SNIFF_BYTES]) and b"\n" in data.strip():  # one line: one JSON value
        # Counted before any line is read: two records without ids were refused for the
        # first one's missing id, not for being two (a review, session 65).
        if sum(1 for line in data.splitlines() if line.strip()) > 1:
            raise InputError(f"{name}: JSON Lines, a document a line; {advice}")
        lines = list(read_jsonl_stream(io.BytesIO(data), name, config))
        if len(lines) != 1:
            raise InputError(f"{name}: JSON Lines, a document a line; {advice}")
        return lines[0]
    documents = list(json_or_text(data, name, config))
    if len(documents) != 1:
        raise InputError(f"{name}: a list of {len(documents)} documents; {advice}")
    return documents[0]
