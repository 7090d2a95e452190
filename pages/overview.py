"""Overview: the council's figures and the year-on-year trends, for a selectable period."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, callback, dcc, html, register_page

from pages.common import empty_state, guarded_callback, guarded_layout
from pages.components.changes import (
    change_table,
    coverage,
    covered_months,
    equal_period_changes,
    months_needed,
)
from pages.components.codes import code_label
from pages.components.figures import bar_figure, empty_figure, grouped_by_year, pivot_rows
from pages.components.i18n import t
from queries import figures

register_page(__name__, path="/", name="nav.overview", order=0, permission="page:overview")

# linkage_yoy's total row ("all" partners; older versions: medical+correction+counselling).
TOTAL_ROWS = ("all", "medical+correction+counselling")


def layout(**_: Any) -> Any:
    return guarded_layout("page:overview", _build)


def _build(lang: str, _user: object) -> html.Div:
    return html.Div([
        html.H2(t("nav.overview", lang)),
        html.Div([html.Label(t("ov.period", lang), htmlFor="overview-period"),
                  dcc.DatePickerRange(id="overview-period", display_format="YYYY-MM-DD", month_format=t("date.month_format", lang), clearable=True,
                                    start_date_placeholder_text=t("f.from", lang),
                                    end_date_placeholder_text=t("f.to", lang))],
                 className="toolbar"),
        dcc.Loading(html.Div(id="overview-body"), type="default"),
    ])


def kpi(label: str, value: Any, kpi_id: str) -> html.Div:
    shown = "–" if value is None else (f"{value:,}" if isinstance(value, int) else str(value))
    return html.Div([html.Div(shown, className="kpi-value", id=kpi_id), html.Div(label, className="kpi-label")],
                    className="kpi")


def yoy_series(rows: list[dict[str, Any]], lang: str) -> tuple[dict, dict]:
    """linkage_yoy rows → ({year: {partner: n}}, {year: {"total": n}}), labels in `lang`."""
    label = "partner_label"
    rows = [{**r, label: code_label("partner_type", r.get("partner_type"), lang)} for r in rows]
    partners = [r for r in rows if r.get("partner_type") not in TOTAL_ROWS]
    totals = [r for r in rows if r.get("partner_type") in TOTAL_ROWS]
    return (pivot_rows(partners, "year", label, "referrals"),
            pivot_rows(totals, "year", label, "referrals"))


def year_on_year(counts: dict[str, Any], link_rows: list[dict[str, Any]], call_rows: list[dict[str, Any]],
                 lang: str) -> html.Div:
    """Police referral linkage and relationship-crime calls, each year against the year before over
    the same months (pages/components/changes.py). Monthly counts are read only for years the data
    cover in part."""
    start, end = coverage(counts)
    link_year: dict[int, float] = {}
    for r in link_rows:
        if r.get("partner_type") in TOTAL_ROWS and r.get("year") is not None:
            link_year[int(r["year"])] = link_year.get(int(r["year"]), 0) + (r.get("referrals") or 0)
    call_year: dict[int, float] = {}
    for r in call_rows:
        call_year[int(r["year"])] = call_year.get(int(r["year"]), 0) + (r.get("calls") or 0)
    link_month: dict[tuple[int, int], float] = {}
    call_month: dict[tuple[int, int], float] = {}
    window = months_needed(sorted(set(link_year) | set(call_year)), start, end)
    if window:
        period = {"from": window[0].isoformat(), "to": window[1].isoformat()}
        for r in figures.aggregate("app", "referrals_per_month", period).rows:
            link_month[(r["year"], r["month"])] = r["referrals"] or 0
        crime = {r.get("category") for r in call_rows}
        for r in figures.aggregate("app", "calls_per_month", period).rows:
            if r["category"] in crime:
                key = (r["year"], r["month"])
                call_month[key] = call_month.get(key, 0) + (r["calls"] or 0)
    series = [(t("ov.linkage", lang), equal_period_changes(link_year, link_month, start, end)),
              (t("ov.calls_yoy", lang), equal_period_changes(call_year, call_month, start, end))]
    return change_table(series, lang, start, end)


def _mark_part_years(data: dict[str, Any], counts: dict[str, Any], lang: str) -> dict[str, Any]:
    """Chart years the data cover only in part, labelled so (their bars are not whole years)."""
    start, end = coverage(counts)
    if start is None or end is None:
        return data
    return {(y if not y.isdigit() or len(covered_months(int(y), start, end)) == 12
             else f"{y} ({t('ov.partial_year', lang)})"): v for y, v in data.items()}


def build_overview(lang: str, start: str | None, end: str | None) -> html.Div:
    """The body for a period (a plain function: unit-tested and benchmarked without a browser)."""
    counts = {r["item"]: r for r in figures.aggregate("catalogue", "overview_counts").rows}
    if not any((r.get("count") or 0) for r in counts.values()):
        return empty_state(lang)
    period = {"from": start, "to": end}
    k = (figures.aggregate("catalogue", "council_kpis", period).rows or [{}])[0]
    rate = (figures.aggregate("app", "repeat_call_rate", period).rows or [{}])[0]
    cards = html.Div([
        kpi(t("ov.cases", lang), k.get("cases"), "overview-kpi-cases"),
        kpi(t("ov.measures", lang), k.get("measures"), "overview-kpi-measures"),
        kpi(t("ov.avg_agencies", lang), k.get("avg_attending_agencies"), "overview-kpi-agencies"),
        kpi(t("ov.non_police", lang), k.get("non_police_submissions"), "overview-kpi-nonpolice"),
        kpi(t("ov.repeat_rate", lang), None if rate.get("rate_pct") is None else f"{rate['rate_pct']}%",
            "overview-kpi-repeat"),
        kpi(t("ov.calls", lang), (counts.get("Call") or {}).get("count"), "overview-kpi-calls"),
        kpi(t("ov.people", lang), (counts.get("Person") or {}).get("count"), "overview-kpi-people"),
        kpi(t("ov.households", lang), (counts.get("Household") or {}).get("count"), "overview-kpi-households"),
    ], className="kpis")
    by_field = k.get("measures_by_field") or []
    field_fig = (bar_figure([code_label("field", f["field"], lang) for f in by_field], [f["measures"] for f in by_field], t("ov.by_field", lang),
                            colour="#b07aa1") if by_field else empty_figure(t("app.empty", lang)))
    link_rows = figures.aggregate("catalogue", "linkage_yoy").rows
    partners, _totals = yoy_series(link_rows, lang)
    calls = [r for r in figures.aggregate("catalogue", "calls_yoy").rows if r.get("relationship_crime")]
    shown = [{**r, "category": code_label("category", r.get("category"), lang)} for r in calls]
    calls_fig = grouped_by_year(_mark_part_years(pivot_rows(shown, "year", "category", "calls"), counts, lang),
                                t("ov.calls_yoy", lang), lang)
    link_fig = grouped_by_year(_mark_part_years(partners, counts, lang), t("ov.linkage", lang), lang)
    return html.Div([
        cards,
        html.Div([dcc.Graph(id="overview-by-field", figure=field_fig, config={"displaylogo": False}),
                  dcc.Graph(id="overview-linkage", figure=link_fig, config={"displaylogo": False})], className="grid2"),
        html.Div([dcc.Graph(id="overview-calls", figure=calls_fig, config={"displaylogo": False}),
                  year_on_year(counts, link_rows, calls, lang)], className="grid2"),
    ])


@callback(Output("overview-body", "children"), Input("overview-period", "start_date"),
          Input("overview-period", "end_date"))
@guarded_callback("page:overview")
def update_overview(lang: str, _user: object, start: str | None, end: str | None) -> html.Div:
    return build_overview(lang, start, end)


def warm() -> None:
    """Whole-graph reads of this page, computed ahead at app start (pages/shell.py: warm_up)."""
    figures.aggregate("catalogue", "overview_counts")
    figures.aggregate("catalogue", "council_kpis", {"from": None, "to": None})
    figures.aggregate("app", "repeat_call_rate", {"from": None, "to": None})
    figures.aggregate("catalogue", "linkage_yoy")
    figures.aggregate("catalogue", "calls_yoy")
