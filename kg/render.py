"""Rendering of query results for people (a text table) and programs (standard formats)."""

from __future__ import annotations

import pyoxigraph as ox

from kg.errors import QueryError
from kg.formats import GraphFormat, ResultFormat, write_solutions, write_triples
from kg.namespaces import PREFIXES
from kg.sparql_text import ordered

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


def shorten(iri: str) -> str:
    """Write an IRI as a prefixed name when a project prefix covers it."""
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else f"<{iri}>"


def term_text(term: object) -> str:
    """A compact, readable rendering of one RDF term."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"{term.value}@{term.language}"
        return term.value
    return str(term)


def table(variables: list[str], rows: list[list[str]]) -> str:
    """A plain-text table with a header rule, columns padded to their widest cell."""
    widths = [max([len(v), *(len(r[i]) for r in rows)]) for i, v in enumerate(variables)]
    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()
    out = [line(variables), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def render_result(result: QueryResult, fmt: str = "auto", *,
                  order: list[str] | None = None) -> str:
    """Serialise a pyoxigraph result in ``fmt`` (a :class:`ResultFormat` or
    :class:`GraphFormat` value, or ``auto``: a table for SELECT and ASK, Turtle with the
    project's prefixes for CONSTRUCT and DESCRIBE).

    :param order: the column order of a ``SELECT *`` (:func:`kg.sparql_text.star_order`).
    :raises QueryError: when the format does not fit the query form.
    """
    if isinstance(result, ox.QueryTriples):
        try:
            graph_fmt = GraphFormat.TURTLE if fmt == "auto" else GraphFormat(fmt)
        except ValueError:
            raise QueryError(
                f"--format {fmt}: a CONSTRUCT/DESCRIBE result is a graph; use one of "
                + "|".join(m.value for m in GraphFormat)) from None
        return write_triples(list(result), graph_fmt.oxigraph, PREFIXES).decode("utf-8")
    try:
        res_fmt = ResultFormat.TABLE if fmt == "auto" else ResultFormat(fmt)
    except ValueError:
        raise QueryError(
            f"--format {fmt}: a SELECT/ASK result is a table; use one of "
            + "|".join(m.value for m in ResultFormat)
        ) from None
    if isinstance(result, ox.QueryBoolean):
        if res_fmt is ResultFormat.TABLE:
            return ("true" if bool(result) else "false") + "\n"
        return result.serialize(format=res_fmt.oxigraph).decode("utf-8")
    variables = ordered([v.value for v in result.variables], order)
    if res_fmt is ResultFormat.TABLE:
        rows = [[term_text(sol[v]) for v in variables] for sol in result]
        return table(variables, rows)
    return write_solutions(variables, result, res_fmt.oxigraph).decode("utf-8")
