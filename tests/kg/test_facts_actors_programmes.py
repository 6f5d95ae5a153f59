"""Source facts in paper.ttl, bibliography.ttl, actors.ttl, places.ttl, programmes.ttl and
outcomes.ttl.

One test (or parametrized case) per item of /work/shared/SOURCE-FACTS.md that these files
carry: actors and every spelling the paper uses, places, the three programmes (dates,
funder, amount, countries, the exact partner set, aims in both languages, notes), the
cooperation, the outcome and the 2022 target, the claims and the bibliography. Every
assertion runs a SPARQL query (rdflib) and checks the parsed results, so a missing fact
fails its test. ``kg`` is what the paper states (the paper graphs ``kg/data/*.ttl`` and the
ontology); ``full`` adds the modeller's interpretations and outside context
(``kg/data/interpretation/``, ``kg/data/context/``, ``kg/data/links/``), so each test says
which kind of statement a fact is.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

ROOT = Path(__file__).resolve().parents[2]
PAPER_TEXT = ROOT.parent / "shared" / "seed" / "000_d25af36af3266ac0.txt"
RES = "https://w3id.org/pasb/resource/"
WD = "http://www.wikidata.org/entity/"
MY_FILES = ("paper", "bibliography", "actors", "places", "programmes", "outcomes")

PREFIXES = """
PREFIX pasb: <https://w3id.org/pasb/ontology#>
PREFIX res: <https://w3id.org/pasb/resource/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX schema: <https://schema.org/>
PREFIX bibo: <http://purl.org/ontology/bibo/>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@pytest.fixture(scope="module")
def kg() -> Graph:
    """Every Turtle file of the knowledge graph and the ontology, parsed once, in one graph."""
    graph = Graph()
    files = sorted((ROOT / "kg" / "data").glob("*.ttl")) + sorted((ROOT / "ontology").glob("*.ttl"))
    assert files, "no Turtle files found"
    for path in files:
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def mine() -> Graph:
    """Only the files these tests are about (for checks that must not judge other files)."""
    graph = Graph()
    for name in MY_FILES:
        graph.parse(ROOT / "kg" / "data" / f"{name}.ttl", format="turtle")
    return graph


def r(slug: str) -> URIRef:
    return URIRef(RES + slug)


def rows(graph: Graph, query: str, **bindings) -> list[tuple]:
    return [tuple(row) for row in graph.query(PREFIXES + query, initBindings=bindings)]


def values(graph: Graph, query: str, **bindings) -> set:
    """The set of values of the single projected variable (rdflib terms)."""
    return {row[0] for row in graph.query(PREFIXES + query, initBindings=bindings)}


def strings(graph: Graph, query: str, **bindings) -> set[str]:
    return {str(v) for v in values(graph, query, **bindings)}


def label(graph: Graph, node: URIRef, lang: str) -> str:
    found = strings(graph, "SELECT ?l WHERE { ?s rdfs:label ?l FILTER(lang(?l) = ?lang) }",
                    s=node, lang=Literal(lang))
    assert len(found) == 1, f"{node} must have exactly one @{lang} label, has {found}"
    return found.pop()


def all_names(graph: Graph, node: URIRef) -> set[str]:
    return strings(graph, "SELECT ?l WHERE { { ?s rdfs:label ?l } UNION { ?s skos:altLabel ?l } }", s=node)


def quotes(graph: Graph, node: URIRef) -> list[str]:
    return [str(q) for (q,) in rows(graph, """
        SELECT ?q WHERE {
            ?s prov:wasDerivedFrom ?e .
            ?e a pasb:Excerpt ; prov:wasQuotedFrom res:paper ; pasb:quote ?q ; pasb:section ?sec .
        }""", s=node)]


def notes(graph: Graph, node: URIRef, kind: str) -> set[str]:
    """asWritten values of the node's data-quality notes of the given kind."""
    return strings(graph, """
        SELECT ?w WHERE {
            ?s pasb:hasDataQualityNote ?n .
            ?n a pasb:DataQualityNote ; pasb:qualityKind ?k ; pasb:asWritten ?w ; rdfs:comment ?c .
        }""", s=node, k=r(f"dq-kind-{kind}"))


def normalise(text: str) -> str:
    """The paper file is markdown: drop emphasis and backslash escapes, collapse whitespace."""
    text = text.replace("*", "")
    text = re.sub(r"\\+(?=[_$])", "", text)
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------------------
# Actors
# ---------------------------------------------------------------------------

