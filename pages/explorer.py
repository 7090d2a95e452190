"""The household explorer's graph state and how it grows, as plain functions over a `fetch`
callable (the data gate's `Gate.fetcher`, which expands only what it signed), so callbacks stay thin
and the logic is testable.

State (kept in a dcc.Store): `{"root", "nodes": {id: element}, "edges": {id: element},
"positions": {id: [x, y]}, "more": {anchor id: remaining}}`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pages.components.elements import EVENT_TYPES, Mask, add_neighbour_rows, more_node, no_mask
from pages.components.i18n import t
from pages.components.layout import compute_positions, place_around

# (ids, exclude, cap, types, agency): `agency` says the ids are agencies (queries.db.neighbours).
Fetch = Callable[[list[str], list[str], int, list[str] | None, bool], list[dict[str, Any]]]

EXPAND_CAP = 25        # neighbours added per tap
MEMBER_EVENT_CAP = 40  # events per member in the first view
EVENT_LINK_CAP = 6     # agencies / council links per event in the first view
MAX_ELEMENTS = 2500    # beyond this, taps stop adding (the browser stays responsive)
# What a council member's tap may add: events and agencies, never other people or households.
COUNCIL_TYPES = [*EVENT_TYPES, "Agency"]


def initial_state(root: dict[str, Any], *, fetch: Fetch, lang: str = "ko", mask: Mask = no_mask) -> dict[str, Any]:
    """The first view of a household (or a person): its members and address, the members' events,
    and the agencies and council items attached to those events; laid out on the server."""
    from pages.components.elements import node_element

    state: dict[str, Any] = {"root": root["id"], "nodes": {root["id"]: node_element(root, mask)}, "edges": {},
                             "positions": {}, "more": {}}
    rows = fetch([root["id"]], [], 60, None, False)
    add_neighbour_rows(state, rows, mask)
    _note_more(state, rows, lang)
    people = [i for i, n in state["nodes"].items() if n["data"]["type"] in ("Person", "PersonRecord")]
    if people:
        rows = fetch(people, list(state["nodes"]), MEMBER_EVENT_CAP, list(EVENT_TYPES) + ["Person", "Household"],
                     False)
        add_neighbour_rows(state, rows, mask)
        _note_more(state, rows, lang)
    events = [i for i, n in state["nodes"].items() if n["data"]["type"] in EVENT_TYPES]
    if events:
        rows = fetch(events, list(state["nodes"]), EVENT_LINK_CAP, ["Agency", "CouncilCase", "CouncilMeasure"],
                     False)
        # Agencies touch thousands of records: in the first view they are leaves, no "more" for events.
        add_neighbour_rows(state, rows, mask)
    ids = list(state["nodes"])
    edges = [(e["data"]["source"], e["data"]["target"]) for e in state["edges"].values()]
    state["positions"] = {k: list(v) for k, v in compute_positions(ids, edges).items()}
    _place_more_nodes(state)
    return state


def expand(state: dict[str, Any], node_id: str, *, fetch: Fetch, lang: str = "ko", mask: Mask = no_mask,
           cap: int = EXPAND_CAP,
           types: list[str] | None = None) -> tuple[dict[str, Any], int]:
    """Add up to `cap` unseen neighbours of `node_id` (or of the anchor of a "more" node) around
    it (only nodes with a label in `types`, when given). Returns the new state and how many nodes
    were added."""
    anchor = node_id
    node = state["nodes"].get(node_id)
    if node is not None and node["data"]["type"] == "More":
        anchor = node["data"]["anchor"]
    if anchor not in state["nodes"] or len(state["nodes"]) + len(state["edges"]) >= MAX_ELEMENTS:
        return state, 0
    shown = [i for i, n in state["nodes"].items() if n["data"]["type"] != "More"]
    rows = fetch([anchor], shown, cap, types, state["nodes"][anchor]["data"]["type"] == "Agency")
    new_ids = add_neighbour_rows(state, rows, mask)
    _note_more(state, rows, lang)
    centre = tuple(state["positions"].get(anchor, (0.0, 0.0)))
    taken = {k: tuple(v) for k, v in state["positions"].items()}
    for nid, pos in place_around(centre, new_ids, taken).items():  # type: ignore[arg-type]
        state["positions"][nid] = list(pos)
    _place_more_nodes(state)
    return state, len(new_ids)


def _note_more(state: dict[str, Any], rows: list[dict[str, Any]], lang: str) -> None:
    """Keep one "N more" node per anchor with unseen neighbours; drop it when none remain."""
    for row in rows:
        anchor = row["nid"]
        remaining = max(0, int(row.get("total") or 0) - len(row.get("items") or []))
        mid, eid = f"more:{anchor}", f"more:{anchor}|edge"
        if remaining > 0:
            node, edge = more_node(anchor, remaining, t("hh.more", lang, n=remaining))
            state["nodes"][mid], state["edges"][eid] = node, edge
            state["more"][anchor] = remaining
        else:
            state["nodes"].pop(mid, None)
            state["edges"].pop(eid, None)
            state["positions"].pop(mid, None)
            state["more"].pop(anchor, None)


def _place_more_nodes(state: dict[str, Any]) -> None:
    for anchor in state["more"]:
        mid = f"more:{anchor}"
        if mid in state["nodes"] and anchor in state["positions"]:
            x, y = state["positions"][anchor]
            state["positions"][mid] = [x + 60.0, y - 45.0]


def element_count(state: dict[str, Any]) -> int:
    return len(state.get("nodes", {})) + len(state.get("edges", {}))
