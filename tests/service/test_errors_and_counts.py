"""Errors a person can act on, one count of triples, the union default graph in the Graph
Store, SELECT * column order and prefixed Turtle, against the live service."""

from __future__ import annotations

import csv
import io
import socket
import subprocess
import sys

import pytest
from rdflib import RDF, Graph, Namespace

VOID = Namespace("http://rdfs.org/ns/void#")

UNDECLARED = "SELECT ?x\nWHERE {\n  ?x ?p ?o .\n  ?x rdfs:label ?y\n}\n"


def get(service, query: str, accept: str = "*/*", **params: str):
    return service.session.get(service.sparql, params={"query": query, **params},
                               headers={"Accept": accept}, timeout=30)


@pytest.mark.parametrize(("query", "line", "column", "says"), [
    (UNDECLARED, 4, 6, "prefix `rdfs:` is not declared; add: PREFIX rdfs: "
                       "<http://www.w3.org/2000/01/rdf-schema#>"),
    ("SELECT ?x\nWHERE {\n  ?x ?p ?o\n  ?x ?q ?r .\n}\n", 4, 3, "unexpected `?x`"),
    ("SELEC ?x WHERE { ?x ?p ?o }", 1, 1, "did you mean SELECT?"),
    ("SELECT ?x\nWHRE { ?x ?p ?o }", 2, 1, "did you mean WHERE?"),
    ('SELECT ?x WHERE {\n  ?x ?p "abc .\n}', 2, 9, "never closed"),
    ("SELECT * WHERE {\n  ?s ?p \n}", 3, 1, "unexpected `}`"),
    ("SELECT ?x FROM <http://e/g> WHERE {\n  ?x foo:p ?y }", 2, 6, "`foo:` is not declared"),
])
def test_syntax_errors_name_the_mistake_and_its_place(service, query, line, column,
                                                      says) -> None:
    response = get(service, query)
    assert response.status_code == 400
    first = response.text.splitlines()[0]
    assert first.startswith(f"Syntax error at line {line}, column {column}: "), first
    assert says in first
    assert "\\u{" not in response.text  # no character ranges from the parser
    caret = response.text.splitlines()[2]
    assert caret.index("^") - caret.index("|") - 2 == column - 1


def test_syntax_error_as_problem_json(service) -> None:
    response = get(service, UNDECLARED, "application/sparql-results+json, "
                                        "application/problem+json;q=0.5")
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert (problem["line"], problem["column"]) == (4, 6)
    assert problem["detail"] == "prefix `rdfs:` is not declared"
    assert problem["hint"] == "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"
    assert problem["status"] == 400 and problem["type"].endswith("#syntax-error")


def test_format_errors_list_the_formats_of_that_form(service) -> None:
    construct = "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"
    response = get(service, construct, format="csv")
    assert response.status_code == 406
    assert "turtle (text/turtle)" in response.text and "json (" not in response.text
    response = get(service, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", format="nonsense")
    assert response.status_code == 400
    assert "format=nonsense is not a known format" in response.text
    assert "csv (text/csv)" in response.text and "turtle" not in response.text


@pytest.mark.parametrize(("value", "media_type"), [
    ("xml", "application/rdf+xml"), ("rdf+xml", "application/rdf+xml"),
    ("json", "application/ld+json"), ("json-ld", "application/ld+json"),
    ("n3", "text/turtle"), ("ttl", "text/turtle"), ("nt", "application/n-triples"),
    ("text/plain", "application/n-triples"), ("application/x-trig", "application/trig"),
])
def test_format_names_of_other_servers_for_graphs(service, value, media_type) -> None:
    response = get(service, "DESCRIBE <https://w3id.org/pasb/resource/ilo>", format=value)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].split(";")[0] == media_type


def test_select_star_keeps_the_query_order_in_every_format(service) -> None:
    query = "SELECT * WHERE { ?z ?a ?m } LIMIT 2"
    rows = list(csv.reader(io.StringIO(get(service, query, "text/csv").text)))
    assert rows[0] == ["z", "a", "m"]
    assert get(service, query, "text/tab-separated-values").text.split("\n")[0] == "?z\t?a\t?m"
    assert get(service, query, "application/sparql-results+json").json()["head"]["vars"] == \
        ["z", "a", "m"]
    xml = get(service, query, "application/sparql-results+xml").text
    assert xml.index('name="z"') < xml.index('name="a"') < xml.index('name="m"')


def test_turtle_results_use_the_project_prefixes(service) -> None:
    query = "DESCRIBE <https://w3id.org/pasb/resource/ilo>"
    for accept in ("text/turtle", "application/trig"):
        text = get(service, query, accept).text
        assert "@prefix res: <https://w3id.org/pasb/resource/> ." in text
        assert "@prefix sh:" not in text  # only the prefixes it uses
        assert "res:ilo" in text and "<https://w3id.org/pasb/resource/ilo>" not in text
    graph = Graph().parse(data=get(service, query, "text/turtle").text, format="turtle")
    assert len(graph) > 10


def test_one_triple_count_everywhere(service, cli) -> None:
    health = service.session.get(service.url + "/healthz", timeout=30).json()
    void = Graph().parse(data=service.session.get(
        service.url + "/.well-known/void", headers={"Accept": "text/turtle"}, timeout=30).text,
        format="turtle")
    totals = get(service, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
                          "WHERE { ?s ?p ?o } }", "application/sparql-results+json")
    distinct = int(totals.json()["results"]["bindings"][0]["n"]["value"])
    quads = get(service, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                "application/sparql-results+json")
    assert health["triples"] == distinct
    assert health["quads"] == int(quads.json()["results"]["bindings"][0]["n"]["value"])
    assert health["quads"] > health["triples"]  # a few triples are stated in two graphs
    subsets = set(void.objects(None, VOID.subset))  # each named graph is a subset
    void_triples = {int(o) for s, o in void.subject_objects(VOID.triples)
                    if (s, RDF.type, VOID.Dataset) in void and s not in subsets}
    assert void_triples == {distinct}
    stats = cli("stats", "--memory")
    assert f"triples     {distinct}  (distinct" in stats.stdout
    assert f"{health['quads']} quads" in stats.stdout
    build = cli("build", "--memory", "--no-validate")
    assert f"{distinct:8d}  distinct triples" in build.stdout
    assert f"{health['quads']:8d}  quads in the store" in build.stdout


def test_graph_store_default_is_the_union(service) -> None:
    response = service.session.get(service.url + "/store?default",
                                   headers={"Accept": "text/turtle"}, timeout=60)
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    assert len(graph) == service.session.get(service.url + "/healthz",
                                             timeout=30).json()["triples"]


def test_serve_on_a_busy_port_says_so_in_one_line(isolated_env) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--memory", "--port",
                              str(port)], capture_output=True, text=True, timeout=120,
                             env=isolated_env, check=False)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert lines == [f"pasb-kg serve: 127.0.0.1:{port} is already in use (is another "
                     "pasb-kg serve running?); choose another with --port/--host "
                     "(settings port, host; PASB_PORT, PASB_HOST)"]


def test_serve_says_what_it_does_while_it_builds(service) -> None:
    log = service.logs()
    steps = ["building the store at", "parsing", "loading", "quads",
             "starting 2 query workers", "serving read-only on"]
    positions = [log.index(step) for step in steps]
    assert positions == sorted(positions), log
