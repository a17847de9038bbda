"""How well one neural reading of a text tells spun from clean, without the spinner's habits.

    .venv/bin/python benchmarks/neural_document_evidence.py [--documents 120]

The fast path's document evidence leans on inserted filler (docs/detection.md, "Spinners
without filler"). This measures a habit-free alternative: SmolLM2 reads the text once (its
first ~480 tokens), and each content word's log-probability in context is compared with its
frequency prior (Zipf, as ``nlm_seen_fit`` does); a spun text has more words the context did
not expect. Printed: the AUC of two summaries (the share of content words less likely in
context than their frequency, and their mean fit, negated), spun copies against clean
articles; beside them, the fast path's own evidence read without the filler: the mean of
the top tenth of the swap span model's confidences with the text's filler rate held at a
spun text's (``SPUN_FILLER_RATE``), and as read. Spun copies: train-half articles from 800 on (seed-0 shuffle; no span model saw
them), MyThes at rate 0.2 with filler and at 0.1 and 0.2 without. Clean: train-half articles
from 950 on (no model read them; the shipped fast document model read them as clean texts
only) and the Lee corpus (ABC news, unseen by the fast models). Needs the ``deep`` extra.
About 0.4 s per text.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence

from unspun.deep import CausalLM, TokenTree, load_lm
from unspun.detect.context import FUNCTION_WORDS, TextContext
from unspun.detect.engine import Engine, span_features
from unspun.eval.corpus import lee_articles, shuffled_train
from unspun.eval.spinner import Spinner, filler_free
from unspun.eval.thesauri import MyThesSource
from unspun.lexicon import Lexicon

MAX_TOKENS = 480
SPUN_FILLER_RATE = 0.88
"""The median ``doc_filler_rate`` of the spun texts the shipped span models learned from
(measured while training them in session 7)."""
_LN10 = math.log(10.0)


def fits(lm: CausalLM, lexicon: Lexicon, text: str) -> list[float]:
    """Each content word's log-probability in context minus its frequency prior (nats),
    over the text's first ``MAX_TOKENS`` tokens (the first word has no context: skipped)."""
    context = TextContext.build(text)
    ids = list(lm.context_prefix)
    spans: list[tuple[int, int, int]] = []
    previous_end: int | None = None
    for index, token in enumerate(context.tokens):
        piece = (" " if previous_end is not None and token.start > previous_end else "") + token.text
        encoded = lm.encode(piece)
        spans.append((index, len(ids), len(ids) + len(encoded)))
        ids.extend(encoded)
        previous_end = token.end
        if len(ids) > MAX_TOKENS:
            break
    logprobs = lm.tree_logprobs([TokenTree.chain(ids)])[0]
    out = []
    for index, start, end in spans:
        word = context.words.get(index)
        if index == 0 or word is None or word.protected or not word.key.isalpha() or word.key in FUNCTION_WORDS:
            continue
        prior = _LN10 * (max(lexicon.zipf(word.key), 1.0) - 9.0)
        out.append(float(logprobs[start:end].sum()) - prior)
    return out


def swap_evidence(engine: Engine, text: str, filler_rate: float | None) -> float:
    """The mean of the top tenth of the swap span model's confidences, with the text's filler
    rate replaced by ``filler_rate`` (None: as read)."""
    assert engine.model is not None
    analysis = engine.analyse(text)
    rows = [span_features(c) for c in analysis.candidates if c.kind == "swap"]
    if not rows:
        return 0.0
    if filler_rate is not None:
        for row in rows:
            row["doc_filler_rate"] = filler_rate
    confidences = sorted(engine.model.spans["swap"].probabilities(rows).tolist(), reverse=True)
    top = confidences[: max(1, len(confidences) // 10)]
    return sum(top) / len(top)


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    return sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives) / (len(positives) * len(negatives))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=120)
    args = parser.parse_args()
    n = args.documents
    lm, lexicon = load_lm(), Lexicon.load()
    unseen = shuffled_train(800, n)
    mythes = MyThesSource()
    spinners = {"MyThes 0.2": Spinner(mythes, rate=0.2, seed=1),
                "MyThes 0.1, no filler": filler_free(mythes, 0.1, seed=1),
                "MyThes 0.2, no filler": filler_free(mythes, 0.2, seed=1)}
    texts = {
        "clean BBC (train half, 950+)": [d.text for d in shuffled_train(950, n)],
        "clean Lee corpus": [d.text for d in lee_articles()[:n]],
        **{name: [spinner.spin(d.text).text for d in unseen] for name, spinner in spinners.items()},
    }
    engine = Engine.default()
    summaries: dict[str, list[tuple[float, ...]]] = {}
    for name, group in texts.items():
        rows: list[tuple[float, ...]] = []
        for text in group:
            values = fits(lm, lexicon, text) or [0.0]
            rows.append((sum(v < 0 for v in values) / len(values), -sum(values) / len(values),
                         swap_evidence(engine, text, SPUN_FILLER_RATE), swap_evidence(engine, text, None)))
        summaries[name] = rows
    spun = [name for name in texts if not name.startswith("clean")]
    print(f"{n} texts per set; AUC, spun copies against clean articles\n")
    print("| summary | clean set | " + " | ".join(spun) + " |")
    print("|---|---|" + "---|" * len(spun))
    for column, label in ((0, "neural: share of content words with fit < 0"), (1, "neural: mean fit, negated"),
                          (2, "fast: top swap confidences, filler rate held"), (3, "fast: top swap confidences")):
        for clean in (name for name in texts if name.startswith("clean")):
            negatives = [row[column] for row in summaries[clean]]
            cells = [f"{auc([row[column] for row in summaries[name]], negatives):.3f}" for name in spun]
            print(f"| {label} | {clean} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
