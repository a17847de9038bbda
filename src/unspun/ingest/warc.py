"""WARC crawl files to documents: each successful (2xx) HTTP response holding an HTML page
with an article, text, or a PDF with text becomes one document whose id is its target URI. Other records (requests,
images, error pages, redirects, pages without article text) are skipped and counted. A
truncated or corrupt file yields every record before the damage, then reports the damage."""

from __future__ import annotations

import gzip
import os
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Protocol

from .._unicode import safe_text
from ..config import ReadConfig
from ..errors import DamagedArchiveError, EmptyInputError, InputError
from ..models import Document
from ._decode import CHUNK_SIZE, GZIP_MAGIC, Readable, check_bounded_read, damage_named, decode, read_at_most
from .html import declared_charset, html_to_document
from .jsonl import Gunzipped, GzipDataStops
from .pdf import pdf_to_document, starts_pdf

_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/pdf", "application/x-pdf")


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

    A response that is not a 2xx, or holds no article text (a home page, an empty body), is
    skipped and counted in ``stats`` as other records are. A record that cannot be checked
    (binary body, too large, HTML that cannot be parsed) goes to ``on_error`` when given and
    is skipped. Damage to the file itself (not a WARC, a corrupt or truncated
    record, a payload digest that does not match) raises :class:`DamagedArchiveError` after
    the records before it were yielded.
    """
    name = safe_text(str(path))
    with path.open("rb") as stream:
        if _gzipped_whole(stream):
            # `gzip crawl.warc` makes one gzip member of the whole file, which warcio refuses
            # (it reads a member per record); unpacked as it is read, it is a WARC all the same.
            unpacked = Gunzipped(gzip.GzipFile(fileobj=stream, mode="rb"))
            yield from read_warc_stream(unpacked, name, config, on_error, stats)
            return
        yield from _read_records(_FileSource(stream, path.stat().st_size), name, config, on_error, stats)


def read_warc_stream(
    stream: Readable,
    name: str,
    config: ReadConfig = ReadConfig(),
    on_error: Callable[[InputError], None] | None = None,
    stats: WarcStats | None = None,
    head: bytes = b"",
) -> Iterator[Document]:
    """:func:`read_warc` for a WARC read once, front to back, under ``name``: standard input,
    a pipe (``aws s3 cp s3://crawl/x.warc - | unspun check -``), a gzip stream unpacked as it
    is read. ``head`` is what was read of it already, to tell what it holds (read here when empty)."""
    if not head:
        with damage_named(name):  # gzip data damaged from its start
            head = stream.read(_SIGNATURE_BYTES)
    yield from _read_records(_StreamSource(head, stream), name, config, on_error, stats)


def _read_records(
    source: _Source,
    name: str,
    config: ReadConfig,
    on_error: Callable[[InputError], None] | None,
    stats: WarcStats | None,
) -> Iterator[Document]:
    stats = stats if stats is not None else WarcStats()
    position = documents = 0
    _check_signature(source.head, name)
    records = _QuietArchiveIterator(source.stream, arc2warc=True, check_digests="raise")
    iterator = iter(records)
    end = 0
    late: DamagedArchiveError | None = None  # damage met past a whole record, for the next one
    while True:
        # Only warcio's own work is guarded: its errors mean damage. Our own processing of a
        # record runs outside the guard, so a bug of ours is never reported as damage.
        try:
            position += 1  # the record being read: warcio's errors come as it reads one
            if late is not None:
                raise late
            record = next(iterator, None)
            if record is not None:
                body = _read_body(record, config)
                late = _read_to_end(records, record)  # verifies the record's digests before we trust it
                if late is None:
                    if records.err_count:
                        raise _Damage("a record is longer or shorter than its Content-Length says")
                    _check_complete(record, records, source)
                    end = records.get_record_offset() + records.get_record_length()
            elif position == 1 or _ends_inside_a_record(source, end):
                raise _Damage("the file ends inside a record (truncated)")
        except Exception as error:  # warcio signals damage with zlib, EOF, digest and parse errors alike
            # Our own damage, and a gzip stream's unpacked around warcio (read_warc_stream), say it plainly.
            plain = isinstance(error, _Damage | DamagedArchiveError)
            if plain:
                reason = str(error)
            elif isinstance(error, AttributeError | TypeError | KeyError | IndexError) and _raised_in_warcio(error):
                # warcio's parser tripping on headers cut short (a record without its target
                # URI: "'NoneType' object has no attribute 'startswith'", an audit, session 62):
                # what that means, not the Python error. Only warcio's own: one of ours here
                # is a bug, and keeps its name.
                reason = "a record's headers are cut short or cannot be parsed"
            else:  # zlib's, an EOF, warcio's ArchiveLoadFailed: their messages say what is wrong
                reason = _printable(f"{type(error).__name__}: {error}")
            read = "the 1 document before it was read" if documents == 1 else f"the {documents} documents before it were read"
            raise DamagedArchiveError(f"{name}: damaged WARC at record {position} ({reason}); {read}") from None
        if record is None:
            return
        document = _record_to_document(record, body, name, config, stats, on_error)
        if document is not None:
            stats.documents += 1
            documents += 1  # of this file: stats may count a whole run's
            yield document


def _ends_inside_a_record(source: _Source, end: int) -> bool:
    """Whether what follows the last whole record, which ends at ``end``, is the start of
    another: a plain WARC may end in a few more line ends; after a gzipped one's last member
    anything but empty members (``gzip < /dev/null >> crawl.warc.gz``) is a member cut short
    (1-4 bytes of one passed as nothing; the review, session 57)."""
    extra = source.size() - end
    if source.gzipped:
        return extra > 0 and not source.empty_members_after(end)
    # Line ends after the last record are no record begun: a file with six of them, or an
    # ARC file (whose records end in one), was "truncated" (an audit, session 63).
    if extra > _TAIL_BYTES or source.last_bytes(extra).strip(b"\r\n"):
        return True
    return not source.ends_cleanly()


_TAIL_BYTES = 64
"""The most line ends read as a plain WARC's (or ARC's) end after its last record."""
_ARC_START = b"filedesc://"
"""How an ARC file, the WARC's forerunner that warcio reads too, begins."""


