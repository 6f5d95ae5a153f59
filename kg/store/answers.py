"""Answers of a remote store, checked and normalised: solutions as SPARQL JSON terms,
a boolean, or triples; and the conversions to pyoxigraph terms."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox


@dataclass
class Answer:
    """A checked, normalised answer: solutions, a boolean or triples."""

    form: str  # SELECT, ASK or CONSTRUCT
    variables: list[str] = field(default_factory=list)
    bindings: list[dict[str, dict[str, Any]]] = field(default_factory=list)
    boolean: bool = False
    triples: list[ox.Triple] = field(default_factory=list)
    #: The store's own bytes and media type, when its dialect writes them faithfully
    #: (they can then be passed on as they are).
    raw: bytes | None = None
    raw_type: str | None = None

    @property
    def rows(self) -> int:
        return len(self.bindings) if self.form == "SELECT" else len(self.triples)

    def results_json(self) -> bytes:
        """The answer as SPARQL JSON (SELECT and ASK)."""
        if self.form == "ASK":
            return json.dumps({"head": {}, "boolean": self.boolean}).encode()
        return json.dumps({"head": {"vars": self.variables},
                           "results": {"bindings": self.bindings}}).encode()

    def oxigraph(self) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """The answer as pyoxigraph's result object (for the CLI's writers)."""
        if self.form == "CONSTRUCT":
            scratch = ox.Store()
            scratch.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                           for t in self.triples)
            return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
        return ox.parse_query_results(self.results_json(), format=ox.QueryResultsFormat.JSON)


def first_int(answer: Answer) -> int:
    """The integer in the first cell of a one-row answer (counts)."""
    row = answer.bindings[0] if answer.bindings else {}
    return int(next(iter(row.values()))["value"]) if row else 0


def ox_term(value: Mapping[str, Any]) -> Any:
    """The pyoxigraph term of one SPARQL JSON term."""
    kind, text = value.get("type"), value.get("value", "")
    if kind == "uri":
        return ox.NamedNode(text)
    if kind == "bnode":
        return ox.BlankNode(text)
    if kind == "triple":
        inner = value["value"]
        return ox.Triple(ox_term(inner["subject"]), ox_term(inner["predicate"]),
                         ox_term(inner["object"]))
    if "xml:lang" in value:
        return ox.Literal(text, language=value["xml:lang"])
    if "datatype" in value:
        return ox.Literal(text, datatype=ox.NamedNode(value["datatype"]))
    return ox.Literal(text)


def normal_triple(t: ox.Triple) -> ox.Triple:
    """Virtuoso writes some blank nodes as ``<nodeID://…>`` IRIs in N-Triples."""
    s, o = t.subject, t.object
    if isinstance(s, ox.NamedNode) and s.value.startswith("nodeID://"):
        s = ox.BlankNode(s.value[len("nodeID://"):])
    if isinstance(o, ox.NamedNode) and o.value.startswith("nodeID://"):
        o = ox.BlankNode(o.value[len("nodeID://"):])
    if s is t.subject and o is t.object:
        return t
    return ox.Triple(s, t.predicate, o)
