"""Search: ``/search?q=`` (a page) and ``/search.json`` (the same parameters, as JSON).

The matching and ranking are :mod:`kg.search`; the index is built from the served store
through the query workers (:class:`~service.lookup.WorkerStore`), once per store
generation, so an update is found by the next search. Parameters: ``q`` (the words),
``type`` (facets, repeatable or comma separated), ``limit``, ``offset``, ``lang``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, request, url_for

from kg.describe import prefixed
from kg.facets import Facet
from kg.search import Hit, SearchIndex, SearchParameterError, SearchQuery, build_index
from kg.term_labels import term_label
from service.html import render_page
from service.i18n import LANGUAGES, choose_language, translator
from service.lookup import WorkerStore, label_index, local_url
from service.state import state

bp = Blueprint("search", __name__)
JSON_TYPE = "application/json"


def search_index() -> SearchIndex:
    """The search index of the served store, built once per store generation."""
    current = state()
    return current.cached("search-index", lambda: build_index(
        WorkerStore(current), snippet_chars=current.settings.search_snippet_chars))


def parse_query(*, require_text: bool) -> SearchQuery:
    """The request's search parameters (see :meth:`kg.search.SearchQuery.parse`)."""
    return SearchQuery.parse(request.args.to_dict(flat=False), settings=state().settings,
                             lang=choose_language(), require_text=require_text,
                             languages=LANGUAGES)


def _predicate_label(predicate: str | None, lang: str) -> str:
    t = translator(lang)
    if predicate is None:
        return t("search_matched_iri")
    return (term_label(predicate, lang) or label_index().label(predicate, lang)
            or prefixed(predicate))


def hit_json(hit: Hit, lang: str) -> dict[str, Any]:
    """One result as the documented JSON object."""
    t = translator(lang)
    return {"iri": hit.iri, "url": local_url(hit.iri), "prefixed": hit.prefixed,
            "label": hit.label, "label_lang": hit.label_lang, "facet": hit.facet.value,
            "facet_label": t(f"facet_{hit.facet.value}"),
            "types": [prefixed(t_) for t_ in hit.types], "score": hit.score,
            "tier": hit.tier.name.lower(),
            "matched": prefixed(hit.predicate) if hit.predicate else "IRI",
            "matched_label": _predicate_label(hit.predicate, lang),
            "matched_kind": hit.statement.value if hit.statement else None,
            "snippet": hit.snippet, "snippet_lang": hit.snippet_lang,
            "highlights": [list(span) for span in hit.highlights]}


def _page_url(endpoint: str, **changes: Any) -> str:
    args = request.args.to_dict(flat=False)
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return url_for(endpoint) + ("?" + urlencode(args, doseq=True) if args else "")


def facet_links(endpoint: str, query: SearchQuery, counts: dict[Facet, int]
                ) -> list[dict[str, Any]]:
    """The facet filter: every facet with matches, its count, whether it is chosen, and
    the URL that toggles it."""
    t = translator(query.lang)
    links = []
    for facet in Facet:
        if not counts.get(facet) and facet not in query.facets:
            continue
        chosen = facet in query.facets
        kept = sorted(f.value for f in (query.facets - {facet} if chosen
                                        else query.facets | {facet}))
        links.append({"facet": facet.value, "label": t(f"facets_{facet.value}"),
                      "count": counts.get(facet, 0), "chosen": chosen,
                      "url": _page_url(endpoint, type=kept or None, offset=None)})
    return links


def error_text(exc: SearchParameterError, lang: str) -> str:
    """The parameter error in the reader's language."""
    key = f"search_err_{exc.code}"
    if exc.code == "number" and exc.values.get("high") is None:
        key += "_open"
    return translator(lang)(key, **exc.values)


@bp.route("/search.json")
def search_json() -> Response:
    """The ranked results as JSON (fields documented in the README)."""
    query = parse_query(require_text=True)
    results = search_index().search(query)
    t = translator(query.lang)
    payload: dict[str, Any] = {
        "query": query.text, "words": list(results.words), "lang": query.lang,
        "types": sorted(f.value for f in query.facets), "total": results.total,
        "offset": query.offset, "limit": query.limit,
        "facets": [{"facet": f.value, "label": t(f"facets_{f.value}"), "count": n}
                   for f, n in sorted(results.facets.items(), key=lambda fn: -fn[1])],
        "suggestions": results.suggestions,
        "results": [hit_json(h, query.lang) for h in results.hits],
    }
    if query.offset + query.limit < results.total:
        payload["next"] = _page_url(".search_json", offset=query.offset + query.limit)
    response = jsonify(payload)
    response.headers["Link"] = f'<{_page_url(".search_page")}>; rel="alternate"; ' \
                               'type="text/html"'
    return response


@bp.route("/search")
def search_page() -> Response:
    """The search page: the box, the facets, the ranked results with their snippets."""
    lang = choose_language()
    twin = ("JSON", JSON_TYPE, _page_url(".search_json"))
    try:
        query = parse_query(require_text=False)
    except SearchParameterError as exc:
        return render_page("search.html", status=400, error=error_text(exc, lang), query=None,
                           results=None, facets=[], hits=[], pages={}, alternates=[twin],
                           text=request.args.get("q", "")[:200])
    results = search_index().search(query) if query.text else None
    hits = [hit_json(h, lang) for h in results.hits] if results else []
    pages = {}
    if results is not None:
        if query.offset:
            pages["previous"] = _page_url(".search_page",
                                          offset=max(query.offset - query.limit, 0) or None)
        if query.offset + query.limit < results.total:
            pages["next"] = _page_url(".search_page", offset=query.offset + query.limit)
    return render_page(
        "search.html", query=query, results=results, hits=hits, pages=pages, error=None,
        facets=facet_links(".search_page", query, results.facets) if results else [],
        text=query.text, alternates=[twin] if query.text else [])
