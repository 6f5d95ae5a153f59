"""Prepare the on-disk store the service's workers open, and start them.

Worker processes cannot share an in-memory store, so ``--memory`` (and an in-memory
:class:`~kg.store.OxigraphStore` handed to :func:`service.create_app`) is served from a
throw-away on-disk store in a temporary directory, removed when the service stops.
"""

from __future__ import annotations

import atexit
import logging
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.build import DB_DIR, build
from kg.settings import Settings
from kg.sources import Source
from kg.store import OxigraphStore
from service.executor import Executor
from service.remote_backend import RemoteExecutor

log = logging.getLogger(__name__)


def _temporary_dir() -> Path:
    path = Path(tempfile.mkdtemp(prefix="pasb-kg-memory-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def prepare_store(settings: Settings, *, store: OxigraphStore | None = None,
                  extra: Sequence[Source] = (),
                  progress: Callable[[str], None] | None = None) -> Path:
    """Return the directory of an on-disk Oxigraph store holding what ``settings`` (or
    ``store``) describe, building it when missing or stale.

    :param store: serve this store instead of building one; an in-memory store is copied
        to a temporary on-disk store.
    :param extra: further files to load (``--load``).
    """
    if store is not None:
        if store.path is not None:
            return store.path
        target = _temporary_dir() / DB_DIR
        copy = ox.Store(str(target))
        copy.bulk_extend(store.quads())
        copy.flush()
        del copy
        return target
    if settings.memory:
        settings = settings.with_(memory=False, store=_temporary_dir() / "store")
    # Like every command but `build` and `validate`, serving checks syntax only: SHACL
    # validation (seconds) is for `pasb-kg validate`, run by the tests on the shipped data.
    built, report = build(settings, extra=extra, validate=False, progress=progress)
    path = built.path
    del built  # close RocksDB: from now on only the workers open the store
    log.info("store at %s: %d quads%s", path, report.total_quads,
             " (rebuilt)" if report.rebuilt else "")
    assert path is not None
    return path


def start_executor(settings: Settings, *, store: OxigraphStore | None = None,
                   extra: Sequence[Source] = (),
                   progress: Callable[[str], None] | None = None
                   ) -> Executor | RemoteExecutor:
    """Prepare the store and start the query workers (and the writer when an update token
    is configured); ``progress`` hears of each step. On a remote store, the executor that
    sends the same tasks to it."""
    if settings.remote and store is None:
        return start_remote(settings, extra=extra, progress=progress)
    path = prepare_store(settings, store=store, extra=extra, progress=progress)
    writable = settings.resolved_update_token() is not None
    if progress:
        progress(f"starting {settings.workers} query workers"
                 + (" and the update worker" if writable else ""))
    executor = Executor(path, readers=settings.workers, writable=writable).start()
    atexit.register(executor.close)
    return executor


def start_remote(settings: Settings, *, extra: Sequence[Source] = (),
                 progress: Callable[[str], None] | None = None) -> RemoteExecutor:
    """The executor over the remote store of ``settings``; loads the shipped graphs the
    store lacks (``pasb-kg build --store`` reloads them all) and the ``--load`` files."""
    from kg.build import build_remote
    from kg.store.remote import SparqlStore

    store = SparqlStore.from_settings(settings)
    if progress:
        progress(f"connecting to the remote store {store.location.describe()}")
    report = build_remote(settings, store=store, extra=extra, validate=False, missing_only=True)
    log.info("remote store %s (%s): %d quads loaded", store.location.describe(),
             store.dialect.name, report.total_quads)
    executor = RemoteExecutor(store, settings,
                              writable=settings.resolved_update_token() is not None).start()
    atexit.register(executor.close)
    return executor
