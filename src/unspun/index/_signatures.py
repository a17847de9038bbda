"""Signatures that survive spinning: hashed n-grams of a text's *skeleton*.

A spinner swaps content words for thesaurus synonyms and sprinkles fillers ("also",
"actually", "as well as" for "and"). What it leaves alone is the skeleton of the text: the
closed-class words (articles, pronouns, prepositions, auxiliaries, conjunctions), the names,
the numbers and the sentence ends. :func:`skeleton` keeps exactly those, in order, and drops
everything else (content words, and the words spinners like to insert or swap), so that

>>> skeleton("Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn.")
['at', 'us', 'timewarner', '76', 'to', '1.13bn', '.']
>>> skeleton("Quarterly gains at US media colossus TimeWarner also rose 76% to $1.13bn.")
['at', 'us', 'timewarner', '76', 'to', '1.13bn', '.']

A sentence's first word is a name only when it is written in capitals (``AOL``), because a
spinner may replace a capitalised content word there (``Profits`` -> ``Gains``).

:func:`signature_keys` hashes the skeleton's n-grams (64-bit) and keeps a content-defined
sample: the n-grams whose hash is divisible by ``sample_mod``, plus the ``anchors`` smallest
hashes so that even a short text has a key. Because the choice depends only on the n-gram,
a copied passage keeps the same sampled keys inside any other text (containment). Each key
is stored as a signed 32-bit integer (the hash's high half), 4 bytes in SQLite.

>>> from unspun.index import IndexParams
>>> original = "The firm, which is one of the big investors in Google, said on Friday that it would buy 8% of AOL."
>>> spun = "The company, which is one of the large backers in Google, also stated on Friday that it would purchase 8% of AOL."
>>> keys = set(signature_keys(original, IndexParams(sample_mod=1)))
>>> len(keys & set(signature_keys(spun, IndexParams(sample_mod=1)))) == len(keys)
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from ..disguise import HYPHEN_BREAK_RE, LINE_BREAK_HYPHEN_RE, read_through

if TYPE_CHECKING:
    from ._params import IndexParams


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Version of the skeleton rules below; stored in every index, which is keyed by its own
#: version's rules (an index of a version this unspun does not know is refused). Version 2
#: reads a text as a person sees it first (:func:`unspun.disguise.read_through`: ligatures,
#: soft hyphens, invisible characters, look-alike letters), as the query side always did: an
#: original copied from a PDF, or with a zero-width space inside a name, kept other keys than
#: its clean copies; and the index keys a stored text written in capitals or in title case in
#: ordinary case (``Index._keys_of``; with the lexicon, so a removal finds by a scan what
#: another lexicon's keys miss). Plain text in ordinary case has the same keys under both, so
#: an index of version 1 is still opened and keyed by its own rules
#: (:data:`READABLE_SKELETON_VERSIONS`). Version 3 composes accents (NFC) before keying: a
#: copy with decomposed ones ("cafe" and U+0301, as macOS and PDF extractors write them) kept
#: other keys for every accented name than its original. Text without accents, or with
#: composed ones as nearly all is, has the same keys under 2 and 3.
SKELETON_VERSION = 3
READABLE_SKELETON_VERSIONS = (1, 2, 3)

# Closed-class words that spinners leave alone: no thesaurus gives them a synonym a spinner
# would use. Words spinners do swap ("about" -> "approximately", "but" -> "however",
# "many" -> "numerous", "before" -> "prior to", "because" -> "since", "although" -> "though",
# "among", "against") are deliberately left out, like content words.
STABLE_WORDS = _words(
    """
    a an the of in on at by to for from with into onto upon per via than as
    during until without through between
    i me my we us our ours you your yours he him his she her hers it its they them their theirs
    myself yourself himself herself itself ourselves themselves
    this that these those who whom whose which what where when why how whether if
    unless whereas nor or not no
    be is am are was were been being have has had having do does did doing
    will would shall should can could may might must
    it's that's there's he's she's they're we're you're i'm i've we've they've
    isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't
    won't wouldn't can't couldn't shouldn't mustn't
    """
)

# Words spinners insert as fillers or use to replace "and"; dropped everywhere.
FILLER_WORDS = _words(
    """
    and also actually really indeed just very quite truly simply basically certainly definitely
    however moreover furthermore additionally besides likewise too then even still well plus
    """
)

# Multi-word fillers and "and" replacements, dropped as a whole (matched on lower-case words).
FILLER_PHRASES: tuple[tuple[str, ...], ...] = (
    ("as", "well", "as"),
    ("as", "well"),
    ("along", "with"),
    ("together", "with"),
    ("in", "addition", "to"),
    ("in", "addition"),
    ("in", "fact"),
)

SENTENCE_END = "."

# Runs of letters and digits joined by inner apostrophes, periods, commas or colons ("don't",
# "U.S", "100,000", "1.13bn", "10:30"), sentence ends, blank lines. Simpler than
# unspun.text.tokenize and twice as fast; it only has to cut the source and the spun copy alike.
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’.,:][^\W_]+)*|[.!?]+|\n\s*\n")


_STABLE, _FILLER, _PHRASE = 1, 2, 3
_KINDS: dict[str, int] = {
    **{word: _STABLE for word in STABLE_WORDS},
    **{word: _FILLER for word in FILLER_WORDS},
    **{phrase[0]: _PHRASE for phrase in FILLER_PHRASES},
}


def _joined_if_small(match: re.Match[str]) -> str:
    """A word broken by a hyphen at a line's end (:data:`~unspun.disguise.LINE_BREAK_HYPHEN_RE`)
    read whole before a small letter ("be-\ntween"); as it is before a capital of any script
    ("Anglo-\nSaxon", "Marie-\nÉlise": two words)."""
    return match.group(1) if match.group(2)[0].islower() else match.group(0)


def skeleton(text: str) -> list[str]:
    """The items of ``text`` a spinner leaves alone, in order: stable function words and
    names (lower-cased), numbers, and ``"."`` for each sentence end.

    >>> skeleton("As well as that, Mr Blair also said in 2004 that he was not sure.")
    ['that', 'mr', 'blair', 'in', '2004', 'that', 'he', 'was', 'not', '.']
    """
    tokens = _TOKEN_RE.findall(text)
    # One lower() over the whole token list is several times faster than one per token.
    lowered = "\x00".join(tokens).lower().replace("’", "'").split("\x00")
    if len(lowered) != len(tokens):  # pragma: no cover - lower() never makes a NUL
        lowered = [token.lower().replace("’", "'") for token in tokens]
    out: list[str] = []
    append = out.append
    kinds = _KINDS
    sentence_start = True
    i = 0
    count = len(tokens)
    while i < count:
        low = lowered[i]
        kind = kinds.get(low)
        if kind is None:
            token = tokens[i]
            first = token[0]
            i += 1
            if first.isdigit():
                append(token)
            elif first in ".!?":
                if out and out[-1] != SENTENCE_END:
                    append(SENTENCE_END)
                sentence_start = True
                continue
            elif first == "\n":
                sentence_start = True
                continue
            elif first.isupper() and (not sentence_start or token[1:2].isupper()):
                append(low)
            sentence_start = False
            continue
        if kind == _PHRASE:
            skip = _phrase_at(lowered, i)
            if skip:
                i += skip
                continue  # a filler does not end the sentence start: "Also, Profits..." stays initial
            kind = _STABLE if low in STABLE_WORDS else 0
        i += 1
        if kind == _FILLER:
            continue
        if kind == _STABLE:
            append(low)
        else:
            token = tokens[i - 1]
            if token[0].isupper() and (not sentence_start or token[1:2].isupper()):
                append(low)
        sentence_start = False
    return out


def _phrase_at(lowered: list[str], i: int) -> int:
    """Length of the filler phrase starting at ``lowered[i]``, or 0."""
    for phrase in FILLER_PHRASES:
        if tuple(lowered[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


@lru_cache(maxsize=1 << 18)
def _item_hash(item: str) -> int:
    return int.from_bytes(hashlib.blake2b(item.encode("utf-8"), digest_size=8).digest(), "little")


_MASK64 = (1 << 64) - 1
# Odd multipliers, one per n-gram position (enough for n <= 16); then a splitmix64 finaliser.
_POSITION_MULTIPLIERS = np.array([(0x9E3779B97F4A7C15 * (2 * j + 1) + j) & _MASK64 | 1 for j in range(16)], dtype=np.uint64)
_FAMILY_SEEDS = {"skeleton": np.uint64(0x243F6A8885A308D3), "words": np.uint64(0x13198A2E03707344)}


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads every input bit over the whole word."""
    values = values ^ (values >> np.uint64(30))
    values = values * np.uint64(0xBF58476D1CE4E5B9)
    values = values ^ (values >> np.uint64(27))
    values = values * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


