"""Household explorer: search a person, open their household's network (people, calls, measures,
services, council cases, agencies), expand on tap, filter, read details and the timeline."""

from __future__ import annotations

import re
from typing import Any

import dash_cytoscape as cyto
from dash import Input, Output, State, callback, ctx, dcc, html, no_update, register_page

from auth.purpose import purpose_done, purpose_gate
from pages import explorer
from pages.common import empty_state, guarded_callback, guarded_layout
from pages.components import connect, details
from pages.components.codes import code_options
from pages.components.elements import filter_elements, risk_level
from pages.components.figures import timeline_figure
from pages.components.i18n import STRINGS, t
from pages.components.layout import focus_window
from pages.components.styles import legend_items, stylesheet
from queries import figures
from queries.gate import ExplorerFetch, Gate, OutOfScope

register_page(__name__, path="/household", path_template="/household/<household_id>", name="nav.household",
              order=1, permission="page:household")

RELATIONS = sorted(k.split(".", 1)[1] for k in STRINGS if k.startswith("rel."))
# The canvas fits the whole graph when a household opens; after a tap it fits the tapped node,
# what it added and their surroundings (pages/components/layout.py: focus_window), so that new
# captions are readable.
CANVAS_HEIGHT = 620
FIT_ALL = {"name": "preset", "fit": True, "padding": 30}
FIT_FOCUS = {**FIT_ALL, "eles": ".focus"}
AGENCY_TYPES = ["경찰서", "지구대·파출소", "해바라기센터", "가정폭력상담소", "성폭력상담소", "보호시설", "청소년쉼터",
                "아동보호전문기관", "의료기관", "정신건강복지센터", "법률지원기관", "읍면동주민센터", "가해자교정기관",
                "보호관찰소", "교육기관", "다문화가족지원센터", "기타"]


def layout(household_id: str | None = None, **_: Any) -> Any:
    return guarded_layout("page:household", lambda lang, user: _build(lang, household_id))


def _build(lang: str, household_id: str | None) -> html.Div:
    legend = html.Div([html.Strong(t("hh.legend", lang))] + [
        html.Span([html.Span(className=f"swatch shape-{shape}", style={"backgroundColor": colour}),
                   t(f"type.{typ}", lang)], className="legend-item") for typ, colour, shape in legend_items()
    ] + [html.Span([html.Span(className="swatch ring", style={"borderColor": c}), t(f"role.{r}", lang)],
                   className="legend-item") for r, c in (("victim", "#d62728"), ("suspect", "#222"),
                                                         ("child", "#ff9f1c"))]
        + [html.Span([html.Span(className="swatch summary"), t("hh.legend_summary", lang)], className="legend-item")],
        className="legend")
    filters = html.Details([
        html.Summary(t("hh.filters", lang)),
        html.Label(t("hh.date_range", lang)),
        dcc.DatePickerRange(id="household-dates", display_format="YYYY-MM-DD", month_format=t("date.month_format", lang), clearable=True,
                                    start_date_placeholder_text=t("f.from", lang),
                                    end_date_placeholder_text=t("f.to", lang)),
        html.Label(t("hh.relations", lang)),
        dcc.Checklist(id="household-rels", options=[{"label": t(f"rel.{r}", lang), "value": r} for r in RELATIONS],
                      value=RELATIONS, inline=True, className="checks"),
        html.Label(t("hh.agency_types", lang)),
        dcc.Checklist(id="household-agency-types", options=code_options("agency_type", AGENCY_TYPES, lang), value=AGENCY_TYPES, inline=True,
                      className="checks"),
    ], className="filters", open=False)
    return html.Div([
        html.H2(t("nav.household", lang)),
        html.Div([dcc.Input(id="household-search-input", type="search", placeholder=t("hh.search", lang),
                            debounce=False, className="search-input", n_submit=0),
                  html.Button(t("hh.search_button", lang), id="household-search-button", n_clicks=0),
                  html.Button(t("hh.reset", lang), id="household-reset", n_clicks=0, className="secondary")],
                 className="toolbar"),
        dcc.Loading(html.Div(id="household-search-results"), type="dot"),
        # Without a household: the hint to search, and no empty canvas or timeline below it.
        html.Div(empty_state(lang, "hh.pick") if not household_id else "", id="household-empty"),
        purpose_gate("household") if household_id else html.Div(),
        dcc.Store(id="household-key", data=household_id),
        dcc.Store(id="household-state"),
        html.Div(id="household-status", className="status"),
        html.Div([filters, html.Div([
            html.Div([
                # Not inside dcc.Loading: a hidden container would give the preset layout's fit a zero size.
                cyto.Cytoscape(id="household-graph", elements=[], layout=FIT_ALL,
                               stylesheet=stylesheet(), style={"width": "100%", "height": f"{CANVAS_HEIGHT}px"},
                               minZoom=0.1, maxZoom=2, boxSelectionEnabled=False),
                dcc.Loading(html.Div(id="household-loading"), type="circle"),
                html.Div(id="household-count", className="hint"),
                html.Div(t("hh.expand_hint", lang, cap=explorer.EXPAND_CAP), className="hint"),
                legend,
                connect.panel(lang),
            ], className="graph-col"),
            html.Aside([html.H3(t("hh.details", lang)),
                        html.Div(t("hh.details_empty", lang), id="household-details")], className="details"),
        ], className="explorer"),
            dcc.Graph(id="household-timeline", config={"displaylogo": False})],
            id="household-main", hidden=not household_id),
    ])


