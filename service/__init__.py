"""The pasb-kg web service (Flask): SPARQL 1.1 Protocol, Graph Store, linked-data pages.

:func:`create_app` is the application factory; nothing is configured at import time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

    from kg.settings import Settings
    from kg.store import OxigraphStore
    from service.executor import Executor


def create_app(settings: Settings, *, store: Executor | OxigraphStore | None = None) -> Flask:
    """Create the service's Flask application.

    :param settings: every limit and option (see :mod:`kg.settings`).
    :param store: what to serve: a running :class:`~service.executor.Executor`, an
        :class:`~kg.store.OxigraphStore` (an in-memory one is copied to a temporary
        on-disk store, since worker processes cannot share memory; an on-disk one must not
        be open for writing elsewhere), or ``None`` to build or reuse the store that
        ``settings`` describe.

    Flask is imported here, not at package import, so the query worker processes (which
    import :mod:`service.worker`) start without it.
    """
    from service.app import build_app

    return build_app(settings, store=store)
