"""Tests of the ontology, the vocabularies, the shapes and :mod:`kg.validate`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.errors import ValidationError
from kg.validate import PASB, RES, Severity, ValidationReport, Violation, validate

DCT = Namespace("http://purl.org/dc/terms/")

REPO = Path(__file__).resolve().parents[2]
ONTOLOGY_DIR = REPO / "ontology"
DATA_DIR = REPO / "kg" / "data"
FIXTURES = REPO / "tests" / "data"
BROKEN = FIXTURES / "broken"
PAPER = REPO.parent / "shared" / "seed" / "000_d25af36af3266ac0.txt"
ONTOLOGY_IRI = URIRef("https://w3id.org/pasb/ontology")
PROV = "http://www.w3.org/ns/prov#"

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty)


def parse(*paths: Path) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


def ontology_files() -> list[Path]:
    """Every ontology file the build loads (all of ``ontology/`` but the SHACL shapes)."""
    return sorted(p for p in ONTOLOGY_DIR.glob("*.ttl") if not p.name.startswith("shapes"))


@pytest.fixture(scope="session")
def ontology() -> Graph:
    """``pasb.ttl`` + ``vocabularies.ttl`` (+ any other ontology file), as the build
    passes them to :func:`kg.validate.validate`."""
    return parse(*ontology_files())


@pytest.fixture(scope="session")
def owl_ontology() -> Graph:
    """The OWL terms: every ontology file except the SKOS vocabularies."""
    return parse(*(p for p in ontology_files() if p.name != "vocabularies.ttl"))


@pytest.fixture(scope="session")
def vocabularies() -> Graph:
    return parse(ONTOLOGY_DIR / "vocabularies.ttl")


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return parse(ONTOLOGY_DIR / "shapes.ttl")


@pytest.fixture(scope="session")
def context() -> Graph:
    """The paper, sections and reference that the vocabularies point to."""
    return parse(FIXTURES / "validate-context.ttl")


def pasb_terms(graph: Graph, types: tuple[URIRef, ...] = TERM_TYPES) -> list[URIRef]:
    return sorted(
        {
            s
            for t in types
            for s in graph.subjects(RDF.type, t)
            if isinstance(s, URIRef) and s.startswith(str(PASB))
        }
    )


def langs(graph: Graph, node: URIRef, prop: URIRef) -> list[str]:
    return sorted((o.language or "") for o in graph.objects(node, prop) if isinstance(o, Literal))


# ---------------------------------------------------------------------------
# The ontology
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("file", ["pasb.ttl", "vocabularies.ttl", "shapes.ttl"])
def test_ontology_files_parse(file: str) -> None:
    assert len(parse(ONTOLOGY_DIR / file)) > 100


def test_ontology_header(owl_ontology: Graph) -> None:
    g = owl_ontology
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    dct = "http://purl.org/dc/terms/"
    assert set(langs(g, ONTOLOGY_IRI, URIRef(dct + "title"))) == {"en", "id"}
    for prop in ("description", "creator", "created", "license", "source"):
        assert g.value(ONTOLOGY_IRI, URIRef(dct + prop)) is not None, prop
    assert g.value(ONTOLOGY_IRI, URIRef(dct + "license")) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert g.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef("https://w3id.org/pasb/ontology/0.1.0")
    assert str(g.value(ONTOLOGY_IRI, OWL.versionInfo)) == "0.1.0"
    vann = "http://purl.org/vocab/vann/"
    assert str(g.value(ONTOLOGY_IRI, URIRef(vann + "preferredNamespacePrefix"))) == "pasb"
    assert str(g.value(ONTOLOGY_IRI, URIRef(vann + "preferredNamespaceUri"))) == str(PASB)
    assert g.value(ONTOLOGY_IRI, OWL.imports) is None


def test_ontology_declares_many_terms(owl_ontology: Graph) -> None:
    assert len(pasb_terms(owl_ontology, (OWL.Class,))) >= 35
    assert len(pasb_terms(owl_ontology, PROPERTY_TYPES)) >= 50


def test_every_term_has_bilingual_labels_and_definition(owl_ontology: Graph) -> None:
    g = owl_ontology
    problems = []
    for term in pasb_terms(g):
        if langs(g, term, RDFS.label) != ["en", "id"]:
            problems.append(f"{term}: rdfs:label languages {langs(g, term, RDFS.label)}")
        if "en" not in langs(g, term, SKOS.definition):
            problems.append(f"{term}: no skos:definition @en")
        if g.value(term, RDFS.isDefinedBy) != ONTOLOGY_IRI:
            problems.append(f"{term}: rdfs:isDefinedBy is not the ontology")
    assert problems == []


def test_every_property_has_domain_and_range(owl_ontology: Graph) -> None:
    missing = [
        p
        for p in pasb_terms(owl_ontology, PROPERTY_TYPES)
        if owl_ontology.value(p, RDFS.domain) is None or owl_ontology.value(p, RDFS.range) is None
    ]
    assert missing == []


def test_every_class_is_aligned_to_a_standard_vocabulary(owl_ontology: Graph) -> None:
    """Each class specialises some class; following the chain reaches a non-pasb class."""
    g = owl_ontology
    unaligned = []
    for cls in pasb_terms(g, (OWL.Class,)):
        ancestors = set(g.transitive_objects(cls, RDFS.subClassOf)) - {cls}
        if not any(not str(a).startswith(str(PASB)) for a in ancestors):
            unaligned.append(cls)
    assert unaligned == []


def test_external_terms_are_declared_without_domains(owl_ontology: Graph) -> None:
    """Stubs of reused terms must not carry domains/ranges (schema:funder is used on
    programmes and on grants: a domain would type grants as programmes)."""
    g = owl_ontology
    external = [
        s
        for t in TERM_TYPES
        for s in g.subjects(RDF.type, t)
        if isinstance(s, URIRef) and not s.startswith(str(PASB))
    ]
    assert URIRef("https://schema.org/funder") in external
    assert [s for s in external if (s, RDFS.domain, None) in g or (s, RDFS.range, None) in g] == []


def test_actor_and_legal_instrument_are_disjoint(owl_ontology: Graph) -> None:
    groups = [
        list(g_)
        for g_ in (
            owl_ontology.items(owl_ontology.value(b, OWL.members))
            for b in owl_ontology.subjects(RDF.type, OWL.AllDisjointClasses)
        )
    ]
    assert any(PASB.Actor in grp and PASB.LegalInstrument in grp for grp in groups)


def test_modelling_guide_terms_are_declared(owl_ontology: Graph) -> None:
    """docs/modelling.md is the contract: every pasb: term it names exists, and back."""
    guide = (REPO / "docs" / "modelling.md").read_text(encoding="utf-8")
    named = {PASB[name] for name in re.findall(r"pasb:([A-Za-z][A-Za-z0-9]*)", guide)}
    declared = set(pasb_terms(owl_ontology))
    assert sorted(named - declared) == []
    assert sorted(declared - named) == []


# ---------------------------------------------------------------------------
# The vocabularies
# ---------------------------------------------------------------------------

SCHEMES = ["actor-types", "participation-roles", "data-quality-kinds", "statement-kinds"]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_scheme_concepts_are_complete(vocabularies: Graph, scheme: str) -> None:
    g = vocabularies
    scheme_iri = RES[scheme]
    assert (scheme_iri, RDF.type, SKOS.ConceptScheme) in g
    concepts = sorted(g.subjects(SKOS.inScheme, scheme_iri))
    assert len(concepts) >= 4
    for concept in concepts:
        assert langs(g, concept, RDFS.label) == ["en", "id"], concept
        assert langs(g, concept, SKOS.prefLabel) == ["en", "id"], concept
        assert "en" in langs(g, concept, SKOS.definition), concept
        assert (concept, SKOS.topConceptOf, scheme_iri) in g or g.value(
            concept, SKOS.broader
        ) is not None, concept


def test_participation_roles_carry_iati_codes_as_outside_context() -> None:
    """The IATI codes are outside knowledge: in a context graph citing the codelist, not in
    the model's vocabulary."""
    vocab = parse(ONTOLOGY_DIR / "vocabularies.ttl")
    context = parse(DATA_DIR / "context" / "vocabularies.ttl")
    roles = ("funding", "accountable", "extending", "implementing")
    assert all(vocab.value(RES["role-" + r], SKOS.notation) is None for r in roles)
    codes = {str(context.value(RES["role-" + r], SKOS.notation)) for r in roles}
    assert codes == {"1", "2", "3", "4"}
    for role in roles:
        assert context.value(RES["role-" + role], DCT.source) == RES["ext-iati-organisation-role"]
    for role in ("partner", "supporting"):
        assert (RES["role-" + role], SKOS.inScheme, RES["participation-roles"]) in vocab


