"""Train the tortured-term detector (:mod:`unspun.detect.terms`) and write it into the package.

    python -m unspun.eval.train_terms [--documents 150] [--no-verifier] [--lm NAME] [--output src/unspun/data/term-model.json]
    python -m unspun.eval.train_terms --verifier-only --lm gemma3-270m-q4_k_m   # another model's verifier

Data:

- **positives**: the list's tortured phrases of two to four words that restore into some
  known term. Each is featurised by a restorer built from the *other* inner folds of the
  list, so that its own expected term and word pairs are unknown to it, as they will be for a
  phrase nobody has listed yet;
- **negatives**: the list's expected phrases, featurised the same way, and every window with
  a restoration in clean BBC articles of the *train* half and in Wikipedia's even-numbered
  articles (``TermDocuments.prose``, since session 43: encyclopedic prose full of genuine
  terms no table knows, which news alone taught the model to take for tortured ones);
- **ranker**: for each positive whose expected term is among its restorations, every
  restoration, labelled by whether it is the expected one.

The threshold is the lowest that keeps false findings under ``MAX_CLEAN_FINDINGS_PER_1000``
words on other clean BBC train articles than the ones the model learned from. Deep mode's
lower threshold lets ``DEEP_CLEAN_CANDIDATES_PER_1000`` windows per 1,000 words of that clean
text through, as candidates: it keeps one only when the neural model confirms its restoration.
The **gate** (:func:`fit_term_gate`) learns from the same windows which ones reach that lower
threshold, from the window's own features only, so that the detector works out the
restorations of only the windows that may pass.

Deep mode's **verifier** (:func:`fit_term_verifier`, on by default, ``--no-verifier`` to
skip it; needs the ``deep`` extra and gensim's Lee corpus) is one per language model
(``--lm``; a retrained term model keeps none of the old ones, which learned from its
predecessor's windows; ``--verifier-only`` adds or replaces one model's verifier in the
term model file as it is), each a logistic model over the
neural evidence for a window's suggestion, read in a sentence, and the window model's
probability (``VERIFIER_FEATURES``). It learns from the windows the
term model passes at its deep bar: in the list's tortured phrases (positive) and expected
phrases (negative), each in a short carrier sentence (``VERIFIER_CARRIERS``, not the
benchmark's) and judged by a term model and restorer fitted without their inner fold, and in
the clean BBC articles that placed the threshold (negative). Its own bar lets
``VERIFIED_CLEAN_PER_1000`` restored terms per 1,000 words through on clean text no term
model learned from (:meth:`TermDocuments.verifier_bar_documents`): the Lee corpus (ABC news;
the deep span models learn from it as clean text) and every further BBC train article outside
the validation slice that benchmarks keep unseen (643 articles). The Lee corpus alone (about
60,000 words, six windows at that budget) placed the bar too noisily: one better-spelled
suggestion moved deep mode's false findings on the test half past the issue's budget; with
300 BBC articles beside it (sessions 11-18, about fourteen windows at the budget) the bar
still let restored terms through at 0.14-0.15 per 1,000 words of unseen BBC news, near twice
the budget.

``unspun bench detect`` calls :func:`fit_term_model` (and, with ``--deep``,
:func:`fit_term_verifier`) once per cross-validation fold, so no phrase it scores was seen by
the model that scores it.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..deep import MODEL_SPECS, SMOLLM2, model_spec
from ..detect.context import TextContext
from ..detect.known_phrases import clean_expected, load_list, make_phrases, stem_key
from ..detect.model import LinearModel, TreeEnsemble
from ..detect.terms import (
    GATE_FEATURES,
    MAX_ALTERNATIVES,
    RESTORATION_FEATURES,
    Restoration,
    TermModel,
    TermRestorer,
    TermVerifier,
    field_terms,
    technical_terms,
    term_suggestion_features,
    term_words,
    verifier_row,
)
from ..lexicon import Lexicon
from ..models import Document, Finding
from .corpus import bbc_split, lee_articles, shuffled_train, wikipedia_halves
from .metrics import normalise_phrase, suggestion_right, touched_edits
from .train import DEEP_BUDGET_PER_1000, MAX_CLEAN_FINDINGS_PER_1000_DEEP, VALIDATION_START, _fit, _fit_trees

if TYPE_CHECKING:
    from ..detect.neural import NeuralScorer

MAX_CLEAN_FINDINGS_PER_1000 = 0.5  # the 2 per 1,000 words, less the swap model's 1.5
DEEP_CLEAN_CANDIDATES_PER_1000 = 2.0  # windows deep mode asks the neural model about, in clean text
GATE_KEEP = 0.99
"""Of the list's tortured phrases that the window model passes at its deep bar, the share the
gate must let through (:func:`fit_term_gate`): it then turns away about three in four windows
of clean news before their restorations are worked out. The tail is long: with the model of
session 17, keeping 99.5% turned away 57%, 98% would turn away 83%; 99% cost 0.002 of the
tortured phrases flagged in ``unspun bench detect`` and nothing else there."""
CLEAN_DOCUMENTS = 150  # clean BBC train articles to learn from; as many again place the threshold
INNER_FOLDS = 5
VERIFIED_CLEAN_PER_1000 = round(DEEP_BUDGET_PER_1000 - MAX_CLEAN_FINDINGS_PER_1000_DEEP, 3)
"""Restored terms deep mode may confirm per 1,000 words of clean news: what deep mode's
budget (``train.DEEP_BUDGET_PER_1000``, the issue's 0.5 less a margin for chance) leaves
beside its swap and filler threshold (``train.MAX_CLEAN_FINDINGS_PER_1000_DEEP``)."""
VERIFIER_CARRIERS = (
    "The {} was evaluated on three public benchmarks.",
    "Unlike earlier work, our {} needs no labelled examples.",
    "A new {} is proposed to address this problem.",
)
"""Sentences the verifier reads list phrases in; ``unspun bench detect`` uses others, so the
verifier cannot learn its carriers."""
STRADDLE_CARRIERS = (
    *VERIFIER_CARRIERS,
    "In practice, the {} requires careful tuning.",
    "Applying the {} reduces the error on every data set.",
    "Compared with the {} described above, ours converges faster.",
    "Each {} produces a score between zero and one.",
    "We then train the {} twice.",
)
"""Sentences the window model reads list phrases in to learn the wrong readings across a
phrase's edge (:func:`_straddling_rows`): subjects, objects and their verbs, as in the
sentences of a paper. ``unspun bench detect`` uses other sentences."""
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "data" / "term-model.json"

Pairs = Sequence[tuple[str, str]]
Log = Callable[[str], None]


def phrase_words(phrase: str) -> list[str] | None:
    """The words of a list phrase as a window sees them, or None when no window could hold it."""
    words = term_words(phrase)
    if not 2 <= len(words) <= 4 or not all(w.isalpha() for w in words):
        return None
    return words


@dataclass
class _Sample:
    """A list phrase as a restorer that never saw its pair sees it."""

    restorer: TermRestorer
    words: list[str]
    wanted: set[str]  # the pair's expected terms, normalised
    restorations: list[Restoration]
    tortured: bool


def fit_term_model(pairs: Pairs, fit_documents: Sequence[Document], threshold_documents: Sequence[Document],
                   seed: int = 0, log: Log = print, prose_documents: Sequence[Document] = ()) -> TermModel:
    """The window model, ranker and threshold learned from ``pairs`` (tortured, expected) and
    clean documents (see the module docstring). ``prose_documents`` are clean text of another
    kind whose windows the window model also learns from as clean ones (nothing else reads
    them: the suggestion calibrator learns from spun news, the bars are placed on news);
    ``benchmarks/term_wikipedia_negatives.py`` measures what Wikipedia prose does there."""
    lexicon = Lexicon.load()
    samples = _phrase_samples(pairs, lexicon, seed)
    ranker_rows, ranker_targets = _ranker_rows(samples)
    ranker = _fit(ranker_rows, ranker_targets, seed)
    log(f"  term ranker: {len(ranker_rows)} restorations of {sum(ranker_targets)} phrases")

    full = TermRestorer(make_phrases(pairs), lexicon)
    full.ranker = ranker
    rows, targets, straddling = window_training_rows(samples, ranker, full, [*fit_documents, *prose_documents])
    window = _fit_trees(rows, targets, seed, trees=150, depth=4)
    log(f"  term windows: {sum(targets)} tortured, {len(targets) - sum(targets)} not ({straddling} across a phrase's edge)")

    held_out, words = _clean_rows(full, threshold_documents)
    scores = sorted(window.probabilities(held_out).tolist(), reverse=True) if held_out else []

    def bar(per_1000: float, default: float) -> float:
        """The lowest threshold that lets through at most ``per_1000`` clean windows."""
        allowed = int(per_1000 * words / 1000)
        return round(min(0.99, scores[allowed] + 1e-6) if len(scores) > allowed else default, 6)

    threshold = bar(MAX_CLEAN_FINDINGS_PER_1000, 0.5)
    deep_threshold = min(threshold, bar(DEEP_CLEAN_CANDIDATES_PER_1000, 0.3))
    log(f"  term threshold {threshold:.3f}, deep {deep_threshold:.3f} ({words:,} clean words)")
    suggestion = _fit_suggestion(samples, _spun_news_rows(full, window, threshold, fit_documents, seed), seed, log)
    gate, gate_bar = fit_term_gate(rows, targets, window.probabilities(rows).tolist(), deep_threshold, seed)
    if gate is not None and gate_bar is not None and held_out:
        turned_away = sum(gate.probability(row) < gate_bar for row in held_out) / len(held_out)
        log(f"  term gate {gate_bar:.4f}: turns away {turned_away:.0%} of the held-out clean windows")
    return TermModel(window, ranker, threshold, {
        "pairs": len(pairs), "fit_documents": len(fit_documents), "threshold_documents": len(threshold_documents),
        "prose_documents": len(prose_documents),
        "technical_terms": len(technical_terms()), "field_terms": len(field_terms()),
        "max_clean_findings_per_1000": MAX_CLEAN_FINDINGS_PER_1000,
        "deep_clean_candidates_per_1000": DEEP_CLEAN_CANDIDATES_PER_1000, "gate_keep": GATE_KEEP, "seed": seed,
    }, deep_threshold, gate=gate, gate_bar=gate_bar, suggestion=suggestion)


def _fit_suggestion(samples: Sequence[_Sample], news: tuple[list[dict[str, float]], list[bool]], seed: int,
                    log: Log) -> LinearModel | None:
    """The term model's suggestion calibrator (:attr:`TermModel.suggestion`). Its rows: the
    list's tortured phrases, each seen by a restorer that never saw its pair, labelled by
    whether the best restoration is the expected term, read as :meth:`TermRestorer.find`
    reads a window (the ranker's scores of its best few restorations and
    ``TERM_SUGGESTION_WINDOW_FEATURES``), the scores from a ranker fitted without the
    phrase's inner fold (the shipped ranker learned from these very phrases, and its margins
    on them would flatter it); and ``news``, the windows the model finds in spun news
    (:func:`_spun_news_rows`). ``None`` when every row, or none, is right."""
    folds: dict[int, list[_Sample]] = {}  # one restorer per inner fold
    for sample in samples:
        folds.setdefault(id(sample.restorer), []).append(sample)
    rows, targets = list(news[0]), list(news[1])
    for fold, held in folds.items():
        others = [sample for other, group in folds.items() if other != fold for sample in group]
        ranker = _fit(*_ranker_rows(others), seed)
        for sample in held:
            if not sample.tortured:
                continue
            scores = ranker.row_logits([r.values for r in sample.restorations], RESTORATION_FEATURES).tolist()
            # Best first, ties by text, as TermRestorer ranks them.
            order = sorted(range(len(scores)), key=lambda i: (-scores[i], sample.restorations[i].text))
            best = [sample.restorations[i] for i in order[: 1 + MAX_ALTERNATIVES]]
            window = sample.restorer.window_features(sample.words, best, len(order))
            rows.append(term_suggestion_features([scores[i] for i in order[: 1 + MAX_ALTERNATIVES]], len(order),
                                                 window))
            targets.append(normalise_phrase(best[0].text) in sample.wanted)
    if not 0 < sum(targets) < len(targets):
        return None
    log(f"  term suggestion calibrator: {len(targets) - len(news[1])} tortured phrases, "
        f"{sum(targets) - sum(news[1])} restored right first (rankers fitted without their inner fold); "
        f"{len(news[1])} windows of spun news, {sum(news[1])} right")
    return _fit(rows, targets, seed)


def _spun_news_rows(restorer: TermRestorer, window: TreeEnsemble, threshold: float, documents: Sequence[Document],
                    seed: int) -> tuple[list[dict[str, float]], list[bool]]:
    """Rows for the suggestion calibrator from spun news: the windows of ``documents`` spun
    with the Moby dictionary at the training rates that the window model passes at
    ``threshold`` and that touch a true edit, labelled by whether the best restoration in
    place gives back the original (``metrics.suggestion_right``). In news a window across a
    swapped word restores into some known term far more often than into what stood there,
    which a calibrator that learned from the list alone cannot know."""
    from .train import TRAIN_RATES
    from .train_suggestions import spun_copies

    assert restorer.ranker is not None
    rows: list[dict[str, float]] = []
    targets: list[bool] = []
    for text, edits in spun_copies(documents, seed, TRAIN_RATES):
        proposals = restorer.proposals(TextContext.build(text))
        if not proposals:
            continue
        probabilities = window.probabilities([p.features for p in proposals]).tolist()
        for probability, proposal in zip(probabilities, proposals, strict=True):
            if probability < threshold:
                continue
            finding = Finding(proposal.start, proposal.end, text[proposal.start:proposal.end],
                              proposal.restorations[0][0], probability, ("thesaurus", "term"), kind="tortured-phrase")
            touched = touched_edits(finding, edits)
            if not touched:
                continue
            scores = restorer.ranker.row_logits([values for _, values in proposal.restorations],
                                                RESTORATION_FEATURES).tolist()
            rows.append(term_suggestion_features(scores, int(proposal.features["restorations"]), proposal.features))
            targets.append(suggestion_right(finding, touched))
    return rows, targets


def _ranker_rows(samples: Sequence[_Sample]) -> tuple[list[dict[str, float]], list[bool]]:
    """The ranker's rows: every restoration of each tortured sample whose expected term is
    among them, labelled by whether it is the expected one."""
    rows: list[dict[str, float]] = []
    targets: list[bool] = []
    for sample in samples:
        if sample.tortured and any(normalise_phrase(r.text) in sample.wanted for r in sample.restorations):
            for restoration in sample.restorations:
                rows.append(restoration.features)
                targets.append(normalise_phrase(restoration.text) in sample.wanted)
    return rows, targets


def fit_term_gate(rows: Sequence[dict[str, float]], tortured: Sequence[bool], probabilities: Sequence[float],
                  deep_threshold: float, seed: int = 0) -> tuple[LinearModel | None, float | None]:
    """The term model's gate and its bar (see :attr:`TermModel.gate`): a logistic model over
    the windows' own features (``GATE_FEATURES``) that tells the windows whose window-model
    ``probabilities`` reach ``deep_threshold``, the lowest bar any mode uses; the bar lets
    ``GATE_KEEP`` of the ``tortured`` windows among those through. ``(None, None)`` when no
    tortured window reaches ``deep_threshold``, or when every window or none does (nothing to
    learn). The labels are the window model's probabilities on the rows it learned from,
    which flatter them: the gate then errs towards letting windows through."""
    passing = [p >= deep_threshold for p in probabilities]
    if not any(passing) or all(passing):
        return None, None
    gate = _fit([{name: row[name] for name in GATE_FEATURES} for row in rows], passing, seed, balanced=True)
    kept = [score for score, is_tortured, passes in zip(gate.probabilities(rows).tolist(), tortured, passing,
                                                        strict=True) if is_tortured and passes]
    if not kept:
        return None, None
    return gate, gate_bar(kept)


def gate_bar(scores: Sequence[float]) -> float:
    """The gate's bar that lets ``GATE_KEEP`` of the windows with these gate ``scores`` (not
    empty) through."""
    kept = sorted(scores)
    # Rounded down by a millionth: TermModel.passes_gate computes each window's probability
    # on its own, which may differ from the batch computation here in the last bits.
    return math.floor(kept[int((1 - GATE_KEEP) * len(kept))] * 1e6) / 1e6


class TermDocuments(NamedTuple):
    """The clean BBC train articles the term models read, each slice of the train half
    (:func:`term_documents`) in one place."""

    fit: Sequence[Document]
    """The window model learns from their windows (as clean ones)."""
    threshold: Sequence[Document]
    """They place the window model's bars (and the verifier learns from them)."""
    bar_news: Sequence[Document]
    """With the Lee corpus (:meth:`verifier_bar_documents`), they place the verifier's bar."""
    prose: Sequence[Document] = ()
    """Encyclopedic prose (Wikipedia's even-numbered articles, :func:`corpus.wikipedia_halves`)
    whose windows the window model also learns from as clean ones: news alone taught it that
    a window of rare, technical words that no table knows ("chromosomal abnormalities",
    "torsion angle") is likely tortured, so on Wikipedia it restored 2.6 such terms per 1,000
    words (session 42). Nothing else reads them: the bars stay placed on news."""

    def verifier_bar_documents(self) -> list[Document]:
        """Clean text to place the verifier's bar on: the Lee corpus and :attr:`bar_news`."""
        return [*lee_articles(), *self.bar_news]


