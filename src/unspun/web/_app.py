"""The FastAPI application: the page, its static files and the JSON API it calls.

Every answer of the API is JSON: a report (``Report.to_dict()``, docs/report.md, the very
object ``unspun check --format json`` prints) or ``{"error": ...}`` with the status that
:mod:`unspun.errors` gives the error (422 for input that cannot be checked, 413 for input over
the size limit, 404 for a trace without an index). docs/web.md documents it.
"""

from __future__ import annotations

import functools
import io
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio
from fastapi import Depends, FastAPI, File, Form, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException

from .. import __version__
from ..errors import UnspunError
from ..models import Document
from ..report import json_line
from ._answers import ErrorAnswer, HealthAnswer, Report, TraceReport
from ._checker import Checker, RequestOptions
from ._middleware import BodyLimit, SameOrigin, SecurityHeaders
from ._settings import ServeConfig
from ._turns import RETRY_AFTER_S, Turns

logger = logging.getLogger("unspun.web")
READERS = 4
"""Threads that read requests' documents at once (an HTML page's extraction, a PDF through
its reader process); more wait for one."""

# The page loads nothing from elsewhere and runs no inline script: a finding's text, a
# document's title, an id, all come from pages a content farm wrote (the page writes them as
# text, never as markup; this policy stops what a mistake would let through).
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class TextRequest(BaseModel):
    """A document sent as JSON."""

    # A misspelt option ("suspected") is refused, not ignored; and a value is taken as JSON
    # writes it, not converted ("yes" is no true, "0.5" no number), as CheckConfig takes it.
    model_config = ConfigDict(extra="forbid", strict=True)

    text: str = Field(description="the text, or with format 'html' the page's HTML")
    format: Literal["text", "html"] = Field("text", description="'html' reads the article out of a page")
    id: str = Field("text", description="the report's id")
    title: str = Field("", description="the report's title (an HTML page's own title wins)")
    suspect: bool | None = Field(None, description="judge the words as a text already suspected of spinning")
    min_confidence: float | None = Field(None, ge=0.0, le=1.0, allow_inf_nan=False,
                                         description="report only source-free findings at least this confident")

    def options(self) -> RequestOptions:
        return RequestOptions(suspect=self.suspect, min_confidence=self.min_confidence)


