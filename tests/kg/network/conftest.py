"""Fixtures of the network tests: the mini fixture graph as a multiplex network."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.network.extract import extract_multiplex

MINI = Path(__file__).resolve().parents[2] / "data" / "network-mini.ttl"


@pytest.fixture(scope="session")
def mini() -> nx.MultiDiGraph:
    """The multiplex network of tests/data/network-mini.ttl."""
    return extract_multiplex(MINI)
