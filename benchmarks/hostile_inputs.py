"""How long pages and crawls built to stall a check take to read.

    .venv/bin/python benchmarks/hostile_inputs.py

Each input is read alone (``unspun.ingest``: the article extracted, no detection), in a
Python of its own with a deadline of 120 s, since a pattern that backtracks runs in C and
does not hear signals. Prints a Markdown table: the input, its size, the seconds taken (or
"over 120"), the peak memory of its process, and what came of it (the words read, or the
error line). The shapes are those of session 57's hostile-input audit, and the PDFs of
session 58's (whose reading runs in a process of its own: its memory is not in the peak
shown); the article is the bundled example page, so that every row also shows the article
still read. ``--only PDF`` times the rows whose label holds "PDF".
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "examples" / "spun-news-page.html").read_text(encoding="utf-8")
DEADLINE = 120

READER = """
import json, sys, time
from unspun.errors import InputError
from unspun.ingest import read
began = time.perf_counter()
try:
    words = sum(len(d.text.split()) for d in read([sys.argv[1]]))
    outcome = f"{words:,} words read"
except InputError as error:
    outcome = str(error).split(": ", 1)[-1][:90]
# VmHWM, the peak of this process's own memory: ru_maxrss would carry the parent's (which
# built the input) over from before the exec.
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": time.perf_counter() - began, "outcome": outcome, "peak_mb": peak / 1024}))
"""


def with_article(extra: str, where: str = "</body>") -> str:
    return ARTICLE.replace(where, extra + where, 1)


def warc_with_target(length: int) -> bytes:
    """A gzipped WARC whose one response has a target URI of ``length`` bytes."""
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + ARTICLE.encode()
    header = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/" + b"a" * length
              + b"\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: "
              + str(len(body)).encode() + b"\r\n\r\n")
    return gzip.compress(header + body + b"\r\n\r\n")


SHAPES: list[tuple[str, str, Callable[[], bytes]]] = [
    ("the example page", "page.html", lambda: ARTICLE.encode()),
    ("60 blank lines before a page without <head>", "blank.html",
     lambda: ("\n" * 60 + "<html><body>" + ARTICLE.split("<body", 1)[1].split(">", 1)[1]).encode()),
    ("30,000 unclosed <script in a comment", "scripts.html",
     lambda: with_article("<!-- " + '<script type="application/ld+json">' * 30_000 + " -->").encode()),
    ("JSON-LD articleBody of 400,000 '<'", "brackets.html",
     lambda: with_article('<script type="application/ld+json">{"articleBody": "' + "<" * 400_000 + '"}</script>',
                          "</head>").encode()),
    ("a meta tag of 60,000 '<!--x>'", "comments.html",
     lambda: with_article('<meta name="description" content="' + "&lt;!--x&gt;" * 60_000 + '">', "</head>").encode()),
    ("49,000 paragraphs after the article", "paragraphs49k.html",
     lambda: with_article("<div>" + "<p>a</p>" * 49_000 + "</div>").encode()),
    ("80,000 paragraphs after the article", "paragraphs80k.html",
     lambda: with_article("<div>" + "<p>a</p>" * 80_000 + "</div>").encode()),
    ("WARC, a 600 MB target URI (gzipped)", "uri.warc.gz", lambda: warc_with_target(600_000_000)),
    ("PDF: forms drawing the next ten times, eight deep", "forms.pdf", lambda: _hand_made().forms_bomb()),
    ("PDF: 2,000 pages sharing one stream of 100 MB of operators", "slow.pdf",
     lambda: _hand_made().slow_pages(pages=2_000)),
]


def _hand_made() -> Any:
    """The generators of the PDF reader's tests (PDFs written object by object)."""
    sys.path.insert(0, str(ROOT))
    from tests.unit.ingest import _hand_made_pdfs

    return _hand_made_pdfs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="the inputs whose label holds this text (default: all)")
    args = parser.parse_args()
    print("| input | size on disk | seconds | peak memory (MB) | outcome |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for label, name, build in SHAPES:
            if args.only not in label:
                continue
            path = Path(folder, name)
            path.write_bytes(build())
            began = time.perf_counter()
            try:
                result = subprocess.run([sys.executable, "-c", READER, str(path)], capture_output=True, text=True,
                                        timeout=DEADLINE)
                row = json.loads(result.stdout)
                seconds, peak, outcome = f"{row['seconds']:.2f}", f"{row['peak_mb']:,.0f}", row["outcome"]
            except subprocess.TimeoutExpired:
                seconds, peak, outcome = f"over {DEADLINE}", "-", f"stopped after {time.perf_counter() - began:.0f} s"
            size = path.stat().st_size
            print(f"| {label} | {size / 1e6:,.2f} MB | {seconds} | {peak} | {outcome} |")
            path.unlink()


if __name__ == "__main__":
    main()
