"""The one place where errors become HTTP responses.

Each :mod:`kg` exception maps to a status with its message; HTTP exceptions keep their
status; anything else is logged with an id and answered 500 with that id only — no stack
trace reaches the client.

Error bodies are plain text; a syntax error adds the line of the text it is on with a
caret under the column. A client whose ``Accept`` names ``application/problem+json``
(the query page) gets the same as JSON (RFC 9457 members plus ``line``, ``column`` and
``hint``), so it can place the message next to the editor:

``{"type": "…#syntax-error", "title": "SPARQL syntax error", "status": 400,
"detail": "prefix `foo:` is not declared", "line": 4, "column": 6,
"hint": "PREFIX foo: <…>"}``
"""

from __future__ import annotations

import json
import logging
import uuid

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from kg.errors import (
    KGError,
    ParseError,
    QueryCancelled,
    QueryError,
    QueryRefused,
    QueryTimeout,
    RemoteError,
    ResultCapped,
    StoreAuthError,
    StoreError,
    StorePermissionError,
)

log = logging.getLogger(__name__)

#: Status for each kg exception, most specific first.
STATUS: tuple[tuple[type[KGError], int], ...] = (
    (QueryTimeout, 503),
    (QueryCancelled, 409),  # the client asked for it (POST /sparql/cancel)
    (StoreAuthError, 401),
    (StorePermissionError, 403),
    (ResultCapped, 502),
    (QueryRefused, 403),
    (ParseError, 400),  # includes QuerySyntaxError
    (QueryError, 400),
    (StoreError, 503),
    (RemoteError, 502),
    (KGError, 400),
)
PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPES = {400: "bad-request", 403: "refused", 502: "remote-error", 503: "unavailable"}


def status_for(exc: KGError) -> int:
    """The HTTP status of a :class:`~kg.errors.KGError`."""
    return next(status for cls, status in STATUS if isinstance(exc, cls))


def describe(exc: KGError) -> str:
    """A one-line message; syntax errors name line and column and what to add."""
    if isinstance(exc, ParseError):
        where = [f"line {exc.line}" if exc.line else "", f"column {exc.column}"
                 if exc.column else ""]
        place = ", ".join(w for w in where if w)
        hint = f"; add: {exc.hint}" if exc.hint else ""
        return f"Syntax error{' at ' + place if place else ''}: {exc.message}{hint}"
    return str(exc)


def excerpt(text: str, line: int | None, column: int | None) -> str:
    """The line ``line`` of ``text`` with a caret under ``column`` (empty if unknown).

    >>> print(excerpt("SELECT ?x\\nWHERE { ?x foo:b ?y }", 2, 12))
        2 | WHERE { ?x foo:b ?y }
          |            ^
    """
    lines = text.split("\n")
    if not line or line > len(lines):
        return ""
    shown = lines[line - 1].replace("\t", " ")
    caret = " " * (max(column or 1, 1) - 1) + "^"
    return f"{line:5d} | {shown}\n      | {caret}"


def wants_problem_json() -> bool:
    """Whether the client asked for JSON errors (``Accept: application/problem+json``)."""
    return any(value.split(";")[0].strip() == PROBLEM_JSON and q > 0
               for value, q in request.accept_mimetypes)


def problem_response(status: int, title: str, detail: str, **members: object) -> Response:
    """An ``application/problem+json`` error (RFC 9457)."""
    kind = members.pop("kind", None) or PROBLEM_TYPES.get(status, "error")
    body = {"type": f"https://w3id.org/pasb/errors#{kind}", "title": title,
            "status": status, "detail": detail,
            **{k: v for k, v in members.items() if v is not None}}
    return Response(json.dumps(body, ensure_ascii=False) + "\n", status=status,
                    content_type=PROBLEM_JSON + "; charset=utf-8")


def text_response(status: int, message: str, **headers: str) -> Response:
    """A plain-text error response."""
    response = Response(message.rstrip("\n") + "\n", status=status,
                        content_type="text/plain; charset=utf-8")
    response.headers.update(headers)
    return response


def handle_kg_error(exc: KGError) -> Response:
    """Answer a :class:`~kg.errors.KGError` with its status and message."""
    status = status_for(exc)
    headers = {"Retry-After": "5"} if status == 503 else {}
    if status == 401:  # the remote store refused the service's credentials
        headers["WWW-Authenticate"] = 'Bearer realm="pasb-kg"'
    text = request.environ.get("pasb.operation_text")
    if wants_problem_json():
        if isinstance(exc, ParseError):
            response = problem_response(status, "SPARQL syntax error", exc.message,
                                        kind="syntax-error", line=exc.line,
                                        column=exc.column, hint=exc.hint)
        else:
            response = problem_response(status, type(exc).__name__, str(exc))
        response.headers.update(headers)
        return response
    message = describe(exc)
    if isinstance(exc, ParseError) and isinstance(text, str):
        shown = excerpt(text, exc.line, exc.column)
        message += f"\n{shown}" if shown else ""
    return text_response(status, message, **headers)


def handle_http_error(exc: HTTPException) -> Response:
    """Answer a Werkzeug HTTP exception as text, keeping its headers (Allow, …)."""
    response = exc.get_response()
    message = f"{exc.code} {exc.name}: {exc.description}"
    if wants_problem_json():
        out = problem_response(exc.code or 500, exc.name, str(exc.description),
                               kind=exc.name.lower().replace(" ", "-"))
    else:
        out = text_response(exc.code or 500, message)
    for name in ("Allow", "WWW-Authenticate", "Retry-After"):
        if name in response.headers:
            out.headers[name] = response.headers[name]
    return out


def handle_unexpected(exc: Exception) -> Response:
    """Log an unexpected error with an id; answer 500 with the id only."""
    if isinstance(exc, HTTPException):
        return handle_http_error(exc)
    error_id = uuid.uuid4().hex[:12]
    log.error("internal error %s", error_id, exc_info=exc)
    return text_response(500, f"500 Internal Server Error (error id {error_id}); the "
                              "error was logged.")


def register_error_handlers(app: Flask) -> None:
    """Install the handlers on ``app``."""
    app.register_error_handler(KGError, handle_kg_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
