"""Overview: the council's figures and the year-on-year trends, for a selectable period."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, callback, dcc, html, register_page

from pages.common import empty_state, guarded_callback, guarded_layout
from pages.components.changes import call_coverage_end, change_table
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
                  dcc.DatePickerRange(id="overview-period", display_format="YYYY-MM-DD", clearable=True,
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
    label = "partner_type_ko" if lang == "ko" else "partner_type"
    partners = [r for r in rows if r.get("partner_type") not in TOTAL_ROWS]
    totals = [r for r in rows if r.get("partner_type") in TOTAL_ROWS]
    return (pivot_rows(partners, "year", label, "referrals"),
            pivot_rows([{**r, label: r.get(label)} for r in totals], "year", label, "referrals"))


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
    field_fig = (bar_figure([f["field"] for f in by_field], [f["measures"] for f in by_field], t("ov.by_field", lang),
                            colour="#b07aa1") if by_field else empty_figure(t("app.empty", lang)))
    partners, totals = yoy_series(figures.aggregate("catalogue", "linkage_yoy").rows, lang)
    calls = [r for r in figures.aggregate("catalogue", "calls_yoy").rows if r.get("relationship_crime")]
    calls_fig = grouped_by_year(pivot_rows(calls, "year", "category", "calls"), t("ov.calls_yoy", lang), lang)
    link_fig = grouped_by_year(partners, t("ov.linkage", lang), lang)
    return html.Div([
        cards,
        html.Div([dcc.Graph(id="overview-by-field", figure=field_fig, config={"displaylogo": False}),
                  dcc.Graph(id="overview-linkage", figure=link_fig, config={"displaylogo": False})], className="grid2"),
        html.Div([dcc.Graph(id="overview-calls", figure=calls_fig, config={"displaylogo": False}),
                  change_table(totals, calls, lang, call_coverage_end(counts))], className="grid2"),
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
