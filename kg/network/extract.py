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


def _add_node(M: nx.MultiDiGraph, iri: str, kind: str, **attrs: Any) -> None:
    if iri not in M:
        M.add_node(iri, kind=kind, iri=iri, **_label_attrs(iri, {}))
    M.nodes[iri].update(attrs)


def _true(value: str) -> bool:
    return value.strip().lower() in {"true", "1"}


def _add_actors(M: nx.MultiDiGraph, store: Store) -> None:
    rows = list(_rows(store, "network-actors",
                      ("actor", "type", "label", "labelLang", "isState", "basedIn")))
    labels = _smallest_labels((r[0], r[2], r[3]) for r in rows)
    types: dict[str, str] = {}
    state: dict[str, bool] = {}
    based: dict[str, str] = {}
    for actor, type_, _, _, is_state, based_in in rows:
        type_ = type_.removeprefix(ACTOR_TYPE_PREFIX)
        types[actor] = min(types.get(actor, type_), type_)
        if is_state is not None:
            state[actor] = _true(is_state)
        if based_in is not None:
            based[actor] = min(based.get(actor, based_in), based_in)
    for actor, type_ in types.items():
        attrs: dict[str, Any] = {"actor_type": type_, **_label_attrs(actor, labels.get(actor, {}))}
        if actor in state:
            attrs["is_state"] = state[actor]
        if actor in based:
            attrs["based_in"] = based[actor]
        _add_node(M, actor, "actor", **attrs)


def _add_programmes(M: nx.MultiDiGraph, store: Store) -> None:
    """Programmes with their own dates, or else the period of their cooperation.

    A programme without ``schema:startDate``/``endDate`` of its own takes the
    ``dct:temporal`` period of the cooperation it belongs to (``pasb:hasProgramme``; the
    first cooperation by IRI if several): ``dates`` says which (``"own"``,
    ``"cooperation"``), ``period_of`` names the cooperation; see :func:`period_notes`.
    """
    rows = list(_rows(store, "network-programmes",
                      ("programme", "label", "labelLang", "number", "start", "end",
                       "cooperation", "periodStart", "periodEnd", "periodLabel")))
    labels = _smallest_labels((r[0], r[1], r[2]) for r in rows)
    members: dict[str, set[str]] = defaultdict(set)
    own: dict[str, dict[str, Any]] = defaultdict(dict)
    period: dict[str, tuple[str, str | None, str | None]] = {}
    for programme, _, _, number, start, end, coop, p_start, p_end, p_label in rows:
        attrs = own[programme]
        for key, value in (("start", start), ("end", end)):
            if value is not None and value < attrs.get(key, "\uffff"):
                attrs[key], attrs[f"{key}_year"] = value, _year(value)
        if number is not None:
            attrs["number"] = int(number)
        if coop is not None and _year(p_start) is not None:
            members[coop].add(programme)
            if programme not in period or coop < period[programme][0]:
                period[programme] = (coop, p_start, p_end or p_start,
                                     p_label or f"{p_start}–{p_end or p_start}")
    for programme, attrs in own.items():
        attrs.update(_label_attrs(programme, labels.get(programme, {})))
        if "start" in attrs or "end" in attrs:
            attrs["dates"] = "own"
        elif programme in period:
            coop, p_start, p_end, p_label = period[programme]
            attrs.update(dates="cooperation", period_of=coop, start_year=_year(p_start),
                         end_year=_year(p_end), period_label=p_label,
                         period_programmes=len(members[coop]))
        _add_node(M, programme, "programme", **attrs)


#: Role IRIs (``res:role-…``) to roles; any other IRI is a plain participant.
ROLES_BY_IRI = {ROLE_PREFIX + r.value: r for r in Role}


def _add_participation(M: nx.MultiDiGraph, store: Store) -> None:
    nodes = M._node  # direct access: a million ties, so no per-row view objects
    layer = Layer.PARTICIPATION.value
    for programme, actor, role_iri, start, end in _rows(
            store, "network-participation", ("programme", "actor", "role", "start", "end")):
        if programme not in nodes:
            _add_node(M, programme, "programme")
        if actor not in nodes:
            _add_node(M, actor, "actor")
        role = ROLES_BY_IRI.get(role_iri, Role.PARTICIPANT) if role_iri else Role.PARTICIPANT
        attrs: dict[str, Any] = {"layer": layer, "role": role.value}
        if start is not None:
            attrs["start_year"] = _year(start)
        if end is not None:
            attrs["end_year"] = _year(end)
        M.add_edge(actor, programme, key=f"participation:{role.value}", **attrs)


def _add_funding(M: nx.MultiDiGraph, store: Store) -> None:
    for funder, programme, grant, amount, currency in _rows(
            store, "network-funding", ("funder", "programme", "grant", "amount", "currency")):
        _add_node(M, funder, "actor")
        _add_node(M, programme, "programme")
        attrs: dict[str, Any] = {"layer": Layer.FUNDING.value}
        if grant is not None:
            attrs["grant"] = grant
        if amount is not None:
            attrs["amount"] = float(amount)
        if currency is not None:
            attrs["currency"] = currency
        M.add_edge(funder, programme, key=f"funding:{attrs.get('grant', '')}", **attrs)


