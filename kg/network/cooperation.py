"""Measures of the cooperation structure itself: overlap, tripartism, plurality, multiplexity.

These operationalise the neoliberal-institutionalist concepts the paper uses: plural
state and non-state actors, interdependence, and the ILO's tripartism (government,
employers and workers at one table).
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import combinations

import networkx as nx
import numpy as np

from kg.network.arrays import ArrayGraph, Incidence

#: Which actor types count for each seat of ILO tripartism.
TRIPARTITE_SEATS = {
    "government": frozenset({"state-government", "government-body"}),
    "employers": frozenset({"employers-organisation"}),
    "workers": frozenset({"workers-organisation"}),
}


def _members(B: nx.Graph, event: str) -> set[str]:
    return {n for n in B[event] if B.nodes[n].get("bipartite") == 0}


def _events(B: nx.Graph) -> list[str]:
    return sorted(n for n, d in B.nodes(data=True) if d.get("bipartite") == 1)


def programme_overlap(B: nx.Graph) -> dict[str, dict[str, float]]:
    """Jaccard similarity of the participant sets of every pair of programmes.

    Parameters
    ----------
    B : networkx.Graph
        Affiliation network (actors ``bipartite=0``, programmes ``bipartite=1``).

    Returns
    -------
    dict
        ``{p: {q: |A_p ∩ A_q| / |A_p ∪ A_q|}}`` for p ≠ q, both directions.

    References
    ----------
    .. [1] Jaccard, P. (1912). The distribution of the flora in the alpine zone. *New
       Phytologist*, 11(2), 37–50. https://doi.org/10.1111/j.1469-8137.1912.tb05611.x

    Examples
    --------
    >>> B = nx.Graph([("a", "p"), ("b", "p"), ("b", "q"), ("c", "q")])
    >>> nx.set_node_attributes(B, {"a": 0, "b": 0, "c": 0, "p": 1, "q": 1}, "bipartite")
    >>> round(programme_overlap(B)["p"]["q"], 4)
    0.3333
    """
    events = _events(B)
    members = {e: _members(B, e) for e in events}
    out: dict[str, dict[str, float]] = {e: {} for e in events}
    for p, q in combinations(events, 2):
        union = members[p] | members[q]
        value = len(members[p] & members[q]) / len(union) if union else 0.0
        out[p][q] = out[q][p] = value
    return out


def mean_overlap(overlap: dict[str, dict[str, float]]) -> float | None:
    """Mean Jaccard overlap over the unordered programme pairs (``None`` below two)."""
    values = [v for p, row in overlap.items() for q, v in row.items() if p < q]
    return sum(values) / len(values) if values else None


def tripartite_coverage(B: nx.Graph) -> dict[str, dict[str, object]]:
    """Whether government, employers and workers each take part in every programme.

    Parameters
    ----------
    B : networkx.Graph or Incidence
        Participation affiliation network (a graph, or the affiliation matrix of a large
        one); actors carry ``actor_type``.

    Returns
    -------
    dict
        Programme → ``{"government": [...], "employers": [...], "workers": [...],
        "seats": k, "tripartite": bool}`` with the sorted actors filling each seat.

    References
    ----------
    .. [1] ILO (1976). Tripartite Consultation (International Labour Standards)
       Convention, No. 144. https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:C144

    Examples
    --------
    >>> B = nx.Graph([("gov", "p"), ("emp", "p")])
    >>> types = {"gov": "government-body", "emp": "employers-organisation"}
    >>> nx.set_node_attributes(B, types, "actor_type")
    >>> nx.set_node_attributes(B, {"gov": 0, "emp": 0, "p": 1}, "bipartite")
    >>> tripartite_coverage(B)["p"]["tripartite"]
    False
    """
    if isinstance(B, Incidence):  # the affiliation matrix of a large network
        seated = _seated_members(B)
    else:
        seated = {}
        for event in _events(B):
            members = [(a, B.nodes[a].get("actor_type")) for a in _members(B, event)]
            seated[event] = {seat: sorted(a for a, type_ in members if type_ in types)
                             for seat, types in TRIPARTITE_SEATS.items()}
    out: dict[str, dict[str, object]] = {}
    for event in sorted(seated):
        row: dict[str, object] = dict(seated[event])
        seats = sum(1 for seat in TRIPARTITE_SEATS if row[seat])
        row.update(seats=seats, tripartite=seats == len(TRIPARTITE_SEATS))
        out[event] = row
    return out


def _seated_members(B: Incidence) -> dict[str, dict[str, list[str]]]:
    """Per event, the sorted actors filling each tripartite seat, by array sorting."""
    seat_names = list(TRIPARTITE_SEATS)
    seat_of_type = {t: k for k, types in enumerate(TRIPARTITE_SEATS.values()) for t in types}
    seat = np.fromiter((seat_of_type.get(d.get("actor_type"), -1) for d in B.actor_data),
                       dtype=np.int64, count=len(B.actors))
    rank = np.empty(len(B.actors), dtype=np.int64)
    rank[sorted(range(len(B.actors)), key=B.actors.__getitem__)] = np.arange(len(B.actors))
    X = B.binary().tocoo()
    actor, event = X.row, X.col
    keep = seat[actor] >= 0
    actor, event = actor[keep], event[keep]
    order = np.lexsort((rank[actor], seat[actor], event))
    actor, event, seats = actor[order], event[order], seat[actor[order]]
    out: dict[str, dict[str, list[str]]] = {
        e: {name: [] for name in seat_names} for e in B.events}
    names, events = B.actors, B.events
    for a, e, k in zip(actor.tolist(), event.tolist(), seats.tolist(), strict=True):
        out[events[e]][seat_names[k]].append(names[a])
    return out


def diversity(counts: Counter) -> dict[str, float]:
    """Shannon entropy (natural log), its evenness, and Blau's index of a distribution.

    References
    ----------
    .. [1] Blau, P. M. (1977). *Inequality and Heterogeneity*. Free Press.
    .. [2] Shannon, C. E. (1948). A mathematical theory of communication. *Bell System
       Technical Journal*, 27(3), 379–423. https://doi.org/10.1002/j.1538-7305.1948.tb01338.x

    Examples
    --------
    >>> d = diversity(Counter({"a": 1, "b": 1}))
    >>> round(d["shannon"], 4), d["blau"], d["evenness"]
    (0.6931, 0.5, 1.0)
    """
    total = sum(counts.values())
    shares = [c / total for c in counts.values() if c] if total else []
    shannon = -sum(p * math.log(p) for p in shares)
    k = len(shares)
    return {"shannon": shannon, "evenness": shannon / math.log(k) if k > 1 else 0.0,
            "blau": 1 - sum(p * p for p in shares)}


def plurality(G: nx.Graph) -> dict[str, object]:
    """Plurality of the actors: non-state share and diversity of actor types.

    Counts the nodes of ``G`` that are actors (``kind == "actor"``): the share with
    ``is_state`` false, the number per ``actor_type``, and :func:`diversity` of the types.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("ilo", kind="actor", actor_type="international-organisation",
    ...            is_state=False)
    >>> G.add_node("gov", kind="actor", actor_type="state-government", is_state=True)
    >>> plurality(G)["non_state_share"]
    0.5
    """
    actors = [d for _, d in G.nodes(data=True) if d.get("kind", "actor") == "actor"]
    types = Counter(str(d.get("actor_type", "unclassified")) for d in actors)
    non_state = sum(1 for d in actors if not d.get("is_state", False))
    return {"actors": len(actors), "non_state": non_state,
            "non_state_share": non_state / len(actors) if actors else 0.0,
            "types": dict(sorted(types.items())), "type_count": len(types),
            **diversity(types)}


def multiplexity(G: nx.Graph, attribute: str = "programmes") -> dict[str, float]:
    """How many distinct relations each tie carries (Verbrugge 1979).

    A tie of the actor projection carries the programmes (and instruments) its two actors
    share; it is multiplex when it carries two or more.

    Returns
    -------
    dict
        ``{"ties": m, "multiplex_ties": k, "multiplex_share": k / m, "mean": …}``.

    References
    ----------
    .. [1] Verbrugge, L. M. (1979). Multiplexity in adult friendships. *Social Forces*,
       57(4), 1286–1309. https://doi.org/10.2307/2577271

    Examples
    --------
    >>> G = nx.Graph([("a", "b", {"programmes": ("p", "q")}), ("b", "c", {"programmes": ("p",)})])
    >>> multiplexity(G)["multiplex_share"]
    0.5
    """
    if isinstance(G, ArrayGraph):  # the relations each tie carries, counted already
        sizes = G.relations
        ties, multiplex, total = len(sizes), int((sizes >= 2).sum()), int(sizes.sum())
    else:
        counts = [len(d.get(attribute, ()) or ()) for _, _, d in G.edges(data=True)]
        ties, multiplex, total = len(counts), sum(1 for s in counts if s >= 2), sum(counts)
    return {"ties": ties, "multiplex_ties": multiplex,
            "multiplex_share": multiplex / ties if ties else 0.0,
            "mean": total / ties if ties else 0.0}


def density(G: nx.Graph) -> float:
    """Share of possible ties present (``nx.density``; 0 for fewer than two nodes).

    Examples
    --------
    >>> density(nx.path_graph(3))
    0.6666666666666666
    """
    n = G.number_of_nodes()
    if n <= 1:
        return 0.0
    if isinstance(G, ArrayGraph):
        return G.number_of_edges() / (n * (n - 1)) * (1 if G.is_directed() else 2)
    return float(nx.density(G))
