"""Council case map: one agenda item — victim, offender, household, attending agencies, measures by
field with status and due dates, overdue items highlighted with the recorded reason. For the
meeting: a print view (`?print=1`, and the browser's print of the page: A4, no navigation, the map
as a vector image fitted to the page, every measure), PNG / SVG exports of the map with title, date
and legend on white, and the whole meeting's pack as one PDF (pages/components/pack.py)."""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

import dash_cytoscape as cyto
from dash import Input, Output, State, callback, clientside_callback, dcc, html, no_update, register_page

from auth import audit
from auth.guard import require
from auth.purpose import PURPOSES, PurposeError, current_purpose, set_purpose
from auth.roles import can
from pages.common import data_table, empty_state, guarded_callback, guarded_layout
from pages.components.casesheet import MEASURE_COLUMNS, Sheet, measure_headers, notice, sheet_of
from pages.components.codes import code_options
from pages.components.i18n import t
from pages.components.mapscene import svg, swatch_svg
from pages.components.pack import PackInfo, pack_pdf
from pages.components.pdfmap import map_png
from pages.components.risk import case_risk
from pages.components.styles import stylesheet
from queries.gate import Gate, OutOfScope
from queries.meeting_pack import agenda

# The print view's map is about 0.6 of its screen size on A4: captions drawn this much larger.
PRINT_CAPTIONS = 1.6

register_page(__name__, path="/case", path_template="/case/<case_id>", name="nav.case", order=2,
              permission="page:case")


def layout(case_id: str | None = None, print: str | None = None, **_: Any) -> Any:  # noqa: A002
    return guarded_layout("page:case", lambda lang, user: build_case_page(lang, case_id, bool(print)))


def _read(gate: Gate, case_id: str, lang: str, as_of: date) -> tuple[dict[str, Any], Sheet] | None:
    """The case through the gate (None when absent or outside the scope) and its sheet."""
    try:
        case = gate.case(str(case_id))
    except OutOfScope:
        return None  # the same answer as for a case that does not exist
    if case is None:
        return None
    households = sorted({p["household_id"] for p in case.get("people") or [] if p.get("household_id")})
    names = gate.household_names(households, lang) if households else {}
    return case, sheet_of(case, as_of, lang, gate.mask, names)


def build_case_page(lang: str, case_id: str | None, print_view: bool = False, as_of: date | None = None) -> Any:
    if not case_id:
        return _case_list(lang)
    gate = Gate.current()
    as_of = as_of or date.today()
    got = _read(gate, case_id, lang, as_of)
    if got is None:
        return html.Div([html.H2(t("nav.case", lang)), empty_state(lang, "app.not_found")])
    case, sheet = got
    risk = case_risk(lang, gate, case.get("people") or [], gate.mask)
    note = html.Div(notice(gate.user.role, lang), className="masking-notice", id="case-notice")
    paper = [_head(sheet), note, _people(sheet, links=not print_view), risk,
             html.H3(t("pack.map", lang), className="print-only" if not print_view else ""),
             html.Img(src=_svg_uri(svg(sheet.scene, grow=PRINT_CAPTIONS)), className="print-map" + ("" if print_view else " print-only"),
                      id="case-print-map", alt=t("pack.map", lang)),
             _legend(sheet, lang)]
    if print_view:
        return html.Div([
            html.Div([dcc.Link(t("pack.back", lang), href=f"/case/{case_id}"),
                      html.Button(t("case.print_now", lang), id="case-print", n_clicks=0, className="secondary"),
                      html.Span(t("pack.print_notice", lang), className="hint")], className="no-print print-tools"),
            html.H1(f"{t('pack.case_title', lang)} {sheet.case_id}", id="case-title"),
            html.P(f"{t('pack.meeting', lang, date=sheet.meeting_date, no=sheet.meeting_no or '-')} · "
                   f"{t('pack.as_of', lang, date=as_of.isoformat())}", id="case-meeting", className="print-meeting"),
            *paper, *_measures_paper(sheet, lang, screen=True),
        ], className="print-view print-doc")
    overdue = len(sheet.overdue)
    tools = html.Div([
        dcc.Link(t("case.print", lang), href=f"/case/{case_id}?print=1", id="case-print-link"),
        html.Button(t("case.print_now", lang), id="case-print", n_clicks=0, className="secondary"),
        html.Button(t("case.export_png", lang), id="case-export-png", n_clicks=0),
        html.Button(t("case.export_svg", lang), id="case-export-svg", n_clicks=0),
        html.Span(id="case-export-status", className="status"),
        dcc.Download(id="case-download"),
    ], className="toolbar no-print")
    table_rows = [{c: m[c] for c in MEASURE_COLUMNS} for m in sheet.measures]
    table = data_table("case-measures", table_rows, columns=list(MEASURE_COLUMNS), headers=measure_headers(lang),
                       page_size=50, style_data_conditional=[{"if": {"filter_query": '{overdue} != ""'},
                                                              "backgroundColor": "#fdecea", "color": "#8a1c1c"}])
    return html.Div([
        html.H2(f"{t('nav.case', lang)} {sheet.case_id}", id="case-title"),
        html.P(f"{t('pack.meeting', lang, date=sheet.meeting_date, no=sheet.meeting_no or '-')} · "
               f"{t('pack.as_of', lang, date=as_of.isoformat())}", id="case-meeting", className="print-only"),
        tools, _pack_tools(lang, [(sheet.meeting_date, t("pack.meeting_short", lang, date=sheet.meeting_date))]),
        html.Div(html.Span(t("case.overdue_count", lang, n=overdue), className="overdue-badge", id="case-overdue"))
        if overdue else html.Div(),
        *paper,
        html.Div(cyto.Cytoscape(id="case-map", elements=sheet.elements, layout={"name": "preset", "fit": True},
                                stylesheet=stylesheet(), style={"width": "100%", "height": "560px", "background": "#fff"},
                                minZoom=0.2, maxZoom=2), className="screen-only case-map-box"),
        html.H3(t("case.measures", lang), className="screen-only"), html.Div(table, className="screen-only"),
        *_measures_paper(sheet, lang, screen=False),
        dcc.Store(id="case-id", data=case_id),
    ])


