"""Gould–Fernandez brokerage: counts by hand, moments as R's sna::brokerage computes them."""

from __future__ import annotations

import math
import random
from dataclasses import asdict

import networkx as nx
import pytest

from kg.network.brokerage import brokerage
from kg.settings import Settings


def _graph(edges, groups) -> nx.DiGraph:
    D = nx.DiGraph(edges)
    nx.set_node_attributes(D, groups, "group")
    return D


def test_each_role_on_its_textbook_triad() -> None:
    # Gould & Fernandez (1989), fig. 1: the broker is the middle node of i → j → k.
    cases = {
        "coordinator": ("A", "A", "A"),
        "itinerant": ("A", "B", "A"),
        "representative": ("A", "A", "B"),
        "gatekeeper": ("A", "B", "B"),
        "liaison": ("A", "B", "C"),
    }
    for role, (gi, gj, gk) in cases.items():
        b = brokerage(_graph([("i", "j"), ("j", "k")], {"i": gi, "j": gj, "k": gk}), "group")
        assert b.raw["j"][role] == 1, role
        assert b.raw["j"]["total"] == 1
        assert sum(b.raw["i"].values()) == 0


def test_closed_triad_is_no_brokerage() -> None:
    b = brokerage(_graph([("i", "j"), ("j", "k"), ("i", "k")], dict.fromkeys("ijk", "A")),
                  "group")
    assert b.raw["j"]["total"] == 0


def test_donor_io_ministries_by_hand() -> None:
    # donor → io → g1, io → g2: io is a liaison twice. N = 4, m = 3, d = 3/12.
    D = _graph([("donor", "io"), ("io", "g1"), ("io", "g2")],
               {"donor": "donor", "io": "io", "g1": "gov", "g2": "gov"})
    b = brokerage(D, "group")
    assert b.raw["io"]["liaison"] == 2
    d = 0.25
    a = d * d * (1 - d)
    # sna, liaison for a broker of group io (n_i = 1), other groups of sizes 1 and 2:
    # E = a * ((1 + 2)^2 - (1^2 + 2^2)) = 4a;
    # Var = E(1 - a) + 4 * [1 * C(4-1-1, 2) + 2 * C(4-2-1, 2)] * d^3 (1-d)^3.
    expected = 4 * a
    var = expected * (1 - a) + 4 * (1 * 1 + 2 * 0) * d**3 * (1 - d) ** 3
    assert b.expected["io"]["liaison"] == pytest.approx(expected)
    assert b.sd["io"]["liaison"] == pytest.approx(math.sqrt(var))
    assert b.z["io"]["liaison"] == pytest.approx((2 - expected) / math.sqrt(var))
    # Total for any broker: a (N-1)(N-2) = 6a.
    assert b.expected["g1"]["total"] == pytest.approx(6 * a)
    # Network level: the liaison total expected is a * sum_{x≠y} x y (N - x - y).
    sizes = [1, 1, 2]
    e5 = a * sum(x * y * (4 - x - y) for i, x in enumerate(sizes)
                 for j, y in enumerate(sizes) if i != j)
    assert b.network["liaison"]["raw"] == 2
    assert b.network["liaison"]["expected"] == pytest.approx(e5)
    assert b.network["total"]["expected"] == pytest.approx(a * 4 * 3 * 2)


def test_group_moments_match_sna_formulas() -> None:
    D = nx.gnp_random_graph(12, 0.3, seed=5, directed=True)
    groups = {n: "abc"[n % 3] for n in D}
    nx.set_node_attributes(D, groups, "group")
    b = brokerage(D, "group")
    N, m = 12.0, D.number_of_edges()
    d = m / (N * (N - 1))
    a = d * d * (1 - d)
    n_i = 4.0  # every group has 4 members
    assert b.groups["a"]["coordinator"]["expected"] == pytest.approx(a * (n_i - 1) * (n_i - 2))
    assert b.groups["a"]["itinerant"]["expected"] == pytest.approx(a * 2 * n_i * (n_i - 1))
    assert b.groups["a"]["representative"]["expected"] == pytest.approx(a * (N - n_i) * (n_i - 1))
    # The five roles partition the open two-paths.
    for node in D:
        assert b.raw[node]["total"] == sum(v for k, v in b.raw[node].items() if k != "total")
    # The role expectations sum to the total expectation, at node and network level.
    roles = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
    assert sum(b.expected[0][r] for r in roles) == pytest.approx(b.expected[0]["total"])
    assert sum(b.network[r]["expected"] for r in roles) == pytest.approx(
        b.network["total"]["expected"])


def test_undirected_ties_count_both_ways() -> None:
    G = nx.path_graph(3)
    nx.set_node_attributes(G, {0: "x", 1: "y", 2: "z"}, "group")
    b = brokerage(G, "group")
    # 0 → 1 → 2 and 2 → 1 → 0.
    assert b.raw[1]["liaison"] == 2


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_undirected_counts_from_triangles_match_two_paths(seed: int) -> None:
    # Above network_igraph_limit an undirected graph is counted from igraph's triangles.
    G = nx.gnp_random_graph(120, 0.1, seed=seed)
    rng = random.Random(seed)
    nx.set_node_attributes(G, {v: rng.choice("abcd") for v in G}, "group")
    G.add_edge(3, 3)
    G.add_node("isolate", group="e")
    by_paths = brokerage(G, "group", settings=Settings(network_igraph_limit=10**9))
    by_triangles = brokerage(G, "group", settings=Settings(network_igraph_limit=0))
    assert asdict(by_triangles) == asdict(by_paths)


def test_closed_pairs_the_same_in_small_row_blocks() -> None:
    from scipy import sparse

    from kg.network.brokerage import _closed_pairs

    A = sparse.csr_matrix(nx.to_scipy_sparse_array(nx.gnp_random_graph(60, 0.2, seed=5)))
    onehot = sparse.csr_matrix(([1.0] * 60, (range(60), [v % 3 for v in range(60)])),
                               shape=(60, 3))
    assert (_closed_pairs(A, onehot, budget=1) == _closed_pairs(A, onehot)).all()
