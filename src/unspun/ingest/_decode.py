"""Bytes to text, with binary formats refused and unknown encodings detected, never guessed
silently: a document whose bytes no encoding explains is an error, not replacement characters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from ..disguise import is_blank
from ..errors import DamagedArchiveError, DecodeError, EmptyInputError, NotTextError, TooLargeError

# Bounded reads go in chunks of this size, so memory follows the input, not the limit.
CHUNK_SIZE = 1 << 20

GZIP_MAGIC = b"\x1f\x8b"
"""The first two bytes of every gzip member: the readers sniff gzip data by them."""


@contextmanager
def damage_named(name: str) -> Iterator[None]:
    """Damage found in gzip data as it is unpacked (``jsonl.Gunzipped`` raises it unnamed),
    named after the file or stream it came in, where no reader of records or lines names it."""
    try:
        yield
    except DamagedArchiveError as error:
        raise DamagedArchiveError(f"{name}: {error}") from None

# Magic numbers of formats people feed to a text checker by mistake.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (or an Office document)"),
    (GZIP_MAGIC, "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7z archive"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    # UTF-32's before UTF-16's: little-endian UTF-32's mark opens with UTF-16's, and read as
    # UTF-16 its text had a NUL between every two letters (a spun page was "clean").
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def check_size(size: int, limit: int, name: str) -> None:
    """Refuse a unit of work over ``limit`` bytes, saying how to raise the limit."""
    if size > limit:
        raise TooLargeError(
            f"{name}: {size:,} bytes is over the limit of {limit:,} bytes "
            "(raise it with --max-bytes)"
        )


class Readable(Protocol):
    """Anything with a binary ``read(size)``: files, pipes, standard input, warcio's streams."""

    def read(self, size: int, /) -> bytes: ...


def read_at_most(stream: Readable, limit: int) -> bytes:
    """Up to ``limit`` bytes of ``stream``, read in chunks.

    One ``read(limit)`` would allocate the whole limit up front (MemoryError, or OverflowError
    for a limit past the index range) and a size from ``stat`` says nothing about a device or
    a pipe, so the limit is enforced on the bytes actually read.
    """
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        chunk = stream.read(min(CHUNK_SIZE, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def read_bounded(stream: Readable, limit: int, name: str) -> bytes:
    """All of ``stream``, or :class:`TooLargeError` once it holds more than ``limit`` bytes."""
    data = read_at_most(stream, limit + 1)
    check_bounded_read(data, limit, name)
    return data


def check_bounded_read(data: bytes, limit: int, name: str) -> None:
    """:class:`TooLargeError` when ``data``, read up to ``limit + 1`` bytes, holds more than ``limit``."""
    if len(data) > limit:
        # Reading stopped at the limit, so the true size is unknown: say "more than".
        raise TooLargeError(f"{name}: more than {limit:,} bytes, over the limit (raise it with --max-bytes)")


def sniff_binary(data: bytes, declared: str | None = None) -> str | None:
    """Name the binary format of ``data``, or return None if it may be text.

    Zero bytes mean binary unless a byte-order mark, the ``declared`` charset (a page served
    as UTF-16) or the look of UTF-16 (:func:`bomless_utf16`) says they belong to the text,
    or they are strays: binary is judged by its share of control bytes
    (:func:`_mostly_control`), not by one NUL.
    """
    for signature, label in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return label
    head = data[:4096]
    if b"\x00" not in head or any(head.startswith(bom) for bom, _ in _BOMS) or _wide_label_fits(data, declared):
        return None
    return None if bomless_utf16(head) or not _mostly_control(head) else "binary data"


_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in b"\t\n\r\x0c") + b"\x7f"


def _mostly_control(head: bytes) -> bool:
    """Whether more than one byte of ``head``, and more than :data:`_CONTROL_SHARE` of them,
    are control bytes (tab, line ends and form feed aside): binary data's are (an image's or
    an executable's header, compressed bytes: about one in eight). One stray NUL in a page's
    first 4 KB refused it as "not text (binary data)", where the same NUL later on passed
    unseen (an audit, session 64)."""
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(1, _CONTROL_SHARE * len(head))


# The marks of the encodings whose text spells "\n" with zero bytes beside it, UTF-32's
# first: little-endian UTF-32's mark opens with UTF-16's.
_WIDE_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def wide_encoding(head: bytes) -> tuple[str, int] | None:
    """The encoding of UTF-16 or UTF-32 text that opens with ``head`` and the length of its
    byte-order mark (0 for UTF-16 without one, :func:`bomless_utf16`), or None: for the
    readers that split lines on the byte ``\n`` (JSON Lines), which such text cannot take.

    >>> wide_encoding("{}".encode("utf-32")), wide_encoding(b'{"id": 1}')
    (('utf-32-le', 4), None)
    """
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):
            return encoding, len(bom)
    bomless = bomless_utf16(head)
    return (bomless, 0) if bomless else None