# slug, class, actor type, @en label, @id label, every other spelling the paper uses,
# isStateActor (None: not stated), basedIn, subOrganizationOf, confirmed Wikidata id
ACTORS = [
    ("ilo", "InternationalOrganisation", "international-organisation", "International Labour Organization",
     "International Labour Organization", {"ILO"}, False, None, None, "Q54129"),
    ("ipec", "OrganisationalProgramme", "international-organisation",
     "IPEC, the ILO's programme against child labour", "IPEC", {"IPEC"}, False, None, None, None),
    ("united-nations", "InternationalOrganisation", "international-organisation", "United Nations",
     "Perserikatan Bangsa-Bangsa", {"PBB", "United Nations"}, False, None, None, None),
    ("government-of-indonesia", "StateGovernment", "state-government", "Government of Indonesia",
     "Pemerintah Indonesia", {"pemerintahan Indonesia"}, True, "indonesia", None, "Q20716634"),
    ("ministry-of-manpower", "GovernmentBody", "government-body", "Ministry of Manpower and Transmigration",
     "Kementerian Tenaga Kerja dan Transmigrasi",
     {"Kementerian Ketenagakerjaan dan Transmigrasi", "Kementerian Tenaga Kerja"},
     True, "indonesia", "government-of-indonesia", None),
    ("ministry-of-education", "GovernmentBody", "government-body", "Ministry of Education and Culture",
     "Kementerian Pendidikan dan Kebudayaan",
     {"Kementerian pendidikan dan kebudayaan", "Kementerian Pendidikan Nasional dan Kebudayaan"},
     True, "indonesia", "government-of-indonesia", None),
    ("ministry-of-social-affairs", "GovernmentBody", "government-body", "Ministry of Social Affairs",
     "Kementerian Sosial", set(), True, "indonesia", "government-of-indonesia", None),
    ("ministry-of-youth-and-sports", "GovernmentBody", "government-body", "Ministry of Youth and Sports",
     "Kementerian Pemuda dan Olahraga", set(), True, "indonesia", "government-of-indonesia", None),
    ("bappenas", "GovernmentBody", "government-body", "Ministry of National Development Planning (Bappenas)",
     "Kementerian Perencanaan Pembangunan Nasional",
     {"Bappenas", "Kementerian Perencanaan Pembangunan Nasional (Bappenas)"},
     True, "indonesia", "government-of-indonesia", None),
    ("office-of-the-vice-president", "GovernmentBody", "government-body", "Office of the Vice President",
     "Kantor Wakil Presiden", set(), True, "indonesia", "government-of-indonesia", None),
    ("statistics-indonesia", "StatisticalAgency", "statistical-agency", "Statistics Indonesia",
     "Badan Pusat Statistik", set(), None, "indonesia", None, "Q3449895"),
    ("apindo", "EmployersOrganisation", "employers-organisation", "Employers' Association of Indonesia (APINDO)",
     "Asosiasi Pengusaha Indonesia",
     {"APINDO", "Apindo", "Asosiasi Pengusaha Indonesia (Apindo)", "Asosiasi Pekerja Indonesia (APINDO)"},
     False, "indonesia", None, None),
    ("employers-organisations", "ActorCategory", "employers-organisation", "Employers' organisations",
     "Organisasi Pengusaha", set(), False, "indonesia", None, None),
    ("trade-unions", "ActorCategory", "workers-organisation", "Trade unions", "Serikat Buruh",
     {"Serikat Pekerja"}, False, "indonesia", None, None),
    ("trade-union-confederation", "ActorCategory", "workers-organisation", "Confederation of trade unions",
     "Konfederasi Serikat Pekerja", set(), False, "indonesia", None, None),
    ("ngos", "ActorCategory", "ngo", "Non-governmental organisations", "Organisasi non-pemerintah",
     {"Organisasi Non Pemerintah"}, False, "indonesia", None, None),
    ("local-schools", "ActorCategory", "school", "Local schools", "sekolah lokal", set(), None, "indonesia", None, None),
    ("related-ngos", "ActorCategory", "ngo", "Related NGOs (LSM)", "LSM terkait", set(), False, "indonesia", None, None),
    ("indonesia-youth-employment-network", "Network", "network", "Indonesia Youth Employment Network",
     "Jejaring Lapangan Kerja bagi Kaum Muda Indonesia", set(), None, "indonesia", None, None),
    ("government-of-the-netherlands", "StateGovernment", "donor", "Government of the Netherlands",
     "Pemerintah Belanda", set(), True, "netherlands", None, "Q4310949"),
    ("sida", "DonorAgency", "donor", "Swedish International Cooperation Agency (SIDA)",
     "Badan Kerja sama Internasional Swedia", {"Swedish International Cooperation Agency", "SIDA"},
     None, "sweden", None, None),
]


