"""The actor network over HTTP, against a real ``pasb-kg serve --memory`` subprocess:
every endpoint and format parses back (JSON, GraphML and GEXF with networkx, CSV with
csv), parameters select the view the library computes, and bad parameters are answered
400 naming the parameter and its allowed values."""

from __future__ import annotations

import base64
import csv
import io
import json

import networkx as nx
import pytest
import requests

from kg.network import actor_network, extract_multiplex, measures, network_years
from kg.store import OxigraphStore
from tests.service.conftest import LiveService

VIEWS = [
    {},
    {"layer": "all"},
    {"layer": "funding", "projection": "affiliation"},
    {"layer": "all", "projection": "affiliation", "year": "2012"},
    {"layer": "participation", "projection": "delegation", "year": "2011"},
    {"layer": "all", "projection": "multiplex"},
]


@pytest.fixture(scope="module")
def multiplex(kg_store: OxigraphStore) -> nx.MultiDiGraph:
    return extract_multiplex(kg_store)


def get(service: LiveService, path: str, **params: str) -> requests.Response:
    return service.session.get(service.url + path, params=params, timeout=120)


def library(M: nx.MultiDiGraph, params: dict[str, str]) -> nx.Graph:
    layer = params.get("layer", "participation")
    year = int(params["year"]) if "year" in params else None
    return actor_network(M, layer=None if layer == "all" else layer, year=year,
                         projection=params.get("projection", "actors"))


@pytest.mark.parametrize("params", VIEWS)
def test_json_view_matches_the_library(service: LiveService, multiplex: nx.MultiDiGraph,
                                       params: dict[str, str]) -> None:
    response = get(service, "/network/actors.json", **params)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    data = response.json()
    G = library(multiplex, params)
    assert data["graph"] == {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
    assert {n["id"] for n in data["nodes"]} == set(G)
    assert data["years"] == network_years(multiplex)
    for node in data["nodes"]:
        assert -1 <= node["x"] <= 1 and -1 <= node["y"] <= 1
        assert node["degree"] == G.degree(node["id"])
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    assert sum(data["layers"].values()) == len(data["edges"])
    if params.get("layer", "participation") != "all":
        assert len(data["edges"]) == G.number_of_edges()


def test_json_has_links_measures_and_search_names(service: LiveService) -> None:
    data = get(service, "/network/actors.json", layer="all").json()
    ilo = next(n for n in data["nodes"] if n["id"].endswith("/resource/ilo"))
    assert ilo["url"] == "/resource/ilo"
    assert ilo["label_en"] and ilo["label_id"]
    assert any("Organisasi" in name or "ILO" in name for name in ilo.get("names", []))
    assert ilo["betweenness"] == max(n["betweenness"] for n in data["nodes"])
    assert {"degree", "betweenness", "brokerage", "coreness"} <= set(ilo)
    assert ilo["programmes"] and all(p in data["programmes"] for p, _ in ilo["programmes"])


def test_layout_is_stable(service: LiveService) -> None:
    first = get(service, "/network/actors.json", projection="affiliation").json()
    again = get(service, "/network/actors.json", projection="affiliation").json()
    assert [(n["x"], n["y"]) for n in first["nodes"]] == [(n["x"], n["y"])
                                                          for n in again["nodes"]]


@pytest.mark.parametrize("params", VIEWS[:4])
def test_graphml_and_gexf_parse_back(service: LiveService, multiplex: nx.MultiDiGraph,
                                     params: dict[str, str]) -> None:
    G = library(multiplex, params)
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        response = get(service, f"/network/actors.{fmt}", **params)
        assert response.status_code == 200, response.text
        assert "attachment" in response.headers["Content-Disposition"]
        H = reader(io.BytesIO(response.content))
        assert H.number_of_nodes() == G.number_of_nodes()
        assert H.number_of_edges() == G.number_of_edges()
        labels = {str(d.get("label")) for _, d in H.nodes(data=True)}
        assert labels == {str(d["label"]) for _, d in G.nodes(data=True)}


@pytest.mark.parametrize("table", ["edges", "nodes"])
def test_csv_parses_back(service: LiveService, multiplex: nx.MultiDiGraph, table: str) -> None:
    response = get(service, "/network/actors.csv", layer="all", table=table)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    G = library(multiplex, {"layer": "all"})
    if table == "nodes":
        assert {r["id"] for r in rows} == set(G)
    else:
        assert len(rows) == G.number_of_edges()
        assert all(G.has_edge(r["source"], r["target"]) for r in rows)


def test_measures_json(service: LiveService, multiplex: nx.MultiDiGraph) -> None:
    response = get(service, "/network/measures.json", year="2012")
    assert response.status_code == 200, response.text
    data = response.json()
    G = library(multiplex, {"year": "2012"})
    assert data["graph"]["nodes"] == G.number_of_nodes()
    assert set(data["nodes"]) == set(G)
    expected = measures(G)["nodes"]
    for node, row in data["nodes"].items():
        assert row["betweenness"] == pytest.approx(expected[node]["betweenness"])
        assert row["brokerage_total"] == expected[node]["brokerage_total"]


@pytest.mark.parametrize(("path", "extension"), [("/network/report", "html"),
                                                 ("/network/report.json", "json"),
                                                 ("/network/report.md", "md")])
def test_report(service: LiveService, path: str, extension: str) -> None:
    response = get(service, path, year="2012")
    assert response.status_code == 200, response.text
    if extension == "json":
        data = response.json()
        assert data["year"] == 2012 and len(data["findings"]) == 5
    elif extension == "html":
        assert response.headers["Content-Type"].startswith("text/html")
        assert response.text.count('class="finding"') == 5
        assert "data:image/svg+xml;base64," in response.text
    else:
        assert response.text.startswith("# Cooperation structure")


def test_report_page_in_indonesian(service: LiveService) -> None:
    """The report's page, sentences, figures and captions follow the page's language;
    the numbers stay the same."""
    english = get(service, "/network/report.json", lang="en").json()
    indonesian = get(service, "/network/report.json", lang="id").json()
    assert indonesian["lang"] == "id" and english["lang"] == "en"
    assert ([f["values"] for f in indonesian["findings"]]
            == [f["values"] for f in english["findings"]])
    assert indonesian["findings"][2]["proposition"] == "Para aktor saling bergantung."
    # Not the shared session: ?lang= sets a cookie that would change later tests' pages.
    page = requests.get(service.url + "/network/report", params={"lang": "id"}, timeout=120)
    text = page.text
    assert page.headers["Content-Language"] == "id"
    assert "Struktur kerja sama program ILO–Indonesia (semua tahun)" in text
    for word in ("Indikator", "Aturan", "Putusan", "Gambar", "Jelajahi jaringan"):
        assert word in text, word
    for word in ("Indicator", "Verdict", "Explore the network", "Figures"):
        assert word not in text, word
    assert text.count("<figcaption>") == 3 and "Jaringan aktor. Setiap lingkaran" in text
    svg = base64.b64decode(text.split("data:image/svg+xml;base64,")[1].split('"')[0])
    assert b"Lembaga pemerintah" in svg  # the figure's legend is Indonesian too


@pytest.mark.parametrize(("path", "params", "named", "allowed"), [
    ("/network/actors.json", {"layer": "money"}, "layer", "funding, participation"),
    ("/network/actors.json", {"projection": "circle"}, "projection", "actors"),
    ("/network/actors.json", {"year": "1999"}, "year", "2010–2014"),
    ("/network/actors.graphml", {"year": "last"}, "year", "all"),
    ("/network/actors.csv", {"table": "edge"}, "table", "edges, nodes"),
    ("/network/measures.json", {"projection": "multiplex"}, "projection", "affiliation"),
    ("/network/measures.json", {"layer": "x"}, "layer", "coverage, all"),
    ("/network/report", {"year": "2030"}, "year", "2010–2014"),
])
def test_bad_parameter_is_400_naming_it(service: LiveService, path: str,
                                        params: dict[str, str], named: str,
                                        allowed: str) -> None:
    response = get(service, path, **params)
    assert response.status_code == 400
    assert f"parameter {named}=" in response.text
    assert allowed in response.text


def test_unknown_format_is_404_listing_formats(service: LiveService) -> None:
    response = get(service, "/network/actors.xlsx")
    assert response.status_code == 404
    assert "json, graphml, gexf, csv" in response.text



def test_viewer_page(service: LiveService) -> None:
    response = get(service, "/network")
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert 'src="/static/dist/network.js"' in response.text
    bundle = get(service, "/static/dist/network.js")  # built by pip install, served here
    assert bundle.status_code == 200 and "javascript" in bundle.headers["Content-Type"]
    config = response.text.split('id="network-config" type="application/json">')[1]
    assert json.loads(config.split("</script>")[0])["data"] == "/network/actors.json"


@pytest.mark.parametrize("year", [None, "2012"])
def test_viewer_and_report_measure_the_same_network(service: LiveService, year: str | None,
                                                   tmp_path, isolated_env) -> None:
    """The viewer's actor network (what /network draws, layer=all) and the report
    (/network/report.json, and ``pasb-kg network report``) count the same actors and give
    each the same betweenness, degree and brokerage."""
    import subprocess
    import sys
    from pathlib import Path

    params = {"layer": "all", **({"year": year} if year else {})}
    viewer = get(service, "/network/actors.json", **params).json()
    report = get(service, "/network/report.json", **({"year": year} if year else {})).json()
    actors = report["measures"]["actors"]
    assert {n["id"] for n in viewer["nodes"]} == set(actors["nodes"])
    assert len(viewer["nodes"]) == report["measures"]["plurality"]["actors"]
    assert not any(n["id"].endswith("/resource/united-nations") for n in viewer["nodes"])
    assert viewer["measured_on"] == "participation"
    assert viewer["layers"]["participation"] == actors["graph"]["edges"]
    data = Path(__file__).resolve().parents[2] / "kg" / "data"
    argv = [str(Path(sys.executable).with_name("pasb-kg")), "network", "report", "--format",
            "json", *(["--year", year] if year else [])]
    # every graph the service serves: the paper's, the interpretations and outside context
    for path in sorted(data.rglob("*.ttl")):
        argv += ["--graph", str(path)]
    cli = subprocess.run(argv, capture_output=True, text=True, env=isolated_env, timeout=300)
    assert cli.returncode == 0, cli.stderr
    from_cli = json.loads(cli.stdout)["measures"]["actors"]["nodes"]
    for node in viewer["nodes"]:
        expected = actors["nodes"][node["id"]]
        assert node["betweenness"] == pytest.approx(expected["betweenness"], abs=1e-6)
        assert from_cli[node["id"]]["betweenness"] == pytest.approx(expected["betweenness"],
                                                                    abs=1e-9)
        assert node["brokerage"] == expected["brokerage_total"]
        assert node["degree"] == round(expected["degree"] * (len(viewer["nodes"]) - 1))
    ilo = next(n for n in viewer["nodes"] if n["id"].endswith("/resource/ilo"))
    report_text = get(service, "/network/report", **({"year": year} if year else {})).text
    assert f"({ilo['betweenness']:.3f})" in report_text  # the sentence quotes the same value


# -- scopes: only what the paper states (issue #11) ---------------------------------------
@pytest.mark.parametrize("scope", ["paper", "paper+interpretation"])
def test_a_scope_is_the_network_of_its_graphs(service: LiveService, kg_store: OxigraphStore,
                                              scope: str) -> None:
    """``scope=`` draws the network of just those kinds of statement, the same network
    the library extracts from ``kg.scope.scoped``."""
    from kg.scope import Scope, scoped

    M = extract_multiplex(scoped(kg_store, Scope.parse(scope)))
    data = get(service, "/network/actors.json", layer="all", scope=scope).json()
    G = library(M, {"layer": "all"})
    assert {n["id"] for n in data["nodes"]} == set(G)
    everything = get(service, "/network/actors.json", layer="all").json()
    assert {n["id"] for n in data["nodes"]} <= {n["id"] for n in everything["nodes"]}


def test_the_report_gives_the_paper_only_verdicts(service: LiveService,
                                                  kg_store: OxigraphStore) -> None:
    """The report on everything says, finding by finding, what only the paper's statements
    support, and lists what else the network rests on; the report on ``scope=paper`` has
    the paper-only verdicts as its own."""
    from kg.network.report import build_report
    from kg.scope import Scope, scoped

    report = get(service, "/network/report.json").json()
    paper_only = report["paper_only"]
    expected = build_report(extract_multiplex(kg_store), figures=False,
                            paper=extract_multiplex(scoped(kg_store, Scope.PAPER)))
    assert paper_only["verdicts"] == {str(n): v.value
                                      for n, v in expected.scopes.paper_verdicts.items()}
    assert paper_only["differing"] == expected.scopes.differing
    assert paper_only["interpretation_and_context_inputs"] == expected.scopes.inputs
    hub = next(f for f in report["findings"] if f["number"] == 1)
    assert hub["verdict"] != paper_only["verdicts"]["1"]  # the hub finding needs readings
    assert 1 in paper_only["differing"]

    paper = get(service, "/network/report.json", scope="paper").json()
    assert "paper_only" not in paper
    assert {str(f["number"]): f["verdict"] for f in paper["findings"]} == paper_only["verdicts"]

    page = get(service, "/network/report").text
    assert page.count('class="paper-only"') == 5
    assert "What the findings rest on" in page
    assert 'aria-current="page">All statements' in page
    assert "/network/report?scope=paper" in page
    only = get(service, "/network/report", scope="paper").text
    assert 'class="paper-only"' not in only
    assert 'aria-current="page">Only what the paper states' in only


def test_a_bad_scope_is_400_naming_it(service: LiveService) -> None:
    for path in ("/network/actors.json", "/network/report"):
        response = get(service, path, scope="everything")
        assert response.status_code == 400
        assert "parameter scope='everything'" in response.text
        assert "all, paper, paper+interpretation" in response.text
