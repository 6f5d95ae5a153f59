"""Communities (Louvain with a fixed seed) and k-cores."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.network import backend
from kg.settings import Settings

DEFAULT_SEED = 42


@dataclass
class Communities:
    """A partition: node → community index (0 = largest), the groups and the modularity."""

    membership: dict[str, int]
    groups: list[list[str]]
    modularity: float | None


def louvain(G: nx.Graph, *, weight: str | None = "weight", resolution: float = 1.0,
            seed: int = DEFAULT_SEED, settings: Settings | None = None) -> Communities:
    """Louvain communities with a fixed seed, numbered largest first.

    Parameters
    ----------
    G : networkx.Graph
        Simple undirected weighted graph.
    weight : str, optional
    resolution : float
        Modularity resolution (1: classic modularity).
    seed : int
        Seed of the node order; the same seed gives the same partition.
    settings : Settings, optional
        Above ``network_igraph_limit`` ties igraph's multilevel algorithm runs instead
        of networkx's (same method and seed, another implementation of the random order).

    References
    ----------
    .. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast
       unfolding of communities in large networks. *Journal of Statistical Mechanics*,
       P10008. https://doi.org/10.1088/1742-5468/2008/10/P10008

    Examples
    --------
    >>> G = nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(3))
    >>> louvain(G).groups
    [[0, 1, 2, 3], [4, 5, 6]]
    """
    U = nx.Graph(G) if G.is_directed() else G
    if U.number_of_edges() == 0:
        groups = [[n] for n in sorted(U, key=str)]
        return Communities({n: i for i, g in enumerate(groups) for n in g}, groups, None)
    if backend.use_igraph(U, settings):
        parts = backend.louvain(U, weight=weight, resolution=resolution, seed=seed)
    else:
        parts = nx.community.louvain_communities(U, weight=weight, resolution=resolution,
                                                 seed=seed)
    groups = sorted((sorted(p, key=str) for p in parts), key=lambda g: (-len(g), str(g[0])))
    membership = {n: i for i, g in enumerate(groups) for n in g}
    q = nx.community.modularity(U, parts, weight=weight, resolution=resolution)
    return Communities(membership, groups, float(q))


def core_numbers(G: nx.Graph, *, settings: Settings | None = None) -> dict[str, int]:
    """The k-core number of every node (Seidman 1983; Batagelj & Zaversnik 2003).

    References
    ----------
    .. [1] Seidman, S. B. (1983). Network structure and minimum degree. *Social Networks*,
       5(3), 269–287. https://doi.org/10.1016/0378-8733(83)90028-X

    Examples
    --------
    >>> core_numbers(nx.complete_graph(4))[0]
    3
    """
    if backend.use_igraph(G, settings):
        return backend.core_numbers(G)
    U = nx.Graph(G)
    U.remove_edges_from(list(nx.selfloop_edges(U)))
    return dict(nx.core_number(U))
