"""Refit the fast document model in place, with the texts of other genres it learns from
(:func:`~unspun.eval.train.encyclopedic_texts`), leaving every other model of the file and
every bar as they were:

    python -m unspun.eval.train_document [--model src/unspun/data/detector-model.json] [--news-only]

The held-out BBC articles and the extra clean ones are those ``python -m unspun.eval.train``
gives the document model (the same slices of the train half shuffled with the file's own
seed, spun with the same seeds), read through the file's own option and span models at its
own bar. The reported finding bars stay as they are: a first form of this command placed
them again by ``train``'s recipe, which on today's pipeline puts the bar of texts not called
spun at 0.52 without the new texts and 0.42 with them (0.62 shipped, placed in session 42):
half the move is the pipeline's since then, half the document model's, a change of its own
for a full retraining to measure (session 66). About 12 minutes on 2 cores.
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
    rows, targets, _ = document_rows(model, samples, model.document_finding_threshold)
    document_model = _fit_document_model(rows, targets, seed)
    log(f"  document model: {sum(targets)} spun and {len(targets) - sum(targets)} clean texts")
    trained_on = [part for part in str(model.meta["trained_on"]).split("; ") if "Wikipedia" not in part]
    trained_on += [document_texts_said(encyclopedic)] if encyclopedic else []
    meta = {**model.meta, "trained_on": "; ".join(trained_on)}
    return DetectorModel(model.option, model.spans, document_model, meta, model.suggestion)


def refusal(data: dict[str, Any]) -> str | None:
    """Why the model file ``data`` cannot be refitted here, or ``None``: a deep model file
    (its document model is the fast one's copy, which deep mode does not read), or a fast one
    that did not learn from the first ``FAST_DOCUMENTS`` train articles (the refit would read
    articles its span models learned from as held-out ones)."""
    meta = data.get("meta", {})
    if "language_model" in meta:
        return "a deep model file: refit the fast one (deep mode reads the fast document score)"
    if "seed" not in meta or not str(meta.get("trained_on", "")).startswith(
            f"BBC News train half, {FAST_DOCUMENTS} articles"):
        return (f"a model that did not learn from the first {FAST_DOCUMENTS} train articles in the shuffled order "
                "of its seed: train it with python -m unspun.eval.train")
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m unspun.eval.train_document",
                                     description="Refit the fast document model in place.")
    parser.add_argument("--model", type=Path, help="the fast model file to update (default: the shipped one)")
    parser.add_argument("--news-only", action="store_true",
                        help="without the texts of other genres: the document model as before session 66 (a control)")
    args = parser.parse_args(argv)
    from .corpus import shuffled_train
    from .refit import write_back
    from .train import default_output

    path = args.model or default_output(deep=False)
    data = json.loads(path.read_text(encoding="utf-8"))
    refused = refusal(data)
    if refused:
        print(f"unspun.eval.train_document: {path}: {refused}", file=sys.stderr)
        return 2
    seed = int(data["meta"]["seed"])
    documents = shuffled_train(seed=seed)
    fitted = refit_document_model(DetectorModel.from_dict(data), documents[:FAST_DOCUMENTS],
                                  documents[FAST_DOCUMENTS:], [] if args.news_only else encyclopedic_texts(),
                                  seed, lambda message: print(message, file=sys.stderr))
    write_back(path, data, fitted, "document", ("trained_on",))
    return 0


if __name__ == "__main__":
    sys.exit(main())
