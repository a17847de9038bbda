"""Whether deep mode's term verifier would gain from the window model's probability.

    .venv/bin/python benchmarks/term_verifier_features.py [--seed 0]

The verifier (``train_terms.fit_term_verifier``) learns from the windows the term model passes
at its deep bar: the list's tortured phrases (positive) and expected phrases (negative) in the
verifier's carrier sentences, each judged by a term model fitted without its inner fold, and
clean BBC train articles (negative); its bar lets ``VERIFIED_CLEAN_PER_1000`` windows per 1,000
words of other clean news through. This script collects the same windows, remembering which
phrase each carrier window came from, and with each feature set (the neural evidence alone,
as sessions 6-19 shipped it, and ``VERIFIER_FEATURES``, which since session 20 adds the window
model's probability of the window, the finding's confidence) fits the verifier on four fifths of the phrases (and every
clean window), places the bar as ``fit_term_verifier`` does, and counts the held-out phrases'
windows that pass: a five-fold split by phrase, so no window is judged by a verifier that
learned from its phrase. Nothing here touches the test half or the benchmark's carrier
sentences. Needs the ``deep`` extra; about 8 minutes.

Session 19 ran it (tortured windows passing 0.70 -> 0.79 at the same budget); session 20
shipped the probability, with the bar on every train article outside the validation slice
(BENCHMARKS.md, "The term verifier").
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence

from unspun.detect.known_phrases import clean_expected, load_list, make_phrases
from unspun.detect.neural import NeuralScorer
from unspun.detect.terms import VERIFIER_FEATURES, TermRestorer
from unspun.eval.train import _fit
from unspun.eval.train_terms import (
    VERIFIED_CLEAN_PER_1000,
    carrier_verifier_rows,
    document_verifier_rows,
    fit_term_model,
    term_documents,
    verifier_bar,
)
from unspun.lexicon import Lexicon
from unspun.models import Document

FOLDS = 5
FEATURE_SETS = {
    "the neural evidence (sessions 6-19)": tuple(f for f in VERIFIER_FEATURES if f != "term_confidence"),
    "and the window model's probability (shipped)": VERIFIER_FEATURES,
}
Row = dict[str, float]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    lexicon, scorer = Lexicon.load(), NeuralScorer(lexicon=Lexicon.load())
    documents = term_documents()
    pairs = [(t, e) for t, e in load_list() if clean_expected(e)[0]]
    model = fit_term_model(pairs, documents.fit, documents.threshold, args.seed, log=lambda m: None)
    assert model.deep_threshold is not None
    # The carrier windows, as fit_term_verifier collects them, with their phrase's number.
    carried = carrier_verifier_rows(pairs, documents.fit, documents.threshold, scorer, model.deep_threshold, args.seed)
    full = TermRestorer(make_phrases(pairs), lexicon, model)
    clean = _news_rows(full, documents.threshold, scorer, model.deep_threshold)[0]
    bar_rows, words = _news_rows(full, documents.verifier_bar_documents(), scorer, model.deep_threshold)
    phrases = sorted({i for i, _, _ in carried})
    random.Random(args.seed).shuffle(phrases)
    print(f"\n{len(carried)} carrier windows at the deep bar ({sum(p for _, _, p in carried)} tortured) from "
          f"{len(phrases)} phrases, {len(clean)} clean windows to learn from, {len(bar_rows)} to place the bar "
          f"on ({words:,} words)\n")
    print("| verifier reads | tortured windows passing | expected windows passing | bars (five folds) |")
    print("|---|---|---|---|")
    for name, features in FEATURE_SETS.items():
        passed = {True: 0, False: 0}
        seen = {True: 0, False: 0}
        bars = []
        for fold in range(FOLDS):
            held = set(phrases[fold::FOLDS])
            train = [(row, positive) for i, row, positive in carried if i not in held] + [(row, False) for row in clean]
            verifier = _fit([_pick(row, features) for row, _ in train], [positive for _, positive in train], args.seed)
            probabilities = sorted(verifier.probabilities([_pick(r, features) for r in bar_rows]).tolist(), reverse=True)
            bar = verifier_bar(VERIFIED_CLEAN_PER_1000, probabilities, words)
            bars.append(bar)
            test = [(row, positive) for i, row, positive in carried if i in held]
            for (_, positive), probability in zip(test, verifier.probabilities([_pick(r, features) for r, _ in test]),
                                                  strict=True):
                seen[positive] += 1
                passed[positive] += probability >= bar
        print(f"| {name} | {passed[True] / seen[True]:.3f} ({passed[True]} / {seen[True]}) "
              f"| {passed[False] / seen[False]:.3f} ({passed[False]} / {seen[False]}) "
              f"| {', '.join(f'{b:.3f}' for b in bars)} |")


def _news_rows(restorer: TermRestorer, documents: Sequence[Document], scorer: NeuralScorer,
               threshold: float) -> tuple[list[Row], int]:
    """The verifier rows of every window ``restorer`` finds at ``threshold`` in clean
    ``documents``, and their words."""
    per_document = list(document_verifier_rows(restorer, documents, scorer, threshold))
    return [row for found, _ in per_document for row in found], sum(words for _, words in per_document)


def _pick(row: Row, features: Sequence[str]) -> Row:
    return {name: row[name] for name in features}


if __name__ == "__main__":
    main()
