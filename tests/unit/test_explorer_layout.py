"""The household explorer's readable graph, without a database: captions cut to the width the layout
reserves, label-aware placement (no two node-and-caption boxes overlap after any sequence of taps,
and nothing already placed moves), large fans as summary nodes split by kind and year, households
named by their members and 동, the filters and the timeline's date axis.

The neighbour table is hand-written and read by `FakeFetch`, which answers like the gate's fetch
(queries/app/neighbours.cypher, neighbour_groups.cypher, neighbour_slice.cypher)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest

from pages import explorer
from pages.components import elements, figures, labels, layout

PRIO = ["Person", "Household", "Address", "CouncilCase", "Call", "PoliceMeasure", "RiskAssessment", "Service",
        "CouncilMeasure", "Agency"]
DATE_FIELD = {"Call": "received_at", "Service": "date", "PoliceMeasure": "date", "CouncilCase": "meeting_date"}


def _n(nid: str, label: str, **props: Any) -> dict[str, Any]:
    return {"id": nid, "label": label, "props": {elements.KEYS[label]: nid, **props}}


def build_table() -> dict[str, list[tuple[dict[str, Any], str, bool]]]:
    """node id → [(neighbour node, relationship type, outgoing from the node)]."""
    table: dict[str, list[tuple[dict[str, Any], str, bool]]] = {}

    def link(a: dict[str, Any], b: dict[str, Any], rel: str) -> None:   # a -[rel]-> b
        table.setdefault(a["id"], []).append((b, rel, True))
        table.setdefault(b["id"], []).append((a, rel, False))

    h = _n("H", "Household")
    people = [_n("P1", "Person", name="김영희"), _n("P2", "Person", name="박철수"), _n("P3", "Person", name="박민준")]
    for p in people:
        link(p, h, "MEMBER_OF")
    link(h, _n("A1", "Address", text="제주특별자치도 제주시 연삼로 123 (이도이동)"), "LIVES_AT")
    station = _n("AG", "Agency", name="제주동부경찰서 중앙지구대", type="지구대·파출소")
    start = date(2022, 1, 1)
    for i in range(6):   # the household's own calls
        call = _n(f"C{i}", "Call", category="가정폭력", received_at=f"{start + timedelta(days=40 * i)}T10:00:00")
        link(people[i % 2], call, "INVOLVED_IN")
        link(call, station, "HANDLED_BY")
    for i in range(300):   # the station's other calls: 2022 and 2023
        link(_n(f"X{i}", "Call", category="데이트폭력", received_at=f"{start + timedelta(days=2 * i)}T08:00:00"),
             station, "HANDLED_BY")
    for i in range(5):     # and a few without a date
        link(_n(f"U{i}", "Call", category="기타"), station, "HANDLED_BY")
    for i in range(3):
        link(_n(f"K{i}", "CouncilCase", case_type="가정폭력", meeting_date=f"2023-0{i + 1}-10"), station, "SUBMITTED_BY")
    for i in range(12):
        link(_n(f"S{i}", "Service", field="상담", date=f"2023-02-{i + 1:02d}"), station, "BY_AGENCY")
    for i in range(40):
        link(station, _n(f"AG{i}", "Agency", name=f"기관{i}", type="기타"), "CO_INVOLVED")
    for i in range(45):   # a repeat victim: more events than the first view reads per member
        link(people[2], _n(f"V{i}", "Service", field="의료", date=f"{start + timedelta(days=9 * i)}"), "SUBJECT_OF")
    return table


def _day(node: dict[str, Any]) -> str:
    return str(node["props"].get(DATE_FIELD.get(node["label"], ""), "") or "")


def _year(node: dict[str, Any]) -> int:
    return int(_day(node)[:4]) if _day(node) else 0


class FakeFetch:
    """The gate's fetch over the hand-written table: neighbours by priority class, then newest
    first; every read is recorded."""

    def __init__(self, table: dict[str, list[tuple[dict[str, Any], str, bool]]]):
        self.table, self.calls = table, []

    def _found(self, nid: str, exclude: list[str], kinds: list[str] | None) -> list[tuple[dict[str, Any], str, bool]]:
        seen, out = set(exclude), []
        for m, rel, out_ in self.table.get(nid, []):
            if m["id"] not in seen and (kinds is None or m["label"] in kinds):
                out.append((m, rel, out_))
        return sorted(out, key=lambda f: (PRIO.index(f[0]["label"]), _day(f[0]) == "",
                                          "".join(chr(0x10FFFF - ord(c)) for c in _day(f[0])), f[0]["id"]))

    @staticmethod
    def _row(nid: str, found: list[tuple[dict[str, Any], str, bool]], total: int) -> dict[str, Any]:
        return {"nid": nid, "total": total, "items": [{"m": m, "rel": rel, "role": None, "outgoing": o}
                                                      for m, rel, o in found]}

    def __call__(self, ids: list[str], exclude: list[str], cap: int, types: list[str] | None,
                 agency: bool) -> list[dict[str, Any]]:
        self.calls.append(("neighbours", ids, types))
        rows = []
        for nid in ids:
            found = self._found(nid, exclude, types)
            if not found:
                continue
            kinds: list[dict[str, Any]] = []
            for m, _, _ in found:
                if kinds and kinds[-1]["labels"] == [m["label"]]:
                    kinds[-1]["k"] += 1
                else:
                    kinds.append({"labels": [m["label"]], "k": 1})
            rows.append({**self._row(nid, found[:cap], len(found)), "kinds": kinds})
        return rows

    def groups(self, node_id: str, exclude: list[str], kinds: list[str], by_year: bool,
               agency: bool) -> list[dict[str, Any]]:
        self.calls.append(("groups", node_id, kinds, by_year))
        counts: dict[tuple[str, int | None], int] = {}
        for m, _, _ in self._found(node_id, exclude, kinds):
            key = (m["label"], _year(m) if by_year else None)
            counts[key] = counts.get(key, 0) + 1
        return [{"label": label, "year": year, "n": n} for (label, year), n in counts.items()]

    def slice(self, node_id: str, exclude: list[str], kinds: list[str], years: list[int] | None, cap: int,
              agency: bool) -> list[dict[str, Any]]:
        self.calls.append(("slice", node_id, kinds, years))
        found = [f for f in self._found(node_id, exclude, kinds) if years is None or _year(f[0]) in years]
        found.sort(key=lambda f: (_day(f[0]) == "", "".join(chr(0x10FFFF - ord(c)) for c in _day(f[0]))))
        return [self._row(node_id, found[:cap], len(found))] if found else []


@pytest.fixture()
def opened() -> tuple[dict[str, Any], FakeFetch]:
    fetch = FakeFetch(build_table())
    return explorer.initial_state(_n("H", "Household"), fetch=fetch), fetch


def _summaries(state: dict[str, Any], anchor: str | None = None) -> dict[str, dict[str, Any]]:
    return {i: n["data"] for i, n in state["nodes"].items()
            if n["data"]["type"] == "More" and (anchor is None or n["data"]["anchor"] == anchor)}


def _sealed_positions(state: dict[str, Any]) -> dict[str, tuple[float, float]]:
    return {k: (v[0], v[1]) for k, v in state["positions"].items()}


# --- captions --------------------------------------------------------------------------------
def test_captions_are_cut_to_the_reserved_width_with_an_ellipsis() -> None:
    assert labels.fit_line("가정폭력", 11) == "가정폭력"
    long = labels.fit_line("제주특별자치도 서귀포시 중산간동로 370, 102동 805호", 11)
    assert long.endswith("…") and labels.text_width(long, 11) <= labels.LINE_WIDTH
    lines = labels.wrap("제주특별자치도 제주시 연삼로 123 (이도이동) 그리고 더 긴 주소", 11)
    assert len(lines) == 2 and all(labels.text_width(line, 11) <= labels.LINE_WIDTH for line in lines)
    # Hangul is wider than digits; bold wider than regular; one line per newline
    assert labels.text_width("가가", 11) > labels.text_width("00", 11)
    assert labels.text_width("가", 13, bold=True) > labels.text_width("가", 13)
    w, h = labels.box("가정폭력\n2023-08-02", 11)
    assert w == labels.text_width("2023-08-02", 11) and h == pytest.approx(11 * (1 + labels.LINE_HEIGHT))


def test_event_captions_are_two_lines_kind_then_date() -> None:
    node = elements.node_element(_n("C1", "Call", category="가정폭력", received_at="2023-08-02T10:00:00"))
    assert node["data"]["display"] == "가정폭력\n2023-08-02"
    assert node["data"]["label"] == "가정폭력 2023-08-02"   # one line where a line is wanted


@pytest.mark.parametrize(("shown", "dong"), [
    ("제주특별자치도 제주시 연삼로 123 (이도이동)", "이도이동"),   # a road address names it in parentheses
    ("제주시 이도이동", "이도이동"),                          # as the council sees it
    ("제주특별자치도 제주시 애월읍 곽지리 123", "애월읍"),
    ("제주특별자치도 서귀포시 중산간동로 370, 102동 805호", ""),  # an apartment block is not a 동
    ("(보호시설 비공개)", ""),                              # a shelter's address says nothing
])
def test_dong_is_read_from_the_address_as_shown(shown: str, dong: str) -> None:
    assert labels.dong_of(shown) == dong


# --- the first view --------------------------------------------------------------------------
def test_first_view_has_no_overlapping_captions_and_is_the_same_every_time(opened) -> None:  # type: ignore[no-untyped-def]
    state, _ = opened
    assert state["positions"][state["root"]] == [0.0, 0.0]
    assert set(state["positions"]) == set(state["nodes"])
    assert layout.overlaps(state["nodes"], state["positions"]) == []
    again = explorer.initial_state(_n("H", "Household"), fetch=FakeFetch(build_table()))
    assert again["positions"] == state["positions"]
    # the household's people sit nearest to it (distances as the layout's rings measure them)
    dist = {i: ((p[0] / layout.STRETCH) ** 2 + p[1] ** 2) ** 0.5 for i, p in state["positions"].items()}
    assert max(dist[p] for p in ("P1", "P2", "P3")) < min(d for i, d in dist.items() if i.startswith(("C", "V")))


def test_first_view_summarises_what_a_member_has_beyond_the_newest(opened) -> None:  # type: ignore[no-untyped-def]
    state, _ = opened
    shown = [i for i in state["nodes"] if i.startswith("V")]
    assert len(shown) == explorer.MEMBER_EVENT_CAP
    rest = _summaries(state, "P3")
    assert [(d["kinds"], d["count"]) for d in rest.values()] == [(["Service"], 45 - explorer.MEMBER_EVENT_CAP)]
    # the newest were shown: the summary holds the oldest
    assert "V44" in state["nodes"] and "V0" not in state["nodes"]


def test_household_is_named_by_its_members_and_dong_never_its_id(opened) -> None:  # type: ignore[no-untyped-def]
    state, _ = opened
    d = state["nodes"]["H"]["data"]
    assert d["display"].split("\n") == ["김영희 · 박철수 외 1명", "이도이동"]
    assert "H" not in d["label"] and "H" not in d["display"]
    # masked names come from the people's captions (the gate's mask), in English too
    masked = explorer.initial_state(_n("H", "Household"), fetch=FakeFetch(build_table()), lang="en",
                                    mask=lambda kind, v: f"{v[0]}*{v[-1]}" if kind == "name" and v else (v or ""))
    assert masked["nodes"]["H"]["data"]["display"].split("\n")[0] == "김*희, 박*수 +1"


# --- taps ------------------------------------------------------------------------------------
def test_tapping_an_agency_adds_what_fits_and_summarises_the_rest(opened) -> None:  # type: ignore[no-untyped-def]
    state, fetch = opened
    before = set(state["nodes"])
    state, added = explorer.expand(state, "AG", fetch=fetch)
    new = set(state["nodes"]) - before
    # the three council cases fit and come whole; 305 calls, 12 services and 40 agencies do not
    assert {i for i in new if not i.startswith("more:")} == {"K0", "K1", "K2"}
    sums = {tuple(d["kinds"]): d for d in _summaries(state, "AG").values()}
    assert {k: d["count"] for k, d in sums.items()} == {("Call",): 305, ("Service",): 12, ("Agency",): 40}
    assert sums[("Call",)]["display"] == "112 신고\n305건" and sums[("Agency",)]["display"] == "기관\n40곳"
    assert added == len(new) == 6
    # no unrelated call reaches the timeline
    timeline = figures.timeline_figure(list(state["nodes"].values()))
    assert sum(len(tr.x) for tr in timeline.data if tr.name == "112 신고") == 6
    # tapping the agency again reads nothing twice: its summaries are what to tap
    state, added = explorer.expand(state, "AG", fetch=fetch)
    assert added == 0 and len(_summaries(state, "AG")) == 3


def test_a_summary_splits_by_year_then_adds_a_page_per_tap(opened) -> None:  # type: ignore[no-untyped-def]
    state, fetch = opened
    state, _ = explorer.expand(state, "AG", fetch=fetch)
    calls = next(i for i, d in _summaries(state, "AG").items() if d["kinds"] == ["Call"])
    state, added = explorer.expand(state, calls, fetch=fetch)
    assert calls not in state["nodes"]
    years = {d["year"]: d for d in _summaries(state, "AG").values() if d["kinds"] == ["Call"]}
    # 300 dated calls over 2022–2023 split by year; the 5 undated are few enough to add at once
    assert {y: d["count"] for y, d in years.items()} == {2022: 183, 2023: 117}
    assert {f"U{i}" for i in range(5)} <= set(state["nodes"])
    assert years[2023]["display"] == "112 신고 · 2023년\n117건"
    sid = years[2023]["id"]
    got: list[str] = []
    while sid in state["nodes"]:
        before = set(state["nodes"])
        state, added = explorer.expand(state, sid, fetch=fetch)
        page = sorted(set(state["nodes"]) - before)
        assert 0 < len(page) <= explorer.EXPAND_CAP and all(p.startswith("X") for p in page)
        got += page
        if sid in state["nodes"]:
            assert state["nodes"][sid]["data"]["count"] == 117 - len(got)
    assert len(got) == len(set(got)) == 117
    assert all(state["nodes"][g]["data"]["date"].startswith("2023") for g in got)


def test_a_small_summary_adds_its_items_at_once(opened) -> None:  # type: ignore[no-untyped-def]
    state, fetch = opened
    sid = next(iter(_summaries(state, "P3")))
    state, added = explorer.expand(state, sid, fetch=fetch)
    assert added == 5 and sid not in state["nodes"] and sid not in state["more"]
    assert {f"V{i}" for i in range(45)} <= set(state["nodes"])


def test_no_captions_overlap_and_nothing_placed_moves_after_a_sequence_of_taps(opened) -> None:  # type: ignore[no-untyped-def]
    state, fetch = opened
    rng = random.Random(36)
    for _ in range(14):
        before = _sealed_positions(state)
        summaries = list(_summaries(state))
        nodes = [i for i, n in state["nodes"].items() if n["data"]["type"] != "More"]
        tapped = rng.choice(summaries) if summaries and rng.random() < 0.7 else rng.choice(nodes)
        state, _ = explorer.expand(state, tapped, fetch=fetch)
        after = _sealed_positions(state)
        assert {k: after[k] for k in before if k in after} == {k: v for k, v in before.items() if k in after}
        assert set(after) == set(state["nodes"])
        assert layout.overlaps(state["nodes"], state["positions"]) == []
        # whole pixels: the browser writes 12.0 back as 12, and the state's signature is over its JSON
        assert all(type(c) is int for xy in state["positions"].values() for c in xy)
    assert len(state["nodes"]) > 150   # the sequence did grow the graph


def test_dragged_positions_are_kept_and_only_for_nodes_of_the_state(opened) -> None:  # type: ignore[no-untyped-def]
    state, fetch = opened
    browser = [{"data": {"id": "P1"}, "position": {"x": 900.4, "y": -400}},
               {"data": {"id": "not-ours"}, "position": {"x": 1, "y": 1}},
               {"data": {"id": "P2"}, "position": {"x": float("nan"), "y": 0}},
               {"data": {"id": "C1"}, "position": {"x": "1e9", "y": 0}},
               "junk", {"data": "junk"}]
    kept = dict(state["positions"])
    state = explorer.adopt_positions(state, browser)
    assert state["positions"]["P1"] == [900, -400]
    assert "not-ours" not in state["positions"]
    assert state["positions"]["P2"] == kept["P2"] and state["positions"]["C1"] == kept["C1"]
    # a tap next to the dragged node places around where it is now
    state, _ = explorer.expand(state, "P1", fetch=fetch)
    assert state["positions"]["P1"] == [900, -400]
    assert layout.overlaps(state["nodes"], state["positions"]) == []


def test_placement_looks_only_at_nearby_footprints() -> None:
    """A tap on a large canvas costs O(new × nearby): each candidate spot is compared with the
    footprints of its grid cells, not with every node."""
    nodes = {f"n{i}": {"data": {"id": f"n{i}", "type": "Call", "display": "가정폭력\n2023-08-02"}} for i in range(2600)}
    positions = {f"n{i}": [(i % 50) * 150.0, (i // 50) * 70.0] for i in range(2500)}
    compared, tried = 0, 0
    real_free = layout.FreeSpace.free

    def counting(self: layout.FreeSpace, r: layout.Rect) -> bool:
        nonlocal compared, tried
        compared += sum(len(self.grid.get(c, ())) for c in self._cells(r))
        tried += 1
        return real_free(self, r)

    layout.FreeSpace.free = counting  # type: ignore[method-assign]
    try:
        new = [f"n{i}" for i in range(2500, 2525)]
        pos = layout.place_new(nodes, positions, "n1225", new)
    finally:
        layout.FreeSpace.free = real_free  # type: ignore[method-assign]
    assert not layout.overlaps(nodes, {**positions, **pos})
    # the canvas is packed: the new nodes go round its edge, many spots are tried (the batch's
    # block first, then each node), and each is compared with the footprints of its cells only,
    # a few dozen at most of 2,500
    assert tried > 25 and compared / tried < 2500 / 20


def test_after_a_tap_the_canvas_fits_the_new_nodes_with_their_surroundings(opened) -> None:  # type: ignore[no-untyped-def]
    state, fetch = opened
    state, _ = explorer.expand(state, "AG", fetch=fetch)
    calls = next(i for i, d in _summaries(state, "AG").items() if d["kinds"] == ["Call"])
    state, _ = explorer.expand(state, calls, fetch=fetch)
    for _ in range(4):   # a graph larger than the canvas
        year = next(i for i, d in _summaries(state, "AG").items() if d.get("year") == 2022)
        state, _ = explorer.expand(state, year, fetch=fetch)
    focus = layout.focus_window(state["nodes"], state["positions"], state["focus"], width=900, height=560)
    assert focus is not None and set(state["focus"]) <= set(focus) and len(focus) < len(state["nodes"])
    x1, y1, x2, y2 = layout.extent(state["nodes"], {k: state["positions"][k] for k in focus})
    s1, t1, s2, t2 = layout.extent(state["nodes"], {k: state["positions"][k] for k in state["focus"]})
    assert x2 - x1 <= max(900, s2 - s1) and y2 - y1 <= max(560, t2 - t1)
    # a page of a summary gathers where the summary is: it fits the canvas at a readable zoom
    assert (s2 - s1) * 0.8 <= 900 and (t2 - t1) * 0.8 <= 560, (s2 - s1, t2 - t1)


# --- filters and timeline --------------------------------------------------------------------
def test_a_date_filter_hides_agencies_left_without_edges(opened) -> None:  # type: ignore[no-untyped-def]
    state, _ = opened
    drawn = {e["data"]["id"] for e in elements.filter_elements(state)}
    assert "AG" in drawn
    after = elements.filter_elements(state, date_from="2024-01-01")
    ids = {e["data"]["id"] for e in after}
    assert "AG" not in ids and not any(i.startswith("C") for i in ids)
    assert {"H", "P1", "P2", "P3", "A1"} <= ids   # the household, its people and address stay
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in after if "source" in e["data"])


def test_timeline_axis_shows_dates_not_times() -> None:
    one = figures.timeline_figure([{"data": {"id": "1", "type": "Call", "date": "2023-08-02", "label": "a"}}])
    axis = one.layout.xaxis
    lo, hi = (date.fromisoformat(x) for x in axis.range)
    assert (hi - lo).days >= 14   # a single day no longer zooms to hours
    assert {s.value for s in axis.tickformatstops} == {"%Y-%m-%d", "%Y-%m", "%Y"}
    assert axis.hoverformat == "%Y-%m-%d"
    empty = figures.timeline_figure([], "ko")
    assert "jss load" not in empty.layout.annotations[0].text


def test_relation_filter_hides_only_the_types_it_offers() -> None:
    """A relationship type the page does not list (a derived one, a new one) is never hidden by
    the relation checklist, so the node it alone links stays on the canvas."""
    state: dict[str, Any] = {"root": "p1"}
    elements.add_neighbour_rows(state, [{"nid": "p1", "total": 2, "items": [
        {"m": _n("p4", "Person", name="이순자"), "rel": "VICTIM_SUSPECT_PAIR", "role": None, "outgoing": True},
        {"m": _n("c1", "Call", category="스토킹"), "rel": "INVOLVED_IN", "role": "suspect", "outgoing": True}]}])
    state["nodes"]["p1"] = elements.node_element(_n("p1", "Person", name="박철수"))
    offered = ["INVOLVED_IN", "MEMBER_OF"]
    ids = {e["data"]["id"] for e in elements.filter_elements(state, relations=offered, known_relations=offered)}
    assert {"p1", "p4", "c1"} <= ids
    ids = {e["data"]["id"] for e in elements.filter_elements(state, relations=["MEMBER_OF"], known_relations=offered)}
    assert "c1" not in ids and "p4" in ids   # its edge unticked, the call left without one
