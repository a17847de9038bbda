"""False findings of deep mode on clean BBC test articles, by kind: the deep row with the
tightest budget (0.5 per 1,000 words), on more articles than ``unspun bench detect --deep``
can afford.

    .venv/bin/python benchmarks/deep_clean.py [--documents 300] [--seed 0] [--lm NAME]

The articles are the same seeded sample as ``unspun bench detect`` (its first N). Every
finding on a clean article is false. Prints a Markdown table; about a minute for 300 here
(clean text gives deep mode few candidates to judge).
"""

from __future__ import annotations

import argparse
from collections import Counter

from unspun.detect.deep import deep_engine
from unspun.eval.corpus import bench_sample
from unspun.eval.metrics import finding_source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--lm", help="the language model deep mode reads with (default: SmolLM2's deep mode)")
    args = parser.parse_args()
    sample = bench_sample(args.documents, args.seed)
    engine = deep_engine(args.lm)
    counts: Counter[str] = Counter()
    words = flagged_articles = 0
    for document in sample:
        analysis = engine.analyse(document.text)
        words += len(document.text.split())
        flagged_articles += bool(analysis.findings)
        counts.update(finding_source(f) for f in analysis.findings)
    total = sum(counts.values())
    print(f"{len(sample)} clean BBC test articles, {words:,} words; "
          f"{flagged_articles} with at least one finding")
    print()
    print("| finding kind | false findings | per 1,000 words |")
    print("|---|---|---|")
    for kind in ("swap", "filler", "restored term", "listed phrase"):
        print(f"| {kind} | {counts[kind]} | {1000 * counts[kind] / words:.2f} |")
    print(f"| all | {total} | {1000 * total / words:.2f} |")


if __name__ == "__main__":
    main()
