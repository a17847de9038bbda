"""WARC crawl files to documents: each HTTP response holding HTML or text becomes one
document whose id is its target URI. Other records are skipped and counted. A truncated or
corrupt file yields every record before the damage, then reports the damage."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..config import ReadConfig
from ..errors import DamagedArchiveError, InputError
from ..models import Document
from ._decode import check_size, decode
from .html import html_to_document

_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass
class WarcStats:
    """What a WARC pass saw: documents produced and records skipped, by reason."""

    documents: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def read_warc(
    path: Path,
    config: ReadConfig = ReadConfig(),
    on_error: Callable[[InputError], None] | None = None,
    stats: WarcStats | None = None,
) -> Iterator[Document]:
    """Yield a document per HTML or text response record of the WARC file at ``path``.

    A record that cannot be checked (binary body, too large, no article) goes to ``on_error``
    when given and is skipped; damage to the file itself raises
    :class:`DamagedArchiveError` after the records before it were yielded.
    """
    from warcio.archiveiterator import ArchiveIterator

    stats = stats if stats is not None else WarcStats()
    position = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream, arc2warc=True):
                position += 1
                document = _record_to_document(record, path, config, stats, on_error)
                if document is not None:
                    stats.documents += 1
                    yield document
    except InputError:
        raise
    except Exception as error:  # warcio signals damage with zlib, EOF and parse errors alike
        raise DamagedArchiveError(
            f"{path}: damaged WARC after record {position} "
            f"({type(error).__name__}: {error}); the {stats.documents} documents before it were read"
        ) from None


def _record_to_document(
    record: object,
    path: Path,
    config: ReadConfig,
    stats: WarcStats,
    on_error: Callable[[InputError], None] | None,
) -> Document | None:
    rec_type = getattr(record, "rec_type", "")
    if rec_type != "response":
        stats.skip(f"{rec_type or 'unknown'} record")
        return None
    http_headers = getattr(record, "http_headers", None)
    if http_headers is None:
        stats.skip("response without HTTP headers")
        return None
    content_type = (http_headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(_TEXT_TYPES):
        stats.skip(f"{content_type.split(';')[0] or 'untyped'} response")
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{stats.documents}"  # type: ignore[attr-defined]
    body = record.content_stream().read(config.max_bytes + 1)  # type: ignore[attr-defined]
    declared = None
    if "charset=" in content_type:
        declared = content_type.split("charset=", 1)[1].split(";")[0].strip().strip('"')
    meta = {
        "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),  # type: ignore[attr-defined]
        "warc_date": record.rec_headers.get_header("WARC-Date"),  # type: ignore[attr-defined]
        "warc_file": str(path),
    }
    try:
        check_size(len(body), config.max_bytes, uri)
        text, encoding = decode(body, uri, declared)
        meta["encoding"] = encoding
        if content_type.startswith("text/plain"):
            return Document(id=uri, title="", text=text.strip(), source="warc", meta=meta)
        document = html_to_document(text, uri, meta)
        return Document(document.id, document.title, document.text, "warc", document.meta)
    except InputError as error:
        stats.skip("unreadable response")
        if on_error is None:
            raise
        on_error(error)
        return None
