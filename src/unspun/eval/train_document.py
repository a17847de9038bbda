"""Refit the fast document model in place, with the texts of other genres it learns from
(:func:`~unspun.eval.train.encyclopedic_texts`), leaving every other model of the file and
every bar as they were:

    python -m unspun.eval.train_document [--model src/unspun/data/detector-model.json] [--news-only]

The held-out BBC articles and the extra clean ones are those ``python -m unspun.eval.train``
gives the document model (the same slices of the shuffled train half, spun with the same
seeds), read through the file's own option and span models at its own bar. The reported
finding bars stay as they are: placed again by ``train``'s recipe on today's pipeline, they
move without any new text (0.62 -> 0.52 for texts not called spun, with ``--news-only``,
session 66), and that is a change of its own, for a full retraining to measure. About 12
minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..detect.engine import Engine
from ..detect.model import DetectorModel
from ..models import Document
from .train import (
    FAST_DOCUMENTS,
    FIT_SHARE,
    _fit_document_model,
    build_samples,
    document_rows,
    document_texts_said,
    encyclopedic_texts,
    other_genre_samples,
)


def refit_document_model(model: DetectorModel, documents: Sequence[Document], extra_clean: Sequence[Document],
                         encyclopedic: Sequence[Document], seed: int, log: Any) -> DetectorModel:
    """``model`` with its document model fitted again on the held-out part of ``documents``
    (the articles ``train`` learned from), ``extra_clean`` articles and the ``encyclopedic``
    texts, clean and spun."""
    engine = Engine(model=None)
    samples = build_samples(engine, documents[int(len(documents) * FIT_SHARE):], seed + 1, log)
    samples += build_samples(engine, extra_clean, seed + 2, log, spin=False)
    samples += other_genre_samples(engine, encyclopedic, seed, log)
    rows, targets = document_rows(engine, model, samples, model.document_finding_threshold)
    document_model = _fit_document_model(rows, targets, seed)
    log(f"  document model: {sum(targets)} spun and {len(targets) - sum(targets)} clean texts")
    trained_on = [part for part in str(model.meta["trained_on"]).split("; ") if "Wikipedia" not in part]
    trained_on += [document_texts_said(encyclopedic)] if encyclopedic else []
    meta = {**model.meta, "trained_on": "; ".join(trained_on)}
    return DetectorModel(model.option, model.spans, document_model, meta, model.suggestion)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m unspun.eval.train_document",
                                     description="Refit the fast document model in place.")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model", type=Path, help="the fast model file to update (default: the shipped one)")
    parser.add_argument("--news-only", action="store_true",
                        help="without the texts of other genres: the document model as before session 66 (a control)")
    args = parser.parse_args(argv)
    from .corpus import shuffled_train
    from .train import default_output

    path = args.model or default_output(deep=False)
    data = json.loads(path.read_text(encoding="utf-8"))
    documents = shuffled_train(seed=args.seed)
    fitted = refit_document_model(DetectorModel.from_dict(data), documents[:FAST_DOCUMENTS],
                                  documents[FAST_DOCUMENTS:], [] if args.news_only else encyclopedic_texts(),
                                  args.seed, lambda message: print(message, file=sys.stderr))
    data["document"] = fitted.to_dict()["document"]
    data["meta"]["trained_on"] = fitted.meta["trained_on"]
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
