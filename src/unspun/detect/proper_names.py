"""Proper names written as English writes them, for restored phrases.

The tortured-phrase list and the known-term sources write every term in lower case, and a
suggestion takes the case of the phrase it replaces (``restore.match_case``), so "joined
together states" was restored as "united states" and "fourier change" as "fourier
transform". :func:`in_proper_case` writes the names in a suggestion as the table shipped in
``unspun.data`` does (``proper-names.txt.gz``: the lemmas WordNet writes only with capitals,
built by ``python -m unspun.eval.proper_names``).
"""

from __future__ import annotations

import functools
import gzip
import re
from importlib import resources

PROPER_NAMES_FILE = "proper-names.txt.gz"
# A word of a phrase: what lies between spaces, without the punctuation around it ("(dna"
# holds one); a possessive is part of it, as the table writes "Alzheimer's disease".
_WORD_RE = re.compile(r"(?P<before>[^\w]*)(?P<core>[\w][\w.'’-]*?)(?P<after>[^\w]*)$")
_POSSESSIVE = ("'s", "’s")


@functools.cache
def _names() -> tuple[dict[str, str], dict[str, int]]:
    """The table's names by their lower-case form, and for each first word of a name the
    most words a name that starts with it has (read once, on the first suggestion: 0.08 s)."""
    data = resources.files("unspun.data").joinpath(PROPER_NAMES_FILE).read_bytes()
    names: dict[str, str] = {}
    longest: dict[str, int] = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            key = line.lower()
            names[key] = line
            first, size = key.split(" ", 1)[0], key.count(" ") + 1
            longest[first] = max(size, longest.get(first, 0))
    return names, longest


def in_proper_case(phrase: str) -> str:
    """``phrase`` with every name in it as the table writes it, the longest name first;
    only words written in lower case change (a phrase's "USA" or "Mesh" stays as written).

    >>> in_proper_case("united states")
    'United States'
    >>> in_proper_case("fast fourier transform of (dna) samples")
    'fast Fourier transform of (DNA) samples'
    >>> in_proper_case("markov random fields")
    'Markov random fields'
    >>> in_proper_case("alzheimer's disease and markov's chains")
    "Alzheimer's disease and Markov's chains"
    """
    names, longest = _names()
    parts = phrase.split(" ")
    matches = [_WORD_RE.match(part) for part in parts]
    at = 0
    while at < len(parts):
        first = matches[at]
        key = first["core"].lower().replace("’", "'") if first else ""
        most = longest.get(key, 1 if key.endswith("'s") and key[:-2] in names else 0)
        for size in range(min(most, len(parts) - at), 0, -1):
            words = matches[at : at + size]
            if not all(words) or any(m["after"] for m in words[:-1] if m) or any(m["before"] for m in words[1:] if m):
                continue  # punctuation inside: no name spans it
            cores = [m["core"] for m in words if m]
            if any(core != core.lower() for core in cores):
                continue
            name = names.get(" ".join(cores).lower().replace("’", "'"))
            if name is None and size == 1 and cores[0].endswith(_POSSESSIVE):
                # "markov's": the name without its possessive, which stays as written.
                name = names.get(cores[0][:-2].lower())
                name = None if name is None else name + cores[0][-2:]
            if name is None:
                continue
            for i, (written, match) in enumerate(zip(name.split(" "), words, strict=True)):
                if match is not None:
                    parts[at + i] = match["before"] + written + match["after"]
            at += size
            break
        else:
            at += 1
    return " ".join(parts)
