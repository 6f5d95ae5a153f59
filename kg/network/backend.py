"""python-igraph as the backend of the slow measures on large graphs.

networkx runs the shortest-path, constraint, core and community algorithms in Python;
above ``settings.network_igraph_limit`` ties the measures call the C implementations of
igraph instead, converted to networkx's conventions (normalisation, pivot choice, the
Wasserman–Faust closeness of disconnected graphs) so that the values agree with
networkx within floating-point tolerance (``tests/kg/network/test_backend.py`` checks
this on mid-size graphs). Louvain is igraph's multilevel algorithm: the same method, but
not the same random node order as networkx, so partitions differ in detail.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from kg.network.arrays import ArrayGraph
from kg.settings import Settings

if TYPE_CHECKING:
    import igraph as ig


def use_igraph(G: nx.Graph | ArrayGraph, settings: Settings | None = None) -> bool:
    """Whether ``G`` is measured on the igraph backend: an :class:`ArrayGraph` always,
    a networkx graph with more than ``network_igraph_limit`` ties (cost grows with ties).
    """
    if isinstance(G, ArrayGraph):
        return True
    return G.number_of_edges() > (settings or Settings()).network_igraph_limit


Weight = str | Callable[[dict], float] | None


#: Conversions kept for reuse inside :func:`shared_conversions` (graph id → entry).
_CONVERSIONS: ContextVar[dict[int, dict[str, Any]] | None] = ContextVar(
    "igraph_conversions", default=None)


@contextmanager
def shared_conversions() -> Iterator[None]:
    """Within the block, :func:`to_igraph` converts each graph (and each weighting) once.

    The measures of one large graph call igraph six or seven times; converting a
    networkx graph of a million ties costs seconds each time. The graphs must not change
    inside the block.
    """
    token = _CONVERSIONS.set({})
    try:
        yield
    finally:
        _CONVERSIONS.reset(token)


def _weights(G: nx.Graph, weight: Weight) -> list[float] | None:
    if callable(weight):
        return [weight(d) for u, v, d in G.edges(data=True) if u != v]
    if weight is not None:
        return [float(d.get(weight, 1)) for u, v, d in G.edges(data=True) if u != v]
    return None


def to_igraph(G: nx.Graph, weight: Weight = None
              ) -> tuple[ig.Graph, list[Hashable], list[float] | None]:
    """``G`` as an igraph graph on vertices 0…n-1 in ``list(G)`` order, with edge weights.

    ``weight`` is an edge attribute (missing: 1) or a function of the edge's data, such
    as :func:`inverse_weight`, which spares a copy of a large graph. Inside
    :func:`shared_conversions` the graph and its weights are converted once; callers
    must not modify the returned graph (copy it first).
    """
    import igraph as ig  # on first use: importing it costs the service's cold start

    if isinstance(G, ArrayGraph):
        return G.igraph, G.node_list, _array_weights(G, weight)
    cache = _CONVERSIONS.get()
    entry = cache.get(id(G)) if cache is not None else None
    if entry is None or entry["graph"] is not G:
        nodes = list(G)
        index = {n: i for i, n in enumerate(nodes)}
        edges = [(index[u], index[v]) for u, v in G.edges() if u != v]
        H = ig.Graph(n=len(nodes), edges=edges, directed=G.is_directed())
        entry = {"graph": G, "igraph": H, "nodes": nodes, "weights": {}}
        if cache is not None:
            cache[id(G)] = entry  # holds G, so the id is not reused inside the block
    weights = entry["weights"]
    if weight not in weights:
        weights[weight] = _weights(G, weight)
    return entry["igraph"], entry["nodes"], weights[weight]


def _array_weights(G: ArrayGraph, weight: Weight) -> list[float] | None:
    """The weights :func:`to_igraph` gives for an array graph: none, the ``weight``
    array, or its inverse for :func:`inverse_weight`."""
    if weight is None:
        return None
    if weight is inverse_weight:
        return (1.0 / np.where(G.weight == 0, 1.0, G.weight)).tolist()
    if weight == "weight":
        return G.weight.tolist()
    raise TypeError(f"an array graph has only its 'weight' array, not {weight!r}")


def inverse_weight(data: dict) -> float:
    """The distance 1 / ``weight`` of an edge (a tie over more programmes is shorter)."""
    return 1.0 / float(data.get("weight", 1) or 1)


def pivots(G: nx.Graph, k: int, seed: int) -> list[Hashable]:
    """The ``k`` source nodes networkx's sampled betweenness draws with ``seed``."""
    return random.Random(seed).sample(list(G), k)


