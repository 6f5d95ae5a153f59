"""The pages in a real browser: headless Chromium from Debian driven by Playwright.

One live ``pasb-kg serve --memory`` on a free 127.0.0.1 port. The walk-through opens the
query page, picks an example, runs it with Ctrl+Enter, reads the table, follows a link to
a resource page and switches language (the query page's own features are in
``test_query_page.py``); every request must stay on 127.0.0.1 and the
console must stay free of errors. Screenshots go to ``test-artifacts/`` (git-ignored).
The accessibility check runs axe-core (shipped in the axe-playwright-python wheel) on the
main pages, plus our own checks of labels and heading order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.service.conftest import (
    ARTIFACTS,
    LiveService,
    recording_page,
    require_chromium,
)

pytestmark = pytest.mark.browser

A11Y_PAGES = ["/", "/resource/programme-skills-training.html", "/resource/ilo.html",
              "/resource/sector-agriculture.html",
              "/resource/obs-child-labourers-world-5-14.html", "/ontology", "/dataset",
              "/resource/no-such-thing"]

require_chromium()



@pytest.fixture
def page(browser: Any, service: LiveService) -> Iterator[Any]:
    """A fresh page that records every request and every console error."""
    with recording_page(browser, timeout_ms=15_000,
                        viewport={"width": 1280, "height": 900}) as tab:
        yield tab


def shoot(tab: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def assert_stayed_local(tab: Any, service: LiveService) -> None:
    outside = [u for u in tab.requests if not u.startswith(service.url + "/")
               and not u.startswith("data:")]
    assert not outside, outside
    assert not tab.errors, tab.errors


def test_query_page_walkthrough(page: Any, service: LiveService) -> None:
    page.goto(service.url + "/")
    shoot(page, "01-query-page")
    page.fill("#example-search", "funding")
    visible = page.locator("#example-list li:not([hidden]) a.example")
    assert visible.count() >= 1
    page.click("a.example[data-name='programme-funding']")
    assert "schema:funder" in page.evaluate("pasbQuery.text()")
    page.click(".cm-content")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("table.results tbody tr")
    rows = page.locator("table.results tbody tr").count()
    assert rows >= 3
    assert re.search(r"\d+ rows in [\d.]+ s", page.inner_text("#status"))
    assert "query=" in page.url and "funder" in page.url
    assert page.locator("#downloads a").count() == 4
    page.click("table.results thead button.sort >> nth=0")
    assert page.get_attribute("table.results thead th >> nth=0", "aria-sort") == "ascending"
    shoot(page, "02-select-results")
    link = page.locator("table.results a[href^='/resource/programme-']").first
    label = link.inner_text()
    link.click()
    page.wait_for_selector("h1")
    assert "/resource/programme-" in page.url
    assert page.inner_text("h1") == label
    shoot(page, "03-resource-page")
    page.click("a[data-lang='id']")
    page.wait_for_selector("html[lang='id']")
    assert page.inner_text("h1") != label
    assert "Penyandang dana" in page.inner_text("main")
    shoot(page, "04-resource-page-id")
    assert_stayed_local(page, service)


# -- accessibility ------------------------------------------------------------------------
def own_checks(tab: Any) -> list[str]:
    """Labels on form fields and headings that never skip a level."""
    return tab.evaluate("""() => {
      const problems = [];
      for (const el of document.querySelectorAll("input, textarea, select")) {
        if (el.type === "hidden") continue;
        const named = (el.id && document.querySelector(`label[for="${el.id}"]`))
          || el.closest("label") || el.getAttribute("aria-label");
        if (!named) problems.push("unlabelled " + el.tagName + "#" + el.id);
      }
      let last = 0;
      for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
        const level = +h.tagName[1];
        if (level > last + 1) problems.push(`${h.tagName} after h${last}: ${h.textContent}`);
        last = level;
      }
      if (document.querySelectorAll("h1").length !== 1) problems.push("not exactly one h1");
      if (!document.documentElement.lang) problems.push("no lang on html");
      return problems;
    }""")


@pytest.mark.parametrize("path", A11Y_PAGES)
def test_pages_pass_an_accessibility_check(page: Any, service: LiveService, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(service.url + path)
    if path == "/":
        page.click("a.example[data-name='programme-timeline']")
        page.click("#run")
        page.wait_for_selector("table.results tbody tr")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
                  for v in results.response["violations"]]
    assert not violations, violations
    assert not own_checks(page)
    shoot(page, "page-" + (re.sub(r"[^a-z0-9]+", "-", path).strip("-") or "query"))
    if path == "/resource/no-such-thing":  # the browser logs the page's own 404 status
        page.errors = [e for e in page.errors if "404" not in e]
    assert_stayed_local(page, service)
