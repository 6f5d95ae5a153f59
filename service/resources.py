"""Dereferencing: ``/resource/<slug>`` for every instance and ``/ontology`` for the ontology.

Following the W3C "Cool URIs for the Semantic Web" and "Best Practice Recipes for
Publishing RDF Vocabularies":

- ``/resource/<slug>`` names a thing, not a document. It negotiates on ``Accept`` and
  answers ``303 See Other`` to the document in the chosen format (setting
  ``resource_redirect``; off, it answers 200 with ``Content-Location``), with
  ``Vary: Accept`` and a ``Link: rel="describedby"`` to each document.
- ``/resource/<slug>.html|.ttl|.nt|.rdf|.jsonld`` are the documents; each lists its twins
  in ``Link: rel="alternate"`` and names the thing with ``rel="describes"``.
- ``/ontology`` is a document: negotiated in place (200, ``Vary: Accept``,
  ``Content-Location``); terms are ``/ontology#Term`` anchors of its HTML.
- An unknown slug answers 404 with the resources whose names are nearest.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, redirect, request, url_for
from rdflib import URIRef
from werkzeug.exceptions import HTTPException

from kg.browse.statistics import Statistic, statistics
from kg.describe import bind_values, statement_marks, system_query
from kg.views import ontology_view, page_view
from service.browse import reader
from service.html import render_page
from service.i18n import choose_language
from service.lookup import (
    SLUG,
    WorkerStore,
    bound,
    construct,
    exists,
    label_index,
    ontology_iri,
    resource_namespace,
    run_query,
    select,
)
from service.negotiation import HTML, JSONLD, NTRIPLES, RDFXML, TURTLE, Format, negotiate
from service.state import state

bp = Blueprint("resources", __name__)

#: Document formats in order of preference when the client does not care (browsers).
DOCUMENT_FORMATS: tuple[Format, ...] = (HTML, TURTLE, JSONLD, RDFXML, NTRIPLES)
SUFFIXES: dict[str, Format] = {"html": HTML, "ttl": TURTLE, "nt": NTRIPLES, "rdf": RDFXML,
                               "jsonld": JSONLD}
EXTENSION = {fmt.name: ext for ext, fmt in SUFFIXES.items()}


def split_suffix(name: str) -> tuple[str, Format | None]:
    """``("ilo", TURTLE)`` for ``ilo.ttl``; ``("ilo", None)`` for ``ilo``."""
    stem, dot, ext = name.rpartition(".")
    if dot and ext in SUFFIXES:
        return stem, SUFFIXES[ext]
    return name, None


def _links(path_of: dict[str, str], current: Format | None, thing: str | None) -> str:
    links = [f'<{url}>; rel="{"describedby" if current is None else "alternate"}"; '
             f'type="{fmt.media_type}"'
             for fmt in DOCUMENT_FORMATS if fmt is not current
             for url in [path_of[fmt.name]]]
    if thing and current is not None:
        links.append(f'<{thing}>; rel="describes"')
    return ", ".join(links)


def _document_paths(endpoint: str, **values: str) -> dict[str, str]:
    if endpoint.endswith("ontology_document"):
        return {f.name: url_for(endpoint, ext=EXTENSION[f.name]) for f in DOCUMENT_FORMATS}
    name = values["name"]
    return {f.name: url_for(endpoint, name=f"{name}.{EXTENSION[f.name]}")
            for f in DOCUMENT_FORMATS}


def _negotiated() -> Format:
    return negotiate(request.accept_mimetypes, DOCUMENT_FORMATS,
                     format_param=request.args.get("format"), what="this resource")


def _keep_query(url: str) -> str:
    kept = {k: v for k, v in request.args.items() if k == "lang"}
    return url + ("?" + urlencode(kept) if kept else "")


@bp.route("/resource/<name>")
def resource(name: str) -> Response:
    """A resource: 303 to (or 200 with) the negotiated document, or the document itself."""
    slug, fmt = split_suffix(name)
    if not SLUG.match(slug):
        return not_found(slug)
    iri = resource_namespace() + slug
    if not exists(iri):
        return not_found(slug)
    paths = _document_paths("linked_data.resources.resource", name=slug)
    if fmt is not None:
        response = document(iri, fmt)
        response.headers["Link"] = _links(paths, fmt, iri)
        return response
    chosen = _negotiated()
    if state().settings.resource_redirect:
        response = redirect(_keep_query(paths[chosen.name]), code=303)
        response.headers["Link"] = _links(paths, None, None)
    else:
        response = document(iri, chosen)
        response.headers["Content-Location"] = paths[chosen.name]
        response.headers["Link"] = _links(paths, chosen, iri)
    response.vary.add("Accept")
    return response


def document(iri: str, fmt: Format) -> Response:
    """The description of ``iri`` as ``fmt``: HTML page or RDF."""
    if fmt is HTML:
        return resource_page(iri)
    reply = run_query(bound("resource-description", "resource", iri), graph_type=fmt.media_type)
    return Response(reply["body"], content_type=f"{fmt.media_type}; charset=utf-8")


def resource_page(iri: str) -> Response:
    """The HTML page of a resource, rendered on the server."""
    lang = choose_language()
    graph = construct(bound("resource-context", "resource", iri))
    marks = statement_marks(select(bound("resource-statement-kinds", "resource", iri)))
    only_paper = request.args.get("only") == "paper"
    view = page_view(graph, iri, lang, base_iri=state().settings.base_iri, marks=marks,
                     only_paper=only_paper)
    if view.kind == "dataset":
        view.extra = {"statistics": dataset_statistics(iri, lang)}
    slug = iri[len(resource_namespace()):]
    paths = _document_paths("linked_data.resources.resource", name=slug)
    alternates = [(fmt.label, fmt.media_type, paths[fmt.name])
                  for fmt in DOCUMENT_FORMATS if fmt is not HTML]
    describe = "DESCRIBE " + URIRef(iri).n3()
    this = bind_values(system_query("query-this"), "resource", [URIRef(iri)])
    this = this.split("\n", 1)[1] if this.startswith("#") else this
    scope_links = {"paper": url_for("linked_data.resources.resource", name=slug + ".html",
                                    only="paper"),
                   "all": url_for("linked_data.resources.resource", name=slug + ".html")}
    return render_page("resource.html", view=view, alternates=alternates,
                       scope_links=scope_links,
                       query_links={"describe": url_for("linked_data.pages.query_page",
                                                        query=describe),
                                    "select": url_for("linked_data.pages.query_page",
                                                      query=_strip_comments(this))})


def dataset_statistics(iri: str, lang: str) -> list[Statistic]:
    """The statistics of the data set ``iri`` with their values (as on ``/statistics``)."""
    current = state()
    return current.cached(f"dataset-statistics-{iri}-{lang}", lambda: statistics(
        WorkerStore(current), reader(lang), dataset=iri))


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith("#")).strip()


def _wants_html() -> bool:
    _, fmt = split_suffix(request.path.rsplit("/", 1)[-1])
    if fmt is not None:
        return fmt is HTML
    try:
        return _negotiated() is HTML
    except HTTPException:
        return True


def not_found(slug: str) -> Response:
    """A 404 page (or plain text for RDF clients) suggesting the nearest resources."""
    namespace = resource_namespace()
    index = label_index()
    lang = choose_language()
    near = index.near(slug, namespace)
    suggestions = [(iri, index.label(iri, lang) or iri[len(namespace):]) for iri in near]
    if not _wants_html():
        lines = [f"404 Not Found: no resource {slug!r}."]
        lines += [f"Did you mean <{iri}> ({name})?" for iri, name in suggestions]
        return Response("\n".join(lines) + "\n", status=404,
                        content_type="text/plain; charset=utf-8")
    return render_page("not_found.html", status=404, slug=slug, suggestions=suggestions)


@bp.route("/ontology")
def ontology() -> Response:
    """The ontology, negotiated in place."""
    fmt = _negotiated()
    response = ontology_response(fmt)
    paths = _document_paths("linked_data.resources.ontology_document")
    response.headers["Content-Location"] = paths[fmt.name]
    response.headers["Link"] = _links(paths, fmt, ontology_iri())
    response.vary.add("Accept")
    return response


@bp.route("/ontology.<ext>")
def ontology_document(ext: str) -> Response:
    """The ontology in the format its suffix names."""
    if ext not in SUFFIXES:
        return not_found("ontology." + ext)
    fmt = SUFFIXES[ext]
    response = ontology_response(fmt)
    response.headers["Link"] = _links(_document_paths("linked_data.resources.ontology_document"),
                                      fmt, ontology_iri())
    return response


def ontology_response(fmt: Format) -> Response:
    """The ontology as ``fmt``."""
    text = bound("ontology", "ontology", ontology_iri())
    if fmt is not HTML:
        reply = run_query(text, graph_type=fmt.media_type)
        return Response(reply["body"], content_type=f"{fmt.media_type}; charset=utf-8")
    lang = choose_language()
    current = state()
    graph = current.cached("ontology-graph", lambda: construct(text))
    view = ontology_view(graph, ontology_iri(), lang, base_iri=current.settings.base_iri)
    paths = _document_paths("linked_data.resources.ontology_document")
    alternates = [(f.label, f.media_type, paths[f.name]) for f in DOCUMENT_FORMATS
                  if f is not HTML]
    return render_page("ontology.html", view=view, alternates=alternates)
