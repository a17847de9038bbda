"""The benchmark spinner: a seeded, documented imitation of commercial article spinners.

Content farms run articles through spinners (SpinBot, WordAi, Spin Rewriter) that swap words
for thesaurus synonyms without reading them. This module does the same, on purpose crudely,
to make test data whose every change is known: :meth:`Spinner.spin` returns the spun text and
the true list of :class:`Edit` s, each with its offsets in the original and in the spun text.

What it does, in one pass over the tokens (see ``docs/spinner.md`` for the full account):

* **synonym swaps**, word-sense-blind: the part of speech is guessed from lemminflect's word
  lists, the left neighbour and the suffix; the dictionary's senses are pooled and one
  candidate is drawn from the :data:`FREQUENT_POOL` most frequent, weighted toward frequent
  words (``10 ** (FREQUENCY_EXPONENT * zipf)``),
  except that a share :data:`RARE_PICK_RATE` of picks is uniform over the candidates that
  wordfreq knows, which brings in the odd rare word ("discontentment") spinners are known by;
* **multi-word swaps** both ways: a word for a phrase ("using" -> "making use of") when the
  dictionary offers one, and a phrase the dictionary lists as a headword ("take part") for
  its synonyms;
* **inflection carried over** with lemminflect ("reached" -> "attained", "tensions" ->
  "stresses"), dropped on purpose at :data:`INFLECTION_ERROR_RATE` ("have actually attain");
* **filler**: "and" before a word -> "and also" (:data:`AND_ALSO_RATE`) or "as well as"
  (:data:`AS_WELL_AS_RATE`); "has reached" -> "has actually reached" (:data:`ACTUALLY_RATE`);
* **left alone**: capitalised words inside a sentence (names), numbers, words glued to
  hyphens or apostrophes, function words (but for :data:`SPINNABLE_FUNCTION_WORDS`), and text
  in double quotes, which is swapped at ``rate * QUOTE_FACTOR`` only;
* "a"/"an" is fixed in front of a swapped word at :data:`ARTICLE_FIX_RATE`, left wrong
  otherwise.

``rate`` is the probability with which each *eligible unit* is swapped: a unit is a content
word, or a phrase the dictionary lists, that is not left alone for the reasons above and for
which the dictionary offers at least one usable candidate in some reading of it. Words the
dictionary does not know are not eligible, so the share of *all* content words swapped is
lower than ``rate`` and depends on the dictionary (``SpunText.content_words`` and
``SpunText.eligible`` give both counts).

The same text, dictionary, seed and settings always give the same output: the random stream
of each call is seeded by the seed and a hash of the text, so spinning a corpus in any order
(or in parallel) gives the same documents.

>>> class Tiny:
...     name = "tiny"
...     def synonyms(self, lemma, pos):
...         return {("reach", "VERB"): ["attain"], ("tension", "NOUN"): ["stress"]}.get((lemma, pos), [])
>>> spun = Spinner(Tiny(), rate=1.0, seed=1, actually_rate=1.0).spin("Tensions have reached new levels.")
>>> spun.text
'Stresses have actually attained new levels.'
>>> [(e.kind, e.source, e.spun) for e in spun.edits]
[('synonym', 'Tensions', 'Stresses'), ('filler', 'have', 'have actually'), ('synonym', 'reached', 'attained')]
>>> all(spun.source[e.source_start:e.source_end] == e.source for e in spun.edits)
True
"""

from __future__ import annotations

import hashlib
import math
import numbers
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Literal

from ..errors import UsageError
from ..models import Document, Substitution, Token
from ..restore import article_for
from ..text import PARAGRAPH_BREAK_RE, sentences, tokenize
from .thesauri import ADJ, ADV, NOUN, VERB, SynonymSource


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# ---------------------------------------------------------------------------------------------
# Documented defaults. Each is a parameter of Spinner; docs/spinner.md explains the choices.