def term_documents(count: int = CLEAN_DOCUMENTS) -> TermDocuments:
    """The first ``count`` train articles to learn from, the next ``count`` to place the
    window model's bars, and every later one outside the validation slice
    (:data:`train.VALIDATION_START`) for the verifier's bar; Wikipedia's even-numbered
    articles as :attr:`TermDocuments.prose`.

    Until session 19 the bar read only the next ``2 * count``: about fourteen windows at the
    budget, and restored terms came through at near twice it on unseen news. Every later
    article, the validation slice included, placed it for one commit of session 19; that
    left the validation benchmarks nothing unseen to measure on."""
    train, _ = bbc_split()
    validation = {document.id for document in shuffled_train(VALIDATION_START)}
    bar_news = [document for document in train[2 * count :] if document.id not in validation]
    return TermDocuments(train[:count], train[count : 2 * count], bar_news, wikipedia_halves()[0])


def carrier(phrase: str, index: int, templates: Sequence[str] = VERIFIER_CARRIERS) -> tuple[str, int, int]:
    """A short sentence holding ``phrase`` (the ``index``-th template, cycling), and the
    phrase's offsets in it."""
    template = templates[index % len(templates)]
    start = template.index("{}")
    return template.format(phrase), start, start + len(phrase)


def fit_term_verifier(model: TermModel, pairs: Pairs, fit_documents: Sequence[Document],
                      clean_documents: Sequence[Document], threshold_documents: Sequence[Document],
                      scorer: NeuralScorer, seed: int = 0, log: Log = print,
                      prose_documents: Sequence[Document] = ()) -> TermModel:
    """``model`` (fitted by :func:`fit_term_model` on ``pairs``, ``fit_documents``,
    ``clean_documents`` and ``prose_documents``) with deep mode's verifier and its bar, learned from ``pairs`` and
    ``clean_documents``, the bar placed on ``threshold_documents`` (see the module docstring).

    A list phrase is judged by a term model and restorer fitted without its inner fold (on
    the same documents): which of its windows pass the deep bar, and with which suggestion,
    is then what a phrase nobody listed gets."""
    if model.deep_threshold is None:
        raise ValueError("the term model has no deep threshold: fit it with fit_term_model")
    lexicon = Lexicon.load()
    carried = carrier_verifier_rows(pairs, fit_documents, clean_documents, scorer, model.deep_threshold, seed,
                                    prose_documents)
    rows = [row for _, row, _ in carried]
    targets = [positive for _, _, positive in carried]
    full = TermRestorer(make_phrases(pairs), lexicon, model)
    clean = [row for found, _ in document_verifier_rows(full, clean_documents, scorer, model.deep_threshold)
             for row in found]
    rows += clean
    targets += [False] * len(clean)
    if not any(targets) or all(targets):
        raise ValueError(f"the verifier needs tortured and other windows; got {sum(targets)} of {len(targets)} tortured")
    verifier = _fit(rows, targets, seed)
    log(f"  term verifier: {sum(targets)} tortured windows, {len(targets) - sum(targets)} not "
        f"({len(clean)} in clean news)")

    probabilities, words = verifier_probabilities(verifier, full, threshold_documents, scorer, model.deep_threshold)
    bar = verifier_bar(VERIFIED_CLEAN_PER_1000, probabilities, words)
    log(f"  term verifier bar {bar:.3f}: {len(probabilities)} clean windows at the deep bar in {words:,} words")
    trained_on = {"clean_documents": len(clean_documents), "threshold_documents": len(threshold_documents),
                  "verified_clean_per_1000": VERIFIED_CLEAN_PER_1000}
    verifiers = {**model.verifiers, scorer.language_model: TermVerifier(verifier, bar, trained_on)}
    return dataclasses.replace(model, verifiers=verifiers)


