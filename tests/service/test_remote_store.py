"""The service on a remote store, through its HTTP interface as any client would: each
quirk of Virtuoso that the issue names, statelessness over one store, auth errors, a
stopped store, and what the CLI does against it.

The parametrized suites (W3C protocol, Graph Store, named queries …) run on every backend
already; this module tests what only a remote store can get wrong.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

SPARQL_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
ROWS = 60_000


def nt_file(path: Path, rows: int) -> Path:
    with path.open("w") as out:
        for i in range(rows):
            out.write(f'<http://example.org/s{i // 3}> <http://example.org/p{i % 3}> '
                      f'"{i}"^^<http://www.w3.org/2001/XMLSchema#integer> .\n')
    return path


@pytest.fixture(scope="module")
def quirks(tmp_path_factory, remote_stores):
    """A Virtuoso of its own (ResultSetMaxRows 10,000) holding a 60,000-triple graph,
    bulk-loaded by `pasb-kg load` through Virtuoso's own loader."""
    virtuoso = remote_stores("virtuoso", "quirks")
    load_dir = virtuoso.directory.parent / "load"
    load_dir.mkdir(exist_ok=True)
    big = nt_file(load_dir / "big.nt", ROWS)
    return virtuoso, big


def pasb_kg(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run ``pasb-kg`` as a user would (no PASB_ settings but ``env``)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PASB_")}
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True,
                          text=True, env={**clean, **env}, timeout=600, check=False)


@pytest.fixture(scope="module")
def quirks_service(quirks, service_factory, tmp_path_factory, update_token):
    virtuoso, big = quirks
    loaded = pasb_kg("load", str(big), "--graph", "http://example.org/big", "--progress", "log",
                     env={"PASB_STORE": virtuoso.location,
                          "PASB_VIRTUOSO_SQL_PORT": str(virtuoso.sql_port),
                          "PASB_STORE_CREDENTIALS": f"dba:{virtuoso.dba_password}",
                          "PASB_VIRTUOSO_LOAD_DIRS": str(big.parent)})
    assert loaded.returncode == 0, loaded.stderr
    assert "Virtuoso bulk loader" in loaded.stdout and f"{ROWS} in" in loaded.stdout
    tmp = tmp_path_factory.mktemp("quirks-service")
    service = service_factory(tmp, "--no-kg", "--store", virtuoso.location, token=update_token,
                              env={"PASB_STORE_CREDENTIALS": virtuoso.credentials})
    yield service
    service.stop()


def select(service, text: str) -> requests.Response:
    return service.session.post(service.sparql, data={"query": text},
                                headers={"Accept": SPARQL_JSON}, timeout=120)


def test_a_select_past_the_store_cap_fails_clearly(quirks_service) -> None:
    response = select(quirks_service, "SELECT * WHERE { GRAPH <http://example.org/big> "
                                      "{ ?s ?p ?o } }")
    assert response.status_code == 502
    assert "10000 rows" in response.text and "ResultSetMaxRows" in response.text


def test_a_construct_past_the_store_cap_fails_clearly(quirks_service) -> None:
    response = quirks_service.session.post(
        quirks_service.sparql, data={"query": "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH "
                                              "<http://example.org/big> { ?s ?p ?o } }"},
        headers={"Accept": N_TRIPLES}, timeout=120)
    assert response.status_code == 502, response.text[:300]
    assert "ResultSetMaxRows" in response.text


def test_a_select_under_the_cap_is_whole(quirks_service) -> None:
    response = select(quirks_service, "SELECT * WHERE { GRAPH <http://example.org/big> "
                                      "{ ?s ?p ?o } } LIMIT 9000")
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 9000


