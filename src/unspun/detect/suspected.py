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
text the words the fast path suspects include the swaps, and they fit poorly; in a clean
text they are words as written, and most fit well (``nlm_seen_fit``, the neural scorer's
fit of the word seen beyond its frequency). A logistic regression over a finding's
confidence in the suspected reading and the median and mean fit of the text's suspected
swap candidates gives each swap finding of that reading its probability of standing; it
learns from the deep threshold split's held-out texts, clean and spun without filler, and
its bar keeps the suspected reading of those clean texts within deep mode's budget of
false findings (``python -m unspun.eval.train_suspected``).

>>> from unspun.detect.candidates import Candidate
>>> def swap(fit): return Candidate(0, 1, 0, 1, "swap", [], features={"nlm_seen_fit": fit})
>>> text_fit([swap(-1.0), swap(0.0), swap(5.0)])
{'text_fit_median': 0.0, 'text_fit_mean': 1.3333333333333333}
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence

from .candidates import Candidate

GATE_FEATURES = ("suspected_confidence", "text_fit_median", "text_fit_mean")
FIT = "nlm_seen_fit"
EVIDENCE = "suspected"
"""The evidence name of a finding the gate kept (docs/report.md)."""


def text_fit(chosen: Sequence[Candidate]) -> dict[str, float]:
    """The median and mean fit (``nlm_seen_fit``) of the swap candidates in ``chosen`` that
    the neural scorer read; zeros when it read none."""
    fits = [c.features[FIT] for c in chosen if c.kind == "swap" and FIT in c.features]
    if not fits:
        return {"text_fit_median": 0.0, "text_fit_mean": 0.0}
    return {"text_fit_median": statistics.median(fits), "text_fit_mean": statistics.fmean(fits)}


def gate_rows(candidates: Sequence[Candidate], fit: Mapping[str, float]) -> list[dict[str, float]]:
    """The gate's features (``GATE_FEATURES``) of each candidate, whose confidence is the
    suspected reading's, in a text whose suspected swap candidates fit as ``fit`` says
    (:func:`text_fit`)."""
    rows = []
    for candidate in candidates:
        values = {"suspected_confidence": candidate.confidence, **fit}
        rows.append({name: values[name] for name in GATE_FEATURES})  # the names the gate reads
    return rows
