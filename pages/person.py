"""Person: one resolved person's records and events (catalogue `person_detail`) in readable
form, risk explained (the recorded grade and the graph score side by side), links to their
household and council cases. Shareable as /person/<person_id>."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, callback, dcc, html, register_page

from auth.purpose import purpose_done, purpose_gate
from pages.common import data_table, empty_state, guarded_callback, guarded_layout
from pages.components import readable
from pages.components.i18n import t
from pages.components.risk import risk_explained
from queries.gate import Gate, OutOfScope

register_page(__name__, path_template="/person/<person_id>", path="/person", name="nav.person", order=9,
              nav=False, permission="page:person")


def layout(person_id: str | None = None, **_: Any) -> Any:
    return guarded_layout("page:person", lambda lang, user: html.Div([
        purpose_gate("person"), dcc.Store(id="person-id", data=person_id),
        dcc.Loading(html.Div(id="person-body"))]))


@callback(Output("person-body", "children"), Input("person-id", "data"), purpose_done("person"))
@guarded_callback("page:person")
def load_person(lang: str, _user: object, person_id: str | None, _purpose: str | None) -> Any:
    gate = Gate.current()
    gate.need_purpose()  # the purpose-of-access dialog answers first
    return build_person(lang, gate, person_id)


def build_person(lang: str, gate: Gate, person_id: str | None) -> Any:
    if not person_id:
        return empty_state(lang, "hh.pick")
    try:
        rows = gate.person(str(person_id))
    except OutOfScope:
        rows = []  # the same answer as for an id that does not exist
    if not rows:
        return html.Div([html.H2(t("nav.person", lang)), empty_state(lang, "app.not_found")])
    head = rows[0]
    events = [r for r in rows if r.get("kind") not in (None, "person")]
    agencies = gate.agency_names([a for r in events for a in _ids((r.get("extra") or {}).get("attending"))]
                                 + [(r.get("extra") or {}).get("referred_by") or "" for r in events])
    links = []
    if head.get("household_id"):
        links.append(dcc.Link(t("dt.open_household", lang), href=f"/household/{head['household_id']}",
                              id="person-household-link"))
    for r in rows:
        if r.get("kind") == "council_case" and r.get("key"):
            links.append(dcc.Link(f"{t('hh.open_case', lang)} {r['key']}", href=f"/case/{r['key']}"))
    facts = [(t("f.birth", lang), readable.date_text(head.get("birth_date"))),
             (t("dt.f.sex", lang), readable.code_text("sex", head.get("sex"), lang)),
             (t("dt.f.id", lang), str(person_id))]
    table = [{"day": readable.date_text(r.get("day")), "kind": readable.kind_text(r.get("kind"), lang),
              "key": r.get("key"), "role": readable.code_text("relation", r.get("role"), lang) if r.get("kind") == "relation"
              else readable.role_text(r.get("role"), lang),
              "detail": readable.detail_text(r.get("kind"), r.get("detail"), lang), "agency_name": r.get("agency_name"),
              "extra": readable.extra_text(r.get("kind"), r.get("extra"), lang, agencies)} for r in events]
    cols = ["day", "kind", "key", "role", "detail", "agency_name", "extra"]
    return html.Div([
        html.H2(head.get("name") or t("nav.person", lang), id="person-title"),
        html.Div(" · ".join(f"{k}: {v}" for k, v in facts if v), className="hint", id="person-facts"),
        html.Div(links, className="links"),
        risk_explained(lang, gate, str(person_id)),
        html.H3(t("pe.events", lang)),
        data_table("person-events", table, columns=cols, headers={"extra": t("pe.extra", lang)}, page_size=25)
        if table else empty_state(lang),
    ])


def _ids(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v for v in value.split(";") if v]
    return [str(v) for v in value or []]
