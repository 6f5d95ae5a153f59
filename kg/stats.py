"""Counts that describe the dataset: triples, classes, instances per class, links out."""

from __future__ import annotations

from typing import Any

from kg.named_queries import load_query, queries_dir
from kg.store import Store


def _system(name: str, folder: str = "system") -> str:
    return load_query(name, queries_dir() / folder).text


def dataset_stats(store: Store) -> dict[str, Any]:
    """Totals, instances per class, triples per graph, links out (with how they were
    found) and enriched facts per source, as plain values.

    The triple count is over the union of all graphs (a triple stated in two files counts
    once); ``quads`` counts every statement of every graph.
    """
    totals = store.select(_system("stats-totals"))[0]
    return {
        "triples": int(totals["triples"]),
        "quads": len(store) if hasattr(store, "__len__") else int(totals["triples"]),
        "subjects": int(totals["subjects"]),
        "properties": int(totals["properties"]),
        "classes": [(str(r["class"]), int(r["instances"]))
                    for r in store.select(_system("stats-classes"))],
        "graphs": [(str(r["graph"]), int(r["triples"]))
                   for r in store.select(_system("stats-graphs"))],
        "graph_kinds": {str(r["graph"]): str(r["kind"])
                        for r in store.select(_system("stats-graphs")) if "kind" in r},
        "links_out": [(str(r["property"]), str(r["target"]), int(r["links"]))
                      for r in store.select(_system("stats-links-out"))],
        "link_records": [(str(r["property"]), str(r["target"]), str(r["method"]),
                          int(r["links"]))
                         for r in store.select(_system("link-stats", "linking"))],
        "enrichment": [(str(r["source"]), int(r["facts"]), str(r["retrieved"]))
                       for r in store.select(_system("enrichment-stats", "linking"))],
    }


def distinct_triples(store: Store) -> int:
    """The number of distinct triples over the union of all graphs."""
    return int(store.select(_system("stats-totals"))[0]["triples"])
