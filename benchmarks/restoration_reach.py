"""How far a foreign spinner's originals are from the words it left: lexicon links and the LM.

    .venv/bin/python benchmarks/restoration_reach.py [--documents 60] [--dictionary mythes] [--neural]

A swap can be restored only if its original is among the candidates a restorer ranks. For
every one-word synonym swap of ``--documents`` validation articles (the train half after
``train.VALIDATION_START``: no model or bar was placed on them) spun at ``--rate`` with a
dictionary, this counts how often the original (any of its lemmas) is reached:

- among the 40 strongest originals per reading over every kind of link (deep mode's wide
  pool, ``deep.WIDE_PER_READING``);
- among all the lemmas one link away (every kind of link, no limit);
- within two links (and how many lemmas that is).

With ``--neural``, the language model's next-token distribution after the sentence so far
(its last 48 tokens, as a causal model reads the left context alone) ranks the first piece of
the original and of the word seen; and the two-link lemmas whose first piece is among the
model's first 100 are counted as a pool of their own (how often it holds the original, how
large it is). Needs the deep extra. About 20 s, 90 s with ``--neural`` (60 articles, 2 cores).
"""

from __future__ import annotations

import argparse
import statistics
from dataclasses import dataclass, field

from unspun.detect.deep import WIDE_PER_READING
from unspun.eval.corpus import shuffled_train
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import MobySource, MyThesSource, SynonymSource, WordNetSource
from unspun.eval.train import VALIDATION_START
from unspun.lexicon import Lexicon, Source

DICTIONARIES: dict[str, type[SynonymSource]] = {"mythes": MyThesSource, "moby": MobySource, "wordnet": WordNetSource}
LEFT_TOKENS = 48
LM_POOL = 100
LM_RANKS = (1, 5, 20, 100, 1000)


@dataclass
class Swap:
    left: str  # the sentence before the swap, as the spun text has it
    original: str
    seen: str
    originals: set[str]  # the original's lemmas
    wide: set[str] = field(default_factory=set)
    one_link: set[str] = field(default_factory=set)
    two_links: set[str] = field(default_factory=set)


def swaps_of(lexicon: Lexicon, documents: int, source: SynonymSource, rate: float, seed: int) -> list[Swap]:
    """Every one-word synonym swap of the spun articles whose word seen the lexicon knows."""
    spinner = Spinner(source, rate=rate, seed=seed)
    found = []
    for document in shuffled_train(VALIDATION_START, documents):
        spun = spinner.spin(document.text)
        for edit in spun.edits:
            if edit.kind != "synonym" or " " in edit.spun or " " in edit.source:
                continue
            seen = [lemma for lemma, _ in lexicon.readings(edit.spun.lower())]
            if not seen:
                continue
            left = spun.text[max(0, edit.start - 200) : edit.start]
            left = left[left.rfind(". ") + 2 :] if ". " in left else left
            swap = Swap(left.rstrip(), edit.source, edit.spun,
                        {lemma for lemma, _ in lexicon.readings(edit.source.lower())} | {edit.source.lower()})
            for lemma in seen:
                swap.one_link |= {link.lemma for link in lexicon.originals(lemma, sources=Source.ALL)}
                swap.wide |= {link.lemma for link in lexicon.originals(lemma, sources=Source.ALL, limit=WIDE_PER_READING)}
            swap.two_links = set(swap.one_link)
            for lemma in swap.one_link:
                swap.two_links |= {link.lemma for link in lexicon.originals(lemma, sources=Source.ALL)}
            found.append(swap)
    return found


def neural_reach(swaps: list[Swap]) -> None:
    """Print where the language model's next-token distribution ranks each swap's original."""
    import torch

    from unspun.deep._lm import load_lm

    lm = load_lm()
    backend = lm.backend
    ranks_original, ranks_seen, pool_sizes, pool_hits = [], [], [], 0
    with torch.inference_mode():
        for swap in swaps:
            ids = list(lm.context_prefix) + list(lm.encode(swap.left))[-LEFT_TOKENS:]
            size = len(ids)
            mask = torch.tril(torch.ones(size, size, dtype=torch.bool))[None, None]
            states = backend.hidden(torch.tensor([ids]), torch.arange(size)[None], mask)[0, -1]
            order = torch.argsort(backend.head(states[None]).float()[0], descending=True)
            rank = torch.empty_like(order)
            rank[order] = torch.arange(len(order))
            lead = " " if swap.left else ""
            ranks_original.append(int(rank[lm.encode(lead + swap.original)[0]]))
            ranks_seen.append(int(rank[lm.encode(lead + swap.seen)[0]]))
            top = set(order[:LM_POOL].tolist())
            pool = {lemma for lemma in swap.two_links if lm.encode(lead + lemma)[0] in top}
            pool_sizes.append(len(pool))
            pool_hits += bool(pool & swap.originals)
    count = len(swaps)
    print()
    print("| the first piece among the model's next tokens, first | original | word seen |")
    print("|---|---|---|")
    for k in LM_RANKS:
        print(f"| {k} | {sum(r < k for r in ranks_original) / count:.3f} | {sum(r < k for r in ranks_seen) / count:.3f} |")
    print()
    print(f"Two links and a first piece among the model's first {LM_POOL}: {pool_hits / count:.3f} reached, "
          f"a median of {statistics.median(pool_sizes):.0f} lemmas.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=60)
    parser.add_argument("--dictionary", choices=sorted(DICTIONARIES), default="mythes")
    parser.add_argument("--rate", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--neural", action="store_true", help="also the language model's next-token ranks")
    args = parser.parse_args()
    swaps = swaps_of(Lexicon.load(), args.documents, DICTIONARIES[args.dictionary](), args.rate, args.seed)
    count = len(swaps)
    print(f"{count} one-word swaps, {args.dictionary} at {args.rate}, {args.documents} validation articles")
    print()
    print("| pool | original reached | median lemmas |")
    print("|---|---|---|")
    for name, pool in ((f"{WIDE_PER_READING} strongest per reading, every link", "wide"),
                       ("one link, every kind", "one_link"), ("two links", "two_links")):
        reached = sum(bool(getattr(s, pool) & s.originals) for s in swaps) / count
        print(f"| {name} | {reached:.3f} | {statistics.median(len(getattr(s, pool)) for s in swaps):.0f} |")
    if args.neural:
        neural_reach(swaps)


if __name__ == "__main__":
    main()