def carrier_verifier_rows(pairs: Pairs, fit_documents: Sequence[Document], clean_documents: Sequence[Document],
                          scorer: NeuralScorer, deep_threshold: float, seed: int = 0,
                          prose_documents: Sequence[Document] = ()) -> list[tuple[int, dict[str, float], bool]]:
    """The verifier's rows from the list: each pair's tortured phrase (positive) and expected
    phrase (negative) in a carrier sentence, judged by a term model and restorer fitted
    without the pair's inner fold (on ``fit_documents``, ``clean_documents`` and
    ``prose_documents``), at that
    model's deep bar (``deep_threshold`` when it has none); each row with the number of its
    pair in ``pairs``."""
    lexicon = Lexicon.load()
    order = list(range(len(pairs)))
    random.Random(seed).shuffle(order)
    carried: list[tuple[int, dict[str, float], bool]] = []
    for fold in range(INNER_FOLDS):
        held = set(order[fold::INNER_FOLDS])
        inner_pairs = [p for i, p in enumerate(pairs) if i not in held]
        inner = fit_term_model(inner_pairs, fit_documents, clean_documents, seed, log=lambda m: None,
                               prose_documents=prose_documents)
        restorer = TermRestorer(make_phrases(inner_pairs), lexicon, inner)
        for i in sorted(held):
            tortured, expected = pairs[i]
            for phrase, positive in ((tortured, True), (clean_expected(expected)[0] or "", False)):
                if phrase_words(phrase) is None:
                    continue
                text, start, end = carrier(phrase, i)
                context = TextContext.build(text)
                found = [f for f in restorer.find(context, inner.deep_threshold or deep_threshold)
                         if f.start < end and start < f.end]
                carried += [(i, row, positive) for row in verifier_rows(context, found, scorer)]
    return carried