def processes_for(G: nx.Graph | ArrayGraph, settings: Settings | None = None) -> int:
    """How many processes the shortest-path searches on ``G`` are spread over.

    One up to ``network_parallel_limit`` ties; above it ``network_processes`` (0: one
    per CPU). Always one inside a daemon process (a service worker cannot fork
    children) and where ``fork`` is not available.
    """
    settings = settings or Settings()
    if G.number_of_edges() <= settings.network_parallel_limit:
        return 1
    if multiprocessing.current_process().daemon:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, settings.network_processes or os.cpu_count() or 1)


#: What the forked workers of :func:`_fan_out` read: set just before the fork, so the
#: children share the parent's igraph graph instead of receiving a pickled copy.
_FORKED: dict[str, Any] = {}
_FORK_LOCK = threading.Lock()


def _betweenness_job(sources: list[int]) -> np.ndarray:
    H = _FORKED["graph"]
    return np.asarray(H.betweenness(directed=H.is_directed(), weights=_FORKED["weights"],
                                    sources=sources, targets=None), dtype=float)


def _distance_job(sources: list[int]) -> np.ndarray:
    return np.stack(_distance_sums(_FORKED["graph"], _FORKED["weights"], sources,
                                   _FORKED["chunk"]))


def _fan_out(job: Callable[[list[int]], np.ndarray], H: ig.Graph,
             weights: list[float] | None, sources: list[int], processes: int,
             chunk: int = 32, **extra: Any) -> np.ndarray:
    """The sum of ``job`` over the sources, split round-robin over forked processes.

    Betweenness dependencies and distance sums add up over sources, so the parts can
    be computed apart and summed.
    """
    processes = max(1, min(processes, len(sources)))
    with _FORK_LOCK:  # _FORKED is one per process
        _FORKED.update(graph=H, weights=weights, chunk=chunk, **extra)
        try:
            if not sources:
                return np.zeros(H.vcount())
            if processes == 1:
                return job(sources)
            parts = [sources[i::processes] for i in range(processes)]
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                return sum(pool.map(job, parts))
        finally:
            _FORKED.clear()


def betweenness(G: nx.Graph, *, weight: Weight = None, k: int | None = None,
                seed: int = 0, processes: int = 1) -> dict[Hashable, float]:
    """Normalised betweenness as ``nx.betweenness_centrality(G, k, weight=…, seed=…)``.

    Sampled with ``k`` pivots (the ones networkx would draw) or exact (``k=None``);
    with ``processes`` > 1 the pivots are spread over that many forked processes.
    """
    H, nodes, weights = to_igraph(G, weight)
    n = len(nodes)
    if n <= 2:
        return dict.fromkeys(nodes, 0.0)
    if k is None:
        raw = H.betweenness(directed=G.is_directed(), weights=weights)
        scale = 1 / ((n - 1) * (n - 2)) * (1 if G.is_directed() else 2)
        return {v: float(b) * scale for v, b in zip(nodes, raw, strict=True)}
    sources = pivots(G, k, seed)
    index = {v: i for i, v in enumerate(nodes)}
    raw = _fan_out(_betweenness_job, H, weights, [index[s] for s in sources], processes)
    chosen = set(sources)
    factor = 1 if G.is_directed() else 2
    # networkx divides by the pivots other than v and the targets other than v.
    return {v: float(b) * factor / ((k - (v in chosen)) * (n - 2)) if k - (v in chosen) else 0.0
            for v, b in zip(nodes, raw, strict=True)}


def _subset_job(sources: list[int]) -> np.ndarray:
    H = _FORKED["graph"]
    return np.asarray(H.betweenness(directed=H.is_directed(), weights=_FORKED["weights"],
                                    sources=sources, targets=_FORKED["targets"]), dtype=float)


def subset_betweenness(G: nx.Graph, sources: Iterable[Hashable], targets: Iterable[Hashable],
                       *, weight: Weight = None, processes: int = 1) -> dict[Hashable, float]:
    """Raw ``nx.betweenness_centrality_subset(G, sources, targets, normalized=False)``."""
    H, nodes, weights = to_igraph(G, weight)
    index = {v: i for i, v in enumerate(nodes)}
    raw = _fan_out(_subset_job, H, weights, [index[s] for s in sources], processes,
                   targets=[index[t] for t in targets])
    return {v: float(b) for v, b in zip(nodes, raw, strict=True)}


