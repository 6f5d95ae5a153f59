"""Federated example queries, with SERVICE evaluated politely against the fixture server."""

from __future__ import annotations

import pytest

from kg.errors import QueryRefused, RemoteError
from kg.linking.federation import rewrite_federated
from kg.linking.targets import WIKIDATA_ENDPOINT
from kg.named_queries import load_query

ACCEPTED = """
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix res: <https://w3id.org/pasb/resource/> .
@prefix wd: <http://www.wikidata.org/entity/> .
res:c138 owl:sameAs wd:Q900000201 .
"""


@pytest.fixture
def store(store_with):
    return store_with(**{"https://w3id.org/pasb/graph/links-wikidata": ACCEPTED})


def run(store, name, url, make_client, **options):
    text = rewrite_federated(store, load_query(name).text, allowlist=[WIKIDATA_ENDPOINT],
                             mirrors={WIKIDATA_ENDPOINT: url}, client_for=make_client,
                             **options)
    assert "SERVICE" not in text.upper().split("WHERE", 1)[1]
    return store.select(text)


def test_actor_labels_from_wikidata(store, wikidata_server, make_client) -> None:
    rows = run(store, "federated-actor-labels-wikidata", wikidata_server, make_client)
    ilo = {str(r["wikidataLabel"]) for r in rows if str(r["actor"]).endswith("/ilo")}
    assert ilo == {"International Labour Organization", "Organisasi Buruh Internasional"}


def test_ratifications(store, wikidata_server, make_client) -> None:
    rows = run(store, "federated-ratifications", wikidata_server, make_client)
    dates = {(str(r["country"]).rsplit("/", 1)[-1], str(r.get("date", ""))[:10])
             for r in rows if str(r["convention"]).endswith("/c138")}
    assert ("indonesia", "1999-06-07") in dates and ("netherlands", "1976-09-14") in dates
    assert all(not c.startswith("singapore") for c, _ in dates)


def test_endpoint_outside_the_allowlist_is_refused(store, make_client) -> None:
    with pytest.raises(QueryRefused, match="allow-list"):
        rewrite_federated(store, load_query("federated-ratifications").text, allowlist=[],
                          client_for=make_client)


def test_failure_is_reported_unless_silent(store, proxy, make_client) -> None:
    text = load_query("federated-actor-labels-wikidata").text
    proxy.faults.extend([("500",)] * 3)
    with pytest.raises(RemoteError, match="HTTP 500"):
        rewrite_federated(store, text, allowlist=[WIKIDATA_ENDPOINT],
                          mirrors={WIKIDATA_ENDPOINT: proxy.url}, client_for=make_client)
    proxy.faults.extend([("500",)] * 3)
    silent = text.replace("SERVICE <", "SERVICE SILENT <")
    rewritten = rewrite_federated(store, silent, allowlist=[WIKIDATA_ENDPOINT],
                                  mirrors={WIKIDATA_ENDPOINT: proxy.url},
                                  client_for=make_client)
    assert store.select(rewritten)  # the local part still answers
