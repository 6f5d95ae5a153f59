"""``pasb-kg serve`` with the shipped knowledge graph: built on first run into the store
directory, reused on the next, read-only by default."""

from __future__ import annotations

import pytest
from rdflib import Graph, Namespace, URIRef

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")


@pytest.fixture(scope="module")
def kg_service(tmp_path_factory, service_factory):
    tmp = tmp_path_factory.mktemp("kg")
    service = service_factory(tmp, "--store", str(tmp / "store"))
    yield service
    service.stop()


def test_serves_the_knowledge_graph_read_only(kg_service) -> None:
    response = kg_service.session.get(kg_service.sparql, params={
        "query": "PREFIX res: <https://w3id.org/pasb/resource/> "
                 "SELECT ?label WHERE { res:section-penutup ?p ?label } LIMIT 5"},
        timeout=30)
    assert response.status_code == 200, response.text
    health = kg_service.session.get(kg_service.url + "/healthz", timeout=30).json()
    assert health["writable"] is False and health["triples"] > 100
    update = kg_service.session.post(kg_service.sparql, data={"update": "CLEAR ALL"},
                                     timeout=30)
    assert update.status_code == 403


def test_service_description_counts_the_dataset(kg_service) -> None:
    response = kg_service.session.get(kg_service.sparql, headers={"Accept": "text/turtle"},
                                      timeout=30)
    graph = Graph().parse(data=response.content, format="turtle")
    service = graph.value(None, SD.endpoint, URIRef(kg_service.sparql))
    dataset = graph.value(service, SD.defaultDataset)
    assert graph.value(dataset, VOID.triples).toPython() > 100
    assert graph.value(dataset, VOID.classes).toPython() > 3
    names = {str(n) for n in graph.objects(None, SD.name)}
    assert any(n.startswith("https://w3id.org/pasb/graph/") for n in names)
