"""Council case map: one agenda item — victim, offender, household, attending agencies, measures by
field with status and due dates, overdue items highlighted with the recorded reason; a print view
and PNG/SVG export of the map for the meeting pack."""

from __future__ import annotations

from datetime import date
from typing import Any

import dash_cytoscape as cyto
from dash import Input, Output, State, callback, clientside_callback, dcc, html, no_update, register_page

from auth import audit
from auth.guard import require
from pages.common import data_table, empty_state, guarded_callback, guarded_layout
from pages.components.casemap import case_elements, measure_rows
from pages.components.i18n import t
from pages.components.styles import stylesheet
from queries.gate import Gate, OutOfScope

# The extra bundle carries cytoscape-svg, which SVG export needs (PNG works without it).
cyto.load_extra_layouts()

register_page(__name__, path="/case", path_template="/case/<case_id>", name="nav.case", order=2,
              permission="page:case")


def layout(case_id: str | None = None, print: str | None = None, **_: Any) -> Any:  # noqa: A002
    return guarded_layout("page:case", lambda lang, user: build_case_page(lang, case_id, bool(print)))


def build_case_page(lang: str, case_id: str | None, print_view: bool = False, as_of: date | None = None) -> Any:
    if not case_id:
        return _case_list(lang)
    gate = Gate.current()
    try:
        case = gate.case(str(case_id))
    except OutOfScope:
        case = None  # the same answer as for a case that does not exist
    if case is None:
        return html.Div([html.H2(t("nav.case", lang)), empty_state(lang, "app.not_found")])
    as_of = as_of or date.today()
    show = gate.mask
    k = case["case"]
    rows = measure_rows(case, as_of)
    overdue = sum(1 for r in rows if r["overdue"])
    elements = case_elements(case, as_of, show, lambda role: t(f"role.{role}", lang) if role else "")
    head = html.Div([
        _field(t("case.meeting", lang), f"{k.get('meeting_date') or ''} ({k.get('meeting_no') or '-'})"),
        _field(t("case.type", lang), k.get("case_type")), _field(t("case.risk", lang), k.get("risk_level")),
        _field(t("case.status", lang), k.get("status")),
        _field(t("case.submitted_by", lang), (case.get("submitted_by") or {}).get("name") or k.get("submitted_by")),
        _field(t("case.attending", lang), ", ".join(a.get("name") or a["agency_id"] for a in case.get("attending") or [])),
        _field(t("case.as_of", lang), as_of.isoformat()),
        html.Div(html.Span(t("case.overdue_count", lang, n=overdue), className="overdue-badge", id="case-overdue"))
        if overdue else html.Div(),
    ], className="case-head")
    people = html.Ul([html.Li([f"{t('role.' + p['role'], lang) if p.get('role') else ''}: "
                               f"{show('name', p.get('name'))} ",
                               dcc.Link(p["household_id"], href=f"/household/{p['household_id']}")
                               if p.get("household_id") else ""]) for p in case.get("people") or []])
    headers = {"measure_id": "ID", "field": t("case.field", lang), "agency": t("case.agency", lang),
               "description": t("case.description", lang), "status": t("case.status", lang),
               "due_date": t("case.due", lang), "done_date": t("case.done", lang), "reason": t("case.reason", lang),
               "overdue": t("case.overdue", lang)}
    table_rows = [{**r, "overdue": t("case.overdue", lang) if r["overdue"] else ""} for r in rows]
    table = data_table("case-measures", table_rows, columns=list(headers), headers=headers, page_size=50,
                       style_data_conditional=[{"if": {"filter_query": '{overdue} != ""'},
                                                "backgroundColor": "#fdecea", "color": "#8a1c1c"}])
    tools = html.Div([
        dcc.Link(t("case.print", lang), href=f"/case/{case_id}?print=1", id="case-print-link"),
        html.Button(t("case.print_now", lang), id="case-print", n_clicks=0, className="secondary"),
        html.Button(t("case.export_png", lang), id="case-export-png", n_clicks=0),
        html.Button(t("case.export_svg", lang), id="case-export-svg", n_clicks=0),
        html.Span(id="case-export-status", className="status"),
    ], className="toolbar no-print")
    return html.Div([
        html.H2(f"{t('nav.case', lang)} {k['case_id']}", id="case-title"),
        tools, head, people,
        cyto.Cytoscape(id="case-map", elements=elements, layout={"name": "preset", "fit": True},
                       stylesheet=stylesheet(), style={"width": "100%", "height": "560px", "background": "#fff"},
                       minZoom=0.2, maxZoom=2),
        html.H3(t("case.measures", lang)), table,
        dcc.Store(id="case-id", data=case_id),
    ], className="print-view" if print_view else "")


def _field(label: str, value: Any) -> html.Div:
    return html.Div([html.Div(label, className="k"), html.Div(str(value) if value not in (None, "") else "–")])


def _case_list(lang: str) -> html.Div:
    rows = [dict(r) for r in Gate.current().case_list()]
    if not rows:
        return html.Div([html.H2(t("case.list", lang)), empty_state(lang)])
    for r in rows:
        r["case_id"] = f"[{r['case_id']}](/case/{r['case_id']})"
    headers = {"case_id": "ID", "meeting_date": t("case.meeting", lang), "case_type": t("case.type", lang),
               "risk_level": t("case.risk", lang), "status": t("case.status", lang),
               "submitted_by": t("case.submitted_by", lang), "measures": t("case.measures", lang),
               "overdue": t("case.overdue", lang)}
    table = data_table("case-list", rows, columns=list(headers), headers=headers, page_size=25,
                       style_data_conditional=[{"if": {"filter_query": "{overdue} > 0", "column_id": "overdue"},
                                                "backgroundColor": "#fdecea", "color": "#8a1c1c"}])
    table.columns[0]["presentation"] = "markdown"
    return html.Div([html.H2(t("case.list", lang)), table])


@callback(Output("case-map", "generateImage"), Output("case-export-status", "children", allow_duplicate=True),
          Input("case-export-png", "n_clicks"), Input("case-export-svg", "n_clicks"), State("case-id", "data"),
          prevent_initial_call=True)
@guarded_callback("page:case", outputs=2, message_slot=1)
def export_map(lang: str, _user: object, png: int, svg: int, case_id: str) -> Any:
    from dash import ctx

    require("action:export")
    fmt = "svg" if ctx.triggered_id == "case-export-svg" else "png"
    audit.record("export", target_type="case_map", target=case_id, detail={"format": fmt})
    if fmt == "svg":
        # cytoscape can only download SVG (imageData holds PNG/JPG only), so report it here.
        return ({"type": "svg", "action": "download", "filename": f"case-{case_id}", "options": {"full": True}},
                t("case.exported", lang, kind="SVG"))
    return ({"type": "png", "action": "both", "filename": f"case-{case_id}", "options": {"full": True, "scale": 2}},
            no_update)


@callback(Output("case-export-status", "children"), Input("case-map", "imageData"), prevent_initial_call=True)
@guarded_callback("page:case")
def export_done(lang: str, _user: object, image: str | None) -> Any:
    if not image:
        return no_update
    kind = "SVG" if image.startswith("data:image/svg") else "PNG"
    return t("case.exported", lang, kind=kind)


clientside_callback("function(n) { if (n) { window.print(); } return window.dash_clientside.no_update; }",
                    Output("case-print", "title"), Input("case-print", "n_clicks"), prevent_initial_call=True)
