"""The array path of large networks agrees with the networkx path.

Above ``network_igraph_limit`` ties the actor projection is built by a sparse product and
measured as an :class:`ArrayGraph`; these tests lower the limit so that both paths run on
the same mid-size synthetic network and compare what they compute.
"""

from __future__ import annotations

import math
import os

import networkx as nx
import numpy as np
import pytest

from kg.network import backend, extract
from kg.network.arrays import ArrayGraph, incidence, incidences, projection_of, tie_arrays
from kg.network.communities import array_modularity, louvain
from kg.network.measures import cooperation_measures, measures
from kg.network.synthetic import synthetic_store
from kg.settings import Settings

NETWORKX = Settings(network_igraph_limit=10**9)
ARRAYS = Settings(network_igraph_limit=0)


@pytest.fixture(scope="module")
def M() -> nx.MultiDiGraph:  # noqa: N802 - graphs are capitals, as in networkx
    return extract.extract_multiplex(
        synthetic_store(n_actors=400, n_programmes=60, n_ties=700, seed=11))


def same(a: object, b: object, tol: float = 1e-9, path: str = "") -> None:
    """Assert two JSON-like values are equal, floats within ``tol``."""
    if isinstance(a, dict):
        assert isinstance(b, dict) and a.keys() == b.keys(), path
        for key in a:
            same(a[key], b[key], tol, f"{path}/{key}")
    elif isinstance(a, list | tuple):
        assert isinstance(b, list | tuple) and len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, tol, f"{path}[{i}]")
    elif isinstance(a, float) and isinstance(b, float | int):
        assert math.isclose(a, b, rel_tol=tol, abs_tol=tol), (path, a, b)
    else:
        assert a == b, (path, a, b)


def test_projection_is_the_networkx_projection(M: nx.MultiDiGraph) -> None:
    G = extract.actor_projection(extract.affiliation_graph(M, extract.Layer.PARTICIPATION))
    A = projection_of(incidence(M, ["participation"]))
    assert A.node_list == list(G)  # same order: sampled pivots are drawn from it
    assert A.node_data == [G.nodes[n] for n in G]
    ties = {frozenset((A.node_list[u], A.node_list[v])): (w, r) for u, v, w, r in
            zip(A.src.tolist(), A.dst.tolist(), A.weight.tolist(), A.relations.tolist(),
                strict=True)}
    assert ties == {frozenset((u, v)): (d["weight"], len(d["programmes"]))
                    for u, v, d in G.edges(data=True)}
    assert G.number_of_edges() > 1000  # a real test: many ties, many multiplex


def test_combined_incidence_in_one_walk(M: nx.MultiDiGraph) -> None:
    one = incidence(M, ["participation", "funding", "legal"], rights=["instrument", "programme"])
    part, combined = incidences(M, [(["participation"], ["programme"]),
                                    (["participation", "funding", "legal"],
                                     ["instrument", "programme"])])
    B = extract.affiliation_graph(M, None)
    assert combined.actors == one.actors
    assert (combined.binary() != one.binary()).nnz == 0
    assert set(combined.actors) == {n for n, d in B.nodes(data=True) if d["bipartite"] == 0}
    assert part.actors == incidence(M, ["participation"]).actors


def test_measures_of_an_array_graph_are_those_of_the_graph(M: nx.MultiDiGraph) -> None:
    G = extract.network_view(M)
    A = ArrayGraph.from_networkx(G)
    settings = ARRAYS.with_(betweenness_exact_limit=10**9, closeness_exact_limit=10**9)
    on_graph = measures(G, settings=settings, permutations=50)  # converted inside
    on_arrays = measures(A, settings=settings, permutations=50)
    same(on_graph, on_arrays)
    # ... and those of the networkx path, but for the partition (another Louvain run)
    small = measures(G, settings=NETWORKX.with_(betweenness_exact_limit=10**9),
                     permutations=50)
    skip = {"community", "betweenness"}  # betweenness: float path-length ties, 1e-3 below
    for node, row in small["nodes"].items():
        other = on_arrays["nodes"][node]
        assert row.keys() == other.keys()
        same({k: v for k, v in row.items() if k not in skip},
             {k: v for k, v in other.items() if k not in skip}, 1e-6, node)
        assert abs(row["betweenness"] - other["betweenness"]) < 1e-3
    for key in ("nodes", "edges", "density", "components", "brokerage", "ei_index", "mixing",
                "multiplexity", "centralization"):
        same(small["graph"][key], on_arrays["graph"][key], 1e-6, key)


