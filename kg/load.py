"""``pasb-kg load``: bulk loading of RDF files into the embedded or a remote store.

Every file is read as a stream (gzip'd or not), so memory stays bounded whatever its
size. First it is parsed through once without storing anything: a malformed statement
stops the load before anything is written, with file, line and column (``--lenient``
instead skips and counts malformed lines of N-Triples and N-Quads). Then it is written:

- embedded store: Oxigraph's bulk loader (``Store.bulk_load``);
- Virtuoso, when the server can read the file itself (``virtuoso_load_dirs``,
  ``virtuoso_sql_port``): its bulk loader, ``ld_dir`` + ``rdf_loader_run`` through isql;
- any remote store otherwise: Graph Store uploads of ``store_upload_triples`` each.

Loading is idempotent: each target graph is emptied first, so a rerun replaces it. The
count is checked at the end. Progress shows as a bar (bytes, triples/s, ETA) on a
terminal and as log lines otherwise.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kg.errors import KGError, ParseError, StoreError
from kg.settings import Settings
from kg.sources import EXTENSIONS
from kg.store import OxigraphStore, _syntax_error

log = logging.getLogger(__name__)
LINE_FORMATS = (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)
LOG_EVERY = 5.0  # seconds between progress lines when not on a terminal


@dataclass
class LoadReport:
    """What one file's load did."""

    path: Path
    graph: str | None
    method: str
    parsed: int = 0
    skipped: int = 0
    stored: int | None = None
    seconds: float = 0.0


def file_format(path: Path) -> tuple[ox.RdfFormat, bool]:
    """The RDF format of ``path`` by its extension (``.gz`` after it), and whether it is
    gzip'd.

    :raises KGError: for an extension that is not an RDF one.
    """
    name = path.name.lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[:-3]
    suffix = name.rsplit(".", 1)[-1] if "." in name else ""
    if suffix not in EXTENSIONS or EXTENSIONS[suffix] is ox.RdfFormat.JSON_LD:
        known = ", ".join(f".{e}[.gz]" for e, f in EXTENSIONS.items()
                          if f is not ox.RdfFormat.JSON_LD)
        raise KGError(f"{path}: unknown RDF file extension (known: {known})")
    return EXTENSIONS[suffix], compressed


class Progress(io.RawIOBase):
    """A file reader that reports how far it got: a tqdm bar on a terminal, log lines
    otherwise."""

    def __init__(self, path: Path, *, label: str, bar: bool | None = None) -> None:
        super().__init__()
        self.path, self.label = path, label
        self.raw = path.open("rb")
        self.total = path.stat().st_size
        self.done = 0
        self.triples = 0
        self.started = self.last_log = time.monotonic()
        use_bar = sys.stderr.isatty() if bar is None else bar
        self.bar: Any = None
        if use_bar:
            from tqdm import tqdm

            self.bar = tqdm(total=self.total, unit="B", unit_scale=True, unit_divisor=1024,
                            desc=label, file=sys.stderr, dynamic_ncols=True)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self.raw.readinto(buffer)
        self.done += n or 0
        self.tick(n or 0)
        return n or 0

    def tick(self, n: int) -> None:
        now = time.monotonic()
        if self.bar is not None:
            self.bar.update(n)
            if self.triples:
                self.bar.set_postfix_str(f"{self.triples / max(now - self.started, 1e-9):,.0f}"
                                         " triples/s", refresh=False)
        elif now - self.last_log >= LOG_EVERY:
            self.last_log = now
            rate = self.done / max(now - self.started, 1e-9)
            eta = (self.total - self.done) / rate if rate else 0
            log.warning("%s: %.0f%% of %.1f MB, %s triples, %.0f triples/s, ETA %.0f s",
                        self.label, 100 * self.done / max(self.total, 1), self.total / 1e6,
                        f"{self.triples:,}", self.triples / max(now - self.started, 1e-9),
                        eta)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
        self.raw.close()
        super().close()


def _open(path: Path, *, label: str, bar: bool | None) -> tuple[Progress, IO[bytes]]:
    _, compressed = file_format(path)
    progress = Progress(path, label=label, bar=bar)
    buffered = io.BufferedReader(progress, buffer_size=1 << 20)
    return progress, (gzip.GzipFile(fileobj=buffered) if compressed else buffered)


def _parse_error(exc: SyntaxError, path: Path) -> ParseError:
    return _syntax_error(exc, file=path)


