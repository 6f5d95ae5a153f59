"""Fixtures shared by every test suite."""

from __future__ import annotations

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
