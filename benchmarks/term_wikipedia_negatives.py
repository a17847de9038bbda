"""Would the term model make fewer false findings on scientific prose if it learned from some?

    .venv/bin/python benchmarks/term_wikipedia_negatives.py [--phrases N]   # about half an hour for all phrases

Two term models, each as ``python -m unspun.eval.train_terms`` fits it (150 clean BBC train
articles to learn from, 150 more to place the threshold), the second also learning from the
even-numbered Wikipedia articles as clean text (``fit_term_model``'s ``prose_documents``; as
shipped since session 43, ``train_terms.TermDocuments.prose``). For
each: the tortured-phrase rows of the benchmark's cross-validation (every fold's model gets
the same extra clean text; ``--phrases N`` scores a seeded sample of N dev-list phrases, by
default all of them, as ``unspun bench detect`` does), and restored terms per 1,000 words of
clean text no term model learned from: the odd-numbered Wikipedia articles, the validation
slice of BBC train articles (``corpus.shuffled_train(train.VALIDATION_START)``) and the Lee
corpus (ABC news). Fast path only: deep mode's term verifiers read the window model's
probability, so a new window model needs them refitted (``train_terms``).

Session 8 ran the first version (1,000 phrases, restored terms on the Wikipedia half 2.10 ->
1.76, expected phrases flagged 0.082 -> 0.098: not shipped). Session 43 decided on a
throwaway copy of it (every phrase, the suggestion calibrator also reading spun Wikipedia,
which moves none of these rows; its folds took 4 minutes for the first row, 27 for the
second): docs/status.md, "Session 43". This committed form has not been run.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

from unspun.detect.context import TextContext
from unspun.detect.engine import Engine
from unspun.detect.known_phrases import clean_expected, load_list
from unspun.eval import bench_detect, train_terms
from unspun.eval.corpus import lee_articles, shuffled_train, wikipedia_halves
from unspun.eval.train import VALIDATION_START
from unspun.eval.train_terms import term_documents
from unspun.models import Document


def restored_per_1000(engine: Engine, documents: Sequence[Document]) -> float:
    """Terms the engine's term detector restores per 1,000 words of ``documents``."""
    found = words = 0
    for document in documents:
        context = TextContext.build(document.text)
        words += len(context.words)
        found += len(engine.terms.find(context))
    return 1000 * found / words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phrases", type=int, default=0, help="dev-list phrases to score (default 0: all)")
    args = parser.parse_args()
    learn, judge = (list(half) for half in wikipedia_halves())
    term_docs = term_documents()
    validation = shuffled_train(VALIDATION_START)
    lee = lee_articles()
    fit = train_terms.fit_term_model
    pairs = [(t, e) for t, e in load_list() if clean_expected(e)[0]]
    engine = Engine.default()
    print(f"Wikipedia: {len(learn)} articles learned from, {len(judge)} judged; BBC validation "
          f"{len(validation)}, Lee {len(lee)}\n")
    print("| term model learns from | tortured flagged | expected flagged | top-1 | top-5 "
          "| restored terms per 1,000 words: Wikipedia (other half) | BBC validation | Lee | minutes |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, prose in (("150 BBC articles", []), ("the same and the even Wikipedia articles", learn)):
        began = time.perf_counter()

        def fit_with_prose(fold_pairs, fit_documents, threshold_documents, seed=0, log=print,  # type: ignore[no-untyped-def]
                           prose_documents=(), prose=prose):
            # The benchmark's folds pass the shipped prose; each row here chooses its own.
            return fit(fold_pairs, fit_documents, threshold_documents, seed, log, prose_documents=prose)

        bench_detect.fit_term_model = fit_with_prose  # what the cross-validation calls per fold
        try:
            rows = bench_detect.tortured_cross_validation(engine, 0, lambda message: None, phrases=args.phrases or None)
        finally:
            bench_detect.fit_term_model = fit
        cv = next(r for r in rows if r["system"] == "unspun")
        model = fit_with_prose(pairs, term_docs.fit, term_docs.threshold, log=lambda message: None)
        full = Engine(lexicon=engine.lexicon, scorers=engine.scorers, model=engine.model, known=engine.known,
                      term_model=model)
        print(f"| {name} | {cv['flagged']:.3f} | {cv['expected_flagged']:.3f} | {cv['top1']:.3f} | {cv['top5']:.3f} "
              f"| {restored_per_1000(full, judge):.2f} | {restored_per_1000(full, validation):.2f} "
              f"| {restored_per_1000(full, lee):.2f} | {(time.perf_counter() - began) / 60:.0f} |", flush=True)


if __name__ == "__main__":
    main()
