"""The network viewer ``/network`` in headless Chromium (Debian's, driven by Playwright).

The viewer draws with sigma.js (WebGL; headless Chromium renders it with SwiftShader).
Against a live ``pasb-kg serve --memory`` (the shipped graph) and a second one serving a
synthetic graph of about 5,000 actors and 40,000 ties (``--no-kg --load synthetic.nt``):
the page loads its built bundle, the drawing matches the API, labels never overlap and
more appear on zoom, Fit fills the canvas, the legend explains colours and sizes, Lay out
again moves the nodes, actor-type and programme filters and layer toggles change the
graph as the API says, a click shows the ego network, a phone gets the drawing first and
the controls in a drawer, every word is Indonesian in Indonesian, exports are valid, SPARQL
results open in the viewer, nothing leaves 127.0.0.1 and the console stays clean.
Screenshots of each state and the measured timings go to ``test-artifacts/``.
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
    """A fresh desktop page (1280 px) that records every request and console error."""
    with recording_page(browser, timeout_ms=30_000, accept_downloads=True,
                        viewport={"width": 1280, "height": 900}) as tab:
        yield tab


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A fresh phone-sized page (390 × 844, touch)."""
    with recording_page(browser, timeout_ms=30_000, viewport={"width": 390, "height": 844},
                        has_touch=True, is_mobile=True) as tab:
        yield tab


def shoot(tab: Any, name: str, *, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"network-{name}.png"), full_page=full_page)


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
    tab.wait_for_timeout(100)  # sigma renders on the next animation frame


def probe(tab: Any) -> dict[str, Any]:
    """What is on the canvas: node discs and label boxes in canvas pixels."""
    return tab.evaluate("window.pasbNetwork.probe()")


def assert_labels_apart(view: dict[str, Any]) -> None:
    boxes = [label["box"] for label in view["labels"]]
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[2] <= view["width"] and a[1] >= 0 and a[3] <= view["height"], a
        for b in boxes[i + 1:]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, (a, b)


def click_node(tab: Any, node_id: str) -> None:
    node = next(n for n in probe(tab)["nodes"] if n["id"] == node_id)
    box = tab.locator("#net-canvas").bounding_box()
    tab.mouse.click(box["x"] + node["x"], box["y"] + node["y"])


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


def donors(data: dict[str, Any]) -> set[str]:
    return {n["id"] for n in data["nodes"] if n.get("actor_type") == "donor"}


def test_draws_the_api_graph_with_every_label_apart(page: Any, service: LiveService) -> None:
    data = api(service, layer="all")
    page.goto(service.url + "/network")
    ready(page)
    assert service.url + "/static/dist/network.js" in page.requests  # the built bundle
    assert drawn(page) == (len(data["nodes"]), len(data["edges"]))
    view = probe(page)
    assert len(view["nodes"]) == len(data["nodes"]) and view["edges"] == len(data["edges"])
    assert_labels_apart(view)
    labelled = {label["key"] for label in view["labels"]}
    assert donors(data) <= labelled  # the donors were unlabelled in the old viewer
    assert len(labelled) >= 0.8 * len(data["nodes"])
    timings = page.evaluate("window.pasbNetwork.timings")
    record_timing("shipped", {k: round(v, 1) for k, v in timings.items()})
    page.click("#net-table-box summary")
    page.wait_for_selector("#net-table tbody tr")
    assert page.locator("#net-table tbody tr").count() == len(data["nodes"])
    shoot(page, "01-actors")
    assert_clean(page, service)


def test_fit_fills_the_canvas(page: Any, service: LiveService) -> None:
    page.goto(service.url + "/network")
    ready(page)
    for _ in range(3):
        page.click("#net-zoom-out")
    page.wait_for_timeout(400)
    small = probe(page)
    page.click("#net-fit")
    page.wait_for_timeout(500)
    view = probe(page)

    def spans(v: dict[str, Any]) -> tuple[float, float]:
        xs = [n["x"] for n in v["nodes"]]
        ys = [n["y"] for n in v["nodes"]]
        return (max(xs) - min(xs)) / v["width"], (max(ys) - min(ys)) / v["height"]

    assert max(spans(small)) < 0.6
    assert max(spans(view)) > 0.8  # the limiting side is filled, up to sigma's padding
    assert all(0 <= n["x"] <= view["width"] and 0 <= n["y"] <= view["height"]
               for n in view["nodes"])
    assert_clean(page, service)


