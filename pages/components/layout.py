"""Server-side graph layouts, shown in the browser with cytoscape's `preset` layout: cose in the
browser freezes at a few hundred nodes, and a computed layout is the same every time.

The explorer's layout is label-aware (`radial_positions` for a first view, `place_new` for what a
tap adds): every node keeps its shape and caption box free of every other's, and nothing placed
before moves. `layered_positions` lays out the
council case map's columns."""

from __future__ import annotations

import math
from typing import Any

from pages.components.labels import box
from pages.components.styles import (
    CAPTION_FONT,
    CAPTION_MARGIN,
    CAPTION_WIDTH,
    DEFAULT_CAPTION_FONT,
    DEFAULT_NODE_SIZE,
    NODE_SIZE,
)

# Every node of the explorer reserves its footprint: the node's shape and its caption below it
# (labels.box), plus a margin for cytoscape's own rounding (its label bounds add 2 px a side).
# Nodes are placed one at a time in the free space nearest to where they belong, on rings around an
# anchor, so nothing placed before ever moves and no two footprints overlap.
GAP_X, GAP_Y = 10.0, 6.0   # between two footprints
CELL = 96.0                # spatial grid: each footprint is registered in the cells it covers
STRETCH = 1.55             # rings are ellipses as wide as the canvas is (≈ 1000 × 620 px)
RING_STEP = 22.0           # first distance between rings; it grows outward
ARC_STEP = 18.0            # distance between candidates along a ring, near the anchor
# Captions that change after placement (a household's, as its members are named) keep room for
# their widest line.
RESERVE_WIDTH = {"Household": CAPTION_WIDTH["Household"] + 2}

Rect = tuple[float, float, float, float]


def footprint(data: dict[str, Any]) -> tuple[float, float, float]:
    """(half width, above the centre, below the centre) a node takes with its caption."""
    typ = str(data.get("type") or "")
    nw, nh = NODE_SIZE.get(typ, DEFAULT_NODE_SIZE)
    size, bold = CAPTION_FONT.get(typ, DEFAULT_CAPTION_FONT)
    lw, lh = box(str(data.get("display") or ""), size, bold=bold)
    lw = max(lw, RESERVE_WIDTH.get(typ, 0.0))
    half = max(nw, lw + 4) / 2 + GAP_X / 2
    above = nh / 2 + GAP_Y / 2
    below = nh / 2 + (CAPTION_MARGIN + lh + 4 if lh else 0) + GAP_Y / 2
    return half, above, below


def _rect(x: float, y: float, fp: tuple[float, float, float]) -> Rect:
    half, above, below = fp
    return x - half, y - above, x + half, y + below


class FreeSpace:
    """The footprints placed so far, in a uniform grid: a candidate is checked against the few
    footprints of the cells it covers, so placing n nodes costs O(n × nearby), not O(n²)."""

    def __init__(self, cell: float = CELL):
        self.cell = cell
        self.rects: dict[str, Rect] = {}
        self.grid: dict[tuple[int, int], set[str]] = {}

    def _cells(self, r: Rect) -> list[tuple[int, int]]:
        c = self.cell
        return [(i, j) for i in range(math.floor(r[0] / c), math.floor(r[2] / c) + 1)
                for j in range(math.floor(r[1] / c), math.floor(r[3] / c) + 1)]

    def add(self, nid: str, r: Rect) -> None:
        self.remove(nid)
        self.rects[nid] = r
        for cell in self._cells(r):
            self.grid.setdefault(cell, set()).add(nid)

    def remove(self, nid: str) -> None:
        r = self.rects.pop(nid, None)
        if r is not None:
            for cell in self._cells(r):
                self.grid.get(cell, set()).discard(nid)

    def free(self, r: Rect) -> bool:
        e = 1.0   # positions are kept in whole pixels: a spot that just touches stays clear when rounded
        for cell in self._cells(r):
            for other in self.grid.get(cell, ()):
                o = self.rects[other]
                if r[0] < o[2] + e and o[0] < r[2] + e and r[1] < o[3] + e and o[1] < r[3] + e:
                    return False
        return True

    def find(self, anchor: tuple[float, float], fp: tuple[float, float, float], *, prefer: float = 0.0,
             start: float = 0.0, first_ring: int = 0) -> tuple[tuple[float, float], int]:
        """The free spot nearest to `anchor` for footprint `fp`: rings (ellipses STRETCH times wider
        than high) from `start` px outward, each searched from the direction `prefer` (radians)
        alternately to either side. Returns the spot and its ring (the next search of the same
        fan may start there)."""
        ax, ay = anchor
        ring = first_ring
        while True:
            r = start + sum(RING_STEP * (1 + k / 5) for k in range(ring))
            if r <= 0:
                if self.free(_rect(ax, ay, fp)):
                    return (ax, ay), ring
                ring += 1
                continue
            step = (ARC_STEP + r * 0.04) / (r * (1 + STRETCH) / 2)
            count = max(1, int(math.pi / step))
            for j in range(2 * count + 1):
                angle = prefer + (j + 1) // 2 * step * (1 if j % 2 else -1)
                x, y = ax + r * STRETCH * math.cos(angle), ay + r * math.sin(angle)
                if self.free(_rect(x, y, fp)):
                    return (x, y), ring
            ring += 1


