"""The ``# param:`` lines of the named queries: parsed, typed, and bindable.

Each documented parameter is bound (SEP-0007 substitution, as the service's ``$name=``
does) to a value of its type and the query answers; "Who took part in a given year"
gives the years the paper gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.named_queries import (
    NamedQuery,
    Param,
    list_queries,
    load_query,
    parse_query_file,
    queries_dir,
)
from kg.namespaces import PREFIXES, RES
from kg.store import OxigraphStore

INTEGER = URIRef(PREFIXES["xsd"] + "integer")


def all_queries() -> list[NamedQuery]:
    system = [parse_query_file(p) for p in sorted((queries_dir() / "system").glob("*.rq"))]
    return [*list_queries(), *system]


def typed_parameters() -> list[tuple[str, Param]]:
    return [(q.name, p) for q in all_queries() for p in q.parameters if p.type]


def expand(prefixed: str) -> str:
    prefix, _, local = prefixed.partition(":")
    return PREFIXES[prefix] + local


@pytest.mark.parametrize(("line", "expected"), [
    ("year xsd:integer — a year, e.g. 2012 (optional)",
     Param("year", "xsd:integer", "a year, e.g. 2012 (optional)")),
    ("programme pasb:CooperationProgramme — a programme",
     Param("programme", "pasb:CooperationProgramme", "a programme")),
    ("?fact — IRI of any fact", Param("fact", None, "IRI of any fact")),
    ("resource - the IRI", Param("resource", None, "the IRI")),
])
def test_param_lines_parse(line: str, expected: Param) -> None:
    assert Param.parse(line) == expected


def test_optional_and_literal() -> None:
    assert Param.parse("year xsd:integer — a year (optional)").literal
    assert Param.parse("year xsd:integer — a year (optional)").optional
    assert Param.parse("resource — the IRI (default res:ilo)").optional
    assert not Param.parse("programme pasb:CooperationProgramme — one").literal
    assert not Param.parse("fact — IRI of a fact").optional


@pytest.mark.parametrize("query", all_queries(), ids=lambda q: q.name)
def test_every_parameter_is_a_variable_of_its_query(query: NamedQuery) -> None:
    for param in query.parameters:
        assert f"?{param.name}" in query.text or f"${param.name}" in query.text


@pytest.mark.parametrize(("name", "param"), typed_parameters(),
                         ids=lambda x: x if isinstance(x, str) else x.name)
def test_typed_parameters_bind_to_a_value_of_their_type(kg_store: OxigraphStore, name: str,
                                                        param: Param) -> None:
    query = load_query(name)
    if param.literal:
        value = Literal("2012", datatype=URIRef(expand(param.type)))
    else:
        instances = kg_store.select(f"SELECT ?i WHERE {{ ?i a <{expand(param.type)}> }}")
        assert instances, f"no instance of {param.type} to choose from"
        value = instances[0]["i"]
    assert kg_store.select(query.text, bindings={param.name: value})


def test_the_year_query_gives_the_programmes_of_each_year(kg_store: OxigraphStore) -> None:
    text = load_query("participants-by-year").text

    def programmes(year: int | None) -> set[int]:
        bindings = {"year": Literal(year, datatype=INTEGER)} if year else None
        return {int(r["number"]) for r in kg_store.select(text, bindings=bindings)}

    # programme 1 runs 2010-2014, programme 2 2011-2013, programme 3 in the cooperation's
    # 2010-2013 (it has no dates of its own)
    assert programmes(None) == {1, 2, 3}
    assert programmes(2009) == set()
    assert programmes(2010) == {1, 3}
    assert programmes(2012) == {1, 2, 3}
    assert programmes(2014) == {1}
    rows = kg_store.select(text, bindings={"year": Literal(2011, datatype=INTEGER)})
    youth = {r["participant"] for r in rows if r["programme"] == RES["programme-youth-transition"]}
    assert RES["sida"] in youth and RES["ilo"] in youth
    assert all(str(r["year"]) == "2011" for r in rows)


def test_the_query_files_say_which_parameters_are_typed() -> None:
    assert load_query("programme-partners").parameters[0].type == "pasb:CooperationProgramme"
    assert load_query("participants-by-year").parameters[0].type == "xsd:integer"
    assert Path(queries_dir() / "participants-by-year.rq").exists()
