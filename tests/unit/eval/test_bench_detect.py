"""Pieces of the detection benchmark and trainer that need no corpus."""

from __future__ import annotations

import pytest

from unspun.detect.candidates import Candidate, Option
from unspun.eval.bench_detect import Results, format_tables, thousand_word_pages
from unspun.eval.train import Sample, _choose_threshold, _choose_thresholds


def test_pages_hold_exactly_a_thousand_words_in_order() -> None:
    texts = [" ".join(f"w{i}" for i in range(start, start + 700)) for start in range(0, 3500, 700)]
    pages = thousand_word_pages(texts)
    assert [len(p.split()) for p in pages] == [1000, 1000, 1000]
    assert pages[1].split()[0] == "w1000"
    assert thousand_word_pages(texts, limit=2) == pages[:2]
    assert thousand_word_pages(["too short"]) == []


def _sample(confidences: list[float], labels: list[bool], spun: bool, words: int) -> Sample:
    candidates = [Candidate(i, i + 1, i, i + 1, "swap", [Option("x", ("x",))], confidence=c)
                  for i, c in enumerate(confidences)]
    return Sample("", spun, candidates, list(labels), [None] * len(labels), words)


def test_the_threshold_keeps_clean_text_within_budget_and_can_go_above_ninety_five() -> None:
    clean = _sample([0.955, 0.97], [False, False], spun=False, words=1000)  # two confident false findings
    spun = _sample([0.99, 0.98, 0.5], [True, True, False], spun=True, words=1000)
    fine = (*range(30, 90, 2), *range(90, 100))
    assert _choose_threshold([clean, spun], max_clean=0.5, percents=fine) == 0.98
    # The old grid stops at 0.94, where both clean findings still count.
    assert _choose_threshold([clean, spun], max_clean=0.5) == 0.9  # nothing fits: the default


def test_texts_called_spun_get_a_lower_bar_and_a_clean_one_called_spun_pays_for_it() -> None:
    bars = range(30, 96, 2)
    # No false finding fits the budget: clean_a's 0.8 keeps the bar at 0.82 for texts not
    # called spun; the spun text's swaps at 0.4 and 0.5 lie below it, its false one at 0.35.
    clean_a = _sample([0.8], [False], spun=False, words=1000)
    clean_b = _sample([0.45], [False], spun=False, words=1000)
    spun = _sample([0.9, 0.5, 0.4, 0.35], [True, True, True, False], spun=True, words=1000)
    texts = [clean_a, clean_b, spun]
    assert _choose_thresholds(texts, [False, False, False], 0.4, bars) == (0.82, 0.82)
    assert _choose_thresholds(texts, [False, False, True], 0.4, bars) == (0.82, 0.4)
    # Called spun too, clean_b would count its 0.45 below a spun bar of 0.46; of the bars
    # of equal F1 above it, the highest.
    assert _choose_thresholds(texts, [False, True, True], 0.4, bars) == (0.82, 0.5)
    # The single-threshold chooser is the same rule with no text called spun.
    assert _choose_threshold(texts, max_clean=0.4, percents=bars) == 0.82


def test_a_true_swap_that_cannot_become_a_finding_is_missed_at_every_threshold() -> None:
    spun = _sample([0.6, 0.32, 0.33, 0.33, 0.33], [True, True, False, False, False], spun=True, words=1000)
    # Ten true swaps with nothing to suggest: misses whatever the bar, so recall matters
    # more and the lower bar (F1 4/17 against 2/13) wins.
    spun.candidates += [Candidate(i, i + 1, i, i + 1, "swap", [], confidence=0.9) for i in range(10, 20)]
    spun.labels += [True] * 10
    clean = _sample([0.1], [False], spun=False, words=1000)
    assert _choose_threshold([clean, spun], max_clean=1.5) == 0.3


