"""How much a text's words surprise the language model, beyond their rarity: deep document evidence.

The fast document score reads findings and a spinner's habits, above all inserted filler;
a rewriter that inserts none leaves it nearly blind (AUC 0.674 on BBC articles spun at 0.2
without filler, BENCHMARKS.md "Against the document classifiers people use"). A language
model sees such text another way: each swapped word is a poor fit where it stands. Plain
perplexity mixes that up with topic and vocabulary (a clean article on tax law surprises a
model too); here each word's surprise is set against its rarity. For a lower-case content
word (not a function word, not a name) the *context gain* is how much likelier the model
finds it in place than its frequency in English says (wordfreq's Zipf value, in nats),
minus how surprised the model is by it:

    gain = (9 - zipf) * ln 10 - surprise

A word that fits its context gains a lot; a thesaurus swap ("portions fell" for shares
fell, "the team's carriage" for its coach) gains little. The features summarise the text's
gains: their tenth percentile and the mean of their lowest tenth (the worst-fitting words,
which a spinner's tenth of swaps makes worse), their mean, and the mean surprise per token.

The model reads the text once, its words joined by single spaces, ``MAX_SURPRISE_TOKENS``
at most (a word's surprise includes the punctuation attached to it, as "talks." in a
sentence's last word: clean and spun text alike): on 80 validation-slice articles (throwaway, session 23) 512 tokens separated
filler-free spins as well as 1,024 (AUC 0.989 vs 0.988 at 0.2), 256 clearly worse
(0.976). A text with fewer than ``MIN_CONTENT_WORDS`` scored content words says too little
and gets no features; a short one says less than a long one, so before a model reads them
the summaries are shrunk towards those of clean news (:func:`shrunk`, with the weight of
``PRIOR_WORDS`` content words, as the fast document summaries are): without that, short
ABC news articles (the Lee corpus, a median of 68 content words against BBC's 130) were
called spun three times as often as BBC ones.

>>> from unspun.deep import TokenTree
>>> class Even:  # a stand-in model: every token has probability e^-3
...     context_prefix = ()
...     def encode(self, text): return tuple(ord(c) for c in text.split()[0][:2])
...     def tree_logprobs(self, trees, batch_size=16):
...         import numpy as np
...         return [np.array([0.0] + [-3.0] * (len(t.tokens) - 1)) for t in trees]
>>> text = " ".join(["Officials"] + ["reported"] * 40 + ["troubles."])
>>> features = surprise_features(Even(), text, zipf=lambda word: 4.0)
>>> round(features["surprise_gain_mean"], 2)  # (9 - 4) * ln 10 - 2 tokens * 3 nats
5.51
>>> features["surprise_content_words"]  # "reported" 40 times and "troubles"
41.0
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import numpy as np

from ..deep import CausalLM, TokenTree
from ..text import composed
from .context import FUNCTION_WORDS
from .document_evidence import PRIOR_WORDS

SURPRISE_FEATURES = ("surprise_gain_q10", "surprise_low_gain_mean", "surprise_gain_mean", "surprise_token_nll")
CONTENT_WORDS = "surprise_content_words"  # how many content words the gains were read from
MAX_SURPRISE_TOKENS = 512
MIN_CONTENT_WORDS = 30
"""Scored content words a text needs for features: about a 100-word paragraph, the shortest
text the document models learned from."""
MIN_ZIPF = 1.0  # words wordfreq does not know count as this rare
_EDGE_PUNCTUATION = ".,;:!?\"'()[]{}“”‘’—–-…"


def _content_word(word: str) -> str | None:
    """The word without edge punctuation when it is a lower-case content word, else ``None``:
    spinners leave names and function words alone."""
    core = word.strip(_EDGE_PUNCTUATION)
    return core if core.isalpha() and core.islower() and core not in FUNCTION_WORDS else None


def surprise_features(lm: CausalLM, text: str, zipf: Callable[[str], float]) -> dict[str, float] | None:
    """``SURPRISE_FEATURES`` of ``text`` under ``lm``, as read, and ``CONTENT_WORDS``, with
    ``zipf`` giving a word's Zipf frequency (0 for unknown words); ``None`` when fewer than
    ``MIN_CONTENT_WORDS`` content words would be scored (the model then does not run)."""
    # Accents composed (NFC): a decomposed "cafe\u0301" is no alphabetic word, so it dropped
    # out of the content words, and the model read it as rare pieces.
    text = composed(text)
    prefix = tuple(lm.context_prefix)
    ids = list(prefix)
    words: list[tuple[str, int, int]] = []  # each whitespace-separated word: its tokens' start and count
    for word in text.split():
        tokens = lm.encode((" " if len(ids) > len(prefix) else "") + word)
        if len(ids) + len(tokens) > MAX_SURPRISE_TOKENS:
            break
        words.append((word, len(ids), len(tokens)))
        ids.extend(tokens)
    # Without a context prefix, the first word has nothing before it.
    words = [(word, start, count) for word, start, count in words if start > 0]
    if sum(_content_word(word) is not None for word, _, _ in words) < MIN_CONTENT_WORDS:
        return None  # decided before the model runs: a short text costs nothing
    logprobs = lm.tree_logprobs([TokenTree.chain(ids)])[0]
    surprise_sum, token_count, gains = 0.0, 0, []
    for word, start, count in words:
        surprise = -float(np.sum(logprobs[start : start + count]))
        surprise_sum += surprise
        token_count += count
        core = _content_word(word)
        if core is not None:
            gains.append((9.0 - max(zipf(core), MIN_ZIPF)) * math.log(10) - surprise)
    ordered = np.sort(np.array(gains))
    return {
        "surprise_gain_q10": float(np.quantile(ordered, 0.1)),
        "surprise_low_gain_mean": float(ordered[: max(1, len(ordered) // 10)].mean()),
        "surprise_gain_mean": float(ordered.mean()),
        "surprise_token_nll": surprise_sum / max(1, token_count),
        CONTENT_WORDS: float(len(gains)),
    }


def shrunk(features: Mapping[str, float], prior: Mapping[str, float]) -> dict[str, float]:
    """The ``SURPRISE_FEATURES`` of ``features`` (:func:`surprise_features`) shrunk towards
    ``prior`` (their means over clean text) with the weight of ``PRIOR_WORDS`` content words.

    >>> prior = {name: 0.0 for name in SURPRISE_FEATURES}
    >>> read = {**{name: 1.0 for name in SURPRISE_FEATURES}, CONTENT_WORDS: 150.0}
    >>> shrunk(read, prior)["surprise_gain_mean"]  # 150 / (150 + 50)
    0.75
    """
    weight = features[CONTENT_WORDS] / (features[CONTENT_WORDS] + PRIOR_WORDS)
    return {name: weight * features[name] + (1.0 - weight) * prior[name] for name in SURPRISE_FEATURES}
