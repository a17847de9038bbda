"""What a process builds once and every check shares (engines, language models, tables),
built once however many threads ask for it at the same moment.

``functools.lru_cache`` runs the build for every caller that misses: a server whose threads
made their first checks together built an engine per thread (each then frozen out of the
collector's sight, so kept for good: 605 MB instead of 351 with four threads), and two
threads making their first deep check on a fresh cache built the language model's cached
copy twice at once, interleaving the process-wide patches that build makes (the standard
error redirected, transformers' weight tying switched off), which left deep mode broken for
the rest of the process (an audit, session 56). Here the first caller builds while the others
wait for its value; once built, a value is read without taking the lock.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Hashable
from typing import Generic, ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")
_KEYWORDS = object()  # parts a call's keywords from its positions in a key: f(1, n=2) is no f((1,), (("n", 2),))


class _BuiltOnce(Generic[_P, _R]):
    """``build`` memoised by its arguments, at most ``limit`` values (the first built is
    forgotten first, not the least used: the builders keep one to a few values), each built
    by one caller while the others wait. A build that raises stores nothing: the next caller
    builds again, as with ``lru_cache``. For functions, not methods (it binds no instance)."""

    def __init__(self, build: Callable[_P, _R], limit: int) -> None:
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        functools.update_wrapper(self, build)
        self._build = build
        self._limit = limit
        self._values: dict[Hashable, _R] = {}
        # Reentrant: a build may ask for another value of the same function (a model by name).
        self._lock = threading.RLock()
        # A child forked while another thread held the lock would wait on it for ever.
        os.register_at_fork(after_in_child=self._new_lock)

    def _new_lock(self) -> None:
        self._lock = threading.RLock()

    def __call__(self, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        key: Hashable = (*args, _KEYWORDS, *sorted(kwargs.items())) if kwargs else args
        try:
            return self._values[key]
        except KeyError:
            pass
        with self._lock:
            if key not in self._values:
                value = self._build(*args, **kwargs)
                if len(self._values) >= self._limit:
                    del self._values[next(iter(self._values))]
                self._values[key] = value
            return self._values[key]

    def __reduce__(self) -> str:
        # Pickled by name, as the function it replaces was (a worker process finds its own).
        return self._build.__qualname__

    def cache_clear(self) -> None:
        """Forget every value built (the next call builds again)."""
        with self._lock:
            self._values.clear()


def built_once(limit: int = 1) -> Callable[[Callable[_P, _R]], _BuiltOnce[_P, _R]]:
    """A decorator: the function's value for given arguments is built once per process, by
    the first of the threads that ask at the same time (``limit``: how many values to keep).

    >>> calls = []
    >>> @built_once()
    ... def table() -> list[int]:
    ...     calls.append(1)
    ...     return [1, 2, 3]
    >>> table() is table(), len(calls)
    (True, 1)
    """

    def decorate(build: Callable[_P, _R]) -> _BuiltOnce[_P, _R]:
        return _BuiltOnce(build, limit)

    return decorate
