"""The household explorer's graph state and how it grows, as plain functions over a `fetch` (the
data gate's `Gate.fetcher`, which expands only what it signed and keeps a scoped user's answers in
scope), so callbacks stay thin and the logic is testable.

State (kept in a dcc.Store, signed by the gate): `{"root", "nodes": {id: element}, "edges": {id:
element}, "positions": {id: [x, y]}, "more": {summary id: anchor id}, "focus": [ids]}`. Positions
are whole pixels: the signature is over the state's JSON, and the browser writes 12.0 back as 12.

A tap adds a node's unseen neighbours when they are few (EXPAND_CAP at most). A large fan is
never cut to an arbitrary page: the kinds that fit are added whole and every other kind becomes a
summary node hung on the tapped node ("112 신고 / 944건"). Tapping a summary adds its items when
they fit, else splits it by kind, then by year; a year still too large is added newest first, a
page per tap. Positions are computed here: the first view from the household outward, and each
tap's new nodes in the free space around the tapped node, every node keeping its caption's box
free; nothing already on the canvas moves.
"""

from __future__ import annotations

import math
from typing import Any, Protocol

from pages.components.elements import (
    EVENT_TYPES,
    Mask,
    add_neighbour_rows,
    display_text,
    no_mask,
    node_element,
    summary_node,
)
from pages.components.i18n import t
from pages.components.labels import dong_of
from pages.components.layout import place_new, radial_positions

EXPAND_CAP = 25        # neighbours read per tap; a summary's slice adds at most this many
MEMBER_EVENT_CAP = 40  # events per member in the first view
EVENT_LINK_CAP = 6     # agencies / council links per event in the first view
MAX_ELEMENTS = 2500    # beyond this, taps stop adding (the browser stays responsive)
DIRECT = 8             # a kind or a year this small is added at once rather than summarised
# What a council member's tap may add: events and agencies, never other people or households.
COUNCIL_TYPES = [*EVENT_TYPES, "Agency"]


class Fetch(Protocol):
    """Neighbour reads of the explorer (queries.gate.Gate.fetcher)."""

    def __call__(self, ids: list[str], exclude: list[str], cap: int, types: list[str] | None,
                 agency: bool) -> list[dict[str, Any]]:
        """Per node of `ids`: `{nid, total, items, kinds: [{labels, k}]}` (queries/app/neighbours.cypher)."""
        ...

    def groups(self, node_id: str, exclude: list[str], kinds: list[str], by_year: bool,
               agency: bool) -> list[dict[str, Any]]:
        """Unseen neighbours of `node_id` with a label in `kinds`, counted `{label, year, n}` (year
        None unless `by_year`; 0 when undated)."""
        ...

    def slice(self, node_id: str, exclude: list[str], kinds: list[str], years: list[int] | None, cap: int,
              agency: bool) -> list[dict[str, Any]]:
        """The newest `cap` of those (in `years` when given) as one neighbours row."""
        ...


def shown_ids(state: dict[str, Any]) -> list[str]:
    return [i for i, n in state["nodes"].items() if n["data"]["type"] != "More"]


def initial_state(root: dict[str, Any], *, fetch: Fetch, lang: str = "ko", mask: Mask = no_mask) -> dict[str, Any]:
    """The first view of a household (or a person): its members and address, the members' events
    (a summary for each kind past MEMBER_EVENT_CAP), and the agencies and council items attached to
    those events; laid out on the server."""
    state: dict[str, Any] = {"root": root["id"], "nodes": {root["id"]: node_element(root, mask, lang)}, "edges": {},
                             "positions": {}, "more": {}}
    rows = fetch([root["id"]], [], 60, None, False)
    add_neighbour_rows(state, rows, mask, lang)
    for row in rows:
        _summarise_rest(state, row, lang)
    people = [i for i, n in state["nodes"].items() if n["data"]["type"] in ("Person", "PersonRecord")]
    if people:
        rows = fetch(people, shown_ids(state), MEMBER_EVENT_CAP, list(EVENT_TYPES) + ["Person", "Household"],
                     False)
        add_neighbour_rows(state, rows, mask, lang)
        for row in rows:
            _summarise_rest(state, row, lang)
    events = [i for i, n in state["nodes"].items() if n["data"]["type"] in EVENT_TYPES]
    if events:
        rows = fetch(events, shown_ids(state), EVENT_LINK_CAP, ["Agency", "CouncilCase", "CouncilMeasure"], False)
        # Agencies touch thousands of records: in the first view they are leaves, no summary for events.
        add_neighbour_rows(state, rows, mask, lang)
    name_households(state, lang)
    edges = [(e["data"]["source"], e["data"]["target"]) for e in state["edges"].values()]
    state["positions"] = {k: [round(x), round(y)]
                          for k, (x, y) in radial_positions(state["nodes"], edges, root["id"]).items()}
    return state


