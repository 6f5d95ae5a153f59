"""Query execution in child processes that can be stopped: the service's hard timeout.

pyoxigraph has no way to interrupt a query (nor has rdflib), so the only reliable stop is
to kill the process doing the work. :class:`Executor` keeps a warm pool of *reader*
processes and, when updates are enabled, one *writer* process:

- Readers open a read-only snapshot of the store. A read-only RocksDB open while another
  process writes is undefined behaviour, so readers never open the live store when there
  is a writer: after every committed write the writer publishes a checkpoint
  (``Store.backup``: hard links, milliseconds) under a new generation number, and each
  reader reopens the newest snapshot before its next task. Without a writer the readers
  open the store itself.
- A reader that overruns its deadline is killed and replaced in the background; the
  request gets :class:`~kg.errors.QueryTimeout`. Other readers keep answering.
- A read given a ``query_id`` can be cancelled (:meth:`Executor.cancel`): its reader is
  killed at once and replaced the same way, and the request gets
  :class:`~kg.errors.QueryCancelled`; a read still waiting for a free reader stops waiting.
- The writer owns the read-write store, so updates are atomic (pyoxigraph commits one
  transaction per update) and killing an overrunning update leaves nothing half-written;
  it flushes before replying, so an acknowledged write is on disk.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.errors import QueryCancelled, QueryError, QueryTimeout, StoreError
from service import worker

log = logging.getLogger(__name__)
#: Seconds between checks for a cancel while a read waits for a free reader.
CANCEL_POLL = 0.1
_CONTEXT = multiprocessing.get_context("spawn")  # never fork a threaded server


class ServiceBusy(QueryTimeout):
    """Every query worker stayed busy until the request's deadline."""


@dataclass
class _Child:
    process: Any
    conn: Connection
    snapshot: str | None = None


@dataclass
class _Running:
    """A cancellable read: the reader it runs on (once it has one) and whether it was
    cancelled or is done; these change under the executor's lock only."""

    child: _Child | None = None
    cancelled: bool = False
    done: bool = False


@dataclass
class ExecutorStats:
    """Counters the metrics endpoint reports."""

    timeouts: int = 0
    respawns: int = 0
    cancels: int = 0
    writes: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


