"""Restoration: put back the likely original of each confident finding whose suggestion is
worth applying (:func:`worth_applying`), and explain it.

Every change is a :class:`~unspun.models.Step` with offsets into the input, so that
``apply_steps(text, steps)`` replays the restored text exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .models import Finding, Step
from .text import starts_with_vowel_sound


def match_case(replacement: str, original: str) -> str:
    """Give ``replacement`` the capitalisation pattern of ``original``.

    >>> match_case("random forest", "Irregular woodland")
    'Random forest'
    >>> match_case("random forest", "IRREGULAR WOODLAND")
    'RANDOM FOREST'
    """
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters and letters[0].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


_ARTICLE_RE = re.compile(r"\b([Aa]n?)(\s+)$")
def article_for(word: str) -> str:
    """"an" before a vowel sound, "a" otherwise (a spelling rule of thumb).

    >>> article_for("hour"), article_for("forest"), article_for("unit")
    ('an', 'a', 'a')
    """
    return "an" if starts_with_vowel_sound(word) else "a"


WEIGHED_KINDS = frozenset({"swap", "filler"})
"""Findings whose suggestion is weighed against leaving the phrase (:func:`worth_applying`):
the kinds whose confidence and suggestion confidence are both measured against true edits
(``benchmarks/restored_accuracy.py``). Restored terms keep the confidence bar alone: their
window probability is a score placed by a budget of clean text, not a measured probability."""


def worth_applying(finding: Finding) -> bool:
    """Whether putting the suggestion in place more likely gives back the original than
    leaving the phrase as it is: the phrase was swapped and the suggestion is right
    (``confidence * suggestion_confidence``) against the phrase not being swapped at all
    (``1 - confidence``). A wrong suggestion for a swapped phrase leaves it as wrong as the
    spinner did; a suggestion for a phrase that was never swapped spoils it. Always true for
    a finding without a suggestion confidence or of a kind outside ``WEIGHED_KINDS``.

    >>> from unspun.models import Finding
    >>> swap = Finding(0, 7, "degrees", "levels", 0.7, ("ngram",), suggestion_confidence=0.2)
    >>> worth_applying(swap), worth_applying(Finding(0, 7, "degrees", "levels", 0.9, ("ngram",),
    ...                                                suggestion_confidence=0.2))
    (False, True)
    """
    if finding.suggestion_confidence is None or finding.kind not in WEIGHED_KINDS:
        return True
    return finding.confidence * finding.suggestion_confidence >= 1.0 - finding.confidence


def steps_for(text: str, findings: Iterable[Finding], min_confidence: float) -> list[Step]:
    """One step per finding that has a suggestion and at least ``min_confidence``, unless it
    is not :func:`worth_applying`.

    Overlapping findings keep the more confident one (one not worth applying still keeps
    the less confident ones off its words). When the phrase follows "a" or "an" and the
    suggestion needs the other article, the step takes the article in too.
    """
    chosen: list[Step] = []
    taken: list[tuple[int, int]] = []  # the spans of the findings applied or left in place
    for finding in sorted(findings, key=lambda f: -f.confidence):
        if finding.suggestion is None or finding.confidence < min_confidence:
            continue
        if any(finding.start < end and start < finding.end for start, end in taken):
            continue
        taken.append((finding.start, finding.end))
        if not worth_applying(finding):
            continue  # left as it is, and its words are still its own
        start, end, before = finding.start, finding.end, finding.text
        after = match_case(finding.suggestion, finding.text)
        if after == before:
            continue
        if not after:
            # A deletion takes one neighbouring space with it, so no double space is left.
            if start > 0 and text[start - 1] == " ":
                start -= 1
            elif text[end : end + 1] == " ":
                end += 1
            before = text[start:end]
        article = _ARTICLE_RE.search(text[max(0, start - 4) : start])
        if article and after[:1].isalpha() and start == finding.start:
            wanted = article_for(after)
            if article.group(1).lower() != wanted:
                start -= len(article.group())
                before = text[start : finding.end]
                after = match_case(wanted, article.group(1)) + article.group(2) + after
        if any(start < s.end and s.start < end for s in chosen):
            continue
        reason = f"{'+'.join(finding.evidence)}: {finding.note}" if finding.note else "+".join(finding.evidence)
        chosen.append(Step(start, end, before, after, reason, finding.confidence))
    return sorted(chosen, key=lambda s: s.start)


def apply_steps(text: str, steps: Sequence[Step]) -> str:
    """Replay ``steps`` on ``text``. Raises ValueError if a step does not fit the text."""
    pieces: list[str] = []
    position = 0
    for step in sorted(steps, key=lambda s: s.start):
        if step.start < position or text[step.start : step.end] != step.before:
            raise ValueError(f"step at {step.start}-{step.end} does not fit this text")
        pieces.append(text[position : step.start])
        pieces.append(step.after)
        position = step.end
    pieces.append(text[position:])
    return "".join(pieces)


def restore_and_explain(text: str, findings: Sequence[Finding] | None = None,
                        min_confidence: float = 0.5) -> tuple[str, list[Step]]:
    """The restored text and the steps that explain it.

    Without ``findings`` the text is checked first.

    >>> restored, steps = restore_and_explain("We used an irregular woodland.")
    >>> restored
    'We used a random forest.'
    >>> apply_steps("We used an irregular woodland.", steps) == restored
    True
    """
    if findings is None:
        from .pipeline import find

        findings = find(text)
    steps = steps_for(text, findings, min_confidence)
    return apply_steps(text, steps), steps
