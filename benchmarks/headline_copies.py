"""Spun copies under a headline: does the aligner list the swaps of the sentence under it?

    .venv/bin/python benchmarks/headline_copies.py [--documents 300] [--validation]

A page carries its headline on a line of its own above the story, and a news headline often
repeats the first sentence's words ("Council Votes to Close Harbour Bridge" above "The
council voted on Tuesday to close the harbour bridge for eighteen months ..."). The
source in a collection is the story alone. Each of the benchmark's seeded sample of BBC test
articles is spun (MyThes, rate 0.35, the benchmark spinner) and aligned with its original
(``unspun.alignment.align``) in four forms:

- as spun;
- under its own headline (the corpus's title), on a line of its own;
- under a headline made of its first sentence's first eight words as the original has them,
  in title case, on a line of its own (the case above);
- under its first fifteen words as written, on a line of their own (a headline that long is
  a stretch the aligner looks at again for moved paragraphs);
- hard-wrapped at 70 characters (a PDF's or an e-mail's lines: spaces become line breaks,
  so offsets stay), under its own headline and under the eight-word one, each one line
  break above the story (no blank line: in a hard-wrapped text only a blank line parted
  lines until session 53).

Reported for each form: the spinner's edits the alignment lists (recall), the listed
substitutions that are true edits (precision), the true edits of the first sentence listed,
the mean coverage, the time of the spun copies' alignments, and, for the original itself in
the same form (a faithful copy), the copies given any substitution (each one would be called
spun). ``--validation`` takes train-half articles after the models' training prefix instead
(where the aligner's constants were chosen), never the test half.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from dataclasses import replace

from unspun.alignment import align
from unspun.eval.bench_trace import substitution_counts
from unspun.eval.corpus import bench_sample, shuffled_train
from unspun.eval.spinner import Edit, Spinner, SpunText
from unspun.eval.thesauri import MyThesSource
from unspun.eval.train import VALIDATION_START

_SMALL = frozenset("a an and as at but by for in of on or the to with".split())
_FIRST_SENTENCE_RE = re.compile(r"^.*?[.!?](?=\s|$)", re.DOTALL)


def _opening_headline(original: str) -> str:
    words = original.split()[:8]
    return " ".join(w if i and w.lower() in _SMALL else w[:1].upper() + w[1:] for i, w in enumerate(words)).rstrip(",;:.")


def hard_wrapped(text: str, width: int = 70) -> str:
    """``text`` with each line broken at its last space before ``width`` characters: spaces
    become line breaks, so every offset stays."""
    out, column, last_space = list(text), 0, -1
    for at, character in enumerate(text):
        if character == "\n":
            column, last_space = 0, -1
            continue
        if character == " ":
            last_space = at
        column += 1
        if column > width and last_space >= 0:
            out[last_space] = "\n"
            column, last_space = at - last_space, -1
    return "".join(out)


Form = Callable[[str, str], str]  # (title, original) -> the line put above the copy ("" none)
# name -> (the line above the copy, what parts it from the copy, whether the copy is hard-wrapped)
FORMS: dict[str, tuple[Form, str, bool]] = {
    "as spun": (lambda title, original: "", "", False),
    "under its own headline": (lambda title, original: title, "\n\n", False),
    "under a headline repeating its opening": (lambda title, original: _opening_headline(original), "\n\n", False),
    "under its opening fifteen words as written":
        (lambda title, original: " ".join(original.split()[:15]).rstrip(",;:."), "\n\n", False),
    "hard-wrapped, its own headline one line break above":
        (lambda title, original: title, "\n", True),
    "hard-wrapped, a headline repeating its opening one line break above":
        (lambda title, original: _opening_headline(original), "\n", True),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--validation", action="store_true", help="train-half validation articles, not test ones")
    args = parser.parse_args()
    sample = shuffled_train(VALIDATION_START, args.documents) if args.validation else bench_sample(args.documents)
    spinner = Spinner(MyThesSource(), rate=0.35, seed=1)
    spun: list[SpunText] = [spinner.spin(d.text) for d in sample]
    half = "validation" if args.validation else "test"
    print(f"{len(sample)} BBC {half} articles spun (MyThes 0.35) and aligned with their originals\n")
    print("| form | edits listed (recall) | substitutions true (precision) | first sentence's edits listed "
          "| mean coverage | seconds | faithful copies given a substitution |")
    print("|---|---|---|---|---|---|---|")
    for name, (headline, parting, wrapped) in FORMS.items():
        shaped = hard_wrapped if wrapped else str
        right = wrong = found = missed = first_found = first_total = faithful_changed = 0
        coverage = seconds = 0.0
        for document, copy in zip(sample, spun, strict=True):
            line = headline(document.title, document.text)
            prefix = f"{line}{parting}" if line else ""
            edits: list[Edit] = [replace(e, start=e.start + len(prefix), end=e.end + len(prefix)) for e in copy.edits]
            began = time.perf_counter()
            alignment = align(document.text, prefix + shaped(copy.text))
            seconds += time.perf_counter() - began
            counts = substitution_counts(alignment.substitutions, edits)
            right, wrong, found, missed = right + counts[0], wrong + counts[1], found + counts[2], missed + counts[3]
            opening = _FIRST_SENTENCE_RE.match(document.text)
            first = [e for e in edits if opening and e.source_end <= opening.end()]
            first_total += len(first)
            first_found += substitution_counts(alignment.substitutions, first)[2]
            coverage += alignment.coverage
            faithful_changed += bool(align(document.text, prefix + shaped(document.text)).substitutions)
        print(f"| {name} | {found / max(1, found + missed):.3f} | {right / max(1, right + wrong):.3f} "
              f"| {first_found} / {first_total} | {coverage / len(sample):.3f} | {seconds:.2f} "
              f"| {faithful_changed} / {len(sample)} |")


if __name__ == "__main__":
    main()
