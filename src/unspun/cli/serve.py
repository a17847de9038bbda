"""``unspun serve``: the HTTP API and its web page (:mod:`unspun.web`) on one machine."""

from __future__ import annotations

import argparse
import socket
import sys
from typing import Any

from ..config import MAX_CHECK_CHARS, ReadConfig, require_seconds
from ..errors import MissingExtraError, UsageError
from ..web._settings import DEFAULT_MAX_WAITING, DEFAULT_REQUEST_SECONDS, LOOPBACK_HOSTS, is_address  # settings only
from ._common import (
    add_detection_options,
    as_sentence,
    check_config_of,
    index_path,
    whole_number_at_least,
)

HELP = "serve the HTTP API and its web page (needs the 'web' extra)"
SERVE_STATUS_HELP = ("exit status: 130 stopped by Ctrl-C, 143 by SIGTERM, 2 a usage, input or index error or a "
                     "port in use (one line on stderr), 70 an unexpected failure (a bug)")
DEFAULT_PORT = 8000
MAX_PORT = 65535
LOG_LEVELS = ("critical", "error", "warning", "info", "debug")


def register(commands: Any) -> None:
    parser = commands.add_parser("serve", help=HELP, description=as_sentence(HELP), epilog=SERVE_STATUS_HELP)
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for every "
                             "network: the API has no authentication, put it behind your own)")
    parser.add_argument("--port", type=_port, default=DEFAULT_PORT,
                        help=f"the port to listen on (default {DEFAULT_PORT}; 0 lets the system choose a free one)")
    parser.add_argument("--index", type=index_path, metavar="PATH",
                        help="the index of originals that traces search (unspun index add); without it the page "
                             "and the API only check")
    add_detection_options(parser, "check with neural language-model evidence (slower, more precise; the 'deep' "
                                  "extra)")
    parser.add_argument("--max-bytes", type=whole_number_at_least(1), default=ReadConfig().max_bytes,
                        help=f"largest document a request may send, in bytes (default {ReadConfig().max_bytes:,}; "
                             f"a PDF's text, not its bytes; a text of over {MAX_CHECK_CHARS:,} characters is refused "
                             "whatever this says)")
    parser.add_argument("--max-waiting", type=whole_number_at_least(1), default=DEFAULT_MAX_WAITING, metavar="N",
                        help=f"requests that may wait for their turn at the engine, which checks one at a time; "
                             f"past them a request is answered 503 at once (default {DEFAULT_MAX_WAITING})")
    parser.add_argument("--request-timeout", type=_seconds, default=DEFAULT_REQUEST_SECONDS, metavar="SECONDS",
                        help=f"how long a client may take to send a whole request, head and body, before its "
                             f"connection is closed (default {DEFAULT_REQUEST_SECONDS:g}: a client that sends a byte "
                             "at a time holds a connection no longer)")
    parser.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                        help="a name the server is reached by besides this machine's (a reverse proxy's public "
                             "name): requests for it, and POSTs from its pages, are served; repeatable")
    parser.add_argument("--log-level", choices=LOG_LEVELS, default="info",
                        help="how much the server logs on stderr (default info: one line a request)")
    parser.set_defaults(run=run)


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, not {value!r}") from None
    try:
        require_seconds("the timeout", seconds)  # the rule deadlined_protocol keeps
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return seconds


def _port(value: str) -> int:
    number = whole_number_at_least(0)(value)
    if number > MAX_PORT:
        raise argparse.ArgumentTypeError(f"must be {MAX_PORT} or less, not {value}")
    return number


def run(args: argparse.Namespace) -> int:
    from ..web import WEB_PACKAGES, ServeConfig, create_app

    for name in args.allow_host:
        if not name or name.endswith(".") or (":" in name and not is_address(name)):
            # "unspun.example.org:8443" or "unspun.example.org." matched no Host: every request
            # for the name was refused (a review, session 64).
            raise UsageError(f"--allow-host {name!r}: give a host name or an address, without a port or a final dot "
                             "(unspun.example.org)")
    config = ServeConfig(
        index_path=args.index,
        deep=args.deep,
        check_config=check_config_of(args),
        read_config=ReadConfig(max_bytes=args.max_bytes),
        max_waiting=args.max_waiting,
        # Listening on this machine only, the names of other machines are refused: a page
        # elsewhere whose name is rebound to 127.0.0.1 would otherwise read the answers.
        allowed_hosts=_allowed_hosts(args.host, args.allow_host),
        proxy_names=_proxy_names(args.allow_host),
    )
    try:
        import uvicorn  # noqa: F401  (said before the models load, not as exit 70 after)
    except ImportError as error:
        raise MissingExtraError("web", WEB_PACKAGES) from error
    # Bound before the models load: a port in use is said at once, as an error of its own
    # (uvicorn's own exit status for it is 1, which says "spun" here).
    listening = _listen(args.host, args.port)
    try:
        app = create_app(config)
        described = app.state.checker.describe()
        host, port = listening.getsockname()[:2]
        shown_host = f"[{host}]" if ":" in host else host
        index = described["index"]
        print(f"unspun: serving http://{shown_host}:{port}/ ({described['mode']} mode"
              + (f"; tracing to {index['documents']:,} documents in {index['path']}" if index else "; no index")
              + "); Ctrl-C stops it", file=sys.stderr, flush=True)
        _serve(app, listening, args.log_level, args.request_timeout)
    finally:
        listening.close()
    return 0


def _allowed_hosts(host: str, named: list[str]) -> tuple[str, ...] | None:
    """The names requests may give in ``Host`` (besides an address, always served): this
    machine's (and the name ``--host`` gives) when it listens on it only or when ``--allow-host``
    names others, with those; None (any) when it listens on a network and none was named.
    Only the names of --allow-host were kept beside a network address: a proxy that passed on
    ``localhost:8000`` was refused (an audit, session 64)."""
    if host.lower() not in LOOPBACK_HOSTS and not named:
        return None
    own = () if host.lower() in LOOPBACK_HOSTS or is_address(host) else (host.lower(),)
    return tuple(dict.fromkeys((*LOOPBACK_HOSTS, *own, *(name.lower() for name in named))))


def _proxy_names(named: list[str]) -> tuple[str, ...]:
    """The names of ``--allow-host`` whose pages are the server's own on any port (a reverse
    proxy's): names only. An address given is served, but a page of it on another port is
    another site: ``--allow-host 127.0.0.1`` let every local port's pages post (a review,
    session 64)."""
    return tuple(dict.fromkeys(name.lower() for name in named if not is_address(name)))


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host`` and ``port`` (IPv6 when the host is), or a usage error."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as error:
        raise UsageError(f"--host {host}: not an address of this machine ({error.strerror})") from None
    listening = socket.socket(family, socket.SOCK_STREAM)
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # uvicorn writes an answer's head and body apart, and sets no TCP_NODELAY on the
        # connections of a socket it is given: on a kept-alive connection the body waited
        # for the client's delayed acknowledgement, 44 ms a request. Linux passes the
        # listener's setting on to the connections it accepts.
        listening.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        listening.bind((host, port))
        listening.listen(128)
    except OSError as error:
        listening.close()
        raise UsageError(f"cannot listen on {host} port {port}: {error.strerror or error}") from None
    return listening


def _serve(app: Any, listening: socket.socket, log_level: str, request_seconds: float) -> None:
    import uvicorn

    from ..web import deadlined_protocol

    server = uvicorn.Server(uvicorn.Config(app, log_level=log_level, lifespan="on", timeout_graceful_shutdown=5,
                                           http=deadlined_protocol(request_seconds)))
    server.run(sockets=[listening])
