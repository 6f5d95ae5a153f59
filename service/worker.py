"""The code that runs inside the service's child processes.

pyoxigraph cannot interrupt a running query, so every query and update runs in a child
process that the service can kill when it overruns (see :mod:`service.executor`). A
*reader* opens a read-only snapshot of the store and answers queries, serialising the
result itself with pyoxigraph's writers so only bytes cross the pipe. The *writer* owns
the one read-write store, applies updates and Graph Store writes, flushes them to disk and
publishes a new snapshot (a RocksDB checkpoint: hard links, so cheap) after each one.

Messages are dicts; a reply is ``{"ok": True, …}`` or ``{"ok": False, "kind": …,
"message": …}`` with ``kind`` one of ``syntax``, ``refused``, ``not_found``,
``not_acceptable``, ``store`` or ``internal``. This module imports neither Flask nor
rdflib (only :mod:`kg.sparql_text`, plain Python), so a worker starts in a fraction of
a second.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import signal
import sys
import time
import traceback
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from kg.formats import write_solutions, write_triples
from kg.sparql_text import ordered

Reply = dict[str, Any]


class Failure(Exception):
    """A failure to report to the parent as ``{"ok": False, "kind": kind, …}``."""

    def __init__(self, kind: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.reply: Reply = {"ok": False, "kind": kind, "message": message, **extra}


def _die_with_parent() -> None:
    """Ask Linux to kill this process when the service dies (even by ``kill -9``), so an
    orphan never keeps the store locked."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def syntax_failure(exc: SyntaxError) -> Failure:
    """A pyoxigraph ``SyntaxError`` as a failure with line and column when known."""
    message = str(exc.msg) if exc.msg else str(exc)
    line, column = exc.lineno, exc.offset
    head, _, rest = message.partition(": ")
    if line is None and head.startswith("error at ") and rest:
        pos = head.removeprefix("error at ").split(":")
        if len(pos) == 2 and all(p.isdigit() for p in pos):
            line, column, message = int(pos[0]), int(pos[1]), rest
    if "LoadDocumentCallback" in message:
        return Failure("refused", "remote JSON-LD contexts are not fetched by this service")
    return Failure("syntax", message, line=line, column=column)


# -- result serialisation ------------------------------------------------------------------
def serialize_solutions(result: ox.QuerySolutions, media_type: str, max_rows: int,
                        order: list[str] | None = None) -> tuple[bytes, int, bool]:
    """Serialise at most ``max_rows`` solutions; return (bytes, rows, truncated), with the
    columns of a ``SELECT *`` in ``order`` (see :func:`kg.sparql_text.star_order`)."""
    variables = ordered([v.value for v in result.variables], order)
    kept = list(itertools.islice(result, max_rows + 1))
    truncated = len(kept) > max_rows
    kept = kept[:max_rows]
    return write_solutions(variables, kept, _results_format(media_type)), len(kept), truncated


def _results_format(media_type: str) -> ox.QueryResultsFormat:
    fmt = ox.QueryResultsFormat.from_media_type(media_type)
    if fmt is None:
        raise Failure("not_acceptable", f"no results writer for {media_type}")
    return fmt


def _rdf_format(media_type: str) -> ox.RdfFormat:
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise Failure("not_acceptable", f"no RDF writer for {media_type}")
    return fmt


def serialize_triples(triples: Any, media_type: str, max_rows: int, prefixes: dict[str, str]
                      ) -> tuple[bytes, int, bool]:
    """Serialise at most ``max_rows`` triples (in the default graph for dataset formats),
    declaring the project's prefixes that they use."""
    fmt = _rdf_format(media_type)
    kept = list(itertools.islice(triples, max_rows + 1))
    truncated = len(kept) > max_rows
    kept = kept[:max_rows]
    return write_triples(kept, fmt, prefixes), len(kept), truncated


# -- the reader ----------------------------------------------------------------------------
def _graphs(iris: list[str] | None) -> list[Any] | None:
    return None if iris is None else [ox.NamedNode(g) for g in iris]


