"""The gate on the suspected reading of a text the surprise alone calls spun."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from unspun.detect.candidates import Candidate
from unspun.detect.context import TextContext
from unspun.detect.deep import DeepEngine
from unspun.detect.engine import Engine, apply_model, may_be_finding
from unspun.detect.model import DetectorModel, LinearModel, shipped_model
from unspun.detect.surprise import SURPRISE_FEATURES
from unspun.detect.suspected import EVIDENCE, GATE_FEATURES
from unspun.eval.train_suspected import GateRows, place_bar

from ._scorers import ScorerWithLM, WordLM

TEXT = ("The council said on Monday that the new bridge would open next spring after months of delay. "
        "Officials blamed the weather and a shortage of steel for the hold-up, and said the final cost "
        "would be higher than planned. Local traders welcomed the news, saying the closure had hurt business "
        "along the river. The mayor told reporters the city had learned lessons from the project and would "
        "publish a full report later this year. Work on a second crossing is expected to start in 2027, "
        "subject to funding from the national government, which has promised to review the plans.")
PRIOR = {name: 0.0 for name in SURPRISE_FEATURES}
SURE = LinearModel(("surprise_gain_mean",), (0.0,), (1.0,), (0.0,), 5.0)  # calls every text spun
UNSURE = LinearModel(("surprise_gain_mean",), (0.0,), (1.0,), (0.0,), -5.0)  # calls none


class FitScorer(ScorerWithLM):
    """The stand-in scorer, with every word seen fitting its place as ``fit`` says, or as
    ``span_fit`` says for its span, and its best option's advantage over it as
    ``advantage`` says, or ``span_advantage`` for its span."""

    def __init__(self, fit: float, span_fit: dict[tuple[int, int], float] | None = None, advantage: float = 0.0,
                 span_advantage: dict[tuple[int, int], float] | None = None) -> None:
        super().__init__(WordLM({}))
        self.fit = fit
        self.span_fit = span_fit or {}
        self.advantage = advantage
        self.span_advantage = span_advantage or {}

    def score(self, context: TextContext, candidates: Sequence[Candidate],
              option_counts: Sequence[int] | None = None) -> None:
        super().score(context, candidates, option_counts)
        for candidate in candidates:
            span = (candidate.start, candidate.end)
            candidate.features["nlm_seen_fit"] = self.span_fit.get(span, self.fit)
            candidate.features["nlm_max_delta_prior"] = self.span_advantage.get(span, self.advantage)


def _deep(surprise: LinearModel, gate: LinearModel | None, spun_bar: float, fit: float = 0.0,
          gate_bar: float = 0.5, span_fit: dict[tuple[int, int], float] | None = None, advantage: float = 0.0,
          span_advantage: dict[tuple[int, int], float] | None = None) -> DeepEngine:
    """A deep model judging swaps and filler with the fast span models: no findings at its
    normal bar, ``spun_bar`` in texts called spun."""
    fast = shipped_model()
    assert fast is not None
    meta = {"finding_threshold": 1.01, "spun_finding_threshold": spun_bar, "surprise_prior": PRIOR,
            "surprise_bar": 0.7, "suspected_bar": gate_bar}
    model = DetectorModel(fast.option, fast.spans, fast.document, meta, surprise=surprise, suspected=gate)
    return DeepEngine(Engine.default(), model, FitScorer(fit, span_fit, advantage, span_advantage))


def _readings() -> tuple[dict[tuple[int, int], float], dict[tuple[int, int], float]]:
    """The swap confidences of ``TEXT`` by span, read as an unsuspected and as a suspected
    text's (the span models read the text's filler rate; the words chosen for neural
    evidence change)."""
    engine = _deep(SURE, None, 0.5)
    assert engine.model is not None
    readings = []
    for suspect in (False, True):
        _, chosen = engine.neural_candidates(TEXT, suspect=suspect)
        apply_model(engine.model, chosen)
        readings.append({(c.start, c.end): c.confidence for c in chosen if c.kind == "swap"})
    return readings[0], readings[1]


def _suspected_only() -> tuple[float, tuple[int, int]]:
    """A bar just below the confidence of the most confident swap of ``TEXT`` read as a
    suspected text's that is judged less confident, or not at all, read as an unsuspected
    one's; and its span."""
    unsuspected, suspected = _readings()
    confidence, span = max((confidence, span) for span, confidence in suspected.items()
                           if confidence > unsuspected.get(span, -1.0) + 1e-6)
    return confidence - 1e-9, span


