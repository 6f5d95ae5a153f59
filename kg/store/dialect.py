"""What one kind of remote store does differently: endpoints, the union default graph,
result caps, error forms, lexical forms of literals, bulk loading.

:class:`Dialect` is a plain SPARQL 1.1 store (query, update and Graph Store protocols as
the W3C wrote them); :mod:`kg.store.virtuoso` and :mod:`kg.store.oxigraph_server` say
only where their store differs. A further store is one more small subclass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar

from kg.errors import (
    KGError,
    QueryError,
    QuerySyntaxError,
    RemoteError,
    ResultCapped,
    StoreAuthError,
    StoreError,
    StorePermissionError,
)
from kg.settings import Settings
from kg.store.http import Reply, StoreClient
from kg.store.location import StoreLocation

SPARQL_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
XSD = "http://www.w3.org/2001/XMLSchema#"


class Dialect:
    """A SPARQL 1.1 store as the W3C recommendations describe it.

    :param location: the store's endpoints and credentials.
    :param settings: limits and options (``store_*`` settings).
    """

    name: ClassVar[str] = "generic"
    #: Whether a query may ask the store itself for the union of every graph (otherwise
    #: the store's own default dataset is used).
    server_header: ClassVar[str | None] = None
    #: ``DROP ALL`` and friends are done graph by graph (the store has graphs of its own).
    own_graph_management: ClassVar[bool] = False
    #: The store writes SPARQL JSON exactly as the W3C format says (no normalisation; its
    #: bytes may be passed on unchanged).
    faithful: ClassVar[bool] = False
    #: The query that lists the graphs holding triples (variable ``?g``).
    graph_list_query: ClassVar[str] = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    #: Queries may be sent as a POST of ``application/sparql-query`` (no URL-encoding);
    #: otherwise as a form POST, which every store answers (Virtuoso may never answer the
    #: direct one).
    direct_post: ClassVar[bool] = False

    def __init__(self, location: StoreLocation, settings: Settings) -> None:
        self.location = location
        self.settings = settings
        self.max_rows: int | None = settings.store_max_rows or None

    # -- endpoints -------------------------------------------------------------------------
    @property
    def query_url(self) -> str:
        return self.location.query

    @property
    def update_url(self) -> str:
        return self.location.update or self.location.query

    @property
    def graph_store_url(self) -> str | None:
        return self.location.graph_store

    @property
    def authenticate_reads(self) -> bool:
        """Whether queries carry the credentials too (a store that needs them to read)."""
        return self.location.credentials is not None and self.location.update is None

    # -- queries ---------------------------------------------------------------------------
    def check_text(self, text: str) -> None:
        """Refuse store-specific extensions a client's text must never reach (hook)."""

    def query_form(self, text: str, *, union: bool, default_graph: Iterable[str] | None,
                   named_graphs: Iterable[str] | None) -> list[tuple[str, str]]:
        """The form fields of a query (form POST: every store answers it)."""
        fields = [("query", text)]
        fields += [("default-graph-uri", g) for g in default_graph or ()]
        fields += [("named-graph-uri", g) for g in named_graphs or ()]
        return fields

    def default_graphs(self) -> list[str]:
        """Graphs that stand for the default graph in an explicit dataset (hook)."""
        return []

    def hidden_graphs(self) -> frozenset[str]:
        """Graphs of the store itself, left out of graph listings (hook)."""
        return frozenset()

    def learn(self, client: StoreClient) -> None:
        """What to find out from the store once, before the first query (hook)."""
        self.learn_cap(client)

    def graph_params(self, graph: str | None) -> dict[str, str]:
        """Graph Store parameters naming ``graph`` (``None``: the default graph)."""
        return {"graph": graph} if graph is not None else {"default": ""}

    def learn_cap(self, client: StoreClient) -> None:
        """Find the store's result cap when it has one (hook)."""

    # -- answers ---------------------------------------------------------------------------
    def check_reply(self, reply: Reply, *, what: str) -> None:
        """Raise the error a failed or untrustworthy answer stands for.

        :param what: ``query``, ``update`` or ``graph store``, for messages.
        """
        if 200 <= reply.status < 300:
            return
        raise self.error(reply, what=what)

    def error(self, reply: Reply, *, what: str) -> KGError:
        """The :mod:`kg` error of a failed answer."""
        text = reply.text(1500) or f"HTTP {reply.status}"
        if reply.status == 401:
            return StoreAuthError(f"the remote store refused the {what}: it did not accept "
                                  "the service's credentials (store_credentials)")
        if reply.status == 403:
            return StorePermissionError(f"the remote store refused the {what}: permission "
                                        f"denied ({_first_line(text)})")
        if reply.status == 404 and what == "graph store":
            return StoreError("no such graph in the store")
        if reply.status in (400, 415):
            return syntax_error(text) if _looks_like_syntax(text) else QueryError(
                f"the remote store refused the {what}: {_first_line(text)}")
        if reply.status == 413:
            return QueryError(f"the remote store refused the {what} as too large")
        return RemoteError(f"the remote store failed the {what} (HTTP {reply.status}): "
                           f"{_first_line(text)}")

    def normalise_term(self, term: dict[str, Any]) -> dict[str, Any]:
        """A SPARQL JSON term as the W3C format writes it (hook for store quirks)."""
        return term

    def lossy_reason(self, datatype: str, value: str) -> str | None:
        """Why this literal would not come back unchanged from the store, or ``None``."""
        return None

    def capped(self, reply: Reply, rows: int) -> bool:
        """Whether ``rows`` may be a cut result."""
        return self.max_rows is not None and rows >= self.max_rows

    def cap_error(self, rows: int) -> ResultCapped:
        return ResultCapped(
            f"the remote store cut this result at its limit of {self.max_rows} rows; "
            "nothing is returned rather than a short answer. Add a LIMIT below that, or "
            "raise the store's own result limit")


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else text


def _looks_like_syntax(text: str) -> bool:
    return bool(re.search(r"(?i)syntax|parse|unexpected|expected|SP030|37000", text))


def syntax_error(text: str) -> QuerySyntaxError:
    """A store's syntax-error text as a :class:`QuerySyntaxError` (line when it gives one)."""
    match = re.search(r"(?i)\bline (\d+)", text)
    line = int(match.group(1)) if match else None
    message = _first_line(text)
    message = re.sub(r"^Virtuoso \w+ Error \w+: ", "", message)
    return QuerySyntaxError(f"the remote store: {message}", line=line)
