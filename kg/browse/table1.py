"""Table 1 of the paper as it prints it (the ``/table-1`` page): one row per sector, its
risks and its possible consequences as the bullets of the two cells, each bullet linked
to the resources read from it (a bullet holding several items backs each of them)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.browse import Facts, Reader, Table, as_int, read_facts
from kg.describe import Value
from kg.store import Store


@dataclass
class Bullet:
    """One bullet of a cell: the wording the paper prints and the items read from it."""

    quote: Value | None
    excerpt: Value | None
    items: list[Value] = field(default_factory=list)


@dataclass
class SectorRow:
    """One row of the table."""

    sector: Value
    row: int | None
    as_written: Value | None
    risks: list[Bullet]
    consequences: list[Bullet]
    sources: list[Value]
    """The works the table cites for the items of this row."""


def _bullets(facts: Facts, items: list[str], reader: Reader) -> list[Bullet]:
    """The items of one cell grouped by the bullet they are read from, in table order."""
    order: dict[str, int] = {}
    grouped: dict[str, list[str]] = defaultdict(list)
    for item in items:
        position = as_int(facts.first(item, "position")) or 0
        quoted = [b for b in facts.all(item, "bullet") if facts.first(b, "quote")]
        key = quoted[0] if quoted else item
        grouped[key].append(item)
        order[key] = min(order.get(key, position), position)
    out = []
    for key in sorted(grouped, key=lambda k: (order[k], k)):
        members = sorted(grouped[key], key=lambda i: as_int(facts.first(i, "position")) or 0)
        is_excerpt = key not in members
        out.append(Bullet(facts.text(key, "quote", "id") if is_excerpt else None,
                          reader.ref(key) if is_excerpt else None,
                          [reader.ref(m) for m in members]))
    return out


def table_one(store: Store, reader: Reader) -> list[SectorRow]:
    """The rows of Table 1 in the paper's order."""
    facts = read_facts(store, "browse-table1")
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for item in facts.items():
        kind = facts.first(item, "kind")
        if kind in ("risk", "consequence"):
            for sector in facts.all(item, "of"):
                cells[(sector, kind)].append(item)
    rows = []
    for sector in facts.items():
        if facts.first(sector, "kind") != "sector":
            continue
        rows.append(SectorRow(
            reader.ref(sector), as_int(facts.first(sector, "row")),
            facts.text(sector, "as_written", "id"),
            _bullets(facts, cells[(sector, "risk")], reader),
            _bullets(facts, cells[(sector, "consequence")], reader),
            sorted((reader.ref(s) for s in dict.fromkeys(
                s for kind in ("risk", "consequence") for item in cells[(sector, kind)]
                for s in facts.all(item, "source"))), key=reader.sort_key)))
    return sorted(rows, key=lambda r: (r.row or 99, reader.sort_key(r.sector)))


def table_one_table(rows: list[SectorRow]) -> Table:
    """One CSV row per item of a cell: sector, column, bullet number, item, wording."""
    out = []
    for row in rows:
        for column, bullets in (("risk", row.risks), ("consequence", row.consequences)):
            for number, bullet in enumerate(bullets, 1):
                for item in bullet.items:
                    out.append((row.sector.iri or "", row.sector.text, str(row.row or ""),
                                column, str(number), item.iri or "", item.text,
                                bullet.quote.text if bullet.quote else ""))
    return Table(("sector", "sector_label", "row", "column", "bullet", "item", "item_label",
                  "bullet_as_printed"), out)
