"""What the cooperation network rests on: the same network extracted from only what the
paper states and from everything (with the modeller's interpretations and outside context),
and the differences between the two.

Issue #11: the network report says which of its inputs are interpretations or context and
judges its propositions twice. :func:`scope_differences` compares two multiplex networks
(:func:`kg.network.extract.extract_multiplex` on :func:`kg.scope.scoped` stores) tie by tie
and attribute by attribute.

Examples
--------
>>> import networkx as nx
>>> A, P = nx.MultiDiGraph(), nx.MultiDiGraph()
>>> for M in (A, P):
...     M.add_node("ilo", kind="actor", label="ILO")
...     M.add_node("p2", kind="programme", label="Programme 2")
>>> _ = A.add_edge("ilo", "p2", key="participation:implementing", layer="participation",
...                role="implementing")
>>> _ = P.add_edge("ilo", "p2", key="participation:participant", layer="participation",
...                role="participant")
>>> [d.text for d in scope_differences(A, P)]
['ILO – Programme 2: role implementing (the paper names no role)']
>>> [d.text for d in scope_differences(A, P, lang="id")]
['ILO – Programme 2: peran pelaksana (artikel tidak menyebut peran)']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from kg.network.words import WORDS, check_language, translator

#: Node attributes whose difference between the scopes is reported.
COMPARED_ATTRIBUTES = ("is_state", "actor_type", "start", "end", "date")
NO_ROLE = "participant"


@dataclass(frozen=True)
class Difference:
    """One input of the full network that the paper's statements alone do not give."""

    kind: str  # "tie", "role", "attribute", "node"
    subject: str
    text: str


def _label(M: nx.MultiDiGraph, node: str, lang: str = "en") -> str:
    if node not in M:
        return node
    data = M.nodes[node]
    return str(data.get("label_id" if lang == "id" else "label_en") or data.get("label", node))


def _ties(M: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict]:
    """(u, v, layer) → the data of the ties of that layer between u and v."""
    out: dict[tuple[str, str, str], dict] = {}
    for u, v, data in M.edges(data=True):
        out.setdefault((u, v, str(data.get("layer", ""))), {}).setdefault(
            "roles", set()).add(data.get("role") or data.get("relation") or "")
    return out


def scope_differences(full: nx.MultiDiGraph, paper: nx.MultiDiGraph, *,
                      lang: str = "en") -> list[Difference]:
    """The ties, roles, nodes and attributes of ``full`` that ``paper`` lacks or has
    otherwise, as readable sentences in ``lang`` (labels from ``full``)."""
    t = translator(check_language(lang))

    def word(prefix: str, name: str) -> str:
        """A layer's, role's or relation's name in ``lang`` (as it is when unknown)."""
        return t(f"{prefix}_{name}") if f"{prefix}_{name}" in WORDS else name

    out: list[Difference] = []
    ties_full, ties_paper = _ties(full), _ties(paper)
    for (u, v, layer), data in sorted(ties_full.items()):
        roles = sorted(data["roles"] - {""})
        where = f"{_label(full, u, lang)} – {_label(full, v, lang)}"
        if (u, v, layer) not in ties_paper:
            detail = f" ({', '.join(word('tie', r) for r in roles)})" if roles else ""
            out.append(Difference("tie", u, t("diff_tie", where=where,
                                                  layer=word("layer", layer), detail=detail)))
            continue
        stated = ties_paper[(u, v, layer)]["roles"] - {""}
        if set(roles) != stated:
            said = ", ".join(word("tie", r) for r in sorted(stated - {NO_ROLE}))
            key, extra = ("diff_role", {"said": said}) if said else ("diff_role_none", {})
            out.append(Difference("role", u, t(key, where=where,
                                               roles=", ".join(word("tie", r) for r in roles),
                                               **extra)))
    for node, data in sorted(full.nodes(data=True)):
        if node not in paper:
            out.append(Difference("node", node, t("diff_node", label=_label(full, node, lang))))
            continue
        stated = paper.nodes[node]
        for attribute in COMPARED_ATTRIBUTES:
            mine, theirs = _value(data, attribute, t), _value(stated, attribute, t)
            if mine != theirs:
                out.append(Difference("attribute", node, t(
                    "diff_attribute", label=_label(full, node, lang),
                    attribute=t(f"attr_{attribute}"), value=mine, stated=theirs)))
    return out


def _value(data: dict, attribute: str, t: Callable[..., str]) -> str:
    """An attribute as a reader should see it; a state status the data do not state but
    the extraction reads from the actor type says so."""
    if attribute == "is_state" and data.get("is_state_by_type"):
        return t("diff_by_type", value=_show(data.get("is_state"), t))
    return _show(data.get(attribute), t)


def _show(value: object, t: Callable[..., str]) -> str:
    if value is None:
        return t("diff_not_stated")
    if isinstance(value, bool):
        return t("diff_yes") if value else t("diff_no")
    return str(value)
