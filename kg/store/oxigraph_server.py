"""Oxigraph server (``oxigraph serve``, from PyPI's ``oxigraph``) as a remote store.

It follows the W3C protocols closely, so little differs: the endpoints are ``/query``,
``/update`` and ``/store``; the union of every graph is asked for with the
``union-default-graph`` parameter; it has no result cap. It has **no authentication** at
all: anyone who reaches its port can write, so bind it to loopback (or put it behind a
proxy that authenticates) and give the service no credentials for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from kg.store.dialect import Dialect


class OxigraphServer(Dialect):
    """Oxigraph's own HTTP server."""

    name: ClassVar[str] = "oxigraph"
    server_header: ClassVar[str | None] = "oxigraph"
    faithful: ClassVar[bool] = True
    direct_post: ClassVar[bool] = True

    @property
    def query_url(self) -> str:
        return self.location.query

    @property
    def update_url(self) -> str:
        return self.location.update or self.location.origin() + "/update"

    @property
    def graph_store_url(self) -> str:
        return self.location.graph_store or self.location.origin() + "/store"

    def query_form(self, text: str, *, union: bool, default_graph: Iterable[str] | None,
                   named_graphs: Iterable[str] | None) -> list[tuple[str, str]]:
        fields = super().query_form(text, union=union, default_graph=default_graph,
                                    named_graphs=named_graphs)
        if union and not default_graph and not named_graphs:
            fields.append(("union-default-graph", ""))
        return fields
