"""The stages wired together: ``check(text)`` finds, scores and restores; ``trace(text,
index)`` also finds the source and lists every substitution."""

from __future__ import annotations

import bisect
import os
import time
import unicodedata
from dataclasses import replace
from typing import TYPE_CHECKING, Any, NamedTuple

from ._gc import collection_paused
from ._unicode import describe_lone_surrogate
from .capitals import WrittenCase, in_ordinary_case, written_case
from .config import MAX_CHECK_CHARS, CheckConfig, TraceConfig, require_flag, require_instance
from .disguise import Reading, findings_on_text, is_blank, read_through, reading_stats, steps_undisguising
from .errors import EmptyInputError, MalformedInputError, TooLargeError
from .language import reads_as_english
from .models import SCORE_PLACES, Document, Finding, Match, Report, Step, Substitution, Verdict, reaches
from .restore import apply_steps, match_case, restore_and_explain, steps_for, title_words
from .spans import SpanIndex
from .text import tokenize

if TYPE_CHECKING:
    from .alignment import AlignedSpan, Alignment
    from .detect.engine import Analysis
    from .index import Index

SOURCE_FOUND = "source found"
NO_SOURCE = "no source in the collection"
UNREAD_SCORE = 0.5
"""The score of a text the detector does not read (one that does not read as English):
as likely spun as not, so the verdict is "uncertain"."""


def as_document(text_or_document: str | Document, caller: str = "check()") -> Document:
    """Wrap a plain string as a document with id ``"text"``."""
    if isinstance(text_or_document, Document):
        for name in ("text", "id", "title", "source"):
            value = getattr(text_or_document, name)
            if not isinstance(value, str):
                raise TypeError(f"{caller} needs a Document whose {name} is a str, not {type(value).__name__}")
            # The report carries them: one that cannot be written is refused here, as the readers refuse it.
            problem = describe_lone_surrogate(value) if name != "text" else None
            if problem:
                raise MalformedInputError(f"{caller}: the document's {name} holds {problem}")
        return text_or_document
    if not isinstance(text_or_document, str):
        raise TypeError(f"{caller} takes a str or a Document, not {type(text_or_document).__name__}")
    return Document(id="text", title="", text=text_or_document, source="text")


def refuse_lone_surrogate(text: str, name: str | None = None) -> None:
    """Raise :class:`~unspun.errors.MalformedInputError` if ``text`` holds a lone surrogate
    (:mod:`unspun._unicode`): its report could not be written. ``name`` (a document id)
    starts the message, as the readers' messages do."""
    problem = describe_lone_surrogate(text)
    if problem:
        raise MalformedInputError(f"{_prefix(name)}the text holds {problem}")


def require_checkable(text: str, name: str | None = None) -> None:
    """Refuse a text that one check cannot read: a lone surrogate, or more than
    :data:`~unspun.config.MAX_CHECK_CHARS` characters (:class:`~unspun.errors.TooLargeError`)."""
    if len(text) > MAX_CHECK_CHARS:
        raise TooLargeError(f"{_prefix(name)}the text is {len(text):,} characters long, over the limit of "
                            f"{MAX_CHECK_CHARS:,} (about 170,000 words) for one check: split it and check the parts")
    refuse_lone_surrogate(text, name)


def require_something_to_read(text: str, name: str | None = None) -> None:
    """Refuse a text with nothing a reader sees (:class:`~unspun.errors.EmptyInputError`), as
    the command line refuses an empty file: a report on it would say "clean" of nothing."""
    if is_blank(text):
        raise EmptyInputError(f"{_prefix(name)}empty text (white space or invisible characters only), nothing to check")
    if not any(character.isalpha() for character in text):  # stops at the first letter
        # Emoji, numbers, punctuation or control characters alone were "clean" with 0 words.
        raise EmptyInputError(f"{_prefix(name)}no words to check (numbers, symbols or punctuation only)")


def _prefix(name: str | None) -> str:
    return f"{name}: " if name is not None else ""


