"""The data gate's own rules, without a database: signed explorer state bound to its user, handles
only into a signed state, the scope of each role, and masking by declared kind (an undeclared
column refused; before a purpose no birth date or phone beside a name; secrets never shown)."""

from __future__ import annotations

import pytest

from auth import declared, masking
from auth.guard import AccessDenied, User
from queries import gate as gatemod
from queries.gate import ForgedState, Gate, scope_of

STATE = {"root": "4:x:1", "nodes": {
    "4:x:1": {"data": {"id": "4:x:1", "type": "Household", "key": "H1", "label": "H1"}},
    "4:x:2": {"data": {"id": "4:x:2", "type": "Person", "key": "P1", "label": "김*희"}},
    "more:4:x:1": {"data": {"id": "more:4:x:1", "type": "More", "anchor": "4:x:1", "label": "+3"}},
}, "edges": {}, "positions": {}, "more": {}}


def _gate(role: str = "analyst", name: str = "t_analyst", agency: str = "") -> Gate:
    return Gate(User(name, role, agency_id=agency), "사례관리")


def test_a_sealed_state_opens_for_its_user_only() -> None:
    sealed = _gate().seal(STATE)
    assert _gate().opened(sealed)["nodes"] == STATE["nodes"]
    with pytest.raises(ForgedState):
        _gate(name="t_other").opened(sealed)         # another user's state
    with pytest.raises(ForgedState):
        _gate(role="admin").opened(sealed)           # same name, another role
    with pytest.raises(ForgedState):
        _gate().opened(STATE)                        # never signed
    tampered = {**sealed, "nodes": {**sealed["nodes"], "4:x:9": {"data": {"id": "4:x:9", "type": "Person",
                                                                          "key": "P4", "label": "x"}}}}
    with pytest.raises(ForgedState):
        _gate().opened(tampered)                     # a node added in the browser
    assert isinstance(ForgedState("x"), AccessDenied)


def test_node_handles_and_fetches_only_reach_into_the_signed_state(monkeypatch: pytest.MonkeyPatch) -> None:
    g = _gate()
    sealed = g.seal(STATE)
    assert g.node_of(sealed, "4:x:2") == ("Person", "P1")
    for bad in ("4:x:9", "more:4:x:1"):
        with pytest.raises(ForgedState):
            g.node_of(sealed, bad)
    calls = []

    def neighbours(ids, exclude, cap, types, agency):  # noqa: ANN001, ANN202 - the db's signature
        calls.append(ids)
        return [{"nid": ids[0], "total": 1, "items": [{"m": {"id": "4:x:7", "label": "Call", "props": {}}}]}]

    monkeypatch.setattr(gatemod.db, "neighbours", neighbours)
    fetch = g.fetcher(sealed)
    fetch(["4:x:2"], [], 5, None, False)
    fetch(["4:x:7"], [], 5, None, False)            # a node its own earlier answer added
    with pytest.raises(ForgedState):
        fetch(["4:x:99"], [], 5, None, False)       # anything else
    assert calls == [["4:x:2"], ["4:x:7"]]


def test_scopes_by_role() -> None:
    assert scope_of(User("a", "analyst")).kind == "all" and not scope_of(User("a", "admin")).limited
    assert scope_of(User("c", "council")).kind == "agenda"
    agency = scope_of(User("w", "agency", agency_id="SV-JJ-01"))
    assert (agency.kind, agency.agency_id) == ("agency", "SV-JJ-01")
    with pytest.raises(AccessDenied):
        scope_of(User("w", "agency"))                # an agency user without an agency reads nothing


def test_purpose_is_required_before_a_record_opens() -> None:
    from auth.purpose import PurposeRequired

    with pytest.raises(PurposeRequired):
        Gate(User("a", "analyst"), None).open_root("Household", "H1")


KINDS = {"person_id": "id", "name": "name", "birth_date": "birth", "phone": "phone", "address": "address",
         "summary": "text", "calls": "number", "ref": "secret",
         "people": {"name": "name", "role": "code", "type": "code", "phone": "phone"}}