def test_labels_show_on_zoom_and_never_overlap_on_a_phone(phone: Any,
                                                          service: LiveService) -> None:
    phone.goto(service.url + "/network")
    ready(phone)
    first = probe(phone)
    assert_labels_apart(first)
    assert len(first["labels"]) < len(first["nodes"])  # 390 px: not every label fits
    phone.click("#net-zoom-in")
    phone.click("#net-zoom-in")
    phone.wait_for_timeout(500)
    closer = probe(phone)
    assert_labels_apart(closer)
    on_screen = [n for n in closer["nodes"]
                 if 0 <= n["x"] <= closer["width"] and 0 <= n["y"] <= closer["height"]]
    shown_before = {label["key"] for label in first["labels"]}
    shown_now = {label["key"] for label in closer["labels"]}
    assert shown_now - shown_before, "zooming in showed no new label"
    assert len(shown_now) / max(1, len(on_screen)) > len(shown_before) / len(first["nodes"])
    shoot(phone, "07-phone-zoomed", full_page=False)
    assert_clean(phone, service)


def test_phone_shows_the_drawing_first_and_the_controls_in_a_drawer(
        phone: Any, service: LiveService) -> None:
    phone.goto(service.url + "/network?lang=id")
    ready(phone)
    canvas = phone.locator("#net-canvas").bounding_box()
    assert canvas["y"] + canvas["height"] / 2 < 844  # on the first screen
    assert canvas["width"] >= 340
    assert not phone.is_visible("#net-projection")  # the controls are in the closed drawer
    shoot(phone, "08-phone", full_page=False)
    phone.click("#net-drawer-open")
    phone.wait_for_timeout(400)
    assert phone.get_attribute("#net-drawer-open", "aria-expanded") == "true"
    assert phone.is_visible("#net-projection")
    drawer = phone.locator("#net-controls").bounding_box()
    assert drawer["x"] >= 0 and drawer["x"] + drawer["width"] <= 391
    assert "Jenis aktor" in phone.inner_text("#net-controls")
    shoot(phone, "09-phone-drawer", full_page=False)
    phone.click("#net-type-donor")
    phone.click("#net-drawer-close")
    phone.wait_for_timeout(400)
    assert not phone.is_visible("#net-projection")
    data = api(service, layer="all")
    assert drawn(phone)[0] == len(data["nodes"]) - len(donors(data))
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width} px)"
    assert_clean(phone, service)


def test_legend_explains_colours_sizes_and_ties(page: Any, service: LiveService) -> None:
    data = api(service, layer="all")
    page.goto(service.url + "/network")
    ready(page)
    legend = page.inner_text("#net-legend")
    assert "Colour: actor type" in legend
    assert "International organisation" in legend and "Donor" in legend
    degrees = [n["degree"] for n in data["nodes"]]
    assert "Size: Degree" in legend
    assert f"from {min(degrees)} (small) to {max(degrees)} (large)" in legend
    assert "Lines: ties by layer" in legend and "Participation" in legend
    page.select_option("#net-size", "betweenness")
    top = max(n["betweenness"] for n in data["nodes"])
    legend = page.inner_text("#net-legend")
    assert "Size: Betweenness" in legend and f"{top:.3f} (large)" in legend
    assert "co-participation network, as in the report" in page.inner_text("#net-notes")
    assert_clean(page, service)


def test_lay_out_again_and_back(page: Any, service: LiveService) -> None:
    page.goto(service.url + "/network")
    ready(page)
    before = {n["id"]: (n["x"], n["y"]) for n in page.evaluate("window.pasbNetwork.nodes")}
    page.click("#net-relayout")
    page.wait_for_selector("#net-canvas[data-state=layout]")
    ready(page)
    after = {n["id"]: (n["x"], n["y"]) for n in page.evaluate("window.pasbNetwork.nodes")}
    moved = sum(1 for k in before if before[k] != after[k])
    assert moved >= len(before) // 2
    assert "ForceAtlas2" in page.inner_text("#net-summary")
    assert_labels_apart(probe(page))
    shoot(page, "10-laid-out-again")
    page.click("#net-reset-layout")
    page.wait_for_timeout(300)
    back = {n["id"]: (n["x"], n["y"]) for n in page.evaluate("window.pasbNetwork.nodes")}
    assert back == before
    assert_clean(page, service)