def find(text: str) -> list[Finding]:
    """Every finding in ``text``, in reading order."""
    if not isinstance(text, str):
        raise TypeError(f"find() takes a str, not {type(text).__name__}")
    require_checkable(text)
    reading = _reading(text)
    seen, _ = _in_ordinary_case(reading)
    if not reads_as_english(seen, _zipf):
        return _on_text([], reading)  # its disguised words only
    return _on_text(analyse(seen).findings, reading)


def analyse(text: str, deep: bool = False, suspect: bool = False, deep_candidates: int | None = None,
            language_model: str | None = None) -> Analysis:
    """The detector's analysis of ``text``: findings, document score, tokenised context
    (``suspect``, ``deep_candidates`` and ``language_model``: see :class:`CheckConfig`)."""
    from .detect.engine import Engine
    from .detect.repeats import with_capitalised_repeats

    if deep:
        from .detect.deep import deep_engine

        engine = deep_engine(language_model)
        if deep_candidates is not None:
            engine = engine.within(deep_candidates)
        analysis = engine.analyse(text, suspect)
    else:
        analysis = Engine.default().analyse(text, suspect)
    # After the document score: a repeat in capitals is the same evidence again, not more.
    analysis.findings = with_capitalised_repeats(analysis.context, analysis.findings)
    return analysis


def _reading(text: str) -> Reading:
    """``text`` as a person reads it (:mod:`unspun.disguise`), words broken by a hyphen at a
    line's end judged by the lexicon's word frequencies (loaded only for such a text)."""
    return read_through(text, _joined_zipf)


def _zipf(word: str) -> float:
    from .lexicon import Lexicon

    return Lexicon.load().zipf(word)


def _joined_zipf(word: str) -> float:
    """A word's Zipf frequency for joining a word broken at a line's end: the lexicon's table
    keeps plain ASCII keys, so an accented word is looked up without its accents ("ca-\nfé"
    was never joined: "café" was unknown). Not for telling English: French read so knew 89%
    of its words, over the bar."""
    found = _zipf(word)
    if found == 0.0 and not word.isascii():
        plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii")
        found = _zipf(plain) if plain else 0.0
    return found


def _in_ordinary_case(reading: Reading) -> tuple[str, WrittenCase | None]:
    """The text the detector reads: ``reading``'s, in ordinary case if it is written in
    capitals or in title case (there every word looks like a name, which a spinner leaves
    alone; unspun.capitals); and the case it is written in."""
    case = written_case(reading.text)
    return (reading.text if case is None else in_ordinary_case(reading.text, case=case)), case


def _on_text(findings: list[Finding], reading: Reading) -> list[Finding]:
    """The detector's ``findings`` on the text it read (``reading``'s, perhaps in ordinary
    case: :func:`_in_ordinary_case`; the offsets are the same) moved onto the text
    ``reading`` was read from, their suggestions in the case of the phrases as written."""
    return findings_on_text([_as_written(finding, reading.text) for finding in findings], reading)


def _as_written(finding: Finding, text: str) -> Finding:
    """``finding`` moved onto ``text``: its phrase as written there, its suggestions in that
    phrase's case. Also where the detector read ``text`` itself: a heading in
    capitals inside ordinary text showed "AND ALSO -> And", "IRREGULAR WOODLAND -> random
    forest", and the alternatives of a capitalised word in lower case."""
    written = text[finding.start : finding.end]
    return replace(finding, text=written,
                   suggestion=None if finding.suggestion is None else match_case(finding.suggestion, written),
                   alternatives=tuple(match_case(option, written) for option in finding.alternatives))


def verdict_for(score: float, config: CheckConfig) -> Verdict:
    """Cut a score into a verdict with the documented thresholds."""
    if score >= config.spun_threshold:
        return "spun"
    if score < config.clean_threshold:
        return "clean"
    return "uncertain"


