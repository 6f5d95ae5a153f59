"""The legal instruments the paper invokes, each with its articles (sub-articles under
their article), what each provides, what of the paper corresponds to them (outside
context: the four types of PASB and C182 Article 3) and what is done in line with them
(the ``/legal-instruments`` page)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Literal
from rdflib.namespace import XSD

from kg.browse import Facts, Reader, Table, read_facts
from kg.describe import Value, format_literal
from kg.kinds import kind_of
from kg.store import Store


@dataclass
class Article:
    """An article (or sub-article) of an instrument."""

    article: Value
    number: str | None
    provides: list[Value] = field(default_factory=list)
    corresponds: list[Value] = field(default_factory=list)
    parts: list[Article] = field(default_factory=list)


@dataclass
class Instrument:
    """A legal instrument and its articles."""

    instrument: Value
    kinds: list[Value]
    date: str | None
    by: list[Value]
    coverage: list[Value]
    provides: list[Value]
    corresponds: list[Value]
    followed_by: list[Value]
    articles: list[Article]


def _number_key(number: str | None) -> list[object]:
    return [int(p) if p.isdigit() else p for p in re.findall(r"\d+|[a-z]+", number or "")]


def _article(facts: Facts, iri: str, reader: Reader) -> Article:
    parts = [_article(facts, a, reader) for a in facts.items()
             if iri in facts.all(a, "part_of") and facts.first(a, "kind") == "article"]
    return Article(reader.ref(iri, facts.kind(iri, "kind", "article", reader.kinds)),
                   facts.first(iri, "number"), facts.texts(iri, "provides", reader.lang),
                   sorted((reader.ref(d, facts.kind(iri, "corresponds", d, reader.kinds))
                           for d in facts.all(iri, "corresponds")), key=reader.sort_key),
                   sorted(parts, key=lambda a: _number_key(a.number)))


def instruments(store: Store, reader: Reader) -> list[Instrument]:
    """Every legal instrument of ``store`` with its article tree, ordered by label."""
    facts = read_facts(store, "browse-law")
    out = []
    for iri in facts.items():
        if facts.first(iri, "kind") != "instrument":
            continue
        date = facts.first(iri, "date")
        articles = [_article(facts, a, reader) for a in facts.items()
                    if iri in facts.all(a, "part_of") and facts.first(a, "kind") == "article"]
        classes = facts.all(iri, "class")
        stated = kind_of(set().union(*(facts.graphs.get((iri, "class", c), set())
                                       for c in classes)), reader.kinds)
        out.append(Instrument(
            reader.ref(iri, stated), [reader.ref(k) for k in classes],
            format_literal(Literal(date, datatype=XSD.date), reader.lang) if date else None,
            [reader.ref(b) for b in facts.all(iri, "by")],
            [reader.ref(c) for c in facts.all(iri, "coverage")],
            facts.texts(iri, "provides", reader.lang),
            sorted((reader.ref(d, facts.kind(iri, "corresponds", d, reader.kinds))
                    for d in facts.all(iri, "corresponds")), key=reader.sort_key),
            sorted((reader.ref(f) for f in facts.all(iri, "followed_by")), key=reader.sort_key),
            sorted(articles, key=lambda a: _number_key(a.number))))
    return sorted(out, key=lambda i: reader.sort_key(i.instrument))


def instruments_table(found: list[Instrument]) -> Table:
    """One CSV row per instrument and per article, with what it provides."""
    rows = []

    def walk(instrument: Instrument, article: Article) -> None:
        rows.append((instrument.instrument.iri or "", instrument.instrument.text,
                     article.article.iri or "", article.number or "",
                     " | ".join(p.text for p in article.provides),
                     " | ".join(d.iri or "" for d in article.corresponds)))
        for part in article.parts:
            walk(instrument, part)

    for i in found:
        rows.append((i.instrument.iri or "", i.instrument.text, "", "",
                     " | ".join(p.text for p in i.provides),
                     " | ".join(d.iri or "" for d in i.corresponds)))
        for article in i.articles:
            walk(i, article)
    return Table(("instrument", "instrument_label", "article", "article_number", "provides",
                  "corresponds"), rows)
