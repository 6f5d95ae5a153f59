"""The query page ``/`` and the small JSON helpers its script uses.

The page is server-rendered HTML (the examples, the history panel, the scope selector)
that the bundled script ``static/dist/query.js`` (from ``frontend/src/query.js``: CodeMirror
6 with the SPARQL grammar) brings to life; results come from the SPARQL endpoint's own
formats, labels for their IRIs from ``/labels`` (the label index, no query per request),
the editor's typeahead from ``/query/terms.json``.
"""

from __future__ import annotations

import functools
import secrets

from flask import Blueprint, Response, g, jsonify, request, url_for
from werkzeug.exceptions import BadRequest

from kg.completions import completion_terms
from kg.describe import system_query
from kg.errors import UnknownNameError
from kg.named_queries import NamedQuery, list_queries, load_query, queries_dir
from kg.namespaces import PREFIXES
from service.dataset import schema_org_dataset
from service.html import render_page
from service.i18n import LANGUAGES, choose_language, script_strings
from service.lookup import LabelIndex, label_index, local_url, resource_namespace
from service.state import state

bp = Blueprint("pages", __name__)

#: Most IRIs one ``/labels`` request may ask about.
MAX_LABELS = 2000
#: Starting points of the "Browse" list (slugs of res:).
BROWSE = ("cooperation-ilo-indonesia", "programme-education", "programme-youth-transition",
          "programme-skills-training", "ilo", "government-of-indonesia", "sectors",
          "dataset-child-labour-statistics", "paper")


#: The scopes of the "statements" selector and the kinds of graph each one reads (the
#: ontology's graphs in both, so that classes and properties keep their labels).
SCOPES = {"paper": ("paper", "ontology"), "interpretation": ("paper", "interpretation", "ontology")}
#: The groups of the example list, in order: the research questions first.
EXAMPLE_GROUPS = ("research", "network", "system")


def _example(query: NamedQuery, lang: str) -> dict[str, object]:
    return {"name": query.name, "title": query.title_in(lang),
            "description": query.description_in(lang), "text": query.text, "form": query.form,
            "params": [{"name": p.name, "type": p.type,
                        "help": (p.help_id if lang == "id" else "") or p.help,
                        "optional": p.optional, "literal": p.literal}
                       for p in query.bindable]}


def examples(lang: str = "en") -> list[dict[str, object]]:
    """The named queries as the page's example groups, in ``lang``: the research
    questions, the network analysis's own queries (``network-*``) and the service's system
    queries; each with the parameters a form can bind."""
    research, network = [], []
    for query in list_queries():
        group = network if query.name.startswith("network-") else research
        group.append(_example(query, lang))
    system = [_example(q, lang) for q in list_queries(queries_dir() / "system")]
    return [{"id": group, "queries": queries}
            for group, queries in zip(EXAMPLE_GROUPS, (research, network, system),
                                      strict=True)]


@bp.route("/")
def query_page() -> Response:
    """The query page; ``?query=`` fills (and runs) the editor."""
    lang = choose_language()
    index = label_index()
    namespace = resource_namespace()
    current = state()
    browse = [(local_url(namespace + slug), index.label(namespace + slug, lang) or slug)
              for slug in BROWSE if namespace + slug in index.labels]
    nonce = secrets.token_urlsafe(16)
    g.csp_style_nonce = nonce  # CodeMirror's styles, where constructed sheets are missing
    scopes = query_scopes()
    static = functools.partial(url_for, "static")
    config = {
        "endpoint": request.script_root + "/sparql",
        "cancel": url_for("sparql.cancel"), "terms": url_for(".terms"),
        "labels": url_for(".labels"), "network": url_for("network.viewer"),
        "views": static(filename="dist/queryviews.js"),
        "world": static(filename="dist/world.js"),
        "prefixes": PREFIXES, "lang": lang, "text": script_strings(lang), "nonce": nonce,
        "page_rows": current.settings.query_page_rows,
        "graph_nodes": current.settings.query_graph_nodes,
        "chart_rows": current.settings.query_chart_rows,
        "scopes": {s["id"]: s for s in scopes},
    }
    return render_page(
        "query.html", examples=examples(lang), browse=browse, config=config, scopes=scopes,
        initial_query=request.args.get("query", ""), dataset_jsonld=schema_org_dataset())


def query_scopes() -> list[dict[str, object]]:
    """The choices of the "statements" selector besides "all": each with the graphs it
    queries (the protocol's default-graph-uri and named-graph-uri), read through
    ``kg/queries/graphs.rq`` from the graphs' own ``pasb:statementKind``. Empty when the
    store has no graph of what the paper states (then the selector is not shown)."""
    current = state()

    def compute() -> list[dict[str, object]]:
        try:
            text = load_query("graphs").text
        except UnknownNameError:  # a checkout older than the kinds of graph
            return []
        rows = current.read({"op": "rows", "text": text, "union": True})["rows"]
        kinds = {resource_namespace(current) + "statement-kind-" + k: k for k in
                 ("paper", "interpretation", "context", "ontology")}
        graphs: dict[str, set[str]] = {}
        for row in rows:
            if row.get("kind") in kinds:
                graphs.setdefault(kinds[row["kind"]], set()).add(row["graph"])
        if not graphs.get("paper"):
            return []
        return [{"id": scope, "graphs": sorted(set().union(*(graphs.get(k, set())
                                                            for k in included)))}
                for scope, included in SCOPES.items()]

    return current.cached("query-scopes", compute)


@bp.route("/labels", methods=["POST"])
def labels() -> Response:
    """``{"iris": [...], "lang": "en"}`` → ``{"labels": {iri: label}, "links": {iri: url}}``
    for the IRIs this graph labels."""
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict) or not isinstance(payload.get("iris"), list):
        raise BadRequest('Send JSON {"iris": [...], "lang": "en"}.')
    iris = [i for i in payload["iris"][:MAX_LABELS] if isinstance(i, str)]
    lang = payload.get("lang") if payload.get("lang") in LANGUAGES else "en"
    index = label_index()
    found = {i: index.label(i, lang) for i in iris}
    return jsonify(labels={i: v for i, v in found.items() if v},
                   links={i: local_url(i) for i in iris if local_url(i) != i})


@bp.route("/query/terms.json")
def terms() -> Response:
    """The editor's typeahead list: classes, properties and resources of the store as
    prefixed names with their labels and other names, and the prefixes."""
    current = state()

    def compute() -> list[dict[str, object]]:
        rows = current.read({"op": "rows", "text": system_query("completions"),
                             "union": current.settings.union_default_graph})["rows"]
        index = label_index()
        return [t.as_json() for t in completion_terms(
            rows, limit=current.settings.completion_max_terms,
            names=lambda iri: _names(index, iri))]

    response = jsonify(prefixes=PREFIXES, terms=current.cached("completion-terms", compute))
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def _names(index: LabelIndex, iri: str) -> tuple[dict[str, str], list[str]]:
    """The English and Indonesian labels of ``iri`` and its other names."""
    labels = {lang: text for lang, text in index.labels.get(iri, {}).items()
              if lang in LANGUAGES}
    shown = set(labels.values())
    others = sorted({n for n in index.names.get(iri, []) if n not in shown})
    return labels, others
