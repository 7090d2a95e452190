"""Patterns: repeat victims, repeat addresses, serial offenders, escalation, fragmented households,
children exposed, overdue council measures — sortable tables paged on the server (only the shown
page is masked and sent), CSV export of the whole table; a row opens the household explorer (or
the person / case)."""

from __future__ import annotations

import csv
import io
from typing import Any

from dash import Input, Output, State, callback, dash_table, dcc, html, no_update, register_page

from auth import audit
from auth.guard import User, require
from pages import data
from pages.common import cell, empty_state, guarded_callback, guarded_layout
from pages.components.i18n import column, t
from pages.components.tables import row_target, select_rows
from pages.privacy import masked_table

register_page(__name__, path="/patterns", name="nav.patterns", order=3, permission="page:patterns")

PATTERNS = ("repeat_victims", "repeat_addresses", "serial_offenders", "escalation", "fragmented_households",
            "children_exposed", "open_council_measures")
PAGE_SIZE = 20
ROW_CAP = 20000
WARM_USER = User("warm-up", "analyst")


def layout(tab: str | None = None, **_: Any) -> Any:
    return guarded_layout("page:patterns", lambda lang, user: _build(lang, tab if tab in PATTERNS else PATTERNS[0]))


def _build(lang: str, tab: str) -> html.Div:
    return html.Div([
        html.H2(t("nav.patterns", lang)),
        dcc.Tabs(id="patterns-tabs", value=tab,
                 children=[dcc.Tab(label=t(f"pat.{p}", lang), value=p, id=f"patterns-tab-{p}") for p in PATTERNS]),
        html.Div([dcc.Input(id="patterns-search", type="search", debounce=True, placeholder=t("pat.search", lang),
                            className="search-input"),
                  html.Button(t("pat.csv", lang), id="patterns-csv", n_clicks=0, className="secondary"),
                  html.Span(t("pat.click_hint", lang), className="hint")], className="toolbar"),
        html.Div(id="patterns-message"),
        html.Div(id="patterns-count", className="hint"),
        dcc.Loading(dash_table.DataTable(
            id="patterns-table", columns=[], data=[], page_action="custom", page_current=0, page_size=PAGE_SIZE,
            page_count=1, sort_action="custom", sort_mode="single", sort_by=[],
            style_table={"overflowX": "auto"},
            style_cell={"fontFamily": "var(--font)", "fontSize": 13, "padding": "4px 8px", "textAlign": "left",
                        "maxWidth": 320, "overflow": "hidden", "textOverflow": "ellipsis"},
            style_header={"fontWeight": "bold", "backgroundColor": "#f3f4f6"})),
        dcc.Download(id="patterns-download"),
        dcc.Location(id="patterns-go", refresh=True),
    ])


def page_of(lang: str, name: str, page: int, sort_by: list[dict[str, str]] | None, search: str | None
            ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int, str, Any]:
    """(data, columns, page_count, count text, message) for one page of pattern `name`."""
    if not data.has_catalogue(name):
        return [], [], 1, "", empty_state(lang, "app.not_found")
    result, masked = masked_table("catalogue", name, row_cap=ROW_CAP)
    rows = select_rows(masked, search=search, sort_by=sort_by)
    total = len(rows)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page or 0, 0), pages - 1)
    shown = rows[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
    shown = [{k: cell(v) for k, v in r.items()} for r in shown]
    columns = [{"name": column(c, lang), "id": c} for c in result.columns]
    message = html.Div(t("app.truncated", lang), className="notice") if result.truncated else \
        (empty_state(lang) if not total else "")
    return shown, columns, pages, t("pat.rows", lang, n=total), message


@callback(Output("patterns-table", "data"), Output("patterns-table", "columns"),
          Output("patterns-table", "page_count"), Output("patterns-count", "children"),
          Output("patterns-message", "children"),
          Input("patterns-tabs", "value"), Input("patterns-table", "page_current"),
          Input("patterns-table", "sort_by"), Input("patterns-search", "value"))
@guarded_callback("page:patterns", outputs=5, message_slot=4)
def on_page(lang: str, _user: object, name: str, page: int, sort_by: list | None, search: str | None) -> Any:
    return page_of(lang, name, page, sort_by, search)


@callback(Output("patterns-table", "page_current"), Output("patterns-table", "sort_by"),
          Input("patterns-tabs", "value"), prevent_initial_call=True)
@guarded_callback("page:patterns", outputs=2, message_slot=None)
def on_tab(lang: str, _user: object, _name: str) -> tuple[int, list]:
    return 0, []  # a new table starts at its first page, unsorted


@callback(Output("patterns-download", "data"), Input("patterns-csv", "n_clicks"),
          State("patterns-tabs", "value"), State("patterns-table", "sort_by"), State("patterns-search", "value"),
          prevent_initial_call=True)
@guarded_callback("page:patterns", message_slot=None)
def on_csv(lang: str, _user: object, clicks: int, name: str, sort_by: list | None, search: str | None) -> Any:
    if not clicks:
        return no_update
    require("action:export")
    result, masked = masked_table("catalogue", name, row_cap=ROW_CAP)
    rows = select_rows(masked, search=search, sort_by=sort_by)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([column(c, lang) for c in result.columns])
    for r in rows:
        writer.writerow([cell(r.get(c)) for c in result.columns])
    audit.record_export(name, rows=len(rows), fmt="csv")
    # UTF-8 with BOM so that Excel opens the Hangul correctly.
    return {"content": "\ufeff" + buf.getvalue(), "filename": f"{name}.csv", "type": "text/csv"}


@callback(Output("patterns-go", "href"), Input("patterns-table", "active_cell"),
          State("patterns-table", "derived_viewport_data"), prevent_initial_call=True)
@guarded_callback("page:patterns", message_slot=None)
def on_row(lang: str, _user: object, active: dict | None, rows: list[dict] | None) -> Any:
    if not active or not rows or active.get("row") is None or active["row"] >= len(rows):
        return no_update
    return row_target(rows[active["row"]]) or no_update


def warm() -> None:
    """Every pattern table, read and masked for the analyst policy, ahead of the first visit."""
    for name in PATTERNS:
        masked_table("catalogue", name, row_cap=ROW_CAP, user=WARM_USER)
