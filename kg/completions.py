"""The typeahead list of the query editor: the store's classes, properties and resources
as prefixed names, with their labels and other names in English and Indonesian.

The rows come from ``kg/queries/system/completions.rq`` (one per term, kind and type);
:func:`completion_terms` turns them into the list the page completes from. A term whose
IRI has no project prefix (see :mod:`kg.namespaces`) is left out, since the editor inserts
prefixed names with their ``PREFIX`` line.

>>> rows = [{"term": "https://w3id.org/pasb/ontology#Actor", "kind": "class",
...          "type": "http://www.w3.org/2002/07/owl#Class"},
...         {"term": "https://w3id.org/pasb/resource/ilo", "kind": "resource",
...          "type": "https://w3id.org/pasb/ontology#InternationalOrganisation"},
...         {"term": "http://elsewhere.example/x", "kind": "resource"}]
>>> [(t.name, t.kind, t.types) for t in completion_terms(rows, limit=10)]
[('pasb:Actor', 'class', ()), ('res:ilo', 'resource', ('pasb:InternationalOrganisation',))]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from kg.namespaces import PREFIXES

#: The kinds in the order the editor offers them.
KINDS = ("class", "property", "resource")


@dataclass(frozen=True)
class Term:
    """One completion: a prefixed name, what it is, its direct types and its names."""

    name: str
    iri: str
    kind: str
    types: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    names: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        """The term as the page receives it."""
        return {"name": self.name, "iri": self.iri, "kind": self.kind,
                "types": list(self.types), "labels": dict(self.labels),
                "names": list(self.names)}


def prefixed_name(iri: str, prefixes: Mapping[str, str] = PREFIXES) -> str | None:
    """``iri`` as ``prefix:local`` with the longest matching namespace, or ``None`` when no
    prefix fits or the local part is not a valid SPARQL local name.

    >>> prefixed_name("https://w3id.org/pasb/resource/obs-child-labourers-world-5-14")
    'res:obs-child-labourers-world-5-14'
    >>> prefixed_name("https://w3id.org/pasb/resource/a b") is None
    True
    """
    best = max((p for p, ns in prefixes.items() if iri.startswith(ns)),
               key=lambda p: len(prefixes[p]), default=None)
    if best is None:
        return None
    local = iri[len(prefixes[best]):]
    if not _is_local_name(local):
        return None
    return f"{best}:{local}"


def _is_local_name(local: str) -> bool:
    """A PN_LOCAL without escapes: letters, digits, ``_``, ``-``, ``.`` (not last)."""
    if not local:
        return True
    allowed = all(c.isalnum() or c in "_-." for c in local)
    return allowed and local[0] not in "-." and not local.endswith(".")


def completion_terms(rows: Iterable[Mapping[str, str]], *, limit: int,
                     names: Callable[[str], tuple[dict[str, str], list[str]]] | None = None,
                     prefixes: Mapping[str, str] = PREFIXES) -> list[Term]:
    """The completion list from the rows of ``completions.rq``.

    :param limit: most terms returned (classes first, then properties, then resources).
    :param names: ``iri → (labels by language, every other name)``, e.g. from the label
        index.
    """
    kinds: dict[str, set[str]] = {}
    types: dict[str, set[str]] = {}
    for row in rows:
        term = row["term"]
        kinds.setdefault(term, set()).add(row["kind"])
        if row["kind"] == "resource" and row.get("type"):
            types.setdefault(term, set()).add(row["type"])
    terms: list[Term] = []
    for iri, found in kinds.items():
        name = prefixed_name(iri, prefixes)
        if name is None:
            continue
        kind = next(k for k in KINDS if k in found)
        typed = sorted(filter(None, (prefixed_name(t, prefixes) for t in types.get(iri, ()))))
        labels, others = names(iri) if names else ({}, [])
        terms.append(Term(name, iri, kind, tuple(typed), labels, tuple(others)))
    terms.sort(key=lambda t: (KINDS.index(t.kind), t.name))
    return terms[:limit]
