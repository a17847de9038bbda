"""Document classifiers of the kinds people use against spun text today, as baselines.

Foltýnek et al. (2020) and Wahle et al. (2022) detect spun text by classifying whole
documents (bag-of-words and embedding features with classic classifiers, then fine-tuned
transformers): they say whether a document was spun, not which words or what they were.
The classic version of that is trained here, on the texts the fast models learn from
(the first ``FAST_DOCUMENTS`` articles of ``shuffled_train()``, clean and spun with the
Moby thesaurus at ``TRAIN_RATES``, so that it meets the foreign dictionary only at test
time, as unspun does, and the rest of the train half as more clean texts, as unspun's
document model has them): TF-IDF over word unigrams and bigrams and over character 3- to
5-grams (sublinear term frequencies, terms seen in at least two documents), and a logistic
regression with balanced class weights (even prior odds, as unspun's document model). Its
settings are the textbook defaults, fixed before it was first measured, not tuned on the
benchmark. ``unspun bench detect`` runs it beside unspun (document rows only; it finds no
phrases). Fine-tuned transformers (Longformer in Wahle et al.) need a masked LM that does
not install offline here (``../shared/guides/RESOURCES.md``).

The second baseline is what AI-text detectors such as GPTZero read: how surprised a
language model is by the text, its *perplexity*, and how unevenly that surprise is spread
over the sentences, its *burstiness*. Spun text surprises a model (every swap is an unusual
word choice), so editors point those detectors at spun papers too. Here the model is deep
mode's own (SmolLM2-135M), the features are the mean and spread of the tokens' negative
log-probabilities and the spread of the sentences' means (:func:`perplexity_features`),
and a balanced logistic regression learns from spun and clean train-half articles
(``benchmarks/document_baselines.py``; about a second per article on 2 cores, so it is not
in ``unspun bench detect``).

scikit-learn and the language model are loaded on use: ``import unspun`` stays light.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..models import Document
from .spinner import Spinner
from .thesauri import MobySource

if TYPE_CHECKING:
    from ..deep import CausalLM

PERPLEXITY_FEATURES = ("token_nll_mean", "token_nll_spread", "sentence_nll_spread")
MAX_TOKENS = 1024  # tokens read per text: a long article's first ~750 words
Log = Callable[[str], None]


@dataclass(frozen=True)
class TfidfClassifier:
    """A fitted vectoriser and logistic regression: the probability that a text was spun."""

    vectorizer: Any
    model: Any

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        """For each text, the classifier's probability that it was spun."""
        if not texts:
            return []
        return [float(p) for p in self.model.predict_proba(self.vectorizer.transform(list(texts)))[:, 1]]

    def probability(self, text: str) -> float:
        return self.probabilities([text])[0]


def training_texts(documents: Sequence[Document], rates: Sequence[float], seed: int) -> tuple[list[str], list[bool]]:
    """The documents as they are, and spun with Moby at each rate (the spinner seeded with
    ``seed``); labels: spun or not."""
    texts = [d.text for d in documents]
    labels = [False] * len(documents)
    source = MobySource()
    for rate in rates:
        spinner = Spinner(source, rate=rate, seed=seed)
        texts += [spinner.spin(d.text).text for d in documents]
        labels += [True] * len(documents)
    return texts, labels


