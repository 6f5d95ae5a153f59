"""Linked data: every resource of the graph dereferences in every format, the ontology,
the 404 page, the resource pages' content, and the dataset metadata and dumps.

The reference is the shipped graph parsed with the build's own parser (the union of all
files); the service runs in-process over a temporary on-disk copy with real workers.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from functools import cache

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from kg.build import parse_all, selected_sources, to_rdflib_graph
from kg.named_queries import list_queries
from kg.settings import Settings
from service import create_app

RES = "https://w3id.org/pasb/resource/"
PASB = "https://w3id.org/pasb/ontology#"
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
RDF_FORMATS = {  # media type → (suffix, rdflib parser)
    "text/turtle": ("ttl", "turtle"),
    "application/n-triples": ("nt", "nt"),
    "application/rdf+xml": ("rdf", "xml"),
    "application/ld+json": ("jsonld", "json-ld"),
}


@cache
def reference() -> Graph:
    """The union of the shipped ontology and data."""
    parsed = parse_all(selected_sources(Settings.from_env({})))
    return to_rdflib_graph([q for quads in parsed.values() for q in quads])


def resource_slugs() -> list[str]:
    return sorted({str(s)[len(RES):] for s in reference().subjects()
                   if isinstance(s, URIRef) and str(s).startswith(RES)})


@pytest.fixture(scope="module")
def app() -> Iterator[Flask]:
    application = create_app(Settings.from_env({}, memory=True))
    yield application
    application.extensions["pasb"].executor.close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A client with no cookies (the language switch sets one)."""
    return app.test_client()


def own_triples(graph: Graph, node: URIRef) -> set[tuple]:
    """Triples of ``node`` with blank-node objects left out (their labels differ)."""
    return {(node, p, o) for p, o in graph.predicate_objects(node) if not isinstance(o, BNode)}


def test_the_graph_has_resources() -> None:
    assert len(resource_slugs()) > 400


@pytest.mark.parametrize("slug", resource_slugs())
def test_every_resource_dereferences_in_every_format(client: FlaskClient, slug: str) -> None:
    iri = URIRef(RES + slug)
    expected = own_triples(reference(), iri)
    incoming = {(s, p, iri) for s, p in reference().subject_predicates(iri)
                if isinstance(s, URIRef)}
    browser = client.get(f"/resource/{slug}", headers={"Accept": "text/html,*/*;q=0.8"})
    assert browser.status_code == 303
    assert browser.headers["Location"].endswith(f"/resource/{slug}.html")
    assert "Accept" in browser.headers["Vary"]
    assert 'rel="describedby"' in browser.headers["Link"]
    page = client.get(f"/resource/{slug}.html")
    assert page.status_code == 200, page.text[:500]
    assert page.mimetype == "text/html"
    assert f'<{iri}>; rel="describes"' in page.headers["Link"]
    assert "<h1>" in page.text
    for media_type, (suffix, parser) in RDF_FORMATS.items():
        negotiated = client.get(f"/resource/{slug}", headers={"Accept": media_type})
        assert negotiated.status_code == 303, media_type
        assert negotiated.headers["Location"].endswith(f"/resource/{slug}.{suffix}")
        doc = client.get(f"/resource/{slug}.{suffix}")
        assert doc.status_code == 200 and doc.mimetype == media_type
        graph = Graph().parse(data=doc.data, format=parser)
        assert expected <= own_triples(graph, iri), (media_type, expected - own_triples(graph, iri))
        assert incoming <= set(graph.triples((None, None, iri))), media_type


def test_linked_things_carry_their_labels(client: FlaskClient) -> None:
    graph = Graph().parse(data=client.get("/resource/programme-education.ttl").data,
                          format="turtle")
    netherlands = URIRef(RES + "government-of-the-netherlands")
    labels = {str(o) for o in graph.objects(netherlands, URIRef(
        "http://www.w3.org/2000/01/rdf-schema#label"))}
    assert "Government of the Netherlands" in labels
    cooperation = URIRef(RES + "cooperation-ilo-indonesia")
    assert (cooperation, URIRef(PASB + "hasProgramme"), URIRef(RES + "programme-education")) \
        in graph