def _counting(engine: DeepEngine) -> list[str]:
    """The texts ``engine`` reads a second time as suspected, from now on."""
    calls: list[str] = []
    original = engine.suspected_swaps

    def counted(text: str, threshold: float) -> list[Candidate]:
        calls.append(text)
        return original(text, threshold)

    engine.suspected_swaps = counted  # type: ignore[method-assign]
    return calls


def _swap_spans(engine: DeepEngine) -> dict[tuple[int, int], tuple[str, ...]]:
    return {(f.start, f.end): f.evidence for f in engine.analyse(TEXT).findings if f.kind == "swap"}


PASS_ALL = LinearModel(GATE_FEATURES, (0.0,) * 3, (1.0,) * 3, (0.0,) * 3, 10.0)
PASS_NONE = LinearModel(GATE_FEATURES, (0.0,) * 3, (1.0,) * 3, (0.0,) * 3, -10.0)


def test_a_text_the_surprise_alone_calls_spun_gets_the_swaps_its_gate_passes_from_a_suspected_reading() -> None:
    bar, span = _suspected_only()
    assert span not in _swap_spans(_deep(SURE, None, bar))  # no gate: nothing from a second reading
    passed = _swap_spans(_deep(SURE, PASS_ALL, bar))
    assert span in passed and EVIDENCE in passed[span] and "neural" in passed[span]
    assert span not in _swap_spans(_deep(SURE, PASS_NONE, bar))
    # A text the surprise does not call spun is not read as suspected, whatever the gate.
    unsure = _deep(UNSURE, PASS_ALL, bar)
    calls = _counting(unsure)
    assert span not in _swap_spans(unsure) and not calls
    sure = _deep(SURE, PASS_ALL, bar)
    calls = _counting(sure)
    _swap_spans(sure)
    assert calls == [TEXT]


def test_a_span_both_readings_find_does_not_name_the_suspected_reading() -> None:
    unsuspected, suspected = _readings()
    span = max(unsuspected, key=lambda s: unsuspected[s])
    bar = unsuspected[span] - 1e-9
    assert suspected.get(span, 0.0) >= bar  # the suspected reading finds it too
    passed = _swap_spans(_deep(SURE, PASS_ALL, bar))
    assert span in passed and EVIDENCE not in passed[span]
    assert any(EVIDENCE in evidence for evidence in passed.values())  # others come from it alone


def test_the_gate_reads_how_the_texts_suspected_swaps_fit_on_the_whole_not_the_word() -> None:
    bar, span = _suspected_only()
    # Passes a finding when the worst tenth of the text's suspected swaps fit poorly (the
    # suspected reading reads dozens of them here: one word's fit does not move the tenth
    # percentile).
    poor_fit = LinearModel(("text_fit_q10",), (0.0,), (1.0,), (-1.0,), 0.0)
    assert span in _swap_spans(_deep(SURE, poor_fit, bar, fit=-2.0, span_fit={span: 5.0}))
    assert span not in _swap_spans(_deep(SURE, poor_fit, bar, fit=2.0, span_fit={span: -5.0}))


def test_the_gate_reads_how_much_the_options_beat_the_texts_suspected_swaps_on_the_whole_not_the_word() -> None:
    bar, span = _suspected_only()
    beaten = LinearModel(("text_advantage_mean",), (0.0,), (1.0,), (1.0,), 0.0)
    assert span in _swap_spans(_deep(SURE, beaten, bar, advantage=2.0, span_advantage={span: -5.0}))
    assert span not in _swap_spans(_deep(SURE, beaten, bar, advantage=-2.0, span_advantage={span: 5.0}))


