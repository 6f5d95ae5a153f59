"""The facets of search results: what kind of thing a resource is (an actor, a
programme, a sector, a statistic, a legal instrument, a reference, …), decided from its
``rdf:type`` and the class hierarchy the ontology declares.

>>> supers = superclasses([("https://w3id.org/pasb/ontology#Sector",
...                         "http://www.w3.org/2004/02/skos/core#Concept")])
>>> facet_of(["https://w3id.org/pasb/ontology#Sector"], supers).value
'sector'
>>> facet_of(["http://www.w3.org/2004/02/skos/core#Concept"], supers).value
'concept'
>>> facet_of(["http://example.org/Thing"], supers).value
'other'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from enum import StrEnum

from kg.namespaces import PASB, PREFIXES

RDF = PREFIXES["rdf"]
RDFS = PREFIXES["rdfs"]
OWL = PREFIXES["owl"]
SKOS = PREFIXES["skos"]


class Facet(StrEnum):
    """The kind of thing a resource is, for filtering results."""

    PROGRAMME = "programme"
    ACTOR = "actor"
    SECTOR = "sector"
    STATISTIC = "statistic"
    INSTRUMENT = "instrument"
    REFERENCE = "reference"
    HAZARD = "hazard"
    CAUSE = "cause"
    PLACE = "place"
    FUNDING = "funding"
    OUTCOME = "outcome"
    EXCERPT = "excerpt"
    NOTE = "note"
    READING = "reading"
    LINK = "link"
    GRAPH = "graph"
    PERIOD = "period"
    CONCEPT = "concept"
    ONTOLOGY = "ontology"
    OTHER = "other"


#: Each facet and the classes it gathers with their subclasses; the first facet whose
#: classes hold a resource's type wins (a sector is a skos:Concept, but a sector first).
FACET_CLASSES: tuple[tuple[Facet, tuple[str, ...]], ...] = (
    (Facet.PROGRAMME, (str(PASB.CooperationProgramme), str(PASB.Cooperation))),
    (Facet.ACTOR, (PREFIXES["foaf"] + "Agent", PREFIXES["org"] + "Organization")),
    (Facet.SECTOR, (str(PASB.Sector),)),
    (Facet.STATISTIC, tuple(PREFIXES["qb"] + c for c in
                            ("Observation", "DataSet", "DataStructureDefinition"))),
    (Facet.INSTRUMENT, (PREFIXES["eli"] + "LegalResource", str(PASB.Norm))),
    (Facet.HAZARD, (str(PASB.WorstForm), str(PASB.Risk), str(PASB.Consequence),
                    str(PASB.ViolenceType))),
    (Facet.CAUSE, (str(PASB.CausalFactor),)),
    (Facet.PLACE, (PREFIXES["schema"] + "Place",)),
    (Facet.FUNDING, (PREFIXES["schema"] + "MonetaryGrant", PREFIXES["schema"] + "MonetaryAmount",
                     str(PASB.Participation))),
    (Facet.OUTCOME, (str(PASB.Outcome), str(PASB.PolicyTarget), str(PASB.Claim))),
    (Facet.EXCERPT, (str(PASB.Excerpt), PREFIXES["bibo"] + "DocumentPart")),
    (Facet.REFERENCE, (PREFIXES["bibo"] + "Document",)),
    (Facet.NOTE, (str(PASB.DataQualityNote),)),
    (Facet.READING, (str(PASB.Interpretation),)),
    (Facet.LINK, (str(PASB.Link),)),
    (Facet.GRAPH, (str(PASB.StatementGraph),)),
    (Facet.PERIOD, (PREFIXES["time"] + "TemporalEntity", PREFIXES["time"] + "Interval")),
    (Facet.CONCEPT, (SKOS + "Concept", SKOS + "ConceptScheme")),
    (Facet.ONTOLOGY, (OWL + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty",
                      OWL + "AnnotationProperty", OWL + "Ontology", RDF + "Property",
                      RDFS + "Class")),
)




def facet_of(types: Iterable[str], supers: dict[str, set[str]]) -> Facet:
    """The first facet of :data:`FACET_CLASSES` one of ``types`` (or a superclass of
    one, by ``supers``) belongs to."""
    classes: set[str] = set()
    for cls in types:
        classes |= {cls} | supers.get(cls, set())
    for facet, roots in FACET_CLASSES:
        if classes.intersection(roots):
            return facet
    return Facet.OTHER


def superclasses(links: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """Every class's superclasses (transitively) from (class, super) pairs."""
    direct: dict[str, set[str]] = defaultdict(set)
    for cls, sup in links:
        direct[cls].add(sup)
    closed: dict[str, set[str]] = {}

    def climb(cls: str, seen: frozenset[str]) -> set[str]:
        if cls in closed:
            return closed[cls]
        found: set[str] = set()
        for sup in direct.get(cls, ()):
            if sup not in seen:
                found |= {sup} | climb(sup, seen | {sup})
        closed[cls] = found
        return found

    for cls in list(direct):
        climb(cls, frozenset({cls}))
    return closed


