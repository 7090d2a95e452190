"""Patterns: repeat victims, repeat addresses, serial offenders, escalation, fragmented households,
children exposed, overdue council measures — sortable tables with CSV export; a row opens the
household explorer (or the person / case)."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, callback, dcc, html, no_update, register_page

from pages import data
from pages.common import data_table, empty_state, guarded_callback, guarded_layout
from pages.components.i18n import t
from pages.privacy import mask_rows

register_page(__name__, path="/patterns", name="nav.patterns", order=3, permission="page:patterns")

PATTERNS = ("repeat_victims", "repeat_addresses", "serial_offenders", "escalation", "fragmented_households",
            "children_exposed", "open_council_measures")
PAGE_SIZE = 20


def layout(tab: str | None = None, **_: Any) -> Any:
    return guarded_layout("page:patterns", lambda lang, user: _build(lang, tab if tab in PATTERNS else PATTERNS[0]))


def _build(lang: str, tab: str) -> html.Div:
    return html.Div([
        html.H2(t("nav.patterns", lang)),
        dcc.Tabs(id="patterns-tabs", value=tab,
                 children=[dcc.Tab(label=t(f"pat.{p}", lang), value=p, id=f"patterns-tab-{p}") for p in PATTERNS]),
        html.Div(t("pat.click_hint", lang), className="hint"),
        dcc.Loading(html.Div(id="patterns-body"), type="default"),
        dcc.Location(id="patterns-go", refresh=True),
    ])


def row_target(row: dict[str, Any]) -> str | None:
    """Where a row leads: its household, else the person, else the council case."""
    for key in ("household_id",):
        if row.get(key):
            return f"/household/{row[key]}"
    hh = row.get("household_ids")
    if isinstance(hh, list) and hh:
        return f"/household/{hh[0]}"
    if isinstance(hh, str) and hh:
        return f"/household/{hh.split(';')[0].strip()}"
    for key in ("person_id", "victim_id", "suspect_id"):
        if row.get(key):
            return f"/person/{row[key]}"
    if row.get("case_id"):
        return f"/case/{row['case_id']}"
    return None


def pattern_table(lang: str, name: str) -> Any:
    if not data.has_catalogue(name):
        return empty_state(lang, "app.not_found")
    result = data.cached("catalogue", name, row_cap=5000)
    rows = mask_rows(result.rows)
    if not rows:
        return empty_state(lang)
    from queries import catalogue

    meta = catalogue.get(name).extra.get("columns") or {}
    table = data_table("patterns-table", rows, columns=result.columns, tooltips={k: str(v) for k, v in meta.items()},
                       page_size=PAGE_SIZE)
    parts = [html.Div(t("pat.rows", lang, n=len(rows)), className="hint", id="patterns-count"), table]
    if result.truncated:
        parts.insert(0, html.Div(t("app.truncated", lang), className="notice"))
    return html.Div(parts)


@callback(Output("patterns-body", "children"), Input("patterns-tabs", "value"))
@guarded_callback("page:patterns")
def on_tab(lang: str, _user: object, name: str) -> Any:
    return pattern_table(lang, name)


@callback(Output("patterns-go", "href"), Input("patterns-table", "active_cell"),
          State("patterns-table", "derived_viewport_data"), prevent_initial_call=True)
@guarded_callback("page:patterns", message_slot=None)
def on_row(lang: str, _user: object, cell: dict | None, rows: list[dict] | None) -> Any:
    if not cell or not rows or cell.get("row") is None or cell["row"] >= len(rows):
        return no_update
    return row_target(rows[cell["row"]]) or no_update


WARM = [("catalogue", name, None, 5000) for name in PATTERNS]
