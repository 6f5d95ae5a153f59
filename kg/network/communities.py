"""Communities (Louvain with a fixed seed) and k-cores."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from kg.network import backend
from kg.network.arrays import ArrayGraph, undirected
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
    U = undirected(G)
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
    if isinstance(U, ArrayGraph):
        q = array_modularity(U, membership, weighted=weight is not None, resolution=resolution)
    else:
        q = nx.community.modularity(U, parts, weight=weight, resolution=resolution)
    return Communities(membership, groups, float(q))


def array_modularity(G: ArrayGraph, membership: dict, *, weighted: bool = True,
                     resolution: float = 1.0) -> float:
    """Newman's modularity of a partition of an undirected array graph, as
    ``nx.community.modularity``: the sum over communities of :math:`L_c / m - \\gamma
    (d_c / 2m)^2` (:math:`L_c` the weight inside community *c*, :math:`d_c` its total
    strength, *m* the total weight)."""
    label = np.fromiter((membership[n] for n in G.node_list), dtype=np.int64, count=len(G))
    w = G.weight if weighted else np.ones(G.number_of_edges())
    m = float(w.sum())
    if m == 0:
        return 0.0
    k = int(label.max(initial=-1)) + 1
    inside = np.bincount(label[G.src], weights=np.where(label[G.src] == label[G.dst], w, 0.0),
                         minlength=k)
    strength = (np.bincount(G.src, weights=w, minlength=len(G))
                + np.bincount(G.dst, weights=w, minlength=len(G)))
    total = np.bincount(label, weights=strength, minlength=k)
    return float((inside / m - resolution * (total / (2 * m)) ** 2).sum())


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
