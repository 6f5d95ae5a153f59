"""The SPARQL 1.1 Service Description (``GET /sparql``) and the VoID description of the
default dataset (also at ``/.well-known/void``), with counts from the store.

The ``sd:endpoint`` is the URL the request came in on, so the description is right behind
any host name or proxy path. Counts come from ``kg/queries/system/*.rq`` run by a worker
and are cached until the next write.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from kg.named_queries import load_query, queries_dir
from kg.namespaces import PASB, RES, bind_prefixes
from service.html import render_page
from service.negotiation import DESCRIPTION_FORMATS, GRAPH_FORMATS, HTML, RESULT_FORMATS, negotiate
from service.state import ServiceState, state

bp = Blueprint("description", __name__)

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RDFLIB_NAMES = {"turtle": "turtle", "jsonld": "json-ld", "rdfxml": "xml",
                "ntriples": "nt"}
#: W3C format IRIs (https://www.w3.org/ns/formats/) of what the service writes and reads.
FORMAT_IRIS = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML",
               "csv": "SPARQL_Results_CSV", "tsv": "SPARQL_Results_TSV",
               "turtle": "Turtle", "ntriples": "N-Triples", "rdfxml": "RDF_XML",
               "jsonld": "JSON-LD", "nquads": "N-Quads", "trig": "TriG"}


def _system_rows(current: ServiceState, name: str) -> list[dict[str, str]]:
    text = load_query(name, queries_dir() / "system").text
    reply = current.read({"op": "rows", "text": text, "union": True})
    return reply["rows"]


def dataset_counts(current: ServiceState) -> dict[str, Any]:
    """Totals, classes, graphs and links out of the store (cached per generation)."""
    def compute() -> dict[str, Any]:
        return {name: _system_rows(current, f"stats-{name}")
                for name in ("totals", "classes", "graphs", "links-out")}
    return current.cached("void", compute)


def describe_dataset(graph: Graph, dataset: URIRef, endpoint: URIRef,
                     counts: dict[str, Any]) -> None:
    """Add the VoID description of the default dataset to ``graph``."""
    totals = counts["totals"][0] if counts["totals"] else {}
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, VOID.sparqlEndpoint, endpoint))
    for prop, key in ((VOID.triples, "triples"), (VOID.distinctSubjects, "subjects"),
                      (VOID.entities, "subjects"), (VOID.properties, "properties")):
        graph.add((dataset, prop, Literal(int(totals.get(key, 0)), datatype=XSD.integer)))
    graph.add((dataset, VOID.classes, Literal(len(counts["classes"]), datatype=XSD.integer)))
    for row in counts["classes"]:
        partition = BNode()
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], URIRef(row["class"])))
        graph.add((partition, VOID.entities, Literal(int(row["instances"]),
                                                      datatype=XSD.integer)))
    for row in counts["graphs"]:
        # Each named graph is a subset that says what kind of statement it holds (paper,
        # interpretation, context, ontology), so "only what the paper states" can be chosen.
        subset = URIRef(row["graph"])
        graph.add((dataset, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, VOID.triples, Literal(int(row["triples"]), datatype=XSD.integer)))
        if row.get("kind"):
            graph.add((subset, PASB.statementKind, RES[f"statement-kind-{row['kind']}"]))
        for key, lang in (("label", "en"), ("labelId", "id")):
            if row.get(key):
                graph.add((subset, RDFS.label, Literal(row[key], lang=lang)))
        if row.get("description"):
            graph.add((subset, DCTERMS.description, Literal(row["description"], lang="en")))
    for row in counts["links-out"]:
        linkset = BNode()
        graph.add((dataset, VOID.subset, linkset))
        graph.add((linkset, RDF.type, VOID.Linkset))
        graph.add((linkset, VOID.linkPredicate, URIRef(row["property"])))
        graph.add((linkset, VOID.objectsTarget, URIRef(row["target"])))
        graph.add((linkset, VOID.triples, Literal(int(row["links"]), datatype=XSD.integer)))


def service_description(current: ServiceState, endpoint: str, root: str) -> Graph:
    """The Service Description graph of the endpoint at ``endpoint``."""
    graph = bind_prefixes(Graph())
    graph.bind("formats", FORMATS)
    service, iri = BNode(), URIRef(endpoint)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, iri))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if current.writable:
        graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        graph.add((service, SD.resultFormat, FORMATS[FORMAT_IRIS[fmt.name]]))
    if current.writable:
        for fmt in GRAPH_FORMATS:
            graph.add((service, SD.inputFormat, FORMATS[FORMAT_IRIS[fmt.name]]))
    if current.settings.union_default_graph:
        graph.add((service, SD.feature, SD.UnionDefaultGraph))
    if current.settings.federation_allowlist:
        graph.add((service, SD.feature, SD.BasicFederatedQuery))
    counts = dataset_counts(current)
    dataset = URIRef(root + ".well-known/void#dataset")
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    default_graph = BNode()
    graph.add((dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    totals = counts["totals"][0] if counts["totals"] else {}
    graph.add((default_graph, VOID.triples, Literal(int(totals.get("triples", 0)),
                                                    datatype=XSD.integer)))
    for row in counts["graphs"]:
        named, inner = BNode(), BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(row["graph"])))
        graph.add((named, SD.graph, inner))
        graph.add((inner, RDF.type, SD.Graph))
        graph.add((inner, VOID.triples, Literal(int(row["triples"]), datatype=XSD.integer)))
    describe_dataset(graph, dataset, iri, counts)
    return graph


def rdf_response(graph: Graph, *, what: str) -> Response:
    """``graph`` in the negotiated RDF format (HTML goes to the query page)."""
    fmt = negotiate(request.accept_mimetypes, DESCRIPTION_FORMATS,
                    format_param=request.args.get("format"), what=what)
    if fmt is HTML:
        return query_page()
    body = graph.serialize(format=RDFLIB_NAMES[fmt.name], encoding="utf-8")
    response = Response(body, content_type=f"{fmt.media_type}; charset=utf-8")
    response.headers["Vary"] = "Accept"
    return response


def service_description_response() -> Response:
    """The response to ``GET /sparql`` without a query."""
    graph = service_description(state(), request.base_url, request.url_root)
    return rdf_response(graph, what="the service description")


def query_page() -> Response:
    """A minimal HTML form to run queries (no scripts at all), in the reader's language."""
    return render_page("sparql.html", endpoint=request.base_url)


@bp.route("/.well-known/void")
def void() -> Response:
    """The VoID description of the default dataset."""
    root = request.url_root
    graph = bind_prefixes(Graph())
    describe_dataset(graph, URIRef(root + ".well-known/void#dataset"),
                     URIRef(root + "sparql"), dataset_counts(state()))
    return rdf_response(graph, what="the VoID description")
