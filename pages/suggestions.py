"""Agenda suggestions, the council secretary's page: "오늘의 제안" (open suggestions, ranked, each
with its rules, its reasons in words, the people and calls behind them and a link to the
household; accept, or dismiss with a reason), "수용됨" (the proposed agenda items, exported as the
data contract's council_cases rows) and, for roles that read the whole graph, "분석 요약" (the
latest suggestion runs). Everything is read through the data gate (queries/suggestions.py) after a
purpose of access; suggestions are written by `suggest/` after every load."""

from __future__ import annotations

from typing import Any

from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update, register_page

from auth.guard import AccessDenied, require
from auth.purpose import purpose_done, purpose_gate
from pages.common import data_table, empty_state, guarded_callback, guarded_layout
from pages.components.i18n import t
from pages.components.suggestiontext import call_ids, ordered_reasons, reason_text, rule_label, rules_sorted
from pages.components.values import cell
from queries.gate import Gate
from queries.suggestions import SuggestionPage, SuggestionRefused

register_page(__name__, path="/suggestions", name="nav.suggestions", order=6, permission="page:suggestions")

PERMISSION = "page:suggestions"
LISTS = ("open", "accepted")
DIGEST = "digest"
FIRST = {"tab": "open", "page": 0}


def layout(**_: Any) -> Any:
    return guarded_layout(PERMISSION, lambda lang, user: _build(lang))


def _build(lang: str) -> html.Div:
    gate = Gate.current()
    tabs = [dcc.Tab(label=t(f"sg.tab.{name}", lang), value=name, id=f"suggestions-tab-{name}")
            for name in LISTS]
    if not gate.scope.limited:   # the digest counts the whole graph: roles that read everything
        tabs.append(dcc.Tab(label=t("sg.tab.digest", lang), value=DIGEST, id=f"suggestions-tab-{DIGEST}"))
    return html.Div([
        html.H2(t("sg.title", lang)),
        html.P(t("sg.intro", lang), className="hint"),
        purpose_gate("suggestions"),
        dcc.Tabs(id="suggestions-tabs", value="open", children=tabs),
        dcc.Store(id="suggestions-view", data=FIRST),
        html.Div(id="suggestions-status", className="status", role="status"),
        dcc.Download(id="suggestions-download"),
        dcc.Loading(html.Div(id="suggestions-list")),
    ])


def _may(gate: Gate, permission: str) -> bool:
    try:
        require(permission, gate.user)
    except AccessDenied:
        return False
    return True


# --- one suggestion ------------------------------------------------------------------------------
def _person(pid: str | None, names: dict[str, str], person_page: bool) -> Any:
    if not pid:
        return None
    shown = names.get(pid) or pid
    if person_page:
        return dcc.Link(shown, href=f"/person/{pid}", title=pid, className="pii")
    return html.Span(shown, title=pid, className="pii")


def _reason_item(reason: dict[str, Any], lang: str, names: dict[str, str], person_page: bool) -> html.Li:
    who = _person(reason.get("person_id"), names, person_page)
    calls = call_ids(reason)
    return html.Li([
        *([who, ": "] if who is not None else []),
        html.Span(reason_text(reason, lang), className="suggestion-why"),
        html.Span(f" · {reason.get('on') or ''}", className="hint"),
        *([html.Span([f" · {t('sg.facts', lang)} ",
                      *[html.Code(c, className="suggestion-fact") for c in calls]], className="hint")]
          if calls else []),
    ], className=f"suggestion-reason rule-{reason.get('rule')}")


def _decision_tools(hid: str, status: str, lang: str) -> html.Div:
    buttons = []
    if status == "open":
        buttons.append(html.Button(t("sg.accept", lang), n_clicks=0,
                                   id={"type": "suggestions-decide", "household": hid, "decision": "accept"}))
    buttons += [
        dcc.Input(id={"type": "suggestions-reason", "household": hid}, type="text", maxLength=500,
                  placeholder=t("sg.reason_placeholder", lang), className="suggestion-reason-input"),
        html.Button(t("sg.dismiss", lang), n_clicks=0, className="secondary",
                    id={"type": "suggestions-decide", "household": hid, "decision": "dismiss"}),
    ]
    return html.Div(buttons, className="toolbar")


