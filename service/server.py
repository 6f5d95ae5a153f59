"""``pasb-kg serve``: build or open the store, start the workers, serve with waitress."""

from __future__ import annotations

import errno
import logging
import signal
import socket
import sys
import time
from collections.abc import Sequence
from types import FrameType

import waitress

from kg.errors import KGError
from kg.settings import Settings
from kg.sources import Source
from service import create_app
from service.backend import start_executor

log = logging.getLogger(__name__)


class PortInUse(KGError):
    """The address the service should listen on is taken or not available."""


def check_address(host: str, port: int) -> None:
    """Fail now, before the store is built, when ``host:port`` cannot be listened on.

    :raises PortInUse: naming the address and the settings that change it.
    """
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise address_error(host, port, exc) from None


def address_error(host: str, port: int, exc: OSError) -> PortInUse:
    """The one-line explanation of a failed bind."""
    if exc.errno == errno.EADDRINUSE:
        cause = "is already in use (is another pasb-kg serve running?)"
    elif exc.errno == errno.EACCES:
        cause = "needs privileges (ports below 1024 do)"
    else:
        cause = f"cannot be listened on: {exc.strerror or exc}"
    return PortInUse(f"{host}:{port} {cause}; choose another with --port/--host "
                     "(settings port, host; PASB_PORT, PASB_HOST)")


def say(line: str) -> None:
    """A progress line on stderr."""
    print(f"pasb-kg: {line} …", file=sys.stderr, flush=True)


def serve(settings: Settings, *, extra: Sequence[Source] = ()) -> int:
    """Serve the SPARQL service until interrupted; return the exit status.

    The store is built on first run or when its sources changed (``extra`` are the
    ``--load`` files), saying so step by step on stderr; ``settings.workers`` query
    processes run the queries, and the waitress WSGI server answers HTTP with
    ``settings.threads`` threads. The address is checked first and bound before the
    "serving" line, so a busy port fails at once with one line (exit status 2).

    :raises PortInUse: the address is taken.
    """
    check_address(settings.host, settings.port)
    started = time.perf_counter()
    executor = start_executor(settings, extra=extra, progress=say)
    try:
        app = create_app(settings, store=executor)
        server = waitress.create_server(
            app, host=settings.host, port=settings.port, threads=settings.threads,
            max_request_body_size=settings.max_body_bytes, ident="pasb-kg",
            clear_untrusted_proxy_headers=True)
    except OSError as exc:
        executor.close()
        raise address_error(settings.host, settings.port, exc) from None

    def stop(signum: int, frame: FrameType | None) -> None:
        executor.close()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    mode = "read-write (update token set)" if executor.writable else "read-only"
    backend = (f"the remote store {settings.store}" if settings.remote
               else f"{executor.readers} query workers")
    print(f"pasb-kg: serving {mode} on http://{settings.host}:{settings.port}/sparql "
          f"with {backend} (ready in "
          f"{time.perf_counter() - started:.1f} s)", file=sys.stderr, flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        executor.close()
    return 0
