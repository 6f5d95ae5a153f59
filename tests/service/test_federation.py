"""SERVICE through our endpoint: allow-listed endpoints are asked politely by kg.linking
(bound values, our User-Agent, cache), never by the query engine on its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kg.named_queries import load_query

WIKIDATA = "https://query.wikidata.org/sparql"


@pytest.fixture(scope="module", params=["embedded", "virtuoso", "oxigraph"])
def federating_service(request, tmp_path_factory, service_factory, wikidata_server: str,
                       remote_stores) -> Iterator:
    """The shipped graph, with Wikidata allow-listed and answered by the local mirror, on
    each backend (the remote store never sees a SERVICE clause: kg.linking answers it)."""
    tmp: Path = tmp_path_factory.mktemp(f"federation-{request.param}")
    store, env = ["--memory"], {}
    if request.param != "embedded":
        instance = remote_stores(request.param, "kg")
        store = ["--store", instance.location]
        if getattr(instance, "credentials", None):
            env["PASB_STORE_CREDENTIALS"] = instance.credentials
    service = service_factory(tmp, *store, env={
        **env,
        "PASB_FEDERATION_ALLOWLIST": WIKIDATA,
        "PASB_FEDERATION_MIRRORS": f"{WIKIDATA}={wikidata_server}",
        "PASB_HTTP_CACHE_DIR": str(tmp / "cache"),
    })
    yield service
    service.stop()


def bindings(response: requests.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    return [{k: v["value"] for k, v in b.items()}
            for b in response.json()["results"]["bindings"]]


def test_named_federated_query_joins_wikidata_labels(federating_service) -> None:
    text = load_query("federated-actor-labels-wikidata").text
    response = requests.post(federating_service.sparql, data=text.encode(),
                             headers={"Content-Type": "application/sparql-query",
                                      "Accept": "application/sparql-results+json"}, timeout=60)
    rows = bindings(response)
    ilo = {r["wikidataLabel"] for r in rows
           if r["actor"] == "https://w3id.org/pasb/resource/ilo"}
    assert ilo == {"International Labour Organization", "Organisasi Buruh Internasional"}
    assert all(r["item"].startswith("http://www.wikidata.org/entity/Q") for r in rows)


def test_endpoint_outside_the_allow_list_is_refused(federating_service) -> None:
    response = requests.get(federating_service.sparql, params={
        "query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"},
        timeout=30)
    assert response.status_code == 403
    assert "allow-list" in response.text


def test_failing_allowed_endpoint_is_a_clear_502(service_factory, tmp_path: Path) -> None:
    dead = "http://127.0.0.1:9/sparql"  # nothing listens on the discard port
    service = service_factory(tmp_path, "--memory", "--no-kg", env={
        "PASB_FEDERATION_ALLOWLIST": dead, "PASB_REMOTE_RETRIES": "0",
        "PASB_HTTP_CACHE_DIR": str(tmp_path / "cache")})
    try:
        response = requests.get(service.sparql, params={
            "query": f"SELECT * WHERE {{ SERVICE <{dead}> {{ ?s ?p ?o }} }}"}, timeout=60)
        assert response.status_code == 502, response.text
        assert "SERVICE" in response.text
        silent = requests.get(service.sparql, params={
            "query": f"SELECT * WHERE {{ SERVICE SILENT <{dead}> {{ ?s ?p ?o }} }}"},
            headers={"Accept": "application/sparql-results+json"}, timeout=60)
        assert silent.status_code == 200
    finally:
        service.stop()
