from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import ParseError, QueryError, QuerySyntaxError
from kg.store import OxigraphStore, as_store

DATA = b"""@prefix ex: <http://example.org/> .
ex:a ex:p 1 ; ex:q "x"@id .
ex:b ex:p 2 .
"""


@pytest.fixture
def store() -> OxigraphStore:
    s = OxigraphStore()
    s.load(DATA, format=ox.RdfFormat.TURTLE, graph="http://example.org/g")
    return s


def test_union_default_graph_sees_named_graphs(store: OxigraphStore) -> None:
    rows = store.select("SELECT ?s WHERE { ?s <http://example.org/p> ?o } ORDER BY ?s")
    assert [str(r["s"]) for r in rows] == ["http://example.org/a", "http://example.org/b"]
    plain = OxigraphStore(union_default_graph=False)
    plain.load(DATA, format=ox.RdfFormat.TURTLE, graph="http://example.org/g")
    assert plain.select("SELECT * WHERE { ?s ?p ?o }") == []


def test_bindings_are_substituted_not_pasted(store: OxigraphStore) -> None:
    rows = store.select("SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o }",
                        bindings={"s": URIRef("http://example.org/b")})
    assert rows == [{"s": URIRef("http://example.org/b"), "o": Literal(2)}]


def test_binding_an_unprojected_variable_is_a_query_error(store: OxigraphStore) -> None:
    with pytest.raises(QueryError, match="project"):
        store.select("SELECT ?o WHERE { ?s ?p ?o }", bindings={"s": URIRef("http://e/x")})


def test_language_tags_survive(store: OxigraphStore) -> None:
    row = store.select("SELECT ?o WHERE { ?s <http://example.org/q> ?o }")[0]
    assert row["o"] == Literal("x", lang="id")


def test_syntax_error_has_position(store: OxigraphStore) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        store.select("SELECT * WHERE {\n  ?s ?p }")
    assert info.value.line == 2 and info.value.column is not None


def test_load_error_names_file_line_column() -> None:
    s = OxigraphStore()
    with pytest.raises(ParseError) as info:
        s.load(b"<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> .\n",
               format=ox.RdfFormat.TURTLE, source="bad.ttl")
    assert info.value.file == "bad.ttl" and info.value.line == 2
    assert len(s) == 0, "a failed load must leave the store unchanged"


def test_construct_and_ask(store: OxigraphStore) -> None:
    g = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert len(g) == 3
    assert store.ask("ASK { <http://example.org/a> ?p 1 }")


def test_as_store_accepts_rdflib_graph() -> None:
    g = Graph().parse(data=DATA, format="turtle")
    assert len(as_store(g).select("SELECT * WHERE { ?s ?p ?o }")) == 3
