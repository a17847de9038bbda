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
