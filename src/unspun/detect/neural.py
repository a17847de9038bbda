"""Deep evidence: how much better each option reads than the words seen, by a neural LM.

:class:`NeuralScorer` is a :class:`~unspun.detect.scorers.Scorer` like the trigram one, but
its model reads up to ``left_words`` words before a span and ``right_words`` after it, and
it scores whole words (every sub-word piece), so "irregular woodland" and "random forest"
are compared as phrases. Each sentence (or window of a long one) becomes one token tree: the
text as written (the trunk) and, for every candidate, one branch per option that forks where
the span starts and carries the option and the words after it. An "a"/"an" just before a
span is part of every reading and follows the option ("an instrument" -> "a tool"), as
spinners fix it. Trees go through the model in padded batches: a page costs a few passes.

Features, natural log (nats):

- per option: ``nlm_delta`` (log-probability of span + right context with the option minus
  with the words seen), ``nlm_right_delta`` (the part of it on the words after the span),
  ``nlm_delta_per_token`` (the same comparison as a mean per sub-word piece),
  ``nlm_delta_prior`` (``nlm_delta`` minus the option's frequency advantage, Zipf-based, as
  ``lm_delta_pmi`` does for the trigram model: frequent words do not win by being frequent);
- per candidate: ``nlm_seen_logp`` (log-probability of the words seen given the words
  before, per word), ``nlm_seen_fit`` (the same minus their frequency prior: low when the
  context did not expect them), ``nlm_max_delta`` and ``nlm_max_delta_prior`` (best over the
  scored options), ``nlm_options_scored``.

Only the first ``top_options`` options of a candidate are scored (the fast path sorts them
best first), or as many as the caller's ``option_counts`` gives it (deep mode reads fewer for
its less suspicious candidates); the others get no ``nlm_*`` features. Needs the ``deep`` extra; the model loads
on the first :meth:`NeuralScorer.score`, never at import.

>>> from unspun.detect.context import TextContext
>>> from unspun.detect.candidates import Candidate, Option
>>> context = TextContext.build("They spilled secrets to the press.")
>>> span = context.tokens[1]
>>> candidate = Candidate(span.start, span.end, 1, 2, "swap", [Option("leaked", ("leaked",))])
>>> NeuralScorer().score(context, [candidate])  # doctest: +SKIP
>>> candidate.options[0].features["nlm_delta"] > 0  # doctest: +SKIP
True
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..models import Token
from ..restore import article_for
from .candidates import Candidate, Option
from .context import TextContext

if TYPE_CHECKING:
    from ..deep import CausalLM, ModelSpec, TokenTree
    from ..lexicon import Lexicon

TOP_OPTIONS = 6
RIGHT_WORDS = 3
LEFT_WORDS = 16
CHUNK_WORDS = 48
MAX_TREE_TOKENS = 192
MAX_SEGMENT_TOKENS = 256
"""The most model tokens read of one stretch of text between two cuts of a trunk (context
before a span, the span, the context after it): :func:`_within_reach`."""
BATCH_SIZE = 16
# Zipf 1 is about one occurrence per 100 million words; unknown words (Zipf 0) are floored
# here so that one rare spelling does not swing the prior by 20 nats.
_ZIPF_FLOOR = 1.0
_LN10 = math.log(10.0)


class NeuralScorer:
    """Neural-LM evidence for candidates, as ``nlm_*`` features (see the module docstring).

    ``lm``: any :class:`~unspun.deep.CausalLM`; by default the model ``spec`` names
    (SmolLM2-135M when none), loaded (with ``dtype``) on the first :meth:`score`. ``top_options``: options scored per candidate.
    ``right_words``: words after the span whose probability counts too. ``left_words``:
    context before a span (the sentence, at most this many words). ``batch_size``: rows of trees per
    forward pass. ``select`` and ``max_candidates`` bound the cost: only candidates for which
    ``select`` is true are scored, and at most ``max_candidates`` of them, the most confident
    first (``Candidate.confidence``, then text order). Callers may also simply pass a subset.
    """

    name = "neural"

    def __init__(
        self,
        lm: CausalLM | None = None,
        lexicon: Lexicon | None = None,
        *,
        top_options: int = TOP_OPTIONS,
        right_words: int = RIGHT_WORDS,
        left_words: int = LEFT_WORDS,
        batch_size: int = BATCH_SIZE,
        max_tree_tokens: int = MAX_TREE_TOKENS,
        select: Callable[[Candidate], bool] | None = None,
        max_candidates: int | None = None,
        dtype: str = "auto",
        spec: ModelSpec | None = None,
    ) -> None:
        self._lm = lm
        self.spec = spec
        self._lexicon = lexicon
        self.top_options = top_options
        self.right_words = right_words
        self.left_words = left_words
        self.batch_size = batch_size
        self.max_tree_tokens = max_tree_tokens
        self.select = select
        self.max_candidates = max_candidates
        self.dtype = dtype

    @property
    def lm(self) -> CausalLM:
        """The language model, loaded on first use."""
        if self._lm is None:
            from ..deep import SMOLLM2, load_lm, with_tree_cache

            self._lm = with_tree_cache(load_lm(self.spec or SMOLLM2, dtype=self.dtype))
        return self._lm

    @property
    def language_model(self) -> str:
        """The name of the model this scorer reads with (:attr:`unspun.deep.ModelSpec.name`),
        without loading it."""
        if self._lm is not None:
            return self._lm.name
        from ..deep import SMOLLM2

        return (self.spec or SMOLLM2).name

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            from ..lexicon import Lexicon

            self._lexicon = Lexicon.load()
        return self._lexicon

    def chosen(self, candidates: Sequence[Candidate]) -> list[Candidate]:
        """The candidates :meth:`score` will score: those with options, passing ``select``,
        at most ``max_candidates`` (most confident first)."""
        chosen = [c for c in candidates if c.options and (self.select is None or self.select(c))]
        if self.max_candidates is not None and len(chosen) > self.max_candidates:
            ranked = sorted(range(len(chosen)), key=lambda i: (-chosen[i].confidence, i))
            keep = set(ranked[: self.max_candidates])
            chosen = [c for i, c in enumerate(chosen) if i in keep]
        return chosen

    def score(self, context: TextContext, candidates: Sequence[Candidate],
              option_counts: Sequence[int] | None = None) -> None:
        """Add the ``nlm_*`` features to ``candidates`` (those :meth:`chosen`) and their
        options. ``option_counts``: how many options to score for each candidate, in the
        order of ``candidates`` (default: ``top_options`` for every one)."""
        if option_counts is not None and len(option_counts) != len(candidates):
            raise ValueError(f"{len(option_counts)} option counts for {len(candidates)} candidates")
        chosen = self.chosen(candidates)
        if not chosen:
            return
        lm = self.lm
        counts = {} if option_counts is None else {
            id(candidate): count for candidate, count in zip(candidates, option_counts, strict=True)}
        plans = [plan for group in _groups(context, chosen, self.left_words)
                 for plan in self._plan(context, group, lm, counts)]
        packed = [tree for plan in plans for tree in plan.trees(self.max_tree_tokens)]
        results = lm.tree_logprobs([tree for tree, _ in packed], batch_size=self.batch_size)
        for (_, places), logprobs in zip(packed, results, strict=True):
            for branch, at in places:
                span_at = at + branch.head_len
                right_at = span_at + branch.span_len
                branch.sums = (
                    float(logprobs[at:span_at].sum()),
                    float(logprobs[span_at:right_at].sum()),
                    float(logprobs[right_at : at + len(branch.tokens)].sum()),
                )
        for plan in plans:
            self._features(context, plan)

    # -- building the trees --------------------------------------------------------------

    def _plan(self, context: TextContext, group: _Group, lm: CausalLM, option_counts: dict[int, int]) -> list[_Plan]:
        tokens = context.tokens
        first_token = group.trunk_start
        cuts = {first_token}
        right_end: dict[int, int] = {}
        article: dict[int, int] = {}  # candidate -> index of the "a"/"an" just before it
        for candidate in group.candidates:
            end = max(candidate.last, _right_end(group.sentence_words, candidate.last, self.right_words, group.sentence_end))
            right_end[id(candidate)] = end
            cuts.update((candidate.first, candidate.last, end))
            before = candidate.first - 1
            if before >= first_token and tokens[before].text.lower() in ("a", "an") and _spaced(tokens, candidate.first):
                article[id(candidate)] = before
                cuts.add(before)
        ordered = sorted(cuts)
        trunk: list[int] = list(lm.context_prefix)
        offset: dict[int, int] = {}
        for a, b in itertools.pairwise(ordered):
            offset[a] = len(trunk)
            trunk.extend(_within_reach(lm.encode(_render(tokens, a, b, leading=a > first_token))))
        offset[ordered[-1]] = len(trunk)
        plan = _Plan(tuple(trunk))
        for candidate in group.candidates:
            # With "a"/"an" before the span, every reading starts at the article, fixed to
            # suit the option ("an instrument" -> "a tool"), as spinners fix it the other way.
            begin = article.get(id(candidate), candidate.first)
            seen_at, span_at, right_at = offset[begin], offset[candidate.first], offset[candidate.last]
            stop = offset[right_end[id(candidate)]]
            right = tuple(trunk[right_at:stop])
            seen = _Branch(candidate, None, seen_at, tuple(trunk[seen_at:stop]), span_at - seen_at, right_at - span_at)
            plan.seen.append(seen)
            observed = context.text[candidate.start : candidate.end]
            lead = " " if begin > first_token and _spaced(tokens, begin) else ""
            for option in candidate.options[: option_counts.get(id(candidate), self.top_options)]:
                written = _match_case(option.text, observed)
                head: tuple[int, ...] = ()
                if begin != candidate.first:
                    seen_article = tokens[begin].text
                    wanted = article_for(written) if written else seen_article.lower()
                    head = lm.encode(lead + _match_case(wanted, seen_article))
                    pieces = lm.encode(" " + written) if written else ()
                else:
                    pieces = lm.encode(lead + written) if written else ()
                plan.branches.append(_Branch(candidate, option, seen_at, head + pieces + right, len(head), len(pieces)))
        return [plan]

    # -- features ------------------------------------------------------------------------

    def _features(self, context: TextContext, plan: _Plan) -> None:
        for seen in plan.seen:
            candidate = seen.candidate
            seen_head, seen_span, seen_right = seen.sums
            seen_words = [context.words[i].key for i in range(candidate.first, candidate.last) if i in context.words]
            seen_prior = self._prior(seen_words)
            n_seen = max(1, len(seen_words))
            seen_total = seen_head + seen_span + seen_right
            seen_pieces = max(1, len(seen.tokens))
            best, best_prior, scored = -math.inf, -math.inf, 0
            for branch in plan.branches:
                if branch.candidate is not candidate or branch.option is None:
                    continue
                option = branch.option
                head, span, right = branch.sums
                total = head + span + right
                delta = total - seen_total
                if option.words:
                    advantage = self._prior(option.words) - seen_prior
                    per_token = total / max(1, len(branch.tokens)) - seen_total / seen_pieces
                else:  # dropping the span: no frequency to compare
                    advantage = 0.0
                    per_token = (total / len(branch.tokens) if branch.tokens else 0.0) - seen_total / seen_pieces
                option.features.update(
                    {
                        "nlm_delta": delta,
                        "nlm_right_delta": right - seen_right,
                        "nlm_delta_per_token": per_token,
                        "nlm_delta_prior": delta - advantage,
                    }
                )
                best = max(best, delta)
                best_prior = max(best_prior, delta - advantage)
                scored += 1
            candidate.features.update(
                {
                    "nlm_seen_logp": seen_span / n_seen,
                    "nlm_seen_fit": (seen_span - seen_prior) / n_seen,
                    "nlm_max_delta": best if scored else 0.0,
                    "nlm_max_delta_prior": best_prior if scored else 0.0,
                    "nlm_options_scored": float(scored),
                }
            )

    def _prior(self, words: Sequence[str]) -> float:
        """Natural-log unigram probability of a word or phrase, from its Zipf frequency."""
        if not words:
            return 0.0
        zipf = self.lexicon.zipf(" ".join(words))
        return _LN10 * (max(zipf, _ZIPF_FLOOR) - 9.0)


@dataclass(slots=True)
class _Branch:
    """Tokens that follow the trunk's first ``fork`` tokens: a head (the article before the
    span, when there is one), the span, then the right context."""

    candidate: Candidate
    option: Option | None  # None: the words seen, read from the trunk itself
    fork: int
    tokens: tuple[int, ...]
    head_len: int
    span_len: int
    sums: tuple[float, float, float] = (0.0, 0.0, 0.0)  # log-probability of the head, span, right context


@dataclass(slots=True)
class _Plan:
    """One trunk and the branches that fork from it."""

    trunk: tuple[int, ...]
    seen: list[_Branch] = field(default_factory=list)
    branches: list[_Branch] = field(default_factory=list)

    def trees(self, max_tokens: int) -> list[tuple[TokenTree, list[tuple[_Branch, int]]]]:
        """Token trees holding every branch, each at most ``max_tokens`` long unless one
        branch alone is longer; with where each branch's tokens sit in its tree."""
        from ..deep import TokenTree

        out: list[tuple[TokenTree, list[tuple[_Branch, int]]]] = []
        size = len(self.trunk)
        trunk_parents = tuple(range(-1, size - 1))
        tokens: list[int] = []
        parents: list[int] = []
        where: list[tuple[_Branch, int]] = [(b, b.fork) for b in self.seen]

        def flush() -> None:
            wanted = [at + k for branch, at in where for k in range(len(branch.tokens))]
            tree = TokenTree(self.trunk + tuple(tokens), trunk_parents + tuple(parents), tuple(wanted))
            out.append((tree, list(where)))
            tokens.clear()
            parents.clear()
            where.clear()

        for branch in self.branches:
            if tokens and size + len(tokens) + len(branch.tokens) > max_tokens:
                flush()
            at = size + len(tokens)
            where.append((branch, at))
            for k, token in enumerate(branch.tokens):
                parents.append(branch.fork - 1 if k == 0 else at + k - 1)
                tokens.append(token)
        if tokens or where:
            flush()
        return out


