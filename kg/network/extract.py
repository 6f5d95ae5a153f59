"""Extraction of the typed multiplex cooperation network from a store, and its views.

Every SPARQL text is a named query in ``kg/queries/network-*.rq``, so extraction runs on
the embedded store, a remote SPARQL endpoint, an rdflib graph or an RDF file alike.

The multiplex network is a :class:`networkx.MultiDiGraph` whose nodes are actors,
programmes, legal instruments and places (node attribute ``kind``) and whose edges carry a
``layer``: ``funding`` (donor → programme), ``participation`` (actor → programme, with the
IATI ``role``), ``legal`` (actor or programme → instrument, with the ``relation``) and
``coverage`` (programme → place). Structural measures never run on it directly: the
views below turn it into simple weighted graphs first, because parallel edges change
constraint, strength and brokerage counts.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from enum import Enum
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.errors import UnknownNameError
from kg.named_queries import load_query
from kg.network.memory import collector_paused
from kg.store import Store, ValueRow, as_store, select_values

log = logging.getLogger(__name__)

RES = "https://w3id.org/pasb/resource/"
ACTOR_TYPE_PREFIX = RES + "actor-type-"
ROLE_PREFIX = RES + "role-"


class Layer(Enum):
    """The edge layers of the multiplex network."""

    FUNDING = "funding"
    PARTICIPATION = "participation"
    LEGAL = "legal"
    COVERAGE = "coverage"


class Projection(Enum):
    """The views :func:`actor_network` can return."""

    MULTIPLEX = "multiplex"  #: the typed MultiDiGraph itself
    AFFILIATION = "affiliation"  #: two-mode actor × programme (or instrument, place) graph
    ACTORS = "actors"  #: weighted one-mode projection on the actor side
    DELEGATION = "delegation"  #: directed actor → actor chain along the IATI roles


class Role(Enum):
    """Participation roles (IATI organisation roles 1–4, partner, unspecified)."""

    FUNDING = "funding"
    ACCOUNTABLE = "accountable"
    EXTENDING = "extending"
    IMPLEMENTING = "implementing"
    PARTNER = "partner"
    PARTICIPANT = "participant"


#: Order of the roles along the delegation chain: money and responsibility flow from a
#: funding organisation through the accountable and extending ones to the implementer,
#: which works with the partners (IATI Organisation Role codelist).
ROLE_RANK = {Role.FUNDING: 1, Role.ACCOUNTABLE: 2, Role.EXTENDING: 3, Role.IMPLEMENTING: 4,
             Role.PARTNER: 5, Role.PARTICIPANT: 5}

#: Which node kinds sit on the two sides of each layer's affiliation network.
LAYER_SIDES = {
    Layer.PARTICIPATION: ("actor", "programme"),
    Layer.FUNDING: ("actor", "programme"),
    Layer.LEGAL: ("actor", "instrument"),
    Layer.COVERAGE: ("programme", "place"),
}

#: The layers an affiliation network combines when no layer is chosen.
COMBINED_LAYERS = (Layer.PARTICIPATION, Layer.FUNDING, Layer.LEGAL)

STATE_TYPES = frozenset({"state-government", "government-body", "statistical-agency"})

Source = Store | Graph | str | Path


def slug(iri: str) -> str:
    """The local name of a resource IRI (``…/resource/ilo`` → ``ilo``)."""
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _year(value: str | None) -> int | None:
    """The year of an ``xsd:date``, ``xsd:dateTime`` or ``xsd:gYear`` lexical form."""
    if value is None:
        return None
    try:
        return int(value[:4])
    except ValueError:
        return None


PASB = "https://w3id.org/pasb/ontology#"
IS_STATE, BASED_IN, NUMBER = PASB + "isStateActor", PASB + "basedIn", PASB + "programmeNumber"
START, END = "https://schema.org/startDate", "https://schema.org/endDate"
DOCUMENT_DATE = "http://data.europa.eu/eli/ontology#date_document"
#: The properties of ``network-attributes``.
ATTRIBUTES = (IS_STATE, BASED_IN, NUMBER, START, END, DOCUMENT_DATE)

#: The named queries of the extraction (``kg/queries/<name>.rq``) and the variables read
#: from each. Each is a triple pattern or a short join, which the store evaluates several
#: times faster than one query with OPTIONAL, UNION, MINUS and DISTINCT; those are done
#: in Python (:func:`extract_multiplex`).
QUERIES: dict[str, tuple[str, ...]] = {
    "network-labels": ("node", "label", "labelLang"),
    "network-attributes": ("node", "property", "value"),
    "network-actors": ("actor", "type", "inNetwork"),
    "network-participants-by-programme": ("programme", "participants", "actors"),
    "network-direct-participants": ("programme", "actor"),
    "network-programmes": ("programme",),
    "network-cooperations": ("cooperation", "programme"),
    "network-cooperation-periods": ("cooperation", "periodStart", "periodEnd", "periodLabel"),
    "network-dated-participations": ("dated",),
    "network-participation": ("programme", "actor", "role"),
    "network-participation-nodes": ("programme", "actor", "role", "participation"),
    "network-grants": ("grant", "programme"),
    "network-funders": ("node", "funder"),
    "network-grant-amounts": ("grant", "amount", "currency"),
    "network-legal": ("node", "relation", "instrument", "inverse"),
    "network-coverage": ("programme", "place"),
    "network-shared-coverage": ("programme", "place"),
}


def _rows(store: Store, name: str, variables: tuple[str, ...]) -> Iterator[ValueRow]:
    """The plain-value rows of one named network query (see :func:`kg.store.select_values`)."""
    return select_values(store, load_query(name).text, variables)


def _smallest_labels(rows: Iterable[tuple[str, str | None, str | None]]
                     ) -> dict[str, dict[str, str]]:
    """Per subject, the smallest label in each language (deterministic with duplicates)."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for node, label, lang in rows:
        if label is None:
            continue
        lang = (lang or "").split("-")[0].lower() or "und"
        if lang not in out[node] or label < out[node][lang]:
            out[node][lang] = label
    return out


