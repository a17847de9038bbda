"""Spun copies disguised from checkers: detection and retrieval read through the disguise, or not.

    .venv/bin/python benchmarks/disguised_copies.py [--documents 100] [--distractors 400]

The benchmark's seeded sample of BBC test articles, spun at rate 0.2 with the foreign (MyThes)
dictionary (the benchmark's spinner and seed), then disguised by ``unspun.eval.disguiser``: an
invisible character inside 30% of the words of three letters or more and a Cyrillic look-alike
letter in 10% of them. Three readings of each copy:

- the spun copy as the spinner left it (``unspun.check``): the reference;
- the disguised copy read as given (the detector on the raw text: what unspun did before
  session 36, and what a checker that splits words on what is not a letter does);
- the disguised copy through ``unspun.check``, which reads through the disguise.

Reported: spun copies called spun, the reference's findings found again (the same phrase as a
reader sees it, the same suggestion and kind; disguise findings not counted), and for
retrieval, an index of the sample's originals and ``--distractors`` other BBC articles: the
original ranked first by ``Index.candidates`` on the raw disguised copy and on its reading, and
``unspun.trace``'s verdict. Then the cost of reading through on the undisguised copies (one
search, the common case) and on the disguised ones, per text.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

import unspun
from unspun.disguise import read_through
from unspun.eval.corpus import bench_sample
from unspun.eval.disguiser import disguise
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import MyThesSource
from unspun.index import Index
from unspun.models import Finding
from unspun.pipeline import SOURCE_FOUND, analyse

SPUN_BAR = unspun.CheckConfig().spun_threshold


def keys(findings: list[Finding] | tuple[Finding, ...]) -> Counter[tuple[str, str | None, str]]:
    """The findings as a reader sees them: phrase (read through), suggestion, kind."""
    return Counter((read_through(f.text).text.lower(), f.suggestion, f.kind) for f in findings if f.kind != "disguise")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--distractors", type=int, default=400)
    args = parser.parse_args()
    sample = bench_sample(args.documents + args.distractors)  # the benchmark's seeded order
    originals, distractors = sample[: args.documents], sample[args.documents :]
    spinner = Spinner(MyThesSource(), rate=0.2, seed=1)

    called = {"reference": 0, "raw": 0, "read": 0}
    found = {"raw": 0, "read": 0}
    reference_total = 0
    copies: list[tuple[str, str, str]] = []  # original id, spun copy, disguised copy
    for number, document in enumerate(originals):
        spun = spinner.spin(document.text).text
        disguised = disguise(spun, seed=number)
        copies.append((document.id, spun, disguised))
        reference = unspun.check(spun)
        raw = analyse(disguised)
        read = unspun.check(disguised)
        called["reference"] += reference.verdict == "spun"
        called["raw"] += raw.score >= SPUN_BAR
        called["read"] += read.verdict == "spun"
        wanted = keys(reference.findings)
        reference_total += sum(wanted.values())
        found["raw"] += sum((keys(raw.findings) & wanted).values())
        found["read"] += sum((keys(read.findings) & wanted).values())

    n = len(originals)
    print(f"{n} BBC test articles, MyThes 0.2, disguised (invisible 0.3, look-alike 0.1)\n")
    print("| reading | spun copies called spun | the spun copy's findings found again |")
    print("|---|---|---|")
    print(f"| the spun copy, undisguised (reference) | {called['reference']} / {n} | {reference_total} / {reference_total} |")
    print(f"| disguised, read as given | {called['raw']} / {n} | {found['raw']} / {reference_total} |")
    print(f"| disguised, read through (unspun.check) | {called['read']} / {n} | {found['read']} / {reference_total} |")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "originals.db"
        with Index.create(path) as index:
            index.add([*originals, *distractors])
        with Index.open(path, readonly=True) as index:
            first_raw = first_read = traced = 0
            for original_id, _, disguised in copies:
                raw_top = index.candidates(disguised, k=1)
                read_top = index.candidates(read_through(disguised).text, k=1)
                first_raw += bool(raw_top) and raw_top[0].id == original_id
                first_read += bool(read_top) and read_top[0].id == original_id
                report = unspun.trace(disguised, index)
                traced += report.trace_verdict == SOURCE_FOUND and report.matches[0].id == original_id
    print(f"\nRetrieval, an index of {n + len(distractors)} BBC articles:\n")
    print("| reading | original ranked first | unspun.trace: source found, the right one |")
    print("|---|---|---|")
    print(f"| disguised, read as given | {first_raw} / {n} | - |")
    print(f"| disguised, read through | {first_read} / {n} | {traced} / {n} |")

    for name, texts in (("undisguised", [spun for _, spun, _ in copies]),
                        ("disguised", [disguised for _, _, disguised in copies])):
        began = time.perf_counter()
        for _ in range(5):
            for text in texts:
                read_through(text)
        each = (time.perf_counter() - began) / (5 * len(texts))
        print(f"\nReading through, {name} copies: {each * 1e6:,.0f} microseconds a text")


if __name__ == "__main__":
    main()
