"""The hard time limit: a runaway query over 10^5 triples is stopped at 2 s with a clear
503 while a concurrent cheap query answers at once; the killed worker is replaced; a
runaway update is stopped and changes nothing; one client cannot hog the workers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from prometheus_client.parser import text_string_to_metric_families

RUNAWAY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p1 ?b . ?c ?p2 ?d . ?e ?p3 ?f . "
           "?g ?p4 ?h . ?i ?p5 ?j }")
CHEAP = "ASK { <http://example.org/s1> ?p ?o }"


@pytest.fixture(scope="module")
def slow_service(tmp_path_factory, service_factory, update_token) -> Iterator:
    tmp = tmp_path_factory.mktemp("timeouts")
    data = tmp / "big.nt"
    with data.open("w") as out:
        for i in range(100_000):
            out.write(f"<http://example.org/s{i % 5000}> <http://example.org/p{i % 7}> "
                      f"\"{i}\" .\n")
    service = service_factory(tmp, "--no-kg", "--memory", "--load", str(data), "--workers", "3",
                              token=update_token,
                              env={"PASB_QUERY_TIMEOUT": "2", "PASB_UPDATE_TIMEOUT": "2",
                                   "PASB_MAX_CONCURRENT_PER_CLIENT": "2"})
    yield service
    service.stop()


def timed_get(service: object, text: str) -> tuple[float, int, str]:
    started = time.monotonic()
    response = service.session.get(service.sparql, params={"query": text}, timeout=60)
    return time.monotonic() - started, response.status_code, response.text


def test_runaway_query_is_stopped_while_others_answer(slow_service: object) -> None:
    with ThreadPoolExecutor(2) as pool:
        runaway = pool.submit(timed_get, slow_service, RUNAWAY)
        time.sleep(0.5)  # the runaway is running now
        cheap_seconds, cheap_status, _ = timed_get(slow_service, CHEAP)
        assert not runaway.done()
        seconds, status, text = runaway.result()
    assert cheap_status == 200 and cheap_seconds < 0.5
    assert status == 503
    assert "stopped after the 2 s time limit" in text and "query_timeout" in text
    assert 1.9 < seconds < 5
    # the killed worker was replaced: every worker answers again
    for _ in range(6):
        assert timed_get(slow_service, CHEAP)[1] == 200
    metrics = slow_service.session.get(slow_service.url + "/metrics", timeout=10).text
    samples = {s.name: s.value for family in text_string_to_metric_families(metrics)
               for s in family.samples}
    assert samples["pasb_query_timeouts_total"] >= 1
    assert samples["pasb_worker_restarts_total"] >= 1


def test_runaway_update_is_stopped_and_changes_nothing(slow_service: object) -> None:
    update = ("INSERT { <http://example.org/new> <http://example.org/count> ?n } WHERE { "
              "{ " + RUNAWAY + " } }")
    response = slow_service.session.post(
        slow_service.sparql, data=update.encode(),
        headers={"Content-Type": "application/sparql-update", **slow_service.auth()},
        timeout=60)
    assert response.status_code == 503
    assert "nothing was changed" in response.text
    assert not slow_service.ask("ASK { <http://example.org/new> ?p ?o }")
    slow_service.update("INSERT DATA { <http://example.org/after> <http://example.org/p> 1 }")
    assert slow_service.ask("ASK { <http://example.org/after> ?p ?o }")


def test_one_client_cannot_take_every_worker(slow_service: object) -> None:
    with ThreadPoolExecutor(3) as pool:
        first = [pool.submit(timed_get, slow_service, RUNAWAY) for _ in range(2)]
        time.sleep(0.5)
        seconds, status, text = timed_get(slow_service, CHEAP)
        assert status == 429 and seconds < 0.5
        assert "max_concurrent_per_client" in text
        assert [f.result()[1] for f in first] == [503, 503]


def test_timeout_without_partial_body(slow_service: object) -> None:
    response = slow_service.session.get(slow_service.sparql, params={"query": RUNAWAY},
                                        headers={"Accept": "text/csv"}, timeout=60)
    assert response.status_code == 503
    assert response.headers["Content-Type"].startswith("text/plain")
