"""Reconciliation: find, score and record links from our resources to another dataset.

For every actor, instrument, place and theory concept without a confirmed link, the
target is asked (one query per entity, through the polite client) for items whose label
or alias is exactly one of the entity's English or Indonesian labels or their variants;
a second query checks the candidates' types. Each candidate gets a score in [0, 1] with
the reasons that make it up (:data:`WEIGHTS`). The review is a table and a CSV; links are
written only when asked (a threshold or an edited CSV), as ``owl:sameAs`` (accepted) or
``skos:closeMatch`` (candidate), each qualified by a ``pasb:Link`` with its provenance.
"""

from __future__ import annotations

import csv
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlparse

from rdflib import Literal, URIRef

from kg.errors import KGError
from kg.linking.client import Answer, PoliteClient
from kg.linking.sparqltext import inline_values
from kg.linking.targets import Kind, Target, kind_of
from kg.named_queries import load_query, queries_dir
from kg.namespaces import GRAPH, RES
from kg.store import Store

log = logging.getLogger(__name__)

#: Points that make up a score (clamped to [0, 1]).
WEIGHTS = MappingProxyType({
    "label": 0.5,          # a label of the candidate is one of ours as written
    "alias": 0.4,          # an alias of the candidate is one of ours as written
    "derived": 0.3,        # a derived variant (acronym, "C138" for "Convention No. 138")
    "more-labels": 0.05,   # more than one of our labels matched
    "type": 0.3,           # an instance of an allowed class for the entity's kind
    "wrong-type": -0.2,    # has types, none allowed
    "country": 0.2,        # the expected country (P17)
    "wrong-country": -0.4,  # another country
    "member-ilo": 0.2,     # a country that is a member of the ILO
    "website": 0.2,        # official website on the same domain as ours
})
#: Candidates below this score are not recorded, not even as skos:closeMatch.
CANDIDATE_FLOOR = 0.5

_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\((?P<acronym>[^()]+)\)\s*$")
_NUMBERED = re.compile(r"\b(?:Convention|Konvensi)\b.*?\bNo\.?\s*(?P<n>\d+)", re.IGNORECASE)


class Decision(Enum):
    """What to record for a candidate."""

    SAME_AS = "sameAs"
    CLOSE_MATCH = "closeMatch"
    REJECT = "reject"


@dataclass(frozen=True)
class Entity:
    """One of our resources to reconcile."""

    iri: str
    kind: Kind
    labels: tuple[Literal, ...]
    country: str | None = None
    homepage: str | None = None

    @property
    def slug(self) -> str:
        """The resource's slug (the last path segment)."""
        return self.iri.rsplit("/", 1)[-1]


@dataclass
class Candidate:
    """A scored candidate of an entity, with the answer that found it."""

    item: str
    score: float
    reasons: list[str]
    matched: list[str]
    answer: Answer | None
    decision: Decision = Decision.REJECT
    reviewed: bool = False


@dataclass
class Review:
    """An entity and its candidates, best first."""

    entity: Entity
    candidates: list[Candidate] = field(default_factory=list)


# -- local entities ------------------------------------------------------------------------
def _linking_query(name: str) -> str:
    return load_query(name, queries_dir() / "linking").text


def links_graph_iri(target: Target) -> str:
    """The named graph of ``kg/data/links/<target>.ttl``."""
    return str(GRAPH[f"links-{target.name}"])


def local_entities(store: Store, target: Target) -> list[Entity]:
    """Our entities without a confirmed link into ``target``, with labels and context."""
    rows = store.select(_linking_query("local-entities"), bindings={
        "namespace": Literal(target.namespace),
        "linksGraph": URIRef(links_graph_iri(target)),
    })
    classes: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, dict[Literal, None]] = defaultdict(dict)
    context: dict[str, dict[str, str]] = defaultdict(dict)
    for row in rows:
        iri = str(row["entity"])
        classes[iri].add(str(row["class"]))
        labels[iri][row["label"]] = None  # type: ignore[index]
        for key in ("country", "homepage"):
            if key in row:
                context[iri][key] = str(row[key])
    entities = []
    for iri, cls in classes.items():
        kind = kind_of(cls)
        if kind is not None:
            entities.append(Entity(iri, kind, tuple(labels[iri]), context[iri].get("country"),
                                   context[iri].get("homepage")))
    return entities


def label_variants(labels: Iterable[Literal]) -> dict[str, str]:
    """Texts to look for → how they relate to our labels (``as written`` or derived)."""
    variants: dict[str, str] = {}
    for label in labels:
        text = str(label).strip()
        variants.setdefault(text, "as written")
        if match := _ACRONYM.match(text):
            variants.setdefault(match["name"], "as written")
            variants.setdefault(match["acronym"], f"acronym in {text!r}")
        if text[:1].islower():
            variants.setdefault(text[:1].upper() + text[1:], "as written")
        if match := _NUMBERED.search(text):
            n = match["n"]
            for form in (f"C{n}", f"ILO Convention No. {n}", f"Convention No. {n}"):
                variants.setdefault(form, f"numbered form of {text!r}")
    return variants


