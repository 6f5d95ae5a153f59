"""Exports of a network for other tools: GraphML, GEXF, Pajek, CSV, node-link and
Cytoscape.js JSON.

Every export returns ``{file name: bytes}`` (one file for most formats, one Pajek ``.net``
per layer, ``nodes.csv`` + ``edges.csv``), so the CLI writes them to a directory and the
service can answer with one of them. Attributes are sanitised first: GraphML and GEXF
accept only scalars, so tuples become ``"; "``-joined strings and ``None`` is dropped.
"""

from __future__ import annotations

import csv
import io
import json
import math
from enum import Enum
from typing import Any

import networkx as nx

from kg.errors import UnknownNameError

#: Colours of the actor types (Okabe–Ito palette plus greys), shared with the figures.
TYPE_COLOURS = {
    "international-organisation": "#0072B2",
    "state-government": "#D55E00",
    "government-body": "#E69F00",
    "donor": "#CC79A7",
    "employers-organisation": "#009E73",
    "workers-organisation": "#F0E442",
    "ngo": "#56B4E9",
    "school": "#999999",
    "network": "#000000",
    "statistical-agency": "#882255",
}
KIND_COLOURS = {"programme": "#444444", "instrument": "#AA4499", "place": "#117733"}
DEFAULT_COLOUR = "#BBBBBB"


class ExportFormat(Enum):
    """The export formats of ``pasb-kg network export``."""

    GRAPHML = "graphml"
    GEXF = "gexf"
    PAJEK = "pajek"
    CSV = "csv"
    JSON = "json"
    CYTOSCAPE = "cytoscape"


def node_colour(data: dict[str, Any]) -> str:
    """The colour of a node: by actor type, else by kind."""
    if data.get("kind", "actor") == "actor":
        return TYPE_COLOURS.get(str(data.get("actor_type")), DEFAULT_COLOUR)
    return KIND_COLOURS.get(str(data.get("kind")), DEFAULT_COLOUR)


def _scalar(value: Any) -> Any:
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(v) for v in (sorted(value) if isinstance(value, set | frozenset)
                                          else value))
    if value is None:
        return None
    return str(value)


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in data.items():
        clean = _scalar(value)
        if clean is not None:
            out[str(key)] = clean
    return out


