"""kg.browse: the browse pages' data read from the shipped graph, checked against the
paper itself (Table 1 bullet by bullet, the reference list entry by entry) and against
what the store says (every actor, every statistic, every instrument)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.browse import Reader
from kg.browse.actors import actors_page, actors_table
from kg.browse.bibliography import bibliography, bibliography_table
from kg.browse.law import instruments, instruments_table
from kg.browse.programmes import timeline, timeline_table
from kg.browse.statistics import statistics, statistics_table
from kg.browse.table1 import table_one, table_one_table
from kg.kinds import graph_kinds
from kg.labels import read_labels
from kg.store import OxigraphStore

RES = "https://w3id.org/pasb/resource/"
PAPER = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_d25af36af3266ac0.txt"


@pytest.fixture(scope="module", params=["en", "id"])
def reader(request: pytest.FixtureRequest, kg_store: OxigraphStore) -> Reader:
    return Reader(read_labels(kg_store), request.param, "https://w3id.org/pasb/",
                  graph_kinds(kg_store))


def paper() -> str:
    if not PAPER.exists():
        pytest.skip(f"source paper not found at {PAPER}")
    return PAPER.read_text(encoding="utf-8")


def slug(iri: str | None) -> str:
    return (iri or "").removeprefix(RES)


# -- actors -------------------------------------------------------------------------------
def test_every_actor_is_listed_under_its_type(kg_store: OxigraphStore, reader: Reader) -> None:
    expected = {(str(r["actor"]), str(r["type"])) for r in kg_store.select(
        "SELECT ?actor ?type WHERE { ?actor <http://www.w3.org/ns/org#classification> ?type . "
        "?type <http://www.w3.org/2004/02/skos/core#inScheme> <" + RES + "actor-types> }")}
    page = actors_page(kg_store, reader)
    listed = {(a.actor.iri, g.actor_type.iri) for g in page.groups for a in g.actors}
    assert listed == expected
    assert [g.actor_type.text.casefold() for g in page.groups] == sorted(
        g.actor_type.text.casefold() for g in page.groups)


def test_actors_carry_their_programmes_and_roles(kg_store: OxigraphStore,
                                                 reader: Reader) -> None:
    page = actors_page(kg_store, reader)
    assert [p.number for p in page.programmes] == [1, 2, 3]
    actors = {slug(a.actor.iri): a for g in page.groups for a in g.actors}
    assert {(p.number, slug(p.role.iri)) for p in actors["ilo"].programmes} == {
        (1, "role-implementing"), (2, "role-implementing"), (3, "role-implementing")}
    assert {p.number for p in actors["ministry-of-manpower"].programmes} == {1, 2, 3}
    assert {(p.number, slug(p.role.iri)) for p in actors["sida"].programmes} == {
        (2, "role-funding")}
    assert actors["gala-panuga-aziz"].programmes == []
    assert actors["ministry-of-manpower"].state_actor is True
    assert actors["apindo"].state_actor is False
    names = {n.text for n in actors["ministry-of-manpower"].names}
    assert "Departemen Tenaga Kerja dan Transmigrasi RI" in names
    rows = actors_table(page).rows
    assert sum(1 for r in rows if slug(r[0]) == "ilo") == 3


# -- programmes ---------------------------------------------------------------------------
def test_the_timeline_keeps_the_papers_periods(kg_store: OxigraphStore,
                                               reader: Reader) -> None:
    line = timeline(kg_store, reader)
    assert line.years == [2010, 2011, 2012, 2013, 2014]
    first, second, _ = line.programmes
    assert (first.number, first.start_date, first.end_date) == (1, "2010-01-01", "2014-12-31")
    assert (second.start_date, second.end_date) == ("2011-01-01", "2013-12-31")
    assert second.period_as_written.text == "satu tahun mulai dari 1 Januari 2011-2013"
    assert first.span.left == 0 and first.span.width == 100
    assert 19 < second.span.left < 21 and 59 < second.span.width < 61


def test_an_undated_programme_is_shown_as_such_across_its_cooperation(
        kg_store: OxigraphStore, reader: Reader) -> None:
    line = timeline(kg_store, reader)
    third = line.programmes[2]
    assert not third.dated and third.start is None and third.end is None
    assert slug(third.cooperation.iri) == "cooperation-ilo-indonesia"
    cooperation = line.cooperations[0]
    assert (cooperation.start_year, cooperation.end_year) == (2010, 2013)
    assert third.span == cooperation.span
    row = next(r for r in timeline_table(line).rows if slug(r[0]) == "programme-skills-training")
    assert row[3:5] == ("", "")  # no dates invented in the CSV either


# -- Table 1 ------------------------------------------------------------------------------
def printed_table() -> dict[str, tuple[list[str], list[str]]]:
    """Table 1 of the paper: sector as printed → (risk bullets, consequence bullets)."""
    text = paper()
    rows = {}
    for line in text.split("**Tabel 1", 1)[1].split("Sumber:", 1)[0].splitlines():
        cells = line.split("\t")
        if len(cells) == 3 and "<li>" in line:
            rows[cells[0].strip()] = tuple(
                [item.strip() for item in re.findall(r"<li>(.*?)</li>", cell)]
                for cell in cells[1:])
    return rows


def test_table_one_is_the_table_the_paper_prints(kg_store: OxigraphStore,
                                                 reader: Reader) -> None:
    printed = printed_table()
    rows = table_one(kg_store, reader)
    assert [r.row for r in rows] == [1, 2, 3, 4, 5]
    assert [r.as_written.text for r in rows] == list(printed)
    for row in rows:
        risks, consequences = printed[row.as_written.text]
        assert [b.quote.text for b in row.risks] == risks
        assert [b.quote.text for b in row.consequences] == consequences
        for bullet in [*row.risks, *row.consequences]:
            assert bullet.items and all(slug(i.iri).split("-")[0] in ("risk", "consequence")
                                        for i in bullet.items)
        assert [slug(s.iri) for s in row.sources] == ["ref-handbook-hazardous-2011"]


def test_a_bullet_holding_two_items_links_both(kg_store: OxigraphStore,
                                               reader: Reader) -> None:
    stone = next(r for r in table_one(kg_store, reader) if slug(r.sector.iri).endswith("stone-"
                                                                                      "breaking"))
    assert [len(b.items) for b in stone.risks] == [1, 1, 2]
    csv_rows = [r for r in table_one_table([stone]).rows if r[3] == "risk"]
    assert [r[4] for r in csv_rows] == ["1", "2", "3", "3"]


# -- statistics ---------------------------------------------------------------------------
def test_every_statistic_has_its_value_unit_place_and_period(kg_store: OxigraphStore,
                                                             reader: Reader) -> None:
    observations = {str(r["o"]) for r in kg_store.select(
        "SELECT ?o WHERE { ?o a <http://purl.org/linked-data/cube#Observation> }")}
    rows = statistics(kg_store, reader)
    assert {s.observation.iri for s in rows} == observations
    for s in rows:
        assert s.value and s.unit and s.area and s.period and s.measured
    world = next(s for s in rows if slug(s.observation.iri) == "obs-child-labourers-world-5-14")
    assert world.raw_value == "152000000" and world.ages == "5–14"
    assert world.as_written.text == "152 juta"
    assert world.value == ("152,000,000" if reader.lang == "en" else "152.000.000")
    assert [slug(v.iri) for v in world.attributed_to] == ["ilo"]
    papua = next(s for s in rows if slug(s.area.iri) == "papua")
    assert papua.years == "2012" and papua.ages == "7–15"
    noted = {str(r["o"]) for r in kg_store.select(
        "SELECT ?o WHERE { ?o a <http://purl.org/linked-data/cube#Observation> ; "
        "<https://w3id.org/pasb/ontology#hasDataQualityNote> [] }")}
    assert {s.observation.iri for s in rows if s.notes} == noted and noted
    assert len(statistics_table(rows).rows) == len(observations)


def test_statistics_of_one_data_set(kg_store: OxigraphStore, reader: Reader) -> None:
    every = statistics(kg_store, reader)
    one = statistics(kg_store, reader, dataset=RES + "dataset-child-labour-statistics")
    assert one == [s for s in every if s.dataset and s.dataset.iri ==
                   RES + "dataset-child-labour-statistics"]
    assert statistics(kg_store, reader, dataset=RES + "no-such-dataset") == []


# -- legal instruments ----------------------------------------------------------------------
def test_instruments_with_their_article_tree(kg_store: OxigraphStore, reader: Reader) -> None:
    found = {slug(i.instrument.iri): i for i in instruments(kg_store, reader)}
    assert set(found) == {"c138", "c182", "crc", "udhr", "law-23-2002",
                          "national-action-plan-wfcl"}
    c182 = found["c182"]
    assert [a.number for a in c182.articles] == ["3"]
    assert [a.number for a in c182.articles[0].parts] == ["3(a)", "3(b)", "3(c)", "3(d)"]
    assert [slug(d.iri) for d in c182.articles[0].parts[0].corresponds] == [
        "worst-form-slavery"]
    assert found["udhr"].date == ("10 December 1948" if reader.lang == "en"
                                  else "10 Desember 1948")
    assert [slug(b.iri) for b in found["udhr"].by] == ["united-nations"]
    assert len(found["law-23-2002"].articles[0].provides) == 3
    assert [slug(f.iri) for f in found["c138"].followed_by] == ["programme-skills-training"]
    assert len(instruments_table(list(found.values())).rows) == 6 + 7


# -- bibliography ---------------------------------------------------------------------------
def test_the_reference_list_is_the_papers(kg_store: OxigraphStore, reader: Reader) -> None:
    # The seed is Markdown (*italics*, <links>, [text](links), escaped _); the entries keep
    # the printed words only.
    text = re.sub(r"\\+_", "_", paper().split("Referensi", 1)[-1])
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = " ".join(re.sub(r"[*<>]", "", text).split())
    bib = bibliography(kg_store, reader)
    for reference in bib.listed:
        assert reference.in_reference_list is not False
        assert " ".join(reference.citation.split()) in text, reference.citation
    assert [r.citation for r in bib.listed] == sorted((r.citation for r in bib.listed),
                                                      key=str.casefold)
    assert {slug(r.reference.iri) for r in bib.text_only} == {
        "ref-handbook-hazardous-2011", "ref-ohchr-2016"}


def test_each_work_lists_what_cites_it(kg_store: OxigraphStore, reader: Reader) -> None:
    counts = {str(r["ref"]): int(r["n"]) for r in kg_store.select(
        "SELECT ?ref (COUNT(DISTINCT ?fact) AS ?n) WHERE { ?fact <http://purl.org/dc/terms/"
        "source> ?ref } GROUP BY ?ref")}
    bib = bibliography(kg_store, reader)
    for reference in [*bib.listed, *bib.text_only]:
        assert len(reference.cited_by) == counts.get(reference.reference.iri, 0)
    table = bibliography_table(bib)
    assert len(table.rows) == len(bib.listed) + len(bib.text_only)


# -- what the paper states, and what it does not (issue #11) ---------------------------------
def test_readings_and_outside_context_are_marked(kg_store: OxigraphStore,
                                                 reader: Reader) -> None:
    first, second, third = timeline(kg_store, reader).programmes
    assert [(slug(f.iri), f.kind) for f in first.funders] == [
        ("government-of-the-netherlands", "interpretation")]  # "dibantu oleh" read as funding
    assert [(slug(f.iri), f.kind) for f in first.supported_by] == [
        ("government-of-the-netherlands", None)]  # what the paper says
    assert (first.dates_kind, second.dates_kind) == (None, "interpretation")  # "2011-2013"
    assert [f.kind for f in third.funders] == [None]
    actors = {slug(a.actor.iri): a for g in actors_page(kg_store, reader).groups
              for a in g.actors}
    roles = {p.number: p.role.kind for p in actors["ilo"].programmes}
    assert roles == {1: None, 2: "interpretation", 3: "interpretation"}
    found = {slug(i.instrument.iri): i for i in instruments(kg_store, reader)}
    assert found["c182"].instrument.kind == "context" and found["c138"].instrument.kind is None
    slavery = found["c182"].articles[0].parts[0].corresponds[0]
    assert (slug(slavery.iri), slavery.kind) == ("worst-form-slavery", "context")


def test_without_kinds_nothing_is_marked(kg_store: OxigraphStore) -> None:
    plain = Reader(read_labels(kg_store), "en", "https://w3id.org/pasb/")
    first = timeline(kg_store, plain).programmes[0]
    assert [f.kind for f in first.funders] == [None] and first.dates_kind is None