def bomless_utf16(head: bytes) -> str | None:
    """The byte order of UTF-16 text without a byte-order mark, told by its zero bytes, or None.

    Text of the Latin alphabets in UTF-16 has a zero in (almost) every character's high byte
    and almost none in its low one; binary formats rarely keep to one side. What decodes is
    still checked for control characters (:func:`_decode_text`). Text of other scripts has no
    zero high bytes and stays refused as binary.

    >>> words = "a plain line of words"
    >>> bomless_utf16(words.encode("utf-16-le")), bomless_utf16(words.encode("utf-16-be"))
    ('utf-16-le', 'utf-16-be')
    >>> bomless_utf16(bytes(range(64))) is None
    True
    """
    pairs = len(head) // 2
    if pairs < _UTF16_MIN_PAIRS:
        return None
    low_zeros, high_zeros = head[0 : 2 * pairs : 2].count(0), head[1 : 2 * pairs : 2].count(0)
    if high_zeros >= 0.9 * pairs and low_zeros <= 0.02 * pairs:
        return "utf-16-le"
    if low_zeros >= 0.9 * pairs and high_zeros <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _wide(declared: str | None) -> bool:
    """Whether a declared charset is UTF-16 or UTF-32, whose text holds zero bytes."""
    return declared is not None and declared.strip().lower().replace("_", "-").startswith(("utf-16", "utf-32", "utf16", "utf32"))


def _wide_label_fits(data: bytes, declared: str | None) -> bool:
    """Whether a UTF-16 or UTF-32 label is to be believed: unless the bytes read as UTF-8 with
    next to no zero bytes (a page saved as UTF-8 that kept its meta tag; one stray NUL in it
    read as CJK characters). UTF-16 text has zeros in its spaces, and CJK's is not UTF-8."""
    if not _wide(declared):
        return False
    head = data[:4096]
    if head.count(0) >= 0.01 * len(head):
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


