"""Dataset metadata and dumps: ``/.well-known/void`` (VoID), ``/dataset`` (a DCAT record,
negotiated; HTML for people), ``/dumps/pasb.ttl|.nt|.nt.gz|.jsonld`` generated from the
store, and the ``schema:Dataset`` JSON-LD block the HTML pages carry for search engines.

The VoID description extends :func:`service.description.describe_dataset` (counts, class
partitions, linksets) with the dumps, the URI space, the vocabularies and the licence.
Dumps are serialised by a worker and kept until the next write.
"""

from __future__ import annotations

import gzip
import json

from flask import Blueprint, Response, request, url_for
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF

from kg.describe import system_query
from kg.namespaces import bind_prefixes
from service.description import RDFLIB_NAMES, dataset_counts, describe_dataset
from service.lookup import SYSTEM_MAX_ROWS, resource_namespace
from service.negotiation import DESCRIPTION_FORMATS, HTML, negotiate
from service.state import state

bp = Blueprint("dataset", __name__)

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
IANA = "https://www.iana.org/assignments/media-types/"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
DESCRIPTION = ("A knowledge graph of the paper 'Kerja Sama Indonesia dan International Labour "
               "Organization dalam Menangani Kasus Pekerja Anak Sektor Berbahaya Periode "
               "2010-2013': actors, cooperation programmes with participants and grants, "
               "legal instruments, hazardous sectors, statistics, causes and theory, each fact "
               "with the sentence of the paper it comes from.")
DESCRIPTION_ID = ("Graf pengetahuan dari artikel 'Kerja Sama Indonesia dan International Labour "
                  "Organization dalam Menangani Kasus Pekerja Anak Sektor Berbahaya Periode "
                  "2010-2013': aktor, program kerja sama dengan peserta dan dana bantuannya, "
                  "instrumen hukum, sektor berbahaya, statistik, penyebab dan teori, setiap "
                  "fakta dengan kalimat artikel asalnya.")
#: name → (media type of the file, media type of its content, compressed, title)
DUMPS: dict[str, tuple[str, str, bool, str]] = {
    "pasb.ttl": ("text/turtle", "text/turtle", False, "Turtle"),
    "pasb.nt": ("application/n-triples", "application/n-triples", False, "N-Triples"),
    "pasb.nt.gz": ("application/gzip", "application/n-triples", True, "N-Triples, gzip"),
    "pasb.jsonld": ("application/ld+json", "application/ld+json", False, "JSON-LD"),
}


def dataset_iri() -> URIRef:
    """The dataset's IRI (shared with the Service Description)."""
    return URIRef(request.url_root + ".well-known/void#dataset")


def dump_urls() -> dict[str, str]:
    """Absolute URL of each dump."""
    return {name: url_for("linked_data.dataset.dump", name=name, _external=True)
            for name in DUMPS}


def void_graph() -> Graph:
    """The VoID description of the default dataset."""
    current = state()
    graph = bind_prefixes(Graph())
    dataset, endpoint = dataset_iri(), URIRef(request.url_root + "sparql")
    describe_dataset(graph, dataset, endpoint, dataset_counts(current))
    graph.add((dataset, DCTERMS.title, Literal(current.settings.site_title, lang="en")))
    graph.add((dataset, DCTERMS.description, Literal(DESCRIPTION, lang="en")))
    graph.add((dataset, DCTERMS.description, Literal(DESCRIPTION_ID, lang="id")))
    graph.add((dataset, DCTERMS.license, URIRef(LICENSE)))
    graph.add((dataset, DCTERMS.source, URIRef(resource_namespace() + "paper")))
    graph.add((dataset, FOAF.homepage, URIRef(request.url_root)))
    graph.add((dataset, VOID.uriSpace, Literal(resource_namespace())))
    graph.add((dataset, VOID.rootResource,
               URIRef(resource_namespace() + "cooperation-ilo-indonesia")))
    for slug in ("ilo", "programme-education", "sector-agriculture"):
        graph.add((dataset, VOID.exampleResource, URIRef(resource_namespace() + slug)))
    for url in dump_urls().values():
        graph.add((dataset, VOID.dataDump, URIRef(url)))
    for vocabulary in vocabularies():
        graph.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    for linkset in list(graph.subjects(RDF.type, VOID.Linkset)):
        graph.add((linkset, VOID.subjectsTarget, dataset))
        for target in graph.objects(linkset, VOID.objectsTarget):
            graph.add((target, RDF.type, VOID.Dataset))
            graph.add((target, FOAF.homepage, target))
    return graph


def vocabularies() -> list[str]:
    """Namespaces of the predicates and classes used (cached per generation)."""
    current = state()

    def compute() -> list[str]:
        rows = current.read({"op": "rows", "text": system_query("stats-vocabularies"),
                             "union": current.settings.union_default_graph})["rows"]
        return [r["vocabulary"] for r in rows if r.get("vocabulary", "").startswith("http")]

    return current.cached("vocabularies", compute)