def _ends_as_a_record(tail: bytes, head: bytes) -> bool:
    """Whether a plain archive's last bytes ``tail`` end a record: an empty line in a WARC,
    a line end in an ARC file (its first bytes ``head`` say which)."""
    if head.startswith(_ARC_START):
        return tail.endswith(b"\n")
    return tail.endswith(b"\r\n\r\n") or tail.endswith(b"\n\n")


def _read_to_end(records: Any, record: Any) -> DamagedArchiveError | None:
    """Read ``record`` to its end, its digests verified. Returns the damage of gzip data
    unpacked around warcio (:func:`read_warc_stream`) met only past the record's end, as
    warcio reads on for the blank lines between records, when it spoils nothing before it
    (:class:`GzipDataStops`: a stream cut short, bytes after a whole member that are none):
    the record is whole, and read before the damage is reported (a member cut short after it
    lost it; the review). A corrupt member, or a record of another length than its header
    says, is damaged whatever came after."""
    try:
        records.read_to_end(record)
    except GzipDataStops as error:
        if getattr(record.raw_stream, "limit", None) != 0 or records.err_count:
            raise
        return error
    return None


_SIGNATURE_BYTES = 4096
MAX_LINE_BYTES = 1 << 20
"""The longest line a WARC record's headers may hold (a target URI, a cookie): 1 MiB."""


