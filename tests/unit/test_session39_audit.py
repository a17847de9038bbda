"""Session 39 audit: confirmed bugs in `unspun index export` and skeleton rules 2's hyphen join.

Each test failed on the code as audited (da02151), by a helper."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from unspun.cli import main
from unspun.index import Index, IndexParams
from unspun.index._signatures import keys_of_reading
from unspun.ingest.jsonl import exported_record, read_jsonl_stream
from unspun.models import Document

ARTICLE = ("The harbour authority said on Monday that it would open a second quay in May, and that ships "
           "from Norway would use it first, according to its chief, who spoke in Leeds.")


def _read_back(document: Document) -> list[Document]:
    """``document`` written as `unspun index export` writes it, then read by the JSONL reader."""
    line = json.dumps(exported_record(document), ensure_ascii=False) + "\n"
    return list(read_jsonl_stream(io.BytesIO(line.encode("utf-8")), "export.jsonl"))


# -- index export: the round trip is not "unchanged" ---------------------------------------


def test_export_round_trip_of_documents_read_from_text_and_html_files_is_unchanged(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # docs/status.md: "what `unspun index add` reads (a round trip is "unchanged")". A document
    # added from a .txt, .html or WARC file is stored with source "text"/"html"/"warc"; the
    # export leaves the source out and the JSONL reader sets "jsonl": every such document comes
    # back "replaced", its source silently changed.
    (tmp_path / "a.txt").write_text(ARTICLE + "\n", encoding="utf-8")
    (tmp_path / "b.html").write_text(
        "<html><head><title>Quay</title></head><body><article><p>" + ARTICLE.replace("Leeds", "Hull")
        + "</p><p>The quay cost more than planned, the council said in a statement on its website.</p>"
        "</article></body></html>", encoding="utf-8")
    index = tmp_path / "index.db"
    dump = tmp_path / "export.jsonl"
    assert main(["index", "add", "--index", str(index), str(tmp_path / "a.txt"), str(tmp_path / "b.html"),
                 "--no-progress"]) == 0
    with Index.open(index, readonly=True) as opened:
        before = {doc_id: opened.get(doc_id) for doc_id in opened.ids()}
    assert main(["index", "export", "--index", str(index), "-o", str(dump)]) == 0
    capsys.readouterr()
    assert main(["index", "add", "--index", str(index), str(dump), "--no-progress"]) == 0
    assert "0 added, 0 replaced, 2 unchanged" in capsys.readouterr().err
    with Index.open(index, readonly=True) as opened:
        assert {doc_id: opened.get(doc_id) for doc_id in opened.ids()} == before


def test_export_round_trip_keeps_a_meta_field_named_html() -> None:
    # Index.add stores any meta (Python API); export_record writes {**meta, id, title, text}
    # and the JSONL reader drops "html" from meta when "text" is there: lost without a word.
    document = Document("page-1", "Quay", ARTICLE, "jsonl", {"html": "<p>the page as fetched</p>", "lang": "en"})
    assert _read_back(document) == [document]


def test_export_round_trip_keeps_a_stored_text_s_surrounding_whitespace() -> None:
    # Index.add stores a text as given (Python API); the JSONL reader strips it: the re-added
    # document is "replaced" with another text, and every stored offset into it moves.
    document = Document("page-2", "", "\n  " + ARTICLE + "\n", "jsonl", {})
    assert _read_back(document) == [document]


# -- skeleton rules 2: a line-end hyphen before a capital that is not ASCII ----------------


@pytest.mark.parametrize("broken, whole", [("Marie-\nÉlise", "Marie-Élise"), ("Anne-\nÖzdemir", "Anne-Özdemir")])
def test_a_name_broken_at_its_own_hyphen_before_a_non_ascii_capital_keeps_the_keys_of_its_reflowed_copy(
        broken: str, whole: str) -> None:
    # keys_of_reading joins a hyphen break "before a small letter"; _HYPHEN_BREAK_RE's
    # lookahead [^\W\d_A-Z] only excludes ASCII capitals, so "Marie-\nÉlise" is read as one
    # name "MarieÉlise" while "Marie-\nElise" keeps the keys of "Marie-Elise".
    template = ("The council met on Monday and {name} told the meeting that the harbour would open in May, "
                "and that {name} would lead the work with the port authority of the city. ") * 3
    params = IndexParams()
    ascii_broken = keys_of_reading(template.format(name="Marie-\nElise"), params)
    assert ascii_broken == keys_of_reading(template.format(name="Marie-Elise"), params)
    assert keys_of_reading(template.format(name=broken), params) == keys_of_reading(
        template.format(name=whole), params)
