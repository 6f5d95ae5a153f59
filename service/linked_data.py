"""Linked data on the web: one blueprint that groups the resource pages and dereferencing
(:mod:`service.resources`), the query page (:mod:`service.pages`) and the dataset
metadata and dumps (:mod:`service.dataset`).

Everything here is a read, so any origin may read it (no credentials); the pages load
only this service's own static files.
"""

from __future__ import annotations

from flask import Blueprint, Response, g, request

from service import browse, dataset, pages, resources, search

bp = Blueprint("linked_data", __name__)
bp.register_blueprint(resources.bp)
bp.register_blueprint(pages.bp)
bp.register_blueprint(dataset.bp)
bp.register_blueprint(search.bp)
bp.register_blueprint(browse.bp)

#: Pages load nothing from elsewhere; inline JSON-LD and styles are allowed, scripts not.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; "
                           "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                           "frame-ancestors 'none'; form-action 'self'")


@bp.after_request
def add_headers(response: Response) -> Response:
    """CORS for reads, and a strict content security policy on HTML."""
    if request.method in ("GET", "HEAD"):
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = "Link, Content-Location"
    if response.mimetype == "text/html":
        policy = CONTENT_SECURITY_POLICY
        nonce = g.get("csp_style_nonce")
        if nonce:
            policy = policy.replace("style-src 'self'", f"style-src 'self' 'nonce-{nonce}'")
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
    return response
