"""uvicorn's HTTP/1.1 connection, with a deadline on the request a client sends.

uvicorn closes a kept-alive connection that stays idle between requests, but not one that
sends nothing after connecting, nor one that sends a request's head or body a byte at a time:
each holds a connection and a file descriptor for ever, and a few hundred of them leave the
server none for anyone else (slowloris; measured: a connection that sent nothing, or half a
head, was still open after 12 s, and stays so). Here a connection must send each whole
request, head and body, within ``request_seconds`` of its first byte (of the connection's
opening, for the first request); past it the connection is closed. A reverse proxy in front
does the same with its own timeouts; this keeps a server without one from being held.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from ._settings import DEFAULT_REQUEST_SECONDS


class DeadlinedH11Protocol(H11Protocol):
    """:class:`H11Protocol` whose requests must arrive whole within ``request_seconds``.
    (uvicorn's own attributes: ``loop``, ``conn``, ``transport``; its keep-alive timer still
    closes a connection idle between requests.)"""

    request_seconds = DEFAULT_REQUEST_SECONDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state in (h11.IDLE, h11.SEND_BODY):
            self._arm()  # a request begun (or a kept-alive connection's next one): on the clock
        else:
            self._disarm()  # the request is whole (or the connection is done)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # A request sent behind the last one (pipelined) was taken from the buffer there, with
        # no data_received: its head in, or part of it, it is on the clock too (a review:
        # a head with a length and no body held the connection for ever).
        state = self.conn.their_state
        if state is h11.SEND_BODY or (state is h11.IDLE and self.conn.trailing_data[0]):
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(self.request_seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            # The application, if it is reading the body, is told the client is gone.
            self.transport.close()


def deadlined(request_seconds: float) -> type[DeadlinedH11Protocol]:
    """The protocol class for ``uvicorn.Config(http=...)`` with its deadline."""
    return type("DeadlinedH11Protocol", (DeadlinedH11Protocol,), {"request_seconds": request_seconds})