def _add_legal(M: nx.MultiDiGraph, store: Store) -> None:
    rows = list(_rows(store, "network-legal", ("node", "relation", "instrument", "inverse",
                                               "label", "labelLang", "date")))
    labels = _smallest_labels((r[2], r[4], r[5]) for r in rows)
    for node, relation_iri, instrument, inverse, _, _, date_ in rows:
        relation = slug(relation_iri)
        _add_node(M, instrument, "instrument", **_label_attrs(instrument,
                                                               labels.get(instrument, {})))
        if date_ is not None:
            M.nodes[instrument]["date"] = date_
        if node not in M:
            _add_node(M, node, "actor")
        M.add_edge(node, instrument, key=f"legal:{relation}", layer=Layer.LEGAL.value,
                   relation=relation, inverse=_true(inverse))


def _add_coverage(M: nx.MultiDiGraph, store: Store) -> None:
    rows = list(_rows(store, "network-coverage", ("programme", "place", "label", "labelLang")))
    labels = _smallest_labels((r[1], r[2], r[3]) for r in rows)
    for programme, place, _, _ in rows:
        _add_node(M, programme, "programme")
        _add_node(M, place, "place", **_label_attrs(place, labels.get(place, {})))
        M.add_edge(programme, place, key="coverage", layer=Layer.COVERAGE.value)


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

    Examples
    --------
    >>> from kg.network.synthetic import synthetic_store
    >>> M = extract_multiplex(synthetic_store(n_actors=20, n_programmes=3, seed=1))
    >>> sorted({d["layer"] for _, _, d in M.edges(data=True)})
    ['coverage', 'funding', 'legal', 'participation']
    """
    store = as_store(source)
    M = nx.MultiDiGraph(name="pasb cooperation network")
    _add_actors(M, store)
    _add_programmes(M, store)
    _add_participation(M, store)
    _add_funding(M, store)
    _add_legal(M, store)
    _add_coverage(M, store)
    for _, data in M.nodes(data=True):
        if data["kind"] == "actor":
            data.setdefault("actor_type", "unclassified")
            data.setdefault("is_state", data["actor_type"] in STATE_TYPES)
    log.info("extracted %d nodes, %d edges", M.number_of_nodes(), M.number_of_edges())
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


def _listed(items: list[str], most: int = 3) -> str:
    shown = items[:most] + ([f"{len(items) - most} more"] if len(items) > most else [])
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def period_notes(M: nx.MultiDiGraph) -> list[str]:
    """Sentences saying which programmes of ``M`` take their period from their cooperation.

    One note per cooperation whose undated programmes are in ``M`` (see
    :func:`extract_multiplex`), and one for programmes with no period at all, which
    per-year views leave out.

    Examples
    --------
    >>> M = nx.MultiDiGraph()
    >>> M.add_node("r/p3", kind="programme", dates="cooperation", period_of="r/c",
    ...            period_label="2010–2013", period_programmes=3)
    >>> period_notes(M)
    ['p3 has no dates of its own; the paper places all three programmes of c in 2010–2013, \
so per-year views use that period']
    """
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
        notes.append(
            f"{_listed(programmes)} {'has' if len(programmes) == 1 else 'have'} no dates of "
            f"{'its' if len(programmes) == 1 else 'their'} own; the paper places all "
            f"{_count_words(count)} programmes of {slug(coop)} in {label}, so per-year views "
            "use that period")
    if undated:
        undated.sort()
        notes.append(f"{_listed(undated)} {'has' if len(undated) == 1 else 'have'} no dates "
                     "and no dated cooperation; per-year views leave "
                     f"{'it' if len(undated) == 1 else 'them'} out")
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
    layers = [layer] if layer is not None else [Layer.PARTICIPATION, Layer.FUNDING, Layer.LEGAL]
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
    D = nx.DiGraph(name="delegation")
    by_programme: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for u, v, data in M.edges(data=True):
        if data["layer"] == Layer.PARTICIPATION.value and M.nodes[u]["kind"] == "actor":
            by_programme[v][ROLE_RANK[Role(data["role"])]].add(u)
    for programme in sorted(by_programme):
        ranks = by_programme[programme]
        levels = sorted(ranks)
        for actor in set().union(*ranks.values()):
            D.add_node(actor, **M.nodes[actor])
        for high, low in pairwise(levels):
            for u in sorted(ranks[high]):
                for v in sorted(ranks[low] - {u}):
                    if D.has_edge(u, v):
                        D[u][v]["weight"] += 1
                        D[u][v]["programmes"] += (programme,)
                    else:
                        D.add_edge(u, v, weight=1, programmes=(programme,))
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
    """One view of an already extracted multiplex network (see :func:`actor_network`)."""
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
        B = affiliation_graph(M, lay)
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