_CONTENT_LENGTH_RE = re.compile(rb"^content-length:[ \t]*(\d+)[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)


def _gzipped_whole(stream: IO[bytes]) -> bool:
    """Whether a WARC file is gzipped as one member (``gzip crawl.warc``) rather than a member
    per record, as WARC writers make them: its first member goes on past the end of its first
    record, which its header's Content-Length tells. Reads only as far as that, and goes back
    to the file's start. A file that is no gzipped WARC, or is damaged, is left to the record
    reader, which says what is wrong with it."""
    try:
        if stream.read(2) != GZIP_MAGIC:
            return False
        stream.seek(0)
        record_end: int | None = None
        header = b""
        unpacked = 0
        for block in _first_member(stream):
            unpacked += len(block)
            if record_end is None:
                header += block
                record_end = _first_record_end(header)
                if record_end is None:
                    continue
                if record_end < 0:
                    return False
            if unpacked > record_end:
                return True
        return False
    finally:
        stream.seek(0)


def _first_member(stream: IO[bytes]) -> Iterator[bytes]:
    """The unpacked blocks of the gzip member ``stream`` starts with, none larger than
    ``_SIGNATURE_BYTES`` (a small member may unpack to gigabytes); it stops at damage."""
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
    pending = b""
    while not unpacker.eof:
        pending = pending or stream.read(_SIGNATURE_BYTES)
        if not pending:
            return  # a member cut short
        try:
            block = unpacker.decompress(pending, _SIGNATURE_BYTES)
        except zlib.error:
            return  # corrupt data
        pending = unpacker.unconsumed_tail
        yield block


def _first_record_end(header: bytes) -> int | None:
    """Where the WARC record that ``header`` (the start of a file, unpacked) opens ends, by
    its Content-Length (an ARC file's first record, its version block, by the length that
    ends its first line); None when more of the header is needed; -1 when it is neither's
    header (damage)."""
    if header and header[: len(_ARC_START)] == _ARC_START[: len(header)]:  # ARC's start, or so far
        return _first_arc_record_end(header)
    end_of_header = header.find(b"\r\n\r\n")
    if end_of_header < 0:
        whole_so_far = len(header) <= _HEADER_LIMIT and header.startswith(b"WARC/"[: len(header)])
        return None if whole_so_far else -1
    length = _CONTENT_LENGTH_RE.search(header[:end_of_header])
    if length is None:
        return -1
    return end_of_header + 4 + int(length.group(1)) + 4  # the record's two closing line ends


def _first_arc_record_end(header: bytes) -> int | None:
    """:func:`_first_record_end` for an ARC file: its first line ("filedesc://... LENGTH")
    and the LENGTH bytes after it, then a line end."""
    end_of_line = header.find(b"\n")
    if end_of_line < 0:
        return None if len(header) <= _HEADER_LIMIT else -1
    fields = header[:end_of_line].split()
    if not header.startswith(_ARC_START) or not fields or not fields[-1].isdigit():
        return -1
    return end_of_line + 1 + int(fields[-1]) + 1


_HEADER_LIMIT = 1 << 16


class _Source(Protocol):
    """Where a WARC's bytes come from, for warcio (``stream``) and for the checks that tell a
    crawl cut short from a whole one."""

    stream: Any
    head: bytes  # the first bytes, to tell what it is
    gzipped: bool

    def size(self) -> int: ...

    def exhausted(self) -> bool: ...

    def empty_members_after(self, end: int) -> bool: ...

    def ends_cleanly(self) -> bool: ...

    def last_bytes(self, count: int) -> bytes: ...


class _FileSource:
    """A WARC file: its size says where it ends, and its last bytes can be read beside warcio."""

    def __init__(self, stream: IO[bytes], size: int) -> None:
        self.stream = stream
        self.head = stream.read(_SIGNATURE_BYTES)
        stream.seek(0)
        self.gzipped = self.head[:2] == GZIP_MAGIC
        self._size = size

    def size(self) -> int:
        return self._size

    def exhausted(self) -> bool:
        """Whether warcio has read to the end of the file."""
        return self.stream.tell() >= self._size

    def empty_members_after(self, end: int) -> bool:
        """Whether the bytes after ``end`` are whole gzip members that unpack to nothing."""
        if self._size - end > _SIGNATURE_BYTES:
            return False
        try:
            return gzip.decompress(os.pread(self.stream.fileno(), self._size - end, end)) == b""
        except (OSError, EOFError, zlib.error):  # not gzip, or cut: what the caller reports as damage
            return False

    def ends_cleanly(self) -> bool:
        """Whether the file ends as a record does (:func:`_ends_as_a_record`)."""
        return _ends_as_a_record(self.last_bytes(4), self.head)

    def last_bytes(self, count: int) -> bytes:
        """The file's last ``count`` bytes (at most ``_TAIL_BYTES``)."""
        count = min(count, _TAIL_BYTES)
        return os.pread(self.stream.fileno(), count, max(0, self._size - count)) if count > 0 else b""


class _StreamSource:
    """A WARC read once, front to back: what it has handed warcio is counted (warcio asks
    ``tell`` for record offsets), its last bytes kept, and one read held back when asked
    whether anything is left. Its size is known once warcio has read to its end."""

    def __init__(self, head: bytes, stream: Readable) -> None:
        self.stream = self  # what warcio reads
        self.head = head[:_SIGNATURE_BYTES]
        self.gzipped = head[:2] == GZIP_MAGIC
        self._pending = head
        self._source = stream
        self._count = 0
        self._tail = b""

    def read(self, size: int = -1) -> bytes:
        if self._pending:
            data = self._pending if size < 0 else self._pending[:size]
            self._pending = self._pending[len(data):]
        else:
            data = self._source.read(size if size >= 0 else CHUNK_SIZE)
        self._count += len(data)
        self._tail = (self._tail + data)[-_TAIL_BYTES:]
        return data

    def tell(self) -> int:
        return self._count

    def size(self) -> int:
        return self._count + len(self._pending)

    def exhausted(self) -> bool:
        """Whether nothing is left to read (reading ahead one chunk when something might be)."""
        if not self._pending:
            self._pending = self._source.read(CHUNK_SIZE)
        return not self._pending

    def empty_members_after(self, end: int) -> bool:
        return False  # read already: gzip data unpacked around warcio has its empty members read through

    def ends_cleanly(self) -> bool:
        return _ends_as_a_record(self._tail, self.head)

    def last_bytes(self, count: int) -> bytes:
        return self._tail[len(self._tail) - min(count, _TAIL_BYTES) :] if count > 0 else b""


def _read_body(record: Any, config: ReadConfig) -> bytes | None:
    """The payload of a 2xx HTML, text or PDF response (up to the size limit plus one byte), else
    None: what is skipped is read only to its end, for its digests, never held in memory."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(_TEXT_TYPES) or not _succeeded(record):
        return None
    return read_at_most(record.content_stream(), config.max_bytes + 1)


def _status(record: Any) -> str:
    """A response's HTTP status code, as written ("200"; "" when it has none)."""
    return (record.http_headers.get_statuscode() or "").strip()


def _succeeded(record: Any) -> bool:
    """Whether a response's HTTP status is a 2xx."""
    status = _status(record)
    return len(status) == 3 and status.startswith("2")


class _Damage(Exception):
    """Internal: damage found by our own checks rather than by warcio."""


_REASON_LIMIT = 160


def _raised_in_warcio(error: BaseException) -> bool:
    """Whether ``error`` was raised inside warcio's code (its traceback's last frame)."""
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    return frame is not None and f"{os.sep}warcio{os.sep}" in frame.tb_frame.f_code.co_filename


def _printable(reason: str) -> str:
    """warcio's message, fit for one line of a terminal: its errors quote what they could not
    parse, which in a damaged file is binary bytes (control characters, kilobytes of them)."""
    text = "".join(c if c.isprintable() and c.isascii() else c.encode("unicode_escape").decode("ascii") for c in reason)
    return text if len(text) <= _REASON_LIMIT else text[: _REASON_LIMIT - 3] + "..."


def _check_complete(record: Any, records: Any, source: _Source) -> None:
    """Refuse a record cut short. warcio's readers stop quietly at the end of the file or of a
    cut gzip stream, handing over a short payload or a member that lacks its trailer."""
    missing = getattr(record.raw_stream, "limit", 0)  # warcio's LimitReader counts down what is left
    if missing > 0:
        length = record.length
        raise _Damage(f"the record stops after {length - missing:,} of its {length:,} bytes (truncated)")
    decompressor = records.reader.decompressor
    if decompressor is None and source.gzipped:
        # warcio reads a member whose first block does not unpack as plain bytes (a file that
        # mixes gzipped and plain records, it assumes); in a gzipped WARC that is a member
        # corrupt from its start, whose bytes may even parse as a record that swallows the
        # rest of the file (about 1 in 300 scrambled members did: silently, no error).
        raise _Damage("a record's gzip member is corrupt from its start")
    # zlib reaches eof only past a member's end marker and 8-byte trailer. An unfinished member
    # before the end of the file is a file gzipped whole, not per record, which warcio reports.
    if decompressor is not None and not decompressor.eof and source.exhausted():
        raise _Damage("the file ends inside the record's gzip member (truncated)")


@lru_cache(maxsize=1)
def _quiet_iterator_class() -> type:
    import logging

    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import DecompressingBufferedReader

    # warcio logs oddities it mends itself (spaces in a target URI) with the logging module;
    # without a handler of the application's, Python would print them, binary bytes and all,
    # on stderr. An application that configures logging still receives them.
    logging.getLogger("warcio").addHandler(logging.NullHandler())

    class StrictDecompressingReader(DecompressingBufferedReader):  # type: ignore[misc]
        def _decompress(self, data: bytes) -> bytes:
            # warcio writes a zlib error inside a gzip member to stderr and goes on with the
            # bytes missing; the record then looks cut short. Corrupt data is damage, said once.
            if self.decompressor is not None and data and self.num_block_read:
                try:
                    return bytes(self.decompressor.decompress(data))
                except zlib.error as error:
                    raise _Damage(f"the record's gzip data is corrupt ({error})") from None
            return bytes(super()._decompress(data))

        def readline(self, length: int | None = None) -> bytes:
            """A line, or ``length`` bytes of it: what warcio's readline gives, with no line
            longer than ``MAX_LINE_BYTES``. warcio reads the lines of a record's headers
            unbounded, growing them by concatenation: a 600 MB header line in a 610 KB file
            held 1.9 GB, and through a pipe a 50 KB file took 39 s (a hostile-input audit,
            session 57). (warcio's own loop also took from ``length`` the whole line so far
            at each block, handing back lines cut short of it.)"""
            wanted = -1 if length is None else length
            if wanted == 0:
                return b""
            self._fillbuff()
            if self.empty():
                return b""
            pieces: list[bytes] = []
            total = 0
            while True:
                piece = self.buff.readline(-1 if wanted < 0 else wanted - total)
                pieces.append(piece)
                total += len(piece)
                if total > MAX_LINE_BYTES:
                    raise _Damage(f"a line of over {MAX_LINE_BYTES:,} bytes in a record's headers")
                if piece.endswith(b"\n") or 0 <= wanted <= total:
                    break
                self._fillbuff()
                if self.empty():
                    break
            return b"".join(pieces)

    class QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
        # warcio writes this warning straight to stderr; we count it as damage instead.
        INC_RECORD = ""

        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self.reader.__class__ = StrictDecompressingReader

    return QuietArchiveIterator


def _QuietArchiveIterator(*args: object, **kwargs: object) -> Any:
    return _quiet_iterator_class()(*args, **kwargs)


def _check_signature(head: bytes, name: str) -> None:
    """Refuse a file that does not start like a WARC or ARC, before warcio guesses at it."""
    if starts_warc(head):
        return
    raise DamagedArchiveError(f"{name}: not a WARC file (it does not start with a WARC record)")


def starts_warc(head: bytes) -> bool:
    """Whether ``head``, the first bytes of a file or stream, opens a WARC or ARC record
    (gzipped or not)."""
    if head[:2] == GZIP_MAGIC:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head[:_SIGNATURE_BYTES])[:16]
        except zlib.error:
            return False
    return head.startswith(b"WARC/") or head.startswith(b"filedesc://")


