"""Scopes: which kinds of statement a query or an analysis reads.

The shipped data keeps what the paper states, the modeller's interpretations and outside
context in graphs of their own kinds (:mod:`kg.kinds`). A :class:`Scope` picks graphs by
kind, and :func:`scoped` gives a :class:`~kg.store.Store` whose default graph is the union
of just those graphs, so that any code written against a store — the network extraction,
the named queries — answers from "only what the paper states" without changing a query.

>>> Scope.PAPER.kinds == {Kind.PAPER, Kind.ONTOLOGY}
True
>>> Scope.parse("paper") is Scope.PAPER
True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from enum import Enum

from rdflib import Graph
from rdflib.term import Node

from kg.kinds import Kind
from kg.named_queries import load_query
from kg.store import Row, Store, ValueRow, select_values


class Scope(Enum):
    """The kinds of statement read: everything, only what the paper states (with the
    ontology, which defines its terms), or the paper with the modeller's interpretations."""

    ALL = "all"
    PAPER = "paper"
    PAPER_AND_INTERPRETATION = "paper+interpretation"

    @property
    def kinds(self) -> set[Kind] | None:
        """The kinds of graph in scope (``None``: every graph, whatever its kind)."""
        return {Scope.ALL: None,
                Scope.PAPER: {Kind.PAPER, Kind.ONTOLOGY},
                Scope.PAPER_AND_INTERPRETATION: {Kind.PAPER, Kind.INTERPRETATION,
                                                 Kind.ONTOLOGY}}[self]

    @classmethod
    def parse(cls, text: str) -> Scope:
        """A scope from its name.

        :raises ValueError: naming the scopes there are.
        """
        try:
            return cls(text.strip().lower().replace(" ", "+"))
        except ValueError:
            known = ", ".join(s.value for s in cls)
            raise ValueError(f"scope={text!r} is not a scope (known: {known})") from None


def _kind(row: Mapping[str, Node]) -> Kind | None:
    """The kind a row of ``graphs`` names, by its notation or else by its IRI (the
    notation is in the ontology's graph, which a store without a union default graph
    does not read as the default graph)."""
    value = row.get("kindNotation") or row.get("kind")
    try:
        return Kind.parse(str(value)) if value is not None else None
    except ValueError:  # a kind of statement this code does not know: in no scope
        return None


def graphs_in(rows: Sequence[Mapping[str, Node]], kinds: set[Kind]) -> list[str]:
    """The IRIs of the graphs among ``rows`` (of the named query ``graphs``) that declare
    one of ``kinds``."""
    return sorted({str(r["graph"]) for r in rows if _kind(r) in kinds})


def graphs_of(store: Store, kinds: set[Kind]) -> list[str]:
    """The IRIs of the store's named graphs that declare one of ``kinds`` (named query
    ``graphs``)."""
    return graphs_in(store.select(load_query("graphs").text), kinds)


def narrower_scopes(rows: Sequence[Mapping[str, Node]]) -> dict[Scope, list[str]]:
    """The graphs of every scope narrower than :attr:`Scope.ALL` that has some statements
    besides the ontology, from ``rows`` of the named query ``graphs``.

    >>> from rdflib import Literal, URIRef
    >>> kind = "https://w3id.org/pasb/resource/statement-kind-"
    >>> rows = [{"graph": URIRef("urn:p"), "kind": URIRef(kind + "paper")},
    ...         {"graph": URIRef("urn:o"), "kindNotation": Literal("ontology")}]
    >>> {s.value: g for s, g in narrower_scopes(rows).items()}
    {'paper': ['urn:o', 'urn:p'], 'paper+interpretation': ['urn:o', 'urn:p']}
    >>> narrower_scopes(rows[1:])
    {}
    """
    found = {}
    for scope in Scope:
        if scope.kinds is None:
            continue
        if any(_kind(r) in scope.kinds - {Kind.ONTOLOGY} for r in rows):
            found[scope] = graphs_in(rows, scope.kinds)
    return found


class ScopedStore:
    """A store whose default graph is the union of ``graphs`` only.

    :param store: a store whose ``select``, ``select_values``, ``ask`` and ``construct``
        take ``default_graph`` (:class:`~kg.store.OxigraphStore`).
    """

    def __init__(self, store: Store, graphs: Sequence[str]) -> None:
        self.store = store
        self.graphs = list(graphs)

    def __repr__(self) -> str:
        return f"ScopedStore({self.store!r}, {len(self.graphs)} graphs)"

    def select(self, sparql: str, *, bindings: Mapping[str, Node] | None = None) -> list[Row]:
        """Run a SELECT query over the graphs in scope."""
        return self.store.select(sparql, bindings=bindings, default_graph=self.graphs)

    def select_values(self, sparql: str, variables: Sequence[str], *,
                      bindings: Mapping[str, Node] | None = None) -> Iterator[ValueRow]:
        """Plain values of a SELECT over the graphs in scope (:func:`kg.store.select_values`)."""
        fast = getattr(self.store, "select_values", None)
        if callable(fast):
            yield from fast(sparql, variables, bindings=bindings, default_graph=self.graphs)
            return
        yield from select_values(self, sparql, variables, bindings=bindings)

    def ask(self, sparql: str, *, bindings: Mapping[str, Node] | None = None) -> bool:
        """Run an ASK query over the graphs in scope."""
        return self.store.ask(sparql, bindings=bindings, default_graph=self.graphs)

    def construct(self, sparql: str, *, bindings: Mapping[str, Node] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query over the graphs in scope."""
        return self.store.construct(sparql, bindings=bindings, default_graph=self.graphs)


def scoped(store: Store, scope: Scope) -> Store:
    """``store`` restricted to the graphs of ``scope`` (``store`` itself for :attr:`Scope.ALL`)."""
    if scope.kinds is None:
        return store
    return ScopedStore(store, graphs_of(store, scope.kinds))
