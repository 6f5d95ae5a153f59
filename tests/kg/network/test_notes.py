"""The measures say what they estimated, ran on igraph or left out — and nothing else."""

from __future__ import annotations

import networkx as nx

from kg.network.measures import measure_notes
from kg.settings import Settings


def test_igraph_note_names_constraint_only_when_it_is_computed() -> None:
    G = nx.gnm_random_graph(60, 300, seed=1)
    computed = measure_notes(G, Settings.from_env({}, network_igraph_limit=10))
    assert any("constraint, k-cores" in n for n in computed)
    left_out = measure_notes(G, Settings.from_env({}, network_igraph_limit=10,
                                                  constraint_limit=100))
    igraph_note = next(n for n in left_out if "python-igraph" in n)
    assert "constraint" not in igraph_note
    assert any(n.startswith("constraint, effective size") and "left out" in n
               for n in left_out)


def test_small_graphs_need_no_notes() -> None:
    assert measure_notes(nx.path_graph(5), Settings.from_env({})) == []
