"""Fit the deep model's surprise model: whether a text was spun, from how its words surprise the LM.

    python -m unspun.eval.train_surprise      # into the shipped deep model (~11 min on 2 cores)

The features are :mod:`unspun.detect.surprise`'s. The model is there for what the fast
document score misses, so it learns from rewriters that insert no filler: clean articles
against copies spun with the Moby thesaurus at every training rate, without filler
(``spinner.filler_free``). Like the deep models it learns from the deep articles of the train
half (``python -m unspun.eval.train --deep``'s): a balanced logistic regression over their
first 70%, its features shrunk towards the means of their clean texts
(``surprise.shrunk``); then a one-feature logistic regression over its logit (Platt scaling,
balanced: even prior odds, as the fast document model) on the other 30%, spun the same way
with the next seed, and the deep threshold split's extra clean articles, so that its
probability is calibrated on texts it did not learn from. Its bar is placed on all of those
clean texts: the probability that a normal fitted to their logits exceeds with chance
``CLEAN_SHARE`` (0.5%), or the verdict bar if that is higher. Deep mode's document score is the
larger of the fast document score and this probability where it reaches the bar
(``DeepEngine.add_surprise``).

``python -m unspun.eval.train --deep`` calls this after fitting; this module refits it
alone, leaving every other model in the file as it was.
"""

from __future__ import annotations

import dataclasses
import math
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..detect.model import SPUN_DOCUMENT_SCORE, DetectorModel, LinearModel
from ..models import Document
from .corpus import shuffled_train
from .metrics import auc
from .spinner import filler_free
from .thesauri import MobySource

if TYPE_CHECKING:
    from ..deep import CausalLM

Log = Callable[[str], None]
CLEAN_SHARE = 0.005
"""The share of clean texts whose surprise may reach the bar from which deep mode counts it:
half the fast document score's 1% of clean BBC articles called spun, so that deep mode calls
at most about 1.5% of clean news spun where the fast path calls 1%."""


def surprise_rows(lm: CausalLM, zipf: Callable[[str], float], documents: Sequence[Document], rates: Sequence[float],
                  seed: int, log: Log) -> tuple[list[dict[str, float]], list[bool]]:
    """The surprise features of each article as read (:func:`surprise.surprise_features`),
    clean and spun without filler at every rate (texts too short for features are left
    out), and whether each was spun."""
    from ..detect.surprise import surprise_features

    source = MobySource()
    texts = [(d.text, False) for d in documents]
    for rate in rates:
        spinner = filler_free(source, rate, seed)
        texts += [(spinner.spin(d.text).text, True) for d in documents]
    rows, labels = [], []
    began = time.perf_counter()
    for number, (text, spun) in enumerate(texts, 1):
        features = surprise_features(lm, text, zipf)
        if features is not None:
            rows.append(features)
            labels.append(spun)
        if number % 100 == 0:
            log(f"  {number}/{len(texts)} texts read ({time.perf_counter() - began:.0f} s)")
    return rows, labels


