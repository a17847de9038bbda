"""Restoration: put back the likely original of each confident finding whose suggestion is
worth applying (:func:`worth_applying`), and explain it.

Every change is a :class:`~unspun.models.Step` with offsets into the input, so that
``apply_steps(text, steps)`` replays the restored text exactly.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any

from .config import require_share
from .disguise import INVISIBLE, INVISIBLE_RE, plain_letters, read_through, steps_undisguising
from .models import Finding, Step, reaches
from .spans import SpanIndex
from .text import LINE_BREAK_RE, LINE_BREAKS, WORD_RE, starts_with_vowel_sound


def match_case(replacement: str, original: str) -> str:
    """Give ``replacement`` the capitalisation pattern of ``original``.

    >>> match_case("random forest", "Irregular woodland")
    'Random forest'
    >>> match_case("random forest", "IRREGULAR WOODLAND")
    'RANDOM FOREST'
    >>> match_case("state of the art", "Condition Of The Workmanship")
    'State of the Art'
    >>> match_case("signal to noise", "Flag to Commotion")
    'Signal to Noise'
    """
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if _in_title_case(original):
        return title_words(replacement)  # a phrase in title case, each word capitalised
    if letters and letters[0].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def parted_like(replacement: str, original: str) -> str:
    """``replacement`` with its words parted as ``original`` parts its own, where both have
    as many words and the original parts them by spaces, line breaks or hyphens alone: a
    hard-wrapped phrase keeps its line break ("irregular\\nwoodland" -> "random\\nforest"),
    a hyphenated one its hyphens ("irregular-woodland models" -> "random-forest models").
    A replacement of another length is left as it is ("well-known" -> "known to all"), but
    for a line break of the original's, which takes the replacement's space nearest to where
    it stood (a hard-wrapped text keeps its lines: "an irregu-\\nlar woodland" -> "a
    random\\nforest", where the two lines were run together).

    >>> parted_like("random forest", "Irregular-Woodland"), parted_like("random forest", "irregular\\nwoodland")
    ('random-forest', 'random\\nforest')
    >>> parted_like("random forest", "irregu-\\nlar woodland"), parted_like("known to all", "well-\\nknown")
    ('random\\nforest', 'known\\nto all')
    """
    from .detect.context import HYPHENS

    words = replacement.split(" ")
    spans = [match.span() for match in WORD_RE.finditer(original)]
    if len(spans) < 2 or not replacement:
        return replacement
    gaps = [original[end:start] for (_, end), (start, _) in pairwise(spans)]
    if all(gap and (gap.isspace() or set(gap) <= HYPHENS) for gap in gaps) and len(words) == len(spans):
        return "".join(word + gap for word, gap in zip(words, [*gaps, ""], strict=True))
    return _with_its_line_break(replacement, original)


def _with_its_line_break(replacement: str, original: str) -> str:
    """``replacement`` with the first line break of ``original`` (the break alone, not the
    spaces around it) in place of its space nearest the same share of its length; as it is
    when either has none."""
    line_break = LINE_BREAK_RE.search(original)
    spaces = [at for at, character in enumerate(replacement) if character == " "]
    if line_break is None or not spaces:
        return replacement
    share = line_break.start() / max(1, len(original))
    at = min(spaces, key=lambda space: abs(space / len(replacement) - share))
    return replacement[:at] + line_break.group() + replacement[at + 1 :]


def title_words(phrase: str) -> str:
    """``phrase`` in title case as headlines write it: each word capitalised, but function
    words after the first ("of", "the"). Words are the tokenizer's: each part of a hyphenated
    word ("Well-Known", as the reading of a text in title case splits it), a word after a
    line break or a quote; not a letter after a stop ("e.g.").

    >>> title_words("leaked documents of the ministry")
    'Leaked Documents of the Ministry'
    >>> title_words(" the well-known\\nfirm")
    ' The Well-Known\\nFirm'
    """
    from .detect.context import FUNCTION_WORDS

    first = True

    def capitalised(match: re.Match[str]) -> str:
        # The first word is the first word, not the first space-separated chunk: a leading
        # space left a first "the" small, and a line break the word after it.
        nonlocal first
        word, starts = match.group(), first
        first = False
        if match.start() > 0 and phrase[match.start() - 1] in "._":  # "e.g.": one word
            return word
        return word if not starts and word.lower() in FUNCTION_WORDS else word[:1].upper() + word[1:]

    return WORD_RE.sub(capitalised, phrase)


def _in_title_case(phrase: str) -> bool:
    """Whether ``phrase`` is words in title case: its first word and one more capitalised,
    the others capitalised or function words in small letters, as headlines write them
    ("Flag to Commotion": "Flag to commotion" is a sentence's start). A word is read from its
    first letter or digit ('"Flag'); words of digits ("76%", "3rd") are neither."""
    from .detect.context import FUNCTION_WORDS, HYPHENS

    capitals: list[bool] = []
    # Words, not space-parted chunks: "Irregular-Woodland" is two capitalised words (read as
    # one, the heading "The Irregular-Woodland Method" got "Random forest").
    for match in WORD_RE.finditer(phrase):
        word = match.group()
        if word[0].isdigit():
            continue
        if word[0].islower() and phrase[match.start() - 1 : match.start()] in HYPHENS and capitals:
            continue  # "Pre-trained": a compound's later part may stay small in a title
        if not word[0].isupper() and word.lower() not in FUNCTION_WORDS:
            return False
        capitals.append(word[0].isupper())
    return len(capitals) > 1 and capitals[0] and sum(capitals) > 1


# "a" or "an" (any case) and the space before a phrase, and an opening bracket or quote
# between them ("an (random forest)" was left so); searched with bounds in the whole text
# (never in a slice), so that "\b" sees the letter before it: the "an" of "than" is no
# article. A disguised article ("а" with a Cyrillic letter, "a\u200bn") or invisible
# characters beside the space are still the article a reader sees (unspun.disguise).
_OPENERS = re.escape("([{“‘\"'«")
# Markup a phrase may open with after its article: Markdown's emphasis ("an **irregular
# woodland**") and a LaTeX command's brace ("an \\textit{irregular woodland}"): the article
# belongs to the phrase inside (an audit, session 64: "an **random forest**").
_MARKUP = r"\*{1,2}|_{1,2}|\\[A-Za-z]{1,12}\{"
_ARTICLE_RE = re.compile(
    rf"\b([Aa\u0430\u0410][{INVISIBLE}]*[Nn]?)([\s{INVISIBLE}]*\s[\s{INVISIBLE}]*(?:[{_OPENERS}]|{_MARKUP})?)$")
# How far before a phrase its article may start: "an", two spaces, a few invisible characters,
# or a LaTeX command.
_ARTICLE_REACH = 24
# Whitespace a deletion may take with it: any but a line break, which keeps its line.
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


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


def steps_for(text: str, findings: Iterable[Finding], min_confidence: float, articles: bool = True) -> list[Step]:
    """One step per finding that has a suggestion and at least ``min_confidence``, unless it
    is not :func:`worth_applying`; with ``articles`` False, no step takes in the article
    before its phrase (another step, a source's edit, changes it).

    Overlapping findings keep the more confident one (one not worth applying still keeps
    the less confident ones off its words). When the phrase follows "a" or "an" and the
    suggestion needs the other article, the step takes the article in too.
    """
    require_share("min_confidence", min_confidence)
    findings = [_fitting_finding(finding, text) for finding in findings]
    chosen: list[Step] = []
    changed = SpanIndex()  # the spans of the steps chosen
    taken = SpanIndex()  # the spans of the findings applied or left in place
    # A disguise comes last: a finding over the same words restores them anyway, and one
    # next to a disguised article takes the article in (unspun.disguise).
    for finding in sorted(findings, key=lambda f: (f.kind == "disguise", -f.confidence)):
        if finding.suggestion is None or not reaches(finding.confidence, min_confidence):
            continue
        if not taken.take(finding.start, finding.end):
            continue
        if not worth_applying(finding):
            continue  # left as it is, and its words are still its own
        start, end, before = finding.start, finding.end, finding.text
        after = match_case(finding.suggestion, finding.text)
        if finding.kind != "disguise":
            after = parted_like(after, finding.text)
        if after == before:
            continue
        if not after:
            start, end = _with_its_space(text, start, end)
            before = text[start:end]
        article = _ARTICLE_RE.search(text, max(0, start - _ARTICLE_REACH), start)
        # A disguise undone leaves the word the reader saw, and the article that went with it.
        if (articles and article and after[:1].isalpha() and start == finding.start and finding.kind != "disguise"
                and not _a_label(text, article.start(), article.group(1), finding.text)):
            wanted = article_for(after)
            seen = plain_letters(article.group(1))
            if seen.lower() != wanted:
                start = article.start()
                before = text[start : finding.end]
                space = INVISIBLE_RE.sub("", article.group(2))
                after = _article_case(wanted, seen, finding.text) + space + after
        if not changed.take(start, end):
            continue
        reason = f"{'+'.join(finding.evidence)}: {finding.note}" if finding.note else "+".join(finding.evidence)
        chosen.append(Step(start, end, before, after, reason, finding.confidence))
    return _without_doubled_words(text, sorted(chosen, key=lambda s: s.start))


_NEIGHBOUR_REACH = 60  # characters searched for the word beside a step
DOUBLED_IN_ENGLISH = frozenset({"had", "that", "is", "do"})
"""Words English writes twice in a row ("had had", "that that", "what it is is", "they do do")."""


def _without_doubled_words(text: str, steps: list[Step]) -> list[Step]:
    """``steps`` less those whose new words would repeat the word beside them, which no step
    changes ("freely free programs" restored as "free free programs"): a suggestion that
    doubles its neighbour is the neighbour's own word, not the original of the phrase. Not a
    word English doubles (``DOUBLED_IN_ENGLISH``: "she had had enough", "said that that was
    all"); every function word was let through at first, "to to the shops" too (a review)."""
    changed = SpanIndex(steps)
    kept = []
    for step in steps:
        words = [match.group().lower() for match in WORD_RE.finditer(step.after)]
        if words and ((words[0] not in DOUBLED_IN_ENGLISH and _word_before(text, step.start, changed) == words[0])
                      or (words[-1] not in DOUBLED_IN_ENGLISH and _word_after(text, step.end, changed) == words[-1])):
            continue
        kept.append(step)
    return kept


def _word_before(text: str, at: int, changed: SpanIndex) -> str | None:
    """The word a space parts from ``at`` before it, lower-cased, unless a step changes it."""
    window = text[max(0, at - _NEIGHBOUR_REACH) : at]
    words = window.rstrip()
    if not window[-1:].isspace() or any(c in LINE_BREAKS for c in window[len(words) :]):
        return None
    found = list(WORD_RE.finditer(words))
    if not found or found[-1].end() != len(words):
        return None
    start = at - len(window) + found[-1].start()
    return found[-1].group().lower() if not changed.overlaps(start, start + len(found[-1].group())) else None


def _word_after(text: str, at: int, changed: SpanIndex) -> str | None:
    """The word a space parts from ``at`` after it, lower-cased, unless a step changes it."""
    window = text[at : at + _NEIGHBOUR_REACH]
    rest = window.lstrip()
    if not window[:1].isspace() or any(c in LINE_BREAKS for c in window[: len(window) - len(rest)]):
        return None
    match = WORD_RE.match(rest)
    if match is None:
        return None
    start = at + len(window) - len(rest)
    return match.group().lower() if not changed.overlaps(start, start + len(match.group())) else None


def _a_label(text: str, at: int, article: str, phrase: str) -> bool:
    """Whether a capital "A" at ``at`` names something ("group A (n = 30)", "Plan A",
    "vitamin A"): mid-sentence, before a phrase not in capitals. "group A (blunder
    adjustment term)" was restored as "group An (error correction term)"."""
    if article != "A" or phrase.isupper():
        return False
    before = text[:at].rstrip()
    starts_line = any(character in LINE_BREAKS for character in text[len(before) : at])
    if not before or starts_line or before[-1] in _CLAUSE_OPENERS:
        return False
    # A quotation closed after its stop ('It works." A tool'): the sentence ended before the mark.
    return not (before[-1] in _QUOTE_CLOSERS and before.rstrip(_QUOTE_CLOSERS)[-1:] in (".", "!", "?", "…"))


_CLAUSE_OPENERS = frozenset(".!?…:;\"“‘([{)]—–")
"""What may stand right before a capital "A" that is an article, not a label: a sentence's or
a clause's end, an opening quote or bracket, a closed bracket ("(see Fig. 2) A tool") or a
dash ("Abstract — A tool"); after a closing quote only when a stop closes the sentence in it."""
_QUOTE_CLOSERS = "”’'\"»"


def _joining_space(character: str) -> bool:
    return character.isspace() and character not in _LINE_BREAKS


def _with_its_space(text: str, start: int, end: int) -> tuple[int, int]:
    """A deleted phrase's span with the space that parts it from its neighbours: the spaces
    (or tabs, or no-break spaces) before it, else those after it, so that the words around
    it stay parted as the text parts them ("have  actually  stalled" -> "have  stalled",
    not three spaces); a line break is kept, but a phrase alone on its line (spaces
    around it or not) takes the break after it ("have\\nactually\\nstalled" made a blank
    line: a new paragraph)."""
    before = start
    while before > 0 and _joining_space(text[before - 1]):
        before -= 1
    after = end
    while after < len(text) and _joining_space(text[after]):
        after += 1
    if before > 0 and text[before - 1] in _LINE_BREAKS and after < len(text) and text[after] in _LINE_BREAKS:
        return before, after + (2 if text.startswith("\r\n", after) else 1)  # alone on its line
    if before < start:
        return before, end
    return start, after


def _article_case(wanted: str, article: str, phrase: str) -> str:
    """``wanted`` ("a" or "an") in the case of the article it replaces: upper case when that
    is "AN", or "A" before a phrase in capitals ("A FAKE INTELLIGENCE" -> "AN ARTIFICIAL..."),
    where one letter alone cannot tell capitals from a capitalised word.

    >>> _article_case("an", "A", "FAKE INTELLIGENCE"), _article_case("an", "A", "fake one")
    ('AN', 'An')
    """
    return match_case(wanted, article + phrase if len(article) == 1 else article)


def apply_steps(text: str, steps: Sequence[Step | Mapping[str, Any]]) -> str:
    """Replay ``steps`` on ``text``: :class:`Step` objects, or the ``steps`` of a report's
    JSON as they are. Raises ValueError if a step does not fit the text."""
    _require_text(text, "apply_steps()")
    pieces: list[str] = []
    position = 0
    # By start, then end: an insertion (start == end) goes before a step replacing from the
    # same place, in whatever order the steps come (a trace's report may list them so).
    for step in sorted((_fitting_step(step, text) for step in steps), key=lambda s: (s.start, s.end)):
        if step.start < position:
            raise ValueError(f"step at {step.start}-{step.end} does not fit this text: it overlaps the step before it")
        pieces.append(text[position : step.start])
        pieces.append(step.after)
        position = step.end
    pieces.append(text[position:])
    return "".join(pieces)


def restore_and_explain(text: str, findings: Sequence[Finding] | None = None,
                        min_confidence: float = 0.5) -> tuple[str, list[Step]]:
    """The restored text and the steps that explain it.

    Without ``findings`` the text is checked first. Words disguised with invisible
    characters or look-alike letters (:mod:`unspun.disguise`) that no finding changes are
    given back as a reader sees them. A finding must lie within the text
    (ValueError otherwise) and ``min_confidence`` be from 0 to 1.

    >>> restored, steps = restore_and_explain("We used an irregular woodland.")
    >>> restored
    'We used a random forest.'
    >>> apply_steps("We used an irregular woodland.", steps) == restored
    True
    """
    from .pipeline import find, refuse_lone_surrogate

    _require_text(text, "restore_and_explain()")
    require_share("min_confidence", min_confidence)  # before the detector's time is spent
    if findings is None:
        findings = find(text)  # which also refuses a text too long to check
    else:
        refuse_lone_surrogate(text)
    # Invisible characters and look-alike letters inside words are undone too (each a step):
    # the original had none.
    steps = steps_undisguising(steps_for(text, findings, min_confidence), read_through(text))
    return apply_steps(text, steps), steps


def _require_text(text: object, caller: str) -> None:
    if isinstance(text, (bytes, bytearray)):
        raise TypeError(f"{caller} takes a str, not bytes: decode them first (unspun.read reads files)")
    if not isinstance(text, str):
        raise TypeError(f"{caller} takes a str, not {type(text).__name__}")


def _require_span(what: str, start: int, end: int, text: str) -> None:
    """Refuse offsets that do not slice ``text``: Python's slicing would take them quietly."""
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end)):
        raise TypeError(f"{what} offsets must be whole numbers, not {start!r} and {end!r}")
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"{what} at {start}-{end} does not fit this text of {len(text):,} characters")


def _fitting_finding(finding: object, text: str) -> Finding:
    """``finding``, once it is a Finding whose offsets and suggestion can restore ``text``."""
    if not isinstance(finding, Finding):
        raise TypeError(f"findings must be Finding objects, not {type(finding).__name__}")
    _require_span("finding", finding.start, finding.end, text)
    if finding.suggestion is not None and not isinstance(finding.suggestion, str):
        raise TypeError(f"a finding's suggestion must be a str or None, not {type(finding.suggestion).__name__}")
    if isinstance(finding.confidence, bool) or not isinstance(finding.confidence, (int, float)):
        raise TypeError(f"a finding's confidence must be a number, not {finding.confidence!r}")
    # The rest failed where first used ("can only join an iterable", a step "does not fit").
    if not math.isfinite(finding.confidence):
        raise ValueError(f"a finding's confidence must be finite, not {finding.confidence!r}")
    value = finding.suggestion_confidence
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)):
        raise TypeError(f"a finding's suggestion_confidence must be a finite number or None, not {value!r}")
    evidence = finding.evidence
    if isinstance(evidence, str) or not isinstance(evidence, Iterable) or not all(isinstance(item, str) for item in evidence):
        raise TypeError(f"a finding's evidence must be a sequence of str, not {finding.evidence!r}")
    if finding.text != text[finding.start : finding.end]:
        raise ValueError(f"the finding at {finding.start}-{finding.end} says {finding.text!r}, "
                         f"but the text holds {text[finding.start : finding.end]!r} there")
    return finding


