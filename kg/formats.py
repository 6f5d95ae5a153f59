"""Output formats for query results and RDF dumps, as enums mapped to pyoxigraph's."""

from __future__ import annotations

from enum import Enum

import pyoxigraph as ox


class ResultFormat(Enum):
    """Formats of SELECT/ASK results on the command line."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    TSV = "tsv"
    XML = "xml"

    @property
    def oxigraph(self) -> ox.QueryResultsFormat | None:
        """pyoxigraph's format, ``None`` for the text table."""
        return {
            ResultFormat.JSON: ox.QueryResultsFormat.JSON,
            ResultFormat.CSV: ox.QueryResultsFormat.CSV,
            ResultFormat.TSV: ox.QueryResultsFormat.TSV,
            ResultFormat.XML: ox.QueryResultsFormat.XML,
        }.get(self)


class GraphFormat(Enum):
    """RDF serialisations of graphs (CONSTRUCT/DESCRIBE) and dumps."""

    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    NQUADS = "nquads"
    TRIG = "trig"
    JSONLD = "jsonld"
    RDFXML = "rdfxml"

    @property
    def oxigraph(self) -> ox.RdfFormat:
        """pyoxigraph's format."""
        return {
            GraphFormat.TURTLE: ox.RdfFormat.TURTLE,
            GraphFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES,
            GraphFormat.NQUADS: ox.RdfFormat.N_QUADS,
            GraphFormat.TRIG: ox.RdfFormat.TRIG,
            GraphFormat.JSONLD: ox.RdfFormat.JSON_LD,
            GraphFormat.RDFXML: ox.RdfFormat.RDF_XML,
        }[self]

    @property
    def rdflib_name(self) -> str:
        """rdflib's parser/serialiser name."""
        return {
            GraphFormat.TURTLE: "turtle",
            GraphFormat.NTRIPLES: "nt",
            GraphFormat.NQUADS: "nquads",
            GraphFormat.TRIG: "trig",
            GraphFormat.JSONLD: "json-ld",
            GraphFormat.RDFXML: "xml",
        }[self]


def parse_enum(enum: type[Enum], value: str, *, option: str) -> Enum:
    """Look up ``value`` in ``enum`` or raise an error naming the option and the choices."""
    from kg.errors import UnknownNameError

    try:
        return enum(value.lower())
    except ValueError:
        choices = "|".join(m.value for m in enum)
        raise UnknownNameError(f"{option} {value!r}: expected one of {choices}") from None