@pytest.mark.parametrize("slug,cls,atype,en,idl,alts,state,based,parent,qid", ACTORS, ids=[a[0] for a in ACTORS])
def test_actor(kg, full, slug, cls, atype, en, idl, alts, state, based, parent, qid):
    node = r(slug)
    assert bool(kg.query(PREFIXES + "ASK { ?s a ?c }",
                         initBindings={"s": node, "c": URIRef(f"https://w3id.org/pasb/ontology#{cls}")}))
    assert strings(kg, "SELECT ?t WHERE { ?s org:classification ?t }", s=node) == {RES + f"actor-type-{atype}"}
    assert label(kg, node, "en") == en
    assert label(kg, node, "id") == idl
    names = all_names(kg, node)
    missing = alts - names
    assert not missing, f"{slug}: spellings missing as labels: {missing}"
    assert strings(kg, "SELECT ?d WHERE { ?s dct:description ?d }", s=node)
    if state is None:
        assert not strings(kg, "SELECT ?v WHERE { ?s pasb:isStateActor ?v }", s=node)
    else:
        assert values(kg, "SELECT ?v WHERE { ?s pasb:isStateActor ?v }", s=node) == {Literal(state)}
    if based:
        assert strings(kg, "SELECT ?c WHERE { ?s pasb:basedIn ?c }", s=node) == {RES + based}
    if parent:
        assert strings(kg, "SELECT ?p WHERE { ?s org:subOrganizationOf ?p }", s=node) == {RES + parent}
    # identifiers in other datasets are outside context, never stated in the paper graphs
    assert not strings(kg, "SELECT ?x WHERE { ?s owl:sameAs ?x }", s=node)
    same = strings(full, "SELECT ?x WHERE { ?s owl:sameAs ?x }", s=node)
    assert same == ({WD + qid} if qid else set())
    # provenance: at least one verbatim quote that contains one of the actor's spellings
    qs = quotes(kg, node)
    assert qs, f"{slug} has no excerpt"
    spellings = {n.lower() for n in names | alts | {idl}}
    assert any(any(sp in q.lower() for sp in spellings) for q in qs), f"{slug}: no quote contains its name"


def test_ministry_of_manpower_name_variant_notes(kg, full):
    written = notes(kg, r("ministry-of-manpower"), "name-variant")
    assert {"Kementerian Ketenagakerjaan dan Transmigrasi", "Kementerian Tenaga Kerja"} == written
    # the "Departemen … RI" of the cited module is the ministry only in the interpretation
    assert "Departemen Tenaga Kerja dan Transmigrasi RI" in notes(full, r("ministry-of-manpower"), "name-variant")
    assert "Departemen Tenaga Kerja dan Transmigrasi RI" not in all_names(kg, r("ministry-of-manpower"))
    assert "Departemen Tenaga Kerja dan Transmigrasi RI" in all_names(full, r("ministry-of-manpower"))


def test_kemnaker_is_outside_context(kg, full):
    hidden = "SELECT ?l WHERE { res:ministry-of-manpower skos:hiddenLabel ?l }"
    assert not strings(kg, hidden)
    assert "Kemnaker" in strings(full, hidden)


def test_ministry_of_education_name_variant_note(kg):
    assert "Kementerian Pendidikan Nasional dan Kebudayaan" in notes(kg, r("ministry-of-education"), "name-variant")


def test_apindo_misspelling_note(kg):
    assert "Asosiasi Pekerja Indonesia (APINDO)" in notes(kg, r("apindo"), "misspelling")


def test_sida_name_variant_note_and_status_are_outside_context(kg, full):
    # the note compares the paper's name with the agency's official name: outside knowledge
    assert not notes(kg, r("sida"), "name-variant")
    assert "Swedish International Cooperation Agency (SIDA)" in notes(full, r("sida"), "name-variant")
    assert "Swedish International Development Cooperation Agency" in all_names(full, r("sida"))
    assert values(full, "SELECT ?v WHERE { res:sida pasb:isStateActor ?v }") == {Literal(True)}


def test_ipec_is_unit_of_ilo(kg):
    assert strings(kg, "SELECT ?o WHERE { res:ipec org:unitOf ?o }") == {RES + "ilo"}


def test_sameas_only_confirmed_identifiers(mine, full):
    confirmed = {WD + q for q in ["Q54129", "Q252", "Q20716634", "Q55", "Q29999", "Q4310949", "Q34", "Q114", "Q750", "Q1036", "Q5095", "Q2223", "Q3449895", "Q7813"]}
    assert not strings(mine, "SELECT ?x WHERE { ?s owl:sameAs ?x }")
    used = strings(full, "SELECT ?x WHERE { ?s owl:sameAs ?x }")
    assert used and used <= confirmed, used - confirmed
    # no resource is sameAs two different Wikidata items
    for (s,) in rows(full, "SELECT DISTINCT ?s WHERE { ?s owl:sameAs ?x }"):
        assert len(strings(full, "SELECT ?x WHERE { ?s owl:sameAs ?x }", s=s)) == 1, s


# ---------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------

PLACES = [
    ("indonesia", "Country", "Indonesia", "Indonesia", "Q252"),
    ("netherlands", "Country", "Netherlands", "Belanda", "Q55"),
    ("sweden", "Country", "Sweden", "Swedia", "Q34"),
    ("kenya", "Country", "Kenya", "Kenya", "Q114"),
    ("bolivia", "Country", "Bolivia", "Bolivia", "Q750"),
    ("uganda", "Country", "Uganda", "Uganda", "Q1036"),
    ("papua", "Province", "Papua", "Papua", "Q5095"),
    ("riau-islands", "Province", "Riau Islands", "Kepulauan Riau", "Q2223"),
    ("world", "Region", "World", "Dunia", None),
]


