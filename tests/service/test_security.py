"""Safe by default: authorisation of writes, body limits, and no outbound access. A
listener socket on 127.0.0.1 records every connection; each refused request must leave it
untouched."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest


class Listener:
    """A TCP socket on 127.0.0.1 that records who connects."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    out = Listener()
    yield out
    time.sleep(0.3)  # a late connection attempt would still be counted
    assert out.connections == 0, "the service connected to the listener"
    out.close()


def query(service, text: str):
    return service.session.get(service.sparql, params={"query": text}, timeout=30)


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "ASK {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "PREFIX remote: <{url}/> SELECT * WHERE {{ SERVICE remote:sparql {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ BIND(<{url}/sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "CONSTRUCT WHERE {{ ?s ?p ?o }} # SERVICE <{url}/sparql> in a comment is harmless",
])
def test_service_calls_are_refused(readonly_service, listener, template: str) -> None:
    response = query(readonly_service, template.format(url=listener.url))
    if "comment" in template:
        assert response.status_code == 200
    else:
        assert response.status_code in (400, 403), response.text
        assert "SERVICE" in response.text or "Syntax" in response.text


def test_from_of_a_graph_not_in_the_store_is_refused(readonly_service, listener) -> None:
    response = query(readonly_service, f"SELECT * FROM <{listener.url}/data.ttl> "
                                       "WHERE { ?s ?p ?o }")
    assert response.status_code == 403
    assert "no such graph in the store" in response.text
    response = query(readonly_service, f"SELECT * FROM NAMED <{listener.url}/g> "
                                       "WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert response.status_code == 403


def test_file_iris_are_refused(readonly_service) -> None:
    response = query(readonly_service, "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
    assert response.status_code == 403
    assert "file:" in response.text


def test_load_is_refused(writable_service, listener) -> None:
    for text in (f"LOAD <{listener.url}/data.ttl>",
                 f"LOAD SILENT <{listener.url}/data.ttl> INTO GRAPH <http://example.org/g>",
                 "LOAD <file:///etc/passwd>"):
        response = writable_service.session.post(
            writable_service.sparql, data={"update": text}, headers=writable_service.auth(),
            timeout=30)
        assert response.status_code == 403, response.text
        assert "LOAD" in response.text


def test_service_in_an_update_is_refused(writable_service, listener) -> None:
    text = (f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{listener.url}/sparql> "
            "{ ?s ?p ?o } }")
    response = writable_service.session.post(
        writable_service.sparql, data={"update": text}, headers=writable_service.auth(),
        timeout=30)
    assert response.status_code == 403


def put(service, data: bytes, content_type: str, graph: str = "http://example.org/up"):
    return service.session.put(service.url + "/store", params={"graph": graph}, data=data,
                               headers={"Content-Type": content_type, **service.auth()},
                               timeout=30)


def test_remote_json_ld_context_is_not_fetched(writable_service, listener) -> None:
    doc = json.dumps({"@context": f"{listener.url}/context.jsonld",
                      "@id": "http://example.org/a", "name": "x"})
    response = put(writable_service, doc.encode(), "application/ld+json")
    assert response.status_code in (400, 403)
    assert "context" in response.text


def test_xml_entities_are_refused(writable_service) -> None:
    xml = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e/">
  <rdf:Description rdf:about="http://e/s"><ex:p>&b;</ex:p></rdf:Description>
</rdf:RDF>"""
    response = put(writable_service, xml, "application/rdf+xml")
    assert response.status_code == 403
    assert "ENTITY" in response.text


# -- authorisation ----------------------------------------------------------------------------
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Basic dXNlcjpwYXNz"}])
def test_update_without_token_is_401(writable_service, headers) -> None:
    response = writable_service.session.post(writable_service.sparql,
                                             data={"update": "CLEAR ALL"}, headers=headers,
                                             timeout=30)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].lower().startswith("bearer")


def test_update_with_wrong_token_is_403(writable_service) -> None:
    response = writable_service.session.post(
        writable_service.sparql, data={"update": "CLEAR ALL"},
        headers={"Authorization": "Bearer wrong"}, timeout=30)
    assert response.status_code == 403


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_graph_store_writes_need_the_token(writable_service, method: str) -> None:
    url = writable_service.url + "/store?graph=http://example.org/x"
    body = b"<http://e/s> <http://e/p> 1 ."
    headers = {"Content-Type": "application/n-triples"}
    assert writable_service.session.request(method, url, data=body, headers=headers,
                                            timeout=30).status_code == 401
    wrong = {**headers, "Authorization": "Bearer nope"}
    assert writable_service.session.request(method, url, data=body, headers=wrong,
                                            timeout=30).status_code == 403


def test_read_only_service_refuses_writes(readonly_service) -> None:
    response = readonly_service.session.post(
        readonly_service.sparql, data="CLEAR ALL",
        headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer x"},
        timeout=30)
    assert response.status_code == 403
    assert "read-only" in response.text
    response = readonly_service.session.delete(readonly_service.url + "/store?default",
                                               timeout=30)
    assert response.status_code == 403
    assert readonly_service.ask("ASK { ?s ?p ?o }")


def test_body_limit(readonly_service) -> None:
    big = "ASK {} #" + "x" * (11 * 1024 * 1024)
    response = readonly_service.session.post(
        readonly_service.sparql, data=big.encode(),
        headers={"Content-Type": "application/sparql-query"}, timeout=60)
    assert response.status_code == 413


def test_internal_error_has_an_id_and_no_trace(writable_service) -> None:
    # A writer failure that is not the client's fault cannot be provoked from outside;
    # a 404 on an unknown path shows the plain-text error shape instead.
    response = writable_service.session.get(writable_service.url + "/nope", timeout=30)
    assert response.status_code == 404
    assert "Traceback" not in response.text
