"""Tortured terms that no list holds yet, found by restoring them into terms that are known.

A tortured phrase is a term whose words were swapped one by one: "irregular woodland" for
random forest. The known-phrase list holds some of them; this detector finds the others by
asking, for each window of two to four words, whether swapping its content words back for
likely originals spells a *known term* while the window itself is not one.

Known terms come from five places, each a feature of its own:

- the list's expected side ("random forest", "breast cancer", "signal to noise"),
- the lexicon's multi-word lemmas (WordNet and Moby: "blood pressure", "neural network"),
- the most frequent web bigrams of ``wordsegment`` (content words only: "data set"),
- the technical-term table mined from the documentation of scientific Python packages
  (:mod:`unspun.eval.technical_terms`: "gradient descent", "hidden layer"),
- the field-term table read from curated vocabularies of medicine, biology and public
  affairs (:mod:`unspun.eval.field_terms`: "breast neoplasms", "rheumatoid arthritis").

The originals of a word are the lexicon's reverse view (every link, strongest first) and the
word pairs learned from the list ("irregular" -> "random" because some listed pair swapped
them). Each window with at least one restoration gets features (is it itself a known term or
collocation, how the trigram model likes it and its best restoration, how strong the links
are...) and a learned model decides (:class:`TermModel`, trained by
``python -m unspun.eval.train_terms``; its threshold keeps false findings on held-out clean
news under a budget). A second, linear model ranks the restorations of a window, so the
suggestion and the alternatives are the likeliest originals first.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple, TypeVar

from .._memo import remember
from ..lexicon import Lexicon, Source, spelt_otherwise
from ..models import Finding
from ..spans import SpanIndex
from .context import FUNCTION_WORDS, TextContext, cuts_compound, joining_hyphen
from .known_phrases import KnownPhrase, noun_in_number, noun_number, stem_key
from .model import LinearModel, TreeEnsemble, suggestion_features
from .ngram import TrigramModel
from .proper_names import in_proper_case
from .term_sources import (
    FIELD_TERMS_FILE,
    TECHNICAL_TERMS_FILE,
    field_terms,
    known_index,
    known_sources,
    technical_terms,
    term_key,
    term_words,
    with_keys,
)

__all__ = [
    "FIELD_TERMS_FILE", "TECHNICAL_TERMS_FILE", "KnownTerms", "Restoration", "TermModel", "TermRestorer",
    "field_terms", "shipped_term_model", "technical_terms", "term_key", "term_words",
]

TERM_MODEL_FILE = "term-model.json"
ORIGINALS_PER_WORD = 40
WINDOW_SIZES = (4, 3, 2)
MAX_ALTERNATIVES = 5
_FIRM = int(Source.WORDNET)
_UNCHANGED_STRENGTH = 9.0  # a word kept as it is: stronger than any link
_LEARNED_STRENGTH = 3.0  # a learned pair the lexicon does not link
# Memo sizes, each cleared when full. A crawl meets new words and windows without end; these
# keep its process under a gigabyte (benchmarks/detect_speed.py measures it).
_TERM_MEMO_LIMIT = 200_000  # known terms' statistics: three numbers each
_WORD_MEMO_LIMIT = 30_000  # words and readings: some sixty small objects each
_WINDOW_MEMO_LIMIT = 50_000  # windows: their best restorations only
_FACTS_MEMO_LIMIT = 100_000  # known terms' sources and spellings: a few short strings each
_LETTER_RUN_RE = re.compile(r"[^\s-]+")  # a term's words, as term_words parts them
_INFLECTION_ENDINGS = ("ing", "ed", "s")  # an inflected form's ending, as _reading tells it


RESTORATION_FEATURES = (
    "r_listed", "r_lexical", "r_web", "r_technical", "r_field", "r_pmi", "r_logprob", "r_changed", "r_changed_share",
    "r_strength_min", "r_strength_mean", "r_firm_all", "r_learned", "r_zipf_min", "r_pos_kept", "r_form_kept",
)
_STRENGTH_MEAN = RESTORATION_FEATURES.index("r_strength_mean")

GATE_FEATURES = (
    "words", "content_words", "seen_listed", "seen_lexical", "seen_web", "seen_technical", "seen_field",
    "seen_pmi", "seen_logprob", "seen_zipf_min", "seen_zipf_mean", "options_mean", "seen_first_verb",
    "seen_last_verb",
)
"""The window model's features of the window itself, known before any restoration: what the
gate reads (:attr:`TermModel.gate`)."""

VERIFIER_FEATURES = (
    "nlm_delta", "nlm_delta_prior", "nlm_delta_per_token", "nlm_right_delta", "nlm_seen_logp", "nlm_seen_fit",
    "term_confidence",
)
"""What deep mode's term verifier reads: the neural evidence (:mod:`unspun.detect.neural`),
how much likelier the suggestion is than the words seen, in the sentence, with and without
their frequencies, and how well the words seen fit what came before; and the window model's
own probability (``term_confidence``, the finding's confidence), so that the fast evidence
that found the window keeps its say once the neural evidence is in (measured in session 19,
``benchmarks/term_verifier_features.py``)."""


def verifier_row(option: dict[str, float], candidate: dict[str, float], term_confidence: float) -> dict[str, float]:
    """The verifier's features of a scored term: the suggestion's option features, the
    candidate's, and the window model's probability ``term_confidence``."""
    return {name: term_confidence if name == "term_confidence" else option.get(name, candidate.get(name, 0.0))
            for name in VERIFIER_FEATURES}


class Restoration(NamedTuple):
    """One known term a window could have been: its text and the features the models read
    (``values``, in ``RESTORATION_FEATURES`` order: a window has about a dozen restorations,
    and the ranker reads them as one matrix)."""

    text: str
    values: tuple[float, ...]

    @property
    def features(self) -> dict[str, float]:
        return dict(zip(RESTORATION_FEATURES, self.values, strict=True))


# The memos below hold plain tuples of strings and numbers only: the garbage collector stops
# tracking those, where it would rescan a dataclass or named tuple (hundreds of thousands of
# them in a crawl's memos) at every full collection. See unspun._gc.
_Plain = tuple[str, tuple[float, ...]]  # a Restoration as the memo keeps it
_AnyRestoration = TypeVar("_AnyRestoration", bound=_Plain)  # a Restoration or its plain tuple
_Keys = tuple[tuple[str, ...], ...]  # stem keys of known terms
# A term's five source flags as the restoration features write them, one shared tuple per
# combination (a memo holds a hundred thousand of them).
_SOURCE_FLAGS = {flags: tuple(float(x) for x in flags) for flags in itertools.product((False, True), repeat=5)}


class Proposal(NamedTuple):
    """A window that restores into known terms: its offsets, its best restorations (the
    suggestion first, then up to ``MAX_ALTERNATIVES`` alternatives, as ``(text, values)``
    like :class:`Restoration`) and the features the window model reads."""

    start: int
    end: int
    restorations: Sequence[_Plain]
    features: dict[str, float]


@dataclass(frozen=True, slots=True)
class TermVerifier:
    """Deep mode's check of a restored term with one language model's evidence: a logistic
    model over the neural evidence for its suggestion (``VERIFIER_FEATURES``); the term
    stands when its probability reaches ``bar``, placed on clean news. ``trained_on`` says
    what it learned from."""

    model: LinearModel
    bar: float
    trained_on: Mapping[str, Any] = field(default_factory=dict)

    def confirms(self, row: Mapping[str, float]) -> bool:
        return self.model.probability(row) >= self.bar

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model.to_dict(), "bar": self.bar, "trained_on": dict(self.trained_on)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TermVerifier:
        return cls(LinearModel.from_dict(data["model"]), float(data["bar"]), dict(data.get("trained_on", {})))


@dataclass(frozen=True, slots=True)
class TermModel:
    """The learned parts of the detector: which windows are tortured, which restoration first."""

    window: TreeEnsemble
    ranker: LinearModel
    threshold: float
    trained_on: dict[str, Any] = field(default_factory=dict)
    deep_threshold: float | None = None
    """A lower bar for deep mode, which keeps a window only when the neural model confirms
    its restoration: the windows it lets through are candidates, not findings."""
    verifiers: Mapping[str, TermVerifier] = field(default_factory=dict)
    """Deep mode's checks of a restored term, one per language model whose evidence it
    learned from (by :attr:`unspun.deep.ModelSpec.name`; each model's evidence is on its own
    scale), trained by ``train_terms.fit_term_verifier``. Without any, a term stands when the
    model prefers the suggestion beyond what frequencies explain."""
    gate: LinearModel | None = None
    """A cheap first look at a window, before its restorations are worked out (most of the
    detector's time): a logistic model over the window's own features (``GATE_FEATURES``),
    trained by ``train_terms.fit_term_gate`` to tell the windows the window model passes at
    its lowest bar. A window whose probability falls below ``gate_bar`` is not restored."""
    gate_bar: float | None = None
    suggestion: LinearModel | None = None
    """How likely a window's best restoration is its original, if the window is tortured: a
    logistic model over the ranker's scores of its best restorations and a few of the
    window's own features (:func:`term_suggestion_features`), trained by
    ``train_terms.fit_term_model``."""

    def suggestion_confidence(self, scores: Sequence[float], options: int,
                              window: Mapping[str, float]) -> float | None:
        """The :attr:`suggestion` model's estimate for a window with these ranker scores of
        its restorations (best first; ``options``: how many it has) and window-model
        features ``window``, or ``None`` without one."""
        if self.suggestion is None or not scores:
            return None
        return self.suggestion.probability(term_suggestion_features(scores, options, window))

    def passes_gate(self, seen: Mapping[str, float]) -> bool:
        """Whether a window with its own features ``seen`` (:meth:`TermRestorer.seen_features`)
        is worth restoring: always, without a gate."""
        if self.gate is None or self.gate_bar is None:
            return True
        return self.gate.probability(seen) >= self.gate_bar

    def verifies(self, row: dict[str, float], language_model: str) -> bool | None:
        """Whether the verifier of ``language_model`` confirms a restored term with that
        model's neural evidence ``row``; ``None`` when this model has no verifier at all. A
        model with verifiers, none of them for ``language_model``, confirms nothing: another
        model's verifier would read the evidence on the wrong scale, and deep mode's clean
        budget comes before its recall."""
        if not self.verifiers:
            return None
        verifier = self.verifiers.get(language_model)
        return verifier is not None and verifier.confirms(row)

    def with_verifier_bar(self, language_model: str, bar: float) -> TermModel:
        """This model with the verifier of ``language_model`` read against ``bar`` (KeyError
        without one): to measure other bars."""
        verifier = dataclasses.replace(self.verifiers[language_model], bar=bar)
        return dataclasses.replace(self, verifiers={**self.verifiers, language_model: verifier})

    def to_dict(self) -> dict[str, Any]:
        data = {"window": self.window.to_dict(), "ranker": self.ranker.to_dict(), "threshold": self.threshold,
                "deep_threshold": self.deep_threshold, "trained_on": self.trained_on}
        if self.verifiers:
            data["verifiers"] = {name: verifier.to_dict() for name, verifier in sorted(self.verifiers.items())}
        if self.gate is not None and self.gate_bar is not None:
            data["gate"] = self.gate.to_dict()
            data["gate_bar"] = self.gate_bar
        if self.suggestion is not None:
            data["suggestion"] = self.suggestion.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TermModel:
        deep = data.get("deep_threshold")
        trained_on = dict(data.get("trained_on", {}))
        verifiers = {str(name): TermVerifier.from_dict(part) for name, part in data.get("verifiers", {}).items()}
        # Files written before session 30 held one verifier (SmolLM2's unless they said otherwise).
        verifier, verify_threshold = _linear_with_bar(data, "verifier", "verify_threshold")
        if verifier is not None and verify_threshold is not None:
            from ..deep import SMOLLM2

            name = str(trained_on.pop("verifier_language_model", SMOLLM2.name))
            own = {new: trained_on.pop(old) for old, new in _OLD_VERIFIER_KEYS.items() if old in trained_on}
            verifiers.setdefault(name, TermVerifier(verifier, verify_threshold, own))
        gate, gate_bar = _linear_with_bar(data, "gate", "gate_bar")
        return cls(TreeEnsemble.from_dict(data["window"]), LinearModel.from_dict(data["ranker"]),
                   float(data["threshold"]), trained_on, None if deep is None else float(deep),
                   verifiers, gate, gate_bar,
                   LinearModel.from_dict(data["suggestion"]) if "suggestion" in data else None)


_OLD_VERIFIER_KEYS = {"verifier_clean_documents": "clean_documents", "verifier_threshold_documents": "threshold_documents",
                      "verified_clean_per_1000": "verified_clean_per_1000"}
"""What a term model file of one verifier (before session 30) said about it in its ``trained_on``,
and what :class:`TermVerifier` calls it."""


TERM_SUGGESTION_WINDOW_FEATURES = ("seen_zipf_mean", "seen_logprob", "seen_pmi", "r_changed_share", "gain_logprob")
"""The window-model features the term suggestion calibrator reads beside the ranker's scores:
they tell a whole torture of a scientific term from a window of news across one swapped
word, whose restoration into some known term is rarely what stood there."""


def term_suggestion_features(scores: Sequence[float], options: int, window: Mapping[str, float]) -> dict[str, float]:
    """What the term suggestion calibrator reads (:attr:`TermModel.suggestion`)."""
    features = suggestion_features(scores, options=options)
    features.update({name: window.get(name, 0.0) for name in TERM_SUGGESTION_WINDOW_FEATURES})
    return features


def _linear_with_bar(data: Mapping[str, Any], model_key: str, bar_key: str) -> tuple[LinearModel | None, float | None]:
    """A logistic model of a term model file and the bar it is read against, or neither: a
    model is nothing without its bar (the verifier, the gate)."""
    model, bar = data.get(model_key), data.get(bar_key)
    if model is None or bar is None:
        return None, None
    return LinearModel.from_dict(model), float(bar)


@lru_cache(maxsize=1)
def shipped_term_model() -> TermModel | None:
    """The model in the package, or ``None`` when it has not been trained yet."""
    path = resources.files("unspun.data").joinpath(TERM_MODEL_FILE)
    if not path.is_file():
        return None
    return TermModel.from_dict(json.loads(path.read_text("utf-8")))


class KnownTerms:
    """Multi-word terms by stem key, from the list, the lexicon, web bigrams and the
    technical-term and field-term tables; each source maps a key to the term as it writes
    it."""

    def __init__(self, phrases: Iterable[KnownPhrase], lexicon: Lexicon) -> None:
        self.listed: dict[tuple[str, ...], str] = {}
        self.learned: dict[str, set[str]] = defaultdict(set)
        for phrase in phrases:
            if phrase.suggestion is None:
                continue
            for option in (phrase.suggestion, *phrase.alternatives):
                key = term_key(term_words(option))
                if key is not None:
                    self.listed.setdefault(key, option)
            seen = term_words(phrase.tortured)
            wanted = term_words(phrase.suggestion)
            if len(seen) == len(wanted):
                for a, b in zip(seen, wanted, strict=True):
                    if a != b and a.isalpha() and b.isalpha():
                        self.learned[stem_key(a)].add(b)
        sources = known_sources(lexicon)
        self.lexical, self.web = sources["lexical"], sources["web"]
        self.technical, self.field = sources["technical"], sources["field"]
        # size -> last stem -> first stem -> terms: the general sources' index comes from
        # their cache file; the list's terms join a copy of it.
        self._index, self._firsts = with_keys(*known_index(lexicon), self.listed)
        self._facts: dict[tuple[str, ...], tuple[tuple[float, ...], tuple[tuple[str, tuple[str, ...]], ...]]] = {}

    def ends(self, size: int, stems: Iterable[str]) -> tuple[Mapping[str, _Keys], ...]:
        """The known terms of ``size`` words that end in one of ``stems``, by first stem:
        what :meth:`matching` reads for a window whose last word has those originals (a
        word's are the same in every window, so callers may keep them)."""
        by_last = self._index.get(size, {})
        return tuple(table for stem in stems if (table := by_last.get(stem)) is not None)

    def starts(self, size: int, stems: Iterable[str]) -> tuple[str, ...]:
        """Those of ``stems`` that begin a known term of ``size`` words: what :meth:`matching`
        reads for a window whose first word has those originals (as :meth:`ends`; a tuple,
        which the collector stops tracking once memoised)."""
        firsts = self._firsts.get(size, frozenset())
        return tuple(stem for stem in stems if stem in firsts)

    def matching(self, options: Sequence[Mapping[str, object]],
                 ends: Iterable[Mapping[str, _Keys]] | None = None,
                 starts: Sequence[str] | None = None) -> list[tuple[str, ...]]:
        """Every known term with one of ``options[i]`` (stems) in each position ``i``;
        ``ends`` and ``starts``: :meth:`ends` of the last position's stems and :meth:`starts`
        of the first's, when the caller has them."""
        size = len(options)
        first = self.starts(size, options[0]) if starts is None else starts
        found: list[tuple[str, ...]] = []
        if not first:
            return found
        for by_first in self.ends(size, options[-1]) if ends is None else ends:
            for head in by_first.keys() & first:
                if size == 2:
                    found += by_first[head]
                else:
                    found += [key for key in by_first[head] if all(key[i] in options[i] for i in range(1, size - 1))]
        return found

    def sources(self, key: tuple[str, ...]) -> tuple[bool, bool, bool, bool, bool]:
        """Whether the term is listed, a lexicon lemma, a web bigram, a technical term, a
        field term."""
        return key in self.listed, key in self.lexical, key in self.web, key in self.technical, key in self.field

    def facts(self, key: tuple[str, ...]) -> tuple[tuple[float, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
        """What every restoration into the term reads (memoised: a term comes back in many
        windows): its :meth:`sources` as numbers, and how the sources write it, each
        spelling with its words, the most trusted first: the list, the lexicon, the field
        and technical tables, the web bigrams (one key, several words: "energy efficiency"
        and "energy efficient")."""
        found = self._facts.get(key)
        if found is None:
            listed = self.listed.get(key)
            spellings = dict.fromkeys([*([listed] if listed else []), *self.lexical.get(key, ()),
                                       *self.field.get(key, ()), *self.technical.get(key, ()),
                                       *self.web.get(key, ())])
            found = (_SOURCE_FLAGS[self.sources(key)],
                     tuple((spelling, tuple(term_words(spelling))) for spelling in spellings))
            remember(self._facts, key, found, _FACTS_MEMO_LIMIT)
        return found


def _respelled(term: str, words: Mapping[int, str]) -> str:
    """``term`` with its ``i``-th word replaced by ``words[i]`` in the word's case, its
    spacing and hyphens kept ("Monte Carlo method" -> "Monte Carlo methods")."""
    pieces, at = [], 0
    for i, run in enumerate(_LETTER_RUN_RE.finditer(term)):
        if i in words:
            word = words[i]
            old = run.group()
            word = word.upper() if old.isupper() and len(old) > 1 else word.capitalize() if old[0].isupper() else word
            pieces += [term[at : run.start()], word]
            at = run.end()
    return "".join(pieces) + term[at:]


# An original of a word: (lemma, link strength, firm (a WordNet link), learned from the list);
# a plain tuple, which the memos keep (see above).
_Original = tuple[str, float, bool, bool]


@dataclass(frozen=True, slots=True)
class _Word:
    """A word as windows read it (memoised per word): the word, its stem, its likeliest
    reading's part of speech and number, its originals by stem, and for each window size
    the known terms that end in one of those originals and the originals that begin one."""

    word: str
    stem: str
    pos: str  # of the likeliest reading, "" if none (TermRestorer._reading)
    number: str  # "NN" or "NNS" for a noun, else ""
    form: str  # how the word is inflected (TermRestorer._reading)
    originals: dict[str, _Original]
    ends: dict[int, tuple[Mapping[str, _Keys], ...]]  # filled on first use per size
    starts: dict[int, tuple[str, ...]]  # likewise


class TermRestorer:
    """Finds windows that restore into a known term; see the module docstring."""

    name = "term"

    def __init__(self, phrases: Iterable[KnownPhrase], lexicon: Lexicon, model: TermModel | None = None) -> None:
        self._lexicon = lexicon
        self.known = KnownTerms(phrases, lexicon)
        self._restored: dict[tuple[str, ...], tuple[int, tuple[_Plain, ...]]] = {}  # window -> (how many, best)
        self._model: TermModel | None = None
        self._ranker: LinearModel | None = None
        self.model = model
        self._words: dict[str, _Word] = {}
        self._readings: dict[tuple[str, str | None], tuple[tuple[str, _Original], ...]] = {}
        self._terms_seen: dict[str, tuple[float, float, float]] = {}
        self._agreeing: dict[tuple[str, str], str] = {}
        self._readings_of: dict[str, tuple[str, str, str]] = {}

    @property
    def model(self) -> TermModel | None:
        """The learned parts: window model, ranker, bars, gate (``None``: nothing is found)."""
        return self._model

    @model.setter
    def model(self, model: TermModel | None) -> None:
        self._model = model
        self.ranker = model.ranker if model is not None else None  # forgets the ranked windows:
        # the memo holds the windows its gate turned away, and their best restorations by its ranker

    @property
    def ranker(self) -> LinearModel | None:
        """The model that orders restorations (the term model's, or one being trained)."""
        return self._ranker

    @ranker.setter
    def ranker(self, ranker: LinearModel | None) -> None:
        self._ranker = ranker
        self._restored.clear()  # ranked by the previous ranker

    def clear_cache(self) -> None:
        """Forget the memoised originals and restorations (for measurements on unseen text)."""
        self._words.clear()
        self._readings.clear()
        self._restored.clear()
        self._terms_seen.clear()
        self._agreeing.clear()
        self._readings_of.clear()

    def find(self, context: TextContext, threshold: float | None = None) -> list[Finding]:
        """A finding per window the model trusts (probability at least ``threshold``, by
        default the model's), most confident first, no overlaps, none that is a known term
        as written or lies inside a window that is: the words of "support vector machine"
        were not swapped, though "vector machine" restores into "support system", and
        "convolutional networks" is no torture of "convolutional neural" (of the dev list's
        tortured phrases 21 of 3,765 are a term of the general sources as written, of their
        originals 1,363: a torture is what no source writes). A window the model's gate
        (:attr:`TermModel.gate`) turns away is never found, at any bar: it lets through
        ``train_terms.GATE_KEEP`` of the tortured windows that reach the deep bar, and far
        fewer of those below it, so a bar under the deep one sees only a part of the windows
        (a model without its gate sees them all)."""
        if self.model is None:
            return []
        bar = self.model.threshold if threshold is None else threshold
        windows = list(self.windows(context))
        proposals = self._proposals(windows)
        if not proposals:
            return []
        probabilities = self.model.window.probabilities([p.features for p in proposals]).tolist()
        chosen: list[Finding] = []
        taken = SpanIndex()
        known_spans: _Windows | None = None  # windows that are known terms, when needed
        ranked = sorted(zip(probabilities, proposals, strict=True), key=lambda p: (-p[0], p[1].start))
        for probability, (start, end, restorations, features) in ranked:
            if probability < bar:
                break
            if taken.overlaps(start, end):
                continue
            if known_spans is None:
                known_spans = _Windows([(s, e) for s, e, words in windows
                                        if (key := term_key(words)) is not None and any(self.known.sources(key))])
            if known_spans.holds(start, end):
                continue
            taken.add(start, end)
            best = self._written(restorations[0][0])  # (text, values), best first
            chosen.append(Finding(
                start=start, end=end, text=context.text[start:end], suggestion=best,
                confidence=round(probability, 4), evidence=("thesaurus", "term"), kind="tortured-phrase",
                alternatives=tuple(self._written(text) for text, _ in restorations[1 : MAX_ALTERNATIVES + 1]),
                note=f"its words are synonyms of the known term '{best}'",
                suggestion_confidence=self.suggestion_confidence(restorations, int(features["restorations"]), features),
            ))
        return sorted(chosen, key=lambda f: f.start)

    def _written(self, term: str) -> str:
        """A restoration as a suggestion writes it: a term the list holds with its names as
        English writes them ("United States"); the general sources' terms as they are, since
        their tables hold code words and abbreviations that WordNet writes as names ("tensor
        ops" became "tensor Ops", the goddess: a review, session 65)."""
        key = term_key(term_words(term))
        return in_proper_case(term) if key is not None and key in self.known.listed else term

    def proposals(self, context: TextContext) -> list[Proposal]:
        """Every window of the text with at least one restoration (that passes the model's
        gate, when it has one), with the window model's features: what :meth:`find` judges,
        and what training reads from clean text."""
        return self._proposals(list(self.windows(context)))

    def _proposals(self, windows: Sequence[tuple[int, int, list[str]]]) -> list[Proposal]:
        found = []
        for (start, end, words), (total, best) in zip(windows, self._ranked([w for _, _, w in windows]), strict=True):
            if best:
                found.append(Proposal(start, end, best, self.window_features(words, best, total)))
        return found

    def windows(self, context: TextContext) -> Iterator[tuple[int, int, list[str]]]:
        """``(start, end, words)`` of every window of two to four words that a spinner could
        have tortured: inside a sentence, outside quotations, no names or numbers, content
        words at both ends, words parted by spaces or hyphens ("signal-to-noise")."""
        tokens, words = context.tokens, context.words
        for sentence in context.sentences:
            run: list[int] = []
            for index in range(sentence.first_token, sentence.last_token + 1):
                info = words.get(index) if index < sentence.last_token else None
                if info is not None and not info.in_quote and info.key.isalpha() and (
                    not info.protected or info.key in FUNCTION_WORDS
                ):
                    run.append(index)
                    continue
                if run and run[-1] == index - 1 and joining_hyphen(context, index):
                    continue  # "signal-to-noise": the window goes on across the hyphen
                # A run holds only words parted by spaces or joining hyphens: any other token
                # ended it, so every slice of it is a window.
                for size in WINDOW_SIZES:
                    for at in range(len(run) - size + 1):
                        window = run[at : at + size]
                        keys = [words[i].key for i in window]
                        if keys[0] in FUNCTION_WORDS or keys[-1] in FUNCTION_WORDS:
                            continue
                        if cuts_compound(context, window[0], window[-1]):
                            continue  # "based portable" of "Linux-based portable"
                        yield tokens[window[0]].start, tokens[window[-1]].end, keys
                run = []

    def restorations(self, words: Sequence[str]) -> list[Restoration]:
        """All the known terms the window could have been, best first (by the ranker when
        there is a model, else by the strength of the links); not memoised, unlike the best
        few that :meth:`proposals` reads, and never turned away by the model's gate."""
        return self.rank([Restoration(text, values) for text, values in self._unranked(tuple(words))])

    def suggestion_confidence(self, restorations: Sequence[_AnyRestoration], options: int,
                              window: Mapping[str, float]) -> float | None:
        """How likely the first of a window's ``restorations`` (ranked, best first; the best
        few of its ``options``) is its original, if the window is tortured: the model's
        estimate from the ranker's scores and the window's features ``window``
        (:meth:`TermModel.suggestion_confidence`), or ``None`` without a model, a ranker or an
        estimate."""
        if self.model is None or self.model.suggestion is None or self.ranker is None or not restorations:
            return None
        scores = self.ranker.row_logits([values for _, values in restorations], RESTORATION_FEATURES).tolist()
        return self.model.suggestion_confidence(scores, options, window)

    def rank(self, restorations: Sequence[Restoration]) -> list[Restoration]:
        """Restorations likeliest first: by the ranker, or by link strength without one."""
        ranked = list(restorations)
        self._rank_all([ranked])
        return ranked

    def _ranked(self, windows: Sequence[Sequence[str]]) -> list[tuple[int, tuple[_Plain, ...]]]:
        """For each window, how many restorations it has and the best of them (the suggestion
        and its alternatives), as plain tuples (memoised). The windows not met before are
        ranked together, in one pass of the ranker: a text has a hundred windows of about a
        dozen restorations each. A window the model's gate turns away has none."""
        memo = self._restored
        results: list[tuple[int, tuple[_Plain, ...]]] = []
        fresh: dict[tuple[str, ...], list[_Plain]] = {}
        pending: list[tuple[int, tuple[str, ...]]] = []  # (place in results, window) of the fresh ones
        for words in windows:
            window = tuple(words)
            ranked = memo.get(window)
            if ranked is None:
                if window not in fresh:
                    fresh[window] = self._unranked(window, gated=True)
                pending.append((len(results), window))
                ranked = (0, ())
            results.append(ranked)
        if fresh:
            self._rank_all([group for group in fresh.values() if group])
            done = {window: remember(memo, window, (len(group), tuple(group[: 1 + MAX_ALTERNATIVES])), _WINDOW_MEMO_LIMIT)
                    for window, group in fresh.items()}
            for at, window in pending:
                results[at] = done[window]
        return results

    def _rank_all(self, groups: Sequence[list[_AnyRestoration]]) -> None:
        """Sort each group of restorations in place, likeliest first (ties by text)."""
        if not groups:
            return
        if self.ranker is not None:
            scores = self.ranker.row_logits([values for group in groups for _, values in group],
                                            RESTORATION_FEATURES).tolist()
        else:
            scores = [values[_STRENGTH_MEAN] for group in groups for _, values in group]
        at = 0
        for group in groups:
            size = len(group)
            order = sorted(range(size), key=lambda i: (-scores[at + i], group[i][0]))
            group[:] = [group[i] for i in order]
            at += size

    def _unranked(self, window: tuple[str, ...], gated: bool = False) -> list[_Plain]:
        """The restorations of a window, in no particular order; with ``gated``, none when the
        model's gate (:meth:`TermModel.passes_gate`) judges the window not worth restoring."""
        entries = [self._word(w) for w in window]
        seen = tuple(e.stem for e in entries)
        options = [e.originals for e in entries]
        content = max(1, sum(1 for w in window if w not in FUNCTION_WORDS))
        size, first, last = len(window), entries[0], entries[-1]
        starts = first.starts.get(size)
        if starts is None:
            starts = first.starts[size] = self.known.starts(size, first.originals)
        if not starts:
            return []
        # The gate reads the window alone, so it looks before the known terms are matched.
        if gated and self.model is not None and not self.model.passes_gate(self.seen_features(window)):
            return []
        ends = last.ends.get(size)
        if ends is None:
            ends = last.ends[size] = self.known.ends(size, last.originals)
        restoration = self._restoration
        return [restoration(entries, seen, key, options, content)
                for key in self.known.matching(options, ends, starts) if key != seen]

    def _restoration(self, entries: Sequence[_Word], seen: tuple[str, ...], key: tuple[str, ...],
                     options: list[dict[str, _Original]], content: int) -> _Plain:
        """The restoration of a window (its words' ``entries``, stems ``seen``, ``content``
        content words) into the known term ``key``; in ``RESTORATION_FEATURES`` order."""
        # This runs for every restoration of every window (a dozen per window): one loop over
        # the term's words, not a list per feature.
        changed = learned = 0
        strength_min = strength_sum = 0.0
        firm_all = True
        for i, stem in enumerate(key):
            _, strength, firm, was_learned = options[i][stem]
            if stem != seen[i]:
                if changed == 0 or strength < strength_min:
                    strength_min = strength
                strength_sum += strength
                firm_all = firm_all and firm
                learned += was_learned
                changed += 1
        flags, written = self.known.facts(key)
        text, words = self._spelling(entries, seen, key, written)
        pmi, logprob, zipf_min = self._term_stats(text)
        pos_kept = form_kept = 0
        if len(words) == len(key):  # else the term's words cannot be paired with the window's
            for i, stem in enumerate(key):
                if stem != seen[i]:
                    pos, _, form = self._reading(words[i])
                    pos_kept += pos == entries[i].pos
                    form_kept += form == entries[i].form
        return (text, (
            *flags, pmi, logprob,
            float(changed), changed / content,
            strength_min, strength_sum / changed,
            float(firm_all), float(learned),
            zipf_min, pos_kept / changed, form_kept / changed,
        ))

    def _spelling(self, entries: Sequence[_Word], seen: tuple[str, ...], key: tuple[str, ...],
                  written: Sequence[tuple[str, tuple[str, ...]]]) -> tuple[str, Sequence[str]]:
        """The known term (stems ``key``) written into the window. A stem may be several
        words ("acid" and "acidic", "efficiency" and "efficient"), so of the spellings the
        sources know (``written``: each with its words), the one that keeps most of the
        window's words as seen and whose swapped-back words have the part of speech of the
        words they replace (a spinner keeps it); each swapped-back noun then takes the
        number of the one it replaces ("artificial neural organizations" -> "artificial
        neural networks")."""
        best, best_words = written[0]
        if len(written) > 1:
            best_score = -1
            for spelling, words in written:
                if len(words) != len(key):  # cannot happen for keys made by term_key
                    continue
                score = sum(1 for i, word in enumerate(words) if self._fits(word, entries[i], key[i] == seen[i]))
                if score > best_score:
                    best, best_words, best_score = spelling, words, score
        if len(best_words) != len(key):
            return best, best_words
        agreed: dict[int, str] | None = None
        for i, word in enumerate(best_words):
            entry = entries[i]
            # Only a noun read in a number is respelled: most words of a term are the window's.
            if word != entry.word and entry.number and (form := self._agreeing_noun(word, entry.number)) != word:
                if agreed is None:
                    agreed = {}
                agreed[i] = form
        if not agreed:
            return best, best_words
        return _respelled(best, agreed), tuple(agreed.get(i, word) for i, word in enumerate(best_words))

    def _fits(self, word: str, entry: _Word, kept: bool) -> bool:
        """Whether a term's word fits the window's word in its place: the same word where
        the window kept it, the same part of speech where it was swapped."""
        return word == entry.word if kept else self._reading(word)[0] == entry.pos

    def _reading(self, word: str) -> tuple[str, str, str]:
        """The part of speech of a word's likeliest reading; for a noun, its number ("NN",
        "NNS": a plural is an inflected form ending in "s", so "data" is no plural of
        "information"); and its form: "" for the lemma itself, else the inflection's ending
        ("s", "ed", "ing", or "x" for another: "ran", "data"). A spinner carries a word's
        part of speech and inflection over to its synonym, so a restoration that changes
        them ("scheme improves" -> "system developed") is a reading a spinner rarely leaves.
        ("", "", "") for what the lexicon does not read."""
        found = self._readings_of.get(word)
        if found is None:
            pos = number = form = ""
            readings = self._lexicon.readings(word)[:1] if word not in FUNCTION_WORDS else ()
            for lemma, reading_pos in readings:
                pos = reading_pos or ""
                if pos == "NOUN":
                    number = noun_number(word, lemma)
                if lemma != word:
                    form = next((end for end in _INFLECTION_ENDINGS if word.endswith(end)), "x")
            found = remember(self._readings_of, word, (pos, number, form), _WORD_MEMO_LIMIT)
        return found

    def _agreeing_noun(self, word: str, number: str) -> str:
        """``word`` in ``number`` ("NN" or "NNS"; "" keeps it) when it reads as a noun and
        the other form keeps its stem and is written about as often ("networks" ->
        "network"; not "information" -> "informations"), else as it is."""
        if not number:
            return word
        memo_key = (word, number)
        agreed = self._agreeing.get(memo_key)
        if agreed is None:
            agreed = word
            for lemma, pos in self._lexicon.readings(word)[:1]:
                if pos == "NOUN" and " " not in lemma:
                    agreed = noun_in_number(word, lemma, number, self._lexicon.zipf)
            remember(self._agreeing, memo_key, agreed, _WORD_MEMO_LIMIT)
        return agreed

    def _term_stats(self, text: str) -> tuple[float, float, float]:
        """A term's trigram PMI, log-probability per word and rarest word's Zipf frequency
        (memoised: the same terms come back in many windows)."""
        stats = self._terms_seen.get(text)
        if stats is None:
            model = TrigramModel.default()
            words = term_words(text)
            stats = (model.pmi(words), model.logprob(words) / len(words), min(self._lexicon.zipf(w) for w in words))
            remember(self._terms_seen, text, stats, _TERM_MEMO_LIMIT)
        return stats

    def seen_features(self, words: Sequence[str]) -> dict[str, float]:
        """The window model's features of the window itself (``GATE_FEATURES``): its size,
        whether it is a known term, how the trigram model likes it, how frequent and how
        ambiguous its words are."""
        model = TrigramModel.default()
        key = tuple(stem_key(w) for w in words)
        listed, lexical, web, technical, field = self.known.sources(key)
        content = [w for w in words if w not in FUNCTION_WORDS]
        zipfs = [self._lexicon.zipf(w) for w in content]
        return {
            "words": float(len(words)), "content_words": float(len(content)),
            "seen_listed": float(listed), "seen_lexical": float(lexical), "seen_web": float(web),
            "seen_technical": float(technical), "seen_field": float(field),
            "seen_pmi": model.pmi(list(words)),
            "seen_logprob": model.logprob(list(words)) / len(words),
            "seen_zipf_min": min(zipfs), "seen_zipf_mean": sum(zipfs) / len(zipfs),
            "options_mean": sum(len(self._originals(w)) for w in content) / len(content),
            "seen_first_verb": self._verbness(words[0]), "seen_last_verb": self._verbness(words[-1]),
        }

    def _verbness(self, word: str) -> float:
        """2 for a word whose likeliest reading (:meth:`_reading`) is a verb ending in "-s"
        or "-ed" ("improves", "proposed"), 1 for another verb form ("built", "learning"),
        else 0: terms are noun phrases, so a window that ends in a finite verb ("technique
        improves") is most likely a subject and its verb, not a tortured term. Only the
        likeliest reading counts, so "needs" and "uses" read as plural nouns (0); training
        and use read the same way."""
        pos, _, form = self._reading(word)
        if pos != "VERB":
            return 0.0
        return 2.0 if form in ("s", "ed") else 1.0

    def window_features(self, words: Sequence[str], restorations: Sequence[_Plain],
                        total: int | None = None) -> dict[str, float]:
        """What the window model reads: the window itself (:meth:`seen_features`) and its best
        restoration (the first of ``restorations``; ``total``: how many it has, when they are
        only the best few)."""
        best = dict(zip(RESTORATION_FEATURES, restorations[0][1], strict=True))
        values = {
            **self.seen_features(words),
            "restorations": float(len(restorations) if total is None else total),
            **best,
        }
        values["gain_logprob"] = best["r_logprob"] - values["seen_logprob"]
        values["gain_pmi"] = best["r_pmi"] - values["seen_pmi"]
        return values

    def _originals(self, word: str) -> dict[str, _Original]:
        """The word itself and what a spinner could have replaced with it, by stem."""
        return self._word(word).originals

    def _word(self, word: str) -> _Word:
        cached = self._words.get(word)
        if cached is not None:
            return cached
        own_stem = stem_key(word)
        options: dict[str, _Original] = {own_stem: (word, _UNCHANGED_STRENGTH, True, False)}
        if word not in FUNCTION_WORDS:
            for lemma, pos in self._lexicon.readings(word)[:2]:
                for stem, original in self._reading_originals(lemma, pos):
                    if stem not in options:
                        options[stem] = original
            for lemma in sorted(self.known.learned.get(own_stem, ())):
                stem = stem_key(lemma)
                if stem == own_stem:
                    continue  # "regressive" for "regression": the word itself, not an original
                linked = options.get(stem)
                options[stem] = (lemma, linked[1], linked[2], True) if linked else (lemma, _LEARNED_STRENGTH, False, True)
        pos, number, form = self._reading(word)
        return remember(self._words, word, _Word(word, own_stem, pos, number, form, options, {}, {}), _WORD_MEMO_LIMIT)

    def _reading_originals(self, lemma: str, pos: str | None) -> tuple[tuple[str, _Original], ...]:
        """The one-word originals of a reading, by stem, strongest first (memoised: the words
        of one lemma, "runs" and "running", share them)."""
        key = (lemma, pos)
        cached = self._readings.get(key)
        if cached is None:
            cached = tuple(
                (stem_key(link.lemma), (link.lemma, link.strength, bool(link.flags & _FIRM), False))
                for link in self._lexicon.originals(lemma, pos, limit=ORIGINALS_PER_WORD, sources=Source.ALL)
                if " " not in link.lemma and link.lemma.isalpha() and not spelt_otherwise(link.lemma, lemma)
            )
            remember(self._readings, key, cached, _WORD_MEMO_LIMIT)
        return cached


class _Windows:
    """Spans sorted by start, for one question: does a span lie inside one of them (itself
    included)? A binary search over the starts that could hold it, rather than a scan of them
    all."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [start for start, _ in self._spans]
        self._longest = max((end - start for start, end in self._spans), default=0)

    def holds(self, start: int, end: int) -> bool:
        # A span holding start..end starts at or before start, and no earlier than its own
        # length allows: end - longest.
        first = bisect.bisect_left(self._starts, end - self._longest)
        last = bisect.bisect_right(self._starts, start)
        return any(end <= e for _, e in self._spans[first:last])