def space_of(nodes: dict[str, dict[str, Any]], positions: dict[str, Any]) -> FreeSpace:
    """The footprints of every placed node."""
    space = FreeSpace()
    for nid, pos in positions.items():
        node = nodes.get(nid)
        if node is not None:
            space.add(nid, _rect(float(pos[0]), float(pos[1]), footprint(node["data"])))
    return space


def _angle(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Direction from a to b (in the rings' stretched frame); 0 when they coincide."""
    dx, dy = (b[0] - a[0]) / STRETCH, b[1] - a[1]
    return math.atan2(dy, dx) if (dx, dy) != (0.0, 0.0) else 0.0


def radial_positions(nodes: dict[str, dict[str, Any]], edges: list[tuple[str, str]],
                     root: str) -> dict[str, tuple[float, float]]:
    """A first view laid out from `root` outward: the root in the middle, its neighbours around it,
    theirs around them facing away from the root, and a node several placed nodes point at near
    the middle of those. Breadth-first and most important first, so the household's people sit
    closest. No two footprints overlap; the same graph gives the same picture."""
    adj: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in edges:
        if a in adj and b in adj and a != b:
            adj[a].append(b)
            adj[b].append(a)
    space = FreeSpace()
    pos: dict[str, tuple[float, float]] = {}
    if root not in nodes:
        return pos
    pos[root] = (0.0, 0.0)
    space.add(root, _rect(0.0, 0.0, footprint(nodes[root]["data"])))
    order = _breadth_first(adj, root, nodes)
    first = [n for n in order if root in adj[n]]
    for nid in order[1:]:
        fp = footprint(nodes[nid]["data"])
        placed = [m for m in adj[nid] if m in pos]
        if not placed:   # not connected to what is shown: beside everything
            spot, _ = space.find((0.0, 0.0), fp, prefer=0.0, start=60.0)
        elif nid in first and len(placed) == 1:
            # the root's own neighbours spread all around it
            prefer = 2 * math.pi * first.index(nid) / max(len(first), 1) - math.pi / 2
            spot, _ = space.find(pos[root], fp, prefer=prefer, start=40.0)
        elif len(placed) == 1:
            parent = pos[placed[0]]
            spot, _ = space.find(parent, fp, prefer=_angle(pos[root], parent), start=36.0)
        else:
            cx = sum(pos[m][0] for m in placed) / len(placed)
            cy = sum(pos[m][1] for m in placed) / len(placed)
            spot, _ = space.find((cx, cy), fp, prefer=_angle(pos[root], (cx, cy)), start=0.0)
        pos[nid] = spot
        space.add(nid, _rect(spot[0], spot[1], fp))
    return pos


_RANK = {"Household": 0, "Person": 1, "PersonRecord": 1, "Address": 2, "CouncilCase": 3, "Call": 4,
         "PoliceMeasure": 5, "RiskAssessment": 6, "Service": 7, "CouncilMeasure": 8, "Agency": 9, "More": 10}


def _breadth_first(adj: dict[str, list[str]], root: str, nodes: dict[str, dict[str, Any]]) -> list[str]:
    def rank(n: str) -> tuple[int, int, str]:
        d = nodes[n]["data"]
        day = str(d.get("date") or "")[:10].replace("-", "")
        # newest events first, as the page lists them
        return _RANK.get(str(d.get("type")), 9), -int(day) if day.isdigit() else 0, n

    seen, order, layer = {root}, [root], [root]
    while layer:
        nxt: list[str] = []
        for n in layer:
            for m in sorted(adj[n], key=rank):
                if m not in seen:
                    seen.add(m)
                    nxt.append(m)
        nxt.sort(key=lambda m: rank(m)[0])   # stable: within a rank, by parent, then date
        order += nxt
        layer = nxt
    order += sorted((n for n in nodes if n not in seen), key=rank)
    return order


def place_new(nodes: dict[str, dict[str, Any]], positions: dict[str, Any], anchor: str, new_ids: list[str], *,
              towards: tuple[float, float] | None = None) -> dict[str, tuple[float, float]]:
    """Spots for `new_ids` (nodes just added to `anchor`) in the nearest free space, none of the
    placed nodes moving: around `towards` when given (where the tapped summary node is, so a
    slice gathers there, facing away from the anchor), else around the anchor, facing away from
    the middle of the graph. O(new × nearby)."""
    if not new_ids:
        return {}
    space = space_of(nodes, {k: v for k, v in positions.items() if k not in new_ids})
    at = tuple(positions.get(anchor, (0.0, 0.0)))
    centre = (float(at[0]), float(at[1]))
    if towards is not None:
        prefer = _angle(centre, towards)
        centre = towards
    else:
        others = [(float(v[0]), float(v[1])) for k, v in positions.items() if k != anchor and k not in new_ids]
        mid = (sum(x for x, _ in others) / len(others), sum(y for _, y in others) / len(others)) if others else centre
        prefer = _angle(mid, centre) if others else -math.pi / 2
    fps = {nid: footprint(nodes[nid]["data"]) for nid in new_ids}
    if len(new_ids) >= 4:
        # A batch goes where there is room for all of it: the nearest free block of its size.
        area = sum(2 * h * (a + b) for h, a, b in fps.values()) * 1.3
        w = math.sqrt(area * STRETCH)
        centre, _ = space.find(centre, (w / 2, area / w / 2, area / w / 2), prefer=prefer,
                               start=0.0 if towards is not None else 40.0)
        towards = centre
    out: dict[str, tuple[float, float]] = {}
    ring = 0
    for nid in new_ids:
        fp = fps[nid]
        spot, ring = space.find(centre, fp, prefer=prefer, start=0.0 if out or towards is not None else 40.0,
                                first_ring=max(0, ring - 1))
        if not out:
            # The rest of the batch gathers around the first one's spot, the free space nearest
            # to the anchor: a compact group even where the anchor is already surrounded.
            centre, ring = spot, 0
        out[nid] = spot
        space.add(nid, _rect(spot[0], spot[1], fp))
    return out


def overlaps(nodes: dict[str, dict[str, Any]], positions: dict[str, Any]) -> list[tuple[str, str]]:
    """Pairs of placed nodes whose footprints overlap (for tests and checks)."""
    items = [(nid, _rect(float(p[0]), float(p[1]), footprint(nodes[nid]["data"])))
             for nid, p in positions.items() if nid in nodes]
    items.sort(key=lambda kv: kv[1][0])
    out = []
    for i, (a, ra) in enumerate(items):
        for b, rb in items[i + 1:]:
            if rb[0] >= ra[2]:
                break
            if ra[1] < rb[3] and rb[1] < ra[3]:
                out.append((a, b))
    return out


def extent(nodes: dict[str, dict[str, Any]], positions: dict[str, Any]) -> Rect:
    """The box around every footprint (what cytoscape fits to the canvas)."""
    rects = [_rect(float(p[0]), float(p[1]), footprint(nodes[nid]["data"])) for nid, p in positions.items()
             if nid in nodes]
    if not rects:
        return 0.0, 0.0, 0.0, 0.0
    return min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects)


def focus_window(nodes: dict[str, dict[str, Any]], positions: dict[str, Any], seeds: list[str], *,
                 width: float = 900.0, height: float = 560.0) -> list[str] | None:
    """What to fit the canvas to after a tap: the tapped node and what it added (`seeds`), with the
    nodes nearest to them while everything still fits `width` × `height` at zoom 1 — so the new
    captions are readable and their surroundings show. None when the whole graph fits at a
    readable zoom (then the canvas shows all of it)."""
    whole = extent(nodes, positions)
    if (whole[2] - whole[0]) <= width / 0.85 and (whole[3] - whole[1]) <= height / 0.85:
        return None
    rects = {nid: _rect(float(p[0]), float(p[1]), footprint(nodes[nid]["data"]))
             for nid, p in positions.items() if nid in nodes}
    chosen = [s for s in seeds if s in rects]
    if not chosen:
        return None
    box = [min(rects[c][0] for c in chosen), min(rects[c][1] for c in chosen),
           max(rects[c][2] for c in chosen), max(rects[c][3] for c in chosen)]
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    taken = set(chosen)
    for nid in sorted(rects, key=lambda n: (rects[n][0] + rects[n][2] - 2 * cx) ** 2 / 4
                      + (rects[n][1] + rects[n][3] - 2 * cy) ** 2 / 4):
        if nid in taken:
            continue
        r = rects[nid]
        grown = [min(box[0], r[0]), min(box[1], r[1]), max(box[2], r[2]), max(box[3], r[3])]
        if grown[2] - grown[0] <= width and grown[3] - grown[1] <= height:
            box = grown
            chosen.append(nid)
            taken.add(nid)
    return chosen


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