def check(text_or_document: str | Document, config: CheckConfig = CheckConfig(), deep: bool = False) -> Report:
    """Check one text for machine spinning; ``deep=True`` adds neural evidence (the ``deep`` extra).

    A text over :data:`~unspun.config.MAX_CHECK_CHARS` characters raises
    :class:`~unspun.errors.TooLargeError`, one holding a lone surrogate
    :class:`~unspun.errors.MalformedInputError`.

    >>> report = check("The irregular woodland beat the baseline.")
    >>> report.verdict, report.findings[0].suggestion
    ('spun', 'random forest')
    """
    began = time.perf_counter()
    document = as_document(text_or_document)
    require_instance("config", config, CheckConfig)
    require_flag("deep", deep)
    require_checkable(document.text, _name_of(text_or_document))
    require_something_to_read(document.text, _name_of(text_or_document))
    # The analysis (tens of thousands of objects) is dropped when _report returns, before
    # the collector resumes: see unspun._gc.
    with collection_paused():
        return _report(document, config, deep, began)


class _Part(NamedTuple):
    """What one match explains of a traced text: its aligned spans and the edits (and, among
    them, the substitutions) inside them."""

    match: Match
    spans: list[AlignedSpan]
    edits: list[Substitution]
    substitutions: list[Substitution]


def _explained_parts(matches: list[tuple[Match, Alignment]]) -> list[_Part]:
    """Each match with the parts of the text it explains: the best match explains all it
    aligns, each later one only what no better match aligned (a page that joins a faithful
    copy of one source and a spun copy of another has both)."""
    claimed = SpanIndex()
    parts = []
    for match, alignment in matches:
        spans = [span for span in alignment.spans if not claimed.overlaps(span.start, span.end)]
        if not spans:
            continue
        for span in spans:
            claimed.add(span.start, span.end)
        parts.append(_Part(match, spans, [e for e in alignment.edits if _within(e, spans)],
                           [e for e in alignment.substitutions if _within(e, spans)]))
    return parts


def _within(edit: Substitution, spans: list[AlignedSpan]) -> bool:
    return any(span.start <= edit.start and edit.end <= span.end for span in spans)


def _name_of(text_or_document: str | Document) -> str | None:
    """The id that names a document in an error; a plain string has none worth naming."""
    return text_or_document.id if isinstance(text_or_document, Document) else None


def _report(document: Document, config: CheckConfig, deep: bool, began: float) -> Report:
    """The report of :func:`check` for one document."""
    # The detector reads the text as a person sees it (unspun.disguise): invisible characters
    # and look-alike letters inside words would hide them from every model.
    reading = _reading(document.text)
    seen, case = _in_ordinary_case(reading)
    if not reads_as_english(seen, _zipf):
        return _not_english_report(document, reading, seen, config, deep, began)
    analysis = analyse(seen, deep, config.suspect, config.deep_candidates, config.language_model)
    # The bar is met before the findings move onto the text as written: a disguised word no
    # kept finding covers becomes a finding of its own there, as its restoration step is one.
    findings = _on_text([f for f in analysis.findings if reaches(f.confidence, config.min_confidence)], reading)
    # The report gives the score to four places (Report.to_dict); the verdict is cut from that
    # same score, so that a report never says 1.0 and "uncertain" at a bar of 1.0.
    score = round(analysis.score, SCORE_PLACES)
    restored, steps = restore_and_explain(document.text, findings, config.restore_confidence)
    # Word and number tokens, already counted by the engine.
    stats = _stats(document, reading, config, deep, began, len(analysis.context.words))
    stats.update(_case_stats(case))
    surprise = analysis.features.get("surprise_probability")
    if surprise is not None:  # deep mode: which evidence the document score comes from
        stats["surprise"] = round(surprise, 4)
        stats["score_from"] = "surprise" if surprise == analysis.score else "findings"
    return Report(
        id=document.id,
        title=document.title,
        text=document.text,
        verdict=verdict_for(score, config),
        score=score,
        findings=tuple(findings),
        restored=restored,
        steps=tuple(steps),
        stats=stats,
    )


