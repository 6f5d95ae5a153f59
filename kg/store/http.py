"""HTTP to a remote store: one pooled session, authentication, deadlines and retries.

Only what is safe to repeat is repeated: a read that failed before any answer came (no
connection, a reset, 502/503/504), and a write only when the connection was refused (so
nothing reached the store). A deadline bounds the whole exchange, including reading the
body, and a request past it is abandoned by closing its connection.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import requests
import urllib3
from requests.auth import HTTPBasicAuth, HTTPDigestAuth

from kg.errors import QueryTimeout, StoreUnavailable
from kg.store.location import StoreLocation

log = logging.getLogger(__name__)

RETRYABLE_STATUS = frozenset({502, 503, 504})
CHUNK = 1 << 16


@dataclass
class Reply:
    """A remote store's answer, read whole."""

    status: int
    headers: Any
    body: bytes
    url: str

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()

    def text(self, limit: int = 2000) -> str:
        return self.body[:limit].decode("utf-8", errors="replace").strip()


class StoreClient:
    """Sends requests to the endpoints of one :class:`StoreLocation`.

    :param location: the endpoints and credentials.
    :param user_agent: sent with every request.
    :param connect_timeout: seconds to wait for a connection.
    :param retries: retries of a retryable failure.
    :param backoff: first pause between retries (doubled each time).
    """

    def __init__(self, location: StoreLocation, *, user_agent: str,
                 connect_timeout: float = 5.0, retries: int = 2,
                 backoff: float = 0.5) -> None:
        self.location = location
        self.connect_timeout = connect_timeout
        self.retries = retries
        self.backoff = backoff
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent
        adapter = requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=32)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        # Requests that need no Digest handshake go through urllib3 directly: requests'
        # per-request preparation (cookies, hooks, CA bundle lookups) costs milliseconds.
        self.pool = urllib3.PoolManager(num_pools=4, maxsize=32, retries=False,
                                        headers={"User-Agent": user_agent})
        self._auth: Any = None
        if location.credentials:
            user, password = location.credentials
            self._auth = (HTTPDigestAuth if location.auth == "digest" else HTTPBasicAuth)(
                user, password)

    def close(self) -> None:
        """Close the pooled connections."""
        self.session.close()
        self.pool.clear()

    def request(self, method: str, url: str, *, timeout: float, write: bool = False,
                authenticate: bool = False, **kwargs: Any) -> Reply:
        """Send one request and read its whole answer within ``timeout`` seconds.

        :param write: the request changes the store (retried only if nothing was sent).
        :param authenticate: send the credentials (writes, and reads when configured).
        :raises StoreUnavailable: no connection, or 502/503/504 after the retries.
        :raises QueryTimeout: no complete answer within ``timeout``.
        """
        deadline = time.monotonic() + timeout
        pause = self.backoff
        attempt = 0
        while True:
            attempt += 1
            try:
                if authenticate and self._auth is not None:
                    reply = self._once(method, url, deadline, authenticate, kwargs)
                else:
                    reply = self._fast(method, url, deadline, kwargs)
            except requests.ConnectionError as exc:
                refused = _refused(exc)
                retry = (refused or not write) and attempt <= self.retries
                if not retry or time.monotonic() + pause >= deadline:
                    raise StoreUnavailable(
                        f"the remote store at {self.location.origin()} cannot be reached "
                        f"({_reason(exc)})") from None
                log.info("remote store: %s; retrying in %.1f s", _reason(exc), pause)
            else:
                retry = (not write and reply.status in RETRYABLE_STATUS
                         and attempt <= self.retries)
                if not retry or time.monotonic() + pause >= deadline:
                    if reply.status in RETRYABLE_STATUS:
                        raise StoreUnavailable(
                            f"the remote store at {self.location.origin()} answered "
                            f"{reply.status}: {reply.text(300)}")
                    return reply
                log.info("remote store answered %d; retrying in %.1f s", reply.status, pause)
            time.sleep(pause)
            pause *= 2

    def _once(self, method: str, url: str, deadline: float, authenticate: bool,
              kwargs: dict[str, Any]) -> Reply:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise QueryTimeout("the remote store gave no answer within the time limit "
                               "(setting query_timeout)")
        try:
            response = self.session.request(
                method, url, timeout=(min(self.connect_timeout, remaining), remaining),
                stream=True, auth=self._auth if authenticate else None, **kwargs)
        except (requests.Timeout, requests.exceptions.ReadTimeout) as exc:
            if isinstance(exc, requests.ConnectTimeout):
                raise requests.ConnectionError(exc) from None
            raise _timeout(deadline) from None
        try:
            chunks = []
            for chunk in response.iter_content(CHUNK):
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise _timeout(deadline)
            return Reply(response.status_code, response.headers, b"".join(chunks), url)
        except requests.exceptions.ConnectionError as exc:
            if "Read timed out" in str(exc):
                raise _timeout(deadline) from None
            raise
        finally:
            response.close()


    def _fast(self, method: str, url: str, deadline: float, kwargs: dict[str, Any]) -> Reply:
        """One request through urllib3 (no credentials)."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _timeout(deadline)
        headers = dict(kwargs.get("headers") or {})
        if kwargs.get("params"):
            url += ("&" if "?" in url else "?") + urlencode(kwargs["params"], doseq=True)
        body = kwargs.get("data")
        if body is not None and not isinstance(body, bytes | str):
            body = urlencode(body, doseq=True)
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        try:
            response = self.pool.request(
                method, url, body=body, headers=headers, preload_content=False,
                timeout=urllib3.Timeout(connect=min(self.connect_timeout, remaining),
                                        read=remaining), redirect=False)
        except urllib3.exceptions.ReadTimeoutError:
            raise _timeout(deadline) from None
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise requests.ConnectionError(str(exc)) from None
        try:
            chunks = []
            for chunk in response.stream(CHUNK):
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise _timeout(deadline)
            return Reply(response.status, response.headers, b"".join(chunks), url)
        except urllib3.exceptions.ReadTimeoutError:
            raise _timeout(deadline) from None
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise requests.ConnectionError(str(exc)) from None
        finally:
            response.release_conn()


def _timeout(deadline: float) -> QueryTimeout:
    return QueryTimeout("the remote store gave no complete answer within the time limit "
                        "(setting query_timeout); the request was abandoned")


def _refused(exc: Exception) -> bool:
    text = repr(exc)
    return "Connection refused" in text or "NewConnectionError" in text


def _reason(exc: Exception) -> str:
    text = str(exc)
    if "Connection refused" in text:
        return "connection refused"
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "unknown host"
    if "reset" in text.lower():
        return "connection reset"
    return text.split(":")[-1].strip(" )'\"") or type(exc).__name__
