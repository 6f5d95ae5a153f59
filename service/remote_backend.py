"""The service on a remote store: an executor that answers the same tasks as the worker
processes (:mod:`service.worker`), by HTTP to the store instead of over a pipe.

Handlers do not know which backend they talk to: :class:`RemoteExecutor` has the
:class:`~service.executor.Executor` interface (``read``, ``write``, ``generation``,
``stats``) and replies with the same dicts. Nothing is killed on a timeout: the request to
the store is abandoned at the deadline (:mod:`kg.store.http`). The service keeps no state
of its own, so any number of instances can serve one store; the ``generation`` that keys
its caches moves on with each of its own writes and every ``store_cache_seconds``, so
statistics written by another instance show within that time, and query answers at once.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import json
import logging
import re
import threading
import time
from typing import Any

import pyoxigraph as ox

from kg.errors import KGError, QueryCancelled, QueryError
from kg.settings import Settings
from kg.store.remote import Answer, SparqlStore
from service.executor import ExecutorStats
from service.worker import Failure, _parse_parts, _results_format, serialize_triples

log = logging.getLogger(__name__)
#: Seconds between two looks at a cancel while a cancellable read waits for the store.
CANCEL_POLL = 0.05
#: Threads for cancellable reads (the query page's); others run in the request thread.
_POOL = concurrent.futures.ThreadPoolExecutor(max_workers=16,
                                              thread_name_prefix="pasb-remote-read")
#: Seconds the first requests to the store may take when the service starts.
STARTUP_TIMEOUT = 120.0
_INSERT_DATA = re.compile(r"(?is)^(?P<prologue>(\s*(#[^\n]*\n|(PREFIX|BASE)\b[^<]*<[^>]*>))*)"
                          r"\s*INSERT\s+DATA\s*\{(?P<body>.*)\}\s*;?\s*$")


class RemoteExecutor:
    """Runs the service's tasks on a :class:`~kg.store.remote.SparqlStore`.

    :param store: the remote store.
    :param settings: the service's settings (limits, cache time).
    :param writable: whether writes are enabled (an update token is set).
    """

    def __init__(self, store: SparqlStore, settings: Settings, *, writable: bool) -> None:
        self.store = store
        self.settings = settings
        self.writable = writable
        self.readers = settings.threads
        self.stats = ExecutorStats()
        self._writes = 0
        self._lock = threading.Lock()
        self._running: dict[str, threading.Event] = {}

    def start(self) -> RemoteExecutor:
        """Check that the store answers (fails early with a clear message)."""
        self.store.count(timeout=max(self.settings.query_timeout, STARTUP_TIMEOUT))
        return self

    def close(self) -> None:
        self.store.close()

    @property
    def generation(self) -> int:
        """Own writes, and the ``store_cache_seconds`` period (other instances write too)."""
        period = max(self.settings.store_cache_seconds, 0.001)
        return self._writes * 10**9 + int(time.monotonic() / period) % 10**9

    # -- reads -----------------------------------------------------------------------------
    def read(self, task: dict[str, Any], *, timeout: float,
             query_id: str | None = None) -> dict[str, Any]:
        """Answer a reader task (see :mod:`service.worker`).

        :param query_id: a name under which :meth:`cancel` can stop this read: the request
            to the store then runs in a thread of its own, and a cancel answers at once
            (the store's answer, when it comes, is dropped).
        :raises QueryCancelled: :meth:`cancel` stopped it.
        """
        if query_id is None:
            return self._read(task, timeout)
        cancelled = threading.Event()
        with self._lock:
            if query_id in self._running:
                raise QueryError(f"a query with id {query_id!r} is already running")
            self._running[query_id] = cancelled
        try:
            future = _POOL.submit(self._read, task, timeout)
            while True:
                try:
                    return future.result(timeout=CANCEL_POLL)
                except concurrent.futures.TimeoutError:
                    if cancelled.is_set():
                        raise QueryCancelled("the query was cancelled; the request to the "
                                             "store was abandoned") from None
        finally:
            with self._lock:
                self._running.pop(query_id, None)

    def cancel(self, query_id: str) -> bool:
        """Stop the read running under ``query_id``; whether one was running."""
        with self._lock:
            event = self._running.get(query_id)
            if event is None or event.is_set():
                return False
            event.set()
            self.stats.cancels += 1
        return True

    def _read(self, task: dict[str, Any], timeout: float) -> dict[str, Any]:
        op = task["op"]
        self.stats.by_kind[op] = self.stats.by_kind.get(op, 0) + 1
        try:
            if op == "query":
                return self._query(task, timeout)
            if op == "graph":
                return self._graph(task, timeout)
            if op == "dump":  # every triple: whole graphs, in keyset pages past a cap
                triples = sorted({q.triple for q in self.store.quads()}, key=str)
                body, rows, _ = serialize_triples(iter(triples), task["graph_type"],
                                                  len(triples), task.get("prefixes", {}))
                return {"ok": True, "body": body, "media_type": task["graph_type"],
                        "rows": rows, "truncated": False, "form": "CONSTRUCT"}
            if op == "rows":
                answer = self.store.run(task["text"], timeout=timeout, checked=True,
                                        union=task.get("union", True))
                return {"ok": True, "rows": [{k: v["value"] for k, v in row.items()}
                                             for row in answer.bindings]}
            if op == "count":
                return {"ok": True, "count": self.store.count()}
        except Failure as failure:
            return failure.reply
        except KGError as exc:
            if "timeout" in type(exc).__name__.lower():
                self.stats.timeouts += 1
            raise
        raise ValueError(f"unknown task {op!r}")

    def _query(self, task: dict[str, Any], timeout: float) -> dict[str, Any]:
        text = task["text"]
        if task.get("federation"):
            from kg.linking.federation import rewrite_for_settings

            text = rewrite_for_settings(self.store, text, settings=task["federation"])
        for graph in task.get("require_graphs", []):
            if not self.store.contains_graph(graph):
                raise Failure("refused", f"FROM <{graph}>: no such graph in the store; this "
                                         "service does not fetch remote data or read files")
        dataset = task.get("default_graph") is not None or task.get("named_graphs") is not None
        answer = self.store.run(
            text, timeout=timeout, max_rows=task["max_rows"],
            union=task.get("union", self.settings.union_default_graph),
            default_graph=task.get("default_graph") if dataset else None,
            named_graphs=task.get("named_graphs") if dataset else None,
            base_iri=task.get("base_iri"))
        return serialise(answer, task)

    def _graph(self, task: dict[str, Any], timeout: float) -> dict[str, Any]:
        graph = task.get("graph")
        if graph is not None and not self.store.contains_graph(graph):
            raise Failure("not_found", f"no graph <{graph}> in the store")
        if task.get("exists_only"):
            return {"ok": True}
        if graph is None and task.get("union"):
            # The default graph that queries see: the union of all graphs, each triple once.
            triples = sorted({q.triple for q in self.store.quads()}, key=str)
            body, _, _ = serialize_triples(iter(triples), task["media_type"], len(triples),
                                           task.get("prefixes", {}))
            return {"ok": True, "body": body}
        try:
            triples = self.store.graph_triples(graph, timeout=max(timeout, 60.0))
        except KGError as exc:
            if graph is None and "no graph" in str(exc):
                triples = []
            else:
                raise
        body, _, _ = serialize_triples(iter(triples), task["media_type"], len(triples),
                                       task.get("prefixes", {}))
        return {"ok": True, "body": body}

    # -- writes ----------------------------------------------------------------------------
    def write(self, task: dict[str, Any], *, timeout: float) -> dict[str, Any]:
        """Apply a writer task on the store."""
        if not self.writable:
            raise KGError("this service is read-only")
        try:
            reply = self._write(task, timeout)
        except Failure as failure:
            return failure.reply
        with self._lock:
            self._writes += 1
            self.stats.writes += 1
        return reply

    def _write(self, task: dict[str, Any], timeout: float) -> dict[str, Any]:
        op, graph = task["op"], task.get("graph")
        if op == "update":
            quads = insert_data_quads(task["text"], task.get("base_iri"))
            if quads is None:
                self.store.update(task["text"], base_iri=task.get("base_iri"),
                                  timeout=timeout)
            else:  # a store may limit INSERT DATA (Virtuoso: ~1,000 triples, no bnodes)
                self.store.load_quads(quads)
            return {"ok": True, "created": False}
        existed = graph is None or self.store.contains_graph(graph)
        if op == "delete":
            if not existed or not self.store.delete_graph(graph, timeout=timeout):
                raise Failure("not_found", f"no graph <{graph}> in the store")
            return {"ok": True, "created": False}
        if op in ("put", "post"):
            triples = _parse_parts(task)
            self.store.write_graph(graph, triples, replace=op == "put", timeout=timeout)
            return {"ok": True, "created": not existed}
        raise Failure("internal", f"unknown write {op!r}")


def insert_data_quads(text: str, base_iri: str | None) -> list[ox.Quad] | None:
    """The quads of an update that is one ``INSERT DATA`` (its block read as TriG), or
    ``None`` for any other update."""
    match = _INSERT_DATA.match(text)
    if match is None:
        return None
    trig = match.group("prologue") + "\n" + match.group("body")
    try:
        return list(ox.parse(trig.encode(), format=ox.RdfFormat.TRIG, base_iri=base_iri))
    except (SyntaxError, ValueError):
        return None  # not plain data after all: let the store's update parser decide


def serialise(answer: Answer, task: dict[str, Any]) -> dict[str, Any]:
    """A query answer in the negotiated format, cut at ``max_rows`` (as a worker does)."""
    max_rows = task["max_rows"]
    if answer.form == "ASK":
        media_type = task.get("results_type")
        if media_type is None:
            raise Failure("not_acceptable", "no acceptable format for a boolean result",
                          form="ASK")
        if answer.raw is not None and answer.raw_type == media_type:
            body = answer.raw
        else:
            body = ox.parse_query_results(answer.results_json(),
                                          format=ox.QueryResultsFormat.JSON).serialize(
                format=_results_format(media_type))
        return {"ok": True, "body": body, "media_type": media_type, "rows": 1,
                "truncated": False, "form": "ASK"}
    if answer.form == "SELECT":
        media_type = task.get("results_type")
        if media_type is None:
            raise Failure("not_acceptable", "no acceptable format for this result",
                          form="SELECT")
        truncated = len(answer.bindings) > max_rows
        kept = answer.bindings[:max_rows]
        if answer.raw is not None and answer.raw_type == media_type and not truncated:
            body = answer.raw  # the store's own SPARQL JSON, already in the W3C form
        else:
            doc = json.dumps({"head": {"vars": answer.variables},
                              "results": {"bindings": kept}}).encode()
            body = ox.parse_query_results(doc, format=ox.QueryResultsFormat.JSON).serialize(
                format=_results_format(media_type))
        return {"ok": True, "body": body, "media_type": media_type, "rows": len(kept),
                "truncated": truncated, "form": "SELECT"}
    media_type = task.get("graph_type")
    if media_type is None:
        raise Failure("not_acceptable", "no acceptable format for this result",
                      form="CONSTRUCT")
    body, rows, truncated = serialize_triples(itertools.chain(answer.triples), media_type,
                                              max_rows, task.get("prefixes", {}))
    return {"ok": True, "body": body, "media_type": media_type, "rows": rows,
            "truncated": truncated, "form": "CONSTRUCT"}
