"""Node positions for the network viewer: computed once per view in Python, then cached.

Small graphs use networkx's exact Fruchterman–Reingold (``spring_layout``). Above
:data:`EXACT_LIMIT` nodes that is too slow (every pair repels: 140 s for 5,500 nodes, and
networkx's ForceAtlas2 longer still), so :func:`grid_layout` approximates the far
repulsion on a grid (about 6 s for 5,500 nodes and 39,000 ties). Both are seeded, so a
view looks the same on every visit.

References
----------
Jacomy, M., Venturini, T., Heymann, S., & Bastian, M. (2014). ForceAtlas2, a continuous
graph layout algorithm for handy network visualization designed for the Gephi software.
*PLoS ONE*, 9(6), e98679. https://doi.org/10.1371/journal.pone.0098679

Fruchterman, T. M. J., & Reingold, E. M. (1991). Graph drawing by force-directed
placement. *Software: Practice and Experience*, 21(11), 1129–1164.
https://doi.org/10.1002/spe.4380211102
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np
from scipy.signal import fftconvolve
from scipy.spatial import cKDTree

#: Largest graph laid out by networkx's exact (all pairs) spring layout.
EXACT_LIMIT = 400
SEED = 7
#: Ideal edge length of the exact layout relative to networkx's default (1/sqrt(n)):
#: dense actor projections need more room for their labels.
SPREAD = 2.0


def layout(graph: nx.Graph, *, seed: int = SEED, weight: str | None = "weight"
           ) -> dict[Hashable, tuple[float, float]]:
    """Positions in [-1, 1]² for every node of ``graph`` (directed and multi edges count once).

    Examples
    --------
    >>> pos = layout(nx.path_graph(3))
    >>> sorted(pos) == [0, 1, 2] and all(-1 <= c <= 1 for xy in pos.values() for c in xy)
    True
    """
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    for u, v, data in graph.edges(data=True):
        if u != v:
            w = float(data.get(weight, 1) or 1) if weight else 1.0
            simple.add_edge(u, v, weight=simple[u][v]["weight"] + w if simple.has_edge(u, v) else w)
    if simple.number_of_nodes() == 0:
        return {}
    parts = []
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(map(str, c))))
    for component in components:
        part = simple.subgraph(component)
        if part.number_of_nodes() == 1:
            parts.append((list(part), np.zeros((1, 2))))
        elif part.number_of_nodes() <= EXACT_LIMIT:
            k = SPREAD / np.sqrt(part.number_of_nodes())
            raw = nx.spring_layout(part, k=k, seed=seed, iterations=200, weight="weight")
            parts.append((list(part), np.array([raw[n] for n in part], dtype=float)))
        else:
            parts.append(grid_layout(part, seed=seed))
    nodes, xy = pack(parts)
    return dict(zip(nodes, (tuple(p) for p in _normalise(xy).round(4).tolist()), strict=True))


def pack(parts: list[tuple[list[Hashable], np.ndarray]]) -> tuple[list[Hashable], np.ndarray]:
    """Place laid-out components side by side, largest first, in rows under the first.

    Each component is scaled to a width proportional to the square root of its size, so
    isolates and small groups sit in a tidy band instead of stretching the drawing.
    """
    nodes: list[Hashable] = []
    blocks = []
    total = sum(len(n) for n, _ in parts)
    row_width = 2.0 * np.sqrt(len(parts[0][0]) / total) if parts else 1.0
    x = y = row_height = 0.0
    for i, (names, xy) in enumerate(parts):
        span = np.ptp(xy, axis=0).max() if len(xy) > 1 else 0.0
        width = 2.0 * np.sqrt(len(names) / total)
        if len(names) == 1:  # an isolate needs only room for its label
            width = min(width, 0.12 * row_width)
        xy = (xy - xy.min(axis=0)) / span * width if span > 0 else xy * 0
        gap = width * 0.15 + 0.02
        if i == 0:
            y = width + 2 * gap
        elif x + width > row_width + 1e-9 and x > 0:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        if i > 0:
            blocks.append(xy + np.array([x, y]))
            x += max(width, 0.04) + gap
            row_height = max(row_height, width)
        else:
            blocks.append(xy)
        nodes += names
    return nodes, np.vstack(blocks)


def _normalise(xy: np.ndarray) -> np.ndarray:
    xy = xy - xy.mean(axis=0)
    scale = np.abs(xy).max()
    return xy / scale if scale > 0 else xy


def grid_layout(simple: nx.Graph, *, seed: int = SEED, iterations: int = 100, cells: int = 128,
                neighbours: int = 8) -> tuple[list[Hashable], np.ndarray]:
    """ForceAtlas2-style forces with a particle-mesh approximation of the repulsion.

    Every node repels every other with force ``m_i m_j / d`` (``m`` = degree + 1, as in
    ForceAtlas2, so hubs push their many neighbours apart). Far repulsion is computed on a
    ``cells × cells`` density grid by one FFT convolution per axis; near repulsion exactly
    from the nearest ``neighbours`` (k-d tree). Ties attract linearly, more strongly for
    heavier ties (logarithmically); a pull to the centre keeps components together.
    Cost per iteration is O(n log n + m + cells² log cells), whatever the crowding.

    Returns the node list and an ``n × 2`` array of positions.
    """
    nodes = list(simple)
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[u], index[v]) for u, v in simple.edges()]
    edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    pull = 1.0 + np.log1p(np.array([d.get("weight", 1) for *_, d in simple.edges(data=True)],
                                   dtype=float))
    mass = 1.0 + np.bincount(edges.ravel(), minlength=n)
    side = float(np.sqrt(mass.sum()))
    pos = (np.random.default_rng(seed).random((n, 2)) - 0.5) * side
    offsets = np.arange(-(cells - 1), cells)
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    r2 = (dx**2 + dy**2).astype(float)
    r2[cells - 1, cells - 1] = np.inf
    kernel_x, kernel_y = dx / r2, dy / r2
    k = min(neighbours + 1, n)
    for step in range(iterations):
        lo = pos.min(axis=0)
        h = max(float((pos.max(axis=0) - lo).max()), 1e-9) / (cells - 1)
        cell = np.minimum(((pos - lo) / h).astype(int), cells - 1)
        density = np.zeros((cells, cells))
        np.add.at(density, (cell[:, 0], cell[:, 1]), mass)
        far = np.stack([fftconvolve(density, kernel, mode="same")[cell[:, 0], cell[:, 1]]
                        for kernel in (kernel_x, kernel_y)], axis=1) / h
        dist, near = cKDTree(pos).query(pos, k=k)
        delta = pos[:, None, :] - pos[near]
        d2 = np.maximum((delta**2).sum(axis=2), 1e-4)
        close = mass[near] * ((dist > 0) & (dist < 2 * h))
        disp = mass[:, None] * (far + ((delta / d2[..., None]) * close[..., None]).sum(axis=1))
        if len(edges):
            force = (pos[edges[:, 0]] - pos[edges[:, 1]]) * pull[:, None]
            np.add.at(disp, edges[:, 0], -force)
            np.add.at(disp, edges[:, 1], force)
        radius = np.maximum(np.sqrt((pos**2).sum(axis=1)), 1e-9)
        disp -= mass[:, None] * pos / radius[:, None]
        length = np.sqrt((disp**2).sum(axis=1))
        limit = side / 4 * (1 - step / iterations) ** 2 + side * 1e-3
        pos += disp * (np.minimum(length, limit) / np.maximum(length, 1e-12))[:, None]
    return nodes, pos