THEORY = ("plural-actors", "interdependence", "state-not-only-actor", "io-as-solution",
          "io-as-forum", "io-as-mediator", "io-upholds-common-interests", "io-most-effective",
          "shared-interests", "functional-cooperation", "absolute-gains")
#: The theory concepts of sentences that cite Baylis, Smith & Owens (2011); the others are
#: the author's own account or the conclusion's, which cite nothing.
#: The paper's summary of the theory (the conclusion, cited to nothing) is not Baylis's.
CITED_BAYLIS = {"plural-actors", "interdependence", "state-not-only-actor"}


def test_theory_concepts_cite_baylis_only_where_the_paper_does() -> None:
    g = parse(DATA_DIR / "theory.ttl")
    top = RES["theory-neoliberalism"]
    assert set(g.subjects(SKOS.broader, top)) == {RES["theory-" + s] for s in THEORY}
    for slug in ("neoliberalism", *THEORY):
        concept = RES["theory-" + slug]
        assert (concept, RDF.type, PASB.TheoryConcept) in g
        sources = set(g.objects(concept, DCT.source))
        assert sources == ({RES["ref-baylis-2011"]} if slug in CITED_BAYLIS else set()), slug
        excerpts = list(g.objects(concept, URIRef(PROV + "wasDerivedFrom")))
        assert excerpts and all((e, RDF.type, PASB.Excerpt) in g
                                or (e, RDF.type, PASB.Excerpt) in parse(DATA_DIR / "paper.ttl")
                                for e in excerpts), slug
    assert set(g.objects(top, SKOS.altLabel)) >= {Literal("liberalis", lang="id"),
                                                   Literal("neoliberalis", lang="id")}
    reading = Literal("neoliberal institutionalism", lang="en")
    assert reading not in set(g.objects(top, SKOS.altLabel)), "an interpretation, not the paper's"


