"""Deep mode: fast evidence everywhere, neural evidence where it matters.

The fast engine runs first. Its candidates with some suspicion (fast confidence at least
``SELECT_CONFIDENCE``), or every candidate of a short text, are scored again by the neural
language model (:class:`~unspun.detect.neural.NeuralScorer`); a second set of learned models,
trained on the same data as the fast ones plus the neural features, re-ranks their options
and decides their confidence. Findings it produces name ``neural`` in their evidence. The
document score stays the fast path's (the document model is shared).

Needs the ``deep`` extra; without it :func:`deep_engine` raises
:class:`~unspun.errors.MissingExtraError` with the exact install lines.
"""

from __future__ import annotations

import bisect
import dataclasses
from functools import lru_cache

from ..errors import MissingExtraError
from ..models import Finding
from .candidates import Candidate, Option
from .engine import Analysis, Engine, apply_model, select_findings
from .model import DetectorModel, shipped_model
from .terms import term_words

DEEP_MODEL_FILE = "detector-model-deep.json"
SELECT_CONFIDENCE = 0.15
SHORT_TEXT_WORDS = 150
MAX_CANDIDATES = 70  # about 3 s of neural scoring on this 2-core machine


def selected(candidates: list[Candidate], words: int) -> list[Candidate]:
    """The candidates worth neural evidence: suspicious swaps, or all swaps of a short text."""
    swaps = [c for c in candidates if c.kind == "swap" and c.options]
    if words > SHORT_TEXT_WORDS:
        swaps = [c for c in swaps if c.confidence >= SELECT_CONFIDENCE]
    swaps.sort(key=lambda c: -c.confidence)
    return swaps[:MAX_CANDIDATES]


class DeepEngine:
    """The fast engine plus neural re-scoring of its suspicious candidates."""

    def __init__(self, fast: Engine, deep_model: DetectorModel | None, scorer: object | None = None) -> None:
        from .neural import NeuralScorer

        self.fast = fast
        self.model = deep_model
        self.scorer = scorer if scorer is not None else NeuralScorer(lexicon=fast.lexicon)

    def neural_candidates(self, text: str) -> tuple[Analysis, list[Candidate]]:
        """The fast analysis, and its selected candidates with neural features added."""
        analysis = self.fast.analyse(text)
        chosen = selected(analysis.candidates, len(analysis.context.words))
        for candidate in chosen:
            candidate.features["fast_confidence"] = candidate.confidence
        if chosen:
            self.scorer.score(analysis.context, chosen)  # type: ignore[attr-defined]
        return analysis, chosen

    def analyse(self, text: str) -> Analysis:
        analysis, chosen = self.neural_candidates(text)
        analysis.findings = self.verified_terms(analysis)
        if self.model is None or not chosen:
            return analysis
        apply_model(self.model, chosen)
        for candidate in chosen:
            if "neural" not in candidate.evidence:
                candidate.evidence.append("neural")
        # The neural judgement replaces the fast one on the candidates it saw; findings of
        # other kinds (filler, listed and restored terms) stand as the fast path made them.
        findings = select_findings(text, chosen, [], self.model.finding_threshold)
        fast_findings = [f for f in analysis.findings
                         if all(f.end <= c.start or c.end <= f.start for c in chosen) or f.kind != "swap"]
        kept: list[Finding] = []
        for finding in sorted(findings + fast_findings, key=lambda f: -f.confidence):
            if all(finding.end <= k.start or k.end <= finding.start for k in kept):
                kept.append(finding)
        analysis.findings = sorted(kept, key=lambda f: f.start)
        return analysis

    def verified_terms(self, analysis: Analysis) -> list[Finding]:
        """The analysis's findings, with each restored term (a tortured term no list holds) kept
        only when the neural model, reading the sentence, finds its suggestion likelier than
        the words seen (beyond what their frequencies explain).

        The fast path judges these windows by the trigram model and the thesaurus alone, and
        a few per 10,000 words of clean news restore into some unrelated term ("reopen talks"
        -> "continuous speech"); in context the language model prefers the text as written.
        """
        terms = [f for f in analysis.findings if f.kind == "tortured-phrase" and "term" in f.evidence]
        if not terms:
            return analysis.findings
        tokens = analysis.context.tokens
        starts = [t.start for t in tokens]
        candidates = []
        for finding in terms:
            first = bisect.bisect_left(starts, finding.start)
            last = bisect.bisect_left(starts, finding.end)
            text = finding.suggestion or ""
            options = [Option(text, tuple(term_words(text)))]
            candidates.append(Candidate(finding.start, finding.end, first, last, "tortured-phrase", options,
                                        confidence=finding.confidence))
        self.scorer.score(analysis.context, candidates)  # type: ignore[attr-defined]
        verdicts: dict[int, Finding | None] = {}
        for finding, candidate in zip(terms, candidates, strict=True):
            confirmed = candidate.options[0].features.get("nlm_delta_prior", 0.0) > 0
            verdicts[id(finding)] = dataclasses.replace(finding, evidence=(*finding.evidence, "neural")) if confirmed else None
        judged = [verdicts.get(id(f), f) for f in analysis.findings]
        return [f for f in judged if f is not None]


@lru_cache(maxsize=1)
def deep_engine() -> DeepEngine:
    """The deep engine with the shipped models; the language model loads on first use."""
    from ..deep import check_installed

    check_installed()  # raises MissingExtraError with the install lines
    model = shipped_model(DEEP_MODEL_FILE)
    if model is None:
        raise MissingExtraError("deep", "the deep model file (train it: python -m unspun.eval.train --deep)")
    return DeepEngine(Engine.default(), model)
