"""Review: entity-resolution grey-zone pairs, the two records side by side as a per-field table
(values, comparison level, Fellegi–Sunter weight of each field, the total against the thresholds),
with "same person" / "different people" decisions (stored by resolution.review; applied at the
next resolution run)."""

from __future__ import annotations

from typing import Any

from dash import ALL, Input, Output, callback, ctx, dcc, html, no_update, register_page

from auth.guard import require
from auth.purpose import purpose_done, purpose_gate
from pages.common import empty_state, guarded_callback, guarded_layout
from pages.components import evidence, readable
from pages.components.i18n import t
from queries.gate import Gate

register_page(__name__, path="/review", name="nav.review", order=5, permission="page:review")


def layout(**_: Any) -> Any:
    return guarded_layout("page:review", lambda lang, user: html.Div([
        html.H2(t("rv.title", lang)),
        html.P(t("rv.intro", lang), className="hint"),
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


def evidence_table(pair: dict[str, Any], lang: str, agencies: dict[str, str],
                   thresholds: dict[str, float], levels: dict[str, Any] | None = None) -> html.Table:
    """The two records side by side, one row per compared field with its level, the level's m and u
    in the run's model, and its weight, and the total against the thresholds."""
    a, b = pair.get("a") or {}, pair.get("b") or {}
    rows = evidence.evidence_rows(pair.get("evidence"), a, b, lang, agencies, levels)
    weight_head = html.Th(t("rv.col.weight", lang), title=t("rv.weight_tip", lang), className="has-tip num")
    mu_head = html.Th(t("rv.col.mu", lang), title=t("rv.mu_tip", lang), className="has-tip")
    body = [html.Tr([html.Th(t("rv.col.field", lang)), html.Th(t("rv.left", lang)), html.Th(t("rv.right", lang)),
                     html.Th(t("rv.col.level", lang)), mu_head, weight_head]),
            html.Tr([html.Th(t("rv.source", lang)), html.Td(evidence.source_value(a, lang, agencies)),
                     html.Td(evidence.source_value(b, lang, agencies)), html.Td(""), html.Td(""), html.Td("")])]
    for r in rows:
        # The values are the records as written (personal data: `pii`, kept in their own language).
        body.append(html.Tr([html.Th(r["field"]), html.Td(r["a"], className="pii"),
                             html.Td(r["b"], className="pii"), html.Td(r["level"]),
                             html.Td(evidence.mu_text(r["m"], r["u"], lang, r["class"] != "missing"),
                                     className="hint ev-mu"),
                             html.Td(evidence.weight_text(r["weight"]), className="num")],
                            className=f"ev-{r['class']}", **{"data-comparison": r["comparison"]}))
    body.append(html.Tr([html.Th(t("rv.total", lang)), html.Td(""), html.Td(""), html.Td(""),
                         html.Td(t("rv.thresholds", lang, match=f"{thresholds['match']:.1f}",
                                   review=f"{thresholds['review']:.1f}"), className="hint"),
                         html.Td(f"{evidence.total(rows):.2f}", className="num ev-total")], className="ev-sum"))
    return html.Table(body, className="evidence")


def pair_list(lang: str) -> Any:
    gate = Gate.current()
    pairs = gate.review_pending(20)
    if not pairs:
        return empty_state(lang, "rv.none")
    records = [p.get(s) or {} for p in pairs for s in "ab"]
    agencies = gate.agency_names([r.get("agency_id") or readable.record_agency(str(r.get("record_id") or "")) or ""
                                  for r in records])
    thresholds = gate.resolution_thresholds()
    levels = gate.resolution_levels()
    cards = []
    for n, p in enumerate(pairs, 1):
        a, b = p.get("a") or {}, p.get("b") or {}
        score = p.get("score")
        note = html.P(t("rv.above_match", lang), className="hint") \
            if isinstance(score, (int, float)) and score >= thresholds["match"] else None
        cards.append(html.Div([
            html.H4(f"{t('rv.pair', lang, n=n)} · {t('rv.score', lang)} {readable.number_text(score, 2)}"),
            evidence_table(p, lang, agencies, thresholds, levels),
            note,
            html.Div([
                html.Button(t("rv.confirm", lang), n_clicks=0,
                            id={"type": "review-decide", "a": a.get("record_id"), "b": b.get("record_id"),
                                "decision": "confirm"}),
                html.Button(t("rv.split", lang), n_clicks=0, className="secondary",
                            id={"type": "review-decide", "a": a.get("record_id"), "b": b.get("record_id"),
                                "decision": "split"}),
            ], className="toolbar"),
        ], className="review-pair review-card"))
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
