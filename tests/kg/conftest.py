"""Fixtures shared by the tests of the shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def full() -> Graph:
    """Every file shipped: the paper's graphs, the interpretations, outside context, links
    and the ontology, merged."""
    graph = Graph()
    for path in (sorted((ROOT / "kg" / "data").rglob("*.ttl"))
                 + sorted((ROOT / "ontology").glob("*.ttl"))):
        graph.parse(path, format="turtle")
    return graph
