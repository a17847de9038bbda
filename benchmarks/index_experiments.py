"""Candidate retrieval under spinning: recall@k, false candidates, latency, size and rate.

Half of BBC News (every other article) is indexed, optionally with synthetic distractors
made by recombining sentences of the indexed half (so that every distractor shares a
sentence or two with real sources, a harder crowd than unrelated pages). Queries:

* the indexed articles spun by the benchmark spinner at each rate;
* partial copies: three consecutive paragraphs of an indexed article, spun at 0.35,
  between two unindexed articles;
* negatives: unindexed articles spun at 0.35 (their source is not in the index).

BBC News holds near-duplicate articles; a hit on a near-duplicate of the source counts as
a hit, and articles with a near-duplicate in the indexed half are never used as negatives
or padding. Nothing of the corpus is written to the repository; the index goes to a
temporary folder unless ``--index`` says otherwise.

    python benchmarks/index_experiments.py --synthetic 100000 --queries 300
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from unspun.eval.bench_trace import percentile, synthetic
from unspun.eval.corpus import bbc_articles
from unspun.index import Index, IndexParams
from unspun.models import Document


def near_duplicates(documents: list[Document], threshold: float = 0.3) -> dict[str, set[str]]:
    """Pairs of documents sharing more than ``threshold`` of the smaller one's word 8-grams."""
    shingles = []
    postings: dict[int, list[int]] = defaultdict(list)
    for i, doc in enumerate(documents):
        words = doc.text.lower().split()
        grams = {hash(" ".join(words[j : j + 8])) for j in range(max(0, len(words) - 7))}
        shingles.append(grams)
        for gram in grams:
            postings[gram].append(i)
    groups: dict[str, set[str]] = defaultdict(set)
    for i, grams in enumerate(shingles):
        counts = Counter(j for gram in grams for j in postings[gram] if j != i)
        for j, shared in counts.items():
            if shared / max(1, min(len(grams), len(shingles[j]))) > threshold:
                groups[documents[i].id].add(documents[j].id)
    return groups


