"""``unspun bench trace``: the source-tracing benchmark, tables for BENCHMARKS.md.

Data (all built at run time, nothing copied into the repository):

- the index holds the BBC News *test* half (``bbc_split()[1]``), and for the rows "at scale"
  also synthetic distractors made by recombining its sentences (6 to 25 sentences each, so
  every distractor shares a sentence or two with real sources: a harder crowd than
  unrelated pages) up to ``scale`` documents;
- queries, spun by the benchmark spinner with the foreign dictionary (MyThes): ``documents``
  test articles at each rate of :data:`RATES`; partial copies (three consecutive paragraphs
  of the same articles between two unrelated train-half articles, the whole page spun at
  :data:`PARTIAL_RATE`); and ``documents`` train-half articles spun at
  :data:`NEGATIVE_RATE`, whose source is not indexed (negatives).

A train-half article is used as a negative or as padding only if it shares fewer than
:data:`FOREIGN_SHARED_GRAMS` word 8-grams with every test article, that is no copied sentence:
BBC News repeats stories, background paragraphs, team line-ups and stock sentences across
both halves, and a spun copy of such an article does have a (partial) source in the index.

A top match counts as a hit when it is the true source or a near-duplicate of it: an indexed
document that, aligned with the true source's original text, covers at least
:data:`NEAR_DUPLICATE_COVERAGE` of its words (BBC News holds several hundred near-duplicate
articles). The tables say how many hits that rule decided.

Side by side in the same run: datasketch ``MinHashLSH(threshold=0.5, num_perm=128)`` over
word 5-gram shingles of the lower-cased word tokens, the baseline a user would reach for;
its candidates are ranked by estimated Jaccard, and a negative counts as traced when any
candidate comes back.

Indexes are built in a child process (its peak RSS is the build's memory) in a temporary
folder that is removed afterwards.
"""

from __future__ import annotations

import os
import platform
import random
import re
import resource
import shutil
import signal
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from ..config import TraceConfig, require_count
from ..index import Index
from ..models import Document, Substitution
from ..pipeline import SOURCE_FOUND, trace
from .corpus import bbc_split
from .spinner import Edit, Spinner
from .thesauri import MyThesSource

RATES = (0.2, 0.35, 0.5, 0.7)
PARTIAL_RATE = 0.35
NEGATIVE_RATE = 0.35
SUBSTITUTION_RATE = 0.35
PARTIAL_PARAGRAPHS = 3
PARTIAL_MIN_WORDS = 80
NEAR_DUPLICATE_COVERAGE = 0.9
FOREIGN_SHARED_GRAMS = 5
MILLION = 1_000_000
BATCH_SIZE = 2000
SHINGLE = 5
NUM_PERM = 128
LSH_THRESHOLD = 0.5

Log = Callable[[str], None]

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")
_WORD = re.compile(r"[\w']+")


@dataclass(frozen=True)
class Query:
    """A query text, its condition ("spun 0.35", "partial 0.35", "no source 0.35"), the id
    of its true source (``None`` for negatives) and the spinner's true edits."""

    condition: str
    source: str | None
    text: str
    edits: tuple[Edit, ...] = ()


@dataclass
class Counts:
    """Outcomes of one system on one condition."""

    queries: int = 0
    hits: int = 0
    near_duplicate_hits: int = 0
    traced: int = 0


@dataclass
class Column:
    """Everything measured for one system on one index."""

    system: str
    documents: int
    counts: dict[str, Counts] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    lookup_latencies: list[float] = field(default_factory=list)
    substitutions: tuple[int, int, int, int] | None = None  # right, wrong, found, missed
    build: dict[str, Any] = field(default_factory=dict)
    false_sources: list[str] = field(default_factory=list)

    def recall(self, condition: str) -> float:
        counts = self.counts[condition]
        return counts.hits / max(1, counts.queries)


@dataclass
class Results:
    machine: str = ""
    documents: int = 0
    scale: int = 0
    seed: int = 0
    conditions: list[str] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    million: Column | None = None
    negatives_excluded: int = 0
    negatives_pool: int = 0
    load: tuple[float, float] = (0.0, 0.0)
    config: TraceConfig = field(default_factory=TraceConfig)