def _stats(document: Document, reading: Reading, config: CheckConfig, deep: bool, began: float,
           words: int) -> dict[str, Any]:
    """The stats every check report has (docs/report.md), ``words`` counted by the caller."""
    stats: dict[str, Any] = {
        "words": words,
        "seconds": round(time.perf_counter() - began, 4),
        "source": document.source,
        "mode": "deep" if deep else "fast",
        "suspect": config.suspect,
        "min_confidence": config.min_confidence,  # so that --resume can tell a run with another bar
    }
    if deep and config.deep_candidates is not None:
        stats["deep_candidates"] = config.deep_candidates
    if deep:
        # Which language model's evidence: asked of the deep engine, which a text that does
        # not read as English builds too, so that deep mode without its extra fails alike.
        from .detect.deep import deep_engine, language_model

        stats["language_model"] = language_model(deep_engine(config.language_model).model).name
    stats.update(_read_through(reading))
    return stats


def _read_through(reading: Reading) -> dict[str, dict[str, int]]:
    """``stats.read_through`` where the reading counts something. A text read otherwise only
    by characters dropped between words (an emoji's joiner, a byte order mark, a direction
    mark) has nothing to count, and the key with every count 0 read as "disguised" to a
    pipeline that went by its presence (an audit, session 64)."""
    counts = {} if reading.unchanged else reading_stats(reading)
    return {"read_through": counts} if any(counts.values()) else {}


def _not_english_report(document: Document, reading: Reading, seen: str, config: CheckConfig, deep: bool,
                        began: float) -> Report:
    """The report of a text that does not read as English (:mod:`unspun.language`): not
    read by the detector, whose evidence is English; "uncertain" at the uninformed score
    0.5, with its disguised words as findings."""
    findings = _on_text([], reading)  # the disguised words only, each sure (1.0)
    restored, steps = restore_and_explain(document.text, findings, config.restore_confidence)
    stats = _stats(document, reading, config, deep, began, sum(1 for token in tokenize(seen) if token.kind != "punct"))
    stats["not_english"] = True
    # "uncertain" whatever bars the caller set: they place a score the detector gave, and
    # it gave none here (spun_threshold=0.5 made unread French "spun": an audit, session 64).
    return Report(id=document.id, title=document.title, text=document.text, verdict="uncertain", score=UNREAD_SCORE,
                  findings=tuple(findings), restored=restored, steps=tuple(steps), stats=stats)