DEFAULT_RATE = 0.35
"""Share of eligible units swapped (see the module docstring for "eligible")."""
AND_ALSO_RATE = 0.40
"""Probability that a lower-case "and" followed by a word becomes "and also"."""
AS_WELL_AS_RATE = 0.15
"""Probability that such an "and" becomes "as well as" instead."""
ACTUALLY_RATE = 0.60
"""Probability that "have/has/had" before a past participle gets "actually" after it."""
QUOTE_FACTOR = 0.15
"""Inside double quotes every rate above is multiplied by this: quotes are mostly kept."""
INFLECTION_ERROR_RATE = 0.05
"""Probability that an inflected word's replacement is left in its base form."""
RARE_PICK_RATE = 0.20
"""Share of picks drawn uniformly among the candidates instead of by frequency."""
FREQUENCY_EXPONENT = 0.25
"""A candidate's weight is ``10 ** (FREQUENCY_EXPONENT * zipf)``: four Zipf points = 10x."""
MAX_FREQUENCY_EXPONENT = 30.0
"""Past it the weight of a very frequent word (Zipf 8 and more) is more than a float holds."""
MIN_RARE_ZIPF = 1.5
"""Uniform picks only take candidates at least this frequent (wordfreq Zipf), when any are."""
ARTICLE_FIX_RATE = 0.7
"""Probability that "a"/"an" before a swapped word is made to agree with it."""
MAX_PHRASE_WORDS = 3
"""Longest phrase looked up as a headword, and longest replacement accepted."""
FREQUENT_POOL = 12
"""Frequency picks draw among this many most frequent candidates: a commercial spinner's
dictionary lists a dozen common words per entry, not Moby's hundreds."""

EditKind = Literal["synonym", "multiword", "filler", "article"]

# Words a spinner does not look up: articles, pronouns, prepositions, conjunctions,
# auxiliaries, modals, quantifiers and a few adverbs that carry grammar rather than content.
FUNCTION_WORDS = _wordset(
    """
    a an the this that these those my your his her its our their mine yours hers ours theirs
    i me we us you he him she it they them myself yourself himself herself itself ourselves
    themselves who whom whose which what whatever whoever when where why how whether
    and or but nor so yet if then than as because since while although though unless until
    till whereas once
    of in on at by for with without within from to into onto upon about above below under over
    between among amongst through throughout during before after against across along around
    behind beyond near off out up down toward towards via per despite except inside outside
    be am is are was were been being have has had having do does did doing done
    will would shall should can could may might must ought
    not no nor n't never also too very just only even still already again ever
    there here now all any both each every either neither some such many much more most
    few less least other another own same several one
    mr mrs ms dr st
    """
)
# Function words a real spinner's dictionary does list ("because" for "since", "versus" for
# "against"): looked up in the dictionary under any part of speech, like content words.
SPINNABLE_FUNCTION_WORDS = _wordset("since against despite although though while among because however towards toward")
# Fixed expressions whose words are grammar, not content: never swapped word by word.
FIXED_EXPRESSIONS: tuple[str, ...] = (
    "as well as",
    "as well",
    "according to",
    "such as",
    "rather than",
    "in order to",
    "of course",
    "at least",
    "at all",
    "so far",
    "even though",
    "as long as",
    "as soon as",
    "as far as",
    "in fact",
    "for example",
    "for instance",
    "in addition",
    "more than",
    "less than",
    "up to",
    "due to",
    "because of",
    "instead of",
    "in spite of",
    "so that",
    "at the moment",
    "at the same time",
)
_DETERMINERS = _wordset(
    "a an the this that these those my your his her its our their every each some any no many several such another"
)
_VERB_CUES = _wordset(
    "to will would shall should can could may might must i we you they he she it who not "
    "did does do don't didn't doesn't won't can't"
)
_PARTICIPLE_CUES = _wordset("have has had having be is are was were been being get gets got actually also already just never not")
_NOUN_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ship", "ism", "ist", "er", "or")
_ADJ_SUFFIXES = ("ous", "ful", "ive", "able", "ible", "al", "ic", "less", "ary")
_FIXED_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _expression in FIXED_EXPRESSIONS:
    _FIXED_BY_FIRST.setdefault(_expression.split()[0], []).append(tuple(_expression.split()))