def test_filters_by_actor_type_and_programme(page: Any, service: LiveService) -> None:
    data = api(service, layer="all")
    page.goto(service.url + "/network")
    ready(page)
    gone = donors(data)
    page.uncheck("#net-type-donor")
    kept = [e for e in data["edges"] if e["source"] not in gone and e["target"] not in gone]
    assert drawn(page) == (len(data["nodes"]) - len(gone), len(kept))
    page.check("#net-type-donor")
    programme = next(p for p in data["programmes"] if p.endswith("programme-youth-transition"))
    page.select_option("#net-programme", programme)
    members = {n["id"] for n in data["nodes"]
               if any(p == programme for p, _ in n.get("programmes", []))}
    ties = [e for e in data["edges"] if programme in e.get("programmes", [])]
    assert drawn(page) == (len(members), len(ties))
    assert members < {n["id"] for n in data["nodes"]}
    assert "Preparing youth" in page.inner_text("#net-summary")
    view = probe(page)
    assert {n["id"] for n in view["nodes"]} == members
    shoot(page, "11-programme-filter")
    assert_clean(page, service)


def test_click_shows_the_ego_network(page: Any, service: LiveService) -> None:
    data = api(service, layer="all")
    schools = next(n["id"] for n in data["nodes"] if n["id"].endswith("/resource/local-schools"))
    alters = ({e["target"] for e in data["edges"] if e["source"] == schools}
              | {e["source"] for e in data["edges"] if e["target"] == schools}) - {schools}
    ego = alters | {schools}
    page.goto(service.url + "/network")
    ready(page)
    click_node(page, schools)
    page.wait_for_timeout(300)
    canvas = page.locator("#net-canvas")
    assert canvas.get_attribute("data-selected") == schools
    assert int(canvas.get_attribute("data-highlighted")) == len(ego)
    view = probe(page)
    among = [e for e in data["edges"] if e["source"] in ego and e["target"] in ego]
    assert view["edges"] == len(among)  # only the ego network's ties stay drawn
    assert {label["key"] for label in view["labels"]} <= ego
    assert_labels_apart(view)
    faded = [n for n in view["nodes"] if n["id"] not in ego]
    assert faded and all(n["colour"] == "#dde1e6" for n in faded)
    assert "Ego network of Local schools" in page.inner_text("#net-summary")
    assert page.is_visible("#net-panel")
    shoot(page, "12-ego-local-schools")
    page.click("#net-show-all")
    assert canvas.get_attribute("data-selected") == ""
    assert probe(page)["edges"] == len(data["edges"])
    click_node(page, schools)
    page.uncheck("#net-type-school")  # a filter that hides the selected node ends its ego view
    assert canvas.get_attribute("data-selected") == "" and page.is_hidden("#net-panel")
    assert_clean(page, service)


def test_search_highlights_ilo_and_its_neighbours(page: Any, service: LiveService) -> None:
    data = api(service, layer="all")
    ilo = next(n["id"] for n in data["nodes"] if n["id"].endswith("/resource/ilo"))
    neighbours = {e["target"] for e in data["edges"] if e["source"] == ilo} | {
        e["source"] for e in data["edges"] if e["target"] == ilo}
    page.goto(service.url + "/network")
    ready(page)
    page.fill("#net-search", "tenaga kerja")  # the hint's example: an Indonesian name
    page.press("#net-search", "Enter")
    assert "Ministry of Manpower" in page.inner_text("#net-summary")
    page.fill("#net-search", "ILO")
    page.press("#net-search", "Enter")
    canvas = page.locator("#net-canvas")
    assert canvas.get_attribute("data-selected") == ilo
    assert int(canvas.get_attribute("data-highlighted")) == 1 + len(neighbours - {ilo})
    assert page.is_visible("#net-panel")
    assert "International Labour Organization" in page.inner_text("#net-panel-title")
    assert page.get_attribute("#net-panel a.button", "href") == "/resource/ilo"
    assert "implementing" in page.inner_text("#net-panel-body")
    report = requests.get(service.url + "/network/report.json", timeout=120).json()
    between = report["measures"]["actors"]["nodes"][ilo]["betweenness"]
    assert f"{between:.3f}" in page.inner_text("#net-panel-body")  # the report's number
    shoot(page, "02-search-ilo")
    page.press("#net-canvas", "Escape")
    assert page.is_hidden("#net-panel")
    assert_clean(page, service)


