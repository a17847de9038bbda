"""What a run's reports said, counted: its exit status and its closing line."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..pipeline import SOURCE_FOUND

_VERDICTS = ("spun", "clean", "uncertain")


@dataclass
class Tally:
    """The reports' verdicts, counted, and how many traced to a source (``unspun trace``)."""

    verdicts: Counter[str] = field(default_factory=Counter)
    sources: int = 0
    traced: int = 0

    def add(self, report: dict[str, Any]) -> None:
        """Count one report (as ``Report.to_dict()`` gives it)."""
        self.verdicts[report["verdict"]] += 1
        if "trace_verdict" in report:
            self.traced += 1
            self.sources += report["trace_verdict"] == SOURCE_FOUND

    @property
    def reports(self) -> int:
        return sum(self.verdicts.values())

    @property
    def any_spun(self) -> bool:
        return self.verdicts["spun"] > 0

    def copy(self) -> Tally:
        return Tally(Counter(self.verdicts), self.sources, self.traced)

    def summary(self) -> str:
        """One line: "600 documents: 263 spun, 310 clean, 27 uncertain" (and, of traced
        ones, how many had a source found)."""
        total = self.reports
        counts = ", ".join(f"{self.verdicts[verdict]:,} {verdict}" for verdict in _VERDICTS)
        line = f"{total:,} document{'' if total == 1 else 's'}: {counts}"
        if self.traced:
            line += f"; a source found for {self.sources:,}"
        return line