def check_file(path: Path, *, lenient: bool, bar: bool | None = None) -> tuple[int, int]:
    """Parse ``path`` through once without storing; return (statements, skipped lines).

    :raises ParseError: with file, line and column (unless ``lenient``).
    """
    fmt, _ = file_format(path)
    if lenient and fmt not in LINE_FORMATS:
        raise KGError(f"{path}: --lenient skips malformed lines of N-Triples and N-Quads "
                      f"only; a {fmt.name} file has no lines to skip")
    progress, stream = _open(path, label=f"checking {path.name}", bar=bar)
    try:
        if lenient:
            return _count_lenient(stream, fmt, progress)
        count = 0
        try:
            for _ in ox.parse(stream, format=fmt, base_iri=path.resolve().as_uri()):
                count += 1
                if count % 65536 == 0:
                    progress.triples = count
        except SyntaxError as exc:
            raise _parse_error(exc, path) from None
        except (ValueError, OSError, EOFError) as exc:
            raise ParseError(str(exc), file=path) from None
        return count, 0
    finally:
        stream.close()
        progress.close()


def _count_lenient(stream: IO[bytes], fmt: ox.RdfFormat, progress: Progress) -> tuple[int, int]:
    count = skipped = 0
    for chunk in _good_line_chunks(stream, fmt, progress.path):
        count += chunk[1]
        skipped += chunk[2]
        progress.triples = count
    return count, skipped


def _good_line_chunks(stream: IO[bytes], fmt: ox.RdfFormat, path: Path, *,
                      quiet: bool = False) -> Iterator[tuple[bytes, int, int]]:
    """(well-formed lines, their count, malformed lines skipped) per chunk: a chunk is
    parsed whole, and line by line only when it has a malformed line."""
    number = 0
    while True:
        lines = stream.readlines(1 << 22)
        if not lines:
            return
        data = b"".join(lines)
        try:
            n = sum(1 for _ in ox.parse(data, format=fmt))
            yield data, n, 0
        except (SyntaxError, ValueError):
            good, n, bad = [], 0, 0
            for i, line in enumerate(lines, number + 1):
                try:
                    parsed = sum(1 for _ in ox.parse(line, format=fmt))
                except (SyntaxError, ValueError) as exc:
                    bad += 1
                    if bad <= 5 and not quiet:
                        message = str(exc).split(": ", 1)[-1].split(" (line")[0]
                        log.warning("%s:%d: malformed line skipped: %s", path, i, message)
                    continue
                good.append(line)
                n += parsed
            yield b"".join(good), n, bad
        number += len(lines)


# -- writing ---------------------------------------------------------------------------------
def load_file(store: Any, path: Path, *, settings: Settings, graph: str | None = None,
              lenient: bool = False, bar: bool | None = None) -> LoadReport:
    """Check, then load one file into ``store`` (an :class:`OxigraphStore` or a
    :class:`~kg.store.remote.SparqlStore`), replacing its target graph.

    :param graph: the named graph for a triple format (default: the default graph);
        quad formats keep their own graphs, each replaced.
    """
    started = time.perf_counter()
    fmt, _ = file_format(path)
    if graph is not None and fmt.supports_datasets:
        raise KGError(f"{path}: --graph does not apply to a {fmt.name} file, whose "
                      "statements name their own graphs")
    parsed, skipped = check_file(path, lenient=lenient, bar=bar)
    if isinstance(store, OxigraphStore):
        report = _load_embedded(store, path, fmt, graph, lenient, bar)
    else:
        report = _load_remote(store, path, fmt, graph, lenient, bar, settings)
    report.parsed, report.skipped = parsed, skipped
    if report.stored is not None and (report.stored > parsed or (parsed and not report.stored)):
        raise StoreError(f"{path}: {parsed} statements parsed but the store holds "
                         f"{report.stored}; the load did not complete")
    report.seconds = time.perf_counter() - started
    return report


def _graphs_in(path: Path, fmt: ox.RdfFormat, graph: str | None) -> list[str | None]:
    if not fmt.supports_datasets:
        return [graph]
    found: dict[str | None, None] = {}
    _, stream = _open(path, label="graphs", bar=False)
    with stream:
        for q in ox.parse(stream, format=fmt, lenient=True):
            found[q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else None] = None
    return list(found)


def _load_embedded(store: OxigraphStore, path: Path, fmt: ox.RdfFormat, graph: str | None,
                   lenient: bool, bar: bool | None) -> LoadReport:
    graphs = _graphs_in(path, fmt, graph)
    for name in graphs:  # idempotent: each target graph is replaced
        store.update(f"DROP SILENT GRAPH <{name}>" if name else "DROP SILENT DEFAULT")
    target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    kwargs = {} if fmt.supports_datasets else {"to_graph": target}
    progress, stream = _open(path, label=f"loading {path.name}", bar=bar)
    oxi = store.oxigraph
    try:
        if lenient:
            for data, _, _ in _good_line_chunks(stream, fmt, path, quiet=True):
                oxi.bulk_load(data, format=fmt, **kwargs)
        else:
            oxi.bulk_load(stream, format=fmt, base_iri=path.resolve().as_uri(), **kwargs)
    finally:
        stream.close()
        progress.close()
    store.flush()
    stored = sum(_count_graph(oxi, g) for g in graphs)
    return LoadReport(path, graph, "Oxigraph bulk loader", stored=stored)


