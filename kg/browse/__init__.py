"""The data of the browse pages a researcher expects: every actor by actor type with its
programmes (:mod:`.actors`), the programmes on a timeline (:mod:`.programmes`), Table 1
as the paper prints it (:mod:`.table1`), the statistics with their values
(:mod:`.statistics`), the legal instruments with their articles (:mod:`.law`) and the
bibliography with what cites each work (:mod:`.bibliography`).

Each page reads the store through named queries of ``kg/queries/system/browse-*.rq`` (any
:class:`~kg.store.Store`) and returns plain dataclasses whose values are
:class:`~kg.describe.Value` objects in the reader's language, plus a flat table (column
names and rows of strings) for CSV. Labels come from a :class:`~kg.labels.LabelIndex`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.describe import Value, local_name, system_query
from kg.kinds import Kind, kind_of
from kg.labels import LabelIndex
from kg.store import Store, select_values


@dataclass(frozen=True)
class Table:
    """A flat table for CSV: column names and rows of strings (empty for no value)."""

    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]


@dataclass
class Facts:
    """Facts read from a query of the form ``SELECT ?item ?key ?value ?lang ?graph``: for
    each item, each key's values with their language, in the order the store gave them,
    and the named graphs that state each (``?graph`` may be left out or unbound)."""

    values: dict[str, dict[str, list[tuple[str, str | None]]]] = field(default_factory=dict)
    graphs: dict[tuple[str, str, str], set[str | None]] = field(default_factory=dict)

    def kind(self, item: str, key: str, value: str, kinds: dict[str, Kind]) -> Kind | None:
        """The kind of statement of one fact (the paper's when several graphs state it)."""
        return kind_of(self.graphs.get((item, key, value), set()), kinds)

    def items(self) -> list[str]:
        """Every item, sorted."""
        return sorted(self.values)

    def all(self, item: str, key: str) -> list[str]:
        """Every value of ``key`` for ``item``, without repeats."""
        return list(dict.fromkeys(v for v, _ in self.values.get(item, {}).get(key, [])))

    def first(self, item: str, key: str) -> str | None:
        """The first value of ``key`` for ``item`` (``None`` without one)."""
        found = self.all(item, key)
        return found[0] if found else None

    def text(self, item: str, key: str, lang: str) -> Value | None:
        """The value of ``key`` in ``lang`` (else English, Indonesian, untagged, any), as a
        :class:`~kg.describe.Value` that knows its language."""
        found = self.values.get(item, {}).get(key, [])
        for wanted in (lang, "en", "id", None):
            for value, value_lang in found:
                if (value_lang or None) == wanted:
                    return Value(value, lang=value_lang or None)
        return Value(found[0][0], lang=found[0][1] or None) if found else None

    def every(self, item: str, key: str, lang: str) -> list[Value]:
        """Every value of ``key`` in every language, those in ``lang`` first (a text
        written alike in two languages once)."""
        found = sorted(dict.fromkeys(self.values.get(item, {}).get(key, [])),
                       key=lambda f: (f[1] != lang, (f[1] or "").casefold(), f[0]))
        seen: dict[str, Value] = {}
        for value, value_lang in found:
            seen.setdefault(value, Value(value, lang=value_lang or None))
        return list(seen.values())

    def texts(self, item: str, key: str, lang: str) -> list[Value]:
        """Every value of ``key`` in the chosen language (see :meth:`text`)."""
        first = self.text(item, key, lang)
        if first is None:
            return []
        return [Value(v, lang=vl or None) for v, vl in self.values[item][key]
                if (vl or None) == first.lang]


def read_facts(store: Store, name: str) -> Facts:
    """Run ``kg/queries/system/<name>.rq`` (``?item ?key ?value ?lang`` and optionally
    ``?graph``) into :class:`Facts`."""
    values: dict[str, dict[str, list[tuple[str, str | None]]]] = defaultdict(
        lambda: defaultdict(list))
    graphs: dict[tuple[str, str, str], set[str | None]] = defaultdict(set)
    for item, key, value, lang, graph in select_values(
            store, system_query(name), ["item", "key", "value", "lang", "graph"]):
        if item is not None and key is not None and value is not None:
            if (value, lang or None) not in values[item][key]:
                values[item][key].append((value, lang or None))
            graphs[(item, key, value)].add(graph)
    return Facts({k: dict(v) for k, v in values.items()}, dict(graphs))


def read_rows(store: Store, name: str, variables: Sequence[str]
              ) -> list[tuple[str | None, ...]]:
    """Run ``kg/queries/system/<name>.rq``; each solution's values of ``variables``."""
    return list(select_values(store, system_query(name), variables))


@dataclass(frozen=True)
class Reader:
    """How a page names things: the labels, the reader's language, the project's base
    IRI (what is not under it is an external link)."""

    labels: LabelIndex
    lang: str
    base_iri: str
    kinds: dict[str, Kind] = field(default_factory=dict)
    """The kind of statement of each named graph (:func:`kg.kinds.graph_kinds`)."""

    def ref(self, iri: str, kind: Kind | None = None) -> Value:
        """A link to ``iri`` labelled in the reader's language, marked when the statement
        that gives it is a reading or outside context (see :meth:`mark`)."""
        name = self.labels.label(iri, self.lang) or local_name(iri).replace("-", " ")
        return self.mark(Value(name, iri=iri, external=not iri.startswith(self.base_iri)),
                         kind)

    @staticmethod
    def mark(value: Value, kind: Kind | None) -> Value:
        """``value`` marked with ``kind`` when that is not what the paper states (a page
        says that unmarked values are the paper's)."""
        if kind in (Kind.INTERPRETATION, Kind.CONTEXT):
            value.kind = kind.value
        return value

    def sort_key(self, value: Value) -> str:
        """Order by label, ignoring case."""
        return value.text.casefold()


def as_int(text: str | None) -> int | None:
    """``text`` as an integer, or ``None``."""
    try:
        return int(float(text)) if text is not None else None
    except ValueError:
        return None
