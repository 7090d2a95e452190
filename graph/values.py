"""Turn driver values into plain Python: nodes as their properties plus labels, relationships as
their properties plus type, paths as lists, Neo4j temporal types as `datetime`/`date`."""

from __future__ import annotations

from typing import Any

from neo4j import graph as ng
from neo4j import time as nt

_PLAIN = frozenset({str, int, float, bool, type(None)})


def to_plain(value: Any) -> Any:
    kind = type(value)
    if kind in _PLAIN:  # most values: answer without the isinstance chain below
        return value
    if kind is list:
        return [v if type(v) in _PLAIN else to_plain(v) for v in value]
    if isinstance(value, ng.Node):
        return {**{k: to_plain(v) for k, v in value.items()}, "_labels": sorted(value.labels),
                "_element_id": value.element_id}
    if isinstance(value, ng.Relationship):
        return {**{k: to_plain(v) for k, v in value.items()}, "_type": value.type,
                "_element_id": value.element_id,
                "_start": value.start_node.element_id if value.start_node else None,
                "_end": value.end_node.element_id if value.end_node else None}
    if isinstance(value, ng.Path):
        return {"_path": True, "nodes": [to_plain(n) for n in value.nodes],
                "relationships": [to_plain(r) for r in value.relationships]}
    if isinstance(value, (nt.DateTime, nt.Date, nt.Time)):
        return value.to_native()
    if isinstance(value, nt.Duration):
        return str(value)
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value