def _count_graph(oxi: ox.Store, graph: str | None) -> int:
    target = [ox.NamedNode(graph)] if graph else [ox.DefaultGraph()]
    result = oxi.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=target)
    return int(next(iter(result))["n"].value)


def _load_remote(store: Any, path: Path, fmt: ox.RdfFormat, graph: str | None,
                 lenient: bool, bar: bool | None, settings: Settings) -> LoadReport:
    if (store.dialect.name == "virtuoso" and settings.virtuoso_sql_port and not lenient
            and _readable_by_server(path, settings)):
        return _load_virtuoso_bulk(store, path, fmt, graph, settings)
    graphs = _graphs_in(path, fmt, graph)
    for name in graphs:
        store.delete_graph(name)
    batch: dict[str | None, list[ox.Triple]] = {}
    size = max(1, settings.store_upload_triples)
    progress, stream = _open(path, label=f"uploading {path.name}", bar=bar)
    sent = 0
    try:
        source = (_lenient_quads(stream, fmt, path) if lenient else
                  ox.parse(stream, format=fmt, base_iri=path.resolve().as_uri()))
        for q in source:
            name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else graph
            triples = batch.setdefault(name, [])
            triples.append(q.triple)
            if len(triples) >= size:
                store.write_graph(name, triples, replace=False)
                sent += len(triples)
                progress.triples = sent
                triples.clear()
        for name, triples in batch.items():
            if triples:
                store.write_graph(name, triples, replace=False)
    finally:
        stream.close()
        progress.close()
    stored = sum(store.count(name) if name else store.count_default() for name in graphs)
    return LoadReport(path, graph, f"Graph Store uploads to {store.dialect.name}",
                      stored=stored)


def _lenient_quads(stream: IO[bytes], fmt: ox.RdfFormat, path: Path) -> Iterator[ox.Quad]:
    for data, _, _ in _good_line_chunks(stream, fmt, path, quiet=True):
        yield from ox.parse(data, format=fmt)


def _readable_by_server(path: Path, settings: Settings) -> bool:
    resolved = path.resolve()
    return any(resolved.is_relative_to(Path(d).resolve()) for d in settings.virtuoso_load_dirs)


def _load_virtuoso_bulk(store: Any, path: Path, fmt: ox.RdfFormat, graph: str | None,
                        settings: Settings) -> LoadReport:
    from kg.store.virtuoso import DEFAULT_GRAPH

    if fmt.supports_datasets:
        raise KGError(f"{path}: Virtuoso's bulk loader is used for triple files here; load "
                      "quads with the Graph Store (leave virtuoso_sql_port unset)")
    target = graph or DEFAULT_GRAPH
    resolved = path.resolve()
    store.delete_graph(graph)
    sql = (f"DELETE FROM DB.DBA.load_list WHERE ll_file = '{_sql(str(resolved))}'; "
           f"ld_dir('{_sql(str(resolved.parent))}', '{_sql(resolved.name)}', "
           f"'{_sql(target)}'); rdf_loader_run(); checkpoint; "
           f"SELECT ll_state, ll_error FROM DB.DBA.load_list WHERE ll_file = "
           f"'{_sql(str(resolved))}';")
    credentials = settings.resolved_store_credentials()
    user, password = credentials or ("dba", "dba")
    host = store.location.origin().split("//", 1)[1].rsplit(":", 1)[0]
    result = subprocess.run([settings.virtuoso_isql, f"{host}:{settings.virtuoso_sql_port}",
                             user, password, f"exec={sql}"], capture_output=True, text=True,
                            check=False, env={**os.environ})
    output = result.stdout + result.stderr
    if result.returncode != 0 or "*** Error" in output:
        raise StoreError(f"{path}: Virtuoso's bulk loader failed: "
                         f"{output.strip().splitlines()[-1] if output.strip() else ''}")
    if "NULL" not in output.split("ll_error")[-1]:
        raise StoreError(f"{path}: Virtuoso's bulk loader reported: {output.strip()[-300:]}")
    return LoadReport(path, graph, "Virtuoso bulk loader (ld_dir, rdf_loader_run)",
                      stored=store.count(graph) if graph else store.count_default())


def _sql(text: str) -> str:
    if "'" in text or "\n" in text:
        raise KGError(f"{text!r}: quotes and newlines are not allowed in a bulk-loaded path")
    return text
