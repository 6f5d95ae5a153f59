"""SPARQL endpoint benchmark: this service against Oxigraph's server and rdflib-endpoint.

For each data size, the three servers run side by side on the same data (the synthetic
dataset of :mod:`bench.generate` plus the shipped graph from ``pasb-kg export``), all on
127.0.0.1:

- ``pasb-kg serve --no-kg --load synthetic.nt --load shipped.nq --store TMP``;
- ``oxigraph load`` + ``oxigraph serve-read-only --union-default-graph``;
- ``rdflib-endpoint serve`` from its own virtualenv (``bench/_work/rdflib-venv``).

Two query mixes, each with 1 and 4 concurrent clients, each run bounded in requests and
seconds: ``named`` (every shipped ``kg/queries/*.rq`` without ``SERVICE``) and ``explore``
(BSBM-like shapes over the synthetic data with fresh parameters per request). Printed:
queries/s, p50/p95/p99 latency, errors (non-200, timeouts), memory of each server's
process tree, the ratios ours/oxigraph and ours/rdflib-endpoint, per-query medians, and
the cold start of ``pasb-kg serve`` on the shipped graph.

    python3 -m venv bench/_work/rdflib-venv
    bench/_work/rdflib-venv/bin/pip install rdflib-endpoint
    .venv/bin/python bench/sparql_bench.py --sizes 100000 1000000
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "_work"
VENV_BIN = Path(sys.executable).parent
RDFLIB_VENV_BIN = WORK / "rdflib-venv" / "bin"
sys.path.insert(0, str(BENCH))

from generate import ACTOR_KINDS, WORDS_EN, Sizes  # noqa: E402

PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX pasb: <https://w3id.org/pasb/ontology#>
PREFIX res: <https://w3id.org/pasb/resource/>
"""
JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"


# -- servers -------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A SPARQL server process and its query URL."""

    name: str
    process: subprocess.Popen[bytes]
    url: str
    log: Path
    ready_seconds: float = 0.0

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def memory_mb(self) -> float:
        """Proportional set size of the process and its descendants (shared pages split)."""
        return sum(_pss_kb(pid) for pid in _tree(self.process.pid)) / 1024


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError):
                todo += [int(c) for c in (task / "children").read_text().split()]
    return pids


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def wait_ready(server: Server, probe: Callable[[], bool], deadline_s: float) -> Server:
    """Poll ``probe`` until it is true; raise if the process dies or the deadline passes."""
    started = time.monotonic()
    while time.monotonic() - started < deadline_s:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited:\n{server.log.read_text()[-2000:]}")
        try:
            if probe():
                server.ready_seconds = time.monotonic() - started
                return server
        except requests.RequestException:
            pass
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"{server.name} not ready after {deadline_s:.0f} s")


def _spawn(
    name: str, argv: list[str], workdir: Path, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], Path]:
    log = workdir / f"{name}.log"
    with log.open("wb") as out:
        return subprocess.Popen(
            argv, stdout=out, stderr=subprocess.STDOUT, env=env or dict(os.environ)
        ), log


