"""Small, careful edits of SPARQL texts: inline ``VALUES`` and find ``SERVICE`` blocks.

Values are written as SPARQL terms by :func:`term_n3` (IRIs checked, literals escaped by
rdflib), never by pasting user text. The scanner masks strings, IRIs and comments before
looking for braces and keywords, so a ``{`` inside a literal is not mistaken for a group.

>>> from rdflib import URIRef, Literal
>>> q = "SELECT ?x WHERE { ?x ?p ?o }"
>>> inline_values(q, ["x"], [{"x": URIRef("http://e/a")}, {"x": Literal("b", lang="en")}])
'SELECT ?x WHERE { VALUES (?x) { (<http://e/a>) ("b"@en) }\\n ?x ?p ?o }'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00b7\u00c0-\uffff]+)")
_SERVICE = re.compile(r"\bSERVICE\s+(SILENT\s+)?(<[^>]*>|\S+)\s*\{", re.IGNORECASE)
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def mask(text: str) -> str:
    """Return ``text`` with strings, IRIs and comments blanked out (same length)."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            end = n if end == -1 else end
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            end = i + len(quote)
            while end < n and not text.startswith(quote, end):
                end += 2 if text[end] == "\\" else 1
            end = min(n, end + len(quote))
        elif c == "<" and (m := _IRIREF.match(text, i)):
            end = m.end()
        else:
            i += 1
            continue
        for k in range(i, end):
            if out[k] != "\n":
                out[k] = " "
        i = end
    return "".join(out)


def matching_brace(masked: str, start: int) -> int:
    """Index of the ``}`` that closes the ``{`` at ``start`` in a masked text."""
    depth = 0
    for k in range(start, len(masked)):
        if masked[k] == "{":
            depth += 1
        elif masked[k] == "}":
            depth -= 1
            if depth == 0:
                return k
    raise QueryError("unbalanced braces in the query")


def where_brace(text: str) -> int:
    """Index of the ``{`` that opens the query's WHERE group."""
    masked = mask(text)
    match = _WHERE.search(masked)
    if match:
        return match.end() - 1
    brace = masked.find("{")
    if brace == -1:
        raise QueryError("the query has no group pattern")
    return brace


def variables_in(text: str) -> set[str]:
    """Names of the variables mentioned in a SPARQL fragment (outside strings and IRIs)."""
    return set(_VARIABLE.findall(mask(text)))


def term_n3(term: Node | None) -> str:
    """A term as SPARQL text for a ``VALUES`` block (``None`` is ``UNDEF``).

    :raises QueryError: for a blank node or an IRI with characters an IRI may not hold.
    """
    if term is None:
        return "UNDEF"
    if isinstance(term, URIRef):
        text = f"<{term}>"
        if not _IRIREF.fullmatch(text):
            raise QueryError(f"not a valid IRI for a query: {term!r}")
        return text
    if isinstance(term, Literal):
        return term.n3()
    raise QueryError(f"cannot bind {term!r} in VALUES (only IRIs and literals)")


def values_block(variables: Sequence[str], rows: Sequence[Mapping[str, Node]]) -> str:
    """``VALUES (?a ?b) { (…) … }`` for ``rows`` (a missing key is ``UNDEF``)."""
    head = " ".join(f"?{v}" for v in variables)
    body = " ".join("(" + " ".join(term_n3(row.get(v)) for v in variables) + ")" for row in rows)
    return f"VALUES ({head}) {{ {body} }}"


def inline_values(
    text: str, variables: Sequence[str], rows: Sequence[Mapping[str, Node]]
) -> str:
    """Insert a ``VALUES`` block at the start of the WHERE group of ``text``.

    Inside the group the block acts as initial bindings, which remote engines (Blazegraph,
    Virtuoso) use to drive the join; a trailing ``VALUES`` is sometimes joined last.
    """
    at = where_brace(text) + 1
    return text[:at] + " " + values_block(variables, rows) + "\n" + text[at:]


@dataclass(frozen=True)
class ServiceBlock:
    """One ``SERVICE [SILENT] <iri> { … }`` in a query text."""

    start: int
    end: int
    endpoint: str
    silent: bool
    body: str


def find_services(text: str) -> list[ServiceBlock]:
    """Every ``SERVICE`` block of ``text``, in order of appearance.

    :raises QueryError: for a SERVICE whose endpoint is not written as a full IRI.
    """
    masked = mask(text)
    blocks: list[ServiceBlock] = []
    for keyword in re.finditer(r"(?i)\bSERVICE\b", masked):
        match = _SERVICE.match(text, keyword.start())
        if not match:
            raise QueryError("SERVICE must be followed by an endpoint and a { group }")
        target = match.group(2)
        if not (target.startswith("<") and target.endswith(">")):
            raise QueryError(f"SERVICE {target}: write the endpoint as a full <IRI>")
        open_at = match.end() - 1
        close_at = matching_brace(masked, open_at)
        blocks.append(ServiceBlock(match.start(), close_at + 1, target[1:-1],
                                   bool(match.group(1)), text[open_at + 1:close_at]))
    return blocks


def prologue(text: str) -> str:
    """The ``PREFIX``/``BASE`` declarations of a query, one per line."""
    masked = mask(text)
    keyword = re.search(r"(?i)\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", masked)
    head = text[: keyword.start()] if keyword else text
    decls = [m.group(0) for m in re.finditer(
        r"(?i)\b(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)", head)
        if masked[m.start()] != " "]  # a PREFIX inside a comment is masked
    return "".join(d + "\n" for d in decls)
