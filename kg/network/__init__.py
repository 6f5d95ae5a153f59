"""Actor-network analysis of the cooperation structure (networkx; no Flask).

For notebooks and the service::

    from kg.network import actor_network, measures
    G = actor_network("kg/data/programmes.ttl", layer="participation", year=2012)
    m = measures(G)

:func:`actor_network` extracts a typed multiplex network with the named queries
``kg/queries/network-*.rq`` (so it runs on any store, local or remote) and returns a
view of it; :func:`measures` computes every measure of one graph;
:func:`cooperation_measures` the full analysis the report is built from.
"""

from __future__ import annotations

from kg.network.extract import (
    Layer,
    Projection,
    Role,
    actor_network,
    cooperation_actors,
    extract_multiplex,
    network_view,
    network_years,
)
from kg.network.measures import cooperation_measures, measures

__all__ = [
    "Layer",
    "Projection",
    "Role",
    "actor_network",
    "cooperation_actors",
    "cooperation_measures",
    "extract_multiplex",
    "measures",
    "network_view",
    "network_years",
]
