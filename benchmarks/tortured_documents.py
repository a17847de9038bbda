"""Verdicts on abstract-sized texts holding tortured phrases no list the engine uses holds.

    .venv/bin/python benchmarks/tortured_documents.py [--texts 160] [--words 250] [--seed 0]

The tortured-phrase rows of ``unspun bench detect`` score each phrase alone in a short
carrier sentence; a research-integrity user checks an abstract or a page of a paper, where
the document score decides the verdict. Texts: the first ``--words`` words (whole
paragraphs) of Wikipedia's odd-numbered articles, which no model learns from, and further
stretches of the longer ones, up to ``--texts``. Each text is judged clean (as it is) and
with 1, 2 and 3 tortured phrases of the dev list put in, each in one of the benchmark's
carrier sentences (``bench_detect.CARRIERS``) after a sentence of the text. The phrases come
from one fold of the benchmark's 5-fold split and the engine judging them is that fold's:
its list and its term model never saw them (``bench_detect.tortured_cross_validation``'s
folds, the same seed), so every phrase must be found by general means.

Two arms on the same engines: as shipped (a restored term of window probability 0.95 or
more counts in the document score as an ambiguous listed phrase, ``engine.SURE_TERM``,
since session 65), and without that rule (``SURE_TERM`` above 1). Prints per arm and number
of phrases the share of texts called spun, uncertain and clean, and the share of the
phrases put in that a finding covers. About 25 minutes on 2 cores (five term models fitted).
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from unittest import mock

from unspun.config import CheckConfig
from unspun.detect import engine as engine_module
from unspun.detect.engine import Engine
from unspun.detect.known_phrases import KnownPhraseMatcher, make_phrases
from unspun.eval.bench_detect import CARRIERS, FOLDS, tortured_folds
from unspun.eval.corpus import wikipedia_halves, wikipedia_stretches
from unspun.eval.train_terms import fit_term_model, term_documents
from unspun.pipeline import verdict_for
from unspun.text import sentences

PHRASES_PUT_IN = (0, 1, 2, 3)


def texts_of(words: int, count: int) -> list[str]:
    """Stretches of whole paragraphs of about ``words`` words from Wikipedia's odd-numbered
    articles, the first of each article first."""
    return [stretch.text for stretch in wikipedia_stretches(wikipedia_halves()[1], words, count)]


def with_phrases(text: str, phrases: list[str], rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each phrase in a carrier sentence after one of its sentences, and where
    the phrases stand."""
    ends = sorted(rng.sample([s.end for s in sentences(text)], k=len(phrases)))
    pieces, spans, at, shift = [], [], 0, 0
    for end, phrase in zip(ends, phrases, strict=True):
        carrier = rng.choice(CARRIERS)
        sentence = " " + carrier.format(phrase)
        pieces += [text[at:end], sentence]
        start = shift + end + 1 + carrier.index("{}")
        spans.append((start, start + len(phrase)))
        shift += len(sentence)
        at = end
    pieces.append(text[at:])
    return "".join(pieces), spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=160)
    parser.add_argument("--words", type=int, default=250)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    pairs, order = tortured_folds(args.seed)  # the folds of bench_detect.tortured_cross_validation
    texts = texts_of(args.words, args.texts)
    documents = term_documents()
    shipped = Engine.default()
    config = CheckConfig()
    verdicts: dict[tuple[str, int], Counter[str]] = {}
    covered: dict[tuple[str, int], list[int]] = {}
    for fold in range(FOLDS):
        held_out = set(order[fold::FOLDS])
        fold_pairs = [p for i, p in enumerate(pairs) if i not in held_out]
        term_model = fit_term_model(fold_pairs, documents.fit, documents.threshold, args.seed, log=lambda m: None,
                                    prose_documents=documents.prose)
        fold_engine = Engine(lexicon=shipped.lexicon, scorers=shipped.scorers, model=shipped.model,
                             known=KnownPhraseMatcher(make_phrases(fold_pairs)), term_model=term_model)
        tortured = [pairs[i][0] for i in sorted(held_out)]
        rng = random.Random(args.seed * 1000 + fold)
        for number, text in enumerate(texts):
            if number % FOLDS != fold:
                continue
            for count in PHRASES_PUT_IN:
                spun, spans = with_phrases(text, rng.sample(tortured, k=count), rng)
                for arm, bar in (("as shipped", engine_module.SURE_TERM), ("no sure terms", 1.01)):
                    with mock.patch.object(engine_module, "SURE_TERM", bar):
                        analysis = fold_engine.analyse(spun)
                    verdicts.setdefault((arm, count), Counter())[verdict_for(analysis.score, config)] += 1
                    hits = covered.setdefault((arm, count), [0, 0])
                    hits[0] += sum(1 for s, e in spans if any(f.start < e and s < f.end for f in analysis.findings))
                    hits[1] += len(spans)
        print(f"  fold {fold + 1}/{FOLDS} done ({(time.perf_counter() - started) / 60:.1f} minutes)", flush=True)
    print(f"{len(texts)} texts of about {args.words} words (Wikipedia, odd-numbered articles); seed {args.seed}")
    print("| arm | tortured phrases put in | texts | spun | uncertain | clean | phrases a finding covers |")
    print("|---|---|---|---|---|---|---|")
    for (arm, count), tally in verdicts.items():
        n = sum(tally.values())
        hit, total = covered[(arm, count)]
        share = f"{hit / total:.3f}" if total else "-"
        print(f"| {arm} | {count} | {n} | {tally['spun'] / n:.3f} | {tally['uncertain'] / n:.3f} "
              f"| {tally['clean'] / n:.3f} | {share} |")
    print(f"{(time.perf_counter() - started) / 60:.1f} minutes")


if __name__ == "__main__":
    main()
