"""What a SPARQL text asks for, found with a real parser before anything runs.

The service must know the query form (to negotiate a result format) and every place a
query or update could reach outside the store (``SERVICE``, ``LOAD``, ``FROM``) *before*
the text reaches pyoxigraph, which would happily fetch them. rdflib's SPARQL grammar
parses the text; prefixed names and relative IRIs are resolved with its prologue logic.

The one edit the service makes to a text — adding ``USING`` clauses for the protocol's
``using-graph-uri`` parameters, which pyoxigraph's API does not take — needs positions,
which the parse tree does not keep; :func:`add_using_clauses` finds them with a small
tokenizer that skips comments, strings and IRIs, and is cross-checked against the parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Variable

from kg.errors import QueryError, QuerySyntaxError


class QueryForm(Enum):
    """The four SPARQL query forms."""

    SELECT = "SelectQuery"
    ASK = "AskQuery"
    CONSTRUCT = "ConstructQuery"
    DESCRIBE = "DescribeQuery"

    @property
    def is_graph(self) -> bool:
        """Whether the result is an RDF graph (CONSTRUCT, DESCRIBE)."""
        return self in (QueryForm.CONSTRUCT, QueryForm.DESCRIBE)


@dataclass(frozen=True)
class QueryInfo:
    """The parts of a query that the service acts on.

    :param services: endpoints of ``SERVICE`` clauses; ``None`` for a variable endpoint.
    """

    form: QueryForm
    from_graphs: tuple[str, ...] = ()
    from_named: tuple[str, ...] = ()
    services: tuple[str | None, ...] = ()

    @property
    def has_dataset(self) -> bool:
        """Whether the query names its own dataset (``FROM``/``FROM NAMED``)."""
        return bool(self.from_graphs or self.from_named)


@dataclass(frozen=True)
class UpdateInfo:
    """The parts of an update request that the service acts on."""

    operations: tuple[str, ...] = ()
    loads: tuple[str, ...] = ()
    services: tuple[str | None, ...] = ()
    uses_dataset: bool = False  # some operation has USING, USING NAMED or WITH
    modify_count: int = 0  # DELETE/INSERT … WHERE operations (those that take USING)


def _syntax_error(exc: ParseException) -> QuerySyntaxError:
    return QuerySyntaxError(str(exc.msg), line=exc.lineno, column=exc.col)


def _walk(node: Any) -> Iterator[CompValue]:
    """Every :class:`CompValue` below ``node``, depth first."""
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        for item in node:
            yield from _walk(item)


def _iri(prologue: Any, term: Any) -> str | None:
    """The absolute IRI of an IRI or prefixed name; ``None`` for a variable."""
    if isinstance(term, Variable):
        return None
    try:
        return str(prologue.absolutize(term))
    except Exception as exc:  # rdflib raises plain Exception for an unknown prefix
        raise QuerySyntaxError(str(exc)) from None


def _services(prologue: Any, tree: Any) -> list[str | None]:
    return [_iri(prologue, n["term"]) for n in _walk(tree) if n.name == "ServiceGraphPattern"]


def analyse_query(text: str) -> QueryInfo:
    """Parse a query and report its form, dataset clauses and ``SERVICE`` endpoints.

    >>> info = analyse_query("PREFIX e: <http://e/> ASK FROM e:g { SERVICE e:s { ?s ?p ?o } }")
    >>> info.form, info.from_graphs, info.services
    (<QueryForm.ASK: 'AskQuery'>, ('http://e/g',), ('http://e/s',))

    :raises QuerySyntaxError: with line and column when the text is not a query.
    """
    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        raise _syntax_error(exc) from None
    prologue = translatePrologue(parsed[0], None)
    query = parsed[1]
    try:
        form = QueryForm(query.name)
    except ValueError:
        raise QueryError(f"unknown query form {query.name}") from None
    from_graphs: list[str] = []
    from_named: list[str] = []
    # CompValue.get returns the key itself when missing: test membership instead.
    clauses = query["datasetClause"] if "datasetClause" in query else []  # noqa: SIM401
    for clause in clauses:
        if "default" in clause:
            from_graphs.append(_iri(prologue, clause["default"]) or "")
        if "named" in clause:
            from_named.append(_iri(prologue, clause["named"]) or "")
    return QueryInfo(form, tuple(from_graphs), tuple(from_named),
                     tuple(_services(prologue, query)))


def analyse_update(text: str) -> UpdateInfo:
    """Parse an update request and report its operations, ``LOAD`` sources, ``SERVICE``
    endpoints and whether it names its own dataset (``USING``/``WITH``).

    >>> analyse_update("LOAD <http://x/d.ttl> ; CLEAR ALL").loads
    ('http://x/d.ttl',)

    :raises QuerySyntaxError: with line and column when the text is not an update.
    """
    try:
        parsed = parseUpdate(text)
    except ParseException as exc:
        raise _syntax_error(exc) from None
    operations: list[str] = []
    loads: list[str] = []
    services: list[str | None] = []
    uses_dataset = False
    modify_count = 0
    prologue = None
    for decls, operation in zip(parsed["prologue"], parsed["request"], strict=False):
        prologue = translatePrologue(decls, None, None, prologue)
        operations.append(operation.name)
        if operation.name == "Load":
            loads.append(_iri(prologue, operation["iri"]) or "")
        if operation.name == "Modify":
            modify_count += 1
            if "withClause" in operation or "using" in operation:
                uses_dataset = True
        services += _services(prologue, operation)
    return UpdateInfo(tuple(operations), tuple(loads), tuple(services), uses_dataset,
                      modify_count)


# -- USING clauses for the protocol's using-graph-uri ---------------------------------------
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<open>\{) | (?P<close>\}) | (?P<semicolon>;)
  | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def _top_level_words(text: str) -> Iterator[tuple[str, int]]:
    """Upper-cased keywords and ``;`` outside braces, with their offsets."""
    depth = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif depth == 0 and kind in ("word", "semicolon"):
            yield match.group().upper(), match.start()


def add_using_clauses(text: str, info: UpdateInfo, *, default: list[str],
                      named: list[str]) -> str:
    """Return ``text`` with ``USING``/``USING NAMED`` clauses before the ``WHERE`` of every
    DELETE/INSERT operation — the protocol's ``using-graph-uri`` and
    ``using-named-graph-uri`` (SPARQL 1.1 Protocol §2.2.3).

    >>> add_using_clauses("INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    ...                   analyse_update("INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }"),
    ...                   default=["http://g"], named=[])
    'INSERT { ?s ?p 1 } USING <http://g> WHERE { ?s ?p ?o }'

    :raises QueryError: when the text names its own dataset (a conflict, 400) or when the
        positions found disagree with the parse.
    """
    if info.uses_dataset:
        raise QueryError("using-graph-uri/using-named-graph-uri conflict with the "
                         "update's own USING or WITH clause")
    clause = "".join(f"USING <{g}> " for g in default)
    clause += "".join(f"USING NAMED <{g}> " for g in named)
    positions: list[int] = []
    operation: list[str] = []  # keywords of the current operation, prologue left out
    after_prefix = False
    for word, offset in _top_level_words(text):
        if after_prefix or word in ("PREFIX", "BASE"):
            after_prefix = word == "PREFIX"  # skip the prefix name that follows
            continue
        if word == ";":
            operation = []
            continue
        if word == "WHERE" and operation[:1] in (["DELETE"], ["INSERT"], ["WITH"]) \
                and operation != ["DELETE"]:
            positions.append(offset)
        operation.append(word)
    if len(positions) != info.modify_count:
        raise QueryError("could not place the protocol's USING clauses in this update")
    for offset in reversed(positions):
        text = text[:offset] + clause + text[offset:]
    return text
