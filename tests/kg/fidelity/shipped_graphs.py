"""The shipped data as the fidelity tests read it: every source file parsed into the named
graph it is loaded into (``kg.sources``), with the kind each graph declares for itself."""

from __future__ import annotations

from functools import cache

from rdflib import Dataset, Graph, Namespace, URIRef
from rdflib.namespace import RDF

from kg.sources import data_sources, ontology_sources, parse_source

PASB = Namespace("https://w3id.org/pasb/ontology#")
RES = Namespace("https://w3id.org/pasb/resource/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCT = Namespace("http://purl.org/dc/terms/")
KINDS = {RES["statement-kind-" + k]: k for k in ("paper", "interpretation", "context", "ontology")}


@cache
def graphs() -> dict[str, Graph]:
    """Graph IRI → rdflib graph of the file loaded into it."""
    import pyoxigraph as ox

    out: dict[str, Graph] = {}
    for source in ontology_sources() + data_sources():
        graph = Graph()
        nt = ox.serialize([q.triple for q in parse_source(source)], format=ox.RdfFormat.N_TRIPLES)
        graph.parse(data=nt, format="nt")
        out[str(source.graph)] = graph
    return out


def kind_of(name: str) -> str | None:
    """The kind a graph declares for itself (``None`` when it declares none)."""
    kinds = set(graphs()[name].objects(URIRef(name), PASB.statementKind))
    return KINDS.get(next(iter(kinds))) if len(kinds) == 1 else None


def of_kind(kind: str) -> dict[str, Graph]:
    """The graphs of one kind."""
    return {name: g for name, g in graphs().items() if kind_of(name) == kind}


@cache
def union() -> Graph:
    """Every graph merged (what the service's default graph is)."""
    merged = Graph()
    for graph in graphs().values():
        merged += graph
    return merged


def dataset() -> Dataset:
    """The graphs as one rdflib dataset."""
    ds = Dataset()
    for name, graph in graphs().items():
        target = ds.graph(URIRef(name))
        for triple in graph:
            target.add(triple)
    return ds


def is_excerpt(node) -> bool:
    """Whether ``node`` is typed pasb:Excerpt anywhere."""
    return (node, RDF.type, PASB.Excerpt) in union()
