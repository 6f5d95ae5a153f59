"""Output formats for query results and RDF dumps, as enums mapped to pyoxigraph's, and
the writers the command line and the service's workers share (plain pyoxigraph: no
rdflib, so a worker process starts fast)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import Any

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


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


def term_json(term: Any) -> dict[str, Any]:
    """One term in the SPARQL 1.1 JSON results encoding."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    raise TypeError(f"unexpected term {term!r}")


def write_solutions(variables: Sequence[str], solutions: Iterable[ox.QuerySolution],
                    format: ox.QueryResultsFormat) -> bytes:
    """Serialise ``solutions`` with the columns in the order of ``variables``.

    pyoxigraph writes a result only whole and in its own column order, so the solutions
    go through SPARQL JSON (a trivial, lossless encoding) and back into its writer.
    """
    bindings = [{v: term_json(s[v]) for v in variables if s[v] is not None}
                for s in solutions]
    doc = json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}})
    again = ox.parse_query_results(doc.encode(), format=ox.QueryResultsFormat.JSON)
    return again.serialize(format=format)


def used_prefixes(triples: Iterable[Any], prefixes: Mapping[str, str]) -> dict[str, str]:
    """The prefixes whose namespace some IRI of ``triples`` is in (so a Turtle result
    declares only the ``@prefix`` lines it uses)."""
    namespaces = set()
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, ox.NamedNode):
                iri = term.value
                namespaces.add(iri[:max(iri.rfind("#"), iri.rfind("/")) + 1])
    return {prefix: ns for prefix, ns in prefixes.items()
            if any(candidate.startswith(ns) for candidate in namespaces)}


def write_triples(triples: Sequence[ox.Triple], format: ox.RdfFormat,
                  prefixes: Mapping[str, str] | None = None) -> bytes:
    """Serialise a graph result in any RDF format (a dataset format gets the triples in
    its default graph), with the ``prefixes`` it uses where the format has prefixes."""
    items: Sequence[Any] = triples
    if format.supports_datasets:
        items = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    kwargs = {"prefixes": used_prefixes(triples, prefixes)} if prefixes and format in (
        ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML) else {}
    return ox.serialize(items, format=format, **kwargs)