# --- search ----------------------------------------------------------------------------------
SEARCH_LIMIT = 25   # people listed per search; one more is read to know whether there are others
# Terms and ids that match no one: the warm-up compiles the plans of the first search and the first
# views without reading a personal value (nothing is read or shown, so nothing is audited).
WARM_SEARCHES = ("힣힣힣", "0000000000")
WARM_ID = "-"
# Neo4j caches a plan per parameter types, and a list's type includes its size bucket (0, 1, 2–10,
# 11–100, 101–1000, …): the neighbour queries are planned again, ≈1.4 s at national (3–16 s on a
# busy or freshly started 2-core machine), for each new combination of ids, exclude and types.
# These are the combinations the first view and taps send, first view first:
# (ids, exclude, cap, types, agency); 2, 11 and 101 stand for their buckets.
_FIRST_VIEW_TYPES = [*explorer.EVENT_TYPES, "Person", "Household"]
_LINK_TYPES = ["Agency", "CouncilCase", "CouncilMeasure"]
WARM_NEIGHBOURS = [
    (1, 0, 60, None, False),
    # (the largest national household: 27 members with 42 nodes shown, then 181 events with 253)
    *((ids, shown, explorer.MEMBER_EVENT_CAP, _FIRST_VIEW_TYPES, False)
      for ids, shown in ((1, 2), (2, 2), (2, 11), (11, 11))),
    *((ids, shown, explorer.EVENT_LINK_CAP, _LINK_TYPES, False)
      for ids, shown in ((1, 2), (2, 2), (2, 11), (11, 11), (11, 101), (101, 101))),
    *((1, shown, explorer.EXPAND_CAP, types, agency) for agency in (False, True) for shown in (2, 11, 101)
      for types in (None, explorer.COUNCIL_TYPES)),
]


def warm() -> None:
    """Compile the search's and the explorer's query plans at app start. After a restart at the
    national scale the first search took 2.5 s and the first household opened 3–6 s, nearly all of
    it planning."""
    figures.warm_explorer(WARM_SEARCHES, SEARCH_LIMIT + 1, WARM_ID, WARM_NEIGHBOURS)
    ExplorerFetch.warm(WARM_ID)   # the summaries' reads (a large fan split by kind and year)


