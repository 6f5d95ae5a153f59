"""Cancelling a running query: ``POST /sparql/cancel`` kills the worker at once, the
request answers 409, the worker's process is gone (no CPU is spent on the query after
the cancel) and the replacement answers the next query; only the client that sent the
query can cancel it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from tests.service.conftest import busy_processes, cpu_seconds

RUNAWAY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p1 ?b . ?c ?p2 ?d . ?e ?p3 ?f . "
           "?g ?p4 ?h . ?i ?p5 ?j }")
CHEAP = "ASK { <http://example.org/s1> ?p ?o }"


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory, service_factory) -> Iterator:
    """A service with a single query worker, so a query that kept running would block
    every other one, and a time limit far beyond the test."""
    tmp = tmp_path_factory.mktemp("cancel")
    data = tmp / "big.nt"
    with data.open("w") as out:
        for i in range(20_000):
            out.write(f"<http://example.org/s{i % 2000}> <http://example.org/p{i % 7}> "
                      f"\"{i}\" .\n")
    service = service_factory(tmp, "--no-kg", "--memory", "--load", str(data),
                              "--workers", "1", env={"PASB_QUERY_TIMEOUT": "120"})
    yield service
    service.stop()


def post_query(service, text: str, query_id: str | None) -> tuple[float, int, str]:
    headers = {"Accept": "application/sparql-results+json"}
    if query_id:
        headers["PASB-Query-Id"] = query_id
    started = time.monotonic()
    response = service.session.post(service.sparql, data={"query": text}, headers=headers,
                                    timeout=150)
    return time.monotonic() - started, response.status_code, response.text


def test_cancel_stops_the_worker_and_frees_it(one_worker) -> None:
    with ThreadPoolExecutor(1) as pool:
        runaway = pool.submit(post_query, one_worker, RUNAWAY, "runaway-0001")
        time.sleep(0.5)
        burning = busy_processes(one_worker.process.pid)
        assert len(burning) == 1, burning  # the worker running the query
        [worker] = burning
        started = time.monotonic()
        response = one_worker.session.post(one_worker.url + "/sparql/cancel",
                                           data={"id": "runaway-0001"}, timeout=10)
        assert response.status_code == 204, response.text
        _, status, text = runaway.result(timeout=10)
    assert status == 409 and "cancelled" in text
    assert time.monotonic() - started < 2
    assert cpu_seconds(worker) is None  # the process that ran it is gone
    assert not busy_processes(one_worker.process.pid)  # nothing goes on computing
    answered, status, _ = post_query(one_worker, CHEAP, None)
    assert status == 200 and answered < 5  # the one worker is free again
    metrics = one_worker.session.get(one_worker.url + "/metrics", timeout=10).text
    samples = {s.name: s.value for family in text_string_to_metric_families(metrics)
               for s in family.samples}
    assert samples["pasb_query_cancels_total"] >= 1


def test_cancel_of_a_finished_or_unknown_query_is_404(one_worker) -> None:
    assert post_query(one_worker, CHEAP, "finished-0001")[1] == 200
    for query_id in ("finished-0001", "never-sent-0001"):
        response = one_worker.session.post(one_worker.url + "/sparql/cancel",
                                           data={"id": query_id}, timeout=10)
        assert response.status_code == 404
        assert query_id in response.text


@pytest.mark.parametrize("bad", ["", "short", "has space in it", "x" * 65, "semi;colon1"])
def test_bad_query_ids_are_refused_where_given(one_worker, bad: str) -> None:
    response = one_worker.session.post(one_worker.url + "/sparql/cancel", data={"id": bad},
                                       timeout=10)
    assert response.status_code == 400 and response.text.startswith("400 Bad Request: id:")
    response = one_worker.session.post(one_worker.sparql, data={"query": CHEAP},
                                       headers={"PASB-Query-Id": bad}, timeout=10)
    assert response.status_code == 400 and "PASB-Query-Id" in response.text


class FromAddress(requests.adapters.HTTPAdapter):
    """Connect from another loopback address (another client, as the service sees it)."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def test_another_client_cannot_cancel(one_worker) -> None:
    """The id is per client address: the same id from 127.0.0.2 finds nothing."""
    with ThreadPoolExecutor(1) as pool:
        runaway = pool.submit(post_query, one_worker, RUNAWAY, "mine-000001")
        time.sleep(0.5)
        other = requests.Session()
        other.mount("http://", FromAddress("127.0.0.2"))
        response = other.post(one_worker.url + "/sparql/cancel", data={"id": "mine-000001"},
                              timeout=10)
        assert response.status_code == 404
        assert not runaway.done()
        mine = one_worker.session.post(one_worker.url + "/sparql/cancel",
                                       data={"id": "mine-000001"}, timeout=10)
        assert mine.status_code == 204
        assert runaway.result(timeout=10)[1] == 409


def test_a_query_waiting_for_the_worker_can_be_cancelled(one_worker) -> None:
    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(post_query, one_worker, RUNAWAY, "first-00001")
        time.sleep(0.5)
        waiting = pool.submit(post_query, one_worker, CHEAP, "waiting-0001")
        time.sleep(0.3)
        assert not waiting.done()
        assert one_worker.session.post(one_worker.url + "/sparql/cancel",
                                       data={"id": "waiting-0001"}, timeout=10
                                       ).status_code == 204
        status = waiting.result(timeout=5)[1]
        assert status == 409
        assert not first.done()  # cancelling the waiting query left the running one alone
        one_worker.session.post(one_worker.url + "/sparql/cancel", data={"id": "first-00001"},
                                timeout=10)
        assert first.result(timeout=10)[1] == 409