@pytest.mark.parametrize("slug,cls,en,idl,qid", PLACES, ids=[p[0] for p in PLACES])
def test_place(kg, full, slug, cls, en, idl, qid):
    node = r(slug)
    assert bool(kg.query(PREFIXES + "ASK { ?s a ?c }",
                         initBindings={"s": node, "c": URIRef(f"https://w3id.org/pasb/ontology#{cls}")}))
    assert label(kg, node, "en") == en
    assert label(kg, node, "id") == idl
    assert not strings(kg, "SELECT ?x WHERE { ?s owl:sameAs ?x }", s=node)
    assert strings(full, "SELECT ?x WHERE { ?s owl:sameAs ?x }", s=node) == ({WD + qid} if qid else set())
    if cls == "Province":
        assert strings(kg, "SELECT ?x WHERE { ?s schema:containedInPlace ?x }", s=node) == {RES + "indonesia"}
    assert quotes(kg, node)


def test_papua_extent_note(full):
    note = strings(full, "SELECT ?n WHERE { res:papua skos:scopeNote ?n }")
    assert note and any("larger" in n and "Q5095" in n for n in note)


def test_riau_islands_not_riau(kg):
    assert WD + "Q2175" not in strings(kg, "SELECT ?x WHERE { res:riau-islands ?p ?x }")


def test_kingdom_of_netherlands_close_match_only(full):
    assert strings(full, "SELECT ?x WHERE { res:netherlands skos:closeMatch ?x }") == {WD + "Q29999"}
    assert WD + "Q29999" not in strings(full, "SELECT ?x WHERE { ?s owl:sameAs ?x }")


# ---------------------------------------------------------------------------
# Programmes
# ---------------------------------------------------------------------------

PROGRAMMES = {
    "programme-education": dict(
        number=1, start=date(2010, 1, 1), end=date(2014, 12, 31), funder="government-of-the-netherlands",
        countries={"indonesia"}, source="ref-ilo-2016-promoting-jobs",
        partners={"ministry-of-manpower", "ministry-of-education", "ministry-of-social-affairs", "apindo",
                  "trade-unions", "ngos", "local-schools", "related-ngos"},
        aim_id="memperkuat kebijakan yang berhubungan antara pekerja anak dan pendidikan",
        aim_en="strengthen policies"),
    "programme-youth-transition": dict(
        number=2, start=date(2011, 1, 1), end=None, funder="sida",
        countries={"indonesia"}, source="ref-ilo-2016-promoting-jobs",
        partners={"office-of-the-vice-president", "bappenas", "ministry-of-manpower", "ministry-of-education",
                  "ministry-of-youth-and-sports", "indonesia-youth-employment-network",
                  "employers-organisations", "trade-unions"},
        aim_id="meningkatkan lingkungan kondusif yang ditargetkan untuk mengatasi masalah ketenagakerjaan muda",
        aim_en="youth employment"),
    "programme-skills-training": dict(
        number=3, start=None, end=None, funder="government-of-the-netherlands",
        countries={"indonesia", "kenya", "bolivia", "uganda"}, source="ref-ilo-2014-skills-training",
        partners={"ministry-of-manpower", "ministry-of-education", "ministry-of-social-affairs", "apindo",
                  "trade-union-confederation", "ngos"},
        aim_id="Rencana Aksi Nasional di Indonesia terkait Bentuk-bentuk Pekerjaan Terburuk untuk Anak",
        aim_en="National Action Plan"),
}
PROG_IDS = list(PROGRAMMES)


@pytest.mark.parametrize("prog", PROG_IDS)
def test_programme_number_and_type(kg, prog):
    node = r(prog)
    assert bool(kg.query(PREFIXES + "ASK { ?p a pasb:CooperationProgramme }", initBindings={"p": node}))
    assert {int(v) for v in values(kg, "SELECT ?n WHERE { ?p pasb:programmeNumber ?n }", p=node)} == \
        {PROGRAMMES[prog]["number"]}
    label(kg, node, "en")
    label(kg, node, "id")
    assert strings(kg, "SELECT ?s WHERE { ?p dct:source ?s }", p=node) == {RES + PROGRAMMES[prog]["source"]}
    assert quotes(kg, node)


@pytest.mark.parametrize("prog", PROG_IDS)
def test_programme_dates(kg, full, prog):
    node = r(prog)
    starts = values(kg, "SELECT ?d WHERE { ?p schema:startDate ?d }", p=node)
    ends = values(kg, "SELECT ?d WHERE { ?p schema:endDate ?d }", p=node)
    expected_start, expected_end = PROGRAMMES[prog]["start"], PROGRAMMES[prog]["end"]
    if expected_start is None:  # the paper gives no dates for programme 3: none may be invented
        assert not values(full, "SELECT ?d WHERE { { ?p schema:startDate ?d } UNION { ?p schema:endDate ?d } }", p=node)
        return
    assert {d.toPython() for d in starts} == {expected_start}
    assert {d.toPython() for d in ends} == ({expected_end} if expected_end else set())
    assert all(str(d.datatype).endswith("#date") for d in starts | ends)


def test_programme_youth_transition_end_day_is_an_interpretation(kg, full):
    """The paper writes "1 Januari 2011-2013": a start day and an end year only."""
    node = r("programme-youth-transition")
    assert not values(kg, "SELECT ?d WHERE { ?p schema:endDate ?d }", p=node)
    assert {d.toPython() for d in values(full, "SELECT ?d WHERE { ?p schema:endDate ?d }", p=node)} == \
        {date(2013, 12, 31)}


