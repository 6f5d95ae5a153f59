"""Freeman centralisation of a whole network (missing in networkx).

How far a network's centrality is concentrated in one node, relative to the most
centralised network of the same size, the star: 1 for a star, 0 when every node is
equally central.
"""

from __future__ import annotations

from enum import Enum

import networkx as nx

from kg.network import backend
from kg.network.arrays import ArrayGraph
from kg.network.centrality import betweenness_pivots
from kg.settings import Settings


class CentralityKind(Enum):
    """The three centralities Freeman (1979) centralises."""

    DEGREE = "degree"
    BETWEENNESS = "betweenness"
    CLOSENESS = "closeness"


def _scores(G: nx.Graph, kind: CentralityKind, settings: Settings
            ) -> tuple[list[float], float]:
    """Node scores and the largest possible sum of differences (reached by the star)."""
    n = G.number_of_nodes()
    large = backend.use_igraph(G, settings)
    if kind is CentralityKind.DEGREE:
        degrees = (G.degrees().tolist() if isinstance(G, ArrayGraph)
                   else [d for _, d in G.degree()])
        return [float(d) for d in degrees], float((n - 1) * (n - 2))
    processes = backend.processes_for(G, settings)
    very_large = G.number_of_edges() > settings.betweenness_large_limit
    sample = min(settings.centralization_large_sample, n)
    if kind is CentralityKind.BETWEENNESS:
        if large:
            k = sample if very_large else betweenness_pivots(G, settings)
            values = backend.betweenness(G, k=k, processes=processes)
        else:
            values = nx.betweenness_centrality(G, normalized=True)
        return list(values.values()), float(n - 1)
    if large:
        if very_large:
            sources = backend.pivots(G, sample, 0)
        else:
            sources = (backend.pivots(G, min(settings.closeness_sample, n), 0)
                       if n > settings.closeness_exact_limit else None)
        values = backend.distance_centralities(G, sources=sources, processes=processes)[0]
    else:
        values = nx.closeness_centrality(G)
    return list(values.values()), (n - 1) * (n - 2) / (2 * n - 3)


def freeman_centralization(G: nx.Graph, kind: CentralityKind | str = "degree", *,
                           settings: Settings | None = None) -> float:
    """Freeman's centralisation index of a network.

    .. math:: C_X = \\frac{\\sum_i [C_X(v^*) - C_X(v_i)]}{\\max \\sum_i [C_X(v^*) - C_X(v_i)]}

    where :math:`v^*` is the most central node and the maximum is taken over all
    connected graphs with :math:`n` nodes, reached by the star: :math:`(n-1)(n-2)` for
    raw degree, :math:`n-1` for betweenness normalised by :math:`(n-1)(n-2)/2`, and
    :math:`(n-1)(n-2)/(2n-3)` for closeness :math:`(n-1)/\\sum_j d(i,j)`.

    Parameters
    ----------
    G : networkx.Graph
        A simple graph; directed graphs are symmetrised, weights ignored (Freeman's
        indices are binary).
    kind : {"degree", "betweenness", "closeness"}
    settings : Settings, optional
        Above ``network_igraph_limit`` ties the paths run on python-igraph; betweenness
        and closeness are then sampled above their exact limits, as in
        :func:`kg.network.centrality.actor_centrality`.

    Returns
    -------
    float
        In [0, 1]; 0 for graphs with fewer than three nodes. On a disconnected graph
        closeness uses networkx's component-scaled closeness (Wasserman & Faust), so the
        index is then a comparison, not a proportion of the star.

    References
    ----------
    .. [1] Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
       *Social Networks*, 1(3), 215–239. https://doi.org/10.1016/0378-8733(78)90021-7

    Examples
    --------
    >>> freeman_centralization(nx.star_graph(5), "betweenness")
    1.0
    >>> freeman_centralization(nx.complete_graph(5), "degree")
    0.0
    """
    settings = settings or Settings()
    kind = CentralityKind(kind) if not isinstance(kind, CentralityKind) else kind
    U = G
    if isinstance(G, ArrayGraph):
        U = G.undirected()  # array graphs have no self-loops
    elif G.is_directed() or nx.number_of_selfloops(G):  # a large undirected graph is not copied
        U = nx.Graph(G.to_undirected() if G.is_directed() else G)
        U.remove_edges_from(nx.selfloop_edges(U))
    if U.number_of_nodes() < 3:
        return 0.0
    scores, maximum = _scores(U, kind, settings)
    top = max(scores)
    return float(min(1.0, max(0.0, sum(top - s for s in scores) / maximum)))


def centralization(G: nx.Graph, *, settings: Settings | None = None) -> dict[str, float]:
    """Freeman degree, betweenness and closeness centralisation of ``G``.

    Examples
    --------
    >>> centralization(nx.star_graph(4))
    {'degree': 1.0, 'betweenness': 1.0, 'closeness': 1.0}
    """
    return {kind.value: freeman_centralization(G, kind, settings=settings)
            for kind in CentralityKind}


def centralization_notes(G: nx.Graph | ArrayGraph, settings: Settings | None = None
                         ) -> list[str]:
    """A sentence when :func:`centralization` estimates from a smaller sample on ``G``."""
    settings = settings or Settings()
    if G.number_of_edges() <= settings.betweenness_large_limit:
        return []
    k = min(settings.centralization_large_sample, G.number_of_nodes())
    return [f"Freeman betweenness and closeness centralisation are estimated from {k} "
            f"sampled pivots (centralization_large_sample): the network has "
            f"{G.number_of_edges()} ties, more than betweenness_large_limit = "
            f"{settings.betweenness_large_limit}; the estimate leans high (the largest of "
            f"noisy scores), so compare it across networks measured alike, or raise "
            f"centralization_large_sample"]
