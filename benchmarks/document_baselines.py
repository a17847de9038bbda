"""unspun's document verdict beside the document classifiers people use against spun text.

    .venv/bin/python benchmarks/document_baselines.py [--documents 100] [--train 100] [--seed 0]

Three systems say whether each text was spun: unspun's fast path (its document score); the
TF-IDF classifier that ``unspun bench detect`` also runs (trained on the fast models' 800
articles and their Moby spins, and the rest of the train half as clean texts); and a
perplexity detector of the kind AI-text detectors are (:mod:`unspun.eval.baselines`:
SmolLM2's perplexity and burstiness, a logistic regression learned from ``--train``
train-half articles, clean, and as many spun with Moby, the rates taking turns). They are
judged on the first ``--documents`` articles of the benchmark's test sample and on copies
spun with the foreign dictionary (MyThes) at 0.1 and 0.2, without filler at 0.2, and with
Moby at 0.2: document precision, recall and F1 where each system says "spun" (unspun at its
verdict bar, a calibrated score of 0.7; the classifiers at their predicted class, a
probability of one half), and the area under the ROC curve against the clean articles,
which no bar decides. About a second per article for the perplexity detector on 2 cores
(15-20 minutes with the defaults). Needs the deep extra.
"""

from __future__ import annotations

import argparse
import time

from unspun.deep import load_lm
from unspun.detect.engine import Engine
from unspun.eval.baselines import fit_perplexity_classifier, perplexity_features, train_tfidf_classifier
from unspun.eval.bench_detect import CLASSIFIER_BAR, SPUN_THRESHOLD
from unspun.eval.corpus import bench_sample, shuffled_train
from unspun.eval.metrics import auc, document_f1
from unspun.eval.spinner import Spinner, filler_free
from unspun.eval.thesauri import MobySource, MyThesSource
from unspun.eval.train import TRAIN_RATES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--train", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    began = time.perf_counter()
    lm = load_lm()
    train = shuffled_train(seed=args.seed)[: args.train]
    spinners = [Spinner(MobySource(), rate=rate, seed=args.seed) for rate in TRAIN_RATES]
    train_texts = [d.text for d in train] + [spinners[i % len(spinners)].spin(d.text).text for i, d in enumerate(train)]
    train_labels = [False] * len(train) + [True] * len(train)
    perplexity = fit_perplexity_classifier(lm, [perplexity_features(lm, t) for t in train_texts], train_labels, args.seed)
    tfidf = train_tfidf_classifier(args.seed, print)
    engine = Engine.default()
    # Each system with the score at which it says "spun".
    systems = {
        "unspun fast": (lambda text: engine.analyse(text).score, SPUN_THRESHOLD),
        "tf-idf classifier": (tfidf.probability, CLASSIFIER_BAR),
        "perplexity (SmolLM2) classifier": (perplexity.probability, CLASSIFIER_BAR),
    }
    sample = bench_sample(args.documents, args.seed)
    data_sets = [("clean", None), ("mythes 0.1", Spinner(MyThesSource(), rate=0.1, seed=args.seed + 1)),
                 ("mythes 0.2", Spinner(MyThesSource(), rate=0.2, seed=args.seed + 1)),
                 ("mythes, no filler, 0.2", filler_free(MyThesSource(), 0.2, args.seed + 1)),
                 ("moby 0.2", Spinner(MobySource(), rate=0.2, seed=args.seed + 1))]
    scores: dict[tuple[str, str], list[float]] = {}
    for label, spinner in data_sets:
        texts = [d.text if spinner is None else spinner.spin(d.text).text for d in sample]
        for name, (score, _) in systems.items():
            scores[(name, label)] = [score(text) for text in texts]
        print(f"  {label} done ({time.perf_counter() - began:.0f} s)", flush=True)
    print(f"\n{len(sample)} BBC test articles per data set; perplexity classifier trained on {len(train)} clean and "
          f"{len(train)} spun train-half articles; the model computed in {lm.dtype}\n")
    print("| system | clean articles flagged | data set | document P / R / F1 | AUC against the clean articles |")
    print("|---|---|---|---|---|")
    for name, (_, bar) in systems.items():
        clean = scores[(name, "clean")]
        clean_flagged = sum(s >= bar for s in clean)
        for label, spinner in data_sets:
            if spinner is None:
                continue
            spun = scores[(name, label)]
            precision, recall, f1 = document_f1(sum(s >= bar for s in spun), len(spun), clean_flagged)
            area = auc(clean + spun, [False] * len(clean) + [True] * len(spun))
            print(f"| {name} | {clean_flagged} / {len(clean)} | {label} | {precision:.3f} / {recall:.3f} / {f1:.3f} "
                  f"| {area:.3f} |")
    print(f"\n{(time.perf_counter() - began) / 60:.0f} minutes")


if __name__ == "__main__":
    main()
