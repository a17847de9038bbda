"""Short texts: paragraphs of news checked on their own, clean and spun.

    .venv/bin/python benchmarks/short_texts.py [--paragraphs 400] [--deep] [--deep-paragraphs 120]

The targets are measured on whole BBC articles (about 380 words); users also check a post, an
abstract, a paragraph. Below ``engine.DOCUMENT_MODEL_MIN_WORDS`` (100) words the document
score leans on the text's own findings, and the span models read document summaries shrunk
towards clean news (``document_evidence``): a short text has little evidence either way.
Here the paragraphs of 30 to 120 words (blank-line separated) of the validation articles
(``shuffled_train(VALIDATION_START, 150)``: no model learned from their spun copies, and the
test half is left to the benchmark) are checked alone, clean and spun with the foreign
dictionary (MyThes) at 0.2 (seed 11). Prints, per mode, the verdicts on the clean paragraphs
and their false findings per 1,000 words, and on the spun ones the verdicts and phrase
precision / recall / F1. With ``--deep``, deep mode on the first ``--deep-paragraphs`` of
them (under 100 words each; about 2 s a paragraph). Needs MyThes (``apt-get install
mythes-en-us``). About 3 minutes fast.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Callable, Sequence

from unspun.config import CheckConfig
from unspun.detect.engine import Analysis, Engine
from unspun.eval.metrics import PhraseCounts
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import MyThesSource
from unspun.eval.train import VALIDATION_START, shuffled_train
from unspun.pipeline import verdict_for


def paragraphs(least: int, most: int) -> list[str]:
    """The paragraphs of ``least`` to ``most`` words of the 150 validation articles, in order."""
    found = []
    for document in shuffled_train(VALIDATION_START, 150):
        for paragraph in re.split(r"\n\s*\n", document.text):
            if least <= len(paragraph.split()) <= most:
                found.append(paragraph.strip())
    return found


def verdicts(scores: Sequence[float]) -> str:
    """How many scores the default verdicts call spun / uncertain / clean."""
    config = CheckConfig()
    counted = Counter(verdict_for(score, config) for score in scores)
    return " / ".join(f"{counted[v]}" for v in ("spun", "uncertain", "clean"))


def rows(mode: str, texts: Sequence[str], analyse: Callable[[str], Analysis]) -> None:
    words = sum(len(text.split()) for text in texts)
    clean = [analyse(text) for text in texts]
    false = sum(len(a.findings) for a in clean)
    spinner = Spinner(MyThesSource(), rate=0.2, seed=11)
    counts = PhraseCounts()
    spun_scores = []
    for text in texts:
        spun = spinner.spin(text)
        analysis = analyse(spun.text)
        counts.add(analysis.findings, spun.edits)
        spun_scores.append(analysis.score)
    print(f"| {mode} | {len(texts)} | {words:,} | {verdicts([a.score for a in clean])} "
          f"| {1000 * false / words:.2f} | {verdicts(spun_scores)} "
          f"| {counts.precision:.3f} / {counts.recall:.3f} / {counts.f1:.3f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=400)
    parser.add_argument("--deep", action="store_true")
    parser.add_argument("--deep-paragraphs", type=int, default=120)
    args = parser.parse_args()
    print("| mode | paragraphs | words | clean ones called spun / uncertain / clean | false findings per 1,000 words "
          "| spun ones (MyThes 0.2) called spun / uncertain / clean | phrase P / R / F1 |")
    print("|---|---|---|---|---|---|---|")
    rows("fast, 30-120 words", paragraphs(30, 120)[: args.paragraphs], Engine.default().analyse)
    if args.deep:
        from unspun.detect.deep import deep_engine

        short = paragraphs(30, 99)[: args.deep_paragraphs]
        rows("fast, 30-99 words", short, Engine.default().analyse)
        rows("deep, 30-99 words", short, deep_engine().analyse)


if __name__ == "__main__":
    main()
