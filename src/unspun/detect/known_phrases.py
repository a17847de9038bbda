"""The known-phrase detector: a list of tortured phrases, matched with one Aho-Corasick pass.

Matching works on *keys*, not characters: each word token becomes the lower-cased Snowball
stem of its noun lemma (of itself, without one), so "irregular woodlands", "Irregular\\nWoodland"
and "irregular woodland" all match the entry "irregular woodland", and "bunch analyses" the
entry "bunch analysis". A stem equates derivations too ("preparing dataset" and "preparation
dataset", both listed for "training dataset"): checking the words' lemmas as well lost more
listed phrases' variants than the one false match it removed in the 2,225 BBC articles
(session 53). Other punctuation becomes a break key, so a phrase never matches
across a comma or a quotation mark; a sentence's end has a key of its own, so an entry that
holds a comma ("fever, hack") does not match across a full stop ("a fever. Hack writers").
Hyphens and slashes are ignored ("10-fold" = "10 fold"). An entry whose original is itself
(the list holds "mutual information" for "mutual information (MI)") is never matched.

Some listed phrases are also ordinary English in some contexts ("malignant growth"). An entry
is *ambiguous*, and its findings get low confidence, when the trigram model knows it as a
collocation of general English (PMI of at least 1 in log10), when it is a term of the
known-term sources as written (:func:`_a_known_term`), when it is a single word, or when the
list does not know its original.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .._once import built_once
from ..models import Finding, Token
from ..spans import SpanIndex
from ..text import PARAGRAPH_BREAK_RE, link_spans, tokenize
from .proper_names import in_proper_case

CONFIDENT = 0.9
AMBIGUOUS = 0.35
_COLLOCATION_PMI = 1.0
log = logging.getLogger(__name__)

_BREAK = "|"
_SENTENCE_END = "|."
_BREAKS = frozenset({_BREAK, _SENTENCE_END})
_SENTENCE_ENDS = frozenset(".!?…")
# Punctuation inside a word group that does not end a phrase. Not the apostrophe: inside a
# word ("woodland's") it is the word's own, and standing alone it is a quotation mark
# ("irregular 'woodland'" is no phrase of the list).
_JOINERS = frozenset("-‐‑–/")
# The hyphens that join a compound ("man-made"): the ASCII one, and the typographic (U+2010)
# and non-breaking (U+2011) ones word processors write; a dash or a slash joins no word.
_HYPHENS = frozenset("-‐‑")
# A word with a citation's number stuck to it, as text extracted from a PDF writes a
# superscript reference ("irregular woodland12 classifier", "woodland¹²"): read by its
# letters. 0 of 83 such phrases were found (an audit of pasted papers).
_SUPERSCRIPT_DIGITS = "\u00b9\u00b2\u00b3\u2070\u2074-\u2079"
_CITED_RE = re.compile(rf"([^\W\d_{_SUPERSCRIPT_DIGITS}]{{3,}})([0-9{_SUPERSCRIPT_DIGITS}]{{1,3}})")
_BRACKETS = frozenset("([")
_CLOSING_BRACKETS = frozenset(")]")


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=300_000)
def stem_key(word: str) -> str:
    """The inflection-blind key of a word: lower case, straight apostrophe, Snowball stem."""
    lowered = word.lower().replace("’", "'")
    return str(_stemmer().stemWord(lowered))


@lru_cache(maxsize=300_000)
def match_key(word: str) -> str:
    """The key the matcher reads a word by: the stem of its noun lemma when it has one that
    differs, else its own (:func:`stem_key`), so that an irregular plural meets its singular
    ("analyses" and "analysis": Snowball stems them "analys" and "analysi")."""
    from ..lexicon import lemmas

    lowered = word.lower().replace("’", "'")
    lemma = next((lemma for lemma, pos in lemmas(lowered) if pos == "NOUN"), lowered) if lowered.isalpha() else lowered
    return stem_key(lemma)


def token_keys(tokens: Sequence[Token], citations: bool = False) -> list[tuple[str, int]]:
    """Keys of ``tokens`` as ``(key, token index)``; joiners dropped, other punctuation breaks.
    With ``citations`` (a text's tokens, not a listed phrase's), a word with a citation's
    number stuck to it is keyed by its letters, unless a hyphen joins it to its neighbours
    ("crispr-cas9-mediated" is a name with its number)."""
    keys: list[tuple[str, int]] = []
    for index, token in enumerate(tokens):
        if token.kind != "punct":
            cited = _CITED_RE.fullmatch(token.text) if citations and token.text[-1].isdigit() else None  # "¹" too
            if cited and _hyphen_joined(tokens, index):
                cited = None
            keys.append((match_key(cited.group(1) if cited else token.text), index))
        elif token.text not in _JOINERS:
            key = _SENTENCE_END if token.text in _SENTENCE_ENDS else _BREAK
            if not keys or keys[-1][0] not in _BREAKS:
                keys.append((key, index))
            elif key == _SENTENCE_END:
                keys[-1] = (key, keys[-1][1])  # "(ANN)." ends a sentence
    return keys


def _hyphen_joined(tokens: Sequence[Token], index: int) -> bool:
    """Whether a joiner touches token ``index`` on either side ("cas9-mediated")."""
    return _joined_before(tokens, index) or _joined_after(tokens, index)


def _joined_before(tokens: Sequence[Token], index: int) -> bool:
    """Whether a joiner touches token ``index`` on its left ("-mediated")."""
    before = tokens[index - 1] if index else None
    return before is not None and before.text in _JOINERS and before.end == tokens[index].start


def _joined_after(tokens: Sequence[Token], index: int) -> bool:
    """Whether a joiner touches token ``index`` on its right ("cas9-")."""
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    return after is not None and after.text in _JOINERS and after.start == tokens[index].end


def _phrase_keys(phrase: str) -> list[str]:
    """The keys a listed phrase is matched by: its tokens' keys without breaks at either end."""
    keys = [key for key, _ in token_keys(tokenize(phrase))]
    while keys and keys[-1] in _BREAKS:
        keys.pop()
    while keys and keys[0] in _BREAKS:
        keys.pop(0)
    return keys


