"""Spun copies that moved their paragraphs: traced, and every swap listed?

    .venv/bin/python benchmarks/moved_paragraphs.py [--documents 300]

Content farms reorder a story's paragraphs as well as swapping its words. Each of the
benchmark's seeded sample of BBC test articles with four paragraphs or more is spun (MyThes,
rate 0.2, the benchmark spinner) and its paragraphs shuffled (seeded); all the sampled
articles are indexed. Reported: copies traced to the right source, called spun, the mean
coverage of the best match, and the substitutions the report shows (findings from a source)
against those it shows for the same spun copy in the original order.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

import unspun
from unspun.eval.corpus import bench_sample
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import MyThesSource
from unspun.index import Index
from unspun.models import Report
from unspun.pipeline import SOURCE_FOUND


def _shown(report: Report) -> int:
    return sum("source" in f.evidence for f in report.findings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    args = parser.parse_args()
    sample = bench_sample(args.documents)
    spinner = Spinner(MyThesSource(), rate=0.2, seed=1)
    copies = 0
    traced = called = shown = in_order = 0
    coverage = 0.0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "originals.db"
        with Index.create(path) as index:
            index.add(sample)
        with Index.open(path, readonly=True) as index:
            for number, document in enumerate(sample):
                if len(document.text.split("\n\n")) < 4:
                    continue
                copies += 1
                spun = spinner.spin(document.text).text
                paragraphs = spun.split("\n\n")
                random.Random(number).shuffle(paragraphs)
                report = unspun.trace("\n\n".join(paragraphs), index)
                right = report.trace_verdict == SOURCE_FOUND and report.matches[0].id == document.id
                traced += right
                called += report.verdict == "spun"
                coverage += report.matches[0].coverage if right else 0.0
                shown += _shown(report) if right else 0
                in_order += _shown(unspun.trace(spun, index))
    print(f"{copies} spun BBC test articles (MyThes 0.2) with their paragraphs shuffled, an index of {len(sample)}\n")
    print("| traced to its source | called spun | mean coverage of the best match "
          "| substitutions shown, against the copy in order |")
    print("|---|---|---|---|")
    print(f"| {traced} / {copies} | {called} / {copies} | {coverage / max(1, copies):.3f} | {shown:,} / {in_order:,} |")


if __name__ == "__main__":
    main()
