"""The agencies page's co-involvement network as data (pure): agencies grouped by type, one block
per group (a cytoscape compound node, tinted in the group's colour), the groups in a fixed order
packed in rows; inside a block the agencies with most contacts first, in a grid whose cells leave
room for a two-line label. Sized so that the page opens at about its natural zoom in a full-width
panel (labels 11 px, not 5). Edges are as wide as the households two agencies share."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pages.components.labels import ELLIPSIS, box, fit_line, text_width, wrap

# Groups of agency types, in the order their blocks are drawn, each with its colour (Tableau 10
# and two more; police first: they are the hubs of the network).
GROUPS: list[tuple[str, tuple[str, ...], str]] = [
    ("police_station", ("경찰서",), "#1f4e9c"),
    ("police_box", ("지구대·파출소",), "#6b8fd6"),
    ("counselling", ("가정폭력상담소", "성폭력상담소", "다문화가족지원센터"), "#e15759"),
    ("medical", ("의료기관", "해바라기센터", "정신건강복지센터"), "#59a14f"),
    ("shelter", ("보호시설", "청소년쉼터"), "#b07aa1"),
    ("child_protection", ("아동보호전문기관",), "#f28e2b"),
    ("local_government", ("읍면동주민센터",), "#76b7b2"),
    ("legal", ("법률지원기관",), "#9c755f"),
    ("correction", ("가해자교정기관", "보호관찰소"), "#edc948"),
    ("education", ("교육기관",), "#ff9da7"),
    ("other", (), "#8c8c8c"),
]
_GROUP_OF = {typ: key for key, types, _ in GROUPS for typ in types}
COLOUR = {key: colour for key, _, colour in GROUPS}

FONT_SIZE = 11          # label font at zoom 1
LABEL_WIDTH = 118.0     # a label line's width (pixels at zoom 1)
CELL_W = 140.0          # a grid cell: the label's width and a margin
CELL_H = 92.0           # the largest node, two label lines and a margin
BLOCK_GAP = 46.0        # between blocks (room for the block's padding and title)
TARGET_WIDTH = 1150.0   # blocks are packed in rows up to this width (a full-width panel)
MIN_EDGE, MAX_EDGE = 1.0, 10.0


def label_lines(name: str) -> str:
    """An agency's name in at most two lines of LABEL_WIDTH: broken at spaces, and where one word is
    too long for a line (제주시정신건강복지센터), between syllables; the rest cut with an ellipsis."""
    lines = wrap(name, FONT_SIZE, LABEL_WIDTH, lines=2)
    if len(lines) == 2 or not lines or not lines[0].endswith(ELLIPSIS):
        return "\n".join(lines)
    first = ""
    for ch in name.strip():
        if text_width(first + ch, FONT_SIZE) > LABEL_WIDTH:
            break
        first += ch
    return first + "\n" + fit_line(name.strip()[len(first):], FONT_SIZE, LABEL_WIDTH)


def group_of(agency_type: str | None) -> str:
    return _GROUP_OF.get(agency_type or "", "other")


def node_size(volume: int) -> float:
    """A node's diameter by its caseload (calls, services, council cases), 18–44 px."""
    return round(min(44.0, 18 + 3.2 * math.log1p(max(0, volume))), 1)


def edge_width(shared: int, most: int) -> float:
    """Width in proportion to the households shared, the strongest link MAX_EDGE wide."""
    if most <= 0:
        return MIN_EDGE
    return round(MIN_EDGE + (MAX_EDGE - MIN_EDGE) * max(0, shared) / most, 1)


@dataclass(frozen=True)
class Block:
    group: str
    members: list[str]
    cols: int

    @property
    def rows(self) -> int:
        return math.ceil(len(self.members) / self.cols)

    @property
    def width(self) -> float:
        return self.cols * CELL_W

    @property
    def height(self) -> float:
        return self.rows * CELL_H


