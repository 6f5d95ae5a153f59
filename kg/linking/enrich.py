"""Enrichment: selected facts about our linked resources, fetched from another dataset.

The facts are kept apart from the paper's: they are written to
``kg/data/enrichment/<source>.ttl`` (named graph ``…/graph/enrichment-<source>``), stated
in the source's own vocabulary about the source's own IRIs (``wd:Q252 wdt:P297 "ID"``),
never about ours; ``owl:sameAs`` joins them. Every enriched triple is qualified by a
``pasb:EnrichedStatement`` with its source and retrieval time, derived from the
``pasb:Retrieval`` (endpoint, query, time) that answered it; the file describes itself as a
``void:Dataset`` with its triple count.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.kinds import Kind, describe_graph
from kg.linking.client import Answer, PoliteClient
from kg.linking.sparqltext import inline_values
from kg.linking.targets import Target
from kg.named_queries import load_query, queries_dir
from kg.namespaces import GRAPH, PASB, RES, bind_prefixes
from kg.store import Store

log = logging.getLogger(__name__)

VOID = Namespace("http://rdfs.org/ns/void#")

#: Which of our classes get which family of facts (query name suffix).
FAMILIES: dict[str, tuple[str, ...]] = {
    "countries": (str(PASB.Country),),
    "provinces": (str(PASB.Province),),
    "instruments": (str(PASB.Convention),),
    "websites": tuple(str(PASB[c]) for c in (
        "InternationalOrganisation", "StateGovernment", "GovernmentBody", "DonorAgency",
        "EmployersOrganisation", "StatisticalAgency", "OrganisationalProgramme")),
}


@dataclass
class Enrichment:
    """What an enrichment run fetched: the facts and the answers they came from."""

    target: Target
    facts: Graph = field(default_factory=Graph)
    origin: dict[tuple, Answer] = field(default_factory=dict)
    answers: list[Answer] = field(default_factory=list)

    def count(self) -> int:
        """Number of enriched triples."""
        return len(self.facts)


def _query(name: str) -> str:
    return load_query(name, queries_dir() / "linking").text


def linked_items(store: Store, target: Target) -> dict[str, dict[str, set[str]]]:
    """``{family: {"sameAs"|"closeMatch": {item IRIs}}}`` of our linked resources."""
    rows = store.select(_query("linked-items"),
                        bindings={"namespace": Literal(target.namespace)})
    items: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        for family, classes in FAMILIES.items():
            if str(row["class"]) in classes:
                items[family][str(row["how"])].add(str(row["item"]))
    return items


def enrich(store: Store, client: PoliteClient, target: Target) -> Enrichment:
    """Fetch every family of facts for the resources linked into ``target``.

    Only ``owl:sameAs`` links are followed; countries' ``skos:closeMatch`` links stated in
    the paper's files (the Kingdom of the Netherlands) count as ratifying states too.

    :raises RemoteError: when a query fails (nothing is returned, so nothing is written).
    """
    result = Enrichment(target)
    if target.queries != "wikidata":
        log.warning("enrichment queries exist for Wikidata-shaped targets only")
        return result
    items = linked_items(store, target)
    countries = sorted(items["countries"]["sameAs"])
    states = sorted(items["countries"]["sameAs"] | items["countries"]["closeMatch"])
    ilo = [str(r["item"]) for r in store.select(_query("context-ilo"))]
    plans = [
        ("countries", countries, {"ilo": ilo}),
        ("provinces", sorted(items["provinces"]["sameAs"]), {}),
        ("instruments", sorted(items["instruments"]["sameAs"]), {"state": states}),
        ("websites", sorted(items["websites"]["sameAs"]), {}),
    ]
    for family, subjects, extra in plans:
        if not subjects or any(not values for values in extra.values()):
            log.info("no linked %s to enrich", family)
            continue
        query = _query(f"{target.queries}-enrich-{family}")
        for name, values in extra.items():
            query = inline_values(query, [name], [{name: URIRef(v)} for v in values])
        query = inline_values(query, ["item"], [{"item": URIRef(s)} for s in subjects])
        answer = client.graph(query)
        result.answers.append(answer)
        for triple in answer.graph():
            if triple not in result.facts:
                result.facts.add(triple)
                result.origin[triple] = answer
    return result


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def _dt(when: datetime) -> Literal:
    return Literal(when.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
                   datatype=XSD.dateTime)


def enrichment_graph(result: Enrichment, *, written: datetime) -> Graph:
    """The enrichment file's graph: the facts, one qualified statement each, the
    retrievals and a VoID description of the whole."""
    target = result.target
    graph = bind_prefixes(Graph())
    for prefix, iri in (("p", "http://www.wikidata.org/prop/"),
                        ("ps", "http://www.wikidata.org/prop/statement/"),
                        ("pq", "http://www.wikidata.org/prop/qualifier/"),
                        ("wds", "http://www.wikidata.org/entity/statement/")):
        graph.bind(prefix, Namespace(iri), override=True, replace=True)
    from kg.linking.records import target_source

    dataset = GRAPH[f"enrichment-{target.name}"]
    source = target_source(graph, target)
    title = target.title or target.name
    describe_graph(graph, str(dataset), Kind.CONTEXT,
                   label_en=f"Facts fetched from {title} (outside context)",
                   label_id=f"Fakta yang diambil dari {title} (konteks dari luar)",
                   description_en="Facts about linked resources fetched from another dataset; "
                   "not facts of the paper. Each enriched triple is qualified by a "
                   "pasb:EnrichedStatement with its source and retrieval.")
    retrievals: dict[int, URIRef] = {}
    for answer in result.answers:
        node = RES[f"retrieval-{target.name}-{_digest(answer.endpoint, answer.query)}"]
        retrievals[id(answer)] = node
        graph.add((node, RDF.type, PASB.Retrieval))
        graph.add((node, RDFS.label, Literal(f"Retrieval from {target.name}", lang="en")))
        graph.add((node, RDFS.label, Literal(f"Pengambilan dari {target.name}", lang="id")))
        graph.add((node, PASB.endpoint, URIRef(answer.endpoint)))
        graph.add((node, PASB.queryText, Literal(answer.query)))
        graph.add((node, DCTERMS.source, source))
        graph.add((node, PROV.generatedAtTime, _dt(answer.retrieved)))
        graph.add((dataset, PROV.wasDerivedFrom, node))
    for triple in sorted(result.facts):
        answer = result.origin[triple]
        graph.add(triple)
        node = RES[f"enriched-{target.name}-{_digest(*(t.n3() for t in triple))}"]
        graph.add((node, RDF.type, PASB.EnrichedStatement))
        graph.add((node, RDF.subject, triple[0]))
        graph.add((node, RDF.predicate, triple[1]))
        graph.add((node, RDF.object, triple[2]))
        graph.add((node, DCTERMS.source, source))
        graph.add((node, PROV.generatedAtTime, _dt(answer.retrieved)))
        graph.add((node, PROV.wasDerivedFrom, retrievals[id(answer)]))
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, RDF.type, PROV.Entity))
    graph.add((dataset, DCTERMS.source, source))
    graph.add((dataset, DCTERMS.modified, _dt(written)))
    graph.add((dataset, VOID.triples, Literal(result.count())))
    return graph


def summary(results: Sequence[Enrichment]) -> list[tuple[str, int]]:
    """(source, enriched triples) for printing."""
    return [(r.target.name, r.count()) for r in results]