def _label_attrs(iri: str, labels: dict[str, str]) -> dict[str, str]:
    en, id_ = labels.get("en"), labels.get("id")
    return {"label": en or id_ or labels.get("und") or slug(iri),
            "label_en": en or "", "label_id": id_ or ""}


def _true(value: str) -> bool:
    return value.strip().lower() in {"true", "1"}


def _attributes(store: Store) -> dict[str, dict[str, list[str]]]:
    """Per property of ``network-attributes``, each node's values in the store's order."""
    out: dict[str, dict[str, list[str]]] = {p: {} for p in ATTRIBUTES}
    for node, prop, value in _rows(store, "network-attributes", QUERIES["network-attributes"]):
        values = out.setdefault(prop, {}).get(node)
        if values is None:
            out[prop][node] = [value]
        else:
            values.append(value)
    return out


def _node_attrs(iri: str, kind: str) -> dict[str, Any]:
    """The attributes of a node met only as the end of a tie."""
    return {"kind": kind, "iri": iri, **_label_attrs(iri, {})}


def _node(M: nx.MultiDiGraph, iri: str, kind: str) -> dict[str, Any]:
    """The attributes of node ``iri``, added with the default labels if it is new."""
    attrs = M._node.get(iri)
    if attrs is None:
        attrs = M._node[iri] = _node_attrs(iri, kind)
        M._succ[iri], M._pred[iri] = {}, {}
    return attrs


def _tie(M: nx.MultiDiGraph, u: str, v: str, key: str, attrs: dict[str, Any]) -> None:
    """``M.add_edge(u, v, key, **attrs)`` for nodes already in ``M``: a second tie with
    the same key updates the first one's attributes."""
    keys = M._succ[u].get(v)
    if keys is None:
        M._succ[u][v] = M._pred[v][u] = {key: attrs}
    elif key in keys:
        keys[key].update(attrs)
    else:
        keys[key] = attrs


