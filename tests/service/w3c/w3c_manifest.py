"""Reading W3C test manifests with rdflib and replaying their HTTP requests.

The protocol and Graph Store manifests describe each test as a list of ``ht:Request``s
(method, absolute path, headers, body) with an ``ht:Response`` of expected statuses,
headers, body, boolean or result format. :func:`run_requests` sends them in order to the
live service and checks every expectation.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from xml.etree import ElementTree

import pytest
import requests
from rdflib import RDF, RDFS, Graph, Namespace
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.term import Node

REPO = Path(__file__).resolve().parents[3]
SUITE = REPO / ".." / "shared" / "w3c-rdf-tests" / "sparql11"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

RDF_PARSERS = {"text/turtle": "turtle", "application/n-triples": "nt",
               "application/rdf+xml": "xml", "application/ld+json": "json-ld",
               "text/plain": "nt", "application/n-quads": "nquads", "application/trig": "trig"}
RESULT_TYPES = {"application/sparql-results+json", "application/sparql-results+xml",
                "text/csv", "text/tab-separated-values"}


def require_suite(*parts: str) -> Path:
    """The manifest at ``parts`` under the shared test suite, or skip with a reason."""
    path = SUITE.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"W3C test suite not found at {SUITE.resolve()} (clone "
                    "w3c/rdf-tests next to the repository as ../shared/w3c-rdf-tests)")
    return path


TEST_TYPES = (MF.ProtocolTest, MF.GraphStoreProtocolTest, MF.ServiceDescriptionTest)


def manifest_entries(path: Path) -> tuple[Graph, list[Node]]:
    """The manifest graph and its tests: the ``mf:entries`` in order, then any test
    described in the file but missing from the list (``head_non_existing_direct``)."""
    graph = Graph().parse(path, format="turtle")
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    entries = list(Collection(graph, graph.value(manifest, MF.entries)))
    typed = sorted({s for t in TEST_TYPES for s in graph.subjects(RDF.type, t)}, key=str)
    return graph, entries + [t for t in typed if t not in entries]


def entry_names(*parts: str) -> list[str]:
    """Local names of a manifest's entries (for ``parametrize``; empty when absent)."""
    path = SUITE.joinpath(*parts)
    if not path.is_file():
        return ["suite-missing"]
    _, entries = manifest_entries(path)
    return [str(e).rsplit("#", 1)[-1] for e in entries]