def search_results(lang: str, text: str) -> html.Div:
    """The hits of a search: each person's name as the role may see it, birth year and household
    (named by its members and 동, Gate.household_names), linking to the household; the cap and the
    "more" hint; for a council or agency user the scope searched and what the search did not use."""
    if not text or not text.strip():
        return html.Div()
    gate = Gate.current()
    hits = gate.search(text, limit=SEARCH_LIMIT + 1)
    more = len(hits) > SEARCH_LIMIT or hits.partial
    rows = hits[:SEARCH_LIMIT]
    notes = []
    if gate.scope.limited:
        notes.append(html.Div(t(f"search.scope.{gate.scope.kind}", lang), className="hint search-scope"))
    if hits.searched_as:
        # (the text itself is not echoed back, even masked: the hint says only what was done)
        notes.append(html.Div(t("search.searched_as", lang), className="hint", id="household-search-searched-as"))
    if not rows:
        empty = t("search.no_results_scoped" if gate.scope.limited else "hh.no_results", lang)
        refine = [html.Div(t("search.partial", lang), className="hint")] if hits.partial else []
        return html.Div([html.Div(empty, className="empty-state"), *refine, *notes])
    names = gate.household_names([r["household_id"] for r in rows if r.get("household_id")], lang)
    items = []
    for r in rows:
        born = r.get("birth_year")
        household = names.get(r.get("household_id") or "") or t("search.no_household", lang)
        target = f"/household/{r['household_id']}" if r.get("household_id") else f"/person/{r['person_id']}"
        items.append(html.Li(dcc.Link([
            html.Span(r.get("name") or "", className="search-name"),
            html.Span(t("search.born", lang, year=born) if isinstance(born, int) else "", className="search-born"),
            html.Span(household, className="search-household"),
        ], href=target, className="search-hit")))
    refine = "search.partial" if hits.partial else "search.more_masked" if gate.scope.limited else "hh.more_results"
    hint = [html.Div(t(refine, lang, shown=SEARCH_LIMIT), className="hint", id="household-search-more")] if more else []
    return html.Div([html.Ul(items, className="search-results"), *hint, *notes])


@callback(Output("household-search-results", "children"),
          Input("household-search-button", "n_clicks"), Input("household-search-input", "n_submit"),
          State("household-search-input", "value"), prevent_initial_call=True)
@guarded_callback("page:household")
def on_search(lang: str, _user: object, _clicks: int, _submit: int, text: str | None) -> html.Div:
    return search_results(lang, text or "")


# --- graph state -----------------------------------------------------------------------------
def open_root(lang: str, label: str, key: str) -> tuple[dict[str, Any] | None, Any]:
    """The first view of household `key` as a state signed by the user's gate (which checks the
    purpose and the scope, and audits the view)."""
    gate = Gate.current()
    try:
        root = gate.open_root(label, key)
    except OutOfScope:
        return None, html.Div(t("hh.out_of_scope", lang), className="notice notice-refused")
    if root is None:
        return None, html.Div(f"{t('app.not_found', lang)}: {key}", className="notice notice-error")
    state = explorer.initial_state(root, lang=lang, mask=gate.mask, fetch=gate.fetcher(root=root))
    return gate.seal(state), ""


@callback(Output("household-state", "data"), Output("household-status", "children"),
          Output("household-loading", "children"),
          Input("household-key", "data"), Input("household-graph", "tapNodeData"),
          Input("household-reset", "n_clicks"), purpose_done("household"), State("household-state", "data"),
          State("household-graph", "elements"))
@guarded_callback("page:household", outputs=3, message_slot=1)
def on_graph_event(lang: str, _user: object, key: str | None, tapped: dict | None, _reset: int,
                   _purpose: str | None, state: dict | None, shown: Any = None) -> tuple[Any, Any, Any]:
    trigger = ctx.triggered_id
    if not key:
        return no_update, "", ""
    gate = Gate.current()
    gate.need_purpose()  # the purpose-of-access dialog answers first; until then nothing loads
    if trigger == "household-graph" and tapped and state:
        # Scoped users (council, agency) do not walk from a household into other people.
        types = explorer.COUNCIL_TYPES if gate.scope.limited else None
        # Nodes the analyst dragged stay where they are now, and new ones go around them.
        opened = explorer.adopt_positions(gate.opened(state), shown)
        state, _added = explorer.expand(opened, str(tapped.get("id")), lang=lang, mask=gate.mask,
                                        types=types, fetch=gate.fetcher(state))
        return gate.seal(state), "", ""
    if trigger == "household-graph":
        return no_update, "", ""
    new_state, message = open_root(lang, "Household", key)
    return new_state, message, ""


