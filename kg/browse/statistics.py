"""The statistics the paper reports (the ``/statistics`` page, and the table on the page
of a data set): each value with its unit, place, period with its years, age range, what
it counts, the wording of the paper, the work cited for it and any data-quality note."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal
from rdflib.namespace import XSD

from kg.browse import Reader, Table, as_int, read_facts
from kg.describe import Value, format_literal
from kg.store import Store


@dataclass
class Statistic:
    """One observation."""

    observation: Value
    value: str | None
    raw_value: str | None
    unit: Value | None
    area: Value | None
    period: Value | None
    years: str | None
    ages: str | None
    measured: Value | None
    as_written: Value | None
    sources: list[Value] = field(default_factory=list)
    attributed_to: list[Value] = field(default_factory=list)
    notes: list[Value] = field(default_factory=list)
    dataset: Value | None = None


def _range(low: str | None, high: str | None) -> str | None:
    parts = list(dict.fromkeys(p for p in (low, high) if p))
    return "–".join(parts) or None


def statistics(store: Store, reader: Reader, *, dataset: str | None = None) -> list[Statistic]:
    """Every observation of ``store`` (or of one data set), by area, start year and value."""
    facts = read_facts(store, "browse-statistics")

    def one(item: str, key: str) -> Value | None:
        found = facts.first(item, key)
        return reader.ref(found, facts.kind(item, key, found, reader.kinds)) if found else None

    def every(item: str, key: str) -> list[Value]:
        return [reader.ref(v, facts.kind(item, key, v, reader.kinds))
                for v in facts.all(item, key)]

    out = []
    for item in facts.items():
        if dataset is not None and dataset not in facts.all(item, "dataset"):
            continue
        raw = facts.first(item, "value")
        out.append(Statistic(
            reader.ref(item),
            format_literal(Literal(raw, datatype=XSD.decimal), reader.lang) if raw else None,
            raw, one(item, "unit"), one(item, "area"), one(item, "period"),
            _range(facts.first(item, "start_year"), facts.first(item, "end_year")),
            _range(facts.first(item, "age_min"), facts.first(item, "age_max")),
            facts.text(item, "measured", reader.lang), facts.text(item, "as_written", "id"),
            every(item, "source"), every(item, "attributed"),
            [reader.ref(n) for n in facts.all(item, "note")], one(item, "dataset")))

    def order(s: Statistic) -> tuple:
        return (s.area.text.casefold() if s.area else "", as_int((s.years or "9999")[:4]) or 0,
                -float(s.raw_value or 0))

    return sorted(out, key=order)


def statistics_table(rows: list[Statistic]) -> Table:
    """One CSV row per observation."""
    def iri(v: Value | None) -> str:
        return v.iri or "" if v else ""

    def text(v: Value | None) -> str:
        return v.text if v else ""

    return Table(
        ("observation", "label", "measured", "value", "unit", "unit_label", "area",
         "area_label", "period", "period_label", "years", "ages", "value_as_written",
         "source", "source_label", "attributed_to", "data_quality_notes"),
        [(iri(s.observation), text(s.observation), text(s.measured), s.raw_value or "",
          iri(s.unit), text(s.unit), iri(s.area), text(s.area), iri(s.period), text(s.period),
          s.years or "", s.ages or "", text(s.as_written),
          " | ".join(v.iri or "" for v in s.sources), " | ".join(v.text for v in s.sources),
          " | ".join(v.iri or "" for v in s.attributed_to),
          " | ".join(v.iri or "" for v in s.notes)) for s in rows])