def suggestion_card(row: dict[str, Any], lang: str, label: str | None, *, decide: bool,
                    person_page: bool) -> html.Div:
    hid = row["household_id"]
    names = {p["person_id"]: p.get("name") or p["person_id"] for p in row.get("people") or []}
    chips = [html.Span(rule_label(r, lang), className=f"chip rule-{r}")
             for r in rules_sorted(row.get("rules"))]
    notes = []
    if int(row.get("raised_count") or 1) > 1 and row.get("status") == "open":
        notes.append(html.Div(t("sg.raised_again", lang, n=int(row["raised_count"])), className="hint"))
    if row.get("news_since_decision"):
        notes.append(html.Div(t("sg.news", lang), className="notice suggestion-news"))
    if row.get("decided_at") and row.get("status") != "open":
        notes.append(html.Div(t("sg.decided_by", lang, by=cell(row.get("decided_by")) or "-",
                                at=str(cell(row.get("decided_at")))[:16]), className="hint"))
    return html.Div([
        html.Div([html.Strong(label or t("sg.household", lang, id=hid), className="pii suggestion-household"),
                  html.Span(chips, className="chips"),
                  html.Span(t("sg.priority", lang, value=cell(row.get("priority"))), className="hint")],
                 className="suggestion-head"),
        html.Div(t("sg.raised", lang, first=cell(row.get("first_raised_on")) or "-",
                   latest=cell(row.get("latest_fact_on")) or "-"), className="hint"),
        html.Ul([_reason_item(r, lang, names, person_page)
                 for r in ordered_reasons(row.get("reasons") or [])], className="suggestion-reasons"),
        *notes,
        html.Div([dcc.Link(t("sg.open_household", lang), href=f"/household/{hid}",
                           className="suggestion-open"),
                  html.Code(hid, className="hint")], className="toolbar"),
        _decision_tools(hid, row.get("status") or "open", lang) if decide else None,
    ], className=f"suggestion-card review-card status-{row.get('status')}", **{"data-household": hid})


# --- the lists -----------------------------------------------------------------------------------
def _pager(got: SuggestionPage, lang: str) -> html.Div:
    first = got.page * got.page_size + 1
    last = got.page * got.page_size + len(got.rows)
    return html.Div([
        html.Button(t("sg.prev", lang), n_clicks=0, className="secondary", disabled=got.page == 0,
                    id={"type": "suggestions-pager", "step": -1}),
        html.Span(t("sg.count", lang, total=got.total, first=first if got.rows else 0, last=last),
                  id="suggestions-count", className="hint"),
        html.Button(t("sg.next", lang), n_clicks=0, className="secondary", disabled=got.page + 1 >= got.pages,
                    id={"type": "suggestions-pager", "step": 1}),
    ], className="toolbar")


def suggestion_list(lang: str, tab: str, page: int) -> Any:
    gate = Gate.current()
    if tab == DIGEST:
        return _digest(lang, gate)
    tab = tab if tab in LISTS else "open"
    got = gate.suggestions(tab, page)
    if not got.rows and got.page > 0:
        got = gate.suggestions(tab, 0)
    export = [html.Div([html.Button(t("sg.export", lang), id="suggestions-export", n_clicks=0),
                        html.Span(t("sg.export_hint", lang), className="hint")], className="toolbar")] \
        if tab == "accepted" and _may(gate, "action:export") else []
    if not got.rows:
        return html.Div([*export, empty_state(lang, f"sg.none.{tab}")], id=f"suggestions-{tab}")
    labels = gate.household_names([r["household_id"] for r in got.rows], lang)
    decide = _may(gate, "action:suggestion_decide")
    person_page = _may(gate, "page:person")
    cards = [suggestion_card(r, lang, labels.get(r["household_id"]), decide=decide, person_page=person_page)
             for r in got.rows]
    readonly = [] if decide else [html.P(t("sg.readonly", lang), className="hint")]
    return html.Div([*export, *readonly, _pager(got, lang), html.Div(cards, className="suggestion-cards")],
                    id=f"suggestions-{tab}")


def _digest(lang: str, gate: Gate) -> html.Div:
    d = gate.suggestion_digest()
    counts = html.P(t("sg.digest.counts", lang, **d["counts"]), id="suggestions-digest-counts")
    if not d["runs"]:
        return html.Div([counts, empty_state(lang, "sg.digest.none")], id="suggestions-digest")
    columns = {"as_of": "sg.col.as_of", "since": "sg.col.since", "load_id": "sg.col.load",
               "households": "sg.col.households", "created": "sg.col.created", "updated": "sg.col.updated",
               "reraised": "sg.col.reraised", "by_rule": "sg.col.by_rule", "seconds": "sg.col.seconds"}
    rows = [{**r, "by_rule": ", ".join(f"{rule_label(k, lang)} {r['by_rule'][k]}"
                                       for k in rules_sorted(list(r["by_rule"])))} for r in d["runs"]]
    runs = data_table("suggestions-runs", rows, columns=list(columns),
                      headers={c: t(k, lang) for c, k in columns.items()}, page_size=10, lang=lang)
    written = html.Ul([html.Li([dcc.Link(w["household_id"], href=f"/household/{w['household_id']}"), " · ",
                                t(f"sg.status.{w.get('status')}", lang), " · ",
                                ", ".join(rule_label(r, lang) for r in rules_sorted(w.get("rules")))])
                       for w in d["written"]], id="suggestions-digest-written")
    return html.Div([counts, html.H3(t("sg.digest.runs", lang)), runs, html.H3(t("sg.digest.written", lang)),
                     written, *_people_changes(d["people"], lang)], id="suggestions-digest")