def run_query(store: ox.Store, task: dict[str, Any]) -> Reply:
    """Run one query task and return its serialised result."""
    for graph in task.get("require_graphs", []):
        if not store.contains_named_graph(ox.NamedNode(graph)):
            raise Failure("refused", f"FROM <{graph}>: no such graph in the store; this "
                                     "service does not fetch remote data or read files")
    kwargs: dict[str, Any] = {"base_iri": task.get("base_iri")}
    if task.get("default_graph") is not None or task.get("named_graphs") is not None:
        kwargs["default_graph"] = _graphs(task.get("default_graph")) or []
        kwargs["named_graphs"] = _graphs(task.get("named_graphs")) or []
    elif task.get("union"):
        kwargs["use_default_graph_as_union"] = True
    if task.get("bindings"):
        kwargs["substitutions"] = {ox.Variable(k): v for k, v in task["bindings"].items()}
    try:
        return _run_query(store, task, kwargs)
    except SyntaxError as exc:
        raise syntax_failure(exc) from None
    except (ConnectionError, TimeoutError) as exc:  # a SERVICE call failed
        raise Failure("remote", f"a SERVICE endpoint failed: {exc}") from None
    except RuntimeError as exc:
        unselected = re.search(r"variable \?(\S+) in its SELECT projection", str(exc))
        if task.get("bindings") and unselected:
            name = unselected.group(1)
            raise Failure("failed", f"${name}: ?{name} is not in the SELECT clause; a "
                                    "variable given a value must be selected (SEP-0007)"
                          ) from None
        raise Failure("failed", str(exc)) from None


def federate(store: ox.Store, task: dict[str, Any]) -> str:
    """The query text with its ``SERVICE`` blocks evaluated politely by :mod:`kg.linking`
    (allow-listed endpoints only, bound values, informative User-Agent, cache), so
    pyoxigraph never calls out on its own. Imported lazily: most workers never need it."""
    from kg.errors import KGError, QueryRefused
    from kg.linking.federation import rewrite_for_settings
    from kg.store import OxigraphStore

    settings = task["federation"]
    try:
        return rewrite_for_settings(
            OxigraphStore.wrap(store, union_default_graph=settings.union_default_graph),
            task["text"], settings=settings)
    except KGError as exc:
        kind = "refused" if isinstance(exc, QueryRefused) else "remote"
        raise Failure(kind, f"SERVICE: {exc}") from None


def _run_query(store: ox.Store, task: dict[str, Any], kwargs: dict[str, Any]) -> Reply:
    text = federate(store, task) if task.get("federation") else task["text"]
    result = store.query(text, **kwargs)
    max_rows = task["max_rows"]
    if isinstance(result, ox.QueryBoolean):
        media_type = task.get("results_type")
        if media_type is None:
            raise Failure("not_acceptable", "no acceptable format for a boolean result",
                          form="ASK")
        body = result.serialize(format=_results_format(media_type))
        return {"ok": True, "body": body, "media_type": media_type, "rows": 1,
                "truncated": False, "form": "ASK"}
    if isinstance(result, ox.QuerySolutions):
        media_type, form = task.get("results_type"), "SELECT"
        if media_type is not None:
            body, rows, truncated = serialize_solutions(result, media_type, max_rows,
                                                        task.get("select_order"))
    else:
        media_type, form = task.get("graph_type"), "CONSTRUCT"
        if media_type is not None:
            body, rows, truncated = serialize_triples(result, media_type, max_rows,
                                                      task.get("prefixes", {}))
    if media_type is None:
        raise Failure("not_acceptable", "no acceptable format for this result", form=form)
    return {"ok": True, "body": body, "media_type": media_type, "rows": rows,
            "truncated": truncated, "form": form}


def graph_dump(store: ox.Store, task: dict[str, Any]) -> Reply:
    """A Graph Store GET: the graph serialised, or ``not_found``; with ``union`` the
    default graph is the union of all graphs, as queries see it."""
    graph = task.get("graph")
    if graph is not None and not store.contains_named_graph(ox.NamedNode(graph)):
        raise Failure("not_found", f"no graph <{graph}> in the store")
    if task.get("exists_only"):
        return {"ok": True}
    if graph is None and task.get("union"):
        # The default graph that queries see: the union of all graphs, each triple once.
        triples: Any = sorted({q.triple for q in store}, key=str)
    else:
        source = ox.NamedNode(graph) if graph is not None else ox.DefaultGraph()
        triples = (q.triple for q in store.quads_for_pattern(None, None, None, source))
    body, _, _ = serialize_triples(triples, task["media_type"], sys.maxsize - 1,
                                   task.get("prefixes", {}))
    return {"ok": True, "body": body}