def trace(
    text_or_document: str | Document,
    index: Index,
    config: TraceConfig = TraceConfig(),
    check_config: CheckConfig = CheckConfig(),
) -> Report:
    """Find the source of a text in ``index`` and list every substitution.

    The report has the keys of :func:`check`, plus ``matches`` (best first) and
    ``trace_verdict`` ("source found" or "no source in the collection"). When a source is
    found, each substitution becomes a finding with evidence ``source`` whose suggestion is
    the source's wording, and ``restored`` puts the source's wording back wherever aligned;
    the source-free detector runs only when no source is found (or with
    ``TraceConfig.also_check``), since the source says more than it can.
    """
    from .alignment import align
    from .index import Index

    began = time.perf_counter()
    document = as_document(text_or_document, "trace()")
    if not isinstance(index, Index):
        hint = ": open one with unspun.Index.open(path)" if isinstance(index, (str, os.PathLike)) else ""
        raise TypeError(f"trace() takes an Index, not {type(index).__name__}{hint}")
    require_instance("config", config, TraceConfig)
    require_instance("check_config", check_config, CheckConfig)
    require_checkable(document.text, _name_of(text_or_document))
    require_something_to_read(document.text, _name_of(text_or_document))
    # Sources are found and aligned in the text as a person reads it (unspun.disguise), and
    # the alignment moved back onto the text; the source is read the same way, or a soft
    # hyphen or a zero-width space in a stored original would be a "substitution" in a
    # faithful copy.
    reading = _reading(document.text)
    tokens = [t for t in tokenize(reading.text) if t.kind != "punct"]
    words = len(tokens)
    matches: list[tuple[Match, Alignment]] = []
    for candidate in index.candidates(reading.text, k=config.candidates):
        if max(candidate.score, candidate.coverage) < config.min_candidate_score:
            continue  # too little shared to be worth aligning
        source = index.get(candidate.id)
        if source is None:  # removed between the two reads
            continue
        source_reading = _reading(source.text)
        alignment = _alignment_on_text(align(source_reading.text, reading.text), reading, source_reading)
        aligned_words = round(alignment.coverage * words)
        if alignment.coverage < config.min_coverage or aligned_words < config.min_aligned_words:
            continue
        score = alignment.coverage * (0.5 + 0.5 * alignment.matched_words / max(1, aligned_words))
        match = Match(
            id=source.id,
            title=source.title,
            score=min(1.0, score),
            coverage=alignment.coverage,
            substitutions=alignment.substitutions,
            source_text=source.text,
            restored=alignment.restored,
        )
        matches.append((match, alignment))
    matches.sort(key=lambda pair: -pair[0].score)
    matches = matches[: config.max_matches]
    if not matches:
        report = check(document, check_config)
        stats = dict(report.stats, seconds=round(time.perf_counter() - began, 4))
        return Report(report.id, report.title, report.text, report.verdict, report.score, report.findings,
                      report.restored, report.steps, (), NO_SOURCE, stats)

    parts = _explained_parts(matches)
    explained = SpanIndex(span for part in parts for span in part.spans)
    starts = [reading.position(t.start) for t in tokens]  # the spans do not overlap: count the words each holds
    share = sum(bisect.bisect_left(starts, span.end) - bisect.bisect_left(starts, span.start)
                for part in parts for span in part.spans) / max(1, words)
    changed = [part.match for part in parts if part.substitutions]
    # A page may join a faithful copy of an indexed text with words from elsewhere: unread,
    # that rest would be called clean on the copy's word. The detector then reads the text
    # and speaks for the rest. (A source that changed words already makes the page spun: the
    # detector, most of a trace's time, then reads only with also_check.)
    checked = config.also_check or (share < config.full_coverage and not changed)
    if checked:
        report = check(document, check_config)
    # A copy in capitals (or in title case) of a source in ordinary case differs from it in
    # every word's case: no change a reader would restore; the source's words come back in
    # the copy's case.
    case = written_case(reading.text)
    source_findings = [
        Finding(
            start=s.start,
            end=s.end,
            text=s.spun,
            suggestion=_as_copied(s.source, s.spun, case),
            confidence=config.source_confidence,
            evidence=("source",),
            kind="swap" if s.spun and s.source else ("insertion" if s.spun else "deletion"),
            note=f"the source {part.match.id} has '{s.source}' here" if s.source
            else f"the source {part.match.id} has nothing here",
        )
        for part in parts
        for s in part.substitutions
        if s.spun  # a dropped word has no place in the spun text to mark
    ]
    free = [f for f in report.findings if f.kind != "disguise"] if checked else []
    from_source = SpanIndex(source_findings)
    # Beside a source, the detector speaks only where no source does (unless asked everywhere).
    kept = [f for f in free if from_source.clear(f) and (config.also_check or explained.clear(f))]
    spoken = SpanIndex([*source_findings, *kept])
    disguises = [f for f in findings_on_text([], reading) if spoken.clear(f)]
    findings = sorted([*source_findings, *kept, *disguises], key=lambda f: (f.start, -f.end))
    from_sources = [Step(e.start, e.end, e.spun, _as_copied(e.source, e.spun, case), f"source: {part.match.id}",
                         config.source_confidence)
                    for part in parts for e in part.edits if not (case and e.spun.lower() == e.source.lower())]
    # The detector's findings kept beside a source are restored as check() restores them:
    # they were listed, and the restored text left them as written (an audit, session 64).
    with_articles = steps_for(document.text, kept, check_config.restore_confidence)
    from_detector = _clear_of(with_articles, from_sources)
    if len(from_detector) < len(with_articles):
        # A step that took in its phrase's article, which the source's edit changes ("ran an
        # irregular woodland" beside "an -> the"), overlapped it, and apply_steps raised: the
        # phrase alone is restored then, the source's edit writing the article (a review).
        alone = steps_for(document.text, kept, check_config.restore_confidence, articles=False)
        from_detector += _clear_of(alone, [*from_sources, *from_detector])
    steps = steps_undisguising(sorted([*from_sources, *from_detector], key=lambda step: (step.start, step.end)),
                               reading)
    if changed:
        # Words changed against an indexed original are as sure as each of them: a copy of
        # three paragraphs in a long page is no less spun (its coverage, the score until
        # session 35, put such a "spun" verdict below the spun bar).
        verdict: Verdict = "spun"
        score = max(config.source_confidence, report.score if checked else 0.0)
    elif checked:
        verdict, score = report.verdict, report.score
    else:
        verdict, score = "clean", 0.0  # a faithful copy of its source: copied, not spun
    return Report(
        id=document.id,
        title=document.title,
        text=document.text,
        verdict=verdict,
        score=score,
        findings=tuple(findings),
        restored=apply_steps(document.text, steps),
        steps=tuple(steps),
        matches=tuple(m for m, _ in matches),
        trace_verdict=SOURCE_FOUND,
        stats={
            "words": words,
            "seconds": round(time.perf_counter() - began, 4),
            "source": document.source,
            "mode": "trace",
            **_read_through(reading),
            **_case_stats(case),
        },
    )


