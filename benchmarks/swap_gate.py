"""Would a gate for swap candidates pay, as the term gate does? Measured, not shipped.

    .venv/bin/python benchmarks/swap_gate.py

The term gate (``train_terms.fit_term_gate``) turns away seven in ten term windows before
their restorations are worked out. This asks the same of swap candidates: a logistic model
over a candidate's own features, known before its options are scored (span size, options,
readings, Zipf frequency and trigram fit of the words seen), trained on the candidates of 40
held-out train articles (shuffled train half after the fast models' 800) and the same
articles spun (Moby, rate 0.2), to tell those whose confidence reaches a bar; its own bar
keeps 99% or 99.5% of those. Prints, on the other 40 articles and their spins, the share of
candidates it would skip and the share of those reaching the bar it would lose. About two
minutes.
"""

from __future__ import annotations

import numpy as np

from unspun.detect.engine import Engine
from unspun.eval.corpus import shuffled_train
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import MobySource
from unspun.eval.train import FAST_DOCUMENTS, _fit

OWN_FEATURES = ("span_words", "n_options", "n_readings", "zipf_seen", "lm_seen_fit", "lm_seen_oov", "at_sentence_start")
ARTICLES = 80


def main() -> None:
    engine = Engine.default()
    documents = shuffled_train(FAST_DOCUMENTS, ARTICLES)
    spinner = Spinner(MobySource(), rate=0.2, seed=5)
    texts = [d.text for d in documents] + [spinner.spin(d.text).text for d in documents]
    rows: list[dict[str, float]] = []
    confidences: list[float] = []
    learns: list[bool] = []  # the first half of the articles (clean and spun) trains the gate
    for number, text in enumerate(texts):
        for candidate in engine.analyse(text).candidates:
            if candidate.kind == "swap":
                rows.append({name: candidate.features.get(name, 0.0) for name in OWN_FEATURES})
                confidences.append(candidate.confidence)
                learns.append(number % ARTICLES < ARTICLES // 2)
    confidence, learn = np.array(confidences), np.array(learns)
    fit_rows = [row for row, chosen in zip(rows, learns, strict=True) if chosen]
    test_rows = [row for row, chosen in zip(rows, learns, strict=True) if not chosen]
    print(f"{len(rows):,} swap candidates in {len(texts)} texts\n")
    print("| confidence bar | kept of those reaching it | candidates skipped (held out) | of those reaching the bar, lost |")
    print("|---|---|---|---|")
    for bar in (0.15, 0.32):
        gate = _fit(fit_rows, list(confidence[learn] >= bar), 0, balanced=True)
        fitted = np.sort(gate.probabilities(fit_rows)[confidence[learn] >= bar])
        held = gate.probabilities(test_rows)
        reaching = confidence[~learn] >= bar
        for keep in (0.99, 0.995):
            gate_bar = fitted[int((1 - keep) * len(fitted))]
            skipped = held < gate_bar
            print(f"| {bar} | {keep:.1%} | {skipped.mean():.1%} | {(skipped & reaching).sum() / max(1, reaching.sum()):.1%} |")


if __name__ == "__main__":
    main()
