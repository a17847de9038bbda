"""PDFs written object by object, as no well-behaved tool writes them: for the reader's
limits (bombs, a wrong page count, margin line numbers). After an audit's generators (session 58)."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def build(objects: Sequence[bytes]) -> bytes:
    """A PDF of ``objects`` (object i + 1 each), its cross-reference table and trailer."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", flate: bool = False) -> bytes:
    if flate:
        data, extra = zlib.compress(data, 9), extra + b" /Filter /FlateDecode"
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_content(lines: Sequence[str]) -> bytes:
    parts = [b"BT /F1 11 Tf 14 TL 72 720 Td"]
    for line in lines:
        escaped = line.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        parts.append(b"(%s) Tj T*" % escaped)
    return b"\n".join([*parts, b"ET"])


def pages_pdf(pages: Sequence[Sequence[str]], count: int | None = None) -> bytes:
    """One page of text lines per entry; ``count``: the page tree's claimed count."""
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages) if count is None else count), FONT]
    for i, lines in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(stream(text_content(lines)))
    return build(objects)


def forms_bomb(depth: int = 8, fan: int = 10) -> bytes:
    """Forms drawing the next form ``fan`` times, ``depth`` deep: fan ** depth letters drawn
    from a file of 2 KB (the audit: 4 GB in 8 s at depth 8)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", FONT,
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> "
               b"/XObject << /X0 6 0 R >> >> /Contents 5 0 R >>",
               stream(text_content(["Some real text on the page before the bomb."]) + b"\n/X0 Do")]
    for level in range(depth):
        if level == depth - 1:
            body, resources = b"BT /F1 1 Tf 10 10 Td (a) Tj ET", b"<< /Font << /F1 3 0 R >> >>"
        else:
            body, resources = b" ".join([b"/X Do"] * fan), b"<< /XObject << /X %d 0 R >> >>" % (7 + level)
        objects.append(stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources " + resources))
    return build(objects)


def slow_pages(pages: int = 40, operators: int = 100 << 20) -> bytes:
    """``pages`` pages sharing one stream that inflates to ``operators`` bytes of "q Q" (the
    audit: 1.4 s a page, hours for 10,000 pages, from 1.7 MB)."""
    unit = b"q Q\n" * (1 << 18)
    compressor = zlib.compressobj(9)
    packed = b"".join(compressor.compress(unit) for _ in range(operators // len(unit))) + compressor.flush()
    kids = b" ".join(b"%d 0 R" % (6 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages), FONT,
               stream(text_content(["Real body text on every page of this document."])),
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                b"/Contents [4 0 R 5 0 R] >>"] * pages
    return build(objects)
