"""What a server serves: its index, its mode and the settings of every check it runs."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

from ..config import CheckConfig, ReadConfig, TraceConfig, require_count, require_flag, require_instance

JSON_OVERHEAD_BYTES = 64 * 1024
"""What a request's body may hold beyond its document: the JSON keys and options, or a
multipart upload's headers."""
JSON_ESCAPE_GROWTH = 3
"""How many times its UTF-8 bytes a text may grow as JSON: three for any text of letters
(``\\u00e9`` for two bytes, ``\\ud83d\\ude00`` for four), as JSON writers that escape
everything but ASCII write it (Python's ``json.dumps``). A text of control characters alone
(``\\u0001`` for one byte) may pass the document limit and be refused as a body: a bound on
what the server reads and parses before any limit of a document applies."""
DEFAULT_MAX_WAITING = 16
DEFAULT_REQUEST_SECONDS = 60.0
"""How long a client may take to send a request, head and body (:mod:`unspun.web._protocol`):
nginx's default for a head (``client_header_timeout``) and for a body's pauses
(``client_body_timeout``), here for the whole request (the largest body a server takes by
default, about 3 MB, arrives in 60 s at 50 KB/s)."""
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """How ``unspun serve`` checks what it is sent.

    ``index_path`` names the index of originals that ``/api/trace`` searches (opened
    read-only: ``unspun index add`` may add to it while the server runs); without one, trace
    requests are answered 404. ``deep`` checks with the language model's evidence (the
    ``deep`` extra). ``check_config`` and ``trace_config`` are the defaults of every request
    (a request may ask for ``suspect`` and ``min_confidence`` of its own); ``read_config``'s
    ``max_bytes`` bounds one document, sent as text or as a file (a PDF's text, not its bytes).
    ``max_waiting`` bounds the requests waiting for their turn at the engine (one check runs
    at a time): past it, a request is answered 503 at once. ``allowed_hosts``, when given,
    are the only names a request's ``Host`` may give besides an address (a browser's page on
    another site that rebinds its own name to this machine's address is refused), and a POST
    from a page on any port of one of ``proxy_names`` is taken for the server's own (behind a
    reverse proxy, the page's origin is the proxy's name, and the ``Host`` it passes on may
    lack the page's port); any other page must have the name and port of the ``Host`` it
    posts to (the page's scheme's default port when the ``Host`` gives none). ``unspun
    serve`` sets ``allowed_hosts`` to :data:`LOOPBACK_HOSTS` and the name ``--host`` gives
    when it listens on this machine only or is given ``--allow-host``, and adds the names of
    ``--allow-host``, which are its ``proxy_names``.
    """

    index_path: Path | None = None
    deep: bool = False
    check_config: CheckConfig = field(default_factory=CheckConfig)
    trace_config: TraceConfig = field(default_factory=TraceConfig)
    read_config: ReadConfig = field(default_factory=ReadConfig)
    max_waiting: int = DEFAULT_MAX_WAITING
    allowed_hosts: tuple[str, ...] | None = None
    proxy_names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.index_path is not None:
            require_instance("index_path", self.index_path, Path)
        require_flag("deep", self.deep)
        require_instance("check_config", self.check_config, CheckConfig)
        require_instance("trace_config", self.trace_config, TraceConfig)
        require_instance("read_config", self.read_config, ReadConfig)
        require_count("max_waiting", self.max_waiting)
        if self.allowed_hosts is not None and (not isinstance(self.allowed_hosts, tuple)
                                               or not all(isinstance(host, str) for host in self.allowed_hosts)):
            raise TypeError(f"allowed_hosts must be None or a tuple of host names, not {self.allowed_hosts!r}")
        if not isinstance(self.proxy_names, tuple) or not all(isinstance(host, str) for host in self.proxy_names):
            raise TypeError(f"proxy_names must be a tuple of host names, not {self.proxy_names!r}")

    @property
    def body_limit(self) -> int:
        """The most bytes one request's body may hold: a document as JSON escapes it, with room
        for the rest of the request (an upload's raw bytes, a PDF's images included)."""
        return self.read_config.max_bytes * JSON_ESCAPE_GROWTH + JSON_OVERHEAD_BYTES


def is_address(host: str) -> bool:
    """Whether ``host`` is an IP address (no name: a rebound name is what the Host check
    keeps out, and an address is none)."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
