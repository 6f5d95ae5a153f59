"""What the blueprints share: settings, the executor, limits, and the reply mapping."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from werkzeug.exceptions import NotFound

from kg.errors import QueryError, QueryRefused, QuerySyntaxError, RemoteError, StoreError
from kg.namespaces import PREFIXES
from kg.settings import Settings
from service.executor import Executor
from service.negotiation import Format, not_acceptable
from service.remote_backend import RemoteExecutor
from service.security import ClientLimiter

log = logging.getLogger(__name__)


@dataclass
class ServiceState:
    """Per-application state, stored as ``app.extensions["pasb"]``."""

    settings: Settings
    executor: Executor | RemoteExecutor
    token: str | None
    limiter: ClientLimiter
    cache: dict[str, Any] = field(default_factory=dict)
    cache_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def writable(self) -> bool:
        """Whether updates and Graph Store writes are enabled."""
        return self.token is not None

    def read(self, task: dict[str, Any], *, timeout: float | None = None) -> dict[str, Any]:
        """Run a reader task and return its successful reply (see :func:`check_reply`)."""
        task.setdefault("prefixes", PREFIXES)
        reply = self.executor.read(task, timeout=timeout or self.settings.query_timeout)
        return check_reply(reply)

    def write(self, task: dict[str, Any]) -> dict[str, Any]:
        """Run a writer task within the update timeout and return its successful reply."""
        reply = self.executor.write(task, timeout=self.settings.update_timeout)
        return check_reply(reply)

    def cached(self, key: str, compute: Any) -> Any:
        """``compute()`` once per store generation (statistics for VoID and health)."""
        key = f"{key}@{self.executor.generation}"
        with self.cache_lock:
            if key in self.cache:
                return self.cache[key]
        value = compute()
        with self.cache_lock:
            self.cache = {k: v for k, v in self.cache.items()
                          if k.endswith(f"@{self.executor.generation}")}
            self.cache[key] = value
        return value


def state() -> ServiceState:
    """The :class:`ServiceState` of the current application."""
    return current_app.extensions["pasb"]


def check_reply(reply: dict[str, Any], *, formats: tuple[Format, ...] = ()) -> dict[str, Any]:
    """Return a successful worker reply, or raise the exception its failure stands for."""
    if reply.get("ok"):
        return reply
    kind, message = reply.get("kind"), reply.get("message", "")
    if kind == "syntax":
        raise QuerySyntaxError(message, line=reply.get("line"), column=reply.get("column"))
    if kind == "refused":
        raise QueryRefused(message)
    if kind == "not_found":
        raise NotFound(message)
    if kind == "not_acceptable":
        raise not_acceptable(formats, "this result")
    if kind == "store":
        raise StoreError(message)
    if kind == "remote":
        raise RemoteError(message)
    if kind == "failed":
        raise QueryError(message)
    log.error("worker failure: %s\n%s", message, reply.get("trace", ""))
    raise RuntimeError(f"worker failure: {message}")
