"""The term detector with and without a term table, at equal window thresholds.

    .venv/bin/python benchmarks/technical_terms_sweep.py [--phrases N] [--without technical|field ...]
        [--with-table TERMS.txt.gz]

A new source of known terms changes the term model and where its threshold falls, so the
benchmark's single operating point mixes two effects. This script separates them: 5-fold
cross-validation on the dev list in the benchmark's folds and carrier sentences (each fold's
term model fitted without the fold's phrases), once with every shipped source and once
without each table named by ``--without`` (default: the technical-term table; session 10
added the field-term table), and for each window threshold: the share of tortured phrases flagged,
flagged with the expected suggestion first, expected phrases flagged, and restored terms per
1,000 words of clean text no term model learned from (the Lee corpus and the Wikipedia
articles, judged by the first fold's model). It scores the term detector alone, so its
"flagged" leaves out what the swap detector and the list flag in the benchmark. Prints a
Markdown table.

``--with-table`` adds one more arm: every shipped source with a candidate table's terms (a
gzipped file as ``benchmarks/wiki_terms_table.py`` writes) joined to the field-term table, so
the term model reads them with the field terms' source feature (each fold's model is refitted).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import gzip
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

from unspun.detect import terms
from unspun.detect.context import TextContext
from unspun.detect.known_phrases import clean_expected, load_list, make_phrases
from unspun.detect.term_sources import Firsts, Index, Terms, by_key, index_keys, term_words
from unspun.detect.terms import TermRestorer
from unspun.eval.bench_detect import CARRIERS, FOLDS
from unspun.eval.corpus import lee_articles, wikipedia_articles
from unspun.eval.metrics import normalise_phrase
from unspun.eval.train_terms import carrier, fit_term_model, term_documents
from unspun.lexicon import Lexicon
from unspun.models import Finding

THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85)


@dataclass
class Evidence:
    """Per phrase: the most probable window over it (and whether it restores the expected
    term); per clean corpus: every window's probability."""

    tortured: list[tuple[float, bool]] = field(default_factory=list)
    expected: list[float] = field(default_factory=list)
    clean: dict[str, tuple[list[float], int]] = field(default_factory=dict)  # probabilities, words


def strongest(restorer: TermRestorer, text: str, start: int, end: int) -> Finding | None:
    findings = [f for f in restorer.find(TextContext.build(text), threshold=0.0) if f.start < end and start < f.end]
    return max(findings, key=lambda f: f.confidence, default=None)


def collect(phrases: int | None, seed: int = 0) -> Evidence:
    lexicon = Lexicon.load()
    pairs = [(t, e) for t, e in load_list() if clean_expected(e)[0]]
    order = list(range(len(pairs)))
    random.Random(seed).shuffle(order)
    sampled = set(order[:phrases]) if phrases else set(order)
    term_docs = term_documents()
    evidence = Evidence()
    for fold in range(FOLDS):
        held_out = set(order[fold::FOLDS])
        fold_pairs = [p for i, p in enumerate(pairs) if i not in held_out]
        model = fit_term_model(fold_pairs, term_docs.fit, term_docs.threshold, seed, log=lambda m: None)
        # Without its gate: the sweep reads windows at every bar, below the lowest the gate serves.
        restorer = TermRestorer(make_phrases(fold_pairs), lexicon, dataclasses.replace(model, gate=None))
        for i in sorted(held_out & sampled):
            tortured, expected = pairs[i]
            wanted = {normalise_phrase(x) for x in (clean_expected(expected)[0], *clean_expected(expected)[1])}
            text, start, end = carrier(tortured, i, CARRIERS)
            finding = strongest(restorer, text, start, end)
            right = finding is not None and normalise_phrase(
                text[start : finding.start] + (finding.suggestion or "") + text[finding.end : end]) in wanted
            evidence.tortured.append((finding.confidence if finding else 0.0, right))
            text, start, end = carrier(clean_expected(expected)[0] or expected, i, CARRIERS)
            finding = strongest(restorer, text, start, end)
            evidence.expected.append(finding.confidence if finding else 0.0)
        if fold == 0:
            for name, documents in (("Lee", lee_articles()), ("Wikipedia", wikipedia_articles())):
                words = sum(len(d.text.split()) for d in documents)
                found = [f.confidence for d in documents for f in restorer.find(TextContext.build(d.text), threshold=0.0)]
                evidence.clean[name] = (found, words)
    return evidence


def rows(name: str, evidence: Evidence) -> list[str]:
    lines = []
    for bar in THRESHOLDS:
        n = len(evidence.tortured)
        flagged = sum(p >= bar for p, _ in evidence.tortured) / n
        right = sum(p >= bar and ok for p, ok in evidence.tortured) / n
        expected = sum(p >= bar for p in evidence.expected) / len(evidence.expected)
        clean = " | ".join(f"{1000 * sum(p >= bar for p in found) / words:.2f}"
                           for found, words in evidence.clean.values())
        lines.append(f"| {name} | {bar:.2f} | {flagged:.3f} | {right:.3f} | {expected:.3f} | {clean} |")
    return lines


def _without(sources: Callable[[Lexicon], dict[str, Terms]], name: str, lexicon: Lexicon) -> dict[str, Terms]:
    return {**sources(lexicon), name: {}}


def _with_table(sources: Callable[[Lexicon], dict[str, Terms]], table: Terms, lexicon: Lexicon) -> dict[str, Terms]:
    shipped = sources(lexicon)
    joined = dict(table)
    for key, spellings in shipped["field"].items():
        joined[key] = tuple(sorted({*joined.get(key, ()), *spellings}))
    return {**shipped, "field": joined}


def _read_table(path: str) -> Terms:
    lines = gzip.decompress(Path(path).read_bytes()).decode("utf-8").splitlines()
    return by_key((line for line in lines if line and not line.startswith("#")), split=term_words)


def _index_of(sources: Callable[[Lexicon], dict[str, Terms]], lexicon: Lexicon) -> tuple[Index, Firsts]:
    """The restorer's index of the keys of ``sources`` (an arm's: the cached one holds every table)."""
    return index_keys({key for table in sources(lexicon).values() for key in table})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phrases", type=int, help="a seeded sample of the list (default: all)")
    parser.add_argument("--without", nargs="+", choices=("technical", "field"), default=["technical"],
                        help="the tables to leave out, one arm each (default: technical)")
    parser.add_argument("--with-table", help="a candidate term table (gzip, one term per line) for one more arm")
    args = parser.parse_args()
    every_source = terms.known_sources
    arms: list[tuple[str, Callable[[Lexicon], dict[str, Terms]]]]
    if args.with_table:  # the shipped sources and the candidate: --without's arms are another question
        arms = [("every shipped source", every_source),
                (f"with {Path(args.with_table).name}",
                 functools.partial(_with_table, every_source, _read_table(args.with_table)))]
    else:
        arms = [(f"no {name} terms", functools.partial(_without, every_source, name)) for name in args.without]
        arms.append(("every shipped source", every_source))
    table = []
    for name, sources in arms:
        with (mock.patch.object(terms, "known_sources", sources),
              mock.patch.object(terms, "known_index", functools.partial(_index_of, sources))):
            table += rows(name, collect(args.phrases))
    print("| known terms | window threshold | tortured flagged | flagged, expected first | expected flagged "
          "| restored terms per 1,000 words: Lee | Wikipedia |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(table))


if __name__ == "__main__":
    main()
