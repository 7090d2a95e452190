"""A drawn map as data (pure): the case map's cytoscape elements, at the positions the server gave
them, turned into shapes, colours and captions already wrapped to lines, for the renderers that
draw it off screen (pages/components/pdfmap.py for the meeting pack and the PNG, `svg` here).
Colours and shapes are the stylesheet's (pages/components/styles.py), so paper and screen agree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import Any

from pages.components.i18n import t
from pages.components.styles import ROLE_COLOURS, TYPE_STYLE

# Sizes in screen pixels, as the stylesheet draws the case map.
NODE_SIZE = {"Household": 40.0, "Person": 34.0}
DEFAULT_SIZE = 26.0
CAPTION_PX = 11.0          # caption font size
CAPTION_WIDTH = 120.0      # a caption line is cut to this width (the stylesheet wraps at 110–140)
CAPTION_LINES = 2
LINE_HEIGHT = 1.2
OVERDUE = "#d62728"
EDGE = "#b8b8b8"
ELLIPSIS = "…"
FONT_FAMILY = "Noto Sans CJK KR, Noto Sans KR, Malgun Gothic, sans-serif"


@dataclass(frozen=True)
class Node:
    id: str
    kind: str                 # the node type (Person, CouncilCase …)
    x: float
    y: float
    size: float
    shape: str                # cytoscape's shape name
    fill: str
    border: str | None        # role or overdue colour; None: a thin white outline
    double: bool              # overdue: a double border
    faded: bool               # a measure that is done
    lines: tuple[str, ...]    # the caption, wrapped


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str


@dataclass(frozen=True)
class LegendItem:
    label: str
    fill: str
    shape: str
    border: str | None = None
    double: bool = False


@dataclass(frozen=True)
class Scene:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) around every node and its caption, in pixels."""
        if not self.nodes:
            return (0.0, 0.0, 1.0, 1.0)
        left = min(n.x - max(n.size / 2, CAPTION_WIDTH / 2) for n in self.nodes)
        right = max(n.x + max(n.size / 2, CAPTION_WIDTH / 2) for n in self.nodes)
        top = min(n.y - n.size / 2 for n in self.nodes)
        bottom = max(caption_top(n) + len(n.lines) * CAPTION_PX * LINE_HEIGHT for n in self.nodes)
        return (left - 6, top - 6, right + 6, bottom + 6)


def caption_room(scene: Scene) -> float:
    """How many times larger the captions may be drawn (about their top) before one reaches the
    node below it or the caption beside it: paper shrinks a map more than its text."""
    room = 2.0
    for n in scene.nodes:
        if not n.lines:
            continue
        height = len(n.lines) * CAPTION_PX * LINE_HEIGHT
        width = max(text_px(line) for line in n.lines)
        for m in scene.nodes:
            if m is n:
                continue
            if m.y > n.y and abs(m.x - n.x) < max(width / 2, m.size / 2) + m.size / 2:
                room = min(room, max(m.y - m.size / 2 - caption_top(n), 0.0) / height)
            elif abs(m.y - n.y) < 1 and m.lines:   # side by side: captions grow towards each other
                other = max(text_px(line) for line in m.lines)
                room = min(room, abs(m.x - n.x) / ((width + other) / 2 + 4))
    return room


def caption_top(node: Node) -> float:
    """Where a node's caption starts: below the node, as cytoscape's `text-valign: bottom` puts it."""
    return node.y + node.size / 2 + 3


def char_em(ch: str) -> float:
    """An upper bound of one character's advance in em (Noto Sans CJK: Hangul ≈ 0.92 em)."""
    if ch == " ":
        return 0.25
    if ch in ".,:;|!'*()[]":
        return 0.35
    if ch.isascii():
        return 0.62
    return 1.0


def text_px(text: str, size: float = CAPTION_PX) -> float:
    return sum(char_em(c) for c in text) * size


def wrap(text: str, width: float = CAPTION_WIDTH, lines: int = CAPTION_LINES, size: float = CAPTION_PX) -> tuple[str, ...]:
    """`text` broken at spaces (or anywhere in a long word) into at most `lines` lines no wider than
    `width`; what does not fit ends in an ellipsis."""
    words = " ".join(str(text or "").split()).split(" ")
    out: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}" if current else word
        if text_px(trial, size) <= width:
            current = trial
            continue
        if current:
            out.append(current)
        current = word
        while text_px(current, size) > width:   # a word wider than a line is cut where it fills one
            cut = len(current)
            while cut > 1 and text_px(current[:cut], size) > width:
                cut -= 1
            out.append(current[:cut])
            current = current[cut:]
    if current:
        out.append(current)
    if len(out) > lines:
        last = out[lines - 1]
        while last and text_px(last + ELLIPSIS, size) > width:
            last = last[:-1]
        out = out[:lines - 1] + [last.rstrip() + ELLIPSIS]
    return tuple(out)


