"""The fast path that skips rdflib's analysis must never let an outbound query through."""

from __future__ import annotations

import pytest

from service.security import strip_comments, unanalysed_text_is_safe


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?s ?p ?o } # FROM is only mentioned here",
        "PREFIX e: <http://e/#> SELECT ?fromYear WHERE { ?s e:p ?fromYear }",
    ],
)
def test_texts_that_cannot_reach_out_take_the_fast_path(text: str) -> None:
    assert unanalysed_text_is_safe(text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * FROM <http://e/g> WHERE { ?s ?p ?o }",
        "SELECT * { SERVICE<http://e/sparql>{ ?s ?p ?o } }",
        "select * {} # a comment\nLoad <http://e/x>",
        "SELECT * { ?s ?p '#' } SERVICE",
        'SELECT * { ?s ?p """ # """ . SERVICE <http://e/> { } }',
        "SELECT * { <http://e/#> ?p ?o } SERVICE <http://e/> {}",
        "# \\u000A SERVICE <http://e/> {}",  # SPARQL decodes \\u before lexing
        "SELECT * { \\u0053ERVICE <http://e/> {} }",
        "SELECT * { ?s ?p 'mentions service in a string' }",  # conservative
        "ASK { <http://e/a#service> ?p ?o }",  # conservative
    ],
)
def test_anything_that_might_reach_out_is_analysed(text: str) -> None:
    assert not unanalysed_text_is_safe(text)


def test_strip_comments_keeps_iris_and_strings() -> None:
    text = 'SELECT * # from here\nWHERE { <http://e/#a> ?p "#x" , \'#y\' } # end'
    assert strip_comments(text) == 'SELECT * \nWHERE { <http://e/#a> ?p "#x" , \'#y\' } '
