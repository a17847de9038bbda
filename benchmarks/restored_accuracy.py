"""How close the restored text comes to the original: words that differ from it, before and after.

    .venv/bin/python benchmarks/restored_accuracy.py [--documents 100] [--deep]

BBC test articles (the benchmark's seeded sample), spun at rate 0.2 with the foreign (MyThes)
and the shared (Moby) dictionary, and clean. For each text, ``unspun.check`` once; then the
restored text three ways from the same findings: none applied (the text as checked), every
suggestion of a finding with confidence 0.5 or more (the rule before session 18), and only
the suggestions worth applying (``restore.worth_applying``: the restored words likelier the
original than the words seen). Reported: the word-level edit distance to the original per
1,000 of its words (lower-cased words, punctuation dropped), and the steps per 1,000 words.
On clean text every step spoils a word.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import re

import unspun
from unspun.config import CheckConfig
from unspun.eval.corpus import bbc_split
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import MobySource, MyThesSource
from unspun.models import Finding
from unspun.restore import apply_steps, steps_for

WORD = re.compile(r"[\w']+")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def distance(a: list[str], b: list[str]) -> int:
    """Word-level edit distance (insertions, deletions and substitutions of one word each)."""
    previous = list(range(len(b) + 1))
    for i, word in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other)))
        previous = current
    return previous[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--deep", action="store_true")
    args = parser.parse_args()
    _, test = bbc_split()
    sample = list(test)
    random.Random(0).shuffle(sample)
    sample = sample[: args.documents]
    bar = CheckConfig().restore_confidence
    spinners = [("clean", None), *((f"{source.name} 0.2", Spinner(source, rate=0.2, seed=1))
                                   for source in (MyThesSource(), MobySource()))]
    print(f"{len(sample)} BBC test articles, {'deep' if args.deep else 'fast'} mode")
    print("| text | words | as checked: differing words per 1,000 | every suggestion at 0.5: differing / steps "
          "| worth applying: differing / steps |")
    print("|---|---|---|---|---|")
    for name, spinner in spinners:
        total = as_checked = every = every_steps = worth = worth_steps = 0
        for document in sample:
            text = document.text if spinner is None else spinner.spin(document.text).text
            original = words(document.text)
            findings = list(unspun.check(text, deep=args.deep).findings)
            plain: list[Finding] = [dataclasses.replace(f, suggestion_confidence=None) for f in findings]
            old_steps = steps_for(text, plain, bar)
            new_steps = steps_for(text, findings, bar)
            total += len(original)
            as_checked += distance(original, words(text))
            every += distance(original, words(apply_steps(text, old_steps)))
            worth += distance(original, words(apply_steps(text, new_steps)))
            every_steps += len(old_steps)
            worth_steps += len(new_steps)
        per = 1000 / total
        print(f"| {name} | {total:,} | {as_checked * per:.1f} | {every * per:.1f} / {every_steps * per:.1f} | "
              f"{worth * per:.1f} / {worth_steps * per:.1f} |")


if __name__ == "__main__":
    main()
