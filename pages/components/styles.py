"""The cytoscape stylesheet as data: one colour and shape per node type, border by role, size and
ring by risk, edge colour by role."""

from __future__ import annotations

from typing import Any

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


def stylesheet() -> list[dict[str, Any]]:
    sheet: list[dict[str, Any]] = [
        {"selector": "node", "style": {
            "label": "data(label)", "font-family": FONT, "font-size": 11, "text-valign": "bottom",
            "text-margin-y": 3, "width": 26, "height": 26, "text-wrap": "ellipsis", "text-max-width": 110,
            "border-width": 1, "border-color": "#ffffff",
            # labels disappear when zoomed out far enough to be unreadable (large graphs stay legible)
            "min-zoomed-font-size": 7}},
        {"selector": "edge", "style": {
            "width": 1.3, "line-color": "#b8b8b8", "curve-style": "haystack", "opacity": 0.8,
            "label": "data(label)", "font-size": 9, "font-family": FONT, "color": "#666",
            "min-zoomed-font-size": 9}},
        {"selector": ":selected", "style": {"border-width": 4, "border-color": "#ffd92f"}},
    ]
    for label, style in TYPE_STYLE.items():
        sheet.append({"selector": f".{label}", "style": {"background-color": style["color"], "shape": style["shape"]}})
    sheet += [
        {"selector": ".Household", "style": {"width": 40, "height": 40, "font-weight": "bold"}},
        {"selector": ".Person", "style": {"width": 34, "height": 34}},
        {"selector": ".More", "style": {"border-width": 1, "border-color": "#888", "border-style": "dashed",
                                        "width": 60, "height": 22, "text-valign": "center", "text-margin-y": 0,
                                        "color": "#444"}},
        {"selector": ".MORE", "style": {"line-style": "dashed"}},
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