def test_cooperation_measures_agree_on_both_paths(M: nx.MultiDiGraph) -> None:
    exact = {"betweenness_exact_limit": 10**9, "closeness_exact_limit": 10**9,
             "two_mode_exact_limit": 10**9}
    a = cooperation_measures(M, settings=NETWORKX.with_(**exact))
    b = cooperation_measures(M, settings=ARRAYS.with_(**exact))
    for key in ("tripartite", "plurality", "combined", "overlap", "mean_overlap",
                "programmes", "years", "two_mode"):
        same(a[key], b[key], 1e-6, key)
    same(a["delegation"]["brokerage"], b["delegation"]["brokerage"], 1e-9, "brokerage")
    same(a["delegation"]["mediation"], b["delegation"]["mediation"], 1e-9, "mediation")
    for key in ("edges", "density", "ei_index", "mixing", "multiplexity"):
        same(a["actors"]["graph"][key], b["actors"]["graph"][key], 1e-9, key)


def test_parallel_searches_add_up_to_the_serial_ones() -> None:
    G = nx.gnm_random_graph(300, 2000, seed=5)
    A = ArrayGraph.from_networkx(G)
    A.weight[:] = np.random.default_rng(1).integers(1, 4, len(A.weight))
    for weight in (None, backend.inverse_weight):
        serial = backend.betweenness(A, weight=weight, k=40, processes=1)
        parallel = backend.betweenness(A, weight=weight, k=40, processes=2)
        same(serial, parallel, 1e-12)
        sources = backend.pivots(A, 30, 0)
        same(backend.distance_centralities(A, distance=weight, sources=sources, processes=1),
             backend.distance_centralities(A, distance=weight, sources=sources, processes=2),
             1e-12)
    same(backend.subset_betweenness(A, range(10), range(100, 200), processes=1),
         backend.subset_betweenness(A, range(10), range(100, 200), processes=2), 1e-12)


TEST_PROCESS = os.getpid()


def _elsewhere(sources: list[int]) -> np.ndarray:
    """1 when this part of the sources runs outside the test's process."""
    return np.array([float(os.getpid() != TEST_PROCESS)])


def test_searches_run_in_forked_processes() -> None:
    H = ArrayGraph.from_networkx(nx.path_graph(4)).igraph
    assert backend._fan_out(_elsewhere, H, None, [0, 1, 2, 3], 1)[0] == 0
    assert backend._fan_out(_elsewhere, H, None, [0, 1, 2, 3], 2)[0] == 2  # both parts


def test_processes_follow_the_settings() -> None:
    A = tie_arrays(nx.path_graph(5))
    assert backend.processes_for(A, Settings()) == 1  # few ties: one process
    assert backend.processes_for(A, Settings(network_parallel_limit=0,
                                             network_processes=3)) == 3


def test_array_modularity_is_networkx_modularity() -> None:
    G = nx.karate_club_graph()  # weighted ties
    parts = nx.community.louvain_communities(G, weight="weight", seed=1)
    membership = {n: i for i, p in enumerate(parts) for n in p}
    A = ArrayGraph.from_networkx(G)
    for weighted, resolution in ((True, 1.0), (False, 1.0), (True, 0.5)):
        expected = nx.community.modularity(G, parts, weight="weight" if weighted else None,
                                           resolution=resolution)
        got = array_modularity(A, membership, weighted=weighted, resolution=resolution)
        assert got == pytest.approx(expected, abs=1e-12)
    assert louvain(A).modularity == pytest.approx(
        nx.community.modularity(G, louvain(A).groups, weight="weight"), abs=1e-12)


def test_round_trip_and_directed_graphs() -> None:
    G = nx.les_miserables_graph()
    A = ArrayGraph.from_networkx(G)
    H = A.to_networkx()
    assert list(H) == list(G)
    assert {frozenset(e): d["weight"] for *e, d in H.edges(data=True)} == \
        {frozenset(e): d["weight"] for *e, d in G.edges(data=True)}
    D = ArrayGraph.from_networkx(nx.DiGraph([(0, 1), (1, 0), (1, 2)]))
    U = D.undirected()
    assert U.number_of_edges() == 2 and not U.is_directed()
    assert measures(D, permutations=0)["graph"]["edges"] == 3
    with pytest.raises(nx.NetworkXNotImplemented):
        ArrayGraph.from_networkx(nx.MultiGraph([(0, 1), (0, 1)]))


def test_large_networks_leave_out_what_the_settings_say(M: nx.MultiDiGraph) -> None:
    G = extract.network_view(M)
    settings = ARRAYS.with_(brokerage_limit=10, betweenness_large_limit=10,
                            centralization_large_sample=7, closeness_large_sample=9,
                            betweenness_exact_limit=10, closeness_exact_limit=10)
    m = measures(G, settings=settings, permutations=0)
    notes = " ".join(m["graph"]["notes"])
    assert "brokerage of the actor network is left out" in notes
    assert "estimated from 7 sampled pivots" in notes
    assert "closeness_large_sample = 9" in notes
    assert m["graph"]["brokerage"] == {} and m["graph"]["brokerage_density"] is None
    assert not any(k.startswith("brokerage_") for row in m["nodes"].values() for k in row)