@pytest.mark.parametrize("prog", ["programme-youth-transition", "programme-skills-training"])
def test_programme_funder(kg, prog):
    """Programmes 2 and 3: the paper names money ("bantuan dana", "dana bantuan")."""
    node = r(prog)
    funder = RES + PROGRAMMES[prog]["funder"]
    assert strings(kg, "SELECT ?f WHERE { ?p schema:funder ?f }", p=node) == {funder}
    assert strings(kg, """SELECT ?f WHERE { ?g a pasb:Grant ; pasb:fundsProgramme ?p ; schema:funder ?f }""",
                   p=node) == {funder}
    assert strings(kg, """SELECT ?a WHERE { ?p pasb:hasParticipation ?x . ?x pasb:participant ?a ;
                          pasb:role res:role-funding }""", p=node) == {funder}


def grant_amount(kg, prog):
    return rows(kg, """
        SELECT ?v ?c ?w WHERE {
            ?g a pasb:Grant ; pasb:fundsProgramme ?p ; schema:amount ?a ; pasb:valueAsWritten ?w .
            ?a schema:value ?v ; schema:currency ?c .
        }""", p=r(prog))


def test_programme_skills_training_amount(kg):
    assert [(v.toPython(), str(c), str(w)) for v, c, w in grant_amount(kg, "programme-skills-training")] == \
        [(Decimal("2000000"), "EUR", "EUR 2.000.000")]


def test_programme_skills_training_budget_shared(kg):
    assert strings(kg, """SELECT ?c WHERE { ?g pasb:fundsProgramme res:programme-skills-training ;
                          pasb:sharedWithCountry ?c }""") == {RES + "kenya", RES + "bolivia", RES + "uganda"}


def test_programme_education_is_supported_not_funded(kg, full):
    """Programme 1 is "dibantu oleh Pemerintah Belanda": support, no money named."""
    node, dutch = r("programme-education"), RES + "government-of-the-netherlands"
    assert strings(kg, "SELECT ?a WHERE { ?p pasb:supportedBy ?a }", p=node) == {dutch}
    assert strings(kg, """SELECT ?a WHERE { ?p pasb:hasParticipation ?x . ?x pasb:participant ?a ;
                          pasb:role res:role-supporting }""", p=node) == {dutch}
    assert not strings(kg, "SELECT ?f WHERE { ?p schema:funder ?f }", p=node)
    assert not strings(kg, "SELECT ?g WHERE { ?g pasb:fundsProgramme ?p }", p=node)
    assert not strings(kg, """SELECT ?a WHERE { ?p pasb:hasParticipation ?x . ?x pasb:participant ?a ;
                              pasb:role res:role-funding }""", p=node)
    # the reading as funding is an interpretation
    assert strings(full, "SELECT ?f WHERE { ?p schema:funder ?f }", p=node) == {dutch}
    assert strings(full, "SELECT ?g WHERE { ?g a pasb:Grant ; pasb:fundsProgramme ?p }", p=node)


def test_programme_youth_transition_amount_as_written(kg, full):
    written = rows(kg, """
        SELECT ?v ?w WHERE {
            ?g a pasb:Grant ; pasb:fundsProgramme res:programme-youth-transition ;
               schema:amount ?a ; pasb:valueAsWritten ?w .
            ?a schema:value ?v . FILTER NOT EXISTS { ?a schema:currency ?c }
        }""")
    assert [(v.toPython(), str(w)) for v, w in written] == [(Decimal("300"), "300 $")]
    # "$" read as US dollars is an interpretation
    assert [(v.toPython(), str(c), str(w)) for v, c, w in grant_amount(full, "programme-youth-transition")] == \
        [(Decimal("300"), "USD", "300 $")]


def test_programme_youth_transition_300_dollar_flagged(kg):
    written = strings(kg, """
        SELECT ?w WHERE {
            ?g pasb:fundsProgramme res:programme-youth-transition ; pasb:hasDataQualityNote ?n .
            ?n pasb:qualityKind res:dq-kind-implausible-value ; pasb:asWritten ?w .
        }""")
    assert written == {"300 $"}


def test_programme_education_amount_not_stated(full):
    assert grant_amount(full, "programme-education") == []


def test_programme_youth_transition_one_year_flagged(kg):
    node = r("programme-youth-transition")
    assert strings(kg, "SELECT ?w WHERE { ?p pasb:periodAsWritten ?w }", p=node) == \
        {"satu tahun mulai dari 1 Januari 2011-2013"}
    assert "satu tahun mulai dari 1 Januari 2011-2013" in notes(kg, node, "internal-inconsistency")


@pytest.mark.parametrize("prog", PROG_IDS)
def test_programme_countries(kg, prog):
    assert strings(kg, "SELECT ?c WHERE { ?p pasb:coversCountry ?c }", p=r(prog)) == \
        {RES + c for c in PROGRAMMES[prog]["countries"]}


