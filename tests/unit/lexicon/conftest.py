"""Fixtures of the lexicon tests.

The full lexicon is the installation's own cache (``Lexicon.load()``: ``$UNSPUN_CACHE`` or
``~/.cache/unspun``), the one the doctests use too: it is built once per machine and version
(about 8 s) and then loads in 0.1 s, so a test run pays for at most one full build. Tests of
building, versions and damage use tiny WordNet and Moby files written here, which build in
milliseconds; one slow test rebuilds the full lexicon and compares it byte for byte.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from unspun.lexicon import Lexicon, _build

LICENCE = "  1 This software and database is being provided to you, the LICENSEE, by\r\n"
# Princeton data-file lines: offset, lexicographer file, type, word count (hex), words with
# lex ids, pointer count, pointers (symbol, offset, pos, source/target words in hex), gloss.
WORDNET = {
    "data.noun": [
        "00000010 06 n 02 leak 0 leakage 0 000 | an accidental hole that allows something to escape",
        "00000020 10 n 03 document 0 papers 0 Paris 0 000 | writing that provides information",
        "00000030 10 n 02 random_forest 0 a_b_c_d 0 000 | a learner (capitals and long phrases are dropped)",
    ],
    "data.verb": [
        "00000010 30 v 02 leak 0 drip 0 000 01 + 02 00 | be leaked or let out",
    ],
    "data.adj": [
        "00000010 00 a 01 random 0 002 & 00000020 s 0000 ^ 00000030 a 0101 | lacking a plan",
        "00000020 00 s 02 irregular 0 haphazard(a) 0 001 & 00000010 a 0000 | not regular",
        "00000030 00 a 02 chance 0 fortuitous 0 001 ^ 00000010 a 0101 | occurring by chance",
    ],
    "data.adv": [],
}
MOBY = [
    "leak,drip,dribble,escape,Paris,they,leak",
    "document,paper,the executives,a b c d",
    "random,irregular,aimless",
    "forest,woodland",
]


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return Lexicon.load()


@pytest.fixture(scope="session")
def tiny_sources(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A tiny WordNet folder and Moby file, with the CRLF line ends of the real ones."""
    root = tmp_path_factory.mktemp("tiny-sources")
    wordnet = root / "wordnet"
    wordnet.mkdir()
    for name, lines in WORDNET.items():
        (wordnet / name).write_bytes((LICENCE + "".join(f"{line}  \r\n" for line in lines)).encode())
    moby = root / "words.txt"
    moby.write_bytes("".join(f"{line}\r\n" for line in MOBY).encode())
    return wordnet, moby


@pytest.fixture
def tiny_build(monkeypatch: pytest.MonkeyPatch, tiny_sources: tuple[Path, Path]) -> None:
    """Make ``build()`` (and so ``Lexicon.load()`` on a missing cache) use the tiny sources."""
    wordnet, moby = tiny_sources
    tiny = functools.partial(_build.build_arrays, wordnet_dir=wordnet, moby_path=moby, frequency_words=False)
    monkeypatch.setattr(_build, "build_arrays", tiny)
