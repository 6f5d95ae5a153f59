"""Link targets (Wikidata, DBpedia, any endpoint shaped like one) and the kinds of entity.

A :class:`Target` says where to ask, which named queries find candidates and check types,
and which classes count as a type match for each :class:`Kind`. The class identifiers are
vocabulary of the target, not links of ours; ``tests/kg/linking/test_live.py`` checks the
Wikidata ones against the real Wikidata.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from types import MappingProxyType

from kg.errors import UnknownNameError
from kg.namespaces import PASB

WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
DBPEDIA_ENDPOINT = "https://dbpedia.org/sparql"
WD = "http://www.wikidata.org/entity/"
DBO = "http://dbpedia.org/ontology/"


class Kind(Enum):
    """What an entity is, for the type constraint."""

    ORGANISATION = "organisation"
    GOVERNMENT_AGENCY = "government agency"
    TREATY = "treaty"
    INSTRUMENT = "legal instrument"
    COUNTRY = "country"
    PROVINCE = "province"
    CONCEPT = "concept"


#: Our classes → kind; when an entity has several classes the first kind listed wins.
KIND_OF_CLASS: Mapping[str, Kind] = MappingProxyType({
    str(PASB.Country): Kind.COUNTRY,
    str(PASB.Province): Kind.PROVINCE,
    str(PASB.Convention): Kind.TREATY,
    str(PASB.Declaration): Kind.INSTRUMENT,
    str(PASB.NationalLaw): Kind.INSTRUMENT,
    str(PASB.PolicyPlan): Kind.INSTRUMENT,
    str(PASB.GovernmentBody): Kind.GOVERNMENT_AGENCY,
    str(PASB.StatisticalAgency): Kind.GOVERNMENT_AGENCY,
    str(PASB.DonorAgency): Kind.GOVERNMENT_AGENCY,
    str(PASB.StateGovernment): Kind.ORGANISATION,
    str(PASB.InternationalOrganisation): Kind.ORGANISATION,
    str(PASB.EmployersOrganisation): Kind.ORGANISATION,
    str(PASB.WorkersOrganisation): Kind.ORGANISATION,
    str(PASB.NonGovernmentalOrganisation): Kind.ORGANISATION,
    str(PASB.School): Kind.ORGANISATION,
    str(PASB.Network): Kind.ORGANISATION,
    str(PASB.OrganisationalProgramme): Kind.ORGANISATION,
    str(PASB.Organisation): Kind.ORGANISATION,
    "http://www.w3.org/2004/02/skos/core#Concept": Kind.CONCEPT,
})
_PRIORITY = list(dict.fromkeys(KIND_OF_CLASS.values()))


def kind_of(classes: set[str]) -> Kind | None:
    """The kind of an entity with these classes (``None``: not reconciled)."""
    kinds = {KIND_OF_CLASS[c] for c in classes if c in KIND_OF_CLASS}
    return min(kinds, key=_PRIORITY.index) if kinds else None


@dataclass(frozen=True)
class Target:
    """A dataset to link to.

    :param name: short name; also the links file ``kg/data/links/<name>.ttl``.
    :param endpoint: its SPARQL endpoint.
    :param namespace: IRI prefix of its entities.
    :param dataset: IRI of the dataset as a whole (``dct:source`` of enriched facts).
    :param queries: prefix of its named queries in ``kg/queries/linking``.
    :param types: allowed classes per kind (no entry: no type constraint).
    :param title: the dataset's name, for the outside source its links and facts cite.
    :param publisher: who publishes the dataset.
    """

    name: str
    endpoint: str
    namespace: str
    dataset: str
    queries: str
    types: Mapping[Kind, tuple[str, ...]] = field(default_factory=dict)
    title: str = ""
    publisher: str = ""

    def with_(self, **changes: object) -> Target:
        """A copy with ``changes`` (e.g. another endpoint, or the fixture's classes)."""
        return replace(self, **changes)  # type: ignore[arg-type]


def _wd(*qids: str) -> tuple[str, ...]:
    return tuple(WD + q for q in qids)


#: Wikidata classes: organization Q43229, government agency Q327333, ministry Q192350,
#: treaty Q131569, law Q7748, country Q6256, sovereign state Q3624078, province of
#: Indonesia Q5098 (subclasses count, through P279).
WIKIDATA = Target(
    name="wikidata",
    endpoint=WIKIDATA_ENDPOINT,
    namespace=WD,
    dataset="https://www.wikidata.org/",
    queries="wikidata",
    title="Wikidata",
    publisher="Wikimedia Foundation",
    types=MappingProxyType({
        Kind.ORGANISATION: _wd("Q43229"),
        Kind.GOVERNMENT_AGENCY: _wd("Q327333", "Q192350", "Q43229"),
        Kind.TREATY: _wd("Q131569"),
        Kind.INSTRUMENT: _wd("Q131569", "Q7748"),
        Kind.COUNTRY: _wd("Q6256", "Q3624078"),
        Kind.PROVINCE: _wd("Q5098"),
    }),
)

DBPEDIA = Target(
    name="dbpedia",
    endpoint=DBPEDIA_ENDPOINT,
    namespace="http://dbpedia.org/resource/",
    dataset="https://dbpedia.org/",
    queries="dbpedia",
    title="DBpedia",
    publisher="DBpedia Association",
    types=MappingProxyType({
        Kind.ORGANISATION: (DBO + "Organisation",),
        Kind.GOVERNMENT_AGENCY: (DBO + "GovernmentAgency", DBO + "Organisation"),
        Kind.TREATY: (DBO + "Treaty", DBO + "Law"),
        Kind.INSTRUMENT: (DBO + "Treaty", DBO + "Law", DBO + "Document"),
        Kind.COUNTRY: (DBO + "Country",),
        Kind.PROVINCE: (DBO + "AdministrativeRegion",),
    }),
)

TARGETS: Mapping[str, Target] = MappingProxyType({t.name: t for t in (WIKIDATA, DBPEDIA)})


def target_for(endpoint: str | None, *, name: str | None = None) -> Target:
    """The target profile for an endpoint URL (or a target name).

    An unknown endpoint is treated as Wikidata-shaped (a mirror such as QLever's, or a
    local copy): what it finds are links to Wikidata.
    """
    if name is not None:
        try:
            base = TARGETS[name]
        except KeyError:
            raise UnknownNameError(f"unknown target {name!r}; known: "
                                   f"{', '.join(TARGETS)}") from None
        return base.with_(endpoint=endpoint) if endpoint else base
    for target in TARGETS.values():
        if endpoint in (None, target.endpoint):
            return target
    return WIKIDATA.with_(endpoint=endpoint)
