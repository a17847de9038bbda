"""Deep mode: fast evidence everywhere, neural evidence where it matters.

The fast engine runs first. Its swap and filler candidates with some suspicion (fast
confidence at least ``SELECT_CONFIDENCE``), or all of them in a short text, are scored again
by the neural language model (:class:`~unspun.detect.neural.NeuralScorer`); a second set of
learned models, trained on the same data as the fast ones plus the neural features, re-ranks
their options and decides their confidence. Findings it produces name ``neural`` in their
evidence; the swaps among them take their suggestion from a wider pool of originals than
the fast path offers (:meth:`DeepEngine.widened`). Restored terms stand only when the term
model's verifier confirms their suggestion from the neural evidence, ambiguous listed phrases
only when the model prefers their suggestion. The document score is the
fast path's (unless the deep model carries a document model of its own:
``python -m unspun.eval.train --deep --deep-document``; measured worse than the fast one,
so the shipped model has none), raised to the surprise model's probability where that is
higher (:meth:`DeepEngine.add_surprise`): how much the text's words surprise the language
model beyond their rarity, which sees rewriters that insert no filler. In a text the surprise
alone calls spun, the swaps of a second, suspected reading join the findings where a learned
gate passes them (:meth:`DeepEngine.suspected_swaps`, :mod:`unspun.detect.suspected`).

Needs the ``deep`` extra; without it :func:`deep_engine` raises
:class:`~unspun.errors.MissingExtraError` with the exact install lines.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from .._once import built_once
from ..errors import MissingExtraError, UsageError
from ..models import Finding
from ..spans import SpanIndex
from .candidates import Candidate, Option, distinct_forms
from .context import TextContext
from .engine import MAX_ALTERNATIVES, Analysis, Engine, apply_model, document_score, may_be_finding, select_findings
from .known_phrases import CONFIDENT
from .model import DetectorModel, shipped_model
from .neural import TOP_OPTIONS
from .suspected import EVIDENCE as SUSPECTED
from .suspected import gate_rows, reaching_swaps, text_features
from .swaps import OPTIONS_PER_READING, shown_options, wide_candidate
from .terms import term_words, verifier_row

if TYPE_CHECKING:
    from ..deep import ModelSpec

DEEP_MODEL_FILE = "detector-model-deep.json"
SELECT_CONFIDENCE = 0.15
SHORT_TEXT_WORDS = 150
MAX_CANDIDATES = 150
"""Candidates per text that get neural evidence, the most suspicious first: about 2.3 s of a
warm deep check of a spun 1,000-word page on this 2-core machine, with the option budget
below. 70 with every option read until session 15, when a third of spun articles and most
spun 1,000-word pages had more over the selection bar than that, and deep recall was bounded
by it (``benchmarks/deep_selection_ceiling.py``); 100 in session 15; 150 since session 16,
when packing token trees into rows made the neural scoring a quarter cheaper."""
FULL_CANDIDATES = 45
"""Of those, how many get all their ``TOP_OPTIONS`` strongest options read by the model; the
rest get ``REDUCED_OPTIONS``, at half the cost. Below the most suspicious few dozen a
candidate is a true swap less often, and when the fast path's first six options hold its
original, the first three hold it 86% of the time (ranks 31-100 on 100 spun articles, under
session 15's policy of 30 and 100: ``benchmarks/deep_selection_ceiling.py``)."""
REDUCED_OPTIONS = 3
SELECTION_SETTINGS = ("max_candidates", "full_candidates", "reduced_options")
"""The :class:`DeepEngine` settings a deep model file records under ``meta["selection"]``."""
DEEP_DOCUMENT = "deep"
"""``meta["document"]`` of a deep model whose document model read deep findings; others carry
a copy of the fast one they were trained beside, which deep mode does not read: it keeps the
fast document score, the fast model file's (refitted alone since: session 66)."""


WIDE_PER_READING = 40
"""Originals per reading, over every kind of thesaurus link, considered for the suggestion
of a deep swap finding (the fast path considers ``OPTIONS_PER_READING`` strongest ones)."""
WIDE_SCORED = 3
"""Of those, how many the neural model reads, the fast option model's best first."""
MAX_WIDENED = 12
"""Findings per text whose pool is widened, the most confident first: each costs the neural
model another reading of its sentence (about 0.03 s), and a heavily spun page has dozens.
20 until session 6, when deep mode began to find more and the slowest spun 1,000-word page
took 3.2 s; on 60 validation articles 12 restores found swaps 0.564 / 0.642 (top-1 / top-5)
against 0.567 / 0.649 with 20 (0.549 / 0.613 without widening)."""

NEURAL_KINDS = frozenset({"swap", "filler"})
"""The candidates deep mode judges again: swapped words and inserted filler ("as well as"
for "and" is ordinary English often enough that the fast path's guess needs the model)."""


def selected(candidates: list[Candidate], words: int, kinds: Collection[str] = NEURAL_KINDS,
             limit: int | None = MAX_CANDIDATES) -> list[Candidate]:
    """The candidates worth neural evidence: suspicious swaps and filler (of ``kinds``), or
    all of them in a short text; the ``limit`` most suspicious (``None``: every one)."""
    chosen = [c for c in candidates if c.kind in kinds and c.options]
    if words > SHORT_TEXT_WORDS:
        chosen = [c for c in chosen if c.confidence >= SELECT_CONFIDENCE]
    chosen.sort(key=lambda c: -c.confidence)
    return chosen[:limit]


class DeepEngine:
    """The fast engine plus neural re-scoring of its suspicious candidates."""

    def __init__(self, fast: Engine, deep_model: DetectorModel | None, scorer: object | None = None,
                 wide_scored: int = WIDE_SCORED, max_candidates: int = MAX_CANDIDATES,
                 full_candidates: int = FULL_CANDIDATES, reduced_options: int = REDUCED_OPTIONS) -> None:
        from .neural import NeuralScorer

        self.fast = fast
        self.model = deep_model
        self.scorer = scorer if scorer is not None else NeuralScorer(lexicon=fast.lexicon,
                                                                     spec=language_model(deep_model))
        self.wide_scored = wide_scored
        self.max_candidates = max_candidates
        self.full_candidates = full_candidates
        self.reduced_options = reduced_options
        # Whether the fast path's swap and filler findings on candidates the model did not
        # read stand (see :meth:`within`).
        self.keep_unread = True
        # A deep model judges the kinds it has a span model for (one trained before filler
        # was judged has none for it: its filler findings stay the fast path's); while
        # training, every kind.
        self.kinds = NEURAL_KINDS if deep_model is None else NEURAL_KINDS & deep_model.spans.keys()

    def within(self, budget: int) -> DeepEngine:
        """This engine reading at most ``budget`` candidates per text (``CheckConfig.deep_candidates``),
        the most suspicious first, and reporting only the swaps and filler it read: beyond
        the ones it reads, the fast path's findings in a text called spun are much less
        precise (on 30 validation articles spun with MyThes at 0.2, reading 80: phrase
        precision 0.725 keeping them, 0.783 without, recall 0.547 and 0.526; BENCHMARKS.md, "A
        budget for deep mode"). The shipped bars were placed keeping them, and at the
        model's own number few texts have more, so an engine without a budget keeps them."""
        if budget < 1:
            raise ValueError(f"a deep budget reads at least 1 candidate, not {budget}")
        engine = self.variant()
        engine.max_candidates = budget
        engine.full_candidates = min(self.full_candidates, budget)
        engine.keep_unread = False
        return engine

    def variant(self, model: DetectorModel | None = None, scorer: object | None = None,
                wide_scored: int | None = None) -> DeepEngine:
        """This engine with another deep model, scorer or number of wider originals read,
        choosing and reading candidates as this one does (and reporting as it does what it
        did not read)."""
        engine = DeepEngine(self.fast, self.model if model is None else model, self.scorer if scorer is None else scorer,
                            wide_scored=self.wide_scored if wide_scored is None else wide_scored,
                            max_candidates=self.max_candidates, full_candidates=self.full_candidates,
                            reduced_options=self.reduced_options)
        engine.keep_unread = self.keep_unread
        return engine

    def neural_candidates(self, text: str, suspect: bool = False) -> tuple[Analysis, list[Candidate]]:
        """The fast analysis (of a text suspected of spinning, with ``suspect``:
        :meth:`Engine.candidates`), and its selected candidates with neural features added."""
        analysis = self.fast.analyse(text, suspect)
        chosen = selected(analysis.candidates, len(analysis.context.words), self.kinds, self.max_candidates)
        for candidate in chosen:
            candidate.features["fast_confidence"] = candidate.confidence
        if chosen:
            # The most suspicious get every option read; the rest only their strongest few.
            full = getattr(self.scorer, "top_options", TOP_OPTIONS)
            counts = [full if rank < self.full_candidates else min(full, self.reduced_options)
                      for rank in range(len(chosen))]
            self.scorer.score(analysis.context, chosen, counts)  # type: ignore[attr-defined]
        return analysis, chosen

    def analyse(self, text: str, suspect: bool = False) -> Analysis:
        analysis, chosen = self.neural_candidates(text, suspect)
        return self.judge(analysis, chosen, suspect)

    def judge(self, analysis: Analysis, chosen: list[Candidate], suspect: bool = False) -> Analysis:
        """The deep model's verdict on a fast analysis whose ``chosen`` candidates carry
        neural features: their confidences and findings, restored terms checked, and the
        document score (the deep document model's, when the deep model has one; raised by
        the text's surprise, :meth:`add_surprise`). The findings' bars follow the document
        score: in a text it calls spun, the model's lower bar applies, also when the surprise
        made the call; then its swaps are also read as a suspected text's, and those the deep
        model's gate passes join the candidates judged (:meth:`suspected_swaps`; docs/deep.md,
        "The words of a text the surprise calls spun"). With a deep document model, which
        reads the findings, the bars follow the fast score raised by the surprise, and the
        surprise raises the deep score after. ``suspect`` says the candidates were read as a
        suspected text's already (``--suspect``): then there is no second reading. Updates
        ``analysis`` and the candidates in place and returns it."""
        fast_findings = analysis.findings
        analysis.findings = self.verified_terms(analysis, self.term_candidates(analysis))
        self.score_without(analysis, turned_down(fast_findings, analysis.findings))
        if self.model is None:
            return analysis
        text = analysis.context.text
        listed = [f for f in analysis.findings if self.fast.known.name in f.evidence]
        apply_model(self.model, chosen)
        for candidate in chosen:
            if "neural" not in candidate.evidence:
                candidate.evidence.append("neural")
        fast_bar = self.model.finding_threshold_for(analysis.score)
        self.add_surprise(analysis)
        # The neural judgement replaces the fast one on the candidates it saw; findings of
        # other kinds (listed and restored terms) stand as the fast path made them, and
        # overlaps go to the more confident finding.
        # In a text the document score already calls spun, the model's lower bar applies.
        threshold = self.model.finding_threshold_for(analysis.score)
        if threshold < fast_bar and not suspect:  # the surprise alone calls the text spun
            suspected = self.suspected_swaps(text, threshold)
            spans = {(c.start, c.end) for c in suspected}
            # A span either reading judges swapped is judged by the suspected one (more
            # confident, as in a text called spun); it names `suspected` only where the
            # first reading would not have reported it.
            found = {(c.start, c.end) for c in chosen if c.confidence >= threshold and may_be_finding(c)}
            for candidate in suspected:
                if (candidate.start, candidate.end) in found:
                    candidate.evidence.remove(SUSPECTED)
            chosen = [c for c in chosen if (c.start, c.end) not in spans] + suspected
        findings = self.widened(analysis, chosen, select_findings(text, chosen, [], threshold, self.model))
        read = SpanIndex(chosen)
        fast_findings = [f for f in analysis.findings if f.kind not in self.kinds
                         or (self.keep_unread and read.clear(f))]
        kept: list[Finding] = []
        taken = SpanIndex()
        for finding in sorted(findings + fast_findings, key=lambda f: -f.confidence):
            if taken.take(finding.start, finding.end):
                kept.append(finding)
        analysis.findings = sorted(kept, key=lambda f: f.start)
        if self.model.meta.get("document") == DEEP_DOCUMENT:
            surprise = {name: value for name, value in analysis.features.items() if name.startswith("surprise_")}
            analysis.features, analysis.score = document_score(
                self.model, analysis.context, analysis.candidates, listed, analysis.findings)
            if surprise:
                self.raise_score(analysis, surprise)
            else:
                # Not read: the fast score reached the bar (the deep one may not), or the text
                # is too short (then the model does not run again).
                self.add_surprise(analysis)
        return analysis

    def score_without(self, analysis: Analysis, dropped: Sequence[Finding]) -> None:
        """Score ``analysis`` again, by the fast document model, without the findings the
        neural check ``dropped``: a listed phrase it turns down ("cloud computing" is listed,
        and most texts that name it mean it) no longer raises the score, nor a restored term
        (a sure one at any length, :func:`~unspun.detect.engine.is_sure_term`; the others in
        a short text). The rest of what the score read stays: the findings at the
        document model's own bar, not only those reported (a short spun text reported
        under the verdict's higher bar would otherwise lose its swaps' share). Runs before the
        deep model judges the candidates, whose confidences the fast document model must
        read as the fast path left them."""
        if not dropped or self.fast.model is None:
            return
        spans = {(f.start, f.end) for f in dropped}
        analysis.listed = [f for f in analysis.listed if (f.start, f.end) not in spans]
        analysis.read = [f for f in analysis.read if (f.start, f.end) not in spans]
        analysis.features, analysis.score = document_score(
            self.fast.model, analysis.context, analysis.candidates, analysis.listed, analysis.read)

    def add_surprise(self, analysis: Analysis) -> None:
        """Raise the document score of ``analysis`` to the surprise model's probability where
        that is higher and reaches the model's bar on clean text, and add the (shrunk)
        surprise features and the probability (``surprise_probability``) to its features.

        The fast document score is strong on spinners' filler and nearly blind to rewriters
        that insert none; the text's surprise under the language model sees those
        (:mod:`unspun.detect.surprise`) and says little more about the others, so the larger
        of the two keeps each one's strength. The surprise probability counts only from
        ``meta["surprise_bar"]`` on, a level that few clean training texts reach
        (``train_surprise``): it must not call more clean news spun than the fast score
        does. Nothing happens without a surprise model, a language model (a test's
        stand-in scorer may have none) or enough content words, nor in a text whose score
        already reaches that bar (the model is then not asked)."""
        lm = getattr(self.scorer, "lm", None)
        if self.model is None or self.model.surprise is None or lm is None:
            return
        bar = float(self.model.meta["surprise_bar"])
        if analysis.score >= bar:
            # Already at the bar the surprise must reach to count: reading it (about 1 s of a
            # 1,000-word page on this 2-core machine) could only raise a score already past
            # it, and the verdict at the default bar (0.7) stands.
            return
        from .surprise import shrunk, surprise_features

        read = surprise_features(lm, analysis.context.text, self.fast.lexicon.zipf)
        if read is None:
            return
        features = shrunk(read, self.model.meta["surprise_prior"])
        features["surprise_probability"] = self.model.surprise.probability(features)
        self.raise_score(analysis, features)

    def suspected_swaps(self, text: str, threshold: float) -> list[Candidate]:
        """The swap candidates of ``text`` read as a suspected text's (``Engine.candidates``
        with ``suspect``) that reach ``threshold`` and pass the deep model's gate on that
        reading (:mod:`unspun.detect.suspected`), their evidence naming ``suspected``; none
        without a gate. For a text the surprise alone calls spun: its words judged as an
        unsuspected text's show few of a filler-free rewriter's swaps, and read as a
        suspected text's without the gate, a clean text the surprise mistakes for spun would
        draw ten or more false findings per 1,000 words. Costs a second neural reading."""
        assert self.model is not None
        gate = self.model.suspected
        if gate is None:
            return []
        _, chosen = self.neural_candidates(text, suspect=True)
        apply_model(self.model, chosen)
        reaching = reaching_swaps(chosen, threshold)
        if not reaching:
            return []
        bar = float(self.model.meta["suspected_bar"])
        probabilities = gate.probabilities(gate_rows(reaching, text_features(chosen))).tolist()
        kept = [c for c, probability in zip(reaching, probabilities, strict=True) if probability >= bar]
        for candidate in kept:
            candidate.evidence.extend(name for name in ("neural", SUSPECTED) if name not in candidate.evidence)
        return kept

    def raise_score(self, analysis: Analysis, surprise: dict[str, float]) -> None:
        """Add the surprise features read by :meth:`add_surprise` (``surprise_probability``
        among them) to ``analysis`` and raise its score to that probability where it is
        higher and reaches the model's bar."""
        assert self.model is not None
        analysis.features.update(surprise)
        probability = surprise["surprise_probability"]
        if probability >= float(self.model.meta["surprise_bar"]) and probability > analysis.score:
            analysis.score = probability

    def widened(self, analysis: Analysis, chosen: list[Candidate], findings: list[Finding]) -> list[Finding]:
        """``findings`` with the suggestion of each swap finding chosen from a wider pool.

        The fast path offers each word's ``OPTIONS_PER_READING`` strongest originals; a
        spinner's dictionary often drew from further down the thesaurus ("subscription" for
        membership). For a word deep mode reports, the ``wide_scored`` best of its
        ``WIDE_PER_READING`` originals over every link (by the fast option model) are read by
        the neural model too, and the deep option model ranks them with the others (for the
        ``MAX_WIDENED`` most confident findings). The confidence stays: the wider pool changes
        what the word was, not whether it was swapped. A widened candidate keeps the merged
        ranking as its options, and its finding's suggestion confidence is read from it.
        """
        if self.model is None or self.fast.model is None or self.wide_scored <= 0:
            return findings
        pools = self._wide_pools(analysis.context, chosen, findings)
        if not pools:
            return findings
        wides = [wide for _, wide in pools]
        self.scorer.score(analysis.context, wides)  # type: ignore[attr-defined]
        deep_option = self.model.option
        widened: dict[tuple[int, int], Candidate] = {}
        for candidate, wide in pools:
            scores = deep_option.logits([o.features for o in wide.options]).tolist()
            for option, score in zip(wide.options, scores, strict=True):
                option.score = score
            candidate.options = sorted([*candidate.options, *wide.options], key=lambda o: -o.score)
            widened[(candidate.start, candidate.end)] = candidate
        out = []
        for finding in findings:
            pooled = widened.get((finding.start, finding.end))
            options = None if pooled is None else shown_options(finding.text, pooled)
            if options:
                finding = dataclasses.replace(
                    finding, suggestion=options[0].text,
                    alternatives=distinct_forms(options[0].text, (o.text for o in options[1:]), MAX_ALTERNATIVES),
                    suggestion_confidence=self.model.suggestion_confidence(finding.kind, [o.score for o in options],
                                                                          finding.confidence))
            out.append(finding)
        return out

    def _wide_pools(self, context: TextContext, chosen: list[Candidate],
                    findings: list[Finding]) -> list[tuple[Candidate, Candidate]]:
        """For the most confident swap findings: the chosen candidate, and a candidate over the
        same words holding the ``wide_scored`` best new originals of the wide pool (by the fast
        option model, best first), with the fast evidence for them."""
        assert self.fast.model is not None
        by_span = {(c.start, c.end): c for c in chosen if c.kind == "swap"}
        swaps = sorted((f for f in findings if f.kind == "swap"), key=lambda f: -f.confidence)
        pools: list[tuple[Candidate, Candidate]] = []
        for finding in swaps[:MAX_WIDENED]:
            candidate = by_span.get((finding.start, finding.end))
            if candidate is None:
                continue
            wide = wide_candidate(context, self.fast.lexicon, candidate.first, candidate.last, WIDE_PER_READING)
            offered = {option.text for option in candidate.options}
            if wide is not None and any(option.text not in offered for option in wide.options):
                wide.options = [option for option in wide.options if option.text not in offered]
                for option in wide.options:
                    # The option models learned ranks below OPTIONS_PER_READING: further
                    # down reads as the last of those, not as an extrapolation.
                    option.features["option_rank"] = min(option.features["option_rank"], OPTIONS_PER_READING - 1)
                pools.append((candidate, wide))
        wides = [wide for _, wide in pools]
        # Only option features matter here; the scorers' candidate-level summaries of these
        # few candidates (the document scorer's) are never read.
        for scorer in self.fast.scorers:
            scorer.score(context, wides)
        for wide in wides:
            logits = self.fast.model.option.logits([o.features for o in wide.options]).tolist()
            best = sorted(range(len(wide.options)), key=lambda i: -logits[i])[: self.wide_scored]
            wide.options = [wide.options[i] for i in best]
        return pools

    def term_candidates(self, analysis: Analysis) -> list[Finding]:
        """Restored terms below the fast path's bar but above the term model's deep one
        (``TermModel.deep_threshold``), clear of listed phrases and other restored terms:
        the neural check decides, and overlaps with swaps go to the more confident finding."""
        terms = self.fast.terms
        model = terms.model
        if model is None or model.deep_threshold is None or model.deep_threshold >= model.threshold:
            return []
        taken = SpanIndex(f for f in analysis.findings if f.kind not in NEURAL_KINDS)
        return [f for f in terms.find(analysis.context, model.deep_threshold) if taken.clear(f)]

    def verified_terms(self, analysis: Analysis, extra: Sequence[Finding] = ()) -> list[Finding]:
        """The analysis's findings and ``extra``, with each restored term (a tortured term no
        list holds) and each ambiguous listed phrase ("search engine" is listed as a torture
        of machine learning) kept only when the neural model, reading the sentence, finds its
        suggestion likelier than the words seen (beyond what their frequencies explain). For
        restored terms the term model's verifier for the language model read with
        (``TermModel.verifiers``, learned from listed tortured phrases and clean news)
        decides instead, when the model has one (none confirms when only other models have one); a term the
        neural scorer could not read is not confirmed.

        The fast path judges these windows by the trigram model and the thesaurus alone, and
        a few per 10,000 words of clean news restore into some unrelated term ("reopen talks"
        -> "continuous speech"); in context the language model prefers the text as written.
        """
        findings = sorted([*analysis.findings, *extra], key=lambda f: f.start)
        terms = [f for f in findings if f.kind == "tortured-phrase" and f.suggestion
                 and ("term" in f.evidence or f.confidence < CONFIDENT)]
        if not terms:
            return findings
        candidates = [term_candidate(analysis.context, finding) for finding in terms]
        self.scorer.score(analysis.context, candidates)  # type: ignore[attr-defined]
        model = self.fast.terms.model
        reads = str(getattr(self.scorer, "language_model", language_model(self.model).name))
        verdicts: dict[int, Finding | None] = {}
        for finding, candidate in zip(terms, candidates, strict=True):
            option = candidate.options[0].features
            confirmed = None
            if "nlm_seen_fit" not in candidate.features:
                confirmed = False  # the scorer did not read it (too long, nothing to compare)
            elif model is not None and "term" in finding.evidence:
                confirmed = model.verifies(verifier_row(option, candidate.features, finding.confidence), reads)
            if confirmed is None:  # a listed phrase, or a term model without a verifier
                confirmed = option.get("nlm_delta_prior", 0.0) > 0
            verdicts[id(finding)] = dataclasses.replace(finding, evidence=(*finding.evidence, "neural")) if confirmed else None
        judged = [verdicts.get(id(f), f) for f in findings]
        return [f for f in judged if f is not None]


def turned_down(before: Sequence[Finding], after: Sequence[Finding]) -> list[Finding]:
    """The findings of ``before`` whose span is not among ``after``'s."""
    kept = {(f.start, f.end) for f in after}
    return [f for f in before if (f.start, f.end) not in kept]


def term_candidate(context: TextContext, finding: Finding) -> Candidate:
    """A restored term or listed phrase as a candidate with its suggestion as the one
    option: what the neural scorer reads to check it."""
    starts = [t.start for t in context.tokens]
    first = bisect.bisect_left(starts, finding.start)
    last = bisect.bisect_left(starts, finding.end)
    text = finding.suggestion or ""
    return Candidate(finding.start, finding.end, first, last, "tortured-phrase", [Option(text, tuple(term_words(text)))],
                     confidence=finding.confidence)


def language_model(model: DetectorModel | None) -> ModelSpec:
    """The language model whose features ``model`` learned from, as its file names it
    (``language_model`` in its meta); files written before it said so learned from SmolLM2,
    as does a model in training (``None``) unless its trainer hands the engine a scorer."""
    from ..deep import SMOLLM2, model_spec

    name = None if model is None else model.meta.get("language_model")
    return SMOLLM2 if name is None else model_spec(str(name))


def deep_engine(lm_name: str | None = None) -> DeepEngine:
    """The deep engine with the shipped models for the language model ``lm_name`` (a
    :attr:`unspun.deep.ModelSpec.name`; ``None``: the default, SmolLM2); the language model
    loads on first use. It chooses and reads candidates as the models' training did, when
    their file says how. One engine per model file: the default asked for by name is the
    same engine (one copy of the model in memory)."""
    from ..deep import SMOLLM2

    return _deep_engine(None if lm_name == SMOLLM2.name else lm_name)


@built_once(limit=8)
def _deep_engine(lm_name: str | None) -> DeepEngine:
    model = require_deep(lm_name)
    selection = model.meta.get("selection", {})
    return DeepEngine(Engine.default(), model, **{key: int(selection[key]) for key in SELECTION_SETTINGS if key in selection})


def deep_model_file(lm_name: str | None = None) -> str:
    """The name of the shipped deep model file that learned from the language model ``lm_name``'s
    evidence (``None`` or SmolLM2's name: the default one); :class:`UsageError` for a model
    unspun does not know."""
    from ..deep import MODEL_SPECS, SMOLLM2

    if lm_name is None or lm_name == SMOLLM2.name:
        return DEEP_MODEL_FILE
    if lm_name not in {spec.name for spec in MODEL_SPECS}:
        known = ", ".join(spec.name for spec in MODEL_SPECS)
        raise UsageError(f"no language model called {lm_name!r}; deep mode knows {known}")
    return DEEP_MODEL_FILE.replace(".json", f"-{lm_name}.json")


def require_deep(lm_name: str | None = None) -> DetectorModel:
    """The shipped deep model for the language model ``lm_name`` (see :func:`deep_model_file`);
    :class:`MissingExtraError` with the install lines when the ``deep`` extra, the language
    model's wheel or the model file is missing (nothing heavy is loaded)."""
    from ..deep import SMOLLM2, check_installed, model_spec

    name = deep_model_file(lm_name)
    check_installed(SMOLLM2 if lm_name is None else model_spec(lm_name))
    model = shipped_model(name)
    if model is None:
        lm = "" if name == DEEP_MODEL_FILE else f" --lm {lm_name}"
        raise MissingExtraError("deep", "", f"the deep model file {name} is missing from this installation; "
                                f"train it: python -m unspun.eval.train --deep{lm}")
    check_installed(language_model(model))  # the wheel of the model it learned from, if another
    return model
