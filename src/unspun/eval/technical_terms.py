"""Build the technical-term table: multi-word terms of science and engineering, mined from
the documentation of the scientific Python packages.

    python -m unspun.eval.technical_terms [--output src/unspun/data/technical-terms.txt.gz]

Tortured phrases hide scientific terms ("irregular woodland" for random forest, "profound
learning" for deep learning), and the term detector (:mod:`unspun.detect.terms`) can only
restore a window into a term it knows. WordNet's multi-word lemmas and the web bigrams of
``wordsegment`` know everyday English and few such terms; no installable package ships a
scientific term list. The docstrings and comments of numpy, scipy, scikit-learn, PyTorch,
transformers, SymPy, NetworkX, gensim and NLTK are a large body of prose written by scientists
and engineers about their methods: "random forest", "gradient descent", "hidden layer",
"confusion matrix" and "signal to noise" are all there.

What counts as a term: a run of two or three lower-case (or capitalised) words inside one
phrase of a docstring or comment (no punctuation between them; doctest lines skipped), with
content words at both ends and at least two content words (``terms._term_key``), written
in at least ``MIN_FILES`` files of at least ``MIN_PACKAGES`` of the packages: a term of
a field is used by more than one project, an identifier or a one-off phrase rarely is.
Those two bars were chosen from the table's size (about 110,000 terms) and by reading
samples of it; the tortured-phrase benchmark then measured what it adds (BENCHMARKS.md).

The table is written sorted, one term per line (its most common spelling), after a header
naming every package and version it was mined from; gzip without a timestamp, so the same
packages give the same bytes. The shipped table is data like the models: rebuild it with
this command when the packages change, then retrain the term model.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import importlib.util
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..detect.terms import TECHNICAL_TERMS_FILE, _term_key

# Import name -> distribution name.
PACKAGES = {
    "numpy": "numpy",
    "scipy": "scipy",
    "sklearn": "scikit-learn",
    "torch": "torch",
    "transformers": "transformers",
    "sympy": "sympy",
    "networkx": "networkx",
    "gensim": "gensim",
    "nltk": "nltk",
}
MIN_FILES = 3
MIN_PACKAGES = 2
SIZES = (2, 3)
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "data" / TECHNICAL_TERMS_FILE

_PROSE_RE = re.compile(r'"""(.*?)"""|\'\'\'(.*?)\'\'\'|#([^\n]*)', re.S)
_PHRASE_BREAK_RE = re.compile(r"[.,;:()\[\]{}!?`'\"=<>*/\\|@$%^&~+]+|\n\s*\n|\n\s*[-=]{3,}")
_WORD_RE = re.compile(r"[A-Za-z]+")


def prose_blocks(source: str) -> Iterator[str]:
    """The docstrings (any triple-quoted string) and comments of a Python file, doctest
    lines dropped."""
    for match in _PROSE_RE.finditer(source):
        block = match.group(1) or match.group(2) or match.group(3) or ""
        yield "\n".join(line for line in block.splitlines()
                        if not line.lstrip().startswith((">>>", "...")))


def phrase_terms(block: str) -> Iterator[tuple[tuple[str, ...], str]]:
    """(stem key, spelling) of every candidate term in a block of prose."""
    for phrase in _PHRASE_BREAK_RE.split(block):
        words = _WORD_RE.findall(phrase)
        for size in SIZES:
            for i in range(len(words) - size + 1):
                gram = words[i : i + size]
                if not all(len(w) > 1 and (w.islower() or w.istitle()) for w in gram):
                    continue
                lower = [w.lower() for w in gram]
                key = _term_key(lower)
                if key is not None:
                    yield key, " ".join(lower)


def package_folder(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _distribution_version(distribution: str) -> str:
    return importlib.metadata.version(distribution)


def mine(packages: dict[str, str]) -> tuple[list[str], list[str]]:
    """The terms (one spelling each, sorted) and the ``name==version`` of each package read."""
    files: Counter[tuple[str, ...]] = Counter()
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    spellings: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    read: list[str] = []
    for name, distribution in packages.items():
        folder = package_folder(name)
        if folder is None:
            print(f"  {name}: not installed, skipped", file=sys.stderr)
            continue
        read.append(f"{distribution}=={_distribution_version(distribution)}")
        count = 0
        for path in sorted(folder.rglob("*.py")):
            source = path.read_text("utf-8", errors="ignore")
            seen: set[tuple[str, ...]] = set()
            for block in prose_blocks(source):
                for key, spelling in phrase_terms(block):
                    seen.add(key)
                    spellings[key][spelling] += 1
            for key in seen:
                files[key] += 1
                owners[key].add(name)
            count += 1
        print(f"  {name}: {count} files", file=sys.stderr)
    terms = sorted(
        min(spellings[key].items(), key=lambda item: (-item[1], item[0]))[0]
        for key, n in files.items() if n >= MIN_FILES and len(owners[key]) >= MIN_PACKAGES
    )
    return terms, read


def write_table(path: Path, terms: Sequence[str], packages: Sequence[str]) -> None:
    header = [f"# unspun technical terms: mined by python -m unspun.eval.technical_terms from {' '.join(packages)}",
              f"# a term: 2-3 words in at least {MIN_FILES} files of at least {MIN_PACKAGES} packages"]
    data = "\n".join([*header, *terms]).encode("utf-8") + b"\n"
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed:
        packed.write(data)
    tmp.replace(path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m unspun.eval.technical_terms", description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    terms, packages = mine(PACKAGES)
    if not packages:
        print("none of the packages is installed: pip install -e '.[dev,deep]'", file=sys.stderr)
        return 2
    write_table(args.output, terms, packages)
    print(f"wrote {len(terms):,} terms to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
