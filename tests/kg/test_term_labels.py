"""Every property and class a page can show has a name in English and Indonesian: from the
ontology for our terms, from kg.term_labels for the reused ones."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from kg.describe import label
from kg.namespaces import PASB, PREFIXES
from kg.store import OxigraphStore
from kg.term_labels import TERM_LABELS, TERMS, term_label

USED = """SELECT DISTINCT ?term WHERE {
  { ?s ?term ?o } UNION { ?s a ?term } UNION { GRAPH ?g { ?s ?term ?o } }
  UNION { GRAPH ?g { ?s a ?term } } FILTER (isIRI(?term)) }"""
LABELS = """SELECT ?term ?label WHERE { ?term <http://www.w3.org/2000/01/rdf-schema#label> ?label
  FILTER (LANG(?label) = ?lang) }"""


def labelled(store: OxigraphStore, lang: str) -> set[str]:
    return {str(r["term"]) for r in store.select(LABELS.replace("?lang", f'"{lang}"'))}


@pytest.fixture(scope="module")
def used(kg_store: OxigraphStore) -> set[str]:
    return {str(r["term"]) for r in kg_store.select(USED)}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_term_in_use_has_a_name(kg_store: OxigraphStore, used: set[str],
                                      lang: str) -> None:
    ours = labelled(kg_store, lang)
    missing = sorted(t for t in used if t not in ours and t not in TERM_LABELS
                     and not t.startswith(PREFIXES["res"]))
    assert not missing, missing


def test_our_own_terms_are_named_by_the_ontology_not_the_table() -> None:
    assert not [k for k in TERMS if k.startswith(("pasb:", "res:"))]
    assert all(en and id_ and en != "" for en, id_ in TERMS.values())


@pytest.mark.parametrize(("iri", "lang", "name"), [
    ("http://www.w3.org/ns/org#unitOf", "en", "unit of"),
    ("http://www.w3.org/ns/org#unitOf", "id", "unit dari"),
    ("http://www.w3.org/2004/02/skos/core#hasTopConcept", "id", "konsep teratas"),
    ("http://www.w3.org/2004/02/skos/core#hiddenLabel", "en", "hidden name (for search)"),
])
def test_reused_terms_are_named_in_both_languages(iri: str, lang: str, name: str) -> None:
    assert term_label(iri, lang) == name
    assert label(Graph(), URIRef(iri), lang) == name


def test_a_label_in_the_graph_wins_over_the_table(kg_store: OxigraphStore) -> None:
    graph = Graph()
    for row in kg_store.select(LABELS.replace("?lang", '"id"')):
        graph.add((row["term"], URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
                   row["label"]))
    assert label(graph, PASB.hasParticipant, "id") != "hasParticipant"
