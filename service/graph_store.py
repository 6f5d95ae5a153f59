"""The SPARQL 1.1 Graph Store HTTP Protocol at ``/store``.

Graphs are named indirectly (``/store?graph=IRI``, ``/store?default``) or directly (the
request URL under ``/store/…`` is the graph IRI). ``GET /store?default`` answers the
default graph that queries see: with ``union_default_graph`` on (the default) the union
of all graphs, each triple once; writes to ``?default`` change the store's own default
graph. ``POST /store`` with neither creates a
new graph and answers 201 with its IRI in ``Location``. Reads go to a worker like
queries; writes go to the writer under the same authorisation as updates, each in one
transaction.
"""

from __future__ import annotations

import uuid

from flask import Blueprint, Response, request
from werkzeug.exceptions import BadRequest, UnsupportedMediaType

from service.negotiation import GRAPH_FORMATS, INPUT_FORMATS, input_format, negotiate
from service.security import check_write_access
from service.state import state

bp = Blueprint("graph_store", __name__)
METHODS = ["GET", "POST", "PUT", "DELETE"]


def _target(direct: bool) -> tuple[str | None, bool]:
    """The graph IRI (``None``: the default graph) and whether one was named at all."""
    if direct:
        return request.base_url, True
    graph = request.args.getlist("graph")
    has_default = "default" in request.args
    if len(graph) > 1 or (graph and has_default):
        raise BadRequest("Name one graph: either ?default or a single ?graph=IRI.")
    if graph:
        if not graph[0].strip():
            raise BadRequest("?graph= needs an IRI.")
        return graph[0], True
    return None, has_default


def _parts() -> list[dict[str, object]]:
    """The RDF payloads of a PUT/POST: the body, or each file of a multipart form."""
    if request.mimetype == "multipart/form-data":
        parts = []
        for upload in request.files.values():
            fmt = input_format(upload.mimetype)
            if fmt is None:
                raise UnsupportedMediaType(_unsupported(upload.mimetype))
            parts.append({"data": upload.read(), "media_type": fmt.media_type})
        return parts
    fmt = input_format(request.mimetype)
    if fmt is None:
        raise UnsupportedMediaType(_unsupported(request.mimetype))
    return [{"data": request.get_data(cache=False), "media_type": fmt.media_type}]


def _unsupported(media_type: str | None) -> str:
    offered = ", ".join(f.media_type for f in INPUT_FORMATS)
    return f"Content-Type {media_type or '(none)'} is not an RDF format; send one of {offered}."


def graph_store(direct: bool) -> Response:
    """Dispatch one Graph Store request."""
    graph, named = _target(direct)
    current = state()
    if request.method in ("GET", "HEAD"):
        if not named:
            raise BadRequest("GET needs ?default or ?graph=IRI.")
        fmt = negotiate(request.accept_mimetypes, GRAPH_FORMATS,
                        format_param=request.args.get("format"), what="a graph")
        task = {"op": "graph", "graph": graph, "media_type": fmt.media_type,
                "exists_only": request.method == "HEAD",
                "union": current.settings.union_default_graph}
        reply = current.read(task)
        response = Response(reply.get("body", b""),
                            content_type=f"{fmt.media_type}; charset=utf-8")
        response.headers["Vary"] = "Accept"
        return response
    check_write_access(request, current.token)
    if request.method == "DELETE":
        if not named:
            raise BadRequest("DELETE needs ?default or ?graph=IRI.")
        current.write({"op": "delete", "graph": graph})
        return Response(status=204)
    location = None
    if not named:
        if request.method != "POST":
            raise BadRequest("PUT needs ?default or ?graph=IRI.")
        graph = location = f"{request.url_root}store/{uuid.uuid4().hex}"
    base = graph or request.base_url
    reply = current.write({"op": request.method.lower(), "graph": graph, "parts": _parts(),
                           "base_iri": base})
    if reply.get("created"):
        response = Response(status=201)
        if location:
            response.headers["Location"] = location
        return response
    return Response(status=204)


@bp.route("/store", methods=METHODS)
def indirect() -> Response:
    """``/store?graph=IRI`` and ``/store?default``, and graph creation by POST."""
    return graph_store(direct=False)


@bp.route("/store/<path:_rest>", methods=METHODS)
def direct(_rest: str) -> Response:
    """A graph named by the request URL itself."""
    return graph_store(direct=True)
