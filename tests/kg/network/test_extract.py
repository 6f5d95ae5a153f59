"""Extraction of the multiplex network and its views from the mini fixture graph."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from kg.errors import UnknownNameError
from kg.named_queries import load_query, queries_dir
from kg.network import actor_network, cooperation_measures, extract, extract_multiplex, measures
from kg.network.extract import network_years

MINI = Path(__file__).resolve().parents[2] / "data" / "network-mini.ttl"


def r(slug: str) -> str:
    return "https://w3id.org/pasb/resource/" + slug


@pytest.mark.parametrize("name", list(extract.QUERIES))
def test_queries_are_documented(name: str) -> None:
    query = load_query(name)
    assert query.title and query.description
    assert "SELECT" in query.text
    assert all(f"?{variable}" in query.text for variable in extract.QUERIES[name])


def test_every_network_query_is_run() -> None:
    shipped = {path.stem for path in queries_dir().glob("network-*.rq")}
    assert shipped == set(extract.QUERIES)


def test_nodes_and_layers(mini: nx.MultiDiGraph) -> None:
    kinds = Counter(d["kind"] for _, d in mini.nodes(data=True))
    # 12 network actors (the author is left out), 2 programmes, 2 instruments, 2 places.
    assert kinds == {"actor": 12, "programme": 2, "instrument": 2, "place": 2}
    layers = Counter(d["layer"] for _, _, d in mini.edges(data=True))
    # 9 + 7 participations, 2 funders, ILO–C138 + GoI–Law + programme 1–C138, 3 coverages.
    assert layers == {"participation": 16, "funding": 2, "legal": 3, "coverage": 3}
    assert r("gala-panuga-aziz") not in mini
    ilo = mini.nodes[r("ilo")]
    assert ilo["actor_type"] == "international-organisation"
    assert ilo["label_en"] == "International Labour Organization"
    assert ilo["label_id"] == "Organisasi Perburuhan Internasional"
    assert ilo["is_state"] is False
    assert mini.nodes[r("government-of-indonesia")]["is_state"] is True


def test_roles_amounts_and_plain_participants(mini: nx.MultiDiGraph) -> None:
    edges = mini.get_edge_data(r("ilo"), r("programme-education"))
    assert [d["role"] for d in edges.values()] == ["implementing"]
    # Only a direct pasb:hasParticipant triple: a plain participant.
    iyen = mini.get_edge_data(r("indonesia-youth-employment-network"),
                              r("programme-youth-transition"))
    assert [d["role"] for d in iyen.values()] == ["participant"]
    ties = mini.get_edge_data(r("sida"), r("programme-youth-transition"))
    assert sorted(d["layer"] for d in ties.values()) == ["funding", "participation"]
    grant = next(d for d in ties.values() if d["layer"] == "funding")
    assert (grant["amount"], grant["currency"]) == (300.0, "USD")
    assert network_years(mini) == [2010, 2011, 2012, 2013, 2014]


def test_actor_projection_keeps_the_programmes(mini: nx.MultiDiGraph) -> None:
    G = actor_network(mini)
    # Cliques of 9 and 7 sharing 4 actors: 36 + 21 - 6 ties.
    assert (G.number_of_nodes(), G.number_of_edges()) == (12, 51)
    tie = G[r("ilo")][r("apindo")]
    assert tie["weight"] == 2
    assert tie["programmes"] == (r("programme-education"), r("programme-youth-transition"))
    assert not G.is_multigraph()


def test_year_views(mini: nx.MultiDiGraph) -> None:
    # 2010: only programme 1 runs.
    assert actor_network(mini, year=2010).number_of_nodes() == 9
    assert actor_network(mini, year=2012).number_of_edges() == 51
    assert actor_network(mini, year=2014).number_of_nodes() == 9
    with pytest.raises(UnknownNameError, match="year"):
        actor_network(mini, year=1999)


@pytest.mark.parametrize("bad", [{"layer": "friendship"}, {"projection": "tripartite"}])
def test_bad_parameters_name_themselves(mini: nx.MultiDiGraph, bad: dict) -> None:
    with pytest.raises(UnknownNameError, match=next(iter(bad))):
        actor_network(mini, **bad)


def test_affiliation_delegation_and_layers(mini: nx.MultiDiGraph) -> None:
    B = actor_network(mini, projection="affiliation")
    assert nx.is_bipartite(B) and B.number_of_edges() == 16
    D = actor_network(mini, projection="delegation")
    # Donors → ILO → the partners of each programme.
    assert set(D.predecessors(r("ilo"))) == {r("government-of-the-netherlands"), r("sida")}
    assert D.out_degree(r("ilo")) == 9
    legal = actor_network(mini, layer="legal", projection="affiliation")
    assert set(legal.edges()) == {(r("ilo"), r("c138")),
                                  (r("government-of-indonesia"), r("law-23-2002"))}
    coverage = actor_network(mini, layer="coverage", projection="actors")
    assert coverage[r("programme-education")][r("programme-youth-transition")]["weight"] == 1
    assert actor_network(mini, layer="funding", projection="multiplex").number_of_edges() == 2


def test_sources_agree() -> None:
    graph = Graph().parse(MINI)
    a, b = extract_multiplex(graph), extract_multiplex(str(MINI))
    assert nx.utils.edges_equal(a.edges(keys=True, data=True), b.edges(keys=True, data=True))
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))


def test_ilo_mediates_and_brokers(mini: nx.MultiDiGraph) -> None:
    cm = cooperation_measures(mini)
    assert cm["delegation"]["mediation"][r("ilo")] == 1.0
    raw = cm["delegation"]["brokerage"]["raw"]
    assert max(raw, key=lambda n: raw[n]["liaison"]) == r("ilo")
    # Co-participation alone cannot single out the ILO: the four actors in both programmes
    # share the highest betweenness.
    top = max(v["betweenness"] for v in cm["actors"]["nodes"].values())
    assert {n for n, v in cm["actors"]["nodes"].items() if v["betweenness"] == top} == {
        r("ilo"), r("government-of-indonesia"), r("ministry-of-manpower"), r("apindo")}
    assert cm["tripartite"][r("programme-education")]["tripartite"] is True
    assert cm["tripartite"][r("programme-youth-transition")]["tripartite"] is False
    assert cm["mean_overlap"] == pytest.approx(4 / 12)  # 4 shared of 12 participants
    assert cm["plurality"]["non_state_share"] == 0.5


def test_measures_api(mini: nx.MultiDiGraph) -> None:
    m = measures(actor_network(mini), permutations=0)
    assert set(m) == {"graph", "nodes"}
    assert m["graph"]["nodes"] == 12 and m["graph"]["components"] == 1
    assert m["nodes"][r("ilo")]["label"] == "International Labour Organization"
    with pytest.raises(nx.NetworkXNotImplemented):
        measures(actor_network(mini, projection="multiplex"))


# The corner cases of the modelling contract, each once: an untyped programme (only
# pasb:hasParticipant), direct triples with and without a qualified participation, a
# participation with its own period, a funder no grant describes and one a grant repeats,
# a grant with an amount, coverage through a grant, an undated programme in two
# cooperations, links to an author and to a resource that is no actor or programme.
CORNERS = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix pasb: <https://w3id.org/pasb/ontology#> .
@prefix res: <https://w3id.org/pasb/resource/> .
res:a1 org:classification res:actor-type-ngo , res:actor-type-donor ;
    rdfs:label "B"@en , "A"@en , "X"@id-ID ; pasb:basedIn res:zz , res:yy .
res:a2 org:classification res:actor-type-state-government .
res:author org:classification res:actor-type-person .
res:p1 a pasb:CooperationProgramme ; pasb:programmeNumber 7 ;
    schema:startDate "2011-05-01"^^xsd:date ;
    pasb:hasParticipant res:a1 , res:a2 , res:ghost ; pasb:hasParticipation res:pt1 ;
    pasb:coversCountry res:c1 ; schema:funder res:a1 , res:a2 .
res:pt1 pasb:participant res:a1 ; pasb:role res:role-partner ;
    schema:startDate "2012-01-01"^^xsd:date ; schema:endDate "2013-06-30"^^xsd:date .
res:untyped pasb:hasParticipant res:a2 ; pasb:hasParticipation res:pt2 .
res:pt2 pasb:participant res:a2 .
res:undated a pasb:CooperationProgramme ; pasb:hasParticipation res:pt3 .
res:pt3 pasb:participant res:a1 ; pasb:role res:role-implementing .
res:coop-b pasb:hasProgramme res:undated , res:untyped ; dct:temporal res:period-b .
res:coop-a pasb:hasProgramme res:undated ; dct:temporal res:period-a .
res:period-b pasb:startYear "2001"^^xsd:gYear .
res:period-a pasb:startYear "2005"^^xsd:gYear ; pasb:endYear "2007"^^xsd:gYear ;
    rdfs:label "2005 to 2007"@en .
res:g1 pasb:fundsProgramme res:p1 ; schema:funder res:a1 ; schema:amount res:m1 ;
    pasb:sharedWithCountry res:c2 .
res:m1 schema:value "100"^^xsd:decimal ; schema:currency "EUR" .
res:law a pasb:NationalLaw , eli:LegalResource ; rdfs:label "Law"@en ;
    eli:date_document "2002-01-01"^^xsd:date ;
    eli:passed_by res:a2 ; pasb:relatesTo res:author , res:p1 , res:nobody .
"""