ROW = {"person_id": "P1", "name": "김영희", "birth_date": "1985-03-02", "phone": "01012345678",
       "address": "제주특별자치도 제주시 연삼로 123 (이도이동)", "summary": "남편이 때림", "calls": 3, "ref": "c2VjcmV0",
       "people": [{"name": "박철수", "role": "suspect", "type": "보호시설", "phone": "0647101234"}]}


def test_declared_kinds_decide_what_each_role_sees() -> None:
    analyst = declared.mask_map(ROW, KINDS, masking.Policy.for_role("analyst"), where="t")
    assert analyst["name"] == "김영희" and analyst["birth_date"] == "1985-03-02" and analyst["phone"] == "01012345678"
    assert analyst["ref"] is None                                    # secrets: never, to anyone
    assert analyst["people"][0]["phone"] == masking.SUPPRESSED       # a shelter's phone (type marker)
    council = declared.mask_map(ROW, KINDS, masking.Policy.for_role("council"), where="t")
    assert council["name"] == "김*희" and council["birth_date"] == 1985 and council["phone"] == masking.WITHHELD
    assert council["address"] == "제주시 이도이동" and council["summary"] == masking.WITHHELD
    assert council["people"][0]["name"] == "박*수" and council["calls"] == 3 and council["person_id"] == "P1"
    listing = declared.mask_map(ROW, KINDS, masking.Policy.for_role("analyst", listing=True), where="t")
    assert listing["name"] == "김영희" and listing["birth_date"] == 1985
    assert listing["phone"] == masking.WITHHELD and listing["summary"] == masking.WITHHELD
    admin = declared.mask_map(ROW, KINDS, masking.Policy.for_role("admin"), where="t")
    assert admin["people"][0]["phone"] == "0647101234" and admin["ref"] is None


def test_a_list_of_nodes_is_masked_member_by_member() -> None:
    """A column declared `node` whose value is a list (a path's nodes) was once passed through."""
    nodes = [{"id": "n1", "label": "Person", "props": {"person_id": "P1", "name": "김영희", "phone": "01012345678"}},
             {"id": "n2", "label": "Person", "props": {"person_id": "P2", "name": "박철수"}}]
    council = declared.mask_value("node", nodes, masking.Policy.for_role("council"), where="t")
    assert [n["props"]["name"] for n in council] == ["김*희", "박*수"]
    assert council[0]["props"]["phone"] != "01012345678"
    props = declared.mask_value("props", [n["props"] for n in nodes], masking.Policy.for_role("council"),
                                where="t", label="Person")
    assert [p["name"] for p in props] == ["김*희", "박*수"]


def test_an_undeclared_column_is_refused_not_guessed() -> None:
    with pytest.raises(declared.UndeclaredColumn, match="victim_nm"):
        declared.mask_map({**ROW, "victim_nm": "이순자"}, KINDS, masking.Policy.for_role("admin"), where="t")


