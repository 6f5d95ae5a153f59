"""The kinds of statement a named graph holds (docs/modelling.md, "Three kinds of
statement"), and the triples with which a graph describes itself.

Every named graph of the store says in its own triples which kind it is —
``res:statement-kind-paper``, ``-interpretation``, ``-context`` or ``-ontology`` — so that
"only what the paper states" is one query away (named queries ``graphs`` and
``paper-statements``). Files written by pasb-kg itself (links, enrichment) describe their
graph with :func:`describe_graph` and cite their outside source with :func:`outside_source`.
"""

from __future__ import annotations

from enum import Enum

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.named_queries import load_query
from kg.namespaces import PASB, RES
from kg.store import Store, select_values

BIBO = "http://purl.org/ontology/bibo/"


class Kind(Enum):
    """A kind of statement; the value is the concept's notation."""

    PAPER = "paper"
    INTERPRETATION = "interpretation"
    CONTEXT = "context"
    ONTOLOGY = "ontology"

    @property
    def iri(self) -> URIRef:
        """The concept of ``res:statement-kinds``."""
        return RES[f"statement-kind-{self.value}"]

    @classmethod
    def parse(cls, text: str) -> Kind:
        """A kind from its notation or its IRI.

        :raises ValueError: naming the kinds there are.
        """
        value = text.rsplit("statement-kind-", 1)[-1].strip().lower()
        try:
            return cls(value)
        except ValueError:
            known = ", ".join(k.value for k in cls)
            raise ValueError(f"{text!r} is not a kind of statement (known: {known})") from None


def describe_graph(graph: Graph, iri: str, kind: Kind, *, label_en: str, label_id: str,
                   description_en: str) -> None:
    """Add the triples with which the named graph ``iri`` describes itself to ``graph``."""
    node = URIRef(iri)
    graph.add((node, PASB.statementKind, kind.iri))
    graph.add((node, RDFS.label, Literal(label_en, lang="en")))
    graph.add((node, RDFS.label, Literal(label_id, lang="id")))
    graph.add((node, DCTERMS.description, Literal(description_en, lang="en")))


def outside_source(graph: Graph, slug: str, *, title: str, uri: str, publisher: str,
                   label_en: str, label_id: str) -> URIRef:
    """Describe an outside source ``res:ext-<slug>`` in ``graph`` and return its IRI."""
    node = RES[f"ext-{slug}"]
    graph.add((node, RDF.type, PASB.OutsideSource))
    graph.add((node, RDF.type, URIRef(BIBO + "Webpage")))
    graph.add((node, RDFS.label, Literal(label_en, lang="en")))
    graph.add((node, RDFS.label, Literal(label_id, lang="id")))
    graph.add((node, DCTERMS.title, Literal(title, lang="en")))
    graph.add((node, DCTERMS.publisher, Literal(publisher)))
    graph.add((node, URIRef(BIBO + "uri"), Literal(uri)))
    return node


#: Which kind a statement made in graphs of several kinds counts as: the paper's first.
KIND_ORDER = (Kind.PAPER, Kind.ONTOLOGY, Kind.INTERPRETATION, Kind.CONTEXT)


def graph_kinds(store: Store) -> dict[str, Kind]:
    """The kind of statement each named graph of ``store`` declares (named query
    ``graphs``; the kind's IRI is read, since its notation is in another graph, which a
    store without a union default graph does not join)."""
    kinds = {}
    for graph, kind in select_values(store, load_query("graphs").text, ["graph", "kind"]):
        if graph and kind:
            try:
                kinds[graph] = Kind.parse(kind)
            except ValueError:
                continue
    return kinds


def kind_of(graphs: set[str | None], kinds: dict[str, Kind]) -> Kind | None:
    """The kind of a statement made in ``graphs`` (``None`` when none declares one)."""
    found = {kinds[g] for g in graphs if g in kinds}
    return next((k for k in KIND_ORDER if k in found), None)
