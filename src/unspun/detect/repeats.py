"""A phrase found once, found again where its words are capitalised.

The detectors read no capitalised word inside a sentence: it is a name there, and spinners
leave names alone (``context.TextContext``). A title-case heading is no name, though, and a
paper titled "Profound Learning for Bosom Peril" kept "Profound Learning" while the body's
"profound learning" was found and restored. Where a phrase of two words or more was found,
its capitalised repeats get the same finding; one word alone is not carried over ("brown"
found in the body says nothing of "Gordon Brown"). Lower-case repeats are left to the
detectors, which judged each in its own context.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from itertools import pairwise

from ..models import Finding, Token
from ..restore import match_case
from ..spans import SpanIndex
from ..text import PARAGRAPH_BREAK_RE
from .context import TextContext

# Kinds whose phrase is a thesaurus's or a list's words, alike wherever they stand; filler
# ("and also") is judged by what is beside it.
_CARRIED_KINDS = frozenset({"swap", "tortured-phrase"})
MIN_WORDS = 2


def with_capitalised_repeats(context: TextContext, findings: list[Finding]) -> list[Finding]:
    """``findings`` and, for each phrase of :data:`MIN_WORDS` words or more among them, a
    finding at each repeat of its words (any case) whose words are capitalised and that no
    finding overlaps: the same suggestion, alternatives and confidences, in the repeat's case.
    In reading order."""
    sources: dict[tuple[str, ...], Finding] = {}
    # The words the detectors read: those of a web address or a hashtag are copied as written.
    words = [context.tokens[index] for index in sorted(context.words)]
    starts = [token.start for token in words]
    for finding in findings:
        if finding.kind not in _CARRIED_KINDS or finding.suggestion is None:
            continue
        inside = words[bisect_left(starts, finding.start) : bisect_left(starts, finding.end)]
        if not inside or inside[-1].end != finding.end:
            continue  # it ends inside a word ("organization's", "woodland12"): no phrase to repeat
        key = tuple(token.text.lower() for token in inside)
        if len(key) >= MIN_WORDS and (key not in sources or finding.confidence > sources[key].confidence):
            sources[key] = finding
    if not sources:
        return findings
    longest = max(len(key) for key in sources)
    taken = SpanIndex(findings)
    added: list[Finding] = []
    text = context.text
    for first in range(len(words)):
        if not words[first].text[:1].isupper():
            continue
        for size in range(min(longest, len(words) - first), MIN_WORDS - 1, -1):
            window = words[first : first + size]
            source = sources.get(tuple(token.text.lower() for token in window))
            if source is None or not all(t.text[:1].isupper() for t in window) or not _one_phrase(text, window):
                continue
            start, end = window[0].start, window[-1].end
            if not taken.take(start, end):
                continue
            seen = text[start:end]
            added.append(replace(
                source, start=start, end=end, text=seen,
                suggestion=match_case(source.suggestion or "", seen),
                alternatives=tuple(match_case(alternative, seen) for alternative in source.alternatives),
                evidence=(*source.evidence, "repeat"),
                note=f"repeats \"{source.text}\", found in the text" + (f"; {source.note}" if source.note else ""),
            ))
            break
    return sorted(findings + added, key=lambda f: f.start) if added else findings


def _one_phrase(text: str, window: list[Token]) -> bool:
    """Whether the words are parted by spaces (a line break, but no blank line) or a hyphen
    alone ("Profound-Learning"): one phrase, not words across punctuation."""
    for before, after in pairwise(window):
        gap = text[before.end : after.start]
        if gap != "-" and not (gap and gap.isspace() and not PARAGRAPH_BREAK_RE.search(gap)):
            return False
    return True