# -- data ---------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """The lower-cased word tokens of ``text`` (letters, digits, apostrophes)."""
    return _WORD.findall(text.lower())


def shingles(text: str, size: int) -> set[str]:
    """Word ``size``-grams of ``text`` (the whole text when it is shorter)."""
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def foreign(candidates: Sequence[Document], indexed: Sequence[Document], most: int = FOREIGN_SHARED_GRAMS) -> list[Document]:
    """The documents of ``candidates`` that share fewer than ``most`` word 8-grams with every
    document of ``indexed``: no copied sentence, so no source among them."""
    postings: dict[int, list[int]] = {}
    for i, doc in enumerate(indexed):
        for gram in shingles(doc.text, 8):
            postings.setdefault(hash(gram), []).append(i)
    kept = []
    for doc in candidates:
        counts: dict[int, int] = {}
        for key in {hash(g) for g in shingles(doc.text, 8)}:
            for i in postings.get(key, []):
                counts[i] = counts.get(i, 0) + 1
        if max(counts.values(), default=0) < most:
            kept.append(doc)
    return kept


def synthetic(sources: Sequence[Document], count: int, seed: int) -> Iterator[Document]:
    """``count`` distractors recombined from the sentences of ``sources``, ids ``synthetic/<n>``."""
    sentences = [s for d in sources for p in d.text.split("\n\n") for s in _SENTENCE_SPLIT.split(p) if len(s) > 20]
    rng = random.Random(seed)
    for i in range(count):
        picked = [rng.choice(sentences) for _ in range(rng.randint(6, 25))]
        paragraphs, j = [], 0
        while j < len(picked):
            step = rng.randint(2, 5)
            paragraphs.append(" ".join(picked[j : j + step]))
            j += step
        yield Document(f"synthetic/{i}", f"Synthetic {i}", "\n\n".join(paragraphs), source="synthetic")


def passage(document: Document, rng: random.Random) -> str:
    """:data:`PARTIAL_PARAGRAPHS` consecutive paragraphs of ``document``, at least
    :data:`PARTIAL_MIN_WORDS` words long where the article allows it."""
    paragraphs = document.text.split("\n\n")
    n = PARTIAL_PARAGRAPHS
    starts = [
        i for i in range(max(1, len(paragraphs) - n + 1)) if len(" ".join(paragraphs[i : i + n]).split()) >= PARTIAL_MIN_WORDS
    ]
    start = rng.choice(starts) if starts else 0
    return "\n\n".join(paragraphs[start : start + n])


def make_queries(
    sources: Sequence[Document],
    others: Sequence[Document],
    documents: int,
    seed: int,
    rates: Sequence[float] = RATES,
    log: Log = print,
) -> list[Query]:
    """Spun copies of ``documents`` of ``sources`` at each rate, partial copies padded with
    articles of ``others``, and ``documents`` spun articles of ``others`` (no source)."""
    rng = random.Random(seed)
    dictionary = MyThesSource()
    spinners: dict[float, Spinner] = {}

    def spin(text: str, rate: float) -> tuple[str, tuple[Edit, ...]]:
        spinner = spinners.setdefault(rate, Spinner(dictionary, rate=rate, seed=seed + 1))
        spun = spinner.spin(text)
        return spun.text, spun.edits

    picked = rng.sample(list(sources), min(documents, len(sources)))
    negatives = rng.sample(list(others), min(documents, len(others)))
    queries = []
    for rate in rates:
        for doc in picked:
            queries.append(Query(f"spun {rate}", doc.id, *spin(doc.text, rate)))
        log(f"  spun {len(picked)} articles at {rate}")
    for doc in picked:
        before, after = rng.sample(list(others), 2)
        page = f"{before.text}\n\n{passage(doc, rng)}\n\n{after.text}"
        queries.append(Query(f"partial {PARTIAL_RATE}", doc.id, spin(page, PARTIAL_RATE)[0]))
    for doc in negatives:
        queries.append(Query(f"no source {NEGATIVE_RATE}", None, spin(doc.text, NEGATIVE_RATE)[0]))
    log(f"  made {len(picked)} partial copies and {len(negatives)} negatives")
    return queries


