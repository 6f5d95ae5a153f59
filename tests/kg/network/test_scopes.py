"""The report judges the propositions on only what the paper states too (issue #11), and
lists the inputs of the network that are interpretations or outside context."""

from __future__ import annotations

import json

import pytest

from kg.network.extract import extract_multiplex
from kg.network.report import Verdict, build_report, render_report
from kg.network.scopes import scope_differences
from kg.scope import Scope, scoped

RES = "https://w3id.org/pasb/resource/"


@pytest.fixture(scope="module")
def networks(kg_store):
    return extract_multiplex(kg_store), extract_multiplex(scoped(kg_store, Scope.PAPER))


def test_the_paper_alone_gives_a_smaller_network(networks) -> None:
    full, paper = networks
    goi = RES + "government-of-indonesia"
    assert any(v.startswith(RES + "programme-") for v in full.successors(goi))
    # the Government of Indonesia is in no programme's partner list
    assert not any(v.startswith(RES + "programme-") for v in paper.successors(goi))
    funding = {(u, v) for u, v, d in paper.edges(data=True) if d.get("layer") == "funding"}
    assert (RES + "government-of-the-netherlands", RES + "programme-education") not in funding


def test_differences_name_every_reading_the_network_uses(networks) -> None:
    texts = [d.text for d in scope_differences(*networks)]
    assert any("Government of the Netherlands – Combating child labour through education: "
               "funding tie" in t for t in texts)
    assert sum("Government of Indonesia – " in t and "participation tie (partner)" in t
               for t in texts) == 3
    assert sum("International Labour Organization – " in t and "role implementing (the paper "
               "names no role)" in t for t in texts) == 2
    assert any(t.startswith("Local schools: state actor = no (from what the paper states: not "
                            "stated, read from the actor type as no)") for t in texts)
    assert not any("Ministry of Social Affairs" in t for t in texts), "stated by the paper"


def test_report_judges_twice_and_says_where_the_verdicts_differ(networks) -> None:
    full, paper = networks
    report = build_report(full, paper=paper, figures=False)
    assert report.scopes is not None
    hub = report.findings[0]
    assert hub.verdict is Verdict.SUPPORTED
    # without the readings (the Dutch support as funding, the Government of Indonesia in
    # every programme) the ILO no longer mediates every donor-to-domestic path
    assert report.scopes.paper_verdicts[1] is Verdict.PARTLY
    assert report.scopes.differing == [1]
    text = render_report(report, "md")
    assert "On only what the paper states:** partly supported — the verdict differs" in text
    assert "## What the findings rest on" in text
    data = json.loads(render_report(report, "json"))
    assert data["paper_only"]["differing"] == [1]
    assert any("funding tie" in i for i in data["paper_only"]["interpretation_and_context_inputs"])


def test_a_report_without_scopes_says_nothing_about_them(networks) -> None:
    report = build_report(networks[0], figures=False)
    assert report.scopes is None
    assert "What the findings rest on" not in render_report(report, "md")


def test_the_comparison_is_in_indonesian_too(networks) -> None:
    full, paper = networks
    text = render_report(build_report(full, paper=paper, figures=False, lang="id"), "md")
    assert "## Dasar temuan" in text
    assert "Hanya pada yang dinyatakan artikel" in text
    assert "tidak dinyatakan artikel" in text
