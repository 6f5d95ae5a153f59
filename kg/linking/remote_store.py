"""A :class:`~kg.store.Store` over a remote SPARQL 1.1 endpoint, through the polite client.

Lets the network analysis (or anything written against :class:`~kg.store.Store`) read
from Fuseki, Virtuoso, GraphDB, QLever, Wikidata … instead of the embedded store.
Bindings are sent as an inline ``VALUES`` block (the remote cannot substitute them).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, RemoteError
from kg.linking.client import PoliteClient
from kg.linking.sparqltext import inline_values
from kg.settings import Settings
from kg.store import Row


def term_from_json(value: Mapping[str, Any]) -> Node:
    """An rdflib term from one SPARQL JSON results binding."""
    kind, text = value.get("type"), value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):  # typed-literal: older Virtuoso
        if "xml:lang" in value:
            return Literal(text, lang=value["xml:lang"])
        if "datatype" in value:
            return Literal(text, datatype=URIRef(value["datatype"]))
        return Literal(text)
    raise RemoteError(f"unknown term type {kind!r} in SPARQL JSON results")


def _bound(sparql: str, bindings: Mapping[str, Node] | None) -> str:
    if not bindings:
        return sparql
    names = sorted(bindings)
    return inline_values(sparql, names, [dict(bindings)])


class RemoteStore:
    """A remote SPARQL endpoint as a :class:`~kg.store.Store` (read only).

    :param endpoint: the endpoint URL.
    :param client: the client to ask through (default: one made from ``settings``).
    :param settings: settings for a default client (User-Agent, cache, timeouts).
    :param cache: keep answers in the on-disk cache (off by default: a store is live data).
    """

    def __init__(self, endpoint: str, *, client: PoliteClient | None = None,
                 settings: Settings | None = None, cache: bool = False) -> None:
        if client is None:
            settings = settings or Settings.from_env()
            client = PoliteClient.from_settings(
                endpoint, settings, **({} if cache else {"cache_dir": None}))
        self.endpoint = endpoint
        self.client = client

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint!r})"

    def select(self, sparql: str, *, bindings: Mapping[str, Node] | None = None) -> list[Row]:
        """Run a SELECT query; one dict per solution with rdflib terms."""
        data = self.client.results(_bound(sparql, bindings)).json()
        if "results" not in data:
            raise QueryError("not a SELECT query")
        return [{name: term_from_json(value) for name, value in solution.items()}
                for solution in data["results"]["bindings"]]

    def ask(self, sparql: str, *, bindings: Mapping[str, Node] | None = None) -> bool:
        """Run an ASK query."""
        data = self.client.results(_bound(sparql, bindings)).json()
        if "boolean" not in data:
            raise QueryError("not an ASK query")
        return bool(data["boolean"])

    def construct(self, sparql: str, *, bindings: Mapping[str, Node] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query into an rdflib graph."""
        return self.client.graph(_bound(sparql, bindings)).graph()