def _classes(element: dict[str, Any]) -> set[str]:
    return set(str(element.get("classes") or "").split())


def _role_colour(classes: set[str]) -> str | None:
    for c in classes:
        if c.startswith("role-") and c[5:] in ROLE_COLOURS:
            return ROLE_COLOURS[c[5:]]
    return None


def scene_of(elements: Iterable[dict[str, Any]]) -> Scene:
    """The shapes of cytoscape `elements` that carry a `position` (edges between them)."""
    nodes: dict[str, Node] = {}
    edges_in: list[dict[str, Any]] = []
    for el in elements:
        data = el.get("data") or {}
        if "source" in data:
            edges_in.append(el)
            continue
        pos = el.get("position")
        if not pos:
            continue
        kind = str(data.get("type") or "")
        style = TYPE_STYLE.get(kind, {"color": "#999999", "shape": "ellipse"})
        classes = _classes(el)
        overdue = "overdue" in classes
        nodes[data["id"]] = Node(
            id=data["id"], kind=kind, x=float(pos["x"]), y=float(pos["y"]), size=NODE_SIZE.get(kind, DEFAULT_SIZE),
            shape=style["shape"], fill=style["color"], border=OVERDUE if overdue else _role_colour(classes),
            double=overdue, faded="done" in classes, lines=wrap(str(data.get("label") or "")))
    edges = []
    for el in edges_in:
        data = el["data"]
        a, b = nodes.get(data["source"]), nodes.get(data["target"])
        if a is None or b is None:
            continue
        edges.append(Edge(a.x, a.y, b.x, b.y, _role_colour(_classes(el)) or EDGE))
    return Scene(tuple(nodes.values()), tuple(edges))


def legend(scene: Scene, lang: str) -> list[LegendItem]:
    """What the picture uses, in the order a reader needs it: node types, then the roles' rings,
    then the overdue border."""
    items = []
    kinds = {n.kind for n in scene.nodes}
    for kind, style in TYPE_STYLE.items():
        if kind in kinds:
            items.append(LegendItem(t(f"type.{kind}", lang), style["color"], style["shape"]))
    borders = {n.border for n in scene.nodes if not n.double}
    for role, colour in ROLE_COLOURS.items():
        if colour in borders:
            items.append(LegendItem(t(f"role.{role}", lang), "#ffffff", "ellipse", colour))
    if any(n.double for n in scene.nodes):
        items.append(LegendItem(t("case.overdue", lang), TYPE_STYLE["CouncilMeasure"]["color"], "hexagon",
                                OVERDUE, True))
    if any(n.faded for n in scene.nodes):
        items.append(LegendItem(t("pack.legend_done", lang), "#eadcea", "hexagon"))
    return items


def polygon(shape: str, cx: float, cy: float, size: float) -> list[tuple[float, float]] | None:
    """The corners of a polygonal shape of width and height `size` around (cx, cy); None for the
    ellipse and rectangles (drawn by their own primitives)."""
    import math

    r = size / 2
    if shape == "star":
        pts = []
        for i in range(10):
            radius = r if i % 2 == 0 else r * 0.45
            a = -math.pi / 2 + i * math.pi / 5
            pts.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
        return pts
    sides = {"hexagon": 6, "pentagon": 5, "triangle": 3, "round-triangle": 3, "diamond": 4, "tag": 5}.get(shape)
    if sides is None:
        return None
    start = {"hexagon": 0.0, "diamond": -math.pi / 2}.get(shape, -math.pi / 2)
    return [(cx + r * math.cos(start + i * 2 * math.pi / sides), cy + r * math.sin(start + i * 2 * math.pi / sides))
            for i in range(sides)]


def _svg_shape(shape: str, cx: float, cy: float, size: float, attrs: str) -> str:
    pts = polygon(shape, cx, cy, size)
    if pts is not None:
        return f'<polygon points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in pts)}" {attrs}/>'
    if shape == "ellipse":
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{size / 2:.1f}" {attrs}/>'
    radius = size / 5 if shape.startswith("round") else 0
    return (f'<rect x="{cx - size / 2:.1f}" y="{cy - size / 2:.1f}" width="{size:.1f}" height="{size:.1f}" '
            f'rx="{radius}" {attrs}/>')


