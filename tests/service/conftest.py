"""Start the real service (``pasb-kg serve`` in a subprocess on a free port) for tests
that talk to it over HTTP as any client would."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

PASB_KG = str(Path(sys.executable).with_name("pasb-kg"))
TOKEN = "test-token-1234567890"
DATA = Path(__file__).resolve().parent / "data"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveService:
    """A running ``pasb-kg serve`` and how to reach it."""

    process: subprocess.Popen[bytes]
    port: int
    args: list[str]
    env: dict[str, str]
    token: str | None = None
    log: Path | None = None
    backend: str = "embedded"
    session: requests.Session = field(default_factory=requests.Session)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"

    def auth(self) -> dict[str, str]:
        """The header that authorises writes."""
        return {"Authorization": f"Bearer {self.token}"}

    def update(self, text: str) -> requests.Response:
        """POST an update with the token; fail the test unless it is accepted."""
        response = self.session.post(self.sparql, data=text.encode(), headers={
            "Content-Type": "application/sparql-update", **self.auth()}, timeout=30)
        assert response.status_code == 204, response.text
        return response

    def ask(self, text: str) -> bool:
        response = self.session.get(self.sparql, params={"query": text},
                                    headers={"Accept": "application/sparql-results+json"},
                                    timeout=30)
        assert response.status_code == 200, response.text
        return response.json()["boolean"]

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def logs(self) -> str:
        return self.log.read_text(errors="replace") if self.log else ""


def start_service(tmp_path: Path, *args: str, token: str | None = None,
                  env: dict[str, str] | None = None, port: int | None = None) -> LiveService:
    """Run ``pasb-kg serve ARGS`` and wait until ``/healthz`` answers 200."""
    port = port or free_port()
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PASB_")}
    environ["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    environ.update(env or {})
    argv = [PASB_KG, "serve", "--port", str(port), *args]
    if token is not None:
        token_file = tmp_path / f"token-{port}"
        token_file.write_text(token + "\n")
        argv += ["--update-token-file", str(token_file)]
    log = tmp_path / f"serve-{port}.log"
    with log.open("ab") as out:
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=environ)
    service = LiveService(process, port, argv, environ, token, log)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"pasb-kg serve exited {process.returncode}:\n{service.logs()}")
        try:
            if requests.get(service.url + "/healthz", timeout=2).status_code == 200:
                return service
        except requests.ConnectionError:
            pass
        time.sleep(0.1)
    service.stop()
    raise RuntimeError(f"pasb-kg serve did not start:\n{service.logs()}")


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveService]:
    """A read-only service over the shipped knowledge graph, in memory (pages, network
    API, browser tests)."""
    live = start_service(tmp_path_factory.mktemp("service"), "--memory")
    yield live
    live.stop()


#: The stores the service runs on in the parametrized suites (see tests/conftest.py).
BACKENDS = ("embedded", "virtuoso", "oxigraph")


def backend_args(backend: str, remote_stores, role: str) -> tuple[list[str], dict[str, str]]:
    """``pasb-kg serve`` arguments and environment for a service on ``backend``."""
    if backend == "embedded":
        return ["--memory"], {}
    instance = remote_stores(backend, role)
    env = {}
    if getattr(instance, "credentials", None):
        env["PASB_STORE_CREDENTIALS"] = instance.credentials
    return ["--store", instance.location], env


@pytest.fixture(scope="session", params=BACKENDS)
def writable_service(request, tmp_path_factory: pytest.TempPathFactory,
                     remote_stores) -> Iterator[LiveService]:
    """An empty store with updates enabled by a token (W3C runners, GSP, auth), on each
    backend: in memory, Virtuoso, Oxigraph server.

    Tests using it reset the store themselves (``DROP ALL``)."""
    tmp = tmp_path_factory.mktemp(f"writable-{request.param}")
    args, env = backend_args(request.param, remote_stores, "scratch")
    service = start_service(tmp, "--no-kg", *args, token=TOKEN, env=env)
    service.backend = request.param
    yield service
    service.stop()


@pytest.fixture(scope="session")
def readonly_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveService]:
    """A read-only service over a small fixture file loaded into a named graph."""
    tmp = tmp_path_factory.mktemp("readonly")
    service = start_service(
        tmp, "--no-kg", "--memory", "--load", f"{DATA / 'people.ttl'}=http://example.org/people",
        "--load", str(DATA / "items.ttl"),
        env={"PASB_MAX_RESULT_ROWS": "50"})
    yield service
    service.stop()


@pytest.fixture(scope="session")
def service_factory():
    """:func:`start_service` for tests that need a service of their own (tests run in
    importlib mode, so they cannot import this module)."""
    return start_service


@pytest.fixture(scope="session")
def update_token() -> str:
    """The token the writable services are started with."""
    return TOKEN


# -- the service's processes, from /proc (is a query still computing?) ----------------------
TICKS = os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    """Every process under ``pid`` (children, grandchildren…), from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a living process; ``None`` once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    if fields[0] == "Z":
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


def busy_processes(pid: int, seconds: float = 0.6) -> dict[int, float]:
    """The processes under ``pid`` that used more than a third of a core over ``seconds``."""
    before = {p: cpu_seconds(p) for p in descendants(pid)}
    time.sleep(seconds)
    used = {p: (cpu_seconds(p) or 0.0) - t for p, t in before.items() if t is not None}
    return {p: u for p, u in used.items() if u > seconds / 3}


# -- headless Chromium (Debian's; never a browser Playwright downloads) --------------------
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def require_chromium() -> None:
    """Skip the calling module, loudly, when Chromium or Playwright is missing
    (``scripts/test`` installs Chromium as root; CI always has it)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)",
                    allow_module_level=True)
    pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for every browser test of the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@contextmanager
def recording_page(browser: Any, *, timeout_ms: int, **context_options: Any) -> Iterator[Any]:
    """A fresh page that records every request (``tab.requests``) and every console or
    page error (``tab.errors``), closed afterwards."""
    context = browser.new_context(locale="en-GB", **context_options)
    tab = context.new_page()
    tab.set_default_timeout(timeout_ms)
    tab.requests, tab.errors = [], []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    try:
        yield tab
    finally:
        context.close()