def _people_changes(people: dict[str, Any], lang: str) -> list[Any]:
    """The newest resolution run's merged and split people, each linked to its person page."""
    def person(pid: str) -> dcc.Link:
        return dcc.Link(pid, href=f"/person/{pid}")

    def items(rows: list[dict[str, Any]], key: str) -> list[Any]:
        out = []
        for r in rows:
            others = [x for p in r[key] for x in (person(p), " ")]
            out.append(html.Li([person(r["person_id"]), " ← " if key == "from" else " → ", *others]))
        return out

    head = html.P(t("sg.digest.people_counts", lang, merged=people["merged_count"], split=people["split_count"],
                    ran=cell(people["run_at"]) or "-"), id="suggestions-digest-people-counts")
    return [html.H3(t("sg.digest.people", lang)), head,
            html.Ul(items(people["merged"], "from"), id="suggestions-digest-merged"),
            html.Ul(items(people["split"], "into"), id="suggestions-digest-split")]


# --- callbacks -----------------------------------------------------------------------------------
@callback(Output("suggestions-view", "data"), Input("suggestions-tabs", "value"),
          Input({"type": "suggestions-pager", "step": ALL}, "n_clicks"), State("suggestions-view", "data"),
          prevent_initial_call=True)
@guarded_callback(PERMISSION, message_slot=None)
def on_view(lang: str, _user: object, tab: str | None, _clicks: list[int], view: dict | None) -> Any:
    trig = ctx.triggered_id
    if trig == "suggestions-tabs":
        return {"tab": tab if tab in (*LISTS, DIGEST) else "open", "page": 0}
    if isinstance(trig, dict) and ctx.triggered and ctx.triggered[0].get("value"):
        view = view if isinstance(view, dict) else FIRST
        page = max(0, int(view.get("page") or 0) + int(trig["step"]))
        return {"tab": view.get("tab", "open"), "page": page}
    return no_update


@callback(Output("suggestions-list", "children", allow_duplicate=True), Input("suggestions-view", "data"),
          purpose_done("suggestions"), prevent_initial_call="initial_duplicate")
@guarded_callback(PERMISSION)
def on_show(lang: str, _user: object, view: dict | None, _purpose: str | None) -> Any:
    Gate.current().need_purpose()  # the list names people: the purpose-of-access dialog answers first
    view = view if isinstance(view, dict) else FIRST
    return suggestion_list(lang, str(view.get("tab") or "open"), int(view.get("page") or 0))


def _reason_for(household_id: str) -> str:
    """The text typed in the reason box of `household_id`'s card."""
    for item in (ctx.states_list[0] if ctx.states_list else []):
        if isinstance(item.get("id"), dict) and item["id"].get("household") == household_id:
            return item.get("value") or ""
    return ""


@callback(Output("suggestions-status", "children"), Output("suggestions-list", "children"),
          Input({"type": "suggestions-decide", "household": ALL, "decision": ALL}, "n_clicks"),
          State({"type": "suggestions-reason", "household": ALL}, "value"), State("suggestions-view", "data"),
          prevent_initial_call=True)
@guarded_callback(PERMISSION, outputs=2, message_slot=0)
def on_decide(lang: str, _user: object, _clicks: list[int], _reasons: list[str], view: dict | None) -> Any:
    trig = ctx.triggered_id
    if not isinstance(trig, dict) or not ctx.triggered or not ctx.triggered[0].get("value"):
        return no_update, no_update      # cards appearing (n_clicks 0) are not clicks
    hid, decision = str(trig.get("household") or ""), str(trig.get("decision") or "")
    reason = _reason_for(hid)
    if decision == "dismiss" and not reason.strip():
        refused = html.Span(t("sg.err.reason", lang), className="notice notice-error",
                            id="suggestions-refused")
        return refused, no_update
    gate = Gate.current()
    try:
        status = gate.decide_suggestion(hid, decision, reason)
    except SuggestionRefused as exc:
        return html.Span(t(exc.key, lang) if exc.key else str(exc), className="notice notice-error",
                         id="suggestions-refused"), no_update
    view = view if isinstance(view, dict) else FIRST
    label = gate.household_names([hid], lang).get(hid) or hid
    done = t("sg.accepted" if status == "accepted" else "sg.dismissed", lang, household=label)
    return html.Span(done, id="suggestions-done"), \
        suggestion_list(lang, str(view.get("tab") or "open"), int(view.get("page") or 0))


@callback(Output("suggestions-download", "data"),
          Output("suggestions-status", "children", allow_duplicate=True),
          Input("suggestions-export", "n_clicks"), prevent_initial_call=True)
@guarded_callback(PERMISSION, outputs=2, message_slot=1)
def on_export(lang: str, _user: object, clicks: int | None) -> Any:
    if not clicks:
        return no_update, no_update
    require("action:export")
    content, n = Gate.current().suggestion_export()
    return {"content": content, "filename": "council_cases-suggested.csv", "type": "text/csv"}, \
        html.Span(t("sg.exported", lang, n=n), id="suggestions-exported")
