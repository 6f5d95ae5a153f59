"""What the network worker computes: a view of the actor network, its layout and the
measures the viewer sizes nodes by, the full measure set, and the report.

This module imports neither Flask nor the executor: it runs in the network worker
process (:mod:`service.network_worker`), on the rows the service's query workers
returned for the named queries ``kg/queries/network-*.rq`` (:class:`RowsStore`), so the
extraction is exactly :func:`kg.network.extract_multiplex`.
"""

from __future__ import annotations

import io
import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

import networkx as nx

from kg.errors import KGError, QueryError
from kg.named_queries import load_query
from kg.network import extract
from kg.network.export import node_colour, sanitize
from kg.scope import Scope
from kg.store import Row
from service.i18n_network import NETWORK_STRINGS

#: The named queries the extraction may run (:data:`kg.network.extract.QUERIES`).
NETWORK_QUERIES = tuple(extract.QUERIES)
#: Above this many nodes betweenness is estimated from :data:`PIVOTS` sources (hop
#: distances) and brokerage and coreness are left out: on 5,000 nodes the exact ones take
#: minutes (``pasb-kg network measures`` computes them without a deadline).
FULL_MEASURES_LIMIT = 1500
PIVOTS = 64
#: The measures the viewer can size nodes by.
SIZE_MEASURES = ("degree", "betweenness", "brokerage", "coreness")
#: Layers combined by ``layer=all`` (the library's default combination).
ALL_LAYERS = (extract.Layer.PARTICIPATION, extract.Layer.FUNDING, extract.Layer.LEGAL)


class BadParameter(KGError):
    """A request parameter has a value outside its allowed set (answered 400)."""


def _choices(values: list[str]) -> str:
    return ", ".join(values)


def parse_enum(name: str, value: str, allowed: list[str]) -> str:
    """``value`` lower-cased when it is one of ``allowed``; else :class:`BadParameter`."""
    if value.lower() in allowed:
        return value.lower()
    raise BadParameter(f"parameter {name}={value!r} is not allowed; expected one of "
                       f"{_choices(allowed)}")


@dataclass(frozen=True)
class ViewKey:
    """One view of the network: ``layer`` (a layer or ``all``), ``year`` (``None`` for all
    years), ``projection`` and ``scope`` (which kinds of statement it is built from:
    :class:`kg.scope.Scope`)."""

    layer: str = extract.Layer.PARTICIPATION.value
    year: int | None = None
    projection: str = extract.Projection.ACTORS.value
    scope: str = Scope.ALL.value

    @classmethod
    def parse(cls, args: Mapping[str, str]) -> ViewKey:
        """Read ``layer``, ``year``, ``projection`` and ``scope`` from request arguments.

        The year's range is checked against the data by :func:`check_year`, the scope's
        graphs by :func:`check_scope`.
        """
        layer = parse_enum("layer", args.get("layer", cls.layer),
                           [m.value for m in extract.Layer] + ["all"])
        projection = parse_enum("projection", args.get("projection", cls.projection),
                                [m.value for m in extract.Projection])
        scope = parse_enum("scope", args.get("scope", cls.scope).replace(" ", "+"),
                           [m.value for m in Scope])
        raw = args.get("year", "all").strip()
        if raw.lower() in ("", "all"):
            return cls(layer, None, projection, scope)
        if not raw.isdigit():
            raise BadParameter(f"parameter year={raw!r} is not allowed; expected all or a "
                               "year such as 2012")
        return cls(layer, int(raw), projection, scope)


def check_year(M: nx.MultiDiGraph, year: int | None) -> None:
    """:class:`BadParameter` unless ``year`` is ``None`` or a year some programme runs."""
    years = extract.network_years(M)
    if year is not None and year not in years:
        allowed = f"{years[0]}–{years[-1]}" if years else "none (no dated programme)"
        raise BadParameter(f"parameter year={year} is not allowed; expected all or one of "
                           f"{allowed}")


def check_scope(networks: Mapping[str, nx.MultiDiGraph], scope: str) -> nx.MultiDiGraph:
    """The network of ``scope``; :class:`BadParameter` when the store has no graph of its
    kinds (a store whose graphs do not declare their kinds has only ``all``)."""
    if scope not in networks:
        raise BadParameter(f"parameter scope={scope!r} is not allowed here: the store has no "
                           "graphs that declare those kinds of statement; expected one of "
                           + _choices(list(networks)))
    return networks[scope]


