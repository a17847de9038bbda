"""Reading inputs named by a store's URL (through fsspec) against reading them by name, on this machine.

    .venv/bin/python benchmarks/url_inputs.py [--documents 2000] [--repeat 20]

BBC articles (both halves, in turn until ``--documents``) are written as a folder of 20 JSON
Lines files and as one gzipped WARC of ``--repeat`` times as many records (a crawl file of
the size object stores hold); each is read by ``unspun.ingest.read`` (reading only, no
check), by its name and by its ``local://`` URL, each in a process of its own. A ``local://``
URL goes through fsspec's listing and streams as an object store's does (the stores
themselves cannot be reached from here; a ``file://`` URL is read as the name it holds), so
this measures what the URL path costs against the disk path, and that a WARC named by URL is
read a record at a time: the peak memory of the process that read it. Prints a Markdown
table.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from unspun.eval.corpus import bbc_split

READER = """
import json, resource, sys, time
from unspun.ingest import ReadStats, read
began = time.perf_counter()
stats = ReadStats()
count = characters = 0
for document in read([sys.argv[1]], stats=stats):
    count += 1
    characters += len(document.text)
seconds = time.perf_counter() - began
print(json.dumps({"documents": count, "characters": characters, "seconds": seconds,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def read_in_a_process(name: str) -> dict:
    result = subprocess.run([sys.executable, "-c", READER, name], capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        raise SystemExit(f"reading {name} failed: {result.stderr[-2000:]}")
    return json.loads(result.stdout)


def write_warc(path: Path, texts: list[str]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for number, text in enumerate(texts):
            page = f"<html><head><title>Article {number}</title></head><body><article>" + "".join(
                f"<p>{paragraph}</p>" for paragraph in text.split("\n") if paragraph) + "</article></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://example.org/{number}", "response",
                                                          payload=io.BytesIO(page.encode()),
                                                          http_headers=headers))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    train, test = bbc_split()
    articles = [d.text for d in test + train]
    texts = [articles[number % len(articles)] for number in range(args.documents)]
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch, "crawl")
        folder.mkdir()
        for part in range(20):
            lines = [json.dumps({"id": f"doc-{n}", "text": texts[n]}) for n in range(part, len(texts), 20)]
            (folder / f"part-{part:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        warc = Path(scratch, "crawl.warc.gz")
        write_warc(warc, texts * args.repeat)
        rows = []
        for label, name in (("a folder of 20 JSON Lines files", str(folder)), ("one gzipped WARC", str(warc))):
            size = sum(p.stat().st_size for p in Path(name).rglob("*")) if Path(name).is_dir() else warc.stat().st_size
            for how, given in (("by name", name), ("by `local://` URL (fsspec)", f"local://{name}")):
                rows.append((label, size, how, read_in_a_process(given)))
    print(f"{args.documents:,} BBC articles as JSON Lines; the WARC holds them {args.repeat} times over as HTML "
          "pages; reading only (unspun.ingest.read), each run a process of its own")
    print()
    print("| input | size (MB) | named | documents | seconds | MB/s | peak memory (MB) |")
    print("|---|---|---|---|---|---|---|")
    for label, size, how, found in rows:
        print(f"| {label} | {size / 1e6:,.1f} | {how} | {found['documents']:,} | {found['seconds']:.2f} | "
              f"{size / 1e6 / found['seconds']:,.1f} | {found['peak_mb']:,.0f} |")


if __name__ == "__main__":
    main()
