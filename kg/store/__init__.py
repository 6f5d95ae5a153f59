"""The one storage boundary: every query, update and load goes through a :class:`Store`.

Backends:

- :class:`OxigraphStore` (:mod:`kg.store.embedded`): embedded pyoxigraph, on disk or in
  memory; the default.
- :class:`SparqlStore` (:mod:`kg.store.remote`): a SPARQL 1.1 store over HTTP (query,
  update and Graph Store endpoints) named by a ``sparql+http(s)://`` location, with a
  :class:`~kg.store.dialect.Dialect` for what that store does differently
  (:mod:`kg.store.virtuoso`, :mod:`kg.store.oxigraph_server`, a generic one for others);
  :mod:`kg.store.texts` prepares what is sent, :mod:`kg.store.answers` holds what comes
  back, :mod:`kg.store.http` sends it, :mod:`kg.store.paging` reads past a result cap.

Every backend offers :meth:`Store.select`, :meth:`Store.ask` and :meth:`Store.construct`
returning rdflib terms; :func:`select_values` is the fast path for bulk reads.
:func:`open_store` opens whichever one the settings name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.store.embedded import (
    OxigraphStore,
    Row,
    Store,
    ValueRow,
    _syntax_error,
    as_store,
    select_values,
)
from kg.store.location import StoreLocation, is_remote

if TYPE_CHECKING:
    from kg.store.remote import SparqlStore

__all__ = ["OxigraphStore", "Row", "SparqlStore", "Store", "StoreLocation", "ValueRow",
           "_syntax_error", "as_store", "is_remote", "select_values"]


def __getattr__(name: str) -> object:
    # The remote backend (requests, its dialects) is imported only when it is used.
    if name == "SparqlStore":
        from kg.store.remote import SparqlStore

        return SparqlStore
    raise AttributeError(name)