def verifier_probabilities(verifier: LinearModel, restorer: TermRestorer, documents: Sequence[Document],
                           scorer: NeuralScorer, threshold: float) -> tuple[list[float], int]:
    """The ``verifier``'s probability of every window ``restorer`` finds at ``threshold`` in
    ``documents`` (highest first), and the documents' words: what a bar is placed on."""
    words = 0
    probabilities: list[float] = []
    # One document at a time, as the bar was always placed: a batch's sums could differ in
    # the last bits.
    for found, document_words in document_verifier_rows(restorer, documents, scorer, threshold):
        words += document_words
        if found:
            probabilities += verifier.probabilities(found).tolist()
    return sorted(probabilities, reverse=True), words


def verifier_bar(budget: float, probabilities: Sequence[float], words: int) -> float:
    """The lowest bar that lets at most ``budget`` windows per 1,000 words through, given
    their ``probabilities`` highest first (0 when there are fewer windows than that)."""
    allowed = int(budget * words / 1000)
    return round(min(0.99, probabilities[allowed] + 1e-6), 6) if len(probabilities) > allowed else 0.0


def verifier_rows(context: TextContext, findings: Sequence[Finding], scorer: NeuralScorer) -> list[dict[str, float]]:
    """The verifier's features of the restored-term ``findings`` that the neural ``scorer``
    could read (it reads them here)."""
    from ..detect.deep import term_candidate

    candidates = [term_candidate(context, f) for f in findings]
    if candidates:
        scorer.score(context, candidates)
    return [verifier_row(c.options[0].features, c.features, f.confidence)
            for f, c in zip(findings, candidates, strict=True) if "nlm_seen_fit" in c.features]


