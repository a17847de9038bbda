"""How much of a spinner's work deep mode can find at most: the share of true edits its
selection of candidates reaches, before any neural judgement.

    .venv/bin/python benchmarks/deep_selection_ceiling.py [--documents 100]

Deep mode gives neural evidence only to the fast path's swap and filler candidates with a
fast confidence of at least ``deep.SELECT_CONFIDENCE`` (every one in a short text), at most
``deep.MAX_CANDIDATES`` per text, the most confident first (``deep.selected``); a true edit no
selected candidate overlaps cannot become a deep finding. Printed, for train-half articles
from 800 on (seed-0 shuffle; no fast span model learned from them) spun with the foreign
dictionary (MyThes) at rate 0.2, as articles and cut into 1,000-word pages (the page the
time target is set for): the share of true edits (synonyms, multi-word swaps, filler)
overlapped by a candidate with options, by one passing the bar, and by one kept under the
cap, with the cap at its value and at larger ones (what more neural scoring would buy).
A second table, for the articles, says how many options the neural model must read: for
the candidates over exactly one true swap, by their rank in the selection, how often the
swap's original is among the fast path's first 1, 3 and ``TOP_OPTIONS`` options (deep mode
reads ``TOP_OPTIONS`` for its ``FULL_CANDIDATES`` most suspicious candidates,
``REDUCED_OPTIONS`` for the rest). Fast path only: about a minute.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from unspun.detect import deep
from unspun.detect.candidates import Candidate
from unspun.detect.engine import Analysis, Engine
from unspun.detect.neural import TOP_OPTIONS
from unspun.eval.bench_detect import thousand_word_pages
from unspun.eval.corpus import shuffled_train
from unspun.eval.spinner import Edit, Spinner
from unspun.eval.thesauri import MyThesSource
from unspun.eval.train import label

FIRST_UNSEEN = 800
CAPS = (70, 100, deep.MAX_CANDIDATES, 200)
RANK_TIERS = ((0, deep.FULL_CANDIDATES), (deep.FULL_CANDIDATES, deep.MAX_CANDIDATES), (deep.MAX_CANDIDATES, 200))
OPTIONS_READ = (1, deep.REDUCED_OPTIONS, TOP_OPTIONS)
EDIT_KINDS = frozenset({"synonym", "multiword", "filler"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    args = parser.parse_args()
    engine = Engine.default()
    originals = [d.text for d in shuffled_train(FIRST_UNSEEN, args.documents)]
    spinner = Spinner(MyThesSource(), rate=0.2, seed=1)
    copies = [spinner.spin(text) for text in originals]
    print(f"| texts | true edits | with a candidate | passing the bar ({deep.SELECT_CONFIDENCE}) | "
          + " | ".join(f"under a cap of {cap}" for cap in CAPS) + " | texts over the cap |")
    print("|---|---|---|---|" + "---|" * len(CAPS) + "---|")
    page_spinner = Spinner(MyThesSource(), rate=0.2, seed=1)
    pages = [page_spinner.spin(page) for page in thousand_word_pages(originals, limit=len(originals))]
    # Each text analysed once: both tables read the same analyses of the articles.
    analysed = {name: [(engine.analyse(s.text), s.edits) for s in spun]
                for name, spun in (("articles", copies), ("1,000-word pages", pages))}
    for name, texts in analysed.items():
        row = ceiling(texts)
        print(f"| {len(texts)} {name} | {row['edits']} | {row['candidate']:.3f} | {row['bar']:.3f} | "
              + " | ".join(f"{row[cap]:.3f}" for cap in CAPS) + f" | {row['over']} |")
    print("\n| selection rank | candidates | over exactly one true edit | original among the first "
          + " / ".join(str(k) for k in OPTIONS_READ) + " options |")
    print("|---|---|---|---|")
    for (first, last), (candidates, swaps, shares) in zip(RANK_TIERS, option_ranks(analysed["articles"]), strict=True):
        print(f"| {first + 1}-{last} | {candidates} | {swaps} | " + " / ".join(f"{share:.3f}" for share in shares) + " |")


def ceiling(texts: Sequence[tuple[Analysis, Sequence[Edit]]]) -> dict[str, float]:
    """Shares of the true edits of the analysed ``texts`` that candidates reach, at each stage
    of deep mode's selection (see the module docstring)."""
    found = {"candidate": 0, "bar": 0, **{cap: 0 for cap in CAPS}}
    edits = over = 0
    for analysis, true_edits in texts:
        pool = [c for c in analysis.candidates if c.kind in deep.NEURAL_KINDS and c.options]
        passing = deep.selected(analysis.candidates, len(analysis.context.words), limit=None)
        over += len(passing) > deep.MAX_CANDIDATES
        stages: dict[str | int, list[Candidate]] = {"candidate": pool, "bar": passing}
        stages.update({cap: passing[:cap] for cap in CAPS})
        for edit in true_edits:
            if edit.kind not in EDIT_KINDS:
                continue
            edits += 1
            for stage, chosen in stages.items():
                found[stage] += any(c.start < edit.end and edit.start < c.end for c in chosen)
    return {"edits": edits, "over": over, **{k: v / max(1, edits) for k, v in found.items()}}


def option_ranks(texts: Sequence[tuple[Analysis, Sequence[Edit]]]) -> list[tuple[int, int, list[float]]]:
    """Per tier of ``RANK_TIERS``: the selected candidates, those exactly over one true swap
    (its original known), and the share of these whose original is among the first k options
    for each k of ``OPTIONS_READ``."""
    selections = [(deep.selected(a.candidates, len(a.context.words), limit=None), edits) for a, edits in texts]
    rows = []
    for first, last in RANK_TIERS:
        candidates, swaps, hits = 0, 0, [0] * len(OPTIONS_READ)
        for chosen, edits in selections:
            tier = chosen[first:last]
            candidates += len(tier)
            _, originals = label(tier, edits)
            for candidate, original in zip(tier, originals, strict=True):
                if original is None:
                    continue
                swaps += 1
                texts_read = [option.text.lower() for option in candidate.options]
                hits = [hit + (original in texts_read[:read]) for hit, read in zip(hits, OPTIONS_READ, strict=True)]
        rows.append((candidates, swaps, [hit / max(1, swaps) for hit in hits]))
    return rows


if __name__ == "__main__":
    main()
