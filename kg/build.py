"""Build the store: parse every source, validate, load — all or nothing.

On disk, a build goes to a fresh directory that replaces the old store only when it is
complete, so a syntax or validation error leaves the previous store untouched. The store
remembers a fingerprint of its sources; :func:`ensure_store` rebuilds only when stale.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph

from kg import __version__
from kg.errors import ValidationError
from kg.settings import Settings
from kg.sources import Source, data_sources, ontology_sources, parse_source, shapes_paths
from kg.store import OxigraphStore

if TYPE_CHECKING:
    from kg.store.remote import SparqlStore

log = logging.getLogger(__name__)

FINGERPRINT_FILE = "pasb-kg-build.json"
DB_DIR = "oxigraph"


@dataclass
class BuildReport:
    """What a build did: quads per source, totals and timing."""

    quads_per_source: dict[str, int] = field(default_factory=dict)
    total_quads: int = 0
    validated: bool = False
    rebuilt: bool = True
    seconds: float = 0.0


def selected_sources(settings: Settings, *, extra: Sequence[Source] = ()) -> list[Source]:
    """The sources of a build: ontology + data (unless ``load_kg`` is off) + extras."""
    shipped = (ontology_sources(settings.ontology_dir) + data_sources(settings.data_dir)
               if settings.load_kg else [])
    return [*shipped, *extra]


def fingerprint(sources: Sequence[Source]) -> str:
    """A digest of the sources' names, graphs and contents, and of this version."""
    digest = hashlib.sha256(__version__.encode())
    for source in sources:
        digest.update(str(source.path.resolve()).encode() + b"\0")
        digest.update((source.graph or "").encode() + b"\0")
        digest.update(hashlib.sha256(source.read()).digest())
    return digest.hexdigest()


def parse_all(sources: Sequence[Source]) -> dict[Source, list[ox.Quad]]:
    """Parse every source before anything is loaded (a syntax error loads nothing)."""
    return {source: parse_source(source) for source in sources}


def to_rdflib_graph(quads: Sequence[ox.Quad]) -> Graph:
    """Merge quads into one rdflib graph (for validation)."""
    graph = Graph()
    graph.parse(data=ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES),
                format="nt")
    return graph


def validate_parsed(parsed: dict[Source, list[ox.Quad]], settings: Settings) -> None:
    """Validate the data files against the ontology and shapes.

    :raises ValidationError: with the readable report.
    """
    from kg.validate import validate  # pySHACL is heavy; import only when validating

    ontology_paths = {s.path for s in ontology_sources(settings.ontology_dir)}
    ontology = to_rdflib_graph([q for s, qs in parsed.items() if s.path in ontology_paths
                                for q in qs])
    data = to_rdflib_graph([q for s, qs in parsed.items() if s.path not in ontology_paths
                            for q in qs])
    shapes = to_rdflib_graph([
        q for path in shapes_paths(settings.ontology_dir)
        for q in parse_source(Source(path, None, ox.RdfFormat.TURTLE))
    ])
    report = validate(data, ontology, shapes)
    report.results.extend(check_statement_kinds(parsed, data + ontology))
    if not report.conforms:
        raise ValidationError(report.text())


def check_statement_kinds(parsed: dict[Source, list[ox.Quad]], union: Graph) -> list:
    """Each named graph against the promise of its kind of statement (:mod:`kg.fidelity`):
    one violation per problem, the graph's IRI as the focus."""
    from kg.fidelity import graph_problems
    from kg.validate import Violation

    by_graph: dict[str, list[ox.Quad]] = {}
    for quads in parsed.values():
        for quad in quads:
            name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else None
            if name is not None:
                by_graph.setdefault(name, []).append(quad)
    return [Violation(focus_node=name, path=None, message=problem, source="statement-kinds")
            for name, quads in sorted(by_graph.items())
            for problem in graph_problems(name, to_rdflib_graph(quads), union)]


def load_into(store: OxigraphStore, parsed: dict[Source, list[ox.Quad]]) -> dict[str, int]:
    """Load parsed quads into ``store``; return the count per source file."""
    counts: dict[str, int] = {}
    for source, quads in parsed.items():
        store.load_quads(quads)
        counts[str(source.path)] = len(quads)
    store.flush()
    return counts