def dcat_graph() -> Graph:
    """The DCAT record: a catalogue, the dataset with its distributions, the endpoint."""
    current = state()
    graph = bind_prefixes(Graph())
    catalog = URIRef(url_for("linked_data.dataset.dataset_record", _external=True) + "#catalog")
    dataset, service = dataset_iri(), URIRef(request.url_root + "sparql#service")
    endpoint = URIRef(request.url_root + "sparql")
    title = Literal(current.settings.site_title, lang="en")
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, title))
    graph.add((catalog, DCAT.dataset, dataset))
    graph.add((catalog, DCAT.service, service))
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.title, title))
    graph.add((dataset, DCTERMS.description, Literal(DESCRIPTION, lang="en")))
    graph.add((dataset, DCTERMS.description, Literal(DESCRIPTION_ID, lang="id")))
    graph.add((dataset, DCTERMS.license, URIRef(LICENSE)))
    graph.add((dataset, DCTERMS.language, URIRef("http://id.loc.gov/vocabulary/iso639-1/en")))
    graph.add((dataset, DCTERMS.language, URIRef("http://id.loc.gov/vocabulary/iso639-1/id")))
    graph.add((dataset, DCAT.landingPage, URIRef(request.url_root)))
    graph.add((dataset, DCAT.keyword, Literal("child labour", lang="en")))
    graph.add((dataset, DCAT.keyword, Literal("pekerja anak", lang="id")))
    graph.add((dataset, DCTERMS.spatial, URIRef(resource_namespace() + "indonesia")))
    for name, url in dump_urls().items():
        file_type, content_type, compressed, label = DUMPS[name]
        dist = URIRef(url + "#distribution")
        graph.add((dataset, DCAT.distribution, dist))
        graph.add((dist, RDF.type, DCAT.Distribution))
        graph.add((dist, DCTERMS.title, Literal(label, lang="en")))
        graph.add((dist, DCAT.downloadURL, URIRef(url)))
        graph.add((dist, DCAT.accessURL, URIRef(url)))
        graph.add((dist, DCAT.mediaType, URIRef(IANA + content_type)))
        graph.add((dist, DCTERMS.license, URIRef(LICENSE)))
        if compressed:
            graph.add((dist, DCAT.compressFormat, URIRef(IANA + file_type)))
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCTERMS.title, Literal("SPARQL 1.1 endpoint", lang="en")))
    graph.add((service, DCAT.endpointURL, endpoint))
    graph.add((service, DCAT.endpointDescription, endpoint))
    graph.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    graph.add((service, DCAT.servesDataset, dataset))
    return graph


def schema_org_dataset() -> str:
    """The ``schema:Dataset`` JSON-LD block, safe to put inside ``<script>``."""
    current = state()
    doc = {
        "@context": "https://schema.org/", "@type": "Dataset",
        "@id": str(dataset_iri()), "name": current.settings.site_title,
        "description": DESCRIPTION, "url": request.url_root, "license": LICENSE,
        "inLanguage": ["en", "id"], "isAccessibleForFree": True,
        "keywords": ["child labour", "hazardous work", "ILO", "Indonesia", "pekerja anak"],
        "spatialCoverage": "Indonesia", "temporalCoverage": "2010/2014",
        "distribution": [{"@type": "DataDownload", "encodingFormat": DUMPS[n][1],
                          "contentUrl": url} for n, url in dump_urls().items()],
    }
    return json.dumps(doc, ensure_ascii=False).replace("</", "<\\/")


def rdf_or_page(graph: Graph, *, what: str, template: str) -> Response:
    """``graph`` in the negotiated RDF format, or the HTML page ``template``."""
    fmt = negotiate(request.accept_mimetypes, (HTML, *DESCRIPTION_FORMATS[:-1]),
                    format_param=request.args.get("format"), what=what)
    if fmt is HTML:
        from service.html import render_page
        from service.i18n import choose_language

        return render_page(template, dumps=DUMPS, dump_urls=dump_urls(),
                           endpoint=request.url_root + "sparql",
                           dataset_jsonld=schema_org_dataset(),
                           title=state().settings.site_title,
                           description=DESCRIPTION_ID if choose_language() == "id"
                           else DESCRIPTION)
    body = graph.serialize(format=RDFLIB_NAMES[fmt.name], encoding="utf-8")
    response = Response(body, content_type=f"{fmt.media_type}; charset=utf-8")
    response.vary.add("Accept")
    return response


@bp.route("/.well-known/void")
def void() -> Response:
    """The VoID description (Turtle unless the client asks for another format)."""
    fmt = negotiate(request.accept_mimetypes, DESCRIPTION_FORMATS[:-1],
                    format_param=request.args.get("format"), what="the VoID description")
    body = void_graph().serialize(format=RDFLIB_NAMES[fmt.name], encoding="utf-8")
    response = Response(body, content_type=f"{fmt.media_type}; charset=utf-8")
    response.vary.add("Accept")
    return response


@bp.route("/dataset")
def dataset_record() -> Response:
    """The DCAT record, or the dataset's page for browsers."""
    return rdf_or_page(dcat_graph(), what="the DCAT record", template="dataset.html")


@bp.route("/dumps/<name>")
def dump(name: str) -> Response:
    """A dump of every triple, generated from the store."""
    if name not in DUMPS:
        return Response(f"404 Not Found: no dump {name!r}; dumps: {', '.join(DUMPS)}\n",
                        status=404, content_type="text/plain; charset=utf-8")
    file_type, content_type, compressed, _ = DUMPS[name]
    current = state()

    def compute() -> bytes:
        reply = current.read({"op": "dump", "text": system_query("dump"),
                              "graph_type": content_type, "results_type": None,
                              "max_rows": SYSTEM_MAX_ROWS,
                              "union": current.settings.union_default_graph},
                             timeout=max(current.settings.query_timeout, 60.0))
        return gzip.compress(reply["body"], mtime=0) if compressed else reply["body"]

    body = current.cached(f"dump-{name}", compute)
    charset = "" if compressed else "; charset=utf-8"
    response = Response(body, content_type=file_type + charset)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
