"""Patterns: repeat victims, repeat addresses, serial offenders, escalation, fragmented households,
children exposed, overdue council measures — sortable, searchable tables paged in the database
(materialised pattern tables, derived/tables.py: only the shown page is read, masked and sent),
CSV export of the whole table as shown; a row opens the household explorer (or the person / case)."""

from __future__ import annotations

import logging
from typing import Any

from dash import Input, Output, State, callback, dash_table, dcc, html, no_update, register_page

from auth import audit
from auth.exports import csv_text
from auth.guard import require
from pages.common import cell, empty_state, guarded_callback, guarded_layout
from pages.components.codes import code_cell
from pages.components.i18n import column, t
from pages.components.tables import row_target, select_rows
from queries import figures as data
from queries.catalogue import PATTERNS
from queries.gate import Gate

log = logging.getLogger("jss.app")

register_page(__name__, path="/patterns", name="nav.patterns", order=3, permission="page:patterns")

PAGE_SIZE = 20
ROW_CAP = 20000


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
    """(data, columns, page_count, count text, message) for one page of pattern `name`. A
    materialised table (derived/tables.py) is paged, searched and sorted in the database and only
    the shown page is read and masked; a pattern that is not materialised (it depends on today's
    date) is read whole, cached, and paged here."""
    if not data.has_catalogue(name):
        return [], [], 1, "", empty_state(lang, "app.not_found")
    declared = list(data.catalogue_columns(name))
    columns = [{"name": column(c, lang), "id": c} for c in declared]
    page = max(page or 0, 0)
    gate = Gate.current()
    got = _table_page(gate, name, declared, page, sort_by, search)
    if got is None:
        return _live_page(lang, name, page, sort_by, search)
    total, rows = got
    # a lower bound (a broad search stopped at this page) offers the page after it
    pages = max(1, -(-total // PAGE_SIZE)) + (1 if isinstance(total, data.AtLeast) else 0)
    if page >= pages:  # the search shrank the table under the page shown: show its last page
        page = pages - 1
        total, rows = _table_page(gate, name, declared, page, sort_by, search) or (0, [])
    shown = [{k: code_cell(k, v, lang) for k, v in r.items()} for r in rows]
    count = t("pat.rows_at_least" if isinstance(total, data.AtLeast) else "pat.rows", lang, n=total)
    return shown, columns, pages, count, "" if total else empty_state(lang)


def _search_args(gate: Gate, name: str, declared: list[str], sort_by: list[dict[str, str]] | None, search: str | None
                 ) -> dict[str, Any]:
    # control characters dropped: the stored search text separates values with one
    needle = "".join(ch for ch in search or "" if ch.isprintable()).strip().lower() or None
    sort = sort_by[0] if sort_by else None
    return {"needle": needle, "search_columns": gate.searchable_columns(name, declared) if needle else [],
            "sort": sort["column_id"] if sort and sort.get("column_id") in declared else None,
            "descending": bool(sort and sort.get("direction") == "desc")}


def _table_page(gate: Gate, name: str, declared: list[str], page: int, sort_by: list[dict[str, str]] | None,
                search: str | None) -> tuple[int, list[dict[str, Any]]] | None:
    return gate.pattern_rows(name, **_search_args(gate, name, declared, sort_by, search), skip=page * PAGE_SIZE,
                             limit=PAGE_SIZE)


def _live_page(lang: str, name: str, page: int, sort_by: list[dict[str, str]] | None, search: str | None
               ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int, str, Any]:
    result, masked = Gate.current().pattern_table(name, row_cap=ROW_CAP)
    rows = select_rows(masked, search=search, sort_by=sort_by, lang=lang)
    total = len(rows)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages - 1)
    shown = [{k: code_cell(k, v, lang) for k, v in r.items()} for r in rows[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]]
    columns = [{"name": column(c, lang), "id": c} for c in result.columns]
    message = html.Div(t("app.truncated", lang), className="notice") if result.truncated else \
        (empty_state(lang) if not total else "")
    return shown, columns, pages, t("pat.rows", lang, n=total), message


def export_rows(name: str, sort_by: list[dict[str, str]] | None, search: str | None
                ) -> tuple[list[str], list[dict[str, Any]], bool]:
    """(columns, masked rows, truncated) of the whole table as shown (searched, sorted), at most
    ROW_CAP rows."""
    gate = Gate.current()
    declared = list(data.catalogue_columns(name))
    got = gate.pattern_rows(name, **_search_args(gate, name, declared, sort_by, search), skip=0, limit=ROW_CAP)
    if got is None:
        result, masked = gate.pattern_table(name, row_cap=ROW_CAP)
        return list(result.columns), select_rows(masked, search=search, sort_by=sort_by), result.truncated
    total, rows = got
    return declared, rows, total > len(rows)


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
    columns, rows, truncated = export_rows(name, sort_by, search)
    content = export_csv(columns, rows, lang)
    audit.record_export(name, rows=len(rows), fmt="csv")
    if truncated:
        log.warning("export %s stopped at %d rows (ROW_CAP)", name, ROW_CAP)
    return {"content": content, "filename": f"{name}.csv", "type": "text/csv"}


def export_csv(columns: list[str], rows: list[dict[str, Any]], lang: str) -> str:
    """The CSV file of (already masked) rows: headers in the user's language, values as the table
    shows them, every header and cell formula-neutralised, UTF-8 with BOM (auth/exports.py)."""
    return csv_text(columns, ({c: cell(r.get(c)) for c in columns} for r in rows),
                    headers={c: column(c, lang) for c in columns})


@callback(Output("patterns-go", "href"), Input("patterns-table", "active_cell"),
          State("patterns-table", "derived_viewport_data"), prevent_initial_call=True)
@guarded_callback("page:patterns", message_slot=None)
def on_row(lang: str, _user: object, active: dict | None, rows: list[dict] | None) -> Any:
    if not active or not rows or active.get("row") is None or active["row"] >= len(rows):
        return no_update
    return row_target(rows[active["row"]]) or no_update


def warm() -> None:
    """The pattern tables that are not materialised, read and masked for the analyst policy ahead
    of the first visit (the materialised ones answer a page by an index seek)."""
    for name in PATTERNS:
        data.warm_pattern(name, ROW_CAP)
