"""The data unspun passes between its stages: small frozen dataclasses, nothing else.

Every stage is a function over these values; I/O lives in ``ingest``, index storage and the
adapters (CLI, web, batch). Offsets are always character offsets into ``Document.text`` (or,
for a report, into ``Report.text``): ``text[start:end]`` gives back the reported phrase.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

SCORE_PLACES = 4
"""Decimal places of a report's document score: the verdict is cut from the score so rounded."""


def reaches(confidence: float, bar: float) -> bool:
    """Whether ``confidence`` reaches ``bar`` as a report shows it (to ``SCORE_PLACES``): a
    finding a report shows at 0.6449 was dropped by ``--min-confidence 0.6449``.

    >>> reaches(0.64486, 0.6449), reaches(0.64484, 0.6449)
    (True, False)
    """
    return round(confidence, SCORE_PLACES) >= bar


Verdict = Literal["spun", "clean", "uncertain"]
TokenKind = Literal["word", "number", "punct"]


@dataclass(frozen=True, slots=True)
class Document:
    """One text to check or index, as a reader produced it.

    ``id`` names it (a path, a URL, a JSONL id), ``title`` is the page title when there is
    one, ``text`` is the extracted body that findings point into, ``source`` says which reader
    produced it (``"text"``, ``"html"``, ``"warc"``, ``"jsonl"``, ``"pdf"``) and ``meta`` holds
    what else the reader knew (encoding, WARC record id, HTTP date, a PDF's page count...).
    ``origin`` says where the reader found it when its id does not (a JSON Lines file and
    line, ``crawl.jsonl:8``; a WARC file), so that an error met checking it names the place;
    it is neither compared nor stored.
    """

    id: str
    title: str
    text: str
    source: str = "text"
    meta: Mapping[str, Any] = field(default_factory=dict)
    origin: str = field(default="", compare=False, repr=False)

    @property
    def where_read(self) -> str:
        """``origin`` where it says more than the id ("" where the id is the place)."""
        return "" if self.origin == self.id else self.origin


@dataclass(frozen=True, slots=True)
class Token:
    """A word, number or punctuation mark, with its offsets into the text it came from."""

    text: str
    start: int
    end: int
    kind: TokenKind

    @property
    def is_word(self) -> bool:
        return self.kind == "word"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence span; ``tokens`` index into the document's token list."""

    start: int
    end: int
    first_token: int
    last_token: int  # exclusive


@dataclass(frozen=True, slots=True)
class Finding:
    """A phrase that looks machine-spun, and what it most likely said before.

    ``evidence`` names the detectors that produced it (``"known-phrase"``, ``"ngram"``,
    ``"filler"``, ``"neural"``, ``"suspected"``, ``"repeat"``, ``"source"``); ``suggestion`` is ``None`` when
    the original is unknown (a listed tortured phrase whose original nobody recorded, or a
    swap whose every option is the word's own form: its wrong inflection gave it away).
    ``confidence`` is how likely the phrase was swapped; ``suggestion_confidence`` how likely
    the suggestion is what stood there if it was (a calibrated estimate, ``None`` where the
    evidence that produced the finding has none: docs/report.md).
    """

    start: int
    end: int
    text: str
    suggestion: str | None
    confidence: float
    evidence: tuple[str, ...]
    alternatives: tuple[str, ...] = ()
    kind: str = "swap"
    note: str = ""
    suggestion_confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "suggestion": self.suggestion,
            "alternatives": list(self.alternatives),
            "confidence": round(self.confidence, 4),
            "evidence": list(self.evidence),
            "kind": self.kind,
            "note": self.note,
            "suggestion_confidence": (None if self.suggestion_confidence is None
                                      else round(self.suggestion_confidence, 4)),
        }


@dataclass(frozen=True, slots=True)
class Step:
    """One explained change of a restoration: replace ``text[start:end]`` (``before``) by
    ``after``. Offsets are into the input text; steps never overlap and are sorted."""

    start: int
    end: int
    before: str
    after: str
    reason: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
            "confidence": round(self.confidence, 4),
        }


@dataclass(frozen=True, slots=True)
class Substitution:
    """A place where the spun text differs from its source, with offsets on both sides."""

    source: str
    spun: str
    source_start: int
    source_end: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "spun": self.spun,
            "source_start": self.source_start,
            "source_end": self.source_end,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Match:
    """An indexed document that the checked text was derived from."""

    id: str
    title: str
    score: float
    coverage: float
    substitutions: tuple[Substitution, ...]
    source_text: str = ""
    restored: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "score": round(self.score, 4),
            "coverage": round(self.coverage, 4),
            "substitutions": [s.to_dict() for s in self.substitutions],
            "restored": self.restored,
            "source_text": self.source_text,
        }


@dataclass(frozen=True, slots=True)
class Report:
    """What unspun says about one document. ``to_dict`` is the one shape every renderer,
    the CLI's JSON and the HTTP API share: keys may be added, never renamed."""

    id: str
    title: str
    text: str
    verdict: Verdict
    score: float
    findings: tuple[Finding, ...]
    restored: str
    steps: tuple[Step, ...] = ()
    matches: tuple[Match, ...] | None = None
    trace_verdict: str | None = None
    stats: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_spun(self) -> bool:
        return self.verdict == "spun"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "verdict": self.verdict,
            "score": round(self.score, SCORE_PLACES),
            "findings": [f.to_dict() for f in self.findings],
            "restored": self.restored,
            "steps": [s.to_dict() for s in self.steps],
            "text": self.text,
            # A copy all the way down: the caller may edit the dict, the frozen report stays as it was.
            "stats": copy.deepcopy(dict(self.stats)),
        }
        if self.matches is not None:
            data["matches"] = [m.to_dict() for m in self.matches]
            data["trace_verdict"] = self.trace_verdict
        return data
