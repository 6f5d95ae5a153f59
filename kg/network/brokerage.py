"""Gould–Fernandez brokerage roles (missing in networkx), as R's ``sna::brokerage`` reports.

A node *j* brokers on every two-path *i → j → k* (i ≠ k) with no direct tie *i → k*.
The role depends on the groups of *i*, *j* and *k*:

=================  ==========  ===========================
role               sna column  groups
=================  ==========  ===========================
coordinator        ``w_I``     i, j, k in one group
itinerant          ``w_O``     i, k in one group, j outside
representative     ``b_IO``    i, j in one group, k outside
gatekeeper         ``b_OI``    j, k in one group, i outside
liaison            ``b_O``     all three groups differ
=================  ==========  ===========================

Expected counts and standard deviations are those of ``sna::brokerage`` (Butts), under
the baseline in which ties form independently with the observed density and group
membership is fixed; z-scores are (observed − expected) / sd.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from itertools import permutations

import networkx as nx
import numpy as np
from scipy import sparse

from kg.network import backend
from kg.network.arrays import ArrayGraph, tie_arrays
from kg.settings import Settings


class BrokerageRole(Enum):
    """The five Gould–Fernandez roles and their total, in ``sna`` column order."""

    COORDINATOR = "coordinator"
    ITINERANT = "itinerant"
    REPRESENTATIVE = "representative"
    GATEKEEPER = "gatekeeper"
    LIAISON = "liaison"
    TOTAL = "total"


ROLES = tuple(BrokerageRole)


@dataclass
class Brokerage:
    """The result of :func:`brokerage`: per node, per group and for the whole network.

    ``raw``, ``expected``, ``sd`` and ``z`` map node → role value → number (sna's
    ``raw.nli``, ``exp.nli``, ``sd.nli``, ``z.nli``); ``network`` maps role value →
    ``{"raw", "expected", "sd", "z"}`` (``raw.gli`` … ``z.gli``); ``groups`` maps group →
    role value → ``{"expected", "sd"}`` (``exp.grp``, ``sd.grp``). A z-score is ``None``
    where the standard deviation is 0.
    """

    raw: dict[str, dict[str, int]]
    expected: dict[str, dict[str, float]]
    sd: dict[str, dict[str, float]]
    z: dict[str, dict[str, float | None]]
    network: dict[str, dict[str, float | None]]
    groups: dict[str, dict[str, dict[str, float]]]
    density: float
    group_of: dict[str, str] = field(default_factory=dict)


def _role(gi: str, gj: str, gk: str) -> BrokerageRole:
    if gi == gj:
        return BrokerageRole.COORDINATOR if gj == gk else BrokerageRole.REPRESENTATIVE
    if gj == gk:
        return BrokerageRole.GATEKEEPER
    if gi == gk:
        return BrokerageRole.ITINERANT
    return BrokerageRole.LIAISON


def brokerage_counts(D: nx.DiGraph, group_of: dict[str, str]) -> dict[str, Counter]:
    """Observed role counts per broker (sna's ``raw.nli`` without the total).

    Counted by groups rather than two-path by two-path: for broker *j*, every pair of a
    predecessor group and a successor group contributes the product of their sizes, less
    the pairs with *i* = *k* and the closed ones (*i* → *k*), which are found by set
    intersection. Same counts, without enumerating the open two-paths (a hub with a
    thousand predecessors and successors has a million).
    """
    counts: dict[str, Counter] = {j: Counter() for j in D}
    for j in D:
        preds = [i for i in D.predecessors(j) if i != j]
        succs = set(D.successors(j))
        succs.discard(j)
        if not preds or not succs:
            continue
        pairs: Counter = Counter()
        out_groups = Counter(group_of[k] for k in succs)
        for g, a in Counter(group_of[i] for i in preds).items():
            for h, b in out_groups.items():
                pairs[g, h] += a * b
        for i in preds:
            gi = group_of[i]
            if i in succs:
                pairs[gi, gi] -= 1
            for k in succs.intersection(D.succ[i]):
                if k != i:
                    pairs[gi, group_of[k]] -= 1
        gj = group_of[j]
        for (g, h), c in pairs.items():
            if c:
                counts[j][_role(g, gj, h)] += c
    return counts


def _closed_pairs(A: sparse.csr_matrix, onehot: sparse.csr_matrix, *,
                  budget: int = 20_000_000) -> np.ndarray:
    r"""Per node j and groups (g, h): ordered pairs of tied neighbours i (in g), k (in h).

    Row blocks of :math:`(A_J P_g A) \circ A_J` summed by the group of k, with the
    blocks sized so that a block's two-paths stay within ``budget`` (bounded memory).
    """
    n, k = onehot.shape
    groups = onehot.indices
    out = np.zeros((n, k, k), dtype=np.int64)
    degree = np.diff(A.indptr)
    two_paths = np.asarray(A @ degree.astype(float)).ravel()  # per row: sum of degrees
    start = 0
    while start < n:
        stop = start + 1
        total = two_paths[start]
        while stop < n and total + two_paths[stop] <= budget:
            total += two_paths[stop]
            stop += 1
        rows = A[start:stop]
        for g in range(k):
            members = np.flatnonzero(groups == g)
            paths = rows[:, members] @ A[members]
            closed = paths.multiply(rows).tocsr() @ onehot
            out[start:stop, g, :] = np.asarray(closed.todense(), dtype=np.int64)
        start = stop
    return out


def _undirected_counts(G: nx.Graph, group_of: dict[str, str]) -> dict[str, Counter]:
    """:func:`brokerage_counts` of an undirected graph (each tie in both directions).

    For broker *j* with :math:`a_g` neighbours in group *g*, the ordered pairs of
    neighbours in groups (g, h) number :math:`a_g a_h - [g = h] a_g`, less the closed
    pairs: the ordered pairs of neighbours tied to each other (:func:`_closed_pairs`).
    Both come from sparse products, so no Python loop runs over ties.
    """
    ties = tie_arrays(G)  # each tie once, no self-loops
    nodes = ties.node_list
    n = len(nodes)
    names = sorted(set(group_of.values()))
    code = {g: c for c, g in enumerate(names)}
    k = len(names)
    groups = np.fromiter((code[group_of[v]] for v in nodes), dtype=np.int64, count=n)
    A = ties.adjacency(weighted=False)
    onehot = sparse.csr_matrix((np.ones(n), (np.arange(n), groups)), shape=(n, k))
    a = np.asarray((A @ onehot).todense(), dtype=np.int64)
    pairs = a[:, :, None] * a[:, None, :]
    pairs[:, np.arange(k), np.arange(k)] -= a
    pairs -= _closed_pairs(A, onehot)
    role = np.array([[[ROLES.index(_role(names[g], names[gj], names[h])) for h in range(k)]
                      for g in range(k)] for gj in range(k)], dtype=np.int64)
    per_role = np.zeros((n, len(ROLES) - 1), dtype=np.int64)
    node_roles = role[groups].reshape(n, -1)
    flat = pairs.reshape(n, -1)
    for r in range(len(ROLES) - 1):
        per_role[:, r] = np.where(node_roles == r, flat, 0).sum(axis=1)
    return {v: Counter({ROLES[r]: int(c) for r, c in enumerate(row) if c})
            for v, row in zip(nodes, per_role.tolist(), strict=True)}


def _choose2(x: float) -> float:
    return x * (x - 1) / 2


def _group_moments(n: dict[str, float], N: float, d: float) -> dict[str, list[tuple]]:
    """Expected value and variance of each role for a broker of each group (sna)."""
    a, b = d * d * (1 - d), d**3 * (1 - d) ** 3
    out = {}
    for g, ni in n.items():
        others = [x for h, x in n.items() if h != g]
        e = [a * (ni - 1) * (ni - 2),
             a * sum(x * (x - 1) for x in others),
             a * (N - ni) * (ni - 1)]
        e += [e[2], a * (sum(others) ** 2 - sum(x * x for x in others)), a * (N - 1) * (N - 2)]
        extra = [2 * (ni - 1) * (ni - 2) * (ni - 3) * b,
                 2 * sum(x * (x - 1) * (x - 2) for x in others) * b,
                 2 * ((ni - 1) * _choose2(N - ni) + (N - ni) * _choose2(ni - 1)) * b]
        extra += [extra[2], 4 * sum(x * _choose2(N - x - ni) for x in others) * b,
                  2 * (N - 1) * (N - 2) * (N - 3) * b]
        out[g] = [(ev, ev * (1 - a) + ex) for ev, ex in zip(e, extra, strict=True)]
    return out


def _network_moments(n: list[float], N: float, d: float) -> list[tuple[float, float]]:
    """Expected value and variance of the network's role totals (sna's ``exp.gli``)."""
    a = d * d * (1 - d)
    b3, b4, b5 = d**3 * (1 - d) ** 3, d**4 * (1 - d) ** 2, d**5 * (1 - d)
    e1 = a * sum(x * (x - 1) * (x - 2) for x in n)
    v1 = sum(x * (x - 1) * (x - 2) * ((4 * x - 10) * b3 - 4 * (x - 3) * b4 + (x - 3) * b5)
             for x in n)
    e2 = a * sum(x * (N - x) * (x - 1) for x in n)
    v2 = sum(x * y * (x - 1) * ((2 * x + 2 * y - 6) * b3 + (N - x - 1) * b5)
             for i, x in enumerate(n) for j, y in enumerate(n) if i != j)
    v3 = sum(x * (N - x) * (x - 1) * ((N - 3) * b3 + (x - 2) * b5) for x in n)
    e5 = a * sum(x * y * (N - x - y) for i, x in enumerate(n) for j, y in enumerate(n) if i != j)
    v5 = sum(x * y * z * ((4 * (N - y) - 2 * (x + z + 1)) * b3
                          - (4 * (N - z) - 2 * (x + y + 1)) * b4 + (N - (x + z + 1)) * b5)
             for x, y, z in permutations(n, 3))
    e6 = a * N * (N - 1) * (N - 2)
    v6 = N * (N - 1) * (N - 2) * ((4 * N - 10) * b3 - 4 * (N - 3) * b4 + (N - 3) * b5)
    es = [e1, e2, e2, e2, e5, e6]
    vs = [v1, v2, v3, v3, v5, v6]
    return [(e, e * (1 - a) + v) for e, v in zip(es, vs, strict=True)]


def _z(raw: float, expected: float, var: float) -> float | None:
    sd = math.sqrt(var) if var > 0 else 0.0
    return (raw - expected) / sd if sd > 0 else None


def brokerage(G: nx.Graph, attribute: str = "actor_type", *,
              settings: Settings | None = None) -> Brokerage:
    """Gould–Fernandez brokerage scores with sna's expected values and z-scores.

    Parameters
    ----------
    G : networkx.DiGraph or Graph
        Ties; an undirected graph counts each tie in both directions (as sna does with a
        symmetric matrix). Self-loops are ignored; weights are not used.
    attribute : str
        Node attribute giving each node's group (e.g. actor type).
    settings : Settings, optional
        Above ``network_igraph_limit`` ties an undirected graph's closed two-paths are
        counted by sparse matrix products (same counts, no Python loop over ties).

    Returns
    -------
    Brokerage

    References
    ----------
    .. [1] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a formal
       approach to brokerage in transaction networks. *Sociological Methodology*, 19,
       89–126. https://doi.org/10.2307/270949
    .. [2] Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
       Software*, 24(6). https://doi.org/10.18637/jss.v024.i06

    Examples
    --------
    >>> D = nx.DiGraph([("donor", "ilo"), ("ilo", "ministry")])
    >>> nx.set_node_attributes(D, {"donor": "d", "ilo": "io", "ministry": "gov"}, "group")
    >>> brokerage(D, "group").raw["ilo"]["liaison"]
    1
    """
    if isinstance(G, ArrayGraph) and G.is_directed():
        G = G.to_networkx()  # counted two-path by two-path
    if not G.is_directed() and not G.is_multigraph() and backend.use_igraph(G, settings):
        D = G  # counted by sparse products: no directed copy of a large graph
        group_of = {node: str(D.nodes[node].get(attribute, "")) for node in D}
        counts = _undirected_counts(G, group_of)
        loops = 0 if isinstance(G, ArrayGraph) else nx.number_of_selfloops(G)
        m = 2 * (G.number_of_edges() - loops)
    else:
        D = nx.DiGraph(G) if not G.is_directed() or G.is_multigraph() else G
        D = D.copy() if nx.number_of_selfloops(D) else D
        D.remove_edges_from(list(nx.selfloop_edges(D)))
        group_of = {node: str(D.nodes[node].get(attribute, "")) for node in D}
        counts = brokerage_counts(D, group_of)
        m = D.number_of_edges()
    N = float(D.number_of_nodes())
    d = m / (N * (N - 1)) if N > 1 else 0.0
    sizes = Counter(group_of.values())
    n = {g: float(sizes[g]) for g in sorted(sizes)}
    moments = _group_moments(n, N, d)
    raw, exp_, sd, z = {}, {}, {}, {}
    for node in D:
        row = [counts[node][r] for r in ROLES[:-1]]
        row.append(sum(row))
        mom = moments[group_of[node]]
        raw[node] = {r.value: int(v) for r, v in zip(ROLES, row, strict=True)}
        exp_[node] = {r.value: e for r, (e, _) in zip(ROLES, mom, strict=True)}
        sd[node] = {r.value: math.sqrt(max(v, 0.0)) for r, (_, v) in zip(ROLES, mom, strict=True)}
        z[node] = {r.value: _z(x, e, v) for r, x, (e, v) in zip(ROLES, row, mom, strict=True)}
    totals = [sum(raw[node][r.value] for node in D) for r in ROLES]
    network = {r.value: {"raw": t, "expected": e, "sd": math.sqrt(max(v, 0.0)), "z": _z(t, e, v)}
               for r, t, (e, v) in zip(ROLES, totals, _network_moments(list(n.values()), N, d),
                                       strict=True)}
    groups = {g: {r.value: {"expected": e, "sd": math.sqrt(max(v, 0.0))}
                  for r, (e, v) in zip(ROLES, moments[g], strict=True)} for g in n}
    return Brokerage(raw, exp_, sd, z, network, groups, d, group_of)
