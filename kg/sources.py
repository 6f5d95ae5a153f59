"""Where the shipped RDF lives, and parsing of RDF files with precise error positions."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KGError, ParseError
from kg.namespaces import GRAPH
from kg.store import _syntax_error

EXTENSIONS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdf": ox.RdfFormat.RDF_XML,
    "owl": ox.RdfFormat.RDF_XML,
    "xml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json": ox.RdfFormat.JSON_LD,
}


@dataclass(frozen=True)
class Source:
    """One RDF file and the named graph it is loaded into (``None``: its own quads)."""

    path: Path
    graph: str | None
    format: ox.RdfFormat

    def read(self) -> bytes:
        """The file's bytes."""
        try:
            return self.path.read_bytes()
        except OSError as exc:
            raise KGError(f"{self.path}: cannot read: {exc.strerror or exc}") from None


def ontology_dir() -> Path:
    """The shipped ``ontology/`` directory."""
    return Path(str(resources.files("ontology")))


def data_dir() -> Path:
    """The shipped ``kg/data/`` directory."""
    return Path(str(resources.files("kg") / "data"))


def format_for(path: Path) -> ox.RdfFormat:
    """The RDF format of ``path`` by its extension.

    :raises KGError: naming the file when the extension is not an RDF one.
    """
    suffix = path.name.rsplit(".", 1)[-1].lower() if "." in path.name else ""
    try:
        return EXTENSIONS[suffix]
    except KeyError:
        known = ", ".join("." + e for e in EXTENSIONS)
        raise KGError(f"{path}: unknown RDF file extension (known: {known})") from None


#: Sub-directories of ``kg/data/`` whose files hold statements of one kind other than the
#: paper's: ``interpretation/X.ttl`` → ``…/graph/interpretation/X``, ``context/X.ttl`` →
#: ``…/graph/context/X`` (docs/modelling.md, "Three kinds of statement").
KIND_DIRS = ("interpretation", "context")


def graph_name(path: Path, root: Path) -> str:
    """The named graph of a shipped file.

    ``X.ttl`` → ``…/graph/X``; ``interpretation/X.ttl`` → ``…/graph/interpretation/X``;
    ``context/X.ttl`` → ``…/graph/context/X``; any other sub-directory joins its parts with
    ``-`` (``links/confirmed.ttl`` → ``…/graph/links-confirmed``).
    """
    parts = path.relative_to(root).with_suffix("").parts
    if len(parts) > 1 and parts[0] in KIND_DIRS:
        return str(GRAPH[parts[0] + "/" + "-".join(parts[1:])])
    return str(GRAPH["-".join(parts)])


def ontology_sources(root: Path | None = None) -> list[Source]:
    """The ontology and its vocabularies (the SHACL shapes are not data)."""
    root = root or ontology_dir()
    return [
        Source(p, graph_name(p, root).replace("/graph/", "/graph/ontology-"), format_for(p))
        for p in sorted(root.glob("*.ttl"))
        if not p.name.startswith("shapes")
    ]


def shapes_paths(root: Path | None = None) -> list[Path]:
    """The SHACL shapes files: ``shapes.ttl`` and any ``shapes-*.ttl`` beside it."""
    return sorted((root or ontology_dir()).glob("shapes*.ttl"))


def data_sources(root: Path | None = None) -> list[Source]:
    """Every file of the knowledge graph, ``kg/data/**/*.ttl``."""
    root = root or data_dir()
    return [Source(p, graph_name(p, root), format_for(p)) for p in sorted(root.rglob("*.ttl"))]


def parse_spec(spec: str) -> Source:
    """Parse a ``FILE[=GRAPH_IRI]`` command-line value into a :class:`Source`."""
    path_text, _, graph = spec.partition("=")
    path = Path(path_text)
    if not path.is_file():
        raise KGError(f"--load {spec}: no such file: {path}")
    return Source(path, graph or None, format_for(path))


def parse_source(source: Source) -> list[ox.Quad]:
    """Parse one file completely (no network: relative IRIs resolve against the file).

    :raises ParseError: with file, line and column.
    """
    data = source.read()
    try:
        quads = list(
            ox.parse(data, format=source.format, base_iri=source.path.resolve().as_uri())
        )
    except SyntaxError as exc:
        raise _syntax_error(exc, file=source.path) from None
    except ValueError as exc:  # e.g. invalid UTF-8
        raise ParseError(str(exc), file=source.path) from None
    if source.graph is None or source.format.supports_datasets:
        return quads
    graph = ox.NamedNode(source.graph)
    return [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads]
