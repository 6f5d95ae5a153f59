"""Fixtures shared by every test suite."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build import build
from kg.settings import Settings
from kg.store import OxigraphStore

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURE = REPO / "tests" / "data" / "wikidata-fixture.ttl"


@pytest.fixture(scope="session")
def kg_store() -> OxigraphStore:
    """The shipped ontology and knowledge graph in an in-memory store (not validated here:
    validation has its own tests)."""
    store, _ = build(Settings.from_env({}, memory=True), validate=False)
    return store


@pytest.fixture
def isolated_env(tmp_path: Path) -> dict[str, str]:
    """Environment for CLI runs that keeps stores and caches inside ``tmp_path``."""
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("PASB_")}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    return env


@pytest.fixture
def cli(isolated_env: dict[str, str]):
    """Run ``pasb-kg`` as a user would, in a subprocess with an isolated data dir."""

    def run(*args: str, input: str | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True,
            env={**isolated_env, **(env or {})}, input=input, timeout=300, check=False,
        )

    return run


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph() -> str:
    local = Path(sys.executable).with_name("oxigraph")
    found = str(local) if local.exists() else shutil.which("oxigraph")
    if not found:
        pytest.skip("the oxigraph server (PyPI `oxigraph`) is not installed")
    return found


@pytest.fixture(scope="session")
def wikidata_server() -> Iterator[str]:
    """URL of the query endpoint of a real Oxigraph server loaded with the fixture."""
    port = _free_port()
    proc = subprocess.Popen([_oxigraph(), "serve", "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(proc.stderr.read().decode()) from None
                time.sleep(0.05)
        request = urllib.request.Request(f"{base}/store?default", data=FIXTURE.read_bytes(),
                                         headers={"Content-Type": "text/turtle"},
                                         method="POST")
        urllib.request.urlopen(request, timeout=10).read()
        yield f"{base}/query"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# -- remote stores (Virtuoso, Oxigraph server) ------------------------------------------
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes") or \
    os.environ.get("PASB_CI", "").lower() in ("1", "true", "yes")
#: The backends the parametrized suites run on.
BACKENDS = ("embedded", "virtuoso", "oxigraph")


def require_virtuoso() -> None:
    """Skip loudly without Virtuoso; in CI (``CI=true`` or ``PASB_CI=1``) fail instead."""
    from kg.store.instances import virtuoso_available

    if not virtuoso_available():
        message = ("Debian's Virtuoso (virtuoso-t, isql-vt) is not installed: `bash "
                   "scripts/test` installs it as root (apt-get install "
                   "--no-install-recommends virtuoso-opensource)")
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def require_oxigraph_server() -> None:
    from kg.store.instances import oxigraph_program

    if oxigraph_program() is None:
        message = "the oxigraph server (PyPI `oxigraph`, a test extra) is not installed"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def remote_stores(tmp_path_factory: pytest.TempPathFactory):
    """Start each remote store server once per session, on demand: ``remote_stores(kind,
    role)`` (role ``kg``: the shipped graph loaded; ``scratch``: empty, tests reset it)."""
    from kg.store.instances import OxigraphInstance, VirtuosoInstance

    started: dict[tuple[str, str], object] = {}

    def get(kind: str, role: str = "kg"):
        if (kind, role) not in started:
            base = tmp_path_factory.mktemp(f"{kind}-{role}")
            if kind == "virtuoso":
                require_virtuoso()
                instance = VirtuosoInstance(base / "db", load_dirs=[base / "load"]).start()
            else:
                require_oxigraph_server()
                instance = OxigraphInstance(base / "db").start()
            started[kind, role] = instance
            if role == "kg":
                from kg.build import build_remote

                build_remote(remote_settings(instance), validate=False)
        return started[kind, role]

    yield get
    for instance in started.values():
        instance.stop()


def remote_settings(instance, **overrides) -> Settings:
    """Settings that name a remote store instance (with its writer's credentials)."""
    credentials = getattr(instance, "credentials", None)
    return Settings.from_env({}, store=instance.location, store_credentials=credentials,
                             **overrides)


def remote_env(instance) -> dict[str, str]:
    """Environment for `pasb-kg … --store` on a remote store instance."""
    env = {"PASB_STORE": instance.location}
    credentials = getattr(instance, "credentials", None)
    if credentials:
        env["PASB_STORE_CREDENTIALS"] = credentials
    return env


@pytest.fixture(scope="session", params=BACKENDS)
def backend_store(request, kg_store: OxigraphStore, remote_stores):
    """The shipped knowledge graph on each backend: the embedded store, Virtuoso and
    Oxigraph server (the same :class:`~kg.store.Store` interface)."""
    if request.param == "embedded":
        return kg_store
    from kg.store.remote import SparqlStore

    return SparqlStore.from_settings(remote_settings(remote_stores(request.param)))
