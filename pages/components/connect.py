"""The explorer's structure tools: how two people on the canvas are connected, and the
communities and central people of the household network shown.

- **Connection**: two people of the canvas (two dropdowns, or tapped in turn) → `Gate.connection`
  (purpose, scope, masking, audit; queries/app/connect_path.cypher) → the chain in words and
  highlighted on the graph. The dropdowns hold element ids of the signed explorer state; the gate
  turns them into people only through `Gate.node_of`.
- **Structure**: communities and central people of the network on the canvas, computed from the
  signed state (no read): pages/components/structure.py.

Highlighting and colours are stylesheet rules added to the graph's own stylesheet (marked, so
each update replaces only ours): the elements stay as the explorer draws them."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, callback, ctx, dcc, html, no_update

from pages.common import guarded_callback
from pages.components import structure
from pages.components.i18n import t
from queries.gate import Gate

HOPS = (2, 3, 4, 5, 6)
DEFAULT_HOPS = 4
PATHS_SHOWN = 3


def panel(lang: str) -> Any:
    hops = [{"label": t("connect.hops_option", lang, n=n), "value": n} for n in HOPS]
    return html.Div(id="household-connect", className="connect-panel", children=[
        html.H4(t("connect.title", lang)),
        html.P(t("connect.hint", lang), className="hint"),
        html.Div([
            dcc.Dropdown(id="household-connect-from", options=[], placeholder=t("connect.from", lang),
                         className="connect-person"),
            dcc.Dropdown(id="household-connect-to", options=[], placeholder=t("connect.to", lang),
                         className="connect-person"),
            dcc.Dropdown(id="household-connect-hops", options=hops, value=DEFAULT_HOPS, clearable=False,
                         searchable=False, className="connect-hops"),
            html.Button(t("connect.find", lang), id="household-connect-go", n_clicks=0),
            html.Button(t("connect.clear", lang), id="household-connect-clear", n_clicks=0, className="secondary"),
        ], className="connect-controls"),
        dcc.Loading(html.Div(id="household-connect-result", className="connect-result"), type="dot"),
        dcc.Store(id="household-connect-path"),
        dcc.Store(id="household-connect-groups"),
        html.Div(id="household-connect-structure", className="connect-structure", style={"display": "none"},
                 children=[
                     html.H4(t("connect.structure", lang)),
                     html.Div(id="household-connect-central"),
                     dcc.Checklist(id="household-connect-colour",
                                   options=[{"label": t("connect.colour", lang), "value": "on"}], value=[],
                                   inline=True, className="checks connect-colour"),
                     html.Div(id="household-connect-group-list"),
                     html.P(t("connect.structure_note", lang), className="hint"),
                 ]),
    ])


def _people(state: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(element id, caption, person_id) of the resolved people on the canvas, by caption."""
    out = [(nid, str(n["data"].get("label") or ""), str(n["data"].get("key") or ""))
           for nid, n in (state.get("nodes") or {}).items() if n["data"].get("type") == "Person"]
    return sorted(out, key=lambda p: (p[1], p[2]))


@callback(Output("household-connect-from", "options"), Output("household-connect-to", "options"),
          Input("household-state", "data"))
@guarded_callback("page:household", outputs=2, message_slot=None)
def on_people(lang: str, _user: object, state: Any) -> tuple[Any, Any]:
    """The people of the canvas as choices (a choice no longer on it is refused by on_find)."""
    if not state:
        return [], []
    options = [{"label": f"{caption} · {key}", "value": nid}
               for nid, caption, key in _people(Gate.current().opened(state))]
    return options, options


@callback(Output("household-connect-from", "value"), Output("household-connect-to", "value"),
          Input("household-graph", "tapNodeData"), State("household-connect-from", "value"),
          State("household-connect-to", "value"), State("household-state", "data"), prevent_initial_call=True)
@guarded_callback("page:household", outputs=2, message_slot=None)
def on_tap(lang: str, _user: object, tapped: Any, start: Any, end: Any, state: Any) -> tuple[Any, Any]:
    """A tapped person fills the first empty choice. Its own callback, on the tap alone: one that
    also ran on the state the tap changes could answer with the choices as they were before."""
    if not state or not isinstance(tapped, dict):
        return no_update, no_update
    ids = {nid for nid, _, _ in _people(Gate.current().opened(state))}
    tap = tapped.get("id")
    if tap not in ids:
        return no_update, no_update
    if not start and tap != end:
        return tap, no_update
    if not end and tap != start:
        return no_update, tap
    return no_update, no_update


@callback(Output("household-connect-result", "children"), Output("household-connect-path", "data"),
          Input("household-connect-go", "n_clicks"), Input("household-connect-clear", "n_clicks"),
          State("household-connect-from", "value"), State("household-connect-to", "value"),
          State("household-connect-hops", "value"), State("household-state", "data"),
          prevent_initial_call=True)
