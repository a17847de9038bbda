"""How far deep mode's (or, with ``--fast``, the fast path's) false findings on 300 clean
articles stray by chance: the margin their budgets need below the issues' 0.5 (deep) and 2
(fast) per 1,000 words.

    .venv/bin/python benchmarks/deep_budget_margin.py [--samples 2000] [--seed 0] [--fast]

Deep mode's bars are placed on held-out clean *train* text so that false findings stay within
budgets (``train.MAX_CLEAN_FINDINGS_PER_1000_DEEP`` for swaps and filler,
``train_terms.VERIFIED_CLEAN_PER_1000`` for restored terms). The test figure
(``benchmarks/deep_clean.py``: 300 clean test articles) is a sample too: a handful of findings
more or less moves it by a tenth of the target. This script measures that spread on clean
train articles that no deep bar was placed on (the BBC train half after the articles the fast,
deep and term models read or placed bars on), never on the test half: it runs deep mode on
each, then draws ``--samples`` bootstrap samples of 300 of them and prints the spread of the
rate. Prints a Markdown table; about 1.3 s per article here.

With ``--fast``: the fast path on the 313 train articles after the fast models' 800
(``train.FAST_DOCUMENTS``), on which no fast bar was placed (the fast document model counts
them among its clean texts); about a minute (``train.FAST_BUDGET_MARGIN_PER_1000``).
"""

from __future__ import annotations

import argparse
import random
import statistics
from collections import Counter

from unspun.detect.deep import deep_engine
from unspun.detect.engine import Engine
from unspun.eval.corpus import shuffled_train
from unspun.eval.metrics import finding_source
from unspun.eval.train import FAST_DOCUMENTS, VALIDATION_START
from unspun.eval.train_terms import term_documents

TEST_SAMPLE = 300  # clean test articles in benchmarks/deep_clean.py
KINDS = ("swap", "filler", "restored term", "listed phrase")


def unseen_train_articles() -> list:
    """Clean train articles on which no deep bar was placed: after the deep models' articles
    and their extra clean ones in the shuffled train half, and outside the term model's and
    term verifier's articles (``train_terms.term_documents``)."""
    term_ids = {document.id for part in term_documents() for document in part}
    after = shuffled_train(VALIDATION_START)
    return [document for document in after if document.id not in term_ids]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=2000, help="bootstrap samples of 300 articles")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--fast", action="store_true", help="the fast path instead of deep mode")
    args = parser.parse_args()
    articles = shuffled_train(FAST_DOCUMENTS) if args.fast else unseen_train_articles()
    engine = Engine.default() if args.fast else deep_engine()
    per_article: list[tuple[int, Counter[str]]] = []
    for document in articles:
        analysis = engine.analyse(document.text)
        per_article.append((len(document.text.split()), Counter(finding_source(f) for f in analysis.findings)))
    words = sum(w for w, _ in per_article)
    totals: Counter[str] = Counter()
    for _, counts in per_article:
        totals.update(counts)
    print(f"{len(articles)} clean BBC train articles no {'fast' if args.fast else 'deep'} bar saw, {words:,} words")
    print()
    print("| finding kind | false findings | per 1,000 words | bootstrap SD of 300 articles |")
    print("|---|---|---|---|")
    rng = random.Random(args.seed)
    draws = [[rng.randrange(len(per_article)) for _ in range(TEST_SAMPLE)] for _ in range(args.samples)]

    def spread(kinds: tuple[str, ...]) -> float:
        rates = []
        for draw in draws:
            found = sum(per_article[i][1][k] for i in draw for k in kinds)
            rates.append(1000 * found / sum(per_article[i][0] for i in draw))
        return statistics.pstdev(rates)

    for kind in KINDS:
        print(f"| {kind} | {totals[kind]} | {1000 * totals[kind] / words:.2f} | {spread((kind,)):.3f} |")
    print(f"| all | {sum(totals.values())} | {1000 * sum(totals.values()) / words:.2f} | {spread(KINDS):.3f} |")


if __name__ == "__main__":
    main()
