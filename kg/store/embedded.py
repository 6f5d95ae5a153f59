"""The one storage boundary: every query, update and load goes through a :class:`Store`.

The embedded backend: :class:`OxigraphStore` (pyoxigraph, on disk or in memory; the
default). The remote one is :class:`kg.store.remote.SparqlStore`.
Both offer :meth:`select`, :meth:`ask` and :meth:`construct` returning rdflib terms;
:func:`select_values` is the fast path for bulk reads (plain strings, no rdflib terms).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.term import Node

from kg.errors import ParseError, QueryError, QuerySyntaxError, StoreError
from kg.terms import to_oxigraph, to_rdflib

log = logging.getLogger(__name__)

Row = dict[str, Node]
#: One solution of :func:`select_values`: the lexical form of each requested variable
#: (IRIs and blank-node ids as strings), ``None`` where it is unbound.
ValueRow = tuple[str | None, ...]


@runtime_checkable
class Store(Protocol):
    """What the rest of :mod:`kg` needs from a store."""

    def select(self, sparql: str, *, bindings: Mapping[str, Node] | None = None) -> list[Row]:
        """Run a SELECT query; one dict per solution, unbound variables left out."""

    def ask(self, sparql: str, *, bindings: Mapping[str, Node] | None = None) -> bool:
        """Run an ASK query."""

    def construct(self, sparql: str, *, bindings: Mapping[str, Node] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query into an rdflib graph."""


def _syntax_error(exc: SyntaxError, *, file: str | Path | None = None) -> ParseError:
    """Turn a pyoxigraph ``SyntaxError`` into a :class:`ParseError` with its position."""
    message = str(exc.msg) if exc.msg else str(exc)
    line, column = exc.lineno, exc.offset
    if line is None:
        # Query parser messages read "error at LINE:COLUMN: …".
        head, _, rest = message.partition(": ")
        if head.startswith("error at ") and rest:
            pos = head.removeprefix("error at ").split(":")
            if len(pos) == 2 and all(p.isdigit() for p in pos):
                line, column, message = int(pos[0]), int(pos[1]), rest
    cls = ParseError if file is not None else QuerySyntaxError
    return cls(message, file=file, line=line, column=column)


