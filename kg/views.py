"""Kind-specific parts of resource pages, and the ontology's documentation view.

Each function reads the graph of ``resource-context.rq`` (or ``ontology.rq``) and returns
plain data for a template: a programme's timeline, funders and partners; an actor's
programmes and roles; a sector's risks and consequences (Table 1 of the paper); a
statistic's value, unit, area and period; the ontology's class tree, properties and SKOS
schemes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import BNode, Node

from kg.describe import (
    SCHEMA,
    Marks,
    ResourceView,
    Value,
    format_amount,
    format_literal,
    keep,
    label,
    marked,
    pick_language,
    resource_view,
    value_of,
)
from kg.namespaces import PASB

QB = "http://purl.org/linked-data/cube#"
SDMX_MEASURE = "http://purl.org/linked-data/sdmx/2009/measure#"
SDMX_DIMENSION = "http://purl.org/linked-data/sdmx/2009/dimension#"
SDMX_ATTRIBUTE = "http://purl.org/linked-data/sdmx/2009/attribute#"
ORG_CLASSIFICATION = URIRef("http://www.w3.org/ns/org#classification")
KINDS = {
    "programme": PASB.CooperationProgramme,
    "sector": PASB.Sector,
    "statistic": URIRef(QB + "Observation"),
    "dataset": URIRef(QB + "DataSet"),
}


def page_kind(graph: Graph, iri: URIRef) -> str:
    """``programme``, ``actor``, ``sector``, ``statistic``, ``dataset`` or ``resource``
    (a data set's statistics are read by :func:`kg.browse.statistics.statistics`)."""
    types = set(graph.objects(iri, RDF.type))
    for kind, cls in KINDS.items():
        if cls in types:
            return kind
    if (None, PASB.participant, iri) in graph or (iri, ORG_CLASSIFICATION, None) in graph:
        return "actor"
    return "resource"


def page_view(graph: Graph, iri: str, lang: str, *, base_iri: str,
              marks: Marks | None = None, only_paper: bool = False) -> ResourceView:
    """The :class:`~kg.describe.ResourceView` of ``iri`` with its kind-specific part in
    ``extra`` (``marks``: the kinds of statement; ``only_paper``: only what the paper
    states)."""
    view = resource_view(graph, iri, lang, base_iri=base_iri, marks=marks,
                         only_paper=only_paper)
    subject = URIRef(iri)
    view.kind = page_kind(graph, subject)
    if view.kind == "programme":
        view.extra = programme_part(graph, subject, lang, base_iri, marks=marks,
                                    only_paper=only_paper)
        return view
    build = {"actor": actor_part, "sector": sector_part,
             "statistic": statistic_part}.get(view.kind)
    if build is not None:
        view.extra = build(graph, subject, lang, base_iri)
    return view


# -- programmes ---------------------------------------------------------------------------
@dataclass
class Funding:
    """A funder of a programme and what it gave."""

    funder: Value
    grant: Value | None = None
    amount: str | None = None
    as_written: str | None = None
    shared_with: list[Value] = field(default_factory=list)
    doubtful: bool = False
    supported_only: bool = False


@dataclass
class NetworkNode:
    """A participant placed on the small network drawing of a programme."""

    value: Value
    role: str
    x: float
    y: float


def _date(graph: Graph, subject: Node, predicate: URIRef, lang: str) -> str | None:
    found = graph.value(subject, predicate)
    return format_literal(found, lang) if isinstance(found, Literal) else None


def programme_part(graph: Graph, programme: URIRef, lang: str, base_iri: str, *,
                   marks: Marks | None = None, only_paper: bool = False) -> dict:
    """Timeline, funders with amounts, participants by actor type and role, network; each
    funder and role marked with its kind of statement (``marks``)."""
    written = pick_language([o for o in graph.objects(programme, PASB.periodAsWritten)
                             if isinstance(o, Literal)], lang)
    funder_iri = URIRef(SCHEMA + "funder")
    funders: dict[Node, Funding] = {}
    for grant in graph.subjects(PASB.fundsProgramme, programme):
        funder = graph.value(grant, funder_iri)
        if funder is None:
            continue
        value = marked(value_of(graph, funder, lang, base_iri), marks, grant, funder_iri, funder)
        if not keep(value, only_paper):
            continue
        amount_node = graph.value(grant, URIRef(SCHEMA + "amount"))
        as_written = graph.value(grant, PASB.valueAsWritten)
        funders[funder] = Funding(
            value, value_of(graph, grant, lang, base_iri),
            format_amount(graph, amount_node, lang) if amount_node is not None else None,
            str(as_written) if as_written is not None else None,
            sorted((value_of(graph, c, lang, base_iri)
                    for c in graph.objects(grant, PASB.sharedWithCountry)), key=lambda v: v.text),
            (grant, PASB.hasDataQualityNote, None) in graph)
    for funder in graph.objects(programme, funder_iri):
        value = marked(value_of(graph, funder, lang, base_iri), marks, programme, funder_iri,
                       funder)
        if keep(value, only_paper):
            funders.setdefault(funder, Funding(value))
    for helper in graph.objects(programme, PASB.supportedBy):
        if helper not in funders:
            value = marked(value_of(graph, helper, lang, base_iri), marks, programme,
                           PASB.supportedBy, helper)
            funders[helper] = Funding(value, supported_only=True)
    groups: dict[tuple[str, str], list[Value]] = defaultdict(list)
    roles: dict[str, str] = {}
    for participation in graph.objects(programme, PASB.hasParticipation):
        link = marked(Value(""), marks, programme, PASB.hasParticipation, participation)
        actor, role = (graph.value(participation, PASB.participant),
                       graph.value(participation, PASB.role))
        if actor is None or not keep(link, only_paper):
            continue
        role_mark = marked(Value(""), marks, participation, PASB.role, role) if role else None
        if role_mark is not None and not keep(role_mark, only_paper):
            role = None
        actor_type = graph.value(actor, ORG_CLASSIFICATION)
        role_label = label(graph, role, lang) if role is not None else "—"
        if role_mark is not None and role is not None and role_mark.kind == "interpretation":
            role_label += " *"
        type_label = label(graph, actor_type, lang) if actor_type is not None else "—"
        actor_value = marked(value_of(graph, actor, lang, base_iri), marks, programme,
                             PASB.hasParticipant, actor)
        if role_mark is not None and role_mark.kind != "paper" and actor_value.kind == "paper":
            actor_value.kind, actor_value.note = role_mark.kind, role_mark.note
        groups[(type_label, role_label)].append(actor_value)
        roles[str(actor)] = role_label
    participants = [{"actor_type": t, "role": r, "actors": sorted(v, key=lambda x: x.text)}
                    for (t, r), v in sorted(groups.items())]
    return {
        "start": _date(graph, programme, URIRef(SCHEMA + "startDate"), lang),
        "end": _date(graph, programme, URIRef(SCHEMA + "endDate"), lang),
        "period_as_written": str(written) if written is not None else None,
        "funders": sorted(funders.values(), key=lambda f: f.funder.text),
        "participants": participants,
        "roles_read": any(r["role"].endswith(" *") for r in participants),
        "network": network_layout(graph, programme, roles, lang, base_iri),
    }


def network_layout(graph: Graph, programme: URIRef, roles: dict[str, str], lang: str,
                   base_iri: str, *, radius: float = 150.0) -> list[NetworkNode]:
    """Participants on a circle around the programme (which sits at the origin)."""
    actors = sorted({*graph.objects(programme, PASB.hasParticipant),
                     *(URIRef(a) for a in roles)}, key=lambda a: label(graph, a, lang))
    nodes = []
    for i, actor in enumerate(actors):
        angle = 2 * math.pi * i / max(len(actors), 1) - math.pi / 2
        nodes.append(NetworkNode(value_of(graph, actor, lang, base_iri),
                                 roles.get(str(actor), ""),
                                 round(radius * math.cos(angle), 1),
                                 round(radius * math.sin(angle), 1)))
    return nodes


# -- actors -------------------------------------------------------------------------------
def actor_part(graph: Graph, actor: URIRef, lang: str, base_iri: str) -> dict:
    """The programmes the actor takes part in, with its role in each."""
    rows = []
    for participation in graph.subjects(PASB.participant, actor):
        role = graph.value(participation, PASB.role)
        for programme in graph.subjects(PASB.hasParticipation, participation):
            rows.append({"programme": value_of(graph, programme, lang, base_iri),
                         "role": value_of(graph, role, lang, base_iri) if role else None,
                         "number": graph.value(programme, PASB.programmeNumber)})
    actor_type = graph.value(actor, ORG_CLASSIFICATION)
    return {"programmes": sorted(rows, key=lambda r: (str(r["number"]), r["programme"].text)),
            "actor_type": value_of(graph, actor_type, lang, base_iri) if actor_type else None}


# -- sectors ------------------------------------------------------------------------------
def _ordered(graph: Graph, items: list[Node], lang: str, base_iri: str) -> list[Value]:
    def position(node: Node) -> int:
        found = graph.value(node, PASB.position)
        return int(found) if isinstance(found, Literal) else 0
    return [value_of(graph, n, lang, base_iri) for n in sorted(items, key=position)]


def sector_part(graph: Graph, sector: URIRef, lang: str, base_iri: str) -> dict:
    """The sector's row of Table 1: risks and consequences in the paper's order."""
    risks = [*graph.objects(sector, PASB.hasRisk), *graph.subjects(PASB.riskOf, sector)]
    consequences = [*graph.objects(sector, PASB.hasConsequence),
                    *graph.subjects(PASB.consequenceOf, sector)]
    row = graph.value(sector, PASB.tableRow)
    return {"risks": _ordered(graph, list(dict.fromkeys(risks)), lang, base_iri),
            "consequences": _ordered(graph, list(dict.fromkeys(consequences)), lang, base_iri),
            "row": str(row) if row is not None else None}


# -- statistics ---------------------------------------------------------------------------
def statistic_part(graph: Graph, obs: URIRef, lang: str, base_iri: str) -> dict:
    """Value (formatted and as written), unit, area, period with its years, ages, source."""
    def one(predicate: str) -> Value | None:
        found = graph.value(obs, URIRef(predicate))
        return value_of(graph, found, lang, base_iri) if found is not None else None

    period = graph.value(obs, URIRef(SDMX_DIMENSION + "refPeriod"))
    years = [str(graph.value(period, PASB[p]) or "") for p in ("startYear", "endYear")] \
        if period is not None else ["", ""]
    quantity = pick_language([q for q in graph.objects(obs, PASB.measuredQuantity)
                              if isinstance(q, Literal)], lang)
    written = graph.value(obs, PASB.valueAsWritten)
    ages = [graph.value(obs, PASB.ageMin), graph.value(obs, PASB.ageMax)]
    return {"value": one(SDMX_MEASURE + "obsValue"), "unit": one(SDMX_ATTRIBUTE + "unitMeasure"),
            "area": one(SDMX_DIMENSION + "refArea"), "period": one(SDMX_DIMENSION + "refPeriod"),
            "years": "–".join(dict.fromkeys(y for y in years if y)) or None,
            "quantity": str(quantity) if quantity is not None else None,
            "as_written": str(written) if written is not None else None,
            "ages": "–".join(str(a) for a in ages if a is not None) or None,
            "source": one(str(DCTERMS.source))}


# -- the ontology -------------------------------------------------------------------------
@dataclass
class TreeNode:
    """A class or concept with the ones below it."""

    value: Value
    anchor: str
    definition: LangText | None = None
    notation: str | None = None
    children: list[TreeNode] = field(default_factory=list)


class LangText(str):
    """A text that knows its language (``lang``, ``None`` when untagged), so a page can
    mark a definition that is only in English as English."""

    lang: str | None

    def __new__(cls, text: str, lang: str | None) -> LangText:
        made = super().__new__(cls, text)
        made.lang = lang
        return made


def _definition(graph: Graph, node: Node, lang: str) -> LangText | None:
    found = pick_language([d for p in (SKOS.definition, RDFS.comment)
                           for d in graph.objects(node, p) if isinstance(d, Literal)], lang)
    return LangText(str(found), found.language) if found is not None else None


def _class_expression(graph: Graph, node: Node, lang: str, base_iri: str) -> list[Value]:
    if isinstance(node, BNode):
        union = graph.value(node, OWL.unionOf)
        if union is not None:
            return [value_of(graph, m, lang, base_iri) for m in Collection(graph, union)]
        return []
    return [value_of(graph, node, lang, base_iri)]


def _anchor(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


def ontology_view(graph: Graph, ontology: str, lang: str, *, base_iri: str) -> dict:
    """Header, class tree, properties with domain and range, datatypes, and SKOS scheme
    trees."""
    namespace = ontology + "#"
    subject = URIRef(ontology)
    title = pick_language([t for t in graph.objects(subject, DCTERMS.title)
                           if isinstance(t, Literal)], lang)
    description = pick_language([t for t in graph.objects(subject, DCTERMS.description)
                                 if isinstance(t, Literal)], lang)
    classes = sorted({c for c in graph.subjects(RDF.type, OWL.Class)
                      if str(c).startswith(namespace)}, key=lambda c: label(graph, c, lang))

    def class_node(cls: Node) -> TreeNode:
        below = sorted((c for c in graph.subjects(RDFS.subClassOf, cls) if c in classes),
                       key=lambda c: label(graph, c, lang))
        return TreeNode(value_of(graph, cls, lang, base_iri), _anchor(str(cls)),
                        _definition(graph, cls, lang), None, [class_node(c) for c in below])

    roots = [c for c in classes
             if not any(s in classes for s in graph.objects(c, RDFS.subClassOf))]
    properties = []
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        for prop in sorted((p for p in graph.subjects(RDF.type, kind)
                            if str(p).startswith(namespace)), key=lambda p: label(graph, p, lang)):
            properties.append({
                "value": value_of(graph, prop, lang, base_iri), "anchor": _anchor(str(prop)),
                "kind": label(graph, kind, lang) if (kind, RDFS.label, None) in graph
                else kind.split("#")[-1],
                "definition": _definition(graph, prop, lang),
                "domain": [v for d in graph.objects(prop, RDFS.domain)
                           for v in _class_expression(graph, d, lang, base_iri)],
                "range": [v for r in graph.objects(prop, RDFS.range)
                          for v in _class_expression(graph, r, lang, base_iri)],
                "parents": [value_of(graph, p, lang, base_iri)
                            for p in graph.objects(prop, RDFS.subPropertyOf)]})
    supers = {str(c): [value_of(graph, s, lang, base_iri) for s in graph.objects(c, RDFS.subClassOf)
                       if isinstance(s, URIRef) and s not in classes] for c in classes}
    class_list = [TreeNode(value_of(graph, c, lang, base_iri), _anchor(str(c)),
                           _definition(graph, c, lang)) for c in classes]
    datatypes = [TreeNode(value_of(graph, d, lang, base_iri), _anchor(str(d)),
                          _definition(graph, d, lang))
                 for d in sorted((d for d in graph.subjects(RDF.type, RDFS.Datatype)
                                  if str(d).startswith(namespace)),
                                 key=lambda d: label(graph, d, lang))]
    return {"iri": ontology, "title": str(title) if title else label(graph, subject, lang),
            "class_list": class_list,
            "description": str(description) if description else None,
            "version": str(graph.value(subject, OWL.versionInfo) or ""),
            "classes": [class_node(c) for c in roots], "external_supers": supers,
            "properties": properties, "datatypes": datatypes,
            "schemes": scheme_trees(graph, lang, base_iri)}


def scheme_trees(graph: Graph, lang: str, base_iri: str) -> list[TreeNode]:
    """Every SKOS concept scheme with its concepts as a tree (by ``skos:broader``)."""
    def concept_node(concept: Node) -> TreeNode:
        below = sorted(graph.subjects(SKOS.broader, concept), key=lambda c: _order(c))
        notation = graph.value(concept, SKOS.notation)
        return TreeNode(value_of(graph, concept, lang, base_iri), _anchor(str(concept)),
                        _definition(graph, concept, lang),
                        str(notation) if notation is not None else None,
                        [concept_node(c) for c in below])

    def _order(concept: Node) -> tuple[str, str]:
        notation = graph.value(concept, SKOS.notation)
        return (str(notation or "").zfill(4), label(graph, concept, lang).lower())

    trees = []
    for scheme in sorted(graph.subjects(RDF.type, SKOS.ConceptScheme),
                         key=lambda s: label(graph, s, lang)):
        members = set(graph.subjects(SKOS.inScheme, scheme))
        tops = {*graph.subjects(SKOS.topConceptOf, scheme), *graph.objects(scheme,
                                                                         SKOS.hasTopConcept)}
        tops |= {m for m in members if not set(graph.objects(m, SKOS.broader)) & members}
        node = TreeNode(value_of(graph, scheme, lang, base_iri), _anchor(str(scheme)),
                        _definition(graph, scheme, lang), None,
                        [concept_node(c) for c in sorted(tops, key=_order)])
        trees.append(node)
    return trees