def test_the_ontology_quotes_nothing_from_the_paper(ontology: Graph) -> None:
    """The model holds definitions of terms; the paper's statements are in kg/data."""
    assert not list(ontology.objects(None, PASB.quote))
    assert not list(ontology.subjects(RDF.type, PASB.Excerpt))


# ---------------------------------------------------------------------------
# Validation of the shipped files
# ---------------------------------------------------------------------------


def test_ontology_and_vocabularies_validate(ontology: Graph, shapes: Graph, context: Graph) -> None:
    report = validate(context, ontology, shapes)
    assert report.conforms, report.text()


def test_without_context_the_paper_is_dangling(ontology: Graph, shapes: Graph) -> None:
    report = validate(Graph(), ontology, shapes)
    assert not report.conforms
    assert any(v.source == "dangling-iri" and v.focus_node == "res:paper" for v in report.results)


@pytest.mark.skipif(not any(DATA_DIR.rglob("*.ttl")), reason="no kg/data/*.ttl yet")
@pytest.mark.parametrize("inference", ["rdfs", "owlrl"])
def test_knowledge_graph_validates(ontology: Graph, shapes: Graph, inference: str) -> None:
    data = parse(*sorted(DATA_DIR.rglob("*.ttl")))
    report = validate(data, ontology, shapes, inference=inference)
    assert report.conforms, report.text()


# ---------------------------------------------------------------------------
# Broken fixtures: each fails with the right check and message
# ---------------------------------------------------------------------------

