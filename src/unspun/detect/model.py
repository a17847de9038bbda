"""Learned combination of evidence: small logistic models stored as JSON in the package.

Three models, trained by ``unspun.eval.train`` on spun and clean text (never on the data the
benchmark reports):

- ``option``: which option of a candidate was the original (a ranking score);
- ``spans``: per candidate kind (``swap``, ``filler``), whether the span was spun at all
  (gradient-boosted trees: the evidence interacts, e.g. a context gain counts for more when
  the thesaurus links the two words both ways);
- ``document``: whether a whole text was spun (a probability under even prior odds, checked
  for calibration on held-out data by ``unspun bench detect``);
- ``suggestion`` (optional, per kind): how likely a finding's suggestion is what stood there,
  if the phrase was swapped, from the option scores of its candidate (fitted by
  ``python -m unspun.eval.train_suggestions`` on held-out spins; checked by the benchmark).

Linear models are ``sigmoid(w . standardise(x) + b)`` over named features; a feature a text
does not have counts as 0. Inference needs numpy only, and scores all candidates of a text in
one vectorised pass.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol

from ..config import CheckConfig

if TYPE_CHECKING:
    import numpy as np

MODEL_FILE = "detector-model.json"


@dataclass(frozen=True, slots=True)
class LinearModel:
    """A standardised logistic model over named features."""

    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float

    def logits(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """Log-odds for many rows at once."""
        return self._linear(feature_matrix(rows, self.features))

    def matrix_logits(self, rows: Sequence[Sequence[float]], names: tuple[str, ...]) -> np.ndarray:
        """Log-odds for rows of plain values, column ``j`` being feature ``names[j]`` (the
        same arithmetic as :meth:`logits`, without a dict per row)."""
        return self._linear(self._plain_matrix(rows, names))

    def row_logits(self, rows: Sequence[Sequence[float]], names: tuple[str, ...]) -> np.ndarray:
        """As :meth:`matrix_logits`, with each row summed on its own: a row gets the same bits
        whatever else is in the batch (a matrix product's rounding depends on the batch, so
        two rows that tie could part by a last bit, and rankings that break ties by name
        would depend on which rows were scored together)."""
        import numpy as np

        standardised = (self._plain_matrix(rows, names) - np.asarray(self.means)) / np.asarray(self.scales)
        # Column by column: elementwise arithmetic rounds each row alike in any batch, where
        # numpy's reductions pick their summation order by the array's shape.
        total = np.full(len(rows), self.bias)
        for column, weight in enumerate(self.weights):
            total += standardised[:, column] * weight
        return total

    def _plain_matrix(self, rows: Sequence[Sequence[float]], names: tuple[str, ...]) -> np.ndarray:
        """Rows of plain values (columns ``names``) as a matrix of this model's features."""
        import numpy as np

        matrix = np.array(rows, dtype=float).reshape(len(rows), len(names))
        columns = _columns(names, self.features)
        if columns is None:  # a feature the rows lack reads 0, as in feature_matrix
            matrix = np.hstack([matrix, np.zeros((len(rows), 1))])
            columns = tuple(names.index(f) if f in names else len(names) for f in self.features)
        return matrix[:, list(columns)]

    def _linear(self, matrix: np.ndarray) -> np.ndarray:
        """``w . standardise(x) + b`` for each row of ``matrix`` (columns in ``features`` order)."""
        import numpy as np

        standardised = (matrix - np.asarray(self.means)) / np.asarray(self.scales)
        return standardised @ np.asarray(self.weights) + self.bias

    def logit(self, values: Mapping[str, float]) -> float:
        total = self.bias
        for name, mean, scale, weight in zip(self.features, self.means, self.scales, self.weights, strict=True):
            total += weight * (values.get(name, 0.0) - mean) / scale
        return total

    def probability(self, values: Mapping[str, float]) -> float:
        return sigmoid(self.logit(values))

    def probabilities(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        import numpy as np

        return 1.0 / (1.0 + np.exp(-self.logits(rows)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "linear",
            "features": list(self.features),
            "means": list(self.means),
            "scales": list(self.scales),
            "weights": list(self.weights),
            "bias": self.bias,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LinearModel:
        return cls(
            tuple(data["features"]),
            tuple(float(v) for v in data["means"]),
            tuple(float(v) or 1.0 for v in data["scales"]),
            tuple(float(v) for v in data["weights"]),
            float(data["bias"]),
        )


@lru_cache(maxsize=64)
def _columns(names: tuple[str, ...], wanted: tuple[str, ...]) -> tuple[int, ...] | None:
    """Where each of ``wanted`` sits in ``names``, or None when one is missing."""
    if not set(wanted) <= set(names):
        return None
    return tuple(names.index(f) for f in wanted)


class SpanModel(Protocol):
    """Anything that turns rows of named features into probabilities."""

    @property
    def features(self) -> tuple[str, ...]: ...

    def probabilities(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray: ...

    def to_dict(self) -> dict[str, Any]: ...


def feature_matrix(rows: Sequence[Mapping[str, float]], names: tuple[str, ...]) -> np.ndarray:
    """Rows of named features as a dense matrix (missing features are 0)."""
    from itertools import chain
    from operator import itemgetter

    import numpy as np

    shape = (len(rows), len(names))
    if not names:
        return np.zeros(shape)
    pick: Callable[[Mapping[str, float]], Iterable[float]] = (
        itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
    )
    size = shape[0] * shape[1]
    try:
        # Rows usually hold every feature: one C-level lookup per row, straight into the array.
        flat = np.fromiter(chain.from_iterable(map(pick, rows)), dtype=float, count=size)
    except KeyError:
        flat = np.fromiter(chain.from_iterable(_padded(row, pick, names) for row in rows), dtype=float, count=size)
    return flat.reshape(shape)


def _padded(row: Mapping[str, float], pick: Callable[[Mapping[str, float]], Iterable[float]],
            names: tuple[str, ...]) -> Iterable[float]:
    """A row's features in order, 0 for those it lacks."""
    try:
        return pick(row)
    except KeyError:
        return [row.get(name, 0.0) for name in names]


@dataclass(frozen=True)
class TreeEnsemble:
    """Gradient-boosted trees (from scikit-learn's HistGradientBoostingClassifier), stored as
    flat node arrays and evaluated for all rows and all trees level by level with numpy."""

    features: tuple[str, ...]
    feature_index: tuple[tuple[int, ...], ...]  # per tree, per node
    threshold: tuple[tuple[float, ...], ...]
    left: tuple[tuple[int, ...], ...]
    right: tuple[tuple[int, ...], ...]
    value: tuple[tuple[float, ...], ...]
    leaf: tuple[tuple[bool, ...], ...]
    baseline: float

    def _arrays(self) -> _FlatTrees:
        cached = self.__dict__.get("_cached")
        if cached is None:
            cached = _FlatTrees.build(self)
            object.__setattr__(self, "_cached", cached)
        return cached  # type: ignore[no-any-return]

    def probabilities(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        import numpy as np

        if not rows:
            return np.zeros(0)
        flat = self._arrays()
        matrix = feature_matrix(rows, self.features)
        cells = matrix.ravel()
        row_start = np.arange(matrix.shape[0])[None, :] * matrix.shape[1]
        # One node per (tree, row), numbered across all trees; a leaf leads to itself, so every
        # row can take the same number of steps, whichever leaf it reaches first.
        node = np.repeat(flat.roots[:, None], matrix.shape[0], axis=1)
        for _ in range(flat.depth):
            goes_left = cells[row_start + flat.feature[node]] <= flat.threshold[node]
            node = flat.children[2 * node + goes_left]
        raw = flat.value[node].sum(axis=0) + self.baseline
        return 1.0 / (1.0 + np.exp(-raw))

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "trees",
            "features": list(self.features),
            "trees": [
                {"feature": list(f), "threshold": list(t), "left": list(lt), "right": list(r), "value": list(v),
                 "leaf": list(lf)}
                for f, t, lt, r, v, lf in zip(self.feature_index, self.threshold, self.left, self.right, self.value,
                                              self.leaf, strict=True)
            ],
            "baseline": self.baseline,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TreeEnsemble:
        trees = data["trees"]
        return cls(
            tuple(data["features"]),
            tuple(tuple(int(x) for x in t["feature"]) for t in trees),
            tuple(tuple(float(x) for x in t["threshold"]) for t in trees),
            tuple(tuple(int(x) for x in t["left"]) for t in trees),
            tuple(tuple(int(x) for x in t["right"]) for t in trees),
            tuple(tuple(float(x) for x in t["value"]) for t in trees),
            tuple(tuple(bool(x) for x in t["leaf"]) for t in trees),
            float(data["baseline"]),
        )

    @classmethod
    def from_sklearn(cls, model: Any, features: tuple[str, ...]) -> TreeEnsemble:
        """Convert a fitted binary HistGradientBoostingClassifier."""
        trees = [predictors[0] for predictors in model._predictors]
        edges = model._bin_mapper.bin_thresholds_ if hasattr(model, "_bin_mapper") else None
        del edges  # thresholds in the nodes are already real values
        return cls(
            features,
            tuple(tuple(int(x) for x in t.nodes["feature_idx"]) for t in trees),
            tuple(tuple(float(x) for x in t.nodes["num_threshold"]) for t in trees),
            tuple(tuple(int(x) for x in t.nodes["left"]) for t in trees),
            tuple(tuple(int(x) for x in t.nodes["right"]) for t in trees),
            tuple(tuple(float(x) for x in t.nodes["value"]) for t in trees),
            tuple(tuple(bool(x) for x in t.nodes["is_leaf"]) for t in trees),
            float(model._baseline_prediction.ravel()[0]),
        )


@dataclass(frozen=True, slots=True)
class _FlatTrees:
    """A tree ensemble as flat node arrays for :meth:`TreeEnsemble.probabilities`: nodes are
    numbered across all trees, and a leaf's children are the leaf itself."""

    feature: np.ndarray  # per node: the feature it tests (0 at a leaf)
    threshold: np.ndarray  # per node: go left when the feature is at most this
    children: np.ndarray  # node n goes to children[2n] (right) or children[2n + 1] (left)
    value: np.ndarray  # per node: the leaf value
    roots: np.ndarray  # per tree: its first node
    depth: int  # steps from the roots to the deepest leaf

    @classmethod
    def build(cls, trees: TreeEnsemble) -> _FlatTrees:
        import numpy as np

        sizes = [len(t) for t in trees.feature_index]
        roots = np.cumsum([0, *sizes[:-1]]).astype(np.int64)
        first = np.repeat(roots, sizes)

        def flat(rows: tuple[tuple[Any, ...], ...], dtype: Any) -> np.ndarray:
            return np.array([x for row in rows for x in row], dtype=dtype)

        leaf = flat(trees.leaf, bool)
        itself = np.arange(len(leaf), dtype=np.int64)
        left = np.where(leaf, itself, first + flat(trees.left, np.int64))
        right = np.where(leaf, itself, first + flat(trees.right, np.int64))
        children = np.stack([right, left], axis=1).ravel()
        # The original evaluation stopped after 64 steps ("deeper than any tree we train").
        depth = min(64, max((_depth(left, right, leaf, root) for root in roots.tolist()), default=0))
        return cls(flat(trees.feature_index, np.int64), flat(trees.threshold, float), children,
                   flat(trees.value, float), roots, depth)


def _depth(left: np.ndarray, right: np.ndarray, leaf: np.ndarray, root: int) -> int:
    """Edges on the longest path from ``root`` to a leaf."""
    deepest, level, frontier = 0, 0, [root]
    while frontier:
        deepest = level
        frontier = [child for node in frontier if not leaf[node] for child in (int(left[node]), int(right[node]))]
        level += 1
    return deepest


def span_model_from_dict(data: Mapping[str, Any]) -> SpanModel:
    if data.get("type") == "trees":
        return TreeEnsemble.from_dict(data)
    return LinearModel.from_dict(data)


SPUN_DOCUMENT_SCORE = CheckConfig().spun_threshold
"""Deep mode's lower finding bar applies from this document score on (the default verdict
"spun"; the fast score, raised by the text's surprise in deep mode), unless the model names
its own ``spun_document_score``."""


MARGIN_CAP = 10.0
"""The margin to the runner-up read for a candidate with one option: far beyond any measured."""


def suggestion_features(scores: Sequence[float], confidence: float | None = None,
                        options: int | None = None) -> dict[str, float]:
    """What a suggestion calibrator reads of a finding: its candidate's option scores
    (log-odds, best first: the best, its margin over the runner-up, its share of the softmax
    over them, and how many options there were: ``options`` when ``scores`` are only the
    best few) and, when given, the span's ``confidence``."""
    best = scores[0]
    margin = min(MARGIN_CAP, best - scores[1]) if len(scores) > 1 else MARGIN_CAP
    share = 1.0 / sum(math.exp(score - best) for score in scores)
    features = {"best_score": best, "margin": margin, "share": share,
                "log_options": math.log(len(scores) if options is None else max(1, options))}
    if confidence is not None:
        features["confidence"] = confidence
    return features


@dataclass(frozen=True, slots=True)
class DetectorModel:
    """The models and the settings they were trained with."""

    option: LinearModel
    spans: Mapping[str, SpanModel]
    document: SpanModel
    meta: Mapping[str, Any]
    suggestion: Mapping[str, LinearModel] = dataclasses.field(default_factory=dict)
    surprise: LinearModel | None = None
    """Deep models only: the probability that a text was spun from its words' surprise under
    the language model (:mod:`unspun.detect.surprise`; ``python -m unspun.eval.train_surprise``)."""
    suspected: LinearModel | None = None
    """Deep models only: the gate on the suspected reading of a text the surprise alone calls
    spun, with its bar ``meta["suspected_bar"]`` (:mod:`unspun.detect.suspected`;
    ``python -m unspun.eval.train_suspected``)."""

    def suggestion_confidence(self, kind: str, scores: Sequence[float], confidence: float) -> float | None:
        """How likely the best of these option scores (best first) names the original, if
        the span of this kind (judged swapped with ``confidence``) was swapped; ``None``
        without a calibrator for the kind."""
        calibrator = self.suggestion.get(kind)
        if calibrator is None or not scores:
            return None
        return calibrator.probability(suggestion_features(scores, confidence))

    @property
    def finding_threshold(self) -> float:
        """Least span probability reported as a finding (chosen on training data)."""
        return float(self.meta.get("finding_threshold", 0.5))

    @property
    def document_finding_threshold(self) -> float:
        """The bar at which the document model read findings in training (its features count
        them): ``document_finding_threshold`` where the model names one (the fast models from
        session 42 on, whose reported findings follow the verdict: :meth:`finding_threshold_for`),
        else ``finding_threshold``."""
        return float(self.meta.get("document_finding_threshold", self.finding_threshold))

    def finding_threshold_for(self, document_score: float) -> float:
        """The finding threshold for a text with this document score.

        A model may carry a second, lower threshold for texts it already believes spun
        (``spun_finding_threshold``, from a document score of ``spun_document_score`` on):
        there most suspicious words were swapped, and the bar that keeps clean pages clean
        would hide many swaps. Without one, or below that score, ``finding_threshold``.
        """
        lower = self.meta.get("spun_finding_threshold")
        if lower is None or document_score < float(self.meta.get("spun_document_score", SPUN_DOCUMENT_SCORE)):
            return self.finding_threshold
        return float(lower)

    def with_thresholds(self, threshold: float, spun_threshold: float | None = None) -> DetectorModel:
        """The same models judging findings at ``threshold``, and at ``spun_threshold`` in texts
        called spun (``None``: one bar everywhere), as a benchmark compares bars."""
        meta = {key: value for key, value in self.meta.items() if key != "spun_finding_threshold"}
        meta["finding_threshold"] = threshold
        if spun_threshold is not None:
            meta["spun_finding_threshold"] = spun_threshold
        return dataclasses.replace(self, meta=meta)

    def to_dict(self) -> dict[str, Any]:
        data = {
            "option": self.option.to_dict(),
            "spans": {kind: model.to_dict() for kind, model in sorted(self.spans.items())},
            "document": self.document.to_dict(),
            "meta": dict(self.meta),
        }
        if self.suggestion:
            data["suggestion"] = {kind: model.to_dict() for kind, model in sorted(self.suggestion.items())}
        if self.surprise is not None:
            data["surprise"] = self.surprise.to_dict()
        if self.suspected is not None:
            data["suspected"] = self.suspected.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DetectorModel:
        meta = data.get("meta", {})
        if "surprise" in data and not {"surprise_prior", "surprise_bar"} <= meta.keys():
            raise ValueError("a model file with a surprise model needs meta.surprise_prior and meta.surprise_bar")
        if "suspected" in data and "suspected_bar" not in meta:
            raise ValueError("a model file with a suspected-reading gate needs meta.suspected_bar")
        return cls(
            LinearModel.from_dict(data["option"]),
            {kind: span_model_from_dict(model) for kind, model in data["spans"].items()},
            span_model_from_dict(data["document"]),
            dict(meta),
            {kind: LinearModel.from_dict(model) for kind, model in data.get("suggestion", {}).items()},
            LinearModel.from_dict(data["surprise"]) if "surprise" in data else None,
            LinearModel.from_dict(data["suspected"]) if "suspected" in data else None,
        )


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@lru_cache(maxsize=2)
def shipped_model(name: str = MODEL_FILE) -> DetectorModel | None:
    """A model trained for this release (the fast one by default), or None if it has not
    been trained yet."""
    resource = resources.files("unspun.data").joinpath(name)
    if not resource.is_file():
        return None
    return DetectorModel.from_dict(json.loads(resource.read_text("utf-8")))