@pytest.mark.parametrize("prog", PROG_IDS)
def test_programme_partner_set(kg, full, prog):
    node = r(prog)
    expected = {RES + a for a in PROGRAMMES[prog]["partners"]}
    assert strings(kg, "SELECT ?a WHERE { ?p pasb:hasPartner ?a }", p=node) == expected
    query = """SELECT ?a WHERE { ?p pasb:hasParticipation ?x .
               ?x a pasb:Participation ; pasb:participant ?a ; pasb:role res:role-partner }"""
    assert strings(kg, query, p=node) == expected
    # the Government of Indonesia, in no partner list, is a partner only in the interpretation
    assert strings(full, query, p=node) == expected | {RES + "government-of-indonesia"}


@pytest.mark.parametrize("prog", PROG_IDS)
def test_programme_participants(kg, full, prog):
    node = r(prog)
    spec = PROGRAMMES[prog]
    expected = {RES + a for a in spec["partners"] | {"ilo", spec["funder"]}}
    assert strings(kg, "SELECT ?a WHERE { ?p pasb:hasParticipant ?a }", p=node) == expected
    assert strings(kg, "SELECT ?a WHERE { ?p pasb:hasParticipation/pasb:participant ?a }", p=node) == expected
    with_goi = expected | {RES + "government-of-indonesia"}
    assert strings(full, "SELECT ?a WHERE { ?p pasb:hasParticipant ?a }", p=node) == with_goi
    implementing = """SELECT ?a WHERE { ?p pasb:hasParticipation ?x . ?x pasb:participant ?a ;
                      pasb:role res:role-implementing }"""
    # only programme 1's sentence names the ILO as carrying out the project
    assert strings(kg, implementing, p=node) == ({RES + "ilo"} if prog == "programme-education" else set())
    assert strings(full, implementing, p=node) == {RES + "ilo"}


@pytest.mark.parametrize("prog", PROG_IDS)
def test_programme_aims_bilingual(kg, prog):
    node = r(prog)
    aims_id = strings(kg, "SELECT ?a WHERE { ?p pasb:aim ?a FILTER(lang(?a) = 'id') }", p=node)
    aims_en = strings(kg, "SELECT ?a WHERE { ?p pasb:aim ?a FILTER(lang(?a) = 'en') }", p=node)
    assert aims_en and aims_id and len(aims_en) == len(aims_id)
    assert any(PROGRAMMES[prog]["aim_id"] in a for a in aims_id)
    assert any(PROGRAMMES[prog]["aim_en"] in a for a in aims_en)


def test_programme_education_based_on_ipec(kg):
    assert strings(kg, "SELECT ?x WHERE { res:programme-education pasb:basedOn ?x }") == {RES + "ipec"}


def test_programme_education_152_million_attached(kg):
    assert strings(kg, "SELECT ?o WHERE { res:programme-education pasb:relatedStatistic ?o }") == \
        {RES + "obs-child-labourers-world-5-14"}


def test_programme_education_partnership_activities(kg):
    acts = strings(kg, "SELECT ?a WHERE { res:programme-education pasb:activityDescription ?a }")
    assert any("diskusi tentang rencana" in a for a in acts)
    assert any("saling membantu dalam pencarian data-data pekerja anak" in a for a in acts)


def test_programme_skills_training_norms(kg):
    node = r("programme-skills-training")
    assert strings(kg, "SELECT ?x WHERE { ?p pasb:inLineWith ?x }", p=node) == {RES + "c138"}
    assert strings(kg, "SELECT ?x WHERE { ?p pasb:contributesTo ?x }", p=node) == {RES + "national-action-plan-wfcl"}
    assert {int(v) for v in values(kg, "SELECT ?x WHERE { ?p pasb:targetAgeMin ?x }", p=node)} == {15}
    assert {int(v) for v in values(kg, "SELECT ?x WHERE { ?p pasb:targetAgeMax ?x }", p=node)} == {17}


def test_programme_order_in_penutup_noted(kg):
    for prog in PROG_IDS:
        assert any("2. memerangi pekerja anak melalui pendidikan" in w
                   for w in notes(kg, r(prog), "internal-inconsistency")), prog


def test_cooperation(kg):
    node = r("cooperation-ilo-indonesia")
    assert bool(kg.query(PREFIXES + "ASK { ?c a pasb:Cooperation }", initBindings={"c": node}))
    assert strings(kg, "SELECT ?x WHERE { ?c pasb:cooperatingParty ?x }", c=node) == \
        {RES + "ilo", RES + "government-of-indonesia"}
    assert strings(kg, "SELECT ?x WHERE { ?c pasb:hasProgramme ?x }", c=node) == {RES + p for p in PROG_IDS}
    assert strings(kg, "SELECT ?x WHERE { ?c pasb:cooperationType ?x }", c=node) == \
        {RES + "theory-functional-cooperation"}
    assert any("kerja sama fungsional" in q for q in quotes(kg, node))


# ---------------------------------------------------------------------------
# Outcome, target, claims
# ---------------------------------------------------------------------------

