"""Settings objects: frozen, documented, with defaults that suit a single page or a crawl."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_BYTES = 10_000_000


@dataclass(frozen=True, slots=True)
class ReadConfig:
    """How readers treat their input.

    ``max_bytes`` bounds one unit of work: a text or HTML file, a WARC record, a JSONL line.
    A WARC or JSONL file itself may be far larger; it is streamed.
    """

    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True, slots=True)
class CheckConfig:
    """How ``check`` turns evidence into a verdict and a restored text.

    ``spun_threshold`` and ``clean_threshold`` cut the calibrated document score into the
    three verdicts: ``score >= spun_threshold`` is "spun", ``score < clean_threshold`` is
    "clean", anything between is "uncertain". ``restore_confidence`` is the least confidence
    a finding needs for its suggestion to be applied in ``restored``.
    """

    spun_threshold: float = 0.7
    clean_threshold: float = 0.3
    restore_confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class TraceConfig:
    """How ``trace`` decides that an indexed document is the source of a text.

    The index proposes ``candidates`` documents by their signatures; each is aligned with the
    text, and is a source when the aligned part covers at least ``min_coverage`` of the text's
    words and at least ``min_aligned_words`` words: another outlet's report of the same event
    shares names and numbers, but its wording does not align.
    """

    candidates: int = 10
    min_coverage: float = 0.15
    min_aligned_words: int = 40
    max_matches: int = 5
    source_confidence: float = 0.97