@dataclass
class Request:
    """One ``ht:Request`` and its expected ``ht:Response``."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: list[str]
    expect_headers: dict[str, str] = field(default_factory=dict)
    expect_body: str | None = None
    expect_boolean: bool | None = None
    expect_format: str | None = None
    expect_location: str | None = None


def _headers(graph: Graph, node: Node | None) -> dict[str, str]:
    if node is None:
        return {}
    return {str(graph.value(h, HT.fieldName)).lower(): str(graph.value(h, HT.fieldValue))
            for h in Collection(graph, node)}


def requests_of(graph: Graph, test: Node) -> list[Request]:
    """The requests of a test, in order."""
    action = graph.value(test, MF.action)
    out = []
    for node in Collection(graph, graph.value(action, HT.requests)):
        body = graph.value(node, HT.body)
        chars = graph.value(body, CNT.chars) if body is not None else None
        response = graph.value(node, HT.resp)
        expected_body = graph.value(response, HT.body)
        boolean = graph.value(response, MF.expectedBoolean)
        fmt = graph.value(response, MF.expectedFormat)
        location = graph.value(response, MF.expectedLocation)
        out.append(Request(
            method=str(graph.value(node, HT.methodName)),
            path=str(graph.value(node, HT.absolutePath)),
            headers=_headers(graph, graph.value(node, HT.headers)),
            body=str(chars).encode("utf-8") if chars is not None else None,
            statuses=[str(s).rsplit("#", 1)[-1] for s in
                      graph.objects(response, MF.expectedStatus)],
            expect_headers=_headers(graph, graph.value(response, HT.headers)),
            expect_body=str(graph.value(expected_body, CNT.chars))
            if expected_body is not None else None,
            expect_boolean=boolean.toPython() if boolean is not None else None,
            expect_format=str(fmt) if fmt is not None else None,
            expect_location=str(location) if location is not None else None,
        ))
    return out


def graph_data(graph: Graph, test: Node) -> list[tuple[Path, str]]:
    """``ut:graphData``: (file, graph name) pairs to load before the test."""
    out = []
    for data in graph.objects(test, UT.graphData):
        path = Path(str(graph.value(data, UT.graph)).removeprefix("file://"))
        out.append((path, str(graph.value(data, RDFS.label))))
    return out


def status_matches(code: int, names: list[str]) -> bool:
    """Whether ``code`` is one of ``hts:StatusCode2xx``-style classes or named statuses."""
    for name in names:
        klass = re.fullmatch(r"StatusCode(\d)xx", name)
        if klass and code // 100 == int(klass.group(1)):
            return True
        if not klass and HTTPStatus(code).phrase.replace(" ", "") == name:
            return True
    return False


def media_type(response: requests.Response) -> str:
    return response.headers.get("Content-Type", "").split(";")[0].strip().lower()


def parse_boolean(response: requests.Response) -> bool:
    """The boolean of an ASK result in SPARQL JSON or XML."""
    kind = media_type(response)
    if kind == "application/sparql-results+json":
        return json.loads(response.content)["boolean"]
    assert kind == "application/sparql-results+xml", kind
    root = ElementTree.fromstring(response.content)
    element = root.find("{http://www.w3.org/2005/sparql-results#}boolean")
    assert element is not None
    return element.text == "true"


def check_format(response: requests.Response, expected: str) -> None:
    """The response is boolean, tabular or RDF as the manifest says, and parses."""
    kind = media_type(response)
    if expected == "boolean":
        parse_boolean(response)
    elif expected == "tabular":
        assert kind in RESULT_TYPES, kind
        if kind.endswith("json"):
            assert "results" in json.loads(response.content)
        elif kind.endswith("xml"):
            ElementTree.fromstring(response.content)
    elif expected == "RDF":
        assert kind in RDF_PARSERS, kind
        Graph().parse(data=response.content, format=RDF_PARSERS[kind])
    else:
        raise AssertionError(f"unknown expected format {expected}")


def run_requests(session: requests.Session, base: str, prefix: str, items: list[Request],
                 *, extra_headers: dict[str, str]) -> None:
    """Send each request (``prefix`` of its path replaced by ``base``) and check it."""
    variables: dict[str, str] = {}
    for number, item in enumerate(items, 1):
        path = item.path
        body = item.body
        for name, value in variables.items():
            path = path.replace(name, value)
            body = body.replace(name.encode(), value.encode()) if body else body
        assert path.startswith(prefix), path
        url = base + path[len(prefix):]
        response = session.request(item.method, url, headers={**extra_headers, **item.headers},
                                   data=body, allow_redirects=True, timeout=30)
        where = f"request {number}: {item.method} {path} -> {response.status_code}"
        assert status_matches(response.status_code, item.statuses), \
            f"{where}, expected {item.statuses}: {response.text[:500]}"
        for name, value in item.expect_headers.items():
            got = response.headers.get(name, "")
            assert got.split(";")[0].strip().lower() == value.split(";")[0].strip().lower(), \
                f"{where}: header {name}: {got!r}, expected {value!r}"
        if item.expect_format is not None:
            check_format(response, item.expect_format)
        if item.expect_boolean is not None:
            assert parse_boolean(response) is item.expect_boolean, where
        if item.expect_body is not None:
            expected = Graph().parse(data=item.expect_body, format="turtle")
            got_graph = Graph().parse(data=response.content,
                                      format=RDF_PARSERS[media_type(response)])
            assert isomorphic(expected, got_graph), \
                f"{where}: graph differs:\n{response.text}"
        if item.expect_location is not None:
            assert "Location" in response.headers, where
            variables[item.expect_location] = response.headers["Location"]
