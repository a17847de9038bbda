"""The JSON the API answers, as types for its OpenAPI schema (``/openapi.json``).

They describe the answers and never make them: a route sends the report's own dict
(``Report.to_dict()``, docs/report.md) through the CLI's JSON writer, so that the API, the
CLI and the page read the very same JSON; passed through a model, a key the report gives only
at times (``stats.suspect``) would come out as ``null``. TypedDicts, not models, because a key
that is sometimes absent is no key that may be ``null`` (``NotRequired``). Keys may be added
to a report, never renamed: no object here forbids keys it does not list.
"""

from __future__ import annotations

from typing import Annotated, Literal, NotRequired

from pydantic import Field
from typing_extensions import TypedDict  # pydantic reads typing's own only from Python 3.12

Share = Annotated[float, Field(ge=0.0, le=1.0)]
Offset = Annotated[int, Field(ge=0, description="a character offset (Unicode code points) into `text`")]


class ErrorAnswer(TypedDict):
    """Every error's answer: one line saying why."""

    error: Annotated[str, Field(description="one line saying why")]


class IndexSummary(TypedDict):
    """The server's index of originals."""

    path: str
    documents: Annotated[int, Field(ge=0, description="the originals it holds")]


class Defaults(TypedDict):
    """The options of every request that sets none of its own."""

    suspect: bool
    min_confidence: Share


class HealthAnswer(TypedDict):
    """What the server checks with (``GET /api/health``)."""

    status: Literal["ok"]
    version: Annotated[str, Field(description="unspun's version")]
    mode: Literal["fast", "deep"]
    index: Annotated[IndexSummary | None, Field(description="null for a server without one (no trace)")]
    max_bytes: Annotated[int, Field(description="the most bytes of one document (--max-bytes)")]
    defaults: Defaults
    language_model: NotRequired[Annotated[str, Field(description="deep mode's language model (deep mode only)")]]
    waiting: Annotated[int, Field(ge=0, description="the requests waiting for their turn at the engine")]


class Finding(TypedDict):
    """A phrase that looks spun, and what it most likely said before (docs/report.md, "Findings")."""

    start: Offset
    end: Offset
    text: Annotated[str, Field(description="the phrase as it appears: `text[start:end]`")]
    suggestion: Annotated[str | None, Field(description="what it most likely said; '' for inserted filler, "
                                                        "null when unknown")]
    alternatives: Annotated[list[str], Field(description="other plausible originals, best first")]
    confidence: Annotated[Share, Field(description="how sure unspun is that the phrase was swapped")]
    evidence: Annotated[list[str], Field(description="what found it: 'known-phrase', 'thesaurus', 'ngram', "
                                                     "'source', 'disguise'...")]
    kind: Annotated[str, Field(description="'tortured-phrase', 'swap', 'filler', 'disguise', 'insertion'...")]
    note: Annotated[str, Field(description="a reason a person can read")]
    suggestion_confidence: Annotated[Share | None, Field(description="how likely the suggestion is what stood "
                                                                     "there; null where there is no estimate")]


class Step(TypedDict):
    """One change that turns `text` into `restored`: `text[start:end]` (`before`) becomes `after`."""

    start: Offset
    end: Offset
    before: str
    after: str
    reason: str
    confidence: Share


class ReadThrough(TypedDict):
    """What the text was read through (docs/report.md, "Disguised words")."""

    disguised_words: int
    invisible: int
    lookalikes: int
    styled: int
    joined: int


class Stats(TypedDict):
    """How the document was read and checked (docs/report.md, `stats`)."""

    words: Annotated[int, Field(ge=0)]
    seconds: Annotated[float, Field(ge=0.0)]
    source: Annotated[Literal["text", "html", "warc", "jsonl", "pdf"], Field(description="the reader of the document")]
    mode: Literal["fast", "deep", "trace"]
    suspect: NotRequired[Annotated[bool, Field(description="absent from a trace that found a source")]]
    min_confidence: NotRequired[Annotated[Share, Field(description="absent from a trace that found a source")]]
    language_model: NotRequired[str]
    deep_candidates: NotRequired[int]
    surprise: NotRequired[Share]
    score_from: NotRequired[Literal["surprise", "findings"]]
    read_through: NotRequired[ReadThrough]
    in_capitals: NotRequired[bool]
    in_title_case: NotRequired[bool]
    not_english: NotRequired[bool]


class Report(TypedDict):
    """A check's report (``Report.to_dict()``, docs/report.md), as ``unspun check --format json`` prints it."""

    id: str
    title: str
    verdict: Literal["spun", "clean", "uncertain"]
    score: Share
    findings: Annotated[list[Finding], Field(description="in reading order")]
    restored: Annotated[str, Field(description="the text with the findings' suggestions applied (`steps`)")]
    steps: list[Step]
    text: Annotated[str, Field(description="the text checked: every offset points into it")]
    stats: Stats


class Substitution(TypedDict):
    """A change from the original: `source` at `source_start:source_end` in `source_text`, `spun` at `start:end` in
    `text`."""

    source: str
    spun: str
    source_start: int
    source_end: int
    start: Offset
    end: Offset


class Match(TypedDict):
    """An original of the index that the text was found to copy."""

    id: str
    title: str
    score: Share
    coverage: Annotated[Share, Field(description="the share of the text aligned with the original")]
    substitutions: list[Substitution]
    restored: Annotated[str, Field(description="the text with every substitution undone")]
    source_text: str


class TraceReport(Report):
    """A trace's report (``unspun trace``): a check's, and the originals found."""

    matches: Annotated[list[Match], Field(description="best first; empty when no source was found")]
    trace_verdict: Literal["source found", "no source in the collection"]
