"""Writes are durable (on disk before the 2xx: kill -9 right after, restart, the data is
there) and atomic (a failing update or upload changes nothing)."""

from __future__ import annotations

import signal

import pytest

DATA = "http://example.org/durable"


@pytest.fixture
def disk_service(tmp_path, service_factory, update_token):
    service = service_factory(tmp_path, "--no-kg", "--store", str(tmp_path / "store"),
                              token=update_token)
    yield service
    service.stop()


def test_acknowledged_update_survives_kill_9(tmp_path, disk_service, service_factory) -> None:
    disk_service.update(f"INSERT DATA {{ GRAPH <{DATA}> {{ <{DATA}/s> <{DATA}/p> 1 }} }}")
    response = disk_service.session.put(
        disk_service.url + "/store", params={"graph": DATA + "/gsp"},
        data=b"<http://example.org/a> <http://example.org/b> 2 .",
        headers={"Content-Type": "text/turtle", **disk_service.auth()}, timeout=30)
    assert response.status_code == 201
    disk_service.process.send_signal(signal.SIGKILL)  # right after the acknowledgement
    disk_service.process.wait()
    again = service_factory(tmp_path, *disk_service.args[4:-2], token=disk_service.token)
    try:
        assert again.ask(f"ASK {{ GRAPH <{DATA}> {{ <{DATA}/s> <{DATA}/p> 1 }} }}")
        assert again.ask("ASK { <http://example.org/a> <http://example.org/b> 2 }")
    finally:
        again.stop()


def test_failing_update_changes_nothing(disk_service) -> None:
    disk_service.update("CREATE GRAPH <http://example.org/exists>")
    response = disk_service.session.post(
        disk_service.sparql, data=(
            b"INSERT DATA { <http://example.org/x> <http://example.org/y> 1 } ;\n"
            b"DELETE WHERE { ?s ?p ?o } ;\n"
            b"CREATE GRAPH <http://example.org/exists>"),
        headers={"Content-Type": "application/sparql-update", **disk_service.auth()},
        timeout=30)
    assert response.status_code == 400
    assert "nothing was changed" in response.text
    assert not disk_service.ask("ASK { <http://example.org/x> ?p ?o }")


def test_failing_upload_keeps_the_graph(disk_service) -> None:
    url = disk_service.url + "/store"
    headers = {"Content-Type": "text/turtle", **disk_service.auth()}
    params = {"graph": DATA}
    assert disk_service.session.put(url, params=params, headers=headers, timeout=30,
                                    data=b"<http://e/s> <http://e/p> 1 .").status_code == 201
    bad = disk_service.session.put(url, params=params, headers=headers, timeout=30,
                                   data=b"<http://e/s> <http://e/p> 2 .\n<http://e/s> oops")
    assert bad.status_code == 400
    assert "line 2" in bad.text
    assert disk_service.ask(f"ASK {{ GRAPH <{DATA}> {{ <http://e/s> <http://e/p> 1 }} }}")
    assert not disk_service.ask(f"ASK {{ GRAPH <{DATA}> {{ <http://e/s> <http://e/p> 2 }} }}")
