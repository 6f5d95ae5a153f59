"""Krackhardt–Stern E-I index at network, group and node level, with a permutation test.

E-I = (E − I) / (E + I), where E counts ties between groups and I ties within: −1 when all
ties stay inside groups, +1 when all cross them. Also nominal assortativity and the
mixing matrix, from networkx.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx
import numpy as np

from kg.network.arrays import ArrayGraph, tie_arrays


@dataclass
class EIResult:
    """E-I index of a network with its permutation test.

    ``expected`` is the E-I index if ties fell on pairs regardless of group
    (2 × share of between-group pairs − 1, Krackhardt & Stern 1988); ``permutation_mean``
    and the two one-sided p-values come from shuffling the group labels.
    """

    network: float | None
    external: int
    internal: int
    groups: dict[str, float | None]
    nodes: dict[str, float | None]
    expected: float | None
    permutation_mean: float | None
    p_greater: float | None
    p_less: float | None
    permutations: int


def _ratio(external: int, internal: int) -> float | None:
    total = external + internal
    return (external - internal) / total if total else None


def _codes(G: ArrayGraph, group_of: dict[str, str]) -> tuple[list[str], np.ndarray]:
    """The sorted group names and each node's group code, in node order."""
    names = sorted(set(group_of.values()))
    code = {g: i for i, g in enumerate(names)}
    return names, np.fromiter((code[group_of[n]] for n in G.node_list), dtype=np.int64,
                              count=len(G))


def _permuted(labels: np.ndarray, src: np.ndarray, dst: np.ndarray, permutations: int,
              seed: int, order: np.ndarray | None = None) -> np.ndarray:
    """Network E-I index under ``permutations`` random relabellings (sizes kept).

    :param order: the nodes in a canonical order (sorted by id): relabelling them in that
        order makes the test independent of the order the store returned them in.
    """
    rng = np.random.default_rng(seed)
    values = np.empty(permutations)
    order = np.arange(len(labels)) if order is None else order
    canonical = labels[order]
    perm = np.empty_like(labels)
    for k in range(permutations):
        perm[order] = rng.permutation(canonical)
        external = int((perm[src] != perm[dst]).sum())
        values[k] = (2 * external - len(src)) / len(src)
    return values


def ei_index(G: nx.Graph, attribute: str = "actor_type", *, permutations: int = 2000,
             seed: int = 0) -> EIResult:
    """Krackhardt–Stern E-I index by a node attribute.

    Parameters
    ----------
    G : networkx.Graph
        Simple graph; a directed graph counts arcs, weights are not used.
    attribute : str
        Node attribute giving the group.
    permutations : int
        Random relabellings (group sizes fixed) for the test; 0 skips the test.
    seed : int
        Seed of the relabellings, so the p-values are reproducible.

    Returns
    -------
    EIResult
        Network, group (ties within the group vs. ties leaving it) and node level
        indices; ``None`` where a node or group has no ties.

    References
    ----------
    .. [1] Krackhardt, D., & Stern, R. N. (1988). Informal networks and organizational
       crises: an experimental simulation. *Social Psychology Quarterly*, 51(2), 123–140.
       https://doi.org/10.2307/2786835

    Examples
    --------
    >>> G = nx.path_graph(4)
    >>> nx.set_node_attributes(G, {0: "x", 1: "x", 2: "y", 3: "y"}, "g")
    >>> round(ei_index(G, "g", permutations=0).network, 4)
    -0.3333
    """
    group_of = {n: str(G.nodes[n].get(attribute, "")) for n in G}
    A = tie_arrays(G)  # counted on tie arrays: no Python loop over ties
    names, labels = _codes(A, group_of)
    same = labels[A.src] == labels[A.dst]
    internal, external = int(same.sum()), int((~same).sum())
    k, n_nodes = len(names), len(A)
    group_in = np.bincount(labels[A.src][same], minlength=k)
    group_out = (np.bincount(labels[A.src][~same], minlength=k)
                 + np.bincount(labels[A.dst][~same], minlength=k))
    node_in = (np.bincount(A.src[same], minlength=n_nodes)
               + np.bincount(A.dst[same], minlength=n_nodes))
    node_out = (np.bincount(A.src[~same], minlength=n_nodes)
                + np.bincount(A.dst[~same], minlength=n_nodes))
    groups = {g: (int(e), int(i)) for g, e, i in zip(names, group_out, group_in, strict=True)}
    node_counts = {x: (e, i) for x, e, i in zip(A.node_list, node_out.tolist(),
                                                node_in.tolist(), strict=True)}
    sizes = Counter(group_of.values())
    n = G.number_of_nodes()
    pairs = n * (n - 1) / 2
    between = (pairs - sum(s * (s - 1) / 2 for s in sizes.values())) if pairs else 0
    expected = 2 * between / pairs - 1 if pairs else None
    observed = _ratio(external, internal)
    mean = p_greater = p_less = None
    if permutations and observed is not None:
        order = np.array(sorted(range(len(A.node_list)), key=lambda i: str(A.node_list[i])),
                         dtype=np.int64)
        values = _permuted(labels, A.src, A.dst, permutations, seed, order)
        mean = float(values.mean())
        p_greater = float((values >= observed - 1e-12).mean())
        p_less = float((values <= observed + 1e-12).mean())
    return EIResult(
        network=observed, external=external, internal=internal,
        groups={g: _ratio(*c) for g, c in groups.items()},
        nodes={x: _ratio(*c) for x, c in node_counts.items()},
        expected=expected, permutation_mean=mean, p_greater=p_greater, p_less=p_less,
        permutations=permutations,
    )