def _ask(url: str) -> bool:
    response = requests.post(
        url, data={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": JSON}, timeout=5
    )
    return response.status_code == 200


def service_env(workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PASB_")}
    env["XDG_DATA_HOME"] = str(workdir / "xdg")
    # Four benchmark clients share one address; the default limit is exactly 4.
    env["PASB_MAX_CONCURRENT_PER_CLIENT"] = "64"
    return env


#: ``pasb-kg serve`` with one what-if change, to measure a suggestion without editing
#: service/: the request thread skips rdflib's parse of a query that cannot reach the
#: network (the service's own lexical check: no SERVICE, LOAD, FROM or \\u escape);
#: pyoxigraph still parses it, and content negotiation covers both result kinds.
FAST_PATH = """import sys
import service.sparql
from service.security import unanalysed_text_is_safe

_analyse = service.sparql._analyse
service.sparql._analyse = lambda text: None if unanalysed_text_is_safe(text) else _analyse(text)
from kg.cli import main
sys.exit(main())
"""


def start_ours(
    files: list[Path], workdir: Path, *, workers: int | None = None, fast_path: bool = False
) -> Server:
    port = free_port()
    name = "pasb-kg+fastpath" if fast_path else "pasb-kg"
    command = [str(VENV_BIN / "pasb-kg")]
    if fast_path:
        command = [sys.executable, "-c", FAST_PATH]
    argv = [*command, "serve", "--no-kg", "--store", str(workdir / name), "--port", str(port)]
    if workers:
        argv += ["--workers", str(workers)]
    for path in files:
        argv += ["--load", str(path)]
    process, log = _spawn(name, argv, workdir, service_env(workdir))
    base = f"http://127.0.0.1:{port}"
    server = Server(name, process, base + "/sparql", log)
    return wait_ready(server, lambda: requests.get(base + "/healthz", timeout=5).ok, 900)


def start_oxigraph(files: list[Path], workdir: Path) -> Server:
    location = workdir / "oxigraph"
    load = [str(VENV_BIN / "oxigraph"), "load", "--location", str(location)]
    for path in files:
        load += ["--file", str(path)]
    subprocess.run(load, check=True, capture_output=True)
    port = free_port()
    process, log = _spawn(
        "oxigraph",
        [
            str(VENV_BIN / "oxigraph"),
            "serve-read-only",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
            "--timeout-s",
            "30",
        ],
        workdir,
    )
    server = Server("oxigraph", process, f"http://127.0.0.1:{port}/query", log)
    return wait_ready(server, lambda: _ask(server.url), 120)


def start_virtuoso(files: list[Path], workdir: Path) -> Server:
    """Virtuoso with our own ini (ResultSetMaxRows raised past every answer here), the
    files loaded by its own bulk loader."""
    from kg.store.instances import VirtuosoInstance

    instance = VirtuosoInstance(workdir / "virtuoso", max_rows=1_000_000, buffers=200_000,
                                load_dirs=[f.parent.resolve() for f in files]).start()
    for path in files:
        instance.sql(f"ld_dir('{path.parent.resolve()}', '{path.name}', "
                     "'https://w3id.org/pasb/graph/default'); rdf_loader_run(); checkpoint;")
    server = Server("virtuoso", instance.process, instance.sparql, workdir / "virtuoso.log")
    server.instance = instance  # type: ignore[attr-defined]
    return server


def start_ours_on(store: Server, workdir: Path, *, credentials: str | None = None) -> Server:
    """``pasb-kg serve`` on a remote store (Virtuoso, Oxigraph server)."""
    port = free_port()
    name = f"pasb-kg@{store.name}"
    env = service_env(workdir)
    if credentials:
        env["PASB_STORE_CREDENTIALS"] = credentials
    argv = [str(VENV_BIN / "pasb-kg"), "serve", "--no-kg", "--store", "sparql+" + store.url,
            "--port", str(port)]
    process, log = _spawn(name, argv, workdir, env)
    base = f"http://127.0.0.1:{port}"
    server = Server(name, process, base + "/sparql", log)
    return wait_ready(server, lambda: requests.get(base + "/healthz", timeout=5).ok, 300)


def start_rdflib_endpoint(files: list[Path], workdir: Path, deadline_s: float) -> Server:
    port = free_port()
    process, log = _spawn(
        "rdflib-endpoint",
        [
            str(RDFLIB_VENV_BIN / "rdflib-endpoint"),
            "serve",
            *map(str, files),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        workdir,
    )
    # The CLI mounts the endpoint at the root, not /sparql.
    server = Server("rdflib-endpoint", process, f"http://127.0.0.1:{port}/", log)
    return wait_ready(server, lambda: _ask(server.url), deadline_s)


# -- workload ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Query:
    name: str
    text: str
    accept: str = JSON


def named_queries() -> list[Query]:
    """The shipped named queries that stay inside the store (no ``SERVICE``)."""
    sys.path.insert(0, str(ROOT))
    from kg.named_queries import list_queries

    out = []
    for q in list_queries():
        if "SERVICE" in q.text.upper().replace("SERVICES", ""):
            continue
        out.append(Query(q.name, q.text, NTRIPLES if q.form in ("CONSTRUCT", "DESCRIBE") else JSON))
    return out


def explore_queries(rng: random.Random, sizes: Sizes) -> list[Query]:
    """One instance of each explore shape, parameters drawn from ``rng``."""
    actor = f"res:actor-{rng.randrange(sizes.actors)}"
    kind = rng.choice(ACTOR_KINDS)[1]
    word = rng.choice(WORDS_EN)
    country = f"res:country-{rng.randrange(sizes.countries)}"
    currency = rng.choice(["USD", "EUR", "IDR", "SEK"])
    return [
        Query("lookup", f"SELECT ?p ?o WHERE {{ {actor} ?p ?o }}"),
        Query(
            "label-search",
            f"""SELECT ?s ?label WHERE {{
  ?s org:classification res:actor-type-{kind} ; rdfs:label ?label .
  FILTER(LANG(?label) = "en" && CONTAINS(LCASE(?label), "{word}"))
}} LIMIT 20""",
        ),
        Query(
            "join-order",
            f"""SELECT ?actor ?label ?programme ?start WHERE {{
  ?actor pasb:basedIn {country} ; rdfs:label ?label .
  ?participation pasb:participant ?actor ; pasb:role ?role .
  ?programme pasb:hasParticipation ?participation ; schema:startDate ?start .
  FILTER(LANG(?label) = "en")
}} ORDER BY DESC(?start) ?actor LIMIT 10""",
        ),
        Query(
            "aggregate-donors",
            f"""SELECT ?donor (SUM(?value) AS ?total) (COUNT(?grant) AS ?n)
WHERE {{
  ?grant a pasb:Grant ; schema:funder ?donor ; schema:amount ?amount .
  ?amount schema:value ?value ; schema:currency "{currency}" .
}} GROUP BY ?donor ORDER BY DESC(?total) LIMIT 10""",
        ),
        Query(
            "two-hop",
            f"""SELECT DISTINCT ?neighbour WHERE {{
  ?hop ?p {actor} .
  ?hop ?q ?neighbour .
  FILTER(isIRI(?neighbour) && ?neighbour != {actor})
}} LIMIT 1000""",
        ),
        Query(
            "count-by-type",
            """SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type }
GROUP BY ?type ORDER BY DESC(?n)""",
        ),
    ]


def workload(mix: str, count: int, sizes: Sizes, seed: int) -> list[Query]:
    """``count`` requests of a mix, the same sequence for every server."""
    if mix == "named":
        queries = named_queries()
        return [queries[i % len(queries)] for i in range(count)]
    rng = random.Random(seed)
    out: list[Query] = []
    while len(out) < count:
        out += explore_queries(rng, sizes)
    return out[:count]


# -- running -------------------------------------------------------------------------------
@dataclass
class RunStats:
    latencies: list[float] = field(default_factory=list)
    per_query: dict[str, list[float]] = field(default_factory=dict)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def done(self) -> int:
        return len(self.latencies) + self.errors

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def send(session: requests.Session, url: str, query: Query, timeout: float) -> str | None:
    """Send one query; ``None`` on success, else why it failed."""
    try:
        response = session.post(
            url,
            data={"query": PREFIXES + query.text},
            headers={"Accept": query.accept},
            timeout=timeout,
        )
        if response.status_code != 200:
            return f"{query.name}: HTTP {response.status_code} {response.text[:100]!r}"
        response.content  # noqa: B018 - read the whole body
    except requests.Timeout:
        return f"{query.name}: timeout after {timeout:g} s"
    except requests.RequestException as exc:
        return f"{query.name}: {type(exc).__name__}"
    return None


def run(
    url: str, queries: list[Query], *, clients: int, time_limit: float, timeout: float
) -> RunStats:
    """Send ``queries`` with ``clients`` threads until done or ``time_limit`` passes."""
    stats = RunStats()
    lock = threading.Lock()
    position = [0]
    deadline = time.monotonic() + time_limit

    def client() -> None:
        session = requests.Session()
        while time.monotonic() < deadline:
            with lock:
                if position[0] >= len(queries):
                    return
                query = queries[position[0]]
                position[0] += 1
            started = time.perf_counter()
            error = send(session, url, query, timeout)
            elapsed = time.perf_counter() - started
            with lock:
                if error is None:
                    stats.latencies.append(elapsed)
                    stats.per_query.setdefault(query.name, []).append(elapsed)
                else:
                    stats.errors += 1
                    if len(stats.error_samples) < 3:
                        stats.error_samples.append(error)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(time_limit + timeout + 5)
    stats.seconds = time.perf_counter() - started
    return stats


def result_rows(url: str, query: Query, timeout: float) -> str:
    """The size of one answer (rows or triples), for the agreement check."""
    try:
        response = requests.post(
            url,
            data={"query": PREFIXES + query.text},
            headers={"Accept": query.accept},
            timeout=timeout,
        )
    except requests.RequestException as exc:
        return type(exc).__name__
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    if query.accept == JSON:
        return str(len(response.json()["results"]["bindings"]))
    return str(len([line for line in response.text.splitlines() if line.strip()]))


# -- cold start ----------------------------------------------------------------------------
def _time_to_healthz(store: Path, workdir: Path, env: dict[str, str]) -> float:
    port = free_port()
    started = time.monotonic()
    process, log = _spawn(
        "cold",
        [str(VENV_BIN / "pasb-kg"), "serve", "--store", str(store), "--port", str(port)],
        workdir,
        env,
    )
    server = Server("pasb-kg", process, "", log)
    wait_ready(server, lambda: requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).ok, 300)
    seconds = time.monotonic() - started
    server.stop()
    return seconds


def cold_start(workdir: Path, repeats: int) -> dict[str, list[float]]:
    """Seconds from ``pasb-kg serve`` (shipped graph) to ``/healthz`` 200: from an empty
    store directory, with the store already built, and the latter again with Python's
    bytecode cache allowed (this environment sets ``PYTHONDONTWRITEBYTECODE=1``, so the
    project's own modules are compiled at every start)."""
    env = service_env(workdir)
    cached = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out: dict[str, list[float]] = {"empty store": [], "built store": []}
    if cached != env:
        out["built store, bytecode cached"] = []
    for i in range(repeats):
        store = workdir / f"cold-{i}"
        out["empty store"].append(_time_to_healthz(store, workdir, env))
        out["built store"].append(_time_to_healthz(store, workdir, env))
        if cached != env:
            _time_to_healthz(store, workdir, cached)  # writes the cache
            out["built store, bytecode cached"].append(_time_to_healthz(store, workdir, cached))
        shutil.rmtree(store, ignore_errors=True)
    return out


# -- main ----------------------------------------------------------------------------------
SYNTHETIC_GRAPH = "https://w3id.org/pasb/graph/synthetic"


def prepare_data(size: int) -> list[Path]:
    """The files to load: the shipped graph, and the synthetic data unless ``size`` is 0.

    The synthetic triples go into a named graph (N-Quads): rdflib's ``Dataset`` with
    ``default_union=True``, which rdflib-endpoint serves, leaves default-graph triples out
    of the union once named graphs exist, so all three servers get the same quads.
    """
    WORK.mkdir(exist_ok=True)
    synthetic = WORK / f"synthetic-{size}.nt"
    quads = synthetic.with_suffix(".nq")
    if size and not synthetic.exists():
        subprocess.run(
            [
                sys.executable,
                str(BENCH / "generate.py"),
                "--triples",
                str(size),
                "-o",
                str(synthetic),
            ],
            check=True,
        )
    if size and not quads.exists():
        with synthetic.open(encoding="utf-8") as src, quads.open("w", encoding="utf-8") as out:
            for line in src:
                out.write(line.rstrip()[:-1] + f"<{SYNTHETIC_GRAPH}> .\n")
    shipped = WORK / "shipped.nq"
    if not shipped.exists():
        subprocess.run(
            [
                str(VENV_BIN / "pasb-kg"),
                "export",
                "--memory",
                "--format",
                "nquads",
                "-o",
                str(shipped),
            ],
            check=True,
        )
    return [quads, shipped] if size else [shipped]


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def bench_size(size: int, args: argparse.Namespace, workdir: Path) -> list[dict[str, object]]:
    files = prepare_data(size)
    sizes = Sizes.for_triples(max(size, 1000))
    servers: list[Server] = []
    rows: list[dict[str, object]] = []
    # The named queries are written for the shipped graph; over the union with synthetic
    # data they enumerate every synthetic actor too, so they run at size 0 only.
    mixes = ["named"] if size == 0 else list(args.synthetic_mixes)
    try:
        servers.append(start_ours(files, workdir, workers=args.workers))
        if args.fast_path:
            servers.append(start_ours(files, workdir, workers=args.workers, fast_path=True))
        servers.append(start_oxigraph(files, workdir))
        if args.remote:
            servers.append(start_ours_on(servers[-1], workdir))
            virtuoso = start_virtuoso(files, workdir)
            servers.append(virtuoso)
            servers.append(start_ours_on(virtuoso, workdir,
                                         credentials=virtuoso.instance.credentials))
        if size <= args.rdflib_max_size and RDFLIB_VENV_BIN.exists():
            try:
                servers.append(start_rdflib_endpoint(files, workdir, args.rdflib_load_limit))
            except RuntimeError as exc:
                print(f"rdflib-endpoint at {size}: {exc}", file=sys.stderr)
        for server in servers:
            print(f"[{size}] {server.name} ready in {server.ready_seconds:.1f} s", file=sys.stderr)
        for mix in mixes:
            queries = workload(mix, args.requests, sizes, seed=size)
            check = {q.name: q for q in queries}
            agreement = {
                s.name: {n: result_rows(s.url, q, args.rdflib_timeout) for n, q in check.items()}
                for s in servers
            }
            differ = [n for n in check if len({agreement[s.name][n] for s in servers}) > 1]
            if differ:
                print(
                    f"[{size}/{mix}] answer sizes differ: "
                    + "; ".join(
                        f"{n}: " + ", ".join(f"{s.name}={agreement[s.name][n]}" for s in servers)
                        for n in differ
                    ),
                    file=sys.stderr,
                )
            for clients in (1, 4):
                for server in servers:
                    rdflib = server.name == "rdflib-endpoint"
                    stats = run(
                        server.url,
                        queries,
                        clients=clients,
                        time_limit=args.time_limit,
                        timeout=args.rdflib_timeout if rdflib else 60,
                    )
                    row = {
                        "size": size,
                        "mix": mix,
                        "clients": clients,
                        "server": server.name,
                        "stats": stats,
                        "memory_mb": server.memory_mb(),
                    }
                    rows.append(row)
                    print(
                        f"[{size}/{mix}/{clients}] {server.name}: {stats.done} requests, "
                        f"{len(stats.latencies) / stats.seconds:.1f} q/s, "
                        f"p50 {fmt_ms(stats.percentile(50))} ms, errors {stats.errors} "
                        f"{stats.error_samples[:1]}",
                        file=sys.stderr,
                    )
    finally:
        for server in servers:
            server.stop()
    return rows


def print_tables(
    rows: list[dict[str, object]], cold: dict[str, list[float]], args: argparse.Namespace
) -> None:
    print(
        f"\n{platform.node()} — {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    print(f"command: {' '.join(sys.argv)}\n")
    print(
        "| triples | mix | clients | server | requests | q/s | p50 ms | p95 ms | p99 ms "
        "| errors | memory MB | q/s ÷ oxigraph |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    groups: dict[tuple[object, ...], dict[str, RunStats]] = {}
    for row in rows:
        key = (row["size"], row["mix"], row["clients"])
        groups.setdefault(key, {})[str(row["server"])] = row["stats"]  # type: ignore[assignment]
    for row in rows:
        stats: RunStats = row["stats"]  # type: ignore[assignment]
        qps = len(stats.latencies) / stats.seconds if stats.seconds else 0.0
        reference = groups[(row["size"], row["mix"], row["clients"])].get("oxigraph")
        ratio = ""
        if reference is not None and reference.latencies:
            ratio = f"{qps / (len(reference.latencies) / reference.seconds):.2f}"
        print(
            f"| {row['size']} | {row['mix']} | {row['clients']} | {row['server']} "
            f"| {stats.done} | {qps:.1f} | {fmt_ms(stats.percentile(50))} "
            f"| {fmt_ms(stats.percentile(95))} | {fmt_ms(stats.percentile(99))} "
            f"| {stats.errors} | {row['memory_mb']:.0f} | {ratio} |"
        )
    print("\nThroughput ratios (q/s of pasb-kg divided by the other server's):\n")
    for (size, mix, clients), by_server in groups.items():
        ours = by_server.get("pasb-kg")
        if ours is None or not ours.seconds:
            continue
        cells = []
        for other, stats in by_server.items():
            if other != "pasb-kg" and stats.latencies:
                mine = len(ours.latencies) / ours.seconds
                cells.append(f"ours/{other} {mine / (len(stats.latencies) / stats.seconds):.2f}")
        print(f"- {size} triples, {mix}, {clients} client(s): " + ", ".join(cells))
    pairs = [(f"pasb-kg@{store}", store) for store in ("virtuoso", "oxigraph")]
    remote = [(key, ours, other) for key, by_server in groups.items()
              for ours, other in pairs if ours in by_server and other in by_server]
    if remote:
        print("\nOur service on a remote store against that store's own endpoint "
              "(overhead = 1 - q/s ratio):\n")
    for (size, mix, clients), ours, other in remote:
        mine, theirs = groups[(size, mix, clients)][ours], groups[(size, mix, clients)][other]
        if mine.seconds and theirs.latencies and mine.latencies:
            ratio = (len(mine.latencies) / mine.seconds) / (len(theirs.latencies) / theirs.seconds)
            print(f"- {size} triples, {mix}, {clients} client(s): {ours}/{other} {ratio:.2f} "
                  f"(overhead {100 * (1 - ratio):.0f}%)")
    print("\nPer-query median latency (ms), 1 client:\n")
    names = sorted({n for r in rows for n in r["stats"].per_query})  # type: ignore[attr-defined]
    servers = list(dict.fromkeys(str(r["server"]) for r in rows))
    sizes = list(dict.fromkeys(r["size"] for r in rows))
    print("| query | " + " | ".join(f"{s} {z}" for z in sizes for s in servers) + " |")
    print("|---|" + "---|" * (len(servers) * len(sizes)))
    for name in names:
        cells = []
        for size in sizes:
            for server in servers:
                found = [
                    r["stats"].per_query.get(name)
                    for r in rows  # type: ignore[attr-defined]
                    if r["size"] == size and r["server"] == server and r["clients"] == 1
                ]
                values = next((v for v in found if v), None)
                cells.append(fmt_ms(statistics.median(values)) if values else "—")
        print(f"| {name} | " + " | ".join(cells) + " |")
    if cold:
        print(
            "\nCold start of `pasb-kg serve` on the shipped graph (s, "
            f"{args.cold_repeats} runs): "
            + "; ".join(
                f"{case}: median {statistics.median(v):.2f}, max {max(v):.2f}"
                for case, v in cold.items()
            )
        )


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # run the finally blocks that stop the servers


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="*",
        default=[0, 100_000, 1_000_000],
        help="synthetic triples (0: the shipped graph alone)",
    )
    parser.add_argument(
        "--synthetic-mixes",
        nargs="*",
        default=["explore"],
        choices=["explore", "named"],
        help="mixes run on synthetic data",
    )
    parser.add_argument(
        "--fast-path",
        action="store_true",
        help="also run pasb-kg with the what-if fast path (see FAST_PATH)",
    )
    parser.add_argument("--requests", type=int, default=300, help="per run (upper bound)")
    parser.add_argument("--time-limit", type=float, default=30.0, help="seconds per run")
    parser.add_argument("--workers", type=int, help="pasb-kg query workers (default setting)")
    parser.add_argument(
        "--rdflib-max-size",
        type=int,
        default=1_000_000,
        help="largest size rdflib-endpoint is started for",
    )
    parser.add_argument(
        "--rdflib-load-limit",
        type=float,
        default=600.0,
        help="seconds rdflib-endpoint may take to load",
    )
    parser.add_argument(
        "--rdflib-timeout",
        type=float,
        default=10.0,
        help="per-query cap for rdflib-endpoint (a timeout counts as an error)",
    )
    parser.add_argument("--cold-repeats", type=int, default=3)
    parser.add_argument("--remote", action="store_true",
                        help="also run Virtuoso (Debian's) and our service on Virtuoso and "
                             "on Oxigraph server")
    args = parser.parse_args(argv)
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="sparql-bench-", dir=WORK) as tmp:
        for size in args.sizes:
            workdir = Path(tmp) / str(size)
            workdir.mkdir()
            rows += bench_size(size, args, workdir)
        cold = cold_start(Path(tmp), args.cold_repeats) if args.cold_repeats else {}
    print_tables(rows, cold, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
