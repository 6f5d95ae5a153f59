"""The network viewer ``/network`` in headless Chromium (Debian's, driven by Playwright).

Against a live ``pasb-kg serve --memory`` (the shipped graph) and a second one serving a
synthetic graph of about 5,000 actors and 40,000 ties (``--no-kg --load synthetic.nt``):
the drawing matches the API, search highlights a neighbourhood, layer toggles and the
year slider change the graph, PNG and SVG exports are valid, SPARQL results open in the
viewer, nothing leaves 127.0.0.1 and the console stays clean. Screenshots of each state
and the measured timings go to ``test-artifacts/``.
"""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests

from kg.network.synthetic import write_synthetic
from tests.service.conftest import (
    ARTIFACTS,
    LiveService,
    recording_page,
    require_chromium,
    start_service,
)

pytestmark = pytest.mark.browser

TIMING = ARTIFACTS / "network-timing.json"
#: About 5,000 actors in the actor network with some 40,000 ties.
SYNTHETIC = {"n_actors": 9600, "n_ties": 12800, "n_programmes": 4200, "n_countries": 5,
             "seed": 1}

require_chromium()


@pytest.fixture(scope="module")
def big_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveService]:
    tmp = tmp_path_factory.mktemp("viewer-big")
    write_synthetic(tmp / "synthetic.nt", **SYNTHETIC)
    live = start_service(tmp, "--no-kg", "--memory", "--load", str(tmp / "synthetic.nt"),
                         "--query-timeout", "120")
    yield live
    live.stop()



@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records every request and every console error."""
    with recording_page(browser, timeout_ms=30_000, accept_downloads=True,
                        viewport={"width": 1400, "height": 950}) as tab:
        yield tab


def shoot(tab: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"network-{name}.png"), full_page=True)


def record_timing(key: str, value: dict[str, Any]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    data = json.loads(TIMING.read_text()) if TIMING.exists() else {}
    data[key] = value
    TIMING.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    print(f"\n{key}: {json.dumps(value, sort_keys=True)}")


def assert_clean(tab: Any, live: LiveService) -> None:
    outside = [u for u in tab.requests if not u.startswith(live.url + "/")
               and not u.startswith(("data:", "blob:"))]
    assert not outside, outside
    assert not tab.errors, tab.errors


def api(live: LiveService, **params: str) -> dict[str, Any]:
    response = requests.get(live.url + "/network/actors.json", params=params, timeout=300)
    assert response.status_code == 200, response.text
    return response.json()


def ready(tab: Any, timeout: float = 30_000) -> None:
    tab.wait_for_selector("#net-canvas[data-state=ready]", timeout=timeout)


def drawn(tab: Any) -> tuple[int, int]:
    canvas = tab.locator("#net-canvas")
    return int(canvas.get_attribute("data-nodes")), int(canvas.get_attribute("data-edges"))


def wait_for_nodes(tab: Any, count: int) -> None:
    """Wait until the drawing has ``count`` nodes (the page's CSP forbids eval, which
    ``wait_for_function`` with a string needs)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        state = tab.locator("#net-canvas").get_attribute("data-state")
        if state == "ready" and drawn(tab)[0] == count:
            return
        tab.wait_for_timeout(50)
    raise AssertionError(f"the drawing never had {count} nodes; it has {drawn(tab)}")


def test_draws_the_api_graph(page: Any, service: LiveService) -> None:
    data = api(service, layer="all")
    page.goto(service.url + "/network")
    ready(page)
    assert service.url + "/static/dist/network.js" in page.requests  # the built bundle
    assert drawn(page) == (len(data["nodes"]), len(data["edges"]))
    assert data["graph"]["nodes"] == len(data["nodes"])
    timings = page.evaluate("window.pasbNetwork.timings")
    record_timing("shipped", {k: round(v, 1) for k, v in timings.items()})
    assert timings["total_ms"] < 1000
    legend = page.inner_text("#net-legend")
    assert "International organisation" in legend and "Government body" in legend
    page.click("#net-table-box summary")
    page.wait_for_selector("#net-table tbody tr")
    assert page.locator("#net-table tbody tr").count() == len(data["nodes"])
    shoot(page, "01-actors")
    assert_clean(page, service)


def test_search_highlights_ilo_and_its_neighbours(page: Any, service: LiveService) -> None:
    data = api(service, layer="all")
    ilo = next(n["id"] for n in data["nodes"] if n["id"].endswith("/resource/ilo"))
    neighbours = {e["target"] for e in data["edges"] if e["source"] == ilo} | {
        e["source"] for e in data["edges"] if e["target"] == ilo}
    page.goto(service.url + "/network")
    ready(page)
    page.fill("#net-search", "ILO")
    page.press("#net-search", "Enter")
    canvas = page.locator("#net-canvas")
    assert canvas.get_attribute("data-selected") == ilo
    assert int(canvas.get_attribute("data-highlighted")) == 1 + len(neighbours - {ilo})
    assert page.is_visible("#net-panel")
    assert "International Labour Organization" in page.inner_text("#net-panel-title")
    assert page.get_attribute("#net-panel a.button", "href") == "/resource/ilo"
    assert "implementing" in page.inner_text("#net-panel-body")
    shoot(page, "02-search-ilo")
    page.press("#net-canvas", "Escape")
    assert page.is_hidden("#net-panel")
    assert_clean(page, service)


