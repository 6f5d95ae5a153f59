"""Benchmark of the search index (not run by pytest).

Builds :func:`kg.search.build_index` on the shipped graph and on copies of it scaled ×10
and ×100 (every ``res:`` IRI duplicated under a numbered slug, literals kept), then times
typical searches against the named peer: the same words looked up by SPARQL on the same
embedded Oxigraph store (``FILTER(CONTAINS(LCASE(STR(?text)), …))`` over the labels, other
names and descriptions, which is what a researcher writes without an index; it neither
folds accents nor ranks). Also times one search through the running service
(``--service URL``, ``/search.json``). Prints Markdown tables.

    .venv/bin/python bench/search_bench.py                    # ×1, ×10, ×100
    .venv/bin/python bench/search_bench.py --scales 1 --service http://127.0.0.1:8080
"""

from __future__ import annotations

import argparse
import gc
import platform
import resource
import statistics
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
from rdflib import Literal

from kg.build import build
from kg.describe import bind_values
from kg.search import SearchQuery, build_index
from kg.settings import Settings
from kg.store import OxigraphStore

RES = "https://w3id.org/pasb/resource/"
QUERIES = ("ILO", "Kementerian Tenaga Kerja", "min manp", "pestisida", "anak", "Indonésia",
           "res:ilo", "zzzzqq")
PEER = """SELECT DISTINCT ?resource WHERE {
  VALUES ?q { UNDEF }
  VALUES ?p { <http://www.w3.org/2000/01/rdf-schema#label>
              <http://www.w3.org/2004/02/skos/core#altLabel>
              <http://www.w3.org/2004/02/skos/core#hiddenLabel>
              <http://purl.org/dc/terms/description>
              <http://www.w3.org/2004/02/skos/core#definition> }
  ?resource ?p ?text .
  FILTER (CONTAINS(LCASE(STR(?text)), LCASE(?q)))
}"""


def timed(fn: Callable[[], Any], *, repeat: int = 1) -> tuple[Any, float]:
    """The result and the median wall time of ``repeat`` runs, in seconds."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return result, statistics.median(times)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scaled(base: OxigraphStore, copies: int) -> OxigraphStore:
    """``base`` and ``copies - 1`` renamed copies of its ``res:`` resources."""
    store = OxigraphStore()
    quads = list(base.quads())
    store.load_quads(quads)

    def rename(term: Any, k: int) -> Any:
        if isinstance(term, ox.NamedNode) and term.value.startswith(RES):
            return ox.NamedNode(f"{term.value}-copy{k}")
        return term

    for k in range(1, copies):
        store.load_quads([ox.Quad(rename(q.subject, k), q.predicate, rename(q.object, k),
                                  q.graph_name) for q in quads])
    return store


def service_ms(url: str, text: str, repeat: int) -> float:
    target = url.rstrip("/") + "/search.json?" + urllib.parse.urlencode({"q": text})
    urllib.request.urlopen(target, timeout=60).read()  # the index is built once
    _, seconds = timed(lambda: urllib.request.urlopen(target, timeout=60).read(), repeat=repeat)
    return seconds * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--service", help="also time /search.json of a running service")
    args = parser.parse_args()
    base, _ = build(Settings.from_env({}, memory=True), validate=False)
    print(f"{platform.node()} — {platform.machine()}, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n")
    print("| scale | triples | resources | texts | words | build s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|")
    rows = []
    for scale in args.scales:
        store = scaled(base, scale) if scale > 1 else base
        gc.collect()
        index, build_s = timed(lambda store=store: build_index(store))
        print(f"| ×{scale} | {len(store):,} | {len(index):,} | {len(index.texts):,} | "
              f"{len(index.vocabulary):,} | {build_s:.2f} | {peak_rss_mb():.0f} |")
        for text in QUERIES:
            results, ours = timed(lambda t=text, i=index: i.search(SearchQuery(t)),
                                  repeat=args.repeat)
            sparql = bind_values(PEER, "q", [Literal(text)])
            found, peer = timed(lambda s=store, q=sparql: s.select(q),
                                repeat=max(3, args.repeat // 5))
            rows.append((scale, text, results.total, ours * 1000, len(found), peer * 1000))
    print("\n| scale | query | hits | kg.search ms | SPARQL CONTAINS hits | SPARQL ms | "
          "SPARQL ÷ kg.search |")
    print("|---|---|---|---|---|---|---|")
    for scale, text, hits, ours, peer_hits, peer in rows:
        print(f"| ×{scale} | {text} | {hits} | {ours:.2f} | {peer_hits} | {peer:.1f} | "
              f"{peer / ours:.0f} |")
    if args.service:
        print("\n| query | /search.json ms (service, median) |\n|---|---|")
        for text in QUERIES:
            print(f"| {text} | {service_ms(args.service, text, args.repeat):.1f} |")


if __name__ == "__main__":
    main()
