"""What a second bar for the term gate, placed for the fast path's window threshold, would save.

    .venv/bin/python benchmarks/term_gate_bars.py

The shipped gate (``TermModel.gate``, docs/detection.md) has one bar, placed so that it lets
through ``train_terms.GATE_KEEP`` of the list's tortured windows that the window model passes
at its *deep* bar; the fast path's bar is higher, so a fast-only gate bar could turn more
windows away. Printed for both window bars: the gate bar that keeps the same share of the
tortured windows passing that window bar (the list's phrases, each seen by a restorer built
without its inner fold, as the gate learned them), and on the clean train articles that
place the term model's bars (restored ungated) the share of windows with restorations it
turns away and the windows reaching the window bar that it would lose. About 20 seconds.
"""

from __future__ import annotations

import dataclasses

from unspun.detect.known_phrases import clean_expected, load_list, make_phrases
from unspun.detect.terms import TermRestorer, shipped_term_model
from unspun.eval.train_terms import GATE_KEEP, _clean_rows, _phrase_samples, _window_rows, gate_bar, term_documents
from unspun.lexicon import Lexicon


def main() -> None:
    model = shipped_term_model()
    if model is None or model.gate is None or model.deep_threshold is None:
        raise SystemExit("the shipped term model has no gate")
    pairs = [(t, e) for t, e in load_list() if clean_expected(e)[0]]
    lexicon = Lexicon.load()
    rows, tortured = _window_rows(_phrase_samples(pairs, lexicon, 0), model.ranker)
    window = model.window.probabilities(rows).tolist()
    gate = model.gate.probabilities(rows).tolist()
    ungated = TermRestorer(make_phrases(pairs), lexicon, dataclasses.replace(model, gate=None, gate_bar=None))
    clean, _ = _clean_rows(ungated, term_documents().threshold)
    clean_gate = model.gate.probabilities(clean).tolist()
    clean_window = model.window.probabilities(clean).tolist()
    print(f"shipped gate bar {model.gate_bar:.4f}; {len(clean):,} clean windows with restorations")
    print("| window bar | tortured windows passing it | gate bar keeping "
          f"{GATE_KEEP:.1%} of them | clean windows turned away | clean windows passing the window bar lost |")
    print("|---|---|---|---|---|")
    for name, bar in (("deep", model.deep_threshold), ("fast", model.threshold)):
        kept = [g for g, w, t in zip(gate, window, tortured, strict=True) if t and w >= bar]
        keep_bar = gate_bar(kept)
        away = sum(g < keep_bar for g in clean_gate) / len(clean_gate)
        lost = sum(g < keep_bar and w >= bar for g, w in zip(clean_gate, clean_window, strict=True))
        passing = sum(w >= bar for w in clean_window)
        print(f"| {name} ({bar:.3f}) | {len(kept)} | {keep_bar:.4f} | {away:.1%} | {lost} of {passing} |")


if __name__ == "__main__":
    main()
