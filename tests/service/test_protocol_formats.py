"""Every result format and negotiation rule, parsed back with rdflib and SPARQLWrapper,
against the live read-only service (a small fixture; max_result_rows=50)."""

from __future__ import annotations

import io
import json

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

EX = Namespace("http://example.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
NAMES = "PREFIX foaf: <http://xmlns.com/foaf/0.1/> SELECT ?s ?name WHERE { ?s foaf:name ?name }"
CONSTRUCT = ("PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
             "CONSTRUCT { ?s foaf:name ?n } WHERE { ?s foaf:name ?n }")
RESULT_PARSERS = {"application/sparql-results+json": "json",
                  "application/sparql-results+xml": "xml", "text/csv": "csv",
                  "text/tab-separated-values": "tsv"}
GRAPH_PARSERS = {"text/turtle": "turtle", "application/n-triples": "nt",
                 "application/rdf+xml": "xml", "application/ld+json": "json-ld",
                 "application/n-quads": "nquads", "application/trig": "trig"}


def get(service, query: str, accept: str | None = None, **params: str):
    headers = {"Accept": accept} if accept is not None else {}
    return service.session.get(service.sparql, params={"query": query, **params},
                               headers=headers, timeout=30)


def media_type(response) -> str:
    return response.headers["Content-Type"].split(";")[0]


@pytest.mark.parametrize("accept", list(RESULT_PARSERS))
def test_select_in_every_results_format(readonly_service, accept: str) -> None:
    response = get(readonly_service, NAMES + " ORDER BY ?name", accept)
    assert response.status_code == 200, response.text
    assert media_type(response) == accept
    result = Result.parse(io.BytesIO(response.content), format=RESULT_PARSERS[accept])
    names = {str(row[1]) for row in result}
    assert {"Alice", "Bob", 'Carol "C"\nTab\there, comma', "Anon", "Project"} == names


@pytest.mark.parametrize("accept", ["application/sparql-results+json",
                                    "application/sparql-results+xml"])
def test_ask_results(readonly_service, accept: str) -> None:
    response = get(readonly_service, "ASK { ?s a <http://xmlns.com/foaf/0.1/Person> }", accept)
    assert media_type(response) == accept
    assert Result.parse(io.BytesIO(response.content),
                        format=RESULT_PARSERS[accept]).askAnswer is True


@pytest.mark.parametrize("accept", list(GRAPH_PARSERS))
def test_construct_in_every_rdf_format(readonly_service, accept: str) -> None:
    response = get(readonly_service, CONSTRUCT, accept)
    assert response.status_code == 200, response.text
    assert media_type(response) == accept
    graph = Graph()
    if accept in ("application/n-quads", "application/trig"):
        from rdflib import Dataset

        dataset = Dataset()
        dataset.parse(data=response.content, format=GRAPH_PARSERS[accept])
        for s, p, o, _ in dataset.quads():
            graph.add((s, p, o))
    else:
        graph.parse(data=response.content, format=GRAPH_PARSERS[accept])
    reference = Graph().parse(data=get(readonly_service, CONSTRUCT,
                                       "application/n-triples").content, format="nt")
    assert len(graph) == 5
    assert isomorphic(graph, reference)
    assert (EX.alice, FOAF.name, Literal("Alice")) in graph


def test_describe_gives_rdf(readonly_service) -> None:
    response = get(readonly_service, "DESCRIBE <http://example.org/bob>")
    assert media_type(response) == "text/turtle"
    graph = Graph().parse(data=response.content, format="turtle")
    assert (EX.bob, FOAF.age, Literal(42)) in graph


@pytest.mark.parametrize(("query", "expected"), [
    (NAMES, "application/sparql-results+json"), (CONSTRUCT, "text/turtle"),
    ("ASK {}", "application/sparql-results+json")])
def test_default_format_without_accept(readonly_service, query: str, expected: str) -> None:
    assert media_type(get(readonly_service, query, accept="")) == expected
    assert media_type(get(readonly_service, query, accept="*/*")) == expected


@pytest.mark.parametrize(("accept", "expected"), [
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/sparql-results+xml;q=0.2, text/tab-separated-values;q=0.9",
     "text/tab-separated-values"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("text/*;q=0.3, application/sparql-results+json;q=0", "text/csv"),
])
def test_q_values_choose_the_format(readonly_service, accept: str, expected: str) -> None:
    assert media_type(get(readonly_service, NAMES, accept)) == expected


def test_format_parameter_overrides_accept(readonly_service) -> None:
    response = get(readonly_service, NAMES, "application/sparql-results+xml", format="csv")
    assert media_type(response) == "text/csv"
    response = get(readonly_service, CONSTRUCT, "text/turtle", format="jsonld")
    assert media_type(response) == "application/ld+json"
    assert get(readonly_service, NAMES, format="nonsense").status_code == 400


@pytest.mark.parametrize(("query", "accept", "offered"), [
    (NAMES, "text/turtle", "application/sparql-results+json"),
    (CONSTRUCT, "application/sparql-results+json", "text/turtle"),
    (NAMES, "image/png", "text/tab-separated-values"),
])
def test_406_lists_offered_types(readonly_service, query, accept, offered) -> None:
    response = get(readonly_service, query, accept)
    assert response.status_code == 406
    assert offered in response.text


def test_406_for_a_format_parameter_of_the_wrong_kind(readonly_service) -> None:
    response = get(readonly_service, NAMES, format="turtle")
    assert response.status_code == 406
    assert "application/sparql-results+xml" in response.text


@pytest.mark.parametrize("fmt", [JSON, XML, CSV])
def test_sparqlwrapper_select(readonly_service, fmt: str) -> None:
    client = SPARQLWrapper(readonly_service.sparql)
    client.setQuery(NAMES.replace("}", "FILTER(?name = 'Bob') }"))
    client.setReturnFormat(fmt)
    result = client.query().convert()
    if fmt == JSON:
        assert result["results"]["bindings"][0]["name"]["value"] == "Bob"
    elif fmt == XML:
        assert "Bob" in result.toxml()
    else:
        assert b"Bob" in result


def test_sparqlwrapper_post_and_construct(readonly_service) -> None:
    client = SPARQLWrapper(readonly_service.sparql)
    client.setMethod("POST")
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")
    assert len(graph) == 5


def test_cut_result_says_so(readonly_service) -> None:
    response = get(readonly_service, "SELECT * WHERE { ?s ?p ?o }")
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 50
    assert "max_result_rows=50" in response.headers["PASB-Result-Truncated"]
    small = get(readonly_service, "SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    assert "PASB-Result-Truncated" not in small.headers


def test_syntax_error_gives_400_with_position(readonly_service) -> None:
    response = get(readonly_service, "SELECT * WHERE {\n  ?s ?p \n}")
    assert response.status_code == 400
    assert "line 3" in response.text and "column" in response.text


def test_dataset_parameters_and_from(readonly_service) -> None:
    people = "http://example.org/people"
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://example.org/index> ?i }"
    count = lambda r: int(r.json()["results"]["bindings"][0]["n"]["value"])  # noqa: E731
    assert count(get(readonly_service, query)) == 60  # union default graph
    assert count(get(readonly_service, query, **{"default-graph-uri": people})) == 0
    from_query = query.replace("WHERE", f"FROM <{people}> WHERE")
    assert count(get(readonly_service, from_query)) == 0
    named = get(readonly_service, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                **{"named-graph-uri": people})
    assert [b["g"]["value"] for b in named.json()["results"]["bindings"]] == [people]


def test_service_description_formats(readonly_service) -> None:
    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    void = Namespace("http://rdfs.org/ns/void#")
    for accept, parser in [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                           ("application/rdf+xml", "xml")]:
        response = readonly_service.session.get(readonly_service.sparql,
                                                headers={"Accept": accept}, timeout=30)
        assert media_type(response) == accept
        graph = Graph().parse(data=response.content, format=parser)
        service = graph.value(None, sd.endpoint, URIRef(readonly_service.sparql))
        assert service is not None
        dataset = graph.value(service, sd.defaultDataset)
        assert graph.value(dataset, void.triples).toPython() == 76
        assert graph.value(dataset, void.classes).toPython() == 2
        assert (None, sd.name, URIRef("http://example.org/people")) in graph
        linkset = graph.value(None, void.objectsTarget,
                              URIRef("http://www.wikidata.org/"))
        assert linkset is None or graph.value(linkset, void.triples) is not None
    html = readonly_service.session.get(readonly_service.sparql,
                                        headers={"Accept": "text/html"}, timeout=30)
    assert media_type(html) == "text/html" and "<form" in html.text


def test_cors_reads_from_any_origin_without_credentials(readonly_service) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    response = readonly_service.session.get(readonly_service.sparql, params={"query": "ASK {}"},
                                            headers=origin, timeout=30)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    preflight = readonly_service.session.options(readonly_service.sparql, headers={
        **origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, authorization"}, timeout=30)
    assert "authorization" not in preflight.headers["Access-Control-Allow-Headers"].lower()
    assert "PUT" not in preflight.headers["Access-Control-Allow-Methods"]
    update = readonly_service.session.post(readonly_service.sparql, data={"update": "CLEAR ALL"},
                                           headers=origin, timeout=30)
    assert update.status_code == 403
    assert "Access-Control-Allow-Origin" not in update.headers


def test_health_and_metrics(readonly_service) -> None:
    health = readonly_service.session.get(readonly_service.url + "/healthz", timeout=30)
    assert health.status_code == 200
    assert health.json()["status"] == "ok" and health.json()["triples"] == 76
    get(readonly_service, "ASK {}")
    metrics = readonly_service.session.get(readonly_service.url + "/metrics", timeout=30).text
    assert 'pasb_http_requests_total{endpoint="/sparql",method="GET",status="200"}' in metrics
    assert "pasb_query_seconds_bucket" in metrics
    assert "pasb_query_timeouts_total" in metrics


def test_void_well_known(readonly_service) -> None:
    response = readonly_service.session.get(readonly_service.url + "/.well-known/void",
                                            headers={"Accept": "application/ld+json"},
                                            timeout=30)
    assert response.status_code == 200
    assert json.loads(response.content)