def document_verifier_rows(restorer: TermRestorer, documents: Sequence[Document], scorer: NeuralScorer,
                           threshold: float) -> Iterator[tuple[list[dict[str, float]], int]]:
    """For each of ``documents``: the verifier's features of each window ``restorer`` finds
    at ``threshold`` that the neural ``scorer`` could read, and the document's words."""
    for document in documents:
        context = TextContext.build(document.text)
        yield verifier_rows(context, restorer.find(context, threshold), scorer), len(context.words)


def _phrase_samples(pairs: Pairs, lexicon: Lexicon, seed: int) -> list[_Sample]:
    """The tortured and the expected phrase of every pair that restore into some known term,
    each seen by a restorer built from the other inner folds."""
    order = list(range(len(pairs)))
    random.Random(seed).shuffle(order)
    samples = []
    for fold in range(INNER_FOLDS):
        held = set(order[fold::INNER_FOLDS])
        restorer = TermRestorer(make_phrases([p for i, p in enumerate(pairs) if i not in held]), lexicon)
        for i in sorted(held):
            tortured, expected = pairs[i]
            suggestion, alternatives = clean_expected(expected)
            wanted = {normalise_phrase(x) for x in (suggestion, *alternatives) if x}
            for phrase, is_tortured in ((tortured, True), (suggestion or "", False)):
                words = phrase_words(phrase)
                if words is None:
                    continue
                restorations = restorer.restorations(words)
                if restorations:
                    samples.append(_Sample(restorer, words, wanted, restorations, is_tortured))
    return samples


