"""The remote store's HTTP layer against real local servers: what is retried and what is
not, deadlines, and refusals that happen before anything is sent."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from kg.errors import QueryRefused, QueryTimeout, StoreUnavailable
from kg.settings import Settings
from kg.store.remote import SparqlStore


class Flaky(BaseHTTPRequestHandler):
    """Answers 503 to the first ``failures`` requests, then a SPARQL JSON boolean."""

    failures = 0
    delay = 0.0
    seen: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        self.seen.append(self.rfile.read(length).decode())
        if len(self.seen) <= self.failures:
            self.send_response(503)
            self.send_header("Content-Length", "4")
            self.end_headers()
            self.wfile.write(b"busy")
            return
        time.sleep(self.delay)
        body = json.dumps({"head": {}, "boolean": True}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def flaky():
    Flaky.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def store_at(port: int, **settings: object) -> SparqlStore:
    return SparqlStore.from_settings(Settings.from_env(
        {}, store=f"sparql+http://127.0.0.1:{port}/sparql", store_dialect="generic",
        store_retries=2, store_backoff=0.01, **settings))


def test_a_read_is_retried_after_503(flaky) -> None:
    Flaky.failures = 2
    assert store_at(flaky.server_port).ask("ASK {}") is True
    assert len(Flaky.seen) == 3
    # Always a form POST: Virtuoso may never answer a POST of application/sparql-query.
    assert all(body.startswith("query=ASK") for body in Flaky.seen)


def test_a_read_gives_up_after_the_retries(flaky) -> None:
    Flaky.failures = 10
    with pytest.raises(StoreUnavailable, match="503"):
        store_at(flaky.server_port).ask("ASK {}")
    assert len(Flaky.seen) == 3


def test_an_update_is_not_retried_once_sent(flaky) -> None:
    Flaky.failures = 1
    with pytest.raises(StoreUnavailable):
        store_at(flaky.server_port).update("INSERT DATA { <http://e/a> <http://e/b> 1 }")
    assert len(Flaky.seen) == 1


def test_the_deadline_covers_the_answer(flaky) -> None:
    Flaky.failures, Flaky.delay = 0, 2.0
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        store_at(flaky.server_port, query_timeout=0.5).ask("ASK {}")
    assert time.monotonic() - started < 1.8
    Flaky.delay = 0.0


def test_no_store_at_all_is_unavailable() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(StoreUnavailable, match="cannot be reached"):
        store_at(port).ask("ASK {}")


@pytest.mark.parametrize("update", [
    "LOAD <http://example.org/x>",
    "CLEAR ALL ; LOAD <http://example.org/x> INTO GRAPH <http://e/g>",
])
def test_load_never_leaves(flaky, update: str) -> None:
    with pytest.raises(QueryRefused, match="LOAD"):
        store_at(flaky.server_port).update(update)
    assert Flaky.seen == []


def test_a_syntax_error_never_leaves(flaky) -> None:
    from kg.errors import QuerySyntaxError

    with pytest.raises(QuerySyntaxError) as info:
        store_at(flaky.server_port).ask("ASK { ?s ?p }")
    assert info.value.line == 1 and info.value.column
    assert Flaky.seen == []


def test_a_cross_product_of_values_is_not_evaluated_here() -> None:
    """The local syntax check runs texts on an empty store: one that multiplies constant
    rows (64 million here) is left to the remote store instead of running in the
    service's request thread."""
    from kg.store.remote import check_syntax

    values = " ".join(str(i) for i in range(400))
    heavy = (f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {values} }} VALUES ?b "
             f"{{ {values} }} VALUES ?c {{ {values} }} FILTER(?a + ?b > ?c) }}")
    started = time.monotonic()
    assert check_syntax(heavy) == "SELECT"
    assert time.monotonic() - started < 1


def test_a_store_location_of_another_scheme_is_refused(cli) -> None:
    result = cli("query", "--store", "sparql+ftp://127.0.0.1/sparql", "ASK {}")
    assert result.returncode == 2
    assert "sparql+http://… or sparql+https://…" in result.stderr
