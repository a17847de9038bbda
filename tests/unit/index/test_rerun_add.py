"""Rerunning an add: documents identical to the stored ones cost a lookup, not their keys."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from unspun.index import Index
from unspun.index._storage import Entry

from ._texts import make_documents


def test_a_rerun_keys_only_the_documents_that_changed(index_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    documents = make_documents(40)
    with Index.create(index_path) as index:
        index.add(documents, batch_size=15)
        keyed: list[str] = []
        keys_of = index._keys_of
        monkeypatch.setattr(index, "_keys_of", lambda text: keyed.append(text) or keys_of(text))
        changed = dataclasses.replace(documents[7], text=documents[7].text + " A new last sentence.")
        result = index.add([*documents[:7], changed, *documents[8:]], batch_size=15)
        assert (result.added, result.replaced, result.unchanged) == (0, 1, 39)
        # The changed document is keyed, and its stored text once more to drop its postings.
        assert keyed == [changed.text, documents[7].text]
        assert index.check() == []
        assert index.candidates(changed.text, 1)[0].id == changed.id


def test_an_entry_without_keys_is_keyed_when_the_stored_document_changed_meanwhile(index_path: Path) -> None:
    # Index.add found the document identical to the stored one and left its keys out; another
    # writer replaced the stored one before this batch was written: the storage keys it.
    first, second = make_documents(2)
    with Index.create(index_path) as index:
        index.add([dataclasses.replace(first, text=second.text)])
        outcome = index.storage.write_batch([Entry(first, None)], index._keys_of)
        assert (outcome.added, outcome.replaced, outcome.unchanged) == (0, 1, 0)
        assert index.check() == []
        assert index.candidates(first.text, 1)[0].id == first.id
        other = dataclasses.replace(second, id="new")
        assert index.storage.write_batch([Entry(other, None)], index._keys_of).added == 1
        assert index.candidates(second.text, 1)[0].id == "new"
        assert index.check() == []
