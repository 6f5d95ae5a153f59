"""Every test of the W3C SPARQL 1.1 Protocol manifest, replayed over HTTP against the
live service (an empty in-memory store, updates enabled with a token)."""

from __future__ import annotations

import pytest
from w3c_manifest import (
    entry_names,
    graph_data,
    manifest_entries,
    requests_of,
    require_suite,
    run_requests,
)

pytestmark = pytest.mark.w3c
MANIFEST = ("protocol", "manifest.ttl")


@pytest.mark.parametrize("name", entry_names(*MANIFEST))
def test_protocol(name: str, writable_service) -> None:
    graph, entries = manifest_entries(require_suite(*MANIFEST))
    test = next(e for e in entries if str(e).endswith("#" + name))
    service = writable_service
    service.update("DROP ALL")
    for path, graph_name in graph_data(graph, test):
        response = service.session.put(
            service.url + "/store", params={"graph": graph_name}, data=path.read_bytes(),
            headers={"Content-Type": "application/n-triples", **service.auth()}, timeout=30)
        assert response.status_code in (201, 204), response.text
    run_requests(service.session, service.url + "/sparql/", "/sparql/",
                 requests_of(graph, test), extra_headers=service.auth())
