"""A real Oxigraph server with a Wikidata-shaped fixture, and a fault-injecting proxy.

No mocking: SPARQLWrapper talks HTTP to ``oxigraph serve`` on 127.0.0.1, directly or
through :class:`FaultProxy`, which answers 429 with Retry-After, 500, slow responses,
malformed JSON or a 200 error notice when told to, and forwards otherwise.
"""

from __future__ import annotations

import http.server
import threading
import time
import urllib.request
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.linking.client import PoliteClient
from kg.linking.targets import WD, WIKIDATA, Kind, Target
from kg.store import OxigraphStore

AGENT = "pasb-kg-tests/0.1 (https://w3id.org/pasb; tests) SPARQLWrapper"

#: The fixture's (fake) classes stand in for Wikidata's real ones.
FIXTURE_TYPES = {
    Kind.ORGANISATION: (WD + "Q900000001",),
    Kind.GOVERNMENT_AGENCY: (WD + "Q900000002", WD + "Q900000001"),
    Kind.TREATY: (WD + "Q900000004",),
    Kind.INSTRUMENT: (WD + "Q900000004", WD + "Q900000014", WD + "Q900000018"),
    Kind.COUNTRY: (WD + "Q900000006",),
    Kind.PROVINCE: (WD + "Q900000008",),
}


class FaultProxy:
    """An HTTP proxy to one upstream URL that injects the faults queued in ``faults``.

    A fault is ``("429", seconds)``, ``("500",)``, ``("slow", seconds)``,
    ``("malformed",)`` or ``("notice",)``; an empty queue forwards the request.
    """

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.faults: deque[tuple] = deque()
        self.requests: list[dict[str, str]] = []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                proxy.handle(self, b"")

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                proxy.handle(self, body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def handle(self, h: http.server.BaseHTTPRequestHandler, body: bytes) -> None:
        self.requests.append(dict(h.headers))
        fault = self.faults.popleft() if self.faults else None
        try:
            if fault is None or fault[0] == "slow":
                if fault:
                    time.sleep(fault[1])
                self._forward(h, body)
            elif fault[0] == "429":
                self._send(h, 429, b"Too Many Requests", "text/plain",
                           {"Retry-After": str(fault[1])})
            elif fault[0] == "500":
                self._send(h, 500, b"Internal Server Error", "text/plain")
            elif fault[0] == "malformed":
                self._send(h, 200, b'{"head": {"vars": ["item"]}, "results": {"bindi',
                           "application/sparql-results+json")
            elif fault[0] == "notice":
                self._send(h, 200, b'{"head": {"vars": ["item"]}, "results": {"bindings": [\n'
                           b"SPARQL-QUERY: queryStr=SELECT ...\n"
                           b"java.util.concurrent.TimeoutException\n\tat java.base/...",
                           "application/sparql-results+json")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout): nothing to answer

    def _forward(self, h: http.server.BaseHTTPRequestHandler, body: bytes) -> None:
        query = h.path.partition("?")[2]
        url = self.upstream + ("?" + query if query else "")
        headers = {k: v for k, v in h.headers.items()
                   if k.lower() in ("accept", "content-type", "user-agent")}
        request = urllib.request.Request(url, data=body or None, headers=headers,
                                         method=h.command)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                self._send(h, response.status, response.read(),
                           response.headers.get("Content-Type", ""))
        except urllib.error.HTTPError as exc:
            self._send(h, exc.code, exc.read(), exc.headers.get("Content-Type", ""))

    @staticmethod
    def _send(h: http.server.BaseHTTPRequestHandler, status: int, body: bytes,
              content_type: str, headers: dict[str, str] | None = None) -> None:
        h.send_response(status)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            h.send_header(name, value)
        h.end_headers()
        h.wfile.write(body)


@pytest.fixture(scope="session")
def _proxy(wikidata_server: str) -> Iterator[FaultProxy]:
    proxy = FaultProxy(wikidata_server)
    yield proxy
    proxy.server.shutdown()


@pytest.fixture
def proxy(_proxy: FaultProxy) -> FaultProxy:
    """The fault proxy, with no queued faults and an empty request log."""
    _proxy.faults.clear()
    _proxy.requests.clear()
    return _proxy


class Sleeps(list):
    """Records the pauses a client asks for instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def make_client(tmp_path: Path):
    """Build a client with a per-test cache, quick back-off and recorded sleeps."""

    def make(endpoint: str, **options: object) -> PoliteClient:
        defaults: dict[str, object] = {"agent": AGENT, "cache_dir": tmp_path / "cache",
                                       "timeout": 5.0, "retries": 2, "backoff": 0.5,
                                       "min_interval": 0.0, "sleep": Sleeps()}
        defaults.update(options)
        return PoliteClient(endpoint, **defaults)  # type: ignore[arg-type]

    return make


@pytest.fixture
def fixture_target(wikidata_server: str) -> Target:
    """The Wikidata profile pointed at the fixture server, with the fixture's classes."""
    return WIKIDATA.with_(endpoint=wikidata_server, types=FIXTURE_TYPES)


@pytest.fixture
def store_with(kg_store: OxigraphStore):
    """A fresh in-memory copy of the knowledge graph plus extra Turtle in named graphs."""
    import pyoxigraph as ox

    def make(**graphs: bytes | str) -> OxigraphStore:
        store = OxigraphStore()
        store.load(kg_store.dump(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        for graph, data in graphs.items():
            store.load(data, format=ox.RdfFormat.TURTLE, graph=str(URIRef(graph)))
        return store

    return make
