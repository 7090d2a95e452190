"""Agencies: each agency's caseload and referrals, the co-involvement network (agencies that work
on the same households), and the households a chosen agency touches."""

from __future__ import annotations

import math
from typing import Any

import dash_cytoscape as cyto
from dash import Input, Output, State, callback, ctx, dcc, html, no_update, register_page

from pages.common import data_table, empty_state, guarded_callback, guarded_layout
from pages.components.i18n import t
from pages.components.layout import compute_positions
from pages.components.styles import FONT
from queries import figures
from queries.gate import Gate

register_page(__name__, path="/agencies", name="nav.agencies", order=4, permission="page:agencies")

NETWORK_STYLE = [
    {"selector": "node", "style": {"label": "data(label)", "font-family": FONT, "font-size": 10,
                                   "background-color": "#79706e", "width": "data(size)", "height": "data(size)",
                                   "text-valign": "bottom", "text-wrap": "ellipsis", "text-max-width": 120}},
    {"selector": "node.police", "style": {"background-color": "#2f4b7c"}},
    {"selector": "node.support", "style": {"background-color": "#76b7b2"}},
    {"selector": "edge", "style": {"width": "data(width)", "line-color": "#9aa5b1", "opacity": 0.45,
                                   "curve-style": "haystack"}},
    {"selector": ":selected", "style": {"border-width": 4, "border-color": "#ffd92f"}},
]
POLICE_TYPES = {"경찰서", "지구대·파출소"}
MAX_LINKS = 120


def layout(**_: Any) -> Any:
    return guarded_layout("page:agencies", _build)


def network_elements(pairs: list[dict[str, Any]], caseload: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Agency pairs (agency_coinvolvement rows) → nodes sized by caseload, edges by shared households."""
    nodes: dict[str, dict[str, Any]] = {}
    edges = []
    for p in pairs:
        for side in ("a", "b"):
            aid = p[f"agency_{side}"]
            if aid not in nodes:
                load = caseload.get(aid, {})
                volume = sum(int(load.get(k) or 0) for k in ("calls", "services", "cases_attended"))
                typ = p.get(f"agency_{side}_type") or ""
                nodes[aid] = {"data": {"id": aid, "label": p.get(f"agency_{side}_name") or aid, "type": typ,
                                       "size": round(14 + 6 * math.log1p(volume), 1)},
                              "classes": "police" if typ in POLICE_TYPES else "support"}
        shared = int(p.get("shared_households") or 0)
        edges.append({"data": {"id": f"{p['agency_a']}|{p['agency_b']}", "source": p["agency_a"],
                               "target": p["agency_b"], "shared": shared,
                               "width": round(1 + 2 * math.log1p(shared), 1)}})
    positions = compute_positions(list(nodes), [(e["data"]["source"], e["data"]["target"]) for e in edges], seed=3)
    out = []
    for aid, node in nodes.items():
        x, y = positions[aid]
        out.append({**node, "position": {"x": round(x * 1.6, 1), "y": round(y * 1.6, 1)}})
    return out + edges


def _build(lang: str, _user: object) -> html.Div:
    caseload = figures.aggregate("app", "agency_caseload", row_cap=5000).rows
    if not caseload:
        return html.Div([html.H2(t("nav.agencies", lang)), empty_state(lang)])
    by_id = {r["agency_id"]: r for r in caseload}
    pairs: list[dict[str, Any]] = []
    if figures.has_catalogue("agency_coinvolvement"):
        # Pairs sharing at least two households; a small graph may have none, then any shared one.
        for least in (2, 1):
            pairs = figures.aggregate("catalogue", "agency_coinvolvement", {"min_households": least, "limit": MAX_LINKS},
                                 row_cap=MAX_LINKS).rows
            if pairs:
                break
    # The strongest links only: at the jeju scale nearly every pair shares a few households, and
    # drawing them all gives a hairball (the query orders by shared households).
    elements = network_elements(pairs[:MAX_LINKS], by_id)
    table = data_table("agencies-table", caseload, page_size=15, row_selectable=False)
    return html.Div([
        html.H2(t("nav.agencies", lang)),
        html.Div([
            html.Div([html.H3(t("ag.network", lang)),
                      html.Div(t("ag.strongest", lang, n=min(MAX_LINKS, len(pairs)), total=len(pairs)),
                               className="hint"),
                      cyto.Cytoscape(id="agencies-network", elements=elements, layout={"name": "preset", "fit": True},
                                     stylesheet=NETWORK_STYLE, style={"width": "100%", "height": "520px"},
                                     minZoom=0.1, maxZoom=3)], className="panel"),
            html.Div([html.H3(t("ag.households", lang)),
                      dcc.Loading(html.Div(t("ag.pick", lang), id="agencies-households"))], className="panel"),
        ], className="grid2"),
        html.H3(t("ag.caseload", lang)), table,
        dcc.Store(id="agencies-selected"),
    ])


def households_of(lang: str, agency_id: str) -> Any:
    rows, more = Gate.current().agency_households(agency_id)
    if not rows:
        return empty_state(lang)
    for r in rows:
        r["household_id"] = f"[{r['household_id']}](/household/{r['household_id']})"
    table = data_table("agencies-households-table", rows, page_size=12)
    table.columns[0]["presentation"] = "markdown"
    name = agency_id
    hint = [html.Div(t("ag.households_more", lang, shown=len(rows)), className="hint",
                     id="agencies-households-more")] if more else []
    return html.Div([html.H4(name, id="agencies-selected-name"), *hint, table])


@callback(Output("agencies-households", "children"), Input("agencies-network", "tapNodeData"),
          Input("agencies-table", "active_cell"), State("agencies-table", "derived_viewport_data"),
          prevent_initial_call=True)
@guarded_callback("page:agencies")
def on_pick(lang: str, _user: object, tapped: dict | None, cell: dict | None, rows: list[dict] | None) -> Any:
    if ctx.triggered_id == "agencies-network" and tapped:
        return households_of(lang, tapped["id"])
    if cell and rows and cell.get("row") is not None and cell["row"] < len(rows):
        return households_of(lang, rows[cell["row"]]["agency_id"])
    return no_update


def warm() -> None:
    """Whole-graph reads of this page, computed ahead at app start."""
    figures.aggregate("app", "agency_caseload", row_cap=5000)
    figures.aggregate("catalogue", "agency_coinvolvement", {"min_households": 2, "limit": MAX_LINKS}, row_cap=MAX_LINKS)
