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
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

#: Node attributes whose difference between the scopes is reported.
COMPARED_ATTRIBUTES = ("is_state", "actor_type", "start", "end", "date")
NO_ROLE = "participant"


@dataclass(frozen=True)
class Difference:
    """One input of the full network that the paper's statements alone do not give."""

    kind: str  # "tie", "role", "attribute", "node"
    subject: str
    text: str


def _label(M: nx.MultiDiGraph, node: str) -> str:
    return str(M.nodes[node].get("label", node)) if node in M else node


def _ties(M: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict]:
    """(u, v, layer) → the data of the ties of that layer between u and v."""
    out: dict[tuple[str, str, str], dict] = {}
    for u, v, data in M.edges(data=True):
        out.setdefault((u, v, str(data.get("layer", ""))), {}).setdefault(
            "roles", set()).add(data.get("role") or data.get("relation") or "")
    return out


def scope_differences(full: nx.MultiDiGraph, paper: nx.MultiDiGraph) -> list[Difference]:
    """The ties, roles, nodes and attributes of ``full`` that ``paper`` lacks or has
    otherwise, as readable sentences (labels from ``full``)."""
    out: list[Difference] = []
    ties_full, ties_paper = _ties(full), _ties(paper)
    for (u, v, layer), data in sorted(ties_full.items()):
        roles = sorted(data["roles"] - {""})
        where = f"{_label(full, u)} – {_label(full, v)}"
        if (u, v, layer) not in ties_paper:
            detail = f" ({', '.join(roles)})" if roles else ""
            out.append(Difference("tie", u,
                                  f"{where}: {layer} tie{detail} not stated by the paper"))
            continue
        stated = ties_paper[(u, v, layer)]["roles"] - {""}
        if set(roles) != stated:
            said = ", ".join(sorted(stated - {NO_ROLE})) or "no role"
            if said == "no role":
                out.append(Difference("role", u, f"{where}: role {', '.join(roles)} "
                                                 "(the paper names no role)"))
            else:
                out.append(Difference("role", u, f"{where}: role {', '.join(roles)} "
                                                 f"(the paper: {said})"))
    for node, data in sorted(full.nodes(data=True)):
        if node not in paper:
            out.append(Difference("node", node, f"{_label(full, node)}: not in what the paper "
                                                "states"))
            continue
        stated = paper.nodes[node]
        for attribute in COMPARED_ATTRIBUTES:
            mine, theirs = _value(data, attribute), _value(stated, attribute)
            if mine != theirs:
                out.append(Difference(
                    "attribute", node,
                    f"{_label(full, node)}: {attribute.replace('_', ' ')} = {mine} "
                    f"(from what the paper states: {theirs})"))
    return out


def _value(data: dict, attribute: str) -> str:
    """An attribute as a reader should see it; a state status the data do not state but
    the extraction reads from the actor type says so."""
    if attribute == "is_state" and data.get("is_state_by_type"):
        return f"not stated, read from the actor type as {_show(data.get('is_state'))}"
    return _show(data.get(attribute))


def _show(value: object) -> str:
    if value is None:
        return "not stated"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
