"""The gate on a suspected reading: which swaps stand in a text the surprise alone calls spun.

Deep mode's document score can call a text spun from its words' surprise alone
(:mod:`unspun.detect.surprise`): a rewriter that inserts no filler, mostly. Judged as an
unsuspected text's, such a text's words show few of its swaps (phrase recall 0.06 on
validation articles spun at 0.2 without filler); read as a suspected text's, as ``--suspect``
reads them (``Engine.candidates``), about four in ten. But the clean texts the surprise
mistakes for spun are colourful writing, and read that way they draw ten and more false
findings per 1,000 words (docs/deep.md, "The words of a text the surprise calls spun").

The gate tells the two apart by what the suspected reading reads anyway: how the text's
suspicious words fit their places under the language model, on the whole. In a rewritten
text the words the fast path suspects include the swaps: the worst of them fit very poorly,
and the options read for them beat them on the whole; in a clean text they are words as
written. A logistic regression over a finding's confidence in the suspected reading, the
tenth percentile of the fit of the text's suspected swap candidates (``nlm_seen_fit``, the
neural scorer's fit of the word seen beyond its frequency) and the mean of their best
option's advantage over the word seen (``nlm_max_delta_prior``, beyond frequencies) gives
each swap finding of that reading its probability of standing; it learns from the deep
threshold split's held-out texts, clean and spun without filler, and its bar keeps the
suspected reading of those clean texts within deep mode's budget of false findings
(``python -m unspun.eval.train_suspected``). Session 25's gate read the fit's median and
mean instead; the tenth percentile and the options' advantage keep 12% more of the true
swaps at the same budget (docs/deep.md).

>>> from unspun.detect.candidates import Candidate
>>> def swap(fit, advantage): return Candidate(0, 1, 0, 1, "swap", [], features={"nlm_seen_fit": fit,
...     "nlm_max_delta_prior": advantage})
>>> text_features([swap(-1.0, 2.0), swap(0.0, -1.0), swap(5.0, -4.0)])
{'text_fit_q10': -0.8, 'text_advantage_mean': -1.0}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .candidates import Candidate
from .engine import may_be_finding

GATE_FEATURES = ("suspected_confidence", "text_fit_q10", "text_advantage_mean")
FIT = "nlm_seen_fit"
ADVANTAGE = "nlm_max_delta_prior"
EVIDENCE = "suspected"
"""The evidence name of a finding the gate kept (docs/report.md)."""


def reaching_swaps(chosen: Sequence[Candidate], bar: float) -> list[Candidate]:
    """The swap candidates of ``chosen`` that could become findings at ``bar``: the ones the
    gate judges, at run time (``DeepEngine.suspected_swaps``) as in training
    (``train_suspected.gate_rows_of``)."""
    return [c for c in chosen if c.kind == "swap" and c.confidence >= bar and may_be_finding(c)]


def text_features(chosen: Sequence[Candidate]) -> dict[str, float]:
    """The tenth percentile of the fit (``nlm_seen_fit``) of the swap candidates in ``chosen``
    that the neural scorer read, and the mean of their best option's advantage
    (``nlm_max_delta_prior``); zeros when it read none."""
    read = [c for c in chosen if c.kind == "swap" and FIT in c.features]
    if not read:
        return {"text_fit_q10": 0.0, "text_advantage_mean": 0.0}
    fits = np.array([c.features[FIT] for c in read])
    advantages = np.array([c.features.get(ADVANTAGE, 0.0) for c in read])
    return {"text_fit_q10": float(np.quantile(fits, 0.1)), "text_advantage_mean": float(advantages.mean())}


def gate_rows(candidates: Sequence[Candidate], text: Mapping[str, float]) -> list[dict[str, float]]:
    """The gate's features (``GATE_FEATURES``) of each candidate, whose confidence is the
    suspected reading's, in a text whose suspected swap candidates read as ``text`` says
    (:func:`text_features`)."""
    rows = []
    for candidate in candidates:
        values = {"suspected_confidence": candidate.confidence, **text}
        rows.append({name: values[name] for name in GATE_FEATURES})  # the names the gate reads
    return rows
