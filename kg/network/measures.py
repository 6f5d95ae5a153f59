"""The full measure set: per-node and whole-network measures of one graph, and of the
whole cooperation structure (actor projection, affiliation and delegation networks).

Results are plain dicts (JSON-ready: no NaN, no tuples as keys) so that the CLI, the
report and the service can serialise them as they are.
"""

from __future__ import annotations

import logging
from dataclasses import fields  # not asdict: it deep-copies millions of values
from typing import Any

import networkx as nx

from kg.network import backend, extract
from kg.network.arrays import (
    ArrayGraph,
    Incidence,
    incidence,
    incidences,
    projection_of,
    undirected,
)
from kg.network.brokerage import brokerage
from kg.network.centrality import (
    actor_centrality,
    centrality_notes,
    mediation,
    two_mode_centrality,
)
from kg.network.centralization import centralization, centralization_notes
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
from kg.network.memory import collector_paused
from kg.network.structural_holes import structural_holes, structural_holes_notes
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
    settings = settings or Settings()
    if not isinstance(G, ArrayGraph) and not G.is_directed() and backend.use_igraph(G, settings):
        G = ArrayGraph.from_networkx(G)  # one conversion; every measure reads the arrays
    U = undirected(G)
    with backend.shared_conversions():  # one igraph conversion of U for every measure
        central = actor_centrality(U, settings=settings)
        holes = structural_holes(U, settings=settings)
        core = continuous_coreness(U)
        communities = louvain(U, seed=42, settings=settings)
        kcore = core_numbers(U, settings=settings)
        centralized = centralization(U, settings=settings)
        broker = (None if brokerage_left_out(G, settings)
                  else brokerage(G, attribute, settings=settings))
    ei = ei_index(U, attribute, permutations=_permutations(U, permutations), seed=seed)
    nodes = {}
    for node in G:
        data = G.nodes[node]
        row = {k: data[k] for k in NODE_ATTRIBUTES if k in data}
        row.update(central[node])
        row.update(holes[node])
        row.update(coreness=core.coreness[node], community=communities.membership[node],
                   core_number=kcore[node], ei_index=ei.nodes[node])
        if broker is not None:
            row.update({f"brokerage_{r}": v for r, v in broker.raw[node].items()})
            row.update({f"brokerage_{r}_z": v for r, v in broker.z[node].items()})
        nodes[node] = row
    graph = {
        "nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "density": density(G),
        "components": _components(U),
        "centralization": centralized,
        "core_periphery_fit": core.fit, "modularity": communities.modularity,
        "communities": len(communities.groups),
        "brokerage": broker.network if broker else {},
        "brokerage_density": broker.density if broker else None,
        "ei_index": {f.name: getattr(ei, f.name) for f in fields(ei) if f.name != "nodes"},
        "mixing": mixing(U, attribute),
        "multiplexity": multiplexity(U),
        "notes": [*G.graph.get("notes", ()), *measure_notes(U, settings)],
    }
    if as_frame:
        import pandas as pd

        return pd.DataFrame.from_dict(nodes, orient="index")
    return {"graph": graph, "nodes": nodes}


def brokerage_left_out(G: nx.Graph | ArrayGraph, settings: Settings) -> bool:
    """Whether :func:`measures` leaves brokerage out: an undirected graph of more than
    ``brokerage_limit`` ties (its two-paths grow with the square of degree)."""
    return not G.is_directed() and G.number_of_edges() > settings.brokerage_limit


def _components(G: nx.Graph | ArrayGraph) -> int:
    if not G.number_of_nodes():
        return 0
    if isinstance(G, ArrayGraph):
        return int(G.components()[0])
    return nx.number_connected_components(G)


def measure_notes(G: nx.Graph, settings: Settings | None = None) -> list[str]:
    """Sentences saying which measures of :func:`measures` are estimated, run on igraph
    or left out on ``G``."""
    settings = settings or Settings()
    notes = (centrality_notes(G, settings) + centralization_notes(G, settings)
             + structural_holes_notes(G, settings))
    if brokerage_left_out(G, settings):
        notes.append(f"Gould-Fernandez brokerage of the actor network is left out: "
                     f"{G.number_of_edges()} ties, more than brokerage_limit = "
                     f"{settings.brokerage_limit} (the delegation network's is counted)")
    if backend.use_igraph(G, settings):
        # Above constraint_limit the structural-holes measures are left out (its own note).
        with_constraint = G.number_of_edges() <= settings.constraint_limit
        measured = "shortest paths, constraint," if with_constraint else "shortest paths,"
        notes.append(f"{measured} k-cores and Louvain (igraph's multilevel "
                     f"algorithm, seed 42) run on python-igraph: more than "
                     f"network_igraph_limit = {settings.network_igraph_limit} ties")
    if _permutations(G, 1) == 0:
        notes.append(f"the E-I permutation test is left out: more than "
                     f"{PERMUTATION_EDGE_BUDGET} ties")
    return notes


