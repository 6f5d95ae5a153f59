"""The named queries of ``kg/queries/*.rq``.

Each file starts with comment lines ``# title: …``, ``# description: …`` (may continue on
further ``#`` lines) and optionally ``# param: NAME [TYPE] — help`` lines; the rest is the
SPARQL text; ``# title-id:``, ``# description-id:`` and ``# param-id: NAME — help`` give
them in Indonesian. ``TYPE`` is a prefixed name: a class (the value is one of its instances) or
an ``xsd:`` datatype (the value is a literal of that type); without it the value is any
IRI. A parameter is a variable of the query that a caller may bind (SEP-0007
substitution, never pasted into the text); "(optional)" in its help means the query also
answers without it. The CLI, the service's example list, the network extraction and the tests
all read queries through :func:`load_query` and :func:`list_queries`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path

from kg.errors import UnknownNameError

_FIELD = re.compile(r"^#\s*(title-id|description-id|param-id|title|description|param)\s*:\s*(.*)$")
_PARAM = re.compile(r"^[?$]?(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:\s+(?P<type>[A-Za-z][\w-]*:\w+))?"
                    r"\s*(?:[—–]|--?)\s*(?P<help>.*)$")


@dataclass(frozen=True)
class Param:
    """A documented parameter of a named query.

    >>> Param.parse("year xsd:integer — a year, e.g. 2012 (optional)")
    Param(name='year', type='xsd:integer', help='a year, e.g. 2012 (optional)', help_id='')
    >>> Param.parse("fact — IRI of any fact-bearing resource").optional
    False
    """

    name: str
    type: str | None
    help: str
    help_id: str = ""

    @classmethod
    def parse(cls, line: str) -> Param:
        """A ``NAME [TYPE] — help`` line (the part after ``# param:``)."""
        match = _PARAM.match(line.strip())
        if match is None:
            name, _, help_ = line.strip().partition(" ")
            return cls(name.lstrip("?$"), None, help_.strip(" —-"))
        return cls(match["name"], match["type"], match["help"].strip())

    @property
    def optional(self) -> bool:
        """Whether the query answers without a value for it."""
        return any(word in self.help for word in ("(optional)", "(default ", "unbound"))

    @property
    def literal(self) -> bool:
        """Whether the value is a literal (an ``xsd:`` type) rather than an IRI."""
        return bool(self.type and self.type.startswith("xsd:"))


@dataclass(frozen=True)
class NamedQuery:
    """A named, documented SPARQL query."""

    name: str
    title: str
    description: str
    text: str
    params: tuple[str, ...] = field(default=())
    title_id: str = ""
    description_id: str = ""
    params_id: tuple[str, ...] = field(default=())

    def title_in(self, lang: str) -> str:
        """The title in ``lang`` (``en`` or ``id``; English when it has no translation)."""
        return (self.title_id if lang == "id" else "") or self.title

    def description_in(self, lang: str) -> str:
        """The description in ``lang`` (English when it has no translation)."""
        return (self.description_id if lang == "id" else "") or self.description

    @property
    def bindable(self) -> tuple[Param, ...]:
        """The parameters a caller can bind: for a SELECT, only the selected ones (a
        SEP-0007 binding must be in the projection)."""
        if self.form != "SELECT":
            return self.parameters
        body = re.sub(r"#[^\n]*", "", re.sub(r"<[^<>\s]*>", "<>", self.text))
        head = re.search(r"(?is)\bSELECT\b(.*?)(?:\bWHERE\b|\{)", body)
        selected = head.group(1) if head else ""
        return tuple(p for p in self.parameters
                     if "*" in selected.split() or re.search(rf"[?$]{p.name}\b", selected))

    @property
    def parameters(self) -> tuple[Param, ...]:
        """The ``# param:`` lines, parsed, with the help of their ``# param-id:`` lines."""
        helps = {p.name: p.help for p in map(Param.parse, self.params_id)}
        return tuple(replace(p, help_id=helps.get(p.name, ""))
                     for p in map(Param.parse, self.params))

    @property
    def form(self) -> str:
        """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``, read from the text."""
        # IRIs may contain "#": drop them before comments, then the prologue keywords.
        body = re.sub(r"<[^<>\s]*>", "<>", self.text)
        body = re.sub(r"#[^\n]*", "", body)
        body = re.sub(r"(?is)^\s*(?:(?:PREFIX\s+\S*\s*<>|BASE\s*<>)\s*)*", "", body)
        return body.split(None, 1)[0].upper() if body.strip() else ""


def queries_dir() -> Path:
    """The directory holding the shipped ``.rq`` files."""
    return Path(str(resources.files("kg") / "queries"))


def parse_query_file(path: Path) -> NamedQuery:
    """Read one ``.rq`` file with its header comments."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _FIELD.match(line)
        if match:
            current = match.group(1)
            fields.setdefault(current, []).append(match.group(2).strip())
        elif current in ("description", "description-id"):
            fields[current].append(line.lstrip("#").strip())

    def joined(name: str) -> str:
        return " ".join(v for v in fields.get(name, []) if v)

    return NamedQuery(
        name=path.stem,
        title=joined("title") or path.stem,
        description=joined("description"),
        text=text,
        params=tuple(fields.get("param", [])),
        title_id=joined("title-id"),
        description_id=joined("description-id"),
        params_id=tuple(fields.get("param-id", [])),
    )


@cache
def _all_queries(directory: Path) -> dict[str, NamedQuery]:
    return {p.stem: parse_query_file(p) for p in sorted(directory.glob("*.rq"))}


def list_queries(directory: Path | None = None) -> list[NamedQuery]:
    """All named queries, sorted by name."""
    return list(_all_queries(directory or queries_dir()).values())


def load_query(name: str, directory: Path | None = None) -> NamedQuery:
    """The named query ``name``.

    :raises UnknownNameError: listing the known names when ``name`` is not one.
    """
    queries = _all_queries(directory or queries_dir())
    try:
        return queries[name]
    except KeyError:
        known = ", ".join(queries) or "none"
        raise UnknownNameError(f"unknown named query {name!r}; known: {known}") from None
