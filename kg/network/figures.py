"""Figures of the cooperation-structure report, drawn with matplotlib's Agg backend.

No pyplot (no global state): each figure is a :class:`matplotlib.figure.Figure` rendered
with a fixed layout seed, a fixed SVG hash salt and no dates in the metadata, so the same
network gives the same PNG and SVG bytes. Legibility: labels are never cut (long names
wrap; the constrained layout makes room for them), node labels are placed so that none
overlaps another or a node, legends sit outside the data, and every word comes from
:mod:`kg.network.words` in the report's language (the captions, in words, are there too).
"""

from __future__ import annotations

import io
import textwrap
from typing import Any

import matplotlib
import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import Bbox

from kg.network.export import node_colour
from kg.network.words import translator, type_name

LAYOUT_SEED = 7
RC = {"svg.hashsalt": "pasb-kg", "svg.fonttype": "none", "font.size": 8,
      "path.simplify": True}
ROLE_COLOURS = {"coordinator": "#0072B2", "itinerant": "#E69F00", "representative": "#009E73",
                "gatekeeper": "#CC79A7", "liaison": "#D55E00"}
MAX_LABELLED = 60
#: The figures of the report, in the order they are shown.
FIGURES = ("network", "affiliation", "brokerage")


def _wrap(label: str, width: int = 26) -> str:
    """The whole label, on as many lines of about ``width`` characters as it needs."""
    return "\n".join(textwrap.wrap(label, width)) or label


def _render(fig: Figure) -> dict[str, bytes]:
    FigureCanvasAgg(fig)
    out = {}
    with matplotlib.rc_context(RC):
        for fmt, metadata in (("png", {"Software": None}), ("svg", {"Date": None})):
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, dpi=100, metadata=metadata)
            out[fmt] = buffer.getvalue()
    return out


def _label_of(data: dict[str, Any], lang: str) -> str:
    return data.get("label_id" if lang == "id" else "label_en") or data.get("label", "")


def _overlaps(a: Any, b: Any) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _place_labels(fig: Figure, ax: Any, pos: dict[str, Any], radii: dict[str, float],
                  texts: dict[str, str], order: list[str]) -> dict[str, Any]:
    """Label nodes in ``order``, each at the first of four spots (right, left, above,
    below) where it overlaps no placed label, no node and stays in the axes; a label with
    no free spot is left out. Returns the placed labels' display boxes by node."""
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    to_px = ax.transData.transform
    discs = []
    for node, (x, y) in pos.items():
        cx, cy = to_px((x, y))
        r = radii[node]
        discs.append((node, Bbox([[cx - r, cy - r], [cx + r, cy + r]])))
    placed: dict[str, Any] = {}
    for node in order:
        gap = radii[node] + 3
        for dx, dy, ha, va in ((gap, 0, "left", "center"), (-gap, 0, "right", "center"),
                               (0, gap, "center", "bottom"), (0, -gap, "center", "top")):
            text = ax.annotate(texts[node], pos[node], xytext=(dx, dy),
                               textcoords="offset pixels", ha=ha, va=va, fontsize=6.5,
                               zorder=3)
            box = text.get_window_extent(renderer).expanded(1.04, 1.1)
            inside = (box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0
                      and box.y1 <= frame.y1)
            if inside and not any(_overlaps(box, b) for b in placed.values()) and not any(
                    other != node and _overlaps(box, disc) for other, disc in discs):
                placed[node] = box
                break
            text.remove()
    return placed


def network_figure(G: nx.Graph, betweenness: dict[str, float], lang: str = "en"
                   ) -> dict[str, bytes]:
    """The actor network: colour by actor type, size by betweenness (PNG and SVG)."""
    with matplotlib.rc_context(RC):
        return _render(draw_network(G, betweenness, lang))


def draw_network(G: nx.Graph, betweenness: dict[str, float], lang: str = "en") -> Figure:
    """The figure of :func:`network_figure`, with its placed labels in
    ``fig.placed_labels`` (display boxes)."""
    t = translator(lang)
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(9, 7), layout="constrained")
        fig.placed_labels = {}
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        ax.set_axis_off()
        nodes = sorted(G)
        pos = nx.spring_layout(G, seed=LAYOUT_SEED, weight="weight") if nodes else {}
        top = max(betweenness.values(), default=0.0) or 1.0
        sizes = {n: 60 + 900 * betweenness.get(n, 0.0) / top for n in nodes}
        edges = sorted(G.edges(data=True))
        ax.add_collection(LineCollection(
            [(pos[u], pos[v]) for u, v, _ in edges], colors="#888888", alpha=0.35, zorder=1,
            linewidths=[0.6 + 0.8 * (float(d.get("weight", 1)) - 1) for _, _, d in edges]))
        ax.scatter([pos[n][0] for n in nodes], [pos[n][1] for n in nodes],
                   s=[sizes[n] for n in nodes], c=[node_colour(G.nodes[n]) for n in nodes],
                   edgecolors="#333333", linewidths=0.5, zorder=2)
        ax.margins(0.22, 0.08)  # room for labels beside the outermost nodes
        types = sorted({str(G.nodes[n].get("actor_type", "")) for n in nodes},
                       key=lambda k: type_name(k, lang))
        handles = [Line2D([], [], marker="o", linestyle="", markersize=7,
                          markerfacecolor=node_colour({"kind": "actor", "actor_type": k}),
                          markeredgecolor="#333333", label=type_name(k, lang)) for k in types]
        fig.legend(handles=handles, loc="outside lower center", ncols=min(5, len(handles) or 1),
                   fontsize=7, frameon=False)
        ax.set_title(t("fig_network_title"))
        if len(nodes) <= MAX_LABELLED:
            fig.canvas.draw()  # the final layout, so that text extents are in place
            dpi = fig.dpi / 72
            radii = {n: (sizes[n] ** 0.5) / 2 * dpi for n in nodes}
            order = sorted(nodes, key=lambda n: (-betweenness.get(n, 0.0), -G.degree(n),
                                                 _label_of(G.nodes[n], lang)))
            fig.placed_labels = _place_labels(
                fig, ax, pos, radii, {n: _wrap(_label_of(G.nodes[n], lang), 24) for n in nodes},
                order)
        return fig


