"""The actor network over HTTP: ``/network`` (the viewer), ``/network/actors.<format>``
(JSON with layout and measures, GraphML, GEXF, CSV), ``/network/measures.json`` and
``/network/report`` (the cooperation-structure report).

Every route takes ``layer`` (participation, funding, legal, coverage, all), ``year``
(all, or a year some programme runs) and ``projection`` (actors, affiliation,
delegation, multiplex); a value outside those is answered 400 naming the parameter and
the allowed values. The network is extracted with the named queries through the query
workers and computed in the network worker (:mod:`service.network_worker`), both within
the query timeout, and cached per store generation.
"""

from __future__ import annotations

import base64
import json
from dataclasses import asdict
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request, url_for
from werkzeug.exceptions import NotFound

from kg.named_queries import load_query
from kg.network.export import KIND_COLOURS, TYPE_COLOURS, export_network
from kg.scope import Scope, narrower_scopes
from kg.terms import to_rdflib
from service.html import render_page
from service.i18n import choose_language, network_script_strings
from service.linked_data import CONTENT_SECURITY_POLICY
from service.lookup import SYSTEM_MAX_ROWS, label_index, local_url
from service.network_compute import (
    NETWORK_QUERIES,
    BadParameter,
    ExportFormat,
    ViewKey,
    gexf_with_layout,
    parse_enum,
)
from service.network_worker import NetworkJobs
from service.state import state

bp = Blueprint("network", __name__, url_prefix="/network")
EXTENSION = "pasb.network"
JSON_TYPE = "application/json"
MEDIA_TYPES = {ExportFormat.JSON: JSON_TYPE, ExportFormat.GRAPHML: "application/graphml+xml",
               ExportFormat.GEXF: "application/gexf+xml", ExportFormat.CSV: "text/csv"}
EDGE_COLOURS = {"participation": "#6f6f6f", "funding": "#D55E00", "legal": "#0072B2",
                "coverage": "#009E73"}


@bp.record_once
def _init(setup: Any) -> None:
    setup.app.extensions[EXTENSION] = NetworkJobs()


@bp.after_request
def add_headers(response: Response) -> Response:
    """Any origin may read the data; HTML pages get the site's content security policy."""
    if request.method in ("GET", "HEAD") and response.mimetype != "text/html":
        response.headers["Access-Control-Allow-Origin"] = "*"
    if response.mimetype == "text/html":
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# -- running jobs ----------------------------------------------------------------------
def _select(text: str, **dataset: Any) -> list[dict[str, Any]]:
    """The rows of one SELECT run by the query workers (query timeout), as rdflib terms;
    ``dataset``: the task's ``default_graph`` and ``named_graphs``, or ``union``."""
    reply = state().read({"op": "query", "text": text, "max_rows": SYSTEM_MAX_ROWS,
                          "results_type": "application/sparql-results+json", **dataset})
    solutions = ox.parse_query_results(reply["body"], format=ox.QueryResultsFormat.JSON)
    names = [v.value for v in solutions.variables]
    return [{n: to_rdflib(s[n]) for n in names if s[n] is not None} for s in solutions]


def fetch_rows() -> dict[str, dict[str, list[dict[str, Any]]]]:
    """The rows of every network query for each scope (``all``, and ``paper`` and
    ``paper+interpretation`` where the store's graphs declare their kinds), run by the
    query workers (query timeout each)."""
    union = {"union": state().settings.union_default_graph}
    datasets: dict[str, dict[str, Any]] = {Scope.ALL.value: union}
    for scope, graphs in narrower_scopes(_select(load_query("graphs").text)).items():
        datasets[scope.value] = {"default_graph": graphs, "named_graphs": graphs}
    return {scope: {name: _select(load_query(name).text, **dataset)
                    for name in NETWORK_QUERIES}
            for scope, dataset in datasets.items()}


def run_job(op: str, key: ViewKey, **options: str) -> dict[str, Any]:
    """The network worker's successful reply to ``op`` for ``key`` (``options``: the
    report's ``lang``)."""
    current = state()
    jobs: NetworkJobs = current_app.extensions[EXTENSION]
    reply = jobs.run(op, {**asdict(key), **options}, generation=current.executor.generation,
                     fetch_rows=fetch_rows, timeout=current.settings.query_timeout)
    if reply.get("ok"):
        return reply
    if reply.get("kind") == "bad_parameter":
        raise BadParameter(reply["message"])
    raise RuntimeError(f"network worker failure: {reply.get('message')}")


def remember(name: str, key: ViewKey, compute: Any) -> Any:
    """``compute()`` once per (store generation, name, view)."""
    jobs: NetworkJobs = current_app.extensions[EXTENSION]
    return jobs.remember((state().executor.generation, name, key), compute)


def view_key() -> ViewKey:
    """The view named by the request's ``layer``, ``year`` and ``projection``."""
    return ViewKey.parse(request.args)


def _file_name(key: ViewKey, suffix: str) -> str:
    return (f"pasb-network-{key.projection}-{key.layer}-{key.year or 'all-years'}"
            f"{suffix}")