def test_a_deep_model_keeps_its_gate_through_a_round_trip_and_needs_its_bar() -> None:
    engine = _deep(SURE, PASS_ALL, 0.4, gate_bar=0.3)
    assert engine.model is not None
    data = engine.model.to_dict()
    loaded = DetectorModel.from_dict(data)
    assert loaded.suspected == PASS_ALL and loaded.meta["suspected_bar"] == 0.3
    assert engine.model.with_thresholds(0.6, 0.4).suspected == PASS_ALL
    del data["meta"]["suspected_bar"]
    with pytest.raises(ValueError, match="suspected_bar"):
        DetectorModel.from_dict(data)


def test_the_gates_bar_is_the_best_f1_within_the_clean_budget() -> None:
    # Spun rows: two true (0.9, 0.6), one false (0.7); clean rows at 0.8 and 0.4 in 2,000 words.
    data = GateRows([{}] * 5, [True, True, False, False, False], [True, True, True, False, False], 2000)
    probabilities = [0.9, 0.6, 0.7, 0.8, 0.4]
    # One clean row per 2,000 words is allowed: the clean row at 0.8 may stay, not the one at 0.4.
    assert place_bar(probabilities, data, max_clean=0.5) == (0.41, pytest.approx(0.8))
    # None allowed: above 0.8, where only the true row at 0.9 is kept.
    assert place_bar(probabilities, data, max_clean=0.0) == (0.81, pytest.approx(2 / 3))


def test_the_gates_rows_are_the_suspected_readings_swaps_at_the_spun_bar_labelled_by_the_spinners_edits() -> None:
    from unspun.eval.spinner import Spinner
    from unspun.eval.thesauri import MobySource
    from unspun.eval.train_suspected import gate_rows_of

    bar, _ = _suspected_only()
    engine = _deep(SURE, None, bar, fit=-1.0)
    spun = Spinner(MobySource(), rate=0.3, seed=2).spin(TEXT)
    data = gate_rows_of(engine, [(TEXT, (), False), (spun.text, spun.edits, True)], log=lambda message: None)
    assert data.clean_words == len(TEXT.split())
    assert len(data.rows) == len(data.labels) == len(data.spun)
    assert all(row["suspected_confidence"] >= bar for row in data.rows)
    assert all(row["text_fit_q10"] == -1.0 and row["text_advantage_mean"] == 0.0 for row in data.rows)
    assert not any(label for label, spun in zip(data.labels, data.spun, strict=True) if not spun)
    assert any(not spun for spun in data.spun)  # the clean text has rows at this bar
    # A spun row is true when it lies inside an edit the spinner made.
    _, chosen = engine.neural_candidates(spun.text, suspect=True)
    assert engine.model is not None
    apply_model(engine.model, chosen)
    inside = sum(1 for c in chosen if c.kind == "swap" and c.confidence >= bar and may_be_finding(c)
                 and any(e.start <= c.start and c.end <= e.end for e in spun.edits
                         if e.kind in ("synonym", "multiword", "filler")))
    assert inside > 0 and sum(label for label, s in zip(data.labels, data.spun, strict=True) if s) == inside
    assert any(not label for label, s in zip(data.labels, data.spun, strict=True) if s)  # and false ones


def test_a_text_checked_as_suspected_is_not_read_a_second_time() -> None:
    bar, span = _suspected_only()
    engine = _deep(SURE, PASS_ALL, bar)
    calls = _counting(engine)
    engine.analyse(TEXT)
    assert len(calls) == 1
    suspected = engine.analyse(TEXT, suspect=True)
    assert len(calls) == 1
    # Its words were read as suspected once, with the gate nowhere: --suspect shows them all.
    assert all(EVIDENCE not in f.evidence for f in suspected.findings)
    assert span in {(f.start, f.end) for f in suspected.findings}


def test_the_shipped_gate_reads_the_features_the_engine_gives_it() -> None:
    from unspun.detect.model import shipped_model as load
    from unspun.detect.suspected import gate_rows, text_features

    deep = load("detector-model-deep.json")
    assert deep is not None and deep.suspected is not None
    assert set(deep.suspected.features) == set(GATE_FEATURES)
    row = gate_rows([Candidate(0, 1, 0, 1, "swap", [], confidence=0.5)], text_features([]))[0]
    assert set(row) == set(GATE_FEATURES)
