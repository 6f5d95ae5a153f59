"""A small lexer for SPARQL texts: the tokens a person writes, with their positions.

Used where a parse tree is not at hand or not enough: to keep the variable order of
``SELECT *`` (pyoxigraph sorts the variables by name), and to explain syntax errors
(:mod:`kg.sparql_errors`). It never decides whether a text is valid; the parsers do.

>>> [t.text for t in tokens('SELECT ?x WHERE { ?x rdfs:label "a ?b"@en } # ?c')]
['SELECT', '?x', 'WHERE', '{', '?x', 'rdfs:label', '"a ?b"', '@en', '}']
>>> star_order("SELECT * WHERE { ?z ?a ?m }")
['z', 'a', 'm']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """Kinds of token."""

    STRING = "string"
    IRI = "iri"
    VARIABLE = "variable"
    BLANK = "blank"
    PNAME = "pname"
    LANGTAG = "langtag"
    NUMBER = "number"
    WORD = "word"
    PUNCT = "punct"


_PN_CHARS_BASE = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff" \
                 "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
_PN_CHARS = _PN_CHARS_BASE + r"_\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_LOCAL = rf"(?:[{_PN_CHARS}:]|%[0-9A-Fa-f]{{2}}|\\[_~.\-!$&'()*+,;=/?#@%])"
_LEXER = re.compile(
    rf"""
    (?P<space>\s+) | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)|\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|$)
               |'(?:[^'\\\n\r]|\\.)*'?|"(?:[^"\\\n\r]|\\.)*"?)
  | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
  | (?P<variable>[?$][{_PN_CHARS}]+)
  | (?P<blank>_:[{_PN_CHARS}]+(?:\.+[{_PN_CHARS}]+)*)
  | (?P<pname>(?:[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)?:
              (?:{_LOCAL}(?:(?:{_LOCAL}|\.)*{_LOCAL})?)?)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>[+-]?(?:[0-9]+\.?[0-9]*(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?))
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|\{{\||\|\}}|<<|>>|.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    """One token: its kind, text and offset in the SPARQL text."""

    kind: Kind
    text: str
    offset: int

    @property
    def prefix(self) -> str | None:
        """The prefix of a prefixed name (``rdfs`` of ``rdfs:label``), else ``None``."""
        return self.text.split(":", 1)[0] if self.kind is Kind.PNAME else None


def tokens(text: str) -> Iterator[Token]:
    """The tokens of ``text``, comments and white space left out."""
    for match in _LEXER.finditer(text):
        kind = match.lastgroup
        if kind in ("space", "comment") or kind is None:
            continue
        yield Token(Kind(kind), match.group(), match.start())


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of ``offset`` in ``text``.

    >>> position("a\\nbc", 3)
    (2, 2)
    """
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def offset_of(text: str, line: int, column: int) -> int:
    """The offset of a 1-based line and column (clamped to the text)."""
    lines = text.split("\n")
    line = max(1, min(line, len(lines)))
    start = sum(len(x) + 1 for x in lines[:line - 1])
    return min(len(text), start + max(0, column - 1))


def declared_prefixes(toks: list[Token]) -> dict[str, int]:
    """Prefixes declared by ``PREFIX p: <…>``, with the index of their declaration token."""
    declared: dict[str, int] = {}
    for i, token in enumerate(toks[:-1]):
        if token.kind is Kind.WORD and token.text.upper() == "PREFIX" \
                and toks[i + 1].kind is Kind.PNAME:
            declared.setdefault(toks[i + 1].text.rstrip(":").split(":", 1)[0], i + 1)
    return declared


def star_order(text: str) -> list[str] | None:
    """For a ``SELECT *`` query, its variables in the order they first appear (the order a
    reader sees); ``None`` for any other query.

    SPARQL leaves the column order of ``SELECT *`` open and pyoxigraph sorts by name;
    the service and the command line put the columns in this order instead.
    """
    toks = list(tokens(text))
    words = [(i, t) for i, t in enumerate(toks) if t.kind is Kind.WORD]
    first = next(((i, t) for i, t in words if t.text.upper() not in ("PREFIX", "BASE")),
                  None)
    if first is None or first[1].text.upper() != "SELECT":
        return None
    after = first[0] + 1
    while after < len(toks) and toks[after].text.upper() in ("DISTINCT", "REDUCED"):
        after += 1
    if after >= len(toks) or toks[after].text != "*":
        return None
    order: list[str] = []
    for token in toks[after + 1:]:
        if token.kind is Kind.VARIABLE and token.text[1:] not in order:
            order.append(token.text[1:])
    return order


def ordered(variables: list[str], order: list[str] | None) -> list[str]:
    """``variables`` in ``order`` (names missing from it keep their place at the end).

    >>> ordered(["a", "m", "z"], ["z", "a", "m"])
    ['z', 'a', 'm']
    """
    if not order:
        return variables
    rank = {name: i for i, name in enumerate(order)}
    return sorted(variables, key=lambda v: (rank.get(v, len(rank)), variables.index(v)))
