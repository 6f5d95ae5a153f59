"""Settings as data: one table of (name, default, help), overridable by CLI flags and
``PASB_*`` environment variables.

Nothing is read from the environment at import time: call :meth:`Settings.from_env`.

>>> s = Settings.from_env({"PASB_QUERY_TIMEOUT": "5"})
>>> s.query_timeout
5.0
>>> s.port
8080
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from kg.errors import KGError


class SettingError(KGError):
    """A setting has a value of the wrong form."""


def _bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a boolean: {text!r}")


def _list(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.replace("\n", ",").split(",") if item.strip())


def _optional_path(text: str) -> Path | None:
    return Path(text) if text else None


def _store(text: str) -> Path | str | None:
    """A store directory, or a remote store's ``sparql+http(s)://`` location (kept as text:
    a :class:`~pathlib.Path` would fold its ``//``)."""
    if not text:
        return None
    if text.startswith(REMOTE_SCHEMES):
        return text
    if text.startswith("sparql+"):
        raise ValueError(f"{text!r}: a remote store is sparql+http://… or sparql+https://…")
    return Path(text)


def _choice(*allowed: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = text.strip().lower()
        if value not in allowed:
            raise ValueError(f"expected one of {'|'.join(allowed)}, not {text!r}")
        return value

    return parse


def _setting(default: Any, help: str, parse: Callable[[str], Any], *,
             secret: bool = False) -> Any:
    return field(default=default, repr=not secret,
                 metadata={"help": help, "parse": parse, "secret": secret})


#: Location prefixes that name a remote SPARQL store instead of a directory.
REMOTE_SCHEMES = ("sparql+http://", "sparql+https://")


def default_data_dir() -> Path:
    """Where the embedded store lives unless ``PASB_STORE`` says otherwise."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "pasb-kg"


@dataclass(frozen=True)
class Settings:
    """Every tunable of pasb-kg. Each field's metadata carries its help text."""

    host: str = _setting("127.0.0.1", "Interface the service listens on.", str)
    port: int = _setting(8080, "TCP port of the service.", int)
    workers: int = _setting(2, "Query worker processes (each can be stopped on timeout).", int)
    threads: int = _setting(8, "HTTP threads of the WSGI server.", int)
    store: Path | str | None = _setting(
        None, "Directory of the embedded Oxigraph store (default: a per-user data dir), or "
        "a remote SPARQL store as sparql+http://HOST:PORT/PATH (or sparql+https://): its "
        "query endpoint.", _store,
    )
    store_update: str | None = _setting(
        None, "Update endpoint of the remote store (default: the dialect's, e.g. "
        "/sparql-auth on Virtuoso when credentials are set, /update on Oxigraph server).",
        lambda t: t or None,
    )
    store_graph_store: str | None = _setting(
        None, "Graph Store endpoint of the remote store (default: the dialect's, e.g. "
        "/sparql-graph-crud-auth on Virtuoso, /store on Oxigraph server).",
        lambda t: t or None,
    )
    store_dialect: str = _setting(
        "auto", "What the remote store is: auto (from its Server header), virtuoso, "
        "oxigraph or generic (any SPARQL 1.1 store).",
        _choice("auto", "virtuoso", "oxigraph", "generic"),
    )
    store_credentials: str | None = _setting(
        None, "USER:PASSWORD for the remote store; only from the environment "
        "(PASB_STORE_CREDENTIALS), never a flag, never logged.", lambda t: t or None,
        secret=True,
    )
    store_credentials_file: Path | None = _setting(
        None, "File whose first line is USER:PASSWORD for the remote store.", _optional_path
    )
    store_auth: str = _setting(
        "digest", "HTTP authentication for the remote store's credentials: digest or basic.",
        _choice("digest", "basic"),
    )
    store_insecure_credentials: bool = _setting(
        False, "Allow sending the remote store's credentials over plain HTTP to a host "
        "that is not loopback (they would cross the network readable).", _bool,
    )
    store_connect_timeout: float = _setting(
        5.0, "Seconds to wait for a connection to the remote store.", float
    )
    store_retries: int = _setting(
        2, "Retries of a read from the remote store that failed before an answer (no "
        "connection, 502/503/504); writes are retried only when nothing was sent.", int,
    )
    store_backoff: float = _setting(
        0.5, "First pause in seconds before retrying the remote store; doubled each time.",
        float,
    )
    store_max_rows: int = _setting(
        0, "Most rows the remote store returns for one query (Virtuoso's "
        "ResultSetMaxRows); 0: learn it from the store (X-SPARQL-MaxRows, a probe).", int,
    )
    store_page_rows: int = _setting(
        9000, "Rows per page when whole graphs are read from a remote store in keyset "
        "pages (dumps, Graph Store GET, network extraction); below the store's cap.", int,
    )
    store_upload_triples: int = _setting(
        100_000, "Most triples per Graph Store POST when loading into a remote store.", int
    )
    store_cache_seconds: float = _setting(
        5.0, "Seconds the service keeps statistics and network views of a remote store "
        "(other instances may write it; its own writes drop them at once).", float,
    )
    store_lossy_literals: bool = _setting(
        False, "Write literals the remote store cannot give back unchanged (Virtuoso: "
        "xsd:double/float to 6 digits, durations as numbers, integers past 64 bits) "
        "instead of refusing them.", _bool,
    )
    virtuoso_public_system_graphs: bool = _setting(
        False, "Serve a Virtuoso whose system graphs (virtrdf: ...) every user may read; "
        "their triples are then part of the union default graph (docs/scaling.md says how "
        "to make them private instead).", _bool,
    )
    virtuoso_isql: str = _setting(
        "isql-vt", "Virtuoso's isql program, for its bulk loader (ld_dir, rdf_loader_run).",
        str,
    )
    virtuoso_sql_port: int = _setting(
        0, "Virtuoso's SQL port for the bulk loader (0: never use isql; load by Graph "
        "Store uploads).", int,
    )
    virtuoso_load_dirs: tuple[str, ...] = _setting(
        (), "Directories the Virtuoso server may read (its DirsAllowed), comma separated; "
        "files under them load with its bulk loader.", _list,
    )
    memory: bool = _setting(False, "Use a throw-away in-memory store.", _bool)
    load_kg: bool = _setting(True, "Load the shipped ontology and knowledge graph.", _bool)
    ontology_dir: Path | None = _setting(
        None, "Directory of the ontology files (default: the shipped ontology/).", _optional_path
    )
    data_dir: Path | None = _setting(
        None, "Directory of the knowledge-graph files (default: the shipped kg/data/).",
        _optional_path,
    )
    base_iri: str = _setting(
        "https://w3id.org/pasb/", "Base of the canonical IRIs that the service maps to itself.",
        str,
    )
    union_default_graph: bool = _setting(
        True, "Query the union of all named graphs as the default graph.", _bool
    )
    query_timeout: float = _setting(30.0, "Seconds before a query is stopped.", float)
    update_timeout: float = _setting(60.0, "Seconds before an update is stopped.", float)
    max_body_bytes: int = _setting(
        10 * 1024 * 1024, "Largest request body accepted, in bytes.", int
    )
    max_result_rows: int = _setting(
        100_000, "Most rows a SELECT returns; a cut result says so.", int
    )
    max_concurrent_per_client: int = _setting(
        4, "Queries one client address may have running at once.", int
    )
    update_token: str | None = _setting(
        None, "Bearer token that enables updates and Graph Store writes.", lambda t: t or None
    )
    update_token_file: Path | None = _setting(
        None, "File holding the update token.", _optional_path
    )
    federation_allowlist: tuple[str, ...] = _setting(
        (), "SPARQL endpoints that SERVICE may call (comma separated).", _list
    )
    federation_timeout: float = _setting(10.0, "Seconds a SERVICE call may take.", float)
    betweenness_exact_limit: int = _setting(
        5000, "Largest network (nodes) whose betweenness is computed exactly.", int
    )
    betweenness_sample: int = _setting(
        500, "Pivot nodes sampled for betweenness above the exact limit.", int
    )
    network_igraph_limit: int = _setting(
        10_000, "Most ties of a network measured with networkx alone; above it betweenness, "
        "closeness, constraint, k-cores, Louvain and donor mediation run on python-igraph "
        "(same values, C speed).", int
    )
    network_parallel_limit: int = _setting(
        1_000_000, "Most ties whose shortest-path searches (betweenness, closeness) run in "
        "one process; above it they are spread over network_processes processes.", int
    )
    network_processes: int = _setting(
        0, "Processes for the shortest-path searches of networks above "
        "network_parallel_limit ties (0: one per CPU).", int
    )
    closeness_exact_limit: int = _setting(
        5000, "Largest network (nodes) whose closeness and harmonic closeness are exact; "
        "above it they are estimated from sampled sources.", int
    )
    closeness_sample: int = _setting(
        100, "Source nodes sampled for closeness above the exact limit.", int
    )
    structural_holes_exact_limit: int = _setting(
        200_000, "Most ties for which effective size, efficiency and hierarchy are computed "
        "(quadratic in degree); above it only constraint is, and the output says so.", int
    )
    constraint_limit: int = _setting(
        2_000_000, "Most ties for which Burt's constraint is computed (igraph; cost grows "
        "with the square of degree); above it every structural-hole measure is left out "
        "and the output says so.", int
    )
    betweenness_large_limit: int = _setting(
        2_000_000, "Most ties measured with betweenness_sample pivots; above it "
        "betweenness (and its Freeman centralisation) uses betweenness_large_sample "
        "pivots.", int
    )
    betweenness_large_sample: int = _setting(
        50, "Pivot nodes sampled for betweenness above betweenness_large_limit ties.", int
    )
    closeness_large_sample: int = _setting(
        50, "Source nodes sampled for closeness and harmonic closeness above "
        "betweenness_large_limit ties.", int
    )
    centralization_large_sample: int = _setting(
        25, "Pivot nodes sampled for Freeman betweenness and closeness centralisation "
        "above betweenness_large_limit ties (they need only the largest and the mean "
        "score).", int
    )
    brokerage_limit: int = _setting(
        2_000_000, "Most ties of an undirected network whose Gould-Fernandez brokerage "
        "is counted (cost grows with the square of degree); above it brokerage is left "
        "out and the output says so (the directed delegation network is always counted).",
        int
    )
    two_mode_exact_limit: int = _setting(
        5000, "Largest affiliation network (nodes) whose two-mode betweenness and closeness "
        "are computed; above it they are left out and the output says so.", int
    )
    overlap_programme_limit: int = _setting(
        2000, "Most programmes whose pairwise Jaccard overlap is computed (quadratic); "
        "above it the overlap is left out and the output says so.", int
    )
    user_agent: str = _setting(
        "pasb-kg/0.1 (https://w3id.org/pasb; research knowledge graph)",
        "User-Agent sent to remote endpoints.", str,
    )
    http_cache_dir: Path | None = _setting(
        None, "Cache of remote SPARQL answers (default: under the data dir).", _optional_path
    )
    remote_timeout: float = _setting(
        60.0, "Seconds one request to a remote SPARQL endpoint may take (link, enrich).", float
    )
    remote_retries: int = _setting(
        4, "Retries of a failed remote request (429, 5xx, timeout), with exponential back-off.",
        int,
    )
    remote_backoff: float = _setting(
        2.0, "First back-off in seconds before a retry; doubled on each further retry.", float
    )
    remote_min_interval: float = _setting(
        1.0, "Least seconds between two requests to remote endpoints (one at a time).", float
    )
    remote_max_retry_after: float = _setting(
        300.0, "Longest Retry-After (seconds) honoured; a longer one fails the request.", float
    )
    federation_mirrors: tuple[str, ...] = _setting(
        (), "SERVICE IRI=URL pairs (comma separated): call URL when a query names IRI "
        "(a mirror, or a local test server).", _list
    )
    resource_redirect: bool = _setting(
        True, "Answer /resource/<slug> with 303 See Other to the negotiated document "
        "(/resource/<slug>.ttl, .html, ...); off: 200 with Content-Location.", _bool
    )
    completion_max_terms: int = _setting(
        20_000, "Most classes, properties and resources the query editor's typeahead "
        "offers (/query/terms.json; classes first, then properties, then resources).", int
    )
    query_page_rows: int = _setting(
        50, "Rows per page of the query page's result table.", int
    )
    query_chart_rows: int = _setting(
        60, "Most rows the query page's chart and timeline draw (the table has them all).",
        int
    )
    query_graph_nodes: int = _setting(
        500, "Most resources the query page's graph view draws (the Triples view lists "
        "them all).", int
    )
    search_page_size: int = _setting(
        20, "Results per page of /search and /search.json when limit= is not given.", int
    )
    search_max_page_size: int = _setting(
        100, "Largest limit= a search may ask for.", int
    )
    search_max_query_chars: int = _setting(
        200, "Longest search text (q=) accepted, in characters.", int
    )
    search_max_words: int = _setting(
        12, "Most words a search text may hold (each must match).", int
    )
    search_snippet_chars: int = _setting(
        160, "Length of the quoted text shown with each search result, in characters.", int
    )
    site_title: str = _setting(
        "PASB knowledge graph", "Name of the dataset in its metadata (VoID, DCAT, schema.org).",
        str,
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from defaults, then ``PASB_<NAME>`` variables, then ``overrides``.

        :param environ: the environment to read (default: :data:`os.environ`).
        :param overrides: values that win over the environment (e.g. CLI flags); ``None``
            values are ignored so unset flags do not mask the environment.
        :raises SettingError: naming the variable when a value has the wrong form.
        """
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            var = "PASB_" + f.name.upper()
            if var in environ:
                try:
                    values[f.name] = f.metadata["parse"](environ[var])
                except ValueError as exc:
                    raise SettingError(f"{var}={environ[var]!r}: {exc}") from None
        unknown = set(overrides) - {f.name for f in fields(cls)}
        if unknown:
            raise SettingError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        """Return a copy with ``changes`` applied."""
        return replace(self, **changes)

    def store_path(self) -> Path | None:
        """The on-disk store directory, or ``None`` for an in-memory store.

        :raises SettingError: when the store is a remote one (see :meth:`remote_store`).
        """
        if self.memory:
            return None
        if isinstance(self.store, str):
            raise SettingError(f"store {self.store}: a remote store has no directory")
        return self.store or default_data_dir() / "store"

    @property
    def remote(self) -> bool:
        """Whether the store is a remote SPARQL store."""
        return isinstance(self.store, str) and not self.memory

    def resolved_store_credentials(self) -> tuple[str, str] | None:
        """(user, password) of the remote store, from the environment or the file."""
        text = self.store_credentials
        where = "PASB_STORE_CREDENTIALS"
        if not text and self.store_credentials_file:
            where = f"store_credentials_file {self.store_credentials_file}"
            try:
                lines = self.store_credentials_file.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise SettingError(f"{where}: {exc.strerror or exc}") from None
            text = lines[0].strip() if lines else ""
        if not text:
            return None
        user, sep, password = text.partition(":")
        if not sep or not user:
            raise SettingError(f"{where}: expected USER:PASSWORD on the first line")
        return user, password

    def resolved_update_token(self) -> str | None:
        """The update token from the setting or the token file (stripped), if any."""
        if self.update_token:
            return self.update_token
        if self.update_token_file:
            try:
                token = self.update_token_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise SettingError(f"update_token_file {self.update_token_file}: {exc}") from None
            return token or None
        return None


def describe_settings() -> list[tuple[str, Any, str]]:
    """Return (name, default, help) for every setting, in declaration order."""
    return [(f.name, f.default, f.metadata["help"]) for f in fields(Settings)]