@pytest.fixture(scope="module")
def corners() -> nx.MultiDiGraph:
    return extract_multiplex(Graph().parse(data=CORNERS, format="turtle"))


def test_corner_nodes(corners: nx.MultiDiGraph) -> None:
    M = corners
    kinds = {slug: M.nodes[r(slug)]["kind"] for slug in (
        "a1", "a2", "p1", "untyped", "undated", "ghost", "author", "law", "c1", "c2")}
    assert set(kinds.values()) == {"actor", "programme", "instrument", "place"}
    assert [k for k, v in kinds.items() if v == "programme"] == ["p1", "untyped", "undated"]
    assert r("nobody") not in M and r("g1") not in M and r("pt1") not in M
    a1 = M.nodes[r("a1")]
    assert (a1["actor_type"], a1["label"], a1["label_id"], a1["based_in"]) == (
        "donor", "A", "X", r("yy"))
    assert M.nodes[r("author")]["actor_type"] == "unclassified"  # met only as a legal tie
    assert M.nodes[r("p1")]["number"] == 7 and M.nodes[r("p1")]["dates"] == "own"
    # The first cooperation by IRI gives the undated programme its period.
    undated = M.nodes[r("undated")]
    assert (undated["period_of"], undated["start_year"], undated["end_year"],
            undated["period_label"], undated["period_programmes"]) == (
        r("coop-a"), 2005, 2007, "2005 to 2007", 1)
    untyped = M.nodes[r("untyped")]
    assert (untyped["period_of"], untyped["period_programmes"]) == (r("coop-b"), 2)
    assert M.nodes[r("law")]["date"] == "2002-01-01"


