"""Descriptions of single resources: the queries that fetch them and a readable view.

The library side of the linked-data pages. :func:`bind_values` puts IRIs into the
``VALUES ?var { UNDEF }`` line of a query from ``kg/queries/system/``; :func:`resource_view`
turns the graph of ``resource-context.rq`` into a :class:`ResourceView`: labels in the
reader's language, properties grouped by predicate, incoming links, provenance (the
quoted sentence of the paper and its section), cited sources and data-quality notes.
With the rows of ``resource-statement-kinds.rq`` (:func:`statement_marks`) every value says
which kind of statement it is — stated by the paper, the modeller's interpretation (with
its note) or outside context (with its source) — and a view can keep only what the paper
states.
Kind-specific parts (programmes, actors, sectors, statistics) are in :mod:`kg.views`.

>>> text = "SELECT * WHERE {\\n  VALUES ?resource { UNDEF }\\n  ?resource ?p ?o }"
>>> print(bind_values(text, "resource", [URIRef("https://w3id.org/pasb/resource/ilo")]))
SELECT * WHERE {
  VALUES ?resource { <https://w3id.org/pasb/resource/ilo> }
  ?resource ?p ?o }
>>> format_literal(Literal("2010-01-01", datatype=XSD.date), "id")
'1 Januari 2010'
>>> format_literal(Literal("2000000", datatype=XSD.decimal), "en")
'2,000,000'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import BNode, Node

from kg.errors import QueryError
from kg.named_queries import load_query, queries_dir
from kg.namespaces import PASB, PREFIXES
from kg.term_labels import TERM_LABELS

LANGUAGES = ("en", "id")
SCHEMA = "https://schema.org/"
_UNSAFE_IRI = re.compile(r'[\s<>"{}|^`\\]')
_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"),
}
_BOOLEANS = {"en": ("yes", "no"), "id": ("ya", "tidak")}
#: Labels of reused terms the ontology does not declare (en, id): :mod:`kg.term_labels`.
REUSED_LABELS: dict[str, tuple[str, str]] = TERM_LABELS
#: Predicates a page shows in their own sections, not in the property table.
SECTIONED = {RDF.type, RDFS.label, DCTERMS.description, PROV.wasDerivedFrom, DCTERMS.source,
             PASB.hasDataQualityNote}


def system_query(name: str) -> str:
    """The text of ``kg/queries/system/<name>.rq``."""
    return load_query(name, queries_dir() / "system").text


def bind_values(text: str, variable: str, values: Sequence[Node]) -> str:
    """Replace every ``VALUES ?variable { UNDEF }`` in ``text`` by the given terms (a query
    may repeat it in each branch of a UNION, which lets the engine start from the value).

    :raises QueryError: an IRI holds characters no IRI may hold, or the query has no
        such ``VALUES`` line.
    """
    for value in values:
        if isinstance(value, URIRef) and _UNSAFE_IRI.search(str(value)):
            raise QueryError(f"not a valid IRI: {str(value)!r}")
    terms = " ".join(v.n3() for v in values)
    pattern = re.compile(r"VALUES\s+\?" + re.escape(variable) + r"\s*\{\s*UNDEF\s*\}")
    bound, count = pattern.subn(lambda _m: f"VALUES ?{variable} {{ {terms} }}", text)
    if not count:
        raise QueryError(f"the query has no 'VALUES ?{variable} {{ UNDEF }}' to bind")
    return bound


# -- labels and literals ------------------------------------------------------------------
def local_name(iri: str) -> str:
    """The part of ``iri`` after its last ``#`` or ``/``."""
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri


def prefixed(iri: str) -> str:
    """``iri`` as a prefixed name when a project prefix covers it, else the IRI."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def pick_language(literals: Iterable[Literal], lang: str) -> Literal | None:
    """The literal in ``lang``, else English, else Indonesian, else untagged, else any."""
    items = sorted(literals, key=str)
    for wanted in (lang, "en", "id", None):
        for item in items:
            if item.language == wanted:
                return item
    return items[0] if items else None


def label(graph: Graph, node: Node, lang: str) -> str:
    """A readable name of ``node`` in ``lang``: its label, a known label of a reused
    term, its title, or its local name."""
    for predicate in (RDFS.label, SKOS.prefLabel, DCTERMS.title):
        found = pick_language([o for o in graph.objects(node, predicate)
                               if isinstance(o, Literal)], lang)
        if found is not None:
            return str(found)
    if str(node) in REUSED_LABELS:
        return REUSED_LABELS[str(node)][LANGUAGES.index(lang) if lang in LANGUAGES else 0]
    if isinstance(node, BNode):
        return "…"
    return local_name(str(node)).replace("-", " ")


def _group_digits(number: Decimal, lang: str) -> str:
    text = f"{int(number):,}" if number == number.to_integral_value() else f"{number:,f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "id" else text


def format_literal(literal: Literal, lang: str) -> str:
    """A literal written for a reader: dates with month names, numbers with digit
    grouping, booleans as words; other literals as they are."""
    datatype, text = literal.datatype, str(literal)
    if datatype == XSD.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        year, month, day = (int(p) for p in text.split("-"))
        return f"{day} {_MONTHS.get(lang, _MONTHS['en'])[month - 1]} {year}"
    if datatype in (XSD.decimal, XSD.integer, XSD.int, XSD.long, XSD.nonNegativeInteger):
        try:
            return _group_digits(Decimal(text), lang)
        except InvalidOperation:
            return text
    if datatype == XSD.boolean:
        yes, no = _BOOLEANS.get(lang, _BOOLEANS["en"])
        return yes if text.lower() in ("true", "1") else no
    return text


def format_amount(graph: Graph, amount: Node, lang: str) -> str | None:
    """``EUR 2,000,000`` for a ``schema:MonetaryAmount`` node, ``None`` without a value."""
    value = graph.value(amount, URIRef(SCHEMA + "value"))
    if not isinstance(value, Literal):
        return None
    currency = graph.value(amount, URIRef(SCHEMA + "currency"))
    number = format_literal(value, lang)
    return f"{currency} {number}" if currency is not None else number


# -- the view -----------------------------------------------------------------------------
@dataclass
class Value:
    """One value of a property: a link to one of our resources, an external link, or a
    literal (with its language); ``kind`` is the kind of statement that gives it
    (``paper``, ``interpretation``, ``context``, ``ontology``) and ``note`` what explains
    it (an interpretation's note, a context statement's outside source)."""

    text: str
    iri: str | None = None
    external: bool = False
    lang: str | None = None
    datatype: str | None = None
    kind: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Mark:
    """The kind of statement of one triple and what explains it."""

    kind: str
    note: str | None = None


#: (subject IRI, predicate IRI, object in N-Triples) → the marks of that triple (a triple
#: stated in graphs of two kinds has two).
Marks = dict[tuple[str, str, str], list[Mark]]


def statement_marks(rows: Iterable[dict[str, Node]]) -> Marks:
    """The marks from the rows of ``resource-statement-kinds.rq`` (rdflib terms)."""
    out: Marks = {}
    for row in rows:
        if not {"subject", "property", "value", "kind"} <= set(row):
            continue
        note = row.get("note") or row.get("sourceLabel")
        mark = Mark(str(row["kind"]), str(note) if note is not None else None)
        key = (str(row["subject"]), str(row["property"]), row["value"].n3())
        if mark not in out.setdefault(key, []):
            out[key].append(mark)
    return out


def mark_of(marks: Marks | None, subject: Node, predicate: Node, obj: Node) -> Mark | None:
    """The mark of one triple: the paper's own statement wins over a reading or context."""
    found = (marks or {}).get((str(subject), str(predicate), obj.n3()), [])
    return next((m for m in found if m.kind == "paper"), found[0] if found else None)


def marked(value: Value, marks: Marks | None, subject: Node, predicate: Node,
           obj: Node) -> Value:
    """``value`` with the kind of the triple (subject, predicate, obj) from ``marks``."""
    mark = mark_of(marks, subject, predicate, obj)
    if mark is not None:
        value.kind, value.note = mark.kind, mark.note
    return value


def keep(value: Value, only_paper: bool) -> bool:
    """Whether a view that shows ``only_paper`` keeps ``value``."""
    return _keep(value, only_paper)


def _keep(value: Value, only_paper: bool) -> bool:
    return not only_paper or value.kind in (None, "paper")