@dataclass(frozen=True, slots=True)
class KnownPhrase:
    """One list entry: the tortured phrase, its expected original, and how far to trust it."""

    tortured: str
    expected: str
    suggestion: str | None
    alternatives: tuple[str, ...]
    ambiguous: bool
    why_ambiguous: str = ""


_NOTE_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]|\?")
_POSSESSIVE_RE = re.compile(r"'s?$")
_POSSESSIVE_END_RE = re.compile(r"['’][sS]$")
RARER_FORM = 1.5  # Zipf units: how much rarer than a noun its other number may be


def clean_expected(expected: str) -> tuple[str | None, tuple[str, ...]]:
    """Turn a list's ``expected`` field into a suggestion and alternatives.

    Notes in brackets, acronyms in parentheses and question marks are dropped; "a/ b" with a
    space at the slash lists alternatives.

    >>> clean_expected("support vector machine (svm)")
    ('support vector machine', ())
    >>> clean_expected("an incredible/ a staggering need")
    ('an incredible', ('a staggering need',))
    >>> clean_expected("???")
    (None, ())
    """
    text = expected.strip().strip('"').replace('\\"', "")
    text = _NOTE_RE.sub(" ", text)
    parts = re.split(r"\s/\s?|\s?/\s", text)
    options = [re.sub(r"\s+", " ", part).strip(" ,;:.") for part in parts]
    options = [option for option in options if option]
    if not options:
        return None, ()
    return options[0], tuple(options[1:])


def load_list(path: str | None = None) -> list[tuple[str, str]]:
    """The ``(tortured, expected)`` pairs of a TSV list; the shipped PPS list by default."""
    if path is None:
        content = resources.files("unspun.data").joinpath("tortured-phrases.tsv").read_text("utf-8")
    else:
        with open(path, encoding="utf-8") as handle:
            content = handle.read()
    pairs: list[tuple[str, str]] = []
    for number, line in enumerate(content.splitlines()):
        fields = line.rstrip("\r").split("\t")
        if number == 0 and fields[:2] == ["tortured", "expected"]:
            continue
        if len(fields) >= 2 and fields[0].strip():
            pairs.append((fields[0].strip(), fields[1].strip()))
    return pairs