def test_layer_toggle_changes_the_edge_count(page: Any, service: LiveService) -> None:
    data = api(service, layer="all", projection="affiliation")
    page.goto(service.url + "/network?projection=affiliation")
    ready(page)
    nodes, edges = drawn(page)
    assert (nodes, edges) == (len(data["nodes"]), len(data["edges"]))
    page.uncheck("#net-layer-funding")
    assert drawn(page)[1] == edges - data["layers"]["funding"]
    page.uncheck("#net-layer-legal")
    assert drawn(page)[1] == edges - data["layers"]["funding"] - data["layers"]["legal"]
    shoot(page, "03-affiliation-participation-only")
    page.check("#net-layer-funding")
    page.check("#net-layer-legal")
    assert drawn(page) == (nodes, edges)
    assert_clean(page, service)


def test_year_slider_changes_the_graph(page: Any, service: LiveService) -> None:
    every = api(service, layer="all")
    year = api(service, layer="all", year="2010")
    assert len(year["nodes"]) != len(every["nodes"])
    page.goto(service.url + "/network")
    ready(page)
    page.locator("#net-year").fill("2010")
    wait_for_nodes(page, len(year["nodes"]))
    assert drawn(page) == (len(year["nodes"]), len(year["edges"]))
    assert not page.is_checked("#net-all-years")
    assert "year=2010" in page.url
    shoot(page, "04-year-2010")
    page.check("#net-all-years")
    wait_for_nodes(page, len(every["nodes"]))
    assert_clean(page, service)


@pytest.mark.parametrize("button", ["png", "svg", "gexf", "graphml"])
def test_exports(page: Any, service: LiveService, button: str) -> None:
    page.goto(service.url + "/network")
    ready(page)
    with page.expect_download() as download:
        page.click(f"#net-{button}")
    body = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename.endswith("." + button)
    if button == "png":
        assert body.startswith(b"\x89PNG\r\n\x1a\n")
        return
    root = ET.fromstring(body)
    nodes, _ = drawn(page)
    if button == "svg":
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert len(root.findall(".//{http://www.w3.org/2000/svg}circle")) == nodes
    else:
        import io

        import networkx as nx

        reader = nx.read_gexf if button == "gexf" else nx.read_graphml
        assert reader(io.BytesIO(body)).number_of_nodes() == nodes
    assert_clean(page, service)


def test_show_as_network_from_the_query_page(page: Any, service: LiveService) -> None:
    query = ("PREFIX pasb: <https://w3id.org/pasb/ontology#>\n"
             "SELECT ?source ?target WHERE { ?source pasb:hasParticipant ?target }")
    page.goto(service.url + "/?query=" + quote(query))
    page.wait_for_selector("#show-network")
    page.click("#show-network")
    ready(page)
    pairs = requests.get(service.sparql, params={"query": query}, timeout=30, headers={
        "Accept": "application/sparql-results+json"}).json()["results"]["bindings"]
    ends = {b[k]["value"] for b in pairs for k in ("source", "target")}
    assert drawn(page) == (len(ends), len(pairs))
    assert "International Labour Organization" in page.evaluate(
        "window.pasbNetwork.nodes.map(n => n.label).join('|')")
    shoot(page, "05-query-select")
    construct = ("PREFIX pasb: <https://w3id.org/pasb/ontology#>\n"
                 "CONSTRUCT { ?p pasb:hasParticipant ?a } WHERE { ?p pasb:hasParticipant ?a }")
    page.goto(service.url + "/network?query=" + quote(construct))
    ready(page)
    assert drawn(page) == (len(ends), len(pairs))
    assert_clean(page, service)


@pytest.mark.slow
def test_5000_node_graph_renders_and_stays_interactive(page: Any,
                                                        big_service: LiveService) -> None:
    started = time.monotonic()
    data = api(big_service, layer="all")
    server_cold_s = time.monotonic() - started
    assert len(data["nodes"]) >= 5000 and len(data["edges"]) >= 20000
    page.goto(big_service.url + "/network")
    ready(page, timeout=120_000)
    assert drawn(page) == (len(data["nodes"]), len(data["edges"]))
    timings = page.evaluate("window.pasbNetwork.timings")
    box = page.locator("#net-canvas").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    frames = page.evaluate("""() => new Promise((done) => {
        const times = []; let last = performance.now();
        const tick = (now) => { times.push(now - last); last = now;
          if (times.length < 40) requestAnimationFrame(tick); else done(times); };
        requestAnimationFrame(tick); })""")
    for i in range(30):
        page.mouse.move(x + 4 * i, y + 2 * i)
    page.mouse.up()
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(300)
    result = {
        "nodes": len(data["nodes"]), "edges": len(data["edges"]),
        "server_first_request_s": round(server_cold_s, 1),
        "fetch_ms": round(timings["fetch_ms"], 1), "first_draw_ms": round(timings["draw_ms"], 1),
        "full_redraw_ms": round(page.evaluate("window.pasbNetwork.lastDrawMs"), 1),
        "pan_frame_ms": round(page.evaluate("window.pasbNetwork.lastBlitMs"), 2),
        "idle_frame_ms_p95": round(sorted(frames)[int(len(frames) * 0.95) - 1], 1),
    }
    record_timing("synthetic-5000", result)
    assert result["pan_frame_ms"] < 50  # panning blits the cached drawing
    page.fill("#net-search", "Government of country 1")
    page.press("#net-search", "Enter")
    assert page.is_visible("#net-panel")
    shoot(page, "06-synthetic-5000")
    assert_clean(page, big_service)