def _blocks(groups: dict[str, list[str]]) -> list[Block]:
    out = []
    for key, _, _ in GROUPS:
        members = groups.get(key) or []
        if members:
            # wider than tall, and never wider than the panel
            cols = max(1, min(len(members), round(math.sqrt(len(members) * 2.2)), int(TARGET_WIDTH // CELL_W)))
            out.append(Block(key, members, cols))
    return out


def place_blocks(blocks: Iterable[Block]) -> dict[str, tuple[float, float]]:
    """Top-left corner of each block: rows filled left to right up to TARGET_WIDTH."""
    corners: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for b in blocks:
        if x > 0 and x + b.width > TARGET_WIDTH:
            x, y, row_height = 0.0, y + row_height + BLOCK_GAP, 0.0
        corners[b.group] = (x, y)
        x += b.width + BLOCK_GAP
        row_height = max(row_height, b.height)
    return corners


def network_elements(pairs: list[dict[str, Any]], caseload: dict[str, dict[str, Any]],
                     group_label: Any = str) -> list[dict[str, Any]]:
    """agency_coinvolvement rows → cytoscape elements with preset positions: a compound node per
    group (`group_label(key)` its title), the agencies in their group's block (class `g-<group>`,
    data `colour`), and the links between them (data `shared`, `width`)."""
    nodes: dict[str, dict[str, Any]] = {}
    for p in pairs:
        for side in ("a", "b"):
            aid = p[f"agency_{side}"]
            if aid in nodes:
                continue
            load = caseload.get(aid, {})
            volume = sum(int(load.get(k) or 0) for k in ("calls", "services", "cases_attended"))
            typ = p.get(f"agency_{side}_type") or ""
            name = p.get(f"agency_{side}_name") or aid
            nodes[aid] = {"id": aid, "name": name, "type": typ, "group": group_of(typ), "volume": volume}
    groups: dict[str, list[str]] = {}
    for aid in sorted(nodes, key=lambda a: (-nodes[a]["volume"], nodes[a]["name"], a)):
        groups.setdefault(nodes[aid]["group"], []).append(aid)
    blocks = _blocks(groups)
    corners = place_blocks(blocks)
    out: list[dict[str, Any]] = []
    for b in blocks:
        gx, gy = corners[b.group]
        out.append({"data": {"id": f"group:{b.group}", "label": group_label(b.group), "colour": COLOUR[b.group],
                             "group": b.group}, "classes": f"agency-group g-{b.group}", "selectable": False})
        for i, aid in enumerate(b.members):
            n = nodes[aid]
            row, col = divmod(i, b.cols)
            size = node_size(n["volume"])
            label = label_lines(n["name"])
            out.append({"data": {"id": aid, "label": label, "name": n["name"], "type": n["type"], "group": b.group,
                                 "parent": f"group:{b.group}", "colour": COLOUR[b.group], "size": size,
                                 "volume": n["volume"]},
                        "position": {"x": round(gx + (col + 0.5) * CELL_W, 1),
                                     "y": round(gy + row * CELL_H + 8 + size / 2, 1)},
                        "classes": f"agency g-{b.group}"})
    most = max((int(p.get("shared_households") or 0) for p in pairs), default=0)
    for p in pairs:
        shared = int(p.get("shared_households") or 0)
        out.append({"data": {"id": f"{p['agency_a']}|{p['agency_b']}", "source": p["agency_a"],
                             "target": p["agency_b"], "shared": shared, "width": edge_width(shared, most)}})
    return out


def label_box(label: str) -> tuple[float, float]:
    """(width, height) of a node's label at zoom 1 (tests check that labels stay readable)."""
    return box(label, FONT_SIZE)


def bounds(elements: list[dict[str, Any]]) -> tuple[float, float]:
    """(width, height) the agency nodes and their labels take at zoom 1."""
    xs, ys = [], []
    for e in elements:
        pos = e.get("position")
        if not pos:
            continue
        w, h = label_box(e["data"]["label"])
        half = max(w, e["data"]["size"]) / 2
        xs += [pos["x"] - half, pos["x"] + half]
        ys += [pos["y"] - e["data"]["size"] / 2, pos["y"] + e["data"]["size"] / 2 + 4 + h]
    return (max(xs) - min(xs), max(ys) - min(ys)) if xs else (0.0, 0.0)


STYLE: list[dict[str, Any]] = [
    {"selector": "node.agency", "style": {
        "label": "data(label)", "font-size": FONT_SIZE, "text-wrap": "wrap", "text-max-width": LABEL_WIDTH + 4,
        "text-valign": "bottom", "text-halign": "center", "text-margin-y": 4, "line-height": 1.15,
        "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
        "border-width": 1, "border-color": "#ffffff",
        "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 1,
        "min-zoomed-font-size": 7, "z-index": 10}},
    {"selector": "node.agency-group", "style": {
        "label": "data(label)", "font-size": 13, "font-weight": "bold", "color": "#333",
        "text-valign": "top", "text-halign": "center", "text-margin-y": -4,
        "background-color": "data(colour)", "background-opacity": 0.08,
        "border-width": 1, "border-color": "data(colour)", "border-opacity": 0.6,
        "shape": "round-rectangle", "padding": 10, "events": "no"}},
    {"selector": "edge", "style": {"width": "data(width)", "line-color": "#7b8794", "opacity": 0.35,
                                   "curve-style": "haystack", "z-index": 1}},
    {"selector": "edge:selected, edge.hover", "style": {"opacity": 0.9, "line-color": "#333"}},
    {"selector": "node.agency:selected", "style": {"border-width": 4, "border-color": "#ffd92f"}},
]