def window_training_rows(samples: Sequence[_Sample], ranker: LinearModel, restorer: TermRestorer,
                         clean_documents: Sequence[Document]) -> tuple[list[dict[str, float]], list[bool], int]:
    """What the window model learns from, in this order: each list phrase sample's window
    (tortured or expected, :func:`_window_rows`), the wrong readings across a tortured
    phrase's edge (:func:`_straddling_rows`) and every window ``restorer`` proposes in
    ``clean_documents``, the last two as not tortured. Returns the rows, whether each is
    tortured, and how many run across a phrase's edge. ``benchmarks/term_gate_kinds.py``
    fits its gates on the same rows."""
    rows, tortured = _window_rows(samples, ranker)
    straddling = _straddling_rows(samples)
    clean = _clean_rows(restorer, clean_documents)[0]
    return [*rows, *straddling, *clean], [*tortured, *[False] * (len(straddling) + len(clean))], len(straddling)


def _window_rows(samples: Sequence[_Sample], ranker: LinearModel) -> tuple[list[dict[str, float]], list[bool]]:
    """The window model's features of each list phrase sample, its restorations ordered by
    ``ranker``, and whether it is the tortured phrase."""
    rows: list[dict[str, float]] = []
    for sample in samples:
        sample.restorer.ranker = ranker
        rows.append(sample.restorer.window_features(sample.words, sample.restorer.rank(sample.restorations)))
    return rows, [sample.tortured for sample in samples]


