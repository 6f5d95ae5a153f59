"""The application factory: one blueprint per concern, state in ``app.extensions``."""

from __future__ import annotations

from flask import Flask, Response, request

from kg.settings import Settings
from kg.store import OxigraphStore
from service import description, graph_store, health, linked_data, network, sparql
from service.errors import register_error_handlers
from service.executor import Executor
from service.remote_backend import RemoteExecutor
from service.security import ClientLimiter
from service.state import ServiceState

#: Methods a cross-origin page may use: reads only. Writes need an Authorization header,
#: which CORS never allows here, so a browser cannot send one from another origin.
CORS_METHODS = "GET, HEAD, POST, OPTIONS"
CORS_HEADERS = "Accept, Content-Type"
READ_BLUEPRINTS = {"sparql", "description", "health", "graph_store"}


def build_app(settings: Settings, *,
              store: Executor | RemoteExecutor | OxigraphStore | None = None) -> Flask:
    """See :func:`service.create_app`."""
    from service.backend import start_executor

    executor = store if isinstance(store, Executor | RemoteExecutor) else \
        start_executor(settings, store=store)
    app = Flask("service")
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.extensions["pasb"] = ServiceState(
        settings=settings, executor=executor, token=settings.resolved_update_token(),
        limiter=ClientLimiter(settings.max_concurrent_per_client))
    register_error_handlers(app)
    app.register_blueprint(linked_data.bp)  # first: its VoID extends description's
    for module in (sparql, graph_store, description, health, network):
        app.register_blueprint(module.bp)
    health.init_app(app)
    app.after_request(add_cors_headers)
    return app


def _is_read(response: Response) -> bool:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return True
    # A POSTed query is a read; an update or a Graph Store POST is not.
    return request.method == "POST" and request.environ.get("pasb.operation") == "query"


def add_cors_headers(response: Response) -> Response:
    """Let any origin read, without credentials; never write."""
    if request.blueprint not in READ_BLUEPRINTS:
        return response
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = CORS_METHODS
        response.headers["Access-Control-Allow-Headers"] = CORS_HEADERS
        response.headers["Access-Control-Max-Age"] = "600"
    if _is_read(response):
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = (
            "PASB-Result-Truncated, PASB-Result-Rows, Server-Timing")
    return response
