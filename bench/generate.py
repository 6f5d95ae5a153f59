"""Write a synthetic dataset in the pasb ontology, as N-Triples, for the SPARQL benchmark.

The shapes follow docs/modelling.md: actors typed under ``pasb:Organisation`` with an
``org:classification`` actor-type concept, programmes (``pasb:CooperationProgramme``)
with one ``pasb:hasParticipant`` triple per actor plus a qualified ``pasb:Participation``
node (``pasb:participant``, ``pasb:role``), grants with a ``schema:MonetaryAmount``,
and ``qb:Observation``s; every resource has an ``@en`` and an ``@id`` label.

The output is deterministic for a seed and a size::

    python bench/generate.py --triples 100000 -o bench/_work/synthetic-1e5.nt
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PASB = "https://w3id.org/pasb/ontology#"
RES = "https://w3id.org/pasb/resource/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
SCHEMA = "https://schema.org/"
QB = "http://purl.org/linked-data/cube#"
SDMX_MEASURE = "http://purl.org/linked-data/sdmx/2009/measure#"
SDMX_DIMENSION = "http://purl.org/linked-data/sdmx/2009/dimension#"
SDMX_ATTRIBUTE = "http://purl.org/linked-data/sdmx/2009/attribute#"

#: (class local name, actor-type slug, is a state actor)
ACTOR_KINDS = [
    ("InternationalOrganisation", "international-organisation", False),
    ("StateGovernment", "state-government", True),
    ("GovernmentBody", "government-body", True),
    ("DonorAgency", "donor", True),
    ("EmployersOrganisation", "employers-organisation", False),
    ("WorkersOrganisation", "workers-organisation", False),
    ("NonGovernmentalOrganisation", "ngo", False),
    ("School", "school", False),
    ("Network", "network", False),
    ("StatisticalAgency", "statistical-agency", True),
]
ROLES = ["funding", "accountable", "extending", "implementing", "partner"]
CURRENCIES = ["USD", "EUR", "IDR", "SEK"]
UNITS = ["persons", "children", "cases"]
WORDS_EN = [
    "child",
    "labour",
    "education",
    "youth",
    "skills",
    "training",
    "rights",
    "school",
    "work",
    "transition",
    "agriculture",
    "domestic",
    "fisheries",
    "mining",
    "protection",
    "decent",
    "elimination",
    "national",
    "regional",
    "urban",
]
WORDS_ID = [
    "anak",
    "pekerja",
    "pendidikan",
    "pemuda",
    "keterampilan",
    "pelatihan",
    "hak",
    "sekolah",
    "kerja",
    "transisi",
    "pertanian",
    "rumah",
    "perikanan",
    "tambang",
    "perlindungan",
    "layak",
    "penghapusan",
    "nasional",
    "daerah",
    "kota",
]

#: Triples written per entity of each kind (measured on the shapes below), to size a run.
TRIPLES_PER = {"actor": 8, "programme": 9, "participant": 5, "grant": 11, "observation": 10}


@dataclass(frozen=True)
class Sizes:
    """How many of each entity a run writes."""

    countries: int
    actors: int
    programmes: int
    participants_per_programme: int
    grants: int
    observations: int

    @classmethod
    def for_triples(cls, triples: int) -> Sizes:
        """Sizes whose output is close to ``triples`` triples."""
        per_programme = 6
        # Budget: 25 % actors, 45 % programmes with participations, 15 % grants,
        # 15 % observations.
        actors = max(10, int(triples * 0.25 / TRIPLES_PER["actor"]))
        programme_cost = TRIPLES_PER["programme"] + per_programme * TRIPLES_PER["participant"]
        programmes = max(2, int(triples * 0.45 / programme_cost))
        grants = max(2, int(triples * 0.15 / TRIPLES_PER["grant"]))
        observations = max(2, int(triples * 0.15 / TRIPLES_PER["observation"]))
        countries = min(200, max(5, actors // 50))
        return cls(countries, actors, programmes, per_programme, grants, observations)


def iri(value: str) -> str:
    return f"<{value}>"


def res(slug: str) -> str:
    return f"<{RES}{slug}>"


def literal(text: str, *, lang: str | None = None, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


def phrase(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n))


def labels(subject: str, en: str, id_: str) -> Iterator[str]:
    yield f"{subject} <{RDFS}label> {literal(en, lang='en')} ."
    yield f"{subject} <{RDFS}label> {literal(id_, lang='id')} ."


def countries(sizes: Sizes) -> Iterator[str]:
    for i in range(sizes.countries):
        s = res(f"country-{i}")
        yield f"{s} <{RDF_TYPE}> <{PASB}Country> ."
        yield from labels(s, f"Country {i}", f"Negara {i}")


def actors(rng: random.Random, sizes: Sizes) -> Iterator[str]:
    for i in range(sizes.actors):
        cls, kind, state = ACTOR_KINDS[rng.randrange(len(ACTOR_KINDS))]
        s = res(f"actor-{i}")
        name = f"{phrase(rng, WORDS_EN, 2).title()} {cls} {i}"
        yield f"{s} <{RDF_TYPE}> <{PASB}{cls}> ."
        yield from labels(s, name, f"{phrase(rng, WORDS_ID, 2).title()} {i}")
        yield f"{s} <{SKOS}altLabel> {literal(f'A{i}', lang='en')} ."
        yield f"{s} <{FOAF}name> {literal(name)} ."
        yield f"{s} <{ORG}classification> {res('actor-type-' + kind)} ."
        yield f"{s} <{PASB}basedIn> {res(f'country-{rng.randrange(sizes.countries)}')} ."
        yield f"{s} <{PASB}isStateActor> {literal(str(state).lower(), datatype=XSD + 'boolean')} ."


def programmes(rng: random.Random, sizes: Sizes) -> Iterator[str]:
    for i in range(sizes.programmes):
        s = res(f"programme-{i}")
        start = 2000 + rng.randrange(20)
        yield f"{s} <{RDF_TYPE}> <{PASB}CooperationProgramme> ."
        yield from labels(
            s,
            f"Programme {i}: {phrase(rng, WORDS_EN, 3)}",
            f"Program {i}: {phrase(rng, WORDS_ID, 3)}",
        )
        yield f"{s} <{PASB}programmeNumber> {literal(str(i), datatype=XSD + 'integer')} ."
        yield f"{s} <{SCHEMA}startDate> {literal(f'{start}-01-01', datatype=XSD + 'date')} ."
        yield (
            f"{s} <{SCHEMA}endDate> "
            f"{literal(f'{start + 1 + rng.randrange(5)}-12-31', datatype=XSD + 'date')} ."
        )
        yield f"{s} <{PASB}coversCountry> {res(f'country-{rng.randrange(sizes.countries)}')} ."
        members = rng.sample(range(sizes.actors), sizes.participants_per_programme)
        yield f"{s} <{SCHEMA}funder> {res(f'actor-{members[0]}')} ."
        yield f"{s} <{PASB}hasPartner> {res(f'actor-{members[-1]}')} ."
        for k, actor in enumerate(members):
            role = "funding" if k == 0 else rng.choice(ROLES[1:])
            p = res(f"participation-{i}-{actor}")
            yield f"{s} <{PASB}hasParticipant> {res(f'actor-{actor}')} ."
            yield f"{s} <{PASB}hasParticipation> {p} ."
            yield f"{p} <{RDF_TYPE}> <{PASB}Participation> ."
            yield f"{p} <{PASB}participant> {res(f'actor-{actor}')} ."
            yield f"{p} <{PASB}role> {res('role-' + role)} ."


def grants(rng: random.Random, sizes: Sizes) -> Iterator[str]:
    for i in range(sizes.grants):
        s, amount = res(f"grant-{i}"), res(f"amount-grant-{i}")
        value = rng.randrange(1, 500) * 10_000
        currency = rng.choice(CURRENCIES)
        yield f"{s} <{RDF_TYPE}> <{PASB}Grant> ."
        yield from labels(s, f"Grant {i}", f"Hibah {i}")
        yield f"{s} <{SCHEMA}funder> {res(f'actor-{rng.randrange(sizes.actors)}')} ."
        yield f"{s} <{PASB}fundsProgramme> {res(f'programme-{rng.randrange(sizes.programmes)}')} ."
        yield f"{s} <{SCHEMA}amount> {amount} ."
        yield f"{s} <{PASB}valueAsWritten> {literal(f'{currency} {value}', lang='id')} ."
        yield f"{amount} <{RDF_TYPE}> <{SCHEMA}MonetaryAmount> ."
        yield f"{amount} <{SCHEMA}value> {literal(str(value), datatype=XSD + 'decimal')} ."
        yield f"{amount} <{SCHEMA}currency> {literal(currency)} ."
        yield f"{amount} <{RDFS}label> {literal(f'{currency} {value}', lang='en')} ."


def observations(rng: random.Random, sizes: Sizes) -> Iterator[str]:
    dataset = res("dataset-synthetic-statistics")
    yield f"{dataset} <{RDF_TYPE}> <{QB}DataSet> ."
    yield from labels(dataset, "Synthetic statistics", "Statistik sintetis")
    for i in range(sizes.observations):
        s = res(f"obs-{i}")
        year = 2000 + rng.randrange(20)
        yield f"{s} <{RDF_TYPE}> <{QB}Observation> ."
        yield from labels(s, f"Observation {i}", f"Observasi {i}")
        yield f"{s} <{QB}dataSet> {dataset} ."
        yield (
            f"{s} <{SDMX_MEASURE}obsValue> "
            f"{literal(str(rng.randrange(1, 10**7)), datatype=XSD + 'decimal')} ."
        )
        yield f"{s} <{SDMX_DIMENSION}refArea> {res(f'country-{rng.randrange(sizes.countries)}')} ."
        yield f"{s} <{SDMX_DIMENSION}refPeriod> {res(f'period-{year}')} ."
        yield f"{s} <{SDMX_ATTRIBUTE}unitMeasure> {res('unit-' + rng.choice(UNITS))} ."
        yield (
            f"{s} <{PASB}measuredQuantity> "
            f"{literal('children in ' + phrase(rng, WORDS_EN, 2), lang='en')} ."
        )
        age = literal(str(5 + rng.randrange(10)), datatype=XSD + "integer")
        yield f"{s} <{PASB}ageMin> {age} ."


def generate(triples: int, *, seed: int = 20101213) -> Iterator[str]:
    """Yield N-Triples lines (without newlines) for a dataset of about ``triples`` triples."""
    rng = random.Random(seed)
    sizes = Sizes.for_triples(triples)
    yield from countries(sizes)
    yield from actors(rng, sizes)
    yield from programmes(rng, sizes)
    yield from grants(rng, sizes)
    yield from observations(rng, sizes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000, help="target size")
    parser.add_argument("--seed", type=int, default=20101213)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with args.output.open("w", encoding="utf-8") as out:
        for line in generate(args.triples, seed=args.seed):
            out.write(line)
            out.write("\n")
            count += 1
    print(f"{count} triples -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
