"""Year-on-year change in words for the overview, over equal periods: each year is compared with the
year before over the months both cover. Whole years compare as whole years; a year the data cover
only in part (the exports end in March) compares its covered months with the same months of the
year before ("1~3월 기준"); a year with no covered month shared with the year before is not compared.
The data's coverage is that of the 112 calls, in whole months (the month of the first call to the
month of the last): referral follow-ups may run into a later year that no export covers yet."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from dash import html

from pages.components.i18n import t

ALL_MONTHS = tuple(range(1, 13))


@dataclass(frozen=True)
class Change:
    year: int
    previous: int                    # the year compared with (year - 1)
    months: tuple[int, int] | None   # (first, last) month compared in both years; None: whole years
    now: float
    before: float


def _day(value: Any) -> date | None:
    if value is None or not hasattr(value, "month"):
        return None
    return date(value.year, value.month, value.day)


def coverage(counts: dict[str, Any]) -> tuple[date | None, date | None]:
    """(first, last) day of the calls (overview_counts): the period the exports cover."""
    call = counts.get("Call") or {}
    return _day(call.get("first")), _day(call.get("last"))


def covered_months(year: int, start: date | None, end: date | None) -> tuple[int, ...]:
    """The months of `year` from the month of `start` to the month of `end` (no bound: every
    month). Exports run in whole months: data ending on 2024-03-15 (a quiet end of March) cover
    January to March."""
    first = (start.year, start.month) if start else (year, 1)
    last = (end.year, end.month) if end else (year, 12)
    return tuple(m for m in ALL_MONTHS if first <= (year, m) <= last)


def _common(year: int, start: date | None, end: date | None) -> tuple[int, ...]:
    return tuple(sorted(set(covered_months(year, start, end)) & set(covered_months(year - 1, start, end))))


def months_needed(years: list[int], start: date | None, end: date | None) -> tuple[date, date] | None:
    """The window [from, to) of monthly counts `equal_period_changes` needs: the years compared over
    part of their months and the years before them. None when every comparison is of whole years."""
    part = [y for y in sorted(set(years)) if y - 1 in years and 0 < len(_common(y, start, end)) < 12]
    if not part:
        return None
    return date(min(part) - 1, 1, 1), date(max(part) + 1, 1, 1)


def equal_period_changes(per_year: dict[int, float], per_month: dict[tuple[int, int], float],
                         start: date | None, end: date | None) -> list[Change]:
    """Each year against the year before over the months both cover (see the module doc): whole
    years from `per_year`; part years summed from `per_month` ({(year, month): n}) over the shared
    months. Years with no earlier year, no shared covered month, or nothing the year before
    (a change in percent of nothing) are left out."""
    out = []
    for year in sorted(per_year):
        if year - 1 not in per_year:
            continue
        months = _common(year, start, end)
        if not months:
            continue
        if len(months) == 12:
            now, before, span = per_year[year], per_year[year - 1], None
        else:
            now = sum(per_month.get((year, m), 0) for m in months)
            before = sum(per_month.get((year - 1, m), 0) for m in months)
            span = (months[0], months[-1])
        if before:
            out.append(Change(year, year - 1, span, now, before))
    return out


def period_label(change: Change, lang: str) -> str:
    """"2024 (1~3월 기준)" / "2024 (Jan–Mar, both years)"; a whole year is just "2024"."""
    if change.months is None:
        return str(change.year)
    a, b = change.months
    if lang == "en":
        span = calendar.month_abbr[a] if a == b else f"{calendar.month_abbr[a]}–{calendar.month_abbr[b]}"
    else:
        span = f"{a}월" if a == b else f"{a}~{b}월"
    return f"{change.year} ({t('ov.same_months', lang, months=span)})"


def change_line(title: str, change: Change, lang: str) -> str:
    delta = change.now - change.before
    return f"{title} {period_label(change, lang)}: {int(delta):+,d} ({100 * delta / change.before:+.1f}%)"


def change_table(series: list[tuple[str, list[Change]]], lang: str, start: date | None = None,
                 end: date | None = None) -> html.Div:
    """The changes in words, one line per year and series, and the period the data cover."""
    lines = [html.Li(change_line(title, c, lang)) for title, changes in series for c in changes]
    if not lines:
        lines.append(html.Li(t("ov.no_previous", lang)))
    basis = ([html.Div(t("ov.coverage", lang, first=start.isoformat(), last=end.isoformat()), className="hint",
                       id="overview-coverage")] if start and end else [])
    return html.Div([html.H4(t("ov.changes", lang)), html.Ul(lines, id="overview-changes"), *basis],
                    className="panel")
