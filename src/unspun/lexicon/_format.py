"""The lexicon's file format: one file, a JSON header, then raw little-endian arrays.

::

    b"UNSPUNLX"  8 bytes, the magic
    uint32       header length in bytes (little-endian)
    header       UTF-8 JSON, keys sorted: format, version, sources, counts, crc32, arrays
    padding      to a multiple of 64 bytes
    payload      each array's raw bytes, 64-byte aligned; offsets in the header are relative
                 to the payload start

Why not ``np.savez``: zip members carry the time of writing, so two builds would differ, and a
member is copied on every read. Here loading is one ``read()`` and ``np.frombuffer`` views, and
the same inputs always give the same bytes. Nothing is pickled.

Every defect a file can have (truncation, a foreign file, a flipped bit, inconsistent arrays) is
reported as :class:`LexiconCacheError`, never as a numpy or JSON traceback.
"""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Mapping
from enum import IntFlag
from pathlib import Path
from typing import Any

import numpy as np

from .._files import replaced_atomically
from ..errors import LexiconCacheError

MAGIC = b"UNSPUNLX"
FORMAT = 1
_ALIGN = 64
_LENGTH = struct.Struct("<I")

POS_NAMES = ("NOUN", "VERB", "ADJ", "ADV")
POS_BITS = {name: 1 << i for i, name in enumerate(POS_NAMES)}
ALL_POS = 0b1111


class Source(IntFlag):
    """Where a link between two lemmas comes from, seen from the lemma looked up.

    ``MOBY_LISTS``: the looked-up lemma's Moby entry lists the other one, so a spinner could
    replace the looked-up lemma with it. ``MOBY_LISTED_BY``: the other lemma's Moby entry lists
    the looked-up one, so the other could be the original a spinner replaced.

    >>> Source.ORIGINALS == Source.WORDNET | Source.MOBY_LISTED_BY
    True
    """

    WORDNET = 1
    """Both lemmas are in one WordNet synset (a symmetric link)."""
    WORDNET_SIMILAR = 2
    """WordNet links their synsets by "similar to" (adjective clusters) or "also see"."""
    MOBY_LISTS = 4
    MOBY_LISTED_BY = 8
    ORIGINALS = WORDNET | MOBY_LISTED_BY
    """What :meth:`Lexicon.originals` follows by default."""
    SYNONYMS = WORDNET | MOBY_LISTS
    """What :meth:`Lexicon.synonyms` follows by default."""
    ALL = WORDNET | WORDNET_SIMILAR | MOBY_LISTS | MOBY_LISTED_BY


# Link strength = the other lemma's Zipf frequency + STRENGTH_BONUS[flags] - EXTRA_WORD_PENALTY
# per word beyond its first. Bonuses chosen on the tortured-phrase development pairs.
WORDNET_BONUS = 2.0
MUTUAL_MOBY_BONUS = 1.0
SIMILAR_BONUS = 0.5
EXTRA_WORD_PENALTY = 1.0


def _strength_bonus() -> np.ndarray:
    flags = np.arange(16)
    mutual = ((flags & Source.MOBY_LISTS) != 0) & ((flags & Source.MOBY_LISTED_BY) != 0)
    bonus = (
        WORDNET_BONUS * ((flags & Source.WORDNET) != 0)
        + MUTUAL_MOBY_BONUS * mutual
        + SIMILAR_BONUS * ((flags & Source.WORDNET_SIMILAR) != 0)
    )
    return bonus.astype(np.float32)


STRENGTH_BONUS = _strength_bonus()
"""The strength bonus of each of the 16 combinations of :class:`Source` flags."""