def expand(state: dict[str, Any], node_id: str, *, fetch: Fetch, lang: str = "ko", mask: Mask = no_mask,
           cap: int = EXPAND_CAP, types: list[str] | None = None) -> tuple[dict[str, Any], int]:
    """A tap on `node_id`: its unseen neighbours (only labels in `types`, when given) are added
    around it, or summarised; a tap on a summary adds or splits that slice. Returns the new state
    and how many nodes were added (summaries included)."""
    node = state["nodes"].get(node_id)
    if node is None or len(state["nodes"]) + len(state["edges"]) >= MAX_ELEMENTS:
        return state, 0
    if node["data"]["type"] == "More":
        new_ids, towards, anchor = _open_summary(state, node_id, fetch=fetch, lang=lang, mask=mask, cap=cap,
                                                 types=types)
    else:
        new_ids, towards, anchor = _expand_node(state, node_id, fetch=fetch, lang=lang, mask=mask, cap=cap,
                                                types=types), None, node_id
    if new_ids:
        name_households(state, lang)
        for nid, (x, y) in place_new(state["nodes"], state["positions"], anchor, new_ids, towards=towards).items():
            state["positions"][nid] = [round(x), round(y)]
        # What the canvas shows next: the tapped node and what it added (pages/household.py: render).
        state["focus"] = [anchor, *new_ids]
    return state, len(new_ids)


def _expand_node(state: dict[str, Any], anchor: str, *, fetch: Fetch, lang: str, mask: Mask, cap: int,
                 types: list[str] | None) -> list[str]:
    agency = state["nodes"][anchor]["data"]["type"] == "Agency"
    rows = fetch([anchor], shown_ids(state), cap, types, agency)
    row = next((r for r in rows if r["nid"] == anchor), None)
    if row is None:
        return []
    # What a summary of this node already holds is added from that summary, never twice.
    summarised = {k for sid, a in state["more"].items() if a == anchor and sid in state["nodes"]
                  for k in state["nodes"][sid]["data"]["kinds"]}
    items = [i for i in row.get("items") or [] if i["m"]["label"] not in summarised]
    kinds = [k for k in row.get("kinds") or [] if not set(k["labels"]) & summarised and int(k["k"]) > 0]
    if int(row.get("total") or 0) <= cap or not row.get("kinds"):
        return add_neighbour_rows(state, [{**row, "items": items}], mask, lang)
    # Too many to show: the kinds read whole that fit are added, every other kind is summarised.
    got = _count_by_label(items)
    whole: set[str] = set()
    rest: list[dict[str, Any]] = []
    taken = 0
    for kind in kinds:
        k = int(kind["k"])
        if sum(got.get(label, 0) for label in kind["labels"]) >= k and taken + k <= cap:
            whole.update(kind["labels"])
            taken += k
        else:
            rest.append(kind)
    new = add_neighbour_rows(state, [{**row, "items": [i for i in items if i["m"]["label"] in whole]}], mask, lang)
    for kind in rest:
        new.append(_put_summary(state, anchor, list(kind["labels"]), None, int(kind["k"]), lang))
    return new


def _summarise_rest(state: dict[str, Any], row: dict[str, Any], lang: str) -> None:
    """In the first view: a summary for what each kind had beyond the newest read."""
    got = _count_by_label(row.get("items") or [])
    for kind in row.get("kinds") or []:
        rest = int(kind["k"]) - sum(got.get(label, 0) for label in kind["labels"])
        if rest > 0 and row["nid"] in state["nodes"]:
            _put_summary(state, row["nid"], list(kind["labels"]), None, rest, lang)