def make_phrases(pairs: Iterable[tuple[str, str]]) -> list[KnownPhrase]:
    """Known phrases from list pairs, each judged ambiguous or not (see the module doc)."""
    from .ngram import TrigramModel

    model = TrigramModel.default()
    known = _known_terms()
    phrases = []
    for tortured, expected in pairs:
        suggestion, alternatives = clean_expected(expected)
        words = [t.text.lower() for t in tokenize(tortured) if t.kind != "punct"]
        why = ""
        if len(words) < 2:
            why = "a single word"
        elif suggestion is None:
            why = "the list does not know the original"
        elif model.pmi(words) >= _COLLOCATION_PMI:
            why = "an ordinary English collocation"
        elif _a_known_term(words, known):
            why = "a term of English or of a field as written"
        phrases.append(KnownPhrase(tortured, expected, suggestion, alternatives, bool(why), why))
    return phrases


def _known_terms() -> list[Mapping[tuple[str, ...], object]]:
    """The known-term sources by key: the lexicon's multi-word lemmas, frequent web bigrams,
    the technical and field tables (:mod:`unspun.detect.term_sources`)."""
    from ..lexicon import Lexicon
    from .term_sources import known_sources

    return list(known_sources(Lexicon.load()).values())


def _a_known_term(words: Sequence[str], known: Sequence[Mapping[tuple[str, ...], object]]) -> bool:
    """Whether ``words`` are a term of the ``known`` sources (:func:`_known_terms`) as written.
    The list holds a few real terms on its tortured side ("shared data" for mutual
    information, "function extraction"), which flagged clean papers at 0.9 (an audit,
    session 64)."""
    from .term_sources import term_key

    key = term_key(words)
    return key is not None and any(key in terms for terms in known)