def test_a_masked_search_reads_the_candidates_keeps_its_scope_and_ranks_shown_names(
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[dict] = []
    names = ["이김자", "김영자", "김순희", "김자", "박영자", "김영자"]

    def app_query(name: str, params: dict, row_cap: int | None = None) -> object:
        asked.append({"name": name, **params})
        n = len(names) * 3
        cols = {"person_ids": [f"P{i:02d}" for i in range(n)], "names": [names[i % len(names)] for i in range(n)],
                "birth_years": [1980 + i for i in range(n)], "by_id": [False] * n,
                "member_persons": [f"P{i:02d}" for i in range(n)], "member_households": [f"H{i}" for i in range(n)]}
        return type("R", (), {"rows": [cols]})()

    monkeypatch.setattr(gatemod.db, "app_query", app_query)
    monkeypatch.setattr(gatemod.audit, "record", lambda *a, **k: {})
    # out of scope: every sixth candidate (the second 김영자)
    monkeypatch.setattr(Gate, "households_in_scope", lambda self, ids: {h for h in ids if int(h[1:]) % 6 != 5})
    monkeypatch.setattr(Gate, "mask", property(lambda self: lambda kind, v: masking.mask_name(v)))
    hits = Gate(User("c", "council")).search("김자", 10)
    assert asked[0]["name"] == "search_masked" and asked[0]["starts"] == ["김"]
    assert asked[0]["cap"] == gatemod.SCOPED_SEARCH_READ + 1
    # in scope only; 김자 is exactly what 김*자 and 김* show; 이*자, 김*희 and 박*자 do not match
    assert all(int(h["household_id"][1:]) % 6 != 5 for h in hits)
    assert [(h["name"], h["person_id"]) for h in hits] == [("김*", "P03"), ("김*", "P09"), ("김*", "P15"),
                                                          ("김*자", "P01"), ("김*자", "P07"), ("김*자", "P13")]
    assert hits[0] == {"person_id": "P03", "household_id": "H3", "name": "김*", "birth_year": 1983}
    assert not hits.partial and hits.searched_as is None
    assert Gate(User("c", "council")).search("김영자", 10).searched_as == "김*자"


def test_a_person_who_moved_is_found_through_any_household_in_scope(monkeypatch: pytest.MonkeyPatch) -> None:
    """A person who moved is a member of one household after another; the scope holds when any of
    them is in it, and the hit names that household (not the current one, which the user may not see)."""
    cols = {"person_ids": ["P1", "P2"], "names": ["김영자", "김영자"], "birth_years": [1980, 1981],
            "by_id": [False, False], "member_persons": ["P1", "P1", "P2"],
            "member_households": ["H-now", "H-before", "H-other"]}
    monkeypatch.setattr(gatemod.db, "app_query", lambda name, params, row_cap=None: type("R", (), {"rows": [cols]})())
    monkeypatch.setattr(gatemod.audit, "record", lambda *a, **k: {})
    monkeypatch.setattr(Gate, "households_in_scope", lambda self, ids: {h for h in ids if h == "H-before"})
    monkeypatch.setattr(Gate, "mask", property(lambda self: lambda kind, v: masking.mask_name(v)))
    hits = Gate(User("c", "council")).search("김자", 10)
    assert [(h["person_id"], h["household_id"]) for h in hits] == [("P1", "H-before")]


def test_an_analyst_search_reads_everyone_by_the_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []

    def search(text: str, limit: int) -> list[dict]:
        asked.append(limit)
        return [{"person_id": f"P{i}", "household_id": f"H{i}", "name": "김영희", "birth_date": "1985-03-02"}
                for i in range(limit)]

    monkeypatch.setattr(gatemod.db, "search", search)
    monkeypatch.setattr(gatemod.audit, "record", lambda *a, **k: {})
    monkeypatch.setattr(Gate, "mask", property(lambda self: lambda kind, v: v))
    hits = Gate(User("a", "analyst")).search("김", 3)
    assert asked == [3] and hits[0] == {"person_id": "P0", "household_id": "H0", "name": "김영희", "birth_year": 1985}


def test_only_pattern_tables_are_served_as_pattern_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """The patterns page's tab value comes from the browser: naming another catalogue query there
    (a person's detail, a path between people) is refused before anything is read."""
    read: list[str] = []
    monkeypatch.setattr(gatemod.db, "cached", lambda kind, name, **_: read.append(name))
    monkeypatch.setattr(gatemod.db, "pattern_rows", lambda name, **_: read.append(name))
    for name in ("person_detail", "shortest_path", "search_people", "overview_counts", "no_such"):
        with pytest.raises(ForgedState):
            _gate().pattern_table(name, row_cap=10)
        with pytest.raises(ForgedState):
            _gate().pattern_rows(name, needle=None)
    assert read == []
    with pytest.raises(AccessDenied):                # a scoped role gets no whole-graph table at all
        _gate("council", "t_council").pattern_table("repeat_victims", row_cap=10)
    _gate().pattern_rows("repeat_victims", needle=None)
    assert read == ["repeat_victims"]
