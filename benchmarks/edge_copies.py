"""Copies spun only at their edges, and faithful copies that moved their paragraphs: does the
aligner list every swap, and no substitution where no word changed?

    .venv/bin/python benchmarks/edge_copies.py [--documents 300] [--validation]

Two cases a helper's audit of `unspun trace` found (session 63), each on the benchmark's
seeded sample of BBC test articles aligned with its original (``unspun.alignment.align``):

- **A copy spun at one edge only**: the article's first sentence (or its last) spun at 0.5
  with MyThes by the benchmark spinner, the rest as written. At a text's edge nothing comes
  after (before) a heavily spun stretch to pay for its gap penalty, so its swaps fell out of
  the span, unlisted, and such a copy could be called clean. Reported: copies whose restored
  text is not the original (a swap left unlisted), of the copies the spinner changed.
- **A faithful copy with its paragraphs moved** (articles of three paragraphs or more): the
  first two swapped, all reversed, or shuffled (seeded); no word changed. Reported: copies
  given any substitution (each would be called spun by `trace`).

``--validation`` takes train-half articles after the models' training prefix instead, never
the test half.
"""

from __future__ import annotations

import argparse
import random
import time

from unspun.alignment import align
from unspun.eval.corpus import bench_sample, shuffled_train
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import MyThesSource
from unspun.eval.train import VALIDATION_START


def _first_sentence_end(text: str) -> int:
    return text.index(". ") + 1 if ". " in text else len(text)


def _last_sentence_start(text: str) -> int:
    return max(text.rfind(". ", 0, len(text) - 2) + 2, text.rfind("\n\n") + 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--validation", action="store_true")
    args = parser.parse_args()
    sample = shuffled_train(VALIDATION_START, args.documents) if args.validation else bench_sample(args.documents)
    started = time.perf_counter()

    source = MyThesSource()
    edges = {"first sentence": [0, 0], "last sentence": [0, 0]}
    for k, document in enumerate(sample):
        text = document.text
        for where, (a, b) in (("first sentence", (0, _first_sentence_end(text))),
                              ("last sentence", (_last_sentence_start(text), len(text)))):
            spun = Spinner(source, rate=0.5, seed=k).spin(text[a:b])
            if not spun.edits:
                continue
            edges[where][0] += 1
            if align(text, text[:a] + spun.text + text[b:]).restored != text:
                edges[where][1] += 1

    moved = {"first two paragraphs swapped": 0, "paragraphs reversed": 0, "paragraphs shuffled": 0}
    movable = 0
    for k, document in enumerate(sample):
        paragraphs = document.text.split("\n\n")
        if len(paragraphs) < 3:
            continue
        movable += 1
        shuffled = paragraphs[:]
        random.Random(k).shuffle(shuffled)
        forms = {"first two paragraphs swapped": [paragraphs[1], paragraphs[0], *paragraphs[2:]],
                 "paragraphs reversed": paragraphs[::-1], "paragraphs shuffled": shuffled}
        for name, order in forms.items():
            if align(document.text, "\n\n".join(order)).substitutions:
                moved[name] += 1

    half = "validation articles (train half)" if args.validation else "BBC test articles"
    print(f"{len(sample)} {half}\n")
    print("| copy spun at 0.5 (MyThes) in one sentence only | copies | swaps left unlisted (restored text is not the original) |")
    print("|---|---|---|")
    for where, (copies, missed) in edges.items():
        print(f"| {where} | {copies} | {missed} |")
    print(f"\n| faithful copy ({movable} articles of three paragraphs or more) | given a substitution |")
    print("|---|---|")
    for name, count in moved.items():
        print(f"| {name} | {count} / {movable} |")
    print(f"\n{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