class KnownPhraseMatcher:
    """Finds listed tortured phrases in a text in one pass over its tokens.

    >>> matcher = KnownPhraseMatcher.default()
    >>> [f.suggestion for f in matcher.find("We trained an irregular woodland.")]
    ['random forest']
    """

    name = "known-phrase"

    def __init__(self, phrases: Iterable[KnownPhrase]) -> None:
        self.phrases: list[KnownPhrase] = []
        # What the automaton finds: a run of keys (a pattern), its entry's place, its length.
        self.patterns: list[tuple[str, int, int]] = []
        found: set[str] = set()  # the patterns so far
        closed: list[tuple[list[str], int]] = []  # an entry's words with a hyphen written closed, its place
        for phrase in phrases:
            keys = _phrase_keys(phrase.tortured)
            if not keys:
                continue
            pattern = " " + " ".join(keys) + " "
            if pattern in found:
                continue  # the first entry of a duplicate wins
            self.phrases.append(phrase)
            if phrase.suggestion is not None and _phrase_keys(phrase.suggestion) == keys:
                # The original itself ("backbone network" for "backbone network (deep
                # learning)"): matched, the right term was a finding that suggests itself.
                # Its original still counts among the known terms.
                continue
            found.add(pattern)
            self.patterns.append((pattern, len(self.phrases) - 1, len(keys)))
            if _COMPOUND_RE.search(phrase.tortured):
                closed.append((_phrase_keys(_COMPOUND_RE.sub(r"\1\2", phrase.tortured)), len(self.phrases) - 1))
        # After every entry as listed, which wins over a variant: "man-made reasoning" written
        # "manmade reasoning" (the text's "man-made" meets a closed entry in find()).
        for keys, place in closed:
            pattern = " " + " ".join(keys) + " "
            if keys and pattern not in found:
                found.add(pattern)
                self.patterns.append((pattern, place, len(keys)))
        self._automaton = _automaton(self.patterns)

    @classmethod
    def from_patterns(cls, phrases: list[KnownPhrase], patterns: list[tuple[str, int, int]]) -> KnownPhraseMatcher:
        """A matcher over ``phrases`` that finds ``patterns`` (another matcher's
        :attr:`phrases` and :attr:`patterns`), without keying the phrases again."""
        matcher = cls.__new__(cls)
        matcher.phrases, matcher.patterns = phrases, patterns
        matcher._automaton = _automaton(patterns)
        return matcher

    @classmethod
    def default(cls) -> KnownPhraseMatcher:
        """The matcher over the shipped PPS list (built once per process: unspun._once)."""
        return _default_matcher(cls)

    def __len__(self) -> int:
        return len(self.phrases)

    def find(self, text: str, tokens: Sequence[Token] | None = None) -> list[Finding]:
        """Findings for every listed phrase in ``text``: longest match wins, no overlaps."""
        if tokens is None:
            tokens = tokenize(text)
        keys = token_keys(tokens, citations=True)
        if not keys or not len(self._automaton):
            return []
        # Each key with the tokens it reads; and, when the text joins two words by a hyphen,
        # the same keys with each such pair read as one word too ("man-made" as "manmade":
        # the list writes "manmade brainpower", papers "man-made brainpower"; an audit,
        # session 62).
        plain = [(key, (index,)) for key, index in keys]
        candidates: list[tuple[tuple[int, ...], int]] = []  # (the match's tokens, phrase index)
        closed = _compounds_closed(tokens, plain)
        for read in (plain,) if closed is None else (plain, closed):
            candidates.extend(self._matches(read))
        candidates.sort(key=lambda c: (c[0][0], -c[0][-1]))

        findings: list[Finding] = []
        taken_until = -1
        links = SpanIndex.of_pairs(link_spans(text)) if candidates else None
        for matched, phrase_index in candidates:
            first_token, last_token = matched[0], matched[-1]
            if first_token <= taken_until:
                continue
            start = tokens[first_token].start
            end = tokens[last_token].end
            if links and links.overlaps(start, end):
                continue  # an address, hashtag, handle or name in code is copied as it is (text.link_spans)
            if PARAGRAPH_BREAK_RE.search(text, start, end):
                # A line break inside a phrase is a hard-wrapped line; a blank line ends one
                # paragraph and starts another ("The irregular\n\nWoodland Trust said...").
                continue
            if any(_CITED_RE.fullmatch(tokens[index].text) and not _hyphen_joined(tokens, index)
                   for index in matched[:-1]):
                continue  # a number inside the phrase ("irregular12 woodland") would be restored away
            taken_until = last_token
            phrase = self.phrases[phrase_index]
            final = _before_bracket(tokens, first_token, last_token)
            end = tokens[final].end
            cited = None if _hyphen_joined(tokens, final) else _CITED_RE.fullmatch(tokens[final].text)
            if cited:
                end -= len(cited.group(2))  # the citation stays in the text, after the restored phrase
            if _POSSESSIVE_END_RE.search(tokens[final].text) and not _POSSESSIVE_END_RE.search(phrase.tortured):
                # "irregular woodland's accuracy": the phrase is "irregular woodland"; its
                # possessive ending stays in the text, and restores as "random forest's".
                end -= 2
            singular = first_token > 0 and tokens[first_token - 1].text.lower() in _SINGULAR_DETERMINERS
            agree = _number_agreement(phrase.tortured, [tokens[i] for i in matched], singular)
            # Lists write their originals in lower case: "united states" is "United States".
            suggestion = in_proper_case(agree(phrase.suggestion)) if phrase.suggestion else phrase.suggestion
            alternatives = (in_proper_case(agree(option)) for option in phrase.alternatives)
            findings.append(
                Finding(
                    start=start,
                    end=end,
                    text=text[start:end],
                    suggestion=suggestion,
                    confidence=AMBIGUOUS if phrase.ambiguous else CONFIDENT,
                    evidence=(self.name,),
                    alternatives=tuple(dict.fromkeys(a for a in alternatives if a != suggestion)),
                    kind="tortured-phrase",
                    note=(
                        f"listed tortured phrase '{phrase.tortured}' (PPS)"
                        + (f"; low confidence: {phrase.why_ambiguous}" if phrase.ambiguous else "")
                    ),
                )
            )
        return findings

    def _matches(self, keys: Sequence[tuple[str, tuple[int, ...]]]) -> Iterator[tuple[tuple[int, ...], int]]:
        """Every listed phrase in the stream of ``keys`` (each with the tokens it reads): the
        tokens of the match, and the phrase's place."""
        # The stream " k0 k1 k2 ... " and, for each key, where it starts in the stream.
        starts: list[int] = []
        pieces: list[str] = []
        position = 1
        for key, _ in keys:
            starts.append(position)
            pieces.append(key)
            position += len(key) + 1
        stream = " " + " ".join(pieces) + " "
        start_to_key = {offset: index for index, offset in enumerate(starts)}
        for end_offset, (phrase_index, length) in self._automaton.iter(stream):
            # end_offset is the trailing space; the last key ends just before it.
            last = start_to_key[stream.rfind(" ", 0, end_offset) + 1]
            yield tuple(index for _, read in keys[last - length + 1 : last + 1] for index in read), phrase_index