def test_corner_ties(corners: nx.MultiDiGraph) -> None:
    M = corners

    def ties(u: str, v: str) -> dict:
        return dict(M.get_edge_data(r(u), r(v)) or {})
    # Qualified, with its own period; the direct triple it qualifies adds nothing.
    assert ties("a1", "p1")["participation:partner"] == {
        "layer": "participation", "role": "partner", "start_year": 2012, "end_year": 2013}
    assert set(ties("a1", "p1")) == {"participation:partner", "funding:" + r("g1")}
    # Direct triples without a qualified participation: plain participants.
    assert ties("ghost", "p1") == {"participation:participant": {
        "layer": "participation", "role": "participant"}}
    assert set(ties("a2", "p1")) == {"participation:participant", "funding:"}
    assert ties("a2", "untyped") == {"participation:participant": {
        "layer": "participation", "role": "participant"}}
    assert ties("a1", "p1")["funding:" + r("g1")] == {
        "layer": "funding", "grant": r("g1"), "amount": 100.0, "currency": "EUR"}
    assert ties("a2", "p1")["funding:"] == {"layer": "funding"}
    assert ties("p1", "c1") == ties("p1", "c2") == {"coverage": {"layer": "coverage"}}
    assert set(M.predecessors(r("law"))) == {r("a2"), r("author"), r("p1")}
    assert ties("a2", "law")["legal:passed_by"] == {
        "layer": "legal", "relation": "passed_by", "inverse": True}
    assert Counter(d["layer"] for _, _, d in M.edges(data=True)) == {
        "participation": 5, "funding": 2, "coverage": 2, "legal": 3}
