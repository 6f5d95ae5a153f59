"""The network of the shipped knowledge graph (kg/data/programmes.ttl and friends)."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.network import actor_network, cooperation_measures, extract_multiplex
from kg.network.report import Verdict, build_report

RES = "https://w3id.org/pasb/resource/"
PROGRAMMES = ("programme-education", "programme-youth-transition", "programme-skills-training")


@pytest.fixture(scope="module")
def real(kg_store) -> nx.MultiDiGraph:
    M = extract_multiplex(kg_store)
    if not any(d.get("kind") == "programme" for _, d in M.nodes(data=True)):
        pytest.fail("the shipped graph has no programmes")
    return M


@pytest.fixture(scope="module")
def cm(real: nx.MultiDiGraph) -> dict:
    return cooperation_measures(real)


def test_three_programmes_with_the_ilo_implementing(real: nx.MultiDiGraph) -> None:
    programmes = sorted(n for n, d in real.nodes(data=True) if d["kind"] == "programme")
    assert programmes == sorted(RES + p for p in PROGRAMMES)
    for p in programmes:
        roles = [d["role"] for d in real.get_edge_data(RES + "ilo", p).values()
                 if d["layer"] == "participation"]
        assert roles == ["implementing"]


def test_ilo_has_the_highest_betweenness(real: nx.MultiDiGraph, cm: dict) -> None:
    nodes = cm["actors"]["nodes"]
    top = max(v["betweenness"] for v in nodes.values())
    # In the co-participation network the ILO ties with the actors in every programme ...
    assert nodes[RES + "ilo"]["betweenness"] == top
    # ... in the delegation network it alone mediates donors and domestic actors.
    D = actor_network(real, projection="delegation")
    between = nx.betweenness_centrality(D)
    assert max(between, key=between.get) == RES + "ilo"
    assert cm["delegation"]["mediation"][RES + "ilo"] == 1.0
    raw = cm["delegation"]["brokerage"]["raw"]
    assert max(raw, key=lambda n: raw[n]["liaison"]) == RES + "ilo"


@pytest.mark.parametrize("programme, employers, workers", [
    ("programme-education", ["apindo"], ["trade-unions"]),
    ("programme-youth-transition", ["employers-organisations"], ["trade-unions"]),
    ("programme-skills-training", ["apindo"], ["trade-union-confederation"]),
])
def test_tripartite_coverage(cm: dict, programme: str, employers: list[str],
                             workers: list[str]) -> None:
    row = cm["tripartite"][RES + programme]
    assert row["employers"] == [RES + e for e in employers]
    assert row["workers"] == [RES + w for w in workers]
    assert RES + "ministry-of-manpower" in row["government"]
    assert row["tripartite"] is True


def test_report_on_the_shipped_graph(real: nx.MultiDiGraph) -> None:
    report = build_report(real, figures=False)
    assert report.findings[0].verdict is Verdict.SUPPORTED
    assert report.findings[4].sentence.startswith("3 of 3 programmes")
