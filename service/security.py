"""Safe by default: who may write, how much one client may run, and no outbound access.

- Writes (updates, Graph Store PUT/POST/DELETE) need ``Authorization: Bearer <token>``
  when a token is configured (401 without, 403 wrong; constant-time compare) and are
  refused (403) when none is.
- A client address may have at most ``max_concurrent_per_client`` requests running (429).
- Nothing reaches the network unless allowed: ``SERVICE`` only to endpoints of
  ``federation_allowlist``; ``LOAD`` never; ``FROM``/``FROM NAMED`` only name graphs in
  the store (checked by the worker against its snapshot); ``file:`` IRIs are never read. Remote
  JSON-LD contexts and XML entities in uploads are refused by :mod:`service.worker`.
"""

from __future__ import annotations

import hmac
import re
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Forbidden, TooManyRequests, Unauthorized

from kg.errors import QueryRefused
from kg.settings import Settings
from service.analysis import QueryInfo, UpdateInfo


def check_write_access(request: Request, token: str | None) -> None:
    """Allow the request to write only with the right bearer token.

    :raises Forbidden: no token is configured (read-only service) or the token is wrong.
    :raises Unauthorized: the request carries no bearer token.
    """
    if token is None:
        raise Forbidden("This service is read-only: updates and Graph Store writes are "
                        "disabled (no update token is configured).")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized("Writes need an 'Authorization: Bearer <token>' header.",
                           www_authenticate=WWWAuthenticate("bearer", {"realm": "pasb-kg"}))
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise Forbidden("The bearer token is not valid for writes.")


class ClientLimiter:
    """At most ``limit`` requests running at once per client address."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._running: Counter[str] = Counter()
        self._lock = threading.Lock()

    @contextmanager
    def slot(self, client: str) -> Iterator[None]:
        """Hold one of ``client``'s slots for the duration of the block.

        :raises TooManyRequests: the client already has ``limit`` requests running.
        """
        with self._lock:
            if self.limit > 0 and self._running[client] >= self.limit:
                raise TooManyRequests(
                    f"At most {self.limit} queries may run at once per client "
                    "(setting max_concurrent_per_client).", retry_after=1)
            self._running[client] += 1
        try:
            yield
        finally:
            with self._lock:
                self._running[client] -= 1
                if self._running[client] <= 0:
                    del self._running[client]


def _refuse_file(iri: str, where: str) -> None:
    if iri.lower().startswith("file:"):
        raise QueryRefused(f"{where} <{iri}>: file: IRIs are refused by this service.")


def check_service(endpoint: str | None, settings: Settings) -> None:
    """Allow a ``SERVICE`` call only to an allow-listed endpoint."""
    if endpoint is None:
        raise QueryRefused("SERVICE with a variable endpoint is refused: the endpoint must "
                           "be one of the allow-listed IRIs (setting federation_allowlist).")
    _refuse_file(endpoint, "SERVICE")
    if endpoint not in settings.federation_allowlist:
        allowed = ", ".join(settings.federation_allowlist) or "none"
        raise QueryRefused(f"SERVICE <{endpoint}> is refused: not in the federation "
                           f"allow-list (setting federation_allowlist; allowed: {allowed}).")


def check_query(info: QueryInfo, settings: Settings) -> None:
    """Refuse a query that would reach outside the store."""
    for endpoint in info.services:
        check_service(endpoint, settings)
    # FROM is never fetched: it may name any graph of the store, even one whose name is a
    # file: IRI; the worker refuses a FROM of a graph the store does not hold.


def check_update(info: UpdateInfo, settings: Settings) -> None:
    """Refuse an update that would reach outside the store (``LOAD``, ``SERVICE``)."""
    for source in info.loads:
        raise QueryRefused(f"LOAD <{source}> is refused: this service does not fetch "
                           "remote data. Send the data with the Graph Store Protocol "
                           "(PUT or POST /store) instead.")
    for endpoint in info.services:
        check_service(endpoint, settings)


_RISKY = re.compile(r"\b(?:service|load|from)\b", re.IGNORECASE)
_ESCAPE = re.compile(r"\\[uU]")
#: The tokens a comment cannot start inside (SPARQL 1.1 grammar: IRIREF and the four
#: string forms), then a comment; matched left to right as SPARQL's lexer does.
_TOKENS = re.compile(
    r'(<[^<>"{}|^`\\\x00-\x20]*>'
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*')"
    r"|#[^\n\r]*")


def strip_comments(text: str) -> str:
    """``text`` without its ``#`` comments (IRIs and strings that hold ``#`` are kept).

    >>> strip_comments('SELECT * # from here\nWHERE { <http://e/#a> ?p "#x" }')
    'SELECT * \nWHERE { <http://e/#a> ?p "#x" }'
    """
    return _TOKENS.sub(lambda m: m.group(1) or "", text)


def unanalysed_text_is_safe(text: str) -> bool:
    """Whether a text may go to pyoxigraph without rdflib's analysis: it cannot reach the
    network. That is so when, outside comments, no ``SERVICE``, ``LOAD`` or ``FROM`` word
    appears anywhere (not even in a string or an IRI), and no ``\\u`` escape (which SPARQL
    decodes before lexing, so it could spell a keyword or end a comment) appears at all.

    The service uses it as a fast path (rdflib's parser costs 20–150 ms of the request
    thread), and for texts rdflib's grammar cannot parse (pyoxigraph then reports the
    syntax error with its own position, or runs a query rdflib lacks)."""
    return _ESCAPE.search(text) is None and _RISKY.search(strip_comments(text)) is None
