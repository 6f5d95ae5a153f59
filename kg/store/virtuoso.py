"""OpenLink Virtuoso 7 as a remote store: what it does differently, and how we cope.

- **Result cap.** ``ResultSetMaxRows`` ([SPARQL] in ``virtuoso.ini``) cuts every result,
  SELECT with only an ``X-SPARQL-MaxRows`` header, CONSTRUCT and Graph Store GET with no
  sign at all (one triple past the cap). The cap is learnt once by a probe; a cut result
  is refused (:class:`~kg.store.dialect.ResultCapped`), and whole graphs are read in
  keyset pages below the cap (:meth:`kg.store.remote.SparqlStore.graph_triples`).
- **Anytime answers.** A query past its time budget can come back 200 with a partial
  result and an ``X-SQL-State`` header: refused as a timeout, never passed on.
- **Lexical forms.** Booleans come back as ``1``/``0`` in SPARQL JSON (rewritten to
  ``true``/``false``); blank nodes as ``nodeID://b…`` (rewritten to plain labels);
  ``typed-literal`` is the old JSON spelling of ``literal``. Doubles and floats are written
  with 6 significant digits and durations as numbers, integers past 64 bits become
  decimals: such literals are refused on the way in unless ``store_lossy_literals``.
- **The union default graph** includes Virtuoso's own system graphs (``virtrdf:`` …)
  unless they are private graphs: a Virtuoso that lets us read them is refused at
  connection (:func:`check_private`; Virtuoso 7.2's ``input:*-graph-exclude`` pragmas,
  the other way, make ``GRAPH <iri>`` and ``*`` paths match nothing). Graph listings
  leave them out. The Graph Store's "default graph" is a graph of its own
  (:data:`DEFAULT_GRAPH`), since Virtuoso has none.
- **Predeclared prefixes**: Virtuoso accepts ``rdf:``, ``owl:``, ``skos:`` … undeclared;
  the service parses every text with Oxigraph first, so a query that works here works on
  the embedded store too.
- **Errors** come as 500 ``text/plain`` (``Virtuoso 37000 Error SP030: …``); syntax errors
  become 400 with the line, ``SR186 SECURITY`` permission errors 403, a refused password
  401.
- **Endpoints**: ``/sparql`` reads anonymously; with credentials, updates go to
  ``/sparql-auth`` and Graph Store writes to ``/sparql-graph-crud-auth`` (Digest). Queries
  are sent as form POSTs (a POST of ``application/sparql-query`` may never be answered).
- **Never sent**: ``LOAD`` (Virtuoso would fetch the URL), ``DEFINE`` pragmas (``get:soft``
  makes it fetch ``FROM`` IRIs), ``bif:``/``sql:`` functions (``bif:http_get``, files).
- **INSERT DATA** is limited to about 1,000 triples and cannot carry blank nodes: writes are
  Graph Store uploads, updates are split by the service's writer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar

from kg.errors import KGError, QueryRefused, QueryTimeout, StoreError, StorePermissionError
from kg.store.dialect import SPARQL_JSON, XSD, Dialect, syntax_error
from kg.store.http import Reply, StoreClient

#: Virtuoso's own graphs: they must be private (see :func:`check_private`).
SYSTEM_GRAPHS = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/sparql",
)
#: Virtuoso's group of private graphs.
PRIVATE_GRAPHS = "http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs"
#: The graph that stands for the Graph Store's default graph (Virtuoso has none).
DEFAULT_GRAPH = "urn:x-pasb-kg:default-graph"
LOSSY = {
    XSD + "double": "Virtuoso writes xsd:double with 6 significant digits",
    XSD + "float": "Virtuoso writes xsd:float with 6 significant digits",
    XSD + "duration": "Virtuoso keeps a duration as a number",
    XSD + "dayTimeDuration": "Virtuoso keeps a duration as a number",
    XSD + "yearMonthDuration": "Virtuoso keeps a duration as a number",
}
INTEGER_TYPES = {XSD + t for t in ("integer", "long", "nonNegativeInteger",
                                   "positiveInteger", "negativeInteger",
                                   "nonPositiveInteger", "unsignedLong")}
_REFUSED = re.compile(r"(?i)(<\s*(bif|sql):|\b(bif|sql):\w|\bDEFINE\s+\w+:)")
_FROM = re.compile(r"(?i)\bFROM\s+(NAMED\s+)?<")
_PROBE_SIDE = 50  # the probe asks for 50^3 = 125,000 rows


class Virtuoso(Dialect):
    """OpenLink Virtuoso 7 (open source edition)."""

    name: ClassVar[str] = "virtuoso"
    server_header: ClassVar[str | None] = "virtuoso"
    own_graph_management: ClassVar[bool] = True
    # Its graph list answers DISTINCT ?g from a list that keeps emptied graphs (and shows
    # private ones); counting the triples of each graph is right.
    graph_list_query: ClassVar[str] = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g "
                                       "{ ?s ?p ?o } } GROUP BY ?g")

    @property
    def update_url(self) -> str:
        if self.location.update:
            return self.location.update
        suffix = "/sparql-auth" if self.location.credentials else "/sparql"
        return self.location.origin() + suffix

    @property
    def graph_store_url(self) -> str:
        if self.location.graph_store:
            return self.location.graph_store
        suffix = "/sparql-graph-crud-auth" if self.location.credentials else \
            "/sparql-graph-crud"
        return self.location.origin() + suffix

    @property
    def authenticate_reads(self) -> bool:
        return False  # /sparql reads anonymously; /sparql-auth is for writes

    def check_text(self, text: str) -> None:
        match = _REFUSED.search(text)
        if match:
            raise QueryRefused(f"{match.group(0).strip()!r} is refused: Virtuoso's "
                               "built-in functions and pragmas can read files and fetch "
                               "URLs")

    def query_form(self, text: str, *, union: bool, default_graph: Iterable[str] | None,
                   named_graphs: Iterable[str] | None) -> list[tuple[str, str]]:
        default_graph = list(default_graph or [])
        if not default_graph and not named_graphs and not union and not _FROM.search(text):
            default_graph = [DEFAULT_GRAPH]
        return super().query_form(text, union=union, default_graph=default_graph,
                                  named_graphs=named_graphs)

    def hidden_graphs(self) -> frozenset[str]:
        return frozenset({*SYSTEM_GRAPHS, DEFAULT_GRAPH})

    def learn(self, client: StoreClient) -> None:
        self.learn_cap(client)
        if not self.settings.virtuoso_public_system_graphs:
            check_private(client, self.query_url)

    def default_graphs(self) -> list[str]:
        return [DEFAULT_GRAPH]

    def graph_params(self, graph: str | None) -> dict[str, str]:
        return {"graph-uri": graph if graph is not None else DEFAULT_GRAPH}

    def learn_cap(self, client: StoreClient) -> None:
        if self.max_rows is not None:
            return
        values = " ".join(str(i) for i in range(_PROBE_SIDE))
        text = (f"SELECT ?a ?b ?c WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} "
                f"VALUES ?c {{ {values} }} }}")
        reply = client.request("POST", self.query_url, timeout=60,
                               data={"query": text}, headers={"Accept": SPARQL_JSON})
        header = reply.headers.get("X-SPARQL-MaxRows")
        if header and header.isdigit():
            self.max_rows = int(header)

    def check_reply(self, reply: Reply, *, what: str) -> None:
        state = reply.headers.get("X-SQL-State")
        if 200 <= reply.status < 300 and state:
            message = reply.headers.get("X-SQL-Message", "")
            raise QueryTimeout(f"the remote store (Virtuoso) stopped the {what} early and "
                               f"offered a partial answer (X-SQL-State {state}: {message}); "
                               "it is refused rather than passed on incomplete")
        super().check_reply(reply, what=what)

    def error(self, reply: Reply, *, what: str) -> KGError:
        text = reply.text(1500)
        if "SR186" in text or "SECURITY" in text or "SR619" in text:
            return StorePermissionError(
                f"the remote store (Virtuoso) refused the {what}: the store user lacks "
                "the permission (grant SPARQL_UPDATE to the user in store_credentials)")
        if re.search(r"\b(SP030|SP031|37000)\b", text):
            return syntax_error(text)
        if "estimated execution time" in text:
            return QueryRefused(f"the remote store (Virtuoso) refused the {what} before "
                                f"running it: {_line(text)} (its MaxQueryCostEstimationTime "
                                "in the [SPARQL] section of virtuoso.ini)")
        if "SR133" in text or "SR171" in text:
            return QueryTimeout(f"the remote store (Virtuoso) stopped the {what}: "
                                f"{text.splitlines()[0]}")
        return super().error(reply, what=what)

    def normalise_term(self, term: dict[str, Any]) -> dict[str, Any]:
        kind = term.get("type")
        if kind == "typed-literal":
            term = {**term, "type": "literal"}
            kind = "literal"
        if kind == "bnode" and term["value"].startswith("nodeID://"):
            return {"type": "bnode", "value": term["value"][len("nodeID://"):]}
        if kind == "uri" and term["value"].startswith("nodeID://"):
            return {"type": "bnode", "value": term["value"][len("nodeID://"):]}
        if kind == "literal" and term.get("datatype") == XSD + "boolean":
            value = {"1": "true", "0": "false"}.get(term["value"], term["value"])
            return {**term, "value": value}
        return term

    def lossy_reason(self, datatype: str, value: str) -> str | None:
        if datatype in LOSSY:
            return LOSSY[datatype]
        if datatype in INTEGER_TYPES:
            try:
                number = int(value)
            except ValueError:
                return None
            if not -(2**63) <= number < 2**63:
                return "Virtuoso keeps an integer past 64 bits as an xsd:decimal"
        return None

    def capped(self, reply: Reply, rows: int) -> bool:
        if reply.headers.get("X-SPARQL-MaxRows"):
            return True
        return super().capped(reply, rows)

    def cap_error(self, rows: int) -> Any:
        error = super().cap_error(rows)
        return type(error)(f"{error} (Virtuoso: ResultSetMaxRows in the [SPARQL] section "
                           "of virtuoso.ini)")


def _line(text: str) -> str:
    first = text.splitlines()[0] if text else ""
    return re.sub(r"^Virtuoso \w+ Error (\w+: )?", "", first)


def check_private(client: StoreClient, url: str) -> None:
    """Refuse a Virtuoso whose system graphs are readable: their triples would be in the
    union default graph of every query (Virtuoso's ``input:*-graph-exclude`` pragmas,
    the other way to leave them out, give wrong answers in 7.2).

    :raises StoreError: naming the SQL that makes them private.
    """
    text = f"ASK {{ GRAPH <{SYSTEM_GRAPHS[0]}> {{ ?s ?p ?o }} }}"
    reply = client.request("POST", url, timeout=client.connect_timeout + 10,
                           data={"query": text}, headers={"Accept": SPARQL_JSON})
    if reply.status == 200 and b"true" in reply.body:
        raise StoreError(
            "this Virtuoso lets every user read its system graphs (virtrdf: …), so they "
            "would be part of every answer; make them private (docs/scaling.md gives the "
            "isql statements: RDF_DEFAULT_USER_PERMS_SET, RDF_GRAPH_GROUP_INS into "
            f"{PRIVATE_GRAPHS}) or set virtuoso_public_system_graphs")
