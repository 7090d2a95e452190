"""The household explorer's details panel: what a tapped node is, by human label and in reading
order; its source records and how each was linked; risk explained for a person; its provenance —
read through the data gate (purpose, scope, masking, audit). Links are offered only to pages the
user's role may open."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from auth.guard import AccessDenied, require
from pages import explorer
from pages.components import readable
from pages.components.elements import KEYS
from pages.components.i18n import t
from pages.components.risk import risk_explained
from queries.gate import Gate

PROVENANCE = ("source_file", "source_row", "load_id", "first_load_id")


def may(gate: Gate, permission: str) -> bool:
    """Whether the gate's user holds `permission` (auth.guard, the check every page makes)."""
    try:
        require(permission, gate.user)
    except AccessDenied:
        return False
    return True


def details_panel(lang: str, gate: Gate, state: Any, element_id: str) -> html.Div:
    if element_id.startswith("more:"):
        return html.Div(t("hh.expand_hint", lang, cap=explorer.EXPAND_CAP))
    label, key = gate.node_of(state, element_id)
    d = gate.detail(label, key)
    if d is None:
        return html.Div(t("app.not_found", lang))
    props = dict(d["props"] or {})
    prov = {k: props.pop(k) for k in PROVENANCE if k in props}
    if label == "Household":
        props["members"] = d.get("members") or []
    records = d.get("records") or []
    names = gate.agency_names(readable.agency_ids(label, props)
                              + [r.get("agency_id") or readable.record_agency(r.get("record_id") or "") or ""
                                 for r in records])
    caption = gate.opened(state)["nodes"][element_id]["data"].get("label") or key
    parts: list[Any] = [
        html.H4(f"{t('type.' + label, lang)} · {caption}", className="details-title"),
        kv_table(readable.field_rows(label, props, lang, names, KEYS.get(label)), "details-fields"),
    ]
    links = _links(lang, gate, label, key, props, d)
    if links:
        parts.append(html.Div(links, className="links details-links"))
    if label == "Person":
        risk = risk_explained(lang, gate, key)
        if risk is not None:
            parts.append(risk)
    if records:
        total = d.get("record_count") or len(records)
        parts.append(html.H5(t("dt.records", lang, shown=len(records), total=total) if total > len(records)
                             else t("dt.records_all", lang, n=total)))
        parts.append(records_table(records, lang, names, gate.resolution_thresholds()))
    if prov:
        parts.append(html.H5(t("dt.provenance", lang)))
        parts.append(html.Div(readable.provenance_text(prov, lang), className="hint details-provenance"))
    return html.Div(parts)


def kv_table(rows: list[tuple[str, str]], class_name: str = "") -> html.Table:
    return html.Table([html.Tr([html.Th(k), html.Td(v)]) for k, v in rows], className=f"kv {class_name}".strip())


def _links(lang: str, gate: Gate, label: str, key: str, props: dict[str, Any], d: dict[str, Any]) -> list[Any]:
    links: list[Any] = []
    if label == "Household" and may(gate, "page:household"):
        links.append(dcc.Link(t("dt.open_household", lang), href=f"/household/{key}"))
    if label == "Person":
        if may(gate, "page:person"):
            links.append(dcc.Link(t("dt.open_person", lang), href=f"/person/{key}", className="details-person-link"))
        households = d.get("households") or []
        if may(gate, "page:household"):
            for i, hid in enumerate(households, 1):
                text = t("dt.open_household", lang) if len(households) == 1 else \
                    t("dt.open_household_n", lang, n=i, total=len(households))
                links.append(dcc.Link(text, href=f"/household/{hid}"))
    case_id = key if label == "CouncilCase" else props.get("case_id") if label == "CouncilMeasure" else None
    if case_id and may(gate, "page:case"):
        links.append(dcc.Link(t("dt.open_case", lang), href=f"/case/{case_id}"))
    return links


def records_table(records: list[dict[str, Any]], lang: str, agencies: dict[str, str],
                  thresholds: dict[str, float]) -> html.Table:
    """One row per source record: where it comes from (source, event, agency), the name and birth
    date as recorded (masked as the role requires), the file and row, and how it was linked."""
    head = html.Tr([html.Th(t(f"dt.rec.{c}", lang)) for c in ("source", "name", "birth", "file", "link")])
    rows = [head]
    for r in records:
        rid = str(r.get("record_id") or "")
        agency = agencies.get(r.get("agency_id") or "") if r.get("source") != "services" else None
        source = " · ".join(x for x in (readable.source_text(str(r.get("source") or ""), lang),
                                         readable.record_ref(rid, lang, agencies), agency) if x)
        where = t("dt.file_row", lang, file=r["source_file"], row=r.get("source_row") or "–") \
            if r.get("source_file") else ""
        link, tip = readable.method_text(r.get("method"), r.get("score"), thresholds, lang)
        rows.append(html.Tr([html.Td(source), html.Td(r.get("name") or ""), html.Td(r.get("birth_raw") or ""),
                             html.Td(where), html.Td(link, title=tip, className="has-tip")]))
    return html.Table(rows, className="records")