def _svg_node(n: Node, dx: float, dy: float, grow: float = 1.0) -> list[str]:
    x, y = n.x + dx, n.y + dy
    stroke = (f'stroke="{n.border}" stroke-width="{4 if n.border else 1}"' if n.border
              else 'stroke="#ffffff" stroke-width="1"')
    out = [f'<g opacity="{0.6 if n.faded else 1}">', _svg_shape(n.shape, x, y, n.size, f'fill="{n.fill}" {stroke}')]
    if n.double:
        out.append(_svg_shape(n.shape, x, y, n.size - 9, f'fill="none" stroke="{n.border}" stroke-width="1.5"'))
    top = caption_top(n) + dy
    for i, line in enumerate(n.lines):
        out.append(f'<text x="{x:.1f}" y="{top + (i + 0.85) * CAPTION_PX * LINE_HEIGHT * grow:.1f}" '
                   f'text-anchor="middle" font-size="{CAPTION_PX * grow:.1f}">{escape(line)}</text>')
    out.append("</g>")
    return out


def svg(scene: Scene, *, title: str | None = None, subtitle: str = "", legend_items: list[LegendItem] | None = None,
        notice: str | None = None, grow: float = 1.0) -> str:
    """A standalone SVG on white: the title and date above the map, the legend and the masking
    notice below it (each left out when not given: the print view has them as page text).
    `grow`: captions that many times larger (at most what `caption_room` allows), for a map that
    paper shrinks."""
    grow = max(1.0, min(grow, caption_room(scene)))
    left, top, right, bottom = scene.bounds()
    bottom += (grow - 1) * CAPTION_LINES * CAPTION_PX * LINE_HEIGHT
    width = max(right - left, 640.0 if title else 0.0)
    head, pad = (64.0 if title else 8.0), 20.0
    legend_rows = _legend_rows(legend_items or [], width)
    height = head + (bottom - top) + (16 + len(legend_rows) * 22 if legend_rows else 8) + (34 if notice else 0)
    dx = pad + (width - (right - left)) / 2 - left
    dy = head - top
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + 2 * pad:.0f}" height="{height:.0f}" '
             f'viewBox="0 0 {width + 2 * pad:.0f} {height:.0f}" font-family="{FONT_FAMILY}">',
             '<rect x="0" y="0" width="100%" height="100%" fill="#ffffff"/>']
    if title:
        parts += [f'<text x="{pad}" y="28" font-size="20" font-weight="bold" fill="#1d2939">{escape(title)}</text>',
                  f'<text x="{pad}" y="50" font-size="13" fill="#475467">{escape(subtitle)}</text>']
    parts += [f'<line x1="{e.x1 + dx:.1f}" y1="{e.y1 + dy:.1f}" x2="{e.x2 + dx:.1f}" y2="{e.y2 + dy:.1f}" '
              f'stroke="{e.colour}" stroke-width="1.3"/>' for e in scene.edges]
    parts.append('<g fill="#1d2939">')
    for n in scene.nodes:
        parts += _svg_node(n, dx, dy, grow)
    parts.append("</g>")
    y = head + (bottom - top) + 16
    for row in legend_rows:
        x = pad
        for item, w in row:
            stroke = f'stroke="{item.border}" stroke-width="3"' if item.border else 'stroke="#98a2b3" stroke-width="0.5"'
            parts.append(_svg_shape(item.shape, x + 7, y + 7, 14, f'fill="{item.fill}" {stroke}'))
            parts.append(f'<text x="{x + 20:.1f}" y="{y + 12:.1f}" font-size="12" fill="#344054">'
                         f'{escape(item.label)}</text>')
            x += w
        y += 22
    if notice:
        parts.append(f'<text x="{pad}" y="{y + 16:.1f}" font-size="11" fill="#667085">{escape(notice)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _legend_rows(items: list[LegendItem], width: float) -> list[list[tuple[LegendItem, float]]]:
    rows: list[list[tuple[LegendItem, float]]] = [[]]
    used = 0.0
    for item in items:
        w = 20 + text_px(item.label, 12) + 16
        if rows[-1] and used + w > width:
            rows.append([])
            used = 0.0
        rows[-1].append((item, w))
        used += w
    return [r for r in rows if r]


def swatch_svg(item: LegendItem, size: float = 14) -> str:
    """A legend swatch as a small SVG (the HTML legend shows the same shapes as the map)."""
    stroke = f'stroke="{item.border}" stroke-width="2.5"' if item.border else 'stroke="#98a2b3" stroke-width="0.5"'
    inner = _svg_shape(item.shape, size / 2, size / 2, size - 3, f'fill="{item.fill}" {stroke}')
    if item.double:
        inner += _svg_shape(item.shape, size / 2, size / 2, size - 8, f'fill="none" stroke="{item.border}" stroke-width="1"')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size:.0f}" height="{size:.0f}" '
            f'viewBox="0 0 {size:.0f} {size:.0f}">{inner}</svg>')