class RowsStore:
    """A read-only :class:`kg.store.Store` answering the network queries from rows that
    were fetched through the service's query workers, keyed by query name."""

    def __init__(self, rows: Mapping[str, list[Row]]) -> None:
        self.rows = rows
        self.names = {load_query(name).text: name for name in rows}

    def select(self, sparql: str, *, bindings: Mapping[str, Any] | None = None) -> list[Row]:
        """The rows fetched for this query text."""
        try:
            return self.rows[self.names[sparql]]
        except KeyError:
            raise RuntimeError("the network worker has no rows for a query the extraction "
                               "runs; add its name to kg.network.extract.QUERIES") from None

    def ask(self, sparql: str, *, bindings: Mapping[str, Any] | None = None) -> bool:
        raise QueryError("the network worker answers SELECT only")

    def construct(self, sparql: str, *, bindings: Mapping[str, Any] | None = None) -> Any:
        raise QueryError("the network worker answers SELECT only")


# -- the view --------------------------------------------------------------------------
def library_view(M: nx.MultiDiGraph, key: ViewKey) -> nx.Graph:
    """:func:`kg.network.network_view` for ``key`` (after checking the year)."""
    check_year(M, key.year)
    layer = None if key.layer == "all" else key.layer
    return extract.network_view(M, layer=layer, year=key.year, projection=key.projection)


def layered_edges(M: nx.MultiDiGraph, G: nx.Graph, key: ViewKey) -> list[dict[str, Any]]:
    """The edges of the view, one per layer they stand for.

    With ``layer=all`` the library merges the layers into one weighted tie; the viewer
    colours and toggles ties by layer, so each layer's view contributes its own edges.
    """
    if key.layer != "all" or key.projection in ("multiplex", "delegation"):
        views = [(key.layer, G)]
    else:
        views = [(lay.value, library_view(M, ViewKey(lay.value, key.year, key.projection)))
                 for lay in ALL_LAYERS]
    edges = []
    for layer, H in views:
        for u, v, data in H.edges(data=True):
            edge: dict[str, Any] = {"source": u, "target": v,
                                    "layer": data.get("layer") or (
                                        "participation" if layer == "all" else layer),
                                    "weight": data.get("weight", 1)}
            if data.get("programmes"):  # what an actor tie is made of (programme filter)
                edge["programmes"] = list(data["programmes"])
            if data.get("role") or data.get("roles"):
                edge["roles"] = [data["role"]] if data.get("role") else list(data["roles"])
            edges.append(edge)
    return edges


def _finite(value: float) -> float | None:
    return None if value is None or math.isnan(value) or math.isinf(value) else round(value, 6)


def size_measures(G: nx.Graph, key: ViewKey
                  ) -> tuple[dict[str, dict[str, Any]], list[tuple[str, dict[str, Any]]]]:
    """Degree, betweenness, brokerage and coreness per node; notes on what was estimated
    as ``(key, values)`` of the ``netjs_note_<key>`` words (:mod:`service.i18n_network`)."""
    # The measures pull in numpy, scipy and igraph: imported here, in the network worker.
    from kg.network.brokerage import brokerage
    from kg.network.centrality import DISTANCE, betweenness, with_distance
    from kg.network.core_periphery import continuous_coreness

    U = nx.Graph(G) if G.is_directed() or G.is_multigraph() else G
    n = U.number_of_nodes()
    notes = []
    if n <= FULL_MEASURES_LIMIT:
        between = betweenness(with_distance(U), weight=DISTANCE)
        core = continuous_coreness(U).coreness if U.number_of_edges() else dict.fromkeys(U, 0.0)
        broker: dict[str, Any] = {}
        if key.projection in ("actors", "delegation") and n:
            raw = brokerage(nx.DiGraph(G) if G.is_multigraph() else G, "actor_type").raw
            broker = {node: raw[node].get("total", sum(raw[node].values())) for node in raw}
        else:
            notes.append(("brokerage_only", {}))
    else:
        between = nx.betweenness_centrality(U, k=min(PIVOTS, n), seed=0)
        core, broker = {}, {}
        notes.append(("estimated", {"n": n, "pivots": min(PIVOTS, n),
                                    "limit": FULL_MEASURES_LIMIT}))
    degree = dict(G.degree())
    return ({node: {"degree": degree[node], "betweenness": _finite(between.get(node)),
                    "brokerage": broker.get(node), "coreness": _finite(core.get(node))}
             for node in G}, notes)


