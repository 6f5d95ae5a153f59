"""The one place where errors become HTTP responses.

Each :mod:`kg` exception maps to a status with its message; HTTP exceptions keep their
status; anything else is logged with an id and answered 500 with that id only — no stack
trace reaches the client. Error bodies are plain text.
"""

from __future__ import annotations

import logging
import uuid

from flask import Flask, Response
from werkzeug.exceptions import HTTPException

from kg.errors import (
    KGError,
    ParseError,
    QueryCancelled,
    QueryError,
    QueryRefused,
    QueryTimeout,
    RemoteError,
    StoreError,
)

log = logging.getLogger(__name__)

#: Status for each kg exception, most specific first.
STATUS: tuple[tuple[type[KGError], int], ...] = (
    (QueryTimeout, 503),
    (QueryCancelled, 409),  # the client asked for it (POST /sparql/cancel)
    (QueryRefused, 403),
    (ParseError, 400),  # includes QuerySyntaxError
    (QueryError, 400),
    (StoreError, 503),
    (RemoteError, 502),
    (KGError, 400),
)


def status_for(exc: KGError) -> int:
    """The HTTP status of a :class:`~kg.errors.KGError`."""
    return next(status for cls, status in STATUS if isinstance(exc, cls))


def describe(exc: KGError) -> str:
    """A one-line message; syntax errors name line and column."""
    if isinstance(exc, ParseError):
        where = [f"line {exc.line}" if exc.line else "", f"column {exc.column}"
                 if exc.column else ""]
        place = ", ".join(w for w in where if w)
        return f"Syntax error{' at ' + place if place else ''}: {exc.message}"
    return str(exc)


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
    return text_response(status, describe(exc), **headers)


def handle_http_error(exc: HTTPException) -> Response:
    """Answer a Werkzeug HTTP exception as text, keeping its headers (Allow, …)."""
    response = exc.get_response()
    message = f"{exc.code} {exc.name}: {exc.description}"
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
