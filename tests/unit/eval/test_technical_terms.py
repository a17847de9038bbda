"""The technical-term table: what the miner counts as a term, and the shipped table."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from unspun.detect.known_phrases import stem_key
from unspun.detect.terms import TermRestorer, _technical_terms
from unspun.eval import technical_terms
from unspun.eval.technical_terms import mine, phrase_terms, prose_blocks, write_table
from unspun.lexicon import Lexicon

SOURCE = '''"""Fit a random forest.

>>> model = random_forest(hidden_layer=3)  # doctest lines are code, not prose
"""
x = "random forest"  # a single-quoted string is code: only triple quotes and comments count
# The gradient descent step, with a learning rate.
'''


def test_prose_is_docstrings_and_comments_without_doctest_lines() -> None:
    blocks = list(prose_blocks(SOURCE))
    assert blocks[0].strip() == "Fit a random forest."
    assert "hidden" not in " ".join(blocks)
    assert any("gradient descent" in block for block in blocks)


def test_terms_stop_at_punctuation_and_need_content_words_at_both_ends() -> None:
    spellings = {spelling for _, spelling in phrase_terms("Use gradient descent. Forest, random: the tree")}
    assert "gradient descent" in spellings
    assert "descent forest" not in spellings  # a full stop between them
    assert "forest random" not in spellings  # a comma between them
    assert not any(s.startswith("the ") or s.endswith(" the") for s in spellings)


def test_a_term_must_be_written_in_enough_files_of_enough_packages(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def package(name: str, files: dict[str, str]) -> None:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "__init__.py").write_text("")
        for file, text in files.items():
            (folder / file).write_text(text)

    shared = '"""Uses gradient descent."""\n'
    package("alpha", {"a.py": shared, "b.py": shared, "c.py": '"""Only here: hidden layer, hidden layer."""\n'})
    package("beta", {"a.py": shared, "b.py": '"""hidden layer"""\n'})
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(technical_terms, "_distribution_version", lambda name: "1.0")
    terms, read = mine({"alpha": "alpha", "beta": "beta", "absent": "absent"})
    # "uses gradient descent" is in 4 files of 2 packages; "hidden layer" in 2 files only.
    assert terms == ["gradient descent", "uses gradient", "uses gradient descent"]
    assert read == ["alpha==1.0", "beta==1.0"]


def test_the_table_is_written_the_same_every_time(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt.gz", tmp_path / "b.txt.gz"
    write_table(first, ["gradient descent", "random forest"], ["numpy==1"])
    write_table(second, ["gradient descent", "random forest"], ["numpy==1"])
    assert first.read_bytes() == second.read_bytes()
    lines = gzip.decompress(first.read_bytes()).decode().splitlines()
    assert lines[0].startswith("# ") and "numpy==1" in lines[0]
    assert lines[-2:] == ["gradient descent", "random forest"]


def test_the_shipped_table_knows_terms_of_the_field_and_restores_into_them() -> None:
    table = _technical_terms()
    for term in ("gradient descent", "hidden layer", "confusion matrix"):
        assert tuple(stem_key(w) for w in term.split()) in table
    # "hidden layer" is no WordNet lemma nor a frequent web bigram: only the table knows it.
    restorer = TermRestorer([], Lexicon.load())
    assert restorer.known.sources(tuple(stem_key(w) for w in ("hidden", "layer")))[3]
