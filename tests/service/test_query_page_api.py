"""What the query page reads from the service besides ``/sparql``: the typeahead list
(``/query/terms.json``, built from the store through ``completions.rq``) and the example
groups with their parameters."""

from __future__ import annotations

import json
import re

import pytest

from kg.named_queries import list_queries
from kg.namespaces import PREFIXES

RES = "https://w3id.org/pasb/resource/"


@pytest.fixture(scope="module")
def terms(service) -> dict:
    response = service.session.get(service.url + "/query/terms.json", timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    return response.json()


def by_name(terms: dict) -> dict[str, dict]:
    return {t["name"]: t for t in terms["terms"]}


def test_terms_hold_classes_properties_and_resources(terms: dict) -> None:
    found = by_name(terms)
    assert found["pasb:CooperationProgramme"]["kind"] == "class"
    assert found["pasb:hasParticipant"]["kind"] == "property"
    assert found["schema:funder"]["kind"] == "property"  # used, not declared here
    ilo = found["res:ilo"]
    assert ilo["kind"] == "resource" and ilo["iri"] == RES + "ilo"
    assert "pasb:InternationalOrganisation" in ilo["types"]
    assert ilo["labels"]["en"] and ilo["labels"]["id"]
    manpower = found["res:ministry-of-manpower"]
    assert "Kementerian Tenaga Kerja" in manpower["names"]  # other names match too


def test_terms_are_prefixed_with_the_project_prefixes(terms: dict) -> None:
    assert terms["prefixes"] == PREFIXES
    for term in terms["terms"]:
        prefix, _, local = term["name"].partition(":")
        assert term["iri"] == PREFIXES[prefix] + local
    kinds = [t["kind"] for t in terms["terms"]]
    assert kinds == sorted(kinds, key=("class", "property", "resource").index)


def test_every_programme_is_offered_for_the_programme_parameter(terms: dict) -> None:
    programmes = {t["name"] for t in terms["terms"]
                  if "pasb:CooperationProgramme" in t["types"]}
    assert programmes == {"res:programme-education", "res:programme-youth-transition",
                          "res:programme-skills-training"}


def test_the_terms_list_is_cut_at_its_setting(service_factory, tmp_path) -> None:
    small = service_factory(tmp_path, "--memory", env={"PASB_COMPLETION_MAX_TERMS": "7"})
    try:
        found = small.session.get(small.url + "/query/terms.json", timeout=30).json()["terms"]
    finally:
        small.stop()
    assert len(found) == 7 and all(t["kind"] == "class" for t in found)


def page_examples(service) -> list[dict]:
    html = service.session.get(service.url + "/?lang=en", timeout=30).text
    data = re.search(r'<script type="application/json" id="examples-data">(.*?)</script>',
                     html, re.S)
    assert data
    return json.loads(data.group(1))


def test_examples_come_in_groups_research_first(service) -> None:
    groups = page_examples(service)
    assert [g["id"] for g in groups] == ["research", "network", "system"]
    research = {q["name"] for q in groups[0]["queries"]}
    network = {q["name"] for q in groups[1]["queries"]}
    system = {q["name"] for q in groups[2]["queries"]}
    shipped = {q.name for q in list_queries()}
    assert research | network == shipped
    assert network == {n for n in shipped if n.startswith("network-")}
    assert {"programme-funding", "participants-by-year"} <= research
    assert {"labels", "completions", "resource-description"} <= system


def test_examples_carry_their_parameters(service) -> None:
    queries = {q["name"]: q for g in page_examples(service) for q in g["queries"]}
    [programme] = queries["programme-partners"]["params"]
    assert programme == {"name": "programme", "type": "pasb:CooperationProgramme",
                         "help": "a cooperation programme (optional)", "optional": True,
                         "literal": False}
    [year] = queries["participants-by-year"]["params"]
    assert year["type"] == "xsd:integer" and year["literal"] and year["optional"]
    assert queries["programme-funding"]["params"] == []