def distance_centralities(G: nx.Graph, *, distance: Weight = None,
                          sources: Sequence[Hashable] | None = None, chunk: int = 32,
                          processes: int = 1
                          ) -> tuple[dict[Hashable, float], dict[Hashable, float]]:
    """Closeness (Wasserman–Faust) and harmonic closeness / (n - 1), as networkx.

    With ``sources``, both are estimated from the distances to those nodes only
    (Eppstein & Wang 2004): the shares of sources reached and their mean distance stand
    for those of all nodes. ``G`` is undirected.
    """
    H, nodes, weights = to_igraph(G, distance)
    n = len(nodes)
    if n < 2:
        return dict.fromkeys(nodes, 0.0), dict.fromkeys(nodes, 0.0)
    index = {v: i for i, v in enumerate(nodes)}
    src = list(range(n)) if sources is None else [index[s] for s in sources]
    reached, total, inverse = _fan_out(_distance_job, H, weights, src, processes, chunk)
    others = np.full(n, float(len(src)))
    others[src] -= 1
    if sources is None:
        others[:] = n - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        closeness = np.where((total > 0) & (others > 0), reached / total * reached / others, 0.0)
        harmonic = np.where(others > 0, inverse / others, 0.0)
    return ({v: float(c) for v, c in zip(nodes, closeness, strict=True)},
            {v: float(h) for v, h in zip(nodes, harmonic, strict=True)})


def _distance_sums(H: ig.Graph, weights: list[float] | None, sources: list[int], chunk: int
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per vertex: sources reached, sum of distances and of inverse distances to them."""
    n = H.vcount()
    reached, total, inverse = np.zeros(n), np.zeros(n), np.zeros(n)
    for start in range(0, len(sources), chunk):
        d = np.asarray(H.distances(source=sources[start:start + chunk], weights=weights),
                       dtype=float)
        finite = np.isfinite(d) & (d > 0)
        reached += finite.sum(axis=0)
        total += np.where(finite, d, 0.0).sum(axis=0)
        inverse += np.where(finite, 1.0 / np.where(finite, d, 1.0), 0.0).sum(axis=0)
    return reached, total, inverse


def _bipartite_max_betweenness(n: int, m: int) -> float:
    """Largest betweenness of a node on the side of ``n`` nodes (networkx.bipartite)."""
    s, t = divmod(n - 1, m)
    return (m**2 * (s + 1) ** 2 + m * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3)) / 2.0


def two_mode(B: nx.Graph, top: set[Hashable], *, chunk: int = 64
             ) -> tuple[dict[Hashable, float], dict[Hashable, float]]:
    """Bipartite betweenness and closeness as ``networkx.bipartite`` normalises them."""
    H, nodes, _ = to_igraph(B)
    n, m = len(top), len(nodes) - len(top)
    raw = H.betweenness(directed=False)
    top_max, bottom_max = _bipartite_max_betweenness(n, m), _bipartite_max_betweenness(m, n)
    between = {v: float(b) / (top_max if v in top else bottom_max)
               for v, b in zip(nodes, raw, strict=True)}
    reached, total, _ = _distance_sums(H, None, list(range(len(nodes))), chunk)
    closeness = {}
    for v, r, t in zip(nodes, reached, total, strict=True):
        scale = (m + 2 * (n - 1)) if v in top else (n + 2 * (m - 1))
        closeness[v] = float(scale / t * r / (len(nodes) - 1)) if t > 0 else 0.0
    return between, closeness


def constraint(G: nx.Graph, *, weight: Weight = "weight") -> dict[Hashable, float | None]:
    """Burt's constraint as ``nx.constraint`` (``None`` for isolates, where it is NaN)."""
    H, nodes, weights = to_igraph(G, weight)
    values = H.constraint(weights=weights)
    degree = H.degree()
    return {v: (float(c) if d else None)
            for v, c, d in zip(nodes, values, degree, strict=True)}


def core_numbers(G: nx.Graph) -> dict[Hashable, int]:
    """k-core numbers as ``nx.core_number`` (self-loops ignored)."""
    H, nodes, _ = to_igraph(G)
    if not isinstance(G, ArrayGraph):  # an array graph is simple already
        H = H.copy()  # the conversion may be shared
        H.simplify()
    return {v: int(c) for v, c in zip(nodes, H.coreness(), strict=True)}


def louvain(G: nx.Graph, *, weight: Weight = "weight", resolution: float = 1.0,
            seed: int = 0) -> list[set[Hashable]]:
    """Louvain communities by igraph's multilevel algorithm, with a seeded order."""
    import igraph as ig

    H, nodes, weights = to_igraph(G, weight)
    previous = random.getstate()
    ig.set_random_number_generator(random.Random(seed))
    try:
        clustering = H.community_multilevel(weights=weights, resolution=resolution)
    finally:
        ig.set_random_number_generator(random)
        random.setstate(previous)
    return [{nodes[i] for i in members} for members in clustering]