def _record_to_document(
    record: Any,
    body: bytes | None,
    name: str,
    config: ReadConfig,
    stats: WarcStats,
    on_error: Callable[[InputError], None] | None,
) -> Document | None:
    if record.rec_type != "response":
        stats.skip(f"{record.rec_type or 'unknown'} record")
        return None
    if record.http_headers is None:
        stats.skip("response without HTTP headers")
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not _succeeded(record):
        # An error page ("404 Not Found", "500") or a redirect: the site's template, not a
        # text anyone published.
        stats.skip(f"HTTP {_status(record) or 'unknown'} response")
        return None
    if body is None:
        stats.skip(f"{content_type.split(';')[0] or 'untyped'} response")
        return None
    uri = safe_text(record.rec_headers.get_header("WARC-Target-URI") or f"{name}#{stats.documents}")
    declared = None
    if "charset=" in content_type:
        declared = content_type.split("charset=", 1)[1].split(";")[0].strip().strip('"')
    elif not content_type.startswith("text/plain"):
        # Without a charset in HTTP, the page's own <meta charset> says it, as it does for a
        # page read as a file: a windows-1250 page was mojibake in a crawl alone (an audit,
        # session 64).
        declared = declared_charset(body)
    meta = {
        "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
        "warc_date": record.rec_headers.get_header("WARC-Date"),
        "warc_file": name,
    }
    try:
        check_bounded_read(body, config.max_bytes, uri)  # read up to the limit and a byte (_read_body)
        if content_type.startswith(("application/pdf", "application/x-pdf")) or starts_pdf(body):
            # A paper a crawl fetched (its bytes held to the limit, as any record's are).
            document = pdf_to_document(body, uri, config)
            return Document(document.id, document.title, document.text, "warc", {**meta, **document.meta, "format": "pdf"},
                            origin=name)
        text, encoding = decode(body, uri, declared)
        meta["encoding"] = encoding
        if content_type.startswith("text/plain"):
            return Document(id=uri, title="", text=text.strip(), source="warc", meta=meta, origin=name)
        document = html_to_document(text, uri, meta)
        return Document(document.id, document.title, document.text, "warc", document.meta, origin=name)
    except EmptyInputError:
        # A crawl holds pages with no article (home pages, tag lists, empty bodies): nothing
        # to check, as an image is not, rather than a bad input that fails the whole run.
        stats.skip("response without article text")
        return None
    except InputError as error:
        if on_error is None:
            raise
        on_error(error)
        return None