_BASE_TAGS = frozenset({"NN", "VB", "VBP", "JJ", "RB"})
_BASE_TAG = {NOUN: "NN", VERB: "VB", ADJ: "JJ", ADV: "RB"}
_COMPARATIVE_TAGS = frozenset({"JJR", "JJS", "RBR", "RBS"})
_CONTENT_POS = (NOUN, VERB, ADJ, ADV)
_GLUE = frozenset("-/@_&+=#*\\")
_USABLE_RE = re.compile(r"[a-z][a-z'\- ]*[a-z]|[a-z]")
_ALPHA_RE = re.compile(r"[A-Za-z]+")
# Vulgar words and slurs that thesauri list (MyThes gives "tool" five of them); a commercial
# spinner filters them. Stored as BLAKE2b-48 digests to keep the words out of the source.
_BLOCKED_DIGESTS = _wordset(
    """
    0e553ea93148 0e56f4d8790f 0e5e98b118c4 16b6be61bab6 1be1a0907ffc 1c5d0a683872 1d2edf1c119c
    1d4c62487b0e 1e699add013b 1ecb2dd0cec4 20cc8965c47e 217063645d03 2561f60372bd 278e1a648557
    2baa9064cad6 2e565c44e39b 318245f78076 379c71ff03e4 3a1a2f107aa0 3a5188b6b3f1 3f8110d8ffb4
    3fc737c31f00 438ed034be55 474681271096 495c1be4ff58 4b96588b6974 5527352cb27f 56964a22053c
    587d000c23e8 6276af483481 6aae81d2496b 6f10e75e9e70 70f2a5b0d326 7b132570ca0b 85d63d5fd8c6
    8c881c58dc1e 8d05d0fad2bb 8e236ca175d6 9431c69de414 9c50eec86bc1 9eba73ee4d5d a65c8acfe565
    accd397438d3 ba17376f05e6 bb7dcf599868 bea2c86aa1a0 c3df5609b63e cfeec972b746 d517d2ba03f4
    e533a067cd5c efc490fc31f5 efe913d0934b f248d66d8d1f f5e4532b3d33 f7eee42d8e9f
    """
)


@dataclass(frozen=True, slots=True)
class Edit:
    """One change the spinner made: ``source`` at ``source[source_start:source_end]`` of the
    original text became ``spun`` at ``text[start:end]`` of the spun text.

    ``kind`` is ``"synonym"`` (one word for one word), ``"multiword"`` (a phrase on either
    side), ``"filler"`` (the anchor word with filler added or swapped: "and" -> "and also",
    "has" -> "has actually", "and" -> "as well as") or ``"article"`` ("a" -> "an" before a
    swapped word). For swaps, ``lemma`` is the form looked up, ``replacement`` the dictionary
    form drawn, ``pos`` the reading the spinner guessed and ``tag`` the Penn tag it carried
    over; ``wrong_inflection`` marks a replacement left in its base form on purpose.
    """

    kind: EditKind
    source: str
    spun: str
    source_start: int
    source_end: int
    start: int
    end: int
    lemma: str = ""
    replacement: str = ""
    pos: str = ""
    tag: str = ""
    quoted: bool = False
    wrong_inflection: bool = False

    def to_substitution(self) -> Substitution:
        """The edit as the :class:`~unspun.models.Substitution` an aligner should find."""
        return Substitution(self.source, self.spun, self.source_start, self.source_end, self.start, self.end)


@dataclass(frozen=True, slots=True)
class SpunText:
    """A spun text, the text it came from and every edit between them, in order.

    ``content_words`` counts the words a spinner could consider (not names, numbers or
    function words), ``eligible`` the units it could swap outside quotes and ``swapped`` those
    it did (``eligible_quoted`` and ``swapped_quoted`` inside quotes). So ``swapped /
    eligible`` is close to the spinner's ``rate``.
    """

    source: str
    text: str
    edits: tuple[Edit, ...]
    dictionary: str
    rate: float
    seed: int
    content_words: int = 0
    eligible: int = 0
    swapped: int = 0
    eligible_quoted: int = 0
    swapped_quoted: int = 0

    def substitutions(self) -> tuple[Substitution, ...]:
        return tuple(e.to_substitution() for e in self.edits)

    def count(self, kind: str) -> int:
        """How many edits of ``kind`` there are."""
        return sum(1 for e in self.edits if e.kind == kind)


def apply_edits(source: str, edits: Iterable[Edit]) -> str:
    """Replay ``edits`` (sorted, non-overlapping) on ``source``; gives ``SpunText.text``."""
    parts: list[str] = []
    position = 0
    for edit in edits:
        parts.append(source[position : edit.source_start])
        parts.append(edit.spun)
        position = edit.source_end
    parts.append(source[position:])
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class _Reading:
    pos: str
    lemma: str
    tags: tuple[str, ...]


@dataclass(slots=True)
class _Pending:
    """An edit before the spun offsets are known."""

    kind: EditKind
    start: int
    end: int
    spun: str
    lemma: str = ""
    replacement: str = ""
    pos: str = ""
    tag: str = ""
    quoted: bool = False
    wrong_inflection: bool = False


@dataclass(slots=True)
class _Candidates:
    terms: tuple[str, ...]  # the FREQUENT_POOL most frequent, for weighted picks
    cum_weights: tuple[float, ...]
    known: tuple[str, ...]  # the terms wordfreq knows, for uniform ("rare") picks