def build(
    settings: Settings,
    *,
    extra: Sequence[Source] = (),
    validate: bool = True,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> tuple[OxigraphStore, BuildReport]:
    """Build (or reuse) the store described by ``settings``.

    :param progress: called with a short line before each step of a (re)build, so a
        long first build is not silent.

    :param extra: further files to load (``--load``), validated only for syntax.
    :param validate: run SHACL and the ontology checks over the shipped data.
    :param force: rebuild even when the on-disk store is up to date.
    :raises ParseError: a source has a syntax error; nothing was loaded.
    :raises ValidationError: the data does not validate; nothing was loaded.
    """
    started = time.perf_counter()
    sources = selected_sources(settings, extra=extra)
    path = settings.store_path()
    report = BuildReport()
    if path is not None and not force:
        reused = _reuse(path, fingerprint(sources), settings)
        if reused is not None:
            report.rebuilt = False
            report.total_quads = len(reused)
            report.seconds = time.perf_counter() - started
            return reused, report

    say = progress or (lambda line: None)
    where = path or "memory"
    say(f"building the store at {where} (first run, or its sources changed): "
        f"parsing {len(sources)} files")
    parsed = parse_all(sources)
    if validate and settings.load_kg:
        say("validating with SHACL and the ontology")
        validate_parsed({s: q for s, q in parsed.items() if s not in extra}, settings)
        report.validated = True
    say(f"loading {sum(len(q) for q in parsed.values())} quads")

    if path is None:
        store = OxigraphStore(union_default_graph=settings.union_default_graph)
        report.quads_per_source = load_into(store, parsed)
    else:
        store = _build_on_disk(path, parsed, fingerprint(sources), settings, report)
    report.total_quads = len(store)
    report.seconds = time.perf_counter() - started
    return store, report


def _reuse(path: Path, digest: str, settings: Settings) -> OxigraphStore | None:
    meta = path / FINGERPRINT_FILE
    try:
        if json.loads(meta.read_text())["fingerprint"] != digest:
            return None
    except (OSError, ValueError, KeyError):
        return None
    return OxigraphStore(path / DB_DIR, union_default_graph=settings.union_default_graph)


def _build_on_disk(
    path: Path,
    parsed: dict[Source, list[ox.Quad]],
    digest: str,
    settings: Settings,
    report: BuildReport,
) -> OxigraphStore:
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(path.name + ".building")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    store = OxigraphStore(staging / DB_DIR)
    report.quads_per_source = load_into(store, parsed)
    del store  # close RocksDB before the directory moves
    (staging / FINGERPRINT_FILE).write_text(
        json.dumps({"fingerprint": digest, "version": __version__,
                    "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})
    )
    old = path.with_name(path.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if path.exists():
        path.rename(old)
    staging.rename(path)
    shutil.rmtree(old, ignore_errors=True)
    log.info("built store at %s", path)
    return OxigraphStore(path / DB_DIR, union_default_graph=settings.union_default_graph)


def open_store(settings: Settings, *, read_only: bool = False) -> OxigraphStore:
    """Open an existing on-disk store without building (for worker processes)."""
    path = settings.store_path()
    if path is None:
        raise ValueError("an in-memory store cannot be reopened")
    return OxigraphStore(path / DB_DIR, read_only=read_only,
                         union_default_graph=settings.union_default_graph)


def build_remote(
    settings: Settings,
    *,
    store: SparqlStore | None = None,
    extra: Sequence[Source] = (),
    validate: bool = True,
    missing_only: bool = False,
) -> BuildReport:
    """Load the sources into the remote store of ``settings``, graph by graph.

    Every source is parsed (and the shipped data validated) before anything is sent, so a
    syntax or validation error changes nothing. Each graph is replaced whole (Graph Store
    PUT), so a rerun never duplicates; its triple count is checked afterwards.

    :param missing_only: load only the graphs the store does not have yet (``serve``),
        plus ``extra``.
    :raises StoreError: the store is unreachable, refuses a write or ends up with other
        counts than were sent.
    """
    from kg.errors import StoreError
    from kg.store.remote import SparqlStore

    started = time.perf_counter()
    store = store or SparqlStore.from_settings(settings)
    sources = selected_sources(settings, extra=extra)
    if missing_only:
        present = set(store.graphs(timeout=max(settings.query_timeout, 120.0)))
        sources = [s for s in sources if s in extra or s.graph not in present]
    parsed = parse_all(sources)
    report = BuildReport(rebuilt=bool(sources))
    if validate and settings.load_kg and not missing_only:
        validate_parsed({s: q for s, q in parsed.items() if s not in extra}, settings)
        report.validated = True
    by_graph: dict[str | None, list[ox.Triple]] = {}
    for source, quads in parsed.items():
        for q in quads:
            graph = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else None
            by_graph.setdefault(graph, []).append(q.triple)
        report.quads_per_source[str(source.path)] = len(quads)
    for triples in by_graph.values():
        store.check_lossless(triples)
    for graph, triples in by_graph.items():
        unique = list(dict.fromkeys(triples))
        store.write_graph(graph, unique, replace=True)
        stored = store.count(graph) if graph is not None else None
        if stored is not None and stored != len(unique):
            raise StoreError(f"graph <{graph}>: sent {len(unique)} triples, the store holds "
                             f"{stored}")
        log.info("loaded %d triples into <%s>", len(unique), graph or "default graph")
    report.total_quads = sum(len(set(t)) for t in by_graph.values())
    report.seconds = time.perf_counter() - started
    return report


def validate_store(store: SparqlStore, settings: Settings) -> None:
    """Validate what a remote store holds: its ontology graphs (by the names
    :mod:`kg.sources` gives them) against the shapes, the other graphs as data.

    :raises ValidationError: with the readable report.
    """
    ontology_graphs = {s.graph for s in ontology_sources(settings.ontology_dir)}
    parsed: dict[Source, list[ox.Quad]] = {}
    ontology, data = Source(Path("<store ontology>"), None, ox.RdfFormat.N_QUADS), \
        Source(Path("<store data>"), None, ox.RdfFormat.N_QUADS)
    parsed[ontology], parsed[data] = [], []
    for quad in store.quads():
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else None
        parsed[ontology if name in ontology_graphs else data].append(quad)
    from kg.validate import validate

    report = validate(to_rdflib_graph(parsed[data]), to_rdflib_graph(parsed[ontology]),
                      to_rdflib_graph([q for path in shapes_paths(settings.ontology_dir)
                                       for q in parse_source(Source(path, None,
                                                                    ox.RdfFormat.TURTLE))]))
    if not report.conforms:
        raise ValidationError(report.text())
