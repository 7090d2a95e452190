"""The explorer's structure tools without a database: a connection's chain folded and put in
words, highlight and colour rules added to (and removed from) the graph's stylesheet, communities
and central people of a canvas network, and the data gate's connection search (purpose, scope:
chains leaving it are searched around and never returned; audit)."""

from __future__ import annotations

from typing import Any

import pytest

from auth.guard import User
from pages.components import structure
from pages.components.i18n import t
from pages.components.styles import stylesheet
from queries import gate as gatemod
from queries.gate import Gate, OutOfScope


def _node(eid: str, label: str, **props: Any) -> dict[str, Any]:
    return {"id": eid, "label": label, "props": props}


# 김*자 (victim) and 박*수 (suspect) on one call; records between them and the call
PATH = {"hops": 2, "nodes": [
    _node("p1", "Person", person_id="P1", name="김*자"),
    _node("r1", "PersonRecord", record_id="call_persons:C1:a"),
    _node("c1", "Call", call_id="C1", category="가정폭력", received_at="2023-08-02T21:10:00"),
    _node("r2", "PersonRecord", record_id="call_persons:C1:b"),
    _node("p2", "Person", person_id="P2", name="박*수"),
], "rels": [
    {"type": "RESOLVES_TO", "role": None, "start": "r1"},
    {"type": "INVOLVED_IN", "role": "victim", "start": "r1"},
    {"type": "INVOLVED_IN", "role": "suspect", "start": "r2"},
    {"type": "RESOLVES_TO", "role": None, "start": "r2"},
]}
HOUSEHOLD_PATH = {"hops": 3, "nodes": [
    _node("p1", "Person", person_id="P1", name="김*자"),
    _node("h1", "Household", household_id="H1"),
    _node("p3", "Person", person_id="P3", name="이*민"),
    _node("p2", "Person", person_id="P2", name="박*수"),
], "rels": [
    {"type": "MEMBER_OF", "role": None, "start": "p1"},
    {"type": "MEMBER_OF", "role": None, "start": "p3"},
    {"type": "RELATED_TO", "role": "spouse", "start": "p3"},
]}


def test_records_fold_into_their_person_and_the_chain_reads_in_words() -> None:
    stops, links = structure.fold(PATH)
    assert [s["id"] for s in stops] == ["p1", "c1", "p2"]
    assert [link["role"] for link in links] == ["victim", "suspect"]
    assert structure.chain_text(PATH, t, "ko", {}) == "김*자 —피해자— 112 신고 가정폭력 2023-08-02 —가해자— 박*수"
    assert structure.chain_text(PATH, t, "en", {}) == \
        "김*자 —Victim— 112 call Domestic violence 2023-08-02 —Suspect— 박*수"
    # a household without a name given is never named by its id
    assert structure.chain_text(HOUSEHOLD_PATH, t, "ko", {}) == \
        "김*자 —가구 구성원— 가구 —가구 구성원— 이*민 —배우자— 박*수"
    # a household by the name given for it (its members and 동); a person as the gate masked them
    assert structure.chain_text(HOUSEHOLD_PATH, t, "en", {"h1": "김*자 · 이*민 (연동)", "p1": "김영자"}) == \
        "김*자 —Household member— Household 김*자 · 이*민 (연동) —Household member— 이*민 —Spouse— 박*수"
    assert structure.households([PATH, HOUSEHOLD_PATH]) == {"H1": "h1"}


def test_a_chain_that_does_not_fold_is_shown_as_it_came() -> None:
    odd = {"nodes": PATH["nodes"][:3], "rels": PATH["rels"][:1]}
    stops, links = structure.fold(odd)
    assert len(stops) == 3 and len(links) == 1


def test_what_to_highlight_is_the_stops_and_their_consecutive_pairs() -> None:
    ids = structure.chain_ids([PATH, HOUSEHOLD_PATH])
    assert ids["nodes"] == ["p1", "c1", "p2", "h1", "p3"]
    assert ids["pairs"] == [["p1", "c1"], ["c1", "p2"], ["p1", "h1"], ["h1", "p3"], ["p3", "p2"]]


