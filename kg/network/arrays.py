"""Large networks as arrays: the representation the measures use above the igraph limit.

A networkx graph holds a dict per tie; the actor projection of 100,000 actors has ~7
million ties, and building, walking and converting it dominated the analysis (minutes
and gigabytes). :class:`ArrayGraph` holds the same simple graph as NumPy arrays — the
two ends of each tie, its weight and how many relations (programmes) it carries — and
the node attribute dicts as they are, so that:

- the one-mode projection is one sparse product of the affiliation matrix
  (:func:`projection_of`), without a tie-by-tie Python loop;
- igraph, SciPy and NumPy read it without conversion (:meth:`ArrayGraph.igraph`,
  :meth:`ArrayGraph.adjacency`);
- the measures that read tie lists (E-I index, mixing, multiplexity, modularity,
  degree, strength) run as array operations on networkx graphs and array graphs alike,
  through :func:`tie_arrays`.

It offers the small read-only part of the networkx graph API the measures use (node
iteration and attributes, ``number_of_nodes``/``number_of_edges``, ``is_directed``),
and :meth:`ArrayGraph.to_networkx` for anything else.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
from scipy import sparse

if TYPE_CHECKING:
    import igraph as ig


class _NodeView:
    """``G.nodes`` of an :class:`ArrayGraph`: ``G.nodes[n]``, ``G.nodes(data=True)``."""

    def __init__(self, graph: ArrayGraph) -> None:
        self._graph = graph

    def __getitem__(self, node: Hashable) -> dict[str, Any]:
        return self._graph.node_data[self._graph.index[node]]

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._graph.node_list)

    def __len__(self) -> int:
        return len(self._graph.node_list)

    def __contains__(self, node: object) -> bool:
        return node in self._graph.index

    def __call__(self, data: bool = False) -> Iterator[Any]:
        if data:
            return zip(self._graph.node_list, self._graph.node_data, strict=True)
        return iter(self._graph.node_list)


@dataclass(eq=False)
class ArrayGraph:
    """A simple weighted graph as arrays (undirected unless ``directed``).

    Parameters
    ----------
    node_list : list
        The nodes, in the order of the indices used by the arrays.
    node_data : list of dict
        Each node's attributes (shared with the graph they came from, not copied).
    src, dst : numpy.ndarray
        The two ends of each tie, as indices into ``node_list``; no self-loops and no
        parallel ties (an undirected tie appears once).
    weight : numpy.ndarray
        The tie weights (the number of programmes two actors share, in a projection).
    multiplicity : numpy.ndarray, optional
        How many distinct relations each tie carries (``len(programmes)`` of a networkx
        projection); the weight when not given.
    """

    node_list: list[Hashable]
    node_data: list[dict[str, Any]]
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray
    multiplicity: np.ndarray | None = None
    directed: bool = False
    graph: dict[str, Any] = field(default_factory=dict)

    # -- the networkx-like part --------------------------------------------------------
    @cached_property
    def index(self) -> dict[Hashable, int]:
        return {n: i for i, n in enumerate(self.node_list)}

    @property
    def nodes(self) -> _NodeView:
        return _NodeView(self)

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self.node_list)

    def __len__(self) -> int:
        return len(self.node_list)

    def __contains__(self, node: object) -> bool:
        return node in self.index

    def number_of_nodes(self) -> int:
        return len(self.node_list)

    def number_of_edges(self) -> int:
        return len(self.src)

    def is_directed(self) -> bool:
        return self.directed

    def is_multigraph(self) -> bool:
        return False

    # -- arrays ------------------------------------------------------------------------
    @property
    def relations(self) -> np.ndarray:
        """Relations per tie: ``multiplicity``, or the weight."""
        return self.multiplicity if self.multiplicity is not None else self.weight

    def degrees(self) -> np.ndarray:
        """Ties per node (in + out for a directed graph)."""
        n = len(self.node_list)
        return np.bincount(self.src, minlength=n) + np.bincount(self.dst, minlength=n)

    def strengths(self) -> np.ndarray:
        """Sum of tie weights per node."""
        n = len(self.node_list)
        return (np.bincount(self.src, weights=self.weight, minlength=n)
                + np.bincount(self.dst, weights=self.weight, minlength=n))

    def adjacency(self, weighted: bool = True) -> sparse.csr_matrix:
        """The symmetric (undirected) adjacency matrix, weighted or binary (a copy of
        the one built on first use, so callers may change it)."""
        return (self._weighted_adjacency if weighted else self._binary_adjacency).copy()

    def _symmetric(self, values: np.ndarray) -> sparse.csr_matrix:
        n = len(self.node_list)
        return sparse.csr_matrix((np.r_[values, values],
                                  (np.r_[self.src, self.dst], np.r_[self.dst, self.src])),
                                 shape=(n, n))

    @cached_property
    def _weighted_adjacency(self) -> sparse.csr_matrix:
        return self._symmetric(self.weight)

    @cached_property
    def _binary_adjacency(self) -> sparse.csr_matrix:
        return self._symmetric(np.ones(len(self.src)))

    def undirected(self) -> ArrayGraph:
        """Itself if undirected, else one tie per connected pair (weights summed)."""
        if not self.directed:
            return self
        n = len(self.node_list)
        lo, hi = np.minimum(self.src, self.dst), np.maximum(self.src, self.dst)
        S = sparse.coo_matrix((self.weight, (lo, hi)), shape=(n, n)).tocsr()
        S.sum_duplicates()
        S = S.tocoo()
        return ArrayGraph(self.node_list, self.node_data, S.row.astype(np.int64),
                          S.col.astype(np.int64), S.data.astype(float), graph=dict(self.graph))

    def components(self) -> tuple[int, np.ndarray]:
        """Number of (weakly) connected components and each node's component label."""
        return self._components

    @cached_property
    def _components(self) -> tuple[int, np.ndarray]:
        from scipy.sparse.csgraph import connected_components

        return connected_components(self.adjacency(weighted=False), directed=False)

    @cached_property
    def igraph(self) -> ig.Graph:
        """The graph in python-igraph (vertices in ``node_list`` order); do not modify."""
        import igraph as ig

        H = ig.Graph(n=len(self.node_list), directed=self.directed)
        # A list of int pairs converts several times faster than a NumPy array.
        H.add_edges(list(zip(self.src.tolist(), self.dst.tolist(), strict=True)))
        return H

    def to_networkx(self) -> nx.Graph:
        """The same graph in networkx (``weight`` on each tie; for measures without an
        array implementation, on graphs small enough for them)."""
        G = nx.DiGraph() if self.directed else nx.Graph()
        G.graph.update(self.graph)
        G.add_nodes_from(zip(self.node_list, self.node_data, strict=True))
        names = self.node_list
        G.add_weighted_edges_from(
            (names[u], names[v], w) for u, v, w in
            zip(self.src.tolist(), self.dst.tolist(), self.weight.tolist(), strict=True))
        return G

    @classmethod
    def from_networkx(cls, G: nx.Graph, weight: str = "weight",
                      relations: str = "programmes") -> ArrayGraph:
        """The simple graph ``G`` as arrays (self-loops dropped)."""
        if G.is_multigraph():
            raise nx.NetworkXNotImplemented("an array graph is simple: collapse parallel "
                                            "edges first")
        nodes = list(G)
        index = {n: i for i, n in enumerate(nodes)}
        src, dst, w, rel = [], [], [], []
        for u, v, d in G.edges(data=True):
            if u == v:
                continue
            src.append(index[u])
            dst.append(index[v])
            w.append(float(d.get(weight, 1)))
            rel.append(len(d.get(relations) or ()))
        return cls(nodes, [G.nodes[n] for n in nodes], np.asarray(src, dtype=np.int64),
                   np.asarray(dst, dtype=np.int64), np.asarray(w, dtype=float),
                   np.asarray(rel, dtype=np.int64), directed=G.is_directed(),
                   graph=dict(G.graph))


