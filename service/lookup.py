"""Reads for the linked-data pages, all through the executor (so the query timeout and
worker isolation apply), and the mapping between canonical IRIs and local URLs.

Canonical IRIs are ``<base_iri>resource/<slug>`` and ``<base_iri>ontology#Term`` (setting
``base_iri``); they dereference here as ``/resource/<slug>`` and ``/ontology#Term``.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox
from flask import request, url_for
from rdflib import Graph, URIRef

from kg.describe import bind_values, system_query
from kg.terms import to_rdflib
from service.state import ServiceState, state

SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_~.-]*$")
NTRIPLES = "application/n-triples"
#: Far above any graph this service holds; SELECT limits are for user queries.
SYSTEM_MAX_ROWS = sys.maxsize - 1


def resource_namespace(current: ServiceState | None = None) -> str:
    """``<base_iri>resource/``."""
    return (current or state()).settings.base_iri + "resource/"


def ontology_iri(current: ServiceState | None = None) -> str:
    """``<base_iri>ontology``."""
    return (current or state()).settings.base_iri + "ontology"


def local_url(iri: str) -> str:
    """The local page of a canonical IRI, or the IRI itself when it is not ours."""
    current = state()
    namespace, ontology = resource_namespace(current), ontology_iri(current)
    if iri.startswith(namespace) and SLUG.match(iri[len(namespace):]):
        return url_for("linked_data.resources.resource", name=iri[len(namespace):])
    if iri == ontology or iri.startswith(ontology + "#"):
        return url_for("linked_data.resources.ontology") + iri[len(ontology):]
    return iri


def run_query(text: str, *, graph_type: str | None = None,
              results_type: str | None = None) -> dict:
    """Run a trusted query in a worker and return the reply (``body``, ``media_type``)."""
    return state().read({"op": "query", "text": text, "graph_type": graph_type,
                         "results_type": results_type, "max_rows": SYSTEM_MAX_ROWS,
                         "union": state().settings.union_default_graph,
                         "base_iri": request.url_root})


def construct(text: str) -> Graph:
    """A CONSTRUCT query's result as an rdflib graph."""
    body = run_query(text, graph_type=NTRIPLES)["body"]
    graph = Graph()
    # pyoxigraph's parser is faster than rdflib's; terms are converted one by one.
    for triple in ox.parse(body, format=ox.RdfFormat.N_TRIPLES):
        graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate),
                   to_rdflib(triple.object)))
    return graph


def select(text: str) -> list[dict]:
    """A trusted SELECT query's solutions as dicts of rdflib terms (unbound left out)."""
    from kg.linking.remote_store import term_from_json

    body = run_query(text, results_type="application/sparql-results+json")["body"]
    return [{name: term_from_json(value) for name, value in solution.items()}
            for solution in json.loads(body)["results"]["bindings"]]


def bound(name: str, variable: str, iri: str) -> str:
    """The system query ``name`` with ``variable`` bound to ``iri``."""
    return bind_values(system_query(name), variable, [URIRef(iri)])


def exists(iri: str) -> bool:
    """Whether ``iri`` is the subject of a triple."""
    reply = run_query(bound("resource-exists", "resource", iri),
                      results_type="application/sparql-results+json")
    return bool(json.loads(reply["body"])["boolean"])


@dataclass(frozen=True)
class LabelIndex:
    """Labels of every IRI by language, and every name (labels and other names)."""

    labels: dict[str, dict[str, str]]
    names: dict[str, list[str]]

    def label(self, iri: str, lang: str) -> str | None:
        """The label of ``iri`` in ``lang`` (or English, Indonesian, any)."""
        found = self.labels.get(iri, {})
        for wanted in (lang, "en", "id", ""):
            if wanted in found:
                return found[wanted]
        return next(iter(found.values()), None)

    def near(self, text: str, namespace: str, *, limit: int = 6) -> list[str]:
        """IRIs under ``namespace`` whose slug or a name is close to ``text``: by
        :mod:`difflib` similarity, or by the share of its words they contain (so
        "netherlands-government" finds "Government of the Netherlands")."""
        wanted = _words(text)
        words = set(wanted.split())
        best: dict[str, float] = {}
        for iri, names in self.names.items():
            if not iri.startswith(namespace):
                continue
            for key in {_words(iri[len(namespace):]), *(_words(n) for n in names)}:
                matcher = difflib.SequenceMatcher(None, wanted, key)
                ratio = matcher.ratio() if matcher.quick_ratio() > 0.5 else 0.0
                overlap = len(words & set(key.split())) / len(words) if words else 0.0
                best[iri] = max(best.get(iri, 0.0), ratio, overlap * 0.95)
        ranked = sorted((score, iri) for iri, score in best.items() if score >= 0.55)
        return [iri for _, iri in sorted(ranked, key=lambda si: (-si[0], si[1]))[:limit]]


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def label_index() -> LabelIndex:
    """The label index, computed once per store generation."""
    current = state()

    def compute() -> LabelIndex:
        rows = current.read({"op": "rows", "text": system_query("labels"),
                             "union": current.settings.union_default_graph})["rows"]
        labels: dict[str, dict[str, str]] = defaultdict(dict)
        names: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            if row.get("kind") == "label":
                labels[row["resource"]].setdefault(row.get("lang", ""), row["label"])
            names[row["resource"]].append(row["label"])
        return LabelIndex(dict(labels), dict(names))

    return current.cached("label-index", compute)
