"""A polite SPARQL client for public endpoints (Wikidata, DBpedia, …), over SPARQLWrapper.

Polite means: an informative User-Agent with a contact URL (Wikimedia refuses anonymous
agents), one request at a time per process with a pause between requests, HTTP 429 and
``Retry-After`` honoured, retries with exponential back-off on 5xx and timeouts, a timeout
per request, and an on-disk cache keyed by endpoint, accepted format and query, so a
rerun sends nothing it has already asked. An answer is only cached when it is a valid
result; a 200 answer that carries an error notice instead of results (Blazegraph's
``TimeoutException`` after a JSON prefix, Virtuoso's partial "anytime" answers, an HTML
page) raises :class:`~kg.errors.RemoteError`.
"""

from __future__ import annotations

import email.utils
import errno
import hashlib
import http.client
import json
import logging
import os
import socket
import tempfile
import threading
import time
import urllib.error
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import SPARQLWrapper
from rdflib import Graph
from SPARQLWrapper import GET, JSON, POST, TURTLE
from SPARQLWrapper import SPARQLExceptions as Sx

from kg.errors import RemoteError
from kg.settings import Settings, default_data_dir

log = logging.getLogger(__name__)

#: One request at a time in this process, whichever client sends it.
_ONE_AT_A_TIME = threading.RLock()
_last_request_at: list[float] = [float("-inf")]

#: Texts that mark an error notice sent with status 200 instead of results.
ERROR_MARKERS = (
    "java.util.concurrent.TimeoutException",
    "java.util.concurrent.ExecutionException",
    "QueryTimeoutException",
    "com.bigdata.",
    "Virtuoso ",
    "SPARQL-QUERY:",
    "SR171",
)

#: Above this many characters a query is sent by POST (a GET URL has limits).
POST_ABOVE_CHARS = 1500


class Accept(Enum):
    """What an answer must be: SPARQL JSON results or an RDF graph."""

    RESULTS = "json"
    GRAPH = "turtle"


@dataclass(frozen=True)
class Answer:
    """A validated answer of an endpoint, fresh or from the cache."""

    endpoint: str
    query: str
    body: bytes
    content_type: str
    retrieved: datetime
    from_cache: bool = False

    def json(self) -> dict[str, Any]:
        """The SPARQL JSON results."""
        return json.loads(self.body)

    def graph(self) -> Graph:
        """The RDF graph of a CONSTRUCT or DESCRIBE answer."""
        graph = Graph()
        graph.parse(data=self.body, format=_rdf_format(self.content_type))
        return graph


def _rdf_format(content_type: str) -> str:
    mime = content_type.split(";")[0].strip().lower()
    return {"application/n-triples": "nt", "text/plain": "nt",
            "application/rdf+xml": "xml", "application/ld+json": "json-ld"}.get(mime, "turtle")


def user_agent(base: str) -> str:
    """``base`` plus the HTTP library, as the Wikimedia User-Agent policy asks."""
    return f"{base} SPARQLWrapper/{SPARQLWrapper.__version__}"