def ngram_hashes(items: list[str], n: int, family: str = "skeleton") -> np.ndarray:
    """64-bit hashes of the ``n``-grams of ``items`` (one hash of all of them when fewer).

    >>> ngram_hashes(["of", "the", "."], 2).shape
    (2,)
    >>> bool((ngram_hashes(["a", "b", "c"], 2) == ngram_hashes(["x", "a", "b", "c"], 2)[1:]).all())
    True
    """
    if not items:
        return np.zeros(0, dtype=np.uint64)
    values = np.array(list(map(_item_hash, items)), dtype=np.uint64)
    width = min(n, len(items))
    count = len(items) - width + 1
    combined = np.full(count, _FAMILY_SEEDS[family] + np.uint64(width), dtype=np.uint64)
    for j in range(width):
        combined += values[j : j + count] * _POSITION_MULTIPLIERS[j]
    return _mix(combined)


def _keys_of(hashes: np.ndarray) -> np.ndarray:
    """Stored keys: the high half of each hash as a signed 32-bit integer."""
    return ((hashes >> np.uint64(32)).astype(np.int64) - (1 << 31)).astype(np.int64)


def sample_hashes(hashes: np.ndarray, sample_mod: int, anchors: int) -> np.ndarray:
    """The content-defined sample of ``hashes``: those divisible by ``sample_mod``, plus the
    ``anchors`` smallest."""
    if hashes.size == 0:
        return hashes
    chosen = hashes[hashes % np.uint64(sample_mod) == 0] if sample_mod > 1 else hashes
    if anchors > 0:
        unique = np.unique(hashes)
        chosen = np.concatenate([chosen, unique[:anchors]])
    return chosen


