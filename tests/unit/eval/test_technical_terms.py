"""The technical-term table: what the miner reads, what it counts as a term, the shipped table."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from unspun.detect.known_phrases import stem_key
from unspun.detect.terms import TermRestorer, shipped_term_model, technical_terms
from unspun.eval import technical_terms as miner
from unspun.eval.technical_terms import mine, phrase_terms, prose_blocks, write_table
from unspun.lexicon import Lexicon

SOURCE = '''"""Fit a random forest.

>>> model = fit(hidden_layer=3)  # doctest lines are code, not prose

Example::

    tree_depth = deep_search(x)

Back to prose.
"""
x = "marginal likelihood"  # a string is code: only docstrings and comments are prose
y = "# not a comment either"
# The gradient descent step.
'''


def key(term: str) -> tuple[str, ...]:
    return tuple(stem_key(word) for word in term.split())


def test_prose_is_docstrings_and_comments_without_the_code_in_them() -> None:
    blocks = list(prose_blocks(SOURCE))
    text = " ".join(blocks)
    assert "Fit a random forest." in text and "Back to prose." in text
    assert "hidden" not in text and "deep_search" not in text  # doctest line, literal block
    assert "marginal" not in text and "not a comment" not in text
    assert "The gradient descent step." in blocks
    assert list(prose_blocks("def broken(:\n")) == []  # a file that does not parse: nothing


def test_terms_stop_at_punctuation_identifiers_and_indentation() -> None:
    spellings = {spelling for _, spelling in phrase_terms(
        "Use gradient descent. Forest, random: the tree of life with hidden_layer sizes\n"
        "random_state : int\n    Random seed of the sampler")}
    assert {"gradient descent", "tree of life"} <= spellings
    assert "descent forest" not in spellings  # a full stop between them
    assert "forest random" not in spellings  # a comma between them
    assert not any("layer" in s for s in spellings)  # an identifier breaks the run
    assert "int random seed" not in spellings and "random seed" in spellings  # the indent changes
    assert not any(s.startswith("the ") or s.endswith(" of") for s in spellings)


def test_a_term_must_be_written_in_enough_files_of_enough_packages(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def package(name: str, files: dict[str, str]) -> None:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "__init__.py").write_text("")
        for file, text in files.items():
            (folder / file).write_text(text)

    package("alpha", {
        "a.py": '"""Uses gradient descent."""\n', "b.py": '"""Uses gradient descent again."""\n',
        "c.py": '"""Only alpha: hidden layer."""\n', "d.py": '"""Again a hidden layer."""\n',
        "e.py": '"""And one more hidden layer."""\n',
    })
    package("beta", {"a.py": '"""Gradient descent, once more."""\n', "b.py": '"""gradient descent"""\n',
                     "c.py": '"""Uses gradient descent."""\n'})  # the same file as alpha/a.py: counted once
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(miner, "installed_version", lambda name, missing="missing": "1.0")
    mined = mine({"alpha": "alpha", "beta": "beta", "absent": "absent"})
    # "gradient descent": 4 distinct files of 2 packages; "hidden layer": 3 files, alpha only.
    assert mined.terms == ["gradient descent"]
    assert mined.packages == ["alpha==1.0", "beta==1.0"]


def test_the_table_is_written_the_same_every_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a.txt.gz", tmp_path / "b.txt.gz"
    write_table(first, ["gradient descent", "random forest"], ["numpy==1"])
    monkeypatch.setattr("time.time", lambda: 2_000_000_000.0)  # a later clock: the same bytes
    write_table(second, ["gradient descent", "random forest"], ["numpy==1"])
    assert first.read_bytes() == second.read_bytes()
    lines = gzip.decompress(first.read_bytes()).decode().splitlines()
    assert lines[0].startswith("# ") and "numpy==1" in lines[0]
    assert lines[-2:] == ["gradient descent", "random forest"]


def test_the_shipped_table_knows_terms_of_the_field_and_restores_into_them() -> None:
    table = technical_terms()
    for term in ("gradient descent", "hidden layer", "confusion matrix"):
        assert key(term) in table
    # Only the table knows "hidden layer": not a WordNet lemma nor a frequent web bigram.
    restorer = TermRestorer([], Lexicon.load())
    assert restorer.known.sources(key("hidden layer")) == (False, False, False, True, False)
    restorations = {r.text: r.features for r in restorer.restorations(["concealed", "layer"])}
    assert restorations["hidden layer"]["r_technical"] == 1.0


def test_the_shipped_term_model_learned_with_the_shipped_table() -> None:
    model = shipped_term_model()
    assert model is not None
    assert model.trained_on["technical_terms"] == len(technical_terms())
