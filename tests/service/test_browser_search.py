"""Search and browse in headless Chromium as a researcher uses them: the box on a page,
the results, the facets, a result's page; the browse pages at desktop and phone widths;
axe-core on each. Screenshots go to ``test-artifacts/``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.service.conftest import ARTIFACTS, LiveService, recording_page, require_chromium

pytestmark = pytest.mark.browser
require_chromium()

BROWSE = ["/actors", "/programmes", "/table-1", "/statistics", "/legal-instruments",
          "/bibliography"]
SIZES = {"desktop": ({"width": 1280, "height": 900}, False),
         "phone": ({"width": 390, "height": 844}, True)}


@pytest.fixture(params=list(SIZES))
def tab(request: pytest.FixtureRequest, browser: Any, service: LiveService) -> Iterator[Any]:
    viewport, mobile = SIZES[request.param]
    with recording_page(browser, timeout_ms=20_000, viewport=viewport, is_mobile=mobile,
                        has_touch=mobile) as page:
        page.size = request.param
        yield page


def shoot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"search-{name}-{page.size}.png"), full_page=True)


def stayed_local(page: Any, service: LiveService) -> None:
    outside = [u for u in page.requests if not u.startswith(service.url + "/")
               and not u.startswith("data:")]
    assert not outside, outside
    assert not page.errors, page.errors


def test_search_from_the_box_on_any_page(tab: Any, service: LiveService) -> None:
    tab.goto(service.url + "/table-1?lang=en")
    tab.fill("#site-search-q", "manpower")
    tab.press("#site-search-q", "Enter")
    tab.wait_for_selector("ol.search-results li")
    assert "/search?q=manpower" in tab.url
    first = tab.locator("ol.search-results li h2 a").first
    assert first.inner_text() == "Ministry of Manpower and Transmigration"
    assert tab.locator("ol.search-results li mark").first.inner_text().lower() == "manpower"
    assert tab.evaluate("document.documentElement.scrollWidth") <= tab.viewport_size["width"]
    shoot(tab, "results")
    tab.click("nav.facets a[data-facet='excerpt']")
    tab.wait_for_selector("nav.facets a.chosen[data-facet='excerpt']")
    facets = tab.locator("ol.search-results li").evaluate_all(
        "items => [...new Set(items.map(i => i.dataset.facet))]")
    assert facets == ["excerpt"]
    tab.click("nav.facets a[data-facet='excerpt']")  # again: the filter is off
    tab.wait_for_selector("nav.facets span[aria-current]")
    tab.locator("ol.search-results li h2 a").first.click()
    tab.wait_for_selector("h1")
    assert tab.url.endswith("/resource/ministry-of-manpower.html?lang=en") or \
        "/resource/ministry-of-manpower" in tab.url
    assert tab.inner_text("h1") == "Ministry of Manpower and Transmigration"
    stayed_local(tab, service)


def test_search_in_indonesian_with_accents_and_capitals(tab: Any, service: LiveService) -> None:
    tab.goto(service.url + "/search?lang=id")
    tab.fill("#search-q", "PÉSTISIDA")
    tab.press("#search-q", "Enter")
    tab.wait_for_selector("ol.search-results li")
    assert "hasil untuk" in tab.inner_text("p.status")
    assert tab.locator("ol.search-results li h2 a").first.inner_text() == \
        "paparan pestisida beracun dan pupuk"
    shoot(tab, "results-id")
    stayed_local(tab, service)


def test_a_misspelling_is_answered_with_a_suggestion(tab: Any, service: LiveService) -> None:
    tab.goto(service.url + "/search?q=Indonsia&lang=en")
    tab.click("main a[href='/search?q=indonesia']")
    tab.wait_for_selector("ol.search-results li")
    assert tab.locator("ol.search-results li h2 a").first.inner_text() == "Indonesia"
    stayed_local(tab, service)


@pytest.mark.parametrize("path", BROWSE)
def test_browse_pages_read_well_at_both_widths(tab: Any, service: LiveService,
                                               path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    for lang in ("en", "id"):
        tab.goto(service.url + f"{path}?lang={lang}")
        assert tab.evaluate("document.documentElement.scrollWidth") <= \
            tab.viewport_size["width"], f"{path} wider than the screen"
        shoot(tab, f"{path.strip('/')}-{lang}")
    results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3])
                  for v in results.response["violations"]]
    assert not violations, violations
    stayed_local(tab, service)


def test_the_timeline_draws_the_undated_programme_across_the_cooperation(
        tab: Any, service: LiveService) -> None:
    tab.goto(service.url + "/programmes?lang=en")
    rows = tab.locator(".gantt-row")
    assert rows.count() == 4
    boxes = [rows.nth(i).locator(".gantt-bar").bounding_box() for i in range(4)]
    cooperation, first, second, third = boxes
    assert first["width"] > cooperation["width"] > second["width"]  # 2010-14 > 2010-13 > 2011-13
    assert abs(third["x"] - cooperation["x"]) < 2 and abs(third["width"] -
                                                          cooperation["width"]) < 3
    assert "dates not stated" in rows.nth(3).inner_text()
    assert "undated" in (rows.nth(3).get_attribute("class") or "")


def test_the_search_page_passes_axe(tab: Any, service: LiveService) -> None:
    from axe_playwright_python.sync_playwright import Axe

    tab.goto(service.url + "/search?q=anak&lang=id")
    results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3])
                  for v in results.response["violations"]]
    assert not violations, violations
