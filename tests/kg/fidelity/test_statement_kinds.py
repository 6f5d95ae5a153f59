"""Fidelity (issue #11): every triple of the shipped data is in a graph of exactly one kind —
what the paper states, the modeller's interpretation, outside context, or the ontology —
and each kind keeps its promise (docs/modelling.md, "Three kinds of statement"):

- a paper statement's resource is derived from a verbatim quote found in its declared
  section, and cites with ``dct:source`` only the paper's own references;
- every interpreted triple is explained by a ``pasb:Interpretation`` with a note and the
  excerpts it rests on;
- every context resource cites an outside source (``pasb:OutsideSource``) and never a
  reference of the paper.
"""

from __future__ import annotations

from collections import defaultdict

import paper_text
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from shipped_graphs import DCT, KINDS, PASB, RES, graphs, kind_of, of_kind, union

from kg.fidelity import graph_problems

PAPER = RES["paper"]
BIBO_URI = URIRef("http://purl.org/ontology/bibo/uri")


def _paper_available() -> None:
    if not paper_text.PAPER_TEXT.exists():
        pytest.skip(f"source paper not found at {paper_text.PAPER_TEXT}")


def paper_union():
    merged = None
    for graph in of_kind("paper").values():
        merged = graph if merged is None else merged + graph
    return merged


def is_paper_reference(node) -> bool:
    u = union()
    return (node, DCT.isReferencedBy, PAPER) in u and (node, RDF.type, PASB.OutsideSource) not in u


def is_outside_source(node) -> bool:
    return (node, RDF.type, PASB.OutsideSource) in union()


@pytest.mark.parametrize("name", sorted(graphs()))
def test_every_graph_describes_itself_with_one_kind(name):
    graph, iri = graphs()[name], URIRef(name)
    kinds = set(graph.objects(iri, PASB.statementKind))
    assert len(kinds) == 1 and next(iter(kinds)) in KINDS, (
        f"{name}: declare exactly one pasb:statementKind of res:statement-kinds, found {kinds}")
    langs = {lit.language for lit in graph.objects(iri, RDFS.label)}
    assert {"en", "id"} <= langs, f"{name}: needs rdfs:label @en and @id"
    assert any(d.language == "en" for d in graph.objects(iri, DCT.description)), name


def test_the_kinds_of_graph_the_data_promises_exist():
    kinds = {kind_of(name) for name in graphs()}
    assert kinds == {"paper", "interpretation", "context", "ontology"}
    for name in graphs():
        expected = ("interpretation" if "/graph/interpretation/" in name else
                    "context" if "/graph/context/" in name or "/graph/links-" in name
                    or "/graph/enrichment-" in name else
                    "ontology" if "/graph/ontology-" in name else "paper")
        assert kind_of(name) == expected, (
            f"{name} declares {kind_of(name)}, its path says {expected}")


def test_no_triple_is_in_two_kinds_of_graph():
    kinds: dict[tuple, set[str]] = defaultdict(set)
    for name, graph in graphs().items():
        for triple in graph:
            if not any(isinstance(t, BNode) for t in triple):
                kinds[triple].add(kind_of(name))
    mixed = {t: k for t, k in kinds.items() if len(k) > 1}
    assert not mixed, list(mixed.items())[:10]


@pytest.mark.parametrize("name", sorted(graphs()))
def test_every_graph_keeps_the_promise_of_its_kind(name):
    """kg.fidelity: paper resources quoted and citing only the paper's references;
    interpreted triples with their notes; context resources citing outside sources."""
    problems = graph_problems(name, graphs()[name], union())
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(of_kind("paper")))
def test_paper_excerpts_are_verbatim_in_their_section(name):
    _paper_available()
    graph = graphs()[name]
    problems = []
    for excerpt in set(graph.subjects(RDF.type, PASB.Excerpt)):
        quote = graph.value(excerpt, PASB.quote)
        section = graph.value(excerpt, PASB.section)
        slug = str(section).removeprefix(str(RES) + "section-") if section else None
        if quote is None or slug not in paper_text.section_ranges():
            problems.append(f"{excerpt}: an excerpt needs pasb:quote and pasb:section")
        elif paper_text.normalise(str(quote)) not in paper_text.section_text(slug):
            problems.append(f"{excerpt}: quote not found verbatim in section {slug}: "
                            f"{str(quote)[:70]!r}")
    assert not problems, "\n".join(sorted(problems))


