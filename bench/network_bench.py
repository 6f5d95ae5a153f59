"""Benchmark of the actor-network analysis (not run by pytest).

Times, on synthetic cooperation graphs in the pasb ontology (kg.network.synthetic, whose
participation structure is documented there): generating and loading them into an
in-memory Oxigraph store, extraction of the multiplex network with the named queries,
the projections, each family of measures on the actor projection and the delegation
network, and the full measure set (:func:`kg.network.cooperation_measures`); the peak
resident memory; and the error of k-sampled betweenness against exact betweenness on a
mid-size graph. Prints Markdown tables.

    .venv/bin/python bench/network_bench.py                  # 1k, 10k and 100k actors
    .venv/bin/python bench/network_bench.py --sizes 1000:10000 --error-actors 0
"""

from __future__ import annotations

import argparse
import gc
import platform
import resource
import time
from collections.abc import Callable
from typing import Any

import igraph
import networkx as nx

from kg.network import extract
from kg.network.brokerage import brokerage
from kg.network.centrality import actor_centrality
from kg.network.centralization import centralization
from kg.network.communities import core_numbers, louvain
from kg.network.core_periphery import continuous_coreness
from kg.network.ei_index import ei_index, mixing
from kg.network.measures import cooperation_measures, participation_projection
from kg.network.structural_holes import structural_holes
from kg.network.synthetic import synthetic_store
from kg.settings import Settings

#: Mean partners per programme (the paper's programmes have 7 to 9).
PARTNERS_PER_PROGRAMME = 10


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6


