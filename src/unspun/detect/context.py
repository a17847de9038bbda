"""What every detector needs to know about a text, computed once: tokens, sentences, and for
each word token its language-model key, its position in its sentence's word sequence, and
whether a spinner would leave it alone (names, numbers, quotations, function words).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Sentence, Token
from ..spans import SpanIndex
from ..text import LINE_END_RE, PARAGRAPH_BREAK_RE, link_spans, tokenize
from ..text import sentences as split_sentences

HYPHENS = frozenset("-‐‑")  # hyphen-minus, hyphen, non-breaking hyphen
CUTS_COMPOUND = "cuts_compound"
"""The candidate feature (1.0 when present) of a span that begins or ends inside a
hyphenated compound (:func:`cuts_compound`)."""

# Words no spinner's thesaurus replaces: articles, pronouns, prepositions, auxiliaries,
# conjunctions. They are context, never candidates (fillers are found separately).
FUNCTION_WORDS = frozenset(
    """a an the this that these those some any each every no all both either neither i me my mine
    we us our ours you your yours he him his she her hers it its they them their theirs who whom
    whose which what where when why how whether if then than so as because since while although
    though unless until till and or nor but yet for of in on at by to from with without into
    onto upon about above below over under between among through during before after against
    across along around behind beyond near off out up down within via per like unlike is am are
    was were be been being have has had having do does did doing done will would shall should
    can could may might must ought not n't no yes there here also too very just only s 's t ll
    ve re d m o actually""".split()
)
# Connectives that do carry meaning, and that spinners do swap ("since" -> "because",
# "against" -> "versus"): not protected, and allowed as suggestions.
SWAPPABLE_CONNECTIVES = frozenset(
    "since because against despite although though while among however towards toward versus".split()
)
_PROTECTED_FUNCTION_WORDS = FUNCTION_WORDS - SWAPPABLE_CONNECTIVES
RARE_ZIPF = 3.5
"""Words rarer than this (Zipf: about 3 per million words) are the rare synonyms spinners
pick where a common word belongs."""
_OPEN_QUOTES = frozenset('“"‘«')
_CLOSE_QUOTES = frozenset('”"’»')


@dataclass(slots=True)
class WordInfo:
    """A word token as the detectors see it."""

    index: int  # into tokens
    key: str  # lower case, straight apostrophes
    sentence: int
    position: int  # in the sentence's LM word list
    protected: bool  # a name, number, function word or quotation: a spinner leaves it alone
    in_quote: bool
    capitalised: bool


@dataclass(slots=True)
class TextContext:
    """A tokenised text with per-sentence word sequences for the language models."""

    text: str
    tokens: list[Token]
    sentences: list[Sentence]
    words: dict[int, WordInfo]  # token index -> info, word and number tokens outside addresses only
    sentence_words: list[list[str]]  # LM keys per sentence, punctuation dropped

    @classmethod
    def build(cls, text: str, tokens: list[Token] | None = None) -> TextContext:
        tokens = tokenize(text) if tokens is None else tokens
        spans = split_sentences(text, tokens)
        links = SpanIndex.of_pairs(link_spans(text))
        words: dict[int, WordInfo] = {}
        sentence_words: list[list[str]] = []
        in_quote = False
        for number, sentence in enumerate(spans):
            keys: list[str] = []
            first_word = True
            if sentence.first_token > 0 and PARAGRAPH_BREAK_RE.search(
                    text, tokens[sentence.first_token - 1].end, tokens[min(sentence.first_token, len(tokens) - 1)].start):
                # A quotation going on in the next paragraph opens again there; one left
                # open (a missing mark) ends with its paragraph.
                in_quote = False
            for index in range(sentence.first_token, sentence.last_token):
                token = tokens[index]
                if token.kind == "punct":
                    if token.text == '"':
                        in_quote = _straight_quote_opens(text, token, in_quote)
                    elif token.text in _OPEN_QUOTES:
                        in_quote = True
                    elif token.text in _CLOSE_QUOTES and (token.text not in "’" or _closes_quote(tokens, index)):
                        in_quote = False
                    continue
                if links and links.overlaps(token.start, token.end):
                    continue  # the words of an address are no prose: no detector reads them
                key = token.text.lower().replace("’", "'")
                capitalised = token.text[:1].isupper()
                protected = (
                    token.kind == "number"
                    or key in _PROTECTED_FUNCTION_WORDS
                    or (capitalised and not first_word)
                    or (token.text.isupper() and len(token.text) > 1)
                    or in_quote
                    or (not key.isalpha() and any(c.isdigit() for c in key))  # letters are no digits
                )
                words[index] = WordInfo(index, key, number, len(keys), protected, in_quote, capitalised)
                keys.append(key)
                first_word = False
            sentence_words.append(keys)
        # A capitalised sentence opener is a name when the text also writes it capitalised
        # mid-sentence ("Russia is ready ... said Russia").
        names = {tokens[i].text for i, w in words.items() if w.capitalised and w.protected and not w.in_quote}
        for info in words.values():
            if info.capitalised and not info.protected and tokens[info.index].text in names:
                info.protected = True
        return cls(text, tokens, spans, words, sentence_words)


def joining_hyphen(context: TextContext, index: int) -> bool:
    """Whether token ``index`` is a hyphen joining two words into one compound: written
    between them without spaces ("signal-to-noise", "de-escalate"), or at the end of a line
    with the compound's next word on the next ("Sheffield-\nbased", as print wraps it), but
    for a capitalised function word there ("the vote-\nThe result", a dash)."""
    tokens = context.tokens
    if not 0 < index < len(tokens) - 1:
        return False
    before, token, after = tokens[index - 1], tokens[index], tokens[index + 1]
    if token.text not in HYPHENS or before.end != token.start:
        return False
    if token.end == after.start:
        return True
    # Only white space lies between tokens: one line end in it is a wrapped line, unless a
    # capitalised function word after it opens a sentence ("the vote-\nThe result": a
    # dash); "anti-\nAmerican", "mid-\nJuly" are compounds.
    if LINE_END_RE.fullmatch(context.text, token.end, after.start) is None:
        return False
    return not (after.text[:1].isupper() and after.text.lower() in FUNCTION_WORDS)


def cuts_compound(context: TextContext, first: int, last: int) -> bool:
    """Whether the words of tokens ``first``..``last`` (inclusive) begin or end inside a
    hyphenated compound ("based portable" of "Linux-based portable"). Spinners swap whole
    words and leave compounds alone (the benchmark spinner does, and the example page's five
    compounds were not touched), so such a span is no unit a spinner replaced."""
    return joining_hyphen(context, first - 1) or joining_hyphen(context, last + 1)


def _straight_quote_opens(text: str, token: Token, in_quote: bool) -> bool:
    """Whether a straight double quote leaves a quotation open: as a typesetter reads it, an
    opening mark after a space (or a line's start, a bracket, a dash) and before a word, a
    closing one after a word and before a space or punctuation. Only where neither reads it
    does it toggle: toggling alone read every quotation after a paragraph that leaves its
    quotation open (it goes on in the next) inside out, the narration as quoted."""
    before = text[token.start - 1] if token.start > 0 else " "
    after = text[token.end] if token.end < len(text) else " "
    # Before a word or an opening mark; after a dash, a quote before punctuation closes a
    # quoted word ("Stop—",).
    if (before.isspace() or before in "([{-–—") and (after.isalnum() or after in "'‘([{"):
        return True
    if not before.isspace() and (after.isspace() or not after.isalnum()):
        return False
    return not in_quote


def _closes_quote(tokens: list[Token], index: int) -> bool:
    """A right single quote closes a quotation only when it is not an apostrophe in a word."""
    return index + 1 >= len(tokens) or tokens[index + 1].start > tokens[index].end