class PoliteClient:
    """Ask one SPARQL endpoint politely, with a cache.

    :param endpoint: the endpoint URL.
    :param agent: the User-Agent; must name the tool and a contact URL or address.
    :param cache_dir: where answers are cached (``None``: no cache).
    :param timeout: seconds per request.
    :param retries: further attempts after a failure that may pass (429, 5xx, timeout).
    :param backoff: first pause before a retry, doubled on each further retry.
    :param min_interval: least seconds between two requests of this process.
    :param max_retry_after: a longer ``Retry-After`` fails at once instead of waiting.
    :param sleep: how to wait (tests pass a recorder).
    """

    def __init__(
        self,
        endpoint: str,
        *,
        agent: str,
        cache_dir: Path | None = None,
        timeout: float = 60.0,
        retries: int = 4,
        backoff: float = 2.0,
        min_interval: float = 1.0,
        max_retry_after: float = 300.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if "http" not in agent.lower() and "@" not in agent:
            raise RemoteError(f"User-Agent {agent!r} has no contact URL or address")
        self.endpoint = endpoint
        self.agent = agent
        self.cache_dir = cache_dir
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.min_interval = min_interval
        self.max_retry_after = max_retry_after
        self.sleep = sleep
        self.requests_sent = 0

    @classmethod
    def from_settings(cls, endpoint: str, settings: Settings, **overrides: Any) -> PoliteClient:
        """A client configured by the ``remote_*``, ``user_agent`` and cache settings."""
        options: dict[str, Any] = {
            "agent": user_agent(settings.user_agent),
            "cache_dir": settings.http_cache_dir or default_data_dir() / "http-cache",
            "timeout": settings.remote_timeout,
            "retries": settings.remote_retries,
            "backoff": settings.remote_backoff,
            "min_interval": settings.remote_min_interval,
            "max_retry_after": settings.remote_max_retry_after,
        }
        options.update(overrides)
        return cls(endpoint, **options)

    # -- public --------------------------------------------------------------------------
    def results(self, query: str) -> Answer:
        """Answer a SELECT or ASK query with SPARQL JSON results."""
        return self.ask_endpoint(query, Accept.RESULTS)

    def graph(self, query: str) -> Answer:
        """Answer a CONSTRUCT or DESCRIBE query with an RDF graph."""
        return self.ask_endpoint(query, Accept.GRAPH)

    def ask_endpoint(self, query: str, accept: Accept) -> Answer:
        """The cached answer to ``query`` if there is one, else a fresh, validated one.

        :raises RemoteError: when every attempt failed, or at once for an answer that
            cannot improve (400, 403, 404, an error notice in a 200).
        """
        cached = self._cached(query, accept)
        if cached is not None:
            return cached
        with _ONE_AT_A_TIME:
            answer = self._with_retries(query, accept)
        self._store(answer, accept)
        return answer

    # -- requests ------------------------------------------------------------------------
    def _with_retries(self, query: str, accept: Accept) -> Answer:
        last: str = ""
        for attempt in range(self.retries + 1):
            if attempt:
                log.info("retrying %s (attempt %d): %s", self.endpoint, attempt + 1, last)
            try:
                return self._attempt(query, accept)
            except _Retry as retry:
                last = retry.reason
                if attempt == self.retries:
                    break
                wait = retry.wait if retry.wait is not None else self.backoff * 2**attempt
                self.sleep(wait)
        raise RemoteError(f"{self.endpoint}: gave up after {self.retries + 1} attempts; "
                          f"last: {last}")

    def _pause(self) -> None:
        waited = time.monotonic() - _last_request_at[0]
        if waited < self.min_interval:
            self.sleep(self.min_interval - waited)

    def _attempt(self, query: str, accept: Accept) -> Answer:
        self._pause()
        wrapper = SPARQLWrapper.SPARQLWrapper(self.endpoint, agent=self.agent)
        wrapper.setQuery(query)
        wrapper.setReturnFormat(JSON if accept is Accept.RESULTS else TURTLE)
        wrapper.setOnlyConneg(True)
        # setTimeout() truncates to whole seconds; urllib takes fractions.
        wrapper.timeout = self.timeout  # type: ignore[assignment]
        wrapper.setMethod(POST if len(query) > POST_ABOVE_CHARS else GET)
        self.requests_sent += 1
        try:
            response = wrapper.query().response
            body = response.read()
            headers: Mapping[str, str] = response.headers
        except urllib.error.HTTPError as exc:
            raise self._http_error(exc.code, exc.headers, _read(exc)) from None
        except Sx.SPARQLWrapperException as exc:
            raise self._wrapper_error(exc) from None
        except TimeoutError:
            raise _Retry(f"no answer within {self.timeout:g} s (timeout)") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise _Retry(f"no answer within {self.timeout:g} s (timeout)") from None
            if _unreachable(exc.reason):
                raise RemoteError(unreachable_message(self.endpoint, exc.reason)) from None
            raise _Retry(f"cannot connect: {exc.reason}") from None
        except (http.client.HTTPException, ConnectionError) as exc:
            raise _Retry(f"connection broken: {exc!r}") from None
        finally:
            _last_request_at[0] = time.monotonic()
        content_type = headers.get("Content-Type", "")
        self._check(body, content_type, headers, accept)
        return Answer(self.endpoint, query, body, content_type, datetime.now(UTC))

    def _http_error(self, status: int, headers: Any, body: bytes) -> Exception:
        snippet = _snippet(body)
        if status == 429:
            wait = _retry_after(headers.get("Retry-After") if headers else None)
            if wait is not None and wait > self.max_retry_after:
                return RemoteError(f"{self.endpoint}: too many requests (429); it asks us to "
                                   f"wait {wait:g} s, more than remote_max_retry_after "
                                   f"({self.max_retry_after:g} s)")
            return _Retry("too many requests (429)"
                          + (f", Retry-After {wait:g} s" if wait is not None else ""), wait)
        if status in (500, 502, 503, 504):
            return _Retry(f"HTTP {status}: {snippet}")
        if status == 403:
            return RemoteError(f"{self.endpoint}: refused (403): {snippet}. Wikimedia refuses "
                               f"clients without an informative User-Agent; ours is "
                               f"{self.agent!r} (setting user_agent)")
        return RemoteError(f"{self.endpoint}: HTTP {status}: {snippet}")

    def _wrapper_error(self, exc: Exception) -> Exception:
        status = {Sx.QueryBadFormed: 400,
                  Sx.Unauthorized: 401,
                  Sx.EndPointNotFound: 404,
                  Sx.URITooLong: 414,
                  Sx.EndPointInternalError: 500}.get(type(exc), 0)
        context = exc.__context__
        headers = context.headers if isinstance(context, urllib.error.HTTPError) else {}
        body = getattr(exc, "response", None) or str(exc).encode()
        if status == 400:
            return RemoteError(f"{self.endpoint} rejected the query (400): {_snippet(body)}")
        return self._http_error(status, headers, body)

    def _check(self, body: bytes, content_type: str, headers: Mapping[str, str],
               accept: Accept) -> None:
        """Raise unless ``body`` is a complete answer of the expected kind."""
        if headers.get("X-SQL-State"):
            raise RemoteError(f"{self.endpoint} answered 200 with a partial result: "
                              f"{headers.get('X-SQL-State')} {headers.get('X-SQL-Message', '')}")
        text = body.decode("utf-8", errors="replace")
        mime = content_type.split(";")[0].strip().lower()
        if mime in ("text/html", "application/xhtml+xml"):
            raise RemoteError(f"{self.endpoint} answered 200 with a web page instead of "
                              f"results: {_snippet(body)}")
        try:
            if accept is Accept.RESULTS:
                data = json.loads(text)
                if not (isinstance(data, dict) and "head" in data and (
                        isinstance(data.get("boolean"), bool)
                        or isinstance(data.get("results", {}).get("bindings"), list))):
                    raise RemoteError(f"{self.endpoint} answered 200 with JSON that is not "
                                      f"SPARQL results: {_snippet(body)}")
            else:
                Graph().parse(data=body, format=_rdf_format(content_type))
        except RemoteError:
            raise
        except Exception as exc:  # json and rdflib parsers raise many kinds on bad input
            notice = next((m for m in ERROR_MARKERS if m in text), None)
            if notice:
                line = next(ln for ln in text.splitlines() if notice in ln)
                raise RemoteError(f"{self.endpoint} answered 200 but with an error notice "
                                  f"instead of results: {line.strip()[:300]}") from None
            kind = "JSON" if accept is Accept.RESULTS else f"RDF ({content_type})"
            raise _Retry(f"answered 200 with malformed {kind}: {exc}; "
                         f"body starts {_snippet(body, 80)}") from None

    # -- cache ---------------------------------------------------------------------------
    def cache_path(self, query: str, accept: Accept) -> Path | None:
        """Where the answer to ``query`` is (or would be) cached."""
        if self.cache_dir is None:
            return None
        key = hashlib.sha256("\0".join((self.endpoint, accept.value, query)).encode())
        return self.cache_dir / "sparql" / f"{key.hexdigest()}.json"

    def _cached(self, query: str, accept: Accept) -> Answer | None:
        path = self.cache_path(query, accept)
        if path is None or not path.is_file():
            return None
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            return Answer(entry["endpoint"], entry["query"], entry["body"].encode(),
                          entry["content_type"], datetime.fromisoformat(entry["retrieved"]),
                          from_cache=True)
        except (OSError, ValueError, KeyError) as exc:
            log.warning("ignoring unreadable cache entry %s: %s", path, exc)
            return None

    def _store(self, answer: Answer, accept: Accept) -> None:
        path = self.cache_path(answer.query, accept)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        entry = {"endpoint": answer.endpoint, "query": answer.query, "accept": accept.value,
                 "retrieved": answer.retrieved.isoformat(), "content_type": answer.content_type,
                 "body": answer.body.decode("utf-8")}
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(entry, handle, ensure_ascii=False)
        os.replace(tmp, path)


class _Retry(Exception):
    """A failure that another attempt may not repeat."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


def _unreachable(reason: object) -> bool:
    """Whether a connection failure cannot pass by retrying soon: the name does not
    resolve (offline, or a wrong host), the host refuses, or no route leads there."""
    if isinstance(reason, socket.gaierror | ConnectionRefusedError):
        return True
    return isinstance(reason, OSError) and reason.errno in (
        errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN)


def unreachable_message(endpoint: str, reason: object) -> str:
    """One line: which endpoint, why it cannot be reached, and what would help."""
    if isinstance(reason, socket.gaierror):
        cause = f"its host name does not resolve ({reason.strerror or reason}); is this " \
                "machine offline?"
    elif isinstance(reason, ConnectionRefusedError):
        cause = "the connection was refused (is the endpoint running?)"
    else:
        cause = f"no network route ({getattr(reason, 'strerror', None) or reason}); is this " \
                "machine offline?"
    return (f"cannot reach {endpoint}: {cause} Nothing was retried or written; use a "
            "local copy with --endpoint URL or the setting federation_mirrors "
            "(PASB_FEDERATION_MIRRORS)")


def _read(exc: urllib.error.HTTPError) -> bytes:
    try:
        return exc.read()
    except OSError:
        return b""


def _snippet(body: bytes | str, limit: int = 200) -> str:
    text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
    text = " ".join(text.split())
    return text[:limit] + ("…" if len(text) > limit else "") if text else "(empty body)"


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
