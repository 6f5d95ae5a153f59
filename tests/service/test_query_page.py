"""The query page in headless Chromium, as a researcher uses it: the CodeMirror editor
with typeahead, Ctrl+Enter, runs with a clock and a Cancel that frees the worker, a
history entry per run (Back stays on the page), errors beside the editor, the result
views (table, chart, timeline, map, graph), parameter forms, example groups, both
languages, desktop and phone widths. Screenshots go to ``test-artifacts/``."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from prometheus_client.parser import text_string_to_metric_families

from kg.named_queries import load_query
from tests.service.conftest import (
    ARTIFACTS,
    LiveService,
    busy_processes,
    recording_page,
    require_chromium,
)

pytestmark = pytest.mark.browser
require_chromium()

RUNAWAY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p1 ?b . ?c ?p2 ?d . ?e ?p3 ?f . "
           "?g ?p4 ?h }")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def page(browser: Any, service: LiveService) -> Iterator[Any]:
    with recording_page(browser, timeout_ms=20_000, viewport=DESKTOP) as tab:
        yield tab


@pytest.fixture
def phone(browser: Any, service: LiveService) -> Iterator[Any]:
    with recording_page(browser, timeout_ms=20_000, viewport=PHONE, is_mobile=True,
                        has_touch=True) as tab:
        yield tab


def shoot(tab: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"query-{name}.png"), full_page=True)


def stayed_local(tab: Any, service: LiveService) -> None:
    outside = [u for u in tab.requests if not u.startswith(service.url + "/")
               and not u.startswith("data:")]
    assert not outside, outside
    assert not [e for e in tab.errors if "GPU stall" not in e], tab.errors


def open_page(tab: Any, service: LiveService, query: str = "/?lang=en") -> None:
    tab.goto(service.url + query)
    tab.wait_for_selector(".cm-editor .cm-content")


def text(tab: Any) -> str:
    return tab.evaluate("pasbQuery.text()")


def set_text(tab: Any, query: str) -> None:
    tab.evaluate("(q) => pasbQuery.setText(q)", query)


def wait_until(tab: Any, script: str, *args: Any, timeout: float = 20) -> Any:
    """Poll ``script`` until it is truthy (the page's CSP forbids Playwright's eval-based
    wait_for_function)."""
    deadline = time.monotonic() + timeout
    while True:
        value = tab.evaluate(script, *args)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {script}")
        time.sleep(0.05)


def runs(tab: Any) -> int:
    """Results shown so far (the page counts them in <body data-runs>)."""
    return tab.evaluate("Number(document.body.dataset.runs || 0)")


def after(tab: Any, action: Any) -> str:
    """Do ``action`` and wait for the next result; return the status line."""
    before = runs(tab)
    action()
    wait_until(tab, "(n) => Number(document.body.dataset.runs || 0) > n", before)
    return tab.inner_text("#status")


def click_run(tab: Any) -> str:
    return after(tab, lambda: tab.click("#run"))


def run_example(tab: Any, name: str) -> str:
    tab.click(f"a.example[data-name='{name}']")
    return click_run(tab)


# -- 1. the editor -------------------------------------------------------------------------
def test_editor_highlights_and_ctrl_enter_runs(page: Any, service: LiveService) -> None:
    open_page(page, service)
    set_text(page, "SELECT ?programme WHERE { ?programme a <https://w3id.org/pasb/ontology#"
                   "CooperationProgramme> } # the three programmes")
    # codemirror-lang-sparql's highlighting: keywords, variables, IRIs, comments apart
    styled = page.evaluate("""() => [...document.querySelectorAll('.cm-line span')]
        .filter((s) => s.className).map((s) => s.textContent)""")
    assert {"SELECT", "WHERE", "?programme", "# the three programmes",
            "<https://w3id.org/pasb/ontology#CooperationProgramme>"} <= set(styled)
    colours = page.evaluate("""() => new Set([...document.querySelectorAll('.cm-line span')]
        .map((s) => getComputedStyle(s).color)).size""")
    assert colours >= 3
    page.click("a.example[data-name='programme-funding']")
    assert "schema:funder" in text(page)
    page.click(".cm-content")
    status = after(page, lambda: page.keyboard.press("Control+Enter"))
    assert re.search(r"\d+ rows in [\d.]+ s", status)
    assert page.locator("table.results tbody tr").count() >= 3
    shoot(page, "01-editor-run")
    stayed_local(page, service)


def test_typeahead_inserts_the_name_and_its_prefix_line(page: Any, service: LiveService) -> None:
    open_page(page, service)
    page.click(".cm-content")
    page.keyboard.type("SELECT * WHERE { ?p a pasb:Cooperat")
    option = page.wait_for_selector(
        ".cm-tooltip-autocomplete li:has-text('pasb:CooperationProgramme')")
    shoot(page, "02-typeahead")
    option.click()
    query = text(page)
    assert query.startswith("PREFIX pasb: <https://w3id.org/pasb/ontology#>\n")
    assert "?p a pasb:CooperationProgramme" in query
    # a resource found by one of its other names, in Indonesian
    page.keyboard.type(" ; pasb:basedIn ?x . ?m ?q Ketenagakerjaan")
    page.wait_for_selector(".cm-tooltip-autocomplete li:has-text('res:ministry-of-manpower')"
                           ).click()
    query = text(page)
    assert "PREFIX res: <https://w3id.org/pasb/resource/>" in query
    assert "?m ?q res:ministry-of-manpower" in query
    assert query.count("PREFIX pasb:") == 1


def test_typeahead_offers_the_common_prefixes(page: Any, service: LiveService) -> None:
    open_page(page, service)
    page.click(".cm-content")
    page.keyboard.type("PREFIX sch")
    page.wait_for_selector(".cm-tooltip-autocomplete li:has-text('schema: <https://schema.org/>')"
                           ).click()
    assert text(page).startswith("PREFIX schema: <https://schema.org/>")


# -- 2. history, run time, cancel, errors --------------------------------------------------
def test_each_run_is_a_history_entry_and_back_stays_on_the_page(page: Any,
                                                                 service: LiveService) -> None:
    open_page(page, service)
    funding = len(service.session.post(
        service.url + "/sparql", data={"query": load_query("programme-funding").text},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60).json()["results"]["bindings"])
    assert run_example(page, "programme-funding").startswith(f"{funding} rows")
    first_url = page.url
    set_text(page, "SELECT ?s WHERE { ?s a <https://w3id.org/pasb/ontology#Sector> }")
    assert click_run(page).startswith("5 rows")
    page.click("#tab-history")
    assert page.locator("#history-list li").count() == 2
    shoot(page, "03-history")
    after(page, page.go_back)
    assert "schema:funder" in text(page)
    assert page.url == first_url and page.url.startswith(service.url + "/")
    assert page.locator("table.results tbody tr").count() == funding
    after(page, page.go_forward)
    assert "ontology#Sector" in text(page)
    assert page.locator("table.results tbody tr").count() == 5
    after(page, page.go_back)
    page.go_back()  # before the first run: still this page, empty
    assert page.url.startswith(service.url + "/")
    wait_until(page, "() => pasbQuery.text() === ''")
    # the panel restores a run
    status = after(page, lambda: page.click("#history-list li:last-child button.history-entry"))
    assert "schema:funder" in text(page)
    assert status.startswith(f"{funding} rows")


def test_the_clock_runs_and_cancel_frees_the_worker(page: Any, service: LiveService) -> None:
    open_page(page, service)
    set_text(page, RUNAWAY)
    page.click("#run")
    page.wait_for_selector("#cancel:not([hidden])")
    first = page.inner_text("#status")
    wait_until(page, "(t) => document.getElementById('status').textContent !== t", first)
    assert re.fullmatch(r"Running… \d+\.\d s", page.inner_text("#status"))
    # a worker computes it (on a loaded machine it may take a few samples to show)
    assert any(busy_processes(service.process.pid) for _ in range(8)), \
        "the query is not running in a worker"
    shoot(page, "04-running")
    status = after(page, lambda: page.click("#cancel"))
    assert status.startswith("Cancelled after") and "stopped the query" in status
    assert page.is_hidden("#cancel") and page.is_enabled("#run")
    assert not busy_processes(service.process.pid), "the worker kept computing"
    metrics = service.session.get(service.url + "/metrics", timeout=10).text
    samples = {s.name: s.value for family in text_string_to_metric_families(metrics)
               for s in family.samples}
    assert samples["pasb_query_cancels_total"] >= 1
    run_example(page, "programme-funding")  # the workers answer again at once
    assert page.locator("table.results tbody tr").count() >= 3


def test_a_new_run_replaces_the_running_one(page: Any, service: LiveService) -> None:
    open_page(page, service)
    set_text(page, RUNAWAY)
    page.click("#run")
    page.wait_for_selector("#cancel:not([hidden])")
    set_text(page, "SELECT ?s WHERE { ?s a <https://w3id.org/pasb/ontology#Sector> }")
    page.click(".cm-content")
    status = after(page, lambda: page.keyboard.press("Control+Enter"))
    assert status.startswith("5 rows"), status  # not the first run's "Cancelled"
    time.sleep(0.3)
    assert page.inner_text("#status").startswith("5 rows")
    assert page.is_hidden("#cancel")
    assert not busy_processes(service.process.pid), "the replaced query kept computing"


def test_errors_are_shown_at_their_place_beside_the_editor(page: Any,
                                                            service: LiveService) -> None:
    open_page(page, service)
    set_text(page, "SELECT ?s WHERE {\n  ?s ?p ?o .\n  ?s foo:bar ?o\n}")
    click_run(page)
    message = page.inner_text("#error")
    assert re.search(r"line 3, column \d+", message)
    mark = page.locator(".cm-lintRange-error")
    assert mark.count() == 1
    line = page.evaluate("""() => { const m = document.querySelector('.cm-lintRange-error');
        return [...document.querySelectorAll('.cm-line')].indexOf(m.closest('.cm-line')) }""")
    assert line == 2  # the third line
    editor = page.locator(".cm-editor").bounding_box()
    error = page.locator("#error").bounding_box()
    assert 0 <= error["y"] - (editor["y"] + editor["height"]) < 40  # right under the editor
    assert error["y"] + error["height"] < DESKTOP["height"]  # not below the fold
    shoot(page, "05-error")
    page.errors = [e for e in page.errors if "400" not in e]
    stayed_local(page, service)


# -- 3. result views -------------------------------------------------------------------------
def choose_view(tab: Any, view: str) -> None:
    tab.click(f"#view-{view}")
    tab.wait_for_selector(f"#output[data-view='{view}']")


def test_a_chart_for_numeric_results(page: Any, service: LiveService) -> None:
    open_page(page, service)
    set_text(page, "PREFIX pasb: <https://w3id.org/pasb/ontology#>\n"
                   "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                   "SELECT ?label (COUNT(?actor) AS ?participants) WHERE {\n"
                   "  ?p a pasb:CooperationProgramme ; rdfs:label ?label ;\n"
                   "     pasb:hasParticipant ?actor\n"
                   "  FILTER (LANG(?label) = 'en') } GROUP BY ?label")
    click_run(page)
    assert page.inner_text("#views").split() == ["Table", "Chart"]
    choose_view(page, "chart")
    bars = page.locator("#output svg.pasb-plot g[data-mark='bar'] rect")
    assert bars.count() == 3
    assert "participants by label" in page.inner_text("#output figcaption")
    shoot(page, "06-chart")
    stayed_local(page, service)


def test_a_chart_draws_at_most_its_setting_of_rows(page: Any, service: LiveService) -> None:
    open_page(page, service)
    values = " ".join(f'("item {i:02d}" {i})' for i in range(80))
    set_text(page, f"SELECT ?name ?amount WHERE {{ VALUES (?name ?amount) {{ {values} }} }}")
    assert click_run(page).startswith("80 rows")
    choose_view(page, "chart")
    assert page.locator("#output svg.pasb-plot g[data-mark='bar'] rect").count() == 60
    assert "Only the first 60 of 80 rows are drawn" in page.inner_text("#output figcaption")


def test_a_line_chart_over_years(page: Any, service: LiveService) -> None:
    open_page(page, service)
    set_text(page, "SELECT ?year ?value WHERE { VALUES (?year ?value) "
                   "{ (2010 4) (2011 7) (2012 5) (2013 9) } }")
    click_run(page)
    choose_view(page, "chart")
    assert page.locator("#output svg.pasb-plot g[data-mark='line'] path").count() == 1
    assert "value over year" in page.inner_text("#output figcaption")


def test_a_timeline_for_date_ranges(page: Any, service: LiveService) -> None:
    open_page(page, service)
    run_example(page, "programme-timeline")
    choose_view(page, "timeline")
    assert page.locator("#output svg.pasb-plot g[data-mark='bar'] rect").count() == 2
    caption = page.inner_text("#output figcaption")
    assert "Without dates: Combating child labour through skills training" in caption
    ticks = page.locator("#output svg g[data-mark='x-axis tick label'] text").all_text_contents()
    assert {"2010", "2012", "2014"} <= set(ticks)
    shoot(page, "07-timeline")


def test_a_map_where_places_have_coordinates(page: Any, service: LiveService) -> None:
    open_page(page, service)
    set_text(page, "PREFIX res: <https://w3id.org/pasb/resource/>\n"
                   "SELECT ?place ?lat ?long ?iso WHERE { VALUES (?place ?lat ?long ?iso) {\n"
                   "  (res:indonesia -2.5 118.0 'IDN') (res:kenya 0.5 38.0 'KEN')\n"
                   "  (res:bolivia -17.0 -65.0 'BO') } }")
    click_run(page)
    assert page.inner_text("#views").split() == ["Table", "Map"]  # coordinates are no measure
    choose_view(page, "map")
    svg = "#output svg.pasb-plot"
    assert page.locator(f"{svg} g[data-mark='geo'] path").count() > 200  # the base map
    assert page.locator(f"{svg} g[data-mark='dot'] circle").count() == 3
    labels = page.locator(f"{svg} g[data-mark='text'] text").all_text_contents()
    assert set(labels) == {"Indonesia", "Kenya", "Bolivia"}
    assert "3 places, 3 countries" in page.inner_text("#output figcaption")
    assert service.url + "/static/dist/world.js" in page.requests  # shipped, not fetched
    shoot(page, "08-map")
    stayed_local(page, service)


def test_the_programmes_countries_on_a_map(page: Any, service: LiveService) -> None:
    """The named query programme-countries gives each country's ISO 3166-1 code (outside
    context), so its countries are drawn on the map."""
    open_page(page, service)
    run_example(page, "programme-countries")
    assert "Map" in page.inner_text("#views").split()
    choose_view(page, "map")
    svg = "#output svg.pasb-plot"
    page.wait_for_selector(f"{svg} g[data-mark='geo']")
    assert "4 countries" in page.inner_text("#output figcaption")
    shoot(page, "08-map-programme-countries")
    stayed_local(page, service)


def test_construct_shows_a_graph_triples_and_turtle(page: Any, service: LiveService) -> None:
    open_page(page, service)
    set_text(page, "CONSTRUCT { res:programme-education ?p ?o } "
                   "WHERE { res:programme-education ?p ?o }")
    assert re.search(r"\d+ triples in", click_run(page))
    assert text(page).startswith("PREFIX res: <https://w3id.org/pasb/resource/>")
    page.wait_for_selector("#output[data-view='graph'] .graph-canvas canvas")
    nodes = page.evaluate("pasbQuery.graph.graph.order")
    assert nodes > 10
    assert f"{nodes} resources" in page.inner_text(".graph-view")
    shoot(page, "09-graph")
    choose_view(page, "triples")
    assert page.locator("table.results tbody tr").count() == 50  # first page of the triples
    choose_view(page, "turtle")
    assert "programme-education" in page.inner_text("pre.turtle")
    assert page.locator("#downloads a").count() == 5  # four formats and the network
    stayed_local(page, service)


# -- 4. examples and parameters -------------------------------------------------------------
def test_examples_research_first_and_the_others_in_their_groups(page: Any,
                                                                 service: LiveService) -> None:
    open_page(page, service)
    groups = page.locator(".example-group")
    assert [groups.nth(i).get_attribute("data-group") for i in range(groups.count())] == [
        "research", "network", "system"]
    assert page.locator(".example-group[data-group='research'][open]").count() == 1
    assert page.locator(".example-group[data-group='research'] a[data-name^='network-']"
                        ).count() == 0
    assert page.locator(".example-group[data-group='network'] a.example").count() >= 10
    page.fill("#example-search", "network-labels")
    page.wait_for_selector(".example-group[data-group='network'][open]")
    assert page.is_visible("a.example[data-name='network-labels']")
    assert page.is_hidden("a.example[data-name='programme-funding']")


def test_a_parameter_form_binds_the_programme(page: Any, service: LiveService) -> None:
    open_page(page, service)
    page.click("a.example[data-name='programme-partners']")
    page.wait_for_selector("#params:not([hidden]) select#param-programme")
    options = page.locator("#param-programme option").all_inner_texts()
    assert options[0] == "(any)" and len(options) == 4
    page.select_option("#param-programme", label="Preparing youth for the transition from "
                                                 "school to work and entering the world of work")
    before = text(page)
    shoot(page, "10-params")
    click_run(page)
    assert text(page) == before  # the value is not pasted into the query
    programmes = page.locator("table.results tbody tr td:first-child a").all_inner_texts()
    assert programmes and set(programmes) == {
        "Preparing youth for the transition from school to work and entering the world of work"}
    sent = parse_qs(urlparse(page.url).query)
    assert sent["$programme"] == ["<https://w3id.org/pasb/resource/programme-youth-transition>"]
    page.reload()  # the URL keeps the value: the form comes back filled, and it runs
    wait_until(page, "() => Number(document.body.dataset.runs || 0) >= 1")
    assert page.input_value("#param-programme") == \
        "<https://w3id.org/pasb/resource/programme-youth-transition>"


def test_a_parameter_form_binds_a_year(page: Any, service: LiveService) -> None:
    open_page(page, service)
    page.click("a.example[data-name='participants-by-year']")
    page.fill("#param-year", "2014")
    click_run(page)
    numbers = {t.strip() for t in page.locator(
        "table.results tbody tr td:nth-child(3)").all_inner_texts()}
    assert numbers == {"1"}  # only programme 1 runs into 2014
    page.click("#params-drop")
    assert page.is_hidden("#params")


# -- both languages, phone ------------------------------------------------------------------
def test_indonesian(page: Any, service: LiveService) -> None:
    open_page(page, service, "/?lang=id")
    assert page.inner_text("#run") == "Jalankan"
    assert "Linimasa program" in page.inner_text("a.example[data-name='programme-timeline']")
    assert "Pertanyaan penelitian" in page.inner_text(".example-group[data-group='research']")
    page.click("a.example[data-name='programme-partners']")
    page.wait_for_selector("#param-programme")  # the form comes with the terms list
    assert "sebuah program kerja sama (opsional)" in page.inner_text("#params")
    assert page.inner_text("#param-programme option >> nth=0") == "(semua)"
    run_example(page, "programme-timeline")
    assert re.search(r"3 baris dalam [\d,]+ dtk", page.inner_text("#status"))
    assert page.inner_text("#views").split() == ["Tabel", "Grafik", "Linimasa"] or \
        page.inner_text("#views").split() == ["Tabel", "Linimasa"]
    assert "Riwayat sesi ini" in page.inner_text("#tab-history")
    shoot(page, "11-indonesian")


def test_phone_width(phone: Any, service: LiveService) -> None:
    open_page(phone, service)
    run_example(phone, "programme-funding")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a 390px phone"
    editor = phone.locator(".cm-editor").bounding_box()
    assert editor["width"] <= PHONE["width"] and editor["height"] >= 200
    shoot(phone, "12-phone")
    phone.click("#view-chart")
    phone.wait_for_selector("#output svg.pasb-plot")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(phone, "13-phone-chart")
    stayed_local(phone, service)


@pytest.mark.parametrize(("setup", "view"), [
    ("programme-timeline", "timeline"),
    ("programme-funding", "chart"),
    ("programme-partners", None),
])
def test_every_view_passes_the_accessibility_check(page: Any, service: LiveService,
                                                    setup: str, view: str | None) -> None:
    from axe_playwright_python.sync_playwright import Axe

    open_page(page, service)
    run_example(page, setup)
    if view:
        choose_view(page, view)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
                  for v in results.response["violations"]]
    assert not violations, violations
