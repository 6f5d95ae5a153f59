"""A remote SPARQL 1.1 store as a :class:`~kg.store.Store`: Virtuoso, Oxigraph server, …

Every text is parsed by Oxigraph here first, so a query that the embedded store refuses is
refused here too (with the same line and column), whatever the remote store would accept
(predeclared prefixes, pragmas). Answers are always read in a format we parse (SPARQL JSON,
N-Triples), checked for the store's silent failures (:mod:`kg.store.dialect`), normalised,
and only then handed on, so callers get the same terms from every backend.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from kg.errors import QueryError, QuerySyntaxError, StoreError
from kg.settings import Settings
from kg.store.answers import Answer, first_int, normal_triple, ox_term
from kg.store.dialect import N_TRIPLES, SPARQL_JSON, Dialect
from kg.store.embedded import Row, ValueRow
from kg.store.http import StoreClient
from kg.store.location import StoreLocation
from kg.store.oxigraph_server import OxigraphServer
from kg.store.texts import (
    bound,
    check_syntax,
    iri,
    masked_text,
    refuse_load,
    with_prologue,
)
from kg.store.virtuoso import Virtuoso
from kg.terms import to_rdflib

log = logging.getLogger(__name__)

DIALECTS: dict[str, type[Dialect]] = {"generic": Dialect, "virtuoso": Virtuoso,
                                      "oxigraph": OxigraphServer}
ACCEPT = f"{SPARQL_JSON}, {N_TRIPLES};q=0.9, text/turtle;q=0.5"
_WHOLE_STORE = re.compile(r"(?i)^\s*(DROP|CLEAR)\s+(SILENT\s+)?(?P<scope>ALL|NAMED|DEFAULT)"
                          r"\s*;?\s*$")
_ONE_GRAPH = re.compile(r"(?i)^\s*(?P<op>DROP|CLEAR)\s+(?P<silent>SILENT\s+)?GRAPH\s*"
                        r"<(?P<graph>[^<>\"{}|^`\\\s]*)>\s*;?\s*$")
def detect_dialect(client: StoreClient, location: StoreLocation) -> type[Dialect]:
    """The dialect of the store at ``location`` by its ``Server`` header."""
    reply = client.request("POST", location.query, timeout=client.connect_timeout + 5,
                           data={"query": "ASK {}"}, headers={"Accept": SPARQL_JSON})
    server = reply.headers.get("Server", "").lower()
    for dialect in DIALECTS.values():
        if dialect.server_header and dialect.server_header in server:
            return dialect
    return Dialect


class SparqlStore:
    """A remote SPARQL store.

    :param location: its endpoints and credentials.
    :param settings: limits, timeouts and the dialect (``store_dialect``).
    :param dialect: the dialect class (default: from ``store_dialect``, ``auto`` asks the
        store's ``Server`` header).

    The union of all graphs is the default graph unless ``union_default_graph`` is off.
    """

    def __init__(self, location: StoreLocation, settings: Settings, *,
                 dialect: type[Dialect] | None = None) -> None:
        self.location = location
        self.settings = settings
        self.union_default_graph = settings.union_default_graph
        self.client = StoreClient(location, user_agent=settings.user_agent,
                                  connect_timeout=settings.store_connect_timeout,
                                  retries=settings.store_retries,
                                  backoff=settings.store_backoff)
        if dialect is None:
            name = settings.store_dialect
            dialect = (detect_dialect(self.client, location) if name == "auto"
                       else DIALECTS[name])
        self.dialect = dialect(location, settings)
        self._cap_known = False

    @classmethod
    def from_settings(cls, settings: Settings) -> SparqlStore:
        """The remote store the ``store`` setting names."""
        return cls(StoreLocation.from_settings(settings), settings)

    def __repr__(self) -> str:
        return f"SparqlStore({self.location.describe()!r}, dialect={self.dialect.name})"

    def close(self) -> None:
        """Close the pooled connections."""
        self.client.close()

    # -- queries ---------------------------------------------------------------------------
    def run(self, text: str, *, timeout: float | None = None, max_rows: int | None = None,
            union: bool | None = None, default_graph: Sequence[str] | None = None,
            named_graphs: Sequence[str] | None = None, base_iri: str | None = None,
            prefixes: Mapping[str, str] | None = None, checked: bool = False) -> Answer:
        """Run a query and return its checked, normalised answer.

        :param max_rows: the caller keeps at most this many rows, so a store cap above it
            is harmless; ``None``: every row is needed.
        :param checked: the text is a trusted one of this package (kept for callers; every
            text is parsed here, which also tells its form and so the format to ask for).
        :raises QuerySyntaxError: the text does not parse (Oxigraph's position).
        :raises ResultCapped: the store cut the result.
        """
        form_of = check_syntax(text, prefixes=prefixes, base_iri=base_iri)
        self.dialect.check_text(text)
        self._learn_cap()
        text = with_prologue(text, prefixes=prefixes, base_iri=base_iri)
        union = self.union_default_graph if union is None else union
        form = self.dialect.query_form(text, union=union, default_graph=default_graph,
                                       named_graphs=named_graphs)
        accept = N_TRIPLES if form_of == "CONSTRUCT" else SPARQL_JSON if form_of else ACCEPT
        headers = {"Accept": accept}
        if self.dialect.direct_post and len(form) > 0 and form[0][0] == "query":
            # The text as the body, the rest in the URL: no URL-encoding of a long text.
            url = self.dialect.query_url
            if form[1:]:
                url += ("&" if "?" in url else "?") + urlencode(form[1:])
            data: Any = form[0][1].encode()
            headers["Content-Type"] = "application/sparql-query"
        else:
            url, data = self.dialect.query_url, form
        reply = self.client.request(
            "POST", url, data=data, headers=headers,
            timeout=timeout or self.settings.query_timeout,
            authenticate=self.dialect.authenticate_reads)
        self.dialect.check_reply(reply, what="query")
        answer = self._parse(reply.body, reply.content_type)
        if answer.form != "ASK" and self.dialect.capped(reply, answer.rows) and (
                max_rows is None or answer.rows <= max_rows):
            raise self.dialect.cap_error(answer.rows)
        return answer

    def _learn_cap(self) -> None:
        if not self._cap_known:
            self.dialect.learn(self.client)
            self._cap_known = True

    def _parse(self, body: bytes, content_type: str) -> Answer:
        if content_type.endswith("json"):
            try:
                data = json.loads(body)
            except ValueError as exc:
                raise StoreError(f"the remote store sent malformed SPARQL JSON: {exc}") from None
            raw = body if self.dialect.faithful else None
            if "boolean" in data:
                return Answer("ASK", boolean=bool(data["boolean"]), raw=raw,
                              raw_type=content_type)
            variables = list(data.get("head", {}).get("vars", []))
            rows = data.get("results", {}).get("bindings", [])
            if not self.dialect.faithful:
                normalise = self.dialect.normalise_term
                rows = [{k: normalise(v) for k, v in row.items()} for row in rows]
            return Answer("SELECT", variables=variables, bindings=rows, raw=raw,
                          raw_type=content_type)
        fmt = ox.RdfFormat.from_media_type(content_type)
        if fmt is None or fmt.supports_datasets:
            raise StoreError(f"the remote store answered in {content_type or 'no format'}, "
                             "which this service does not read")
        try:
            triples = [t for t in ox.parse(body, format=fmt)]
        except SyntaxError as exc:
            raise StoreError(f"the remote store sent malformed {content_type}: {exc}") from None
        return Answer("CONSTRUCT", triples=[normal_triple(t) for t in triples])

    def query(self, sparql: str, *, bindings: Mapping[str, Node] | None = None,
              default_graph: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None, base_iri: str | None = None,
              prefixes: Mapping[str, str] | None = None,
              ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Like :meth:`kg.store.OxigraphStore.query`: pyoxigraph's result object."""
        return self.run(bound(sparql, bindings), default_graph=default_graph,
                        named_graphs=named_graphs, base_iri=base_iri,
                        prefixes=prefixes).oxigraph()

    def select(self, sparql: str, *, bindings: Mapping[str, Node] | None = None,
               default_graph: Sequence[str] | None = None) -> list[Row]:
        """Run a SELECT query; one dict per solution with rdflib terms."""
        answer = self.run(bound(sparql, bindings), default_graph=default_graph)
        if answer.form != "SELECT":
            raise QuerySyntaxError("not a SELECT query")
        return [{k: to_rdflib(ox_term(v)) for k, v in row.items()} for row in answer.bindings]

    def select_values(self, sparql: str, variables: Sequence[str], *,
                      bindings: Mapping[str, Node] | None = None,
                      default_graph: Sequence[str] | None = None) -> Iterator[ValueRow]:
        """Per solution, the plain values of ``variables`` (see
        :meth:`kg.store.OxigraphStore.select_values`)."""
        answer = self.run(bound(sparql, bindings), default_graph=default_graph)
        if answer.form != "SELECT":
            raise QuerySyntaxError("not a SELECT query")
        for row in answer.bindings:
            yield tuple(row[v]["value"] if v in row else None for v in variables)

    def ask(self, sparql: str, *, bindings: Mapping[str, Node] | None = None,
            default_graph: Sequence[str] | None = None) -> bool:
        """Run an ASK query."""
        answer = self.run(bound(sparql, bindings), default_graph=default_graph)
        if answer.form != "ASK":
            raise QuerySyntaxError("not an ASK query")
        return answer.boolean

    def construct(self, sparql: str, *, bindings: Mapping[str, Node] | None = None,
                  default_graph: Sequence[str] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query into an rdflib graph."""
        answer = self.run(bound(sparql, bindings), default_graph=default_graph)
        if answer.form != "CONSTRUCT":
            raise QuerySyntaxError("not a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for t in answer.triples:
            graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return graph

    # -- updates ---------------------------------------------------------------------------
    def update(self, sparql: str, *, base_iri: str | None = None,
               timeout: float | None = None, checked: bool = False) -> None:
        """Run a SPARQL update (never ``LOAD``: the store would fetch the URL).

        :raises QueryRefused: the update contains ``LOAD`` or a refused extension.
        """
        if not checked:
            check_syntax(sparql, update=True, base_iri=base_iri)
        refuse_load(sparql)
        self.dialect.check_text(sparql)
        whole = _WHOLE_STORE.match(sparql)
        if whole and self.dialect.own_graph_management:
            # Virtuoso's DROP ALL would reach its system graphs: drop ours one by one.
            scope = whole.group("scope").upper()
            if scope in ("ALL", "NAMED"):
                for graph in self.graphs():
                    self.delete_graph(graph, timeout=timeout)
            if scope in ("ALL", "DEFAULT"):
                self.delete_graph(None, timeout=timeout)
            return
        one = _ONE_GRAPH.match(sparql)
        if one and self.dialect.own_graph_management:
            # Virtuoso refuses DROP GRAPH of a graph it did not see created by CREATE GRAPH.
            graph = one.group("graph")
            if not self.delete_graph(graph, timeout=timeout) and not one.group("silent"):
                raise QueryError(f"{one.group('op').upper()} GRAPH <{graph}>: no such graph "
                                 "in the store; nothing was changed (SILENT ignores this)")
            return
        text = with_prologue(sparql, base_iri=base_iri)
        reply = self.client.request("POST", self.dialect.update_url, data={"update": text},
                                    timeout=timeout or self.settings.update_timeout,
                                    write=True, authenticate=True)
        self.dialect.check_reply(reply, what="update")

    # -- graphs ----------------------------------------------------------------------------
    def graphs(self, *, timeout: float | None = None) -> list[str]:
        """IRIs of the named graphs that hold triples, sorted."""
        answer = self.run(self.dialect.graph_list_query, checked=True, timeout=timeout)
        hidden = self.dialect.hidden_graphs()
        return sorted(row["g"]["value"] for row in answer.bindings
                      if row.get("g", {}).get("type") == "uri"
                      and row["g"]["value"] not in hidden)

    def contains_graph(self, graph: str) -> bool:
        """Whether the named graph ``graph`` has triples."""
        return self.run(f"ASK {{ GRAPH <{iri(graph)}> {{ ?s ?p ?o }} }}", checked=True).boolean

    def count(self, graph: str | None = None, *, timeout: float | None = None) -> int:
        """Triples in ``graph``, or quads in the whole store (``None``)."""
        if graph is not None:
            text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri(graph)}> {{ ?s ?p ?o }} }}"
            return first_int(self.run(text, checked=True, timeout=timeout))
        per_graph = self.run("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                             "GROUP BY ?g", checked=True, timeout=timeout)
        hidden = self.dialect.hidden_graphs()
        named = sum(int(row["n"]["value"]) for row in per_graph.bindings
                    if row.get("g", {}).get("value") not in hidden)
        return named + self.count_default(timeout=timeout)

    def count_default(self, *, timeout: float | None = None) -> int:
        """Triples in the default graph alone."""
        return first_int(self.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", union=False,
                             checked=True, timeout=timeout))

    def __len__(self) -> int:
        return self.count()

    def graph_triples(self, graph: str | None, *, timeout: float | None = None
                      ) -> list[ox.Triple]:
        """Every triple of ``graph`` (``None``: the default graph), whole.

        Read with one Graph Store GET; when the store cuts it at its cap, read again in
        keyset pages of subjects below the cap (each page is a range of ``STR(?s)``, so
        no ``OFFSET`` past the cap is ever asked for).

        :raises StoreError: ``graph`` does not exist (Graph Store 404).
        """
        from kg.store.paging import keyset_triples

        timeout = timeout or max(self.settings.query_timeout, 60.0)
        reply = self.client.request("GET", self._gsp_url(), params=self.dialect.graph_params(
            graph), headers={"Accept": N_TRIPLES}, timeout=timeout,
            authenticate=self.location.credentials is not None)
        if reply.status == 404:
            raise StoreError(f"no graph <{graph}> in the store")
        self.dialect.check_reply(reply, what="graph store")
        triples = self._parse(reply.body, reply.content_type or N_TRIPLES).triples
        self._learn_cap()
        if self.dialect.max_rows is not None and len(triples) >= self.dialect.max_rows:
            return keyset_triples(self, graph, timeout=timeout)
        return triples

    def _gsp_url(self) -> str:
        url = self.dialect.graph_store_url
        if url is None:
            raise StoreError("this remote store has no Graph Store endpoint: set "
                             "store_graph_store")
        return url

    def check_lossless(self, triples: Iterable[ox.Triple]) -> None:
        """Refuse literals the store would give back changed (unless
        ``store_lossy_literals``)."""
        if self.settings.store_lossy_literals:
            return
        reason = self.dialect.lossy_reason
        for t in triples:
            o = t.object
            if isinstance(o, ox.Literal) and not o.language:
                why = reason(o.datatype.value, o.value)
                if why:
                    raise QueryError(
                        f"{o} cannot be stored unchanged: {why}; nothing was written "
                        "(set store_lossy_literals to store such values anyway)")

    def write_graph(self, graph: str | None, triples: Sequence[ox.Triple], *,
                    replace: bool, timeout: float | None = None) -> None:
        """Graph Store PUT (``replace``) or POST of ``triples`` into ``graph``, in uploads
        of ``store_upload_triples``.

        A replacement of more than one upload is not atomic on the store; callers that
        need the count checked use :func:`kg.load` (which verifies it).
        """
        self.check_lossless(triples)
        size = max(1, self.settings.store_upload_triples)
        timeout = timeout or self.settings.update_timeout
        chunks = [triples[i:i + size] for i in range(0, len(triples), size)] or [[]]
        for index, chunk in enumerate(chunks):
            method = "PUT" if replace and index == 0 else "POST"
            body = ox.serialize(list(chunk), format=ox.RdfFormat.N_TRIPLES)
            reply = self.client.request(
                method, self._gsp_url(), params=self.dialect.graph_params(graph), data=body,
                headers={"Content-Type": N_TRIPLES}, timeout=timeout, write=True,
                authenticate=True)
            self.dialect.check_reply(reply, what="graph store")

    def delete_graph(self, graph: str | None, *, timeout: float | None = None) -> bool:
        """Graph Store DELETE; ``False`` when there was no such graph."""
        reply = self.client.request("DELETE", self._gsp_url(),
                                    params=self.dialect.graph_params(graph),
                                    timeout=timeout or self.settings.update_timeout,
                                    write=True, authenticate=True)
        if reply.status == 404:
            return False
        self.dialect.check_reply(reply, what="graph store")
        return True

    # -- loading and export (the build, ``pasb-kg load``, ``export``) -----------------------
    def load_quads(self, quads: Sequence[ox.Quad]) -> None:
        """Add parsed quads, graph by graph (Graph Store POSTs)."""
        by_graph: dict[str | None, list[ox.Triple]] = {}
        for q in quads:
            name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else None
            by_graph.setdefault(name, []).append(q.triple)
        for graph, triples in by_graph.items():
            self.write_graph(graph, triples, replace=False)

    def clear(self) -> None:
        """Remove every graph this store shows (never the store's own system graphs)."""
        for graph in self.graphs():
            self.delete_graph(graph)
        self.delete_graph(None)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad: each named graph, then the default graph."""
        for graph in self.graphs():
            name = ox.NamedNode(graph)
            for t in self.graph_triples(graph):
                yield ox.Quad(t.subject, t.predicate, t.object, name)
        try:
            default = self.graph_triples(None)
        except StoreError:
            default = []
        for t in default:
            yield ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())

    def dump(self, format: ox.RdfFormat, *, graph: str | None = None) -> bytes:
        """Serialise the store (a dataset format) or one graph (a triple format)."""
        if graph is not None:
            return ox.serialize(self.graph_triples(graph), format=format)
        quads = list(self.quads())
        if format.supports_datasets:
            return ox.serialize(quads, format=format)
        return ox.serialize(sorted({q.triple for q in quads}, key=str), format=format)

    def flush(self) -> None:
        """Nothing to do: the remote store commits each request."""


__all__ = ["Answer", "SparqlStore", "check_syntax", "masked_text", "with_prologue"]