def _open_summary(state: dict[str, Any], sid: str, *, fetch: Fetch, lang: str, mask: Mask, cap: int,
                  types: list[str] | None) -> tuple[list[str], tuple[float, float] | None, str]:
    d = state["nodes"][sid]["data"]
    anchor, kinds, year, count = d["anchor"], list(d["kinds"]), d.get("year"), int(d.get("count") or 0)
    where = state["positions"].get(sid)
    towards = (float(where[0]), float(where[1])) if where else None
    if anchor not in state["nodes"]:
        _drop_summary(state, sid)
        return [], towards, anchor
    if types is not None:   # a scoped user's summary holds only what its taps may add
        kinds = [k for k in kinds if k in types]
    agency = state["nodes"][anchor]["data"]["type"] == "Agency"
    shown = shown_ids(state)
    if len(kinds) > 1 and count > cap:
        groups = [g for g in fetch.groups(anchor, shown, kinds, False, agency) if int(g["n"]) > 0]
        parts = [([g["label"]], None, int(g["n"])) for g in groups]
    elif year is None and count > cap:
        groups = [g for g in fetch.groups(anchor, shown, kinds, True, agency) if int(g["n"]) > 0]
        parts = [(kinds, int(g["year"] or 0), int(g["n"])) for g in sorted(groups, key=lambda g: -int(g["year"] or 0))]
    else:
        parts = []
    if len(parts) > 1:
        _drop_summary(state, sid)
        # Small parts are added at once (newest first, while the tap's cap allows); the others
        # become summaries of their own.
        direct, taken = [], 0
        for part in parts:
            if part[2] <= DIRECT and taken + part[2] <= cap:
                direct.append(part)
                taken += part[2]
        new: list[str] = []
        if direct:
            by_year = year is None and len(kinds) == 1
            rows = fetch.slice(anchor, shown, sorted({k for p in direct for k in p[0]}),
                               [int(p[1] or 0) for p in direct] if by_year else None, taken, agency)
            new += add_neighbour_rows(state, rows, mask, lang)
        for part in parts:
            if part not in direct:
                new.append(_put_summary(state, anchor, part[0], part[1], part[2], lang))
        return new, towards, anchor
    # One slice (a small summary, or a kind with a single year): its newest `cap`, a page per tap.
    if len(parts) == 1:
        kinds, year = parts[0][0], parts[0][1] if parts[0][1] is not None else year
    rows = fetch.slice(anchor, shown, kinds, None if year is None else [int(year)], cap, agency)
    row = next((r for r in rows if r["nid"] == anchor), {"total": 0, "items": []})
    new = add_neighbour_rows(state, rows, mask, lang)
    left = int(row.get("total") or 0) - len({i["m"]["id"] for i in row.get("items") or []})
    if left > 0:
        _update_summary(state, sid, left, lang)
    else:
        _drop_summary(state, sid)
    return new, towards, anchor


def _count_by_label(items: list[dict[str, Any]]) -> dict[str, int]:
    seen: dict[str, str] = {}
    for item in items:
        seen[item["m"]["id"]] = item["m"]["label"]
    out: dict[str, int] = {}
    for label in seen.values():
        out[label] = out.get(label, 0) + 1
    return out


def summary_lines(kinds: list[str], year: int | None, count: int, lang: str) -> list[str]:
    """["112 신고", "944건"], ["112 신고 · 2023년", "312건"], ["기관", "12곳"] …"""
    kind = "·".join(t(f"type.{k}", lang) for k in kinds)
    if year is not None:
        kind = t("hh.sum_year", lang, kind=kind, year=year) if year else t("hh.sum_undated", lang, kind=kind)
    unit = ("hh.sum_count_people" if set(kinds) <= {"Person", "PersonRecord"}
            else "hh.sum_count_agencies" if kinds == ["Agency"] else "hh.sum_count")
    return [kind, t(unit, lang, n=f"{count:,}")]


