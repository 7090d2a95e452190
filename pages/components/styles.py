"""The cytoscape stylesheet as data: one colour and shape per node type, border by role, size and
ring by risk, edge colour by role."""

from __future__ import annotations

from typing import Any

from pages.components.labels import LINE_HEIGHT

TYPE_STYLE: dict[str, dict[str, str]] = {
    "Person": {"color": "#4e79a7", "shape": "ellipse"},
    "PersonRecord": {"color": "#9fb7d3", "shape": "ellipse"},
    "Household": {"color": "#59a14f", "shape": "round-rectangle"},
    "Address": {"color": "#8cd17d", "shape": "tag"},
    "Call": {"color": "#e15759", "shape": "diamond"},
    "PoliceMeasure": {"color": "#2f4b7c", "shape": "triangle"},
    "RiskAssessment": {"color": "#f28e2b", "shape": "pentagon"},
    "Service": {"color": "#76b7b2", "shape": "round-triangle"},
    "CouncilCase": {"color": "#b07aa1", "shape": "star"},
    "CouncilMeasure": {"color": "#d4a6c8", "shape": "hexagon"},
    "Agency": {"color": "#79706e", "shape": "rectangle"},
    "More": {"color": "#ffffff", "shape": "round-rectangle"},
}
ROLE_COLOURS = {"victim": "#d62728", "suspect": "#222222", "child": "#ff9f1c", "reporter": "#888888"}
RISK_RING = {3: "#ff7f0e", 4: "#d62728"}
FONT = '"Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", sans-serif'

# Node size (px) and caption font (px, bold) per type: the explorer's layout reserves each node's
# box and caption from these (pages/components/layout.py), so they live here, next to the rules
# that draw them. Captions of what matters most are larger: when the graph is zoomed out, labels
# below MIN_ZOOMED_FONT on screen are not drawn, and events go before people and the household.
NODE_SIZE: dict[str, tuple[float, float]] = {"Household": (40, 40), "Person": (34, 34), "More": (30, 20)}
DEFAULT_NODE_SIZE = (26.0, 26.0)
CAPTION_FONT: dict[str, tuple[float, bool]] = {"Household": (13, True), "Person": (12, False),
                                               "PersonRecord": (12, False), "More": (11, False)}
DEFAULT_CAPTION_FONT = (11.0, False)
CAPTION_WIDTH: dict[str, float] = {"Household": 150.0}   # widest caption line; others labels.LINE_WIDTH
CAPTION_MARGIN = 3.0     # between a node and its caption below it
MIN_ZOOMED_FONT = 8      # on-screen pixels under which cytoscape leaves a caption out
CAPTION_MAX_WIDTH = 140  # cytoscape wraps here; captions are cut shorter on the server (labels.py)


def stylesheet() -> list[dict[str, Any]]:
    sheet: list[dict[str, Any]] = [
        {"selector": "node", "style": {
            "label": "data(label)", "font-family": FONT, "font-size": DEFAULT_CAPTION_FONT[0],
            "text-valign": "bottom", "text-margin-y": CAPTION_MARGIN, "width": DEFAULT_NODE_SIZE[0],
            "height": DEFAULT_NODE_SIZE[1], "text-wrap": "ellipsis", "text-max-width": 110,
            "border-width": 1, "border-color": "#ffffff",
            # labels disappear when zoomed out far enough to be unreadable (large graphs stay legible)
            "min-zoomed-font-size": MIN_ZOOMED_FONT}},
        # The explorer's nodes carry their caption as drawn (`display`: two lines at most, cut to
        # the width the layout reserved for it); other graphs (the case map) use `label`.
        {"selector": "node[display]", "style": {
            "label": "data(display)", "text-wrap": "wrap", "text-max-width": CAPTION_MAX_WIDTH,
            "line-height": LINE_HEIGHT, "text-halign": "center", "text-justification": "center",
            # a caption stays legible over the edges behind it (no padding: its box is unchanged)
            "text-background-color": "#ffffff", "text-background-opacity": 0.75,
            "text-background-padding": 0, "text-background-shape": "roundrectangle"}},
        {"selector": "edge", "style": {
            "width": 1.3, "line-color": "#b8b8b8", "curve-style": "haystack", "opacity": 0.8,
            "label": "data(label)", "font-size": 9, "font-family": FONT, "color": "#666",
            "min-zoomed-font-size": 9}},
        # The explorer's edges (they carry `rel`) show their caption (a role: 피해자, 가해자 …) only
        # when selected: the role is already the edge's colour and the person's ring, and captions
        # on every edge ran into the node labels.
        {"selector": "edge[rel]", "style": {"label": "", "opacity": 0.55, "font-size": 10, "color": "#344054",
                                            "text-background-color": "#ffffff", "text-background-opacity": 0.9,
                                            "min-zoomed-font-size": MIN_ZOOMED_FONT}},
        {"selector": "edge[rel]:selected", "style": {"label": "data(label)", "width": 2.5}},
        {"selector": ":selected", "style": {"border-width": 4, "border-color": "#ffd92f"}},
    ]
    for label, style in TYPE_STYLE.items():
        sheet.append({"selector": f".{label}", "style": {"background-color": style["color"], "shape": style["shape"]}})
    for label, (w, h) in NODE_SIZE.items():
        sheet.append({"selector": f".{label}", "style": {"width": w, "height": h}})
    for label, (size, bold) in CAPTION_FONT.items():
        sheet.append({"selector": f".{label}", "style": {"font-size": size,
                                                         **({"font-weight": "bold"} if bold else {})}})
    sheet += [
        # A summary of a large fan ("112 신고 944건"): tap it to add that slice.
        {"selector": ".More", "style": {"border-width": 1.5, "border-color": "#667085", "border-style": "dashed",
                                        "color": "#344054"}},
        {"selector": ".MORE", "style": {"line-style": "dashed", "line-color": "#98a2b3"}},
    ]
    for role, colour in ROLE_COLOURS.items():
        sheet.append({"selector": f"node.role-{role}", "style": {"border-width": 4, "border-color": colour}})
        sheet.append({"selector": f"edge.role-{role}", "style": {"line-color": colour}})
    for level, colour in RISK_RING.items():
        sheet.append({"selector": f"node.risk{level}", "style": {
            "underlay-color": colour, "underlay-padding": 6, "underlay-opacity": 0.35,
            "underlay-shape": "ellipse"}})
    sheet += [
        {"selector": ".overdue", "style": {"border-width": 4, "border-color": "#d62728", "border-style": "double"}},
        {"selector": ".done", "style": {"opacity": 0.6}},
    ]
    return sheet


def legend_items() -> list[tuple[str, str, str]]:
    """(type, colour, shape) for the legend."""
    return [(k, v["color"], v["shape"]) for k, v in TYPE_STYLE.items() if k != "More"]
