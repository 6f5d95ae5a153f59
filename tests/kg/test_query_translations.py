"""Every named query shown on the query page has its title, description and parameter
help in Indonesian too (``# title-id:``, ``# description-id:``, ``# param-id:``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.named_queries import NamedQuery, list_queries, parse_query_file, queries_dir


def shown_queries() -> list[NamedQuery]:
    system = [parse_query_file(p) for p in sorted((queries_dir() / "system").glob("*.rq"))]
    return [*list_queries(), *system]


@pytest.mark.parametrize("query", shown_queries(), ids=lambda q: q.name)
def test_title_and_description_in_indonesian(query: NamedQuery) -> None:
    assert query.title_id and query.title_id != query.title, f"{query.name}: no '# title-id:'"
    assert len(query.description_id) >= 40, f"{query.name}: no '# description-id:'"
    assert query.title_in("id") == query.title_id and query.title_in("en") == query.title
    for param in query.parameters:
        assert param.help_id, f"{query.name}: no '# param-id: {param.name} — …'"


def test_header_fields_in_two_languages(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("# title: Funding\n# description: Who paid\n#   and how much.\n"
                    "# title-id: Pendanaan\n# description-id: Siapa membayar\n#   dan berapa.\n"
                    "# param: year xsd:integer — a year (optional)\n"
                    "# param-id: year — sebuah tahun (opsional)\nSELECT ?year WHERE {}\n")
    q = parse_query_file(path)
    assert (q.title_in("id"), q.description_in("id")) == ("Pendanaan", "Siapa membayar dan berapa.")
    assert (q.title_in("en"), q.description_in("en")) == ("Funding", "Who paid and how much.")
    [param] = q.parameters
    assert (param.help, param.help_id) == ("a year (optional)", "sebuah tahun (opsional)")
    assert q.bindable == (param,)


def test_only_selected_variables_are_bindable_in_a_select(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("# title: T\n# param: a — one\n# param: b — two\n"
                    "SELECT ?a (COUNT(?x) AS ?n) WHERE { ?a ?p ?b }\n")
    assert [p.name for p in parse_query_file(path).bindable] == ["a"]
