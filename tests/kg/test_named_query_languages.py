"""Every named query the pages show is titled and described in Indonesian too
(``# title-id:``, ``# description-id:``), and every parameter explained
(``# param-id:``): the query page lists them in the reader's language."""

from __future__ import annotations

import pytest

from kg.named_queries import NamedQuery, list_queries, queries_dir

SHOWN = [*list_queries(), *list_queries(queries_dir() / "system")]


@pytest.mark.parametrize("query", SHOWN, ids=[q.name for q in SHOWN])
def test_every_query_is_titled_and_described_in_indonesian(query: NamedQuery) -> None:
    assert query.title_id and query.description_id
    assert query.title_in("id") != query.title
    assert query.description_in("id") != query.description
    assert "-id:" not in query.description and "-id:" not in query.title
    names = [p.name for p in query.parameters]
    assert [p.name for p in query.parameters if p.help_id] == names  # every one explained
