"""Metrics shared by the benchmarks: phrase matching against true edits, F1, calibration."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..models import Finding
from .spinner import Edit

# Edits a finding can point at; "article" edits ("a" -> "an") follow a swap and are not counted.
TRUE_SWAP_KINDS = frozenset({"synonym", "multiword", "filler"})


@dataclass
class PhraseCounts:
    """Findings against true edits: a finding is right when it overlaps a true edit; an edit
    is found when some finding overlaps it. Of the found edits, those restored: a finding
    inside the edit's words, its suggestion in place, gives back what stood there
    (``restored_top1``), or one of its alternatives does (``restored_top5``; case, hyphens
    and spacing aside). "Inside" because a finding may fix part of an edit: the spinner's
    "has" -> "has actually" is restored by dropping "actually"."""

    true_findings: int = 0
    false_findings: int = 0
    found_edits: int = 0
    missed_edits: int = 0
    restored_top1: int = 0
    restored_top5: int = 0
    # Per true finding with a suggestion confidence: (its kind, that confidence, suggestion right).
    suggestions: list[tuple[str, float, bool]] = field(default_factory=list)

    def add(self, findings: Sequence[Finding], edits: Iterable[Edit]) -> None:
        swaps = [e for e in edits if e.kind in TRUE_SWAP_KINDS]
        for finding in findings:
            touched = [e for e in swaps if e.start < finding.end and finding.start < e.end]
            if touched:
                self.true_findings += 1
                if finding.suggestion_confidence is not None:
                    self.suggestions.append((finding.kind, finding.suggestion_confidence,
                                             suggestion_right(finding, touched)))
            else:
                self.false_findings += 1
        for edit in swaps:
            over = [f for f in findings if edit.start < f.end and f.start < edit.end]
            if not over:
                self.missed_edits += 1
                continue
            self.found_edits += 1
            original = normalise_phrase(edit.source)
            inside = [f for f in over if edit.start <= f.start and f.end <= edit.end]
            if any(restored_phrase(edit, f, f.suggestion) == original for f in inside):
                self.restored_top1 += 1
            if any(restored_phrase(edit, f, s) == original for f in inside for s in (f.suggestion, *f.alternatives[:4])):
                self.restored_top5 += 1

    @property
    def restored_share(self) -> tuple[float, float]:
        """Of the found edits, the share whose original is the suggestion / in the top five."""
        found = max(1, self.found_edits)
        return self.restored_top1 / found, self.restored_top5 / found

    @property
    def precision(self) -> float:
        return self.true_findings / max(1, self.true_findings + self.false_findings)

    @property
    def recall(self) -> float:
        return self.found_edits / max(1, self.found_edits + self.missed_edits)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def suggestion_right(finding: Finding, edits: Iterable[Edit]) -> bool:
    """Whether the finding lies inside one of ``edits`` and its suggestion, in place, gives
    back that edit's original (a finding across an edit's edge cannot)."""
    return any(e.start <= finding.start and finding.end <= e.end
               and restored_phrase(e, finding, finding.suggestion) == normalise_phrase(e.source) for e in edits)


def restored_phrase(edit: Edit, finding: Finding, replacement: str | None) -> str:
    """The edit's spun words with ``replacement`` in place of the finding (inside them), normalised."""
    spun = edit.spun
    before, after = spun[: finding.start - edit.start], spun[finding.end - edit.start :]
    return normalise_phrase(before + (replacement or "") + after)


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def document_f1(spun_flagged: int, spun_total: int, clean_flagged: int) -> tuple[float, float, float]:
    """Precision, recall and F1 of "spun" verdicts over spun documents and their clean originals."""
    precision = spun_flagged / max(1, spun_flagged + clean_flagged)
    recall = spun_flagged / max(1, spun_total)
    return precision, recall, f1(precision, recall)


def calibration_table(scores: Sequence[float], labels: Sequence[bool], bins: int = 5) -> list[tuple[str, int, float, float]]:
    """Reliability table: per score bin, count, mean predicted probability, observed share."""
    rows = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        members = [(s, y) for s, y in zip(scores, labels, strict=True) if low <= s < high or (b == bins - 1 and s == 1.0)]
        if members:
            mean = sum(s for s, _ in members) / len(members)
            observed = sum(1 for _, y in members if y) / len(members)
            rows.append((f"{low:.1f}-{high:.1f}", len(members), mean, observed))
    return rows


def expected_calibration_error(scores: Sequence[float], labels: Sequence[bool], bins: int = 10) -> float:
    total = len(scores) or 1
    return sum(count / total * abs(mean - observed) for _, count, mean, observed in calibration_table(scores, labels, bins))


def finding_source(finding: Finding) -> str:
    """Where a finding comes from, as the false-findings tables count it: swap, filler,
    restored term (the term detector) or listed phrase (the known-phrase list)."""
    if finding.kind == "tortured-phrase":
        return "restored term" if "term" in finding.evidence else "listed phrase"
    return finding.kind


def normalise_phrase(phrase: str | None) -> str:
    """Lower case, single spaces, hyphens as spaces: how suggestions are compared."""
    return " ".join((phrase or "").lower().replace("-", " ").split())
