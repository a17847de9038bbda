"""Build the technical-term table: runs of two or three words that the documentation of
the scientific Python packages writes again and again, a known-term source for tortured terms.

    python -m unspun.eval.technical_terms [--output PATH]

Tortured phrases hide scientific terms ("irregular woodland" for random forest, "profound
learning" for deep learning), and the term detector (:mod:`unspun.detect.terms`) can only
restore a window into a term it knows. WordNet's multi-word lemmas and the web bigrams of
``wordsegment`` know everyday English and few such terms; no installable package ships a
scientific term list. The docstrings and comments of numpy, scipy, scikit-learn, PyTorch,
transformers, SymPy, NetworkX, gensim and NLTK are a large body of prose written by
scientists and engineers about their methods: "gradient descent", "hidden layer",
"confusion matrix", "naive bayes" and "support vector machine" are there.

What is read: the docstrings of modules, classes and functions (through ``ast``) and the
comments (through ``tokenize``) of every Python file of the packages, each file once (a
vendored copy of another package's file counts once; ``externals`` and ``_vendor`` folders
are skipped), without the code inside them: doctest lines, fenced blocks and reST literal
blocks (after ``::``).

What counts as a term: a run of two or three words inside one phrase of that prose (no
punctuation between them, nor a line break where the indentation changes: numpydoc's
``name : type`` lines are not their descriptions), every word alphabetic, lower-case or
capitalised (an identifier or a number breaks the run: "hidden_layer_sizes" is no
"hidden layer sizes"), none of them code (``CODE_WORDS``), content words at both ends and
at least two content words (``terms.term_key``), written in at least ``MIN_FILES`` files of
at least ``MIN_PACKAGES`` of the packages: a term of a field is used by more than one
project, a one-off phrase rarely is. The bars were set from the table's size and by reading
samples of it; with an earlier version of the miner, stricter and looser bars (5 files; 2
files of 1 package) were tried on 1,000 of the list's phrases and did the same within noise.
Most of what passes is frequent phrasing of technical prose ("default
value", "input array"), not terms of a field; the terms are a minority, and the term model
learns how far to trust a restoration into this table (``r_technical``).
"random forest" is not in it: scikit-learn alone writes it.

The table is written sorted, one term per line (its most common spelling), after a header
naming every package and version it was mined from; gzip without a timestamp, so the same
packages give the same bytes. It is data like the models: rebuild it with this command
when the packages change, then retrain the term model (``python -m
unspun.eval.train_terms``, which records the table's size in the model).
"""

from __future__ import annotations

import argparse
import ast
import gzip
import hashlib
import io
import re
import sys
import tokenize
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from .._files import replaced_atomically
from .._packages import installed_version, package_folder
from ..detect.context import FUNCTION_WORDS
from ..detect.term_sources import TECHNICAL_TERMS_FILE, term_key

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
VENDORED = frozenset({"externals", "_vendor", "vendor", "_vendored", "third_party", "_external"})
# Words of code that docstrings and comments use as words: a run holding one is code.
CODE_WORDS = frozenset({
    "def", "elif", "lambda", "self", "cls", "kwargs", "args", "len", "str", "int", "bool", "dict",
    "tuple", "isinstance", "none", "idx", "dtype", "todo", "fixme", "noqa", "pragma", "http",
    "https", "www", "py", "np", "params", "param", "func", "init", "repr", "config", "kwarg",
})
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "data" / TECHNICAL_TERMS_FILE

_PHRASE_BREAK_RE = re.compile(r"""[.,;:()\[\]{}!?`'"=<>*/\\|@$%^&~+#]+""")
_TOKEN_RE = re.compile(r"[A-Za-z0-9_]+")
_FENCE = "```"


class Mined(NamedTuple):
    terms: list[str]  # one spelling each, sorted
    packages: list[str]  # name==version of each package read


