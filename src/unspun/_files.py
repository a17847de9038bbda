"""Writing a file so that readers see the old one or the new one, never half of either; and
the checksummed ``marshal`` files that caches of plain tables are kept in."""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO


@contextmanager
def replaced_atomically(path: Path, prefix: str = ".unspun-") -> Iterator[BinaryIO]:
    """A binary file to write ``path``'s new content into: a temporary file beside it, flushed
    to disk and renamed over ``path`` when the block ends, removed if the block raises.
    Readable by all (``mkstemp`` makes it private; caches and tables are no secret)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_checked(path: Path, value: Any, prefix: str) -> None:
    """``value`` (strings, numbers, tuples, lists, dicts, sets) written to ``path`` as
    ``marshal`` data after its SHA-256, atomically. Raises OSError when it cannot be written."""
    payload = marshal.dumps(value)
    with replaced_atomically(path, prefix=prefix) as out:
        out.write(hashlib.sha256(payload).digest())
        out.write(payload)


def read_checked(path: Path) -> object | None:
    """What :func:`write_checked` wrote to ``path``, or None when the checksum is wrong or
    ``marshal`` cannot read it (another Python's format). Raises OSError (FileNotFoundError
    when there is no such file)."""
    data = path.read_bytes()
    digest, payload = data[:32], data[32:]
    if hashlib.sha256(payload).digest() != digest:
        return None
    try:
        value = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    _mark_in_use(path)
    return value


def _mark_in_use(path: Path) -> None:
    """Touch a cache file read now and unwritten for a day or more: :func:`remove_stale` goes
    by the time a file was last written, and another install sharing the folder (another
    Python's, whose files are named apart) would remove one still read every day."""
    try:
        if time.time() - path.stat().st_mtime > _IN_USE_SECONDS:
            os.utime(path)
    except OSError:  # a read-only cache folder, a file of another user's: read all the same
        pass


_IN_USE_SECONDS = 86_400


def remove_stale(folder: Path, pattern: str, keep: Path, seconds: float) -> None:
    """Remove the files of ``folder`` matching ``pattern``, but ``keep``, unwritten for
    ``seconds`` (another install sharing the folder may still use a recent one); one that
    another process removes first, or that cannot be removed, is left."""
    for other in folder.glob(pattern):
        try:
            if other != keep and time.time() - other.stat().st_mtime > seconds:
                other.unlink(missing_ok=True)
        except OSError:
            continue


def keep_cached(path: Path, value: Any, name: str, log: logging.Logger, cannot: str, stale_seconds: float) -> None:
    """``value`` written to the cache file ``path`` (:func:`write_checked`, its temporary
    named ``.{name}...``), and the files of ``name``'s other fingerprints unwritten for
    ``stale_seconds`` removed (:func:`remove_stale`). A folder that cannot be written costs
    only the file, slower starts and the same answers: ``log`` warns "``cannot`` in <the
    folder> (<why>)"."""
    try:
        write_checked(path, value, prefix=f".{name}")
    except OSError as error:
        log.warning("%s in %s (%s)", cannot, path.parent, error)
        return
    remove_stale(path.parent, f"{name}*.marshal", path, stale_seconds)


# The temporary files and folders unspun's caches are written into before their rename
# (replaced_atomically's and mkdtemp's prefixes in lexicon/_format, detect/term_sources and known_phrases,
# lexicon/_inflection_tables, deep/_dtype, deep/_lm, eval/thesauri). A build killed
# outright (SIGKILL, out of memory, a --jobs worker stopped with its run) leaves one behind:
# 257 MB for a model copy.
# Each pattern ends in the 8 characters tempfile adds, so that a cache folder shared with
# other files (UNSPUN_CACHE pointing at one) loses nothing of theirs.
_RANDOM = "?" * 8
CACHE_TEMPORARIES = (
    f".lexicon-{_RANDOM}.tmp", f".known-terms-{_RANDOM}.tmp", f".known-phrases-{_RANDOM}.tmp", f".lemminflect-{_RANDOM}.tmp",
    f".deep-dtype-{_RANDOM}.tmp", f".lm-*-f[0-9]*-{_RANDOM}.tmp", f".*-gguf-{_RANDOM}",
    f"thesauri/.*-v[0-9]*.npz-{_RANDOM}.tmp",
)
STALE_TEMPORARY_SECONDS = 3600
"""A temporary unwritten this long is a killed build's: a live build (minutes at most) keeps
writing its own."""


def sweep_cache_temporaries(folder: Path, seconds: float = STALE_TEMPORARY_SECONDS) -> list[Path]:
    """Remove what killed builds left in the cache ``folder`` (:data:`CACHE_TEMPORARIES`
    unwritten for ``seconds``); return what was removed. Anything that cannot be removed,
    or that another process removes first, is left: a sweep never fails a run."""
    removed = []
    for pattern in CACHE_TEMPORARIES:
        try:
            found = list(folder.glob(pattern))
        except OSError:
            continue
        for path in found:
            try:
                if path.is_symlink() or time.time() - path.stat().st_mtime <= seconds:
                    continue
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed
