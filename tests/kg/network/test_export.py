"""Every export read back (networkx; python-igraph for GraphML) and compared."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest

from kg.errors import UnknownNameError
from kg.network import actor_network
from kg.network.export import ExportFormat, export_network


@pytest.fixture(scope="module")
def G(mini: nx.MultiDiGraph) -> nx.Graph:  # noqa: N802 - networkx naming
    return actor_network(mini)


def _same_structure(G: nx.Graph, H: nx.Graph) -> None:
    assert set(map(str, H.nodes())) == set(G.nodes())
    assert {frozenset(map(str, e)) for e in H.edges()} == {frozenset(e) for e in G.edges()}


def test_graphml_with_networkx_and_igraph(G: nx.Graph, tmp_path) -> None:
    data = export_network(G, "graphml")["network.graphml"]
    H = nx.read_graphml(io.BytesIO(data))
    _same_structure(G, H)
    ilo = "https://w3id.org/pasb/resource/ilo"
    apindo = "https://w3id.org/pasb/resource/apindo"
    assert H.nodes[ilo]["actor_type"] == "international-organisation"
    assert H[ilo][apindo]["programmes"].count(";") == 1
    assert H[ilo][apindo]["weight"] == 2
    igraph = pytest.importorskip("igraph")
    path = tmp_path / "network.graphml"
    path.write_bytes(data)
    ig = igraph.Graph.Read_GraphML(str(path))
    assert (ig.vcount(), ig.ecount()) == (G.number_of_nodes(), G.number_of_edges())
    assert sorted(ig.vs["id"]) == sorted(G.nodes())


def test_gexf_has_viz(G: nx.Graph) -> None:
    H = nx.read_gexf(io.BytesIO(export_network(G, "gexf")["network.gexf"]))
    _same_structure(G, H)
    viz = H.nodes["https://w3id.org/pasb/resource/ilo"]["viz"]
    assert viz["color"] == {"r": 0, "g": 114, "b": 178, "a": 1.0}
    assert viz["size"] > 0 and "position" in viz


def test_pajek_one_file_per_layer(mini: nx.MultiDiGraph) -> None:
    files = export_network(actor_network(mini, layer="all", projection="multiplex"), "pajek")
    assert sorted(files) == ["coverage.net", "funding.net", "legal.net", "participation.net"]
    P = nx.read_pajek(io.BytesIO(files["funding.net"]))
    assert P.number_of_edges() == 2


def test_csv(G: nx.Graph) -> None:
    files = export_network(G, ExportFormat.CSV)
    nodes = list(csv.DictReader(io.StringIO(files["nodes.csv"].decode())))
    edges = list(csv.DictReader(io.StringIO(files["edges.csv"].decode())))
    assert len(nodes) == G.number_of_nodes() and len(edges) == G.number_of_edges()
    H = nx.from_edgelist((e["source"], e["target"]) for e in edges)
    _same_structure(G, H)


def test_node_link_and_cytoscape(G: nx.Graph) -> None:
    data = json.loads(export_network(G, "json")["network.json"])
    _same_structure(G, nx.node_link_graph(data, edges="edges"))
    cy = json.loads(export_network(G, "cytoscape")["network.cyjs"])
    _same_structure(G, nx.cytoscape_graph(cy))
    assert all(n["data"]["colour"].startswith("#") for n in cy["elements"]["nodes"])


def test_exports_are_reproducible(G: nx.Graph) -> None:
    for fmt in ExportFormat:
        assert export_network(G, fmt) == export_network(G, fmt)


def test_unknown_format() -> None:
    with pytest.raises(UnknownNameError, match="format"):
        export_network(nx.Graph(), "dot")
