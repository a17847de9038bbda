"""Would the fast document model see rewriters without filler by the trigram model's surprise?

    .venv/bin/python benchmarks/fast_document_surprise.py [--folds 5] [--fold-seeds 0 1 2 3]

Deep mode reads a text's surprise under its language model (``unspun.detect.surprise``) and
so sees spins without filler (AUC 0.989 at 0.2); the fast document score leans on filler and
is nearly blind to them. This asks whether the trigram model can stand in for the language
model: for each lower-case content word, how much likelier the trigram model finds it after
its two words than alone, plus how much likelier it makes the next word than that word alone
(log10), summarised per text (tenth percentile, mean of the lowest tenth, mean, share
below 0), for the left context alone (``t_left_*``) and with the next word (``t_both_*``).

The rows are the fast document model's own (``python -m unspun.eval.train``): the shuffled
train half's articles 560-800, clean and spun with Moby at 0.1-0.5 (seed 1), and the
articles from 800 on as clean text, each with ``document_features`` from the shipped fast
models; plus, for these experiments, the same 240 articles spun without filler with Moby
(0.2 and 0.3) and, never learned from, with MyThes (0.1 and 0.2 with filler, 0.2 without).
Gradient-boosted document models as the shipped one (100 trees, depth 3, balanced) are
cross-validated by article for each variant: the shipped features; with the surprise
summaries; with them and learning from the filler-free Moby spins too (summaries shrunk
towards their clean mean by length, as deep mode's are). Each is read at the verdict bar (0.7)
and at the bar that flags 0.9% of the clean texts (the shipped model's share at 0.7), for
several fold assignments. About 5 minutes on 2 cores, most of it building the rows.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import numpy as np

from unspun.detect.context import FUNCTION_WORDS, TextContext
from unspun.detect.engine import Engine, apply_model, document_features, select_findings
from unspun.detect.ngram import TrigramModel
from unspun.eval.corpus import shuffled_train
from unspun.eval.spinner import Spinner, filler_free
from unspun.eval.thesauri import MobySource, MyThesSource
from unspun.eval.train import FAST_DOCUMENTS, FAST_FIT_END, TRAIN_RATES

FLOOR = -7.0  # log10, as the trigram scorer clamps
PRIOR_WORDS = 50
CLEAN_KINDS = ("clean", "clean extra")
FILLER_FREE_TRAINING = ("moby 0.2 no filler", "moby 0.3 no filler")
MATCHED_CLEAN_SHARE = 0.009


def surprise_summaries(context: TextContext, lm: TrigramModel) -> dict[str, float]:
    """The ``t_*`` summaries of a text (see the module docstring) and ``t_words``."""
    prob, scale = lm._model.prob, lm.scale

    def clamped(raw: int) -> float:
        return max(FLOOR, raw * scale)

    left: list[float] = []
    both: list[float] = []
    for info in context.words.values():
        word = info.key
        if info.protected or info.capitalised or not word.isalpha() or word in FUNCTION_WORDS:
            continue
        words = context.sentence_words[info.sentence]
        at = info.position
        if words[at] != word:
            continue
        alone = clamped(prob([word]))
        history = [words[at - 1], words[at - 2]] if at >= 2 else words[:at][::-1]
        gain = clamped(prob([word, *history])) - alone if history else 0.0
        left.append(gain)
        if at + 1 < len(words):
            after = words[at + 1]
            gain += clamped(prob([after, word, *history[:1]])) - clamped(prob([after]))
        both.append(gain)
    values = {"t_words": float(len(left))}
    for name, gains in (("left", left), ("both", both)):
        ordered = np.sort(np.array(gains)) if gains else np.zeros(1)
        values[f"t_{name}_q10"] = float(np.quantile(ordered, 0.1))
        values[f"t_{name}_low"] = float(ordered[: max(1, len(ordered) // 10)].mean())
        values[f"t_{name}_mean"] = float(ordered.mean())
        values[f"t_{name}_below"] = float((ordered < 0).mean())
    return values


def build_rows() -> list[dict[str, object]]:
    engine, lm = Engine.default(), TrigramModel.default()
    model = engine.model
    assert model is not None

    def row(text: str) -> dict[str, object]:
        context, candidates = engine.candidates(text)
        apply_model(model, candidates)
        listed = engine.known.find(text, context.tokens)
        findings = select_findings(text, candidates, listed, model.document_finding_threshold)
        return {**document_features(context, candidates, listed, findings), **surprise_summaries(context, lm)}

    documents = shuffled_train()
    moby, mythes = MobySource(), MyThesSource()
    spinners = [(f"moby {rate}", Spinner(moby, rate=rate, seed=1)) for rate in TRAIN_RATES]
    spinners += [(f"moby {rate} no filler", filler_free(moby, rate, seed=1)) for rate in (0.2, 0.3)]
    spinners += [(f"mythes {rate}", Spinner(mythes, rate=rate, seed=1)) for rate in (0.1, 0.2)]
    spinners += [("mythes 0.2 no filler", filler_free(mythes, 0.2, seed=1))]
    rows: list[dict[str, object]] = []
    for number, document in enumerate(documents[FAST_FIT_END:FAST_DOCUMENTS]):
        rows.append({**row(document.text), "_kind": "clean", "_article": number})
        for kind, spinner in spinners:
            rows.append({**row(spinner.spin(document.text).text), "_kind": kind, "_article": number})
    for number, document in enumerate(documents[FAST_DOCUMENTS:], start=10_000):
        rows.append({**row(document.text), "_kind": "clean extra", "_article": number})
    return rows


def shrunk(rows: Sequence[dict[str, object]], train: Sequence[int]) -> list[dict[str, object]]:
    """The ``t_*`` summaries shrunk towards their mean over the clean training rows by length."""
    names = [name for name in rows[0] if name.startswith("t_") and name != "t_words"]
    clean = [rows[i] for i in train if rows[i]["_kind"] in CLEAN_KINDS]
    prior = {name: float(np.mean([float(r[name]) for r in clean])) for name in names}  # type: ignore[arg-type]
    out = []
    for r in rows:
        weight = float(r["t_words"]) / (float(r["t_words"]) + PRIOR_WORDS)  # type: ignore[arg-type]
        out.append({**r, **{name: weight * float(r[name]) + (1 - weight) * prior[name] for name in names}})  # type: ignore[arg-type]
    return out


def cross_validated(rows: list[dict[str, object]], features: list[str], learned_kinds: set[str], folds: int,
                    fold_seed: int, shrink: bool) -> np.ndarray:
    """Each row's held-out probability, the folds drawn by article."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    articles = sorted({int(r["_article"]) for r in rows})  # type: ignore[arg-type]
    order = np.random.RandomState(fold_seed).permutation(len(articles))
    fold_of = {article: int(order[i]) % folds for i, article in enumerate(articles)}
    spun = np.array([r["_kind"] not in CLEAN_KINDS for r in rows])
    predicted = np.zeros(len(rows))
    for fold in range(folds):
        train = [i for i, r in enumerate(rows) if fold_of[int(r["_article"])] != fold  # type: ignore[arg-type]
                 and (r["_kind"] in CLEAN_KINDS or r["_kind"] in learned_kinds)]
        read = shrunk(rows, train) if shrink else rows
        matrix = np.array([[float(r[name]) for name in features] for r in read])  # type: ignore[arg-type]
        model = HistGradientBoostingClassifier(max_iter=100, max_depth=3, learning_rate=0.1, random_state=0,
                                               class_weight="balanced")
        model.fit(matrix[train], spun[train])
        held = np.array([fold_of[int(r["_article"])] == fold for r in rows])  # type: ignore[arg-type]
        predicted[held] = model.predict_proba(matrix[held])[:, 1]
    return predicted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--fold-seeds", type=int, nargs="+", default=[0, 1, 2, 3])
    args = parser.parse_args()
    rows = build_rows()
    shipped = sorted(name for name in rows[0] if not name.startswith(("_", "t_")))
    summaries = sorted(name for name in rows[0] if name.startswith("t_"))
    moby_spins = {f"moby {rate}" for rate in TRAIN_RATES}
    variants = [
        ("shipped features", shipped, moby_spins, False),
        ("+ trigram surprise", shipped + summaries, moby_spins, False),
        ("+ trigram surprise, learning filler-free spins too", shipped + summaries,
         moby_spins | set(FILLER_FREE_TRAINING), True),
    ]
    kinds = sorted({str(r["_kind"]) for r in rows} - set(CLEAN_KINDS))
    clean = np.array([r["_kind"] in CLEAN_KINDS for r in rows])
    print(f"{int(clean.sum())} clean texts, {len(rows) - int(clean.sum())} spun; recall at the verdict bar 0.7 "
          f"/ at the bar flagging {MATCHED_CLEAN_SHARE:.1%} of the clean texts")
    print("| variant | fold seed | clean flagged at 0.7 | " + " | ".join(kinds) + " |")
    print("|---|---|---|" + "---|" * len(kinds))
    for name, features, learned, shrink in variants:
        for seed in args.fold_seeds:
            predicted = cross_validated(rows, features, learned, args.folds, seed, shrink)
            bar = float(np.quantile(predicted[clean], 1 - MATCHED_CLEAN_SHARE))
            cells = []
            for kind in kinds:
                chosen = np.array([r["_kind"] == kind for r in rows])
                cells.append(f"{(predicted[chosen] >= 0.7).mean():.3f} / {(predicted[chosen] > bar).mean():.3f}")
            print(f"| {name} | {seed} | {(predicted[clean] >= 0.7).mean():.4f} | " + " | ".join(cells) + " |",
                  flush=True)


if __name__ == "__main__":
    main()