def _put_summary(state: dict[str, Any], anchor: str, kinds: list[str], year: int | None, count: int,
                 lang: str) -> str:
    node, edge = summary_node(anchor, kinds, year, count, summary_lines(kinds, year, count, lang))
    sid = node["data"]["id"]
    state["nodes"][sid], state["edges"][edge["data"]["id"]] = node, edge
    state["more"][sid] = anchor
    return sid


def _update_summary(state: dict[str, Any], sid: str, count: int, lang: str) -> None:
    """A summary with fewer items left: same place (its caption only gets shorter)."""
    d = state["nodes"][sid]["data"]
    lines = summary_lines(d["kinds"], d.get("year"), count, lang)
    state["nodes"][sid]["data"] = {**d, "count": count, "label": " ".join(lines),
                                   "display": display_text("More", lines)}


def _drop_summary(state: dict[str, Any], sid: str) -> None:
    state["nodes"].pop(sid, None)
    state["edges"].pop(f"{sid}|edge", None)
    state["positions"].pop(sid, None)
    state["more"].pop(sid, None)


def name_households(state: dict[str, Any], lang: str) -> None:
    """Name each household by its members on the canvas (their captions: masked as the role
    requires) and its 동 (from its address's caption, masked likewise), never by its id."""
    nodes, members, places = state["nodes"], {}, {}
    for edge in state["edges"].values():
        d = edge["data"]
        if d["rel"] == "MEMBER_OF" and d["target"] in nodes:
            members.setdefault(d["target"], []).append(d["source"])
        elif d["rel"] == "LIVES_AT" and d["target"] in nodes:
            places.setdefault(d["source"], []).append(d["target"])
    for hid, node in nodes.items():
        if node["data"]["type"] != "Household":
            continue
        names = [nodes[p]["data"]["label"] for p in members.get(hid, []) if p in nodes]
        shown = [nodes[x]["data"]["label"] for x in places.get(hid, []) if x in nodes]
        area = next((d for d in map(dong_of, shown) if d), "") or next((a for a in map(area_of, shown) if a), "")
        lines = [members_text(names, lang) or t("type.Household", lang), area]
        node["data"] = {**node["data"], "label": " · ".join(x for x in lines if x),
                        "display": display_text("Household", lines)}


def members_text(names: list[str], lang: str) -> str:
    """"김*희 · 박*수 외 2명", or "김*희 외 3명" when two names do not fit on the caption's line."""
    if len(names) <= 1:
        return names[0] if names else ""
    two = (t("hh.members_two", lang, a=names[0], b=names[1]) if len(names) == 2
           else t("hh.members_two_more", lang, a=names[0], b=names[1], n=len(names) - 2))
    if "…" not in display_text("Household", [two, "-"]):
        return two
    return t("hh.members_more", lang, name=names[0], n=len(names) - 1)


def area_of(address: str) -> str:
    """The 동 of a (masked) address, else its 시·군·구 ("제주시"); nothing for a withheld one."""
    dong = dong_of(address)
    if dong:
        return dong
    words = [w for w in address.replace(",", " ").split() if w.endswith(("시", "군", "구")) and len(w) > 1]
    return words[-1] if words and not address.startswith("(") else ""


def adopt_positions(state: dict[str, Any], elements: Any) -> dict[str, Any]:
    """Where the analyst dragged nodes in the browser (dash-cytoscape sends the elements back with
    their positions), so that the next tap places new nodes around what is on the screen. Only
    nodes of the state are taken, and only finite coordinates."""
    if not isinstance(elements, list):
        return state
    for el in elements:
        if not isinstance(el, dict) or not isinstance(el.get("data"), dict) or not isinstance(el.get("position"), dict):
            continue
        nid, pos = el["data"].get("id"), el["position"]
        if nid not in state["nodes"] or nid not in state["positions"]:
            continue
        try:
            x, y = float(pos.get("x")), float(pos.get("y"))
        except (TypeError, ValueError):
            continue
        if math.isfinite(x) and math.isfinite(y) and abs(x) < 1e6 and abs(y) < 1e6:
            state["positions"][nid] = [round(x), round(y)]
    return state


def element_count(state: dict[str, Any]) -> int:
    return len(state.get("nodes", {})) + len(state.get("edges", {}))
