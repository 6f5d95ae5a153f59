"""Reads for the linked-data pages, all through the executor (so the query timeout and
worker isolation apply), and the mapping between canonical IRIs and local URLs.

Canonical IRIs are ``<base_iri>resource/<slug>`` and ``<base_iri>ontology#Term`` (setting
``base_iri``); they dereference here as ``/resource/<slug>`` and ``/ontology#Term``.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator, Mapping, Sequence

import pyoxigraph as ox
from flask import request, url_for
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.describe import bind_values, system_query
from kg.errors import QueryError
from kg.labels import LabelIndex, read_labels
from kg.store import Row, ValueRow
from kg.terms import to_rdflib
from service.state import ServiceState, state

SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_~.-]*$")
NTRIPLES = "application/n-triples"
#: Far above any graph this service holds; SELECT limits are for user queries.
SYSTEM_MAX_ROWS = sys.maxsize - 1


def resource_namespace(current: ServiceState | None = None) -> str:
    """``<base_iri>resource/``."""
    return (current or state()).settings.base_iri + "resource/"


def ontology_iri(current: ServiceState | None = None) -> str:
    """``<base_iri>ontology``."""
    return (current or state()).settings.base_iri + "ontology"


def local_url(iri: str) -> str:
    """The local page of a canonical IRI, or the IRI itself when it is not ours."""
    current = state()
    namespace, ontology = resource_namespace(current), ontology_iri(current)
    if iri.startswith(namespace) and SLUG.match(iri[len(namespace):]):
        return url_for("linked_data.resources.resource", name=iri[len(namespace):])
    if iri == ontology or iri.startswith(ontology + "#"):
        return url_for("linked_data.resources.ontology") + iri[len(ontology):]
    return iri


def run_query(text: str, *, graph_type: str | None = None,
              results_type: str | None = None) -> dict:
    """Run a trusted query in a worker and return the reply (``body``, ``media_type``)."""
    return state().read({"op": "query", "text": text, "graph_type": graph_type,
                         "results_type": results_type, "max_rows": SYSTEM_MAX_ROWS,
                         "union": state().settings.union_default_graph,
                         "base_iri": request.url_root})


def construct(text: str) -> Graph:
    """A CONSTRUCT query's result as an rdflib graph."""
    body = run_query(text, graph_type=NTRIPLES)["body"]
    graph = Graph()
    # pyoxigraph's parser is faster than rdflib's; terms are converted one by one.
    for triple in ox.parse(body, format=ox.RdfFormat.N_TRIPLES):
        graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate),
                   to_rdflib(triple.object)))
    return graph


def select(text: str) -> list[dict]:
    """A trusted SELECT query's solutions as dicts of rdflib terms (unbound left out)."""
    from kg.linking.remote_store import term_from_json

    body = run_query(text, results_type="application/sparql-results+json")["body"]
    return [{name: term_from_json(value) for name, value in solution.items()}
            for solution in json.loads(body)["results"]["bindings"]]


def bound(name: str, variable: str, iri: str) -> str:
    """The system query ``name`` with ``variable`` bound to ``iri``."""
    return bind_values(system_query(name), variable, [URIRef(iri)])


def exists(iri: str) -> bool:
    """Whether ``iri`` is the subject of a triple."""
    reply = run_query(bound("resource-exists", "resource", iri),
                      results_type="application/sparql-results+json")
    return bool(json.loads(reply["body"])["boolean"])


class WorkerStore:
    """The :class:`kg.store.Store` protocol over the service's query workers, so library
    code (the search index, the browse pages) reads whatever store the service serves,
    within the query timeout."""

    def __init__(self, current: ServiceState) -> None:
        self.current = current

    def _results(self, sparql: str, bindings: Mapping[str, Node] | None) -> dict:
        if bindings:
            raise QueryError("the service's workers take no bindings; bind with VALUES")
        reply = self.current.read({
            "op": "query", "text": sparql, "max_rows": SYSTEM_MAX_ROWS,
            "results_type": "application/sparql-results+json",
            "union": self.current.settings.union_default_graph})
        return json.loads(reply["body"])

    def select(self, sparql: str, *, bindings: Mapping[str, Node] | None = None) -> list[Row]:
        """Run a SELECT query; one dict of rdflib terms per solution."""
        solutions = ox.parse_query_results(json.dumps(self._results(sparql, bindings)).encode(),
                                           format=ox.QueryResultsFormat.JSON)
        names = [v.value for v in solutions.variables]
        return [{n: to_rdflib(s[n]) for n in names if s[n] is not None} for s in solutions]

    def select_values(self, sparql: str, variables: Sequence[str], *,
                      bindings: Mapping[str, Node] | None = None) -> Iterator[ValueRow]:
        """Run a SELECT query; per solution the plain values of ``variables``."""
        for row in self._results(sparql, bindings)["results"]["bindings"]:
            yield tuple(row[v]["value"] if v in row else None for v in variables)

    def ask(self, sparql: str, *, bindings: Mapping[str, Node] | None = None) -> bool:
        """Run an ASK query."""
        return bool(self._results(sparql, bindings)["boolean"])

    def construct(self, sparql: str, *, bindings: Mapping[str, Node] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query into an rdflib graph."""
        if bindings:
            raise QueryError("the service's workers take no bindings; bind with VALUES")
        return construct(sparql)


def label_index() -> LabelIndex:
    """The label index (:mod:`kg.labels`), computed once per store generation."""
    current = state()
    return current.cached("label-index", lambda: read_labels(WorkerStore(current)))
