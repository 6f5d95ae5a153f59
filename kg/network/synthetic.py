"""Synthetic cooperation graphs in the pasb ontology, for tests and benchmarks.

The generator writes what ``docs/modelling.md`` prescribes for the real data — actors
with an ``org:classification`` actor type, bilingual labels, ``pasb:isStateActor`` and
``pasb:basedIn``; cooperations with their programmes (``pasb:hasProgramme``) and period
(``dct:temporal``); programmes with dates (some without, like programme 3 of the paper),
``pasb:hasParticipant``, qualified participations with IATI roles, ``schema:funder``,
grants with amounts and ``pasb:coversCountry``; conventions adopted by international
organisations and national laws passed by governments — so every network query and
measure runs on it unchanged.

The participation structure is meant to look like real development cooperation rather
than a worst case (an earlier version let each country's government join every
programme, which made the actor projection unrealistically dense):

- every actor belongs to one country and joins only programmes that cover it;
- how many programmes an actor joins is heavy-tailed — a Pareto activity with exponent
  2, so most actors join a few programmes and a few join many — but bounded by
  ``max_memberships``;
- programme sizes vary uniformly between ½ and 1½ times their mean;
- most programmes cover one country (70 %), some two (20 %) or three (10 %);
- a country's state government joins the programmes that cover its country, as host
  government, and no other.

Lines are N-Triples, which is also valid Turtle; they are produced as a stream so that a
million participation ties fit in memory.
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.store import OxigraphStore

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
XSD = "http://www.w3.org/2001/XMLSchema#"
PASB = "https://w3id.org/pasb/ontology#"
RES = "https://w3id.org/pasb/resource/"
ORG_CLASSIFICATION = "<http://www.w3.org/ns/org#classification>"
SCHEMA = "https://schema.org/"
ELI_PASSED_BY = "<http://data.europa.eu/eli/ontology#passed_by>"
DCT_TEMPORAL = "<http://purl.org/dc/terms/temporal>"
TIME_INTERVAL = "<http://www.w3.org/2006/time#Interval>"

#: Actor types with their share of the generated actors, class and state flag.
ACTOR_MIX = (
    ("government-body", 0.22, "GovernmentBody", True),
    ("employers-organisation", 0.10, "EmployersOrganisation", False),
    ("workers-organisation", 0.10, "WorkersOrganisation", False),
    ("ngo", 0.33, "NonGovernmentalOrganisation", False),
    ("school", 0.15, "School", False),
    ("network", 0.05, "Network", False),
    ("donor", 0.03, "DonorAgency", True),
    ("statistical-agency", 0.02, "StatisticalAgency", True),
)


def _p(local: str) -> str:
    return f"<{PASB}{local}>"


def _r(local: str) -> str:
    return f"<{RES}{local}>"


def _s(local: str) -> str:
    return f"<{SCHEMA}{local}>"


def _lit(text: str, lang: str) -> str:
    return f'"{text}"@{lang}'


def _typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def _labelled(subject: str, en: str, id_: str) -> Iterator[str]:
    yield f"{subject} {RDFS_LABEL} {_lit(en, 'en')} ."
    yield f"{subject} {RDFS_LABEL} {_lit(id_, 'id')} ."


def _actor(subject: str, type_: str, cls: str, state: bool, country: str,
           en: str, id_: str) -> Iterator[str]:
    yield f"{subject} {RDF_TYPE} {_p(cls)} ."
    yield f"{subject} {ORG_CLASSIFICATION} {_r('actor-type-' + type_)} ."
    yield f"{subject} {_p('isStateActor')} {_typed(str(state).lower(), 'boolean')} ."
    yield f"{subject} {_p('basedIn')} {country} ."
    yield from _labelled(subject, en, id_)


def synthetic_triples(
    *,
    n_countries: int = 4,
    n_programmes: int = 10,
    n_actors: int = 100,
    n_ties: int | None = None,
    seed: int = 0,
    max_memberships: int = 100,
    undated_every: int = 10,
) -> Iterator[str]:
    """Generate a cooperation graph as N-Triples lines (see the module for its shape).

    Parameters
    ----------
    n_countries : int
        Countries; each has a state government (counted among the actors) and one
        cooperation, whose period is 2010–2014.
    n_programmes : int
        Cooperation programmes, each implemented by an international organisation, funded
        by one or two donors, covering one to three countries.
    n_actors : int
        Actors in all (international organisations, governments, donors, ministries,
        employers, workers, NGOs, schools, networks, statistical agencies).
    n_ties : int, optional
        Partner participation ties in all (default ``4 * n_actors``), spread over the
        programmes; funders and implementers come on top.
    seed : int
        Seed of the random generator: same arguments, same lines.
    max_memberships : int
        Most programmes one partner other than a government joins.
    undated_every : int
        Every so many programmes states no dates of its own and so takes its
        cooperation's period (0: every programme is dated).

    Examples
    --------
    >>> lines = list(synthetic_triples(n_actors=12, n_programmes=2, seed=3))
    >>> lines == list(synthetic_triples(n_actors=12, n_programmes=2, seed=3))
    True
    """
    rng = random.Random(seed)
    n_countries = max(1, n_countries)
    countries = [_r(f"country-{i:03d}") for i in range(n_countries)]
    for i, c in enumerate(countries):
        yield f"{c} {RDF_TYPE} {_p('Country')} ."
        yield from _labelled(c, f"Country {i}", f"Negara {i}")
    n_ios = max(1, n_actors // 200)
    ios = [_r(f"io-{i:03d}") for i in range(n_ios)]
    for i, a in enumerate(ios):
        yield from _actor(a, "international-organisation", "InternationalOrganisation", False,
                          countries[0], f"International organisation {i}",
                          f"Organisasi internasional {i}")
    governments = [_r(f"government-{i:03d}") for i in range(n_countries)]
    for i, a in enumerate(governments):
        yield from _actor(a, "state-government", "StateGovernment", True, countries[i],
                          f"Government of country {i}", f"Pemerintah negara {i}")
    by_type: dict[str, list[str]] = {}
    pools = [_Pool() for _ in countries]
    rest = max(0, n_actors - n_ios - n_countries)
    weights = [share for _, share, _, _ in ACTOR_MIX]
    for i in range(rest):
        type_, _, cls, state = rng.choices(ACTOR_MIX, weights)[0]
        a, home = _r(f"actor-{i:06d}"), rng.randrange(n_countries)
        by_type.setdefault(type_, []).append(a)
        if type_ != "donor":
            # Pareto activity, exponent 2 (inverse transform of a uniform draw).
            pools[home].add(a, min(1.0 / (1.0 - rng.random()) ** 0.5, max_memberships))
        yield from _actor(a, type_, cls, state, countries[home], f"Actor {i}", f"Aktor {i}")
    donors = by_type.get("donor") or governments[:1]
    instruments = [_r(f"convention-{i:03d}") for i in range(max(2, n_countries // 2))]
    for i, inst in enumerate(instruments):
        yield f"{inst} {RDF_TYPE} {_p('Convention')} ."
        yield f"{inst} {_p('adoptedBy')} {rng.choice(ios)} ."
        yield from _labelled(inst, f"Convention {i}", f"Konvensi {i}")
    for i, gov in enumerate(governments):
        law = _r(f"law-{i:03d}")
        yield f"{law} {RDF_TYPE} {_p('NationalLaw')} ."
        yield f"{law} {ELI_PASSED_BY} {gov} ."
        yield from _labelled(law, f"Law of country {i}", f"Undang-undang negara {i}")
        yield from _cooperation(i, gov)
    n_ties = 4 * n_actors if n_ties is None else n_ties
    mean = max(1.0, n_ties / max(1, n_programmes))
    members = _Members(max_memberships)
    for p in range(n_programmes):
        size = max(1, round(mean * rng.uniform(0.5, 1.5)))
        dated = not undated_every or p % undated_every != undated_every - 1
        yield from _programme(rng, p, size, countries, governments, ios, donors, pools,
                              instruments, members, dated=dated)


class _Pool:
    """The actors of one country with cumulative activity weights, for weighted draws."""

    def __init__(self) -> None:
        self.actors: list[str] = []
        self.cumulative: list[float] = []

    def add(self, actor: str, activity: float) -> None:
        self.actors.append(actor)
        self.cumulative.append((self.cumulative[-1] if self.cumulative else 0.0) + activity)

    def draw(self, rng: random.Random, k: int) -> list[str]:
        if not self.actors or k <= 0:
            return []
        return rng.choices(self.actors, cum_weights=self.cumulative, k=k)


class _Members:
    """How many programmes each partner has joined, against the bound."""

    def __init__(self, bound: int) -> None:
        self.bound, self.count = bound, dict[str, int]()

    def join(self, actor: str) -> bool:
        n = self.count.get(actor, 0)
        if n >= self.bound:
            return False
        self.count[actor] = n + 1
        return True


def _cooperation(i: int, government: str) -> Iterator[str]:
    coop, period = _r(f"cooperation-{i:03d}"), _r(f"period-cooperation-{i:03d}")
    yield f"{coop} {RDF_TYPE} {_p('Cooperation')} ."
    yield from _labelled(coop, f"Cooperation with country {i}", f"Kerja sama dengan negara {i}")
    yield f"{coop} {_p('cooperatingParty')} {government} ."
    yield f"{coop} {DCT_TEMPORAL} {period} ."
    yield f"{period} {RDF_TYPE} {TIME_INTERVAL} ."
    yield from _labelled(period, "2010–2014", "tahun 2010-2014")
    yield f"{period} {_p('startYear')} {_typed(2010, 'gYear')} ."
    yield f"{period} {_p('endYear')} {_typed(2014, 'gYear')} ."


def _participation(prog: str, pslug: str, actor: str, role: str) -> Iterator[str]:
    node = _r(f"participation-{pslug}-{actor[len(RES) + 1:-1]}")
    yield f"{prog} {_p('hasParticipant')} {actor} ."
    yield f"{prog} {_p('hasParticipation')} {node} ."
    yield f"{node} {RDF_TYPE} {_p('Participation')} ."
    yield f"{node} {_p('participant')} {actor} ."
    yield f"{node} {_p('role')} {_r('role-' + role)} ."


def _programme(rng: random.Random, p: int, n_partners: int, countries: list[str],
               governments: list[str], ios: list[str], donors: list[str],
               pools: list[_Pool], instruments: list[str], members: _Members,
               *, dated: bool) -> Iterator[str]:
    pslug = f"programme-{p:05d}"
    prog = _r(pslug)
    start = rng.randrange(2010, 2014)
    end = min(2014, start + rng.randrange(0, 4))
    yield f"{prog} {RDF_TYPE} {_p('CooperationProgramme')} ."
    yield from _labelled(prog, f"Programme {p}", f"Program {p}")
    yield f"{prog} {_p('programmeNumber')} {_typed(p + 1, 'integer')} ."
    if dated:
        yield f"{prog} {_s('startDate')} {_typed(f'{start}-01-01', 'date')} ."
        yield f"{prog} {_s('endDate')} {_typed(f'{end}-12-31', 'date')} ."
    yield f"{prog} {_p('inLineWith')} {rng.choice(instruments)} ."
    n_covered = min(len(countries), rng.choices((1, 2, 3), (0.7, 0.2, 0.1))[0])
    covered = rng.sample(range(len(countries)), k=n_covered)
    yield f"{_r(f'cooperation-{covered[0]:03d}')} {_p('hasProgramme')} {prog} ."
    for c in covered:
        yield f"{prog} {_p('coversCountry')} {countries[c]} ."
    yield from _participation(prog, pslug, rng.choice(ios), "implementing")
    for donor in rng.sample(donors, k=min(len(donors), rng.randint(1, 2))):
        yield from _participation(prog, pslug, donor, "funding")
        yield f"{prog} {_s('funder')} {donor} ."
        grant, amount = _r(f"grant-{pslug}-{donor[len(RES) + 1:-1]}"), _r(f"amount-{pslug}")
        yield f"{grant} {RDF_TYPE} {_p('Grant')} ."
        yield f"{grant} {_s('funder')} {donor} ."
        yield f"{grant} {_p('fundsProgramme')} {prog} ."
        yield f"{grant} {_s('amount')} {amount} ."
        yield f"{amount} {_s('value')} {_typed(rng.randrange(1, 100) * 10_000, 'decimal')} ."
        yield f'{amount} {_s("currency")} "{rng.choice(("EUR", "USD"))}" .'
    partners = {governments[c] for c in covered}  # host governments
    wanted = len(partners) + max(0, n_partners - 1)
    for _ in range(4):  # a few rounds of draws: repeats and actors at the bound are skipped
        missing = wanted - len(partners)
        if missing <= 0:
            break
        for actor in pools[rng.choice(covered)].draw(rng, missing):
            if actor not in partners and members.join(actor):
                partners.add(actor)
    for actor in sorted(partners):
        yield from _participation(prog, pslug, actor, "partner")
        yield f"{prog} {_p('hasPartner')} {actor} ."


def write_synthetic(path: str | Path, **params: int) -> int:
    """Write :func:`synthetic_triples` to ``path`` (``.nt`` or ``.ttl``); return the lines."""
    count = 0
    with Path(path).open("w", encoding="utf-8") as out:
        for line in synthetic_triples(**params):
            out.write(line + "\n")
            count += 1
    return count


def synthetic_store(*, chunk: int = 200_000, **params: int) -> OxigraphStore:
    """An in-memory store holding one synthetic graph (see :func:`synthetic_triples`).

    Loaded ``chunk`` lines at a time, so the text of ten million triples is never held
    at once.

    Examples
    --------
    >>> len(synthetic_store(n_actors=10, n_programmes=1, seed=0)) > 50
    True
    """
    store = OxigraphStore()
    lines: list[str] = []
    for line in synthetic_triples(**params):
        lines.append(line)
        if len(lines) >= chunk:
            store.load("\n".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES)
            lines.clear()
    if lines:
        store.load("\n".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES)
    return store
