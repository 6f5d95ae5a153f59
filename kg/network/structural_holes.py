"""Burt's structural-hole measures: constraint, effective size, efficiency, hierarchy.

Constraint, effective size and efficiency come from networkx; hierarchy, which networkx
lacks, is written here from Burt (1992, eq. 2.4). All four run on a *simple* weighted
graph: parallel edges would change the proportional tie strengths :math:`p_{ij}`.
"""

from __future__ import annotations

import math

import networkx as nx

from kg.network import backend
from kg.network.arrays import ArrayGraph
from kg.settings import Settings


def _simple(G: nx.Graph | ArrayGraph) -> nx.Graph | ArrayGraph:
    if isinstance(G, ArrayGraph):
        return G.undirected()  # simple, no self-loops
    if G.is_multigraph():
        raise nx.NetworkXNotImplemented("structural holes need a simple graph; "
                                        "collapse parallel edges first")
    H = nx.Graph(G) if G.is_directed() else G
    if nx.number_of_selfloops(H):
        H = H.copy()
        H.remove_edges_from(list(nx.selfloop_edges(H)))
    return H


def _proportions(H: nx.Graph, weight: str | None) -> dict[str, dict[str, float]]:
    """Burt's p_ij: the share of i's tie strength invested in j (undirected graph)."""
    p: dict[str, dict[str, float]] = {}
    for i in H:
        ties = {j: float(d.get(weight, 1) if weight else 1) for j, d in H[i].items() if j != i}
        total = sum(ties.values())
        p[i] = {j: w / total for j, w in ties.items()} if total else {}
    return p


def _local_constraint(H: nx.Graph, p: dict[str, dict[str, float]], i: str, j: str) -> float:
    """c_ij = (p_ij + sum_q p_iq p_qj)^2, as ``nx.local_constraint`` but with p cached."""
    indirect = sum(p[i][q] * p[q].get(j, 0.0) for q in p[i] if q != j)
    return (p[i].get(j, 0.0) + indirect) ** 2


def hierarchy(G: nx.Graph, *, weight: str | None = "weight") -> dict[str, float | None]:
    """Burt's hierarchy: how far an actor's constraint is concentrated in one contact.

    .. math:: H_i = \\frac{\\sum_j \\frac{c_{ij}}{C/N} \\ln \\frac{c_{ij}}{C/N}}{N \\ln N}

    with :math:`c_{ij}` the local constraint of contact :math:`j` on :math:`i`,
    :math:`C = \\sum_j c_{ij}` and :math:`N` the number of contacts. 0 when every contact
    constrains equally, approaching 1 when one contact holds all the constraint.

    Parameters
    ----------
    G : networkx.Graph
        A simple graph (directed graphs are symmetrised).
    weight : str, optional
        Edge attribute of tie strength.

    Returns
    -------
    dict
        Node → hierarchy; ``None`` for nodes with fewer than two contacts (undefined).

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
       Harvard University Press, pp. 70–71. https://doi.org/10.4159/9780674029095

    Examples
    --------
    >>> hierarchy(nx.star_graph(3))[0]
    0.0
    """
    H = _simple(G)
    p = _proportions(H, weight)
    out: dict[str, float | None] = {}
    for node in H:
        contacts = [n for n in H[node] if n != node]
        size = len(contacts)
        if size < 2:
            out[node] = None
            continue
        local = [_local_constraint(H, p, node, j) for j in contacts]
        total = sum(local)
        if total == 0:
            out[node] = 0.0
            continue
        ratios = [c / (total / size) for c in local]
        value = sum(r * math.log(r) for r in ratios if r > 0) / (size * math.log(size))
        out[node] = float(value) if abs(value) > 1e-12 else 0.0
    return out


def structural_holes(G: nx.Graph, *, weight: str | None = "weight",
                     settings: Settings | None = None) -> dict[str, dict]:
    """Constraint, effective size, efficiency and hierarchy per node.

    Efficiency is effective size divided by the number of contacts (Burt 1992, p. 52).
    Isolates get ``None`` where a measure is undefined (networkx returns NaN). Constraint
    runs on python-igraph above ``settings.network_igraph_limit`` ties; above
    ``settings.structural_holes_exact_limit`` ties effective size, efficiency and hierarchy
    (quadratic in degree, in Python) are ``None``, and above ``settings.constraint_limit``
    constraint is too (see :func:`structural_holes_notes`).

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
       Harvard University Press. https://doi.org/10.4159/9780674029095
    .. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
       *Connections*, 20(1), 35–38.

    Examples
    --------
    >>> sh = structural_holes(nx.complete_graph(3), weight=None)
    >>> sh[0]["constraint"], sh[0]["effective_size"]
    (1.125, 1.0)
    """
    settings = settings or Settings()
    H = _simple(G)
    if H.number_of_edges() > settings.constraint_limit:
        constraint: dict = dict.fromkeys(H)
    elif backend.use_igraph(H, settings):
        constraint = backend.constraint(H, weight=weight)
    else:
        constraint = nx.constraint(H, weight=weight)
    if H.number_of_edges() > min(settings.structural_holes_exact_limit,
                                 settings.constraint_limit):
        effective = hier = dict.fromkeys(H)
    else:  # Python measures: an array graph this small is converted
        N = H.to_networkx() if isinstance(H, ArrayGraph) else H
        effective = nx.effective_size(N, weight=weight)
        hier = hierarchy(N, weight=weight)
    sizes = (dict(zip(H.node_list, H.degrees().tolist(), strict=True))
             if isinstance(H, ArrayGraph) else dict(H.degree()))

    def clean(value: float | None) -> float | None:
        return None if value is None or math.isnan(value) else float(value)

    out = {}
    for node in H:
        size = sizes[node]
        eff = clean(effective[node])
        out[node] = {
            "constraint": clean(constraint[node]),
            "effective_size": eff,
            "efficiency": eff / size if eff is not None and size else None,
            "hierarchy": hier[node],
        }
    return out


def structural_holes_notes(G: nx.Graph, settings: Settings | None = None) -> list[str]:
    """A sentence when :func:`structural_holes` leaves measures out on ``G``."""
    settings = settings or Settings()
    if G.number_of_edges() > settings.constraint_limit:
        return [f"constraint, effective size, efficiency and hierarchy are left out: the "
                f"network has {G.number_of_edges()} ties, more than constraint_limit = "
                f"{settings.constraint_limit}"]
    if G.number_of_edges() <= settings.structural_holes_exact_limit:
        return []
    return [f"effective size, efficiency and hierarchy are left out: the network has "
            f"{G.number_of_edges()} ties, more than structural_holes_exact_limit = "
            f"{settings.structural_holes_exact_limit} (constraint is computed)"]
