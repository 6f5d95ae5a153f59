"""Checks that each named graph keeps the promise of its kind of statement.

docs/modelling.md ("Three kinds of statement"): every graph says which kind it holds, and

- a **paper** graph's resources are derived from excerpts of the paper and cite (with
  ``dct:source``) only the paper's own references, never an outside source or link;
- every triple of an **interpretation** graph is explained by a ``pasb:Interpretation``
  of that graph, with an English note and the excerpts it rests on;
- every resource of a **context** graph cites a ``pasb:OutsideSource`` and no reference of
  the paper (a resource of another dataset, as in an enrichment file, through the
  ``rdf:Statement`` records that qualify its triples).

:func:`graph_problems` checks one graph against the union of all; ``pasb-kg validate`` and
the fidelity tests run it on every graph. Whether quotes are verbatim needs the paper's
text, which is not shipped; the tests check that.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from kg.kinds import Kind
from kg.namespaces import PASB, RES

PAPER = RES["paper"]
#: Predicates that carry outside knowledge and never belong in a paper graph.
OUTSIDE_PREDICATES = (OWL.sameAs, SKOS.closeMatch, SKOS.exactMatch, SKOS.hiddenLabel,
                      PASB.correspondsTo)


def kind_of(name: str, graph: Graph) -> Kind | None:
    """The kind ``graph`` (named ``name``) declares for itself, or ``None``."""
    kinds = {str(k) for k in graph.objects(URIRef(name), PASB.statementKind)}
    if len(kinds) != 1:
        return None
    try:
        return Kind.parse(kinds.pop())
    except ValueError:
        return None


def graph_problems(name: str, graph: Graph, union: Graph) -> list[str]:
    """What in the named graph ``name`` breaks the promise of its kind (empty: none).

    :param union: every graph of the store merged, for types and references.
    """
    kind = kind_of(name, graph)
    if kind is None:
        return [f"{name}: declare exactly one pasb:statementKind of res:statement-kinds"]
    check = {Kind.PAPER: _paper, Kind.INTERPRETATION: _interpretation,
             Kind.CONTEXT: _context}.get(kind)
    return list(check(name, graph, union)) if check else []


def _is_outside_source(node: object, union: Graph) -> bool:
    return (node, RDF.type, PASB.OutsideSource) in union


def _is_paper_reference(node: object, union: Graph) -> bool:
    return ((node, DCTERMS.isReferencedBy, PAPER) in union
            and not _is_outside_source(node, union))


def _subjects(name: str, graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s) != name}


def _paper(name: str, graph: Graph, union: Graph) -> Iterator[str]:
    for subject in sorted(_subjects(name, graph)):
        if (subject, RDF.type, PASB.Excerpt) in union:
            if None in (graph.value(subject, PASB.quote), graph.value(subject, PASB.section)):
                yield f"{subject}: an excerpt needs pasb:quote and pasb:section"
            continue
        if not any((e, RDF.type, PASB.Excerpt) in union
                   for e in union.objects(subject, PROV.wasDerivedFrom)):
            yield f"{subject}: not derived (prov:wasDerivedFrom) from an excerpt of the paper"
        for source in graph.objects(subject, DCTERMS.source):
            if not _is_paper_reference(source, union):
                yield f"{subject}: dct:source {source} is not a reference of the paper"
    for s, p, o in graph:
        if p in OUTSIDE_PREDICATES or _is_outside_source(o, union):
            yield f"{s} {p} {o}: outside knowledge in a paper graph"


def _interpretation(name: str, graph: Graph, union: Graph) -> Iterator[str]:
    records = set(graph.subjects(RDF.type, PASB.Interpretation))
    covers: dict[tuple, set] = defaultdict(set)
    for record in sorted(records):
        subjects = list(graph.objects(record, RDF.subject))
        if len(subjects) != 1:
            yield f"{record}: needs exactly one rdf:subject"
            continue
        key = (subjects[0], graph.value(record, RDF.predicate), graph.value(record, RDF.object))
        covers[key].add(record)
        if not any(c.language == "en" for c in graph.objects(record, RDFS.comment)):
            yield f"{record}: needs an rdfs:comment @en saying why it is read so"
        if not any((e, RDF.type, PASB.Excerpt) in union
                   for e in graph.objects(record, PROV.wasDerivedFrom)):
            yield f"{record}: needs prov:wasDerivedFrom the excerpts it rests on"
    used = set()
    for s, p, o in graph:
        if str(s) == name or s in records:
            continue
        found = [k for k in ((s, None, None), (s, p, None), (s, p, o)) if k in covers]
        if not found:
            yield f"no pasb:Interpretation of {name} explains {s} {p} {o}"
        used.update(found)
    for key in sorted(set(covers) - used, key=str):
        yield f"{sorted(covers[key])} explains no triple of {name}: {key}"


def _context(name: str, graph: Graph, union: Graph) -> Iterator[str]:
    qualified: Mapping[tuple, set] = _qualified(graph, union)
    for subject in sorted(_subjects(name, graph)):
        if _is_outside_source(subject, union) or (subject, RDF.subject, None) in graph:
            continue
        sources = set(graph.objects(subject, DCTERMS.source))
        for source in sources:
            if _is_paper_reference(source, union) or source == PAPER:
                yield f"{subject}: cites the paper's reference {source}"
        if any(_is_outside_source(s, union) for s in sources):
            continue
        if str(subject).startswith(str(RES)):
            yield f"{subject}: cites no pasb:OutsideSource in {name}"
            continue
        # another dataset's resource: each triple qualified by a record that cites its source
        for _, p, o in graph.triples((subject, None, None)):
            if not qualified.get((subject, p, o)):
                yield f"{subject} {p} {o}: no record citing a pasb:OutsideSource qualifies it"


def _qualified(graph: Graph, union: Graph) -> Mapping[tuple, set]:
    """(s, p, o) → the rdf:Statement records of ``graph`` that qualify it with an outside
    source (pasb:Link, pasb:EnrichedStatement)."""
    out: dict[tuple, set] = defaultdict(set)
    for record in graph.subjects(RDF.subject, None):
        if any(_is_outside_source(s, union) for s in graph.objects(record, DCTERMS.source)):
            key = (graph.value(record, RDF.subject), graph.value(record, RDF.predicate),
                   graph.value(record, RDF.object))
            out[key].add(record)
    return out
