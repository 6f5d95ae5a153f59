"""Load throughput: ``pasb-kg load`` against ``oxigraph load`` and Virtuoso's own bulk
loader, on the same N-Triples files (``bench/generate.py``), with peak memory.

Each loader runs in a process of its own; its peak RSS is the kernel's ``ru_maxrss`` of
that process (for Virtuoso, the server's ``VmHWM``). Printed: seconds, triples/s, peak RSS
and the ratio of our throughput to the peer's (target: ≥ 0.8 on the embedded store).

    .venv/bin/python bench/load_bench.py --sizes 1000000 10000000
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
WORK = BENCH / "_work"
BIN = Path(sys.executable).parent
GRAPH = "https://w3id.org/pasb/graph/bench"


def data_file(size: int) -> Path:
    WORK.mkdir(exist_ok=True)
    path = WORK / f"synthetic-{size}.nt"
    if not path.exists():
        subprocess.run([sys.executable, str(BENCH / "generate.py"), "--triples", str(size),
                        "-o", str(path)], check=True)
    return path


def timed(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one command run to its end."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{stderr[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def vm_hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def bench(size: int, tmp: Path, *, remote: bool, uploads: bool = True
          ) -> list[tuple[str, int, float, float]]:
    path = data_file(size)
    triples = count_lines(path)
    rows = []
    env = {k: v for k, v in os.environ.items() if not k.startswith("PASB_")}
    seconds, rss = timed([str(BIN / "oxigraph"), "load", "--location", str(tmp / "ox"),
                          "--file", str(path), "--graph", GRAPH])
    rows.append(("oxigraph load", triples, seconds, rss))
    seconds, rss = timed([str(BIN / "pasb-kg"), "load", str(path), "--graph", GRAPH,
                          "--progress", "log"],
                         {**env, "PASB_STORE": str(tmp / "ours"), "PASB_LOAD_KG": "false"})
    rows.append(("pasb-kg load (embedded)", triples, seconds, rss))
    if not remote:
        return rows
    from kg.store.instances import OxigraphInstance, VirtuosoInstance

    virtuoso = VirtuosoInstance(tmp / "virtuoso", buffers=300_000,
                                load_dirs=[path.parent.resolve()]).start()
    try:
        started = time.perf_counter()
        virtuoso.sql(f"ld_dir('{path.parent.resolve()}', '{path.name}', '{GRAPH}-own'); "
                     "rdf_loader_run(); checkpoint;", timeout=3600)
        rows.append(("Virtuoso ld_dir + rdf_loader_run", triples,
                     time.perf_counter() - started, vm_hwm_mb(virtuoso.process.pid)))
        remote_env = {**env, "PASB_STORE": virtuoso.location,
                      "PASB_STORE_CREDENTIALS": f"dba:{virtuoso.dba_password}",
                      "PASB_VIRTUOSO_SQL_PORT": str(virtuoso.sql_port),
                      "PASB_VIRTUOSO_LOAD_DIRS": str(path.parent.resolve())}
        seconds, rss = timed([str(BIN / "pasb-kg"), "load", str(path), "--graph", GRAPH,
                              "--progress", "log"], remote_env)
        rows.append(("pasb-kg load → Virtuoso (its bulk loader)", triples, seconds, rss))
        if not uploads:
            return rows
        upload_env = {**env, "PASB_STORE": virtuoso.location,
                      "PASB_STORE_CREDENTIALS": virtuoso.credentials}
        seconds, rss = timed([str(BIN / "pasb-kg"), "load", str(path), "--graph",
                              GRAPH + "-gsp", "--progress", "log"], upload_env)
        rows.append(("pasb-kg load → Virtuoso (Graph Store uploads)", triples, seconds, rss))
    finally:
        virtuoso.stop()
    oxigraph = OxigraphInstance(tmp / "oxserver").start()
    try:
        seconds, rss = timed([str(BIN / "pasb-kg"), "load", str(path), "--graph", GRAPH,
                              "--progress", "log"], {**env, "PASB_STORE": oxigraph.location})
        rows.append(("pasb-kg load → Oxigraph server (Graph Store uploads)", triples,
                     seconds, rss))
    finally:
        oxigraph.stop()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000_000])
    parser.add_argument("--remote", action="store_true",
                        help="also Virtuoso's loader and loads into Virtuoso and Oxigraph "
                             "server")
    parser.add_argument("--no-uploads", dest="uploads", action="store_false",
                        help="leave out the (slower) Graph Store uploads")
    args = parser.parse_args(argv)
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="load-bench-", dir=WORK) as tmp:
            rows += bench(size, Path(tmp), remote=args.remote, uploads=args.uploads)
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"\n{platform.node()} — {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"command: {' '.join(sys.argv)}\n")
    print("| loader | triples | seconds | triples/s | peak RSS MB | ÷ oxigraph load |")
    print("|---|---|---|---|---|---|")
    reference = {}
    for name, triples, seconds, rss in rows:
        if name == "oxigraph load":
            reference[triples] = triples / seconds
        ratio = (triples / seconds) / reference[triples] if triples in reference else 0
        print(f"| {name} | {triples:,} | {seconds:.1f} | {triples / seconds:,.0f} | {rss:.0f} "
              f"| {ratio:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
