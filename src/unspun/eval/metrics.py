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
            touched = touched_edits(finding, swaps)
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

    def include(self, other: PhraseCounts) -> None:
        """Add ``other``'s counts (another text's, say) to these."""
        self.true_findings += other.true_findings
        self.false_findings += other.false_findings
        self.found_edits += other.found_edits
        self.missed_edits += other.missed_edits
        self.restored_top1 += other.restored_top1
        self.restored_top5 += other.restored_top5
        self.suggestions.extend(other.suggestions)

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


def touched_edits(finding: Finding, edits: Iterable[Edit]) -> list[Edit]:
    """The true edits (``TRUE_SWAP_KINDS``) of ``edits`` that the finding overlaps."""
    return [e for e in edits if e.kind in TRUE_SWAP_KINDS and e.start < finding.end and finding.start < e.end]


def suggestion_right(finding: Finding, edits: Iterable[Edit]) -> bool:
    """Whether the finding's suggestion, in place, gives back the original text over the
    finding and the true edits of ``edits`` it overlaps (case, hyphens and spacing aside). A finding
    inside one edit must restore that edit's words; one reaching past an edit must also
    leave the words around it as they were ("go back to" -> "return to" for the edit "return"
    -> "go back"); one across two edits must restore both.

    >>> from unspun.eval.spinner import Edit
    >>> edit = Edit("multiword", "return", "go back", 0, 6, 4, 11)  # "for go back to the..."
    >>> suggestion_right(Finding(4, 14, "go back to", "return to", 0.9, ()), [edit])
    True
    >>> suggestion_right(Finding(4, 14, "go back to", "return", 0.9, ()), [edit])
    False
    """
    edits = touched_edits(finding, edits)
    if not edits:
        return False
    start = min(finding.start, *(e.start for e in edits))
    end = max(finding.end, *(e.end for e in edits))
    seen: dict[int, str] = {}  # the spun text over the region, from the finding and the edits
    for piece_start, piece in ((finding.start, finding.text), *((e.start, e.spun) for e in edits)):
        seen.update(zip(range(piece_start, piece_start + len(piece)), piece, strict=True))
    if len(seen) < end - start:  # the pieces leave a gap: the edits do not all touch the finding
        return False

    def region(replacements: Sequence[tuple[int, int, str]]) -> str:
        """The region's spun text with ``(start, end, text)`` replacements, in order."""
        pieces, position = [], start
        for piece_start, piece_end, text in sorted(replacements):
            pieces.append("".join(seen[i] for i in range(position, piece_start)))
            pieces.append(text)
            position = piece_end
        pieces.append("".join(seen[i] for i in range(position, end)))
        return normalise_phrase("".join(pieces))

    original = region([(e.start, e.end, e.source) for e in edits])
    return region([(finding.start, finding.end, finding.suggestion or "")]) == original


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


def auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Area under the ROC curve: the chance that a positive's score is above a negative's
    (ties count half); 0.5 without both classes.

    >>> auc([0.9, 0.8, 0.3, 0.1], [True, False, True, False])
    0.75
    """
    positives = sorted(s for s, y in zip(scores, labels, strict=True) if y)
    negatives = sorted(s for s, y in zip(scores, labels, strict=True) if not y)
    if not positives or not negatives:
        return 0.5
    wins = 0.0
    below = equal_end = 0  # negatives under the current positive score, and up to it inclusive
    for score in positives:
        while below < len(negatives) and negatives[below] < score:
            below += 1
        equal_end = max(equal_end, below)
        while equal_end < len(negatives) and negatives[equal_end] == score:
            equal_end += 1
        wins += below + 0.5 * (equal_end - below)
    return wins / (len(positives) * len(negatives))


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