# -- candidates and scores -----------------------------------------------------------------
def find_candidates(entity: Entity, client: PoliteClient, target: Target, *,
                    ilo: str | None = None) -> list[Candidate]:
    """Ask ``target`` for ``entity``'s candidates and score them, best first."""
    variants = label_variants(entity.labels)
    rows = [{"label": Literal(text, lang=lang)} for text in variants for lang in ("en", "id")]
    query = inline_values(_linking_query(f"{target.queries}-candidates"), ["label"], rows)
    answer = client.results(query)
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for binding in answer.json()["results"]["bindings"]:
        item = binding["item"]["value"]
        label = binding["label"]
        found[item]["matched"].add(f"{binding['how']['value']}:{label.get('xml:lang', '')}:"
                                   f"{label['value']}")
        for key in ("type", "country", "member", "website"):
            if key in binding:
                found[item][key].add(binding[key]["value"])
    typed = _type_check(list(found), entity.kind, client, target)
    candidates = [_score(entity, item, facts, variants, typed, target, ilo, answer)
                  for item, facts in found.items()]
    return sorted(candidates, key=lambda c: (-c.score, c.item))


def _type_check(items: list[str], kind: Kind, client: PoliteClient,
                target: Target) -> dict[str, set[str]]:
    allowed = target.types.get(kind)
    if not items or not allowed:
        return {}
    query = _linking_query(f"{target.queries}-types")
    query = inline_values(query, ["class"], [{"class": URIRef(c)} for c in allowed])
    query = inline_values(query, ["item"], [{"item": URIRef(i)} for i in items])
    typed: dict[str, set[str]] = defaultdict(set)
    for binding in client.results(query).json()["results"]["bindings"]:
        typed[binding["item"]["value"]].add(binding["class"]["value"])
    return typed


def _score(entity: Entity, item: str, facts: dict[str, set[str]], variants: dict[str, str],
           typed: dict[str, set[str]], target: Target, ilo: str | None,
           answer: Answer) -> Candidate:
    reasons: list[str] = []
    best, texts = 0.0, set()
    for match in sorted(facts["matched"]):
        how, lang, text = match.split(":", 2)
        origin = variants.get(text, "as written")
        weight = WEIGHTS[how] if origin == "as written" else WEIGHTS["derived"]
        best = max(best, weight)
        texts.add(text)
        reasons.append(f"{how} {text!r}@{lang} ({origin}) +{weight:g}")
    score = best + (WEIGHTS["more-labels"] if len(texts) > 1 else 0.0)
    allowed = target.types.get(entity.kind)
    if allowed:
        if typed.get(item):
            score += WEIGHTS["type"]
            reasons.append(f"type: {entity.kind.value} ({_short(min(typed[item]))}) "
                           f"+{WEIGHTS['type']:g}")
        elif facts["type"]:
            score += WEIGHTS["wrong-type"]
            kinds = ", ".join(_short(t) for t in sorted(facts["type"]))
            reasons.append(f"type: not {entity.kind.value} ({kinds}) {WEIGHTS['wrong-type']:g}")
        else:
            reasons.append("type: none stated +0")
    score += _context(entity, facts, ilo, reasons)
    return Candidate(item, round(min(1.0, max(0.0, score)), 2), reasons, sorted(texts), answer)


def _context(entity: Entity, facts: dict[str, set[str]], ilo: str | None,
             reasons: list[str]) -> float:
    points = 0.0
    if entity.country and entity.kind is not Kind.COUNTRY:
        if entity.country in facts["country"]:
            points += WEIGHTS["country"]
            reasons.append(f"country: {_short(entity.country)} +{WEIGHTS['country']:g}")
        elif facts["country"]:
            points += WEIGHTS["wrong-country"]
            others = ", ".join(_short(c) for c in sorted(facts["country"]))
            reasons.append(f"country: {others}, not {_short(entity.country)} "
                           f"{WEIGHTS['wrong-country']:g}")
    if entity.kind is Kind.COUNTRY and ilo and ilo in facts["member"]:
        points += WEIGHTS["member-ilo"]
        reasons.append(f"member of the ILO ({_short(ilo)}) +{WEIGHTS['member-ilo']:g}")
    if entity.homepage and facts["website"]:
        ours = _domain(entity.homepage)
        if any(_domain(w) == ours for w in facts["website"]):
            points += WEIGHTS["website"]
            reasons.append(f"official website on {ours} +{WEIGHTS['website']:g}")
    return points


