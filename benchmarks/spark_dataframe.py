"""A frame of texts checked with ``unspun.spark.check_dataframe`` on a classic Spark session and
on a Spark Connect one, on this machine.

    .venv/bin/python benchmarks/spark_dataframe.py [--documents 1000] [--cores 2] [--sessions classic,connect]

BBC articles (all five topics; half of them spun with MyThes at 0.2) are made a frame of
(id, text) rows in ``--cores`` partitions and checked, its reports collected, on a session of
each kind in turn, each in a process of its own: ``local[CORES]`` (classic), and a local
Spark Connect server that pyspark starts (``SparkSession.builder.remote("local[CORES]")``)
with its client. Compared: the wall time of the check (the frame made, checked and collected;
not the session's start, timed apart), the time the checks themselves took (each report's
``stats.seconds``, summed), and the reports, which must be the same in both (by id; the time
each took aside). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUN = """
import json, os, sys, time
began = time.perf_counter()
from pyspark.sql import SparkSession
from unspun.spark import check_dataframe
kind, cores, source, target = sys.argv[1:]
builder = SparkSession.builder.remote(f"local[{cores}]") if kind == "connect" else SparkSession.builder.master(f"local[{cores}]")
spark = builder.config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").getOrCreate()
started = time.perf_counter()
rows = [json.loads(line) for line in open(source, encoding="utf-8")]
frame = spark.createDataFrame([(row["id"], row["text"]) for row in rows], "id string, text string").repartition(int(cores))
reports = [row["report"] for row in check_dataframe(frame, id_column="id").select("id", "report").collect()]
done = time.perf_counter()
with open(target, "w", encoding="utf-8") as out:
    json.dump({"start": started - began, "check": done - started, "reports": reports}, out)
spark.stop()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--sessions", default="classic,connect")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from spark_scan import half_spun  # this script's folder is on the path

    _, texts = half_spun(args.documents, args.seed)
    words = sum(len(text.split()) for text in texts)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "texts.jsonl"
        source.write_text("".join(json.dumps({"id": f"bbc-{n}", "text": text}) + "\n"
                                  for n, text in enumerate(texts)), encoding="utf-8")
        for kind in args.sessions.split(","):
            target = Path(scratch) / f"{kind}.json"
            began = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", RUN, kind, str(args.cores), str(source), str(target)],
                                  capture_output=True, text=True, timeout=7200)
            if done.returncode != 0:
                sys.exit(f"{kind}: exit {done.returncode}\n{done.stderr[-3000:]}")
            results[kind] = {**json.loads(target.read_text(encoding="utf-8")), "wall": time.perf_counter() - began}
    print(f"{args.documents:,} BBC articles ({words:,} words, half spun), local[{args.cores}], "
          f"{os.cpu_count()} cores here\n")
    print("| session | start (s) | check and collect (s) | words/s | checks' own time (s) |")
    print("|---|---|---|---|---|")
    reports: dict[str, list[dict]] = {}
    for kind, result in results.items():
        reports[kind] = sorted((json.loads(report) for report in result["reports"]), key=lambda r: r["id"])
        own = sum(report["stats"].pop("seconds", 0.0) for report in reports[kind])
        print(f"| {kind} | {result['start']:.1f} | {result['check']:.1f} | {words / result['check']:,.0f} | {own:.1f} |")
    kinds = list(reports)
    same = all(reports[kind] == reports[kinds[0]] for kind in kinds)
    print(f"\nReports: {len(reports[kinds[0]]):,} each; the same in every session (the time each took aside): {same}")


if __name__ == "__main__":
    main()