# -- building -----------------------------------------------------------------------------


def build_index(path: str, scale: int, seed: int, batch_size: int = BATCH_SIZE) -> dict[str, Any]:
    """Index the test half plus synthetic distractors up to ``scale`` documents at ``path``.

    Meant to run in a child process: the peak RSS it reports is that of the build.
    Generating the distractors happens inside the add, so the rate is a lower bound.
    """
    _, test = bbc_split()
    count = max(0, scale - len(test))
    text_bytes = stored_bytes = 0

    def stream() -> Iterator[Document]:
        nonlocal text_bytes, stored_bytes
        for doc in _chain(test, synthetic(test, count, seed)):
            raw = doc.text.encode("utf-8")
            text_bytes += len(raw)
            stored_bytes += len(zlib.compress(raw, 3))  # the index stores texts zlib-compressed at level 3
            yield doc

    began = time.perf_counter()
    with Index.create(path, overwrite=True) as index:
        result = index.add(stream(), batch_size=batch_size)
        index.compact()
    seconds = time.perf_counter() - began
    with Index.open(path, readonly=True) as index:
        stats = index.stats()
    return {
        "documents": stats["documents"],
        "seconds": seconds,
        "rate": result.documents / seconds if seconds else 0.0,
        "bytes": stats["bytes"] + stats["wal_bytes"],
        "text_bytes": text_bytes,
        "stored_text_bytes": stored_bytes,
        "postings_per_document": stats["postings_per_document"],
        "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }


def _chain(first: Sequence[Document], rest: Iterator[Document]) -> Iterator[Document]:
    yield from first
    yield from rest


def build_in_child(path: Path, scale: int, seed: int) -> dict[str, Any]:
    """:func:`build_index` in a fresh process (its peak memory is then measured alone)."""
    result: dict[str, Any] = run_in_child(build_index, str(path), scale, seed)
    return result


def run_in_child(function: Callable[..., Any], *args: Any) -> Any:
    """``function(*args)`` in a fresh process, stopped with the caller: on Ctrl-C, SIGTERM
    (:class:`unspun.cli.Terminated`) or any error here the child is terminated. (A process
    pool's exit waited for the child to finish: a SIGTERM sent to the benchmark alone, as
    ``timeout`` and schedulers send it, took as long as the index build, minutes with
    ``--million``.)"""
    context = get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_send_outcome, args=(sending, function, args), daemon=True)
    child.start()
    sending.close()  # the child's copy is the only one left: its death ends the pipe
    try:
        kind, value = receiving.recv()
    except EOFError:
        child.join()
        raise RuntimeError(f"the benchmark's child process ended without a result (exit code {child.exitcode})") from None
    except BaseException:
        child.terminate()
        child.join()
        raise
    finally:
        receiving.close()
    child.join()
    if kind == "error":
        raise value
    return value