def fit_tfidf_classifier(texts: Sequence[str], labels: Sequence[bool], seed: int = 0) -> TfidfClassifier:
    """Fit the baseline (see the module docstring) on ``texts`` labelled spun or not."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_union

    if len(set(labels)) < 2:
        raise ValueError("the classifier needs spun and clean texts to learn from")
    vectorizer = make_union(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True),
    )
    features = vectorizer.fit_transform(list(texts))
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000, random_state=seed)
    model.fit(features, [int(label) for label in labels])
    return TfidfClassifier(vectorizer, model)


def train_tfidf_classifier(seed: int = 0, log: Log = print) -> TfidfClassifier:
    """The baseline as ``unspun bench detect`` runs it: trained on the fast models' texts
    (``python -m unspun.eval.train``: its articles clean and spun, the rest of the train
    half as more clean ones)."""
    from .corpus import shuffled_train
    from .train import FAST_DOCUMENTS, TRAIN_RATES

    documents = shuffled_train(seed=seed)
    texts, labels = training_texts(documents[:FAST_DOCUMENTS], TRAIN_RATES, seed)
    texts += [d.text for d in documents[FAST_DOCUMENTS:]]
    labels += [False] * len(documents[FAST_DOCUMENTS:])
    log(f"  tf-idf classifier: {labels.count(False)} clean and {labels.count(True)} spun training texts")
    return fit_tfidf_classifier(texts, labels, seed)


def perplexity_features(lm: CausalLM, text: str) -> dict[str, float]:
    """``PERPLEXITY_FEATURES`` of ``text`` under ``lm``: the mean and standard deviation of
    its tokens' negative log-probabilities (nats; the log of the perplexity, and its
    spread), and the standard deviation of its sentences' mean negative log-probabilities
    (GPTZero's "burstiness"). The model reads the context prefix and the text's sentences
    joined by single spaces, ``MAX_TOKENS`` tokens at most, prefix included; every text
    token after the prefix counts (with no prefix, all but the first)."""
    from ..deep import TokenTree
    from ..text import sentences

    prefix = tuple(lm.context_prefix)
    pieces: list[tuple[int, ...]] = []  # each sentence's tokens, in order
    total = len(prefix)
    for sentence in sentences(text):
        ids = lm.encode((" " if pieces else "") + text[sentence.start : sentence.end])
        if total + len(ids) > MAX_TOKENS:
            ids = ids[: MAX_TOKENS - total]
        if ids:
            pieces.append(ids)
            total += len(ids)
        if total >= MAX_TOKENS:
            break
    tokens = prefix + tuple(token for piece in pieces for token in piece)
    first = max(1, len(prefix))  # the first text token with something before it
    if len(tokens) <= first:
        raise ValueError("a text needs a token after the context to be scored")
    logprobs = lm.tree_logprobs([TokenTree.chain(tokens)])[0]
    nll = [-float(value) for value in logprobs[first:]]  # nll[k] is token first + k's
    sentence_means = []
    at = len(prefix) - first  # where the first sentence's tokens start in nll (-1: no prefix)
    for piece in pieces:
        part = nll[max(0, at) : at + len(piece)]
        at += len(piece)
        if part:
            sentence_means.append(statistics.fmean(part))
    return {
        "token_nll_mean": statistics.fmean(nll),
        "token_nll_spread": statistics.pstdev(nll),
        "sentence_nll_spread": statistics.pstdev(sentence_means) if len(sentence_means) > 1 else 0.0,
    }


@dataclass(frozen=True)
class PerplexityClassifier:
    """A logistic regression over :func:`perplexity_features`."""

    lm: CausalLM
    model: Any

    def probability(self, text: str) -> float:
        return self.probability_of(perplexity_features(self.lm, text))

    def probability_of(self, features: dict[str, float]) -> float:
        """The probability that a text with these features was spun."""
        return float(self.model.predict_proba([[features[name] for name in PERPLEXITY_FEATURES]])[0, 1])


def fit_perplexity_classifier(lm: CausalLM, rows: Sequence[dict[str, float]], labels: Sequence[bool],
                              seed: int = 0) -> PerplexityClassifier:
    """Fit the perplexity baseline on the features ``rows`` of texts labelled spun or not."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if len(set(labels)) < 2:
        raise ValueError("the classifier needs spun and clean texts to learn from")
    model = make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced", random_state=seed))
    model.fit([[row[name] for name in PERPLEXITY_FEATURES] for row in rows], [int(label) for label in labels])
    return PerplexityClassifier(lm, model)
