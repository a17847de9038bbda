"""The server's ASGI middlewares: what a page on another site may not ask, a bound on the
bytes one request may send, and the security headers of every answer. Plain ASGI, not Starlette's ``BaseHTTPMiddleware``, which
reads the body in a task of its own: an error raised there reached FastAPI wrapped in an
exception group, and a body over the limit was answered 400 "error parsing the body"."""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException

from ._settings import is_address

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[MutableMapping[str, Any], Receive, Send], Awaitable[None]]


def too_large_message(limit: int) -> str:
    return (f"the request is over this server's limit of {limit:,} bytes (its documents' limit, --max-bytes, with "
            "room for JSON's escapes)")


class BodyLimit:
    """At most ``limit`` bytes of body a request, counted as they arrive: a declared length
    over it is refused before anything is read, and a body sent in chunks is stopped at the
    chunk that passes it, with an :class:`HTTPException` 413 that the application's handlers
    answer in JSON (Starlette's own limit answers in plain text, before them)."""

    def __init__(self, app: App, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: MutableMapping[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > self.limit:
            await _answer(send, 413, too_large_message(self.limit))
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise HTTPException(413, too_large_message(self.limit))
            return message

        await self.app(scope, counted, send)


def _declared_length(scope: MutableMapping[str, Any]) -> int | None:
    value = _header(scope, b"content-length")
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None  # the server (h11, httptools) refuses a malformed length itself


def _header(scope: MutableMapping[str, Any], wanted: bytes) -> bytes | None:
    for name, value in scope.get("headers", ()):
        if name.lower() == wanted:
            return bytes(value)
    return None


async def _answer(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class SameOrigin:
    """Refuses what a page on another site asks of the server through its visitor's browser:
    a request whose method changes or costs something (POST) with an ``Origin`` other than
    the server's own (any site could otherwise send a visitor's browser to check, or to
    hold the engine with, a page against a server on their machine), and, when
    ``allowed_hosts`` is given, any request whose ``Host`` gives another name (a site whose
    name is rebound to this machine's address passes the browser's same-origin rule, but
    still names itself in ``Host``); an address (``10.0.0.5:8000``) is always served.
    Clients that are no browser send no ``Origin`` (curl, scripts): they are served."""

    def __init__(self, app: App, allowed_hosts: tuple[str, ...] | None, proxy_names: tuple[str, ...] = ()) -> None:
        self.app = app
        self.allowed_hosts = None if allowed_hosts is None else {host.lower() for host in allowed_hosts}
        # The names an operator named (--allow-host): a reverse proxy's, whose pages are the
        # server's own on whatever port the proxy serves them. Not this machine's own names
        # (--host's, localhost): a page on another port of them is another site (a review,
        # session 64: --host's name was taken for a proxy's).
        self.proxy_names = {host.lower() for host in proxy_names}

    async def __call__(self, scope: MutableMapping[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = parse_host((_header(scope, b"host") or b"").decode("latin-1"))
        if not self._served_host(host):
            await _answer(send, 403, f"this server answers requests for {', '.join(sorted(self.allowed_hosts or ()))} "
                                     "and for addresses only: name another it is reached by with --allow-host NAME")
            return
        origin = _header(scope, b"origin")
        if scope.get("method") not in SAFE_METHODS and origin is not None \
                and not self._own_origin(origin.decode("latin-1"), host):
            await _answer(send, 403, "a request from a page of another site is refused: the API answers its "
                                     "own page and clients that are no browser")
            return
        await self.app(scope, receive, send)

    def _served_host(self, host: HostHeader | None) -> bool:
        """Whether a request for ``host`` (None: a ``Host`` that cannot be read) is answered:
        any when no names were given; else those names, and any address. A rebound name is
        what the check keeps out; an address is never one, and a load balancer's check by
        address or a proxy that passes on its upstream's address (not the Host) were refused
        when --allow-host was given (an audit, session 64)."""
        if self.allowed_hosts is None:
            return True
        return host is not None and (host.name in self.allowed_hosts or is_address(host.name))

    def _own_origin(self, origin: str, host: HostHeader | None) -> bool:
        """Whether ``origin`` is the server's own page: the name and port of the ``Host`` it
        was sent to (the page's scheme says which port a Host without one means: one port
        serves one scheme, and behind a proxy that ends TLS the request's own scheme is not
        known), or a page of a reverse proxy's name (``--allow-host``). The
        name alone let a page on another port of the same machine in (``http://localhost:3000``
        posting to the server on localhost:8000: an audit, session 64)."""
        try:
            parts = urlsplit(origin.lower())
            origin_port = parts.port or DEFAULT_PORTS.get(parts.scheme)
        except ValueError:  # a port that is no number
            return False
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            return False  # "null" (a sandboxed page, a file), or no web page at all
        if parts.hostname in self.proxy_names:
            # Behind a proxy the server cannot tell the page's port (nginx's $host drops it) or
            # scheme (TLS ends at the proxy): the name the operator gave is the page's.
            return True
        if host is None:
            return False
        # A Host without a port asks for its scheme's default; the request's scheme is not
        # known behind a proxy that ends TLS, so the page's own scheme says which default.
        port = host.port if host.port is not None else DEFAULT_PORTS[parts.scheme]
        return host.name == parts.hostname and port == origin_port


DEFAULT_PORTS = {"http": 80, "https": 443}


class HostHeader(NamedTuple):
    """What a ``Host`` header names: "[::1]:8000" is ("::1", 8000); ``port`` None when it
    gives none (its scheme's default)."""

    name: str
    port: int | None


# RFC 3986's authority without its user: a name of the characters a name may hold, or an
# IPv6 address in brackets; then a port of ASCII digits, which may be empty.
_HOST_RE = re.compile(r"(?:\[(?P<address>[^\]]+)\]|(?P<name>[a-z0-9._~!$&'()*+,;=%-]+))(?::(?P<port>[0-9]*))?")
MAX_PORT = 65535


def parse_host(header: str) -> HostHeader | None:
    """A ``Host`` header's name (in lower case) and port, or None when it names no host and
    port: empty, a bracket left open ("[::1"), colons of an IPv6 address without brackets
    ("a:b:c", "::1"), a port that is no number up to 65535 ("host:99999", "host:x"), or a
    name with letters no host name holds (a space, "@", non-ASCII: browsers send a Unicode
    name in its ASCII form). The Host check and the Origin check read this one answer (two
    parsers read "host:99999" as "host" for the one, as nothing for the other, and
    "user@host" as no name for the one, as "host" for the other: a review, session 65).

    >>> parse_host("[::1]:8000"), parse_host("Example.org"), parse_host("host:99999")
    (HostHeader(name='::1', port=8000), HostHeader(name='example.org', port=None), None)
    >>> parse_host("host:08000"), parse_host("host:" + "1" * 5000)
    (HostHeader(name='host', port=8000), None)
    """
    found = _HOST_RE.fullmatch(header.lower())
    if found is None:
        return None
    address, port = found["address"], found["port"]
    if address is not None and ("%" in address or not _is_ipv6(address)):
        return None  # brackets hold an IPv6 address only, without a zone ("[fe80::1%evil.com]")
    # Leading zeros read as the number they lead; more than five digits are no port (and
    # over 4,300 Python refuses to read as a number: a 500 and a logged traceback, a review).
    digits = (port.lstrip("0") or "0") if port else ""
    if len(digits) > len(str(MAX_PORT)) or (digits and int(digits) > MAX_PORT):
        return None
    return HostHeader(address if address is not None else found["name"], int(digits) if digits else None)


def _is_ipv6(text: str) -> bool:
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return True


class SecurityHeaders:
    """Adds ``headers`` to every answer that does not set them itself."""

    def __init__(self, app: App, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]

    async def __call__(self, scope: MutableMapping[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", ())}
                message["headers"] = [*message.get("headers", ()),
                                      *((name, value) for name, value in self.headers if name not in present)]
            await send(message)

        await self.app(scope, receive, with_headers)