def test_overlay_rules_are_added_to_the_graph_stylesheet_and_replaced_not_piled_up() -> None:
    base = stylesheet()
    path = structure.chain_ids([PATH])
    once = structure.overlay(base, path=path, communities=[["p1", "c1"], ["p2"]])
    assert once[:len(base)] == base
    ours = once[len(base):]
    assert all(r["selector"].startswith(structure.MARKER) for r in ours)
    assert 'node[id = "p1"]' in ours[0]["selector"] and ours[0]["style"]["background-color"] == structure.PALETTE[0]
    edges = next(r for r in ours if "edge[source" in r["selector"])
    assert 'edge[source = "p1"][target = "c1"]' in edges["selector"] and \
        'edge[source = "c1"][target = "p1"]' in edges["selector"]
    assert structure.overlay(once, path=path, communities=[["p1", "c1"], ["p2"]]) == once
    assert structure.overlay(once) == base            # cleared: the graph's own stylesheet again
    quoted = structure.overlay(base, path={"nodes": ['a"] , node'], "pairs": []})[-1]["selector"]
    assert quoted.endswith('node[id = "a\\"] , node"]')   # an id cannot end its selector


def _state(people: dict[str, str], others: dict[str, str], edges: list[tuple[str, str]]) -> dict[str, Any]:
    nodes = {i: {"data": {"id": i, "type": "Person", "key": i.upper(), "label": name}} for i, name in people.items()}
    nodes |= {i: {"data": {"id": i, "type": typ, "key": i.upper(), "label": i}} for i, typ in others.items()}
    return {"nodes": nodes, "edges": {f"{a}|{b}": {"data": {"id": f"{a}|{b}", "source": a, "target": b}}
                                      for a, b in edges}}


def _two_families() -> dict[str, Any]:
    """Two families, each with its calls, joined only through 정*우's call with the second; a police
    station touches every call (left out of the structure, or it would be the centre)."""
    people = {"a1": "김*자", "a2": "박*수", "a3": "박*민", "b1": "최*희", "b2": "정*우", "b3": "정*아"}
    others = {f"c{i}": "Call" for i in range(1, 9)} | {"ha": "Household", "hb": "Household", "ag": "Agency"}
    edges = [("a1", "ha"), ("a2", "ha"), ("a3", "ha"), ("b1", "hb"), ("b2", "hb"), ("b3", "hb")]
    edges += [("a1", "c1"), ("a2", "c1"), ("a1", "c2"), ("a2", "c2"), ("a3", "c3"), ("a1", "c3")]
    edges += [("b1", "c4"), ("b3", "c4"), ("b1", "c5"), ("b3", "c5"), ("b2", "c6"), ("b3", "c6")]
    edges += [("a2", "c7"), ("b2", "c7"), ("b2", "c8")]
    edges += [(f"c{i}", "ag") for i in range(1, 9)]
    return _state(people, others, edges)


def test_communities_and_central_people_of_the_canvas() -> None:
    state = _two_families()
    found = structure.summary(state)
    assert found is not None and found["people"] == 6 and found["nodes"] == 16   # without the agency
    groups = [set(c) for c in found["communities"]]
    assert len(groups) >= 2 and groups[0] == {"a1", "a2", "a3", "c1", "c2", "c3", "ha"}   # largest first
    assert not any({"a1", "b1"} & g == {"a1", "b1"} or {"a2", "b3"} <= g for g in groups)
    # the two who join the families lie between the others
    assert {c["label"] for c in found["central"][:2]} == {"박*수", "정*우"}
    assert [c["degree"] for c in found["central"][:2]] == [4, 4]
    assert structure.summary(state) == found                                     # seeded: the same every time
    assert sum(structure.community_people(c, state) for c in found["communities"]) == 6


def test_no_structure_where_it_would_not_help() -> None:
    couple = _state({"a": "김*자", "b": "박*수"}, {"c": "Call", "h": "Household"},
                    [("a", "c"), ("b", "c"), ("a", "h"), ("b", "h")])
    assert structure.summary(couple) is None
    assert structure.summary({"nodes": {}, "edges": {}}) is None


def test_a_large_canvas_is_summarised_quickly_enough() -> None:
    import time

    people = {f"p{i}": f"김*{i}" for i in range(600)}
    calls = {f"c{i}": "Call" for i in range(1800)}
    edges = [(f"p{i}", f"c{(3 * i + k) % 1800}") for i in range(600) for k in range(4)]
    state = _state(people, calls, edges)
    started = time.perf_counter()
    found = structure.summary(state)
    assert found is not None and found["nodes"] == 2400 and len(found["central"]) == 3
    assert time.perf_counter() - started < 5.0     # sampled betweenness: see people_betweenness


# --- the gate's connection search, against a fake database ---------------------------------------
OUTSIDE = _node("px", "Person", person_id="PX", name="최영수")   # someone of a household outside the scope
INSIDE_PATH = {"hops": 2, "nodes": [_node("p1", "Person", person_id="P1", name="김영자"),
                                    _node("h1", "Household", household_id="H1"),
                                    _node("p2", "Person", person_id="P2", name="박민수")],
               "rels": [{"type": "MEMBER_OF", "role": None, "start": "p1"},
                        {"type": "MEMBER_OF", "role": None, "start": "p2"}]}
