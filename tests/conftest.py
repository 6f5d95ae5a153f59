"""Fixtures shared by every test suite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.build import build
from kg.settings import Settings
from kg.store import OxigraphStore

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


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
