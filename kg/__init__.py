"""pasb-kg: the knowledge graph of Indonesia–ILO cooperation against hazardous child labour.

The library behind the command line and the service: building the store from the
ontology and data, validating, querying, network analysis and linking.
"""

from __future__ import annotations

__version__ = "0.1.0"