def _compounds_closed(tokens: Sequence[Token], keys: Sequence[tuple[str, tuple[int, ...]]]
                      ) -> list[tuple[str, tuple[int, ...]]] | None:
    """``keys`` with each pair of words a hyphen joins ("man-made", not "state-of-the-art")
    read as one word written closed ("manmade"); None when the text has no such pair."""
    joined: list[tuple[str, tuple[int, ...]]] = []
    changed = False
    at = 0
    while at < len(keys):
        key, read = keys[at]
        second = keys[at + 1][1][0] if at + 1 < len(keys) else -1
        if second >= 0 and _closed_pair(tokens, read[0], second):
            joined.append((match_key(tokens[read[0]].text + tokens[second].text), (read[0], second)))
            changed = True
            at += 2
            continue
        joined.append((key, read))
        at += 1
    return joined if changed else None


def _closed_pair(tokens: Sequence[Token], first: int, second: int) -> bool:
    """Whether tokens ``first`` and ``second`` are two words, and only two, that one hyphen
    joins with nothing between ("man-made")."""
    if second != first + 2 or tokens[first + 1].text not in _HYPHENS:
        return False
    a, hyphen, b = tokens[first], tokens[first + 1], tokens[second]
    if not (a.text.isalpha() and b.text.isalpha() and a.end == hyphen.start and hyphen.end == b.start):
        return False
    return not (_joined_before(tokens, first) or _joined_after(tokens, second))  # "state-of-the-art"


# A word of two parts a hyphen joins, in a listed phrase: "man-made" of "man-made reasoning".
_COMPOUND_RE = re.compile(r"(?<![\w-])([^\W\d_]+)-([^\W\d_]+)(?![\w-])")


def _before_bracket(tokens: Sequence[Token], first: int, last: int) -> int:
    """The last token of a match that the finding covers: the last word before a bracket
    that closes the match, if any. The list writes notes and acronyms in brackets
    ("artificial neural system (ann)") and its originals drop them, so the finding is the
    words: the text's "(ANN)" stays as written. Matched to its end, the finding stopped
    before the closing bracket, and a restoration left "artificial neural network)". An
    entry whose words go on after its bracket ("secret (hidden) layers" for "hidden
    layers") is restored whole."""
    for index in range(first + 1, last + 1):
        if tokens[index].text in _BRACKETS:
            if any(tokens[later].text in _CLOSING_BRACKETS for later in range(index + 1, last + 1)):
                return last
            return max((i for i in range(first, index) if tokens[i].kind != "punct"), default=last)
    return last


def _head_word(tokens: Sequence[Token], before_of: bool = False) -> str:
    """A phrase's word that may carry its number, as written: its last word outside brackets
    ("system" of "artificial neural system (ann)", "layers" of "secret (hidden) layers"), or,
    ``before_of``, its last before an "of" that follows a word ("arrangements" of
    "arrangements of constants"; "" without one); lower case, without a possessive ending
    ("woodland's")."""
    head = ""
    depth = 0
    for token in tokens:
        if before_of and head and not depth and token.text.lower() == "of":
            break
        if token.text in _BRACKETS:
            depth += 1
        elif token.text in _CLOSING_BRACKETS:
            depth = max(0, depth - 1)
        elif token.kind != "punct" and not depth:
            cited = _CITED_RE.fullmatch(token.text)
            head = cited.group(1) if cited else token.text  # "woodlands12": a citation's number
    else:
        if before_of:
            return ""  # no "of" after a word
    return _POSSESSIVE_RE.sub("", head.lower().replace("’", "'"))


_SINGULAR_DETERMINERS = frozenset({"a", "an", "one", "each", "every", "another"})
"""Words before a phrase that make it one thing: "a choice of trees" is one decision tree."""


