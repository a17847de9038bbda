"""The source-free detector: candidates, evidence, a learned confidence, a document score.

>>> engine = Engine.default()
>>> analysis = engine.analyse("The irregular woodland beat the baseline.")
>>> [(f.text, f.suggestion) for f in analysis.findings]
[('irregular woodland', 'random forest')]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from .._gc import collection_paused, exempt_from_collection
from .._once import built_once
from ..lexicon import Lexicon
from ..models import Finding
from ..spans import SpanIndex
from .candidates import Candidate, Option, distinct_forms
from .context import CUTS_COMPOUND, TextContext
from .document_evidence import SUSPECT_FILLER_RATE, DocumentScorer, filler_rate, fit_mean, rare_share
from .habits import HABITS, find_habits
from .known_phrases import AMBIGUOUS, KnownPhraseMatcher, match_key
from .model import DetectorModel, shipped_model
from .scorers import BigramScorer, NgramScorer, RepetitionScorer, Scorer
from .swaps import find_swap_candidates, shown_options
from .terms import TermModel, TermRestorer, shipped_term_model

MAX_ALTERNATIVES = 5
DOCUMENT_MODEL_MIN_WORDS = 100
SURE_TERM = 0.95
"""The window probability from which a restored term counts in the document score
(:func:`is_sure_term`). Placed on train-side clean text, never the test half: no restored
term reaches it in 243 articles of the BBC train half's validation slice (two reach 0.9),
one in Wikipedia's 48 even-numbered articles (which the term model learns from as clean)."""
SURE_TERM_EVIDENCE = AMBIGUOUS
"""What a sure restored term counts for in the document score: as much as an ambiguous
listed phrase, so one makes a text "uncertain" and three "spun". At its own probability one
made a text spun, and two of 300 clean BBC test articles were (docs/tried.md)."""


@dataclass(slots=True)
class Analysis:
    """Everything the detector found out about one text: its findings (those reported), and
    what its document score read: the listed tortured phrases and the findings at the
    document model's own bar (``read``), so that a later judge who turns one of them down
    (deep mode's neural check) can score the text without it."""

    context: TextContext
    candidates: list[Candidate]
    findings: list[Finding]
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    listed: list[Finding] = field(default_factory=list)
    read: list[Finding] = field(default_factory=list)


class Engine:
    """Runs generators and scorers over a text and applies the learned model."""

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        scorers: Sequence[Scorer] | None = None,
        model: DetectorModel | None = None,
        known: KnownPhraseMatcher | None = None,
        term_model: TermModel | None = None,
    ) -> None:
        self.lexicon = lexicon or Lexicon.load()
        self.scorers: list[Scorer] = (
            list(scorers)
            if scorers is not None
            else [NgramScorer(lexicon=self.lexicon), BigramScorer(self.lexicon), RepetitionScorer(), DocumentScorer()]
        )
        self.model = model if model is not None else shipped_model()
        self.known = known if known is not None else KnownPhraseMatcher.default()
        self.terms = TermRestorer(self.known.phrases, self.lexicon,
                                  term_model if term_model is not None else shipped_term_model())

    @classmethod
    def default(cls) -> Engine:
        """The fast-path engine with the shipped model, built once per process (however many
        threads ask at once: unspun._once) with its tables read, and those tables kept out of
        the garbage collector's scans (unspun._gc)."""
        return _default_engine(cls)

    def candidates(self, text: str, suspect: bool = False) -> tuple[TextContext, list[Candidate]]:
        """Every candidate of ``text`` with its evidence, before the model's judgement; with
        ``suspect``, the text's filler rate as the span models read it is at least a spun
        text's (``SUSPECT_FILLER_RATE``), so that a rewriter's swaps without filler are judged
        as a spinner's are. The document model reads the text's own rate."""
        context = TextContext.build(text)
        habits = find_habits(context)
        # Filler is judged as filler: no swap candidate inside "and also" or "as well as"
        # (their token spans indexed: a scan of every habit per candidate made a long text
        # full of filler quadratic, 44 s for 120,000 words).
        fillers = SpanIndex.of_pairs((h.first, h.last) for h in habits if h.options[0].words)
        swaps = [c for c in find_swap_candidates(context, self.lexicon) if not fillers.overlaps(c.first, c.last)]
        candidates = swaps + habits
        for scorer in self.scorers:
            scorer.score(context, candidates)
        if suspect:
            for candidate in candidates:
                features = candidate.features
                features["doc_filler_rate"] = max(features.get("doc_filler_rate", 0.0), SUSPECT_FILLER_RATE)
        return context, candidates

    def with_restored_terms(self, context: TextContext, listed: list[Finding]) -> list[Finding]:
        """The text's ``listed`` tortured phrases, and the terms restored clear of them."""
        listed_spans = SpanIndex(listed)
        return listed + [f for f in self.terms.find(context) if listed_spans.clear(f)]

    def analyse(self, text: str, suspect: bool = False) -> Analysis:
        """Candidates, findings (confident, non-overlapping) and the document score; with
        ``suspect``, of a text suspected of spinning (:meth:`candidates`)."""
        with collection_paused():
            return self._analyse(text, suspect)

    def _analyse(self, text: str, suspect: bool) -> Analysis:
        context, candidates = self.candidates(text, suspect)
        model = self.model
        listed = self.known.find(text, context.tokens)
        known = self.with_restored_terms(context, listed)
        if model is None:
            return Analysis(context, candidates, known)
        apply_model(model, candidates)
        read_bar = model.document_finding_threshold
        findings = select_findings(text, candidates, known, read_bar, model)
        features, score = document_score(model, context, candidates, listed, findings)
        bar = reported_bar(model, score, len(context.words), suspect)
        read = findings
        if bar != read_bar:
            findings = select_findings(text, candidates, known, bar, model)
        return Analysis(context, candidates, findings, features, score, listed, read)


