"""A canonical, order-independent picture of the graph's loaded data: every node by label and
key with its properties, every relationship by type, end keys and properties. Used to prove that
a reload, or an interrupted load completed by re-running, leaves the same graph as a clean load.

Load nodes and the summaries (label Derived, see derived/) are left out: they record when each run
started, or are recomputed from the rest.
"""

from __future__ import annotations

import hashlib
from typing import Any

from loaders.statements import statement


def _canon(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ",".join(f"{k}:{_canon(value[k])}" for k in sorted(value)) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_canon(v) for v in value) + "]"
    return f"{type(value).__name__}:{value!r}"


def snapshot(runner: Any, *, exclude_props: tuple[str, ...] = ()) -> dict[str, Any]:
    """`{"nodes": {label: n}, "relationships": {type: n}, "lines": sorted canonical lines,
    "digest": sha256}`; `exclude_props` drops properties (e.g. `load_id`) from the comparison."""
    lines: list[str] = []
    nodes: dict[str, int] = {}
    rels: dict[str, int] = {}
    for row in runner.read(statement("snapshot_nodes"), name="snapshot.nodes", row_cap=50_000_000,
                           timeout=600).rows:
        label = ":".join(sorted(row["labels"]))
        nodes[label] = nodes.get(label, 0) + 1
        props = {k: v for k, v in row["props"].items() if k not in exclude_props}
        lines.append(f"N {label} {row['key']} {_canon(props)}")
    for row in runner.read(statement("snapshot_relationships"), name="snapshot.relationships",
                           row_cap=50_000_000, timeout=600).rows:
        rels[row["type"]] = rels.get(row["type"], 0) + 1
        props = {k: v for k, v in row["props"].items() if k not in exclude_props}
        lines.append(f"R {row['type']} {':'.join(sorted(row['al']))}/{row['a']} "
                     f"{':'.join(sorted(row['bl']))}/{row['b']} {_canon(props)}")
    lines.sort()
    digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    return {"nodes": nodes, "relationships": rels, "lines": lines, "digest": digest}