@dataclass(slots=True)
class _Group:
    """Candidates of one sentence close enough to share a trunk."""

    sentence_words: list[int]  # token indices of the sentence's words
    sentence_end: int
    trunk_start: int
    candidates: list[Candidate]


def _groups(context: TextContext, candidates: Sequence[Candidate], left_words: int) -> list[_Group]:
    """Candidates grouped by sentence, then into windows (at most ``CHUNK_WORDS`` words, no
    gap longer than ``left_words``), each with up to ``left_words`` words of context before it."""
    starts = [s.first_token for s in context.sentences]
    by_sentence: dict[int, list[Candidate]] = {}
    for candidate in candidates:
        number = max(0, bisect.bisect_right(starts, candidate.first) - 1)
        by_sentence.setdefault(number, []).append(candidate)
    groups: list[_Group] = []
    for number, members in sorted(by_sentence.items()):
        sentence = context.sentences[number]
        word_tokens = [i for i in range(sentence.first_token, sentence.last_token) if i in context.words]
        members.sort(key=lambda c: (c.first, c.last))
        windows: list[list[Candidate]] = []
        for candidate in members:
            # Share a trunk while the words between candidates cost less than a new window's
            # left context would, and the window stays short.
            if (
                windows
                and _words_between(word_tokens, max(c.last for c in windows[-1]), candidate.first) <= left_words
                and _words_between(word_tokens, windows[-1][0].first, candidate.last) <= CHUNK_WORDS
            ):
                windows[-1].append(candidate)
            else:
                windows.append([candidate])
        for window in windows:
            first = window[0].first
            before = bisect.bisect_left(word_tokens, first)
            trunk_start = word_tokens[before - left_words] if before > left_words else sentence.first_token
            groups.append(_Group(word_tokens, sentence.last_token, min(trunk_start, first), window))
    return groups