BROKEN_CASES = [
    ("missing-id-label.ttl", "shacl", "res:excerpt-test", "rdfs:label", "one in Indonesian (@id)"),
    (
        "startdate-not-a-date.ttl",
        "shacl",
        "res:programme-test",
        "schema:startDate",
        "is one xsd:date",
    ),
    (
        "observation-without-refarea.ttl",
        "shacl",
        "res:obs-test",
        "sdmx-dimension:refArea",
        "exactly one sdmx-dimension:refArea",
    ),
    (
        "undeclared-term.ttl",
        "declared-terms",
        "pasb:notDeclaredAnywhere",
        None,
        "not declared in the ontology",
    ),
    ("dangling-iri.ttl", "dangling-iri", "res:nowhere-described", None, "no rdfs:label"),
    (
        "sameas-not-wikidata.ttl",
        "shacl",
        "res:country-test",
        "owl:sameAs",
        "only for confirmed Wikidata entities",
    ),
    (
        "disjoint-classes.ttl",
        "owl-rl",
        "res:thing-test",
        "rdf:type",
        "disjoint classes pasb:Actor and pasb:LegalInstrument",
    ),
    (
        "participant-is-a-country.ttl",
        "owl-rl",
        "res:country-test",
        "rdf:type",
        "disjoint classes pasb:Actor and pasb:Country",
    ),
]


@pytest.mark.parametrize(
    ("fixture", "check", "focus", "path", "message"),
    BROKEN_CASES,
    ids=[case[0] for case in BROKEN_CASES],
)
def test_broken_fixture_is_rejected(
    ontology: Graph,
    shapes: Graph,
    context: Graph,
    fixture: str,
    check: str,
    focus: str,
    path: str | None,
    message: str,
) -> None:
    data = parse(BROKEN / fixture) + context
    report = validate(data, ontology, shapes)
    assert not report.conforms
    matching = [
        v
        for v in report.violations()
        if v.source.startswith(check)
        and v.focus_node == focus
        and v.path == path
        and message in v.message
    ]
    assert matching, report.text()
    expected_line = f"{focus} {path}: " if path else f"{focus}: "
    assert expected_line in report.text()


def test_every_broken_fixture_is_tested() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.ttl")) == sorted(c[0] for c in BROKEN_CASES)


def test_member_of_owl_nothing_is_reported(ontology: Graph, shapes: Graph) -> None:
    data = Graph()
    data.add((RES["impossible"], RDF.type, OWL.Nothing))
    data.add((RES["impossible"], RDFS.label, Literal("x", lang="en")))
    report = validate(data, ontology, Graph(), inference="none")
    assert any(
        v.source == "owl-rl" and v.focus_node == "res:impossible" and "owl:Nothing" in v.message
        for v in report.violations()
    )


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------


def test_report_text_has_one_line_per_result() -> None:
    report = ValidationReport(
        results=[
            Violation("res:a", "rdfs:label", "needs labels", Severity.VIOLATION, "shacl"),
            Violation("res:b", None, "dangling", Severity.WARNING, "dangling-iri"),
        ]
    )
    lines = report.text().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("Conforms: False")
    assert lines[1].endswith("res:a rdfs:label: needs labels")
    assert lines[2].endswith("res:b: dangling")


def test_warnings_do_not_break_conformance() -> None:
    report = ValidationReport(results=[Violation("res:b", None, "hm", Severity.WARNING, "x")])
    assert report.conforms
    report.raise_for_violations()


def test_raise_for_violations() -> None:
    report = ValidationReport(results=[Violation("res:a", None, "bad", Severity.VIOLATION, "x")])
    with pytest.raises(ValidationError, match="res:a: bad"):
        report.raise_for_violations()


def test_unknown_inference_mode_is_refused(ontology: Graph, shapes: Graph) -> None:
    with pytest.raises(ValueError, match="inference"):
        validate(Graph(), ontology, shapes, inference="telepathy")


def test_inputs_are_not_modified(ontology: Graph, shapes: Graph, context: Graph) -> None:
    sizes = (len(ontology), len(shapes), len(context))
    validate(context, ontology, shapes, inference="owlrl")
    assert (len(ontology), len(shapes), len(context)) == sizes