def platt_scaled(model: LinearModel, rows: Sequence[dict[str, float]], labels: Sequence[bool], seed: int) -> LinearModel:
    """``model`` with its logit rescaled by a balanced one-feature logistic regression fitted
    on ``rows`` it did not learn from."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    logits = model.logits(rows).reshape(-1, 1)
    platt = LogisticRegression(class_weight="balanced", random_state=seed).fit(logits, np.array(labels, dtype=int))
    slope, shift = float(platt.coef_[0][0]), float(platt.intercept_[0])
    return dataclasses.replace(model, weights=tuple(w * slope for w in model.weights),
                               bias=model.bias * slope + shift)


def clean_bar(logits: Sequence[float], share: float = CLEAN_SHARE) -> float:
    """The probability whose logit a normal fitted to clean texts' ``logits`` exceeds with
    chance ``share``: a tail a few hundred texts cannot count, but can estimate.

    >>> round(clean_bar([-1.0, 1.0]), 3)  # mean 0, standard deviation 1: logit 2.576
    0.929
    """
    tail = statistics.NormalDist(statistics.fmean(logits), statistics.pstdev(logits)).inv_cdf(1.0 - share)
    return 1.0 / (1.0 + math.exp(-tail))


@dataclasses.dataclass(frozen=True)
class SurpriseModel:
    """What deep mode needs to read a text's surprise: the model, the clean means its
    features are shrunk towards, and the bar from which it counts."""

    model: LinearModel
    prior: dict[str, float]
    bar: float
    trained_on: str


def fit_surprise_model(lm: CausalLM, zipf: Callable[[str], float], fit: Sequence[Document],
                       held_out: Sequence[Document], extra_clean: Sequence[Document], seed: int = 0,
                       log: Log = print) -> SurpriseModel:
    """The surprise model fitted on ``fit`` and calibrated on ``held_out`` (both clean and
    spun without filler at the training rates) and ``extra_clean``; its bar placed on every
    clean text of the three."""
    from ..detect.surprise import SURPRISE_FEATURES, shrunk
    from .train import TRAIN_RATES, _fit

    rows, labels = surprise_rows(lm, zipf, fit, TRAIN_RATES, seed, log)
    prior = {name: statistics.fmean(row[name] for row, spun in zip(rows, labels, strict=True) if not spun)
             for name in SURPRISE_FEATURES}
    rows = [shrunk(row, prior) for row in rows]
    model = _fit(rows, labels, seed, balanced=True)
    tune_rows, tune_labels = surprise_rows(lm, zipf, held_out, TRAIN_RATES, seed + 1, log)
    extra_rows, _ = surprise_rows(lm, zipf, extra_clean, (), seed + 2, log)
    tune_rows = [shrunk(row, prior) for row in tune_rows + extra_rows]
    tune_labels += [False] * len(extra_rows)
    model = platt_scaled(model, tune_rows, tune_labels, seed)
    clean = [row for row, spun in zip(rows + tune_rows, labels + tune_labels, strict=True) if not spun]
    bar = max(SPUN_DOCUMENT_SCORE, clean_bar(list(model.logits(clean))))
    probabilities = model.probabilities(tune_rows)
    held_clean = [p for p, spun in zip(probabilities, tune_labels, strict=True) if not spun]
    held_spun = [p for p, spun in zip(probabilities, tune_labels, strict=True) if spun]
    log(f"  surprise model: {len(rows)} texts ({sum(labels)} spun); calibrated on {len(tune_rows)} "
        f"({sum(tune_labels)} spun): AUC {auc(list(probabilities), tune_labels):.3f}; bar {bar:.3f} "
        f"({CLEAN_SHARE:.1%} of {len(clean)} clean texts by a normal tail); held-out clean at or above "
        f"{SPUN_DOCUMENT_SCORE}: {sum(p >= SPUN_DOCUMENT_SCORE for p in held_clean)} of {len(held_clean)}, "
        f"at or above the bar: {sum(p >= bar for p in held_clean)}; held-out spun at or above the bar: "
        f"{sum(p >= bar for p in held_spun)} of {len(held_spun)}")
    trained_on = (f"BBC News train half: {len(fit)} deep articles clean and spun with Moby without filler at "
                  f"{list(TRAIN_RATES)} (seed {seed}); Platt-scaled on {len(held_out)} more the same way "
                  f"(seed {seed + 1}) and {len(extra_clean)} clean; bar on the {len(clean)} clean texts")
    return SurpriseModel(model, prior, bar, trained_on)


def deep_articles(seed: int = 0, documents: int | None = None) -> tuple[list[Document], list[Document], list[Document]]:
    """The deep models' articles (``train.main --deep --documents``, default
    ``DEEP_DOCUMENTS``): the part they learn from, the held-out part, and the extra clean
    articles of the threshold split."""
    from .train import DEEP_DOCUMENTS, DEEP_EXTRA_CLEAN, FAST_FIT_END, FIT_SHARE

    count = DEEP_DOCUMENTS if documents is None else documents
    deep = shuffled_train(seed=seed)[FAST_FIT_END:]
    cut = int(count * FIT_SHARE)
    return deep[:cut], deep[cut:count], deep[count : count + DEEP_EXTRA_CLEAN]


def with_surprise(model: DetectorModel, seed: int = 0, log: Log = print, documents: int | None = None) -> DetectorModel:
    """``model`` with a surprise model fitted on the deep articles (``deep_articles``)."""
    from ..deep import load_lm, with_tree_cache
    from ..detect.deep import language_model
    from ..lexicon import Lexicon

    fit, held_out, extra = deep_articles(seed, documents)
    # The language model the deep models learned from: deep mode reads the surprise with it.
    lm = with_tree_cache(load_lm(language_model(model)))
    fitted = fit_surprise_model(lm, Lexicon.load().zipf, fit, held_out, extra, seed, log)
    meta = {**model.meta, "surprise_prior": fitted.prior, "surprise_bar": fitted.bar,
            "surprise_trained_on": fitted.trained_on}
    return dataclasses.replace(model, surprise=fitted.model, meta=meta)


def main(argv: Sequence[str] | None = None) -> int:
    from .refit import refit_main

    return refit_main("python -m unspun.eval.train_surprise", __doc__.splitlines()[0], with_surprise, "surprise",
                      ("surprise_prior", "surprise_bar", "surprise_trained_on"), argv)


if __name__ == "__main__":
    sys.exit(main())
