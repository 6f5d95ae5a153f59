"""Reconciliation against the Wikidata-shaped fixture server, over HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import OWL, RDF, Graph, Literal, URIRef

from kg.linking import records
from kg.linking.reconcile import (
    Decision,
    Entity,
    Review,
    apply_csv,
    chosen,
    decide,
    find_candidates,
    local_entities,
    now,
    reconcile,
    render_table,
    write_csv,
)
from kg.linking.targets import WD, Kind
from kg.namespaces import PASB, RES

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def reviews(kg_store, wikidata_server, tmp_path_factory) -> list[Review]:
    from kg.linking.client import PoliteClient
    from kg.linking.targets import WIKIDATA

    from .conftest import AGENT, FIXTURE_TYPES

    target = WIKIDATA.with_(endpoint=wikidata_server, types=FIXTURE_TYPES)
    client = PoliteClient(wikidata_server, agent=AGENT, min_interval=0,
                          cache_dir=tmp_path_factory.mktemp("cache"))
    return reconcile(kg_store, client, target)


def review_of(reviews: list[Review], slug: str) -> Review:
    return next(r for r in reviews if r.entity.slug == slug)


def best(reviews: list[Review], slug: str) -> str:
    return review_of(reviews, slug).candidates[0].item.removeprefix(WD)


def test_confirmed_links_are_not_reconciled(kg_store, fixture_target) -> None:
    slugs = {e.slug for e in local_entities(kg_store, fixture_target)}
    assert {"ilo", "indonesia", "riau-islands", "statistics-indonesia"}.isdisjoint(slugs)
    assert {"ministry-of-manpower", "c138", "apindo", "sida"} <= slugs
    assert "trade-unions" not in slugs  # generic actor categories are not linked


@pytest.mark.parametrize(("slug", "qid"), [
    ("ministry-of-manpower", "Q900000101"),
    ("ministry-of-education", "Q900000103"),
    ("office-of-the-vice-president", "Q900000108"),
    ("apindo", "Q900000110"),
    ("sida", "Q900000111"),
    ("ipec", "Q900000112"),
    ("c138", "Q900000201"),
    ("crc", "Q900000203"),
    ("law-23-2002", "Q900000206"),
])
def test_best_candidate_beats_the_decoys(reviews, slug, qid) -> None:
    assert best(reviews, slug) == qid


def test_decoy_in_another_country_scores_low_with_reasons(reviews) -> None:
    ranked = {c.item.removeprefix(WD): c for c in review_of(reviews, "ministry-of-manpower")
              .candidates}
    assert ranked["Q900000101"].score >= 0.9
    decoy = ranked["Q900000102"]
    assert decoy.score < 0.5
    assert any("not Q252" in reason for reason in decoy.reasons)


def test_acronym_alone_on_wrong_type_is_weak(reviews) -> None:
    ranked = {c.item.removeprefix(WD): c for c in review_of(reviews, "ipec").candidates}
    assert ranked["Q900000113"].score < 0.5
    assert any("type: not organisation" in r
               for r in ranked["Q900000113"].reasons)


def test_riau_islands_is_not_riau(kg_store, make_client, fixture_target) -> None:
    labels = (Literal("Riau Islands", lang="en"), Literal("Kepulauan Riau", lang="id"),
              Literal("provinsi Kepulauan Riau", lang="id"))
    entity = Entity(str(RES["riau-islands"]), Kind.PROVINCE, labels, WD + "Q252")
    found = find_candidates(entity, make_client(fixture_target.endpoint), fixture_target)
    assert found[0].item == WD + "Q2223" and found[0].score == 1.0
    assert WD + "Q2175" not in {c.item for c in found}
    assert all(c.score < 0.5 for c in found[1:])


def test_links_file_validates_and_records_provenance(reviews, fixture_target) -> None:
    decide(reviews, accept_above=0.8)
    graph = records.links_graph(chosen(reviews), fixture_target, started=now(),
                                accept_above=0.8)
    shapes = Graph().parse(REPO / "ontology" / "shapes-linking.ttl")
    ontology = Graph().parse(REPO / "ontology" / "linking.ttl")
    conforms, _, text = validate(graph, shacl_graph=shapes, ont_graph=ontology)
    assert conforms, text
    manpower = URIRef(RES["ministry-of-manpower"])
    assert (manpower, OWL.sameAs, URIRef(WD + "Q900000101")) in graph
    assert (manpower, OWL.sameAs, URIRef(WD + "Q900000102")) not in graph
    # C138's official title, outside context (context/law.ttl), matches the item's label
    assert (URIRef(RES["c138"]), OWL.sameAs, URIRef(WD + "Q900000201")) in graph
    link = next(graph.subjects(RDF.object, URIRef(WD + "Q900000101")))
    assert graph.value(link, PASB.matchScore).toPython() >= 0.9
    assert "Ministry of Manpower and Transmigration" in str(graph.value(link, PASB.queryText))
    assert graph.value(link, PASB.matchMethod) == RES["match-method-score-threshold"]
    assert str(graph.value(link, PASB.endpoint)) == fixture_target.endpoint


def test_a_missing_direct_triple_fails_the_shapes(reviews, fixture_target) -> None:
    decide(reviews, accept_above=0.8)
    graph = records.links_graph(chosen(reviews), fixture_target, started=now(),
                                accept_above=0.8)
    graph.remove((URIRef(RES["ministry-of-manpower"]), OWL.sameAs, None))
    shapes = Graph().parse(REPO / "ontology" / "shapes-linking.ttl")
    conforms, _, _ = validate(graph, shacl_graph=shapes)
    assert not conforms


def test_edited_csv_decides(reviews, fixture_target, tmp_path) -> None:
    decide(reviews, accept_above=None)
    path = tmp_path / "review.csv"
    write_csv(reviews, path)
    text = path.read_text(encoding="utf-8")
    assert "Q900000201" in text and "no candidate" in text
    lines = text.splitlines()
    edited = [line.replace(",closeMatch,", ",sameAs,", 1)
              if "/c138," in line and "Q900000201" in line else line for line in lines]
    path.write_text("\n".join(edited) + "\n", encoding="utf-8")
    apply_csv(reviews, path)
    c138 = review_of(reviews, "c138").candidates[0]
    assert c138.decision is Decision.SAME_AS and c138.reviewed
    graph = records.links_graph(chosen(reviews), fixture_target, started=now(),
                                accept_above=None)
    link = next(graph.subjects(RDF.object, URIRef(WD + "Q900000201")))
    assert graph.value(link, PASB.matchMethod) == RES["match-method-review"]
    assert "c138" in render_table(reviews)


def test_failure_writes_nothing(cli, proxy, tmp_path) -> None:
    out = tmp_path / "links.ttl"
    proxy.faults.extend([("500",)] * 10)
    result = cli("link", "reconcile", "--memory", "--endpoint", proxy.url, "--target",
                 "wikidata", "--accept-above", "0.8", "--out", str(out),
                 env={"PASB_REMOTE_RETRIES": "1", "PASB_REMOTE_BACKOFF": "0",
                      "PASB_REMOTE_MIN_INTERVAL": "0",
                      "PASB_HTTP_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 2
    assert "gave up after 2 attempts" in result.stderr and "HTTP 500" in result.stderr
    assert not out.exists()


def test_links_file_is_outside_context_citing_its_source(reviews, fixture_target, kg_store) -> None:
    import pyoxigraph as ox

    from kg.fidelity import graph_problems
    from kg.kinds import Kind
    from kg.linking.reconcile import links_graph_iri

    decide(reviews, accept_above=0.8)
    graph = records.links_graph(chosen(reviews), fixture_target, started=now(), accept_above=0.8)
    name = links_graph_iri(fixture_target)
    assert (URIRef(name), PASB.statementKind, Kind.CONTEXT.iri) in graph
    union = Graph().parse(data=kg_store.dump(ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    assert graph_problems(name, graph, union + graph) == []
