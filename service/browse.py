"""The browse pages and their machine twins: ``/actors``, ``/programmes``, ``/table-1``,
``/statistics``, ``/legal-instruments`` and ``/bibliography``, each also as ``.json`` (the
page's data; every link an object with ``iri``, ``label``, ``url``) and ``.csv`` (one flat
table).

The data is :mod:`kg.browse`, read from the served store through the query workers and
kept per store generation and language; this module only renders it.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from flask import Blueprint, Response, jsonify, request, url_for
from werkzeug.exceptions import BadRequest, NotFound

from kg.browse import Reader, Table
from kg.browse.actors import actors_page, actors_table
from kg.browse.bibliography import bibliography, bibliography_table
from kg.browse.law import instruments, instruments_table
from kg.browse.programmes import timeline, timeline_table
from kg.browse.statistics import statistics, statistics_table
from kg.browse.table1 import table_one, table_one_table
from kg.describe import Value
from kg.kinds import graph_kinds
from kg.named_queries import load_query
from kg.store import Store
from service.html import render_page
from service.i18n import LANGUAGES, choose_language, translator
from service.lookup import WorkerStore, label_index, local_url
from service.state import state

bp = Blueprint("browse", __name__)
JSON_TYPE = "application/json"
CSV_TYPE = "text/csv; charset=utf-8"


@dataclass(frozen=True)
class BrowsePage:
    """One browse page: its path, what builds its data, its table, its words."""

    slug: str
    template: str
    build: Callable[[Store, Reader], Any]
    table: Callable[[Any], Table]
    title: str
    intro: str
    query: str

    @property
    def endpoint(self) -> str:
        """The Flask endpoint of the HTML page (``_data`` appended: the twins)."""
        return self.slug.replace("-", "_")


PAGES: tuple[BrowsePage, ...] = (
    BrowsePage("actors", "browse_actors.html", actors_page, actors_table,
               "browse_actors", "browse_actors_intro", "actor-types"),
    BrowsePage("programmes", "browse_programmes.html", timeline, timeline_table,
               "browse_programmes", "browse_programmes_intro", "programme-timeline"),
    BrowsePage("table-1", "browse_table1.html", table_one, table_one_table,
               "browse_table1", "browse_table1_intro", "sector-risk-consequence"),
    BrowsePage("statistics", "browse_statistics.html", statistics, statistics_table,
               "browse_statistics", "browse_statistics_intro", "statistics"),
    BrowsePage("legal-instruments", "browse_law.html", instruments, instruments_table,
               "browse_law", "browse_law_intro", "legal-instruments"),
    BrowsePage("bibliography", "browse_bibliography.html", bibliography, bibliography_table,
               "browse_bibliography", "browse_bibliography_intro", "bibliography"),
)


def reader(lang: str) -> Reader:
    """How the pages name things in ``lang``, and the kind of statement of each graph."""
    current = state()
    kinds = current.cached("graph-kinds", lambda: graph_kinds(WorkerStore(current)))
    return Reader(label_index(), lang, current.settings.base_iri, kinds)


def page_data(page: BrowsePage, lang: str) -> Any:
    """The data of ``page`` in ``lang``, built once per store generation."""
    current = state()
    return current.cached(f"browse-{page.slug}-{lang}",
                          lambda: page.build(WorkerStore(current), reader(lang)))


def to_json(value: Any) -> Any:
    """Dataclasses as objects, :class:`~kg.describe.Value` links as ``{iri, label, url}``
    (literals as ``{value, lang}``), enums as their value."""
    if isinstance(value, Value):
        if value.iri:
            return {"iri": value.iri, "label": value.text, "url": local_url(value.iri)}
        return {"value": value.text, "lang": value.lang}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
        for name in ("dated",):
            if hasattr(type(value), name):
                out[name] = getattr(value, name)
        return out
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    return value


def csv_text(table: Table) -> str:
    """``table`` as CSV (RFC 4180, header row first)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return out.getvalue()


def twins(page: BrowsePage) -> list[tuple[str, str, str]]:
    """The page's machine twins: (label, media type, URL)."""
    return [("JSON", JSON_TYPE, url_for(f".{page.endpoint}_data", ext="json")),
            ("CSV", "text/csv", url_for(f".{page.endpoint}_data", ext="csv"))]


def _html_view(page: BrowsePage) -> Callable[[], Response]:
    def view() -> Response:
        lang = choose_language()
        query = load_query(page.query)
        return render_page(page.template, page=page, data=page_data(page, lang),
                           alternates=twins(page), query_title=query.title_in(lang),
                           query_url=url_for("linked_data.pages.query_page", query=query.text))
    view.__name__ = page.endpoint
    view.__doc__ = f"The /{page.slug} page."
    return view


def _data_view(page: BrowsePage) -> Callable[[str], Response]:
    def view(ext: str) -> Response:
        wanted = request.args.get("lang")
        if wanted is not None and wanted not in LANGUAGES:
            raise BadRequest(f"parameter lang={wanted!r} is not allowed; expected one of "
                             + ", ".join(LANGUAGES))
        lang = choose_language()
        data = page_data(page, lang)
        if ext == "json":
            t = translator(lang)
            response = jsonify({"page": page.slug, "lang": lang, "title": t(page.title),
                                "data": to_json(data)})
        elif ext == "csv":
            response = Response(csv_text(page.table(data)), content_type=CSV_TYPE)
            response.headers["Content-Disposition"] = f'inline; filename="pasb-{page.slug}.csv"'
        else:
            raise NotFound(f"/{page.slug}.{ext}: no such format; expected json or csv")
        response.headers["Link"] = (f'<{url_for(f".{page.endpoint}")}>; rel="alternate"; '
                                    'type="text/html"')
        response.vary.add("Accept-Language")
        return response
    view.__name__ = page.endpoint + "_data"
    view.__doc__ = f"The /{page.slug} page as JSON or CSV."
    return view


for _page in PAGES:
    bp.add_url_rule(f"/{_page.slug}", endpoint=_page.endpoint, view_func=_html_view(_page))
    bp.add_url_rule(f"/{_page.slug}.<ext>", endpoint=_page.endpoint + "_data",
                    view_func=_data_view(_page))
