"""The ``pasb-kg`` command line: a thin layer over :mod:`kg` (and :mod:`service` for serve).

Every :class:`~kg.errors.KGError` becomes one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kg import __version__
from kg.build import build
from kg.errors import KGError, ParseError, QueryError, QuerySyntaxError
from kg.formats import GraphFormat, ResultFormat, parse_enum
from kg.named_queries import list_queries, load_query
from kg.namespaces import PREFIXES
from kg.settings import Settings
from kg.sources import parse_spec
from kg.store import Store

Handler = Callable[[argparse.Namespace], int]


def add_store_options(parser: argparse.ArgumentParser) -> None:
    """Options that choose the store; shared by every command that opens one."""
    parser.add_argument("--store", metavar="PATH|sparql+http://HOST:PORT/PATH",
                        help="directory of the on-disk store, or a remote SPARQL store "
                             "(its query endpoint after sparql+)")
    parser.add_argument("--store-update", metavar="URL",
                        help="update endpoint of the remote store (default: its dialect's)")
    parser.add_argument("--store-graph-store", metavar="URL",
                        help="Graph Store endpoint of the remote store (default: its "
                             "dialect's)")
    parser.add_argument("--store-credentials-file", type=Path, metavar="FILE",
                        help="file with USER:PASSWORD for the remote store (or "
                             "PASB_STORE_CREDENTIALS; never a flag)")
    parser.add_argument("--memory", action="store_true", default=None,
                        help="use a throw-away in-memory store")
    parser.add_argument("--load", action="append", default=[], metavar="FILE[=GRAPH_IRI]",
                        help="also load this RDF file (repeatable)")
    parser.add_argument("--no-kg", dest="load_kg", action="store_false", default=None,
                        help="do not load the shipped ontology and knowledge graph")


def settings_from(args: argparse.Namespace, **extra: object) -> Settings:
    """Settings from the environment, overridden by the flags given on the command line."""
    names = ("store", "memory", "load_kg", "host", "port", "workers", "update_token_file",
             "query_timeout", "store_update", "store_graph_store", "store_credentials_file")
    flags = {n: getattr(args, n) for n in names if getattr(args, n, None) is not None}
    if isinstance(flags.get("store"), str):
        from kg.settings import SettingError, _store

        try:
            flags["store"] = _store(flags["store"])
        except ValueError as exc:
            raise SettingError(f"--store {exc}") from None
    return Settings.from_env(**flags, **extra)


def open_built_store(args: argparse.Namespace, *, quiet: bool = True) -> Store:
    """Build the store if it is missing or stale, and return it.

    Only ``build`` and ``validate`` run the (slower) SHACL validation; other commands check
    syntax, so a query never waits for pySHACL. A remote store is opened as it is (its
    ``--load`` files are loaded into it); ``pasb-kg build --store URL`` loads the graph.
    """
    settings = settings_from(args)
    if settings.remote:
        from kg.build import build_remote
        from kg.store.remote import SparqlStore

        remote = SparqlStore.from_settings(settings)
        if args.load:
            build_remote(settings.with_(load_kg=False), store=remote, validate=False,
                         extra=[parse_spec(s) for s in args.load])
        return remote
    store, report = build(settings, extra=[parse_spec(s) for s in args.load], validate=False)
    if not quiet and report.rebuilt:
        print(f"built store: {report.total_quads} quads", file=sys.stderr)
    return store


# -- commands ------------------------------------------------------------------------------
def cmd_build(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if settings.remote:
        from kg.build import build_remote

        report = build_remote(settings, extra=[parse_spec(s) for s in args.load],
                              validate=not args.no_validate)
        for path, count in report.quads_per_source.items():
            print(f"{count:8d}  {path}")
        print(f"{report.total_quads:8d}  triples loaded{' (validated)' if report.validated else ''}"
              f" into {settings.store} in {report.seconds:.2f} s")
        return 0
    _store, report = build(settings, extra=[parse_spec(s) for s in args.load],
                          validate=not args.no_validate, force=True)
    from kg.stats import distinct_triples

    for path, count in report.quads_per_source.items():
        print(f"{count:8d}  {path}")
    print(f"{report.total_quads:8d}  quads in the store"
          f"{' (validated)' if report.validated else ''}"
          f" at {settings.store_path() or 'memory'} in {report.seconds:.2f} s")
    print(f"{distinct_triples(_store):8d}  distinct triples in the union of the graphs "
          "(a triple stated in two files counts once; `stats`, VoID and /healthz count these)")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.build import parse_all, selected_sources, validate_parsed

    settings = settings_from(args)
    if settings.remote:
        from kg.build import validate_store
        from kg.store.remote import SparqlStore

        validate_store(SparqlStore.from_settings(settings), settings)
        print(f"valid: the graphs in {settings.store} conform to the shapes")
        return 0
    validate_parsed(parse_all(selected_sources(settings)), settings)
    print("valid: ontology consistent, data conforms to the shapes")
    return 0


def cmd_queries(args: argparse.Namespace) -> int:
    for query in list_queries():
        print(f"{query.name:40s} {query.title}")
    return 0


def query_text(args: argparse.Namespace) -> str:
    given = [x for x in (args.sparql, args.file, args.name) if x]
    if len(given) != 1:
        raise QueryError("give exactly one of: a SPARQL text, -f FILE, --name NAME")
    if args.file:
        try:
            return Path(args.file).read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"-f {args.file}: {exc.strerror or exc}") from None
    if args.name:
        return load_query(args.name).text
    return args.sparql


def cmd_query(args: argparse.Namespace) -> int:
    from kg.render import render_result
    from kg.sparql_errors import explain_syntax_error
    from kg.sparql_text import star_order

    text = query_text(args)
    fmt = args.format.lower()
    choices = ["auto"] + [m.value for m in ResultFormat] + [m.value for m in GraphFormat]
    if fmt not in choices:
        raise QueryError(f"--format {args.format!r}: expected one of {'|'.join(choices)}")
    store = open_built_store(args)
    try:
        # At the command line the project's prefixes (pasb:, res:, …) need no PREFIX.
        result = store.query(text, prefixes=PREFIXES)
    except QuerySyntaxError as exc:
        error = explain_syntax_error(text, message=exc.message, line=exc.line,
                                     column=exc.column, known_prefixes=PREFIXES,
                                     implicit_prefixes=PREFIXES)
        error.file = args.file or (f"--name {args.name}" if args.name else None)
        raise ParseError(error.message, file=error.file, line=error.line,
                         column=error.column, hint=error.hint) from None
    sys.stdout.write(render_result(result, fmt, order=star_order(text)))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from kg.render import shorten
    from kg.stats import dataset_stats

    stats = dataset_stats(open_built_store(args))
    print(f"triples     {stats['triples']}  (distinct, over the union of the graphs; "
          f"{stats['quads']} quads)")
    print(f"subjects    {stats['subjects']}")
    print(f"properties  {stats['properties']}")
    print(f"classes     {len(stats['classes'])}")
    print("\ninstances per class:")
    for cls, count in stats["classes"]:
        print(f"  {count:6d}  {shorten(cls)}")
    print("\ntriples per graph (kind of statement):")
    for graph, count in stats["graphs"]:
        print(f"  {count:6d}  {graph}  ({stats['graph_kinds'].get(graph, 'no kind declared')})")
    by_kind: dict[str, int] = {}
    for graph, count in stats["graphs"]:
        kind = stats["graph_kinds"].get(graph, "no kind declared")
        by_kind[kind] = by_kind.get(kind, 0) + count
    print("\ntriples per kind of statement:")
    for kind, count in sorted(by_kind.items()):
        print(f"  {count:6d}  {kind}")
    print("\nlinks out:")
    for prop, target, count in stats["links_out"]:
        print(f"  {count:6d}  {shorten(prop)} -> {target}")
    print("\nlinks out by method:")
    for prop, target, method, count in stats["link_records"]:
        print(f"  {count:6d}  {shorten(prop)} -> {target} ({shorten(method)})")
    print("\nenriched facts per source:")
    for source, count, retrieved in stats["enrichment"] or [("(none yet)", 0, "")]:
        print(f"  {count:6d}  {source} {retrieved}".rstrip())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    fmt = parse_enum(GraphFormat, args.format, option="--format")
    data = open_built_store(args).dump(fmt.oxigraph)
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from kg.load import load_file

    settings = settings_from(args)
    if settings.remote:
        from kg.store.remote import SparqlStore

        store: object = SparqlStore.from_settings(settings)
    else:
        if settings.memory:
            raise KGError("--memory: a load into a throw-away store is lost at once; name "
                          "a --store")
        store, _ = build(settings, validate=False)
    bar = None if args.progress == "auto" else args.progress == "bar"
    for name in args.files:
        report = load_file(store, Path(name), settings=settings, graph=args.graph,
                           lenient=args.lenient, bar=bar)
        skipped = f", {report.skipped} malformed lines skipped" if report.skipped else ""
        print(f"{report.path}: {report.parsed} statements parsed{skipped}, "
              f"{report.stored} in <{report.graph or 'the default graph'}> "
              f"({report.method}) in {report.seconds:.1f} s, "
              f"{report.parsed / max(report.seconds, 1e-9):,.0f} statements/s")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from service.server import serve

    settings = settings_from(args, update_token=None)
    return serve(settings, extra=[parse_spec(s) for s in args.load])


# -- parser --------------------------------------------------------------------------------
def make_parser() -> argparse.ArgumentParser:
    """The argument parser of ``pasb-kg`` with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="pasb-kg",
        description="Knowledge graph of Indonesia–ILO cooperation against hazardous child labour.",
    )
    parser.add_argument("--version", action="version", version=f"pasb-kg {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="parse, validate and load the store; print counts")
    add_store_options(p)
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.set_defaults(handler=cmd_build)

    p = sub.add_parser("validate", help="validate ontology and data (SHACL, OWL-RL)")
    add_store_options(p)
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("query", help="run a SPARQL query")
    p.add_argument("sparql", nargs="?", help="the SPARQL text")
    p.add_argument("-f", "--file", help="read the query from a file")
    p.add_argument("-n", "--name", help="run a named query (see `pasb-kg queries`)")
    p.add_argument("--format", default="auto",
                   help="auto (default: a table for SELECT/ASK, Turtle for CONSTRUCT/"
                        "DESCRIBE); table|json|csv|tsv|xml (SELECT/ASK); "
                        "turtle|ntriples|jsonld|rdfxml|nquads|trig (CONSTRUCT/DESCRIBE)")
    add_store_options(p)
    p.set_defaults(handler=cmd_query)

    p = sub.add_parser("queries", help="list the named queries")
    p.set_defaults(handler=cmd_queries)

    p = sub.add_parser("stats", help="triples, classes, instances per class, links out")
    add_store_options(p)
    p.set_defaults(handler=cmd_stats)

    p = sub.add_parser("export", help="dump everything in one RDF format")
    p.add_argument("--format", default="nquads",
                   help="|".join(m.value for m in GraphFormat))
    p.add_argument("-o", "--output", help="write to this file instead of stdout")
    add_store_options(p)
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("load", help="bulk-load RDF files (gzip'd or not) into the store, "
                                    "replacing their graphs")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help=".nt .nq .ttl .trig .rdf (.gz after any of them)")
    p.add_argument("--graph", metavar="IRI",
                   help="named graph for triple files (default: the default graph)")
    p.add_argument("--lenient", action="store_true",
                   help="skip and count malformed lines (N-Triples, N-Quads) instead of "
                        "loading nothing")
    p.add_argument("--progress", choices=("auto", "bar", "log"), default="auto",
                   help="a progress bar (auto: on a terminal) or log lines")
    add_store_options(p)
    p.set_defaults(handler=cmd_load)

    p = sub.add_parser("serve", help="run the SPARQL service")
    add_store_options(p)
    p.add_argument("--host", help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 8080)")
    p.add_argument("--workers", type=int, help="query worker processes")
    p.add_argument("--update-token-file", type=Path,
                   help="file with the bearer token that enables updates")
    p.add_argument("--query-timeout", type=float, help="seconds before a query is stopped")
    p.set_defaults(handler=cmd_serve)

    for register in _plugins():
        register(sub)
    return parser


def _plugins() -> list[Callable[[argparse._SubParsersAction], None]]:
    """Subcommand groups that live with their subsystem (network, link)."""
    registers = []
    for module_name in ("kg.network.commands", "kg.linking.commands"):
        try:
            module = __import__(module_name, fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
        registers.append(module.register)
    return registers


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pasb-kg`` console script."""
    args = make_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.handler(args)
    except KGError as exc:
        print(f"pasb-kg {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0



if __name__ == "__main__":
    sys.exit(main())