class OxigraphStore:
    """An embedded Oxigraph store.

    :param path: directory of an on-disk store; ``None`` for a throw-away in-memory store.
    :param read_only: open an existing on-disk store read-only (several processes may).
    :param union_default_graph: query the union of all graphs as the default graph.

    >>> store = OxigraphStore()
    >>> store.load(b"<http://e/a> <http://e/b> 1 .", format=ox.RdfFormat.TURTLE)
    >>> store.select("SELECT ?o WHERE { <http://e/a> ?p ?o }")[0]["o"].toPython()
    1
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        read_only: bool = False,
        union_default_graph: bool = True,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.union_default_graph = union_default_graph
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc

    @classmethod
    def wrap(cls, store: ox.Store, *, union_default_graph: bool = True) -> OxigraphStore:
        """Wrap an already open :class:`pyoxigraph.Store` (e.g. a worker's snapshot)."""
        self = cls.__new__(cls)
        self.path, self.union_default_graph, self._store = None, union_default_graph, store
        return self

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store` (for the service's result writers)."""
        return self._store

    # -- loading -----------------------------------------------------------------------
    def load(
        self,
        data: bytes | str,
        *,
        format: ox.RdfFormat,
        graph: str | None = None,
        base_iri: str | None = None,
        source: str | Path | None = None,
    ) -> None:
        """Load a serialisation transactionally (all or nothing).

        :param graph: IRI of the named graph to load into (``None``: the default graph;
            ignored for quad formats, whose quads keep their graphs).
        :param source: file name used in error messages.
        :raises ParseError: with file, line and column on a syntax error.
        """
        to_graph = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        kwargs = {} if format.supports_datasets else {"to_graph": to_graph}
        try:
            self._store.load(data, format=format, base_iri=base_iri, **kwargs)
        except SyntaxError as exc:
            raise _syntax_error(exc, file=source or "<data>") from None

    def load_quads(self, quads: Sequence[ox.Quad]) -> None:
        """Add already parsed quads in one transaction."""
        self._store.extend(quads)

    def clear(self) -> None:
        """Remove every quad."""
        self._store.clear()

    # -- querying ----------------------------------------------------------------------
    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Node] | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a query and return pyoxigraph's lazy result.

        :param prefixes: prefixes the query may use without declaring them (its own
            ``PREFIX`` declarations win).
        :param bindings: values for variables (SEP-0007 substitution), never string pasting.
        :param default_graph: IRIs whose union is the default graph (protocol's
            ``default-graph-uri``); overrides the union setting.
        :param named_graphs: IRIs available to ``GRAPH`` (protocol's ``named-graph-uri``).
        :raises QuerySyntaxError: with line and column.
        """
        kwargs: dict[str, object] = {}
        if bindings:
            kwargs["substitutions"] = {ox.Variable(k): to_oxigraph(v) for k, v in bindings.items()}
        if default_graph is not None:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        elif self.union_default_graph:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs is not None:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            return self._store.query(sparql, base_iri=base_iri, prefixes=prefixes, **kwargs)
        except SyntaxError as exc:
            raise _syntax_error(exc) from None
        except RuntimeError as exc:
            if bindings and "projection" in str(exc):
                raise QueryError(
                    f"{exc}: a bound parameter must be projected by the query"
                ) from None
            raise

    def select(self, sparql: str, *, bindings: Mapping[str, Node] | None = None,
               default_graph: Sequence[str] | None = None) -> list[Row]:
        """Run a SELECT query; one dict per solution with rdflib terms.

        :param default_graph: IRIs whose union is the default graph (``None``: the store's
            default, e.g. the union of all graphs); see :mod:`kg.scope`.
        """
        result = self.query(sparql, bindings=bindings, default_graph=default_graph)
        if not isinstance(result, ox.QuerySolutions):
            raise QuerySyntaxError("not a SELECT query")
        names = [v.value for v in result.variables]
        rows: list[Row] = []
        for solution in result:
            row = {}
            for name in names:
                value = solution[name]
                if value is not None:
                    row[name] = to_rdflib(value)
            rows.append(row)
        return rows

    def select_values(
        self,
        sparql: str,
        variables: Sequence[str],
        *,
        bindings: Mapping[str, Node] | None = None,
        default_graph: Sequence[str] | None = None,
    ) -> Iterator[ValueRow]:
        """Run a SELECT query; per solution, the plain values of ``variables`` in order.

        Reads pyoxigraph's terms directly (``.value``), without building rdflib terms,
        which is several times faster on results of a million rows. Literals lose their
        datatype and language: project ``LANG(?x)`` or ``DATATYPE(?x)`` when they matter.

        >>> store = OxigraphStore()
        >>> store.load(b'<http://e/a> <http://e/b> "x"@en .', format=ox.RdfFormat.TURTLE)
        >>> list(store.select_values("SELECT * WHERE { ?s ?p ?o }", ["o", "s", "g"]))
        [('x', 'http://e/a', None)]
        """
        result = self.query(sparql, bindings=bindings, default_graph=default_graph)
        if not isinstance(result, ox.QuerySolutions):
            raise QuerySyntaxError("not a SELECT query")
        names = [v.value for v in result.variables]
        index = [names.index(v) if v in names else None for v in variables]
        if all(i is not None for i in index) and index == list(range(len(names))):
            for solution in result:
                yield tuple(None if t is None else t.value for t in solution)
            return
        for solution in result:
            terms = tuple(solution)
            yield tuple(None if i is None or terms[i] is None else terms[i].value
                        for i in index)

    def ask(self, sparql: str, *, bindings: Mapping[str, Node] | None = None,
            default_graph: Sequence[str] | None = None) -> bool:
        """Run an ASK query."""
        result = self.query(sparql, bindings=bindings, default_graph=default_graph)
        if not isinstance(result, ox.QueryBoolean):
            raise QuerySyntaxError("not an ASK query")
        return bool(result)

    def construct(self, sparql: str, *, bindings: Mapping[str, Node] | None = None,
                  default_graph: Sequence[str] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query into an rdflib graph."""
        result = self.query(sparql, bindings=bindings, default_graph=default_graph)
        if not isinstance(result, ox.QueryTriples):
            raise QuerySyntaxError("not a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for triple in result:
            graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate),
                       to_rdflib(triple.object)))
        return graph

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL update atomically and flush it to disk before returning."""
        try:
            self._store.update(sparql, base_iri=base_iri)
        except SyntaxError as exc:
            raise _syntax_error(exc) from None
        self.flush()

    # -- inspection and export ---------------------------------------------------------
    def __len__(self) -> int:
        return len(self._store)

    def graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the store."""
        return iter(self._store.quads_for_pattern(None, None, None, None))

    def dump(self, format: ox.RdfFormat, *, graph: str | None = None) -> bytes:
        """Serialise the store (a dataset format) or one graph (a triple format).

        For a triple format without ``graph``, the union of all graphs is written.
        """
        if format.supports_datasets:
            return self._store.dump(format=format)
        if graph is not None:
            return self._store.dump(format=format, from_graph=ox.NamedNode(graph))
        triples = {q.triple for q in self.quads()}
        return ox.serialize(sorted(triples, key=str), format=format)

    def to_rdflib(self) -> Dataset:
        """Copy the whole store into an rdflib :class:`~rdflib.Dataset`."""
        dataset = Dataset()
        dataset.parse(data=self._store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
        return dataset

    def flush(self) -> None:
        """Ensure every write is on disk (no-op in memory)."""
        if self.path is not None:
            self._store.flush()


def select_values(
    store: Store,
    sparql: str,
    variables: Sequence[str],
    *,
    bindings: Mapping[str, Node] | None = None,
) -> Iterator[ValueRow]:
    """Run a SELECT query on any store; per solution, the plain values of ``variables``.

    Uses the store's own ``select_values`` when it has one (:class:`OxigraphStore`), else
    :meth:`Store.select` with the rdflib terms turned into strings (a remote endpoint),
    so callers get the same tuples from every backend.

    >>> store = OxigraphStore()
    >>> store.load(b"<http://e/a> <http://e/b> 1 .", format=ox.RdfFormat.TURTLE)
    >>> list(select_values(store, "SELECT ?o WHERE { ?s ?p ?o }", ["o"]))
    [('1',)]
    """
    fast = getattr(store, "select_values", None)
    if callable(fast):
        yield from fast(sparql, variables, bindings=bindings)
        return
    for row in store.select(sparql, bindings=bindings):
        yield tuple(None if row.get(v) is None else str(row[v]) for v in variables)


def as_store(source: Store | Graph | str | Path) -> Store:
    """Return a :class:`Store` for a store, an rdflib graph or dataset, or an RDF file path.

    Lets analysis code accept whatever a notebook user has at hand.
    """
    if isinstance(source, Store):
        return source
    store = OxigraphStore()
    if isinstance(source, Graph):
        if isinstance(source, Dataset):
            store.load(source.serialize(format="nquads").encode(), format=ox.RdfFormat.N_QUADS)
        else:
            store.load(source.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES)
        return store
    path = Path(source)
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    if fmt is None:
        raise StoreError(f"{path}: unknown RDF file extension {path.suffix!r}")
    store.load(path.read_bytes(), format=fmt, source=path)
    return store
