"""How deep mode merges the neural verdict with the fast analysis (a stand-in scorer: no model)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from tests.conftest import needs_deep
from unspun.detect.candidates import distinct_forms
from unspun.detect.deep import (
    DEEP_DOCUMENT,
    FULL_CANDIDATES,
    REDUCED_OPTIONS,
    SELECTION_SETTINGS,
    DeepEngine,
    deep_engine,
)
from unspun.detect.engine import Engine, document_features
from unspun.detect.model import DetectorModel, shipped_model
from unspun.detect.neural import TOP_OPTIONS
from unspun.detect.swaps import shown_options

from ._scorers import NeutralScorer

TEXT = ("The company has actually said that sales and also profits rose in the quarter, as well as "
        "costs. The irregular woodland beat the baseline, and the board will proceed with the plan.")


def _engine(kinds: Sequence[str], document: str | None, threshold: float = 0.5) -> DeepEngine:
    fast = shipped_model()
    assert fast is not None
    spans = {kind: fast.spans[kind] for kind in kinds}
    meta = {"finding_threshold": threshold, **({"document": document} if document else {})}
    return DeepEngine(Engine.default(), DetectorModel(fast.option, spans, fast.document, meta), NeutralScorer())


def test_findings_never_overlap_and_judged_ones_say_neural() -> None:
    engine = _engine(("swap", "filler"), DEEP_DOCUMENT)
    analysis, chosen = engine.neural_candidates(TEXT)
    assert {c.kind for c in chosen} == {"swap", "filler"}
    judged = engine.judge(analysis, chosen)
    for a, b in itertools.pairwise(judged.findings):
        assert a.end <= b.start
    for finding in judged.findings:
        if any(c.start == finding.start and c.end == finding.end for c in chosen):
            assert "neural" in finding.evidence
    # A restored term the neutral scorer does not confirm is gone.
    assert not any(f.kind == "tortured-phrase" and "term" in f.evidence for f in judged.findings)


def test_the_most_suspicious_candidates_get_every_option_read() -> None:
    scorer = NeutralScorer()
    engine = DeepEngine(Engine.default(), None, scorer, full_candidates=2, reduced_options=1)
    _, chosen = engine.neural_candidates(TEXT)
    assert len(chosen) > 2
    assert scorer.option_counts == [TOP_OPTIONS, TOP_OPTIONS] + [1] * (len(chosen) - 2)
    assert [c.confidence for c in chosen] == sorted((c.confidence for c in chosen), reverse=True)


def test_by_default_the_forty_five_most_suspicious_get_six_options_and_the_rest_three() -> None:
    scorer = NeutralScorer()
    engine = DeepEngine(Engine.default(), None, scorer)
    _, chosen = engine.neural_candidates(" ".join([TEXT] * 4))  # under 150 words: every candidate
    assert len(chosen) > FULL_CANDIDATES
    assert scorer.option_counts == ([TOP_OPTIONS] * FULL_CANDIDATES + [REDUCED_OPTIONS] * (len(chosen) - FULL_CANDIDATES))
    assert (FULL_CANDIDATES, TOP_OPTIONS, REDUCED_OPTIONS) == (45, 6, 3)


@needs_deep
def test_the_shipped_engine_selects_as_its_model_was_trained() -> None:
    engine = deep_engine()
    assert engine.model is not None
    selection = engine.model.meta["selection"]
    assert {key: getattr(engine, key) for key in SELECTION_SETTINGS} == selection


def test_a_deep_document_model_reads_the_deep_findings() -> None:
    engine = _engine(("swap", "filler"), DEEP_DOCUMENT, threshold=0.01)  # every judged candidate a finding
    analysis, chosen = engine.neural_candidates(TEXT)
    fast_features = dict(analysis.features)
    judged = engine.judge(analysis, chosen)
    listed = engine.fast.known.find(TEXT, judged.context.tokens)
    assert judged.features == document_features(judged.context, judged.candidates, listed, judged.findings)
    assert judged.features != fast_features


def test_without_a_deep_document_model_the_fast_score_stands() -> None:
    engine = _engine(("swap", "filler"), None)
    analysis, chosen = engine.neural_candidates(TEXT)
    score, features = analysis.score, dict(analysis.features)
    judged = engine.judge(analysis, chosen)
    assert (judged.score, judged.features) == (score, features)


def test_a_model_without_a_filler_span_model_leaves_filler_to_the_fast_path() -> None:
    engine = _engine(("swap",), None)
    assert engine.kinds == {"swap"}
    fast_filler = [f for f in Engine.default().analyse(TEXT).findings if f.kind == "filler"]
    assert fast_filler, "the text should give the fast path filler findings"
    analysis, chosen = engine.neural_candidates(TEXT)
    assert all(c.kind == "swap" for c in chosen)
    judged = engine.judge(analysis, chosen)
    assert [f for f in judged.findings if f.kind == "filler"] == fast_filler


def test_swap_findings_take_their_suggestion_from_a_wider_pool() -> None:
    narrow = _engine(("swap", "filler"), None, threshold=0.01)
    narrow.wide_scored = 0
    wide = _engine(("swap", "filler"), None, threshold=0.01)
    before = narrow.judge(*narrow.neural_candidates(TEXT)).findings
    analysis, chosen = wide.neural_candidates(TEXT)
    narrow_pools = {(c.start, c.end): {o.text for o in c.options} for c in chosen}
    after = wide.judge(analysis, chosen).findings
    # The same findings with the same confidences: only what each word was may change.
    assert [(f.start, f.end, f.kind, f.confidence) for f in after] == [(f.start, f.end, f.kind, f.confidence)
                                                                         for f in before]
    changed = 0
    for old, new in zip(before, after, strict=True):
        if new.kind != "swap":
            assert new == old
            continue
        offered = {new.suggestion, *new.alternatives}
        assert len(offered) == 1 + len(new.alternatives) and len(new.alternatives) <= 5
        candidate = next(c for c in chosen if (c.start, c.end) == (new.start, new.end))
        # A widened candidate keeps the merged pool, best first, which the finding reads: the
        # word's own forms left out, each word once.
        shown = [o.text for o in shown_options(new.text, candidate)]
        assert new.suggestion == shown[0]
        assert new.alternatives == distinct_forms(shown[0], shown[1:], 5)
        changed += new.suggestion not in narrow_pools[(new.start, new.end)]  # from beyond the fast path's options
    assert changed >= 1, "some finding should be restored from beyond the fast path's options"


def test_a_text_called_spun_is_judged_at_the_models_lower_bar() -> None:
    fast = shipped_model()
    assert fast is not None
    meta = {"finding_threshold": 0.99, "spun_finding_threshold": 0.01, "spun_document_score": 0.7}
    engine = DeepEngine(Engine.default(), DetectorModel(fast.option, {k: fast.spans[k] for k in ("swap", "filler")},
                                                        fast.document, meta), NeutralScorer())
    judged = {}
    for score in (0.69, 0.7):
        analysis, chosen = engine.neural_candidates(TEXT)
        analysis.score = score
        judged[score] = {(f.start, f.end) for f in engine.judge(analysis, chosen).findings if "neural" in f.evidence}
        spans = {(c.start, c.end) for c in chosen if c.confidence >= (0.01 if score >= 0.7 else 0.99)}
        assert judged[score] <= spans
    assert judged[0.69] < judged[0.7]