def test_outcome_reduction(kg):
    found = {(str(o), v.toPython()) for o, v in rows(kg, """
        SELECT ?o ?v WHERE { res:outcome-reduction a pasb:Outcome ; pasb:evidencedBy ?o .
                             ?o sdmx-measure:obsValue ?v }""")}
    assert found == {(RES + "obs-reduction-child-labourers-indonesia-2008-2014", Decimal("63055")),
                     (RES + "obs-child-labourers-indonesia-baseline-1-7m", Decimal("1700000"))}
    assert RES + "cooperation-ilo-indonesia" in strings(kg, "SELECT ?x WHERE { res:outcome-reduction pasb:outcomeOf ?x }")
    assert any("63.055" in q and "1,7 juta" in q for q in quotes(kg, r("outcome-reduction")))


def test_target_elimination_2022(kg):
    node = r("target-elimination-2022")
    assert rows(kg, "SELECT ?y ?by WHERE { ?t a pasb:PolicyTarget ; pasb:targetYear ?y ; pasb:setBy ?by }", t=node) \
        == [(Literal("2022", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear")), r("government-of-indonesia"))]
    assert any("Peneliti melihat masih sulit" in w for w in notes(kg, node, "author-doubt"))


@pytest.mark.parametrize("slug,needle", [
    ("claim-pasb-human-rights-violation", "pelanggaran HAM"),
    ("claim-hidden-people", "hidden people"),
])
def test_claim(kg, slug, needle):
    node = r(slug)
    assert bool(kg.query(PREFIXES + "ASK { ?c a pasb:Claim ; dct:description ?d }", initBindings={"c": node}))
    assert any(needle.lower() in q.lower() for q in quotes(kg, node))


# ---------------------------------------------------------------------------
# Paper and bibliography
# ---------------------------------------------------------------------------

def test_paper(kg):
    assert rows(kg, """SELECT ?t ?lang WHERE { res:paper a bibo:AcademicArticle ; dct:title ?t ;
                       dct:creator res:gala-panuga-aziz ; dct:language ?lang }""") == [
        (Literal("KERJA SAMA INDONESIA DAN INTERNATIONAL LABOUR ORGANIZATION DALAM MENANGANI KASUS PEKERJA ANAK "
                 "SEKTOR BERBAHAYA PERIODE 2010-2013", lang="id"), Literal("id"))]
    assert strings(kg, "SELECT ?x WHERE { res:gala-panuga-aziz a foaf:Person ; schema:affiliation ?x }") == \
        {RES + "universitas-diponegoro"}
    assert {"hazardous child labor", "human rights"} <= strings(kg, "SELECT ?k WHERE { res:paper dct:subject ?k }")


@pytest.mark.parametrize("section,title", [
    ("abstrak", "ABSTRAK"), ("pendahuluan", "PENDAHULUAN"), ("pembahasan", "PEMBAHASAN"),
    ("tabel-1", "Tabel 1 Kemungkinan Akibat dari PASB"), ("kerja-sama", "Kerja Sama ILO - Indonesia"),
    ("perspektif", "Perspektif Neo-Liberalisme"), ("penutup", "PENUTUP"), ("referensi", "Referensi"),
])
def test_section(kg, section, title):
    assert strings(kg, "SELECT ?t WHERE { ?s a bibo:DocumentPart ; dct:isPartOf res:paper ; dct:title ?t }",
                   s=r(f"section-{section}")) == {title}


# slug, class, title, year (None: t.thn.), in reference list, creator (IRI slug or literal)
REFERENCES = [
    ("ref-bps-2014", "Webpage", "Kebutuhan data ketenagakerjaan untuk pembangunan berkelanjutan", "2014", True,
     RES + "statistics-indonesia"),
    ("ref-baylis-2011", "Book", "The globalization of world politics", "2011", True, "Baylis, J., Smith, S., & Owens, P."),
    ("ref-diallo-2013", "Report", "Global child labour trends", "2013", True, "Diallo, Y., Etienne, A., & Mehran, F."),
    ("ref-depnakertrans-module", "Document", "Modul penanganan pekerja anak", None, True,
     "Departemen Tenaga Kerja dan Transmigrasi RI"),
    ("ref-ernanto-2014", "AcademicArticle",
     "Pekerja anak di tempat pembuangan sampah (studi deskriptif kehidupan pemulung anak di tempat penampungan "
     "akhir benowo surabaya)", "2014", True, "Ernanto, B. S."),
    ("ref-hurlock-1950", "Book", "Child development", "1950", True, "Hurlock, E. B."),
    ("ref-ilo-2012-handbook-inspectors", "Book", "Combating child labour: a handbook for labour inspectors", "2012",
     True, RES + "ilo"),
    ("ref-ilo-2016-promoting-jobs", "Webpage", "Promoting jobs, protecting people", "2016", True, RES + "ilo"),
    ("ref-ilo-2014-skills-training", "Report",
     "Memerangi Pekerja Anak melalui Pelatihan Keterampilan bagi Anak-anak yang Mencapai Usia Minimum Bekerja",
     "2014", True, RES + "ilo"),
    ("ref-markum-2009", "AcademicArticle", "Pengentasan kemiskinan dan pendekatan psikologi sosial", "2009", True,
     "Markum, M. E."),
    ("ref-suyanto-2013", "Book", "masalah sosial anak", "2013", True, "Suyanto, B."),
    ("ref-santrock-2012", "Book", "Life-span development (perkembangan masa-hidup) edisi ketigabelas jilid 1", "2012",
     True, "Santrock, J. W."),
    ("ref-un-human-rights", "Webpage", "United nations of human rights", None, True, RES + "united-nations"),
    ("ref-handbook-hazardous-2011", "Book", "Handbook on Hazardous Child Labour", "2011", False, RES + "ilo"),
    ("ref-ohchr-2016", "Webpage", None, "2016", False, None),
]


@pytest.mark.parametrize("slug,cls,title,year,listed,creator", REFERENCES, ids=[x[0] for x in REFERENCES])
def test_reference(kg, slug, cls, title, year, listed, creator):
    node = r(slug)
    assert bool(kg.query(PREFIXES + "ASK { ?r a ?c ; dct:isReferencedBy res:paper . res:paper dct:references ?r }",
                         initBindings={"r": node, "c": URIRef(f"http://purl.org/ontology/bibo/{cls}")}))
    assert strings(kg, "SELECT ?t WHERE { ?r dct:title ?t }", r=node) == ({title} if title else set())
    assert strings(kg, "SELECT ?y WHERE { ?r dct:issued ?y }", r=node) == ({year} if year else set())
    assert values(kg, "SELECT ?b WHERE { ?r pasb:inReferenceList ?b }", r=node) == {Literal(listed)}
    assert strings(kg, "SELECT ?c WHERE { ?r dct:creator ?c }", r=node) == ({creator} if creator else set())
    assert strings(kg, "SELECT ?c WHERE { ?r pasb:citationAsWritten ?c }", r=node)
    assert quotes(kg, node)


def test_reference_list_has_thirteen_distinct_works(kg):
    assert len(strings(kg, "SELECT ?r WHERE { ?r pasb:inReferenceList true ; dct:isReferencedBy res:paper }")) == 13


def test_ilo_2012_duplicate_listing_is_one_resource(kg):
    assert len(strings(kg, """SELECT ?r WHERE { ?r dct:title "Combating child labour: a handbook for labour inspectors"@en }""")) == 1
    assert notes(kg, r("ref-ilo-2012-handbook-inspectors"), "duplicate-reference")


def test_balyis_misspelling(kg):
    node = r("ref-baylis-2011")
    assert "Balyis, Smith, & Owens, 2011" in all_names(kg, node)
    assert "Balyis, Smith, & Owens, 2011" in notes(kg, node, "misspelling")


def test_module_author_is_the_ministry_only_in_the_interpretation(full):
    assert strings(full, "SELECT ?c WHERE { res:ref-depnakertrans-module dct:creator ?c }") == \
        {"Departemen Tenaga Kerja dan Transmigrasi RI", RES + "ministry-of-manpower"}


def test_ohcr_citation_related_not_merged(kg, full):
    node = r("ref-ohchr-2016")
    assert strings(kg, "SELECT ?c WHERE { ?r pasb:citationAsWritten ?c }", r=node) == {"www.ohcr.org, 2016"}
    # that the citation means the United Nations page is the modeller's reading
    assert not strings(kg, "SELECT ?x WHERE { ?r dct:relation ?x }", r=node)
    assert strings(full, "SELECT ?x WHERE { ?r dct:relation ?x }", r=node) == {RES + "ref-un-human-rights"}
    assert not strings(kg, "SELECT ?x WHERE { ?r owl:sameAs ?x }", r=node)
    assert notes(kg, node, "misspelling")


def test_module_date_inconsistency(kg):
    assert "Departemen tenaga kerja dan transmigrasi RI, November 2005" in \
        notes(kg, r("ref-depnakertrans-module"), "internal-inconsistency")


@pytest.mark.parametrize("slug,cited", [
    ("programme-education", "ref-ilo-2016-promoting-jobs"),
    ("programme-skills-training", "ref-ilo-2014-skills-training"),
    ("grant-programme-skills-training", "ref-ilo-2014-skills-training"),
    ("claim-pasb-human-rights-violation", "ref-ohchr-2016"),
    ("ipec", "ref-ilo-2016-promoting-jobs"),
])
def test_cited_source(kg, slug, cited):
    assert RES + cited in strings(kg, "SELECT ?s WHERE { ?x dct:source ?s }", x=r(slug))


# ---------------------------------------------------------------------------
# Provenance: every quote is the paper's wording, in its section — checked for every
# graph by tests/kg/fidelity/test_statement_kinds.py (and the notes' pasb:asWritten there)
# ---------------------------------------------------------------------------

def test_every_described_resource_has_two_labels_and_provenance(mine):
    for (s,) in rows(mine, "SELECT DISTINCT ?s WHERE { ?s a ?t FILTER(isIRI(?s)) }"):
        for lang in ("en", "id"):
            label(mine, s, lang)
        if not bool(mine.query(PREFIXES + "ASK { ?s a pasb:Excerpt }", initBindings={"s": s})):
            assert strings(mine, "SELECT ?e WHERE { ?s prov:wasDerivedFrom ?e }", s=s), s