def make_store(n_actors: int, n_ties: int, seed: int):
    return synthetic_store(n_actors=n_actors, n_ties=n_ties,
                           n_programmes=max(1, n_ties // PARTNERS_PER_PROGRAMME),
                           n_countries=max(2, n_actors // 1000), seed=seed)


def run_size(n_actors: int, n_ties: int, settings: Settings, *, families: bool = True
             ) -> dict[str, Any]:
    store, t_load = timed(lambda: make_store(n_actors, n_ties, 1))
    triples = len(store)
    M, t_extract = timed(lambda: extract.extract_multiplex(store))
    store = None  # free the store before measuring
    gc.collect()
    if not families:  # only the target: extract + the full measure set
        cm, t_full = timed(lambda: cooperation_measures(M, settings=settings))
        for note in cm["notes"]:
            print(f"  note: {note}")
        return {"actors": n_actors, "ties": n_ties, "triples": triples,
                "proj_edges": cm["actors"]["graph"]["edges"], "load_s": t_load,
                "extract_s": t_extract, "full_s": t_full, "total_s": t_extract + t_full,
                "peak_rss_gb": peak_rss_gb(), "notes": len(cm["notes"])}
    # The projection cooperation_measures measures: an ArrayGraph above the igraph limit.
    (G, _), t_project = timed(lambda: participation_projection(M, settings))
    D, t_deleg = timed(lambda: extract.delegation_graph(M))
    row: dict[str, Any] = {
        "actors": n_actors, "ties": n_ties, "triples": triples,
        "proj_edges": G.number_of_edges(), "load_s": t_load, "extract_s": t_extract,
        "project_s": t_project + t_deleg,
    }
    row["centrality_s"] = timed(lambda: actor_centrality(G, settings=settings))[1]
    row["holes_s"] = timed(lambda: structural_holes(G, settings=settings))[1]
    row["cores_comm_s"] = timed(lambda: (continuous_coreness(G),
                                         core_numbers(G, settings=settings),
                                         louvain(G, seed=42, settings=settings)))[1]
    row["centralization_s"] = timed(lambda: centralization(G, settings=settings))[1]
    row["brokerage_s"] = timed(lambda: brokerage(D))[1]
    row["ei_mixing_s"] = timed(lambda: (ei_index(G, permutations=0), mixing(G)))[1]
    G = D = None
    gc.collect()
    cm, row["full_s"] = timed(lambda: cooperation_measures(M, settings=settings))
    row["total_s"] = t_extract + row["full_s"]
    row["peak_rss_gb"] = peak_rss_gb()
    row["notes"] = len(cm["notes"])
    for note in cm["notes"]:
        print(f"  note: {note}")
    return row


def sampling_error(n_actors: int, samples: list[int]) -> list[dict[str, Any]]:
    """Error of pivot-sampled betweenness against exact, on one actor projection."""
    from kg.network import backend

    G = extract.network_view(extract.extract_multiplex(make_store(n_actors, 4 * n_actors, 2)),
                             projection="actors")
    distance = backend.inverse_weight
    exact, t_exact = timed(lambda: backend.betweenness(G, weight=distance))
    close_exact = backend.distance_centralities(G, distance=distance)[0]
    exact_settings = Settings(betweenness_exact_limit=10**9, closeness_exact_limit=10**9)
    central_exact = centralization(G, settings=exact_settings)
    top = sorted(exact, key=exact.get, reverse=True)[:10]
    rows = [{"k": "exact", "seconds": t_exact, "max_abs": 0.0, "mean_abs": 0.0, "top10": 10,
             "closeness_max_rel": 0.0, "closeness_mean_rel": 0.0,
             "betweenness_centralization": central_exact["betweenness"],
             "closeness_centralization": central_exact["closeness"]}]
    for k in samples:
        approx, t = timed(lambda k=k: backend.betweenness(G, weight=distance, k=k, seed=0))
        errors = [abs(approx[n] - exact[n]) for n in G]
        top_k = sorted(approx, key=approx.get, reverse=True)[:10]
        close = backend.distance_centralities(G, distance=distance,
                                              sources=backend.pivots(G, k, 0))[0]
        # relative: with distances 1/weight closeness is not bounded by 1
        close_errors = [abs(close[n] - close_exact[n]) / close_exact[n] for n in G
                        if close_exact[n]]
        # Freeman centralisation from k pivots, as above betweenness_large_limit ties
        sampled = exact_settings.with_(betweenness_large_limit=0, centralization_large_sample=k)
        central = centralization(G, settings=sampled)
        rows.append({"k": k, "seconds": t, "max_abs": max(errors),
                     "mean_abs": sum(errors) / len(errors), "top10": len(set(top) & set(top_k)),
                     "closeness_max_rel": max(close_errors),
                     "closeness_mean_rel": sum(close_errors) / len(close_errors),
                     "betweenness_centralization": central["betweenness"],
                     "closeness_centralization": central["closeness"]})
    print(f"\nSampling error against exact on a {G.number_of_nodes()}-node, "
          f"{G.number_of_edges()}-tie actor projection (distance 1/weight, igraph; max "
          f"betweenness {max(exact.values()):.4f}): betweenness and closeness from k pivots "
          f"or sources, and Freeman centralisation (binary) from k pivots:\n")
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
    parser.add_argument("--sizes", nargs="*", metavar="ACTORS:TIES",
                        default=["1000:10000", "10000:100000", "100000:1000000"])
    parser.add_argument("--error-actors", type=int, default=10000)
    parser.add_argument("--samples", nargs="*", type=int, default=[25, 50, 100, 500, 1000])
    parser.add_argument("--no-families", action="store_true",
                        help="time only extraction and the full measure set (the target)")
    args = parser.parse_args()
    settings = Settings()
    print(f"python {platform.python_version()}, networkx {nx.__version__}, igraph "
          f"{igraph.__version__}, {platform.machine()}; betweenness exact up to "
          f"{settings.betweenness_exact_limit} nodes, else k={settings.betweenness_sample}; "
          f"igraph above {settings.network_igraph_limit} ties\n")
    rows = []
    for size in args.sizes:
        actors, ties = (int(x) for x in size.split(":"))
        rows.append(run_size(actors, ties, settings, families=not args.no_families))
        print(table(rows[-1:]), flush=True)
    if rows:
        print("\n" + table(rows))
    if args.error_actors:
        print(table(sampling_error(args.error_actors, args.samples)))


if __name__ == "__main__":
    main()
