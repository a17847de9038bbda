"""Originals are keyed as a person reads them (skeleton rules v2), and indexes of v1 still work.

An original copied from a PDF carries ligatures and soft hyphens; one from a disguising tool
carries zero-width characters and look-alike letters inside names; one from a wire archive
may be written in capitals, or a site may keep it in title case. Its copies in ordinary case
must share its keys all the same.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from unspun.index import SKELETON_VERSION, Index, IndexParams, signature_keys
from unspun.index._index import CASE_CHECK_SHARE, _capitals_share

from ._texts import make_documents, make_text, spin

_CAPITALISED_RE = re.compile(r"\b([A-Z])([a-z]{2,})")


def _disguised(text: str) -> str:
    """``text`` as a PDF and a disguising tool leave it: a zero-width space after the first
    letter of every capitalised word (names are the skeleton's), a soft hyphen inside "the",
    a Cyrillic "а" for the Latin one in "Mbeki", the "fi" ligature."""
    text = _CAPITALISED_RE.sub("\\1\u200b\\2", text)
    text = text.replace(" the ", " th\u00ade ").replace("Mb\u200beki", "Mb\u200bek\u0456").replace("fi", "\ufb01")
    return text


def test_a_disguised_text_has_the_keys_of_its_plain_text() -> None:
    plain = make_text(3)
    disguised = _disguised(plain)
    assert disguised != plain
    assert signature_keys(disguised, IndexParams()) == signature_keys(plain, IndexParams())
    # Read as given (the rules of v1), the disguise does reach the skeleton.
    first_rules = IndexParams(skeleton_version=1)
    assert signature_keys(disguised, first_rules) != signature_keys(plain, first_rules)


def test_a_plain_copy_finds_its_disguised_original(index_path: Path) -> None:
    documents = make_documents(30)
    documents[7] = dataclasses.replace(documents[7], text=_disguised(documents[7].text))
    with Index.create(index_path) as index:
        assert index.params.skeleton_version == SKELETON_VERSION == 3
        index.add(documents)
        plain = make_text(7)
        for copy in (plain, spin(plain, 0.3, seed=1)):
            best = index.candidates(copy, 1)[0]
            assert best.id == "doc-00007"
            assert best.score > 0.5


def test_an_index_of_the_first_rules_opens_adds_and_removes_by_them(index_path: Path) -> None:
    documents = make_documents(10)
    disguised = dataclasses.replace(documents[4], text=_disguised(documents[4].text))
    with Index.create(index_path, IndexParams(skeleton_version=1)) as index:
        index.add([*documents[:4], disguised, *documents[5:]])
    with Index.open(index_path) as index:
        assert index.params.skeleton_version == 1
        assert index.candidates(disguised.text, 1)[0].id == "doc-00004"
        # Removing recomputes the keys of the stored text: by the index's own rules, or
        # postings of the disguised words would be left behind.
        assert index.remove("doc-00004") is True
        index.add(make_documents(2, start=10))
        assert len(index) == 11
        assert index.check() == []


def _in_title_case(text: str) -> str:
    return re.sub(r"(?<![\w'])([a-z])", lambda match: match.group(1).upper(), text)


def test_an_original_in_capitals_or_title_case_is_found_from_its_copies(index_path: Path) -> None:
    documents = make_documents(30)
    documents[5] = dataclasses.replace(documents[5], text=documents[5].text.upper())
    documents[9] = dataclasses.replace(documents[9], text=_in_title_case(documents[9].text))
    assert _capitals_share(documents[5].text) == 1.0
    assert _capitals_share(documents[9].text) >= CASE_CHECK_SHARE > _capitals_share(make_text(9))
    with Index.create(index_path) as index:
        index.add(documents)
        for number in (5, 9):
            plain = make_text(number)
            for copy in (plain, spin(plain, 0.3, seed=2)):
                assert index.candidates(copy, 1)[0].id == f"doc-{number:05d}"
        # Removing recomputes the keys from the stored text as it was keyed: no postings left.
        assert index.remove("doc-00005") and index.remove("doc-00009")
        assert index.check() == []


def test_an_original_in_capitals_under_the_first_rules_is_keyed_as_written(index_path: Path) -> None:
    documents = make_documents(30)
    documents[5] = dataclasses.replace(documents[5], text=documents[5].text.upper())
    with Index.create(index_path, IndexParams(skeleton_version=1)) as index:
        index.add(documents)
        # Every word of it is a name to the skeleton: its copy in ordinary case shares too little.
        assert all(candidate.id != "doc-00005" for candidate in index.candidates(make_text(5), 3))
        assert index.candidates(documents[5].text, 1)[0].id == "doc-00005"


def test_a_word_broken_at_a_line_end_keys_as_the_whole_word() -> None:
    plain = "Ms Novak said on Monday that the port of Ghent would, between May and June, close."
    broken = plain.replace("Novak ", "No-\nvak ").replace("between ", "be-\n tween ")
    assert signature_keys(broken, IndexParams(sample_mod=1)) == signature_keys(plain, IndexParams(sample_mod=1))
    # The reading's own pattern: the typographic hyphen (U+2010) breaks a word as "-" does.
    typeset = plain.replace("between ", "be\u2010\ntween ")
    assert signature_keys(typeset, IndexParams(sample_mod=1)) == signature_keys(plain, IndexParams(sample_mod=1))
    first_rules = IndexParams(sample_mod=1, skeleton_version=1)
    assert signature_keys(broken, first_rules) != signature_keys(plain, first_rules)
    # A capital after the break starts another word: "Anglo-\nSaxon" stays two.
    named = "The Anglo-\nSaxon kings of the north were at war with them in the spring."
    assert signature_keys(named, IndexParams(sample_mod=1)) != signature_keys(
        named.replace("-\n", ""), IndexParams(sample_mod=1))


def test_decomposed_accents_have_the_keys_of_composed_ones() -> None:
    # Rules 3: a copy with "cafe" and U+0301 (macOS, PDF extractors) kept other keys for every
    # accented name than an original with "café"; a short one was not found at all.
    import unicodedata

    text = ("The café near the Zürich opera reopened on Tuesday, José Núñez said, and visitors from "
            "São Paulo and Kraków queued in the cold on Monday to see the façade of Müller's hall.")
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    assert signature_keys(decomposed, IndexParams(sample_mod=1)) == signature_keys(text, IndexParams(sample_mod=1))
    second_rules = IndexParams(sample_mod=1, skeleton_version=2)
    assert signature_keys(decomposed, second_rules) != signature_keys(text, second_rules)
