"""The network of the shipped knowledge graph (kg/data/programmes.ttl and friends)."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.network import actor_network, cooperation_measures, extract_multiplex
from kg.network.report import Verdict, build_report, render_report

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


@pytest.mark.parametrize("year, programmes", [
    (2010, PROGRAMMES[::2]),  # programme 2 starts in 2011
    (2012, PROGRAMMES),
    (2014, PROGRAMMES[:1]),  # only programme 1's own dates run to 2014
])
def test_per_year_views_use_the_cooperation_period(real: nx.MultiDiGraph, year: int,
                                                   programmes: tuple[str, ...]) -> None:
    B = actor_network(real, year=year, projection="affiliation")
    assert sorted(n for n, d in B.nodes(data=True) if d["bipartite"] == 1) == sorted(
        RES + p for p in programmes)


def test_undated_programme_takes_the_cooperation_period(real: nx.MultiDiGraph) -> None:
    skills = real.nodes[RES + "programme-skills-training"]
    assert (skills["start_year"], skills["end_year"]) == (2010, 2013)
    assert skills["dates"] == "cooperation"
    assert skills["period_of"] == RES + "cooperation-ilo-indonesia"
    assert "start" not in skills  # no date of its own is invented
    assert real.nodes[RES + "programme-education"]["dates"] == "own"


def test_the_output_says_where_the_period_comes_from(real: nx.MultiDiGraph) -> None:
    note = ("programme-skills-training has no dates of its own; the paper places all three "
            "programmes of cooperation-ilo-indonesia in 2010–2013, so per-year views use "
            "that period")
    assert actor_network(real, year=2012).graph["notes"] == [note]
    assert actor_network(real, year=2014).graph["notes"] == []
    cm = cooperation_measures(real, year=2012)
    assert note in cm["notes"]
    assert note in cm["actors"]["graph"]["notes"]
    report = build_report(real, year=2012, figures=False)
    assert note in report.notes
    assert note in render_report(report, "md")
