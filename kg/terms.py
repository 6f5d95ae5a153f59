"""Conversion of RDF terms between pyoxigraph and rdflib.

rdflib is the Python API of the project; pyoxigraph is the query engine. These two
functions are the only place the two term models meet.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

RdflibTerm = URIRef | BNode | Literal
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


def to_rdflib(term: OxTerm | ox.Triple | ox.DefaultGraph | None) -> Node | None:
    """Convert a pyoxigraph term to its rdflib equivalent (``None`` stays ``None``)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


def to_oxigraph(term: Node) -> OxTerm:
    """Convert an rdflib term (or a plain IRI string) to its pyoxigraph equivalent."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, str):
        return ox.NamedNode(term)
    raise TypeError(f"cannot convert {term!r} to a pyoxigraph term")


def parse_term(text: str) -> ox.NamedNode | ox.Literal:
    """An IRI or a literal written as in N-Triples (``<http://…>``, ``"2012"^^<…#integer>``,
    ``"Kemnaker"@id``): how a value for a query variable is sent to the service.

    :raises ValueError: saying why when ``text`` is not one such term.

    >>> parse_term('"2012"^^<http://www.w3.org/2001/XMLSchema#integer>').value
    '2012'
    >>> parse_term("res:ilo")
    Traceback (most recent call last):
    ...
    ValueError: write an IRI as <http://…> or a literal as "…" (N-Triples), not 'res:ilo'
    """
    stripped = text.strip()
    if not stripped.startswith(("<", '"')) or "\n" in stripped or "\r" in stripped:
        raise ValueError('write an IRI as <http://…> or a literal as "…" (N-Triples), '
                         f"not {text[:80]!r}")
    try:
        quads = list(ox.parse(f"<urn:x:s> <urn:x:p> {stripped} .".encode(),
                              format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:
        reason = re.sub(r"^Parser error at line \d+ between columns \d+ and \d+: ", "",
                        str(exc.msg or exc))
        raise ValueError(f"{text[:80]!r} is not an N-Triples IRI or literal: {reason}"
                         ) from None
    if len(quads) != 1:
        raise ValueError(f"{text[:80]!r} is more than one term")
    term = quads[0].object
    if not isinstance(term, ox.NamedNode | ox.Literal):
        raise ValueError(f"{text[:80]!r} is not an IRI or a literal")
    return term
