from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import UnknownNameError
from kg.named_queries import list_queries, load_query, parse_query_file


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT * WHERE {}", "SELECT"),
        ("# title: t\nBASE <http://e/#x>\nprefix a: <http://e#>\n  ask {}", "ASK"),
        ("PREFIX : <http://e/#> # a comment with SELECT\nCONSTRUCT WHERE {}", "CONSTRUCT"),
        ("DESCRIBE <http://e/#a>", "DESCRIBE"),
    ],
)
def test_form_ignores_prologue_comments_and_iris(tmp_path: Path, text: str, form: str) -> None:
    path = tmp_path / "q.rq"
    path.write_text(text)
    assert parse_query_file(path).form == form


def test_header_fields(tmp_path: Path) -> None:
    path = tmp_path / "funding.rq"
    path.write_text("# title: Funding\n# description: Who paid\n#   and how much.\n"
                    "# param: programme — a programme IRI\nSELECT * WHERE {}\n")
    q = parse_query_file(path)
    assert (q.name, q.title, q.description) == ("funding", "Funding", "Who paid and how much.")
    assert q.params == ("programme — a programme IRI",)


def test_every_shipped_query_has_a_known_form() -> None:
    assert {q.form for q in list_queries()} <= {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def test_unknown_name_lists_known_ones() -> None:
    with pytest.raises(UnknownNameError, match="programme-funding"):
        load_query("no-such-query")