@callback(Output("household-graph", "elements"), Output("household-timeline", "figure"),
          Output("household-count", "children"), Output("household-graph", "layout"),
          Input("household-state", "data"), Input("household-dates", "start_date"),
          Input("household-dates", "end_date"), Input("household-rels", "value"),
          Input("household-agency-types", "value"), State("household-graph", "elements"))
@guarded_callback("page:household", outputs=4, message_slot=2)
def render(lang: str, _user: object, state: dict | None, start: str | None, end: str | None,
           rels: list[str] | None, agency_types: list[str] | None, shown: Any = None) -> tuple[Any, Any, Any, Any]:
    return draw(lang, state, start, end, rels, agency_types, shown, after_tap=ctx.triggered_id == "household-state")


def draw(lang: str, state: dict | None, start: str | None, end: str | None, rels: list[str] | None,
         agency_types: list[str] | None, shown: Any = None, *, after_tap: bool = False) -> tuple[Any, Any, Any, Any]:
    """The canvas's elements, the timeline, the count and the canvas's layout for a signed state
    and the filters: after a tap (`after_tap`) the canvas fits what the tap added."""
    if not state:
        return [], timeline_figure([], lang), "", FIT_ALL
    gate = Gate.current()
    state = gate.opened(state)
    # Nodes dragged since the last tap stay where the analyst put them when the filters change.
    state = explorer.adopt_positions({**state, "positions": dict(state["positions"])}, shown)
    elements = filter_elements(state, date_from=start, date_to=end, relations=rels, known_relations=RELATIONS,
                               agency_types=agency_types)
    for el in elements:  # roles on edges in the user's language (피해자 / Victim …)
        role = el["data"].get("role")
        if role and f"role.{role}" in STRINGS:
            el["data"] = {**el["data"], "label": t(f"role.{role}", lang)}
    apply_risk(elements, gate)
    layout = FIT_ALL
    if after_tap and state.get("focus"):
        focus = focus_window(state["nodes"], state["positions"], state["focus"])
        drawn = {e["data"]["id"] for e in elements}
        if focus and set(focus) & drawn:
            layout, chosen = FIT_FOCUS, set(focus)
            elements = [{**e, "classes": f"{e.get('classes', '')} focus".strip()} if e["data"]["id"] in chosen else e
                        for e in elements]
    nodes = [e for e in elements if "source" not in e["data"]]
    return elements, timeline_figure(nodes, lang), t("hh.elements", lang, n=len(elements)), layout


@callback(Output("household-dates", "start_date"), Output("household-dates", "end_date"),
          Output("household-rels", "value"), Output("household-agency-types", "value"),
          Input("household-reset", "n_clicks"), prevent_initial_call=True)
@guarded_callback("page:household", outputs=4, message_slot=None)
def on_reset(_lang: str, _user: object, _clicks: int) -> tuple[Any, Any, Any, Any]:
    """"처음 상태로": every filter cleared (the graph's first view comes back in on_graph_event)."""
    return None, None, list(RELATIONS), list(AGENCY_TYPES)


def apply_risk(elements: list[dict[str, Any]], gate: Gate) -> None:
    """Colour people by their current risk level (queries.risk), when the scores are ready: the
    fitted model's level when a model is in use, else the hand score's."""
    scores = gate.risk([e["data"].get("key") for e in elements if e["data"].get("type") == "Person"])
    if not scores:
        return
    for el in elements:
        d = el["data"]
        if d.get("type") == "Person" and d.get("key") in scores:
            s = scores[d["key"]]
            level = risk_level({"risk_level": s.model.level if s.model else s.level})
            el["data"] = {**d, "risk": level}
            el["classes"] = re.sub(r"risk\d", f"risk{level}", el.get("classes", ""))


@callback(Output("household-details", "children"), Input("household-graph", "tapNodeData"),
          State("household-state", "data"), prevent_initial_call=True)
@guarded_callback("page:household")
def on_tap_details(lang: str, _user: object, tapped: dict | None, state: Any) -> Any:
    if not tapped:
        return no_update
    return details.details_panel(lang, Gate.current(), state, str(tapped.get("id")))
