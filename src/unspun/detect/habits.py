"""Spinner habits: filler a spinner inserts where the original had none.

Spinners pad their output to make it look rewritten: "and" becomes "and also" or "as well as",
"have reached" becomes "have actually reached". Each occurrence is a candidate whose option is
the text without the filler; the language model and the learned model decide how suspicious it
is, and the document model counts how often a text does it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .candidates import Candidate, Option
from .context import TextContext


@dataclass(frozen=True, slots=True)
class Habit:
    """A filler pattern: ``pattern`` over lower-case words, and what the original had."""

    name: str
    pattern: tuple[str, ...]
    original: tuple[str, ...]
    after: frozenset[str] = frozenset()  # if set, the word before must be one of these
    not_after: frozenset[str] = frozenset()  # the word before must not be one of these
    not_before: frozenset[str] = frozenset()  # the word after must not be one of these


_AUXILIARIES = frozenset(
    "has have had is are was were will would can could should may might must does did do".split()
)

# A comparison, not an "and": "hasn't gone as well as expected", "if he jumps as well as he
# did", "quite as well as we had hoped". The spinner writes "as well as" for "and" alone, and
# restoring these made nonsense ("gone and expected": an audit, session 53).
# Neither list holds a word that also ends or starts an "and" ("pretty as well as clever",
# "benefits as well as possible side effects", "her as well as you": the review).
_DEGREE_ADVERBS = frozenset("not quite just nearly almost half twice only so equally nowhere".split())
_STANDARDS_OF_COMPARISON = frozenset(
    "i he she we they expected hoped ever usual anyone anybody predicted anticipated intended "
    "could can did does do might may would should".split())

HABITS: tuple[Habit, ...] = (
    Habit("and-also", ("and", "also"), ("and",)),
    Habit("as-well-as", ("as", "well", "as"), ("and",),
          not_after=_DEGREE_ADVERBS, not_before=_STANDARDS_OF_COMPARISON),
    Habit("aux-actually", ("actually",), (), after=_AUXILIARIES),
    Habit("and-additionally", ("and", "additionally"), ("and",)),
)
_FEATURE_OF = {habit.name: f"habit_{habit.name.replace('-', '_')}" for habit in HABITS}
_WORD_RE = re.compile(r"\S+")


def find_habits(context: TextContext) -> list[Candidate]:
    """A candidate for every filler pattern in the text, within a sentence."""
    candidates: list[Candidate] = []
    tokens = context.tokens
    for sentence in context.sentences:
        indices = [i for i in range(sentence.first_token, sentence.last_token) if i in context.words]
        keys = [context.words[i].key for i in indices]
        for habit in HABITS:
            size = len(habit.pattern)
            for at in range(len(keys) - size + 1):
                if tuple(keys[at : at + size]) != habit.pattern:
                    continue
                first, last = indices[at], indices[at + size - 1]
                # The words right beside the pattern ("" where punctuation or the sentence's edge is).
                before = keys[at - 1] if at > 0 and indices[at - 1] == first - 1 else ""
                after = keys[at + size] if at + size < len(keys) and indices[at + size] == last + 1 else ""
                if habit.after and before not in habit.after:
                    continue  # "has (actually) reached" is no spinner's: dropped, it left "has ()"
                if last - first != size - 1:
                    continue  # punctuation inside the pattern: not the habit
                if before in habit.not_after or after in habit.not_before:
                    continue
                start, end = tokens[first].start, tokens[last].end
                observed = context.text[start:end]
                if habit.original:
                    replacement = _keep_case(" ".join(habit.original), observed)
                    option = Option(replacement, habit.original)
                else:
                    option = Option("", ())  # dropping it; restoration also drops a space
                features = {"kind_filler": 1.0, _FEATURE_OF[habit.name]: 1.0, "span_words": float(size)}
                candidates.append(
                    Candidate(start, end, first, last + 1, "filler", [option], features,
                              evidence=["filler"], note=f"spinner filler ({habit.name})")
                )
    return sorted(candidates, key=lambda c: c.start)


def _keep_case(replacement: str, observed: str) -> str:
    return replacement[:1].upper() + replacement[1:] if observed[:1].isupper() else replacement
