"""Review: entity-resolution grey-zone pairs side by side, with "same person" / "different people"
decisions (stored by resolution.review; applied at the next resolution run)."""

from __future__ import annotations

import json
from typing import Any

from dash import ALL, Input, Output, callback, ctx, dcc, html, no_update, register_page

from auth.guard import require
from auth.purpose import purpose_done, purpose_gate
from pages.common import empty_state, guarded_callback, guarded_layout
from pages.components.i18n import t
from queries.gate import Gate

register_page(__name__, path="/review", name="nav.review", order=5, permission="page:review")

FIELDS = ("record_id", "source", "name", "birth_raw", "birth_date", "sex", "phone", "address", "agency_id")


def layout(**_: Any) -> Any:
    return guarded_layout("page:review", lambda lang, user: html.Div([
        html.H2(t("rv.title", lang)),
        purpose_gate("review"),
        html.Div(id="review-status", className="status"),
        dcc.Loading(html.Div(id="review-list")),
    ]))


@callback(Output("review-list", "children", allow_duplicate=True), purpose_done("review"),
          prevent_initial_call="initial_duplicate")
@guarded_callback("page:review")
def load_pairs(lang: str, _user: object, _purpose: str | None) -> Any:
    Gate.current().need_purpose()  # records side by side: the purpose-of-access dialog answers first
    return pair_list(lang)


def _record_table(rec: dict[str, Any], other: dict[str, Any]) -> html.Table:
    rows = []
    for f in FIELDS:
        v, o = rec.get(f), other.get(f)
        same = v is not None and str(v) == str(o)
        rows.append(html.Tr([html.Th(f), html.Td("" if v is None else str(v),
                                                  style={"backgroundColor": "#e8f5e9" if same else "#fff8e1"})]))
    return html.Table(rows, className="kv")


def pair_list(lang: str) -> Any:
    pairs = Gate.current().review_pending(20)
    if not pairs:
        return empty_state(lang, "rv.none")
    cards = []
    for p in pairs:
        a, b = p.get("a") or {}, p.get("b") or {}
        ev = p.get("evidence") or {}
        cards.append(html.Div([
            html.Div([html.H4(t("rv.left", lang)), _record_table(a, b)]),
            html.Div([html.H4(t("rv.right", lang)), _record_table(b, a)]),
            html.Div([
                html.Span(f"{t('rv.score', lang)}: {p.get('score')}"), " · ",
                html.Span(f"{t('rv.evidence', lang)}: {json.dumps(ev, ensure_ascii=False)[:300]}"),
                html.Div([
                    html.Button(t("rv.confirm", lang), n_clicks=0,
                                id={"type": "review-decide", "a": a.get("record_id"), "b": b.get("record_id"),
                                    "decision": "confirm"}),
                    html.Button(t("rv.split", lang), n_clicks=0, className="secondary",
                                id={"type": "review-decide", "a": a.get("record_id"), "b": b.get("record_id"),
                                    "decision": "split"}),
                ], className="toolbar"),
            ], style={"gridColumn": "1 / span 2"}),
        ], className="review-pair"))
    return html.Div(cards)


@callback(Output("review-status", "children"), Output("review-list", "children"),
          Input({"type": "review-decide", "a": ALL, "b": ALL, "decision": ALL}, "n_clicks"),
          prevent_initial_call=True)
@guarded_callback("page:review", outputs=2, message_slot=0)
def on_decide(lang: str, _user: object, clicks: list[int]) -> tuple[Any, Any]:
    trig = ctx.triggered_id
    if not trig or not any(clicks or []):
        return no_update, no_update
    require("action:review_decide")
    Gate.current().review_decide(trig["a"], trig["b"], trig["decision"])
    return t("rv.decided", lang, decision=t(f"rv.{trig['decision']}", lang)), pair_list(lang)