# Too few characters to tell UTF-16 from binary by its zero bytes.
_UTF16_MIN_PAIRS = 16
# Characters that text holds and binary read as UTF-16 shows: more than this share of
# control characters (tab and line ends aside) means it was not text after all.
_CONTROL_SHARE = 0.01
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to text; return ``(text, encoding)``.

    Tries a byte-order mark, then the ``declared`` charset (from HTTP or a meta tag; a
    Latin-1 or ASCII label is read as windows-1252, as browsers read it, once UTF-8 has
    failed), then UTF-8, then UTF-8 with a few stray legacy bytes (:func:`_mostly_utf8`), then
    charset-normalizer's detection. Raises :class:`NotTextError` for binary
    content, :class:`EmptyInputError` for nothing but whitespace and :class:`DecodeError`
    when no encoding explains the bytes.
    """
    if not data.strip():
        raise EmptyInputError(f"{name}: empty input, nothing to read")
    binary = sniff_binary(data, declared)
    if binary:
        raise NotTextError(f"{name}: not text ({binary})")
    text, encoding = _decode_text(data, name, declared)
    # Checked again on the text: a byte-order mark alone, whitespace only Unicode calls
    # whitespace (no-break spaces), or invisible characters (zero-width spaces) are not empty
    # as bytes but hold nothing to check.
    if is_blank(text):
        raise EmptyInputError(f"{name}: empty input, nothing to read")
    return text, encoding


def _decode_text(data: bytes, name: str, declared: str | None) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding, name)
            if "\x00" in text:  # sniff_binary lets a byte-order mark's zero bytes pass, not its text's
                raise NotTextError(f"{name}: not text (NUL characters in its {encoding} text)")
            return text, encoding
    bomless = bomless_utf16(data[:4096])
    if bomless:
        # Notepad and PowerShell write a mark; tools that do not (iconv -t UTF-16LE, old
        # exporters) gave "not text (binary data)" for a plain article.
        text = _strict(data, bomless, name)
        if "\x00" in text:
            raise NotTextError(f"{name}: not text (NUL characters in its {bomless} text)")
        if len(_CONTROL_CHARACTERS.findall(text)) > _CONTROL_SHARE * len(text):
            raise NotTextError(f"{name}: not text (binary data)")
        return text, f"{bomless} (no byte-order mark)"
    windows_1252 = declared is not None and declared.strip().lower() in _WINDOWS_1252_LABELS
    # A Latin-1 or ASCII label is often wrong outright, on a page saved as UTF-8: such a
    # page reads as UTF-8 first (valid UTF-8 is almost never Latin-1 text); so does one of
    # another label, when its bytes are valid UTF-8 (below).
    # A UTF-16 or UTF-32 label on UTF-8 bytes is wrong (a page saved as UTF-8 keeps its meta
    # tag): read so, the text was a run of CJK characters. Browsers read it as UTF-8.
    candidates: tuple[str, ...] = ("utf-8",)
    if declared and not windows_1252 and (not _wide(declared) or _wide_label_fits(data, declared)):
        # Any other label is as often stale: a page saved as UTF-8 that kept its
        # "iso-8859-15" or "windows-1250" meta tag read as mojibake ("MOSCOW â€”"; an audit,
        # session 64). Bytes that are valid UTF-8 and hold non-ASCII characters are UTF-8:
        # legacy text is almost never valid UTF-8 (its accented letters would have to come
        # in exactly the lead-and-continuation pairs UTF-8 needs). ASCII reads alike in both.
        utf8_first = not _wide(declared) and not data.isascii()
        candidates = ("utf-8", declared) if utf8_first else (declared, "utf-8")
    for candidate in candidates:
        try:
            text = data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
        if _wide(candidate) and "\x00" in text:  # sniff_binary let its zero bytes pass
            raise NotTextError(f"{name}: not text (NUL characters in its {candidate} text)")
        return text, candidate.lower()
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return mixed
    if windows_1252:
        return data.decode("latin-1").translate(_WINDOWS_1252_C1), "windows-1252"
    return _detect(data, name)


_STRAY_RE = re.compile("[\udc80-\udcff]")  # a byte UTF-8 could not read, as surrogateescape keeps it


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    r"""UTF-8 with a few stray bytes of a legacy encoding, or ``None`` when the bytes read
    as UTF-8 less often than not.

    Pages are pasted together: an article in UTF-8 with a footer's "\xa9" from a cp1252
    template. Detection over the whole file then picks an encoding that turns every curly
    quote of the article into garbage (“ read as mac_iceland gives ‚Äú), and the garbage
    reads as findings. So when the valid multi-byte UTF-8 characters are at least as many as
    the stray bytes, the text is UTF-8 and each stray byte is read as cp1252 (Latin-1 for the
    five bytes cp1252 leaves undefined); the encoding returned says how many were.

    >>> _mostly_utf8("“Quoted”".encode() + b" \xa9 2022")
    ('“Quoted” © 2022', 'utf-8 (1 stray byte read as cp1252)')
    >>> _mostly_utf8("café".encode("cp1252")) is None
    True
    """
    text = data.decode("utf-8", "surrogateescape")
    stray = len(_STRAY_RE.findall(text))
    multibyte = sum(1 for character in text if character > "\x7f") - stray
    if not stray or multibyte < stray:
        return None
    # A stray byte as a character is its Latin-1 reading; cp1252's differ in 0x80-0x9f.
    text = _STRAY_RE.sub(lambda match: chr(ord(match.group()) - 0xDC00).translate(_WINDOWS_1252_C1), text)
    return text, f"utf-8 ({stray} stray byte{'s' if stray > 1 else ''} read as cp1252)"


# Labels that pages declare for windows-1252 text: browsers read them all as windows-1252
# (the WHATWG encoding standard), so the curly quotes and dashes of bytes 0x80-0x9f are meant
# as such, not as Latin-1's invisible C1 controls (which the five bytes cp1252 leaves
# undefined stay, as in browsers).
_WINDOWS_1252_LABELS = frozenset({
    "iso-8859-1", "iso8859-1", "iso_8859-1", "iso88591", "latin1", "latin-1", "l1", "cp819", "ibm819",
    "us-ascii", "ascii", "ansi_x3.4-1968", "windows-1252", "cp1252", "x-cp1252",
})
_WINDOWS_1252_C1 = {
    byte: bytes([byte]).decode("cp1252") for byte in range(0x80, 0xA0) if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise DecodeError(f"{name}: invalid {encoding} at byte {error.start}") from None


# Among equally plausible decodings, the Western encodings most web text uses come first: a
# cp1252 page misread as cp1250 turns "à" into "ŕ", which detection alone cannot tell apart.
_PREFERRED = ("utf_8", "cp1252", "latin_1", "iso8859_15", "mac_roman")


def _detect(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    results = list(from_bytes(data))
    if not any(r.encoding == "cp1252" for r in results) and _decodes(data, "cp1252"):
        # charset-normalizer leaves out encodings it finds less likely from a few bytes: a
        # cp1252 text with both "é" and curly quotes came out as cp775 ("ōquotedö") without
        # cp1252 ever weighed. Weighed here, it wins where it reads as cleanly (_PREFERRED).
        results += list(from_bytes(data, cp_isolation=["cp1252"]))
    # Chaos above a third means the "text" is mostly noise in every encoding tried.
    plausible = [r for r in results if r.chaos <= 0.35]
    if not plausible:
        raise DecodeError(
            f"{name}: the bytes are not text in any encoding unspun recognises "
            "(convert the file to UTF-8)"
        )
    least_chaos = min(r.chaos for r in plausible)
    close = [r for r in plausible if r.chaos <= least_chaos + 0.02]
    preferred = [r for r in close if r.encoding in _PREFERRED]
    best = min(preferred, key=lambda r: _PREFERRED.index(r.encoding)) if preferred else close[0]
    return str(best), best.encoding


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
