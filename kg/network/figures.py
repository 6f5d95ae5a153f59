"""Figures of the cooperation-structure report, drawn with matplotlib's Agg backend.

No pyplot (no global state): each figure is a :class:`matplotlib.figure.Figure` rendered
with a fixed layout seed, a fixed SVG hash salt and no dates in the metadata, so the same
network gives the same PNG and SVG bytes.
"""

from __future__ import annotations

import io
from typing import Any

import matplotlib
import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from kg.network.export import node_colour

LAYOUT_SEED = 7
RC = {"svg.hashsalt": "pasb-kg", "svg.fonttype": "none", "font.size": 8,
      "path.simplify": True}
ROLE_COLOURS = {"coordinator": "#0072B2", "itinerant": "#E69F00", "representative": "#009E73",
                "gatekeeper": "#CC79A7", "liaison": "#D55E00"}
MAX_LABELLED = 60


def _short(label: str, width: int = 28) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def _render(fig: Figure) -> dict[str, bytes]:
    FigureCanvasAgg(fig)
    out = {}
    with matplotlib.rc_context(RC):
        for fmt, metadata in (("png", {"Software": None}), ("svg", {"Date": None})):
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, dpi=100, metadata=metadata)
            out[fmt] = buffer.getvalue()
    return out


def network_figure(G: nx.Graph, betweenness: dict[str, float]) -> dict[str, bytes]:
    """The actor network: colour by actor type, size by betweenness (PNG and SVG)."""
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(8, 6.5))
        ax = fig.add_axes((0.02, 0.02, 0.96, 0.92))
        ax.set_axis_off()
        nodes = sorted(G)
        pos = nx.spring_layout(G, seed=LAYOUT_SEED, weight="weight") if nodes else {}
        top = max(betweenness.values(), default=0.0) or 1.0
        sizes = [60 + 900 * betweenness.get(n, 0.0) / top for n in nodes]
        colours = [node_colour(G.nodes[n]) for n in nodes]
        edges = sorted(G.edges(data=True))
        ax.add_collection(LineCollection(
            [(pos[u], pos[v]) for u, v, _ in edges], colors="#888888", alpha=0.35, zorder=1,
            linewidths=[0.6 + 0.8 * (float(d.get("weight", 1)) - 1) for _, _, d in edges]))
        ax.scatter([pos[n][0] for n in nodes], [pos[n][1] for n in nodes], s=sizes,
                   c=colours, edgecolors="#333333", linewidths=0.5, zorder=2)
        if len(nodes) <= MAX_LABELLED:
            for n in nodes:
                ax.annotate(_short(G.nodes[n].get("label", n)), pos[n], fontsize=6,
                            xytext=(4, 4), textcoords="offset points", zorder=3)
        types = sorted({str(G.nodes[n].get("actor_type", "")) for n in nodes})
        handles = [Patch(color=node_colour({"kind": "actor", "actor_type": t}), label=t)
                   for t in types]
        ax.legend(handles=handles, loc="lower left", fontsize=6, frameon=False)
        ax.set_title("Actor network (co-participation; size = betweenness)")
        return _render(fig)


def affiliation_figure(B: nx.Graph) -> dict[str, bytes]:
    """The actor × programme affiliation matrix, cells marked with the role."""
    actors = sorted((n for n, d in B.nodes(data=True) if d.get("bipartite") == 0),
                    key=lambda n: (B.nodes[n].get("actor_type", ""), B.nodes[n].get("label", n)))
    events = sorted(n for n, d in B.nodes(data=True) if d.get("bipartite") == 1)
    with matplotlib.rc_context(RC):
        width, height = 3.5 + 1.1 * len(events), 2.0 + 0.22 * len(actors)
        fig = Figure(figsize=(width, height))
        ax = fig.add_axes((2.4 / width, 1.4 / height, 1 - 2.6 / width, 1 - 1.9 / height))
        matrix = [[1.0 if B.has_edge(a, e) else 0.0 for e in events] for a in actors]
        ax.imshow(matrix or [[0.0]], cmap="Greys", vmin=0, vmax=1.6, aspect="auto")
        for i, a in enumerate(actors):
            for j, e in enumerate(events):
                if B.has_edge(a, e):
                    ax.text(j, i, "".join(r[0].upper() for r in B[a][e].get("roles", ())),
                            ha="center", va="center", fontsize=5, color="white")
        ax.set_yticks(range(len(actors)), [_short(B.nodes[a].get("label", a)) for a in actors])
        ax.set_xticks(range(len(events)), [_short(B.nodes[e].get("label", e), 22)
                                           for e in events], rotation=30, ha="right")
        ax.set_title("Affiliation: actors × programmes (F funding, I implementing, "
                     "P partner or participant)")
        return _render(fig)


def brokerage_figure(raw: dict[str, dict[str, int]], labels: dict[str, str]) -> dict[str, bytes]:
    """Gould–Fernandez brokerage roles per actor, stacked bars (actors with any role)."""
    actors = sorted((n for n, r in raw.items() if r.get("total")),
                    key=lambda n: (-raw[n]["total"], labels.get(n, n)))
    with matplotlib.rc_context(RC):
        height = 1.8 + 0.3 * max(1, len(actors))
        fig = Figure(figsize=(7, height))
        ax = fig.add_axes((0.32, 0.9 / height, 0.64, 1 - 1.4 / height))
        left = [0.0] * len(actors)
        for role, colour in ROLE_COLOURS.items():
            values = [raw[a].get(role, 0) for a in actors]
            ax.barh(range(len(actors)), values, left=left, color=colour, label=role)
            left = [x + v for x, v in zip(left, values, strict=True)]
        ax.set_yticks(range(len(actors)), [_short(labels.get(a, a)) for a in actors])
        ax.invert_yaxis()
        ax.set_xlabel("open two-paths brokered (delegation network)")
        ax.legend(fontsize=6, frameon=False, loc="lower right")
        ax.set_title("Brokerage roles (Gould & Fernandez 1989)")
        return _render(fig)


def report_figures(G: nx.Graph, B: nx.Graph, cm: dict[str, Any]) -> dict[str, bytes]:
    """Every figure of the report as ``{"network.png": …, "network.svg": …, …}``."""
    labels = {n: d.get("label", n) for n, d in G.nodes(data=True)}
    betweenness = {n: v["betweenness"] for n, v in cm["actors"]["nodes"].items()}
    out = {}
    for name, files in (("network", network_figure(G, betweenness)),
                        ("affiliation", affiliation_figure(B)),
                        ("brokerage", brokerage_figure(cm["delegation"]["brokerage"]["raw"],
                                                       labels))):
        out.update({f"{name}.{fmt}": data for fmt, data in files.items()})
    return out