def reported_bar(model: DetectorModel, score: float, words: int, suspect: bool = False) -> float:
    """The least confidence a swap or filler finding needs to be reported in a text of
    ``words`` words with this document score.

    The document model read the findings at its own bar; what is reported follows the
    verdict: a text called spun gets the model's lower bar, the others its higher one
    (:meth:`DetectorModel.finding_threshold_for`), and a text the user suspects
    (``suspect``) is read as one called spun. Below ``DOCUMENT_MODEL_MIN_WORDS`` the score
    leans on the findings themselves (:func:`document_score`), so letting it decide which
    findings stand would be circular: there the verdict's bar counts only in the share the
    document model has in the score, and the document model's own bar in the rest."""
    bar = model.finding_threshold_for(1.0 if suspect else score)
    weight = min(1.0, words / DOCUMENT_MODEL_MIN_WORDS)
    return bar if weight >= 1.0 else weight * bar + (1.0 - weight) * model.document_finding_threshold


def apply_model(model: DetectorModel, candidates: list[Candidate]) -> None:
    """Rank every candidate's options and give every candidate its probability, in place."""
    options = [option for candidate in candidates for option in candidate.options]
    if options:
        for option, score in zip(options, model.option.logits([o.features for o in options]).tolist(), strict=True):
            option.score = score
    for candidate in candidates:
        candidate.options.sort(key=_by_score, reverse=True)  # stable: ties keep their order
    for kind, span_model in model.spans.items():
        group = [c for c in candidates if c.kind == kind]
        if group:
            probabilities = span_model.probabilities([span_features(c) for c in group]).tolist()
            for candidate, probability in zip(group, probabilities, strict=True):
                candidate.confidence = probability


_by_score = attrgetter("score")


def span_features(candidate: Candidate) -> dict[str, float]:
    """The features the span model reads: the span's own, its best option's, and summaries."""
    values = dict(candidate.features)
    if candidate.options:
        best = max(candidate.options, key=_by_score)
        values.update({f"best_{name}": value for name, value in best.features.items()})
        values["best_option_score"] = best.score
        deltas = [o.features.get("lm_delta_pmi", 0.0) for o in candidate.options]
        values["max_delta_pmi"] = max(deltas)
        values["n_better_options"] = float(sum(1 for d in deltas if d > 1.0))
    return values


def may_be_finding(candidate: Candidate) -> bool:
    """Whether a candidate becomes a finding when confident enough: it has an option to
    suggest and is no swap inside a hyphenated compound (see ``context.cuts_compound``)."""
    return bool(candidate.options) and CUTS_COMPOUND not in candidate.features


def select_findings(text: str, candidates: list[Candidate], known: list[Finding], threshold: float,
                    model: DetectorModel | None = None) -> list[Finding]:
    """Findings from confident candidates (:func:`may_be_finding`) plus known phrases, most
    confident first, no overlaps; with ``model``, each candidate's suggestion gets the
    model's estimate of how likely it is right (:meth:`DetectorModel.suggestion_confidence`;
    the options must be ranked, as :func:`apply_model` leaves them)."""
    proposals: list[Finding] = list(known)
    for candidate in candidates:
        if candidate.confidence < threshold or not may_be_finding(candidate):
            continue
        seen = text[candidate.start : candidate.end]
        shown = shown_options(seen, candidate)
        best = shown[0].text if shown else None
        proposals.append(
            Finding(
                start=candidate.start,
                end=candidate.end,
                text=seen,
                suggestion=best,
                confidence=candidate.confidence,
                evidence=tuple(candidate.evidence),
                alternatives=distinct_forms(best, (o.text for o in shown[1:]), MAX_ALTERNATIVES) if best else (),
                kind=candidate.kind,
                note=candidate.note,
                suggestion_confidence=None if model is None or not shown else model.suggestion_confidence(
                    candidate.kind, [o.score for o in shown], candidate.confidence),
            )
        )
    chosen: list[Finding] = []
    taken = SpanIndex()
    for finding in sorted(proposals, key=lambda f: (-f.confidence, f.start)):
        if taken.take(finding.start, finding.end):
            chosen.append(finding)
    return sorted(chosen, key=lambda f: f.start)


