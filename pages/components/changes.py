"""Year-on-year change in words for the overview, with years the exports cover only in part marked."""

from __future__ import annotations

from typing import Any

from dash import html

from pages.components.i18n import t


def call_coverage_end(counts: dict[str, Any]) -> Any:
    """The date of the last call: the data cover the years up to it (referral follow-ups may run
    into a later year that no export covers yet)."""
    last = (counts.get("Call") or {}).get("last")
    return last if hasattr(last, "month") else None


def _is_partial(year: str, coverage_end: Any) -> bool:
    """A year the exports cover only in part: the calls' last year when it stops before December,
    and any later year (its change against a full year would mislead)."""
    if coverage_end is None or not year.isdigit():
        return False
    return int(year) > coverage_end.year or (int(year) == coverage_end.year and coverage_end.month < 12)


def change_table(totals: dict, calls: list[dict[str, Any]], lang: str, coverage_end: Any = None) -> html.Div:
    """Year-on-year change in words: police referral linkage and relationship-crime calls. A year
    the data cover only in part is marked as such."""
    lines = []

    def mark(year: str) -> str:
        return f"{year} ({t('ov.partial_year', lang)})" if _is_partial(year, coverage_end) else year

    years = sorted(totals)
    for prev, cur in zip(years, years[1:], strict=False):
        a, b = sum(totals[prev].values()), sum(totals[cur].values())
        if a:
            lines.append(html.Li(f"{t('ov.linkage', lang)} {mark(cur)}: {b - a:+d} ({100 * (b - a) / a:+.1f}%)"))
    per_year: dict[str, float] = {}
    for r in calls:
        per_year[str(r["year"])] = per_year.get(str(r["year"]), 0) + (r.get("calls") or 0)
    ys = sorted(per_year)
    for prev, cur in zip(ys, ys[1:], strict=False):
        a, b = per_year[prev], per_year[cur]
        if a:
            lines.append(html.Li(f"{t('ov.calls_yoy', lang)} {mark(cur)}: {int(b - a):+d} ({100 * (b - a) / a:+.1f}%)"))
    if not lines:
        lines.append(html.Li(t("ov.no_previous", lang)))
    return html.Div([html.H4(t("ov.changes", lang)), html.Ul(lines, id="overview-changes")], className="panel")