def undirected(G: nx.Graph | ArrayGraph) -> nx.Graph | ArrayGraph:
    """``G`` without directions: itself when undirected (no copy of a large graph)."""
    if isinstance(G, ArrayGraph):
        return G.undirected()
    return nx.Graph(G) if G.is_directed() else G


def tie_arrays(G: nx.Graph | ArrayGraph) -> ArrayGraph:
    """``G`` as an :class:`ArrayGraph` (itself if it is one): the input of the array
    implementations of per-tie measures."""
    return G if isinstance(G, ArrayGraph) else ArrayGraph.from_networkx(G)


@dataclass(eq=False)
class Incidence:
    """An affiliation (two-mode) network as a sparse actor × event matrix.

    ``matrix[i, e]`` counts the ties between actor ``actors[i]`` and event
    ``events[e]`` (several roles of one actor in one programme count once each);
    ``actor_data`` are the actors' attribute dicts.
    """

    actors: list[Hashable]
    actor_data: list[dict[str, Any]]
    events: list[Hashable]
    matrix: sparse.csr_matrix

    def binary(self) -> sparse.csr_matrix:
        X = self.matrix.copy()
        X.data[:] = 1
        return X


def incidence(M: nx.MultiDiGraph, layers: Sequence[str], left: str = "actor",
              rights: Sequence[str] = ("programme",)) -> Incidence:
    """The affiliation matrix of the ``layers`` of the multiplex network ``M``.

    Nodes are numbered in the order :func:`kg.network.extract.affiliation_graph` adds
    them (first appearance along ``M``'s edges), so that node orders, and hence sampled
    pivots, agree with the networkx path.
    """
    return incidences(M, [(layers, rights)], left)[0]


