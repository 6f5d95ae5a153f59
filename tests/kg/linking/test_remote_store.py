"""RemoteStore: the Store protocol over HTTP, usable as the network analysis' source."""

from __future__ import annotations

import urllib.request

import pytest
from rdflib import Literal, URIRef

from kg.linking.remote_store import RemoteStore
from kg.named_queries import load_query
from kg.sources import data_sources
from kg.store import Store


@pytest.fixture(scope="module")
def remote(wikidata_server: str) -> RemoteStore:
    """The fixture server, with the shipped knowledge graph added in named graphs."""
    base = wikidata_server.removesuffix("/query")
    for source in data_sources():
        request = urllib.request.Request(f"{base}/store?graph={source.graph}",
                                         data=source.read(),
                                         headers={"Content-Type": "text/turtle"}, method="PUT")
        urllib.request.urlopen(request, timeout=10).read()
    from kg.linking.client import PoliteClient

    return RemoteStore(wikidata_server, client=PoliteClient(
        wikidata_server, agent="pasb-kg-tests (https://w3id.org/pasb)", min_interval=0))


def test_is_a_store(remote) -> None:
    assert isinstance(remote, Store)


def test_select_with_bindings(remote) -> None:
    rows = remote.select("SELECT ?label WHERE { ?item "
                         "<http://www.w3.org/2000/01/rdf-schema#label> ?label "
                         "FILTER(LANG(?label) = 'en') }",
                         bindings={"item": URIRef("http://www.wikidata.org/entity/Q2223")})
    assert [r["label"] for r in rows] == [Literal("Riau Islands", lang="en")]


def test_ask_and_construct(remote) -> None:
    assert remote.ask("ASK { <http://www.wikidata.org/entity/Q252> ?p ?o }")
    graph = remote.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                             bindings={"s": URIRef("http://www.wikidata.org/entity/Q5095")})
    assert len(graph) > 3


def test_network_query_gives_the_same_rows_remotely(remote, kg_store) -> None:
    text = load_query("network-actors").text

    def key(rows):
        return sorted(tuple(sorted((k, str(v)) for k, v in r.items())) for r in rows)
    assert key(remote.select(text)) == key(kg_store.select(text))
