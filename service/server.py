"""``pasb-kg serve``: build or open the store, start the workers, serve with waitress."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Sequence
from types import FrameType

import waitress

from kg.settings import Settings
from kg.sources import Source
from service import create_app
from service.backend import start_executor

log = logging.getLogger(__name__)


def serve(settings: Settings, *, extra: Sequence[Source] = ()) -> int:
    """Serve the SPARQL service until interrupted; return the exit status.

    The store is built on first run or when its sources changed (``extra`` are the
    ``--load`` files); ``settings.workers`` query processes run the queries, and the
    waitress WSGI server answers HTTP with ``settings.threads`` threads.
    """
    executor = start_executor(settings, extra=extra)
    app = create_app(settings, store=executor)

    def stop(signum: int, frame: FrameType | None) -> None:
        executor.close()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    mode = "read-write (update token set)" if executor.writable else "read-only"
    print(f"pasb-kg: serving {mode} on http://{settings.host}:{settings.port}/sparql "
          f"with {executor.readers} query workers", file=sys.stderr, flush=True)
    try:
        waitress.serve(app, host=settings.host, port=settings.port, threads=settings.threads,
                       max_request_body_size=settings.max_body_bytes, ident="pasb-kg",
                       clear_untrusted_proxy_headers=True, _quiet=True)
    except KeyboardInterrupt:
        pass
    finally:
        executor.close()
    return 0