def test_the_checks_catch_what_they_promise_to():
    """Each kind's check fails on a graph that breaks its promise."""
    from rdflib import Graph, Namespace

    g, u = Namespace("https://w3id.org/pasb/graph/"), union()
    paper = Graph()
    paper.add((g.t, PASB.statementKind, RES["statement-kind-paper"]))
    paper.add((RES.ilo, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q54129")))
    paper.add((RES.ilo, DCT.source, RES["ext-wikidata"]))
    paper.add((RES["new-thing"], RDFS.label, Literal("x", lang="en")))
    problems = graph_problems(str(g.t), paper, u)
    assert any("outside knowledge" in p for p in problems)
    assert any("is not a reference of the paper" in p for p in problems)
    assert any("new-thing: not derived" in p for p in problems)
    reading = Graph()
    reading.add((g.r, PASB.statementKind, RES["statement-kind-interpretation"]))
    reading.add((RES["programme-education"], PASB.hasPartner, RES.sida))
    assert any("explains" in p for p in graph_problems(str(g.r), reading, u))
    context = Graph()
    context.add((g.c, PASB.statementKind, RES["statement-kind-context"]))
    context.add((RES.sida, RDFS.comment, Literal("x", lang="en")))
    context.add((RES.ilo, DCT.source, RES["ref-baylis-2011"]))
    problems = graph_problems(str(g.c), context, u)
    assert any("sida: cites no pasb:OutsideSource" in p for p in problems)
    assert any("cites the paper's reference" in p for p in problems)
    assert graph_problems(str(g.x), Graph(), u) == [f"{g.x}: declare exactly one "
                                                     "pasb:statementKind of res:statement-kinds"]


def test_outside_sources_are_described_and_not_the_papers():
    u = union()
    sources = set(u.subjects(RDF.type, PASB.OutsideSource))
    assert sources
    for source in sources:
        assert str(source).startswith(str(RES) + "ext-"), f"{source}: name it res:ext-…"
        langs = {lit.language for lit in u.objects(source, RDFS.label)}
        assert {"en", "id"} <= langs, source
        assert u.value(source, DCT.title) is not None, f"{source}: needs dct:title"
        assert (u.value(source, BIBO_URI) or u.value(source, DCT.publisher)), (
            f"{source}: needs bibo:uri or dct:publisher, so a reader can find it")
        assert (source, DCT.isReferencedBy, PAPER) not in u, f"{source} is cited by the paper"
        for name, graph in graphs().items():
            if (source, None, None) in graph:
                assert kind_of(name) == "context", f"{source} described in {name}"


def test_interpretation_records_only_in_interpretation_graphs():
    for name, graph in graphs().items():
        if kind_of(name) != "interpretation":
            assert not list(graph.subjects(RDF.type, PASB.Interpretation)), name


def test_quotes_are_literals_tagged_as_the_paper_writes():
    for graph in of_kind("paper").values():
        for excerpt, quote in graph.subject_objects(PASB.quote):
            assert isinstance(quote, Literal) and quote.language in ("id", "en"), excerpt


def test_notes_quote_the_paper_as_written():
    """A data-quality note's pasb:asWritten is the paper's wording, in any kind of graph."""
    _paper_available()
    bad = [(str(note), str(written)[:70]) for graph in graphs().values()
           for note, written in graph.subject_objects(PASB.asWritten)
           if paper_text.normalise(str(written)) not in paper_text.paper_text()]
    assert not bad, bad
