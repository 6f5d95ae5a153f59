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
from kg.labels import LabelIndex
from kg.store import Store, select_values


@dataclass(frozen=True)
class Table:
    """A flat table for CSV: column names and rows of strings (empty for no value)."""

    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]


@dataclass
class Facts:
    """Facts read from a query of the form ``SELECT ?item ?key ?value ?lang``: for each
    item, each key's values with their language, in the order the store gave them."""

    values: dict[str, dict[str, list[tuple[str, str | None]]]] = field(default_factory=dict)

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
    """Run ``kg/queries/system/<name>.rq`` (``?item ?key ?value ?lang``) into :class:`Facts`."""
    values: dict[str, dict[str, list[tuple[str, str | None]]]] = defaultdict(
        lambda: defaultdict(list))
    for item, key, value, lang in select_values(store, system_query(name),
                                                ["item", "key", "value", "lang"]):
        if item is not None and key is not None and value is not None:
            values[item][key].append((value, lang or None))
    return Facts({k: dict(v) for k, v in values.items()})


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

    def ref(self, iri: str) -> Value:
        """A link to ``iri`` labelled in the reader's language."""
        name = self.labels.label(iri, self.lang) or local_name(iri).replace("-", " ")
        return Value(name, iri=iri, external=not iri.startswith(self.base_iri))

    def sort_key(self, value: Value) -> str:
        """Order by label, ignoring case."""
        return value.text.casefold()


def as_int(text: str | None) -> int | None:
    """``text`` as an integer, or ``None``."""
    try:
        return int(float(text)) if text is not None else None
    except ValueError:
        return None
