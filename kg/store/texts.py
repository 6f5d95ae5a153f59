"""SPARQL texts on their way to a remote store: parsed here first (Oxigraph's syntax
errors, the query form that decides the format asked for), a prologue the store needs,
values bound inline, and what must never be sent (``LOAD``)."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import pyoxigraph as ox
from rdflib.term import Node

from kg.errors import QueryError, QueryRefused
from kg.store.embedded import _syntax_error

_PREFIX = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:")
_SYNTAX_CHECK = ox.Store()  # empty: a text is parsed against no data
#: Texts up to this size have their syntax check and masking remembered (bounded memory).
CACHED_TEXT_CHARS = 20_000
_VALUES = re.compile(r"(?i)\bVALUES\b")
_FORM = re.compile(r"(?i)\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b")


def _form_by_keyword(masked: str) -> str | None:
    match = _FORM.search(masked)
    if match is None:
        return None
    word = match.group(1).upper()
    return "CONSTRUCT" if word == "DESCRIBE" else word


def check_syntax(text: str, *, update: bool = False,
                 prefixes: Mapping[str, str] | None = None,
                 base_iri: str | None = None) -> str | None:
    """See :func:`_check_syntax`; answers are remembered for the texts seen last (the
    same named queries come again and again)."""
    if len(text) > CACHED_TEXT_CHARS:
        return _check_syntax(text, update=update, prefixes=prefixes, base_iri=base_iri)
    frozen = tuple(sorted((prefixes or {}).items()))
    return _check_syntax_cached(text, update, frozen, base_iri)


@functools.lru_cache(maxsize=1024)
def _check_syntax_cached(text: str, update: bool, prefixes: tuple[tuple[str, str], ...],
                         base_iri: str | None) -> str | None:
    return _check_syntax(text, update=update, prefixes=dict(prefixes), base_iri=base_iri)


def _check_syntax(text: str, *, update: bool = False,
                  prefixes: Mapping[str, str] | None = None,
                  base_iri: str | None = None) -> str | None:
    """Parse ``text`` with Oxigraph (against no data) and return its form: ``SELECT``,
    ``ASK`` or ``CONSTRUCT`` (DESCRIBE too); ``None`` for an update, or when unknown.

    Oxigraph has no parse-only call, so the text is run on an empty store; that is cheap
    unless the text multiplies constant rows (two or more ``VALUES`` blocks can make a
    cross product of any size), so such a text is not checked here: the remote store
    parses it, and the form is read from its keywords.

    :raises QuerySyntaxError: with line and column.
    """
    masked = masked_text(text)
    if len(_VALUES.findall(masked)) > 1:
        return None if update else _form_by_keyword(masked)
    try:
        if update:
            ox.Store().update(text, base_iri=base_iri)
            return None
        result = _SYNTAX_CHECK.query(text, prefixes=dict(prefixes or {}), base_iri=base_iri)
    except SyntaxError as exc:
        raise _syntax_error(exc) from None
    except (RuntimeError, ValueError, OSError):
        return None  # evaluating on no data may fail; only the syntax matters here
    if isinstance(result, ox.QueryBoolean):
        return "ASK"
    return "SELECT" if isinstance(result, ox.QuerySolutions) else "CONSTRUCT"


def with_prologue(text: str, *, prefixes: Mapping[str, str] | None = None,
                  base_iri: str | None = None) -> str:
    """``text`` with ``PREFIX`` declarations for the ``prefixes`` it uses but does not
    declare, and a ``BASE`` (the remote store knows neither)."""
    declared = {m.group(1) or "" for m in _PREFIX.finditer(text)}
    head = f"BASE <{base_iri}>\n" if base_iri and not re.search(r"(?i)\bBASE\s*<", text) \
        else ""
    for name, iri in (prefixes or {}).items():
        if name not in declared and re.search(rf"(?<![\w<]){re.escape(name)}:", text):
            head += f"PREFIX {name}: <{iri}>\n"
    return head + text


def masked_text(text: str) -> str:
    """``text`` with strings, IRIs and comments blanked out (remembered for recent texts)."""
    from kg.linking.sparqltext import mask

    return _masked_cached(text) if len(text) <= CACHED_TEXT_CHARS else mask(text)


@functools.lru_cache(maxsize=256)
def _masked_cached(text: str) -> str:
    from kg.linking.sparqltext import mask

    return mask(text)


def refuse_load(text: str) -> None:
    """Refuse an update with ``LOAD`` (outside strings, IRIs and comments)."""
    if re.search(r"(?i)\bLOAD\b", masked_text(text)):
        raise QueryRefused("LOAD is refused: the remote store would fetch the URL; load "
                           "files with `pasb-kg load`")


def bound(sparql: str, bindings: Mapping[str, Node] | None) -> str:
    """``sparql`` with ``bindings`` as an inline ``VALUES`` block (a remote store cannot
    substitute them); never string pasting of the values into the pattern."""
    if not bindings:
        return sparql
    from kg.linking.sparqltext import inline_values

    return inline_values(sparql, sorted(bindings), [dict(bindings)])


def iri(text: str) -> str:
    """``text``, checked to be writable inside ``<…>``.

    :raises QueryError: for characters an IRI reference cannot hold.
    """
    if any(c in text for c in '<>"{}|^`\\ \n'):
        raise QueryError(f"not an IRI: {text!r}")
    return text