def _number_agreement(listed: str, seen: Sequence[Token], singular: bool = False) -> Callable[[str], str]:
    """What writes a listed phrase's original in the number of the text's words ``seen``: the
    list pairs "selection bushes" with "decision trees", so the stem match "selection bush"
    in a text is restored as "decision tree". The word whose number the text changed tells
    which of the original's to change: the last ("denial of service assaults" of the listed
    "denial of service assault": "denial of service attacks"), else the last before an "of"
    ("arrangements of constants" of "arrangement of constants": "sets of parameters"; the
    original's word before its "of", or its last when it has none). The identity when no
    such word differs in number, or a number is unclear: a text written as listed takes the
    original as the list writes it. (Comparing the original itself with the text instead
    was tried in session 54: an original's last word is often not its head, "svm set of
    rules" became "svm algorithms", "ten a long time" "ten year"; the list's own pairings of
    a plural with a singular, "fake neural organizations" with "artificial neural network",
    stay as listed. The word before "of" alone, tried in session 63, lost "denial of service
    attacks": a review.) ``singular``: the phrase follows "a", "each" or the like, and is
    made no plural."""
    listed_tokens = tokenize(listed)
    for before_of in (False, True):
        numbers = _numbers_apart(_head_word(listed_tokens, before_of), _head_word(seen, before_of))
        if numbers is not None:
            # After "a" or "each" the phrase is one thing, whichever word the text made plural
            # ("a choice of trees" was "a decision trees": a review, session 63).
            return _unchanged if singular and numbers[1] == "NNS" else _agreeing(*numbers, before_of)
    return _unchanged


def _numbers_apart(listed_head: str, seen_head: str) -> tuple[str, str] | None:
    """The numbers (listed, seen) of two forms of a phrase's word, when both are clear and
    differ; else None."""
    if not listed_head or not seen_head or listed_head == seen_head:
        return None
    had, wanted = _noun_number(listed_head), _noun_number(seen_head)
    return (had, wanted) if had and wanted and had != wanted else None


def _agreeing(had: str, wanted: str, before_of: bool) -> Callable[[str], str]:
    """What writes an original's word (its last, or ``before_of`` its last before an "of")
    of number ``had`` in number ``wanted``."""

    def agree(original: str) -> str:
        words = original.split(" ")
        at = _head_place(words) if before_of else len(words) - 1
        last = words[at].lower()
        if _noun_number(last) != had:
            return original  # the original's word is not a noun of the listed number
        from ..lexicon import lemmas

        lemma = next((lemma for lemma, pos in lemmas(last) if pos == "NOUN"), None)
        if lemma is None or " " in lemma:
            return original
        form = noun_in_number(last, lemma, wanted, _zipf)
        if form == last:
            return original  # "physic" of "physics", "learnings" of "learning": not the term
        if words[at][:1].isupper():
            form = form[:1].upper() + form[1:]  # "Markov Chains", as the original writes it
        return " ".join([*words[:at], form, *words[at + 1 :]])

    return agree


def _head_place(words: Sequence[str]) -> int:
    """Where an original's ``words`` hold the word a phrase's word before "of" stands for:
    before its own first "of" that follows a word ("set" of "set of parameters"), else last
    ("tree" of "decision tree" for "choices of tree")."""
    lowered = [word.lower() for word in words]
    return lowered.index("of", 1) - 1 if "of" in lowered[1:] else len(words) - 1


def noun_number(word: str, lemma: str) -> str:
    """The number of ``word`` read as a noun of ``lemma``: "NN" for the lemma itself, "NNS"
    for an inflected form ending in "s" ("data" is no plural of "information"), else ""."""
    return "NN" if lemma == word else "NNS" if word.endswith("s") else ""


def noun_in_number(word: str, lemma: str, number: str, zipf: Callable[[str], float]) -> str:
    """``word``, a noun of ``lemma``, written in ``number`` ("NN" or "NNS") when that form
    keeps its stem and is written about as often (``zipf``: a word's Zipf frequency), else
    ``word`` as it is: "informations", or "physic" of "physics", is no form anyone writes."""
    from ..lexicon import inflect

    form = inflect(lemma, number)
    if form.isalpha() and match_key(form) == match_key(word) and zipf(form) >= zipf(word) - RARER_FORM:
        return form
    return word


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def _unchanged(original: str) -> str:
    return original


