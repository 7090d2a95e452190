"""Person: one resolved person's records and events (catalogue `person_detail`), with links to
their household and council cases. Shareable as /person/<person_id>."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, callback, dcc, html, register_page

from auth.purpose import purpose_done, purpose_gate
from pages.common import data_table, empty_state, guarded_callback, guarded_layout
from pages.components.i18n import t
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
    links = []
    if head.get("household_id"):
        links.append(dcc.Link(f"{t('hh.open_household', lang)} ({head['household_id']})",
                              href=f"/household/{head['household_id']}", id="person-household-link"))
    for r in rows:
        if r.get("kind") == "council_case" and r.get("key"):
            links.append(dcc.Link(f"{t('hh.open_case', lang)} {r['key']}", href=f"/case/{r['key']}"))
    events = [r for r in rows if r.get("kind") not in (None, "person")]
    cols = ["kind", "key", "day", "role", "detail", "agency_name", "record_id"]
    return html.Div([
        html.H2(f"{head.get('name') or ''} · {person_id}", id="person-title"),
        html.Div([html.Span(f"{t('f.birth', lang)}: {head.get('birth_date') or '–'}"), " · ",
                  html.Span(f"{t('f.household', lang)}: {head.get('household_id') or '–'}")], className="hint"),
        html.Div(links, className="links"),
        html.H3(t("pe.events", lang)),
        data_table("person-events", events, columns=cols, page_size=25) if events else empty_state(lang),
    ])
