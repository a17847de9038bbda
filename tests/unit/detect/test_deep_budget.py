"""Deep mode under a budget (``CheckConfig.deep_candidates``, ``DeepEngine.within``): how many
candidates the language model reads, and what is reported of the others. A stand-in scorer:
no model runs here; the command line's checks need none either."""

from __future__ import annotations

import pytest

from unspun.cli import main
from unspun.config import CheckConfig
from unspun.detect.deep import FULL_CANDIDATES, DeepEngine
from unspun.detect.engine import Engine
from unspun.detect.model import DetectorModel, shipped_model
from unspun.detect.neural import TOP_OPTIONS

from ._scorers import NeutralScorer

TEXT = ("The company has actually said that sales and also profits rose in the quarter, as well as "
        "costs. The irregular woodland beat the baseline, and the board will proceed with the plan.")


def _engine(scorer: NeutralScorer) -> DeepEngine:
    """A deep engine whose bar is above every confidence: nothing it reads becomes a finding."""
    fast = shipped_model()
    assert fast is not None
    spans = {kind: fast.spans[kind] for kind in ("swap", "filler")}
    return DeepEngine(Engine.default(), DetectorModel(fast.option, spans, fast.document, {"finding_threshold": 1.0}),
                      scorer)


def test_a_budget_reads_the_most_suspicious_candidates_only() -> None:
    scorer = NeutralScorer()
    full = _engine(scorer)
    _, every = full.neural_candidates(TEXT)
    assert len(every) > 2
    _, chosen = full.within(2).neural_candidates(TEXT)
    assert chosen == every[:2]  # most suspicious first, as the full reading orders them
    assert scorer.option_counts == [TOP_OPTIONS, TOP_OPTIONS]


def test_a_budget_under_the_full_reading_keeps_its_options_per_candidate() -> None:
    engine = _engine(NeutralScorer()).within(FULL_CANDIDATES + 10)
    assert (engine.max_candidates, engine.full_candidates) == (FULL_CANDIDATES + 10, FULL_CANDIDATES)
    assert _engine(NeutralScorer()).within(3).full_candidates == 3


def test_under_a_budget_only_what_was_read_is_reported() -> None:
    fast_findings = [f for f in Engine.default().analyse(TEXT).findings if f.kind in ("swap", "filler")]
    assert fast_findings, "the text should give the fast path swap or filler findings"
    unbounded = _engine(NeutralScorer())
    unbounded.max_candidates = 1  # the same reading as the budget's, keeping the fast findings beyond it
    analysis, chosen = unbounded.neural_candidates(TEXT)
    kept = unbounded.judge(analysis, chosen).findings
    assert [f for f in kept if f.kind in ("swap", "filler")], "the fast findings beyond the one read should stand"
    budget = _engine(NeutralScorer()).within(1)
    analysis, chosen = budget.neural_candidates(TEXT)
    judged = budget.judge(analysis, chosen).findings
    # The bar is above every confidence, so of swaps and filler nothing is left.
    assert not [f for f in judged if f.kind in ("swap", "filler")]
    assert [f for f in judged if f.kind not in ("swap", "filler")] == [f for f in kept if f.kind not in ("swap", "filler")]


@pytest.mark.parametrize(("budget", "error"), [(0, ValueError), (-3, ValueError), (True, TypeError), (2.5, TypeError),
                                                ("10", TypeError)])
def test_a_budget_is_a_whole_number_of_at_least_one(budget: object, error: type[Exception]) -> None:
    # A wrong type is a TypeError and a number out of range a ValueError, as for every setting.
    with pytest.raises(error, match="deep_candidates"):
        CheckConfig(deep_candidates=budget)  # type: ignore[arg-type]


def test_within_refuses_an_empty_budget() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        _engine(NeutralScorer()).within(0)


def test_the_command_line_wants_deep_for_a_budget(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "-", "--deep-candidates", "5"]) == 2
    assert "--deep-candidates needs --deep" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["0", "many"])
def test_the_command_line_refuses_a_bad_budget(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["check", "-", "--deep", "--deep-candidates", value])
    assert stopped.value.code == 2
    assert "--deep-candidates" in capsys.readouterr().err


def test_a_variant_reads_and_reports_as_its_engine_does() -> None:
    budget = _engine(NeutralScorer()).within(7)
    other = NeutralScorer()
    variant = budget.variant(scorer=other, wide_scored=0)
    assert variant.scorer is other and variant.model is budget.model and variant.wide_scored == 0
    assert (variant.max_candidates, variant.full_candidates, variant.keep_unread) == (7, 7, False)
