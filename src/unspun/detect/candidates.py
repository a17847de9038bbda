"""Candidates: spans that may have been swapped, each with the originals that could have stood
there. Generators propose them (thesaurus reverse view, filler habits, known phrases); scorers
attach evidence to every (span, original) pair as named features; a learned model turns the
features into a confidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(slots=True)
class Option:
    """One possible original for a candidate span, with the evidence gathered for it."""

    text: str  # the suggestion as it would be written in place (inflected)
    words: tuple[str, ...]  # its lower-case words, as the language models see them
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0  # the learned model's log-odds that this option is the original


@dataclass(slots=True)
class Candidate:
    """A span of the text (token range ``first``..``last``, exclusive) that may be spun."""

    start: int
    end: int
    first: int
    last: int
    kind: str  # "swap", "filler", "tortured-phrase"
    options: list[Option]
    features: dict[str, float] = field(default_factory=dict)  # features of the span itself
    evidence: list[str] = field(default_factory=list)
    note: str = ""
    confidence: float = 0.0
    # A swap after a modal, where a verb stands: what it shows is a verb (swaps.shown_options).
    # Kept out of ``features``, which every model fitted on them would learn from.
    verb_slot: bool = False


def distinct_forms(suggestion: str, others: Iterable[str], limit: int) -> tuple[str, ...]:
    """Up to ``limit`` of ``others`` (best first), each a word the suggestion and the ones
    kept before it are not a form of: the options of a word's two readings inflect one
    lemma two ways ("fall" and "fell" for "drop", "wants" and "want" for "needs"), and a
    reader was shown the same word twice (an audit: 123 findings of 80 spun articles), or in
    its British and American spellings ("organization", "organisation")."""
    from ..lexicon import american_spelling, lemmas

    def forms(text: str) -> set[str]:
        # in one spelling: "organization" and "organisation" are one word to a reader
        found = {text.lower(), *(lemma for lemma, _ in lemmas(text))}
        return {" ".join(american_spelling(word) for word in form.split(" ")) for form in found}

    taken = forms(suggestion)
    kept: list[str] = []
    for text in others:
        if len(kept) == limit:
            break
        its = forms(text)
        if its & taken:
            continue
        taken |= its
        kept.append(text)
    return tuple(kept)
