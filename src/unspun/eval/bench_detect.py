"""``unspun bench detect``: the detection benchmark, tables for BENCHMARKS.md.

Data (all built at run time, nothing copied into the repository):

- BBC News *test* half (``bbc_split()``; models never saw it): the clean originals, and copies
  spun by the benchmark spinner at each rate with the foreign dictionary (MyThes, which the
  detector does not use) and the shared one (Moby, which it does);
- the tortured-phrase dev list in short carrier sentences, with 5-fold cross-validation: the
  known-phrase list and the tortured-term model (``train_terms.fit_term_model``; in deep mode
  with its verifier, ``fit_term_verifier``) used on a fold are built from the other four folds
  only; the expected phrases in the same carriers are the negatives.

Side by side in the same run: the list-only matcher (the known-phrase detector alone, built
from the same list), which is what exact-match screening does today, and a TF-IDF document
classifier trained on the fast models' data (:mod:`unspun.eval.baselines`), which is what
the literature's spun-document classifiers do (document rows only: it finds no phrases).
"""

from __future__ import annotations

import itertools
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..config import CheckConfig, require_count
from ..detect.engine import Engine
from ..detect.known_phrases import KnownPhraseMatcher, clean_expected, load_list, make_phrases
from ..models import Document, Finding
from .baselines import TfidfClassifier, train_tfidf_classifier
from .corpus import bbc_split, bench_sample
from .metrics import PhraseCounts, auc, calibration_table, document_f1, expected_calibration_error, normalise_phrase
from .spinner import Spinner, filler_free
from .thesauri import MobySource, MyThesSource
from .train_terms import carrier, fit_term_model, fit_term_verifier, term_documents

RATES = (0.1, 0.2, 0.3, 0.5)
SPUN_THRESHOLD = CheckConfig().spun_threshold  # the default verdict "spun"
CLASSIFIER_BAR = 0.5  # a baseline classifier's "spun": its predicted class
CARRIERS = (
    "In this study, the {} was used to analyse the data.",
    "We compare the {} with earlier methods in Table 2.",
    "Results show that the {} improves the overall performance.",
)
"""The sentences tortured phrases are scored in (the verifier learns from other ones)."""
FOLDS = 5
TORTURED_LIST = "tortured list, cross-validated"
"""The "dictionary" of the suggestion-confidence rows measured on the tortured phrases."""
CRAWL_WARMUP = 1000
"""Articles checked before the "deep into a crawl" speed figure (the memos hold their words)."""
FILLER_FREE_RATES = (0.1, 0.2)
"""Rates at which the foreign dictionary also spins without filler, as rewriters that only
swap words do (WordAi-style): the filler is the strongest document-level habit the
detector learned, and these rows show what is left without it."""

Log = Callable[[str], None]


@dataclass
class System:
    """A detector under test: a name and a function text -> (findings, document score)."""

    name: str
    analyse: Callable[[str], tuple[list[Finding], float]]
    finds_phrases: bool = True  # False: a document classifier, whose phrase rows are "-"
    spun_bar: float = SPUN_THRESHOLD  # a score at least this is a "spun" verdict


@dataclass
class Results:
    machine: str = ""
    documents: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)
    clean: list[dict[str, Any]] = field(default_factory=list)
    tortured: list[dict[str, Any]] = field(default_factory=list)
    speed: dict[str, dict[str, Any]] = field(default_factory=dict)
    calibration: list[tuple[str, int, float, float]] = field(default_factory=list)
    ece: float = 0.0
    phrases: int | None = None
    bars: dict[str, float] = field(default_factory=dict)  # each system's "spun" bar
    # (system, dictionary) -> per true finding with one: (kind, suggestion confidence, suggestion right)
    suggestions: dict[tuple[str, str], list[tuple[str, float, bool]]] = field(default_factory=dict)


def engine_system(engine: Any, name: str = "unspun") -> System:
    """``engine`` (fast or deep) with the findings a report gets: the capitalised repeats too
    (``pipeline.analyse``)."""
    from ..detect.repeats import with_capitalised_repeats

    def analyse(text: str) -> tuple[list[Finding], float]:
        analysis = engine.analyse(text)
        return with_capitalised_repeats(analysis.context, analysis.findings), analysis.score

    return System(name, analyse)