def _projection_summary(B: Incidence) -> dict[str, Any]:
    """Density and multiplexity of the actor projection of ``B`` (:func:`projection_of`,
    one sparse product; a tie's relations are the events its actors share)."""
    G = projection_of(B)
    return {"density": density(G), "multiplexity": multiplexity(G),
            "nodes": G.number_of_nodes(), "edges": G.number_of_edges()}


def participation_projection(view: nx.MultiDiGraph, settings: Settings | None = None,
                             X: Incidence | None = None
                             ) -> tuple[nx.Graph | ArrayGraph, nx.Graph | Incidence]:
    """The actor projection of the participation layer, and its affiliation network.

    Networkx graphs (with the programmes on each tie, as
    ``network_view(view, projection="actors")``) up to ``network_igraph_limit``
    projection ties; above it an :class:`ArrayGraph` from one sparse product and the
    affiliation matrix ``X`` (:func:`kg.network.arrays.incidence`, computed when not
    given).
    """
    settings = settings or Settings()
    participation = extract.Layer.PARTICIPATION
    X = X if X is not None else incidence(view, [participation.value])
    G = projection_of(X)
    if G.number_of_edges() > settings.network_igraph_limit:
        return G, X
    B = extract.affiliation_graph(view, participation)
    return extract.actor_projection(B), B


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
        projection, the programmes' labels, and ``notes``: sentences saying which
        programmes take their cooperation's period and which measures are estimated or
        left out on a network this large (see the ``*_limit`` settings).

    Examples
    --------
    >>> from kg.network.synthetic import synthetic_store
    >>> M = extract.extract_multiplex(synthetic_store(n_actors=30, n_programmes=3, seed=4))
    >>> sorted(cooperation_measures(M))[:3]
    ['actors', 'combined', 'delegation']
    """
    with collector_paused():  # millions of small dicts built, none of them garbage
        return _cooperation_measures(M, year, settings or Settings(), seed)


def _cooperation_measures(M: nx.MultiDiGraph, year: int | None, settings: Settings,
                          seed: int) -> dict[str, Any]:
    view = extract.year_view(M, year) if year is not None else M
    notes = extract.period_notes(view)
    participation = extract.Layer.PARTICIPATION
    X, combined_matrix = incidences(view, [
        ([participation.value], ["programme"]),
        ([layer.value for layer in extract.COMBINED_LAYERS],
         sorted({extract.LAYER_SIDES[layer][1] for layer in extract.COMBINED_LAYERS}))])
    G, B = participation_projection(view, settings, X)
    G.graph.update(year=None, layer=participation.value,
                   projection=extract.Projection.ACTORS.value, notes=list(notes))
    D = extract.delegation_graph(view)
    combined = _projection_summary(combined_matrix)
    donors, domestic = _donors_and_domestic(D)
    broker = brokerage(D, settings=settings)
    n_programmes = len(X.events)
    if isinstance(B, Incidence) and (n_programmes <= settings.overlap_programme_limit
                                     or len(X.actors) + n_programmes
                                     <= settings.two_mode_exact_limit):
        B = extract.affiliation_graph(view, participation)  # small enough after all
    if n_programmes > settings.overlap_programme_limit:
        overlap: dict[str, dict[str, float]] = {}
        notes.append(f"programme overlap is left out: {n_programmes} programmes, more than "
                     f"overlap_programme_limit = {settings.overlap_programme_limit}")
    else:
        overlap = programme_overlap(B)
    if len(X.actors) + n_programmes > settings.two_mode_exact_limit:
        two_mode: dict[str, dict[str, float]] = {}
        notes.append(f"two-mode centralities are left out: the affiliation network has "
                     f"{len(X.actors) + n_programmes} nodes, more than two_mode_exact_limit = "
                     f"{settings.two_mode_exact_limit}")
    else:
        two_mode = two_mode_centrality(B, settings=settings)
    actors = measures(G, settings=settings, seed=seed)
    programmes = {n: {k: d[k] for k in ("label", "label_en", "label_id", "start", "end",
                                         "number") if k in d}
                  for n, d in view.nodes(data=True) if d.get("kind") == "programme"}
    return {
        "year": year,
        "actors": actors,
        "delegation": {
            "nodes": D.number_of_nodes(), "edges": D.number_of_edges(),
            "brokerage": {f.name: getattr(broker, f.name) for f in fields(broker)},
            "mediation": (mediation(D, donors, domestic, settings=settings)
                          if donors and domestic else {}),
            "donors": donors, "domestic": domestic,
        },
        "two_mode": two_mode,
        "overlap": overlap, "mean_overlap": mean_overlap(overlap),
        "tripartite": tripartite_coverage(B),
        "plurality": plurality(G),
        "combined": combined,
        "programmes": dict(sorted(programmes.items())),
        "years": extract.network_years(M),
        "notes": notes + [n for n in actors["graph"]["notes"] if n not in notes],
    }
