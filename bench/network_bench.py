"""Benchmark of the actor-network analysis (not run by pytest).

Times, on synthetic cooperation graphs in the pasb ontology (kg.network.synthetic):
loading into an in-memory Oxigraph store, extraction of the multiplex network with the
named queries, and the measure set on each view; and reports the error of k-sampled
betweenness against exact betweenness on a mid-size graph. Prints Markdown tables.

    .venv/bin/python bench/network_bench.py                  # default sizes
    .venv/bin/python bench/network_bench.py --sizes 1000:10000 100000:1000000
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable
from typing import Any

import networkx as nx

from kg.network import extract
from kg.network.brokerage import brokerage
from kg.network.centrality import betweenness
from kg.network.measures import cooperation_measures, measures
from kg.network.synthetic import synthetic_store
from kg.settings import Settings

#: Partners per programme: small programmes keep the one-mode projection sparse.
PARTNERS_PER_PROGRAMME = 10
#: Above this many projection ties the per-node measure set is skipped (see the note).
PROJECTION_EDGE_LIMIT = 20_000
#: Above this many candidate two-paths brokerage is skipped (pure Python, O(sum in*out)).
TWO_PATH_LIMIT = 20_000_000


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def run_size(n_actors: int, n_ties: int, settings: Settings) -> dict[str, Any]:
    n_programmes = max(1, n_ties // PARTNERS_PER_PROGRAMME)
    n_countries = max(2, n_actors // 1000)
    store, t_load = timed(lambda: synthetic_store(
        n_actors=n_actors, n_ties=n_ties, n_programmes=n_programmes,
        n_countries=n_countries, seed=1))
    M, t_extract = timed(lambda: extract.extract_multiplex(store))
    G, t_project = timed(lambda: extract.network_view(M, projection="actors"))
    D, t_deleg = timed(lambda: extract.delegation_graph(M))
    row: dict[str, Any] = {
        "actors": n_actors, "ties": n_ties, "programmes": n_programmes,
        "triples": len(store), "load_s": t_load, "extract_s": t_extract,
        "project_s": t_project + t_deleg,
        "proj_nodes": G.number_of_nodes(), "proj_edges": G.number_of_edges(),
    }
    two_paths = sum(D.in_degree(n) * D.out_degree(n) for n in D)
    row["brokerage_s"] = (timed(lambda: brokerage(D))[1] if two_paths <= TWO_PATH_LIMIT
                          else None)
    row["betweenness_s"] = (timed(lambda: betweenness(G, settings=settings))[1]
                            if G.number_of_edges() <= 10 * PROJECTION_EDGE_LIMIT else None)
    if G.number_of_edges() <= PROJECTION_EDGE_LIMIT:
        _, row["measures_s"] = timed(lambda: measures(G, settings=settings, permutations=200))
        _, row["full_s"] = timed(lambda: cooperation_measures(M, settings=settings))
    else:
        row["measures_s"] = row["full_s"] = None
    return row


def sampling_error(n_actors: int, samples: list[int]) -> list[dict[str, Any]]:
    """Error of pivot-sampled betweenness against exact, on one actor projection."""
    store = synthetic_store(n_actors=n_actors, n_ties=4 * n_actors,
                            n_programmes=max(1, 4 * n_actors // PARTNERS_PER_PROGRAMME),
                            n_countries=max(2, n_actors // 1000), seed=2)
    G = extract.network_view(extract.extract_multiplex(store), projection="actors")
    exact, t_exact = timed(lambda: nx.betweenness_centrality(G, seed=0))
    top = sorted(exact, key=exact.get, reverse=True)[:10]
    rows = [{"k": "exact", "seconds": t_exact, "max_abs": 0.0, "mean_abs": 0.0, "top10": 10}]
    for k in samples:
        approx, t = timed(lambda k=k: nx.betweenness_centrality(G, k=k, seed=0))
        errors = [abs(approx[n] - exact[n]) for n in G]
        top_k = sorted(approx, key=approx.get, reverse=True)[:10]
        rows.append({"k": k, "seconds": t, "max_abs": max(errors),
                     "mean_abs": sum(errors) / len(errors), "top10": len(set(top) & set(top_k))})
    print(f"\nBetweenness sampling error on a {G.number_of_nodes()}-node, "
          f"{G.number_of_edges()}-tie actor projection (max betweenness "
          f"{max(exact.values()):.4f}):\n")
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for row in rows:
        cells = []
        for k in keys:
            v = row[k]
            cells.append("—" if v is None else f"{v:.3g}" if isinstance(v, float) else str(v))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["1000:10000", "10000:100000"],
                        metavar="ACTORS:TIES")
    parser.add_argument("--error-actors", type=int, default=3000)
    parser.add_argument("--samples", nargs="*", type=int, default=[50, 100, 500])
    args = parser.parse_args()
    settings = Settings()
    print(f"python {platform.python_version()}, networkx {nx.__version__}, "
          f"{platform.machine()}; betweenness exact up to {settings.betweenness_exact_limit} "
          f"nodes, else k={settings.betweenness_sample}\n")
    rows = []
    for size in args.sizes:
        actors, ties = (int(x) for x in size.split(":"))
        rows.append(run_size(actors, ties, settings))
        print(table(rows[-1:]), flush=True)
    if rows:
        print("\n" + table(rows))
    print(table(sampling_error(args.error_actors, args.samples)))


if __name__ == "__main__":
    main()
