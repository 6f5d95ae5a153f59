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

import importlib
from typing import Any

#: Public names and the module that defines each. They are imported on first use
#: (PEP 562), so ``import kg.network.export`` or the command line does not pay for numpy,
#: scipy and igraph until a measure is computed.
_EXPORTS = {
    "Layer": "extract",
    "Projection": "extract",
    "Role": "extract",
    "actor_network": "extract",
    "extract_multiplex": "extract",
    "network_view": "extract",
    "network_years": "extract",
    "cooperation_measures": "measures",
    "measures": "measures",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module = importlib.import_module(f"kg.network.{_EXPORTS[name]}")
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg.network' has no attribute {name!r}")
