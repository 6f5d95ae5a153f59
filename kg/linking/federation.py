"""Federated queries, evaluated politely by :mod:`kg` instead of by the query engine.

pyoxigraph (0.5, the PyPI wheel) does evaluate ``SERVICE`` on its own, but it sends the
service pattern unbound (``?item rdfs:label ?l`` asks Wikidata for every label), with the
User-Agent ``Oxigraph/<version>`` that Wikimedia's policy refuses, with no cache, no
back-off and no allow-list. So :func:`rewrite_federated` evaluates each ``SERVICE`` block
itself:

1. the endpoint must be in the allow-list (setting ``federation_allowlist``); a mirror
   (setting ``federation_mirrors``) may answer for it;
2. the local part of the query gives the values of the variables the block shares with
   it, which are sent with the block as ``VALUES`` (in chunks), through the polite client;
3. the block is replaced by a ``VALUES`` block holding the remote solutions, and the
   rewritten query runs locally.

Limits: the block's shared variables must be bound by the rest of the query's WHERE group
(a SERVICE whose join variables come only from another SERVICE is sent unbound);
``SERVICE ?var`` is refused; ``SERVICE SILENT`` turns a failure into an empty group.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence

from rdflib.term import Node

from kg.errors import QueryRefused, RemoteError
from kg.linking.client import PoliteClient
from kg.linking.remote_store import RemoteStore
from kg.linking.sparqltext import (
    find_services,
    mask,
    matching_brace,
    prologue,
    values_block,
    variables_in,
    where_brace,
)
from kg.settings import Settings
from kg.store import Row, Store

log = logging.getLogger(__name__)

#: Rows of shared values sent per remote request.
CHUNK = 200

ClientFactory = Callable[[str], PoliteClient]


def parse_mirrors(pairs: Sequence[str]) -> dict[str, str]:
    """``IRI=URL`` pairs (setting ``federation_mirrors``) as a dict."""
    mirrors = {}
    for pair in pairs:
        iri, sep, url = pair.partition("=")
        if not sep or not url.strip():
            raise QueryRefused(f"federation_mirrors: expected IRI=URL, got {pair!r}")
        mirrors[iri.strip()] = url.strip()
    return mirrors


def rewrite_federated(
    store: Store,
    text: str,
    *,
    allowlist: Sequence[str],
    mirrors: Mapping[str, str] | None = None,
    client_for: ClientFactory,
) -> str:
    """``text`` with every ``SERVICE`` block replaced by the remote solutions as ``VALUES``.

    :raises QueryRefused: for an endpoint outside ``allowlist``.
    :raises RemoteError: when a remote request fails (not for ``SERVICE SILENT``).
    """
    mirrors = mirrors or {}
    while blocks := find_services(text):
        block = blocks[0]
        if block.endpoint not in allowlist:
            raise QueryRefused(
                f"SERVICE <{block.endpoint}> is not in the federation allow-list; allow it "
                f"with PASB_FEDERATION_ALLOWLIST={block.endpoint} (setting "
                "federation_allowlist) or, for `pasb-kg link query`, --allow ENDPOINT")
        url = mirrors.get(block.endpoint, block.endpoint)
        try:
            variables, rows = _evaluate(store, text, block, RemoteStore(
                url, client=client_for(url)))
            replacement = values_block(variables, rows) if variables else "{}"
        except RemoteError:
            if not block.silent:
                raise
            log.warning("SERVICE SILENT <%s> failed; treated as empty", block.endpoint)
            replacement = "{}"
        text = text[:block.start] + replacement + text[block.end:]
    return text


def _evaluate(store: Store, text: str, block, remote: RemoteStore
              ) -> tuple[list[str], list[Row]]:
    without = text[:block.start] + "{}" + text[block.end:]
    shared = sorted(variables_in(block.body) & variables_in(_where_group(without)))
    head = prologue(text)
    inner = f"{head}SELECT * WHERE {{{block.body}}}"
    if not shared:
        rows = remote.select(inner)
        return _variables(rows, block.body), rows
    local = store.select(f"{head}SELECT DISTINCT {' '.join('?' + v for v in shared)} "
                         f"WHERE {_where_group(without)}")
    rows: list[Row] = []
    for start in range(0, len(local), CHUNK):
        chunk = local[start:start + CHUNK]
        query = f"{head}SELECT * WHERE {{ {values_block(shared, chunk)}\n{block.body}}}"
        rows.extend(remote.select(query))
    return _variables(rows, block.body), rows


def _where_group(text: str) -> str:
    start = where_brace(text)
    return text[start:matching_brace(mask(text), start) + 1]


def _variables(rows: Sequence[Mapping[str, Node]], body: str) -> list[str]:
    names = set(variables_in(body))
    for row in rows:
        names.update(row)
    return sorted(names)


def rewrite_for_settings(store: Store, text: str, *, settings: Settings,
                         client_for: ClientFactory | None = None) -> str:
    """:func:`rewrite_federated` with the allow-list, mirrors and client of ``settings``."""
    factory = client_for or (lambda url: PoliteClient.from_settings(
        url, settings, timeout=settings.federation_timeout))
    return rewrite_federated(store, text, allowlist=settings.federation_allowlist,
                             mirrors=parse_mirrors(settings.federation_mirrors),
                             client_for=factory)


def federated_select(store: Store, text: str, *, settings: Settings,
                     client_for: ClientFactory | None = None) -> list[Row]:
    """Run a SELECT query with ``SERVICE`` blocks, politely (see the module notes)."""
    return store.select(rewrite_for_settings(store, text, settings=settings,
                                             client_for=client_for))
