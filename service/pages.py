"""The query page ``/`` and the small JSON helpers its script uses.

The page is server-rendered HTML with our own script (``static/query.js``): an editor
with highlighting, the named queries of ``kg/queries/`` as examples, and results drawn
from the SPARQL endpoint's own formats. Labels for the IRIs of a result come from
``/labels`` (the label index, no query per request).
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request, url_for
from werkzeug.exceptions import BadRequest

from kg.named_queries import list_queries
from kg.namespaces import PREFIXES
from service.dataset import schema_org_dataset
from service.html import render_page
from service.i18n import LANGUAGES, choose_language, script_strings
from service.lookup import label_index, local_url, resource_namespace

bp = Blueprint("pages", __name__)

#: Most IRIs one ``/labels`` request may ask about.
MAX_LABELS = 2000
#: Starting points of the "Browse" list (slugs of res:).
BROWSE = ("cooperation-ilo-indonesia", "programme-education", "programme-youth-transition",
          "programme-skills-training", "ilo", "government-of-indonesia", "sectors",
          "dataset-child-labour-statistics", "paper")


def examples() -> list[dict[str, str]]:
    """The named queries as the page's example list."""
    return [{"name": q.name, "title": q.title, "description": q.description, "text": q.text,
             "form": q.form} for q in list_queries()]


@bp.route("/")
def query_page() -> Response:
    """The query page; ``?query=`` fills (and runs) the editor."""
    lang = choose_language()
    index = label_index()
    namespace = resource_namespace()
    browse = [(local_url(namespace + slug), index.label(namespace + slug, lang) or slug)
              for slug in BROWSE if namespace + slug in index.labels]
    return render_page(
        "query.html", examples=examples(), prefixes=PREFIXES, browse=browse,
        endpoint=request.script_root + "/sparql", labels_url=url_for(".labels"),
        initial_query=request.args.get("query", ""), dataset_jsonld=schema_org_dataset(),
        script_text=script_strings(lang))


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
