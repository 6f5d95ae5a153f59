"""Enrichment from the fixture server: facts in their own graph, each with its source."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.linking.enrich import enrich, enrichment_graph
from kg.linking.reconcile import now
from kg.namespaces import PASB

REPO = Path(__file__).resolve().parents[3]
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
P = Namespace("http://www.wikidata.org/prop/")
PS = Namespace("http://www.wikidata.org/prop/statement/")
PQ = Namespace("http://www.wikidata.org/prop/qualifier/")

#: Links a reviewer accepted (fixture QIDs), as the links file would hold them.
ACCEPTED = """
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix res: <https://w3id.org/pasb/resource/> .
@prefix wd: <http://www.wikidata.org/entity/> .
res:c138 owl:sameAs wd:Q900000201 .
res:c182 owl:sameAs wd:Q900000202 .
res:crc owl:sameAs wd:Q900000203 .
res:apindo owl:sameAs wd:Q900000110 .
"""


@pytest.fixture(scope="module")
def enriched(kg_store, wikidata_server, tmp_path_factory):
    import pyoxigraph as ox

    from kg.linking.client import PoliteClient
    from kg.linking.targets import WIKIDATA
    from kg.store import OxigraphStore

    store = OxigraphStore()
    store.load(kg_store.dump(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    store.load(ACCEPTED, format=ox.RdfFormat.TURTLE,
               graph="https://w3id.org/pasb/graph/links-wikidata")
    client = PoliteClient(wikidata_server, agent="pasb-kg-tests (https://w3id.org/pasb)",
                          min_interval=0, cache_dir=tmp_path_factory.mktemp("cache"))
    result = enrich(store, client, WIKIDATA.with_(endpoint=wikidata_server))
    return result, enrichment_graph(result, written=now())


def test_country_facts(enriched) -> None:
    _, graph = enriched
    assert (WD.Q252, WDT.P297, Literal("ID")) in graph
    assert (WD.Q252, WDT.P463, WD.Q54129) in graph
    assert graph.value(WD.Q1036, WDT.P298) == Literal("UGA")
    assert graph.value(WD.Q34, WDT.P1082) is not None


def test_ratifications_by_the_six_states_only(enriched) -> None:
    _, graph = enriched
    states = {graph.value(s, PS.P6193) for s in graph.objects(WD.Q900000201, P.P6193)}
    assert {WD.Q252, WD.Q29999, WD.Q34, WD.Q114, WD.Q750, WD.Q1036} == states
    statement = next(s for s in graph.objects(WD.Q900000201, P.P6193)
                     if graph.value(s, PS.P6193) == WD.Q252)
    assert str(graph.value(statement, PQ.P585)).startswith("1999-06-07")
    assert graph.value(WD.Q900000202, URIRef(WDT + "P7588")) is not None


def test_provinces_riau_islands_not_riau(enriched) -> None:
    _, graph = enriched
    assert graph.value(WD.Q2223, URIRef(WDT + "P300")) == Literal("ID-KR")
    assert (WD.Q2175, None, None) not in graph


def test_every_fact_has_source_and_retrieval(enriched) -> None:
    result, graph = enriched
    statements = set(graph.subjects(RDF.type, PASB.EnrichedStatement))
    assert len(statements) == result.count() > 20
    for node in statements:
        triple = (graph.value(node, RDF.subject), graph.value(node, RDF.predicate),
                  graph.value(node, RDF.object))
        assert triple in graph
        assert not str(triple[0]).startswith("https://w3id.org/pasb/")
        source = graph.value(node, DCTERMS.source)
        assert source == URIRef("https://w3id.org/pasb/resource/ext-wikidata")
        assert (source, RDF.type, PASB.OutsideSource) in graph
        assert str(graph.value(source, URIRef("http://purl.org/ontology/bibo/uri"))) == \
            "https://www.wikidata.org/"
        assert graph.value(graph.value(node, PROV.wasDerivedFrom), PASB.queryText)
    shapes = Graph().parse(REPO / "ontology" / "shapes-linking.ttl")
    ontology = Graph().parse(REPO / "ontology" / "linking.ttl")
    conforms, _, text = validate(graph, shacl_graph=shapes, ont_graph=ontology)
    assert conforms, text


def test_stats_count_per_source(enriched) -> None:
    import pyoxigraph as ox

    from kg.named_queries import load_query, queries_dir
    from kg.store import OxigraphStore

    result, graph = enriched
    store = OxigraphStore()
    store.load(graph.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES,
               graph="https://w3id.org/pasb/graph/enrichment-wikidata")
    rows = store.select(load_query("enrichment-stats", queries_dir() / "linking").text)
    assert [(str(r["source"]), int(r["facts"])) for r in rows] == [
        ("https://www.wikidata.org/", result.count())]


def test_enrichment_graph_is_outside_context_citing_its_source(enriched, kg_store) -> None:
    """The written graph describes itself as outside context and every triple cites the
    dataset it came from (kg.fidelity, the check `pasb-kg validate` runs)."""
    import pyoxigraph as ox

    from kg.fidelity import graph_problems
    from kg.kinds import Kind

    _, graph = enriched
    name = "https://w3id.org/pasb/graph/enrichment-wikidata"
    assert (URIRef(name), PASB.statementKind, Kind.CONTEXT.iri) in graph
    union = Graph().parse(data=kg_store.dump(ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    union += graph
    assert graph_problems(name, graph, union) == []