def prose_blocks(source: str) -> Iterator[str]:
    """The docstrings and comments of a Python file, the code inside them dropped. A file
    that does not parse (a template, Python 2) gives none."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            docstring = ast.get_docstring(node, clean=True)
            if docstring:
                yield without_code(docstring)
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                yield token.string.lstrip("#").strip()
    except (tokenize.TokenError, SyntaxError):
        return


def without_code(docstring: str) -> str:
    """A docstring without doctest lines, fenced blocks and reST literal blocks."""
    kept: list[str] = []
    fenced = False
    literal_indent: int | None = None  # inside a literal block: the indent of the line before it
    for line in docstring.splitlines():
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if stripped.startswith(_FENCE):
            fenced = not fenced
            continue
        if literal_indent is not None:
            if not stripped or indent > literal_indent:
                continue
            literal_indent = None
        if fenced or stripped.startswith((">>>", "...")):
            continue
        if stripped.endswith("::"):
            literal_indent = indent
        kept.append(line)
    return "\n".join(kept)


def phrases(block: str) -> Iterator[str]:
    """The phrases of a block of prose: split at punctuation, blank lines and lines whose
    indentation differs from the line before."""
    paragraph: list[str] = []
    previous_indent = -1
    for line in block.splitlines():
        indent = len(line) - len(line.lstrip())
        if not line.strip() or indent != previous_indent:
            yield from _PHRASE_BREAK_RE.split(" ".join(paragraph))
            paragraph = []
        if line.strip():
            paragraph.append(line.strip())
        previous_indent = indent
    yield from _PHRASE_BREAK_RE.split(" ".join(paragraph))


def phrase_terms(block: str) -> Iterator[tuple[tuple[str, ...], str]]:
    """(stem key, spelling) of every candidate term in a block of prose."""
    for phrase in phrases(block):
        run: list[str] = []
        for token in [*_TOKEN_RE.findall(phrase), "_"]:  # the sentinel ends the last run
            if token.isalpha() and len(token) > 1 and (token.islower() or token.istitle()) \
                    and token.lower() not in CODE_WORDS:
                run.append(token.lower())
                continue
            yield from _run_terms(run)
            run = []


def _run_terms(words: list[str]) -> Iterator[tuple[tuple[str, ...], str]]:
    for size in SIZES:
        for i in range(len(words) - size + 1):
            gram = words[i : i + size]
            if gram[0] in FUNCTION_WORDS or gram[-1] in FUNCTION_WORDS:
                continue  # "set of", "the model": no term
            key = term_key(gram)
            if key is not None:
                yield key, " ".join(gram)


def mine(packages: dict[str, str]) -> Mined:
    """The terms of the packages' prose (see the module docstring)."""
    files: Counter[tuple[str, ...]] = Counter()
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    spellings: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    read: list[str] = []
    seen_files: set[bytes] = set()
    for name, distribution in packages.items():
        folder = package_folder(name)
        if folder is None:
            print(f"  {name}: not installed, skipped", file=sys.stderr)
            continue
        read.append(f"{distribution}=={installed_version(distribution, missing='unknown')}")
        count = 0
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(folder).parts
            if any(part in VENDORED or part.startswith("array_api_") for part in parts):
                continue
            data = path.read_bytes()
            digest = hashlib.sha1(data).digest()
            if digest in seen_files:  # the same file shipped again (vendored): once
                continue
            seen_files.add(digest)
            keys: set[tuple[str, ...]] = set()
            for block in prose_blocks(data.decode("utf-8", errors="ignore")):
                for key, spelling in phrase_terms(block):
                    keys.add(key)
                    spellings[key][spelling] += 1
            for key in keys:
                files[key] += 1
                owners[key].add(name)
            count += 1
        print(f"  {name}: {count} files", file=sys.stderr)
    terms = sorted(
        min(spellings[key].items(), key=lambda item: (-item[1], item[0]))[0]
        for key, n in files.items() if n >= MIN_FILES and len(owners[key]) >= MIN_PACKAGES
    )
    return Mined(terms, read)


def write_table(path: Path, terms: Sequence[str], packages: Sequence[str]) -> None:
    write_gzip_table(path, terms, [
        f"# unspun technical terms: mined by python -m unspun.eval.technical_terms from {' '.join(packages)}",
        f"# a term: 2-3 words in at least {MIN_FILES} files of at least {MIN_PACKAGES} packages"])


def write_gzip_table(path: Path, terms: Sequence[str], header: Sequence[str]) -> None:
    """A term table: ``header`` lines ("# ..."), then one term per line, gzipped without a
    timestamp (the same terms give the same bytes), replacing ``path`` atomically."""
    data = "\n".join([*header, *terms]).encode("utf-8") + b"\n"
    with replaced_atomically(path) as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed:
        packed.write(data)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m unspun.eval.technical_terms",
                                     description="Build the technical-term table the term detector reads.")
    parser.add_argument("--output", type=Path, help=f"where to write it (default: {DEFAULT_OUTPUT})")
    args = parser.parse_args(argv)
    missing = [name for name in PACKAGES if package_folder(name) is None]
    if missing and args.output is None:
        # A table from some of the packages would silently replace the shipped one.
        print(f"not installed: {', '.join(missing)}; install them (pip install -e '.[dev,deep]') "
              "or write elsewhere with --output", file=sys.stderr)
        return 2
    mined = mine(PACKAGES)
    output = args.output or DEFAULT_OUTPUT
    write_table(output, mined.terms, mined.packages)
    print(f"wrote {len(mined.terms):,} terms to {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