class Spinner:
    """A seeded spinner over one synonym dictionary; see the module docstring.

    ``source`` is any :class:`~unspun.eval.thesauri.SynonymSource`; ``rate`` the share of
    eligible units swapped; ``seed`` makes the output reproducible. The other parameters
    default to this module's documented constants.
    """

    def __init__(
        self,
        source: SynonymSource,
        rate: float = DEFAULT_RATE,
        seed: int = 0,
        *,
        and_also_rate: float = AND_ALSO_RATE,
        as_well_as_rate: float = AS_WELL_AS_RATE,
        actually_rate: float = ACTUALLY_RATE,
        quote_factor: float = QUOTE_FACTOR,
        inflection_error_rate: float = INFLECTION_ERROR_RATE,
        rare_pick_rate: float = RARE_PICK_RATE,
        article_fix_rate: float = ARTICLE_FIX_RATE,
        frequency_exponent: float = FREQUENCY_EXPONENT,
        frequent_pool: int = FREQUENT_POOL,
        multiword: bool = True,
    ) -> None:
        probabilities = {
            "rate": rate,
            "and_also_rate": and_also_rate,
            "as_well_as_rate": as_well_as_rate,
            "actually_rate": actually_rate,
            "quote_factor": quote_factor,
            "inflection_error_rate": inflection_error_rate,
            "rare_pick_rate": rare_pick_rate,
            "article_fix_rate": article_fix_rate,
        }
        for key, value in probabilities.items():
            if not _is_number(value) or not 0.0 <= value <= 1.0:
                raise UsageError(f"{key} must be between 0 and 1, not {value!r}")
        # Checked here, not where spin() first draws: NaN, infinity or a weight past a float
        # (10 ** (exponent * Zipf) with Zipf up to about 8) failed there with ValueError or OverflowError.
        if not _is_number(frequency_exponent) or not 0 <= frequency_exponent <= MAX_FREQUENCY_EXPONENT:
            raise UsageError(f"frequency_exponent must be between 0 and {MAX_FREQUENCY_EXPONENT}, not {frequency_exponent!r}")
        if not _is_whole(frequent_pool) or frequent_pool < 1:
            raise UsageError(f"frequent_pool must be a whole number of at least 1, not {frequent_pool!r}")
        if and_also_rate + as_well_as_rate > 1.0:
            raise UsageError("and_also_rate + as_well_as_rate must not exceed 1")
        self.source = source
        self.rate = rate
        self.seed = seed
        self.and_also_rate = and_also_rate
        self.as_well_as_rate = as_well_as_rate
        self.actually_rate = actually_rate
        self.quote_factor = quote_factor
        self.inflection_error_rate = inflection_error_rate
        self.rare_pick_rate = rare_pick_rate
        self.article_fix_rate = article_fix_rate
        self.frequency_exponent = frequency_exponent
        self.frequent_pool = frequent_pool
        self.multiword = multiword
        self._candidates: dict[tuple[str, str | None, bool], _Candidates | None] = {}

    # -- public -----------------------------------------------------------------------------

    def spin(self, text: str) -> SpunText:
        """Spin ``text``; the result holds the spun text and every edit made."""
        return _Run(self, text).spin()

    # -- dictionary --------------------------------------------------------------------------

    def candidates(self, lemma: str, pos: str | None, single_word: bool = False) -> _Candidates | None:
        """The usable replacements for ``lemma`` read as ``pos``, with their weights; ``None``
        when there are none. Cached per spinner."""
        key = (lemma, pos, single_word)
        if key in self._candidates:
            return self._candidates[key]
        content = lemma not in FUNCTION_WORDS
        lemma_words = lemma.split()
        terms = []
        for term in self.source.synonyms(lemma, pos):
            words = term.split()
            if (
                term == lemma
                or _USABLE_RE.fullmatch(term) is None
                or len(words) > MAX_PHRASE_WORDS
                or (single_word and len(words) > 1)
                or words[0] in _DETERMINERS  # "the military" would double the article
                or words[: len(lemma_words)] == lemma_words  # "close up" for "close" changes little
                or set(words) <= set(lemma_words)  # "deal" for "fair deal" only drops a word
                or any(_blocked(w) for w in words)
                or (content and all(w in FUNCTION_WORDS for w in words))
                or (len(words) == 1 and any(r.lemma == lemma for r in _readings(term)))  # "smaller" for "small"
            ):
                continue
            terms.append(term)
        result = None
        if terms:
            zipfs = [_zipf(t) for t in terms]
            known = tuple(t for t, z in zip(terms, zipfs, strict=True) if z >= MIN_RARE_ZIPF) or tuple(terms)
            # Stable sort: ties keep the dictionary's order, so the pool is deterministic.
            pool = sorted(range(len(terms)), key=lambda k: -zipfs[k])[: self.frequent_pool]
            weights = [10.0 ** (self.frequency_exponent * zipfs[k]) for k in pool]
            result = _Candidates(tuple(terms[k] for k in pool), tuple(accumulate(weights)), known)
        if result is not None or " " not in lemma:  # unlisted phrases are many and cheap to look up again
            self._candidates[key] = result
        return result

    def pick(self, candidates: _Candidates, rng: random.Random) -> str:
        """Draw one replacement: by frequency, or uniformly at ``rare_pick_rate``."""
        if rng.random() < self.rare_pick_rate:
            return candidates.known[int(rng.random() * len(candidates.known))]
        return rng.choices(candidates.terms, cum_weights=candidates.cum_weights)[0]


