"""The exception hierarchy of :mod:`kg`.

Every error a user can cause derives from :class:`KGError`; the command line turns it into
one line on stderr and exit status 2, the service into a status code and a clear message.
"""

from __future__ import annotations

from pathlib import Path


class KGError(Exception):
    """Base class of every error :mod:`kg` raises on bad input."""


class ParseError(KGError):
    """An RDF or SPARQL text could not be parsed.

    :param message: what the parser said.
    :param file: the file that failed, if the text came from a file.
    :param line: 1-based line of the error, if known.
    :param column: 1-based column of the error, if known.
    :param hint: what would fix it, when known (e.g. the ``PREFIX`` line to add).
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.hint = hint
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column
        super().__init__(self.location_prefix() + message + (f"; add: {hint}" if hint else ""))

    def location_prefix(self) -> str:
        """Return ``file:line:column: `` for the parts that are known."""
        parts = [p for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts) + ": " if parts else ""


class ValidationError(KGError):
    """The data does not conform to the shapes or the ontology."""


class QueryError(KGError):
    """A SPARQL query or update is malformed, unknown or refused."""


class QuerySyntaxError(QueryError, ParseError):
    """A SPARQL query or update has a syntax error."""


class QueryRefused(QueryError):
    """A query asks for something this installation does not allow (outbound access, …)."""


class QueryTimeout(QueryError):
    """A query ran past the configured time limit and was stopped."""


class QueryCancelled(QueryError):
    """A running query was cancelled by its client and its worker stopped."""


class UnknownNameError(KGError):
    """A named query, format, layer or other enumerated name is not known."""


class StoreError(KGError):
    """The store could not be opened, read or written."""


class RemoteError(KGError):
    """A remote SPARQL endpoint failed or answered with an error."""


class StoreUnavailable(StoreError):
    """A remote store could not be reached or said it is unavailable (HTTP 503 with
    ``Retry-After``)."""


class StoreAuthError(StoreError):
    """A remote store did not accept the service's credentials (HTTP 401)."""


class StorePermissionError(StoreError):
    """A remote store refused an operation for lack of permission (HTTP 403)."""


class ResultCapped(RemoteError):
    """A remote store cut a result at its own row limit; refused rather than passed on
    short (HTTP 502)."""