def mixing(G: nx.Graph, attribute: str = "actor_type") -> dict:
    """Nominal assortativity and the mixing matrix by a node attribute.

    Returns ``{"assortativity": r, "groups": [...], "matrix": [[...]]}`` where
    ``matrix[i][j]`` is the share of tie ends from group *i* to group *j*
    (``nx.attribute_mixing_matrix``, rows and columns in ``groups`` order).

    References
    ----------
    .. [1] Newman, M. E. J. (2003). Mixing patterns in networks. *Physical Review E*, 67,
       026126. https://doi.org/10.1103/PhysRevE.67.026126

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (2, 3)])
    >>> nx.set_node_attributes(G, {0: "a", 1: "a", 2: "b", 3: "b"}, "g")
    >>> mixing(G, "g")["assortativity"]
    1.0
    """
    groups = sorted({str(d.get(attribute, "")) for _, d in G.nodes(data=True)})
    if G.number_of_edges() == 0:
        return {"assortativity": None, "groups": groups, "matrix": []}
    # As nx.attribute_mixing_matrix, without copying the graph to make the values strings.
    mapping = {g: i for i, g in enumerate(groups)}
    code = {n: mapping[str(d.get(attribute, ""))] for n, d in G.nodes(data=True)}
    if isinstance(G, ArrayGraph):  # no self-loops
        codes = np.fromiter(code.values(), dtype=np.int64, count=len(code))
        ends = np.column_stack([codes[G.src], codes[G.dst]])
    else:
        ends = np.array([(code[u], code[v]) for u, v in G.edges()],
                        dtype=np.int64).reshape(-1, 2)
    matrix = np.zeros((len(groups), len(groups)))
    np.add.at(matrix, (ends[:, 0], ends[:, 1]), 1.0)
    if not G.is_directed():  # both directions of each tie, a self-loop once
        np.add.at(matrix, (ends[:, 1], ends[:, 0]), 1.0)
        loops = ends[ends[:, 0] == ends[:, 1]]
        np.add.at(matrix, (loops[:, 0], loops[:, 1]), -1.0)
    matrix /= matrix.sum()
    s = float((matrix @ matrix).sum())
    r = (float(matrix.trace()) - s) / (1 - s) if s != 1 else float("nan")
    return {"assortativity": None if r != r else float(r), "groups": groups,
            "matrix": [[float(x) for x in row] for row in matrix]}
