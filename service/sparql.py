"""The SPARQL 1.1 Protocol at ``/sparql``: queries by GET, form POST and direct POST;
updates by form POST and direct POST; the Service Description on a plain GET.

A handler reads the operation and its dataset parameters from the request, parses the
text with :mod:`service.analysis` (form, outbound access), negotiates the result format,
and hands the work to a worker process through :class:`~service.state.ServiceState`.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Response, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import (
    BadRequest,
    HTTPException,
    MethodNotAllowed,
    NotAcceptable,
    NotFound,
    UnsupportedMediaType,
)

from kg.errors import QueryError, QuerySyntaxError
from kg.linking.sparqltext import variables_in
from kg.namespaces import PREFIXES
from kg.sparql_errors import explain_syntax_error, undeclared_prefix
from kg.sparql_text import star_order
from kg.terms import parse_term
from service import description
from service.analysis import QueryInfo, add_using_clauses, analyse_query, analyse_update
from service.negotiation import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    Format,
    format_values,
    negotiate,
)
from service.security import (
    check_query,
    check_update,
    check_write_access,
    unanalysed_text_is_safe,
)
from service.state import check_reply, state

log = logging.getLogger(__name__)
bp = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
#: The request header that names a query so that ``POST /sparql/cancel`` can stop it.
QUERY_ID_HEADER = "PASB-Query-Id"
QUERY_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
VARIABLE_NAME = re.compile(r"[A-Za-z0-9_\u00b7\u00c0-\uffff]+")


@dataclass
class Operation:
    """A query or an update as the protocol request carries it."""

    kind: str  # "query" or "update"
    text: str
    graphs: dict[str, list[str]] = field(default_factory=dict)
    bindings: dict[str, Any] = field(default_factory=dict)


def _single(params: MultiDict[str, str], name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise BadRequest(f"Give one '{name}' parameter, not {len(values)}.")
    return values[0] if values else None


def _body_text() -> str:
    """The request body as UTF-8 (the protocol allows no other charset)."""
    charset = (request.mimetype_params.get("charset") or "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"charset={charset} is not supported; send UTF-8.")
    try:
        return request.get_data(cache=False).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"The body is not valid UTF-8: {exc}") from None


GRAPH_PARAMS = ("default-graph-uri", "named-graph-uri", "using-graph-uri",
                "using-named-graph-uri")


def read_operation() -> Operation | None:
    """The operation of the request; ``None`` for a plain GET (the service description)."""
    if request.method in ("GET", "HEAD"):
        params: MultiDict[str, str] = request.args
        if "update" in params:
            raise BadRequest("Updates must be sent by POST, not GET.")
        query = _single(params, "query")
        if query is None:
            return None
        kind, text = "query", query
    elif request.mimetype == FORM:
        params = MultiDict([*request.args.items(multi=True), *request.form.items(multi=True)])
        query, update = _single(params, "query"), _single(params, "update")
        if (query is None) == (update is None):
            raise BadRequest("A form POST needs exactly one 'query' or 'update' parameter.")
        kind, text = ("query", query) if query is not None else ("update", update or "")
    elif request.mimetype in (QUERY_TYPE, UPDATE_TYPE):
        params = request.args
        kind = "query" if request.mimetype == QUERY_TYPE else "update"
        text = _body_text()
    else:
        raise UnsupportedMediaType(
            f"POST needs Content-Type {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}"
            f"{'' if request.mimetype else ' (none was given)'}.")
    graphs = {name: params.getlist(name) for name in GRAPH_PARAMS}
    bindings = read_bindings(params, kind, text)
    wrong = ("using-graph-uri", "using-named-graph-uri") if kind == "query" else \
        ("default-graph-uri", "named-graph-uri")
    if any(graphs[name] for name in wrong):
        raise BadRequest(f"{' and '.join(wrong)} do not apply to a {kind}.")
    return Operation(kind, text, graphs, bindings)


def read_bindings(params: MultiDict[str, str], kind: str, text: str) -> dict[str, Any]:
    """The ``$name=<N-Triples term>`` parameters: values for the query's variables
    (RDF4J's convention), given to the engine as bindings (SEP-0007), never pasted into
    the text."""
    names = [name for name in params if name.startswith("$")]
    if names and kind != "query":
        raise BadRequest(f"{names[0]}: variable bindings apply to queries, not updates.")
    mentioned = variables_in(text)
    bindings: dict[str, Any] = {}
    for name in names:
        variable = name[1:]
        if not VARIABLE_NAME.fullmatch(variable):
            raise BadRequest(f"{name}: {variable!r} is not a SPARQL variable name.")
        if variable not in mentioned:
            raise BadRequest(f"{name}: the query has no variable ?{variable}.")
        value = _single(params, name) or ""
        try:
            bindings[variable] = parse_term(value)
        except ValueError as exc:
            raise BadRequest(f"{name}: {exc}.") from None
    return bindings


@bp.route("/sparql", methods=["GET", "POST"])
@bp.route("/sparql/", methods=["GET", "POST"])
def endpoint() -> Response:
    """The SPARQL 1.1 Protocol endpoint."""
    operation = read_operation()
    if operation is None:
        return description.service_description_response()
    request.environ["pasb.operation"] = operation.kind
    request.environ["pasb.operation_text"] = operation.text
    with state().limiter.slot(request.remote_addr or "-"):
        if operation.kind == "query":
            return run_query(operation)
        return run_update(operation)


@bp.route("/sparql", methods=["PUT", "DELETE", "PATCH"])
@bp.route("/sparql/", methods=["PUT", "DELETE", "PATCH"])
def wrong_method() -> Response:
    """Only GET and POST are protocol operations."""
    raise MethodNotAllowed(["GET", "HEAD", "POST", "OPTIONS"],
                           f"{request.method} is not a SPARQL protocol operation; use GET "
                           "or POST.")


def _analyse(text: str) -> QueryInfo | None:
    """The query's analysis, or ``None`` for a text that cannot reach the network: such a
    text goes straight to a worker (pyoxigraph parses it; its result type picks the
    negotiated format, and a syntax error comes with pyoxigraph's position)."""
    if unanalysed_text_is_safe(text):
        return None
    try:
        info = analyse_query(text)
    except QuerySyntaxError as exc:
        raise _explained(text, exc) from None
    undeclared = undeclared_prefix(text, known_prefixes=PREFIXES)
    if undeclared is not None:  # before FROM and SERVICE are looked at
        raise undeclared
    return info


def _explained(text: str, exc: QuerySyntaxError, *, update: bool = False
               ) -> QuerySyntaxError:
    """``exc`` (a parser's report on ``text``) as a message a person can act on."""
    return explain_syntax_error(text, message=exc.message, line=exc.line, column=exc.column,
                                known_prefixes=PREFIXES, update=update)


def _choose(formats: tuple[Format, ...], what: str, fmt_values: list[str]
            ) -> Format | HTTPException:
    """The negotiated format for one kind of result, or the 406/400 that explains why
    there is none (raised only once the result's kind is known)."""
    try:
        return negotiate(request.accept_mimetypes, formats, format_param=fmt_values or None,
                         what=what)
    except (NotAcceptable, BadRequest) as exc:
        return exc


def run_query(operation: Operation) -> Response:
    """Answer a query: analyse, negotiate, run in a worker, respond."""
    current = state()
    settings = current.settings
    info = _analyse(operation.text)
    fmt_values = format_values({name: request.values.getlist(name)
                                for name in ("output", "format")})
    task: dict[str, object] = {"op": "query", "text": operation.text,
                               "base_iri": request.base_url,
                               "max_rows": settings.max_result_rows, "prefixes": PREFIXES}
    timeout = settings.query_timeout
    if info is None:  # the form is known once pyoxigraph has parsed the text
        results = _choose(RESULT_FORMATS, "a SELECT or ASK result", fmt_values)
        graph = _choose(GRAPH_FORMATS, "a CONSTRUCT or DESCRIBE result", fmt_values)
    else:
        check_query(info, settings)
        what = f"the {info.form.name} result"
        if info.form.is_graph:
            graph, results = _choose(GRAPH_FORMATS, what, fmt_values), None
        else:
            results, graph = _choose(RESULT_FORMATS, what, fmt_values), None
        for chosen in (results, graph):
            if isinstance(chosen, HTTPException):
                raise chosen
        if info.services:
            timeout = min(timeout, settings.federation_timeout)
            task["federation"] = settings  # the worker evaluates SERVICE politely
    if operation.bindings:
        task["bindings"] = operation.bindings
    task["results_type"] = results.media_type if isinstance(results, Format) else None
    task["graph_type"] = graph.media_type if isinstance(graph, Format) else None
    task["select_order"] = star_order(operation.text)
    default, named = operation.graphs["default-graph-uri"], operation.graphs["named-graph-uri"]
    if default or named:  # the protocol's dataset replaces the query's FROM clauses
        task["default_graph"], task["named_graphs"] = default, named
    elif info is not None and info.has_dataset:
        task["default_graph"], task["named_graphs"] = list(info.from_graphs), \
            list(info.from_named)
        task["require_graphs"] = [*info.from_graphs, *info.from_named]
    else:
        task["union"] = settings.union_default_graph
    started = time.perf_counter()
    reply = current.executor.read(task, timeout=timeout, query_id=query_id())
    if not reply.get("ok") and reply.get("kind") == "not_acceptable":
        refusal = graph if reply.get("form") == "CONSTRUCT" else results
        if isinstance(refusal, HTTPException):
            raise refusal
    if not reply.get("ok") and reply.get("kind") == "syntax":
        raise _explained(operation.text, QuerySyntaxError(
            str(reply.get("message", "")), line=reply.get("line"), column=reply.get("column")))
    formats = GRAPH_FORMATS if reply.get("form") == "CONSTRUCT" else RESULT_FORMATS
    reply = check_reply(reply, formats=formats)
    return result_response(reply, time.perf_counter() - started)


def query_id() -> str | None:
    """The cancellable name of this request's query: its ``PASB-Query-Id`` header, made
    per client address so that nobody else can cancel it."""
    given = request.headers.get(QUERY_ID_HEADER)
    if given is None:
        return None
    if not QUERY_ID.fullmatch(given):
        raise BadRequest(f"{QUERY_ID_HEADER}: {given[:80]!r} is not a query id (8 to 64 "
                         "letters, digits, '-' or '_').")
    return f"{request.remote_addr or '-'} {given}"


@bp.route("/sparql/cancel", methods=["POST"])
def cancel() -> Response:
    """Stop a running query of this client: ``id=`` (form or URL) names the
    ``PASB-Query-Id`` it was sent with. 204 when it was stopped, 404 when no such query
    is running (it may have finished)."""
    given = request.values.get("id", "")
    if not QUERY_ID.fullmatch(given):
        raise BadRequest(f"id: {given[:80]!r} is not a query id (8 to 64 letters, digits, "
                         "'-' or '_'); send the PASB-Query-Id of the running query.")
    if not state().executor.cancel(f"{request.remote_addr or '-'} {given}"):
        raise NotFound(f"no query with id {given!r} is running for this client (it may "
                       "have finished).")
    return Response(status=204)


def result_response(reply: dict[str, object], seconds: float) -> Response:
    """A 200 with the serialised result; a cut result says so in a header."""
    media_type = str(reply["media_type"])
    text_like = media_type.startswith("text/") or media_type.endswith(("json", "xml"))
    response = Response(reply["body"], status=200,
                        content_type=media_type + ("; charset=utf-8" if text_like else ""))
    response.headers["Vary"] = "Accept"
    response.headers["Server-Timing"] = f"query;dur={seconds * 1000:.1f}"
    if reply.get("truncated"):
        limit = state().settings.max_result_rows
        response.headers["PASB-Result-Truncated"] = (
            f"true; rows={reply['rows']}; the result was cut at max_result_rows={limit}")
    response.headers["PASB-Result-Rows"] = str(reply.get("rows", 0))
    request.environ["pasb.query_form"] = reply.get("form")
    return response


def run_update(operation: Operation) -> Response:
    """Apply an update: authorise, analyse, add protocol USING clauses, write, 204."""
    current = state()
    check_write_access(request, current.token)
    text = operation.text
    try:
        info = analyse_update(text)
    except QuerySyntaxError as exc:
        if not unanalysed_text_is_safe(text):
            raise _explained(text, exc, update=True) from None
        info = None
    if info is not None:
        check_update(info, current.settings)
    using, using_named = (operation.graphs["using-graph-uri"],
                          operation.graphs["using-named-graph-uri"])
    if using or using_named:
        if info is None:
            raise QueryError("using-graph-uri needs an update this service can analyse")
        text = add_using_clauses(text, info, default=using, named=using_named)
    try:
        current.write({"op": "update", "text": text, "base_iri": request.base_url})
    except QuerySyntaxError as exc:
        raise _explained(operation.text, exc, update=True) from None
    return Response(status=204)
