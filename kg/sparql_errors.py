"""Syntax errors a person can act on.

pyoxigraph's parser reports the furthest point any alternative of its grammar reached,
often one token (or one line) after the mistake, with every character class it would
have accepted there. This module turns such a report into one that names the mistake:

1. an undeclared prefix: "prefix `foo:` is not declared", with the ``PREFIX`` line when
   the prefix is one of the project's (:data:`kg.namespaces.PREFIXES`);
2. a word that is no SPARQL keyword (``SELEC``, ``WHRE``, ``OPTIONAL`` misspelt), with
   the keyword it resembles;
3. otherwise the earliest of pyoxigraph's and rdflib's positions (rdflib's pyparsing
   grammar stops at the first token it cannot take; pyoxigraph one token later), with
   the token found there and pyoxigraph's list of what it expected, without the
   Unicode character ranges.

>>> err = explain_syntax_error("SELECT ?x WHERE {\\n  ?x foo:bar ?y\\n}",
...                            message="", line=None, column=None,
...                            known_prefixes={"foo": "http://e/"})
>>> err.line, err.column, err.message
(2, 6, 'prefix `foo:` is not declared')
>>> err.hint
'PREFIX foo: <http://e/>'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from kg.errors import QuerySyntaxError
from kg.sparql_text import Kind, Token, declared_prefixes, offset_of, position, tokens

QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_OPERATIONS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE",
                     "ADD", "WITH")
#: Every keyword and built-in function name of the SPARQL 1.1 grammar (and SPARQL 1.2's
#: few that pyoxigraph accepts); a bare word outside this list cannot be valid.
KEYWORDS = frozenset("""
BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK DISTINCT REDUCED AS FROM NAMED WHERE GROUP BY
HAVING ORDER ASC DESC LIMIT OFFSET VALUES UNDEF OPTIONAL GRAPH SERVICE SILENT BIND
MINUS FILTER UNION NOT IN EXISTS A TRUE FALSE LOAD CLEAR DROP CREATE ADD MOVE COPY TO
INTO DEFAULT ALL INSERT DELETE DATA WITH USING STR LANG LANGMATCHES DATATYPE BOUND IRI
URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS
STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ
NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI
ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE COUNT SUM MIN MAX AVG SAMPLE
GROUP_CONCAT SEPARATOR TRIPLE SUBJECT PREDICATE OBJECT ISTRIPLE LANGDIR STRLANGDIR
HASLANG HASLANGDIR
""".split())  # noqa: SIM905
_CHAR_CLASS = re.compile(r"\[[^\]]*\]|\[[^\]]*$")
_MAX_EXPECTED = 8


def explain_syntax_error(
    text: str,
    *,
    message: str,
    line: int | None,
    column: int | None,
    known_prefixes: Mapping[str, str] | None = None,
    implicit_prefixes: Mapping[str, str] | None = None,
    update: bool = False,
) -> QuerySyntaxError:
    """The :class:`~kg.errors.QuerySyntaxError` that explains why ``text`` does not parse.

    :param message: the parser's message (pyoxigraph's or rdflib's), used when no more
        specific cause is found.
    :param line: 1-based line the parser reported, if any.
    :param column: 1-based column the parser reported, if any.
    :param known_prefixes: prefixes to offer a ``PREFIX`` line for when undeclared.
    :param implicit_prefixes: prefixes the text may use without declaring them (the
        command line's).
    :param update: the text is an update request, not a query.
    """
    toks = list(tokens(text))
    known = dict(known_prefixes or {})
    for explain in (_open_string, _undeclared_prefix, _unknown_word, _unbalanced):
        found = explain(text, toks, known, dict(implicit_prefixes or {}), update)
        if found is not None:
            return found
    return _located(text, toks, message, line, column, update)


def undeclared_prefix(text: str, *, known_prefixes: Mapping[str, str] | None = None
                      ) -> QuerySyntaxError | None:
    """The error for the first prefixed name whose prefix ``text`` does not declare (a
    parser that does not resolve prefixed names, like rdflib's grammar, lets it pass)."""
    return _undeclared_prefix(text, list(tokens(text)), dict(known_prefixes or {}), {}, False)


def _error(text: str, offset: int, message: str, hint: str | None = None) -> QuerySyntaxError:
    line, column = position(text, offset)
    return QuerySyntaxError(message, line=line, column=column, hint=hint)


def _undeclared_prefix(text: str, toks: list[Token], known: dict[str, str],
                       implicit: dict[str, str], update: bool) -> QuerySyntaxError | None:
    declared = declared_prefixes(toks)
    for i, token in enumerate(toks):
        prefix = token.prefix
        if prefix is None or prefix in implicit:
            continue
        if prefix in declared and declared[prefix] <= i:
            continue
        name = f"{prefix}:"
        if prefix in declared:  # used before its declaration
            return _error(text, token.offset, f"prefix `{name}` is used before its PREFIX "
                                              "declaration; declarations go first")
        hint = f"PREFIX {name} <{known[prefix]}>" if prefix in known else None
        message = f"prefix `{name}` is not declared"
        return _error(text, token.offset, message, hint)
    return None


def _unknown_word(text: str, toks: list[Token], known: dict[str, str],
                  implicit: dict[str, str], update: bool) -> QuerySyntaxError | None:
    expected_first = UPDATE_OPERATIONS if update else QUERY_FORMS
    first = next((t for t in toks if t.kind is Kind.WORD
                  and t.text.upper() not in ("PREFIX", "BASE")), None)
    for token in toks:
        if token.kind is not Kind.WORD or token.text.upper() in KEYWORDS:
            continue
        word = token.text
        if token is first or first is None:
            choices = expected_first
            what = "an update operation" if update else "a query form"
            listed = ", ".join(choices[:-1]) + " or " + choices[-1]
            message = f"`{word}` is not {what}: expected {listed}"
        else:
            choices = tuple(sorted(KEYWORDS))
            message = f"`{word}` is not a SPARQL keyword"
        guess = difflib.get_close_matches(word.upper(), choices, n=1, cutoff=0.75)
        if guess:
            message += f" (did you mean {guess[0]}?)"
        elif token is not first:
            message += " (a variable needs ? and a prefixed name a colon)"
        return _error(text, token.offset, message)
    if first is not None and first.text.upper() not in expected_first and not update:
        listed = ", ".join(expected_first[:-1]) + " or " + expected_first[-1]
        return _error(text, first.offset, f"a query starts with {listed}, not "
                                          f"`{first.text}`")
    return None


def _open_string(text: str, toks: list[Token], known: dict[str, str],
                 implicit: dict[str, str], update: bool) -> QuerySyntaxError | None:
    for token in toks:
        if token.kind is Kind.STRING:
            quote = token.text[:3] if token.text[:3] in ('"""', "'''") else token.text[0]
            body = token.text[len(quote):]
            if not body.endswith(quote) or (len(quote) == 1 and body == ""):
                return _error(text, token.offset, f"this string is never closed (a {quote} "
                                                  "is missing)")
    return None


_TERMS = (Kind.VARIABLE, Kind.IRI, Kind.PNAME, Kind.STRING, Kind.NUMBER, Kind.BLANK)
_PAIRS = {"{": "}", "(": ")", "[": "]"}


def _unbalanced(text: str, toks: list[Token], known: dict[str, str],
                implicit: dict[str, str], update: bool) -> QuerySyntaxError | None:
    """A closing bracket without its opening one, or an opening one never closed."""
    stack: list[Token] = []
    for token in toks:
        if token.kind is not Kind.PUNCT:
            continue
        if token.text in _PAIRS:
            stack.append(token)
        elif token.text in _PAIRS.values():
            if not stack or _PAIRS[stack[-1].text] != token.text:
                return _error(text, token.offset, f"`{token.text}` closes nothing here"
                              + (f" (the `{stack[-1].text}` before it wants "
                                 f"`{_PAIRS[stack[-1].text]}`)" if stack else ""))
            stack.pop()
    if stack:
        opened = stack[0] if stack[0].text == "{" else stack[-1]
        line, column = position(text, opened.offset)
        what = "update" if update else "query"
        end = len(text.rstrip())
        return _error(text, end, f"the {what} ends before `{_PAIRS[opened.text]}`: the "
                                 f"`{opened.text}` at line {line}, column {column} is never "
                                 "closed")
    return None


def _rdflib_offset(text: str, update: bool) -> int | None:
    """Where rdflib's grammar stops, or ``None`` when it parses the text."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        (parseUpdate if update else parseQuery)(text)
    except ParseException as exc:
        return exc.loc
    except Exception:  # rdflib raises a few other errors on broken texts
        return None
    return None


def _token_at(toks: list[Token], offset: int) -> Token | None:
    return next((t for t in toks if t.offset <= offset < t.offset + len(t.text)), None) \
        or next((t for t in toks if t.offset >= offset), None)


def _choose_offset(text: str, ox_offset: int | None, rdflib_offset: int | None, end: int
                   ) -> int | None:
    """pyoxigraph's position, or rdflib's where pyoxigraph's is known to run late: at the
    end of the text (it tried every alternative to the end), or later on the same line
    (it stopped one token after the one it could not use)."""
    if ox_offset is None or rdflib_offset is None or rdflib_offset >= ox_offset:
        return ox_offset if ox_offset is not None else rdflib_offset
    same_line = "\n" not in text[rdflib_offset:ox_offset]
    return rdflib_offset if ox_offset >= end or same_line else ox_offset


def _located(text: str, toks: list[Token], message: str, line: int | None,
             column: int | None, update: bool) -> QuerySyntaxError:
    ox_offset = None
    if line is not None:  # pyoxigraph points just after the token it could not use
        after = offset_of(text, line, column or 1)
        ox_offset = next((t.offset for t in toks
                          if t.offset < after <= t.offset + len(t.text)), after)
    rdflib_offset = _rdflib_offset(text, update)
    end = len(text.rstrip())
    offset = _choose_offset(text, ox_offset, rdflib_offset, end)
    if offset is None:
        return QuerySyntaxError(_clean(message) or "syntax error")
    token = _token_at(toks, offset)
    if token is None or offset >= len(text.rstrip()):
        found = "the query ends too early (a `}` or `)` missing?)"
        if update:
            found = found.replace("query", "update")
    else:
        offset = token.offset if token.offset <= offset < token.offset + len(token.text) \
            else offset
        found = f"unexpected `{token.text[:40]}`"
        before = [t for t in toks if t.offset < token.offset]
        if token.kind in _TERMS and before and (before[-1].kind in _TERMS
                                                or before[-1].text in ")]"):
            found += " (is a `.` or `;` missing before it?)"
    expected = _clean(message)
    if expected.startswith("expected one of") and offset == ox_offset:
        found += f"; {expected}"
    return _error(text, offset, found)


def _clean(message: str) -> str:
    """pyoxigraph's message without its character classes and with a short list."""
    message = message.strip()
    if not message.startswith("expected"):
        return message.splitlines()[0] if message else ""
    _, _, rest = message.partition("one of ")
    if not rest:
        return message.splitlines()[0]
    items = [i.strip() for i in _CHAR_CLASS.sub("", rest.replace("\n", " ")).split(",")]
    items = [i for i in items if i and i != "Prefix not found"]
    if not items:
        return ""
    more = len(items) > _MAX_EXPECTED
    shown = ", ".join(items[:_MAX_EXPECTED]) + (", …" if more else "")
    return f"expected one of {shown}" if len(items) > 1 else f"expected {shown}"
