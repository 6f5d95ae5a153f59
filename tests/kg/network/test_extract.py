"""Extraction of the multiplex network and its views from the mini fixture graph."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from kg.errors import UnknownNameError
from kg.named_queries import load_query
from kg.network import actor_network, cooperation_measures, extract_multiplex, measures
from kg.network.extract import network_years

MINI = Path(__file__).resolve().parents[2] / "data" / "network-mini.ttl"


def r(slug: str) -> str:
    return "https://w3id.org/pasb/resource/" + slug


@pytest.mark.parametrize("name", ["network-actors", "network-programmes",
                                  "network-participation", "network-funding",
                                  "network-legal", "network-coverage"])
def test_queries_are_documented(name: str) -> None:
    query = load_query(name)
    assert query.title and query.description
    assert "SELECT" in query.text


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
