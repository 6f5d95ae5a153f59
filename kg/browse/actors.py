"""Every actor of the graph, grouped by actor type, with the programmes it takes part in
and its role in each (the ``/actors`` page)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.browse import Reader, Table, as_int, read_facts, read_rows
from kg.describe import Value
from kg.kinds import kind_of
from kg.store import Store


@dataclass
class Participation:
    """A programme an actor takes part in, with its role there (when the graph says)."""

    programme: Value
    number: int | None
    role: Value | None


@dataclass
class Actor:
    """One actor: its name, its other names, whether it is a state actor, its programmes."""

    actor: Value
    names: list[Value] = field(default_factory=list)
    state_actor: bool | None = None
    programmes: list[Participation] = field(default_factory=list)
    state_kind: str | None = None
    """``interpretation`` or ``context`` when the state flag is not the paper's."""


@dataclass
class ActorGroup:
    """The actors of one actor type."""

    actor_type: Value
    actors: list[Actor]


@dataclass
class ActorsPage:
    """The programmes (the columns of the page, in their order) and the actor groups."""

    programmes: list[Participation]
    groups: list[ActorGroup]


def actors_page(store: Store, reader: Reader) -> ActorsPage:
    """The actors of ``store`` by actor type (types and actors ordered by label), and the
    programmes they take part in."""
    facts = read_facts(store, "browse-actors")
    taking_part: dict[str, list[Participation]] = defaultdict(list)
    for actor, programme, number, role, graph, role_graph in read_rows(
            store, "browse-actor-programmes",
            ["actor", "programme", "number", "role", "graph", "roleGraph"]):
        if actor and programme:
            taking_part[actor].append(Participation(
                reader.ref(programme, kind_of({graph}, reader.kinds)), as_int(number),
                reader.ref(role, kind_of({role_graph}, reader.kinds)) if role else None))
    groups: dict[str, list[Actor]] = defaultdict(list)
    for iri in facts.items():
        state = facts.first(iri, "state")
        programmes = sorted(taking_part.get(iri, []),
                            key=lambda p: (p.number or 99, reader.sort_key(p.programme)))
        actor = Actor(reader.ref(iri), names=facts.every(iri, "name", reader.lang),
                      state_actor=None if state is None else state in ("true", "1"),
                      programmes=programmes,
                      state_kind=reader.mark(Value(""), facts.kind(
                          iri, "state", state, reader.kinds)).kind if state else None)
        for actor_type in facts.all(iri, "type"):
            groups[actor_type].append(actor)
    out = [ActorGroup(reader.ref(t), sorted(a, key=lambda x: reader.sort_key(x.actor)))
           for t, a in groups.items()]
    columns = {p.programme.iri: Participation(reader.ref(p.programme.iri or ""), p.number, None)
               for ps in taking_part.values() for p in ps}
    return ActorsPage(sorted(columns.values(), key=lambda p: (p.number or 99, p.programme.text)),
                      sorted(out, key=lambda g: reader.sort_key(g.actor_type)))


def actors_table(page: ActorsPage) -> Table:
    """One row per actor and programme (an actor in no programme gets one row)."""
    rows = []
    for group in page.groups:
        for a in group.actors:
            state = "" if a.state_actor is None else str(a.state_actor).lower()
            base = (a.actor.iri or "", a.actor.text, group.actor_type.iri or "",
                    group.actor_type.text, state)
            for p in a.programmes or [None]:
                rows.append(base + ((p.programme.iri or "", p.programme.text,
                                     str(p.number or ""), p.role.iri if p.role else "",
                                     p.role.text if p.role else "") if p else ("",) * 5))
    return Table(("actor", "actor_label", "actor_type", "actor_type_label", "state_actor",
                  "programme", "programme_label", "programme_number", "role", "role_label"),
                 rows)
