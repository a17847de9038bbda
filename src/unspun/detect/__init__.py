"""Source-free evidence: detectors that find spun phrases in a text alone.

A detector has a ``name`` and ``find(text, tokens) -> list[Finding]``; the pipeline runs the
default set and merges what they find.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from ..models import Finding, Token


class Detector(Protocol):
    """Anything that finds spun phrases in a tokenised text."""

    name: str

    def find(self, text: str, tokens: Sequence[Token]) -> list[Finding]: ...


@lru_cache(maxsize=1)
def default_detectors() -> tuple[Detector, ...]:
    """The detectors ``check`` runs, built once per process."""
    from .known_phrases import KnownPhraseMatcher

    return (KnownPhraseMatcher.default(),)