def _step_from_json(data: Mapping[str, Any]) -> Step:
    """A step as a report's JSON writes it (``Step.to_dict``): ``reason`` and
    ``confidence`` may be left out, as replaying does not read them."""
    missing = [key for key in ("start", "end", "before", "after") if key not in data]
    if missing:
        raise ValueError(f"a step needs {', '.join(missing)}; it has {', '.join(map(str, data)) or 'nothing'}")
    # Its offsets and texts are checked as a Step's are, by _fitting_step.
    confidence = data.get("confidence")  # not read by a replay: kept only when it is a number
    return Step(data["start"], data["end"], data["before"], data["after"], str(data.get("reason", "")),
                float(confidence) if isinstance(confidence, int | float) and not isinstance(confidence, bool) else 1.0)


def _fitting_step(step: object, text: str) -> Step:
    """``step``, once it is a Step (or a report's JSON of one) that replaces what ``text``
    holds at its offsets."""
    if not isinstance(step, Step) and isinstance(step, Mapping):  # Step first: the ABC check costs more
        step = _step_from_json(step)
    if not isinstance(step, Step):
        raise TypeError(f"steps must be Step objects or their JSON, not {type(step).__name__}")
    _require_span("step", step.start, step.end, text)
    if not isinstance(step.after, str):
        raise TypeError(f"a step's replacement (after) must be a str, not {type(step.after).__name__}")
    if text[step.start : step.end] != step.before:
        raise ValueError(f"step at {step.start}-{step.end} does not fit this text: "
                         f"it replaces {step.before!r}, the text has {text[step.start : step.end]!r}")
    return step
