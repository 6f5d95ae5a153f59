"""The light SPARQL scanner the query workers use: masking and ``SELECT *`` order."""

from __future__ import annotations

import doctest

import pytest

from kg import sparqlscan
from kg.sparqlscan import select_star_order


def test_the_docstring_examples_hold() -> None:
    assert doctest.testmod(sparqlscan).failed == 0


#: (query, the variables as Oxigraph gives them, the order the table must show)
CASES = [
    ("SELECT * WHERE { ?z ?y ?x }", ["x", "y", "z"], ["z", "y", "x"]),
    ("select distinct * { ?z a ?y . BIND (1 AS ?a) }", ["a", "y", "z"], ["z", "y", "a"]),
    ("PREFIX ex: <http://e/?a>\n# ?a in a comment\nSELECT * { ?b ex:p '?a' . ?a ex:q ?c }",
     ["a", "b", "c"], ["b", "a", "c"]),
    ("SELECT * { $m ?p ?k }", ["k", "m", "p"], ["m", "p", "k"]),
    ("SELECT * { { SELECT ?inner (1 AS ?out) { ?inner ?p ?o } } ?x ?q ?out }",
     ["inner", "out", "q", "x"], ["inner", "out", "x", "q"]),
    # an explicit projection keeps its own order, even against first appearance
    ("SELECT ?x (?a AS ?c) ?a { ?a ?p ?x }", ["x", "c", "a"], ["x", "c", "a"]),
    ("SELECT ?b ?a { ?a ?p ?b }", ["b", "a"], ["b", "a"]),
]


@pytest.mark.parametrize(("text", "given", "expected"), CASES)
def test_select_star_keeps_the_query_order(text: str, given: list[str],
                                           expected: list[str]) -> None:
    assert select_star_order(text, given) == expected