def incidences(M: nx.MultiDiGraph, specs: Sequence[tuple[Sequence[str], Sequence[str]]],
               left: str = "actor") -> list[Incidence]:
    """:func:`incidence` for several ``(layers, rights)`` at once, in one walk of ``M``."""
    nodes = M._node
    wanted = [(set(layers), set(rights)) for layers, rights in specs]
    actor_index: list[dict[Hashable, int]] = [{} for _ in specs]
    event_index: list[dict[Hashable, int]] = [{} for _ in specs]
    rows: list[list[int]] = [[] for _ in specs]
    cols: list[list[int]] = [[] for _ in specs]
    accepting: dict[tuple[str, str], tuple[int, ...]] = {}  # (layer, kind) -> specs
    # M.edges order, walked on the adjacency dicts (no per-edge view objects).
    for u, neighbours in M._succ.items():
        if nodes[u]["kind"] != left:
            continue
        codes: list[int | None] = [None] * len(specs)
        for v, keyed in neighbours.items():
            kind = nodes[v]["kind"]
            for data in keyed.values():
                key = (data["layer"], kind)
                targets = accepting.get(key)
                if targets is None:
                    targets = accepting[key] = tuple(
                        s for s, (layers, kinds) in enumerate(wanted)
                        if key[0] in layers and kind in kinds)
                for s in targets:
                    a = codes[s]
                    if a is None:
                        index = actor_index[s]
                        a = codes[s] = index.setdefault(u, len(index))
                    events = event_index[s]
                    rows[s].append(a)
                    cols[s].append(events.setdefault(v, len(events)))
    out = []
    for s in range(len(specs)):
        X = sparse.csr_matrix((np.ones(len(rows[s])), (rows[s], cols[s])),
                              shape=(len(actor_index[s]), len(event_index[s])))
        X.sum_duplicates()
        actors, events = list(actor_index[s]), list(event_index[s])
        out.append(Incidence(actors, [nodes[a] for a in actors], events, X))
    return out


def projection_of(B: Incidence) -> ArrayGraph:
    """The weighted one-mode actor projection of an affiliation matrix.

    The same graph as :func:`kg.network.extract.actor_projection`: two actors are tied
    when they share an event, with ``weight`` = ``multiplicity`` = the number shared, as
    the upper triangle of :math:`X X^T` for the binary affiliation matrix :math:`X`.
    """
    X = B.binary()
    shared = sparse.triu(X @ X.T, k=1).tocoo()
    weight = shared.data.astype(float)
    data = [{k: v for k, v in d.items() if k != "bipartite"} for d in B.actor_data]
    return ArrayGraph(list(B.actors), data, shared.row.astype(np.int64),
                      shared.col.astype(np.int64), weight, shared.data.astype(np.int64))
