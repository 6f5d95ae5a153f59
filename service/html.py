"""Rendering of the HTML pages: one base layout, the reader's language, local links.

Templates are Jinja2 with autoescaping (Flask's default for ``.html``). Every page gets
``lang``, ``t`` (the words in that language), ``href`` (the local URL of an IRI),
``lang_url`` (this page in another language) and ``alternates`` (its machine twins).
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

from flask import Response, render_template, request

from service.i18n import COOKIE, LANGUAGE_NAMES, LANGUAGES, choose_language, translator
from service.lookup import local_url

HTML_TYPE = "text/html; charset=utf-8"


def lang_url(lang: str) -> str:
    """This page with ``lang=`` set (the language switch)."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [lang]
    return request.path + "?" + urlencode(args, doseq=True)


def render_page(template: str, *, status: int = 200,
                alternates: Sequence[tuple[str, str, str]] = (), **context: object) -> Response:
    """Render ``template`` with the common context; remember a chosen language.

    :param alternates: (label, media type, URL) of the page's machine-readable twins.
    """
    lang = choose_language()
    body = render_template(template, lang=lang, t=translator(lang), href=local_url,
                           lang_url=lang_url, languages=LANGUAGES,
                           language_names=LANGUAGE_NAMES, alternates=alternates, **context)
    response = Response(body, status=status, content_type=HTML_TYPE)
    response.headers["Content-Language"] = lang
    response.vary.update(("Accept-Language", "Cookie"))
    if request.args.get("lang") in LANGUAGES:
        response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="Lax",
                            httponly=True)
    return response
