"""Would the term model make fewer false findings on scientific prose if it learned from some?

    .venv/bin/python benchmarks/term_wikipedia_negatives.py [--phrases 1000]   # ~6 minutes

Session 8's experiment (BENCHMARKS.md, "Clean text beyond BBC news"; not shipped). Two term
models, each as ``python -m unspun.eval.train_terms`` fits it (150 clean BBC train articles
to learn from, 150 more to place the threshold) except that the second also learns from the
even-numbered Wikipedia articles as clean text. For each: the tortured-phrase rows of the
benchmark's cross-validation on a seeded sample of dev-list phrases (every fold's model gets
the same extra clean text), and restored terms per 1,000 words on the odd-numbered Wikipedia
articles and on 150 BBC train articles no term model learned from.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from unspun.detect.context import TextContext
from unspun.detect.engine import Engine
from unspun.detect.known_phrases import clean_expected, load_list
from unspun.eval import bench_detect, train_terms
from unspun.eval.corpus import bbc_split, wikipedia_articles
from unspun.eval.train_terms import term_documents
from unspun.models import Document


def restored_per_1000(engine: Engine, documents: Sequence[Document]) -> float:
    found = words = 0
    for document in documents:
        context = TextContext.build(document.text)
        words += len(context.words)
        found += len(engine.terms.find(context))
    return 1000 * found / words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phrases", type=int, default=1000)
    args = parser.parse_args()
    wikipedia = wikipedia_articles()
    learn, judge = list(wikipedia[0::2]), list(wikipedia[1::2])
    term_docs = term_documents()
    fit = train_terms.fit_term_model
    pairs = [(t, e) for t, e in load_list() if clean_expected(e)[0]]
    engine = Engine.default()
    print("| term model learns from | tortured flagged | expected flagged | top-1 | top-5 "
          "| restored terms per 1,000 words: Wikipedia (other half) | BBC train 300-450 |")
    print("|---|---|---|---|---|---|---|")
    for name, extra in (("150 BBC articles (as shipped)", []), ("the same and 48 Wikipedia articles", learn)):
        def fit_with_extra(fold_pairs, fit_documents, threshold_documents, seed=0, log=print, extra=extra):  # type: ignore[no-untyped-def]
            return fit(fold_pairs, [*fit_documents, *extra], threshold_documents, seed, log)

        bench_detect.fit_term_model = fit_with_extra  # what the cross-validation calls per fold
        rows = bench_detect.tortured_cross_validation(engine, 0, lambda message: None, phrases=args.phrases)
        cv = next(r for r in rows if r["system"] == "unspun")
        model = fit_with_extra(pairs, term_docs.fit, term_docs.threshold,
                               log=lambda message: None)
        full = Engine(lexicon=engine.lexicon, scorers=engine.scorers, model=engine.model, known=engine.known,
                      term_model=model)
        print(f"| {name} | {cv['flagged']:.3f} | {cv['expected_flagged']:.3f} | {cv['top1']:.3f} | {cv['top5']:.3f} "
              f"| {restored_per_1000(full, judge):.2f} | {restored_per_1000(full, bbc_split()[0][300:450]):.3f} |", flush=True)
    bench_detect.fit_term_model = fit


if __name__ == "__main__":
    main()