OUTSIDE_PATH = {"hops": 2, "nodes": [INSIDE_PATH["nodes"][0], OUTSIDE, INSIDE_PATH["nodes"][2]],
                "rels": [{"type": "RELATED_TO", "role": "spouse", "start": "p1"},
                         {"type": "RELATED_TO", "role": "spouse", "start": "px"}]}


class FakeRunner:
    def __init__(self, answer: Any) -> None:
        self.answer, self.params = answer, []

    def read(self, text: str, params: dict[str, Any], **kw: Any) -> Any:
        self.params.append(params)

        class Result:
            rows = self.answer(params)
        return Result()


@pytest.fixture()
def fake(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    seen: dict[str, Any] = {"audit": []}
    monkeypatch.setattr(gatemod.audit, "record", lambda *a, **k: seen["audit"].append(k) or {})
    monkeypatch.setattr(Gate, "nodes_in_scope", lambda self, nodes: {n for n in nodes if n[1] != "PX"}
                        if self.scope.limited else set(nodes))

    def use(answer: Any) -> FakeRunner:
        seen["runner"] = FakeRunner(answer)
        monkeypatch.setattr(gatemod.db, "get_runner", lambda: seen["runner"])
        return seen["runner"]

    seen["use"] = use
    return seen


def test_an_analyst_gets_the_shortest_chains_and_the_view_is_audited(fake: dict[str, Any]) -> None:
    runner = fake["use"](lambda p: [OUTSIDE_PATH, INSIDE_PATH])
    found = Gate(User("a", "analyst"), "사례관리").connection("P1", "P2", max_hops=9, paths=1)
    assert found["status"] == "found" and found["max_hops"] == Gate.CONNECT_MAX_HOPS
    assert [n["id"] for n in found["paths"][0]["nodes"]] == ["p1", "px", "p2"]
    assert found["paths"][0]["nodes"][1]["props"]["name"] == "최영수"            # full detail after a purpose
    assert len(runner.params) == 1 and runner.params[0]["blocked"] == []
    entry = fake["audit"][0]
    assert entry["target_type"] == "connection" and entry["purpose"] == "사례관리"
    assert entry["ids"] == {"person": ["P1", "P2", "PX"]} and entry["detail"]["status"] == "found"


def test_a_council_chain_never_leaves_the_scope(fake: dict[str, Any]) -> None:
    # the shortest chain passes through PX (outside): searched again around it, the longer one inside is shown
    runner = fake["use"](lambda p: [INSIDE_PATH] if "px" in p["blocked"] else [OUTSIDE_PATH])
    found = Gate(User("c", "council"), "실무협의회 준비").connection("P1", "P2")
    assert [n["id"] for n in found["paths"][0]["nodes"]] == ["p1", "h1", "p2"]
    assert found["paths"][0]["nodes"][0]["props"]["name"] == "김*자"             # masked for the council
    assert [p["blocked"] for p in runner.params] == [[], ["px"]]
    assert "PX" not in str(fake["audit"]) and "최" not in str(found)


def test_a_council_chain_only_outside_the_scope_is_no_chain(fake: dict[str, Any]) -> None:
    runner = fake["use"](lambda p: [OUTSIDE_PATH])
    found = Gate(User("c", "council"), "실무협의회 준비").connection("P1", "P2")
    assert found == {"status": "none", "max_hops": Gate.CONNECT_MAX_HOPS, "hops": None, "paths": []}
    assert len(runner.params) == Gate.CONNECT_ROUNDS
    assert fake["audit"][0]["ids"] == {"person": ["P1", "P2"]}


def test_ends_outside_the_scope_and_a_missing_purpose_are_refused_before_any_read(fake: dict[str, Any]) -> None:
    from auth.purpose import PurposeRequired

    runner = fake["use"](lambda p: [INSIDE_PATH])
    with pytest.raises(OutOfScope):
        Gate(User("c", "council"), "실무협의회 준비").connection("P1", "PX")
    with pytest.raises(PurposeRequired):
        Gate(User("a", "analyst"), None).connection("P1", "P2")
    assert runner.params == []


def test_a_search_past_its_time_limit_says_so(fake: dict[str, Any]) -> None:
    from graph.errors import QueryTimeout

    def slow(_: dict[str, Any]) -> list[Any]:
        raise QueryTimeout("too slow")

    fake["use"](slow)
    found = Gate(User("a", "analyst"), "사례관리").connection("P1", "P2")
    assert (found["status"], found["paths"]) == ("timeout", [])