@dataclass
class PropertyGroup:
    """The values of one predicate, its label in the reader's language and its prefixed
    name (``org:unitOf``)."""

    predicate: str
    label: str
    values: list[Value] = field(default_factory=list)

    @property
    def prefixed(self) -> str:
        """The predicate as a prefixed name when a project prefix covers it."""
        return prefixed(self.predicate)


@dataclass
class Excerpt:
    """A sentence of the paper a fact is derived from."""

    iri: str
    quote: str
    quote_lang: str | None
    section: Value | None


@dataclass
class Note:
    """A data-quality note on the resource."""

    iri: str
    label: str
    kind: str | None
    as_written: str | None
    comment: str | None
    comment_lang: str | None = None


@dataclass
class ResourceView:
    """Everything a resource page shows, in one language (``only_paper``: only what the
    paper states; ``kinds``: how many of the shown values are of each kind)."""

    iri: str
    lang: str
    label: str
    types: list[Value]
    description: str | None
    description_lang: str | None
    properties: list[PropertyGroup]
    incoming: list[PropertyGroup]
    provenance: list[Excerpt]
    sources: list[Value]
    notes: list[Note]
    kind: str = "resource"
    extra: dict[str, object] = field(default_factory=dict)
    only_paper: bool = False
    kinds: dict[str, int] = field(default_factory=dict)


def is_ours(iri: str, base_iri: str) -> bool:
    """Whether ``iri`` is under the project's base (a resource or an ontology term)."""
    return iri.startswith(base_iri)


def value_of(graph: Graph, node: Node, lang: str, base_iri: str) -> Value:
    """A :class:`Value` for ``node``."""
    if isinstance(node, Literal):
        datatype = str(node.datatype) if node.datatype else None
        return Value(format_literal(node, lang), lang=node.language, datatype=datatype)
    if isinstance(node, URIRef):
        if (node, RDF.type, URIRef(SCHEMA + "MonetaryAmount")) in graph:
            amount = format_amount(graph, node, lang)
            if amount:
                return Value(amount, iri=str(node))
        ours = is_ours(str(node), base_iri)
        text = label(graph, node, lang) if ours or (node, None, None) in graph \
            or str(node) in REUSED_LABELS else prefixed(str(node))
        return Value(text, iri=str(node), external=not ours)
    return Value(label(graph, node, lang))


def _sort_key(value: Value, lang: str) -> tuple[int, str]:
    return (0 if value.lang in (None, lang) else 1, value.text.lower())


def _predicate_order(predicate: str) -> tuple[int, str]:
    if predicate in (str(SKOS.altLabel), str(SKOS.definition)):
        return (0, predicate)
    return (1 if predicate.startswith(str(PASB)) else 2, predicate)


def property_groups(graph: Graph, subject: Node, lang: str, base_iri: str, *,
                    marks: Marks | None = None, only_paper: bool = False
                    ) -> list[PropertyGroup]:
    """The outgoing properties of ``subject`` not shown in a section of their own, each
    value marked with its kind of statement (``marks``); ``only_paper`` keeps only what the
    paper states."""
    groups: dict[str, PropertyGroup] = {}
    for predicate, obj in graph.predicate_objects(subject):
        if predicate in SECTIONED:
            continue
        value = marked(value_of(graph, obj, lang, base_iri), marks, subject, predicate, obj)
        if not _keep(value, only_paper):
            continue
        key = str(predicate)
        group = groups.setdefault(key, PropertyGroup(key, label(graph, predicate, lang)))
        group.values.append(value)
    for group in groups.values():
        group.values.sort(key=lambda v: _sort_key(v, lang))
    return [groups[k] for k in sorted(groups, key=_predicate_order)]


def incoming_groups(graph: Graph, subject: Node, lang: str, base_iri: str) -> list[PropertyGroup]:
    """The resources that link to ``subject``, grouped by the linking predicate."""
    groups: dict[str, PropertyGroup] = {}
    for source, predicate in graph.subject_predicates(subject):
        if not isinstance(source, URIRef):
            continue
        key = str(predicate)
        group = groups.setdefault(key, PropertyGroup(key, label(graph, predicate, lang)))
        group.values.append(value_of(graph, source, lang, base_iri))
    for group in groups.values():
        group.values.sort(key=lambda v: v.text.lower())
    return sorted(groups.values(), key=lambda g: g.label.lower())