def make_spinner(name: str, seed: int) -> Callable[[str, float], str]:
    """``spin(text, rate)`` with the benchmark spinner over the named dictionary."""
    from unspun.eval.spinner import Spinner
    from unspun.eval.thesauri import MobySource, MyThesSource

    source = MyThesSource() if name == "mythes" else MobySource()
    spinners: dict[float, Spinner] = {}

    def spin(text: str, rate: float) -> str:
        if rate not in spinners:
            spinners[rate] = Spinner(source, rate=rate, seed=seed)
        return spinners[rate].spin(text).text

    return spin


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--synthetic", type=int, default=0, help="synthetic distractors to index as well")
    parser.add_argument("--queries", type=int, default=200, help="queries per condition")
    parser.add_argument("--rates", default="0.2,0.35,0.5,0.7")
    parser.add_argument("--spinner", choices=("mythes", "moby"), default="mythes")
    parser.add_argument("--shingle", type=int, default=IndexParams().shingle)
    parser.add_argument("--sample-mod", type=int, default=IndexParams().sample_mod)
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--index", type=Path, help="where to build the index (default: a temporary folder)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    articles = list(bbc_articles())
    indexed = articles[0::2]
    others = articles[1::2]
    dups = near_duplicates(articles)
    indexed_ids = {d.id for d in indexed}
    clean_others = [d for d in others if not (dups.get(d.id, set()) & indexed_ids)]
    rng = random.Random(args.seed)
    spin = make_spinner(args.spinner, args.seed)
    rates = [float(r) for r in args.rates.split(",")]

    t0 = time.perf_counter()
    sources = rng.sample(indexed, min(args.queries, len(indexed)))
    conditions: dict[str, list[tuple[str | None, str]]] = {}
    for rate in rates:
        conditions[f"spun {rate}"] = [(d.id, spin(d.text, rate)) for d in sources]
    partial = []
    for doc in sources:
        paragraphs = doc.text.split("\n\n")
        starts = [i for i in range(max(1, len(paragraphs) - 2)) if len(" ".join(paragraphs[i : i + 3]).split()) >= 80]
        start = rng.choice(starts) if starts else 0
        chunk = "\n\n".join(paragraphs[start : start + 3])
        before, after = rng.sample(clean_others, 2)
        partial.append((doc.id, f"{before.text}\n\n{spin(chunk, 0.35)}\n\n{after.text}"))
    conditions["partial 0.35"] = partial
    negatives = rng.sample(clean_others, min(args.queries, len(clean_others)))
    conditions["unindexed 0.35"] = [(None, spin(d.text, 0.35)) for d in negatives]
    print(
        f"spun {sum(map(len, conditions.values()))} queries with the {args.spinner} spinner in {time.perf_counter() - t0:.0f} s"
    )

    folder = Path(tempfile.mkdtemp(prefix="unspun-index-")) if args.index is None else args.index.parent
    path = args.index or folder / "bench.idx"
    params = IndexParams(shingle=args.shingle, sample_mod=args.sample_mod)
    text_bytes = compressed_bytes = 0

    def stream() -> Iterator[Document]:
        # Generating the distractors happens inside add(): the rate printed is a lower bound.
        nonlocal text_bytes, compressed_bytes
        for i, doc in enumerate(itertools.chain(indexed, synthetic(indexed, args.synthetic, args.seed))):
            raw = doc.text.encode("utf-8")
            text_bytes += len(raw)
            if i % 16 == 0:  # the zlib size of one text in 16 estimates the stored text's size
                compressed_bytes += 16 * len(zlib.compress(raw, 3))
            yield doc

    with Index.create(path, params, overwrite=True) as index:
        started = time.perf_counter()
        result = index.add(stream(), batch_size=args.batch_size)
        seconds = time.perf_counter() - started
    with Index.open(path, readonly=True, params=params) as index:
        stats = index.stats()
        size = stats["bytes"] + stats["wal_bytes"]
        n = stats["documents"]
        print(
            f"indexed {n} documents in {seconds:.1f} s ({result.documents / seconds:.0f} docs/s); "
            f"{size / 1e6:.1f} MB, {stats['postings_per_document']} postings/doc; per document: "
            f"{size / n:.0f} B in all, {(size - text_bytes) / n:.0f} B beyond the raw text, "
            f"{(size - compressed_bytes) / n:.0f} B beyond the zlib text"
        )
        print()
        print(
            "| queries | recall@1 | recall@5 | recall@10 | with candidates | top score p5 / p50 "
            "| top coverage p5 / p50 | candidates() p50 / p95 ms |"
        )
        print("|---|---|---|---|---|---|---|---|")
        top_scores: dict[str, list[float]] = {}
        top_evidence: dict[str, list[float]] = {}
        for name, queries in conditions.items():
            hits = [0, 0, 0]
            latencies = []
            scores: list[float] = []
            coverages: list[float] = []
            evidence: list[float] = []
            answered = 0
            for source, text in queries:
                started = time.perf_counter()
                found = index.candidates(text, 10)
                latencies.append(time.perf_counter() - started)
                scores.append(found[0].score if found else 0.0)
                coverages.append(found[0].coverage if found else 0.0)
                evidence.append(max(found[0].score, found[0].coverage) if found else 0.0)
                answered += bool(found)
                if source is None:
                    continue
                good = {source, *dups.get(source, ())}
                ids = [c.id for c in found]
                for slot, k in enumerate((1, 5, 10)):
                    hits[slot] += bool(good & set(ids[:k]))
            top_scores[name] = scores
            top_evidence[name] = evidence
            m = len(queries)
            recall = " | ".join(f"{h / m:.3f}" if name != "unindexed 0.35" else "-" for h in hits)
            print(
                f"| {name} | {recall} | {answered / m:.3f} | {percentile(scores, 0.05):.3f} / "
                f"{statistics.median(scores):.3f} | {percentile(coverages, 0.05):.3f} / "
                f"{statistics.median(coverages):.3f} | {percentile(latencies, 0.5) * 1e3:.2f} / "
                f"{percentile(latencies, 0.95) * 1e3:.2f} |"
            )
        print()
        for label, table in (("score", top_scores), ("max(score, coverage)", top_evidence)):
            for threshold in (0.05, 0.1, 0.2, 0.3):
                kept = {name: sum(s >= threshold for s in values) / len(values) for name, values in table.items()}
                print(f"top {label} >= {threshold}: " + ", ".join(f"{name} {share:.3f}" for name, share in kept.items()))
            negative = table["unindexed 0.35"]
            print(
                f"unindexed top {label} p50 / p99 / max: {statistics.median(negative):.3f} / "
                f"{percentile(negative, 0.99):.3f} / {max(negative):.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
