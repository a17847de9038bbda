"""A crawl checked and traced on Spark and by the command line, side by side, on this machine.

    .venv/bin/python benchmarks/spark_scan.py [--documents 1000] [--files 20] [--cores 2]

BBC articles (all five topics, clean, and spun with MyThes at 0.2: half of each) are written
as ``--files`` JSON Lines files in a temporary folder and checked twice, each in a process of
its own as a user runs it: ``unspun check FOLDER --jobs CORES --format json -o FILE`` and
``unspun spark check FOLDER -o DIR --master local[CORES]``; then the originals of all of them
are indexed, and the folder is traced twice the same way (``unspun trace --index INDEX`` and
``unspun spark trace --index INDEX``). Compared: the wall time of each (Spark's includes
starting its JVM and its Python workers), the time the checks themselves took (each report's
``stats.seconds``, summed: what is left of the wall time times the cores is reading, starting
and moving reports), and the reports, which must be the same, in the same order (the time
each took aside). One machine is no cluster: this measures what Spark costs and that it
gives the command line's answers, not how it scales out. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from unspun import Document
from unspun.eval.corpus import bbc_split
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import MyThesSource
from unspun.index import Index


def without_time(line: str, checking: list[float]) -> dict:
    """The report of ``line`` without the time its check took, which joins ``checking``."""
    report = json.loads(line)
    checking.append(report["stats"].pop("seconds", 0.0))
    return report


def half_spun(documents: int, seed: int) -> tuple[list[str], list[str]]:
    """The first ``documents`` BBC articles (the test half first, then the train half), and
    the texts to check: the same, every other one spun with MyThes at 0.2 (also
    benchmarks/spark_dataframe.py's)."""
    train, test = bbc_split()
    spinner = Spinner(MyThesSource(), rate=0.2, seed=seed)
    articles = [d.text for d in (test + train)[:documents]]
    return articles, [spinner.spin(text).text if number % 2 else text for number, text in enumerate(articles)]


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    began = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, timeout=7200)
    return time.perf_counter() - began, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    articles, texts = half_spun(args.documents, args.seed)
    words = sum(len(text.split()) for text in texts)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch, "crawl")
        folder.mkdir()
        for part in range(args.files):
            lines = [json.dumps({"id": f"doc-{number}", "text": texts[number]})
                     for number in range(part, len(texts), args.files)]
            (folder / f"part-{part:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        index = Path(scratch, "originals.db")
        with Index.create(index) as originals:
            originals.add(Document(f"doc-{number}", "", text) for number, text in enumerate(articles))
        rows = [compare(action, folder, Path(scratch), args.cores, extra)
                for action, extra in (("check", []), ("trace", ["--index", str(index)]))]
    print(f"{len(texts):,} BBC articles (half spun with MyThes at 0.2, seed {args.seed}), {words:,} words, in "
          f"{args.files} JSON Lines files; {args.cores} cores, fast mode; traced against an index of the "
          f"{len(articles):,} originals")
    print()
    print("| run | wall time (s) | words/s | checks' own time, summed (s) | reports | equal to the command "
          "line's, in order |")
    print("|---|---|---|---|---|---|")
    for action, (local_seconds, by_check, local_checking), (spark_seconds, by_spark, spark_checking) in rows:
        same = sum(a == b for a, b in zip(by_check, by_spark, strict=False))
        print(f"| `unspun {action} --jobs {args.cores}` | {local_seconds:.1f} | {words / local_seconds:,.0f} | "
              f"{sum(local_checking):.1f} | {len(by_check):,} | - |")
        print(f"| `unspun spark {action} --master local[{args.cores}]` | {spark_seconds:.1f} | "
              f"{words / spark_seconds:,.0f} | {sum(spark_checking):.1f} | {len(by_spark):,} | "
              f"{same:,} / {len(by_check):,} |")


Timed = tuple[float, list[dict], list[float]]


def compare(action: str, folder: Path, scratch: Path, cores: int, extra: list[str]) -> tuple[str, Timed, Timed]:
    """``unspun ACTION`` and ``unspun spark ACTION`` on ``folder``: each one's wall time,
    reports (without their time) and the times in them."""
    local_seconds, local = timed([sys.executable, "-m", "unspun", action, *extra, str(folder), "--jobs", str(cores),
                                  "--format", "json", "--no-progress", "-o", f"{scratch}/{action}.jsonl"])
    output = scratch / f"spark-{action}"
    spark_seconds, spark = timed([sys.executable, "-m", "unspun", "spark", action, *extra, str(folder), "-o",
                                  str(output), "--master", f"local[{cores}]"])
    for name, result in ((action, local), (f"spark {action}", spark)):
        if result.returncode not in (0, 1):
            raise SystemExit(f"unspun {name} failed ({result.returncode}): {result.stderr[-2000:]}")
    local_checking: list[float] = []
    spark_checking: list[float] = []
    by_check = [without_time(line, local_checking) for line in (scratch / f"{action}.jsonl").read_text().splitlines()]
    by_spark = [without_time(line, spark_checking) for part in sorted(output.glob("part-*"))
                for line in part.read_text().splitlines()]
    return action, (local_seconds, by_check, local_checking), (spark_seconds, by_spark, spark_checking)


if __name__ == "__main__":
    main()
