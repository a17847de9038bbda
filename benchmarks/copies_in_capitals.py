"""Copies written in capitals (or in title case): checked and traced as their ordinary-case
text is, or not.

    .venv/bin/python benchmarks/copies_in_capitals.py [--documents 300] [--distractors 700]
        [--case capitals|title|headline]

In a text written all in capitals, or in title case (each word capitalised), every word looks
like a name or an acronym, which a spinner leaves alone. The benchmark's seeded sample of BBC
test articles, each as it is (clean) and spun at rate 0.2 with the foreign (MyThes) dictionary
(the benchmark's spinner, seed 1), each in ordinary case and in ``--case`` (capitals:
``str.upper``; title: each word's first letter capitalised, as sites that set whole articles
in title case write them; headline: the same but function words, which stay small), read
three ways:

- the text in ordinary case (``unspun.check``): the reference;
- the text in capitals read as given (``unspun.pipeline.analyse`` on it: what unspun did before
  it read such a text in ordinary case);
- the text in capitals through ``unspun.check``, which reads it in ordinary case
  (``unspun.capitals``).

Reported: texts called spun, the reference's findings found again (the same span and kind,
the suggestion the same but for case), and on the clean articles the findings per 1,000
words (each one false). Then retrieval, in an index of the sample's originals and
``--distractors`` other BBC test articles: the original ranked first by ``Index.candidates``
for the faithful and the spun copy in capitals, with and without the lookup in ordinary case,
and ``unspun.trace``'s verdict (source found, the right one). Last, the cost of telling the case
a text is written in (paid by every check and lookup) and of reading one in ordinary case.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import unspun
from unspun.capitals import in_ordinary_case, written_case
from unspun.detect.context import FUNCTION_WORDS
from unspun.eval.corpus import bench_sample
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import MyThesSource
from unspun.index import Index
from unspun.index import _index as index_module
from unspun.models import Finding
from unspun.pipeline import SOURCE_FOUND, analyse

SPUN_BAR = unspun.CheckConfig().spun_threshold


def keys(findings: list[Finding] | tuple[Finding, ...]) -> Counter[tuple[int, int, str, str | None]]:
    """The findings by span, kind and suggestion (in lower case)."""
    return Counter((f.start, f.end, f.kind, f.suggestion.lower() if f.suggestion else None) for f in findings)


def in_title_case(text: str) -> str:
    """``text`` with each word's first letter capitalised (not after an apostrophe: "Rome's")."""
    return re.sub(r"(?<![\w'’])([a-z])", lambda match: match.group(1).upper(), text)


def in_headline_style(text: str) -> str:
    """``text`` as headlines write it: each word capitalised but function words ("of", "the"),
    which stay small (a sentence's first word aside)."""
    return re.sub(r"(?<![\w'’])([a-z][\w'’]*)", lambda match: match.group(1) if match.group(1) in FUNCTION_WORDS
                  and not _starts_sentence(text, match.start()) else match.group(1)[0].upper() + match.group(1)[1:], text)


def _starts_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?\n"


WRITERS: dict[str, Callable[[str], str]] = {"capitals": str.upper, "title": in_title_case, "headline": in_headline_style}


@contextmanager
def lookup_as_given() -> Iterator[None]:
    """``Index.candidates`` without its lookup in ordinary case: how it read capitals before."""
    recased = index_module.read_in_ordinary_case
    index_module.read_in_ordinary_case = lambda text: text
    try:
        yield
    finally:
        index_module.read_in_ordinary_case = recased


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--distractors", type=int, default=700)
    parser.add_argument("--case", choices=sorted(WRITERS), default="capitals", help="how the copies are written")
    args = parser.parse_args()
    write = WRITERS[args.case]
    written = {"capitals": "in capitals", "title": "in title case", "headline": "in headline style"}[args.case]
    sample = bench_sample(args.documents + args.distractors)  # the benchmark's seeded order
    originals, distractors = sample[: args.documents], sample[args.documents :]
    spinner = Spinner(MyThesSource(), rate=0.2, seed=1)
    spun_copies = [spinner.spin(document.text).text for document in originals]
    n = len(originals)

    print(f"{n} BBC test articles, clean and spun (MyThes 0.2)\n")
    print("| texts | reading | called spun | the reference's findings found again | findings per 1,000 words |")
    print("|---|---|---|---|---|")
    for name, texts in (("clean", [document.text for document in originals]), ("spun", spun_copies)):
        words = sum(len(text.split()) for text in texts)
        called = {"reference": 0, "as given": 0, "ordinary case": 0}
        count = {"reference": 0, "as given": 0, "ordinary case": 0}
        found = {"as given": 0, "ordinary case": 0}
        for text in texts:
            loud = write(text)
            reference = unspun.check(text)
            as_given = analyse(loud)
            read = unspun.check(loud)
            wanted = keys(reference.findings)
            for reading, spun, findings in (("reference", reference.verdict == "spun", reference.findings),
                                            ("as given", as_given.score >= SPUN_BAR, as_given.findings),
                                            ("ordinary case", read.verdict == "spun", read.findings)):
                called[reading] += spun
                count[reading] += len(findings)
                if reading != "reference":
                    found[reading] += sum((keys(findings) & wanted).values())
        total = count["reference"]
        for reading, label in (("reference", "in ordinary case (reference)"),
                               ("as given", f"{written}, read as given"),
                               ("ordinary case", f"{written}, read in ordinary case (`unspun.check`)")):
            again = f"{total} / {total}" if reading == "reference" else f"{found[reading]} / {total}"
            print(f"| {name} | {label} | {called[reading]} / {n} | {again} | {1000 * count[reading] / words:.2f} |")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "originals.db"
        with Index.create(path) as index:
            index.add([*originals, *distractors])
        print(f"\nRetrieval, an index of {n + len(distractors)} BBC articles:\n")
        print(f"| copy {written} | original ranked first, looked up as given | original ranked first, "
              "also in ordinary case | `unspun.trace`: source found, the right one |")
        print("|---|---|---|---|")
        with Index.open(path, readonly=True) as index:
            for name, copies in (("faithful", [document.text for document in originals]), ("spun", spun_copies)):
                first_given = first_read = traced = 0
                for document, copy in zip(originals, copies, strict=True):
                    loud = write(copy)
                    with lookup_as_given():
                        top = index.candidates(loud, k=1)
                    first_given += bool(top) and top[0].id == document.id
                    top = index.candidates(loud, k=1)
                    first_read += bool(top) and top[0].id == document.id
                    report = unspun.trace(loud, index)
                    traced += report.trace_verdict == SOURCE_FOUND and report.matches[0].id == document.id
                print(f"| {name} | {first_given} / {n} | {first_read} / {n} | {traced} / {n} |")

    texts = [document.text for document in originals]
    for label, timed in (("telling the case a text in ordinary case is written in (`written_case`)",
                          lambda: [written_case(t) for t in texts]),
                         (f"reading a text {written} in ordinary case",
                          lambda: [in_ordinary_case(write(t), case="capitals" if args.case == "capitals" else "title")
                                   for t in texts])):
        timed()  # the lexicon's load and the word cache are paid once
        began = time.perf_counter()
        for _ in range(5):
            timed()
        print(f"\n{label}: {(time.perf_counter() - began) / (5 * n) * 1e6:,.0f} microseconds a text")


if __name__ == "__main__":
    main()
