"""Against the real Wikidata (marked ``live``: deselected by default, never in CI).

Run with ``pytest -m live tests/kg/linking/test_live.py``.
"""

from __future__ import annotations

import pytest

from kg.linking.client import PoliteClient
from kg.linking.reconcile import Entity, find_candidates
from kg.linking.sparqltext import inline_values
from kg.linking.targets import WD, WIKIDATA, Kind
from kg.namespaces import RES
from kg.settings import Settings

pytestmark = pytest.mark.live

LABELS = """SELECT ?item ?label WHERE {
  ?item <http://www.w3.org/2000/01/rdf-schema#label> ?label . FILTER(LANG(?label) = "en") }"""


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> PoliteClient:
    settings = Settings.from_env(http_cache_dir=tmp_path_factory.mktemp("cache"))
    return PoliteClient.from_settings(WIKIDATA.endpoint, settings)


def test_confirmed_identifiers_and_profile_classes_have_their_labels(client) -> None:
    expected = {"Q252": "Indonesia", "Q54129": "International Labour Organization",
                "Q2223": "Riau Islands", "Q2175": "Riau",
                "Q43229": "organization", "Q6256": "country", "Q131569": "treaty",
                "Q5098": "province of Indonesia", "Q327333": "government agency"}
    from rdflib import URIRef

    query = inline_values(LABELS, ["item"], [{"item": URIRef(WD + q)} for q in expected])
    got = {b["item"]["value"].removeprefix(WD): b["label"]["value"]
           for b in client.results(query).json()["results"]["bindings"]}
    assert got == expected


def test_riau_islands_reconciles_to_q2223(client) -> None:
    from rdflib import Literal

    entity = Entity(str(RES["riau-islands"]), Kind.PROVINCE,
                    (Literal("Riau Islands", lang="en"), Literal("Kepulauan Riau", lang="id")),
                    WD + "Q252")
    found = find_candidates(entity, client, WIKIDATA)
    assert found[0].item == WD + "Q2223"