def test_indonesian_viewer(page: Any, service: LiveService) -> None:
    page.goto(service.url + "/network?lang=id")
    ready(page)
    assert page.inner_text("#net-title") == "Jaringan aktor"
    assert "simpul" in page.inner_text("#net-summary")
    legend = page.inner_text("#net-legend")
    assert "Warna: jenis aktor" in legend and "Organisasi internasional" in legend
    assert "Ukuran: Derajat" in legend
    names = page.evaluate("window.pasbNetwork.probe().labels.map(l => l.key)")
    assert names
    page.fill("#net-search", "ILO")
    page.press("#net-search", "Enter")
    body = page.inner_text("#net-panel-body")
    assert "Jenis" in body and "pelaksana" in body and "Keantaraan" in body
    shoot(page, "13-indonesian")
    page.goto(service.url + "/network?projection=affiliation&lang=id")
    ready(page)
    assert "perantaraan hanya diukur" in page.inner_text("#net-notes")
    assert "Warna: jenis simpul" in page.inner_text("#net-legend")
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
    assert_labels_apart(probe(page))
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


def test_statements_selector_draws_only_what_the_paper_states(page: Any,
                                                              service: LiveService) -> None:
    """The Statements control redraws the network from the paper's own statements
    (``scope=paper``), keeps the choice in the address, and draws everything again."""
    every = api(service, layer="all")
    paper = api(service, layer="all", scope="paper")
    assert (len(paper["nodes"]), len(paper["edges"])) != (len(every["nodes"]),
                                                          len(every["edges"]))
    page.goto(service.url + "/network")
    ready(page)
    page.select_option("#net-scope", "paper")
    wait_for_nodes(page, len(paper["nodes"]))
    assert drawn(page) == (len(paper["nodes"]), len(paper["edges"]))
    assert "scope=paper" in page.url
    shoot(page, "04-paper-only")
    page.reload()
    ready(page)
    assert page.input_value("#net-scope") == "paper"
    assert drawn(page) == (len(paper["nodes"]), len(paper["edges"]))
    page.select_option("#net-scope", "all")
    wait_for_nodes(page, len(every["nodes"]))
    assert "scope=" not in page.url
    assert_clean(page, service)


def test_a_year_without_programmes_is_explained(page: Any, service: LiveService) -> None:
    page.goto(service.url + "/network?year=2030")
    page.wait_for_selector("#net-canvas[data-state=error]")
    summary = page.inner_text("#net-summary")
    assert "year=2030 is not allowed" in summary and "2010–2014" in summary
    page.wait_for_timeout(100)
    assert all("400" in e for e in page.errors)  # the API's answer, nothing else


@pytest.mark.parametrize("button", ["png", "svg", "gexf", "graphml", "csv"])
def test_exports(page: Any, service: LiveService, button: str) -> None:
    page.goto(service.url + "/network")
    ready(page)
    with page.expect_download() as download:
        page.click(f"#net-{button}")
    body = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename.endswith("." + button)
    if button == "csv":  # the edges first, then the nodes
        rows = body.decode().splitlines()
        assert rows[0] == "source,target,layer,weight"
        assert len(rows) - 1 == drawn(page)[1]
        return
    if button == "png":
        assert body.startswith(b"\x89PNG\r\n\x1a\n")
        return
    root = ET.fromstring(body)
    nodes, _ = drawn(page)
    if button == "svg":
        svg = "{http://www.w3.org/2000/svg}"
        assert root.tag == svg + "svg"
        assert len(root.findall(f".//{svg}circle")) == nodes
        assert len(root.findall(f".//{svg}text")) == len(probe(page)["labels"])
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
    assert_labels_apart(probe(page))
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
    view = probe(page)
    assert_labels_apart(view)
    assert len(view["labels"]) >= 10  # the biggest nodes are named even at this density
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
    page.wait_for_timeout(500)
    moved = probe(page)
    assert moved["nodes"][0]["x"] != view["nodes"][0]["x"]  # the drag and wheel moved it
    assert_labels_apart(moved)
    record_timing("synthetic-5000", {
        "nodes": len(data["nodes"]), "edges": len(data["edges"]),
        "server_first_request_s": round(server_cold_s, 1),
        "fetch_ms": round(timings["fetch_ms"], 1), "first_draw_ms": round(timings["draw_ms"], 1),
        "idle_frame_ms_p95": round(sorted(frames)[int(len(frames) * 0.95) - 1], 1),
        "labels_at_fit": len(view["labels"]),
    })
    page.fill("#net-search", "Government of country 1")
    page.press("#net-search", "Enter")
    assert page.is_visible("#net-panel")
    shoot(page, "06-synthetic-5000")
    assert_clean(page, big_service)
