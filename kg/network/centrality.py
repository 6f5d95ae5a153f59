"""Actor centrality on simple (weighted) graphs, one-mode and two-mode.

Thin, documented wrappers over networkx that fix the choices the cooperation analysis
needs: distances are ``1 / weight`` (a tie repeated over more programmes is shorter),
betweenness is exact up to ``betweenness_exact_limit`` nodes and sampled above it with a
fixed seed, and every result is a dict keyed by node.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import networkx as nx
import numpy as np
from scipy.sparse.linalg import eigsh

from kg.network import backend
from kg.network.arrays import ArrayGraph
from kg.settings import Settings

DISTANCE = "distance"


def with_distance(G: nx.Graph, weight: str = "weight") -> nx.Graph:
    """Return ``G`` with a ``distance`` = 1 / ``weight`` attribute on every edge (a copy)."""
    H = G.copy()
    for _, _, data in H.edges(data=True):
        data[DISTANCE] = 1.0 / float(data.get(weight, 1) or 1)
    return H


def strength(G: nx.Graph, weight: str = "weight") -> dict[str, float]:
    """Sum of tie weights per node (Barrat et al. 2004; Opsahl, Agneessens & Skvoretz 2010).

    Parameters
    ----------
    G : networkx.Graph
    weight : str
        Edge attribute holding the weight (missing: 1).

    Returns
    -------
    dict
        Node → strength.

    References
    ----------
    .. [1] Opsahl, T., Agneessens, F., & Skvoretz, J. (2010). Node centrality in weighted
       networks. *Social Networks*, 32(3), 245–251. https://doi.org/10.1016/j.socnet.2010.03.006

    Examples
    --------
    >>> G = nx.Graph([(1, 2, {"weight": 2}), (1, 3, {"weight": 1})])
    >>> strength(G)
    {1: 3.0, 2: 2.0, 3: 1.0}
    """
    if isinstance(G, ArrayGraph):  # its one weight array
        return dict(zip(G.node_list, G.strengths().tolist(), strict=True))
    return {n: float(d) for n, d in G.degree(weight=weight)}


def degree_centrality(G: nx.Graph | ArrayGraph) -> dict[str, float]:
    """Degree / (n - 1), as ``nx.degree_centrality`` (0 for a single node).

    Examples
    --------
    >>> degree_centrality(nx.path_graph(3))[1]
    1.0
    """
    n = G.number_of_nodes()
    if isinstance(G, ArrayGraph):
        return dict(zip(G.node_list, (G.degrees() / max(1, n - 1)).tolist(), strict=True))
    return nx.degree_centrality(G) if n > 1 else dict.fromkeys(G, 0.0)


def betweenness_pivots(G: nx.Graph, settings: Settings | None = None) -> int | None:
    """How many pivots betweenness samples on ``G`` (``None``: exact).

    ``betweenness_sample`` above ``betweenness_exact_limit`` nodes, and the smaller
    ``betweenness_large_sample`` above ``betweenness_large_limit`` ties.
    """
    settings = settings or Settings()
    n = G.number_of_nodes()
    if n <= settings.betweenness_exact_limit:
        return None
    if G.number_of_edges() > settings.betweenness_large_limit:
        return min(settings.betweenness_large_sample, n)
    return min(settings.betweenness_sample, n)


def closeness_sources(G: nx.Graph, settings: Settings | None = None) -> int:
    """How many sources closeness is estimated from above ``closeness_exact_limit`` nodes:
    ``closeness_sample``, or ``closeness_large_sample`` above ``betweenness_large_limit``
    ties."""
    settings = settings or Settings()
    large = G.number_of_edges() > settings.betweenness_large_limit
    return min(settings.closeness_large_sample if large else settings.closeness_sample,
               G.number_of_nodes())


def betweenness(
    G: nx.Graph,
    *,
    weight: str | None = None,
    normalized: bool = True,
    settings: Settings | None = None,
    seed: int = 0,
) -> dict[str, float]:
    """Freeman betweenness, exact on small graphs and pivot-sampled on large ones.

    Above ``settings.betweenness_exact_limit`` nodes, ``settings.betweenness_sample``
    pivots are drawn with ``seed`` (Brandes & Pich 2007), so results are reproducible.

    Parameters
    ----------
    G : networkx.Graph or DiGraph
    weight : str, optional
        Edge attribute used as a *distance* (``None``: hop counts).
    normalized : bool
        Divide by the number of pairs, as networkx does.
    settings : Settings, optional
        Where the exact limit and sample size come from (default: the defaults).
    seed : int
        Seed of the pivot sample.

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
       *Sociometry*, 40(1), 35–41. https://doi.org/10.2307/3033543
    .. [2] Brandes, U., & Pich, C. (2007). Centrality estimation in large networks.
       *International Journal of Bifurcation and Chaos*, 17(7), 2303–2318.
       https://doi.org/10.1142/S0218127407018403

    Examples
    --------
    >>> betweenness(nx.star_graph(3))[0]
    1.0
    """
    settings = settings or Settings()
    k = betweenness_pivots(G, settings)
    if normalized and backend.use_igraph(G, settings):
        return backend.betweenness(G, weight=weight, k=k, seed=seed,
                                   processes=backend.processes_for(G, settings))
    return nx.betweenness_centrality(G, k=k, normalized=normalized, weight=weight, seed=seed)


def mediation(
    G: nx.Graph, sources: Iterable[str], targets: Iterable[str], *, weight: str | None = None,
    settings: Settings | None = None,
) -> dict[str, float]:
    """Betweenness on the shortest paths from ``sources`` to ``targets`` only.

    Who mediates the flow from donors to domestic actors: the share of source–target
    geodesics each node lies on (``nx.betweenness_centrality_subset``, normalised by the
    number of source–target pairs so that 1 means "on every such path").

    References
    ----------
    .. [1] Brandes, U. (2008). On variants of shortest-path betweenness centrality and
       their generic computation. *Social Networks*, 30(2), 136–145.
       https://doi.org/10.1016/j.socnet.2007.11.001

    Examples
    --------
    >>> D = nx.DiGraph([("donor", "io"), ("io", "ministry"), ("io", "union")])
    >>> mediation(D, ["donor"], ["ministry", "union"])["io"]
    1.0
    """
    sources, targets = [s for s in sources if s in G], [t for t in targets if t in G]
    if backend.use_igraph(G, settings):
        raw = backend.subset_betweenness(G, sources, targets, weight=weight,
                                         processes=backend.processes_for(G, settings))
    else:
        raw = nx.betweenness_centrality_subset(G, sources, targets, normalized=False,
                                               weight=weight)
    in_targets = Counter(targets)  # ordered pairs s != t, without enumerating them
    pairs = len(sources) * len(targets) - sum(in_targets[s] for s in sources)
    if not G.is_directed():
        pairs = pairs / 2 if pairs else 0
    return {n: (v / pairs if pairs else 0.0) for n, v in raw.items()}


def eigenvector(G: nx.Graph, *, weight: str | None = "weight") -> dict[str, float]:
    """Eigenvector centrality (Bonacich 1972), zero for nodes without ties.

    Computed per connected component as the leading eigenvector of the adjacency matrix
    (dense solver up to 500 nodes, else Lanczos started from the ones vector, so the
    result is deterministic, unlike networkx's random ARPACK start), then scaled so that
    the largest value is 1, which stays defined on disconnected graphs.

    References
    ----------
    .. [1] Bonacich, P. (1972). Factoring and weighting approaches to status scores and
       clique identification. *Journal of Mathematical Sociology*, 2(1), 113–120.
       https://doi.org/10.1080/0022250X.1972.9989806

    Examples
    --------
    >>> round(eigenvector(nx.star_graph(4))[0], 6)
    1.0
    """
    if isinstance(G, ArrayGraph):
        return _array_eigenvector(G, weighted=weight is not None)
    out = dict.fromkeys(G, 0.0)
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    for component in nx.connected_components(U):
        if len(component) < 2:
            continue
        nodes = sorted(component, key=str)
        A = nx.to_scipy_sparse_array(U, nodelist=nodes, weight=weight, format="csr")
        vector = _leading_vector(A)
        out.update({n: abs(float(v)) for n, v in zip(nodes, vector, strict=True)})
    top = max(out.values(), default=0.0)
    return {n: (v / top if top else 0.0) for n, v in out.items()}


def _leading_vector(A) -> np.ndarray:
    """The leading eigenvector of a symmetric matrix (dense solver up to 500 rows)."""
    if A.shape[0] <= 500:
        return np.linalg.eigh(A.toarray())[1][:, -1]
    return eigsh(A.astype(float), k=1, which="LA", v0=np.ones(A.shape[0]))[1][:, 0]


def _array_eigenvector(G: ArrayGraph, *, weighted: bool) -> dict[str, float]:
    """:func:`eigenvector` of an array graph: the same per-component computation."""
    A = G.adjacency(weighted=weighted).tocsr()
    count, labels = G.components()
    out = np.zeros(len(G))
    sizes = np.bincount(labels, minlength=count)
    order = np.argsort(labels, kind="stable")
    bounds = np.r_[0, np.cumsum(sizes)]
    for c in np.flatnonzero(sizes >= 2):
        members = order[bounds[c]:bounds[c + 1]]
        out[members] = np.abs(_leading_vector(A[members][:, members]))
    top = out.max(initial=0.0)
    if top:
        out /= top
    return dict(zip(G.node_list, out.tolist(), strict=True))


def distance_centralities(G: nx.Graph, *, distance: str | None = None
                          ) -> tuple[dict[str, float], dict[str, float]]:
    """Closeness and harmonic closeness from one shortest-path search per node.

    Closeness is networkx's (Wasserman–Faust scaling on disconnected graphs); harmonic
    closeness is divided by ``n - 1`` so it lies in [0, 1]. One search per node serves
    both, halving the cost of calling the two networkx functions.

    Examples
    --------
    >>> distance_centralities(nx.path_graph(3))[0][1]
    1.0
    """
    n = G.number_of_nodes()
    closeness, harmonic = {}, {}
    for node in G:
        if distance is None:
            lengths = nx.single_source_shortest_path_length(G, node)
        else:
            lengths = nx.single_source_dijkstra_path_length(G, node, weight=distance)
        total = sum(lengths.values())
        reached = len(lengths)
        closeness[node] = ((reached - 1) / total * (reached - 1) / (n - 1)
                           if total > 0 and n > 1 else 0.0)
        harmonic[node] = (sum(1 / d for d in lengths.values() if d > 0) / (n - 1)
                          if n > 1 else 0.0)
    return closeness, harmonic


def actor_centrality(
    G: nx.Graph, *, settings: Settings | None = None, weight: str = "weight"
) -> dict[str, dict[str, float]]:
    """Degree, strength, betweenness, closeness, harmonic and eigenvector per node.

    Betweenness and closeness use distances 1 / ``weight``; degree is normalised by
    ``n - 1`` (networkx); harmonic closeness is divided by ``n - 1`` so it lies in [0, 1].
    Above ``settings.closeness_exact_limit`` nodes closeness and harmonic closeness are
    estimated from ``settings.closeness_sample`` sources (Eppstein & Wang 2004); above
    ``settings.network_igraph_limit`` the shortest paths run on python-igraph
    (:mod:`kg.network.backend`). :func:`centrality_notes` says which applied.

    References
    ----------
    .. [1] Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
       *Social Networks*, 1(3), 215–239. https://doi.org/10.1016/0378-8733(78)90021-7
    .. [2] Marchiori, M., & Latora, V. (2000). Harmony in the small-world. *Physica A*,
       285(3–4), 539–546. https://doi.org/10.1016/S0378-4371(00)00311-3

    Examples
    --------
    >>> c = actor_centrality(nx.path_graph(3))
    >>> c[1]["degree"], c[1]["betweenness"], c[1]["closeness"]
    (1.0, 1.0, 1.0)
    """
    settings = settings or Settings()
    n = G.number_of_nodes()
    if backend.use_igraph(G, settings):
        # No copy of a large graph: igraph reads the distances 1 / weight directly
        # (backend.inverse_weight is what array graphs know).
        distance_of = (backend.inverse_weight if weight == "weight"
                       else lambda data: 1.0 / float(data.get(weight, 1) or 1))
        sources = (backend.pivots(G, closeness_sources(G, settings), 0)
                   if n > settings.closeness_exact_limit else None)
        processes = backend.processes_for(G, settings)
        closeness, harmonic = backend.distance_centralities(G, distance=distance_of,
                                                            processes=processes,
                                                            sources=sources)
        between = backend.betweenness(G, weight=distance_of, k=betweenness_pivots(G, settings),
                                      processes=processes)
    else:
        H = with_distance(G, weight)
        closeness, harmonic = distance_centralities(H, distance=DISTANCE)
        between = betweenness(H, weight=DISTANCE, settings=settings)
    values = {
        "degree": degree_centrality(G),
        "strength": strength(G, weight),
        "betweenness": between,
        "closeness": closeness,
        "harmonic": harmonic,
        "eigenvector": eigenvector(G, weight=weight),
    }
    return {node: {name: float(v[node]) for name, v in values.items()} for node in G}


def centrality_notes(G: nx.Graph, settings: Settings | None = None) -> list[str]:
    """Sentences saying which centralities of :func:`actor_centrality` are estimates."""
    settings = settings or Settings()
    n = G.number_of_nodes()
    notes = []
    k = betweenness_pivots(G, settings)
    if k is not None:
        notes.append(f"betweenness is estimated from {k} "
                     f"sampled pivots (Brandes & Pich 2007): the network has {n} nodes, "
                     f"more than betweenness_exact_limit = {settings.betweenness_exact_limit}")
    if G.number_of_edges() > settings.betweenness_large_limit and k is not None:
        notes.append(f"betweenness uses betweenness_large_sample = {k} pivots, not "
                     f"betweenness_sample = {settings.betweenness_sample}: the network has "
                     f"{G.number_of_edges()} ties, more than betweenness_large_limit = "
                     f"{settings.betweenness_large_limit}")
    if n > settings.closeness_exact_limit and backend.use_igraph(G, settings):
        notes.append(f"closeness and harmonic closeness are estimated from "
                     f"{closeness_sources(G, settings)} sampled sources (Eppstein & Wang "
                     f"2004): more than closeness_exact_limit = "
                     f"{settings.closeness_exact_limit} nodes")
        if G.number_of_edges() > settings.betweenness_large_limit:
            notes.append(f"closeness uses closeness_large_sample = "
                         f"{closeness_sources(G, settings)} sources, not closeness_sample = "
                         f"{settings.closeness_sample}: more than betweenness_large_limit = "
                         f"{settings.betweenness_large_limit} ties")
    return notes


def two_mode_centrality(B: nx.Graph, *, settings: Settings | None = None
                        ) -> dict[str, dict[str, float]]:
    """Degree, betweenness and closeness on a two-mode (affiliation) network.

    Normalised against the largest value possible in a bipartite graph with the same two
    node sets (Borgatti & Everett 1997), as ``networkx.algorithms.bipartite`` does. Nodes
    carry ``bipartite`` = 0 (actors) or 1 (programmes).

    References
    ----------
    .. [1] Borgatti, S. P., & Everett, M. G. (1997). Network analysis of 2-mode data.
       *Social Networks*, 19(3), 243–269. https://doi.org/10.1016/S0378-8733(96)00301-2

    Examples
    --------
    >>> B = nx.Graph([("a", "p"), ("b", "p"), ("a", "q")])
    >>> nx.set_node_attributes(B, {"a": 0, "b": 0, "p": 1, "q": 1}, "bipartite")
    >>> two_mode_centrality(B)["a"]["degree"]
    1.0
    """
    top = {n for n, d in B.nodes(data=True) if d.get("bipartite") == 0}
    if not top or len(top) == B.number_of_nodes():
        return {n: {"degree": 0.0, "betweenness": 0.0, "closeness": 0.0} for n in B}
    if backend.use_igraph(B, settings) and min(len(top), len(B) - len(top)) > 1:
        between, closeness = backend.two_mode(B, top)
    else:
        try:
            between = nx.bipartite.betweenness_centrality(B, top)
        except ZeroDivisionError:  # one node on a side: no node can lie between two others
            between = dict.fromkeys(B, 0.0)
        closeness = nx.bipartite.closeness_centrality(B, top)
    values = {
        "degree": nx.bipartite.degree_centrality(B, top),
        "betweenness": between,
        "closeness": closeness,
    }
    return {node: {name: float(v[node]) for name, v in values.items()} for node in B}
