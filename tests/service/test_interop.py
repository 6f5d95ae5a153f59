"""The interop matrix: real clients, with their default settings, against the live service
(``pasb-kg serve`` on the shipped graph). Each client must parse what it gets: every
assertion is on the parsed result, never on bytes.

- SPARQLWrapper: every query form x every return format it offers, by GET and POST;
  updates with the bearer token.
- rdflib's ``SPARQLStore`` and ``SPARQLUpdateStore``.
- Apache Jena's ``rsparql`` and ``rupdate`` (Debian's ``libapache-jena-java``).
- curl with the ``Accept`` headers that common tools send.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import uuid
import warnings
import zipfile
from pathlib import Path
from xml.dom.minidom import Document

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDFS
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from rdflib.query import Result
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    N3,
    POST,
    RDF,
    RDFXML,
    TSV,
    TURTLE,
    XML,
    SPARQLWrapper,
)

RES = Namespace("https://w3id.org/pasb/resource/")
PROLOGUE = (
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX res: <https://w3id.org/pasb/resource/>\n"
)
QUERIES = {
    "SELECT": PROLOGUE + "SELECT ?label WHERE { res:ilo rdfs:label ?label } ORDER BY ?label",
    "ASK": PROLOGUE + "ASK { res:ilo rdfs:label ?label }",
    "CONSTRUCT": PROLOGUE + "CONSTRUCT { res:ilo rdfs:label ?l } WHERE { res:ilo rdfs:label ?l }",
    "DESCRIBE": PROLOGUE + "DESCRIBE res:ilo",
}
#: What each SPARQLWrapper return format means for each kind of result; the others are
#: refused with a 406 that lists the formats of that kind.
RESULT_OK = {JSON, XML, CSV, TSV}
GRAPH_OK = {XML, RDFXML, RDF, TURTLE, N3, JSONLD, JSON}
ALL_FORMATS = [JSON, XML, CSV, TSV, TURTLE, N3, RDF, RDFXML, JSONLD]


def ilo_labels(service) -> set[str]:
    """The ILO's labels, read by plain HTTP (the reference the clients are checked against)."""
    response = service.session.get(
        service.sparql,
        params={"query": QUERIES["SELECT"]},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    return {b["label"]["value"] for b in response.json()["results"]["bindings"]}


def check_result(form: str, fmt: str, converted: object, labels: set[str]) -> None:
    """Assert on what SPARQLWrapper's ``convert()`` made of the answer."""
    if form in ("CONSTRUCT", "DESCRIBE"):
        if isinstance(converted, bytes):  # Turtle and N3 come back as text
            converted = Graph().parse(data=converted, format="turtle")
        assert isinstance(converted, Graph)
        found = {str(o) for o in converted.objects(RES.ilo, RDFS.label)}
        assert found == labels
        return
    if fmt == JSON:
        if form == "ASK":
            assert converted["boolean"] is True
        else:
            assert {b["label"]["value"] for b in converted["results"]["bindings"]} == labels
    elif fmt == XML:
        assert isinstance(converted, Document)
        result = Result.parse(io.StringIO(converted.toxml()), format="xml")
        if form == "ASK":
            assert result.askAnswer is True
        else:
            assert {str(row[0]) for row in result} == labels
    else:
        text = converted.decode()
        if form == "ASK":
            assert text.strip() == "true"
        else:
            rows = text.splitlines()[1:]
            values = {r.split("\t")[0].split("@")[0].strip('"') if fmt == TSV else r for r in rows}
            assert values == labels


@pytest.fixture(scope="module")
def labels(service) -> set[str]:
    found = ilo_labels(service)
    assert "International Labour Organization" in found
    return found


@pytest.mark.parametrize("method", ["GET", POST])
@pytest.mark.parametrize("fmt", ALL_FORMATS)
@pytest.mark.parametrize("form", list(QUERIES))
def test_sparqlwrapper_every_form_and_format(
    service, labels, form: str, fmt: str, method: str
) -> None:
    client = SPARQLWrapper(service.sparql)
    client.setQuery(QUERIES[form])
    client.setReturnFormat(fmt)
    client.setMethod(method)
    graph_form = form in ("CONSTRUCT", "DESCRIBE")
    applies = fmt in (GRAPH_OK if graph_form else RESULT_OK)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "sending Accept */*" notices
        if not applies:
            with pytest.raises(Exception) as refused:
                client.query()
            assert getattr(refused.value, "code", None) == 406
            body = refused.value.read().decode()
            offered = "turtle" if graph_form else "json (application/sparql-results+json)"
            assert offered in body and f"format={fmt}" in body
            return
        converted = client.query().convert()
    check_result(form, fmt, converted, labels)


def test_sparqlwrapper_default_settings_construct(service, labels) -> None:
    """The README's example: no setReturnFormat at all (format=xml, RDF/XML Accept)."""
    client = SPARQLWrapper(service.sparql)
    client.setQuery(QUERIES["CONSTRUCT"])
    graph = client.queryAndConvert()
    assert {str(o) for o in graph.objects(RES.ilo, RDFS.label)} == labels


def test_sparqlwrapper_update_with_token(writable_service, update_token) -> None:
    graph = f"http://example.org/interop/{uuid.uuid4().hex}"
    client = SPARQLWrapper(writable_service.sparql)
    client.setMethod(POST)
    client.addCustomHttpHeader("Authorization", f"Bearer {update_token}")
    client.setQuery(f"INSERT DATA {{ GRAPH <{graph}> {{ <http://e/a> <http://e/b> 7 }} }}")
    assert client.query().response.status == 204
    check = SPARQLWrapper(writable_service.sparql, returnFormat=JSON)
    check.setQuery(f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ <http://e/a> <http://e/b> ?o }} }}")
    assert check.queryAndConvert()["results"]["bindings"][0]["o"]["value"] == "7"
    client.setQuery(f"DROP GRAPH <{graph}>")
    client.query()


def test_sparqlwrapper_update_without_token_is_told_why(writable_service) -> None:
    from SPARQLWrapper.SPARQLExceptions import Unauthorized

    client = SPARQLWrapper(writable_service.sparql)
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <http://e/a> <http://e/b> 1 }")
    with pytest.raises(Unauthorized, match="Authorization: Bearer"):
        client.query()


# -- rdflib's stores -------------------------------------------------------------------
def test_rdflib_sparqlstore_select_ask_construct(service, labels) -> None:
    graph = Graph(store=SPARQLStore(service.sparql))
    assert {str(row.label) for row in graph.query(QUERIES["SELECT"])} == labels
    assert graph.query(QUERIES["ASK"]).askAnswer is True
    constructed = graph.query(QUERIES["CONSTRUCT"]).graph
    assert {str(o) for o in constructed.objects(RES.ilo, RDFS.label)} == labels
    assert (RES.ilo, RDFS.label, None) in graph  # triple-pattern access


def test_rdflib_sparqlupdatestore_with_token(writable_service, update_token) -> None:
    name = URIRef(f"http://example.org/interop/{uuid.uuid4().hex}")
    store = SPARQLUpdateStore(
        writable_service.sparql,
        writable_service.sparql,
        headers={"Authorization": f"Bearer {update_token}"},
    )
    dataset = Dataset(store=store)
    graph = dataset.graph(name)
    graph.add((URIRef("http://e/a"), RDFS.label, Literal("hello", lang="en")))
    assert writable_service.ask(f'ASK {{ GRAPH <{name}> {{ ?s ?p "hello"@en }} }}')
    graph.remove((URIRef("http://e/a"), None, None))
    assert not writable_service.ask(f'ASK {{ GRAPH <{name}> {{ ?s ?p "hello"@en }} }}')


# -- Apache Jena's command-line clients ------------------------------------------------
JENA_JARS = Path("/usr/share/java")
JENA_CLASSPATH = [
    "jena-cmds",
    "jena-arq",
    "jena-core",
    "jena-base",
    "jena-iri",
    "jena-rdfconnection",
    "jena-shacl",
    "jena-shex",
    "jena-tdb",
    "jena-tdb2",
    "jena-dboe-base",
    "jena-dboe-index",
    "jena-dboe-storage",
    "jena-dboe-trans-data",
    "jena-dboe-transaction",
    "slf4j-api",
    "slf4j-nop",
    "commons-lang3",
    "commons-io",
    "commons-cli",
    "commons-codec",
    "commons-compress",
    "commons-csv",
    "guava",
    "httpclient",
    "httpcore",
    "commons-logging",
    "jackson-core",
    "jackson-databind",
    "jackson-annotations",
    "jsonld-java",
    "gson",
    "dexx.collection",
    "thrift",
    "protobuf",
    "titanium-json-ld",
    "jakarta.json-api",
]


@pytest.fixture(scope="module")
def jena(tmp_path_factory):
    """Run ``arq.rsparql``/``arq.rupdate`` from Debian's jars.

    Debian's jena-core 4.5 relocates Xerces to ``xerces.*`` but leaves its message
    bundles under ``org/apache/jena/ext/xerces``, so Jena fails to start ("internal
    error" in XSSimpleTypeDecl); the bundles are copied from the same jar to where the
    relocated classes look for them.
    """
    if not (JENA_JARS / "jena-cmds.jar").exists() or shutil.which("java") is None:
        pytest.skip(
            "Apache Jena's clients are not installed (scripts/test installs "
            "libapache-jena-java as root; or: sudo apt-get install "
            "libapache-jena-java)"
        )
    resources = tmp_path_factory.mktemp("jena-resources")
    with zipfile.ZipFile(JENA_JARS / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith("org/apache/jena/ext/xerces/") and name.endswith(".properties"):
                target = resources / name.removeprefix("org/apache/jena/ext/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    jars = [
        str(JENA_JARS / f"{name}.jar")
        for name in JENA_CLASSPATH
        if (JENA_JARS / f"{name}.jar").exists()
    ]
    classpath = ":".join([str(resources), *jars])

    def run(command: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["java", "-cp", classpath, f"arq.{command}", *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run


def test_jena_rsparql_select_and_ask(service, labels, jena) -> None:
    out = jena("rsparql", "--service", service.sparql, "--results=JSON", QUERIES["SELECT"])
    assert out.returncode == 0, out.stderr
    parsed = json.loads(out.stdout)
    assert {b["label"]["value"] for b in parsed["results"]["bindings"]} == labels
    table = jena("rsparql", "--service", service.sparql, QUERIES["SELECT"])
    assert table.returncode == 0, table.stderr
    assert all(label in table.stdout for label in labels)  # Jena's own text table
    ask = jena("rsparql", "--post", "--service", service.sparql, "--results=JSON", QUERIES["ASK"])
    assert json.loads(ask.stdout)["boolean"] is True


@pytest.mark.parametrize("form", ["CONSTRUCT", "DESCRIBE"])
def test_jena_rsparql_graphs(service, labels, jena, form: str) -> None:
    out = jena("rsparql", "--service", service.sparql, "--results=NT", QUERIES[form])
    assert out.returncode == 0, out.stderr
    graph = Graph().parse(data=out.stdout, format="nt")
    assert {str(o) for o in graph.objects(RES.ilo, RDFS.label)} == labels


def test_jena_rsparql_refusal_reaches_the_user(service, jena) -> None:
    """Jena checks syntax itself; what only the service can refuse (a SERVICE call outside
    the allow-list) reaches the user with its status."""
    out = jena(
        "rsparql",
        "--service",
        service.sparql,
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    )
    assert out.returncode != 0
    assert "403" in out.stdout + out.stderr


def test_jena_rupdate_is_told_it_needs_the_token(writable_service, jena) -> None:
    """rupdate has no option for an Authorization header: the service says what is
    missing instead of failing silently."""
    out = jena(
        "rupdate",
        "--service",
        writable_service.sparql,
        "INSERT DATA { <http://e/a> <http://e/b> 1 }",
    )
    assert out.returncode != 0
    assert "401" in out.stdout + out.stderr


# -- curl with the Accept headers of common tools --------------------------------------
CHROME = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
    "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"
)
FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
JENA_SELECT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "text/tab-separated-values;q=0.7, text/csv;q=0.5,application/json;q=0.2,"
    "application/xml;q=0.2,*/*;q=0.1"
)
JENA_GRAPH = (
    "text/turtle,application/n-triples;q=0.9,application/ld+json;q=0.8,"
    "application/rdf+xml;q=0.7,*/*;q=0.3"
)
TOOLS = [
    ("chrome", "SELECT", CHROME),
    ("chrome", "CONSTRUCT", CHROME),
    ("firefox", "SELECT", FIREFOX),
    ("firefox", "DESCRIBE", FIREFOX),
    ("yasgui", "SELECT", "application/sparql-results+json,*/*;q=0.9"),
    ("yasgui", "CONSTRUCT", "text/turtle,*/*;q=0.9"),
    ("wikidata-query-service", "SELECT", "application/sparql-results+json"),
    (
        "protege-owlapi",
        "CONSTRUCT",
        "application/rdf+xml, application/xml; q=0.7, "
        "text/xml; q=0.6, text/plain; q=0.1, */*; q=0.09",
    ),
    ("gephi-semantic-web-import", "CONSTRUCT", "application/rdf+xml"),
    ("jena", "SELECT", JENA_SELECT),
    ("jena", "ASK", JENA_SELECT),
    ("jena", "CONSTRUCT", JENA_GRAPH),
    (
        "rdf4j",
        "SELECT",
        "application/sparql-results+xml, application/sparql-results+json;"
        "q=0.8, text/csv;q=0.8, text/tab-separated-values;q=0.8",
    ),
    (
        "rdf4j",
        "CONSTRUCT",
        "application/rdf+xml, text/turtle;q=0.9, application/n-triples;"
        "q=0.9, application/ld+json;q=0.8, application/trig;q=0.8",
    ),
    ("python-requests", "SELECT", "*/*"),
    ("python-requests", "DESCRIBE", "*/*"),
]
RESULT_PARSERS = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_PARSERS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


@pytest.mark.parametrize(("tool", "form", "accept"), TOOLS, ids=[f"{t}-{f}" for t, f, _ in TOOLS])
def test_curl_with_the_accept_header_of(
    service, labels, tool: str, form: str, accept: str, tmp_path: Path
) -> None:
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    body = tmp_path / "body"
    out = subprocess.run(
        [
            "curl",
            "-sS",
            "-G",
            service.sparql,
            "-H",
            f"Accept: {accept}",
            "--data-urlencode",
            f"query={QUERIES[form]}",
            "-o",
            str(body),
            "-w",
            "%{http_code} %{content_type}",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    status, content_type = out.stdout.split(" ", 1)
    media_type = content_type.split(";")[0].strip()
    assert status == "200", body.read_text()
    data = body.read_bytes()
    if form in ("SELECT", "ASK"):
        result = Result.parse(io.BytesIO(data), format=RESULT_PARSERS[media_type])
        if form == "ASK":
            assert result.askAnswer is True
        else:
            assert {str(row[0]) for row in result} == labels
    else:
        graph = Graph().parse(data=data, format=GRAPH_PARSERS[media_type])
        assert {str(o) for o in graph.objects(RES.ilo, RDFS.label)} == labels
