"""Links out: owl:sameAs only for the confirmed identifiers, each with its provenance."""

from __future__ import annotations

import pytest

# The identifiers the source-facts checklist lists as confirmed (its last section).
CONFIRMED = {
    "ilo": "Q54129", "indonesia": "Q252", "government-of-indonesia": "Q20716634",
    "netherlands": "Q55", "government-of-the-netherlands": "Q4310949", "sweden": "Q34",
    "kenya": "Q114", "bolivia": "Q750", "uganda": "Q1036", "papua": "Q5095",
    "riau-islands": "Q2223", "statistics-indonesia": "Q3449895", "udhr": "Q7813",
}
RES = "https://w3id.org/pasb/resource/"
WD = "http://www.wikidata.org/entity/"

SAME_AS = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?s ?o WHERE { ?s owl:sameAs ?o FILTER(STRSTARTS(STR(?s), "https://w3id.org/pasb/")) }
"""
LINK_PROVENANCE = """
PREFIX pasb: <https://w3id.org/pasb/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?s ?p ?o ?method ?when ?source WHERE {
  ?link a pasb:Link ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
        pasb:matchMethod ?method ; prov:generatedAtTime ?when .
  OPTIONAL { ?link dct:source ?source }
}
"""


def test_same_as_exactly_the_confirmed_identifiers(kg_store) -> None:
    found = {(str(r["s"]).removeprefix(RES), str(r["o"]).removeprefix(WD))
             for r in kg_store.select(SAME_AS)}
    assert found == set(CONFIRMED.items())


def test_riau_islands_is_not_riau(kg_store) -> None:
    assert not kg_store.ask(f"ASK {{ ?s <http://www.w3.org/2002/07/owl#sameAs> <{WD}Q2175> }}")


@pytest.mark.parametrize(("slug", "qid"), sorted(CONFIRMED.items()))
def test_each_confirmed_link_says_how_and_when(kg_store, slug: str, qid: str) -> None:
    rows = [r for r in kg_store.select(LINK_PROVENANCE)
            if str(r["s"]) == RES + slug and str(r["o"]) == WD + qid]
    assert len(rows) == 1
    assert str(rows[0]["method"]) == RES + "match-method-manual"
    assert str(rows[0]["source"]) == RES + "ext-source-facts-checklist"


def test_every_link_out_has_a_link_record(kg_store) -> None:
    stated = kg_store.select("""
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?s ?p ?o WHERE { VALUES ?p { owl:sameAs skos:closeMatch }
          ?s ?p ?o FILTER(STRSTARTS(STR(?s), "https://w3id.org/pasb/resource/")) }""")
    recorded = {(r["s"], r["p"], r["o"]) for r in kg_store.select(LINK_PROVENANCE)}
    missing = [r for r in stated if (r["s"], r["p"], r["o"]) not in recorded]
    assert not missing
