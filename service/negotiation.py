"""Content negotiation: the formats the service writes, chosen by ``Accept`` (with
q-values, parsed by Werkzeug's :class:`~werkzeug.datastructures.MIMEAccept`) or by an
explicit ``format=`` parameter, which wins (for links and browsers).

>>> from werkzeug.http import parse_accept_header
>>> accept = parse_accept_header("text/csv;q=0.5, application/sparql-results+xml", MIMEAccept)
>>> negotiate(accept, RESULT_FORMATS).name
'xml'
>>> negotiate(parse_accept_header("", MIMEAccept), GRAPH_FORMATS).name  # no Accept
'turtle'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from werkzeug.datastructures import MIMEAccept
from werkzeug.exceptions import BadRequest, NotAcceptable


@dataclass(frozen=True)
class Format:
    """A format the service writes: its short names for ``format=``/``output=``, its media
    type and other media types that select it.

    A short name may belong to several formats of different kinds of result: ``xml`` is
    SPARQL XML for a SELECT and RDF/XML for a CONSTRUCT, ``json`` SPARQL JSON or JSON-LD
    (the conventions of SPARQLWrapper, Fuseki and Virtuoso); the query form decides.
    """

    name: str
    media_type: str
    aliases: tuple[str, ...] = ()
    label: str = ""
    names: tuple[str, ...] = ()

    @property
    def media_types(self) -> tuple[str, ...]:
        """The canonical media type first, then the aliases."""
        return (self.media_type, *self.aliases)

    def is_named(self, value: str) -> bool:
        """Whether a ``format=`` value (lower case, parameters removed) selects this format."""
        return value == self.name or value in self.names or value in self.media_types


JSON = Format("json", "application/sparql-results+json", ("application/json",),
              "SPARQL JSON results", ("srj",))
XML = Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml"),
             "SPARQL XML results", ("srx", "sparql"))
CSV = Format("csv", "text/csv", (), "SPARQL CSV results")
TSV = Format("tsv", "text/tab-separated-values", (), "SPARQL TSV results")
TURTLE = Format("turtle", "text/turtle",
                ("application/x-turtle", "application/turtle", "text/n3", "text/rdf+n3",
                 "application/n3"), "Turtle", ("ttl", "text", "n3"))
NTRIPLES = Format("ntriples", "application/n-triples", ("text/plain",), "N-Triples",
                  ("nt", "n-triples"))
RDFXML = Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml"), "RDF/XML",
                ("rdf", "rdf+xml", "xml", "rdf/xml"))
JSONLD = Format("jsonld", "application/ld+json", ("application/json", "application/x-json+ld"),
                "JSON-LD", ("json-ld", "json"))
NQUADS = Format("nquads", "application/n-quads", ("text/x-nquads",), "N-Quads",
                ("nq", "n-quads"))
TRIG = Format("trig", "application/trig", ("application/x-trig",), "TriG")
HTML = Format("html", "text/html", ("application/xhtml+xml",), "HTML")

#: SELECT and ASK results, in order of preference when the client does not care.
RESULT_FORMATS: tuple[Format, ...] = (JSON, XML, CSV, TSV)
#: CONSTRUCT and DESCRIBE results; N-Quads and TriG for clients that ask for a dataset.
GRAPH_FORMATS: tuple[Format, ...] = (TURTLE, NTRIPLES, RDFXML, JSONLD, NQUADS, TRIG)
#: RDF the Graph Store accepts in PUT and POST bodies.
INPUT_FORMATS: tuple[Format, ...] = GRAPH_FORMATS
#: Service descriptions and VoID (HTML goes to the query page).
DESCRIPTION_FORMATS: tuple[Format, ...] = (TURTLE, JSONLD, RDFXML, NTRIPLES, HTML)
#: Every format of the service, for telling a wrong-kind ``format=`` from an unknown one.
ALL_FORMATS: tuple[Format, ...] = (*RESULT_FORMATS, *GRAPH_FORMATS, HTML)


def offered(formats: Sequence[Format]) -> str:
    """The offered formats as ``name (media type)``, comma separated (for messages)."""
    return ", ".join(f"{f.name} ({f.media_type})" for f in formats)


def not_acceptable(formats: Sequence[Format], what: str, *, asked: str = "") -> NotAcceptable:
    """A 406 whose message lists the formats offered for ``what``."""
    cause = f" {asked}." if asked else ""
    return NotAcceptable(f"No acceptable format for {what}.{cause} Offered: "
                         f"{offered(formats)}; choose with Accept or "
                         f"format={'|'.join(f.name for f in formats)}.")


def _plain(value: str) -> str:
    return value.split(";")[0].strip().lower()


def by_format_param(values: str | Sequence[str], formats: Sequence[Format], what: str
                    ) -> Format:
    """The format that ``format=`` (or ``output=``) values name, read for ``formats``.

    Clients repeat the parameter (SPARQLWrapper sends ``format=rdf+xml&format=application/
    rdf+xml``): the first value that names an offered format wins, empty ones are ignored.

    :raises BadRequest: no value names any format of this service.
    :raises NotAcceptable: the values name formats, but none for this kind of result.
    """
    given = [values] if isinstance(values, str) else list(values)
    wanted = [v for v in (_plain(v) for v in given) if v]
    for value in wanted:
        for fmt in formats:
            if fmt.is_named(value):
                return fmt
    shown = ", ".join(f"format={v}" for v in given if v.strip())
    if any(f.is_named(v) for v in wanted for f in ALL_FORMATS):
        raise not_acceptable(formats, what, asked=f"{shown} does not apply to it")
    raise BadRequest(f"{shown} is not a known format. {what[0].upper() + what[1:]} is "
                     f"offered as: {offered(formats)}.")


def format_values(params: Mapping[str, Sequence[str]]) -> list[str]:
    """The ``output=`` then ``format=`` values of a request (Fuseki reads ``output`` first;
    Virtuoso and SPARQLWrapper send ``format``), empty ones left out."""
    return [v for name in ("output", "format") for v in params.get(name, ()) if v.strip()]


def negotiate(accept: MIMEAccept, formats: Sequence[Format], *,
              format_param: str | Sequence[str] | None = None,
              what: str = "this result") -> Format:
    """Choose a format: ``format_param`` if given, else the best match for ``accept`` (the
    first format when the client sent no ``Accept`` or ``*/*``).

    :raises NotAcceptable: listing the offered types when nothing matches.
    """
    if format_param:
        return by_format_param(format_param, formats, what)
    if not accept:
        return formats[0]
    # Werkzeug matches nothing against a range with parameters ("text/turtle;
    # charset=utf-8"); none of the offered types has parameters, so drop them.
    plain = MIMEAccept([(value.split(";")[0].strip(), q) for value, q in accept])
    # Canonical types first, so "text/*" means CSV rather than XML by its alias text/xml.
    best = plain.best_match([f.media_type for f in formats]) or plain.best_match(
        [t for f in formats for t in f.aliases])
    if best is None:
        raise not_acceptable(formats, what, asked=f"Accept: {accept}")
    return next(f for f in formats if best in f.media_types)


def input_format(content_type: str | None) -> Format | None:
    """The RDF format of a request body by its ``Content-Type`` (parameters ignored)."""
    media_type = (content_type or "").split(";")[0].strip().lower()
    for fmt in INPUT_FORMATS:
        if media_type in (fmt.media_type, *fmt.aliases) and media_type != "text/plain":
            return fmt
    return None
