"""What checking a text as suspected of spinning (``CheckConfig.suspect``, ``--suspect``)
finds, and what it costs on clean text.

    .venv/bin/python benchmarks/suspect_mode.py [--documents 300] [--deep-documents 30]

The span models learned that a text without a spinner's filler is clean, so a rewriter that
only swaps words goes almost unseen (docs/detection.md, "Spinners without filler"). With
``suspect`` the filler rate they read is at least a spun text's (``SUSPECT_FILLER_RATE``).
On the seeded sample of BBC test articles ``unspun bench detect`` reads (its first N), for
the fast path and, on fewer articles, deep mode, each with and without ``suspect``: copies
spun with the foreign (MyThes) dictionary without filler at rates 0.1 and 0.2 and with filler
at 0.2 (spinner seed 1), and the clean originals. Per set: texts called spun (score >= 0.7),
phrase precision / recall / F1 of the findings against the spinner's swaps, found swaps
restored (top-1); on clean text, false findings per 1,000 words. Prints a Markdown table;
about 7 minutes here. With ``--pages``, only deep mode's time for ten 1,000-word pages (cut
from the same articles, clean and spun without filler at 0.2), warm, with and without
``suspect``: a clean page then sends more candidates to the neural model.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from unspun.config import CheckConfig
from unspun.detect.engine import Engine
from unspun.eval.corpus import bench_sample
from unspun.eval.metrics import PhraseCounts
from unspun.eval.spinner import Spinner, SpunText, filler_free
from unspun.eval.thesauri import MyThesSource
from unspun.models import Document

if TYPE_CHECKING:
    from unspun.detect.deep import DeepEngine

SPUN = CheckConfig().spun_threshold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300, help="articles for the fast path")
    parser.add_argument("--deep-documents", type=int, default=30, help="articles for deep mode (0: skip it)")
    parser.add_argument("--pages", action="store_true", help="time deep mode on 1,000-word pages instead")
    args = parser.parse_args()
    if args.pages:
        _page_times(args.deep_documents)
        return
    print("| mode | text | articles | called spun | phrase P / R / F1 | found swaps restored, top-1 "
          "| false findings per 1,000 clean words |")
    print("|---|---|---|---|---|---|---|")
    engines: list[tuple[str, Engine | DeepEngine, int]] = [("fast", Engine.default(), args.documents)]
    if args.deep_documents:
        from unspun.detect.deep import deep_engine

        engines.append(("deep", deep_engine(), args.deep_documents))
    for name, engine, count in engines:
        documents = bench_sample(count)
        sets = {
            "MyThes 0.1, no filler": [filler_free(MyThesSource(), 0.1, seed=1).spin(d.text) for d in documents],
            "MyThes 0.2, no filler": [filler_free(MyThesSource(), 0.2, seed=1).spin(d.text) for d in documents],
            "MyThes 0.2, with filler": [Spinner(MyThesSource(), rate=0.2, seed=1).spin(d.text) for d in documents],
        }
        for suspect in (False, True):
            mode = f"{name}{', suspect' if suspect else ''}"
            for label, spins in sets.items():
                print(_spun_row(engine, mode, label, spins, suspect), flush=True)
            print(_clean_row(engine, mode, documents, suspect), flush=True)


def _page_times(count: int) -> None:
    """Deep mode's warm time per 1,000-word page, clean and spun without filler, with and
    without ``suspect``."""
    import statistics
    import time

    from unspun.detect.deep import deep_engine
    from unspun.eval.bench_detect import thousand_word_pages

    engine = deep_engine()
    documents = bench_sample(count)
    spinner = filler_free(MyThesSource(), 0.2, seed=1)
    texts = {"clean": [d.text for d in documents], "MyThes 0.2, no filler": [spinner.spin(d.text).text for d in documents]}
    engine.analyse(texts["clean"][0])  # warm
    print("| mode | pages | 1,000-word pages | median / slowest (s) |")
    print("|---|---|---|---|")
    for suspect in (False, True):
        for label, group in texts.items():
            pages = thousand_word_pages(group)
            times = []
            for page in pages:
                began = time.perf_counter()
                engine.analyse(page, suspect)
                times.append(time.perf_counter() - began)
            print(f"| deep{', suspect' if suspect else ''} | {label} | {len(pages)} | "
                  f"{statistics.median(times):.2f} / {max(times):.2f} |", flush=True)


def _spun_row(engine: Engine | DeepEngine, mode: str, label: str, spins: Sequence[SpunText], suspect: bool) -> str:
    counts = PhraseCounts()
    called = 0
    for spun in spins:
        analysis = engine.analyse(spun.text, suspect)
        counts.add(analysis.findings, spun.edits)
        called += analysis.score >= SPUN
    return (f"| {mode} | {label} | {len(spins)} | {called} | {counts.precision:.3f} / {counts.recall:.3f} / "
            f"{counts.f1:.3f} | {counts.restored_share[0]:.3f} | - |")


def _clean_row(engine: Engine | DeepEngine, mode: str, documents: Sequence[Document], suspect: bool) -> str:
    findings = words = called = 0
    for document in documents:
        analysis = engine.analyse(document.text, suspect)
        findings += len(analysis.findings)
        words += len(document.text.split())
        called += analysis.score >= SPUN
    return f"| {mode} | clean | {len(documents)} | {called} | - | - | {1000 * findings / words:.2f} |"


if __name__ == "__main__":
    main()
