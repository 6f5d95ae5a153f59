"""``pasb-kg link reconcile|enrich|stats|query``: the linking subcommands.

Registered by :mod:`kg.cli` when this module exists. Every remote request goes through
:class:`~kg.linking.client.PoliteClient`; every file is written only after all requests
have succeeded, and atomically.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli import add_store_options, open_built_store, query_text, settings_from
from kg.linking import records
from kg.linking.client import PoliteClient
from kg.linking.enrich import enrich, enrichment_graph
from kg.linking.reconcile import (
    apply_csv,
    chosen,
    decide,
    now,
    reconcile,
    render_table,
    write_csv,
)
from kg.linking.targets import WIKIDATA_ENDPOINT, Target, target_for
from kg.named_queries import load_query, queries_dir
from kg.settings import Settings
from kg.sources import data_dir


def _target(args: argparse.Namespace) -> Target:
    return target_for(args.endpoint, name=args.target)


def _client(target: Target, settings: Settings) -> PoliteClient:
    return PoliteClient.from_settings(target.endpoint, settings)


def _out(args: argparse.Namespace, settings: Settings, folder: str, target: Target) -> Path:
    if args.out:
        return Path(args.out)
    return (settings.data_dir or data_dir()) / folder / f"{target.name}.ttl"


def cmd_reconcile(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    target = _target(args)
    store = open_built_store(args)
    started = now()
    reviews = reconcile(store, _client(target, settings), target)
    decide(reviews, accept_above=args.accept_above)
    if args.from_csv:
        apply_csv(reviews, Path(args.from_csv))
    sys.stdout.write(render_table(reviews))
    if args.csv:
        write_csv(reviews, Path(args.csv))
        print(f"review written to {args.csv}", file=sys.stderr)
    links = chosen(reviews)
    if args.accept_above is None and not args.from_csv:
        print("no links written: give --accept-above SCORE or --from-csv FILE",
              file=sys.stderr)
        return 0
    out = _out(args, settings, "links", target)
    graph = records.links_graph(links, target, started=started, accept_above=args.accept_above)
    same = sum(c.decision.value == "sameAs" for _, c in links)
    summary = f"{same} owl:sameAs and {len(links) - same} skos:closeMatch links to {target.name}"
    if args.dry_run:
        print(f"dry run: would write {summary} to {out}", file=sys.stderr)
        return 0
    records.write_turtle(graph, out, command="link reconcile",
                         about=f"Links out to {target.name}, found by reconciliation.")
    print(f"wrote {summary} to {out}", file=sys.stderr)
    return 0


def cmd_enrich(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    target = _target(args)
    store = open_built_store(args)
    result = enrich(store, _client(target, settings), target)
    out = _out(args, settings, "enrichment", target)
    if args.dry_run:
        print(f"dry run: would write {result.count()} enriched triples to {out}")
        return 0
    graph = enrichment_graph(result, written=now())
    records.write_turtle(graph, out, command="link enrich",
                         about=f"Facts fetched from {target.name}; not facts of the paper.")
    print(f"wrote {result.count()} enriched triples from {target.name} to {out}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    store = open_built_store(args)
    folder = queries_dir() / "linking"
    print("enriched triples per source:")
    for row in store.select(load_query("enrichment-stats", folder).text):
        print(f"  {int(row['facts']):6d}  {row['source']}  (retrieved {row['retrieved']})")
    print("links per target and method:")
    for row in store.select(load_query("link-stats", folder).text):
        print(f"  {int(row['links']):6d}  {row['property']} -> {row['target']}  "
              f"{str(row['method']).rsplit('/', 1)[-1]}")
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from kg.linking.federation import federated_select

    settings = settings_from(args)
    if args.allow:
        settings = settings.with_(
            federation_allowlist=settings.federation_allowlist + tuple(args.allow))
    rows = federated_select(open_built_store(args), query_text(args), settings=settings)
    names = sorted({k for row in rows for k in row})
    print("\t".join(names))
    for row in rows:
        print("\t".join(str(row.get(n, "")) for n in names))
    return 0


def _add_target_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--endpoint", help=f"SPARQL endpoint URL (default {WIKIDATA_ENDPOINT}; "
                                      "https://dbpedia.org/sparql for DBpedia)")
    p.add_argument("--target", choices=("wikidata", "dbpedia"),
                   help="target profile when the endpoint is a mirror or a local copy")
    p.add_argument("--out", help="file to write (default kg/data/<links|enrichment>/"
                                 "<target>.ttl)")
    p.add_argument("--dry-run", action="store_true", help="ask and report; write nothing")
    add_store_options(p)


def _score(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("a score between 0 and 1")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``pasb-kg link …`` to the CLI."""
    link = sub.add_parser("link", help="link to Wikidata, DBpedia …: reconcile, enrich, "
                                       "federated queries")
    link_sub = link.add_subparsers(dest="link_command", required=True, metavar="ACTION")

    p = link_sub.add_parser("reconcile", help="find, score and record links out")
    _add_target_options(p)
    p.add_argument("--accept-above", type=_score, metavar="SCORE",
                   help="write the best candidate at or above SCORE as owl:sameAs")
    p.add_argument("--from-csv", metavar="FILE", help="take decisions from an edited review CSV")
    p.add_argument("--csv", metavar="OUT", help="write the review table as CSV")
    p.set_defaults(handler=cmd_reconcile)

    p = link_sub.add_parser("enrich", help="fetch facts about linked resources")
    _add_target_options(p)
    p.set_defaults(handler=cmd_enrich)

    p = link_sub.add_parser("stats", help="enriched triples per source, links per target")
    add_store_options(p)
    p.set_defaults(handler=cmd_stats)

    p = link_sub.add_parser("query", help="run a SELECT query with SERVICE blocks politely")
    p.add_argument("sparql", nargs="?", help="the SPARQL text")
    p.add_argument("-f", "--file", help="read the query from a file")
    p.add_argument("-n", "--name", help="run a named query")
    p.add_argument("--allow", action="append", default=[], metavar="ENDPOINT",
                   help="add an endpoint to the federation allow-list for this run")
    add_store_options(p)
    p.set_defaults(handler=cmd_query)


__all__ = ["register"]
