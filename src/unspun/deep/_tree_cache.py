"""A language model's answers kept on disk: long trainings resume, and reruns read them back.

Training the deep models reads thousands of texts with the language model (SmolLM2: about
two hours on a 2-core AVX2 machine; Gemma 3 270M twice that), and several stages read the
same texts again (the suggestion calibrators, the validation benchmark). With
``UNSPUN_TREE_CACHE`` set to a folder, every token tree's log-probabilities are kept there in
an SQLite file per model and dtype, keyed by a digest of the tree; a killed run picks up
where it stopped and a stage that reads a text again costs nothing. Values are stored as
float32, which loses nothing: the model computes them in float32 (or bfloat16).

Meant for development runs; deep mode at run time never sets it. A damaged file is moved
aside (``.damaged``) and a fresh one started: it only ever holds what can be computed again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

    import numpy as np

    from ._lm import CausalLM, TokenTree

TREE_CACHE_ENV = "UNSPUN_TREE_CACHE"
_FORMAT = 1  # bump when the key or the stored values change
_QUERY_CHUNK = 500  # keys per SELECT: SQLite bounds the parameters of one statement

log = logging.getLogger("unspun.deep")


class CachedLM:
    """``lm`` with its tree log-probabilities kept in ``folder`` (see the module docstring).
    Encodes as ``lm`` does; :meth:`tree_logprobs` asks ``lm`` only for the trees it has not
    seen, and stores their answers in one transaction per call."""

    def __init__(self, lm: CausalLM, folder: Path) -> None:
        self.lm = lm
        self.name = lm.name
        self.context_prefix = lm.context_prefix
        self.dtype = str(getattr(lm, "dtype", "unknown"))
        self.hits = 0
        self.misses = 0
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"trees-{self.name}-{self.dtype}-v{_FORMAT}.sqlite"
        self._lock = threading.Lock()
        self._db = _opened(self.path)

    def encode(self, text: str) -> tuple[int, ...]:
        return self.lm.encode(text)

    def tree_logprobs(self, trees: Sequence[TokenTree], batch_size: int = 16) -> list[np.ndarray]:
        import numpy as np

        keys = [_key(tree) for tree in trees]
        with self._lock:
            known = self._read(sorted(set(keys)))
            unseen: dict[bytes, int] = {}  # a tree asked for twice in a call is computed once
            for i, key in enumerate(keys):
                if key not in known:
                    unseen.setdefault(key, i)
            missing = list(unseen.values())
            self.misses += len(missing)
            self.hits += len(trees) - len(missing)
            if missing:
                fresh = self.lm.tree_logprobs([trees[i] for i in missing], batch_size)
                for i, values in zip(missing, fresh, strict=True):
                    known[keys[i]] = np.asarray(values, dtype=np.float32)
                with self._db:  # one transaction: all of this call's answers or none
                    self._db.executemany("INSERT OR REPLACE INTO trees (key, logprobs) VALUES (?, ?)",
                                         [(keys[i], known[keys[i]].tobytes()) for i in missing])
        return [known[key].astype(np.float64) for key in keys]

    def _read(self, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        import numpy as np

        found: dict[bytes, np.ndarray] = {}
        for at in range(0, len(keys), _QUERY_CHUNK):
            part = keys[at : at + _QUERY_CHUNK]
            marks = ",".join("?" * len(part))
            for key, blob in self._db.execute(f"SELECT key, logprobs FROM trees WHERE key IN ({marks})", part):
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found


def with_tree_cache(lm: CausalLM) -> CausalLM:
    """``lm`` itself, or kept on disk (:class:`CachedLM`) when ``UNSPUN_TREE_CACHE`` names a
    folder."""
    folder = os.environ.get(TREE_CACHE_ENV)
    if not folder or isinstance(lm, CachedLM):
        return lm
    return CachedLM(lm, Path(folder))


def _key(tree: TokenTree) -> bytes:
    """A digest of everything the answers depend on: the tokens, their parents and which
    tokens are scored."""
    import numpy as np

    digest = hashlib.blake2b(digest_size=20)
    for values in (tree.tokens, tree.parents, tree.targets()):
        digest.update(np.asarray(values, dtype=np.int64).tobytes())
        digest.update(b"|")
    return digest.digest()


def _opened(path: Path) -> sqlite3.Connection:
    """The cache file, created if missing; a damaged one is moved aside and started afresh."""
    import sqlite3

    try:
        return _connect(path)
    except sqlite3.DatabaseError as error:
        aside = path.with_name(path.name + ".damaged")
        log.warning("tree cache %s is damaged (%s): moved to %s, starting afresh", path, error, aside.name)
        os.replace(path, aside)
        return _connect(path)


def _connect(path: Path) -> sqlite3.Connection:
    import sqlite3

    db = sqlite3.connect(path, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS trees (key BLOB PRIMARY KEY, logprobs BLOB NOT NULL)")
        db.execute("SELECT COUNT(*) FROM trees WHERE key = ?", (b"",)).fetchone()
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db
