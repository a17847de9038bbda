"""Document verdicts across genres, clean and spun, for one or more fast model files.

    .venv/bin/python benchmarks/genre_documents.py [--model F ...] [--texts 160] [--seed 0]

``unspun bench detect`` measures the document score on BBC news, the genre the fast models
learned from. Users check encyclopedic and scientific prose too, and news from elsewhere.
Per model file (default: the shipped one) and per corpus, the verdicts on the clean texts
and on their copies spun with the foreign dictionary (MyThes, which no model learned from)
at rates 0.1 and 0.2 (``Spinner(MyThesSource(), rate, seed + 1)``, as the benchmark spins):

- Wikipedia: ``--texts`` stretches of about 250 words (whole paragraphs) of the
  odd-numbered articles, which no model learns from (those of
  ``benchmarks/tortured_documents.py``);
- Lee (ABC news): the first ``--texts`` articles, which no fast model learns from;
- BBC test: the first ``--texts`` of ``unspun bench detect``'s sample.

Prints a Markdown table: texts called spun / uncertain, and for the spun copies the share
called spun, with the document F1 of clean against spun at 0.2. About 4 minutes per model
file for 160 texts per corpus on 2 cores.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from unspun.config import CheckConfig
from unspun.detect.engine import Engine
from unspun.detect.model import DetectorModel
from unspun.eval.corpus import bench_sample, lee_articles, wikipedia_halves, wikipedia_stretches
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import MyThesSource
from unspun.pipeline import verdict_for

RATES = (0.1, 0.2)
F1_RATE = 0.2  # the document row's rate


def verdicts(engine: Engine, texts: Sequence[str]) -> list[str]:
    config = CheckConfig()
    return [verdict_for(engine.analyse(text).score, config) for text in texts]


def row(label: str, corpus: str, engine: Engine, texts: Sequence[str], seed: int) -> str:
    clean = verdicts(engine, texts)
    false_alarms, uncertain = clean.count("spun"), clean.count("uncertain")
    cells = [f"{false_alarms} ({100 * false_alarms / len(texts):.1f}%)", str(uncertain)]
    found: dict[float, int] = {}
    for rate in RATES:
        spinner = Spinner(MyThesSource(), rate=rate, seed=seed + 1)
        found[rate] = verdicts(engine, [spinner.spin(text).text for text in texts]).count("spun")
        cells.append(f"{found[rate] / len(texts):.3f}")
    hits = found[F1_RATE]
    f1 = 2 * hits / (2 * hits + false_alarms + (len(texts) - hits)) if hits else 0.0
    return f"| {label} | {corpus} | {len(texts)} | {' | '.join(cells)} | {f1:.3f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, action="append",
                        help="a fast model file (repeatable; default: the shipped one)")
    parser.add_argument("--texts", type=int, default=160)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    corpora = [("Wikipedia, 250-word stretches",
                [s.text for s in wikipedia_stretches(wikipedia_halves()[1], 250, args.texts)]),
               ("Lee (ABC news)", [a.text for a in lee_articles()[: args.texts]]),
               ("BBC test", [a.text for a in bench_sample(args.texts, args.seed)])]
    print("| model | corpus | texts | clean ones called spun | uncertain | MyThes 0.1 called spun "
          "| MyThes 0.2 called spun | document F1 at 0.2 |")
    print("|---|---|---|---|---|---|---|---|")
    for path in args.model or [None]:
        engine = Engine.default() if path is None else Engine(
            model=DetectorModel.from_dict(json.loads(path.read_text(encoding="utf-8"))))
        label = "shipped" if path is None else path.name
        for corpus, texts in corpora:
            print(row(label, corpus, engine, texts, args.seed), flush=True)


if __name__ == "__main__":
    main()