def select_rows(store: ox.Store, task: dict[str, Any]) -> Reply:
    """Run a trusted SELECT (statistics) and return plain string rows."""
    result = store.query(task["text"], use_default_graph_as_union=task.get("union", True))
    names = [v.value for v in result.variables]
    rows = [{n: s[n].value for n in names if s[n] is not None} for s in result]
    return {"ok": True, "rows": rows}


READER_OPS = {"query": run_query, "dump": run_query, "graph": graph_dump, "rows": select_rows,
              "count": lambda store, task: {"ok": True, "count": len(store)}}


def _serve(conn: Connection, handle: Any) -> None:
    """Answer tasks from ``conn`` until the parent closes it."""
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = handle(task)
        except Failure as failure:
            reply = failure.reply
        except OSError as exc:
            reply = {"ok": False, "kind": "store", "message": str(exc)}
        except Exception as exc:
            reply = {"ok": False, "kind": "internal", "message": repr(exc),
                     "trace": traceback.format_exc()}
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


def reader_main(conn: Connection) -> None:
    """Entry point of a reader process: reopen the snapshot each task names."""
    _die_with_parent()
    state: dict[str, Any] = {"path": None, "store": None}

    def handle(task: dict[str, Any]) -> Reply:
        if task["snapshot"] != state["path"]:
            state["store"] = None  # close the old snapshot first
            state["store"] = ox.Store.read_only(task["snapshot"])
            state["path"] = task["snapshot"]
        return READER_OPS[task["op"]](state["store"], task)

    _serve(conn, handle)


# -- the writer ----------------------------------------------------------------------------
def _parse_part(data: bytes, media_type: str, base_iri: str | None) -> list[ox.Triple]:
    fmt = _rdf_format(media_type)
    if fmt == ox.RdfFormat.RDF_XML and b"<!ENTITY" in data:
        raise Failure("refused", "RDF/XML with entity declarations (<!ENTITY) is refused: "
                                 "this service does not expand XML entities")
    try:
        # A dataset format's graphs are merged: the Graph Store writes one graph.
        return [q.triple for q in ox.parse(data, format=fmt, base_iri=base_iri)]
    except SyntaxError as exc:
        raise syntax_failure(exc) from None
    except ValueError as exc:
        raise Failure("syntax", str(exc)) from None


def _parse_parts(task: dict[str, Any]) -> list[ox.Triple]:
    """Every payload of a Graph Store write, parsed before anything is written."""
    return [t for part in task["parts"]
            for t in _parse_part(part["data"], part["media_type"], task.get("base_iri"))]


def _graph_clause(graph: str | None, triples: list[ox.Triple]) -> str:
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
    return f"GRAPH <{graph}> {{\n{text}}}" if graph else text


def write(store: ox.Store, task: dict[str, Any]) -> Reply:
    """Apply one write task in a single transaction; report whether a graph was created."""
    op, graph = task["op"], task.get("graph")
    target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    existed = graph is None or store.contains_named_graph(target)
    if op == "update":
        try:
            store.update(task["text"], base_iri=task.get("base_iri"))
        except SyntaxError as exc:
            raise syntax_failure(exc) from None
        except RuntimeError as exc:  # e.g. CREATE GRAPH of an existing graph
            raise Failure("failed", f"{exc}; the update was rolled back, nothing was "
                                    "changed") from None
    elif op == "delete":
        if not existed:
            raise Failure("not_found", f"no graph <{graph}> in the store")
        store.update(f"DROP GRAPH <{graph}>" if graph else "DROP DEFAULT")
    elif op in ("put", "post"):
        triples = _parse_parts(task)
        drop = ("DROP SILENT " + (f"GRAPH <{graph}>" if graph else "DEFAULT") + " ;\n"
                if op == "put" else "")
        # One SPARQL update: replacing a graph is a single transaction.
        store.update(f"{drop}INSERT DATA {{ {_graph_clause(graph, triples)} }}")
        if graph and not triples:
            store.add_graph(target)
    else:
        raise Failure("internal", f"unknown write {op!r}")
    store.flush()
    store.backup(task["snapshot"])
    return {"ok": True, "created": not existed}


def writer_main(conn: Connection, primary: str, snapshot: str) -> None:
    """Entry point of the writer: open the store read-write (waiting for a dying previous
    owner to release its lock), publish the first snapshot, then apply writes."""
    _die_with_parent()
    deadline = time.monotonic() + 15
    while True:
        try:
            store = ox.Store(primary)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    store.flush()
    store.backup(snapshot)
    conn.send({"ok": True, "ready": True})
    _serve(conn, lambda task: write(store, task))
