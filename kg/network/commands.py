"""``pasb-kg network report|export|measures``: the command line over :mod:`kg.network`.

Registered by :func:`kg.cli.make_parser` through :func:`register`. Each command reads the
built store (or, with ``--graph FILE``, just the given RDF files) and writes to stdout or
to ``--output``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rdflib import Graph

from kg.errors import KGError
from kg.network.export import ExportFormat, export_network
from kg.network.extract import Layer, Projection, extract_multiplex, network_view
from kg.network.words import LANGUAGES


def _source(args: argparse.Namespace):
    """The store (or rdflib graph of ``--graph`` files) the network is extracted from."""
    if args.graph:
        graph = Graph()
        for path in args.graph:
            try:
                graph.parse(path)
            except (OSError, SyntaxError, ValueError) as exc:
                raise KGError(f"--graph {path}: {exc}") from None
        return graph
    from kg.cli import open_built_store

    return open_built_store(args)


def _multiplex(args: argparse.Namespace):
    return extract_multiplex(_source(args))


def _report_networks(args: argparse.Namespace):
    """The network of the report (``--scope``) and, from a store whose graphs declare
    their kinds, the network of only what the paper states (``None`` otherwise)."""
    from kg.scope import Scope, graphs_of, scoped

    try:
        scope = Scope.parse(args.scope)
    except ValueError as exc:
        raise KGError(f"--scope: {exc}") from None
    source = _source(args)
    if isinstance(source, Graph):
        if scope is not Scope.ALL:
            raise KGError("--scope needs a store whose graphs declare their kinds, not --graph")
        return extract_multiplex(source), None
    if scope.kinds is not None and not graphs_of(source, scope.kinds):
        raise KGError(f"--scope {scope.value}: the store has no graphs of that kind")
    M = extract_multiplex(scoped(source, scope))
    paper = (extract_multiplex(scoped(source, Scope.PAPER))
             if scope is not Scope.PAPER and graphs_of(source, Scope.PAPER.kinds or set())
             else None)
    return M, paper


def _write_files(files: dict[str, bytes], output: str | None) -> None:
    if output is None:
        if len(files) != 1:
            raise KGError(f"this format writes {len(files)} files: give -o DIRECTORY")
        sys.stdout.buffer.write(next(iter(files.values())))
        return
    target = Path(output)
    if len(files) == 1 and target.suffix:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(next(iter(files.values())))
        return
    target.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(files.items()):
        (target / name).write_bytes(data)


def cmd_report(args: argparse.Namespace) -> int:
    from kg.network.report import ReportFormat, build_report, render_report

    fmt = ReportFormat(args.format) if args.format in {f.value for f in ReportFormat} else None
    if fmt is None:
        choices = "|".join(f.value for f in ReportFormat)
        raise KGError(f"--format {args.format!r}: expected one of {choices}")
    M, paper = _report_networks(args)
    report = build_report(M, year=args.year, figures=args.output is not None, paper=paper,
                          lang=args.lang)
    text = render_report(report, fmt)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"report.{fmt.value}").write_text(text, encoding="utf-8")
    figures = out / "figures"
    figures.mkdir(exist_ok=True)
    for name, data in sorted(report.figures.items()):
        (figures / name).write_bytes(data)
    print(f"wrote {out / f'report.{fmt.value}'} and {len(report.figures)} figures",
          file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    G = network_view(_multiplex(args), layer=args.layer, year=args.year,
                     projection=args.projection)
    _write_files(export_network(G, args.format), args.output)
    return 0


def cmd_measures(args: argparse.Namespace) -> int:
    from kg.network.measures import measures  # numpy, scipy, igraph: only when measuring

    G = network_view(_multiplex(args), layer=args.layer, year=args.year,
                     projection=args.projection)
    if G.is_multigraph():
        raise KGError("--projection multiplex has parallel ties: measure actors, "
                      "affiliation or delegation")
    result = measures(G)
    text = json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n"
    _write_files({"measures.json": text.encode("utf-8")}, args.output)
    return 0


def _view_options(p: argparse.ArgumentParser, *, projection: str = "actors") -> None:
    p.add_argument("--layer", default="participation",
                   help="|".join([m.value for m in Layer] + ["all"]))
    p.add_argument("--projection", default=projection,
                   help="|".join(m.value for m in Projection))
    p.add_argument("--year", type=int, help="only programmes running in this year")


def _source_options(p: argparse.ArgumentParser) -> None:
    from kg.cli import add_store_options

    add_store_options(p)
    p.add_argument("--graph", action="append", default=[], metavar="FILE",
                   help="analyse these RDF files instead of the store (repeatable)")
    p.add_argument("-o", "--output", help="file or directory to write to (default: stdout)")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``network`` and its subcommands to the ``pasb-kg`` parser."""
    network = subparsers.add_parser("network", help="actor-network analysis of the cooperation")
    sub = network.add_subparsers(dest="network_command", required=True, metavar="SUBCOMMAND")

    p = sub.add_parser("report", help="the cooperation-structure report (md|html|json)")
    p.add_argument("--format", default="md", help="md|html|json")
    p.add_argument("--year", type=int, help="only programmes running in this year")
    p.add_argument("--scope", default="all",
                   help="all|paper|paper+interpretation: which kinds of statement the network "
                        "is built from (the verdicts on only what the paper states are given "
                        "beside the others)")
    p.add_argument("--lang", default="en", choices=LANGUAGES,
                   help="language of the sentences, figures and captions: en|id")
    _source_options(p)
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser("export", help="export the network for Gephi, Cytoscape, R, Pajek…")
    p.add_argument("--format", default="graphml", help="|".join(f.value for f in ExportFormat))
    _view_options(p)
    _source_options(p)
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("measures", help="every measure of one network view, as JSON")
    _view_options(p)
    _source_options(p)
    p.set_defaults(handler=cmd_measures)