def _noun_number(word: str) -> str:
    """:func:`noun_number` of the likeliest noun reading of ``word``; "" when it has none."""
    from ..lexicon import lemmas

    return next((noun_number(word, lemma) for lemma, pos in lemmas(word) if pos == "NOUN"), "")


def _automaton(patterns: Sequence[tuple[str, int, int]]) -> Any:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for pattern, place, length in patterns:
        automaton.add_word(pattern, (place, length))
    automaton.make_automaton()
    return automaton


# The default matcher's phrases and patterns are kept beside the lexicon's cache file:
# keying and judging the list's 3,866 entries took half a second of every cold start (a
# quarter of it, session 68). The file's name changes with everything they depend on.
_CACHE_PREFIX = "known-phrases-"
_CACHE_FORMAT = 1  # bump when what the file holds changes
_STALE_SECONDS = 30 * 24 * 3600  # another fingerprint's file, unwritten for a month


@built_once()
def _default_matcher(cls: type[KnownPhraseMatcher]) -> KnownPhraseMatcher:
    from ..lexicon import Lexicon

    # Keying the phrases reads lemminflect's tables: from the cache's copy, read first. When
    # the engine read that copy after building the matcher, lemminflect had parsed its own
    # files already, the slow way, on every cold start (session 68).
    lexicon = Lexicon.load()
    lexicon.preload()
    path = lexicon.path.parent / f"{_CACHE_PREFIX}{_fingerprint(lexicon.version)}.marshal"
    state = _read_state(path)
    if state is not None:
        return cls.from_patterns(*state)
    matcher = cls(make_phrases(load_list()))
    _write_state(path, matcher)
    return matcher


def _fingerprint(lexicon_version: str) -> str:
    """What the default matcher's phrases and patterns depend on: the list, unspun's code
    (the keying, the lemmas, the collocation and known-term tests), the known terms' own
    fingerprint (their tables, the stemmers), lemminflect's and pocketsphinx's versions."""
    import hashlib
    import sys

    from .._packages import installed_version
    from . import term_sources

    digest = hashlib.sha256()
    for part in (str(_CACHE_FORMAT), sys.version, term_sources.fingerprint(lexicon_version),
                 installed_version("lemminflect"), installed_version("pocketsphinx")):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(resources.files("unspun.data").joinpath("tortured-phrases.tsv").read_bytes())
    for source in sorted(Path(__file__).resolve().parents[1].rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def _read_state(path: Path) -> tuple[list[KnownPhrase], list[tuple[str, int, int]]] | None:
    """The phrases and patterns kept in ``path``, or None where there are none (or none
    whole: a damaged file is written again)."""
    from .._files import read_checked

    try:
        state = read_checked(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        log.warning("cannot read %s (%s); keying the listed phrases again", path, error)
        return None
    if (isinstance(state, tuple) and len(state) == 2 and isinstance(state[0], list) and isinstance(state[1], list)
            and all(map(_phrase_fields, state[0])) and all(map(_pattern, state[1]))
            and all(0 <= place < len(state[0]) for _, place, _ in state[1])):
        return [KnownPhrase(*fields) for fields in state[0]], state[1]
    log.warning("%s is damaged; keying the listed phrases again", path)
    return None


def _phrase_fields(fields: object) -> bool:
    """Whether ``fields`` are a :class:`KnownPhrase`'s, as :func:`_write_state` writes them."""
    return (isinstance(fields, tuple) and len(fields) == 6 and isinstance(fields[0], str)
            and isinstance(fields[1], str) and (fields[2] is None or isinstance(fields[2], str))
            and isinstance(fields[3], tuple) and all(isinstance(a, str) for a in fields[3])
            and isinstance(fields[4], bool) and isinstance(fields[5], str))


def _pattern(found: object) -> bool:
    return (isinstance(found, tuple) and len(found) == 3 and isinstance(found[0], str)
            and isinstance(found[1], int) and isinstance(found[2], int))


def _write_state(path: Path, matcher: KnownPhraseMatcher) -> None:
    from .._files import keep_cached

    phrases = [(p.tortured, p.expected, p.suggestion, p.alternatives, p.ambiguous, p.why_ambiguous)
               for p in matcher.phrases]
    keep_cached(path, (phrases, matcher.patterns), _CACHE_PREFIX, log, "cannot keep the listed phrases' keys",
                _STALE_SECONDS)
