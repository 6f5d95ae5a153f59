"""The cooperation and its programmes on a timeline (the ``/programmes`` page): periods
as the paper states them, and a programme without dates of its own (programme 3) shown
as such, across the period of the cooperation that lists it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from rdflib import Literal
from rdflib.namespace import XSD

from kg.browse import Facts, Reader, Table, as_int, read_facts
from kg.describe import Value, format_literal
from kg.store import Store


@dataclass
class Span:
    """Where a bar sits on the timeline, in per cent of its width."""

    left: float
    width: float


@dataclass
class Programme:
    """One programme as the timeline shows it."""

    programme: Value
    number: int | None
    start: str | None
    end: str | None
    start_date: str | None
    end_date: str | None
    period_as_written: Value | None
    aims: list[Value] = field(default_factory=list)
    funders: list[Value] = field(default_factory=list)
    supported_by: list[Value] = field(default_factory=list)
    notes: list[Value] = field(default_factory=list)
    cooperation: Value | None = None
    span: Span | None = None
    dates_kind: str | None = None
    """``interpretation`` or ``context`` when a date is not what the paper states."""

    @property
    def dated(self) -> bool:
        """Whether the paper gives the programme dates of its own."""
        return self.start_date is not None or self.end_date is not None


@dataclass
class Cooperation:
    """A cooperation that lists programmes, with the years of its period."""

    cooperation: Value
    start_year: int | None
    end_year: int | None
    period_as_written: Value | None
    span: Span | None = None


@dataclass
class Timeline:
    """The years on the axis, the cooperations and their programmes in order."""

    years: list[int]
    cooperations: list[Cooperation]
    programmes: list[Programme]


def _fraction(date: str, *, end: bool) -> float | None:
    try:
        day = datetime.date.fromisoformat(date[:10])
    except ValueError:
        return None
    first = datetime.date(day.year, 1, 1)
    length = (datetime.date(day.year + 1, 1, 1) - first).days
    return day.year + ((day - first).days + (1 if end else 0)) / length


def _span(start: float | None, end: float | None, first: int, last: int) -> Span | None:
    if start is None or end is None:
        return None
    total = last + 1 - first
    return Span(round(100 * (start - first) / total, 2), round(100 * (end - start) / total, 2))


def _date(value: str | None, lang: str) -> str | None:
    return format_literal(Literal(value, datatype=XSD.date), lang) if value else None


def _programme(facts: Facts, iri: str, reader: Reader) -> Programme:
    cooperation = facts.first(iri, "cooperation")

    def refs(key: str) -> list[Value]:
        return sorted((reader.ref(v, facts.kind(iri, key, v, reader.kinds))
                       for v in facts.all(iri, key)), key=reader.sort_key)

    start, end = facts.first(iri, "start"), facts.first(iri, "end")
    dates = [reader.mark(Value(""), facts.kind(iri, key, value, reader.kinds)).kind
             for key, value in (("start", start), ("end", end)) if value]
    return Programme(
        reader.ref(iri), as_int(facts.first(iri, "number")),
        _date(start, reader.lang), _date(end, reader.lang), start, end,
        facts.text(iri, "written", reader.lang), facts.texts(iri, "aim", reader.lang),
        refs("funder"), refs("supported_by"), [reader.ref(n) for n in facts.all(iri, "note")],
        reader.ref(cooperation) if cooperation else None,
        dates_kind=next((k for k in dates if k), None))


def timeline(store: Store, reader: Reader) -> Timeline:
    """The programmes of ``store`` in order, placed on one axis of years."""
    facts = read_facts(store, "browse-programmes")
    programmes = sorted((_programme(facts, i, reader) for i in facts.items()
                         if facts.first(i, "kind") == "programme"),
                        key=lambda p: (p.number or 99, reader.sort_key(p.programme)))
    cooperations = [Cooperation(reader.ref(i), as_int(facts.first(i, "start_year")),
                                as_int(facts.first(i, "end_year")),
                                facts.text(i, "written", reader.lang))
                    for i in facts.items() if facts.first(i, "kind") == "cooperation"]
    bounds: dict[str, tuple[float | None, float | None]] = {}
    for p in programmes:
        bounds[p.programme.iri or ""] = (_fraction(p.start_date, end=False) if p.start_date
                                         else None,
                                         _fraction(p.end_date, end=True) if p.end_date else None)
    for c in cooperations:
        if c.start_year is not None and c.end_year is not None:
            bounds[c.cooperation.iri or ""] = (float(c.start_year), float(c.end_year + 1))
    known = [y for pair in bounds.values() for y in pair if y is not None]
    if not known:
        return Timeline([], cooperations, programmes)
    first, last = int(min(known)), int(max(known) - 1e-9)
    for c in cooperations:
        c.span = _span(*bounds.get(c.cooperation.iri or "", (None, None)), first, last)
    periods = {c.cooperation.iri: bounds.get(c.cooperation.iri or "") for c in cooperations}
    for p in programmes:
        start, end = bounds[p.programme.iri or ""]
        if start is None and end is None and p.cooperation is not None:
            start, end = periods.get(p.cooperation.iri) or (None, None)
        p.span = _span(start, end, first, last)
    return Timeline(list(range(first, last + 1)), cooperations, programmes)


def timeline_table(line: Timeline) -> Table:
    """One row per programme: dates as given (empty when the paper gives none)."""
    rows = [(p.programme.iri or "", p.programme.text, str(p.number or ""), p.start_date or "",
             p.end_date or "", p.period_as_written.text if p.period_as_written else "",
             " | ".join(f.text for f in p.funders),
             p.cooperation.iri if p.cooperation else "") for p in line.programmes]
    return Table(("programme", "programme_label", "number", "start_date", "end_date",
                  "period_as_written", "funders", "cooperation"), rows)
