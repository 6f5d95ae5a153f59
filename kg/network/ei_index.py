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


def _count(G: nx.Graph, group_of: dict[str, str]) -> tuple[int, int]:
    external = sum(1 for u, v in G.edges() if u != v and group_of[u] != group_of[v])
    internal = sum(1 for u, v in G.edges() if u != v and group_of[u] == group_of[v])
    return external, internal


def _permuted(G: nx.Graph, group_of: dict[str, str], permutations: int,
              seed: int) -> np.ndarray:
    """Network E-I index under ``permutations`` random relabellings (sizes kept)."""
    index = {n: i for i, n in enumerate(G)}
    codes = {g: i for i, g in enumerate(sorted(set(group_of.values())))}
    labels = np.array([codes[group_of[n]] for n in G])
    ends = np.array([(index[u], index[v]) for u, v in G.edges() if u != v]).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    values = np.empty(permutations)
    for k in range(permutations):
        perm = rng.permutation(labels)
        external = int((perm[ends[:, 0]] != perm[ends[:, 1]]).sum())
        values[k] = (2 * external - len(ends)) / len(ends)
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
    external, internal = _count(G, group_of)
    groups: dict[str, list[int]] = {g: [0, 0] for g in sorted(set(group_of.values()))}
    node_counts = {n: [0, 0] for n in G}
    for u, v in G.edges():
        if u == v:
            continue
        same = group_of[u] == group_of[v]
        node_counts[u][same] += 1
        node_counts[v][same] += 1
        if same:
            groups[group_of[u]][1] += 1
        else:
            groups[group_of[u]][0] += 1
            groups[group_of[v]][0] += 1
    sizes = Counter(group_of.values())
    n = G.number_of_nodes()
    pairs = n * (n - 1) / 2
    between = (pairs - sum(s * (s - 1) / 2 for s in sizes.values())) if pairs else 0
    expected = 2 * between / pairs - 1 if pairs else None
    observed = _ratio(external, internal)
    mean = p_greater = p_less = None
    if permutations and observed is not None:
        values = _permuted(G, group_of, permutations, seed)
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
    ends = np.array([(code[u], code[v]) for u, v in G.edges()], dtype=np.int64).reshape(-1, 2)
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
