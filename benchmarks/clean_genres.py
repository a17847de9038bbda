"""False alarms on clean text beyond BBC news: ABC news (the Lee corpus) and Wikipedia.

    .venv/bin/python benchmarks/clean_genres.py [--documents 300] [--deep] [--deep-words 1000]

The targets are measured on clean BBC test articles, the news the models were trained on the
other half of. Users check other text: news from elsewhere, and scientific or encyclopedic
prose, where tortured phrases hide. Every text here is clean (no spinner touched it), so
every finding is false and every "spun" verdict a false alarm. Wikipedia: the odd-numbered
articles of gensim's shortened dump, which no model learned from (since session 43 the term
model learns from the even-numbered ones as clean text; before, every article was judged);
no fast model learned from the Lee corpus (the deep span models and the term verifier did use
it as clean text, so its deep row is optimistic).

Per corpus: texts called spun (score at least the verdict bar), and false findings per 1,000
words by kind. With ``--deep``, deep mode too, on each text's first ``--deep-words`` words
(a 4,000-word Wikipedia article takes it about eight seconds). Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from unspun.detect.engine import Analysis, Engine
from unspun.detect.terms import TermModel
from unspun.eval.bench_detect import SPUN_THRESHOLD
from unspun.eval.corpus import bbc_split, lee_articles, wikipedia_halves
from unspun.eval.metrics import finding_source
from unspun.models import Document

KINDS = ("swap", "filler", "restored term", "listed phrase")


def row(name: str, mode: str, documents: Sequence[Document], analyse: Callable[[str], Analysis],
        words_per_text: int | None = None) -> str:
    """One table row: texts called spun, texts with any finding, false findings per 1,000 words."""
    counts: Counter[str] = Counter()
    words = spun = with_findings = 0
    for document in documents:
        text = document.text if words_per_text is None else " ".join(document.text.split(" ")[:words_per_text])
        analysis = analyse(text)
        words += len(text.split())
        spun += analysis.score >= SPUN_THRESHOLD
        with_findings += bool(analysis.findings)
        counts.update(finding_source(f) for f in analysis.findings)
    per_kind = " | ".join(f"{1000 * counts[kind] / words:.2f}" for kind in KINDS)
    return (f"| {name} | {mode} | {len(documents)} | {words:,} | {spun} ({100 * spun / len(documents):.1f}%) | "
            f"{with_findings} | {1000 * sum(counts.values()) / words:.2f} | {per_kind} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300, help="BBC and Lee articles (Wikipedia: its odd 47)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--deep", action="store_true")
    parser.add_argument("--term-model", type=Path,
                        help="the fast rows with this term model file instead of the shipped one (session 42's: "
                             "git show b8a99e1:src/unspun/data/term-model.json)")
    parser.add_argument("--deep-words", type=int, default=1000)
    args = parser.parse_args()
    _, test = bbc_split()
    bbc = list(test)
    random.Random(args.seed).shuffle(bbc)  # the same seeded sample as unspun bench detect
    corpora = [("BBC test (the targets' text)", bbc[: args.documents]),
               ("Lee (ABC news)", list(lee_articles()[: args.documents])),
               ("Wikipedia (odd-numbered articles)", list(wikipedia_halves()[1]))]
    print("| clean text | mode | texts | words | called spun | with a finding | false findings per 1,000 words "
          "| swap | filler | restored term | listed phrase |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    fast = Engine.default() if args.term_model is None else Engine(
        term_model=TermModel.from_dict(json.loads(args.term_model.read_text(encoding="utf-8"))))
    for name, documents in corpora:
        print(row(name, "fast", documents, fast.analyse), flush=True)
    if args.deep:
        from unspun.detect.deep import deep_engine

        deep = deep_engine()
        for name, documents in corpora:
            print(row(name, f"deep, first {args.deep_words:,} words", documents, deep.analyse, args.deep_words),
                  flush=True)


if __name__ == "__main__":
    main()
