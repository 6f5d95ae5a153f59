"""Validate the knowledge graph: SHACL shapes, OWL-RL consistency, declared terms, no dangling IRIs.

:func:`validate` runs four checks and merges what they find into one
:class:`ValidationReport`:

``shacl``
    pySHACL with ``ontology/shapes.ttl``; the ontology graph (``pasb.ttl`` plus
    ``vocabularies.ttl``) is mixed into a copy of the data so that subclasses, schemes and
    concepts are visible.
``owl-rl``
    the OWL 2 RL closure of ontology + data (owlrl), in a copy; every member of
    ``owl:Nothing``, every resource typed with two disjoint classes and every other
    inconsistency owlrl reports.
``declared-terms``
    every predicate, and every class used as the object of ``rdf:type``, is declared in the
    ontology or belongs to a reused vocabulary listed in :data:`KNOWN_NAMESPACES`.
``dangling-iri``
    every IRI in the ``res:`` namespace used as an object has an ``rdfs:label``.

Example: a ``res:`` IRI that nothing describes::

    >>> from rdflib import Graph
    >>> data = Graph().parse(format="turtle", data='''
    ...     @prefix res: <https://w3id.org/pasb/resource/> .
    ...     res:a <http://purl.org/dc/terms/relation> res:b .''')
    >>> report = validate(data, Graph(), Graph(), inference="none")
    >>> report.conforms
    False
    >>> print(report.text())
    Conforms: False (1 violations, 0 warnings)
    [Violation] [dangling-iri] res:b: not described (no rdfs:label); used by res:a dct:relation
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from itertools import combinations

import owlrl
import pyshacl
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from kg.errors import ValidationError
from kg.namespaces import PASB, PREFIXES, RES

log = logging.getLogger(__name__)

#: Where owlrl writes the inconsistencies it finds (``err:ErrorMessage`` / ``err:error``).
OWLRL_ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")

#: Reused vocabularies whose terms may be used without being declared in ``pasb.ttl``.
KNOWN_NAMESPACES: dict[str, str] = {
    prefix: iri for prefix, iri in PREFIXES.items()
    if prefix not in {"pasb", "res", "sd", "wd", "wdt", "p", "ps", "pq"}
}

DECLARATION_TYPES = (
    OWL.Class,
    RDFS.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDF.Property,
)
INFERENCE_MODES = ("none", "rdfs", "owlrl")


class Severity(Enum):
    """How bad a finding is; only :attr:`VIOLATION` makes the data non-conforming."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"


@dataclass(frozen=True)
class Violation:
    """One finding: which node, which property, what is wrong, and which check found it."""

    focus_node: str
    path: str | None
    message: str
    severity: Severity = Severity.VIOLATION
    source: str = ""

    def line(self) -> str:
        """Format as ``focus path: message`` (path omitted when there is none)."""
        where = self.focus_node if self.path is None else f"{self.focus_node} {self.path}"
        return f"{where}: {self.message}"


@dataclass
class ValidationReport:
    """The merged result of all checks; :attr:`conforms` is false if any violation was found."""

    results: list[Violation] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """True when no result has severity :attr:`Severity.VIOLATION`."""
        return not self.violations()

    def violations(self) -> list[Violation]:
        """The results that make the data non-conforming."""
        return [r for r in self.results if r.severity is Severity.VIOLATION]

    def warnings(self) -> list[Violation]:
        """The results reported as warnings or information only."""
        return [r for r in self.results if r.severity is not Severity.VIOLATION]

    def text(self) -> str:
        """A readable report: a summary line, then one line per finding, violations first."""
        head = (
            f"Conforms: {self.conforms} ({len(self.violations())} violations, "
            f"{len(self.warnings())} warnings)"
        )
        ordered = sorted(
            self.results,
            key=lambda r: (
                r.severity is not Severity.VIOLATION,
                r.source,
                r.focus_node,
                r.path or "",
            ),
        )
        lines = [f"[{r.severity.value}] [{r.source}] {r.line()}" for r in ordered]
        return "\n".join([head, *lines])

    def raise_for_violations(self) -> None:
        """Raise :class:`~kg.errors.ValidationError` (with :meth:`text`) on any violation."""
        if not self.conforms:
            raise ValidationError(self.text())


def validate(
    data_graph: Graph, ontology_graph: Graph, shapes_graph: Graph, *, inference: str = "rdfs"
) -> ValidationReport:
    """Validate ``data_graph`` against the shapes and the ontology; never modifies the inputs.

    :param data_graph: the facts (``kg/data/*.ttl``).
    :param ontology_graph: ``ontology/pasb.ttl`` and ``ontology/vocabularies.ttl``.
    :param shapes_graph: ``ontology/shapes.ttl``.
    :param inference: what pySHACL infers before validating: ``"none"``, ``"rdfs"``,
        ``"owlrl"`` or ``"both"``. The OWL-RL consistency check runs in every mode.
    :returns: every finding of the four checks.
    :raises ValueError: ``inference`` is not one of the modes above.
    """
    if inference not in INFERENCE_MODES:
        raise ValueError(f"inference must be one of {', '.join(INFERENCE_MODES)}: {inference!r}")
    names = _namespace_names(data_graph, ontology_graph)
    results = [
        *check_shacl(data_graph, ontology_graph, shapes_graph, inference=inference, names=names),
        *check_consistency(data_graph, ontology_graph, names=names),
        *check_declared_terms(data_graph, ontology_graph, names=names),
        *check_dangling_iris(data_graph, ontology_graph, names=names),
    ]
    return ValidationReport(results=results)


