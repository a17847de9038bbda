"""Fit the deep model's gate on the suspected reading of a text the surprise alone calls spun.

    python -m unspun.eval.train_suspected      # into the shipped deep model (~16 min on 2 cores)

What the gate is for: :mod:`unspun.detect.suspected`. It learns from the deep threshold
split (``train_surprise.deep_articles``: the deep articles the span models did not learn
from, and the extra clean ones), each text read by deep mode as a suspected text's, with the
deep model as it stands (``DeepEngine.neural_candidates`` with ``suspect``): the held-out
articles spun with Moby without filler at every training rate, and all of those articles
clean. Its rows are the swap candidates that could become findings at the deep model's
lower bar (``spun_finding_threshold``), labelled by whether they lie inside a true swap
(those straddling one are left out, as in the span models' training): a balanced logistic
regression over ``suspected.GATE_FEATURES``. Its bar is the one of ``BARS`` with the best F1
over the spun texts' rows of those that keep the clean texts' kept rows within deep mode's
budget of false swap and filler findings (``train.MAX_CLEAN_FINDINGS_PER_1000_DEEP`` per
1,000 words): the clean training texts read this way stay, all together, within the budget
that the unsuspected reading's bars keep (a bound on the average, not on each text; at run
time only the few clean texts the surprise mistakes for spun are read this way).

``python -m unspun.eval.train --deep`` calls this last; this module refits it alone,
leaving every other model in the file as it was.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..detect.model import DetectorModel, LinearModel
from ..models import Document
from .spinner import Edit, filler_free
from .thesauri import MobySource

if TYPE_CHECKING:
    from ..detect.deep import DeepEngine

Log = Callable[[str], None]
BARS = tuple(step / 100 for step in range(5, 100))
SEED_OFFSET = 4
"""Added to the seed for the spinner of the gate's texts: other copies than the ones the
surprise model was calibrated on (``seed + 1``)."""


@dataclasses.dataclass(frozen=True)
class GateRows:
    """The gate's rows from texts read as suspected: features, labels (always ``False`` in
    clean texts), and whether each row's text was spun; with the clean texts' words."""

    rows: list[dict[str, float]]
    labels: list[bool]
    spun: list[bool]
    clean_words: int


def gate_rows_of(deep: DeepEngine, texts: Sequence[tuple[str, Sequence[Edit], bool]], log: Log) -> GateRows:
    """The gate's rows of ``texts`` (each a text, the spinner's edits and whether it was
    spun) read as suspected by ``deep``."""
    from ..detect.engine import apply_model
    from ..detect.suspected import gate_rows, reaching_swaps, text_features
    from .train import label

    model = deep.model
    if model is None:
        raise ValueError("the gate's rows need a deep model")
    bar = model.finding_threshold_for(1.0)  # the bar in texts called spun
    rows: list[dict[str, float]] = []
    labels: list[bool] = []
    spun_rows: list[bool] = []
    clean_words = 0
    began = time.perf_counter()
    for number, (text, edits, spun) in enumerate(texts, 1):
        _, chosen = deep.neural_candidates(text, suspect=True)
        apply_model(model, chosen)
        found, _ = label(chosen, edits)
        positives = {id(c): positive for c, positive in zip(chosen, found, strict=True)}
        reaching = [(c, positive) for c in reaching_swaps(chosen, bar)
                    if (positive := positives[id(c)]) is not None]
        rows.extend(gate_rows([c for c, _ in reaching], text_features(chosen)))
        labels.extend(positive for _, positive in reaching)
        spun_rows.extend([spun] * len(reaching))
        if not spun:
            clean_words += len(text.split())
        if number % 50 == 0:
            log(f"  {number}/{len(texts)} texts read as suspected ({time.perf_counter() - began:.0f} s)")
    return GateRows(rows, labels, spun_rows, clean_words)


def place_bar(probabilities: Sequence[float], data: GateRows, max_clean: float) -> tuple[float, float]:
    """``(bar, f1)``: of ``BARS``, the one with the best F1 over the spun texts' rows (true
    rows kept against false ones kept and true ones turned away) of those keeping the clean
    texts' rows within ``max_clean`` per 1,000 of their words; of equal F1 the lowest. With
    none within it, the highest bar.

    >>> data = GateRows([{}] * 4, [True, False, False, False], [True, True, False, False], 1000)
    >>> place_bar([0.9, 0.3, 0.5, 0.2], data, max_clean=0.0)  # the clean row at 0.5 must go
    (0.51, 1.0)
    """
    best: tuple[float, float] | None = None
    for bar in BARS:
        kept = [p >= bar for p in probabilities]
        clean = sum(k for k, spun in zip(kept, data.spun, strict=True) if not spun)
        f1 = _spun_f1(kept, data)
        if 1000 * clean / max(1, data.clean_words) <= max_clean and (best is None or f1 > best[1]):
            best = (bar, f1)
    return best if best is not None else (BARS[-1], _spun_f1([p >= BARS[-1] for p in probabilities], data))


def _spun_f1(kept: Sequence[bool], data: GateRows) -> float:
    rows = [(k, t) for k, t, spun in zip(kept, data.labels, data.spun, strict=True) if spun]
    tp = sum(k and t for k, t in rows)
    fp = sum(k and not t for k, t in rows)
    fn = sum(t and not k for k, t in rows)
    return 2 * tp / max(1, 2 * tp + fp + fn)


def gate_from_rows(data: GateRows, seed: int = 0, log: Log = print) -> tuple[LinearModel, float]:
    """The gate fitted on ``data`` (a balanced logistic regression) and its bar
    (:func:`place_bar`, within deep mode's budget of false findings on clean text)."""
    from .train import MAX_CLEAN_FINDINGS_PER_1000_DEEP, _fit

    if not any(data.labels) or all(data.labels):
        raise RuntimeError("the suspected readings gave the gate rows of one class only")
    gate = _fit(data.rows, data.labels, seed, balanced=True)
    probabilities = gate.probabilities(data.rows).tolist()
    bar, f1 = place_bar(probabilities, data, MAX_CLEAN_FINDINGS_PER_1000_DEEP)
    clean_rows = sum(not spun for spun in data.spun)
    kept_clean = sum(p >= bar and not spun for p, spun in zip(probabilities, data.spun, strict=True))
    spun_true = sum(t for t, s in zip(data.labels, data.spun, strict=True) if s)
    kept_true = sum(p >= bar and t for p, t in zip(probabilities, data.labels, strict=True))
    log(f"  suspected-reading gate: {len(data.rows)} rows ({spun_true} true); bar {bar:.2f}: F1 {f1:.3f} on the "
        f"spun texts' rows, {kept_true} of {spun_true} true rows kept; clean rows kept {kept_clean} of "
        f"{clean_rows} in {data.clean_words:,} words")
    return gate, bar


def fit_gate(model: DetectorModel, held_out: Sequence[Document], extra_clean: Sequence[Document], seed: int = 0,
             log: Log = print) -> tuple[LinearModel, float, str]:
    """The gate, its bar and a note on what it learned from (module docstring)."""
    from ..detect.deep import DeepEngine
    from ..detect.engine import Engine
    from .train import MAX_CLEAN_FINDINGS_PER_1000_DEEP, TRAIN_RATES

    texts: list[tuple[str, Sequence[Edit], bool]] = [(d.text, (), False) for d in [*held_out, *extra_clean]]
    source = MobySource()
    for rate in TRAIN_RATES:
        spinner = filler_free(source, rate, seed + SEED_OFFSET)
        for document in held_out:
            spun = spinner.spin(document.text)
            texts.append((spun.text, spun.edits, True))
    selection = {key: int(value) for key, value in model.meta.get("selection", {}).items()}
    data = gate_rows_of(DeepEngine(Engine.default(), model, **selection), texts, log)
    gate, bar = gate_from_rows(data, seed, log)
    trained_on = (f"BBC News train half: {len(held_out)} held-out deep articles clean and spun with Moby without "
                  f"filler at {list(TRAIN_RATES)} (seed {seed + SEED_OFFSET}) and {len(extra_clean)} more clean, "
                  f"read as suspected; bar within {MAX_CLEAN_FINDINGS_PER_1000_DEEP} false findings per 1,000 "
                  "clean words")
    return gate, bar, trained_on


def with_suspected_gate(model: DetectorModel, seed: int = 0, log: Log = print,
                        documents: int | None = None) -> DetectorModel:
    """``model`` with a gate on the suspected reading fitted on the deep threshold split."""
    from .train_surprise import deep_articles

    _, held_out, extra = deep_articles(seed, documents)
    gate, bar, trained_on = fit_gate(model, held_out, extra, seed, log)
    meta = {**model.meta, "suspected_bar": bar, "suspected_trained_on": trained_on}
    return dataclasses.replace(model, suspected=gate, meta=meta)


def main(argv: Sequence[str] | None = None) -> int:
    from .refit import refit_main

    return refit_main("python -m unspun.eval.train_suspected", __doc__.splitlines()[0], with_suspected_gate, "suspected",
                      ("suspected_bar", "suspected_trained_on"), argv)


if __name__ == "__main__":
    sys.exit(main())