def _words_between(word_tokens: list[int], first: int, last: int) -> int:
    return bisect.bisect_left(word_tokens, last) - bisect.bisect_left(word_tokens, first)


def _right_end(word_tokens: list[int], last: int, words: int, sentence_end: int) -> int:
    """The token index after the ``words``-th word following ``last``, or the sentence end
    (its final punctuation included) when fewer words follow."""
    at = bisect.bisect_left(word_tokens, last)
    if at + words < len(word_tokens):
        return word_tokens[at + words - 1] + 1 if words > 0 else last
    return sentence_end


def _within_reach(pieces: Sequence[int]) -> Sequence[int]:
    """A segment's model tokens, at most :data:`MAX_SEGMENT_TOKENS`: its ends. Words are far
    shorter; a long link, a hash or a DNA sequence in a sentence grew every tree that holds it
    and the attention over it quadratically (one word of 2,000 letters: 28 s a page)."""
    if len(pieces) <= MAX_SEGMENT_TOKENS:
        return pieces
    half = MAX_SEGMENT_TOKENS // 2
    return [*pieces[:half], *pieces[-half:]]


def _render(tokens: Sequence[Token], first: int, last: int, leading: bool) -> str:
    """Tokens ``first``..``last`` as text with every gap a single space (and a leading one
    when ``leading`` and the text had a gap there), so that segments tokenise the same alone
    as together."""
    parts: list[str] = []
    for index in range(first, last):
        if (index > first or leading) and index > 0 and tokens[index].start > tokens[index - 1].end:
            parts.append(" ")
        parts.append(tokens[index].text)
    return "".join(parts)


def _spaced(tokens: Sequence[Token], index: int) -> bool:
    """Whether whitespace separates token ``index`` from the one before it."""
    return index > 0 and tokens[index].start > tokens[index - 1].end



def _match_case(text: str, observed: str) -> str:
    """The option written with the case of the words it replaces ("Leaked" at a sentence start)."""
    if observed[:1].isupper() and text[:1].islower():
        if observed.isupper() and len(observed) > 1:
            return text.upper()
        return text[:1].upper() + text[1:]
    return text
