"""Centrality and Freeman centralisation against values computed by hand."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.network.centrality import (
    actor_centrality,
    betweenness,
    betweenness_pivots,
    centrality_notes,
    mediation,
    two_mode_centrality,
)
from kg.network.centralization import centralization, freeman_centralization
from kg.settings import Settings


@pytest.mark.parametrize("kind", ["degree", "betweenness", "closeness"])
@pytest.mark.parametrize("n", [3, 5, 10])
def test_star_is_maximally_centralised(kind: str, n: int) -> None:
    # Freeman (1979): the star is the most centralised graph, index 1.
    assert freeman_centralization(nx.star_graph(n - 1), kind) == pytest.approx(1.0)


@pytest.mark.parametrize("kind", ["degree", "betweenness", "closeness"])
def test_complete_and_cycle_graphs_are_not_centralised(kind: str) -> None:
    assert freeman_centralization(nx.complete_graph(6), kind) == pytest.approx(0.0)
    assert freeman_centralization(nx.cycle_graph(6), kind) == pytest.approx(0.0)


def test_path_of_five_by_hand() -> None:
    P = nx.path_graph(5)
    # Degrees 1,2,2,2,1: sum(2 - d) = 2 over (n-1)(n-2) = 12.
    assert freeman_centralization(P, "degree") == pytest.approx(2 / 12)
    # Normalised betweenness 0, 1/2, 2/3, 1/2, 0 (raw 0,3,4,3,0 over 6 pairs):
    # sum(2/3 - b) = 2/3 + 1/6 + 0 + 1/6 + 2/3 = 5/3 over n - 1 = 4.
    assert freeman_centralization(P, "betweenness") == pytest.approx(5 / 12)
    # Closeness 4/10, 4/7, 4/6, 4/7, 4/10; max sum of differences (4·3)/7.
    c = [4 / 10, 4 / 7, 4 / 6, 4 / 7, 4 / 10]
    expected = sum(max(c) - x for x in c) / (4 * 3 / 7)
    assert freeman_centralization(P, "closeness") == pytest.approx(expected)


def test_centralization_of_tiny_graphs_is_zero() -> None:
    assert centralization(nx.path_graph(2)) == {"degree": 0.0, "betweenness": 0.0,
                                                "closeness": 0.0}


def test_weighted_distances_prefer_strong_ties() -> None:
    # a-b-c strong (weight 2 = distance 0.5), a-d-c weak: both paths have two hops, but only
    # the strong one is shortest once weights are distances.
    G = nx.Graph()
    G.add_edge("a", "b", weight=2)
    G.add_edge("b", "c", weight=2)
    G.add_edge("a", "d", weight=1)
    G.add_edge("d", "c", weight=1)
    c = actor_centrality(G)
    assert c["b"]["betweenness"] > 0
    assert c["d"]["betweenness"] == 0
    assert c["a"]["strength"] == 3.0
    assert c["a"]["degree"] == pytest.approx(2 / 3)


def test_sampled_betweenness_is_used_above_the_limit() -> None:
    G = nx.barabasi_albert_graph(300, 2, seed=1)
    exact = betweenness(G)
    sampled = betweenness(G, settings=Settings(betweenness_exact_limit=100,
                                               betweenness_sample=100))
    assert sampled != exact
    assert max(exact, key=exact.get) == max(sampled, key=sampled.get)
    assert sampled == betweenness(G, settings=Settings(betweenness_exact_limit=100,
                                                       betweenness_sample=100))


def test_mediation_from_donors_to_domestic_actors() -> None:
    D = nx.DiGraph([("donor", "io"), ("io", "gov"), ("io", "ngo"), ("donor", "ngo")])
    m = mediation(D, ["donor"], ["gov", "ngo"])
    # donor→gov runs through io; donor→ngo is direct: io is on 1 of 2 paths.
    assert m["io"] == pytest.approx(0.5)
    assert m["gov"] == 0


def test_two_mode_centrality_by_hand() -> None:
    B = nx.Graph([("a", "p"), ("b", "p"), ("b", "q"), ("c", "q")])
    nx.set_node_attributes(B, {"a": 0, "b": 0, "c": 0, "p": 1, "q": 1}, "bipartite")
    c = two_mode_centrality(B)
    # Two-mode degree: actors over the 2 programmes, programmes over the 3 actors.
    assert c["b"]["degree"] == 1.0
    assert c["a"]["degree"] == 0.5
    assert c["p"]["degree"] == pytest.approx(2 / 3)
    assert c["b"]["betweenness"] == max(v["betweenness"] for v in c.values())


def test_distance_centralities_match_networkx() -> None:
    from kg.network.centrality import distance_centralities, with_distance

    G = nx.les_miserables_graph()
    H = with_distance(G)
    closeness, harmonic = distance_centralities(H, distance="distance")
    theirs = nx.closeness_centrality(H, distance="distance")
    n = G.number_of_nodes()
    for node in G:
        assert closeness[node] == pytest.approx(theirs[node])
    theirs_h = nx.harmonic_centrality(H, distance="distance")
    assert harmonic == pytest.approx({k: v / (n - 1) for k, v in theirs_h.items()})


def test_eigenvector_matches_networkx() -> None:
    from kg.network.centrality import eigenvector

    G = nx.karate_club_graph()
    theirs = nx.eigenvector_centrality_numpy(G, weight="weight")
    top = max(theirs.values())
    assert eigenvector(G) == pytest.approx({k: v / top for k, v in theirs.items()})


def test_fewer_pivots_above_betweenness_large_limit() -> None:
    G = nx.complete_graph(8)  # 28 ties
    settings = Settings(betweenness_exact_limit=2, betweenness_sample=6,
                        betweenness_large_limit=20, betweenness_large_sample=3)
    assert betweenness_pivots(G, settings) == 3
    assert betweenness_pivots(G, Settings(betweenness_exact_limit=2, betweenness_sample=6)) == 6
    assert betweenness_pivots(G) is None
    assert any("betweenness_large_limit = 20" in n for n in centrality_notes(G, settings))