def _short(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _domain(url: str) -> str:
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.")


def reconcile(store: Store, client: PoliteClient, target: Target, *,
              entities: Sequence[Entity] | None = None) -> list[Review]:
    """Candidates for every entity to reconcile (all queries first: a failure writes nothing).

    :raises RemoteError: when the target cannot be asked.
    """
    if entities is None:
        entities = local_entities(store, target)
    ilo_rows = store.select(_linking_query("context-ilo"))
    ilo = str(ilo_rows[0]["item"]) if ilo_rows else None
    reviews = []
    for entity in sorted(entities, key=lambda e: e.iri):
        log.info("reconciling %s", entity.slug)
        reviews.append(Review(entity, find_candidates(entity, client, target, ilo=ilo)))
    return reviews


# -- decisions -----------------------------------------------------------------------------
def decide(reviews: Sequence[Review], *, accept_above: float | None,
           floor: float = CANDIDATE_FLOOR) -> None:
    """Set each candidate's decision from the scores.

    The best candidate becomes ``sameAs`` when its score is at or above ``accept_above``
    and no other candidate ties with it; other candidates at or above ``floor`` become
    ``closeMatch``; the rest are rejected.
    """
    for review in reviews:
        ranked = review.candidates
        for rank, candidate in enumerate(ranked):
            candidate.reviewed = False
            unique_top = rank == 0 and (len(ranked) == 1 or ranked[1].score < candidate.score)
            if accept_above is not None and unique_top and candidate.score >= accept_above:
                candidate.decision = Decision.SAME_AS
            elif candidate.score >= floor:
                candidate.decision = Decision.CLOSE_MATCH
            else:
                candidate.decision = Decision.REJECT


CSV_FIELDS = ("entity", "kind", "labels", "candidate", "score", "decision", "reasons")


def write_csv(reviews: Sequence[Review], path: Path) -> None:
    """The review as CSV: one row per candidate (and one for an entity without any)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for review in reviews:
            base = {"entity": review.entity.iri, "kind": review.entity.kind.value,
                    "labels": " | ".join(f"{lb}@{lb.language}" for lb in review.entity.labels)}
            if not review.candidates:
                writer.writerow({**base, "decision": "", "reasons": "no candidate"})
            for c in review.candidates:
                writer.writerow({**base, "candidate": c.item, "score": f"{c.score:.2f}",
                                 "decision": c.decision.value, "reasons": "; ".join(c.reasons)})


def apply_csv(reviews: Sequence[Review], path: Path) -> None:
    """Take the decisions of an edited review CSV.

    Every row with a candidate sets that candidate's decision (empty means reject); a row
    naming a target the search did not find adds it as a reviewer's own link.

    :raises KGError: for an unknown entity or decision, naming the CSV line.
    """
    by_entity = {r.entity.iri: r for r in reviews}
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise KGError(f"--from-csv {path}: {exc.strerror or exc}") from None
    for line, row in enumerate(rows, start=2):
        item = (row.get("candidate") or "").strip()
        if not item:
            continue
        review = by_entity.get((row.get("entity") or "").strip())
        if review is None:
            raise KGError(f"{path}:{line}: entity {row.get('entity')!r} is not one to reconcile")
        try:
            decision = Decision((row.get("decision") or "reject").strip())
        except ValueError:
            raise KGError(f"{path}:{line}: decision {row.get('decision')!r}; expected "
                          f"{', '.join(d.value for d in Decision)}") from None
        candidate = next((c for c in review.candidates if c.item == item), None)
        if candidate is None:
            candidate = Candidate(item, 0.0, ["added by a reviewer"], [], None)
            review.candidates.append(candidate)
        candidate.decision, candidate.reviewed = decision, True
    for review in reviews:
        if sum(c.decision is Decision.SAME_AS for c in review.candidates) > 1:
            raise KGError(f"{path}: more than one sameAs for {review.entity.iri}")


def render_table(reviews: Sequence[Review], *, limit: int = 3) -> str:
    """A plain-text review table: entity, candidates, scores, decisions, reasons."""
    lines = [f"{'entity':34} {'candidate':14} {'score':>5}  {'decision':10} reasons"]
    for review in reviews:
        if not review.candidates:
            lines.append(f"{review.entity.slug:34} {'—':14} {'':>5}  {'':10} no candidate")
        for i, c in enumerate(review.candidates[:limit]):
            name = review.entity.slug if i == 0 else ""
            lines.append(f"{name:34} {_short(c.item):14} {c.score:5.2f}  {c.decision.value:10} "
                         + "; ".join(c.reasons))
    return "\n".join(lines) + "\n"


def chosen(reviews: Sequence[Review]) -> list[tuple[Entity, Candidate]]:
    """The (entity, candidate) pairs to write as links."""
    return [(r.entity, c) for r in reviews for c in r.candidates
            if c.decision is not Decision.REJECT]


def run_iri(target: Target, when: datetime) -> URIRef:
    """The IRI of a reconciliation run."""
    return RES[f"reconciliation-{target.name}-{when.strftime('%Y%m%dT%H%M%SZ')}"]


def now() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def link_iri(target: Target, entity: Entity, item: str) -> URIRef:
    """The IRI of the ``pasb:Link`` node of one link."""
    return RES[f"link-{target.name}-{entity.slug}-{_short(item).lower()}"]

