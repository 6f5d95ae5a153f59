"""Krackhardt–Stern E-I index, by hand and with an exact permutation distribution."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.network.ei_index import ei_index, mixing


@pytest.fixture
def path() -> nx.Graph:
    G = nx.path_graph(["a", "b", "c", "d"])
    nx.set_node_attributes(G, {"a": "x", "b": "x", "c": "y", "d": "y"}, "g")
    return G


def test_levels_by_hand(path: nx.Graph) -> None:
    ei = ei_index(path, "g", permutations=0)
    # a-b internal, b-c external, c-d internal: (1 - 2) / 3.
    assert ei.network == pytest.approx(-1 / 3)
    assert (ei.external, ei.internal) == (1, 2)
    assert ei.groups == {"x": 0.0, "y": 0.0}
    assert ei.nodes == {"a": -1.0, "b": 0.0, "c": 0.0, "d": -1.0}
    # 4 of the 6 pairs cross groups: expected 2 * 4/6 - 1.
    assert ei.expected == pytest.approx(1 / 3)


def test_permutation_test_matches_the_exact_distribution(path: nx.Graph) -> None:
    # The three partitions into two pairs give E-I -1/3, 1/3 and 1, each with chance 1/3.
    ei = ei_index(path, "g", permutations=3000, seed=7)
    assert ei.p_less == pytest.approx(1 / 3, abs=0.03)
    assert ei.p_greater == 1.0
    assert ei.permutation_mean == pytest.approx(1 / 3, abs=0.03)
    assert ei_index(path, "g", permutations=3000, seed=7) == ei


def test_all_external_and_all_internal() -> None:
    G = nx.complete_bipartite_graph(2, 2)
    nx.set_node_attributes(G, {0: "a", 1: "a", 2: "b", 3: "b"}, "g")
    assert ei_index(G, "g", permutations=0).network == 1.0
    H = nx.disjoint_union(nx.complete_graph(3), nx.complete_graph(3))
    nx.set_node_attributes(H, {n: "ab"[n // 3] for n in H}, "g")
    assert ei_index(H, "g", permutations=0).network == -1.0
    assert mixing(H, "g")["assortativity"] == pytest.approx(1.0)
    assert mixing(G, "g")["assortativity"] == pytest.approx(-1.0)
    assert mixing(G, "g")["matrix"] == [[0.0, 0.5], [0.5, 0.0]]
