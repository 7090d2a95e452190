"""Plotly figures built from plain rows (pure): the household timeline and the overview charts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

import plotly.graph_objects as go

from pages.components.elements import EVENT_TYPES
from pages.components.i18n import t
from pages.components.styles import FONT, TYPE_STYLE

_BASE_LAYOUT = {"font": {"family": FONT, "size": 12}, "margin": {"l": 40, "r": 10, "t": 36, "b": 36},
                "plot_bgcolor": "#ffffff", "paper_bgcolor": "#ffffff"}


def empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(**_BASE_LAYOUT, xaxis={"visible": False}, yaxis={"visible": False},
                      annotations=[{"text": message, "showarrow": False, "font": {"size": 14}}], height=220)
    return fig


# Date ticks as dates at every zoom: plotly's defaults name months in English and, on a range of
# a day or less, show times ("23:59:59.9995").
_DATE_TICKS = [{"dtickrange": [None, 86_400_000 * 27], "value": "%Y-%m-%d"},
               {"dtickrange": [86_400_000 * 27, 86_400_000 * 360], "value": "%Y-%m"},
               {"dtickrange": [86_400_000 * 360, None], "value": "%Y"}]
_MIN_SPAN_DAYS = 14   # a shorter span is widened around its middle, so ticks are days apart


def timeline_figure(nodes: Iterable[Mapping[str, Any]], lang: str = "ko") -> go.Figure:
    """One row per event type (calls, police measures, assessments, services, council), by date."""
    by_type: dict[str, list[Mapping[str, Any]]] = {}
    for node in nodes:
        d = node["data"] if "data" in node else node
        if d.get("type") in EVENT_TYPES and d.get("date"):
            by_type.setdefault(d["type"], []).append(d)
    if not by_type:
        return empty_figure(t("hh.timeline_empty", lang))
    fig = go.Figure()
    days = sorted(d["date"] for items in by_type.values() for d in items)
    for typ in EVENT_TYPES:
        items = sorted(by_type.get(typ, []), key=lambda d: d["date"])
        if not items:
            continue
        name = t(f"type.{typ}", lang)
        fig.add_trace(go.Scatter(
            x=[d["date"] for d in items], y=[name] * len(items), mode="markers", name=name,
            marker={"size": [10 + 3 * int(d.get("risk") or 0) for d in items],
                    "color": TYPE_STYLE[typ]["color"], "line": {"width": 1, "color": "#333"}},
            text=[d.get("label", "") for d in items], customdata=[d["id"] for d in items],
            hovertemplate="%{text}<br>%{x|%Y-%m-%d}<extra></extra>"))
    first, last = date.fromisoformat(days[0][:10]), date.fromisoformat(days[-1][:10])
    pad = max(timedelta(days=2), (timedelta(days=_MIN_SPAN_DAYS) - (last - first)) / 2)
    fig.update_layout(**_BASE_LAYOUT, height=60 + 44 * len(by_type), showlegend=False,
                      title={"text": t("hh.timeline", lang), "font": {"size": 13}},
                      xaxis={"type": "date", "gridcolor": "#eee", "tickformatstops": _DATE_TICKS,
                             "hoverformat": "%Y-%m-%d", "range": [(first - pad).isoformat(), (last + pad).isoformat()]},
                      yaxis={"gridcolor": "#eee"})
    return fig


def bar_figure(labels: list[str], values: list[float], title: str, *, colour: str = "#4e79a7",
               horizontal: bool = False) -> go.Figure:
    fig = go.Figure(go.Bar(x=values if horizontal else labels, y=labels if horizontal else values,
                           orientation="h" if horizontal else "v", marker_color=colour,
                           text=values, textposition="auto"))
    fig.update_layout(**_BASE_LAYOUT, title={"text": title, "font": {"size": 14}}, height=320)
    return fig


def grouped_by_year(data: Mapping[str, Mapping[str, float]], title: str, lang: str = "ko") -> go.Figure:
    """`{year: {group: n}}` → grouped bars, one colour per group, years on the x axis."""
    if not data:
        return empty_figure(t("app.empty", lang))
    years = sorted(data)
    groups = sorted({g for per in data.values() for g in per})
    fig = go.Figure()
    for g in groups:
        fig.add_trace(go.Bar(name=str(g), x=[str(y) for y in years], y=[data[y].get(g, 0) for y in years]))
    fig.update_layout(**_BASE_LAYOUT, barmode="group", title={"text": title, "font": {"size": 14}}, height=340,
                      xaxis={"title": t("ov.year", lang)}, yaxis={"title": t("ov.count", lang)},
                      legend={"orientation": "h", "y": -0.25})
    return fig


def pivot_rows(rows: Iterable[Mapping[str, Any]], row_key: str, col_key: str, value_key: str) -> dict[str, dict[str, float]]:
    """Long rows (year, group, n) → `{year: {group: n}}`."""
    out: dict[str, dict[str, float]] = {}
    for r in rows:
        k, c = r.get(row_key), r.get(col_key)
        if k is None or c is None:
            continue
        out.setdefault(str(k), {})[str(c)] = out.get(str(k), {}).get(str(c), 0) + (r.get(value_key) or 0)
    return out