def signature_keys(text: str, params: IndexParams) -> list[int]:
    """The sorted, distinct signature keys of ``text`` under ``params``.

    Texts whose skeleton yields fewer than ``params.min_keys`` keys (short texts, lists of
    names) also get the smallest hashes of their lower-cased word trigrams, so that an exact
    copy is still found. Under skeleton rules 2 and later the text is first read through
    (see :data:`SKELETON_VERSION`).
    """
    if params.skeleton_version >= 2:
        text = read_through(text).text
    return keys_of_reading(text, params)


def keys_of_reading(text: str, params: IndexParams) -> list[int]:
    """:func:`signature_keys` of a text already read as the rules of ``params`` read it;
    under rules 2 a word broken by a hyphen at a line's end, a small letter going on, is read
    whole ("be-\ntween", "Mel-\ncher": a function word or a name would fall apart); under
    rules 3 its accents are composed (NFC) too."""
    if params.skeleton_version >= 2 and HYPHEN_BREAK_RE.search(text):  # (a quick test first)
        text = LINE_BREAK_HYPHEN_RE.sub(_joined_if_small, text)
    if params.skeleton_version >= 3 and not text.isascii():
        text = unicodedata.normalize("NFC", text)
    hashes = ngram_hashes(skeleton(text), params.shingle)
    chosen = sample_hashes(hashes, params.sample_mod, params.anchors)
    keys = np.unique(_keys_of(chosen))
    if keys.size < params.min_keys:
        words = [w.lower() for w in _TOKEN_RE.findall(text) if w[0].isalnum()]
        extra = ngram_hashes(words, 3, family="words")
        if extra.size:
            extra = np.unique(extra)[: params.min_keys]
            keys = np.unique(np.concatenate([keys, _keys_of(extra)]))
    return [int(k) for k in keys]