def _is_number(value: object) -> bool:
    """A finite real number, numpy's and fractions included; not a bool, a string or None."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


def _is_whole(value: object) -> bool:
    """A whole number, numpy's included; not a bool."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


class _Run:
    """The state of one :meth:`Spinner.spin` call."""

    def __init__(self, spinner: Spinner, text: str) -> None:
        self.sp = spinner
        self.text = text
        # surrogatepass: a lone surrogate (from a broken extraction) raised UnicodeEncodeError.
        digest = hashlib.blake2b(f"{spinner.seed}\0{text}".encode("utf-8", "surrogatepass"), digest_size=8).digest()
        self.rng = random.Random(int.from_bytes(digest, "big"))
        self.tokens = tokenize(text)
        self.edits: list[_Pending] = []
        self.edited: set[int] = set()  # token indexes already changed
        self.eligible = self.swapped = self.eligible_quoted = self.swapped_quoted = 0
        self._mark()

    # -- token flags --------------------------------------------------------------------------

    def _mark(self) -> None:
        tokens, text = self.tokens, self.text
        n = len(tokens)
        self.sentence_start = [False] * n
        for sentence in sentences(text, tokens):
            for i in range(sentence.first_token, sentence.last_token):
                if tokens[i].kind != "punct":
                    self.sentence_start[i] = True
                    break
        self.quoted = [False] * n
        inside = False
        for i, token in enumerate(tokens):
            if i and PARAGRAPH_BREAK_RE.search(text, tokens[i - 1].end, token.start):
                inside = False  # an unbalanced quote does not run past its paragraph (whatever ends its lines)
            if token.text == "“":
                inside = True
            elif token.text == "”":
                inside = False
            elif token.text == '"':
                inside = not inside
            else:
                self.quoted[i] = inside
        # Capitalised words seen inside sentences are names, at sentence start too.
        self.names = {
            t.text for i, t in enumerate(tokens) if t.kind == "word" and t.text[:1].isupper() and not self.sentence_start[i]
        }
        self.spinnable = [self._spinnable(i) for i in range(n)]
        for i in range(n):
            for expression in _FIXED_BY_FIRST.get(self._word(i), ()):
                j = i + len(expression)
                if [self._word(k) for k in range(i, min(j, n))] == list(expression):
                    for k in range(i, j):
                        self.spinnable[k] = False
        # Content words are counted the same way whatever the dictionary knows.
        self.content_words = sum(
            1 for i in range(n) if self.spinnable[i] and self._word(i) not in FUNCTION_WORDS and _readings(self._word(i))
        )

    def _spinnable(self, i: int) -> bool:
        """May token ``i`` be swapped at all: a plain alphabetic word, not a name, not glued."""
        token = self.tokens[i]
        word = token.text
        if token.kind != "word" or _ALPHA_RE.fullmatch(word) is None:
            return False
        if word[:1].isupper():
            if not self.sentence_start[i] or word in self.names or (len(word) > 1 and word.isupper()):
                return False
            if not word[1:].islower() and len(word) > 1:
                return False
        elif not word.islower():
            return False
        text = self.text
        if token.start > 0 and (text[token.start - 1] in _GLUE or text[token.start - 1].isalnum()):
            return False
        return not (token.end < len(text) and (text[token.end] in _GLUE or text[token.end].isalnum()))

    def _word(self, i: int) -> str:
        return self.tokens[i].text.lower() if 0 <= i < len(self.tokens) and self.tokens[i].kind == "word" else ""

    def _joined(self, i: int, j: int) -> bool:
        """Are tokens i and j = i + 1 separated by plain spaces only (same line)?"""
        gap = self.text[self.tokens[i].end : self.tokens[j].start]
        return bool(gap) and gap.strip(" ") == ""

    # -- the pass ------------------------------------------------------------------------------

    def spin(self) -> SpunText:
        tokens = self.tokens
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.kind != "word":
                i += 1
                continue
            factor = self.sp.quote_factor if self.quoted[i] else 1.0
            if token.text == "and" and self._filler_and(i, factor):
                i += 1
                continue
            if token.text in ("have", "has", "had") and self._filler_actually(i, factor):
                i += 1
                continue
            i += self._swap_at(i, factor)
        return self._finish()

    def _filler_and(self, i: int, factor: float) -> bool:
        """The filler for "and" before a word -> "as well as" / "and also"; True if it was considered."""
        tokens = self.tokens
        if i == 0 or i + 1 >= len(tokens) or tokens[i + 1].kind != "word" or not self._joined(i, i + 1):
            return False
        if self._word(i + 1) == "also":
            return False
        roll = self.rng.random()
        if roll < self.sp.as_well_as_rate * factor:
            self._add(_Pending("filler", tokens[i].start, tokens[i].end, "as well as", quoted=self.quoted[i]), i)
        elif roll < (self.sp.as_well_as_rate + self.sp.and_also_rate) * factor:
            self._add(_Pending("filler", tokens[i].start, tokens[i].end, "and also", quoted=self.quoted[i]), i)
        return True

    def _filler_actually(self, i: int, factor: float) -> bool:
        """The filler for "has" before a participle: "has reached" -> "has actually reached"; True
        if it was considered."""
        tokens = self.tokens
        if i + 1 >= len(tokens) or tokens[i + 1].kind != "word" or not self._joined(i, i + 1):
            return False
        following = tokens[i + 1].text
        if not following.islower() or not _is_participle(following):
            return False
        if self.rng.random() < self.sp.actually_rate * factor:
            token = tokens[i]
            self._add(_Pending("filler", token.start, token.end, f"{token.text} actually", quoted=self.quoted[i]), i)
        return True

    def _swap_at(self, i: int, factor: float) -> int:
        """Consider the unit starting at token ``i``; return how many tokens it covers."""
        if not self.spinnable[i]:
            return 1
        if self.sp.multiword:
            phrase = self._phrase_at(i)
            if phrase is not None:
                n, lemma, pos, tag, candidates = phrase
                self._unit(i, i + n, lemma, pos, tag, candidates, factor)
                return n
        word = self.tokens[i].text.lower()
        if word in FUNCTION_WORDS:
            if word in SPINNABLE_FUNCTION_WORDS:
                pooled = self.sp.candidates(word, None, single_word=False)
                if pooled is not None:
                    self._unit(i, i + 1, word, None, "", pooled, factor)
            return 1
        readings = _readings(word)
        if not readings:
            return 1
        for reading in self._order(readings, i, word):
            tag = self._tag(reading, i)
            found = self.sp.candidates(reading.lemma, reading.pos, single_word=tag in _COMPARATIVE_TAGS)
            if found is not None:
                self._unit(i, i + 1, reading.lemma, reading.pos, tag, found, factor)
                break
        return 1

    def _phrase_at(self, i: int) -> tuple[int, str, str | None, str, _Candidates] | None:
        """A phrase of 2..MAX_PHRASE_WORDS words starting at ``i`` that the dictionary lists."""
        first = self.tokens[i].text.lower()
        if first in FUNCTION_WORDS:
            return None
        for n in range(MAX_PHRASE_WORDS, 1, -1):
            j = i + n
            if j > len(self.tokens):
                continue
            if not all(self.spinnable[k] and self._joined(k - 1, k) for k in range(i + 1, j)):
                continue
            words = [self.tokens[k].text.lower() for k in range(i, j)]
            if words[-1] in _DETERMINERS:
                continue
            keys: list[tuple[str, str | None, str]] = [(" ".join(words), None, "")]
            head = _readings(words[0])
            verb = next((r for r in head if r.pos == VERB and r.lemma != words[0]), None)
            if verb is not None:  # "took part" -> "take part", tense carried on the first word
                keys.append((" ".join([verb.lemma, *words[1:]]), VERB, self._tag(verb, i)))
            noun = next((r for r in _readings(words[-1]) if r.pos == NOUN and "NNS" in r.tags), None)
            if noun is not None and noun.lemma != words[-1]:  # "prime ministers" -> "prime minister"
                keys.append((" ".join([*words[:-1], noun.lemma]), NOUN, "NNS"))
            for lemma, pos, tag in keys:
                candidates = self.sp.candidates(lemma, pos)
                if candidates is not None:
                    return n, lemma, pos, tag, candidates
        return None

    def _order(self, readings: tuple[_Reading, ...], i: int, word: str) -> list[_Reading]:
        """The readings of a word, most likely first, by crude cues: the left neighbour, then
        the suffix, then lemminflect's own order. Wrong often enough, like a real spinner."""
        if len(readings) == 1:
            return list(readings)
        previous = self._word(i - 1)
        if previous in _DETERMINERS:
            # "the levels" or "a quick test": an adjective if a noun seems to follow.
            following = _readings(self._word(i + 1))
            preferred: tuple[str, ...] = (ADJ, NOUN) if any(r.pos == NOUN for r in following) else (NOUN, ADJ)
        elif previous in _VERB_CUES:
            preferred = (VERB,)
        elif word.endswith("ly"):
            preferred = (ADV, ADJ)
        elif word.endswith(_NOUN_SUFFIXES):
            preferred = (NOUN,)
        elif word.endswith(_ADJ_SUFFIXES):
            preferred = (ADJ,)
        elif word.endswith(("ing", "ed")):
            preferred = (VERB, ADJ)
        else:
            preferred = ()
        rank = {pos: k for k, pos in enumerate(preferred)}
        return sorted(readings, key=lambda r: rank.get(r.pos, len(rank)))

    def _tag(self, reading: _Reading, i: int) -> str:
        """The Penn tag of the observed form: past tense or participle by the words before."""
        tags = reading.tags
        if "VBD" in tags and "VBN" in tags:
            for k in (i - 1, i - 2):
                if self._word(k) in _PARTICIPLE_CUES:
                    return "VBN"
            return "VBD"
        return tags[0]

    def _unit(self, i: int, j: int, lemma: str, pos: str | None, tag: str, candidates: _Candidates, factor: float) -> None:
        """An eligible unit, tokens i..j-1: count it and swap it at ``rate * factor``."""
        quoted = self.quoted[i]
        if quoted:
            self.eligible_quoted += 1
        else:
            self.eligible += 1
        if self.rng.random() >= self.sp.rate * factor:
            return
        replacement = self.sp.pick(candidates, self.rng)
        spun, wrong = self._inflect(replacement, pos, tag)
        original = self.text[self.tokens[i].start : self.tokens[j - 1].end]
        if original[:1].isupper():
            spun = spun[:1].upper() + spun[1:]
        if spun.lower() == original.lower():
            return  # the inflected replacement is the word itself: nothing to swap
        kind: EditKind = "multiword" if " " in spun or j - i > 1 else "synonym"
        self._add(
            _Pending(kind, self.tokens[i].start, self.tokens[j - 1].end, spun, lemma, replacement, pos or "", tag, quoted, wrong),
            *range(i, j),
        )
        if quoted:
            self.swapped_quoted += 1
        else:
            self.swapped += 1
        self._fix_article(i, spun)

    def _inflect(self, base: str, pos: str | None, tag: str) -> tuple[str, bool]:
        """Carry the observed inflection ``tag`` over to ``base`` (on the head word of a
        phrase); at ``inflection_error_rate`` leave it in its base form instead."""
        if not tag or pos is None or tag in _BASE_TAGS or tag == _BASE_TAG.get(pos):
            return base, False
        if self.rng.random() < self.sp.inflection_error_rate:
            return base, True
        words = base.split()
        head = 0 if pos == VERB else len(words) - 1
        if any(r.pos == pos and r.lemma != words[head] and tag in r.tags for r in _readings(words[head])):
            return base, False  # the dictionary listed an inflected form ("terms"): keep it
        forms = _inflection(words[head], tag)
        if not forms:
            return base, True
        words[head] = forms
        return " ".join(words), False

    def _fix_article(self, i: int, spun: str) -> None:
        """Make "a"/"an" before a swapped word agree with it, at ``article_fix_rate``."""
        k = i - 1
        if k < 0 or k in self.edited or self._word(k) not in ("a", "an") or not self._joined(k, i):
            return
        article = self.tokens[k]
        wanted = article_for(spun)
        if article.text.lower() == wanted or self.rng.random() >= self.sp.article_fix_rate:
            return
        fixed = wanted.capitalize() if article.text[0].isupper() else wanted
        self._add(_Pending("article", article.start, article.end, fixed, quoted=self.quoted[k]), k)

    def _add(self, pending: _Pending, *token_indexes: int) -> None:
        self.edits.append(pending)
        self.edited.update(token_indexes)

    def _finish(self) -> SpunText:
        parts: list[str] = []
        edits: list[Edit] = []
        position = 0  # in the source
        length = 0  # of the spun text so far
        for p in sorted(self.edits, key=lambda e: e.start):
            unchanged = self.text[position : p.start]
            parts.append(unchanged)
            length += len(unchanged)
            parts.append(p.spun)
            edits.append(
                Edit(
                    p.kind,
                    self.text[p.start : p.end],
                    p.spun,
                    p.start,
                    p.end,
                    length,
                    length + len(p.spun),
                    p.lemma,
                    p.replacement,
                    p.pos,
                    p.tag,
                    p.quoted,
                    p.wrong_inflection,
                )
            )
            length += len(p.spun)
            position = p.end
        parts.append(self.text[position:])
        return SpunText(
            source=self.text,
            text="".join(parts),
            edits=tuple(edits),
            dictionary=self.sp.source.name,
            rate=self.sp.rate,
            seed=self.sp.seed,
            content_words=self.content_words,
            eligible=self.eligible,
            swapped=self.swapped,
            eligible_quoted=self.eligible_quoted,
            swapped_quoted=self.swapped_quoted,
        )