def test_the_speed_table_names_the_deep_models_dtype() -> None:
    timing = {"warm_words_per_second": 900.0, "memoised_words_per_second": 1000.0, "crawl_words_per_second": None,
              "cold_start_seconds": 3.4, "words": 5000, "page_seconds_median": 0.3, "page_seconds_max": 0.4,
              "pages": 10}
    results = Results(machine="x86_64", speed={"unspun fast": dict(timing),
                                               "unspun deep": {**timing, "model": "float32 (Some CPU)"}})
    text = format_tables(results, "unspun bench detect --deep")
    assert "unspun deep: the model computed in float32 (Some CPU)." in text
    assert "unspun fast: the model" not in text


def test_a_document_classifier_gets_dashes_where_it_finds_no_phrases() -> None:
    shares = {"doc_precision": 0.9, "doc_recall": 0.8, "doc_f1": 0.847}
    finder = {**shares, "phrase_precision": 0.5, "phrase_recall": 0.6, "phrase_f1": 0.545,
              "restored_top1": 0.4, "restored_top5": 0.5}
    classifier = {**shares, "phrase_precision": None, "phrase_recall": None, "phrase_f1": None,
                  "restored_top1": None, "restored_top5": None}
    results = Results(machine="x86_64", rows=[
        {"system": "unspun fast", "dictionary": "mythes", "rate": 0.2, **finder},
        {"system": "tf-idf classifier", "dictionary": "mythes", "rate": 0.2, **classifier}],
        clean=[{"system": "unspun fast", "documents": 10, "flagged": 1, "flagged_share": 0.1, "false_per_1000": 1.5},
               {"system": "tf-idf classifier", "documents": 10, "flagged": 2, "flagged_share": 0.2,
                "false_per_1000": None}])
    text = format_tables(results, "unspun bench detect")
    assert "| unspun fast | mythes | 0.2 | 0.900 / 0.800 / 0.847 | 0.500 / 0.600 / 0.545 | 0.400 / 0.500 |" in text
    assert "| tf-idf classifier | mythes | 0.2 | 0.900 / 0.800 / 0.847 | - | - |" in text
    assert "| tf-idf classifier | 2 / 10 (20.0%) | - |" in text
    assert "| unspun fast | 1 / 10 (10.0%) | 1.50 |" in text


def test_a_run_without_tortured_phrases_says_so_and_prints_no_empty_table() -> None:
    skipped = format_tables(Results(machine="x86_64", phrases=0), "unspun bench detect --phrases 0")
    assert "Tortured-phrase rows not run (--phrases 0)." in skipped
    assert "Tortured dev phrases in carrier sentences" not in skipped
    swaps = {("unspun fast", "mythes"): [("swap", 0.6, True), ("swap", 0.2, False)]}
    assert "tortured list" not in format_tables(Results(machine="x86_64", phrases=0, suggestions=swaps), "")
    row = {"system": "unspun fast", "phrases": 5, "flagged": 0.4, "expected_flagged": 0.0, "top1": 0.2, "top5": 0.2}
    sampled = format_tables(Results(machine="x86_64", phrases=5, tortured=[row]), "unspun bench detect --phrases 5")
    assert "Tortured-phrase rows on a seeded sample of 5 phrases." in sampled
    assert "| unspun fast | 5 | 0.400 | 0.000 | 0.200 | 0.200 |" in sampled


def test_the_benchmarks_refuse_counts_that_make_no_table() -> None:
    # documents=0 failed after the heavy work (StopIteration, ZeroDivisionError); -5 articles gave all but five.
    from unspun.eval import bench_detect, bench_trace
    from unspun.eval.corpus import bench_sample

    for run in (bench_detect.run, bench_trace.run):
        with pytest.raises(ValueError, match="documents must be"):
            run(documents=0)
    with pytest.raises(ValueError, match="scale must be"):
        bench_trace.run(scale=0)
    with pytest.raises(ValueError, match="count must be"):
        bench_sample(-5)
