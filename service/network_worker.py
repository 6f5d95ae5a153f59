"""The network worker: one killable child process for network layouts and measures.

A view of the actor network needs seconds of Python on a large graph (layout, measures)
and minutes for the full measure set, so it must not run in a request thread, and it
must stop at the query timeout like any query. The service fetches the rows of the named
network queries through its query workers (:mod:`service.executor`, within the query
timeout each), sends them to this process once per store generation, and asks it for
views; :class:`NetworkJobs` kills the process when a job overruns and caches every
answer by (store generation, job, layer, year, projection).
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
import traceback
from collections import OrderedDict
from collections.abc import Callable, Hashable
from multiprocessing.connection import Connection
from typing import Any

from kg.errors import QueryTimeout
from service.executor import ServiceBusy

log = logging.getLogger(__name__)
_CONTEXT = multiprocessing.get_context("spawn")
#: Answers kept (a view of a 5,000-node graph is a few megabytes).
CACHE_SIZE = 48


# -- the child -----------------------------------------------------------------------------
def _handle(task: dict[str, Any], held: dict[str, Any]) -> dict[str, Any]:
    from kg.network import extract
    from service import network_compute as nc

    if task.get("rows") is not None:  # scope name -> rows of every network query
        held["networks"] = {scope: extract.extract_multiplex(nc.RowsStore(rows))
                            for scope, rows in task["rows"].items()}
        held["generation"] = task["generation"]
    if held.get("generation") != task["generation"]:
        return {"ok": False, "kind": "need_rows"}
    options = dict(task["key"])
    lang = options.pop("lang", "en")  # the report's language; not part of the view
    key = nc.ViewKey(**options)
    M = nc.check_scope(held["networks"], key.scope)
    if task["op"] == "view":
        payload, G = nc.view_payload(M, key)
        return {"ok": True, "payload": payload, "graph": G}
    if task["op"] == "measures":
        from kg.network.measures import measures

        G = nc.library_view(M, key)
        if G.is_multigraph():
            raise nc.BadParameter("parameter projection='multiplex' is not allowed here: "
                                  "measures need a simple graph; expected one of actors, "
                                  "affiliation, delegation")
        return {"ok": True, "payload": measures(G)}
    if task["op"] == "report":
        from kg.network.report import build_report

        nc.check_year(M, key.year)
        paper = held["networks"].get("paper") if key.scope != "paper" else None
        return {"ok": True, "report": build_report(M, year=key.year, lang=lang, paper=paper)}
    raise ValueError(f"unknown network job {task['op']!r}")


def network_main(conn: Connection) -> None:
    """Entry point of the network worker: answer jobs until the parent closes the pipe."""
    from kg.errors import KGError
    from service.worker import _die_with_parent

    _die_with_parent()
    held: dict[str, Any] = {}
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = _handle(task, held)
        except KGError as exc:
            reply = {"ok": False, "kind": "bad_parameter", "message": str(exc)}
        except Exception as exc:
            reply = {"ok": False, "kind": "internal", "message": repr(exc),
                     "trace": traceback.format_exc()}
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


# -- the parent ----------------------------------------------------------------------------
class NetworkJobs:
    """Runs network jobs one at a time in a warm child process, with a deadline and a
    cache keyed by store generation."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Connection | None = None
        self._sent: int | None = None  # the generation whose rows the child holds
        self._rows: tuple[int, Any] | None = None
        self._cache: OrderedDict[Hashable, dict[str, Any]] = OrderedDict()

    def run(self, op: str, key: dict[str, Any], *, generation: int,
            fetch_rows: Callable[[], Any], timeout: float) -> dict[str, Any]:
        """The reply of job ``op`` for view ``key``, computed at most once per generation.

        :param fetch_rows: returns the network queries' rows (through the query workers).
        :raises ServiceBusy: another job kept the worker busy past ``timeout``.
        :raises QueryTimeout: the job overran ``timeout``; the worker was killed.
        """
        cache_key = (generation, op, tuple(sorted(key.items())))
        if (hit := self._cached(cache_key)) is not None:
            return hit
        if not self._lock.acquire(timeout=timeout):
            raise ServiceBusy(f"the network worker stayed busy for {timeout:g} s; "
                              "try again later")
        try:
            if (hit := self._cached(cache_key)) is not None:
                return hit
            reply = self._ask(op, key, generation, fetch_rows, timeout)
            if reply.get("ok") or reply.get("kind") == "bad_parameter":
                self._cache[cache_key] = reply
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
            return reply
        finally:
            self._lock.release()

    def _cached(self, cache_key: Hashable) -> Any:
        hit = self._cache.get(cache_key)
        if hit is not None:
            self._cache.move_to_end(cache_key)
        return hit

    def remember(self, cache_key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per ``cache_key`` (which should name the generation)."""
        if (hit := self._cached(cache_key)) is None:
            hit = self._cache[cache_key] = compute()
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return hit

    def _ask(self, op: str, key: dict[str, Any], generation: int,
             fetch_rows: Callable[[], Any], timeout: float) -> dict[str, Any]:
        if self._rows is None or self._rows[0] != generation:
            self._rows = (generation, fetch_rows())
        conn = self._ensure_child()
        task: dict[str, Any] = {"op": op, "key": key, "generation": generation,
                                "rows": None if self._sent == generation else self._rows[1]}
        start = time.monotonic()
        try:
            conn.send(task)
            if not conn.poll(timeout):
                self.stop()
                raise QueryTimeout(f"the network computation stopped after the {timeout:g} s "
                                   "time limit (setting query_timeout)")
            reply = conn.recv()
        except (EOFError, OSError) as exc:
            self.stop()
            raise QueryTimeout(f"the network worker died: {exc}") from None
        self._sent = generation
        if reply.get("kind") == "need_rows":  # the child restarted between two jobs
            self._sent = None
            return self._ask(op, key, generation, fetch_rows, timeout)
        log.info("network %s %s: %.2f s", op, key, time.monotonic() - start)
        if reply.get("kind") == "internal":
            log.error("network worker failure: %s\n%s", reply.get("message"),
                      reply.get("trace", ""))
        return reply

    def _ensure_child(self) -> Connection:
        if self._process is None or not self._process.is_alive() or self._conn is None:
            self.stop()
            parent, child_end = _CONTEXT.Pipe()
            self._process = _CONTEXT.Process(target=network_main, args=(child_end,),
                                             daemon=True, name="pasb-kg-network")
            self._process.start()
            child_end.close()
            self._conn, self._sent = parent, None
        return self._conn

    def stop(self) -> None:
        """Kill the child (it is started again by the next job)."""
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join(timeout=5)
        if self._conn is not None:
            self._conn.close()
        self._process, self._conn, self._sent = None, None, None
