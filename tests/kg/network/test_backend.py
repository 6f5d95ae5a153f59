"""The igraph backend agrees with networkx on mid-size graphs."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from kg.network import (
    backend,
    measures,  # the public name (kg.network is lazy, PEP 562)
)
from kg.network.centrality import actor_centrality, mediation, two_mode_centrality
from kg.network.communities import core_numbers
from kg.network.extract import actor_network
from kg.network.structural_holes import structural_holes
from kg.network.synthetic import synthetic_store
from kg.settings import Settings

NETWORKX = Settings(network_igraph_limit=10**9)
IGRAPH = Settings(network_igraph_limit=0)


@pytest.fixture(scope="module")
def G() -> nx.Graph:  # noqa: N802 - graphs are G, as in networkx
    """A 400-actor projection of the synthetic generator, plus an isolate."""
    G = actor_network(synthetic_store(n_actors=400, n_programmes=60, n_ties=600, seed=7))
    G.add_node("isolate", actor_type="ngo")
    return G


def close(a: dict, b: dict, tol: float = 1e-9) -> bool:
    return a.keys() == b.keys() and all(
        (a[n] is None and b[n] is None) or abs(a[n] - b[n]) <= tol for n in a)


@pytest.mark.parametrize("exact_limit", [10**9, 100])  # exact, and 50 sampled pivots
def test_centralities_agree(G: nx.Graph, exact_limit: int) -> None:
    limits = {"betweenness_exact_limit": exact_limit, "betweenness_sample": 50}
    a = actor_centrality(G, settings=NETWORKX.with_(**limits))
    b = actor_centrality(G, settings=IGRAPH.with_(**limits))
    # Distances are 1 / weight: igraph counts paths whose float lengths differ by rounding
    # (1/3 + 1/6 against 1/2) as equally short, networkx compares the sums exactly, so a
    # few shortest-path counts, and hence betweenness, differ slightly.
    for name, tol in (("betweenness", 1e-3), ("closeness", 1e-9), ("harmonic", 1e-9)):
        assert close({n: a[n][name] for n in G}, {n: b[n][name] for n in G}, tol), name


def test_sampled_closeness_estimates(G: nx.Graph) -> None:
    exact = actor_centrality(G, settings=IGRAPH)
    sampled = actor_centrality(G, settings=IGRAPH.with_(closeness_exact_limit=100,
                                                        closeness_sample=200))
    errors = [abs(exact[n]["harmonic"] - sampled[n]["harmonic"]) for n in G]
    assert sum(errors) / len(errors) < 0.05


def test_constraint_and_cores_agree(G: nx.Graph) -> None:
    a, b = structural_holes(G, settings=NETWORKX), structural_holes(G, settings=IGRAPH)
    assert close({n: a[n]["constraint"] for n in G}, {n: b[n]["constraint"] for n in G})
    assert core_numbers(G, settings=NETWORKX) == core_numbers(G, settings=IGRAPH)


def test_two_mode_agrees() -> None:
    B = actor_network(synthetic_store(n_actors=300, n_programmes=40, n_ties=400, seed=3),
                      projection="affiliation")
    a = two_mode_centrality(B, settings=NETWORKX)
    b = two_mode_centrality(B, settings=IGRAPH)
    for name in ("betweenness", "closeness"):
        assert close({n: a[n][name] for n in B}, {n: b[n][name] for n in B}), name


def test_mediation_agrees() -> None:
    D = nx.gnm_random_graph(300, 1200, seed=2, directed=True)
    sources, targets = list(range(10)), list(range(50, 150))
    assert close(mediation(D, sources, targets, settings=NETWORKX),
                 mediation(D, sources, targets, settings=IGRAPH))


def test_pivots_are_networkx_pivots() -> None:
    G = nx.gnm_random_graph(120, 400, seed=1)
    for u, v in G.edges:
        G[u][v]["d"] = random.Random(u * 1000 + v).choice([1.0, 0.5, 0.25])
    assert close(nx.betweenness_centrality(G, k=30, seed=3, weight="d"),
                 backend.betweenness(G, weight="d", k=30, seed=3))


def test_the_output_says_what_ran_where(G: nx.Graph) -> None:
    settings = IGRAPH.with_(betweenness_exact_limit=100, structural_holes_exact_limit=10)
    m = measures(G, settings=settings, permutations=0)
    notes = " ".join(m["graph"]["notes"])
    assert "sampled pivots" in notes and "python-igraph" in notes
    assert "effective size, efficiency and hierarchy are left out" in notes
    assert all(row["hierarchy"] is None for row in m["nodes"].values())
    assert len(m["graph"]["notes"]) == len(set(m["graph"]["notes"]))