def _errors(**statuses: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI's responses of these statuses ("s413": "why"), each an :class:`ErrorAnswer`:
    the schema named FastAPI's ``{"detail": [...]}`` for 422, which no answer holds, and left
    403, 404, 413 and 503 out (an audit, session 64)."""
    return {int(name.removeprefix("s")): {"model": ErrorAnswer, "description": why} for name, why in statuses.items()}


def _answers(model: Any, why: str, errors: dict[int | str, dict[str, Any]]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI's responses of a route: its 200 answer, ``model`` (:mod:`unspun.web._answers`),
    and its ``errors``. The routes send their dicts as they are (``response_model=None``):
    they had no 200 schema at all (session 64's Left)."""
    return {200: {"model": model, "description": why}, **errors}


REFUSED = "a POST from a page of another site, or a Host this server does not answer"
CHECK_ERRORS = _errors(s403=REFUSED, s413="a document or a body over the server's limits",
                       s422="input that cannot be checked, or a request that is not valid",
                       s503="too many requests are waiting for their turn (Retry-After)",
                       s500="an index or model that fails, or a bug")
TRACE_ERRORS = {**CHECK_ERRORS, **_errors(s404="this server has no index of originals")}
CHECK_ANSWERS = _answers(Report, "the document's report (docs/report.md)", CHECK_ERRORS)
TRACE_ANSWERS = _answers(TraceReport, "the document's trace report (docs/report.md)", TRACE_ERRORS)


# A file form's min_confidence, as TextRequest's: NaN was refused as "should be less than or
# equal to 1" (an audit, session 64).
MinConfidenceField = Annotated[float | None, Form(ge=0.0, le=1.0, allow_inf_nan=False)]


def build_app(config: ServeConfig) -> FastAPI:
    """The application of :func:`unspun.web.create_app` (which checks that the web stack is there)."""
    checker = Checker(config)
    turns = Turns(config.max_waiting)
    # redirect_slashes off: "/api/check/" was a 307 with an empty body and an http://
    # Location, wrong behind a proxy that ends TLS (an audit, session 64): a 404 now.
    app = FastAPI(title="unspun", version=__version__, docs_url=None, redoc_url=None,  # both load scripts from a CDN
                  summary="Find machine-spun text, show what was swapped, trace it to its source.",
                  redirect_slashes=False)
    app.state.checker = checker
    app.router.add_event_handler("shutdown", checker.close)
    _add_error_handlers(app)
    app.add_middleware(BodyLimit, limit=config.body_limit)
    # Refused before anything is read.
    app.add_middleware(SameOrigin, allowed_hosts=config.allowed_hosts, proxy_names=config.proxy_names)
    # Outermost: the 403 and 413 the two above answer themselves had no policy nor nosniff (an
    # audit, session 64).
    app.add_middleware(SecurityHeaders, headers=SECURITY_HEADERS)
    static = _static_folder()
    app.mount("/static", StaticFiles(directory=static), name="static")

    readers = anyio.CapacityLimiter(READERS)

    async def answer(request: Request, read: Callable[[], Document],
                     run: Callable[[Document, RequestOptions], dict[str, Any]], options: RequestOptions) -> Response:
        # Reading (an HTML page's extraction, a PDF) runs beside other requests' checks, in
        # threads of its own: PDFs stalled in the reader's process must not take the threads
        # static files use. The check itself takes its turn (Turns: one at a time, and none
        # for a client gone).
        document = await anyio.to_thread.run_sync(read, limiter=readers)
        return _report(await turns.take(request, functools.partial(run, document, options)))

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    async def page() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/api/health", summary="what this server checks with", response_model=None,
             responses=_answers(HealthAnswer, "the server's mode, index, limit and defaults", _errors(
                 s403=REFUSED, s500="an index that fails while serving")))
    async def health() -> dict[str, Any]:  # in the event loop: never behind a thread
        return {"status": "ok", "version": __version__, **checker.describe(), "waiting": turns.waiting}

    # HEAD too: uptime monitors ask with it, and were answered 405 (an audit, session 64).
    app.add_api_route("/api/health", health, methods=["HEAD"], include_in_schema=False)

    def from_text(body: TextRequest) -> Callable[[], Document]:
        return functools.partial(checker.document_from_text, body.text, body.format, body.id, body.title)

    def from_file(file: UploadFile | str) -> Callable[[], Document]:
        if isinstance(file, str):
            # A part without a file name (curl -F 'file=<a.txt') is a form's text field to
            # Starlette, which decoded it: refused as "Expected UploadFile" (an audit, session 64).
            return functools.partial(checker.document_from_file, io.BytesIO(_field_bytes(file)), None)
        return functools.partial(checker.document_from_file, file.file, file.filename)

    @app.post("/api/check", summary="check a text or a page's HTML for spinning", responses=CHECK_ANSWERS)
    async def check_text(request: Request, body: TextRequest) -> Response:
        return await answer(request, from_text(body), checker.check, body.options())

    @app.post("/api/check/file", summary="check an uploaded text, HTML or PDF file", responses=CHECK_ANSWERS,
              dependencies=[Depends(_refuse_bad_form_fields)])
    async def check_file(request: Request, file: Annotated[UploadFile | str, File()],
                         suspect: Annotated[bool | None, Form()] = None,
                         min_confidence: MinConfidenceField = None) -> Response:
        return await answer(request, from_file(file), checker.check, RequestOptions(suspect, min_confidence))

    @app.post("/api/trace", summary="find a text's source in the index and list every substitution",
              responses=TRACE_ANSWERS)
    async def trace_text(request: Request, body: TextRequest) -> Response:
        checker.require_index()
        return await answer(request, from_text(body), checker.trace, body.options())

    @app.post("/api/trace/file", summary="trace an uploaded text, HTML or PDF file to its source",
              responses=TRACE_ANSWERS,
              dependencies=[Depends(_refuse_bad_form_fields)])
    async def trace_file(request: Request, file: Annotated[UploadFile | str, File()],
                         suspect: Annotated[bool | None, Form()] = None,
                         min_confidence: MinConfidenceField = None) -> Response:
        checker.require_index()
        return await answer(request, from_file(file), checker.trace, RequestOptions(suspect, min_confidence))

    return app


FORM_FIELD_BYTES = 1024 * 1024
"""The most bytes Starlette takes in a form's text field, which a file part without a file
name is to it (``Request.form``'s ``max_part_size``, which FastAPI 0.115 does not set)."""
FILE_FIELDS = frozenset({"file", "suspect", "min_confidence"})
"""The fields of a file's form (``/api/check/file``, ``/api/trace/file``)."""


async def _refuse_bad_form_fields(request: Request) -> None:
    """Refuse a file's form as a JSON request is refused: a field the API does not know (a
    misspelt "suspected" turned suspect mode off without a word: an audit, session 62), one
    given twice (the last won), or a ``suspect`` that is neither "true" nor "false" ("yes" was
    true, where JSON's "yes" is refused)."""
    form = await request.form()  # Starlette keeps the form it parsed: read once
    counts = Counter(name for name, _ in form.multi_items())  # counted once: a form may hold many fields
    problems = [((name,), "Extra inputs are not permitted") for name in sorted(counts.keys() - FILE_FIELDS)]
    problems += [((name,), "given more than once") for name in sorted(FILE_FIELDS) if counts[name] > 1]
    suspect = form.get("suspect")
    if isinstance(suspect, str) and suspect.strip().lower() not in ("true", "false"):
        problems.append((("suspect",), "must be true or false"))
    if problems:
        raise RequestValidationError([{"loc": ("body", *where), "msg": message, "type": "value_error"}
                                      for where, message in problems])