def _svg_uri(text: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")


def _head(sheet: Sheet) -> html.Div:
    return html.Div([html.Div([html.Div(label, className="k"), html.Div(value)]) for label, value in sheet.head],
                    className="case-head")


def _people(sheet: Sheet, links: bool) -> html.Ul:
    """The case's people; on screen each opens its household in the explorer."""
    items = []
    for line, household in zip(sheet.people, sheet.households, strict=True):
        if links and household:
            hid, caption = household
            who = line[:len(line) - len(caption)]
            items.append(html.Li([who, dcc.Link(caption, href=f"/household/{hid}", title=hid)]))
        else:
            items.append(html.Li(line))
    return html.Ul(items, className="case-people", id="case-people")


def _legend(sheet: Sheet, lang: str) -> html.Div:
    return html.Div([html.Strong(t("pack.legend", lang))] + [
        html.Span([html.Img(src=_svg_uri(swatch_svg(item)), alt=""), item.label], className="legend-item")
        for item in sheet.legend], className="legend case-legend", id="case-legend")


def _measures_paper(sheet: Sheet, lang: str, *, screen: bool) -> list[Any]:
    """The measures as a plain table (every row, cells wrapped) and the overdue items: the print
    view shows them on screen, the normal page only on paper."""
    where = "" if screen else " print-only"
    headers = measure_headers(lang)
    rows = [html.Tr([html.Td(m[c]) for c in MEASURE_COLUMNS], className="overdue" if m["is_overdue"] else "")
            for m in sheet.measures]
    table = html.Table([html.Thead(html.Tr([html.Th(headers[c]) for c in MEASURE_COLUMNS])), html.Tbody(rows)],
                       className="print-table", id="case-measures-print") if rows else \
        html.P(t("pack.no_measures", lang))
    overdue = html.Ul([html.Li(line) for line in sheet.overdue], className="overdue-items") if sheet.overdue \
        else html.P(t("pack.no_overdue", lang))
    return [html.Div([html.H3(t("case.measures", lang)), table, html.H3(t("pack.overdue_items", lang)), overdue],
                     className="print-measures" + where)]


def _pack_tools(lang: str, meetings: list[tuple[str, str]]) -> html.Div:
    """The meeting pack button, with the meeting to make it for and — when the signed-in session has not
    given one yet — the purpose of access it is made for (an export of personal data)."""
    from auth.guard import current_user

    user = current_user()
    if not meetings or user is None or not can(user.role, "action:export"):
        return html.Div()
    asked = current_purpose() is None
    return html.Div([
        dcc.Dropdown(id="pack-meeting", options=[{"label": label, "value": value} for value, label in meetings],
                     value=meetings[0][0], clearable=False, placeholder=t("pack.pick_meeting", lang),
                     className="pack-meeting"),
        html.Div([
            html.Label(t("pack.purpose_label", lang)),
            dcc.Dropdown(id="pack-reason", options=code_options("purpose", list(PURPOSES), lang), value=None,
                         className="pack-reason"),
            dcc.Input(id="pack-reason-text", type="text", maxLength=200, placeholder=t("pack.purpose_text", lang)),
        ], className="pack-purpose", style={} if asked else {"display": "none"}),
        html.Button(t("pack.button", lang), id="pack-build", n_clicks=0),
        dcc.Loading(html.Span(id="pack-status", className="status"), type="dot"),
        dcc.Download(id="pack-download"),
    ], className="pack-tools no-print")


def meeting_options(rows: list[dict[str, Any]], lang: str) -> list[tuple[str, str]]:
    """(meeting date, label) of the meetings in case-list rows, newest first."""
    seen: dict[str, dict[str, Any]] = {}
    for r in rows:
        day = str(r.get("meeting_date") or "")
        if day:
            seen.setdefault(day, {"no": r.get("meeting_no"), "n": 0})["n"] += 1
    return [(day, t("pack.meeting_option", lang, date=day, no=m["no"] or "-", n=m["n"]))
            for day, m in sorted(seen.items(), reverse=True)]


def _case_list(lang: str) -> html.Div:
    rows = [dict(r) for r in Gate.current().case_list()]
    if not rows:
        return html.Div([html.H2(t("case.list", lang)), empty_state(lang)])
    for r in rows:
        r["meeting_date"] = r["meeting_date"].isoformat() if hasattr(r.get("meeting_date"), "isoformat") \
            else r.get("meeting_date")
    meetings = meeting_options(rows, lang)
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
    return html.Div([html.H2(t("case.list", lang)), _pack_tools(lang, meetings), table])


@callback(Output("case-download", "data"), Output("case-export-status", "children"),
          Input("case-export-png", "n_clicks"), Input("case-export-svg", "n_clicks"), State("case-id", "data"),
          prevent_initial_call=True)
@guarded_callback("page:case", outputs=2, message_slot=1)
def export_map(lang: str, _user: object, png: int, svg_clicks: int, case_id: str) -> Any:
    """The map on white with its title, meeting date, legend and masking notice, drawn on the
    server from the positions the page shows (PNG: the same page as the PDF, rendered)."""
    from dash import ctx

    require("action:export")
    fmt = "svg" if ctx.triggered_id == "case-export-svg" else "png"
    gate = Gate.current()
    as_of = date.today()
    got = _read(gate, case_id, lang, as_of)
    if got is None:
        return no_update, t("app.not_found", lang)
    case, sheet = got
    text = {"title": t("pack.map_title", lang, case_id=sheet.case_id),
            "subtitle": f"{t('pack.meeting', lang, date=sheet.meeting_date, no=sheet.meeting_no or '-')} · "
                        f"{t('pack.as_of', lang, date=as_of.isoformat())}",
            "legend_items": sheet.legend, "notice": notice(gate.user.role, lang)}
    audit.record("export", target_type="case_map", target=case_id, detail={"format": fmt},
                 ids={"case": [case_id], "person": sorted({str(p["person_id"]) for p in case.get("people") or []
                                                           if p.get("person_id")})})
    if fmt == "svg":
        return (dict(content=svg(sheet.scene, **text), filename=f"case-{case_id}.svg", type="image/svg+xml"),
                t("case.exported", lang, kind="SVG"))
    return dcc.send_bytes(map_png(sheet.scene, **text), f"case-{case_id}.png", type="image/png"), \
        t("case.exported", lang, kind="PNG")


@callback(Output("pack-download", "data"), Output("pack-status", "children"),
          Input("pack-build", "n_clicks"), State("pack-meeting", "value"), State("pack-reason", "value"),
          State("pack-reason-text", "value"), prevent_initial_call=True)
@guarded_callback("page:case", outputs=2, message_slot=1)
def build_pack(lang: str, user: Any, clicks: int, meeting: str | None, reason: str | None, text: str | None) -> Any:
    """The meeting's pack: every case of its agenda in the user's scope, masked for the role, after
    a purpose of access; one audited export entry names the cases and people in it."""
    if not clicks or not meeting:
        return no_update, no_update
    require("action:export")
    if current_purpose() is None:
        try:
            set_purpose(reason, text)
        except PurposeError as exc:
            key = getattr(exc, "key", "")
            return no_update, t(key, lang) if key else str(exc)
    gate = Gate.current()
    got = agenda(gate, str(meeting), lang)
    if not got.cases:
        return no_update, t("pack.none", lang)
    as_of = date.today()
    sheets = [sheet_of(c, as_of, lang, gate.mask, got.household_names) for c in got.cases]
    info = PackInfo(meeting_date=got.meeting_date, meeting_no=got.meeting_no,
                    user=f"{user.display_name or user.username} ({user.username})", role=user.role,
                    generated_at=datetime.now().astimezone(), as_of=as_of, purpose=gate.purpose,
                    notice=notice(user.role, lang), lang=lang)
    data, pages = pack_pdf(info, sheets)
    audit.record_export("meeting_pack", rows=len(sheets), fmt="pdf", params={"meeting_date": meeting},
                        ids={"case": got.case_ids, "person": got.person_ids})
    return (dcc.send_bytes(data, f"meeting-pack-{got.meeting_date}.pdf", type="application/pdf"),
            t("pack.done", lang, n=len(sheets), pages=pages))


clientside_callback("function(n) { if (n) { window.print(); } return window.dash_clientside.no_update; }",
                    Output("case-print", "title"), Input("case-print", "n_clicks"), prevent_initial_call=True)
