"""Every test of the W3C Graph Store Protocol manifests (direct and indirect graph
identification), replayed over HTTP against the live service's ``/store``.

``http-rdf-update/manifest.ttl`` holds the same cases in an older, deprecated form (prose
requests, no ``ht:`` structure); the W3C replaced it by these manifests, so these are the
ones executed.
"""

from __future__ import annotations

import pytest
from w3c_manifest import entry_names, manifest_entries, requests_of, require_suite, run_requests

pytestmark = pytest.mark.w3c
MANIFESTS = [("graph-store-protocol", "manifest-indirect.ttl"),
             ("graph-store-protocol", "manifest-direct.ttl")]
CASES = [(m, name) for m in MANIFESTS for name in entry_names(*m)]


@pytest.mark.parametrize(("manifest", "name"), CASES, ids=[n for _, n in CASES])
def test_graph_store(manifest: tuple[str, str], name: str, writable_service) -> None:
    require_suite("graph-store-protocol", "manifest.ttl")
    graph, entries = manifest_entries(require_suite(*manifest))
    test = next(e for e in entries if str(e).endswith("#" + name))
    writable_service.update("DROP ALL")
    run_requests(writable_service.session, writable_service.url + "/store", "/gsp",
                 requests_of(graph, test), extra_headers=writable_service.auth())


def test_every_included_manifest_runs() -> None:
    """The top manifest includes exactly the two manifests executed above."""
    from rdflib import Graph
    from rdflib.collection import Collection
    from w3c_manifest import MF

    path = require_suite("graph-store-protocol", "manifest.ttl")
    top = Graph().parse(path, format="turtle")
    included = {str(i).rsplit("/", 1)[-1] for s in top.subjects(MF.include, None)
                for i in Collection(top, top.value(s, MF.include))}
    assert included == {m[1] for m in MANIFESTS}
    assert len(CASES) == 14  # 9 indirect + 5 direct (one of them typed, not listed)