def _clear_of(steps: list[Step], edits: list[Step]) -> list[Step]:
    """Those of ``steps`` that overlap none of ``edits``."""
    return [step for step in steps if not any(_overlapping(step, edit) for edit in edits)]


def _overlapping(step: Step, other: Step) -> bool:
    """Whether two steps touch the same characters, or one inserts inside the other's span."""
    if step.start == step.end or other.start == other.end:
        return (step.start < other.end and other.start < step.end) or step.start == other.start
    return step.start < other.end and other.start < step.end


def _as_copied(source: str, spun: str, case: WrittenCase | None) -> str:
    """The source's words ``source`` for the copy's ``spun``: in capitals in a copy in
    capitals, in title case in one in title case (where ``spun`` is so written, or is
    nothing: a word the copy dropped)."""
    if case == "capitals":
        return source.upper() if not spun or spun.isupper() else source
    if case == "title":
        # A capitalised word stands for as many words as the source has there, each
        # capitalised: "Big" -> "Very Large" (match_case reads one word as a sentence's start:
        # "Very large"). Words for an acronym come back in capitals, for a word in small
        # letters as the source has them.
        letters = [character for character in spun if character.isalpha()]
        if not spun or (letters and letters[0].isupper() and not (len(letters) > 1 and spun.isupper())):
            return title_words(source)
        return match_case(source, spun)
    return source


def _case_stats(case: WrittenCase | None) -> dict[str, bool]:
    """The report's word on a text read in ordinary case (``stats.in_capitals``,
    ``stats.in_title_case``)."""
    return {"in_capitals": True} if case == "capitals" else {"in_title_case": True} if case == "title" else {}


def _alignment_on_text(alignment: Alignment, reading: Reading, source_reading: Reading) -> Alignment:
    """``alignment`` of ``source_reading.text`` with ``reading.text``, its offsets (and the
    words it quotes) moved onto the texts the readings were read from."""
    if reading.unchanged and source_reading.unchanged:
        return alignment
    from .alignment import AlignedSpan, Alignment

    def moved(edit: Substitution) -> Substitution:
        start, end = reading.span(edit.start, edit.end)
        source_start, source_end = source_reading.span(edit.source_start, edit.source_end)
        return Substitution(source_reading.original[source_start:source_end], reading.original[start:end],
                            source_start, source_end, start, end)

    edits = tuple(moved(edit) for edit in alignment.edits)
    spans = tuple(AlignedSpan(*source_reading.span(s.source_start, s.source_end), *reading.span(s.start, s.end))
                  for s in alignment.spans)
    restored = apply_steps(reading.original, steps_undisguising(
        [Step(e.start, e.end, e.spun, e.source, "", 1.0) for e in edits], reading))
    return Alignment(tuple(moved(s) for s in alignment.substitutions), edits, spans, alignment.coverage,
                     alignment.source_coverage, alignment.matched_words, restored)