def _send_outcome(sending: Any, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    # Ctrl-C is the parent's to handle (it terminates this child): here it printed a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        outcome: tuple[str, Any] = ("result", function(*args))
    except Exception as error:  # sent to the parent, which raises it
        outcome = ("error", error)
    sending.send(outcome)
    sending.close()


class MinHashBaseline:
    """datasketch MinHashLSH over word shingles: what a user would reach for.

    >>> base = MinHashBaseline()
    >>> base.add([Document("a", "", "one two three four five six seven eight nine ten")])
    >>> [doc_id for doc_id, _ in base.query("one two three four five six seven eight nine ten")]
    ['a']
    """

    def __init__(self, threshold: float = LSH_THRESHOLD, num_perm: int = NUM_PERM, shingle: int = SHINGLE) -> None:
        from datasketch import MinHash, MinHashLSH

        self.shingle = shingle
        self.num_perm = num_perm
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._first = MinHash(num_perm=num_perm)
        self.signatures: dict[str, Any] = {}

    def minhash(self, text: str) -> Any:
        from datasketch import MinHash

        m = MinHash(num_perm=self.num_perm, permutations=self._first.permutations, scheme=self._first.scheme)
        m.update_batch([s.encode("utf-8") for s in shingles(text, self.shingle)])
        return m

    def add(self, documents: Iterator[Document] | Sequence[Document]) -> None:
        from datasketch import LeanMinHash

        with self.lsh.insertion_session() as session:
            for doc in documents:
                m = LeanMinHash(self.minhash(doc.text))
                self.signatures[doc.id] = m
                session.insert(doc.id, m)

    def query(self, text: str) -> list[tuple[str, float]]:
        """Candidates with their estimated Jaccard similarity, best first."""
        m = self.minhash(text)
        found = [(key, m.jaccard(self.signatures[key])) for key in self.lsh.query(m)]
        return sorted(found, key=lambda pair: (-pair[1], pair[0]))

    def size_bytes(self) -> int:
        """Bytes of the pickled LSH tables and signatures (it lives in memory)."""
        import pickle

        return len(pickle.dumps((self.lsh, self.signatures), protocol=pickle.HIGHEST_PROTOCOL))


# -- measuring ----------------------------------------------------------------------------


class NearDuplicates:
    """Whether an indexed document may stand for a query's true source (cached per pair)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._cache: dict[tuple[str, str], bool] = {}

    def __call__(self, found: str, source: str) -> bool:
        from ..alignment import align

        key = (found, source)
        if key not in self._cache:
            a, b = self.index.get(found), self.index.get(source)
            self._cache[key] = a is not None and b is not None and align(a.text, b.text).coverage >= NEAR_DUPLICATE_COVERAGE
        return self._cache[key]


def _score(column: Column, query: Query, top: str | None, traced: bool, same: NearDuplicates) -> None:
    counts = column.counts.setdefault(query.condition, Counts())
    counts.queries += 1
    counts.traced += traced
    if query.source is None:
        if traced:
            column.false_sources.append(top or "?")
        return
    if top == query.source:
        counts.hits += 1
    elif top is not None and same(top, query.source):
        counts.hits += 1
        counts.near_duplicate_hits += 1


def substitution_counts(substitutions: Sequence[Substitution], edits: Sequence[Edit]) -> tuple[int, int, int, int]:
    """``(right, wrong, found, missed)``: a substitution is right when it overlaps a true edit
    (spun-side spans; source-side spans for a dropped word, whose spun span is empty); a true
    edit is found when some substitution overlaps it. Every kind of edit counts, "a" -> "an"
    included: the aligner reports it, so it is a true change to find.

    >>> e = Edit("synonym", "big", "large", 4, 7, 4, 9)
    >>> substitution_counts([Substitution("big", "large", 4, 7, 4, 9)], [e])
    (1, 0, 1, 0)
    """

    def overlaps(s: Substitution, e: Edit) -> bool:
        if s.start < s.end:
            return s.start < e.end and e.start < s.end
        return s.source_start < e.source_end and e.source_start < s.source_end

    right = sum(1 for s in substitutions if any(overlaps(s, e) for e in edits))
    found = sum(1 for e in edits if any(overlaps(s, e) for s in substitutions))
    return right, len(substitutions) - right, found, len(edits) - found


def lookup(text: str, index: Index, config: TraceConfig) -> int:
    """The source-finding part of :func:`~unspun.pipeline.trace` alone (candidates, fetch,
    alignment; no source-free detection): how many candidates were aligned."""
    from ..alignment import align

    aligned = 0
    for candidate in index.candidates(text, k=config.candidates):
        if max(candidate.score, candidate.coverage) < config.min_candidate_score:
            continue
        source = index.get(candidate.id)
        if source is not None:
            align(source.text, text)
            aligned += 1
    return aligned


def run_unspun(path: Path, queries: Sequence[Query], config: TraceConfig, log: Log, substitutions: bool = True) -> Column:
    """Trace every query through the index at ``path``."""
    with Index.open(path, readonly=True) as index:
        column = Column("unspun", len(index))
        same = NearDuplicates(index)
        right = wrong = found = missed = 0
        # Warm the caches (SQLite pages, dictionary tables) and, with a query of no source,
        # the source-free detector that only such a query runs: its load was timed as a query's.
        warming = [*queries[:5], *[query for query in queries if query.source is None][:1]]
        for query in warming:
            trace(query.text, index, config)
        for query in queries:
            began = time.perf_counter()
            report = trace(query.text, index, config)
            column.latencies.append(time.perf_counter() - began)
            began = time.perf_counter()
            lookup(query.text, index, config)
            column.lookup_latencies.append(time.perf_counter() - began)
            traced = report.trace_verdict == SOURCE_FOUND
            best = report.matches[0] if report.matches else None
            top = best.id if best is not None else None
            _score(column, query, top, traced, same)
            if best is not None and query.source is None:
                log(
                    f"  no-source query traced to {best.id}: coverage {best.coverage:.3f}, "
                    f"{len(best.substitutions)} substitutions"
                )
            if substitutions and best is not None and query.condition == f"spun {SUBSTITUTION_RATE}" and top == query.source:
                counts = substitution_counts(best.substitutions, query.edits)
                right, wrong, found, missed = (x + y for x, y in zip((right, wrong, found, missed), counts, strict=True))
        if substitutions:
            column.substitutions = (right, wrong, found, missed)
    log(f"  unspun on {column.documents:,} documents: " + _summary(column))
    return column


def run_baseline(baseline: MinHashBaseline, path: Path, queries: Sequence[Query], log: Log) -> Column:
    """Query the MinHash baseline; near-duplicates are judged with the texts of the index at ``path``."""
    with Index.open(path, readonly=True) as index:
        column = Column("MinHash LSH", len(baseline.signatures))
        same = NearDuplicates(index)
        for query in queries:
            began = time.perf_counter()
            found = baseline.query(query.text)
            column.latencies.append(time.perf_counter() - began)
            _score(column, query, found[0][0] if found else None, bool(found), same)
    log(f"  MinHash LSH on {column.documents:,} documents: " + _summary(column))
    return column


def build_baseline(documents: Iterator[Document] | Sequence[Document], log: Log) -> tuple[MinHashBaseline, dict[str, Any]]:
    baseline = MinHashBaseline()
    text_bytes = 0

    def counted() -> Iterator[Document]:
        nonlocal text_bytes
        for doc in documents:
            text_bytes += len(doc.text.encode("utf-8"))
            yield doc

    began = time.perf_counter()
    baseline.add(counted())
    seconds = time.perf_counter() - began
    n = len(baseline.signatures)
    build = {
        "documents": n,
        "seconds": seconds,
        "rate": n / seconds if seconds else 0.0,
        "bytes": baseline.size_bytes(),
        "text_bytes": text_bytes,
        "stored_text_bytes": 0,
    }
    log(f"  MinHash LSH: {n:,} documents in {seconds:.1f} s")
    return baseline, build


def _summary(column: Column) -> str:
    parts = [
        f"{name} {c.hits / max(1, c.queries):.3f}" if not name.startswith("no source") else f"{name} traced {c.traced}"
        for name, c in column.counts.items()
    ]
    return ", ".join(parts) + f"; p50 {percentile(column.latencies, 0.5) * 1e3:.1f} ms"


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile of ``values`` (nearest rank), NaN when empty."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def run(
    documents: int = 300,
    scale: int = 100_000,
    million: bool = False,
    seed: int = 0,
    rates: Sequence[float] = RATES,
    config: TraceConfig = TraceConfig(),
    log: Log = print,
) -> Results:
    """Build the indexes, run every query through unspun and the MinHash baseline."""
    require_count("documents", documents)
    require_count("scale", scale)
    train, test = bbc_split()
    results = Results(
        machine=f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        scale=scale,
        seed=seed,
        config=config,
    )
    clean = foreign(train, test)
    results.negatives_pool = len(clean)
    results.negatives_excluded = len(train) - len(clean)
    log(
        f"  {len(clean)} train articles usable as negatives and padding "
        f"({results.negatives_excluded} share a sentence with the test half)"
    )
    queries = make_queries(test, clean, documents, seed, rates, log)
    results.documents = sum(1 for q in queries if q.condition == f"spun {rates[0]}")
    results.conditions = list(dict.fromkeys(q.condition for q in queries))
    _note_load(results)

    folder = Path(tempfile.mkdtemp(prefix="unspun-bench-trace-"))
    try:
        sizes = [0, scale] if scale > len(test) else [0]
        for size in sizes:
            path = folder / f"index-{size}.idx"
            build = build_in_child(path, size, seed)
            log(f"  indexed {build['documents']:,} documents in {build['seconds']:.1f} s ({build['rate']:,.0f} docs/s)")
            _note_load(results)
            column = run_unspun(path, queries, config, log)
            column.build = build
            _note_load(results)
            docs = test if size == 0 else _chain(test, synthetic(test, size - len(test), seed))
            baseline, base_build = build_baseline(docs, log)
            base_column = run_baseline(baseline, path, queries, log)
            base_column.build = base_build
            _note_load(results)
            del baseline
            results.columns += [column, base_column]
            path.unlink(missing_ok=True)
        if million:
            path = folder / "index-million.idx"
            build = build_in_child(path, MILLION, seed)
            log(f"  indexed {build['documents']:,} documents in {build['seconds']:.0f} s ({build['rate']:,.0f} docs/s)")
            _note_load(results)
            results.million = run_unspun(path, queries, config, log)
            results.million.build = build
            _note_load(results)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return results


def _note_load(results: Results) -> None:
    """Keep the highest 1- and 5-minute load averages seen between the stages of a run."""
    one, five, _ = os.getloadavg()
    results.load = (max(results.load[0], one), max(results.load[1], five))


# -- tables -------------------------------------------------------------------------------


def _ms(values: Sequence[float]) -> str:
    return f"{percentile(values, 0.5) * 1e3:.1f} / {percentile(values, 0.95) * 1e3:.1f}"


def _per_document(build: dict[str, Any]) -> str:
    n = max(1, build["documents"])
    beyond = (build["bytes"] - build["stored_text_bytes"]) / n
    return f"{beyond / 1000:.2f} KB"


def format_tables(results: Results, command: str) -> str:
    """The Markdown tables of a run, for BENCHMARKS.md."""
    cols = results.columns
    header = " | ".join(f"{c.system}, {c.documents:,} docs" for c in cols)
    lines = [
        f"Command: `{command}` ({results.documents} BBC test articles per condition; machine: {results.machine}; "
        f"highest load average seen between stages {results.load[0]:.1f} (1 min) / {results.load[1]:.1f} (5 min) "
        f"on {os.cpu_count()} cores, shared with other jobs)",
        "",
        f"| measure | target | {header} |",
        "|---|---|" + "---|" * len(cols),
    ]
    targets = {"spun 0.5": ">= 0.99", "spun 0.7": ">= 0.95", f"partial {PARTIAL_RATE}": ">= 0.95"}
    for condition in results.conditions:
        if condition.startswith("no source"):
            continue
        label = (
            f"recall@1, {condition.replace('spun ', 'spun at ')} (foreign dictionary)"
            if condition.startswith("spun")
            else f"recall@1, partial copies ({PARTIAL_PARAGRAPHS} paragraphs between two unrelated articles), rate {PARTIAL_RATE}"
        )
        lines.append(
            f"| {label} | {targets.get(condition, '')} | " + " | ".join(f"{c.recall(condition):.3f}" for c in cols) + " |"
        )
    negative = next(c for c in results.conditions if c.startswith("no source"))
    lines.append(
        f"| spun documents with no source reported as traced to something (rate {NEGATIVE_RATE}) | <= 1% | "
        + " | ".join(
            f"{c.counts[negative].traced} / {c.counts[negative].queries} "
            f"({c.counts[negative].traced / max(1, c.counts[negative].queries):.1%})"
            for c in cols
        )
        + " |"
    )
    cells = []
    for c in cols:
        if c.substitutions is None:
            cells.append("n/a")
            continue
        right, wrong, found, missed = c.substitutions
        cells.append(f"{right / max(1, right + wrong):.3f} / {found / max(1, found + missed):.3f}")
    lines.append(
        f"| substitutions found vs the spinner's true edits at {SUBSTITUTION_RATE}, precision / recall | "
        ">= 0.95 / >= 0.95 | " + " | ".join(cells) + " |"
    )
    lines.append(
        "| query latency p50 / p95 ms (unspun: full `trace()`, alignment, source-free detection when no source "
        "is found or none explains the page) | "
        "<= 20 / <= 50 at 100k | " + " | ".join(_ms(c.latencies) for c in cols) + " |"
    )
    lines.append(
        "| source lookup alone p50 / p95 ms (candidates, fetch, alignment; no source-free detection) | | "
        + " | ".join(_ms(c.lookup_latencies) if c.lookup_latencies else "" for c in cols)
        + " |"
    )
    lines.append(
        "| index size per document beyond its (zlib-compressed) text | <= 2 KB | "
        + " | ".join(_per_document(c.build) for c in cols)
        + " |"
    )
    lines.append(
        "| indexing rate, docs/s (unspun: SQLite on disk, one process) | >= 1,000 | "
        + " | ".join(f"{c.build['rate']:,.0f}" for c in cols)
        + " |"
    )
    near = ", ".join(f"{c.system} on {c.documents:,}: {sum(x.near_duplicate_hits for x in c.counts.values())}" for c in cols)
    queries = sum(x.queries for x in cols[0].counts.values())
    unspun = [c for c in cols if c.system == "unspun"]
    config = results.config
    lines += [
        "",
        f"- {queries} queries per column, the same in every column.",
        f"- Near-duplicates: a top match other than the true source counts as a hit when, aligned with the true "
        f"source's original text, it covers >= {NEAR_DUPLICATE_COVERAGE} of its words. Hits decided that way: {near}.",
        f"- Negatives and padding: train-half articles sharing fewer than {FOREIGN_SHARED_GRAMS} word 8-grams with "
        f"every test article, i.e. no copied sentence ({results.negatives_excluded} of "
        f"{results.negatives_excluded + results.negatives_pool} train articles excluded).",
        f"- Substitutions: scored on the spun-at-{SUBSTITUTION_RATE} queries whose top match is the true source. A "
        "substitution is right when its spun span (its source span for a dropped word) overlaps a true edit; an edit "
        'is found when a substitution overlaps it. Every edit kind counts, "a" -> "an" included.',
        "- Index size: the SQLite file and its WAL minus the zlib-compressed texts it stores; in all "
        + ", ".join(
            f"{c.build['bytes'] / max(1, c.build['documents']) / 1000:.2f} KB per document at {c.documents:,} "
            f"(raw text {c.build['text_bytes'] / max(1, c.build['documents']) / 1000:.2f} KB)"
            for c in unspun
        )
        + ". MinHash LSH: its pickled tables and signatures (it keeps no text, so it cannot align).",
        "- Peak RSS of the unspun build processes (includes memory-mapped index pages, up to 1 GiB): "
        + ", ".join(f"{c.build['peak_rss'] / 1e6:,.0f} MB at {c.documents:,}" for c in unspun)
        + ".",
        f"- TraceConfig: candidates={config.candidates}, min_candidate_score={config.min_candidate_score}, "
        f"min_coverage={config.min_coverage}, min_aligned_words={config.min_aligned_words}.",
    ]
    if results.million is not None:
        m = results.million
        b = m.build
        recalls = ", ".join(f"{name} {m.recall(name):.3f}" for name in results.conditions if not name.startswith("no source"))
        lines += [
            "",
            "| 1,000,000 documents (unspun) | measured |",
            "|---|---|",
            f"| build time (add + compact) | {b['seconds'] / 60:.1f} min ({b['rate']:,.0f} docs/s) |",
            f"| disk | {b['bytes'] / 1e9:.2f} GB ({_per_document(b)} per document beyond the zlib text) |",
            f"| RAM (peak RSS of the build process) | {b['peak_rss'] / 1e6:,.0f} MB |",
            f"| query latency p50 / p95 ms, full trace | {_ms(m.latencies)} |",
            f"| source lookup alone p50 / p95 ms | {_ms(m.lookup_latencies)} |",
            f"| recall@1 | {recalls} |",
            f"| no-source queries traced | {m.counts[negative].traced} / {m.counts[negative].queries} |",
        ]
    return "\n".join(lines)
