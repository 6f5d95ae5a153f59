"""Communities, k-cores and the cooperation measures, by hand."""

from __future__ import annotations

import math
from collections import Counter

import networkx as nx
import pytest

from kg.network.communities import core_numbers, louvain
from kg.network.cooperation import (
    diversity,
    mean_overlap,
    multiplexity,
    plurality,
    programme_overlap,
    tripartite_coverage,
)


def test_louvain_is_reproducible_and_finds_two_cliques() -> None:
    G = nx.barbell_graph(5, 0)
    first = louvain(G, seed=1)
    assert first == louvain(G, seed=1)
    assert first.groups == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    assert first.modularity == pytest.approx(nx.community.modularity(G, first.groups))


def test_core_numbers() -> None:
    G = nx.complete_graph(4)
    G.add_edge(3, 4)
    assert core_numbers(G) == {0: 3, 1: 3, 2: 3, 3: 3, 4: 1}


def test_diversity_by_hand() -> None:
    d = diversity(Counter({"a": 2, "b": 1, "c": 1}))
    p = [0.5, 0.25, 0.25]
    assert d["shannon"] == pytest.approx(-sum(x * math.log(x) for x in p))
    assert d["blau"] == pytest.approx(1 - sum(x * x for x in p))
    assert d["evenness"] == pytest.approx(d["shannon"] / math.log(3))


def test_overlap_and_tripartism() -> None:
    B = nx.Graph([("gov", "p"), ("emp", "p"), ("wrk", "p"), ("gov", "q"), ("ngo", "q")])
    types = {"gov": "government-body", "emp": "employers-organisation",
             "wrk": "workers-organisation", "ngo": "ngo"}
    nx.set_node_attributes(B, types, "actor_type")
    nx.set_node_attributes(B, {**dict.fromkeys(types, 0), "p": 1, "q": 1}, "bipartite")
    overlap = programme_overlap(B)
    assert overlap["p"]["q"] == pytest.approx(1 / 4)  # {gov} / {gov, emp, wrk, ngo}
    assert mean_overlap(overlap) == pytest.approx(1 / 4)
    t = tripartite_coverage(B)
    assert t["p"]["tripartite"] and t["p"]["seats"] == 3
    assert not t["q"]["tripartite"] and t["q"]["workers"] == []


def test_plurality_and_multiplexity() -> None:
    G = nx.Graph()
    G.add_node("a", kind="actor", actor_type="international-organisation", is_state=False)
    G.add_node("b", kind="actor", actor_type="government-body", is_state=True)
    G.add_node("c", kind="actor", actor_type="ngo", is_state=False)
    G.add_edge("a", "b", programmes=("p", "q"))
    G.add_edge("a", "c", programmes=("p",))
    p = plurality(G)
    assert p["non_state_share"] == pytest.approx(2 / 3)
    assert p["type_count"] == 3 and p["blau"] == pytest.approx(2 / 3)
    m = multiplexity(G)
    assert m == {"ties": 2, "multiplex_ties": 1, "multiplex_share": 0.5, "mean": 1.5}
