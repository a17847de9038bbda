"""A crawl's folder holding every kind of file unspun reads, and what a walk passes over: read
from the disk and, copied into a store, by URL (test_remote, test_s3), to show both read alike."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from tests.conftest import write_warc
from tests.unit.ingest._hand_made_pdfs import pages_pdf

SPUN = "The old port in Westport resumed on Tuesday after two years of fixings, the harbour authority stated."
PAGE = "<html><head><title>Harbour</title></head><body><article><p>" + SPUN + "</p></article></body></html>"
ONE_BY_ONE = ("a/paper.pdf", "a/wide.jsonl", "story.html.gz", "b/bare", "b/paper", "b/crawl.warc.gz")
"""Files whose reader a folder's walk does not pick by their name alone (sniffed, unpacked,
decoded after a BOM), to be read each by its name as well."""


def every_kind_crawl(folder: Path) -> Path:
    """Write the crawl into ``folder`` (made): eight documents in name order, a bad JSON line,
    five files passed over."""
    for sub in ("b/deeper", "a", ".hidden"):
        (folder / sub).mkdir(parents=True)
    (folder / "z.txt").write_text("A text at the top, read before the subfolders.")
    (folder / "page.html").write_text(PAGE)
    (folder / "story.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / ".secret.txt").write_text("Hidden.")
    (folder / ".hidden" / "inside.txt").write_text("Hidden too.")
    (folder / "a" / "lines.jsonl").write_text("\n".join([
        json.dumps({"id": "one", "text": SPUN}), "not json", json.dumps({"id": "two", "text": "Another text."})]))
    (folder / "a" / "paper.pdf").write_bytes(pages_pdf([["A paper on forests and their growth."]]))
    (folder / "a" / "wide.jsonl").write_bytes(b"\xff\xfe" + (json.dumps({"id": "wide", "text": SPUN}) + "\n")
                                              .encode("utf-16-le"))
    write_warc(folder / "b" / "crawl.warc.gz", [("https://example.org/a", "text/html", PAGE.encode()),
                                                ("https://example.org/i.png", "image/png", b"\x89PNG")], gzip=True)
    (folder / "b" / "deeper" / "last.txt").write_text("The last text, deepest in the tree.")
    (folder / "b" / "bare").write_text(json.dumps({"id": "sniffed", "text": "A JSON line in a file without a suffix."}))
    (folder / "b" / "paper").write_bytes(pages_pdf([["A paper without a suffix, read as a PDF all the same."]]))
    return folder

