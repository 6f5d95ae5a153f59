"""Values for a query's variables at the endpoint: ``$name=<N-Triples term>`` (RDF4J's
convention) becomes a binding (SEP-0007), never text pasted into the query; every bad
value is refused naming the parameter."""

from __future__ import annotations

import csv
import io

import pytest

from kg.named_queries import load_query

RES = "https://w3id.org/pasb/resource/"
INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


def select(service, text: str, *, method: str = "GET", accept: str = "text/csv",
           **bindings: str):
    params = {"query": text, **{f"${k}": v for k, v in bindings.items()}}
    headers = {"Accept": accept}
    if method == "GET":
        return service.session.get(service.sparql, params=params, headers=headers, timeout=30)
    return service.session.post(service.sparql, data=params, headers=headers, timeout=30)


def rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.text)))


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_an_iri_binding_restricts_the_named_query(service, method: str) -> None:
    text = load_query("programme-partners").text
    every = rows(select(service, text, method=method))
    one = rows(select(service, text, method=method,
                      programme=f"<{RES}programme-youth-transition>"))
    assert {r["programme"] for r in every} == {RES + p for p in (
        "programme-education", "programme-youth-transition", "programme-skills-training")}
    assert {r["programme"] for r in one} == {RES + "programme-youth-transition"}
    assert len(one) < len(every)


def test_a_typed_literal_binding(service) -> None:
    text = load_query("participants-by-year").text
    found = rows(select(service, text, year=f'"2014"^^<{INTEGER}>'))
    assert {r["number"] for r in found} == {"1"}
    assert {r["year"] for r in found} == {"2014"}


def test_a_binding_for_a_construct(service) -> None:
    text = load_query("describe-resource").text
    response = select(service, text, accept="application/n-triples",
                      resource=f"<{RES}sida>")
    assert response.status_code == 200, response.text
    subjects = {line.split(" ", 1)[0] for line in response.text.splitlines() if line}
    assert f"<{RES}sida>" in subjects and f"<{RES}ilo>" not in subjects


@pytest.mark.parametrize(("name", "value", "says"), [
    ("nothing", f"<{RES}ilo>", "$nothing: the query has no variable ?nothing"),
    ("programme", "res:programme-education", "$programme: write an IRI as <http://…>"),
    ("programme", "<programme-education>", "$programme: '<programme-education>' is not"),
    ("programme", f"<{RES}a> . <{RES}b> <{RES}c> <{RES}d>", "$programme:"),
    ("programme", f"<{RES}a>\n<{RES}b>", "$programme:"),
    ("programme", '"unterminated', "$programme:"),
    ("programme", "_:b0", "$programme: write an IRI"),
])
def test_bad_bindings_are_refused_naming_the_parameter(service, name: str, value: str,
                                                       says: str) -> None:
    response = select(service, load_query("programme-partners").text, **{name: value})
    assert response.status_code == 400
    assert says in response.text


def test_a_binding_for_an_unselected_variable_says_so(service) -> None:
    response = select(service, "SELECT ?p WHERE { ?s ?p ?o } LIMIT 1", s=f"<{RES}ilo>")
    assert response.status_code == 400
    assert "$s: ?s is not in the SELECT clause" in response.text


def test_bindings_do_not_apply_to_updates(service) -> None:
    response = service.session.post(service.sparql, data={
        "update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "$x": "<urn:x>"}, timeout=30)
    assert response.status_code == 400
    assert "$x: variable bindings apply to queries, not updates" in response.text
