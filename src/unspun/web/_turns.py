"""The engine's queue: checks take turns, one at a time, and a request waits for its turn
without holding a thread.

Waiting for a thread-bound lock held one of the server's 40 worker threads per request, which
static files and the page share: abandoned requests queued behind a long check kept the page
from loading at all (a helper's audit, session 59). Here a request waits on an async lock,
and leaves the queue when its client goes; when its turn comes, a client that has gone is not
checked; and past ``max_waiting`` waiting requests a new one is answered 503 at once. A check
that has started cannot be stopped (it is CPU-bound, in a thread): its length is bounded by
the size limits instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import anyio
from starlette.requests import Request

from ..errors import UnspunError

T = TypeVar("T")
RETRY_AFTER_S = 5
"""What a 503 answer's ``Retry-After`` asks of the client, in seconds."""


class ServerBusyError(UnspunError):
    """Too many checks are waiting for their turn."""

    http_status = 503


class ClientGoneError(UnspunError):
    """The client closed its connection while its request waited: nobody reads the answer."""

    http_status = 499  # nginx's "client closed request": logged, never read


class Turns:
    """One check at a time, in the order asked, ``max_waiting`` waiting at the most."""

    def __init__(self, max_waiting: int) -> None:
        self.max_waiting = max_waiting
        self.waiting = 0
        self._lock: anyio.Lock | None = None  # made in the event loop, on first use
        self._worker: anyio.CapacityLimiter | None = None

    async def take(self, request: Request, work: Callable[[], T]) -> T:
        """``work()``'s result, run in a thread when this request's turn comes."""
        if self._lock is None or self._worker is None:
            self._lock, self._worker = anyio.Lock(), anyio.CapacityLimiter(1)
        if self.waiting >= self.max_waiting:
            raise ServerBusyError(f"the server is busy: {self.waiting} checks are waiting for their turn; "
                                  f"try again in a few seconds")
        self.waiting += 1
        try:
            await _until_turn_or_gone(self._lock, request)
        finally:
            self.waiting -= 1
        try:
            if await request.is_disconnected():
                raise ClientGoneError("the client left before its turn")
            result: Any = await anyio.to_thread.run_sync(work, limiter=self._worker)
            return result  # type: ignore[no-any-return]
        finally:
            self._lock.release()


async def _until_turn_or_gone(lock: anyio.Lock, request: Request) -> None:
    """Acquire ``lock``, or raise :class:`ClientGoneError` as soon as the client leaves: a
    client gone kept its place, and counted against ``max_waiting``, until its turn came, so
    that live clients behind a few that gave up (a timeout) were answered 503 (an audit,
    session 64). The body has been read: what the connection says now is its end."""
    gone = acquired = False
    async with anyio.create_task_group() as group:

        async def watch() -> None:
            nonlocal gone
            while (await request.receive())["type"] != "http.disconnect":
                pass  # (an empty message: nothing more is sent once the body is in)
            gone = True
            group.cancel_scope.cancel()  # leaves the queue (anyio's lock is safe to cancel)

        group.start_soon(watch)
        await lock.acquire()
        acquired = True  # no checkpoint follows: held, whatever the watcher does now
        group.cancel_scope.cancel()
    if gone and not acquired:  # (gone with the turn in hand: the turn's own check says so)
        raise ClientGoneError("the client left while waiting for its turn")
