"""Which dictionaries should the fast models' training copies be spun with? Validation only.

    .venv/bin/python benchmarks/training_dictionaries.py [--documents 200] [MODEL.json ...]

Reads each fast model file given (default: the shipped one; the session-36 model, trained on
Moby's copies alone, is ``git show 64f9843:src/unspun/data/detector-model.json``) on the
validation articles: the shuffled train-half articles after the fast models' 800
(``corpus.shuffled_train(800, N)``), which no fast option or span model learned from nor any
bar was placed on (the document model counts them among its clean texts, so the clean
"called spun" count here flatters every model alike). Each article clean, and spun at 0.2
(seed 5) with Moby, WordNet, MyThes, and MyThes less every pair Moby or WordNet links (the
swaps neither training dictionary holds): phrase precision / recall / F1 of the findings
(``metrics.PhraseCounts``), the found swaps restored top-1 / top-5, and the spun copies
called spun. Needs Debian's ``mythes-en-us``. About five minutes a model.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from unspun.detect.engine import Engine
from unspun.detect.model import SPUN_DOCUMENT_SCORE, DetectorModel, shipped_model
from unspun.eval.corpus import shuffled_train
from unspun.eval.metrics import PhraseCounts
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import ExcludingSource, MobySource, MyThesSource, SynonymSource, UnionSource, WordNetSource
from unspun.eval.train import FAST_DOCUMENTS
from unspun.models import Document

RATE = 0.2
SEED = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("models", nargs="*", type=Path, help="fast model files (default: the shipped one)")
    args = parser.parse_args()
    documents = shuffled_train(FAST_DOCUMENTS, args.documents)
    words = sum(len(d.text.split()) for d in documents)
    moby, wordnet, mythes = MobySource(), WordNetSource(), MyThesSource()
    sources = [moby, wordnet, mythes, ExcludingSource(mythes, UnionSource(moby, wordnet))]
    print(f"{len(documents)} validation articles, {words:,} words; spun at {RATE} with seed {SEED}\n")
    print("| model | text | phrase P / R / F1 | restored top-1 / top-5 | called spun |")
    print("|---|---|---|---|---|")
    for path in args.models or [None]:
        model = shipped_model() if path is None else DetectorModel.from_dict(json.loads(path.read_text("utf-8")))
        engine = Engine(model=model)
        name = "shipped" if path is None else path.name
        findings = called = 0
        for document in documents:
            analysis = engine.analyse(document.text)
            findings += len(analysis.findings)
            called += analysis.score >= SPUN_DOCUMENT_SCORE
        print(f"| {name} | clean: {1000 * findings / words:.2f} false findings per 1,000 words | - | - | "
              f"{called} / {len(documents)} |")
        for source in sources:
            print(spun_row(engine, name, source, documents), flush=True)


def spun_row(engine: Engine, name: str, source: SynonymSource, documents: Sequence[Document]) -> str:
    """A Markdown row: the documents spun at ``RATE`` (seed ``SEED``) with ``source``, read by
    ``engine``: phrase precision / recall / F1, found swaps restored top-1 / top-5, and copies
    called spun."""
    spinner = Spinner(source, rate=RATE, seed=SEED)
    counts = PhraseCounts()
    called = 0
    for document in documents:
        spun = spinner.spin(document.text)
        analysis = engine.analyse(spun.text)
        counts.add(analysis.findings, spun.edits)
        called += analysis.score >= SPUN_DOCUMENT_SCORE
    top1, top5 = counts.restored_share
    return (f"| {name} | {source.name} | {counts.precision:.3f} / {counts.recall:.3f} / {counts.f1:.3f} | "
            f"{top1:.3f} / {top5:.3f} | {called} / {len(documents)} |")


if __name__ == "__main__":
    main()
