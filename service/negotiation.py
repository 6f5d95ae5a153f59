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

from collections.abc import Sequence
from dataclasses import dataclass

from werkzeug.datastructures import MIMEAccept
from werkzeug.exceptions import BadRequest, NotAcceptable


@dataclass(frozen=True)
class Format:
    """A format the service writes: a short name for ``format=``, its media type and other
    media types that select it."""

    name: str
    media_type: str
    aliases: tuple[str, ...] = ()
    label: str = ""

    @property
    def media_types(self) -> tuple[str, ...]:
        """The canonical media type first, then the aliases."""
        return (self.media_type, *self.aliases)


JSON = Format("json", "application/sparql-results+json", ("application/json",),
              "SPARQL JSON results")
XML = Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml"),
             "SPARQL XML results")
CSV = Format("csv", "text/csv", (), "SPARQL CSV results")
TSV = Format("tsv", "text/tab-separated-values", (), "SPARQL TSV results")
TURTLE = Format("turtle", "text/turtle", ("application/x-turtle",), "Turtle")
NTRIPLES = Format("ntriples", "application/n-triples", ("text/plain",), "N-Triples")
RDFXML = Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml"), "RDF/XML")
JSONLD = Format("jsonld", "application/ld+json", ("application/json",), "JSON-LD")
NQUADS = Format("nquads", "application/n-quads", (), "N-Quads")
TRIG = Format("trig", "application/trig", (), "TriG")
HTML = Format("html", "text/html", ("application/xhtml+xml",), "HTML")

#: SELECT and ASK results, in order of preference when the client does not care.
RESULT_FORMATS: tuple[Format, ...] = (JSON, XML, CSV, TSV)
#: CONSTRUCT and DESCRIBE results; N-Quads and TriG for clients that ask for a dataset.
GRAPH_FORMATS: tuple[Format, ...] = (TURTLE, NTRIPLES, RDFXML, JSONLD, NQUADS, TRIG)
#: RDF the Graph Store accepts in PUT and POST bodies.
INPUT_FORMATS: tuple[Format, ...] = GRAPH_FORMATS
#: Service descriptions and VoID (HTML goes to the query page).
DESCRIPTION_FORMATS: tuple[Format, ...] = (TURTLE, JSONLD, RDFXML, NTRIPLES, HTML)

_SHORT_NAMES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "rdf": "rdfxml",
                "json-ld": "jsonld", "nq": "nquads", "srj": "json", "srx": "xml"}


def offered(formats: Sequence[Format]) -> str:
    """The offered media types, comma separated (for a 406 message)."""
    return ", ".join(f.media_type for f in formats)


def not_acceptable(formats: Sequence[Format], what: str) -> NotAcceptable:
    """A 406 whose message lists the offered types."""
    return NotAcceptable(f"No acceptable format for {what}. Offered: {offered(formats)} "
                         f"(or format={'|'.join(f.name for f in formats)}).")


def by_format_param(value: str, formats: Sequence[Format], what: str) -> Format:
    """The format a ``format=`` value (a short name or a media type) names.

    :raises BadRequest: the value names no format at all.
    :raises NotAcceptable: the format exists but does not fit ``formats``.
    """
    wanted = value.strip().lower()
    wanted = _SHORT_NAMES.get(wanted, wanted)
    for fmt in formats:
        if wanted == fmt.name or wanted in fmt.media_types:
            return fmt
    known = {f.name for f in (*RESULT_FORMATS, *GRAPH_FORMATS, HTML)}
    known |= {t for f in (*RESULT_FORMATS, *GRAPH_FORMATS, HTML) for t in f.media_types}
    if wanted in known or wanted in _SHORT_NAMES.values():
        raise not_acceptable(formats, what)
    raise BadRequest(f"format={value!r} is not a known format; use one of "
                     f"{', '.join(f.name for f in formats)}.")


def negotiate(accept: MIMEAccept, formats: Sequence[Format], *, format_param: str | None = None,
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
        raise not_acceptable(formats, what)
    return next(f for f in formats if best in f.media_types)


def try_negotiate(accept: MIMEAccept, formats: Sequence[Format], *,
                  format_param: str | None = None) -> Format | None:
    """Like :func:`negotiate` but ``None`` instead of a 406 (for a result whose form is not
    known yet)."""
    try:
        return negotiate(accept, formats, format_param=format_param)
    except NotAcceptable:
        return None


def input_format(content_type: str | None) -> Format | None:
    """The RDF format of a request body by its ``Content-Type`` (parameters ignored)."""
    media_type = (content_type or "").split(";")[0].strip().lower()
    for fmt in INPUT_FORMATS:
        if media_type in (fmt.media_type, *fmt.aliases) and media_type != "text/plain":
            return fmt
    return None
