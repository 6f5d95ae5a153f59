"""Reading a whole graph from a store that caps every result (Virtuoso's
``ResultSetMaxRows``), in keyset pages.

``ORDER BY … OFFSET`` cannot page past such a cap (Virtuoso refuses to sort beyond it), so
each page is a *range of subjects*: first the next ``store_page_rows`` subject keys in
order (``STR(?s)`` greater than the last one seen), then every triple of the subjects in
that range. A range whose triples reach the cap is split in two; a single subject with
more triples than the cap fails with a clear error instead of coming back short.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import ResultCapped, StoreError

if TYPE_CHECKING:
    from kg.store.remote import SparqlStore


def _literal(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid SPARQL string literal


def keyset_triples(store: SparqlStore, graph: str | None, *, timeout: float
                   ) -> list[ox.Triple]:
    """Every triple of ``graph`` (``None``: the default graph), in keyset pages."""
    from kg.store.answers import ox_term
    from kg.store.texts import iri

    cap = store.dialect.max_rows or store.settings.store_page_rows + 1
    page = max(2, min(store.settings.store_page_rows, cap - 1))
    pattern = f"GRAPH <{iri(graph)}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    union = None if graph else False
    triples: list[ox.Triple] = []
    last: str | None = None
    while True:
        after = f"FILTER(?k > {_literal(last)})" if last is not None else ""
        answer = store.run(f"SELECT ?s ?p ?o ?k WHERE {{ {pattern} BIND(STR(?s) AS ?k) "
                           f"{after} }} ORDER BY ?k LIMIT {page}", checked=True,
                           timeout=timeout, union=union, max_rows=page)
        rows = answer.bindings
        if len(rows) == page:  # the last subject may go on in the next page
            final = rows[-1]["k"]["value"]
            rows = [r for r in rows if r["k"]["value"] != final]
            if rows:  # the next page starts with that subject
                last = rows[-1]["k"]["value"]
            else:  # one subject fills the page: read it alone
                rows = _one_subject(store, pattern, final, cap, timeout, union)
                last = final
        triples += [ox.Triple(ox_term(r["s"]), ox_term(r["p"]), ox_term(r["o"]))
                    for r in rows]
        if len(answer.bindings) < page:
            return triples


def _one_subject(store: SparqlStore, pattern: str, key: str, cap: int, timeout: float,
                 union: bool | None) -> list[dict]:
    try:
        return store.run(f"SELECT ?s ?p ?o WHERE {{ {pattern} FILTER(STR(?s) = "
                         f"{_literal(key)}) }}", checked=True, timeout=timeout,
                         union=union).bindings
    except ResultCapped:
        raise StoreError(f"the subject {key} has more triples than the remote store "
                         f"returns for one query ({cap}); this graph cannot be read whole "
                         "from it") from None