def _affiliations(M: nx.MultiDiGraph) -> dict[str, dict[str, set[str]]]:
    """Per actor, the programmes it takes part in and its roles in each."""
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for u, v, data in M.edges(data=True):
        if data["layer"] in ("participation", "funding") and M.nodes[v]["kind"] == "programme":
            out[u][v].add(data.get("role") or "funding")
    return out


NODE_FIELDS = ("label", "label_en", "label_id", "kind", "actor_type", "is_state",
               "start_year", "end_year")


def view_payload(M: nx.MultiDiGraph, key: ViewKey) -> tuple[dict[str, Any], nx.Graph]:
    """The viewer's JSON for one view, and the library's graph of that view (for exports).

    Node ``x``/``y`` are the cached layout in [-1, 1]²; edges are split by layer
    (:func:`layered_edges`); ``graph`` has the library's own node and edge counts.
    """
    from service.network_layout import layout  # scipy: only in the network worker

    G = library_view(M, key)
    view = extract.year_view(M, key.year) if key.year is not None else M
    pos = layout(G)
    # The actor view is measured on the cooperation network the report measures (the
    # co-participation network of the same actors), whichever layers it draws.
    basis = (library_view(M, ViewKey(extract.Layer.PARTICIPATION.value, key.year, key.projection))
             if key.projection == extract.Projection.ACTORS.value else G)
    sizes, notes = size_measures(basis, key)
    empty = dict.fromkeys(SIZE_MEASURES)
    affiliations = _affiliations(view)
    nodes = []
    for node, data in G.nodes(data=True):
        row = {"id": node, **{k: data[k] for k in NODE_FIELDS if data.get(k) is not None}}
        row["colour"] = node_colour(data)
        row["x"], row["y"] = pos[node]
        row.update(sizes.get(node, empty))
        if node in affiliations:
            row["programmes"] = [[p, sorted(r)] for p, r in sorted(affiliations[node].items())]
        nodes.append(row)
    programmes = {n: d.get("label", n) for n, d in view.nodes(data=True)
                  if d.get("kind") == "programme"}
    programme_labels = {n: {"en": view.nodes[n].get("label_en") or label,
                            "id": view.nodes[n].get("label_id") or label}
                        for n, label in programmes.items()}
    edges = layered_edges(M, G, key)
    counts: dict[str, int] = defaultdict(int)
    for edge in edges:
        counts[edge["layer"]] += 1
    payload = {
        "layer": key.layer, "year": key.year, "projection": key.projection,
        "directed": G.is_directed(), "years": extract.network_years(M),
        "graph": {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()},
        "layers": dict(sorted(counts.items())), "measures": list(SIZE_MEASURES),
        "notes": [NETWORK_STRINGS[f"netjs_note_{k}"][0].format(**v) for k, v in notes],
        "note_keys": [[k, v] for k, v in notes],
        "programmes": dict(sorted(programmes.items())),
        "programme_labels": dict(sorted(programme_labels.items())),
        "measured_on": extract.Layer.PARTICIPATION.value if basis is not G else key.layer,
        "nodes": nodes, "edges": edges,
    }
    return payload, G


# -- exports ---------------------------------------------------------------------------
class ExportFormat(Enum):
    """Formats of ``/network/actors.<format>``."""

    JSON = "json"
    GRAPHML = "graphml"
    GEXF = "gexf"
    CSV = "csv"


def gexf_with_layout(G: nx.Graph, positions: Mapping[str, tuple[float, float]]) -> bytes:
    """GEXF with the viewer's positions, colours and sizes (``viz``), so Gephi opens the
    same picture. (:func:`kg.network.export.export_network` lays the graph out again with
    networkx's exact spring layout, which takes minutes on thousands of nodes.)"""
    H = sanitize(G)
    degree = dict(H.degree())
    top = max(degree.values(), default=1) or 1
    for node, data in H.nodes(data=True):
        colour = node_colour(data).lstrip("#")
        r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
        x, y = positions.get(node, (0.0, 0.0))
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0},
                       "size": 5.0 + 20.0 * degree[node] / top,
                       "position": {"x": x * 500, "y": y * 500, "z": 0.0}}
    buffer = io.BytesIO()
    nx.write_gexf(H, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()