def _straddling_rows(samples: Sequence[_Sample]) -> list[dict[str, float]]:
    """Window features of the wrong readings around each tortured sample in a carrier
    sentence (``STRADDLE_CARRIERS``): the windows that run across the phrase's edge and whose
    best restoration swaps a carrier word back too ("our irregular woodland needs" -> "...
    forest requires"). In running text a tortured phrase has neighbours; a window model that
    learned from phrases alone and clean text reads "technique improves" -> "method
    optimizes" as a torture because one of its words is one. The samples' restorers carry
    the ranker (:func:`_window_rows` sets it)."""
    rows: list[dict[str, float]] = []
    for index, sample in enumerate(samples):
        if not sample.tortured:
            continue
        text, start, end = carrier(" ".join(sample.words), index, STRADDLE_CARRIERS)
        for proposal in sample.restorer.proposals(TextContext.build(text)):
            if not (proposal.start < end and start < proposal.end) or start <= proposal.start <= proposal.end <= end:
                continue  # clear of the phrase, or inside it
            before = term_words(text[proposal.start:start]) if proposal.start < start else []
            after = term_words(text[end:proposal.end]) if proposal.end > end else []
            seen = term_words(text[proposal.start:proposal.end])
            restored = term_words(proposal.restorations[0][0])
            if len(restored) != len(seen):
                continue
            outside = [*range(len(before)), *range(len(seen) - len(after), len(seen))]
            if any(stem_key(restored[i]) != stem_key(seen[i]) for i in outside):
                rows.append(proposal.features)
    return rows