def list_only_system(matcher: KnownPhraseMatcher) -> System:
    """Exact list matching: a text is spun when any confident listed phrase occurs."""

    def analyse(text: str) -> tuple[list[Finding], float]:
        findings = matcher.find(text)
        return findings, max((f.confidence for f in findings), default=0.0)

    return System("list only", analyse)


def classifier_system(classifier: TfidfClassifier) -> System:
    """A document classifier: a score, no findings; "spun" where it says so, at a
    probability of one half (its own decision rule: unspun's verdict bar is a choice of
    unspun's, placed on its calibrated score)."""

    def analyse(text: str) -> tuple[list[Finding], float]:
        return [], classifier.probability(text)

    return System("tf-idf classifier", analyse, finds_phrases=False, spun_bar=CLASSIFIER_BAR)


def run(documents: int = 300, rates: Sequence[float] = RATES, seed: int = 0, deep: bool = False,
        log: Log = print, phrases: int | None = None, lm_name: str | None = None) -> Results:
    """Run every data set through unspun, the list-only matcher and the TF-IDF classifier
    (whose training on the train half takes about a minute); deep mode reads with the
    language model ``lm_name`` (``None``: the default)."""
    require_count("documents", documents)
    # The dictionaries first: a missing MyThes was found after a minute of training.
    foreign, shared = MyThesSource(), MobySource()
    engines: dict[str, Any] = {"unspun fast": Engine.default()}
    if deep:
        engines["unspun deep"] = _engine(True, lm_name)
    systems = [*(engine_system(e, name) for name, e in engines.items()), list_only_system(KnownPhraseMatcher.default()),
               classifier_system(train_tfidf_classifier(seed, log))]
    results = Results(machine=f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    sample = bench_sample(documents, seed)
    results.documents = len(sample)
    results.phrases = phrases
    results.bars = {system.name: system.spun_bar for system in systems}

    scores: list[float] = []
    labels: list[bool] = []
    clean_scores: dict[str, list[float]] = {}
    for system in systems:
        words = false_findings = flagged = 0
        system_scores = []
        for document in sample:
            findings, score = system.analyse(document.text)
            words += len(document.text.split())
            false_findings += len(findings)
            flagged += score >= system.spun_bar
            system_scores.append(score)
        clean_scores[system.name] = system_scores
        false_per_1000 = 1000 * false_findings / words if system.finds_phrases else None
        results.clean.append({"system": system.name, "documents": len(sample), "flagged": flagged,
                              "flagged_share": flagged / len(sample), "false_per_1000": false_per_1000})
        log(f"  clean, {system.name}: {flagged} flagged"
            + (f", {false_per_1000:.2f} false findings per 1000 words" if false_per_1000 is not None else ""))
    scores += clean_scores[systems[0].name]
    labels += [False] * len(sample)

    spinners = [(dictionary.name, Spinner(dictionary, rate=rate, seed=seed + 1))
                for dictionary in (foreign, shared) for rate in rates]
    spinners += [(f"{MyThesSource.name}, no filler", filler_free(foreign, rate, seed + 1))
                 for rate in rates if rate in FILLER_FREE_RATES]
    for label, spinner in spinners:
        rate = spinner.rate
        spun = [spinner.spin(document.text) for document in sample]
        for system in systems:
            counts = PhraseCounts()
            flagged = 0
            for copy in spun:
                findings, score = system.analyse(copy.text)
                counts.add(findings, copy.edits)
                flagged += score >= system.spun_bar
                if system is systems[0] and label in (MyThesSource.name, MobySource.name):
                    # The calibration table keeps to the spinner the models learned from.
                    scores.append(score)
                    labels.append(True)
            if label in (MyThesSource.name, MobySource.name) and system.finds_phrases:
                results.suggestions.setdefault((system.name, label), []).extend(counts.suggestions)
            clean_flagged = next(c["flagged"] for c in results.clean if c["system"] == system.name)
            precision, recall, doc_f1 = document_f1(flagged, len(spun), clean_flagged)
            phrase_measures: dict[str, float | None] = {
                "phrase_precision": counts.precision, "phrase_recall": counts.recall, "phrase_f1": counts.f1,
                "restored_top1": counts.restored_share[0], "restored_top5": counts.restored_share[1],
            }
            if not system.finds_phrases:  # a document classifier: "-" in the table
                phrase_measures = dict.fromkeys(phrase_measures)
            results.rows.append({"system": system.name, "dictionary": label, "rate": rate,
                                 "doc_precision": precision, "doc_recall": recall, "doc_f1": doc_f1,
                                 **phrase_measures})
            log(f"  {label} {rate}, {system.name}: document F1 {doc_f1:.3f}"
                + (f", phrase F1 {counts.f1:.3f}" if system.finds_phrases else ""))
    results.calibration = calibration_table(scores, labels)
    results.ece = expected_calibration_error(scores, labels)
    for name, engine in engines.items():
        # phrases=0 skips the tortured rows (deep mode's five folds take over an hour here).
        rows = tortured_cross_validation(engine, seed, log, phrases) if phrases != 0 else []
        results.tortured += [row for row in rows if row["system"] != "list only" or name == "unspun fast"]
        for row in rows:
            if row["system"] == "unspun":
                row["system"] = name
                results.suggestions[(name, TORTURED_LIST)] = row.pop("suggestions")
            row.pop("suggestions", None)
        deep_row = name == "unspun deep"
        results.speed[name] = speed(engine, sample, deep_row, log, lm_name=lm_name if deep_row else None)
    return results


def _engine(deep: bool, lm_name: str | None = None) -> Any:
    if not deep:
        return Engine.default()
    from ..detect.deep import deep_engine

    return deep_engine(lm_name)


def tortured_folds(seed: int) -> tuple[list[tuple[str, str]], list[int]]:
    """The dev list's pairs with an original, and their places in a seeded order: fold ``k``
    of the cross-validation holds ``order[k::FOLDS]``."""
    pairs = [(t, e) for t, e in load_list() if clean_expected(e)[0]]
    order = list(range(len(pairs)))
    random.Random(seed).shuffle(order)
    return pairs, order


def tortured_cross_validation(engine: Any, seed: int, log: Log, phrases: int | None = None) -> list[dict[str, Any]]:
    """5-fold CV over the dev list: unspun (general evidence + the list of the other folds)
    and the list-only matcher of the other folds, on tortured and expected phrases.
    ``phrases`` evaluates a seeded sample of that many phrases (the folds stay whole)."""
    pairs, order = tortured_folds(seed)
    tallies: dict[str, dict[str, int]] = {}
    suggestions: dict[str, list[tuple[str, float, bool]]] = {}  # per system, as PhraseCounts.suggestions
    sampled = set(order[:phrases]) if phrases else set(order)
    documents = term_documents()
    for fold in range(FOLDS):
        test_ids = set(order[fold::FOLDS]) & sampled
        fold_pairs = [p for i, p in enumerate(pairs) if i not in set(order[fold::FOLDS])]
        known = KnownPhraseMatcher(make_phrases(fold_pairs))
        term_model = fit_term_model(fold_pairs, documents.fit, documents.threshold, seed, log=lambda m: None,
                                    prose_documents=documents.prose)
        fast = engine.fast if hasattr(engine, "fast") else engine
        if hasattr(engine, "fast"):
            term_model = fit_term_verifier(term_model, fold_pairs, documents.fit, documents.threshold,
                                           documents.verifier_bar_documents(), engine.scorer, seed, log=lambda m: None,
                                           prose_documents=documents.prose)
        fold_engine: Any = Engine(lexicon=fast.lexicon, scorers=fast.scorers, model=fast.model, known=known,
                                  term_model=term_model)
        if hasattr(engine, "fast"):
            from ..detect.deep import DeepEngine

            fold_engine = DeepEngine(fold_engine, engine.model, engine.scorer)
        systems = [engine_system(fold_engine, "unspun"), list_only_system(known)]
        for system in systems:
            tally = tallies.setdefault(system.name, {"phrases": 0, "flagged": 0, "expected_flagged": 0, "top1": 0, "top5": 0})
            for i in sorted(test_ids):
                tortured, expected = pairs[i]
                wanted = {normalise_phrase(x) for x in (clean_expected(expected)[0], *clean_expected(expected)[1])}
                text, start, end = carrier(tortured, i, CARRIERS)
                findings, _ = system.analyse(text)
                inside = [f for f in findings if f.start < end and start < f.end]
                tally["phrases"] += 1
                if inside:
                    tally["flagged"] += 1
                    restorations = _restorations(text, start, end, inside)
                    right = bool(restorations) and normalise_phrase(restorations[0]) in wanted
                    tally["top1"] += right
                    if (len(inside) == 1 and inside[0].kind == "tortured-phrase"
                            and inside[0].suggestion_confidence is not None):
                        # One restored term restores the phrase: its suggestion confidence, and
                        # whether it was right (a swap inside the phrase answers another question).
                        suggestions.setdefault(system.name, []).append(
                            (inside[0].kind, inside[0].suggestion_confidence, right))
                    if any(normalise_phrase(r) in wanted for r in restorations[:5]):
                        tally["top5"] += 1
                text, start, end = carrier(clean_expected(expected)[0] or expected, i, CARRIERS)
                findings, _ = system.analyse(text)
                if any(f.start < end and start < f.end for f in findings):
                    tally["expected_flagged"] += 1
        log(f"  tortured phrases, fold {fold + 1}/{FOLDS} done")
    rows = []
    for name, tally in tallies.items():
        n = max(1, tally["phrases"])
        rows.append({"system": name, "phrases": tally["phrases"], "flagged": tally["flagged"] / n,
                     "expected_flagged": tally["expected_flagged"] / n, "top1": tally["top1"] / n, "top5": tally["top5"] / n,
                     "suggestions": suggestions.get(name, [])})
    return rows


def _restorations(text: str, start: int, end: int, findings: list[Finding]) -> list[str]:
    """The phrase as restored by the findings inside it, best first: every combination of
    each finding's suggestion and alternatives, ordered by the sum of their ranks."""
    choices = [[f.suggestion or f.text, *f.alternatives][:5] for f in findings]
    combos = sorted(itertools.product(*[list(enumerate(c)) for c in choices]), key=lambda combo: sum(r for r, _ in combo))
    restored = []
    for combo in combos[:25]:
        pieces, position = [], start
        for finding, (_, replacement) in zip(findings, combo, strict=True):
            pieces.append(text[position : max(position, finding.start)])
            pieces.append(replacement)
            position = max(position, finding.end)
        pieces.append(text[position:end] if position < end else "")
        restored.append("".join(pieces).strip())
    return list(dict.fromkeys(restored))


def speed(engine: Any, documents: Sequence[Document], deep: bool, log: Log,
          pages: Sequence[str] = (), lm_name: str | None = None) -> dict[str, Any]:
    """Warm throughput on one core, end to end from text to report (``unspun.check``, which
    runs ``engine``: the default fast engine, or the deep one of the language model
    ``lm_name``), on text the engine has not seen; the time of whole 1,000-word pages; cold
    start in a fresh process.

    The engine memoises the options of every word it meets, which pays off over a crawl; so
    that the figure is not flattered by the benchmark's own earlier passes, those memos are
    cleared and warmed on 20 articles of the *train* half before each timed pass of unseen
    text. ``pages`` (default: cut from ``documents``) are timed one by one after such a reset.
    In fast mode the same unseen text is also timed deep into a crawl: after
    ``CRAWL_WARMUP`` other articles (the train half) have been checked, as a long crawl of
    similar pages would have.
    """
    from ..config import CheckConfig
    from ..pipeline import check

    config = CheckConfig(language_model=lm_name)
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    _reset_and_warm(engine, deep)
    began = time.perf_counter()
    for text in texts:
        check(text, config, deep)
    warm = words / (time.perf_counter() - began)
    began = time.perf_counter()
    for text in texts:  # again: every word's options and every window now memoised
        check(text, config, deep)
    repeat = words / (time.perf_counter() - began)
    # Texts of fewer than 1,000 words in all (--documents 1 to 3) are repeated to make one:
    # the rows say "a 1,000-word page", and timed a 275-word one.
    pages = list(pages) or thousand_word_pages(texts) or thousand_word_pages([*texts] * (1000 // max(1, words) + 1))
    _reset_and_warm(engine, deep)
    page_times = []
    for page in pages:
        began = time.perf_counter()
        check(page, config, deep)
        page_times.append(time.perf_counter() - began)
    code = (
        "import time; t = time.perf_counter(); import sys, unspun; "
        f"unspun.check(sys.stdin.read(), unspun.CheckConfig(language_model={lm_name!r}){', deep=True' if deep else ''}); "
        "print(time.perf_counter() - t)"
    )
    cold = float(subprocess.run([sys.executable, "-c", code], input=pages[0], capture_output=True, text=True,
                                check=True).stdout)
    crawl = None
    if not deep:  # deep mode's cost is the neural model's, which memoises nothing
        # Last: a thousand articles' worth of memos and caches slows what is timed after them.
        _reset_and_warm(engine, deep, CRAWL_WARMUP)
        began = time.perf_counter()
        for text in texts:
            check(text, config, deep)
        crawl = words / (time.perf_counter() - began)
    median = statistics.median(page_times)
    log(f"  speed: {warm:,.0f} words/s warm ({repeat:,.0f} with every word memoised"
        f"{'' if crawl is None else f', {crawl:,.0f} after {CRAWL_WARMUP:,} other articles'}), 1,000-word page "
        f"{median:.2f} s median / {max(page_times):.2f} s slowest of {len(page_times)}, cold start {cold:.2f} s")
    row: dict[str, Any] = {
        "warm_words_per_second": warm, "memoised_words_per_second": repeat, "crawl_words_per_second": crawl,
        "cold_start_seconds": cold, "words": words, "page_seconds_median": median,
        "page_seconds_max": max(page_times), "pages": len(page_times),
    }
    if deep:
        row["model"] = model_dtype(engine)
    return row


def model_dtype(engine: Any) -> str:
    """The dtype the deep ``engine``'s model computes in, and the CPU: the time rows depend
    on both (``unspun.deep._dtype``)."""
    from ..deep._dtype import cpu_name

    return f"{getattr(engine.scorer.lm, 'dtype', 'an unknown dtype')} ({cpu_name()})"


def _reset_and_warm(engine: Any, deep: bool, articles: int = 20) -> None:
    """Forget every memoised word option and term window, then warm up on ``articles`` train
    articles."""
    from ..detect.swaps import clear_option_cache
    from ..pipeline import check

    fast = engine.fast if hasattr(engine, "fast") else engine
    clear_option_cache()
    fast.terms.clear_cache()
    train, _ = bbc_split()
    for document in train[:articles]:
        check(document.text, deep=deep)


def thousand_word_pages(texts: Sequence[str], limit: int = 10) -> list[str]:
    """Up to ``limit`` pages of exactly 1,000 words, cut in order from the texts run together
    (a page may join the end of one article to the start of the next)."""
    words = " ".join(texts).split()
    return [" ".join(words[at : at + 1000]) for at in range(0, len(words) - 999, 1000)][:limit]


def suggestion_tables(suggestions: dict[tuple[str, str], list[tuple[str, float, bool]]]) -> list[str]:
    """How well the suggestion confidences (``Finding.suggestion_confidence``) are calibrated:
    over the findings on a true edit of every spin with filler, per system, dictionary and
    kind; then the bins of the first system's swaps on the first dictionary."""
    if not suggestions:
        return []
    tortured = (f"; on the {TORTURED_LIST}, the phrases flagged by one restored term"
                if any(dictionary == TORTURED_LIST for _, dictionary in suggestions) else "")
    lines = ["", "Suggestion confidence (findings on a true edit that carry one; spins with filler at every "
             f"rate{tortured}): how often the suggestion gives back the original", "",
             "| system | dictionary | kind | findings | mean suggestion confidence | suggestion right "
             "| calibration error | AUC | findings at 0.5 and over: share, right |", "|---|---|---|---|---|---|---|---|---|"]
    for (system, dictionary), triples in suggestions.items():
        for kind in sorted({k for k, _, _ in triples}):
            values = [v for k, v, _ in triples if k == kind]
            rights = [r for k, _, r in triples if k == kind]
            confident = [r for v, r in zip(values, rights, strict=True) if v >= 0.5]
            lines.append(f"| {system} | {dictionary} | {kind} | {len(values)} | {statistics.fmean(values):.3f} | "
                         f"{statistics.fmean(rights):.3f} | {expected_calibration_error(values, rights):.3f} | "
                         f"{'-' if all(rights) or not any(rights) else f'{auc(values, rights):.3f}'} | "
                         f"{len(confident) / len(values):.3f}, "
                         f"{statistics.fmean(confident) if confident else 0.0:.3f} |")
    (system, dictionary), triples = next(iter(suggestions.items()))
    swaps = [(v, r) for k, v, r in triples if k == "swap"]
    if swaps:
        lines += ["", f"Bins ({system}, {dictionary}, swaps):", "",
                  "| suggestion confidence | findings | mean confidence | suggestion right |", "|---|---|---|---|"]
        for label, count, mean, observed in calibration_table([v for v, _ in swaps], [r for _, r in swaps]):
            lines.append(f"| {label} | {count} | {mean:.3f} | {observed:.3f} |")
    return lines


def _shares(row: dict[str, Any], *keys: str) -> str:
    """Shares ``a / b / c`` to three places, or "-" for measures the system has none of."""
    if any(row[key] is None for key in keys):
        return "-"
    return " / ".join(f"{row[key]:.3f}" for key in keys)


def format_tables(results: Results, command: str) -> str:
    """The Markdown tables of a run, for BENCHMARKS.md."""
    lines = [f"Command: `{command}` ({results.documents} BBC test articles per data set; machine: {results.machine})", ""]
    if results.phrases:
        lines += [f"Tortured-phrase rows on a seeded sample of {results.phrases} phrases.", ""]
    elif results.phrases == 0:
        lines += ["Tortured-phrase rows not run (--phrases 0).", ""]
    lines += ["| system | dictionary | rate | document P / R / F1 | phrase P / R / F1 "
              "| swaps found, original restored: top-1 / top-5 |", "|---|---|---|---|---|---|"]
    for row in results.rows:
        lines.append(
            f"| {row['system']} | {row['dictionary']} | {row['rate']} | "
            f"{_shares(row, 'doc_precision', 'doc_recall', 'doc_f1')} | "
            f"{_shares(row, 'phrase_precision', 'phrase_recall', 'phrase_f1')} | "
            f"{_shares(row, 'restored_top1', 'restored_top5')} |"
        )
    if results.bars:
        lines += ["", "Documents called spun at a score of at least: " + "; ".join(
            f"{name} {bar:g}" for name, bar in results.bars.items()) + " (unspun and the list: the verdict "
            "\"spun\" on unspun's calibrated scale; a classifier: its predicted class)."]
    lines += ["", "| system | clean articles flagged as spun | false findings per 1,000 words of clean text |",
              "|---|---|---|"]
    for row in results.clean:
        false_per_1000 = "-" if row["false_per_1000"] is None else f"{row['false_per_1000']:.2f}"
        lines.append(f"| {row['system']} | {row['flagged']} / {row['documents']} ({row['flagged_share']:.1%}) | "
                     f"{false_per_1000} |")
    if results.tortured:
        lines += ["", "Tortured dev phrases in carrier sentences, 5-fold cross-validated "
                  "(the list used on a fold never holds its phrases):", "",
                  "| system | phrases | flagged | expected phrases flagged | suggestion = expected, top-1 | top-5 |",
                  "|---|---|---|---|---|---|"]
    for row in results.tortured:
        lines.append(f"| {row['system']} | {row['phrases']} | {row['flagged']:.3f} | {row['expected_flagged']:.3f} | "
                     f"{row['top1']:.3f} | {row['top5']:.3f} |")
    lines += ["", f"Document score calibration (unspun fast, all clean and spun test documents but the spins "
              f"without filler): "
              f"expected calibration error {results.ece:.3f}", "",
              "| score bin | documents | mean score | share spun |", "|---|---|---|---|"]
    for label, count, mean, observed in results.calibration:
        lines.append(f"| {label} | {count} | {mean:.3f} | {observed:.3f} |")
    lines += suggestion_tables(results.suggestions)
    lines += ["", "| system | warm throughput on unseen text (words/s) | same text again, every word's options memoised "
              f"(words/s) | unseen text after {CRAWL_WARMUP:,} other articles (words/s) "
              "| a 1,000-word page, warm: median / slowest (s) | cold start: import, caches, first "
              "1,000-word check (s) |", "|---|---|---|---|---|---|"]
    for name, speed_row in results.speed.items():
        crawl = speed_row.get("crawl_words_per_second")
        lines.append(f"| {name} | {speed_row['warm_words_per_second']:,.0f} | {speed_row['memoised_words_per_second']:,.0f} | "
                     f"{'-' if crawl is None else f'{crawl:,.0f}'} | "
                     f"{speed_row['page_seconds_median']:.2f} / {speed_row['page_seconds_max']:.2f} "
                     f"({speed_row['pages']} pages) | {speed_row['cold_start_seconds']:.2f} |")
    lines += [f"\n{name}: the model computed in {row['model']}." for name, row in results.speed.items() if "model" in row]
    return "\n".join(lines)