class _Direct:
    """The direct ``pasb:hasParticipant`` triples: per programme, the number and IRIs of
    its participants (``groups``), and all triples in the store's order (:meth:`rows`),
    fetched only when they add something: a programme without a type, or a participant
    without a qualified participation."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.groups = list(_rows(store, "network-participants-by-programme",
                                 QUERIES["network-participants-by-programme"]))
        self._rows: list[ValueRow] | None = None

    def rows(self) -> list[ValueRow]:
        if self._rows is None:
            self._rows = list(_rows(self.store, "network-direct-participants",
                                    QUERIES["network-direct-participants"]))
        return self._rows

    def all_qualified(self, pred: dict[str, dict[str, Any]]) -> bool:
        """Whether every participant already has a tie to its programme (``pred``: each
        node's predecessors)."""
        for programme, count, actors in self.groups:
            if actors is None or count is None or programme not in pred:
                return False
            names = actors.split(" ")
            if len(names) != int(count):  # a participant with a space: not an IRI
                return False
            if not pred[programme].keys() >= set(names):
                return False
        return True


def _add_actors(M: nx.MultiDiGraph, rows: list[ValueRow], labels: dict[str, dict[str, str]],
                attributes: dict[str, dict[str, list[str]]]) -> None:
    """Actors with a network actor type (the smallest if several), labels, state, base."""
    types: dict[str, str] = {}
    for actor, type_, in_network in rows:
        if not _true(in_network or ""):
            continue
        type_ = type_.removeprefix(ACTOR_TYPE_PREFIX)
        if actor not in types or type_ < types[actor]:
            types[actor] = type_
    state, based = attributes[IS_STATE], attributes[BASED_IN]
    nodes, succ, pred = M._node, M._succ, M._pred
    for actor, type_ in types.items():
        attrs: dict[str, Any] = {"kind": "actor", "iri": actor, "actor_type": type_,
                                 **_label_attrs(actor, labels.get(actor, {}))}
        if actor in state:  # the last value, as row-by-row updates leave it
            attrs["is_state"] = _true(state[actor][-1])
        if actor in based:
            attrs["based_in"] = min(based[actor])
        nodes[actor], succ[actor], pred[actor] = attrs, {}, {}


def _add_programmes(M: nx.MultiDiGraph, store: Store, direct: _Direct,
                    labels: dict[str, dict[str, str]],
                    attributes: dict[str, dict[str, list[str]]]) -> dict[str, None]:
    """Programmes with their own dates, or else the period of their cooperation.

    The programmes are those typed ``pasb:CooperationProgramme``, then the other subjects
    of ``pasb:hasParticipant`` in the store's order; they are returned. A programme without
    ``schema:startDate``/``endDate`` of its own takes the ``dct:temporal`` period of the
    cooperation it belongs to (``pasb:hasProgramme``; the first cooperation by IRI if
    several): ``dates`` says which (``"own"``, ``"cooperation"``), ``period_of`` names the
    cooperation; see :func:`period_notes`.
    """
    programmes = dict.fromkeys(row[0] for row in _rows(store, "network-programmes",
                                                       QUERIES["network-programmes"]))
    if any(group[0] not in programmes for group in direct.groups):
        for programme, _ in direct.rows():
            if programme not in programmes:
                programmes[programme] = None
    coops: dict[str, list[str]] = defaultdict(list)
    for coop, programme in _rows(store, "network-cooperations", QUERIES["network-cooperations"]):
        coops[programme].append(coop)
    periods: dict[str, list[tuple[str, str | None, str | None]]] = defaultdict(list)
    for coop, p_start, p_end, p_label in _rows(store, "network-cooperation-periods",
                                                QUERIES["network-cooperation-periods"]):
        periods[coop].append((p_start, p_end, p_label))
    members: dict[str, set[str]] = defaultdict(set)
    period: dict[str, tuple[str, str, str, str]] = {}
    for programme in programmes:
        for coop in coops.get(programme, ()):
            for p_start, p_end, p_label in periods.get(coop, ()):
                if _year(p_start) is None:
                    continue
                members[coop].add(programme)
                if programme not in period or coop < period[programme][0]:
                    period[programme] = (coop, p_start, p_end or p_start,
                                         p_label or f"{p_start}–{p_end or p_start}")
    starts, ends, numbers = attributes[START], attributes[END], attributes[NUMBER]
    nodes, succ, pred = M._node, M._succ, M._pred
    for programme in programmes:
        attrs: dict[str, Any] = {}
        values = starts.get(programme)
        if values:  # the smallest
            for value in values:
                if value < attrs.get("start", "\uffff"):
                    attrs["start"], attrs["start_year"] = value, _year(value)
        values = ends.get(programme)
        if values:
            for value in values:
                if value < attrs.get("end", "\uffff"):
                    attrs["end"], attrs["end_year"] = value, _year(value)
        values = numbers.get(programme)
        if values:  # the last one
            for value in values:
                attrs["number"] = int(value)
        attrs.update(_label_attrs(programme, labels.get(programme) or {}))
        if "start" in attrs or "end" in attrs:
            attrs["dates"] = "own"
        elif programme in period:
            coop, p_start, p_end, p_label = period[programme]
            attrs.update(dates="cooperation", period_of=coop, start_year=_year(p_start),
                         end_year=_year(p_end), period_label=p_label,
                         period_programmes=len(members[coop]))
        if programme in nodes:  # also an actor: it stays one
            nodes[programme].update(attrs)
        else:
            attrs["kind"], attrs["iri"] = "programme", programme
            nodes[programme], succ[programme], pred[programme] = attrs, {}, {}
    return programmes


#: Role IRIs (``res:role-…``) to roles; any other IRI is a plain participant.
ROLES_BY_IRI = {ROLE_PREFIX + r.value: r for r in Role}


def _add_participation(M: nx.MultiDiGraph, store: Store, direct: _Direct,
                       attributes: dict[str, dict[str, list[str]]]) -> None:
    """Direct-only participants (plain participants), then qualified participations.

    A direct ``pasb:hasParticipant`` triple is a tie when no qualified participation links
    the same programme and actor, which is known once those are in: if there are such
    ties, the participation ties are made again with them first (the order in which the
    one query this replaced gave them).
    """
    nodes, succ, pred = M._node, M._succ, M._pred
    known = len(nodes)
    _add_qualified(M, store, attributes)
    if direct.all_qualified(pred):
        return
    ties = [(programme, actor) for programme, actor in direct.rows()
            if actor not in succ or programme not in succ[actor]]
    for node in list(nodes)[known:]:
        del nodes[node], succ[node], pred[node]
    for node in nodes:  # no other layer yet
        succ[node].clear()
        pred[node].clear()
    key, value = f"participation:{Role.PARTICIPANT.value}", Role.PARTICIPANT.value
    for programme, actor in ties:
        _node(M, programme, "programme")
        _node(M, actor, "actor")
        _tie(M, actor, programme, key, {"layer": Layer.PARTICIPATION.value, "role": value})
    _add_qualified(M, store, attributes)


def _add_qualified(M: nx.MultiDiGraph, store: Store,
                   attributes: dict[str, dict[str, list[str]]]) -> None:
    """The qualified participations, each with its own period when it has one.

    A million ties: the loop writes the graph's dictionaries itself, as ``add_edge`` does.
    """
    nodes, succ, pred = M._node, M._succ, M._pred
    layer = Layer.PARTICIPATION.value
    roles: dict[str | None, tuple[str, str]] = {}
    for role_iri in (None, *ROLES_BY_IRI):
        r = ROLES_BY_IRI.get(role_iri, Role.PARTICIPANT) if role_iri else Role.PARTICIPANT
        roles[role_iri] = (f"participation:{r.value}", r.value)
    [(count,)] = _rows(store, "network-dated-participations",
                       QUERIES["network-dated-participations"])
    if int(count or 0):
        _add_dated(M, store, attributes, roles)
        return
    for programme, actor, role_iri in _rows(store, "network-participation",
                                            QUERIES["network-participation"]):
        try:
            out, into = succ[actor], pred[programme]
        except KeyError:
            if programme not in nodes:
                nodes[programme] = _node_attrs(programme, "programme")
                succ[programme], pred[programme] = {}, {}
            if actor not in nodes:
                nodes[actor] = _node_attrs(actor, "actor")
                succ[actor], pred[actor] = {}, {}
            out, into = succ[actor], pred[programme]
        try:
            key, value = roles[role_iri]
        except KeyError:  # any other IRI: a plain participant
            key, value = roles[role_iri] = roles[None]
        keys = out.get(programme)
        if keys is None:
            out[programme] = into[actor] = {key: {"layer": layer, "role": value}}
        elif key not in keys:  # (with that key already, the tie has these attributes)
            keys[key] = {"layer": layer, "role": value}


def _add_dated(M: nx.MultiDiGraph, store: Store, attributes: dict[str, dict[str, list[str]]],
               roles: dict[str | None, tuple[str, str]]) -> None:
    """:func:`_add_qualified` when some participations have a period of their own."""
    layer = Layer.PARTICIPATION.value
    starts, ends = attributes[START], attributes[END]
    seen: set[tuple[str | None, ...]] = set()  # dated ties already added (the DISTINCT)
    for programme, actor, role_iri, participation in _rows(
            store, "network-participation-nodes", QUERIES["network-participation-nodes"]):
        _node(M, programme, "programme")
        _node(M, actor, "actor")
        if role_iri not in roles:  # any other IRI: a plain participant
            roles[role_iri] = roles[None]
        key, value = roles[role_iri]
        # One row per start and end date (or none), each updating the tie in turn.
        for start in starts.get(participation) or (None,):
            for end in ends.get(participation) or (None,):
                if start is not None or end is not None:  # (the same undated tie again
                    row = (programme, actor, role_iri, start, end)  # changes nothing)
                    if row in seen:
                        continue
                    seen.add(row)
                attrs: dict[str, Any] = {"layer": layer, "role": value}
                if start is not None:
                    attrs["start_year"] = _year(start)
                if end is not None:
                    attrs["end_year"] = _year(end)
                _tie(M, actor, programme, key, attrs)


def _add_funding(M: nx.MultiDiGraph, store: Store) -> None:
    """Programme funders that no grant describes, then each grant's funders with its
    amount (the order of the one query this replaced)."""
    grants = list(_rows(store, "network-grants", QUERIES["network-grants"]))
    funder_rows = list(_rows(store, "network-funders", QUERIES["network-funders"]))
    funders: dict[str, list[str]] = defaultdict(list)
    for node, funder in funder_rows:
        funders[node].append(funder)
    amounts: dict[str, list[tuple[str | None, str | None]]] = defaultdict(list)
    for grant, amount, currency in _rows(store, "network-grant-amounts",
                                             QUERIES["network-grant-amounts"]):
        amounts[grant].append((amount, currency))
    layer = Layer.FUNDING.value
    granted = {(programme, funder) for grant, programme in grants
               for funder in funders.get(grant, ())}
    grant_nodes = {grant for grant, _ in grants}
    for node, funder in funder_rows:
        # A schema:funder of something that is not a grant, and that no grant repeats.
        if node in grant_nodes or (node, funder) in granted:
            continue
        _node(M, funder, "actor")
        _node(M, node, "programme")
        _tie(M, funder, node, "funding:", {"layer": layer})
    nodes = M._node
    for grant, programme in grants:
        if grant not in funders:
            continue
        # One row per amount and currency stated, each updating the tie in turn.
        attrs: dict[str, Any] = {"layer": layer, "grant": grant}
        money = amounts.get(grant)
        if money:
            for amount, currency in (dict.fromkeys(money) if len(money) > 1 else money):
                if amount is not None:
                    attrs["amount"] = float(amount)
                if currency is not None:
                    attrs["currency"] = currency
        key = f"funding:{grant}"
        for funder in funders[grant]:
            if funder not in nodes:
                _node(M, funder, "actor")
            if programme not in nodes:
                _node(M, programme, "programme")
            _tie(M, funder, programme, key, attrs.copy())


def _add_legal(M: nx.MultiDiGraph, store: Store, actor_rows: list[ValueRow],
               programmes: dict[str, None], labels: dict[str, dict[str, str]],
               attributes: dict[str, dict[str, list[str]]]) -> None:
    """Links between legal instruments and actors (any actor type) or programmes."""
    actors = {row[0] for row in actor_rows}
    dates = attributes[DOCUMENT_DATE]
    instrument_labels: dict[str, dict[str, str]] = {}
    layer = Layer.LEGAL.value
    seen: set[ValueRow] = set()
    for row in _rows(store, "network-legal", QUERIES["network-legal"]):
        node, relation_iri, instrument, inverse = row
        if (node not in actors and node not in programmes) or row in seen:
            continue
        seen.add(row)
        if instrument not in instrument_labels:
            instrument_labels[instrument] = _label_attrs(instrument, labels.get(instrument, {}))
        attrs = _node(M, instrument, "instrument")
        attrs.update(instrument_labels[instrument])
        if instrument in dates:  # the last one
            attrs["date"] = dates[instrument][-1]
        _node(M, node, "actor")
        relation = slug(relation_iri)
        _tie(M, node, instrument, f"legal:{relation}",
             {"layer": layer, "relation": relation, "inverse": _true(inverse)})


def _add_coverage(M: nx.MultiDiGraph, store: Store, labels: dict[str, dict[str, str]]) -> None:
    """Countries a programme's grants are shared with, then those it covers (the order of
    the one query this replaced)."""
    layer = Layer.COVERAGE.value
    for name in ("network-shared-coverage", "network-coverage"):
        for programme, place in _rows(store, name, QUERIES[name]):
            _node(M, programme, "programme")
            _node(M, place, "place").update(_label_attrs(place, labels.get(place, {})))
            _tie(M, programme, place, "coverage", {"layer": layer})


def extract_multiplex(source: Source) -> nx.MultiDiGraph:
    """Extract the typed multiplex network from a store, an rdflib graph or an RDF file.

    Parameters
    ----------
    source : Store, rdflib.Graph, str or Path
        Anything :func:`kg.store.as_store` accepts.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by IRI with ``kind``, ``label``, ``label_en``, ``label_id`` (and
        ``actor_type``, ``is_state`` for actors; ``start_year``, ``end_year`` and
        ``dates`` for programmes: ``"own"``, or ``"cooperation"`` when a programme without
        dates of its own takes the ``dct:temporal`` period of the cooperation it belongs
        to, named by ``period_of``, with ``period_label``); edges keyed
        ``"<layer>:<detail>"`` with a ``layer`` attribute.

    Notes
    -----
    The named queries (:data:`QUERIES`) are plain triple patterns or short joins; the
    optional parts, the anti-join of direct participants and the removal of duplicates
    are done here, joining on the participation, grant and amount nodes (IRIs in the
    modelling contract; blank nodes need a store whose results keep their labels from
    one query to the next, as the embedded store does). Nodes come in the order actors,
    programmes, then as ties reach them.

    Examples
    --------
    >>> from kg.network.synthetic import synthetic_store
    >>> M = extract_multiplex(synthetic_store(n_actors=20, n_programmes=3, seed=1))
    >>> sorted({d["layer"] for _, _, d in M.edges(data=True)})
    ['coverage', 'funding', 'legal', 'participation']
    """
    store = as_store(source)
    M = nx.MultiDiGraph(name="pasb cooperation network")
    with collector_paused():  # millions of small dicts and tuples, none of them garbage
        labels = _smallest_labels(_rows(store, "network-labels", QUERIES["network-labels"]))
        attributes = _attributes(store)
        actors = list(_rows(store, "network-actors", QUERIES["network-actors"]))
        direct = _Direct(store)
        _add_actors(M, actors, labels, attributes)
        programmes = _add_programmes(M, store, direct, labels, attributes)
        _add_participation(M, store, direct, attributes)
        _add_funding(M, store)
        _add_legal(M, store, actors, programmes, labels, attributes)
        _add_coverage(M, store, labels)
        for data in M._node.values():
            if data["kind"] == "actor":
                data.setdefault("actor_type", "unclassified")
                if "is_state" not in data:  # not stated: read from the actor type
                    data["is_state"] = data["actor_type"] in STATE_TYPES
                    data["is_state_by_type"] = True
    nx._clear_cache(M)
    if log.isEnabledFor(logging.INFO):
        log.info("extracted %d nodes, %d edges", len(M._node),
                 sum(len(keys) for out in M._succ.values() for keys in out.values()))
    return M


# -- views ---------------------------------------------------------------------------------
def active_years(data: dict[str, Any]) -> range | None:
    """The calendar years a programme (or tie) runs; ``None`` when its start is unknown.

    A missing end year means the programme runs in its start year only.
    """
    start = data.get("start_year")
    if start is None:
        return None
    end = data.get("end_year") or start
    return range(start, max(start, end) + 1)


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten")


def _count_words(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def period_notes(M: nx.MultiDiGraph, lang: str = "en") -> list[str]:
    """Sentences saying which programmes of ``M`` take their period from their cooperation.

    One note per cooperation whose undated programmes are in ``M`` (see
    :func:`extract_multiplex`), and one for programmes with no period at all, which
    per-year views leave out; in ``lang`` (:mod:`kg.network.words`).

    Examples
    --------
    >>> M = nx.MultiDiGraph()
    >>> M.add_node("r/p3", kind="programme", dates="cooperation", period_of="r/c",
    ...            period_label="2010–2013", period_programmes=3)
    >>> period_notes(M)
    ['p3 has no dates of its own; the paper places all three programmes of c in 2010–2013, \
so per-year views use that period']
    """
    from kg.network.words import joined, translator

    t = translator(lang)
    inherited: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    undated: list[str] = []
    for node, data in M.nodes(data=True):
        if data.get("kind") != "programme":
            continue
        if data.get("dates") == "cooperation":
            key = (data["period_of"], data["period_label"], data["period_programmes"])
            inherited[key].append(slug(node))
        elif data.get("start_year") is None:
            undated.append(slug(node))
    notes = []
    for (coop, label, count), programmes in sorted(inherited.items()):
        programmes.sort()
        number = "one" if len(programmes) == 1 else "many"
        notes.append(t(f"period_inherited_{number}", programmes=joined(programmes, lang, most=3),
                       count=_count_words(count) if lang == "en" else count,
                       cooperation=slug(coop), period=label))
    if undated:
        undated.sort()
        number = "one" if len(undated) == 1 else "many"
        notes.append(t(f"period_undated_{number}", programmes=joined(undated, lang, most=3)))
    return notes


def network_years(M: nx.MultiDiGraph) -> list[int]:
    """Every year some programme of ``M`` runs, sorted."""
    years: set[int] = set()
    for _, data in M.nodes(data=True):
        if data.get("kind") == "programme":
            years.update(active_years(data) or ())
    return sorted(years)


def year_view(M: nx.MultiDiGraph, year: int) -> nx.MultiDiGraph:
    """The multiplex network as it stood in ``year``.

    Programmes that do not run in ``year`` are removed with their ties; a programme without
    dates of its own runs in its cooperation's period (see :func:`extract_multiplex`),
    one with no period at all is removed; a participation with its own period must run
    in ``year`` too. Legal ties stay (instruments are in force, not scheduled). Nodes left
    without ties are dropped.
    """
    H = M.copy()
    gone = [n for n, d in H.nodes(data=True)
            if d.get("kind") == "programme" and year not in (active_years(d) or ())]
    H.remove_nodes_from(gone)
    H.remove_edges_from([(u, v, k) for u, v, k, d in H.edges(keys=True, data=True)
                         if year not in (active_years(d) or (year,))])
    H.remove_nodes_from([n for n in list(H) if H.degree(n) == 0])
    H.graph["year"] = year
    return H


def select_layers(M: nx.MultiDiGraph, layers: Iterable[Layer]) -> nx.MultiDiGraph:
    """The sub-network of the given layers (nodes without a tie in them dropped)."""
    wanted = {layer.value for layer in layers}
    H = nx.MultiDiGraph()
    H.graph.update(M.graph)
    H.add_edges_from((u, v, k, d) for u, v, k, d in M.edges(keys=True, data=True)
                     if d["layer"] in wanted)
    for node in H:
        H.nodes[node].update(M.nodes[node])
    return H


def affiliation_graph(M: nx.MultiDiGraph, layer: Layer | None = None) -> nx.Graph:
    """The two-mode affiliation network of one layer as a simple weighted graph.

    Node attribute ``bipartite`` is 0 on the actor side and 1 on the other side (programme,
    instrument or place). With ``layer=None`` the participation, funding and legal layers
    are combined (actors × programmes and instruments). Parallel ties (an actor in two
    roles) become one edge with ``weight`` = number of ties and the sorted ``roles``.
    """
    layers = [layer] if layer is not None else list(COMBINED_LAYERS)
    B = nx.Graph(name=f"affiliation ({'+'.join(lay.value for lay in layers)})")
    for lay in layers:
        left, right = LAYER_SIDES[lay]
        for u, v, data in M.edges(data=True):
            if data["layer"] != lay.value or M.nodes[u]["kind"] != left:
                continue
            if M.nodes[v]["kind"] != right:
                continue
            for node, side in ((u, 0), (v, 1)):
                if node not in B:
                    B.add_node(node, **M.nodes[node], bipartite=side)
            detail = data.get("role") or data.get("relation") or lay.value
            if B.has_edge(u, v):
                B[u][v]["weight"] += 1
                B[u][v]["roles"] = tuple(sorted({*B[u][v]["roles"], detail}))
            else:
                B.add_edge(u, v, weight=1, layer=lay.value, roles=(detail,))
    return B


def cooperation_actors(M: nx.MultiDiGraph) -> set[str]:
    """The actors of the cooperation network: those that take part in a programme.

    An actor belongs when it has a participation tie (in any role: funders take part with
    the funding role) to a programme of ``M``. An actor tied to the rest only through a
    legal instrument (the United Nations, which proclaimed the UDHR) is context of the
    cooperation, not a member of it: the actor-side views leave it out, so the viewer, the
    report and the exports count the same actors.

    Examples
    --------
    >>> M = nx.MultiDiGraph()
    >>> M.add_node("ilo", kind="actor"); M.add_node("un", kind="actor")
    >>> M.add_node("p", kind="programme"); M.add_node("udhr", kind="instrument")
    >>> M.add_edge("ilo", "p", layer="participation", role="implementing")
    0
    >>> M.add_edge("un", "udhr", layer="legal", relation="proclaimedBy")
    0
    >>> sorted(cooperation_actors(M))
    ['ilo']
    """
    nodes, layer = M._node, Layer.PARTICIPATION.value
    return {u for u, neighbours in M._succ.items() if nodes[u]["kind"] == "actor"
            and any(nodes[v]["kind"] == "programme"
                    and any(d["layer"] == layer for d in keyed.values())
                    for v, keyed in neighbours.items())}


def _members_only(B: nx.Graph, members: set[str]) -> nx.Graph:
    """``B`` without the actors outside ``members`` (and the events they alone had)."""
    outside = [n for n, d in B.nodes(data=True)
               if d["bipartite"] == 0 and d.get("kind") == "actor" and n not in members]
    if not outside:
        return B
    B.remove_nodes_from(outside)
    B.remove_nodes_from([n for n, d in B.nodes(data=True)
                         if d["bipartite"] == 1 and B.degree(n) == 0])
    return B


def actor_projection(B: nx.Graph) -> nx.Graph:
    """The weighted one-mode projection of an affiliation network on its actor side.

    Two actors are tied when they share a programme (instrument, place); ``weight`` is
    the number shared and ``programmes`` the sorted tuple of their IRIs, so each tie keeps
    what it is made of. Actors with no co-member are kept as isolates.
    """
    G = nx.Graph(name=B.graph.get("name", "").replace("affiliation", "actors"))
    for node, data in B.nodes(data=True):
        if data["bipartite"] == 0:
            G.add_node(node, **{k: v for k, v in data.items() if k != "bipartite"})
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    # Events in sorted order, so that each tie's list of events is already sorted.
    for event in sorted(n for n, data in B.nodes(data=True) if data["bipartite"] == 1):
        for pair in combinations(sorted(B[event]), 2):
            shared[pair].append(event)
    G.add_edges_from((u, v, {"weight": len(events), "programmes": tuple(events)})
                     for (u, v), events in sorted(shared.items()))
    return G


def delegation_graph(M: nx.MultiDiGraph) -> nx.DiGraph:
    """The directed actor network along the IATI role chain within each programme.

    In each programme, every actor whose role has rank *r* sends a tie to every actor of
    the next rank present (funding → accountable → extending → implementing → partner);
    ``weight`` counts the programmes and ``programmes`` lists them. This is the network
    in which to ask who mediates between donors and domestic actors.
    """
    by_programme: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    nodes = M._node  # a million ties: no per-edge view objects
    layer = Layer.PARTICIPATION.value
    rank_of = {role.value: rank for role, rank in ROLE_RANK.items()}
    for u, neighbours in M._succ.items():
        if nodes[u]["kind"] != "actor":
            continue
        for v, keyed in neighbours.items():
            for data in keyed.values():
                if data["layer"] == layer:
                    by_programme[v][rank_of[data["role"]]].add(u)
    actors: dict[str, None] = {}
    ties: dict[tuple[str, str], list[str]] = {}
    for programme in sorted(by_programme):
        ranks = {rank: sorted(members) for rank, members in by_programme[programme].items()}
        actors.update(dict.fromkeys(sorted(set().union(*ranks.values()))))
        for high, low in pairwise(sorted(ranks)):
            for u in ranks[high]:
                for v in ranks[low]:
                    if v == u:
                        continue
                    programmes = ties.get((u, v))
                    if programmes is None:
                        ties[u, v] = [programme]
                    else:
                        programmes.append(programme)
    D = nx.DiGraph(name="delegation")
    # A million ties: written into the graph's dicts, as add_edges_from would, faster.
    node, succ, pred = D._node, D._succ, D._pred
    for actor in actors:
        node[actor], succ[actor], pred[actor] = dict(nodes[actor]), {}, {}
    for (u, v), programmes in ties.items():
        succ[u][v] = pred[v][u] = {"weight": len(programmes), "programmes": tuple(programmes)}
    nx._clear_cache(D)
    return D


def parse_choice(enum: type[Enum], value: Any, option: str) -> Any:
    if isinstance(value, enum):
        return value
    try:
        return enum(str(value).lower())
    except ValueError:
        choices = "|".join(m.value for m in enum)
        raise UnknownNameError(f"{option} {value!r}: expected one of {choices}") from None


def network_view(
    M: nx.MultiDiGraph,
    *,
    layer: Layer | str | None = Layer.PARTICIPATION,
    year: int | None = None,
    projection: Projection | str = Projection.ACTORS,
) -> nx.Graph:
    """One view of an already extracted multiplex network (see :func:`actor_network`).

    The actor side of the affiliation and actor views holds the cooperation's actors only
    (:func:`cooperation_actors`), whatever the layer.
    """
    projection = parse_choice(Projection, projection, "projection")
    lay = parse_choice(Layer, layer, "layer") if layer not in (None, "all") else None
    if year is not None:
        years = network_years(M)
        if years and not years[0] <= int(year) <= years[-1]:
            raise UnknownNameError(f"year {year!r}: expected {years[0]}…{years[-1]}")
        M = year_view(M, int(year))
    if projection is Projection.MULTIPLEX:
        return select_layers(M, [lay]) if lay is not None else M
    if projection is Projection.DELEGATION:
        G: nx.Graph = delegation_graph(M)
    else:
        B = _members_only(affiliation_graph(M, lay), cooperation_actors(M))
        G = B if projection is Projection.AFFILIATION else actor_projection(B)
    G.graph.update(year=year, layer=lay.value if lay else "all", projection=projection.value,
                   notes=period_notes(M))
    return G


def actor_network(
    source: Source | nx.MultiDiGraph,
    *,
    layer: Layer | str | None = Layer.PARTICIPATION,
    year: int | None = None,
    projection: Projection | str = Projection.ACTORS,
) -> nx.Graph:
    """The actor network of a knowledge graph that follows the modelling contract.

    Parameters
    ----------
    source : Store, rdflib.Graph, path or networkx.MultiDiGraph
        Where to extract from (or an already extracted multiplex network).
    layer : {"participation", "funding", "legal", "coverage", "all"}
        The tie layer; ``"all"``/``None`` combines participation, funding and legal.
    year : int, optional
        Only programmes running in that year (see :func:`year_view`).
    projection : {"actors", "affiliation", "delegation", "multiplex"}
        Weighted one-mode actor network (default), two-mode affiliation network, directed
        delegation network, or the typed multiplex network itself.

    Returns
    -------
    networkx.Graph, DiGraph or MultiDiGraph

    Raises
    ------
    UnknownNameError
        For an unknown layer, projection or a year outside the programmes' years.

    Examples
    --------
    >>> from kg.network.synthetic import synthetic_store
    >>> G = actor_network(synthetic_store(n_actors=30, n_programmes=4, seed=2))
    >>> G.is_multigraph(), G.number_of_nodes() <= 30
    (False, True)
    """
    M = source if isinstance(source, nx.MultiDiGraph) else extract_multiplex(source)
    return network_view(M, layer=layer, year=year, projection=projection)