def affiliation_figure(B: nx.Graph, lang: str = "en") -> dict[str, bytes]:
    """The actor × programme affiliation matrix, cells marked with the role."""
    with matplotlib.rc_context(RC):
        return _render(draw_affiliation(B, lang))


def draw_affiliation(B: nx.Graph, lang: str = "en") -> Figure:
    """The figure of :func:`affiliation_figure`."""
    t = translator(lang)
    actors = sorted((n for n, d in B.nodes(data=True) if d.get("bipartite") == 0),
                    key=lambda n: (type_name(B.nodes[n].get("actor_type", ""), lang),
                                   _label_of(B.nodes[n], lang)))
    events = sorted((n for n, d in B.nodes(data=True) if d.get("bipartite") == 1),
                    key=lambda n: (B.nodes[n].get("number") or 10**6, n))
    with matplotlib.rc_context(RC):
        width, height = 4.5 + 1.6 * len(events), 2.6 + 0.26 * len(actors)
        fig = Figure(figsize=(width, height), layout="constrained")
        ax = fig.add_subplot()
        matrix = [[1.0 if B.has_edge(a, e) else 0.0 for e in events] for a in actors]
        ax.imshow(matrix or [[0.0]], cmap="Greys", vmin=0, vmax=1.6, aspect="auto")
        for i, a in enumerate(actors):
            for j, e in enumerate(events):
                if B.has_edge(a, e):
                    ax.text(j, i, "".join(r[0].upper() for r in B[a][e].get("roles", ())),
                            ha="center", va="center", fontsize=7, color="white",
                            fontweight="bold")
        rows = [f"{_label_of(B.nodes[a], lang)} "
                f"({type_name(B.nodes[a].get('actor_type', ''), lang)})" for a in actors]
        ax.set_yticks(range(len(actors)), rows)
        numbers = [B.nodes[e].get("number") for e in events]
        ax.set_xticks(range(len(events)),
                      [_wrap((f"{n}. " if n else "") + _label_of(B.nodes[e], lang), 22)
                       for n, e in zip(numbers, events, strict=True)])
        ax.xaxis.tick_top()
        ax.tick_params(axis="x", labelsize=7, length=0)
        ax.set_title(t("fig_affiliation_title"))
        ax.set_xlabel(t("fig_affiliation_key"))
        return fig


def brokerage_figure(raw: dict[str, dict[str, int]], labels: dict[str, str],
                     lang: str = "en") -> dict[str, bytes]:
    """Gould–Fernandez brokerage roles per actor, stacked bars (actors with any role)."""
    with matplotlib.rc_context(RC):
        return _render(draw_brokerage(raw, labels, lang))


def draw_brokerage(raw: dict[str, dict[str, int]], labels: dict[str, str],
                   lang: str = "en") -> Figure:
    """The figure of :func:`brokerage_figure`."""
    t = translator(lang)
    actors = sorted((n for n, r in raw.items() if r.get("total")),
                    key=lambda n: (-raw[n]["total"], labels.get(n, n)))
    with matplotlib.rc_context(RC):
        height = 2.4 + 0.35 * max(1, len(actors))
        fig = Figure(figsize=(7.5, height), layout="constrained")
        ax = fig.add_subplot()
        left = [0.0] * len(actors)
        for role, colour in ROLE_COLOURS.items():
            values = [raw[a].get(role, 0) for a in actors]
            ax.barh(range(len(actors)), values, left=left, color=colour,
                    label=t(f"role_{role}"))
            left = [x + v for x, v in zip(left, values, strict=True)]
        for i, total in enumerate(left):
            ax.text(total, i, f" {total:g}", va="center", fontsize=7)
        ax.set_yticks(range(len(actors)), [_wrap(labels.get(a, a), 30) for a in actors])
        ax.margins(x=0.08)
        ax.invert_yaxis()
        ax.set_xlabel(t("fig_brokerage_axis"))
        if not actors:
            ax.text(0.5, 0.5, t("fig_brokerage_none"), ha="center", va="center",
                    transform=ax.transAxes)
        handles = [Patch(color=c, label=t(f"role_{r}")) for r, c in ROLE_COLOURS.items()]
        fig.legend(handles=handles, loc="outside lower center", ncols=5, fontsize=7,
                   frameon=False)
        ax.set_title(t("fig_brokerage_title"))
        return fig


def report_figures(G: nx.Graph, B: nx.Graph, cm: dict[str, Any], *, lang: str = "en"
                   ) -> dict[str, bytes]:
    """Every figure of the report as ``{"network.png": …, "network.svg": …, …}``."""
    labels = {n: _label_of(d, lang) or n for n, d in G.nodes(data=True)}
    betweenness = {n: v["betweenness"] for n, v in cm["actors"]["nodes"].items()}
    out = {}
    for name, files in (("network", network_figure(G, betweenness, lang)),
                        ("affiliation", affiliation_figure(B, lang)),
                        ("brokerage", brokerage_figure(cm["delegation"]["brokerage"]["raw"],
                                                       labels, lang))):
        out.update({f"{name}.{fmt}": data for fmt, data in files.items()})
    return out
