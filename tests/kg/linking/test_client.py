"""The polite client against a real server, with faults injected by the proxy."""

from __future__ import annotations

import pytest

from kg.errors import RemoteError
from kg.linking.client import PoliteClient

QUERY = ("PREFIX wdt: <http://www.wikidata.org/prop/direct/> "
         "SELECT ?code WHERE { <http://www.wikidata.org/entity/Q252> wdt:P297 ?code }")


def codes(client: PoliteClient) -> list[str]:
    answer = client.results(QUERY)
    return [b["code"]["value"] for b in answer.json()["results"]["bindings"]]


def cache_files(client: PoliteClient) -> list:
    folder = client.cache_dir / "sparql"
    return sorted(folder.glob("*.json")) if folder.exists() else []


def test_answers_with_informative_user_agent(proxy, make_client) -> None:
    client = make_client(proxy.url)
    assert codes(client) == ["ID"]
    agent = proxy.requests[0]["User-Agent"]
    assert "pasb-kg" in agent and "https://w3id.org/pasb" in agent and "SPARQLWrapper" in agent


def test_agent_without_contact_is_refused(make_client) -> None:
    with pytest.raises(RemoteError, match="no contact"):
        make_client("http://127.0.0.1:9/sparql", agent="sparqlwrapper")


def test_rerun_sends_nothing_already_asked(proxy, make_client) -> None:
    first = make_client(proxy.url)
    codes(first)
    again = make_client(proxy.url)
    answer = again.results(QUERY)
    assert answer.from_cache and again.requests_sent == 0 and len(proxy.requests) == 1
    assert answer.retrieved == first.results(QUERY).retrieved


def test_429_retry_after_is_honoured(proxy, make_client) -> None:
    proxy.faults.extend([("429", 3)])
    client = make_client(proxy.url)
    assert codes(client) == ["ID"]
    assert client.sleep == [3.0] and len(proxy.requests) == 2


def test_500_backs_off_exponentially(proxy, make_client) -> None:
    proxy.faults.extend([("500",), ("500",)])
    client = make_client(proxy.url)
    assert codes(client) == ["ID"]
    assert client.sleep == [0.5, 1.0] and len(proxy.requests) == 3


def test_malformed_json_is_retried_then_reported(proxy, make_client) -> None:
    proxy.faults.extend([("malformed",)] * 3)
    client = make_client(proxy.url)
    with pytest.raises(RemoteError, match=r"gave up after 3 attempts.*malformed JSON"):
        codes(client)
    assert cache_files(client) == []


def test_error_notice_in_200_is_an_error_at_once(proxy, make_client) -> None:
    proxy.faults.append(("notice",))
    client = make_client(proxy.url)
    with pytest.raises(RemoteError, match=r"error notice.*TimeoutException"):
        codes(client)
    assert len(proxy.requests) == 1 and cache_files(client) == []


def test_slow_answer_times_out(proxy, make_client) -> None:
    proxy.faults.extend([("slow", 1.0), ("slow", 1.0)])
    client = make_client(proxy.url, timeout=0.3, retries=1)
    with pytest.raises(RemoteError, match=r"timeout"):
        codes(client)
    assert client.requests_sent == 2 and cache_files(client) == []


def test_too_long_retry_after_fails_without_waiting(proxy, make_client) -> None:
    proxy.faults.append(("429", 3600))
    client = make_client(proxy.url, max_retry_after=60)
    with pytest.raises(RemoteError, match="wait 3600 s"):
        codes(client)
    assert client.sleep == []


def test_bad_query_is_reported_not_retried(proxy, make_client) -> None:
    client = make_client(proxy.url)
    with pytest.raises(RemoteError, match="rejected the query"):
        client.results("SELEC nonsense")
    assert len(proxy.requests) == 1


def test_construct_answers_a_graph(wikidata_server, make_client) -> None:
    client = make_client(wikidata_server)
    graph = client.graph("CONSTRUCT { ?s ?p ?o } WHERE { "
                         "VALUES ?s { <http://www.wikidata.org/entity/Q2223> } ?s ?p ?o }").graph()
    assert any(str(o) == "ID-KR" for o in graph.objects())