def _field_bytes(value: str) -> bytes:
    """The bytes of a form's text field as sent: Starlette decodes a part as UTF-8, or, when it
    is none, as Latin-1 (a gzipped file, a PDF, a text in another encoding), which gives the
    bytes back. A UTF-8 text of Latin-1's letters alone cannot be told from its Latin-1
    bytes: it is read from them, the same text."""
    try:
        raw = value.encode("latin-1")
        raw.decode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogatepass")  # beyond Latin-1: it was UTF-8
    except UnicodeDecodeError:
        return raw  # no UTF-8: it was decoded as Latin-1
    return value.encode("utf-8")


def _report(data: dict[str, Any]) -> Response:
    return _json(data)


def _error(status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    # Written as reports are: an error quotes a file name or an id, which may hold controls.
    return _json({"error": message}, status, headers)


def _json(data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    """``data`` in the CLI's own JSON writer (line ends and controls escaped as in every
    report), as UTF-8 with a lone surrogate (an id sent as "\\ud800", quoted in its error)
    written as its JSON escape: strict encoding failed inside the error handler, a 500."""
    body = json_line(data).encode("utf-8", "backslashreplace")
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(UnspunError)
    def unspun_error(request: Request, error: UnspunError) -> Response:
        if error.http_status >= 500 and error.http_status != 503:
            logger.error("%s %s: %s", request.method, request.url.path, error)
        headers = {"Retry-After": str(RETRY_AFTER_S)} if error.http_status == 503 else None
        return _error(error.http_status, str(error), headers)

    @app.exception_handler(RequestValidationError)
    def invalid_request(request: Request, error: RequestValidationError) -> Response:
        return _error(422, _validation_message(error.errors()))

    @app.exception_handler(HTTPException)
    def http_error(request: Request, error: HTTPException) -> Response:
        if error.status_code == 400:
            return _error(*_unreadable_body(error))
        message = error.detail if isinstance(error.detail, str) else str(error.detail)
        return _error(error.status_code, message, error.headers)  # a 405's Allow kept

    @app.exception_handler(Exception)
    def unexpected(request: Request, error: Exception) -> Response:
        # A bug: the client gets one line, the server's log the traceback (this handler runs
        # in a worker thread, where logger.exception would find no exception being handled).
        logger.error("%s %s failed", request.method, request.url.path, exc_info=error)
        return _error(500, f"unexpected failure ({type(error).__name__}); please report it with the input that "
                           "caused it (the server's log has the details)")


def _unreadable_body(error: HTTPException) -> tuple[int, str]:
    """A body that FastAPI or Starlette could not parse, as the statuses docs/web.md lists:
    they answered 400 "There was an error parsing the body" (JSON that is no UTF-8, or nested
    past Python's recursion limit) or a multipart parser's line, undocumented (an audit,
    session 64). JSON that cannot be read is 422; a form's part over Starlette's limit, 413."""
    cause = error.__cause__ or error.__context__
    if isinstance(cause, UnicodeDecodeError):
        return 422, f"body: not valid JSON (not UTF-8: byte 0x{cause.object[cause.start]:02x} at {cause.start})"
    if isinstance(cause, RecursionError):
        return 422, "body: not valid JSON (nested too deeply to read)"
    if isinstance(cause, MultiPartException) and "exceeded maximum size" in cause.message:
        return 413, (f"a form's field, or a file sent without a file name, may hold {FORM_FIELD_BYTES:,} bytes at "
                     "most: send the file with its name (curl -F file=@paper.txt)")
    if isinstance(cause, MultiPartException):
        return 422, f"body: not a multipart form that can be read ({cause.message})"
    return 422, f"body: cannot be read ({error.detail})"


def _validation_message(errors: Iterable[Any]) -> str:
    """FastAPI's validation errors as one line: "text: Field required; format: ..."."""
    parts = []
    for error in errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        message = str(error.get("msg", "invalid"))
        if error.get("type") == "json_invalid":
            where, message = "body", f"not valid JSON ({error.get('ctx', {}).get('error', 'decode error')})"
        elif error.get("type") == "model_attributes_type" and tuple(error.get("loc", ())) == ("body",):
            # Plain text, or JSON that is no object: "Input should be a valid dictionary or
            # object to extract fields from" told a client neither.
            where, message = "body", ("must be a JSON object, sent with Content-Type: application/json "
                                      '({"text": "..."}); a file goes to /api/check/file')
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts) or "invalid request"


def _static_folder() -> Path:
    # The package is installed as files (hatchling's wheel, or an editable install): a real folder.
    return Path(str(resources.files("unspun.web") / "static"))
