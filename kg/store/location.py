"""Where a remote store is: its endpoints and credentials, from the settings.

A remote store is named ``sparql+http://HOST:PORT/PATH`` (or ``sparql+https://``): the
URL of its SPARQL query endpoint with ``sparql+`` in front, so a location can never be
mistaken for a directory. Update and Graph Store endpoints default to what the store's
dialect says; ``store_update`` and ``store_graph_store`` name them explicitly.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from kg.errors import StoreError
from kg.settings import REMOTE_SCHEMES, Settings


def is_remote(store: object) -> bool:
    """Whether a ``store`` setting value names a remote store."""
    return isinstance(store, str) and store.startswith(REMOTE_SCHEMES)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine (``localhost``, 127.0.0.0/8, ``::1``)."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_url(url: str, what: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"{what} {url!r}: expected an http:// or https:// URL")
    if parts.username or parts.password:
        raise StoreError(f"{what}: put credentials in store_credentials_file or "
                         "PASB_STORE_CREDENTIALS, never in the URL")
    return url


@dataclass(frozen=True)
class StoreLocation:
    """The endpoints of one remote store and how to authenticate to it.

    :param query: the SPARQL query endpoint.
    :param update: the update endpoint (``None``: the dialect's default).
    :param graph_store: the Graph Store endpoint (``None``: the dialect's default).
    :param credentials: (user, password), never shown by ``repr``.
    :param auth: ``digest`` or ``basic``.
    """

    query: str
    update: str | None = None
    graph_store: str | None = None
    credentials: tuple[str, str] | None = field(default=None, repr=False)
    auth: str = "digest"

    @classmethod
    def from_settings(cls, settings: Settings) -> StoreLocation:
        """The location the ``store`` setting names, with its endpoints and credentials.

        :raises StoreError: the location is malformed, or credentials would go over plain
            HTTP to another machine without ``store_insecure_credentials``.
        """
        if not is_remote(settings.store):
            raise StoreError(f"store {settings.store!r} is not a sparql+http(s):// location")
        query = _check_url(str(settings.store).removeprefix("sparql+"), "store")
        location = cls(
            query=query,
            update=_check_url(settings.store_update, "store_update")
            if settings.store_update else None,
            graph_store=_check_url(settings.store_graph_store, "store_graph_store")
            if settings.store_graph_store else None,
            credentials=settings.resolved_store_credentials(),
            auth=settings.store_auth,
        )
        if location.credentials and not settings.store_insecure_credentials:
            for url in location.urls():
                parts = urlsplit(url)
                if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
                    raise StoreError(
                        f"refusing to send the store credentials over plain HTTP to "
                        f"{parts.hostname} ({url}): use https, or set "
                        "store_insecure_credentials if the network is trusted")
        return location

    def urls(self) -> list[str]:
        """Every endpoint URL given."""
        return [u for u in (self.query, self.update, self.graph_store) if u]

    def origin(self) -> str:
        """``scheme://host:port`` of the query endpoint (dialects derive endpoints from it)."""
        parts = urlsplit(self.query)
        return f"{parts.scheme}://{parts.netloc}"

    def describe(self) -> str:
        """The location as shown in logs and messages (no credentials)."""
        who = f" as {self.credentials[0]}" if self.credentials else ""
        return f"sparql+{self.query}{who}"
