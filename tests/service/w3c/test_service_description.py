"""The three W3C Service Description tests (``service-description/manifest.ttl``) against
the live endpoint. The manifest names the tests without requests; the checks follow the
conformance criteria of SPARQL 1.1 Service Description §4 as the W3C validator
(sdvalidator) implements them, plus its best-practice checks."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from w3c_manifest import RDF_PARSERS, entry_names, media_type, require_suite

pytestmark = pytest.mark.w3c
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
MANIFEST = ("service-description", "manifest.ttl")
RDF_ACCEPT = ["text/turtle", "application/rdf+xml", "application/ld+json",
              "application/n-triples", "text/turtle;q=0.9, application/rdf+xml;q=0.8"]


def fetch(service, accept: str) -> Graph:
    response = service.session.get(service.sparql, headers={"Accept": accept}, timeout=30)
    assert response.status_code == 200, response.text
    kind = media_type(response)
    assert kind in RDF_PARSERS, kind
    return Graph().parse(data=response.content, format=RDF_PARSERS[kind])


def returns_rdf(service) -> None:
    for accept in RDF_ACCEPT:
        assert len(fetch(service, accept)) > 0, accept


def has_endpoint_triple(service) -> None:
    graph = fetch(service, "text/turtle")
    assert (None, SD.endpoint, URIRef(service.sparql)) in graph
    for service_node in graph.subjects(SD.endpoint, URIRef(service.sparql)):
        assert (service_node, RDF.type, SD.Service) in graph


def conforms_to_schema(service) -> None:
    graph = fetch(service, "text/turtle")
    named = list(graph.subjects(RDF.type, SD.NamedGraph))
    assert all(graph.value(n, SD.name) is not None for n in named)
    # best practice: typed services, datasets and graphs; a recognised language
    for s in graph.subjects(SD.endpoint, None):
        assert (s, RDF.type, SD.Service) in graph
    for d in [*graph.objects(None, SD.defaultDataset), *graph.subjects(SD.defaultGraph, None)]:
        assert (d, RDF.type, SD.Dataset) in graph
        assert graph.value(d, SD.defaultGraph) or graph.value(d, SD.namedGraph)
    for g in [*graph.objects(None, SD.defaultGraph), *graph.objects(None, SD.graph)]:
        assert (g, RDF.type, SD.Graph) in graph
    assert set(graph.objects(None, SD.supportedLanguage)) & {
        SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update}


CHECKS = {"returns-rdf": returns_rdf, "has-endpoint-triple": has_endpoint_triple,
          "conforms-to-schema": conforms_to_schema}


@pytest.mark.parametrize("name", entry_names(*MANIFEST))
def test_service_description(name: str, writable_service) -> None:
    require_suite(*MANIFEST)
    writable_service.update("DROP ALL ; INSERT DATA { GRAPH <http://example.org/g> "
                            "{ <http://example.org/s> <http://example.org/p> 1 } }")
    assert name in CHECKS, f"no check implemented for manifest entry {name}"
    CHECKS[name](writable_service)
