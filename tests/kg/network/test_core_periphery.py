"""Borgatti–Everett continuous coreness on ideal patterns."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from kg.network.core_periphery import continuous_coreness


def test_recovers_an_exact_core_periphery_pattern() -> None:
    # Ties a_ij = c_i c_j for i ≠ j: the model fits perfectly and returns c up to scale.
    c = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    G = nx.Graph()
    for i in range(5):
        for j in range(i + 1, 5):
            G.add_edge(i, j, weight=c[i] * c[j])
    cp = continuous_coreness(G)
    got = np.array([cp.coreness[i] for i in range(5)])
    assert got == pytest.approx(c / np.linalg.norm(c), abs=1e-6)
    assert cp.fit == pytest.approx(1.0)


def test_star_centre_is_the_core() -> None:
    cp = continuous_coreness(nx.star_graph(5), weight=None)
    assert max(cp.coreness, key=cp.coreness.get) == 0
    leaves = {cp.coreness[i] for i in range(1, 6)}
    assert max(leaves) - min(leaves) < 1e-9


def test_edgeless_graph() -> None:
    G = nx.empty_graph(3)
    cp = continuous_coreness(G)
    assert cp.coreness == {0: 0.0, 1: 0.0, 2: 0.0}
    assert cp.fit is None