def check_shacl(
    data_graph: Graph,
    ontology_graph: Graph,
    shapes_graph: Graph,
    *,
    inference: str = "rdfs",
    names: Graph | None = None,
) -> list[Violation]:
    """Run pySHACL and turn each ``sh:ValidationResult`` into a :class:`Violation`.

    pySHACL copies only RDFS/OWL axioms from ``ont_graph`` into the data; the SKOS
    vocabularies (concepts, schemes, their excerpts) must be validated and be visible to
    ``sh:class`` and scheme checks too, so the whole ontology graph is added to the data.

    With ``inference="owlrl"`` the OWL 2 RL closure is computed here without the
    ``owl:sameAs`` links, which are then added back as asserted: OWL-RL would otherwise
    merge ``res:indonesia`` with its Wikidata entity (every cardinality constraint would
    count both) and make every node ``owl:sameAs`` itself. Identity links still take part
    in :func:`check_consistency`.
    """
    if len(shapes_graph) == 0:
        return []
    if inference == "owlrl":
        combined = _closure(data_graph, ontology_graph, with_same_as=False)
        for triple in _triples(data_graph, ontology_graph):
            if triple[1] == OWL.sameAs:
                combined.add(triple)
        ont_graph, inference = None, "none"
    else:
        combined = _union(data_graph, ontology_graph)
        ont_graph = ontology_graph
    _conforms, results_graph, _text = pyshacl.validate(
        combined,
        shacl_graph=shapes_graph,
        ont_graph=ont_graph,
        inference=inference,
        abort_on_first=False,
        allow_warnings=True,
        allow_infos=True,
        meta_shacl=False,
        advanced=True,
        inplace=False,
    )
    names = names if names is not None else data_graph
    found = []
    for result in results_graph.subjects(RDF.type, SH.ValidationResult):
        severity = results_graph.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in results_graph.objects(result, SH.resultMessage))
        path = results_graph.value(result, SH.resultPath)
        shape = results_graph.value(result, SH.sourceShape)
        found.append(
            Violation(
                focus_node=_name(results_graph.value(result, SH.focusNode), names),
                path=_path_text(results_graph, path, names) if path is not None else None,
                message="; ".join(messages)
                or _name(results_graph.value(result, SH.sourceConstraintComponent), names),
                severity=_severity(severity),
                source="shacl " + _shape_name(shapes_graph, shape, names),
            )
        )
    return found


def check_consistency(
    data_graph: Graph, ontology_graph: Graph, *, names: Graph | None = None
) -> list[Violation]:
    """Expand ontology + data with OWL 2 RL and report what makes them inconsistent."""
    closure = _closure(data_graph, ontology_graph, with_same_as=True)
    names = names if names is not None else data_graph
    found = [
        Violation(
            _name(node, names), None, "is a member of owl:Nothing (unsatisfiable)", source="owl-rl"
        )
        for node in closure.subjects(RDF.type, OWL.Nothing)
    ]
    for node, first, second in _disjoint_memberships(closure):
        found.append(
            Violation(
                _name(node, names),
                "rdf:type",
                f"is typed with disjoint classes {_name(first, names)} and {_name(second, names)}",
                source="owl-rl",
            )
        )
    # Disjointness and owl:Nothing are reported above with their focus node; anything else
    # owlrl finds (ill-typed literals, property clashes) is passed through as it words it.
    for message in sorted(str(m) for m in closure.objects(None, OWLRL_ERR.error)):
        if not message.startswith("Disjoint classes") and "of type 'Nothing'" not in message:
            found.append(Violation("(graph)", None, message, source="owl-rl"))
    return found


def check_declared_terms(
    data_graph: Graph, ontology_graph: Graph, *, names: Graph | None = None
) -> list[Violation]:
    """Report predicates and classes that are neither declared nor from a reused vocabulary."""
    declared = {
        s
        for t in DECLARATION_TYPES
        for s in ontology_graph.subjects(RDF.type, t)
        if isinstance(s, URIRef)
    }
    names = names if names is not None else data_graph
    found = []
    seen: set[tuple[str, URIRef]] = set()
    for graph in (data_graph, ontology_graph):
        for s, p, o in graph:
            used = [("property", p)] + ([("class", o)] if p == RDF.type else [])
            for kind, term in used:
                if (kind, term) in seen or not isinstance(term, URIRef):
                    continue
                seen.add((kind, term))
                if term not in declared and not _in_known_namespace(term):
                    found.append(
                        Violation(
                            _name(term, names),
                            None,
                            f"{kind} used in the data but not declared in the ontology "
                            f"(first used on {_name(s, names)})",
                            source="declared-terms",
                        )
                    )
    return found


