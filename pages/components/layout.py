"""Server-side graph layouts (networkx), shown in the browser with cytoscape's `preset` layout:
cose in the browser freezes at a few hundred nodes, and a seeded layout is the same every time."""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

SPACING = 160.0  # pixels between neighbouring nodes, roughly


def compute_positions(node_ids: list[str], edges: list[tuple[str, str]], *, seed: int = 7,
                      fixed: dict[str, tuple[float, float]] | None = None) -> dict[str, tuple[float, float]]:
    """Pixel positions for every node. Nodes in `fixed` keep their place; others are laid out
    around them, with a seeded spring layout (the same picture every time)."""
    fixed = {k: v for k, v in (fixed or {}).items() if k in set(node_ids)}
    if not node_ids:
        return {}
    g = nx.Graph()
    g.add_nodes_from(node_ids)
    g.add_edges_from((a, b) for a, b in edges if a in g and b in g)
    n = len(node_ids)
    scale = SPACING * max(1.0, math.sqrt(n)) / 2
    if fixed and len(fixed) < n:
        # Existing nodes stay put: start the spring layout from their pixel places.
        init = {k: (x / scale, y / scale) for k, (x, y) in fixed.items()}
        pos = nx.spring_layout(g, pos=init or None, fixed=list(init) or None, seed=seed, iterations=40)
        return {k: ((float(x) * scale, float(y) * scale) if k not in fixed else fixed[k]) for k, (x, y) in pos.items()}
    if fixed:
        return dict(fixed)
    # networkx's Fruchterman-Reingold on numpy (scipy is not a dependency; Kamada-Kawai needs it).
    pos = nx.spring_layout(g, seed=seed, iterations=100 if n <= 150 else 50 if n <= 600 else 25,
                           k=1.5 / math.sqrt(n))
    return {k: (float(x) * scale, float(y) * scale) for k, (x, y) in pos.items()}


def place_around(center: tuple[float, float], new_ids: list[str],
                 taken: dict[str, tuple[float, float]], *, radius: float = 150.0) -> dict[str, tuple[float, float]]:
    """Positions for nodes added by an expansion: rings around the tapped node, pointing away from
    the graph's centre so they do not land on existing nodes. O(new) — used on every tap."""
    if not new_ids:
        return {}
    cx, cy = center
    if taken:
        mx = sum(x for x, _ in taken.values()) / len(taken)
        my = sum(y for _, y in taken.values()) / len(taken)
        away = math.atan2(cy - my, cx - mx) if (cx, cy) != (mx, my) else 0.0
    else:
        away = 0.0
    out: dict[str, tuple[float, float]] = {}
    per_ring, ring, idx = 10, 0, 0
    for nid in new_ids:
        if idx == per_ring:
            ring, idx, per_ring = ring + 1, 0, per_ring + 6
        count = min(per_ring, len(new_ids) - sum(10 + 6 * r for r in range(ring)))
        # Spread over a 240° fan facing away from the centre (a full circle for the first ring
        # of a lone node).
        span = 2 * math.pi if not taken else math.radians(240)
        angle = away - span / 2 + span * (idx + 0.5) / max(count, 1)
        r = radius * (1 + 0.7 * ring)
        out[nid] = (cx + r * math.cos(angle), cy + r * math.sin(angle))
        idx += 1
    return out


def layered_positions(columns: list[list[str]], *, dx: float = 260.0, dy: float = 90.0) -> dict[str, tuple[float, float]]:
    """Columns of nodes left to right, each column centred vertically (the council case map)."""
    out: dict[str, tuple[float, float]] = {}
    for ci, column in enumerate(columns):
        top = -(len(column) - 1) * dy / 2
        for ri, nid in enumerate(column):
            out[nid] = (ci * dx, top + ri * dy)
    return out


def apply_positions(elements: list[dict[str, Any]], positions: dict[str, tuple[float, float]]) -> list[dict[str, Any]]:
    """Copy of `elements` with `position` set on nodes that have one."""
    out = []
    for el in elements:
        nid = el["data"].get("id")
        if "source" not in el["data"] and nid in positions:
            x, y = positions[nid]
            el = {**el, "position": {"x": round(x, 1), "y": round(y, 1)}}
        out.append(el)
    return out