def test_a_graph_past_the_cap_comes_back_whole(quirks_service) -> None:
    response = quirks_service.session.get(quirks_service.url + "/store",
                                          params={"graph": "http://example.org/big"},
                                          headers={"Accept": N_TRIPLES}, timeout=300)
    assert response.status_code == 200
    triples = set(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
    assert len(triples) == ROWS
    values = {int(t.object.value) for t in triples}
    assert values == set(range(ROWS))


def test_values_round_trip(quirks_service) -> None:
    data = ('<http://example.org/v> <http://example.org/flag> true ; '
            '<http://example.org/off> false ; <http://example.org/amount> 2000000.00 ; '
            '<http://example.org/year> "2012"^^<http://www.w3.org/2001/XMLSchema#gYear> ; '
            '<http://example.org/name> "Kerja \\"anak\\"\\n"@id .')
    put = quirks_service.session.put(
        quirks_service.url + "/store", params={"graph": "http://example.org/values"},
        data=data.encode(), headers={"Content-Type": "text/turtle", **quirks_service.auth()},
        timeout=30)
    assert put.status_code in (201, 204), put.text
    rows = select(quirks_service, "SELECT ?p ?o WHERE { GRAPH <http://example.org/values> "
                                  "{ ?s ?p ?o } }").json()["results"]["bindings"]
    got = {r["p"]["value"].rsplit("/", 1)[1]: r["o"] for r in rows}
    assert got["flag"]["value"] == "true" and got["off"]["value"] == "false"
    assert got["amount"]["datatype"].endswith("#decimal")
    assert float(got["amount"]["value"]) == 2_000_000
    assert got["year"] == {"type": "literal", "value": "2012",
                           "datatype": "http://www.w3.org/2001/XMLSchema#gYear"}
    assert got["name"] == {"type": "literal", "value": 'Kerja "anak"\n', "xml:lang": "id"}


@pytest.mark.parametrize("literal", ['"1.2345678901234567E0"^^<http://www.w3.org/2001/'
                                     'XMLSchema#double>',
                                     '"P1Y2M"^^<http://www.w3.org/2001/XMLSchema#duration>',
                                     '123456789012345678901234567890'])
def test_a_literal_virtuoso_would_change_is_refused(quirks_service, literal: str) -> None:
    response = quirks_service.session.put(
        quirks_service.url + "/store", params={"graph": "http://example.org/lossy"},
        data=f"<http://example.org/v> <http://example.org/x> {literal} .".encode(),
        headers={"Content-Type": "text/turtle", **quirks_service.auth()}, timeout=30)
    assert response.status_code == 400
    assert "cannot be stored unchanged" in response.text
    assert not quirks_service.ask("ASK { GRAPH <http://example.org/lossy> { ?s ?p ?o } }")


def test_blank_nodes_come_back_as_blank_nodes(quirks_service) -> None:
    quirks_service.update("INSERT DATA { GRAPH <http://example.org/bnodes> { "
                          "<http://example.org/a> <http://example.org/b> [ "
                          "<http://example.org/c> \"x\" ; <http://example.org/d> [ "
                          "<http://example.org/e> 1 ] ] } }")
    rows = select(quirks_service, "SELECT ?o WHERE { GRAPH <http://example.org/bnodes> "
                                  "{ ?s ?p ?o } FILTER(isBlank(?o)) }").json()
    blanks = [r["o"] for r in rows["results"]["bindings"]]
    assert len(blanks) == 2 and all(b["type"] == "bnode" for b in blanks)
    assert not any(b["value"].startswith("nodeID:") for b in blanks)
    graph = quirks_service.session.get(quirks_service.url + "/store", params={
        "graph": "http://example.org/bnodes"}, headers={"Accept": N_TRIPLES}, timeout=30)
    triples = list(ox.parse(graph.content, format=ox.RdfFormat.N_TRIPLES))
    assert len(triples) == 4
    inner = next(t for t in triples if t.predicate.value == "http://example.org/d")
    assert isinstance(inner.object, ox.BlankNode)
    assert any(t.subject == inner.object for t in triples)  # the same node, linked


def test_a_large_insert_data_is_split(quirks_service) -> None:
    body = " ".join(f"<http://example.org/i{i}> <http://example.org/n> {i} ." for i in
                    range(3000))
    quirks_service.update(f"INSERT DATA {{ GRAPH <http://example.org/many> {{ {body} }} }}")
    rows = select(quirks_service, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH "
                                  "<http://example.org/many> { ?s ?p ?o } }").json()
    assert rows["results"]["bindings"][0]["n"]["value"] == "3000"


@pytest.mark.parametrize("update", [
    "LOAD <http://example.org/data.ttl> INTO GRAPH <http://example.org/g>",
])
def test_load_is_never_sent(quirks_service, update: str) -> None:
    response = quirks_service.session.post(quirks_service.sparql, data={"update": update},
                                           headers=quirks_service.auth(), timeout=30)
    assert response.status_code == 403 and "LOAD" in response.text


@pytest.mark.parametrize("query", [
    'PREFIX bif: <bif:> SELECT (bif:http_get("http://example.org/") AS ?x) {}',
    'SELECT (<bif:file_to_string>("/etc/passwd") AS ?x) {}',
])
def test_virtuoso_functions_that_reach_out_are_refused(quirks_service, query: str) -> None:
    response = select(quirks_service, query)
    assert response.status_code == 403, response.text
    assert "bif:" in response.text


def test_predeclared_prefixes_are_not_accepted(quirks_service) -> None:
    response = select(quirks_service, "SELECT * WHERE { ?s owl:sameAs ?o } LIMIT 1")
    assert response.status_code == 400 and "line 1" in response.text.lower()


def test_system_graphs_stay_out_of_the_union(quirks_service) -> None:
    rows = select(quirks_service, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
                                  " GROUP BY ?g").json()
    graphs = {r["g"]["value"] for r in rows["results"]["bindings"]}
    assert "http://www.openlinksw.com/schemas/virtrdf#" not in graphs
    assert "http://example.org/big" in graphs
    inside = select(quirks_service, "SELECT * WHERE { GRAPH <http://www.openlinksw.com/"
                                    "schemas/virtrdf#> { ?s ?p ?o } } LIMIT 1").json()
    assert inside["results"]["bindings"] == []
    void = quirks_service.session.get(quirks_service.url + "/.well-known/void",
                                      headers={"Accept": N_TRIPLES}, timeout=60)
    assert b"openlinksw" not in void.content
    counted = select(quirks_service, "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c FILTER("
                                     "STRSTARTS(STR(?c), 'http://www.openlinksw.com/')) }")
    assert counted.json()["results"]["bindings"][0]["n"]["value"] == "0"


def test_a_virtuoso_with_readable_system_graphs_is_refused(tmp_path) -> None:
    from kg.errors import StoreError
    from kg.settings import Settings
    from kg.store.instances import VirtuosoInstance, virtuoso_available
    from kg.store.remote import SparqlStore

    if not virtuoso_available():
        pytest.skip("Virtuoso is not installed")
    virtuoso = VirtuosoInstance(tmp_path / "db", private_system_graphs=False).start()
    try:
        settings = Settings.from_env({}, store=virtuoso.location)
        with pytest.raises(StoreError, match="system graphs"):
            SparqlStore.from_settings(settings).count()
        allowed = settings.with_(virtuoso_public_system_graphs=True)
        answer = SparqlStore.from_settings(allowed).run("SELECT (COUNT(*) AS ?n) WHERE { "
                                                        "?s ?p ?o }")
        assert int(answer.bindings[0]["n"]["value"]) > 2000  # virtrdf: shows
    finally:
        virtuoso.stop()


# -- many instances, auth, a stopped store -----------------------------------------------
def test_two_instances_share_one_store(quirks, service_factory, tmp_path, update_token) -> None:
    virtuoso, _ = quirks
    env = {"PASB_STORE_CREDENTIALS": virtuoso.credentials}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    writer = service_factory(tmp_path / "a", "--no-kg", "--store", virtuoso.location,
                             token=update_token, env=env)
    reader = service_factory(tmp_path / "b", "--no-kg", "--store", virtuoso.location, env=env)
    try:
        marker = f"http://example.org/written-{time.time_ns()}"
        writer.update(f"INSERT DATA {{ GRAPH <http://example.org/shared> {{ <{marker}> "
                      f"<http://example.org/p> 1 }} }}")
        assert reader.ask(f"ASK {{ <{marker}> ?p ?o }}")
        refused = reader.session.post(reader.sparql, data={"update": "CLEAR ALL"}, timeout=10)
        assert refused.status_code in (401, 403)
    finally:
        writer.stop()
        reader.stop()


@pytest.mark.parametrize(("credentials", "status"), [
    ("pasb_writer:wrong-password", 401), ("pasb_reader:pasb-reader-password", 403)])
def test_store_auth_errors_map_to_401_and_403(quirks, service_factory, tmp_path,
                                              update_token, credentials, status) -> None:
    virtuoso, _ = quirks
    service = service_factory(tmp_path, "--no-kg", "--store", virtuoso.location,
                              token=update_token,
                              env={"PASB_STORE_CREDENTIALS": credentials})
    try:
        response = service.session.post(
            service.sparql, data={"update": "INSERT DATA { GRAPH <http://example.org/x> { "
                                            "<http://example.org/a> <http://example.org/b> 1 } }"},
            headers=service.auth(), timeout=30)
        assert response.status_code == status, response.text
        assert "credentials" in response.text or "permission" in response.text
        assert credentials.split(":")[1] not in response.text + service.logs()
    finally:
        service.stop()


def test_a_stopped_store_gives_503_and_the_service_recovers(tmp_path, service_factory) -> None:
    from kg.store.instances import VirtuosoInstance, virtuoso_available

    if not virtuoso_available():
        pytest.skip("Virtuoso is not installed")
    virtuoso = VirtuosoInstance(tmp_path / "db").start()
    service = service_factory(tmp_path, "--no-kg", "--store", virtuoso.location,
                              env={"PASB_STORE_RETRIES": "0"})
    try:
        assert service.ask("ASK {}") is True
        virtuoso.stop()
        response = select(service, "ASK {}")
        assert response.status_code == 503 and response.headers["Retry-After"]
        assert "cannot be reached" in response.text
        health = service.session.get(service.url + "/healthz", timeout=10)
        assert health.status_code == 503
        virtuoso.start()
        assert service.ask("ASK {}") is True
    finally:
        service.stop()
        virtuoso.stop()


def test_credentials_never_go_over_plain_http_to_another_host() -> None:
    from kg.errors import StoreError
    from kg.settings import Settings
    from kg.store.location import StoreLocation

    remote = Settings.from_env({}, store="sparql+http://store.example.org:8890/sparql",
                               store_credentials="u:secret")
    with pytest.raises(StoreError, match="plain HTTP"):
        StoreLocation.from_settings(remote)
    assert "secret" not in repr(remote) and "secret" not in repr(
        StoreLocation.from_settings(remote.with_(store_insecure_credentials=True)))
    StoreLocation.from_settings(remote.with_(store="sparql+https://store.example.org/sparql"))


def test_an_anytime_partial_answer_is_refused() -> None:
    from kg.errors import QueryTimeout
    from kg.settings import Settings
    from kg.store.http import Reply
    from kg.store.location import StoreLocation
    from kg.store.virtuoso import Virtuoso

    dialect = Virtuoso(StoreLocation("http://127.0.0.1:1/sparql"), Settings.from_env({}))
    partial = Reply(200, {"X-SQL-State": "S1TAT", "X-SQL-Message": "RC...: Returning "
                          "incomplete results"}, json.dumps({"results": {}}).encode(), "")
    with pytest.raises(QueryTimeout, match="partial"):
        dialect.check_reply(partial, what="query")


# -- the same answers on every backend -------------------------------------------------------
@pytest.fixture(scope="module", params=["virtuoso", "oxigraph"])
def kg_service_on(request, remote_stores, service_factory, tmp_path_factory):
    """The shipped knowledge graph served from a remote store (loaded by the build)."""
    instance = remote_stores(request.param, "kg")
    env = {"PASB_STORE_CREDENTIALS": instance.credentials} \
        if getattr(instance, "credentials", None) else {}
    tmp = tmp_path_factory.mktemp(f"kg-on-{request.param}")
    live = service_factory(tmp, "--store", instance.location, env=env)
    yield live
    live.stop()


@pytest.mark.parametrize("path", [
    "/network/measures.json", "/network/measures.json?layer=funding",
    "/network/actors.json?projection=delegation", "/network/measures.json?year=2012",
    "/network/measures.json?scope=paper"])
def test_network_numbers_are_identical(service, kg_service_on, path: str) -> None:
    embedded = service.session.get(service.url + path, timeout=120)
    remote = kg_service_on.session.get(kg_service_on.url + path, timeout=120)
    assert embedded.status_code == remote.status_code == 200
    mine, theirs = embedded.json(), remote.json()
    mine.pop("generation", None)
    theirs.pop("generation", None)
    # Rows come in another order from another store, so sums of floats may differ in the
    # last bit; every number agrees to 12 significant digits, everything else exactly.
    assert rounded(theirs) == rounded(mine)


def rounded(value):
    if isinstance(value, float):
        return float(f"{value:.12g}")
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return value


@pytest.mark.parametrize("path", ["/resource/ilo.ttl", "/resource/programme-education.nt",
                                  "/ontology.ttl", "/dumps/pasb.nt"])
def test_linked_data_is_identical(service, kg_service_on, path: str) -> None:
    def triples(live) -> set:
        response = live.session.get(live.url + path, timeout=120)
        assert response.status_code == 200, response.text[:300]
        fmt = ox.RdfFormat.from_extension(path.rsplit(".", 1)[1])
        return {t for t in ox.parse(response.content, format=fmt)
                if not isinstance(t.subject, ox.BlankNode)
                and not isinstance(t.object, ox.BlankNode)}

    assert triples(kg_service_on) == triples(service)


@pytest.mark.parametrize("path", ["/resource/ilo", "/", "/network", "/network/report",
                                  "/dataset", "/.well-known/void"])
def test_pages_answer_on_a_remote_store(service, kg_service_on, path: str) -> None:
    embedded = service.session.get(service.url + path, timeout=120)
    remote = kg_service_on.session.get(kg_service_on.url + path, timeout=120)
    assert remote.status_code == embedded.status_code == 200
    assert remote.headers["Content-Type"] == embedded.headers["Content-Type"]


@pytest.mark.parametrize("kind", ["virtuoso", "oxigraph"])
def test_a_query_past_the_timeout_is_abandoned(kind, remote_stores, service_factory,
                                               tmp_path) -> None:
    instance = remote_stores(kind, "kg")
    service = service_factory(tmp_path, "--no-kg", "--store", instance.location,
                              "--query-timeout", "1")
    values = " ".join(str(i) for i in range(400))
    heavy = (f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {values} }} VALUES ?b "
             f"{{ {values} }} VALUES ?c {{ {values} }} FILTER(?a + ?b > ?c) }}")
    try:
        started = time.monotonic()
        response = select(service, heavy)
        assert response.status_code == 503 and "time limit" in response.text
        assert response.headers["Retry-After"]
        assert time.monotonic() - started < 10
        assert service.ask("ASK {}") is True  # the service goes on answering
    finally:
        service.stop()


def test_our_own_row_limit_still_cuts_with_a_header(quirks, quirks_service, service_factory,
                                                    tmp_path) -> None:
    """Under the store's cap, max_result_rows cuts and says so, as on the embedded store."""
    virtuoso, _ = quirks
    service = service_factory(tmp_path, "--no-kg", "--store", virtuoso.location,
                              env={"PASB_MAX_RESULT_ROWS": "5"})
    try:
        response = select(service, "SELECT * WHERE { GRAPH <http://example.org/big> "
                                   "{ ?s ?p ?o } }")
        assert response.status_code == 200
        assert len(response.json()["results"]["bindings"]) == 5
        assert response.headers["PASB-Result-Truncated"].startswith("true; rows=5")
    finally:
        service.stop()