def filler_free(source: SynonymSource, rate: float = DEFAULT_RATE, seed: int = 0) -> Spinner:
    """The spinner with its swaps as usual and no inserted filler, as rewriters that only swap
    words (WordAi-style) work: filler is the strongest habit a detector can learn from the
    default spinner, and a detector must not need it."""
    return Spinner(source, rate=rate, seed=seed, and_also_rate=0.0, as_well_as_rate=0.0, actually_rate=0.0)


def spin_corpus(
    documents: Iterable[Document], source: SynonymSource, rate: float = DEFAULT_RATE, seed: int = 0, **settings: float
) -> list[tuple[Document, SpunText]]:
    """Spin the text of every document with one :class:`Spinner`; titles are left as they
    are. ``settings`` go to the spinner (``and_also_rate=0.2``...).

    >>> class Tiny:
    ...     name = "tiny"
    ...     def synonyms(self, lemma, pos):
    ...         return ["rapid"] if lemma == "quick" else []
    >>> [(d.id, s.text) for d, s in spin_corpus([Document("a", "", "A quick test.")], Tiny(), rate=1.0)]
    [('a', 'A rapid test.')]
    """
    spinner = Spinner(source, rate, seed, **settings)  # type: ignore[arg-type]
    return [(document, spinner.spin(document.text)) for document in documents]


