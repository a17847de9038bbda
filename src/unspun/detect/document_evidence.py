"""What the rest of the text says about each candidate.

Spinners rewrite whole texts at a rate: a word that reads a little oddly is more likely a swap
in a text full of odd words and inserted filler than in an otherwise clean article. This
scorer gives every candidate the same few ``doc_*`` features, summaries of the whole text's
evidence, so the span models can weigh a candidate's own evidence by its surroundings.

The summaries read only the model-free evidence of the other scorers (trigram deltas, Zipf
frequencies, habits), never a model's confidence: they are then as reliable on the texts a
model was trained on as on unseen ones. It must run after the trigram scorer.

A short text says little about itself: its summaries are shrunk towards those of clean news
(``CLEAN_PRIOR``) with the weight of ``PRIOR_WORDS`` content words, so that two sentences
with a tortured phrase in each do not read as a text full of swaps.

>>> from unspun.detect.candidates import Candidate, Option
>>> from unspun.detect.context import TextContext
>>> context = TextContext.build("Portions of the firm fell over the summer.")
>>> odd = Candidate(0, 8, 0, 1, "swap", [Option("shares", ("shares",), {"lm_delta_pmi": 2.0})],
...                 {"zipf_seen": 4.6, "lm_seen_fit": -0.5})
>>> DocumentScorer().score(context, [odd])
>>> round(odd.features["doc_better_share"], 3)  # 1 in 4 content words, shrunk towards 0.18
0.185
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .candidates import Candidate
from .context import FUNCTION_WORDS, RARE_ZIPF, TextContext

BETTER_DELTA = 1.0  # log10: an option the trigram model prefers tenfold, frequencies aside
_DELTA_CLIP = 5.0  # one unknown word must not dominate a text's mean
PRIOR_WORDS = 50  # content words: about a 100-word paragraph
# Means of the summaries over 300 clean articles of the BBC train half (seed-0 shuffle, the
# first 300 of python -m unspun.eval.train's documents), before shrinking.
CLEAN_PRIOR = {
    "doc_better_share": 0.18,
    "doc_delta_mean": -0.39,
    "doc_fit_mean": 0.76,
    "doc_rare_share": 0.045,
    "doc_filler_rate": 0.047,
}


SUSPECT_FILLER_RATE = 0.88
"""``doc_filler_rate`` in a text checked as suspected of spinning (``CheckConfig.suspect``):
the median of the spun texts the shipped span models learned from (measured while training
them in session 7). The span models learned that a text without filler is clean; a text
from a rewriter that inserts none is then judged as if it held a spinner's usual filler."""


class DocumentScorer:
    """Adds the text's summaries to every candidate (see the module docstring).

    Features: ``doc_better_share`` (swap candidates with an option the trigram model prefers
    by ``BETTER_DELTA`` beyond frequencies, per content word; phrases and swappable
    connectives count too, so it may exceed 1), ``doc_delta_mean`` (their best
    such delta, clipped, averaged over swap candidates), ``doc_fit_mean`` (how well the
    context predicts the words seen, averaged), ``doc_rare_share`` (single words seen rarer
    than ``RARE_ZIPF``, of the swap candidates), ``doc_filler_rate`` (filler per 100 words),
    ``doc_log_words``; each but the last shrunk towards ``CLEAN_PRIOR`` in a short text.
    """

    name = "document"

    def score(self, context: TextContext, candidates: Sequence[Candidate]) -> None:
        if not candidates:
            return
        words = max(1, len(context.words))
        content = max(1, sum(1 for w in context.words.values()
                             if not w.protected and w.key.isalpha() and w.key not in FUNCTION_WORDS))
        swaps = [c for c in candidates if c.kind == "swap"]
        deltas = [max((o.features.get("lm_delta_pmi", 0.0) for o in c.options), default=0.0) for c in swaps]
        count = max(1, len(swaps))
        raw = {
            "doc_better_share": sum(1 for d in deltas if d > BETTER_DELTA) / content,
            "doc_delta_mean": sum(max(-_DELTA_CLIP, min(_DELTA_CLIP, d)) for d in deltas) / count,
            "doc_fit_mean": fit_mean(swaps),
            "doc_rare_share": rare_share(swaps),
            "doc_filler_rate": filler_rate(candidates, words),
        }
        weight = content / (content + PRIOR_WORDS)
        values = {name: weight * value + (1.0 - weight) * CLEAN_PRIOR[name] for name, value in raw.items()}
        values["doc_log_words"] = math.log(words)
        for candidate in candidates:
            candidate.features.update(values)


# The raw summaries the document model reads too (engine.document_features), before shrinking.


def fit_mean(swaps: Sequence[Candidate]) -> float:
    """How well the context predicts the words seen (``lm_seen_fit``), averaged over swaps."""
    return sum(c.features.get("lm_seen_fit", 0.0) for c in swaps) / max(1, len(swaps))


def rare_share(swaps: Sequence[Candidate]) -> float:
    """The share of single-word swap candidates rarer than ``RARE_ZIPF``."""
    single = [c for c in swaps if c.last - c.first == 1]
    return sum(1 for c in single if c.features.get("zipf_seen", 0.0) < RARE_ZIPF) / max(1, len(single))


def filler_rate(candidates: Sequence[Candidate], words: int) -> float:
    """Filler candidates per 100 of ``words``."""
    return 100.0 * sum(1 for c in candidates if c.kind == "filler") / words