def test_the_canonical_base_is_a_setting(app: Flask) -> None:
    settings = app.extensions["pasb"].settings.with_(resource_redirect=False)
    other = create_app(settings, store=app.extensions["pasb"].executor).test_client()
    response = other.get("/resource/ilo", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["Content-Location"].endswith("/resource/ilo.ttl")
    assert "Accept" in response.headers["Vary"]
    assert (URIRef(RES + "ilo"), RDF.type, URIRef(PASB + "InternationalOrganisation")) in \
        Graph().parse(data=response.data, format="turtle")


# -- the ontology -------------------------------------------------------------------------
def ontology_terms() -> list[str]:
    return sorted({str(s)[len(PASB):] for s in reference().subjects()
                   if isinstance(s, URIRef) and str(s).startswith(PASB)})


def test_the_ontology_is_negotiated_in_place(client: FlaskClient) -> None:
    response = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    assert response.headers["Content-Location"].endswith("/ontology.ttl")
    assert "Accept" in response.headers["Vary"]
    graph = Graph().parse(data=response.data, format="turtle")
    for term in ontology_terms():
        iri = URIRef(PASB + term)
        assert own_triples(reference(), iri) <= own_triples(graph, iri), term


@pytest.mark.parametrize(("suffix", "parser"), list(RDF_FORMATS.values()))
def test_the_ontology_documents_parse(client: FlaskClient, suffix: str, parser: str) -> None:
    response = client.get(f"/ontology.{suffix}")
    assert response.status_code == 200
    graph = Graph().parse(data=response.data, format=parser)
    assert (URIRef(PASB + "Grant"), RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) \
        in graph


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_ontology_page_documents_every_term(client: FlaskClient, lang: str) -> None:
    page = client.get(f"/ontology?lang={lang}", headers={"Accept": "text/html"})
    assert page.status_code == 200
    for term in ontology_terms():
        assert f'id="{term}"' in page.text, term
    assert 'id="s-actor-types"' in page.text  # a SKOS scheme as a tree
    label = "Cooperation programme" if lang == "en" else "program kerja sama"
    assert label.lower() in page.text.lower()


# -- not found ----------------------------------------------------------------------------
def test_an_unknown_resource_suggests_near_matches(client: FlaskClient) -> None:
    page = client.get("/resource/programme-educaton", headers={"Accept": "text/html"})
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert 'href="/resource/programme-education"' in page.text
    by_label = client.get("/resource/netherlands-government", headers={"Accept": "text/html"})
    assert 'href="/resource/government-of-the-netherlands"' in by_label.text


def test_an_unknown_document_is_a_plain_404(client: FlaskClient) -> None:
    response = client.get("/resource/ilox.ttl")
    assert response.status_code == 404 and response.mimetype == "text/plain"
    assert f"<{RES}ilo>" in response.text


def test_a_hostile_slug_is_escaped(client: FlaskClient) -> None:
    response = client.get("/resource/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                          headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "<script>alert" not in response.text


# -- resource pages -----------------------------------------------------------------------
def page_text(client: FlaskClient, slug: str, lang: str = "en") -> str:
    response = client.get(f"/resource/{slug}.html", headers={"Accept-Language": lang})
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.text)


def test_the_title_follows_accept_language(client: FlaskClient) -> None:
    assert "<h1>Combating child labour through education</h1>" in \
        page_text(client, "programme-education", "en")
    assert "<h1>Memerangi pekerja anak melalui pendidikan</h1>" in \
        page_text(client, "programme-education", "id;q=1, en;q=0.5")


def test_the_language_switch_is_remembered(client: FlaskClient) -> None:
    response = client.get("/resource/programme-education.html?lang=id")
    assert "pasb_lang=id" in response.headers["Set-Cookie"]
    assert response.headers["Content-Language"] == "id"
    again = client.get("/resource/programme-education.html")
    assert "<h1>Memerangi pekerja anak melalui pendidikan</h1>" in again.text


def test_a_programme_page(client: FlaskClient) -> None:
    text = page_text(client, "programme-skills-training")
    assert "EUR 2,000,000" in text
    assert 'href="/resource/kenya"' in text
    assert "implementing" in text and "funding" in text
    assert '<svg class="network"' in text
    youth = page_text(client, "programme-youth-transition")
    assert "Data-quality notes" in youth and "USD 300" in youth
    assert "1 January 2011" in youth


def test_an_actor_page_lists_programmes_and_roles(client: FlaskClient) -> None:
    text = page_text(client, "ilo")
    section = text.split('id="h-programmes"', 1)[1].split("</section>", 1)[0]
    assert section.count('role-implementing">implementing') == 3
    assert "wikidata.org/entity/Q54129" in text and 'class="external"' in text


def test_a_sector_page_has_the_row_of_table_1(client: FlaskClient) -> None:
    text = page_text(client, "sector-agriculture")
    table = text.split('class="table1"', 1)[1].split("</table>", 1)[0]
    assert "heavy work" in table
    assert "Argikultur" in text  # the paper's spelling, with its note


def test_a_statistic_page(client: FlaskClient) -> None:
    text = page_text(client, "obs-child-labourers-world-5-14")
    assert "152,000,000" in text and "152 juta" in text
    assert "5–14" in text
    assert "152.000.000" in page_text(client, "obs-child-labourers-world-5-14", "id")


def test_provenance_shows_the_quote_and_section(client: FlaskClient) -> None:
    text = page_text(client, "programme-education")
    assert "Berlakunya proyek ini dilakukan pada tanggal 1 Januari 2010-31 Desember 2014" in text
    assert '<blockquote lang="id"' in text and 'href="/resource/section-kerja-sama"' in text


def test_incoming_links_are_shown(client: FlaskClient) -> None:
    text = page_text(client, "ministry-of-manpower")
    assert "Cited as “has partner” by" in text


def test_the_query_this_links_open_the_query_page(client: FlaskClient) -> None:
    text = client.get("/resource/ilo.html").text
    assert "/?query=DESCRIBE+%3Chttps://w3id.org/pasb/resource/ilo%3E" in text or \
        "/?query=DESCRIBE%20%3Chttps" in text


# -- the query page -----------------------------------------------------------------------
def test_the_query_page_lists_every_named_query(client: FlaskClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    for query in list_queries():
        assert f'data-name="{query.name}"' in page.text
    assert 'src="/static/dist/query.js"' in page.text
    chrome = re.sub(r'(data-search|href|content)="[^"]*"|<script type="application/'
                    r'(json|ld\+json)"[^<]*</script>|<textarea[^<]*</textarea>', "", page.text)
    assert "http://" not in chrome.split("<body>", 1)[1].split('<div id="example-list"')[0]


def test_the_query_page_keeps_the_query_from_the_url(client: FlaskClient) -> None:
    page = client.get("/?query=ASK+%7B+%3Fs+%3Fp+%3Fo+%7D")
    assert "ASK { ?s ?p ?o }" in page.text


def test_labels_for_the_result_table(client: FlaskClient) -> None:
    response = client.post("/labels", json={"iris": [RES + "programme-education",
                                                     "http://example.org/x"], "lang": "id"})
    assert response.json["labels"] == {RES + "programme-education":
                                       "Memerangi pekerja anak melalui pendidikan"}
    assert response.json["links"] == {RES + "programme-education":
                                      "/resource/programme-education"}
    assert client.post("/labels", data="nope").status_code == 400


def test_pages_carry_a_schema_org_dataset(client: FlaskClient) -> None:
    page = client.get("/").text
    block = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(block)
    assert data["@type"] == "Dataset" and data["distribution"]


# -- dataset metadata and dumps -----------------------------------------------------------
def test_void(client: FlaskClient) -> None:
    response = client.get("/.well-known/void")
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    graph = Graph().parse(data=response.data, format="turtle")
    dataset = next(graph.subjects(VOID.sparqlEndpoint, None))
    assert (dataset, RDF.type, VOID.Dataset) in graph
    assert graph.value(dataset, VOID.sparqlEndpoint) == URIRef("http://localhost/sparql")
    assert len(list(graph.objects(dataset, VOID.dataDump))) == 4
    assert graph.value(dataset, VOID.uriSpace) == Literal(RES)
    vocabularies = set(graph.objects(dataset, VOID.vocabulary))
    assert {URIRef(PASB), URIRef("https://schema.org/")} <= vocabularies
    assert int(graph.value(dataset, VOID.triples)) > 5000
    targets = {graph.value(ls, VOID.objectsTarget) for ls in graph.subjects(RDF.type, VOID.Linkset)}
    assert URIRef("http://www.wikidata.org/") in targets
    # each named graph is a subset saying which kind of statement it holds (issue #11)
    kinds = {}
    for subset in graph.objects(dataset, VOID.subset):
        kind = graph.value(subset, URIRef(PASB + "statementKind"))
        if kind is not None:
            kinds[str(subset)] = str(kind).rsplit("-", 1)[-1]
            assert graph.value(subset, VOID.triples) is not None
            assert {lit.language for lit in graph.objects(subset, RDFS.label)} == {"en", "id"}
    assert kinds["https://w3id.org/pasb/graph/programmes"] == "paper"
    assert kinds["https://w3id.org/pasb/graph/interpretation/programmes"] == "interpretation"
    assert kinds["https://w3id.org/pasb/graph/context/law"] == "context"
    assert set(kinds.values()) == {"paper", "interpretation", "context", "ontology"}


def test_dcat_record(client: FlaskClient) -> None:
    graph = Graph().parse(data=client.get("/dataset", headers={"Accept": "text/turtle"}).data,
                          format="turtle")
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    distributions = list(graph.objects(dataset, DCAT.distribution))
    assert len(distributions) == 4
    assert all(graph.value(d, DCAT.mediaType) for d in distributions)
    service = next(graph.subjects(RDF.type, DCAT.DataService))
    assert graph.value(service, DCAT.endpointURL) == URIRef("http://localhost/sparql")
    assert graph.value(service, DCAT.servesDataset) == dataset
    assert client.get("/dataset", headers={"Accept": "text/html"}).mimetype == "text/html"


@pytest.mark.parametrize(("name", "parser"), [("pasb.ttl", "turtle"), ("pasb.nt.gz", "nt"),
                                              ("pasb.jsonld", "json-ld"), ("pasb.nt", "nt")])
def test_dumps_hold_every_triple(client: FlaskClient, name: str, parser: str) -> None:
    response = client.get(f"/dumps/{name}")
    assert response.status_code == 200
    data = gzip.decompress(response.data) if name.endswith(".gz") else response.data
    graph = Graph().parse(data=data, format=parser)
    assert len(graph) == len(reference())
    ground = {t for t in reference() if not any(isinstance(x, BNode) for x in t)}
    assert ground <= set(graph)


def test_resource_page_marks_each_kind_of_statement(client: FlaskClient) -> None:
    """Issue #11: every value says whether the paper states it; readings show their note."""
    page = client.get("/resource/programme-education.html").get_data(as_text=True)
    assert 'class="kind kind-paper"' in page and 'class="kind kind-interpretation"' in page
    assert "dibantu oleh" in page, "the note of the funding reading is on the page"
    assert "Readings and outside context on this page" in page
    only = client.get("/resource/programme-education.html?only=paper").get_data(as_text=True)
    after_legend = only.split('<aside class="kinds"')[1].split("</aside>")[1]
    assert "kind kind-interpretation" not in after_legend
    assert "Only what the paper states is shown." in only
    assert "Government of the Netherlands" in only, "the support the paper states stays"
    sida = client.get("/resource/sida.html").get_data(as_text=True)
    assert 'class="kind kind-context"' in sida and "Sida: website" in sida
    indonesian = client.get("/resource/programme-education.html?lang=id").get_data(as_text=True)
    assert ">tafsiran<" in indonesian and ">artikel<" in indonesian


def test_from_the_paper_lists_only_the_papers_sources(client: FlaskClient) -> None:
    """Issue #11: a source cited by outside context (ISO 3166-1, Wikidata for Indonesia) is
    not listed under "From the paper"; it is listed, marked, with the readings."""
    page = client.get("/resource/indonesia.html").get_data(as_text=True)
    from_paper = page.split('id="h-prov"')[1].split("</section>")[0]
    assert "masih memiliki jumlah pekerja anak besar" in from_paper  # the paper's quote
    assert "ISO 3166-1" not in from_paper and "kind-context" not in from_paper
    readings = page.split('id="h-readings"')[1].split("</section>")[0]
    assert "ISO 3166-1: country codes</a> <span class=\"kind kind-context\">" in readings
    kenya = client.get("/resource/kenya.html").get_data(as_text=True)
    from_paper = kenya.split('id="h-prov"')[1].split("</section>")[0]
    assert "/resource/ref-ilo-2014-skills-training" in from_paper  # the paper's citation
