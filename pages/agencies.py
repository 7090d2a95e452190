"""Agencies: each agency's caseload and referrals, the co-involvement network (agencies that work
on the same households, grouped by type), and the households a chosen agency touches, named by
their members (Gate.household_names)."""

from __future__ import annotations

from typing import Any

import dash_cytoscape as cyto
from dash import Input, Output, State, callback, ctx, dcc, html, no_update, register_page

from pages.common import data_table, empty_state, guarded_callback, guarded_layout
from pages.components import agencynet
from pages.components.codes import code_label
from pages.components.i18n import t
from queries import figures
from queries.gate import Gate

register_page(__name__, path="/agencies", name="nav.agencies", order=4, permission="page:agencies")

MAX_LINKS = 120
NETWORK_HEIGHT = (420, 980)   # the canvas grows with the layout (within these) so it opens near zoom 1


def layout(**_: Any) -> Any:
    return guarded_layout("page:agencies", _build)


def network_elements(pairs: list[dict[str, Any]], caseload: dict[str, dict[str, Any]],
                     lang: str = "ko") -> list[dict[str, Any]]:
    """Agency pairs (agency_coinvolvement rows) → the grouped network (pages/components/agencynet.py)."""
    return agencynet.network_elements(pairs, caseload, lambda g: t(f"ag.group.{g}", lang))


def legend(elements: list[dict[str, Any]], lang: str) -> html.Div:
    """The groups drawn, in their colours, and what an edge's width means."""
    groups = [e["data"]["group"] for e in elements if "agency-group" in (e.get("classes") or "")]
    shared = [e["data"]["shared"] for e in elements if "source" in e["data"]]
    items = [html.Span([html.Span(className="swatch shape-ellipse", style={"backgroundColor": agencynet.COLOUR[g]}),
                        t(f"ag.group.{g}", lang)], className="legend-item", **{"data-group": g}) for g in groups]
    if shared:
        items.append(html.Span([html.Span(className="edge-sample thin"), html.Span(className="edge-sample thick"),
                                t("ag.edge_legend", lang, least=min(shared), most=max(shared))],
                               className="legend-item"))
    return html.Div([html.Strong(t("ag.legend", lang)), *items], className="legend agencies-legend",
                    id="agencies-legend")


def _build(lang: str, _user: object) -> html.Div:
    caseload = figures.aggregate("app", "agency_caseload", row_cap=5000).rows
    if not caseload:
        return html.Div([html.H2(t("nav.agencies", lang)), empty_state(lang)])
    by_id = {r["agency_id"]: r for r in caseload}
    pairs: list[dict[str, Any]] = []
    if figures.has_catalogue("agency_coinvolvement"):
        # Pairs sharing at least two households; a small graph may have none, then any shared one.
        for least in (2, 1):
            pairs = figures.aggregate("catalogue", "agency_coinvolvement",
                                      {"min_households": least, "limit": MAX_LINKS + 1}, row_cap=MAX_LINKS + 1).rows
            if pairs:
                break
    # The strongest links only: at the jeju scale nearly every pair shares a few households, and
    # drawing them all gives a hairball (the query orders by shared households).
    elements = network_elements(pairs[:MAX_LINKS], by_id, lang)
    _, tall = agencynet.bounds(elements)
    height = int(min(NETWORK_HEIGHT[1], max(NETWORK_HEIGHT[0], tall + 100)))
    table = data_table("agencies-table", caseload, columns=[c for c in caseload[0] if c != "agency_id"],
                       page_size=15, row_selectable=False)
    # the agency's code stays in each row (the click handler reads it) without being a column
    table.data = [{**row, "agency_id": r["agency_id"]} for row, r in zip(table.data, caseload, strict=True)]
    return html.Div([
        html.H2(t("nav.agencies", lang)),
        html.Div([html.H3(t("ag.network", lang)),
                  html.Div(t("ag.strongest_more" if len(pairs) > MAX_LINKS else "ag.strongest", lang,
                             n=min(MAX_LINKS, len(pairs))), className="hint"),
                  legend(elements, lang),
                  cyto.Cytoscape(id="agencies-network", elements=elements,
                                 layout={"name": "preset", "fit": True, "padding": 24},
                                 stylesheet=agencynet.STYLE, style={"width": "100%", "height": f"{height}px"},
                                 minZoom=0.2, maxZoom=3, boxSelectionEnabled=False, autoungrabify=True),
                  html.Div(t("ag.tap_hint", lang), className="hint")], className="panel agencies-network-panel"),
        html.Div([
            html.Div([html.H3(t("ag.households", lang)),
                      dcc.Loading(html.Div(t("ag.pick", lang), id="agencies-households"))], className="panel"),
            html.Div([html.H3(t("ag.caseload", lang)), table], className="panel"),
        ], className="grid2"),
        dcc.Store(id="agencies-selected"),
    ])


def _markdown_text(text: str) -> str:
    """Text shown as a markdown link's words: masked names hold `*`, which markdown reads as emphasis."""
    return "".join("\\" + ch if ch in "\\`*_[]()#+-.!<>|" else ch for ch in text)


def households_of(lang: str, agency_id: str) -> Any:
    gate = Gate.current()
    rows, more = gate.agency_households(agency_id)
    agency = {r["agency_id"]: r for r in figures.aggregate("app", "agency_caseload", row_cap=5000).rows}.get(agency_id)
    name = (agency or {}).get("agency_name") or gate.agency_names([agency_id]).get(agency_id) or agency_id
    kind = (agency or {}).get("agency_type")
    heading = html.Div([html.H4(name, id="agencies-selected-name"),
                        html.Span(code_label("agency_type", kind, lang) if kind else "", className="hint",
                                  id="agencies-selected-type")],
                       className="agencies-selected")
    if not rows:
        return html.Div([heading, empty_state(lang)])
    names = gate.household_names([r["household_id"] for r in rows], lang)
    shown = [{"household": f"[{_markdown_text(names.get(r['household_id']) or r['household_id'])}]"
                           f"(/household/{r['household_id']})",
              **{k: r.get(k) for k in ("contacts", "first_contact", "last_contact")}} for r in rows]
    table = data_table("agencies-households-table", shown, page_size=12,
                       headers={"household": t("ag.household", lang)})
    table.columns[0]["presentation"] = "markdown"
    hint = [html.Div(t("ag.households_more", lang, shown=len(rows)), className="hint",
                     id="agencies-households-more")] if more else []
    return html.Div([heading, *hint, table])


@callback(Output("agencies-households", "children"), Input("agencies-network", "tapNodeData"),
          Input("agencies-table", "active_cell"), State("agencies-table", "derived_viewport_data"),
          prevent_initial_call=True)
@guarded_callback("page:agencies")
def on_pick(lang: str, _user: object, tapped: dict | None, cell: dict | None, rows: list[dict] | None) -> Any:
    if ctx.triggered_id == "agencies-network" and tapped:
        if str(tapped.get("id", "")).startswith("group:"):
            return no_update
        return households_of(lang, tapped["id"])
    if cell and rows and cell.get("row") is not None and cell["row"] < len(rows):
        return households_of(lang, rows[cell["row"]]["agency_id"])
    return no_update


def warm() -> None:
    """Whole-graph reads of this page, computed ahead at app start."""
    figures.aggregate("app", "agency_caseload", row_cap=5000)
    figures.aggregate("catalogue", "agency_coinvolvement", {"min_households": 2, "limit": MAX_LINKS + 1},
                      row_cap=MAX_LINKS + 1)
