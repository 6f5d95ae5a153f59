"""A light scanner of SPARQL texts, without a parser (the query workers import it, and
they import neither rdflib nor Flask).

:func:`mask` blanks strings, IRIs and comments so that braces, keywords and variables
can be found by regular expressions; :func:`select_star_order` gives ``SELECT *`` the
variable order a reader expects: as the variables first appear in the query (the SPARQL
spec leaves the order open; Oxigraph sorts them by name).

>>> mask('SELECT ?x # {c}\\nWHERE { ?x "{" }')
'SELECT ?x      \\nWHERE { ?x     }'
>>> select_star_order("SELECT * WHERE { ?zeta ?mid ?alpha }", ["alpha", "mid", "zeta"])
['zeta', 'mid', 'alpha']
>>> select_star_order("SELECT ?b ?a WHERE { ?a ?p ?b }", ["b", "a"])
['b', 'a']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00b7\u00c0-\uffff]+)")
_SELECT_STAR = re.compile(r"(?i)\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*")
_FORM = re.compile(r"(?i)\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b")


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
        elif c == "<" and (m := IRIREF.match(text, i)):
            end = m.end()
        else:
            i += 1
            continue
        for k in range(i, end):
            if out[k] != "\n":
                out[k] = " "
        i = end
    return "".join(out)


def select_star_order(text: str, variables: Sequence[str]) -> list[str]:
    """``variables`` (a result's) in the order they first appear in ``text`` when the
    query is ``SELECT *``; as given otherwise. Names the text does not mention keep
    their order, after the others."""
    masked = mask(text)
    form = _FORM.search(masked)
    star = _SELECT_STAR.match(masked, form.start()) if form else None
    if star is None:
        return list(variables)
    first: dict[str, int] = {}
    for match in VARIABLE.finditer(masked, star.end()):
        first.setdefault(match.group(1), match.start())
    end = len(masked)
    return sorted(variables, key=lambda v: first.get(v, end))
