"""The household explorer's details panel: what a tapped node is, its source records, its risk
and its provenance, read through the data gate (purpose, scope, masking, audit)."""

from __future__ import annotations

import json
from typing import Any

from dash import dcc, html

from pages import explorer
from pages.components.elements import KEYS
from pages.components.i18n import t
from queries.gate import Gate

PROVENANCE = ("source_file", "source_row", "load_id", "first_load_id")


def details_panel(lang: str, gate: Gate, state: Any, element_id: str) -> html.Div:
    if element_id.startswith("more:"):
        return html.Div(t("hh.expand_hint", lang, cap=explorer.EXPAND_CAP))
    label, key = gate.node_of(state, element_id)
    d = gate.detail(label, key)
    if d is None:
        return html.Div(t("app.not_found", lang))
    props = dict(d["props"] or {})
    prov = {k: props.pop(k) for k in PROVENANCE if k in props}
    rows = [html.Tr([html.Th(k), html.Td(_fmt(v))]) for k, v in sorted(props.items())]
    parts: list[Any] = [html.H4(f"{t('type.' + label, lang)} · {props.get(KEYS.get(label, ''), '')}"),
                        html.Table(rows, className="kv")]
    links = []
    key = props.get(KEYS.get(label, ""), "")
    if label == "Household":
        links.append(dcc.Link(t("hh.open_household", lang), href=f"/household/{key}"))
    if label == "Person":
        links.append(dcc.Link(t("hh.open_person", lang), href=f"/person/{key}"))
        for hid in d.get("households") or []:
            links.append(dcc.Link(f"{t('hh.open_household', lang)} ({hid})", href=f"/household/{hid}"))
    if label == "CouncilCase":
        links.append(dcc.Link(t("hh.open_case", lang), href=f"/case/{key}"))
    if links:
        parts.append(html.Div(links, className="links"))
    if d.get("records"):
        parts.append(html.H5(f"{t('pe.records', lang)} ({len(d['records'])}/{d.get('record_count')})"))
        parts.append(html.Ul([html.Li(
            f"{r.get('source')} · {r.get('name')} · {r.get('birth_raw') or ''} · "
            f"{r.get('source_file') or ''}:{r.get('source_row') or ''} · {r.get('method') or ''} "
            f"{_score(r.get('score'))}") for r in d["records"]]))
    if label == "Person":
        reasons = risk_reasons(gate, str(key), lang)
        if reasons:
            parts.append(html.H5(t("hh.risk_reasons", lang)))
            parts.append(html.Ul([html.Li(r) for r in reasons]))
    if prov:
        parts.append(html.H5(t("hh.provenance", lang)))
        parts.append(html.Table([html.Tr([html.Th(k), html.Td(_fmt(v))]) for k, v in prov.items()], className="kv"))
    return html.Div(parts)


def risk_reasons(gate: Gate, person_id: str, lang: str) -> list[str]:
    """The person's risk score and its reasons (queries.risk), when the scores are ready."""
    score = gate.risk([person_id]).get(person_id)
    if score is None:
        return []
    head = f"{score.score} ({score.level})"
    return [head] + [f"+{points} {ko if lang == 'ko' else en}" for ko, en, points in score.reasons]


def _score(v: Any) -> str:
    return f"{v:.2f}" if isinstance(v, (int, float)) else ("" if v is None else str(v))


def _fmt(v: Any) -> str:
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False, default=str)[:300]
    return str(v)


