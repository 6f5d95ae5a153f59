"""Throw-away store servers on loopback, for the tests and the benchmarks.

:class:`VirtuosoInstance` runs Debian's ``virtuoso-t`` with a ``virtuoso.ini`` of our own
(loopback ports, its database in a directory of its own, ``DirsAllowed`` for the bulk
loader, a writer user with ``SPARQL_UPDATE``); :class:`OxigraphInstance` runs
``oxigraph serve`` (PyPI's ``oxigraph``). Both stop their server on :meth:`stop` and can be
started again on the same data and ports (to test what a stopped store does).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 20
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {load_dirs}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 20
ServerThreads = 20
EnabledDavVSP = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 60
"""


def private_system_graphs_sql(*, writers: list[str], readers: list[str]) -> str:
    """The SQL that makes Virtuoso's system graphs private (so they leave the union
    default graph of every SPARQL user) while every other graph stays readable, and lets
    ``writers`` write (what ``docs/scaling.md`` tells administrators to run)."""
    from kg.store.virtuoso import PRIVATE_GRAPHS, SYSTEM_GRAPHS

    statements = ["DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 0, 1)",
                  "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 1)",
                  f"DB.DBA.RDF_GRAPH_GROUP_CREATE ('{PRIVATE_GRAPHS}', 1)"]
    statements += [f"DB.DBA.RDF_GRAPH_GROUP_INS ('{PRIVATE_GRAPHS}', '{g}')"
                   for g in SYSTEM_GRAPHS]
    for user in writers:
        statements += [f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('{user}', 0, 1)",
                       f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('{user}', 3)"]
    for user in readers:
        statements += [f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('{user}', 0, 1)",
                       f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('{user}', 1)"]
    return "; ".join(statements) + ";"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_http(url: str, process: subprocess.Popen[bytes], log: Path | None,
               timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            text = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"the store server exited {process.returncode}:\n{text}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the store server did not answer {url} in {timeout:g} s")


def virtuoso_available() -> bool:
    """Whether Debian's Virtuoso is installed."""
    return shutil.which("virtuoso-t") is not None and shutil.which("isql-vt") is not None


@dataclass
class VirtuosoInstance:
    """A Virtuoso server of its own in ``directory``.

    :param max_rows: its ``ResultSetMaxRows`` (Virtuoso's default, 10,000, unless told).
    :param buffers: ``NumberOfBuffers`` (8 KiB pages of cache).
    """

    directory: Path
    max_rows: int = 10_000
    buffers: int = 20_000
    load_dirs: list[Path] = field(default_factory=list)
    http_port: int = field(default_factory=free_port)
    sql_port: int = field(default_factory=free_port)
    user: str = "pasb_writer"
    password: str = "pasb-writer-password"
    dba_password: str = "dba"
    private_system_graphs: bool = True
    process: subprocess.Popen[bytes] | None = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql(self) -> str:
        return self.origin + "/sparql"

    @property
    def location(self) -> str:
        """The ``store`` setting that names this instance."""
        return "sparql+" + self.sparql

    @property
    def credentials(self) -> str:
        return f"{self.user}:{self.password}"

    def start(self, *, timeout: float = 90.0) -> VirtuosoInstance:
        """Start the server (creating its database and users on the first start)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        first = not (self.directory / "virtuoso.db").exists()
        dirs = ", ".join(str(d) for d in [self.directory, *self.load_dirs])
        (self.directory / "virtuoso.ini").write_text(VIRTUOSO_INI.format(
            dir=self.directory, sql_port=self.sql_port, http_port=self.http_port,
            load_dirs=dirs, buffers=self.buffers, dirty=self.buffers * 3 // 4,
            max_rows=self.max_rows))
        self.process = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", str(self.directory / "virtuoso.ini")],
            cwd=self.directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_http(self.sparql + "?query=ASK%7B%7D", self.process,
                   self.directory / "virtuoso.log", timeout)
        if first:
            self.sql(f"DB.DBA.USER_CREATE('{self.user}', '{self.password}'); "
                     f"GRANT SPARQL_UPDATE TO \"{self.user}\"; "
                     "DB.DBA.USER_CREATE('pasb_reader', 'pasb-reader-password'); "
                     "GRANT SPARQL_SELECT TO \"pasb_reader\";")
            if self.private_system_graphs:
                self.sql(private_system_graphs_sql(writers=[self.user],
                                                   readers=["pasb_reader"]))
        return self

    def sql(self, statements: str, *, timeout: float = 600) -> str:
        """Run SQL through isql as dba; return its output."""
        result = subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", self.dba_password,
             f"exec={statements}"], capture_output=True, text=True, timeout=timeout,
            check=False)
        if result.returncode != 0 or "*** Error" in result.stdout + result.stderr:
            raise RuntimeError(f"isql failed: {result.stdout}{result.stderr}")
        return result.stdout

    def stop(self) -> None:
        """Stop the server (its data stays)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def oxigraph_program() -> str | None:
    """The ``oxigraph`` server program beside this Python, or on the PATH."""
    local = Path(sys.executable).with_name("oxigraph")
    return str(local) if local.exists() else shutil.which("oxigraph")


@dataclass
class OxigraphInstance:
    """An ``oxigraph serve`` of its own on ``directory``."""

    directory: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def location(self) -> str:
        return f"sparql+{self.origin}/query"

    def start(self, *, timeout: float = 30.0) -> OxigraphInstance:
        program = oxigraph_program()
        if program is None:
            raise RuntimeError("the oxigraph server (PyPI `oxigraph`) is not installed")
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [program, "serve", "--location", str(self.directory), "--bind",
             f"127.0.0.1:{self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_http(self.origin + "/query?query=ASK%7B%7D", self.process, None, timeout)
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None
