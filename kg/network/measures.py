"""The full measure set: per-node and whole-network measures of one graph, and of the
whole cooperation structure (actor projection, affiliation and delegation networks).

Results are plain dicts (JSON-ready: no NaN, no tuples as keys) so that the CLI, the
report and the service can serialise them as they are.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import Any

import networkx as nx

from kg.network import extract
from kg.network.brokerage import brokerage
from kg.network.centrality import actor_centrality, mediation, two_mode_centrality
from kg.network.centralization import centralization
from kg.network.communities import core_numbers, louvain
from kg.network.cooperation import (
    density,
    mean_overlap,
    multiplexity,
    plurality,
    programme_overlap,
    tripartite_coverage,
)
from kg.network.core_periphery import continuous_coreness
from kg.network.ei_index import ei_index, mixing
from kg.network.structural_holes import structural_holes
from kg.settings import Settings

log = logging.getLogger(__name__)

NODE_ATTRIBUTES = ("label", "label_en", "label_id", "kind", "actor_type", "is_state")
#: Above this many edges the E-I permutation test draws fewer relabellings.
PERMUTATION_EDGE_BUDGET = 2_000_000


def _permutations(G: nx.Graph, wanted: int) -> int:
    m = max(1, G.number_of_edges())
    return max(0, min(wanted, PERMUTATION_EDGE_BUDGET // m))


def measures(G: nx.Graph, *, settings: Settings | None = None, attribute: str = "actor_type",
             permutations: int = 2000, seed: int = 0, as_frame: bool = False) -> Any:
    """Every per-node and whole-network measure of one simple graph.

    Parameters
    ----------
    G : networkx.Graph or DiGraph
        A simple graph, typically :func:`kg.network.actor_network` (the weighted actor
        projection). Multigraphs are refused: collapse parallel edges first.
    settings : Settings, optional
        Betweenness exact limit and sample size.
    attribute : str
        Node attribute defining groups for brokerage and the E-I index.
    permutations : int
        Relabellings for the E-I permutation test (fewer on very large graphs).
    seed : int
        Seed of every random step (betweenness pivots, permutations).
    as_frame : bool
        Return a pandas DataFrame of the node measures instead (needs pandas).

    Returns
    -------
    dict
        ``{"graph": {...}, "nodes": {node: {...}}}``.

    Examples
    --------
    >>> G = nx.star_graph(3)
    >>> nx.set_node_attributes(G, {0: "io", 1: "gov", 2: "gov", 3: "ngo"}, "actor_type")
    >>> m = measures(G, permutations=0)
    >>> m["graph"]["centralization"]["degree"], m["nodes"][0]["betweenness"]
    (1.0, 1.0)
    """
    if G.is_multigraph():
        raise nx.NetworkXNotImplemented("measures need a simple graph")
    U = nx.Graph(G) if G.is_directed() else G
    central = actor_centrality(U, settings=settings)
    holes = structural_holes(U)
    core = continuous_coreness(U)
    communities = louvain(U, seed=42)
    kcore = core_numbers(U)
    broker = brokerage(G, attribute)
    ei = ei_index(U, attribute, permutations=_permutations(U, permutations), seed=seed)
    nodes = {}
    for node in G:
        data = G.nodes[node]
        row = {k: data[k] for k in NODE_ATTRIBUTES if k in data}
        row.update(central[node])
        row.update(holes[node])
        row.update(coreness=core.coreness[node], community=communities.membership[node],
                   core_number=kcore[node], ei_index=ei.nodes[node])
        row.update({f"brokerage_{r}": v for r, v in broker.raw[node].items()})
        row.update({f"brokerage_{r}_z": v for r, v in broker.z[node].items()})
        nodes[node] = row
    graph = {
        "nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "density": density(G),
        "components": nx.number_connected_components(U) if U.number_of_nodes() else 0,
        "centralization": centralization(U),
        "core_periphery_fit": core.fit, "modularity": communities.modularity,
        "communities": len(communities.groups),
        "brokerage": broker.network, "brokerage_density": broker.density,
        "ei_index": {k: v for k, v in asdict(ei).items() if k != "nodes"},
        "mixing": mixing(U, attribute),
        "multiplexity": multiplexity(U),
    }
    if as_frame:
        import pandas as pd

        return pd.DataFrame.from_dict(nodes, orient="index")
    return {"graph": graph, "nodes": nodes}


def _donors_and_domestic(D: nx.Graph) -> tuple[list[str], list[str]]:
    donors = sorted(n for n, d in D.nodes(data=True) if d.get("actor_type") == "donor")
    domestic = sorted(n for n, d in D.nodes(data=True)
                      if d.get("actor_type") not in {"donor", "international-organisation"})
    return donors, domestic


def cooperation_measures(M: nx.MultiDiGraph, *, year: int | None = None,
                         settings: Settings | None = None, seed: int = 0) -> dict[str, Any]:
    """The full analysis of a cooperation network, as the report uses it.

    Parameters
    ----------
    M : networkx.MultiDiGraph
        The multiplex network from :func:`kg.network.extract.extract_multiplex`.
    year : int, optional
        Restrict to the programmes running in that year.

    Returns
    -------
    dict
        ``actors`` (:func:`measures` of the participation projection), ``delegation``
        (brokerage, donor → domestic mediation and betweenness on the delegation
        network), ``two_mode`` centralities, programme ``overlap`` and its mean,
        ``tripartite`` coverage, ``plurality``, ``multiplexity`` of the combined
        projection, and the programmes' labels.

    Examples
    --------
    >>> from kg.network.synthetic import synthetic_store
    >>> M = extract.extract_multiplex(synthetic_store(n_actors=30, n_programmes=3, seed=4))
    >>> sorted(cooperation_measures(M))[:3]
    ['actors', 'combined', 'delegation']
    """
    view = extract.year_view(M, year) if year is not None else M
    G = extract.network_view(view, projection="actors")
    B = extract.affiliation_graph(view, extract.Layer.PARTICIPATION)
    D = extract.delegation_graph(view)
    combined = extract.network_view(view, layer=None, projection="actors")
    donors, domestic = _donors_and_domestic(D)
    broker = brokerage(D)
    overlap = programme_overlap(B)
    programmes = {n: {k: d[k] for k in ("label", "label_en", "label_id", "start", "end",
                                         "number") if k in d}
                  for n, d in view.nodes(data=True) if d.get("kind") == "programme"}
    return {
        "year": year,
        "actors": measures(G, settings=settings, seed=seed),
        "delegation": {
            "nodes": D.number_of_nodes(), "edges": D.number_of_edges(),
            "brokerage": asdict(broker),
            "mediation": mediation(D, donors, domestic) if donors and domestic else {},
            "donors": donors, "domestic": domestic,
        },
        "two_mode": two_mode_centrality(B),
        "overlap": overlap, "mean_overlap": mean_overlap(overlap),
        "tripartite": tripartite_coverage(B),
        "plurality": plurality(G),
        "combined": {"density": density(combined), "multiplexity": multiplexity(combined),
                     "nodes": combined.number_of_nodes(), "edges": combined.number_of_edges()},
        "programmes": dict(sorted(programmes.items())),
        "years": extract.network_years(M),
    }