def document_score(model: DetectorModel, context: TextContext, candidates: list[Candidate], listed: list[Finding],
                   findings: list[Finding]) -> tuple[dict[str, float], float]:
    """The document model's features and its probability that the text was spun, with
    ``listed`` (known tortured phrases) and, for a short text, the findings folded in."""
    features = document_features(context, candidates, listed, findings)
    score = float(model.document.probabilities([features])[0])
    sure_terms = [f for f in findings if is_sure_term(f)]
    # The document model learned from articles of 100 words and more; below that it
    # extrapolates, so a short text leans on its own findings instead (noisy-OR).
    weight = min(1.0, len(context.words) / DOCUMENT_MODEL_MIN_WORDS)
    if weight < 1.0:
        from_findings = 1.0 - math.prod(1.0 - f.confidence for f in findings
                                        if f not in listed and f not in sure_terms)
        score = weight * score + (1.0 - weight) * from_findings
    # A listed tortured phrase is outside evidence the document model never saw in
    # training (news has none): combine them as independent (noisy-OR), each phrase once:
    # an article about search engines names them again and again, and the second mention
    # of an ambiguous entry is no new evidence. A restored term the window model is sure of
    # joins them as an ambiguous entry would (is_sure_term, SURE_TERM_EVIDENCE); the others
    # are weaker (one in a few thousand words of clean news restores into some term), so
    # they are findings but move the score of a long text only through its findings.
    for finding in distinct_phrases(context.text, [*listed, *sure_terms]):
        evidence = SURE_TERM_EVIDENCE if is_sure_term(finding) else finding.confidence
        score = 1.0 - (1.0 - score) * (1.0 - evidence)
    return features, score


def is_sure_term(finding: Finding) -> bool:
    """Whether ``finding`` is a restored term (a tortured phrase no list holds) sure enough
    to count in the document score as an ambiguous listed phrase does: window probability
    at least ``SURE_TERM``. Before session 65 none counted in a text of 100 words or more,
    so a paper with "haphazard timberland" and "disarray lattice" restored at 0.99 was
    "clean" (0.002; "uncertain", 0.57, now)."""
    return finding.kind == "tortured-phrase" and "term" in finding.evidence and finding.confidence >= SURE_TERM


def distinct_phrases(text: str, findings: list[Finding]) -> list[Finding]:
    """The most confident finding of each phrase (its words' stems, as the phrase matcher
    reads them: "Search engines", "search engine" and "search-engine" are one phrase)."""
    best: dict[tuple[str, ...], Finding] = {}
    for finding in findings:
        key = tuple(match_key(word) for word in text[finding.start : finding.end].replace("-", " ").split())
        if key not in best or finding.confidence > best[key].confidence:
            best[key] = finding
    return list(best.values())


def document_features(
    context: TextContext, candidates: list[Candidate], known: list[Finding], findings: list[Finding]
) -> dict[str, float]:
    """What the document model reads: rates of suspicion, habits and rare words."""
    lexicon_words = [w for w in context.words.values() if not w.protected and w.key.isalpha()]
    content = max(1, len(lexicon_words))
    words = max(1, len(context.words))
    swaps = [c for c in candidates if c.kind == "swap"]
    confidences = sorted((c.confidence for c in swaps), reverse=True)
    top = confidences[: max(1, len(confidences) // 10)] if confidences else [0.0]
    values: dict[str, float] = {
        "log_words": math.log(words),
        "swap_mass": sum(confidences) / content,
        "swap_findings": sum(1 for f in findings if f.kind == "swap") / content,
        "swap_top_mean": sum(top) / len(top),
        "swap_over_half": sum(1 for c in confidences if c >= 0.5) / content,
        "swap_over_third": sum(1 for c in confidences if c >= 0.3) / content,
        "swap_evidence": sum(math.log(max(c, 1e-4) / max(1 - c, 1e-4)) for c in confidences) / math.sqrt(content),
        "known_confident": float(sum(1 for f in known if f.confidence >= 0.5)),
        "known_ambiguous": float(sum(1 for f in known if f.confidence < 0.5)),
        "filler_rate": filler_rate(candidates, words),
        "filler_mass": 100.0 * sum(c.confidence for c in candidates if c.kind == "filler") / words,
        "lm_seen_fit_mean": fit_mean(swaps),
    }
    for habit in HABITS:
        name = f"habit_{habit.name.replace('-', '_')}"
        values[f"rate_{name}"] = 100.0 * sum(1 for c in candidates if c.features.get(name)) / words
    zipfs = [_zipf(c) for c in swaps if c.last - c.first == 1]
    values["rare_share"] = rare_share(swaps)
    values["mean_zipf"] = sum(zipfs) / max(1, len(zipfs))
    return values


def _zipf(candidate: Candidate) -> float:
    return candidate.features.get("zipf_seen", 0.0)


@built_once()
def _default_engine(cls: type[Engine]) -> Engine:
    engine = cls()
    engine.lexicon.preload()
    exempt_from_collection()
    return engine


__all__ = ["Analysis", "Engine", "Option", "document_features", "span_features"]