def check_dangling_iris(
    data_graph: Graph, ontology_graph: Graph, *, names: Graph | None = None
) -> list[Violation]:
    """Report ``res:`` IRIs used as objects that have no ``rdfs:label`` anywhere."""
    labelled = {s for g in (data_graph, ontology_graph) for s in g.subjects(RDFS.label, None)}
    names = names if names is not None else data_graph
    found = []
    seen: set[URIRef] = set()
    for s, p, o in _triples(data_graph, ontology_graph):
        if (
            isinstance(o, URIRef)
            and str(o).startswith(str(RES))
            and o not in labelled
            and o not in seen
        ):
            seen.add(o)
            found.append(
                Violation(
                    _name(o, names),
                    None,
                    f"not described (no rdfs:label); used by {_name(s, names)} {_name(p, names)}",
                    source="dangling-iri",
                )
            )
    return found


def _disjoint_memberships(graph: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """Yield (individual, class, class) for each individual typed with two disjoint classes."""
    pairs: set[tuple[Node, Node]] = set(graph.subject_objects(OWL.disjointWith))
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = graph.value(group, OWL.members)
        if members is not None:
            pairs.update(combinations(list(Collection(graph, members)), 2))
    reported: set[tuple[Node, frozenset[Node]]] = set()
    for first, second in sorted(pairs):
        instances_of_first = set(graph.subjects(RDF.type, first))
        for node in graph.subjects(RDF.type, second):
            key = (node, frozenset((first, second)))
            if node in instances_of_first and key not in reported and first != second:
                reported.add(key)
                yield node, first, second


def _shape_name(shapes_graph: Graph, shape: Node | None, names: Graph) -> str:
    """Name a shape; an anonymous property shape is named after its node shape."""
    if isinstance(shape, BNode):
        parent = shapes_graph.value(predicate=SH.property, object=shape)
        parent = (
            parent if parent is not None else shapes_graph.value(predicate=SH.sparql, object=shape)
        )
        if parent is not None:
            return _shape_name(shapes_graph, parent, names)
    return _name(shape, names)


def _union(*graphs: Graph) -> Graph:
    union = Graph()
    for triple in _triples(*graphs):
        union.add(triple)
    return union


def _closure(data_graph: Graph, ontology_graph: Graph, *, with_same_as: bool) -> Graph:
    """The OWL 2 RL closure of ontology + data, in a new graph.

    :param with_same_as: keep ``owl:sameAs``; without it the asserted links are left out
        before reasoning and every inferred (reflexive, symmetric) one is dropped after.
    """
    closure = Graph()
    for triple in _triples(ontology_graph, data_graph):
        if with_same_as or triple[1] != OWL.sameAs:
            closure.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    if not with_same_as:
        closure.remove((None, OWL.sameAs, None))
    return closure


def _triples(*graphs: Graph) -> Iterable[tuple[Node, Node, Node]]:
    for graph in graphs:
        yield from graph


def _in_known_namespace(term: URIRef) -> bool:
    return str(term).startswith(tuple(KNOWN_NAMESPACES.values()))


def _severity(node: Node | None) -> Severity:
    if node == SH.Warning:
        return Severity.WARNING
    if node == SH.Info:
        return Severity.INFO
    return Severity.VIOLATION


def _namespace_names(*graphs: Graph) -> Graph:
    """A graph that only carries prefixes, for printing IRIs as CURIEs."""
    names = Graph(bind_namespaces="none")
    for prefix, iri in [
        ("pasb", str(PASB)),
        ("res", str(RES)),
        *KNOWN_NAMESPACES.items(),
        ("sdmx-measure", "http://purl.org/linked-data/sdmx/2009/measure#"),
        ("sdmx-dimension", "http://purl.org/linked-data/sdmx/2009/dimension#"),
        ("sdmx-attribute", "http://purl.org/linked-data/sdmx/2009/attribute#"),
        ("pasbsh", "https://w3id.org/pasb/shapes#"),
    ]:
        if prefix != "sdmx":
            names.bind(prefix, iri, override=True, replace=True)
    return names


def _name(node: Node | None, names: Graph) -> str:
    """A short, readable name: a CURIE when a prefix is known, else the N-Triples form."""
    if node is None:
        return "(none)"
    if isinstance(node, URIRef):
        try:
            return names.namespace_manager.curie(node, generate=False)
        except (KeyError, ValueError):
            return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    if isinstance(node, BNode):
        return "[]"
    return str(node)


def _path_text(graph: Graph, path: Node, names: Graph) -> str:
    """Render a SHACL path: an IRI, ``^p`` (inverse) or ``p/q`` (sequence)."""
    if isinstance(path, URIRef):
        return _name(path, names)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(graph, inverse, names)
    if graph.value(path, RDF.first) is not None:
        return "/".join(_path_text(graph, step, names) for step in Collection(graph, path))
    return "[complex path]"