def _clean_rows(restorer: TermRestorer, documents: Sequence[Document]) -> tuple[list[dict[str, float]], int]:
    """Window features of every window with a restoration in ``documents``, and their words."""
    rows: list[dict[str, float]] = []
    words = 0
    for document in documents:
        context = TextContext.build(document.text)
        words += len(context.words)
        rows += [proposal.features for proposal in restorer.proposals(context)]
    return rows, words


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train the tortured-term detector.")
    parser.add_argument("--documents", type=int, default=CLEAN_DOCUMENTS,
                        help="clean BBC train articles to learn from (as many again set the threshold)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--verifier", action=argparse.BooleanOptionalAction, default=True,
                        help="also fit deep mode's term verifier (needs the deep extra and the Lee corpus of gensim)")
    parser.add_argument("--lm", default=SMOLLM2.name, choices=[spec.name for spec in MODEL_SPECS],
                        help="the language model whose evidence the verifier learns from (deep mode confirms "
                             "restored terms only with a deep model that reads the same one)")
    parser.add_argument("--verifier-only", action="store_true",
                        help="keep the term model in --output as it is and add (or replace) the verifier of --lm")
    args = parser.parse_args(argv)
    if args.verifier_only and not args.verifier:
        parser.error("--verifier-only fits a verifier: drop --no-verifier")
    documents = term_documents(args.documents)
    pairs = [(t, e) for t, e in load_list() if clean_expected(e)[0]]
    began = time.perf_counter()
    if args.verifier_only:
        model = TermModel.from_dict(json.loads(args.output.read_text(encoding="utf-8")))
    else:
        model = fit_term_model(pairs, documents.fit, documents.threshold, args.seed, prose_documents=documents.prose)
    if args.verifier:
        from ..detect.neural import NeuralScorer

        model = fit_term_verifier(model, pairs, documents.fit, documents.threshold, documents.verifier_bar_documents(),
                                  NeuralScorer(lexicon=Lexicon.load(), spec=model_spec(args.lm)), args.seed,
                                  prose_documents=documents.prose)
    args.output.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.output} in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
