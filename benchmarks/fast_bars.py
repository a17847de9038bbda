"""Does a fast finding bar that follows the verdict keep clean text cleaner? Validation only.

    .venv/bin/python benchmarks/fast_bars.py [--documents 200] [MODEL.json ...]

Reads each fast model file given (default: the shipped one; session 41's, with one bar for
every text, is ``git show bc37ec8:src/unspun/data/detector-model.json``) on text no fast bar
was placed on, never on the test half:

- clean: the Lee corpus (ABC news; no fast model learned from it) and the 313 BBC train
  articles after the fast models' 800 (``corpus.shuffled_train(800)``; the fast document model
  counts these among its clean texts, so they are called spun less often than unseen news:
  the Lee row is the honest one for a bar that follows the verdict). False findings per 1,000
  words by source (``metrics.finding_source``), and texts called spun;
- spun: the first ``--documents`` of those BBC articles spun at 0.2 (seed 5) with MyThes (the
  foreign dictionary; needs Debian's ``mythes-en-us``) and Moby: phrase precision / recall / F1
  (``metrics.PhraseCounts``), the found swaps restored top-1 / top-5, and copies called spun.

About four minutes a model on this 2-core machine.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from unspun.detect.engine import Engine
from unspun.detect.model import DetectorModel, shipped_model
from unspun.eval.corpus import lee_articles, shuffled_train
from unspun.eval.thesauri import MobySource, MyThesSource
from unspun.eval.train import FAST_DOCUMENTS

# The validation copies of benchmarks/training_dictionaries.py (rate 0.2, seed 5), read alike.
from training_dictionaries import RATE, SEED, spun_row  # isort: skip

# The false-findings rows of benchmarks/clean_genres.py.
from clean_genres import row  # isort: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200, help="validation articles to spin")
    parser.add_argument("models", nargs="*", type=Path, help="fast model files (default: the shipped one)")
    args = parser.parse_args()
    validation = shuffled_train(FAST_DOCUMENTS)
    lee = lee_articles()
    print("| clean text | model | texts | words | called spun | with a finding | false findings per 1,000 words "
          "| swap | filler | restored term | listed phrase |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    engines = []
    for path in args.models or [None]:
        model = shipped_model() if path is None else DetectorModel.from_dict(json.loads(path.read_text("utf-8")))
        name = "shipped" if path is None else path.name
        engine = Engine(model=model)
        engines.append((name, engine))
        print(row("Lee corpus", name, lee, engine.analyse), flush=True)
        print(row("BBC train after 800", name, validation, engine.analyse), flush=True)
    print(f"\n{args.documents} validation articles spun at {RATE} (seed {SEED})\n")
    print("| model | dictionary | phrase P / R / F1 | restored top-1 / top-5 | called spun |")
    print("|---|---|---|---|---|")
    for name, engine in engines:
        for source in (MyThesSource(), MobySource()):
            print(spun_row(engine, name, source, validation[: args.documents]), flush=True)


if __name__ == "__main__":
    main()
