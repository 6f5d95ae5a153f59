"""Burt's measures against hand computations and python-igraph's constraint."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from kg.network.structural_holes import hierarchy, structural_holes, structural_holes_notes
from kg.settings import Settings


def test_triangle_by_hand() -> None:
    # p_ij = 1/2; c_ij = (1/2 + 1/2 * 1/2)^2 = 9/16; C = 2 * 9/16.
    sh = structural_holes(nx.complete_graph(3), weight=None)
    assert sh[0]["constraint"] == pytest.approx(9 / 8)
    # Effective size n - 2t/n = 2 - 2*1/2 = 1 (Borgatti 1997); efficiency 1/2.
    assert sh[0]["effective_size"] == pytest.approx(1.0)
    assert sh[0]["efficiency"] == pytest.approx(0.5)
    assert sh[0]["hierarchy"] == pytest.approx(0.0)


def test_star_centre_by_hand() -> None:
    sh = structural_holes(nx.star_graph(4), weight=None)
    assert sh[0]["constraint"] == pytest.approx(4 * (1 / 4) ** 2)
    assert sh[0]["effective_size"] == pytest.approx(4.0)
    assert sh[0]["efficiency"] == pytest.approx(1.0)
    assert sh[1]["constraint"] == pytest.approx(1.0)
    assert sh[1]["hierarchy"] is None  # one contact: hierarchy undefined


def test_hierarchy_by_hand() -> None:
    # Ego 0 with contacts 1, 2 (tied to each other) and 3 (isolated from them).
    G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 2)])
    # c_01 = c_02 = (1/3 + 1/3 * 1/2)^2 = 1/4; c_03 = (1/3)^2 = 1/9; C = 11/18; N = 3.
    r12, r3 = (1 / 4) / (11 / 54), (1 / 9) / (11 / 54)
    expected = (2 * r12 * math.log(r12) + r3 * math.log(r3)) / (3 * math.log(3))
    assert hierarchy(G, weight=None)[0] == pytest.approx(expected)
    assert structural_holes(G, weight=None)[0]["constraint"] == pytest.approx(11 / 18)


def test_constraint_agrees_with_igraph() -> None:
    igraph = pytest.importorskip("igraph")
    G = nx.karate_club_graph()
    nodes = list(G)
    ig = igraph.Graph(n=len(nodes), edges=[(nodes.index(u), nodes.index(v)) for u, v in G.edges()])
    ig.es["weight"] = [G[u][v]["weight"] for u, v in G.edges()]
    theirs = ig.constraint(weights="weight")
    ours = structural_holes(G, weight="weight")
    for i, node in enumerate(nodes):
        assert ours[node]["constraint"] == pytest.approx(theirs[i])


def test_multigraph_is_refused() -> None:
    with pytest.raises(nx.NetworkXNotImplemented):
        structural_holes(nx.MultiGraph([(0, 1), (0, 1)]))


def test_cached_local_constraint_equals_networkx() -> None:
    from kg.network.structural_holes import _local_constraint, _proportions

    G = nx.karate_club_graph()
    p = _proportions(G, "weight")
    for u, v in G.edges():
        assert _local_constraint(G, p, u, v) == pytest.approx(
            nx.local_constraint(G, u, v, weight="weight"))


def test_every_measure_left_out_above_constraint_limit() -> None:
    G = nx.complete_graph(6)
    settings = Settings(constraint_limit=10)
    holes = structural_holes(G, settings=settings)
    assert all(v is None for row in holes.values() for v in row.values())
    assert any("constraint_limit = 10" in n for n in structural_holes_notes(G, settings))
    assert structural_holes(G)[0]["constraint"] is not None