def write(path: Path, version: str, meta: Mapping[str, Any], arrays: Mapping[str, np.ndarray]) -> None:
    """Write ``arrays`` to ``path`` atomically: a temporary file beside it, then a rename.

    A build killed half-way leaves at most a ``.lexicon-*.tmp`` file, never a half cache.
    """
    specs: dict[str, dict[str, Any]] = {}
    chunks: list[bytes] = []
    offset = 0
    for name in sorted(arrays):
        array = np.ascontiguousarray(arrays[name])
        dtype = array.dtype.newbyteorder("<") if array.dtype.byteorder not in "<|" else array.dtype
        data = array.astype(dtype, copy=False).tobytes()
        specs[name] = {"dtype": dtype.str, "shape": list(array.shape), "offset": offset}
        pad = -len(data) % _ALIGN
        chunks.append(data + b"\0" * pad)
        offset += len(data) + pad
    payload = b"".join(chunks)
    header = {
        **meta,
        "format": FORMAT,
        "version": version,
        "arrays": specs,
        "payload_bytes": len(payload),
        "crc32": zlib.crc32(payload),
    }
    head = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    prefix = MAGIC + _LENGTH.pack(len(head)) + head
    prefix += b"\0" * (-len(prefix) % _ALIGN)

    with replaced_atomically(path, prefix=".lexicon-") as out:
        out.write(prefix)
        out.write(payload)


def read(path: Path, expected_version: str | None = None) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Read a lexicon file: its header and read-only array views, checked whole.

    Raises :class:`LexiconCacheError` with the path and what is wrong; ``FileNotFoundError``
    when there is no file at all (the caller decides whether to build one).
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as error:
        raise LexiconCacheError(f"cannot read the lexicon cache {path} ({error})") from error
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + _LENGTH.size:
        raise LexiconCacheError(f"{path} is not an unspun lexicon file (no magic); delete it or rebuild")
    (head_len,) = _LENGTH.unpack_from(data, len(MAGIC))
    start = len(MAGIC) + _LENGTH.size
    try:
        header = json.loads(data[start : start + head_len].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise LexiconCacheError(f"{path}: damaged header ({error}); rebuild the lexicon") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise LexiconCacheError(f"{path}: unknown lexicon file format; rebuild the lexicon")
    if expected_version is not None and header.get("version") != expected_version:
        raise LexiconCacheError(
            f"{path} holds lexicon {header.get('version')!r}, this unspun needs {expected_version!r}; rebuild it"
        )
    payload_start = start + head_len
    payload_start += -payload_start % _ALIGN
    payload = memoryview(data)[payload_start:]
    try:
        if len(payload) != header["payload_bytes"]:
            raise LexiconCacheError(
                f"{path} is truncated or padded ({len(payload)} payload bytes, header says "
                f"{header['payload_bytes']}); rebuild the lexicon"
            )
        if zlib.crc32(payload) != header["crc32"]:
            raise LexiconCacheError(f"{path} is damaged (checksum mismatch); rebuild the lexicon")
        arrays = {}
        # The checksum covers the payload, not the header: each array must sit exactly where
        # write() puts it (in name order, 64-byte aligned, nothing between). A flipped bit in
        # an offset read a shifted array, and a check went on with nonsense synonyms.
        expected_offset = 0
        for name in sorted(header["arrays"]):
            spec = header["arrays"][name]
            dtype = np.dtype(spec["dtype"])
            count = int(np.prod(spec["shape"], dtype=np.int64))
            if spec["offset"] != expected_offset or count < 0 or min(spec["shape"], default=0) < 0:
                raise LexiconCacheError(f"{path}: damaged header (array {name!r} is not where it belongs); "
                                        "rebuild the lexicon")
            array = np.frombuffer(payload, dtype=dtype, count=count, offset=spec["offset"])
            arrays[name] = array.reshape(spec["shape"])
            expected_offset += array.nbytes + (-array.nbytes % _ALIGN)
        if expected_offset != header["payload_bytes"]:
            raise LexiconCacheError(f"{path}: damaged header (its arrays do not fill the payload); rebuild the lexicon")
    except LexiconCacheError:
        raise
    except (KeyError, TypeError, ValueError) as error:
        raise LexiconCacheError(f"{path}: inconsistent lexicon file ({error}); rebuild the lexicon") from None
    return header, arrays