@guarded_callback("page:household", outputs=2, message_slot=0)
def on_find(lang: str, _user: object, _go: Any, _clear: Any, start: Any, end: Any, hops: Any,
            state: Any) -> tuple[Any, Any]:
    if ctx.triggered_id == "household-connect-clear" or not state:
        return "", None
    if not isinstance(start, str) or not isinstance(end, str) or start == end:
        return html.Div(t("connect.pick_two", lang), className="hint"), None
    gate = Gate.current()
    ends = [gate.node_of(state, start), gate.node_of(state, end)]  # only people of a state it signed
    if any(label != "Person" for label, _ in ends):
        return html.Div(t("connect.pick_two", lang), className="hint"), None
    max_hops = hops if hops in HOPS else DEFAULT_HOPS
    found = gate.connection(ends[0][1], ends[1][1], max_hops=max_hops, paths=PATHS_SHOWN)
    homes = structure.households(found.get("paths") or [])
    names = {homes[h]: name for h, name in gate.household_names(list(homes), lang).items() if h in homes} \
        if homes else {}
    return result_view(found, lang, set(gate.opened(state).get("nodes") or {}), names, scoped=gate.scope.limited)


def result_view(found: dict[str, Any], lang: str, on_canvas: set[str], names: dict[str, str], *,
                scoped: bool) -> tuple[Any, Any]:
    """The answer of `Gate.connection` in words, and what to highlight: the chains' nodes on the
    canvas get the path colour, the others are listed with a dashed border."""
    paths = found.get("paths") or []
    if found.get("status") == "timeout" and not paths:
        return html.Div(t("connect.timeout", lang), className="notice"), None
    if not paths:
        key = "connect.none_scope" if scoped else "connect.none"
        return html.Div(t(key, lang, n=found.get("max_hops")), className="notice connect-none"), None
    head = t("connect.found", lang, hops=found.get("hops"), paths=len(paths)) if len(paths) > 1 \
        else t("connect.found_one", lang, hops=found.get("hops"))
    chains, off = [], False
    for path in paths:
        stops, links = structure.fold(path)
        parts: list[Any] = []
        for i, stop in enumerate(stops):
            if i:
                parts.append(html.Span(f"—{structure.link_text(links[i - 1], t, lang)}—", className="connect-link"))
            on = stop.get("id") in on_canvas
            off |= not on
            parts.append(html.Span(structure.stop_text(stop, t, lang, names),
                                   className=f"connect-stop type-{stop.get('label')}" + ("" if on else " off-canvas"),
                                   title=t(f"type.{stop.get('label')}", lang)))
        chains.append(html.Li(parts, className="connect-chain"))
    notes = [html.P(t("connect.shown", lang), className="hint")]
    if off:
        notes.append(html.P(t("connect.off_canvas", lang), className="hint"))
    return html.Div([html.Strong(head), html.Ol(chains, className="connect-chains"), *notes]), \
        structure.chain_ids(paths)


@callback(Output("household-connect-structure", "style"), Output("household-connect-central", "children"),
          Output("household-connect-group-list", "children"), Output("household-connect-groups", "data"),
          Input("household-state", "data"))
@guarded_callback("page:household", outputs=4, message_slot=None)
def on_structure(lang: str, _user: object, state: Any) -> tuple[Any, ...]:
    hidden = ({"display": "none"}, "", "", None)
    if not state:
        return hidden
    state = Gate.current().opened(state)
    found = structure.summary(state)
    if found is None:
        return hidden
    return {}, central_view(found, lang), groups_view(found, state, lang), found["communities"]


def central_view(found: dict[str, Any], lang: str) -> Any:
    if not found["central"]:
        return ""
    items = [t("connect.central_item", lang, name=c["label"], degree=c["degree"]) for c in found["central"]]
    return html.Div([html.Strong(t("connect.central", lang) + ": "), html.Span(", ".join(items)),
                     html.P(t("connect.central_hint", lang), className="hint")], className="connect-central")


def groups_view(found: dict[str, Any], state: dict[str, Any], lang: str) -> Any:
    communities = found["communities"]
    if len(communities) < 2:
        return ""
    rows = [html.Li([html.Span(className="swatch", style={"backgroundColor": structure.PALETTE[i]}),
                     t("connect.group_item", lang, i=i + 1, people=structure.community_people(c, state), size=len(c))])
            for i, c in enumerate(communities[:len(structure.PALETTE)])]
    return html.Div([html.Span(t("connect.groups", lang, n=len(communities))), html.Ul(rows, className="connect-groups")])


@callback(Output("household-graph", "stylesheet", allow_duplicate=True),
          Input("household-connect-path", "data"), Input("household-connect-groups", "data"),
          Input("household-connect-colour", "value"), State("household-graph", "stylesheet"),
          prevent_initial_call=True)
@guarded_callback("page:household", message_slot=None)
def on_overlay(_lang: str, _user: object, path: Any, groups: Any, colour: Any, sheet: Any) -> Any:
    """The graph's stylesheet with the chain highlighted and, when asked, the groups coloured.
    Only element ids are involved (no read, nothing personal)."""
    if not isinstance(sheet, list):
        return no_update
    communities = [[str(i) for i in c if isinstance(i, str)] for c in groups if isinstance(c, list)] \
        if isinstance(groups, list) and isinstance(colour, list) and "on" in colour else None
    return structure.overlay(sheet, path=path if isinstance(path, dict) else None, communities=communities)
