"""The HTTP API and its web page (``unspun serve``): the JSON twin of every view the page shows.

The web stack (FastAPI, Starlette, uvicorn) loads when :func:`create_app` is called, never on
``import unspun``; without it the call raises :class:`~unspun.errors.MissingExtraError` with
the install line. docs/web.md documents the API.

>>> from unspun.web import ServeConfig
>>> ServeConfig().deep
False
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._settings import DEFAULT_REQUEST_SECONDS, ServeConfig

if TYPE_CHECKING:
    from fastapi import FastAPI

WEB_PACKAGES = "fastapi uvicorn python-multipart"


def create_app(config: ServeConfig | None = None) -> FastAPI:
    """The ASGI application serving the API and the page under ``config``: its index, when it
    has one, is opened read-only here and its engine loaded, so that a bad index or a missing
    model is refused before the first request rather than in it."""
    from ..errors import MissingExtraError

    try:
        import fastapi  # noqa: F401
        import python_multipart  # noqa: F401  (FastAPI reads uploaded files with it)
    except ImportError as error:
        raise MissingExtraError("web", WEB_PACKAGES) from error
    from ._app import build_app

    return build_app(config if config is not None else ServeConfig())


def deadlined_protocol(request_seconds: float = DEFAULT_REQUEST_SECONDS) -> type:
    """uvicorn's HTTP/1.1 protocol, its clients held to sending each whole request within
    ``request_seconds`` (``unspun serve --request-timeout``): ``uvicorn.run(app,
    http=deadlined_protocol())``. uvicorn alone keeps a connection that sends nothing, or
    half a head, open for ever."""
    from ..config import require_seconds
    from ..errors import MissingExtraError

    require_seconds("request_seconds", request_seconds)
    try:
        from ._protocol import deadlined
    except ImportError as error:
        raise MissingExtraError("web", WEB_PACKAGES) from error
    return deadlined(request_seconds)


__all__ = ["WEB_PACKAGES", "ServeConfig", "create_app", "deadlined_protocol"]
