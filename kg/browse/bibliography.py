"""The works the paper cites as a reference list (the ``/bibliography`` page): the
entries as the paper prints them, in its order, then the works it cites only in the
text, each with its in-text forms and every resource of the graph that cites it."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.browse import Facts, Reader, Table, read_facts
from kg.describe import Value
from kg.store import Store


@dataclass
class Reference:
    """One cited work."""

    reference: Value
    kinds: list[Value]
    citation: str | None
    title: Value | None
    creators: list[Value]
    year: str | None
    publisher: str | None
    uri: str | None
    in_reference_list: bool | None
    cited_as: list[Value] = field(default_factory=list)
    related: list[Value] = field(default_factory=list)
    notes: list[Value] = field(default_factory=list)
    cited_by: list[Value] = field(default_factory=list)


def _reference(facts: Facts, iri: str, reader: Reader) -> Reference:
    in_list = facts.first(iri, "in_list")
    creators = [reader.ref(c) for c in facts.all(iri, "creator_actor")]
    creators += [Value(c) for c in facts.all(iri, "creator")]
    return Reference(
        reader.ref(iri), [reader.ref(k) for k in facts.all(iri, "type")],
        facts.first(iri, "citation"), facts.text(iri, "title", reader.lang), creators,
        (facts.first(iri, "year") or "")[:4] or None, facts.first(iri, "publisher"),
        facts.first(iri, "uri"), None if in_list is None else in_list in ("true", "1"),
        facts.every(iri, "cited_as", reader.lang),
        [reader.ref(r) for r in facts.all(iri, "related")],
        [reader.ref(n) for n in facts.all(iri, "note")],
        sorted((reader.ref(c) for c in facts.all(iri, "cited_by")), key=reader.sort_key))


@dataclass
class Bibliography:
    """The reference list as printed, and the works cited in the text only."""

    listed: list[Reference]
    text_only: list[Reference]


def bibliography(store: Store, reader: Reader) -> Bibliography:
    """The works ``store``'s paper references, the printed list in its (alphabetical)
    order."""
    facts = read_facts(store, "browse-bibliography")
    found = [_reference(facts, iri, reader) for iri in facts.items()]

    def order(r: Reference) -> tuple[str, str]:
        return ((r.citation or r.reference.text).casefold(), r.reference.iri or "")

    return Bibliography(sorted((r for r in found if r.in_reference_list is not False), key=order),
                        sorted((r for r in found if r.in_reference_list is False), key=order))


def bibliography_table(bib: Bibliography) -> Table:
    """One CSV row per work."""
    rows = [(r.reference.iri or "", r.reference.text, r.citation or "",
             r.title.text if r.title else "", " | ".join(c.text for c in r.creators),
             r.year or "", r.publisher or "", r.uri or "",
             "" if r.in_reference_list is None else str(r.in_reference_list).lower(),
             " | ".join(c.text for c in r.cited_as), str(len(r.cited_by)),
             " | ".join(c.iri or "" for c in r.cited_by))
            for r in [*bib.listed, *bib.text_only]]
    return Table(("reference", "label", "citation_as_printed", "title", "creators", "year",
                  "publisher", "uri", "in_reference_list", "cited_as", "cited_by_count",
                  "cited_by"), rows)