def sanitize(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attributes GraphML and GEXF can hold (scalars only).

    Examples
    --------
    >>> G = nx.Graph([(1, 2, {"programmes": ("p", "q"), "note": None})])
    >>> sanitize(G).edges[1, 2]
    {'programmes': 'p; q'}
    """
    H = G.__class__()
    H.graph.update({k: v for k, v in _clean(G.graph).items()})
    for node, data in G.nodes(data=True):
        H.add_node(node, **_clean(data))
    if G.is_multigraph():
        for u, v, k, data in G.edges(keys=True, data=True):
            H.add_edge(u, v, key=k, **_clean(data))
    else:
        for u, v, data in G.edges(data=True):
            H.add_edge(u, v, **_clean(data))
    return H


def _graphml(G: nx.Graph) -> dict[str, bytes]:
    buffer = io.BytesIO()
    nx.write_graphml(sanitize(G), buffer, encoding="utf-8", prettyprint=True)
    return {"network.graphml": buffer.getvalue()}


def _with_viz(G: nx.Graph, seed: int = 7) -> nx.Graph:
    H = sanitize(G)
    layout = nx.spring_layout(nx.Graph(H), seed=seed) if H.number_of_nodes() else {}
    degree = dict(H.degree())
    top = max(degree.values(), default=1) or 1
    for node, data in H.nodes(data=True):
        colour = node_colour(data).lstrip("#")
        r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
        x, y = layout.get(node, (0.0, 0.0))
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0},
                       "size": 5.0 + 20.0 * degree[node] / top,
                       "position": {"x": float(x) * 500, "y": float(y) * 500, "z": 0.0}}
    return H


def _gexf(G: nx.Graph) -> dict[str, bytes]:
    buffer = io.BytesIO()
    nx.write_gexf(_with_viz(G), buffer, encoding="utf-8", prettyprint=True)
    return {"network.gexf": buffer.getvalue()}


def _pajek(G: nx.Graph) -> dict[str, bytes]:
    layers = sorted({str(d.get("layer", "ties")) for _, _, d in G.edges(data=True)}) or ["ties"]
    out = {}
    for layer in layers:
        H = G.__class__()
        H.add_nodes_from(G.nodes())
        edges = G.edges(data=True)
        H.add_edges_from((u, v) for u, v, d in edges if str(d.get("layer", "ties")) == layer)
        S = nx.DiGraph(H) if G.is_directed() else nx.Graph(H)
        weights = {}
        for u, v, d in edges:
            if str(d.get("layer", "ties")) == layer:
                weights[(u, v)] = weights.get((u, v), 0.0) + float(d.get("weight", 1))
        nx.set_edge_attributes(S, {e: w for e, w in weights.items() if S.has_edge(*e)}, "weight")
        text = "\n".join(nx.generate_pajek(S)) + "\n"
        out[f"{layer}.net"] = text.encode("utf-8")
    return out


def _csv(G: nx.Graph) -> dict[str, bytes]:
    H = sanitize(G)
    node_keys = sorted({k for _, d in H.nodes(data=True) for k in d})
    edge_keys = sorted({k for *_, d in H.edges(data=True) for k in d})
    nodes, edges = io.StringIO(), io.StringIO()
    writer = csv.writer(nodes, lineterminator="\n")
    writer.writerow(["id", *node_keys])
    for node, data in H.nodes(data=True):
        writer.writerow([node, *(data.get(k, "") for k in node_keys)])
    writer = csv.writer(edges, lineterminator="\n")
    writer.writerow(["source", "target", *edge_keys])
    for u, v, data in H.edges(data=True):
        writer.writerow([u, v, *(data.get(k, "") for k in edge_keys)])
    return {"nodes.csv": nodes.getvalue().encode("utf-8"),
            "edges.csv": edges.getvalue().encode("utf-8")}


def _json(G: nx.Graph) -> dict[str, bytes]:
    data = nx.node_link_data(sanitize(G), edges="edges")
    return {"network.json": json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")}


def _cytoscape(G: nx.Graph) -> dict[str, bytes]:
    H = sanitize(G)
    for _, data in H.nodes(data=True):
        data["colour"] = node_colour(data)
    data = nx.cytoscape_data(H)
    return {"network.cyjs": json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")}


_WRITERS = {
    ExportFormat.GRAPHML: _graphml,
    ExportFormat.GEXF: _gexf,
    ExportFormat.PAJEK: _pajek,
    ExportFormat.CSV: _csv,
    ExportFormat.JSON: _json,
    ExportFormat.CYTOSCAPE: _cytoscape,
}


def export_network(G: nx.Graph, fmt: ExportFormat | str) -> dict[str, bytes]:
    """Serialise ``G`` in one export format.

    Parameters
    ----------
    G : networkx.Graph, DiGraph or MultiDiGraph
    fmt : {"graphml", "gexf", "pajek", "csv", "json", "cytoscape"}

    Returns
    -------
    dict
        File name → content.

    Raises
    ------
    UnknownNameError
        Naming the format and the choices.

    Examples
    --------
    >>> sorted(export_network(nx.path_graph(3), "csv"))
    ['edges.csv', 'nodes.csv']
    """
    if not isinstance(fmt, ExportFormat):
        try:
            fmt = ExportFormat(str(fmt).lower())
        except ValueError:
            choices = "|".join(f.value for f in ExportFormat)
            raise UnknownNameError(f"--format {fmt!r}: expected one of {choices}") from None
    return _WRITERS[fmt](G)