# -- word analysis (cached, shared by all spinners) --------------------------------------------


@lru_cache(maxsize=200_000)
def _readings(word: str) -> tuple[_Reading, ...]:
    """The content-word readings lemminflect knows for a lower-case ``word``: part of speech,
    lemma and the Penn tags whose form ``word`` is."""
    from lemminflect import getAllInflections, getAllLemmas

    readings = []
    for pos, lemmas in getAllLemmas(word).items():
        if pos not in _CONTENT_POS:
            continue
        for lemma in lemmas:
            forms = getAllInflections(lemma, pos)
            tags = [tag for tag, words in forms.items() if word in words]
            if "VBD" in tags and "VBN" not in forms:  # regular verbs: lemminflect lists VBD only
                tags.append("VBN")
            if lemma == word:  # the base form first: "quick" is NN before it is NNS
                tags = [_BASE_TAG[pos], *(t for t in tags if t != _BASE_TAG[pos])]
            if tags:
                readings.append(_Reading(pos, lemma, tuple(tags)))
                break
    return tuple(readings)


@lru_cache(maxsize=50_000)
def _is_participle(word: str) -> bool:
    return any(r.pos == VERB and "VBN" in r.tags for r in _readings(word))


@lru_cache(maxsize=200_000)
def _inflection(lemma: str, tag: str) -> str:
    from lemminflect import getInflection

    if tag in _COMPARATIVE_TAGS:  # "more small-scale", not "small-scaler"
        forms = getInflection(lemma, tag, inflect_oov=False)
        if not forms:
            return f"{'more' if tag.endswith('R') else 'most'} {lemma}"
    else:
        forms = getInflection(lemma, tag, inflect_oov=True)
    return forms[0] if forms else ""


@lru_cache(maxsize=300_000)
def _zipf(term: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(term, "en"))


@lru_cache(maxsize=300_000)
def _blocked(word: str) -> bool:
    return hashlib.blake2b(word.encode(), digest_size=6).hexdigest() in _BLOCKED_DIGESTS



def content_tokens(tokens: Sequence[Token]) -> list[Token]:
    """The tokens a statistic over "content words" counts: lower-case alphabetic words that
    are not function words. Shared with ``benchmarks/spinner_stats.py``."""
    return [t for t in tokens if t.kind == "word" and t.text.isalpha() and t.text.islower() and t.text not in FUNCTION_WORDS]