class Executor:
    """Readers (and optionally a writer) over the on-disk store at ``primary``.

    :param primary: the Oxigraph store directory.
    :param readers: number of reader processes kept warm.
    :param writable: start a writer process (updates enabled).
    """

    def __init__(self, primary: Path, *, readers: int = 2, writable: bool = False) -> None:
        self.primary = Path(primary)
        self.readers = max(1, readers)
        self.writable = writable
        self.stats = ExecutorStats()
        self._idle: queue.Queue[_Child] = queue.Queue()
        self._children: list[_Child] = []
        self._lock = threading.Lock()
        self._running: dict[str, _Running] = {}
        self._write_lock = threading.Lock()
        self._writer: _Child | None = None
        self._generation = 0
        self._run_dir: Path | None = None
        self._snapshot = str(self.primary)
        self._closed = False

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> Executor:
        """Start the writer (which publishes the first snapshot) and warm the readers."""
        if self.writable:
            self._run_dir = Path(tempfile.mkdtemp(prefix="pasb-run-", dir=self.primary.parent))
            self._start_writer()
        for _ in range(self.readers):
            self._idle.put(self._spawn_reader())
        for _ in range(self.readers):  # open the snapshot in every reader now
            self.read({"op": "count"}, timeout=30)
        return self

    def close(self) -> None:
        """Stop every child and remove the snapshots."""
        self._closed = True
        for child in [*self._children, *([self._writer] if self._writer else [])]:
            self._kill(child)
        if self._run_dir is not None:
            shutil.rmtree(self._run_dir, ignore_errors=True)

    @property
    def generation(self) -> int:
        """Number of committed writes since start (changes invalidate cached statistics)."""
        return self._generation

    # -- reads -----------------------------------------------------------------------------
    def read(self, task: dict[str, Any], *, timeout: float,
             query_id: str | None = None) -> dict[str, Any]:
        """Run a reader task within ``timeout`` seconds (waiting for a free reader counts).

        :param query_id: a name under which :meth:`cancel` can stop this read (unique
            among the reads running now).
        :raises ServiceBusy: no reader became free in time.
        :raises QueryTimeout: the task overran; its reader was killed and is being replaced.
        :raises QueryCancelled: :meth:`cancel` stopped it.
        :raises StoreError: the reader died.
        """
        deadline = time.monotonic() + timeout
        running = self._register(query_id)
        try:
            child = self._take_reader(running, deadline, timeout)
            return self._run_on(child, running, task, deadline, timeout)
        finally:
            if query_id is not None:
                with self._lock:
                    self._running.pop(query_id, None)

    def cancel(self, query_id: str) -> bool:
        """Stop the read running (or waiting) under ``query_id``: its reader is killed now.

        :returns: whether such a read was running.
        """
        with self._lock:
            running = self._running.get(query_id)
            if running is None or running.done or running.cancelled:
                return False
            running.cancelled = True
            self.stats.cancels += 1
            if running.child is not None and running.child.process.is_alive():
                running.child.process.kill()  # the waiting read sees EOF and replaces it
        return True

    def _register(self, query_id: str | None) -> _Running:
        running = _Running()
        if query_id is not None:
            with self._lock:
                if query_id in self._running:
                    raise QueryError(f"a query with id {query_id!r} is already running")
                self._running[query_id] = running
        return running

    def _take_reader(self, running: _Running, deadline: float, timeout: float) -> _Child:
        """An idle reader, waiting until ``deadline``; a cancel stops the wait."""
        while True:
            if running.cancelled:
                raise QueryCancelled("the query was cancelled before it started")
            left = deadline - time.monotonic()
            if left <= 0:
                raise ServiceBusy(f"all {self.readers} query workers stayed busy for "
                                  f"{timeout:g} s; try again later")
            try:
                child = self._idle.get(timeout=min(left, CANCEL_POLL))
            except queue.Empty:
                continue
            with self._lock:
                if not running.cancelled:
                    running.child = child
                    child.snapshot = self._snapshot
                    return child
            self._idle.put(child)

    def _run_on(self, child: _Child, running: _Running, task: dict[str, Any],
                deadline: float, timeout: float) -> dict[str, Any]:
        """Send ``task`` to ``child`` and wait for its reply until ``deadline``."""
        failure: BaseException | None = None
        reply = None
        try:
            child.conn.send({**task, "snapshot": child.snapshot})
            if child.conn.poll(max(deadline - time.monotonic(), 0)):
                reply = child.conn.recv()
        except (EOFError, OSError) as exc:
            failure = exc
        with self._lock:
            running.done = True
            cancelled = running.cancelled
        if cancelled:  # killed by cancel(), even if a reply slipped through first
            self._replace(child)
            raise QueryCancelled("the query was cancelled; its worker was stopped")
        if failure is not None:
            self._replace(child)
            raise StoreError(f"a query worker died: {failure}") from None
        if reply is None:
            self.stats.timeouts += 1
            self._replace(child)
            raise QueryTimeout(f"query stopped after the {timeout:g} s time limit "
                               "(setting query_timeout)")
        self._idle.put(child)
        self._collect_snapshots()
        return reply

    def _spawn_reader(self) -> _Child:
        parent, child_end = _CONTEXT.Pipe()
        process = _CONTEXT.Process(target=worker.reader_main, args=(child_end,), daemon=True,
                                   name="pasb-kg-reader")
        process.start()
        child_end.close()
        child = _Child(process, parent)
        with self._lock:
            self._children.append(child)
        return child

    def _replace(self, child: _Child) -> None:
        """Kill ``child`` and start a replacement in the background."""
        self._kill(child)
        with self._lock:
            if child in self._children:
                self._children.remove(child)
        self.stats.respawns += 1

        def respawn() -> None:
            if not self._closed:
                self._idle.put(self._spawn_reader())

        threading.Thread(target=respawn, daemon=True).start()

    @staticmethod
    def _kill(child: _Child) -> None:
        if child.process.is_alive():
            child.process.kill()
        child.process.join(timeout=5)
        child.conn.close()

    # -- writes ----------------------------------------------------------------------------
    def write(self, task: dict[str, Any], *, timeout: float) -> dict[str, Any]:
        """Run a writer task; on success the next reads see it.

        :raises QueryTimeout: the write overran and was rolled back by killing the writer.
        """
        if self._writer is None or self._run_dir is None:
            raise StoreError("this service is read-only")
        with self._write_lock:
            target = self._run_dir / str(self._generation + 1)
            child = self._writer
            try:
                child.conn.send({**task, "snapshot": str(target)})
                if not child.conn.poll(timeout):
                    self.stats.timeouts += 1
                    self._restart_writer()
                    raise QueryTimeout(f"update stopped after the {timeout:g} s time limit "
                                       "(setting update_timeout); nothing was changed")
                reply = child.conn.recv()
            except (EOFError, OSError) as exc:
                self._restart_writer()
                raise StoreError(f"the update worker died: {exc}") from None
            if reply.get("ok"):
                self._publish(target)
                self.stats.writes += 1
            else:
                shutil.rmtree(target, ignore_errors=True)
            return reply

    def _start_writer(self) -> None:
        assert self._run_dir is not None
        target = self._run_dir / str(self._generation + 1)
        shutil.rmtree(target, ignore_errors=True)  # a killed writer may have left half of it
        parent, child_end = _CONTEXT.Pipe()
        process = _CONTEXT.Process(target=worker.writer_main,
                                   args=(child_end, str(self.primary), str(target)),
                                   daemon=True, name="pasb-kg-writer")
        process.start()
        child_end.close()
        if not parent.poll(30):
            process.kill()
            raise StoreError(f"the update worker could not open {self.primary}")
        try:
            parent.recv()
        except EOFError:
            raise StoreError(f"the update worker could not open {self.primary} "
                             "(is another process writing it?)") from None
        self._writer = _Child(process, parent)
        self._publish(target)

    def _restart_writer(self) -> None:
        if self._writer is not None:
            self._kill(self._writer)
        self._writer = None
        self._start_writer()

    def _publish(self, target: Path) -> None:
        with self._lock:
            self._generation += 1
            self._snapshot = str(target)
        self._collect_snapshots()

    def _collect_snapshots(self) -> None:
        """Delete snapshots that no reader has open and no task will open."""
        if self._run_dir is None:
            return
        with self._lock:
            keep = {self._snapshot, *(c.snapshot for c in self._children)}
        for path in _entries(self._run_dir):
            if str(path) not in keep:
                shutil.rmtree(path, ignore_errors=True)


def _entries(directory: Path) -> Iterable[Path]:
    try:
        return list(directory.iterdir())
    except OSError:
        return []