def excerpts(graph: Graph, subject: Node, lang: str, base_iri: str, *,
             marks: Marks | None = None, only_paper: bool = False) -> list[Excerpt]:
    """The quoted sentences ``subject`` is derived from, in the order of their sections
    (with ``only_paper``, only those the paper graphs derive it from)."""
    out = []
    for excerpt in graph.objects(subject, PROV.wasDerivedFrom):
        if not _keep(marked(Value(""), marks, subject, PROV.wasDerivedFrom, excerpt), only_paper):
            continue
        quote = graph.value(excerpt, PASB.quote)
        if not isinstance(quote, Literal):
            continue
        section = graph.value(excerpt, PASB.section)
        out.append(Excerpt(str(excerpt), str(quote), quote.language,
                           value_of(graph, section, lang, base_iri) if section else None))
    return sorted(out, key=lambda e: (e.section.text if e.section else "", e.iri))


def notes(graph: Graph, subject: Node, lang: str, *, marks: Marks | None = None,
          only_paper: bool = False) -> list[Note]:
    """The data-quality notes of ``subject`` (with ``only_paper``, those of the paper
    graphs)."""
    out = []
    for note in graph.objects(subject, PASB.hasDataQualityNote):
        if not _keep(marked(Value(""), marks, subject, PASB.hasDataQualityNote, note), only_paper):
            continue
        kind = graph.value(note, PASB.qualityKind)
        written = graph.value(note, PASB.asWritten)
        comment = pick_language([c for c in graph.objects(note, RDFS.comment)
                                 if isinstance(c, Literal)], lang)
        out.append(Note(str(note), label(graph, note, lang),
                        label(graph, kind, lang) if kind is not None else None,
                        str(written) if written is not None else None,
                        str(comment) if comment is not None else None,
                        comment.language if comment is not None else None))
    return sorted(out, key=lambda n: n.iri)


def _description(graph: Graph, subject: Node, lang: str, marks: Marks | None,
                 only_paper: bool) -> Literal | None:
    for predicate in (DCTERMS.description, SKOS.definition):
        kept = [d for d in graph.objects(subject, predicate) if isinstance(d, Literal)
                and _keep(marked(Value(""), marks, subject, predicate, d), only_paper)]
        found = pick_language(kept, lang)
        if found is not None:
            return found
    return None


def resource_view(graph: Graph, iri: str, lang: str, *, base_iri: str,
                  marks: Marks | None = None, only_paper: bool = False) -> ResourceView:
    """The :class:`ResourceView` of ``iri`` from the graph of ``resource-context.rq``.

    :param marks: the kinds of statement of the resource's triples
        (:func:`statement_marks`); without them no value is marked.
    :param only_paper: keep only what the paper states.
    """
    subject = URIRef(iri)
    description = _description(graph, subject, lang, marks, only_paper)
    types = sorted((value_of(graph, t, lang, base_iri) for t in graph.objects(subject, RDF.type)),
                   key=lambda v: (v.external, v.text))
    sources = [marked(value_of(graph, s, lang, base_iri), marks, subject, DCTERMS.source, s)
               for s in graph.objects(subject, DCTERMS.source)]
    view = ResourceView(
        iri=iri, lang=lang, label=label(graph, subject, lang), types=types,
        description=str(description) if description is not None else None,
        description_lang=description.language if description is not None else None,
        properties=property_groups(graph, subject, lang, base_iri, marks=marks,
                                   only_paper=only_paper),
        incoming=incoming_groups(graph, subject, lang, base_iri),
        provenance=excerpts(graph, subject, lang, base_iri, marks=marks, only_paper=only_paper),
        sources=sorted((s for s in sources if _keep(s, only_paper)), key=lambda v: v.text),
        notes=notes(graph, subject, lang, marks=marks, only_paper=only_paper),
        only_paper=only_paper,
    )
    counted = [v for g in view.properties for v in g.values] + view.sources
    for value in counted:
        if value.kind:
            view.kinds[value.kind] = view.kinds.get(value.kind, 0) + 1
    return view