def _download(body: bytes, media_type: str, name: str) -> Response:
    response = Response(body, content_type=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# -- routes ----------------------------------------------------------------------------
def viewer_json(key: ViewKey) -> bytes:
    """The view as the viewer's JSON, with local links and other names for search."""
    payload = run_job("view", key)["payload"]
    index = label_index()
    nodes = []
    for node in payload["nodes"]:
        row = dict(node)
        url = local_url(node["id"])
        if url != node["id"]:
            row["url"] = url
        names = sorted(set(index.names.get(node["id"], ())) - {node.get("label")})
        if names:
            row["names"] = names
        nodes.append(row)
    data = {**payload, "nodes": nodes, "generation": state().executor.generation}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@bp.route("/actors.<extension>")
def actors(extension: str) -> Response:
    """The actor network of one view as JSON (layout and measures), GraphML, GEXF or
    CSV (``table=edges`` or ``nodes``)."""
    try:
        fmt = ExportFormat(extension)
    except ValueError:
        raise NotFound(f"/network/actors.{extension}: no such format; expected one of "
                       + ", ".join(f.value for f in ExportFormat)) from None
    key = view_key()
    if fmt is ExportFormat.CSV:
        table = parse_enum("table", request.args.get("table", "edges"), ["edges", "nodes"])
    if fmt is ExportFormat.JSON:
        body = remember("json", key, lambda: viewer_json(key))
        return Response(body, content_type=JSON_TYPE)
    reply = run_job("view", key)
    G = reply["graph"]
    if fmt is ExportFormat.GEXF:
        positions = {n["id"]: (n["x"], n["y"]) for n in reply["payload"]["nodes"]}
        body = remember("gexf", key, lambda: gexf_with_layout(G, positions))
        return _download(body, MEDIA_TYPES[fmt], _file_name(key, ".gexf"))
    if fmt is ExportFormat.GRAPHML:
        body = remember("graphml", key,
                        lambda: export_network(G, "graphml")["network.graphml"])
        return _download(body, MEDIA_TYPES[fmt], _file_name(key, ".graphml"))
    files = remember("csv", key, lambda: export_network(G, "csv"))
    return _download(files[f"{table}.csv"], "text/csv; charset=utf-8",
                     _file_name(key, f"-{table}.csv"))


@bp.route("/measures.json")
def measures() -> Response:
    """Every measure of one view (:func:`kg.network.measures`), as JSON."""
    key = view_key()

    def compute() -> bytes:
        payload = run_job("measures", key)["payload"]
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
        return text.encode("utf-8")

    return Response(remember("measures", key, compute), content_type=JSON_TYPE)


@bp.route("/report", defaults={"extension": "html"})
@bp.route("/report.<extension>")
def report(extension: str) -> Response:
    """The cooperation-structure report for ``year`` (all years by default): HTML with
    its figures, or ``.json`` / ``.md``."""
    fmt = parse_enum("format", extension, ["html", "json", "md"])
    asked = view_key()
    key = ViewKey(year=asked.year, scope=asked.scope)
    lang = choose_language()
    result = run_job("report", key, lang=lang)["report"]
    from kg.network.report import render_report  # numpy, matplotlib: on first use

    if fmt == "json":
        return Response(render_report(result, "json"), content_type=JSON_TYPE)
    if fmt == "md":
        return Response(render_report(result, "md"), content_type="text/markdown; charset=utf-8")
    from kg.network.figures import FIGURES
    from kg.network.report import report_title, verdict_text
    from kg.network.words import translator as report_words

    figures = [(name, result.captions.get(name, name), "data:image/svg+xml;base64,"
                + base64.b64encode(result.figures[f"{name}.svg"]).decode("ascii"))
               for name in FIGURES if f"{name}.svg" in result.figures]
    years = result.measures.get("years", [])
    return render_page("network_report.html", report=result, figures=figures, years=years,
                       scope=key.scope, scopes=[s.value for s in Scope],
                       verdict_text=lambda v: verdict_text(result, v),
                       title=report_title(result), kt=report_words(result.lang),
                       alternates=[("JSON", JSON_TYPE, url_for(".report", extension="json",
                                                               **request.args)),
                                   ("Markdown", "text/markdown",
                                    url_for(".report", extension="md", **request.args))])


@bp.route("")
def viewer() -> Response:
    """The interactive network viewer (``query=`` draws a SPARQL result instead)."""
    key = view_key()
    lang = choose_language()
    config = {
        "lang": lang, "strings": network_script_strings(lang),
        "data": url_for(".actors", extension="json"), "sparql": request.script_root + "/sparql",
        "report": url_for(".report"), "query": request.args.get("query", ""),
        "labels": url_for("linked_data.pages.labels"),
        "layer": request.args.get("layer", "all").lower(), "year": key.year,
        "projection": key.projection, "scope": key.scope,
        "typeColours": TYPE_COLOURS, "kindColours": KIND_COLOURS, "edgeColours": EDGE_COLOURS,
    }
    return render_page("network.html", config=config,
                       alternates=[("JSON", JSON_TYPE, url_for(".actors", extension="json",
                                                               **request.args))])
