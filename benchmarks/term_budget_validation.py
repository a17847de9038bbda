"""How deep mode's term verifier trades tortured phrases for clean news, on validation data.

    .venv/bin/python benchmarks/term_budget_validation.py [--phrases 300] [--documents 60]

The verifier's bar lets ``VERIFIED_CLEAN_PER_1000`` restored terms per 1,000 words through on
the Lee corpus (``train_terms``). This script shows what other budgets would give, without
touching what BENCHMARKS.md reports: tortured phrases are the dev list's phrases *outside*
the seeded sample ``unspun bench detect --phrases 500`` scores (the next ``--phrases`` of the
same shuffled order), cross-validated with the benchmark's folds and carrier sentences (term
model and verifier refitted per fold, as there); clean news is the train-half articles no
model learned from (``benchmarks/deep_validation.py``), judged with the shipped models. For
each budget: tortured phrases flagged, expected phrases flagged, and restored terms per 1,000
clean words. About 30 minutes here.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence

from unspun.detect.deep import DeepEngine, deep_engine
from unspun.detect.engine import Engine
from unspun.detect.known_phrases import KnownPhraseMatcher, clean_expected, load_list, make_phrases
from unspun.detect.neural import NeuralScorer
from unspun.detect.terms import TermModel, TermRestorer
from unspun.eval.bench_detect import CARRIERS, FOLDS
from unspun.eval.corpus import lee_articles, shuffled_train
from unspun.eval.train import VALIDATION_START
from unspun.eval.train_terms import (
    carrier,
    fit_term_model,
    fit_term_verifier,
    term_documents,
    verifier_bar,
    verifier_probabilities,
    verifier_rows,
)
from unspun.lexicon import Lexicon

BUDGETS = (0.05, 0.1, 0.2, 0.3, 0.5)
BENCH_PHRASES = 500


def lee_probabilities(model: TermModel, pairs: Sequence[tuple[str, str]], scorer: NeuralScorer,
                      lexicon: Lexicon) -> tuple[list[float], int]:
    """The verifier's probability of every Lee window at the deep bar (highest first), and the
    Lee words: what ``fit_term_verifier`` placed its bar on when this experiment ran (session
    6; since session 11 it reads ``TermDocuments.verifier_bar_documents``: Lee and BBC train
    articles, 300 until session 19, 643 since session 20)."""
    assert scorer.language_model in model.verifiers and model.deep_threshold is not None
    restorer = TermRestorer(make_phrases(pairs), lexicon, model)
    verifier = model.verifiers[scorer.language_model].model
    return verifier_probabilities(verifier, restorer, lee_articles(), scorer, model.deep_threshold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phrases", type=int, default=300)
    parser.add_argument("--documents", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    shipped = deep_engine()
    scorer = shipped.scorer
    pairs = [(t, e) for t, e in load_list() if clean_expected(e)[0]]
    order = list(range(len(pairs)))
    random.Random(args.seed).shuffle(order)
    validation = set(order[BENCH_PHRASES : BENCH_PHRASES + args.phrases])
    term_docs = term_documents()
    tallies = {budget: [0, 0] for budget in BUDGETS}  # tortured flagged, expected flagged
    for fold in range(FOLDS):
        held = set(order[fold::FOLDS])
        fold_pairs = [p for i, p in enumerate(pairs) if i not in held]
        term_model = fit_term_model(fold_pairs, term_docs.fit, term_docs.threshold, args.seed, log=lambda m: None)
        term_model = fit_term_verifier(term_model, fold_pairs, term_docs.fit, term_docs.threshold, lee_articles(),
                                       scorer, args.seed, log=lambda m: None)
        probabilities, words = lee_probabilities(term_model, fold_pairs, scorer, shipped.fast.lexicon)
        for budget in BUDGETS:
            bounded = term_model.with_verifier_bar(scorer.language_model, verifier_bar(budget, probabilities, words))
            fast = Engine(lexicon=shipped.fast.lexicon, scorers=shipped.fast.scorers, model=shipped.fast.model,
                          known=KnownPhraseMatcher(make_phrases(fold_pairs)), term_model=bounded)
            engine = DeepEngine(fast, shipped.model, scorer)
            for i in sorted(held & validation):
                tortured, expected = pairs[i]
                for column, phrase in ((0, tortured), (1, clean_expected(expected)[0] or expected)):
                    text, start, end = carrier(phrase, i, CARRIERS)
                    if any(f.start < end and start < f.end for f in engine.analyse(text).findings):
                        tallies[budget][column] += 1
        print(f"  fold {fold + 1}/{FOLDS} done", flush=True)

    # Clean news: the shipped term model, every restored term let through, then counted by bar.
    model = shipped.fast.terms.model
    assert model is not None and scorer.language_model in model.verifiers
    probabilities, lee_words = lee_probabilities(model, pairs, scorer, shipped.fast.lexicon)
    shipped.fast.terms.model = model.with_verifier_bar(scorer.language_model, 0.0)
    news: list[float] = []
    news_words = 0
    for document in shuffled_train(VALIDATION_START, args.documents):
        analysis = shipped.analyse(document.text)
        news_words += len(analysis.context.words)
        terms = [f for f in analysis.findings if f.kind == "tortured-phrase" and "term" in f.evidence]
        rows = verifier_rows(analysis.context, terms, scorer)
        news += model.verifiers[scorer.language_model].model.probabilities(rows).tolist() if rows else []
    shipped.fast.terms.model = model
    phrases = len(validation)
    print(f"\n{phrases} validation phrases (outside the benchmark's {BENCH_PHRASES}), "
          f"{args.documents} validation articles ({news_words:,} words)\n")
    print("| restored terms per 1,000 Lee words (budget) | verifier bar | tortured flagged | expected flagged "
          "| restored terms per 1,000 validation news words |")
    print("|---|---|---|---|---|")
    for budget in BUDGETS:
        bar = verifier_bar(budget, probabilities, lee_words)
        flagged, expected = tallies[budget]
        kept = sum(p >= bar for p in news)
        print(f"| {budget} | {bar:.3f} (shipped model) | {flagged / phrases:.3f} | {expected / phrases:.3f} "
              f"| {1000 * kept / news_words:.2f} |")


if __name__ == "__main__":
    main()
