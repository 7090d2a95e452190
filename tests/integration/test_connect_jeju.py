"""The explorer's "how are these two connected" on the loaded jeju preset, through the page's own
callback (`pages/components/connect.py: on_find`) with a state signed for the caller:

- two members of one household are connected through their household (or their calls), and every
  node of the chain concerns a household the user may see;
- a council member never gets a chain that leaves the agenda's households: the preset has no such
  case (every shortest chain between agenda people stays on the agenda), so the test adds one for
  its duration: four people of four agenda households, otherwise unconnected, linked A —X— B
  through X, a person of no household (outside every scope), and A —C— D— B. The analyst gets
  the short chain through X; the council the longer one, or "no connection within your scope"
  when the steps allowed are too few for it, never X's name, id or node;
- each search is audited with the user, the purpose and the people's ids.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from auth import testing
from auth.guard import User
from graph.runner import Runner

PURPOSE = {"reason": "사례관리", "text": "", "at": "2026-01-01T00:00:00+00:00"}
OUTSIDER = {"person_id": "P-TEST-CONNECT-X", "name": "연결시험외부인"}
MARK = "TEST-CONNECT"   # the call_ids of the relationships this test adds (removed afterwards)
KEY = "..household-connect-result.children...household-connect-path.data.."
_AGENDA = """
MATCH (:CouncilCase)<-[:SUBJECT_OF]-(:PersonRecord)-[:RESOLVES_TO]->(p:Person)-[:MEMBER_OF]->(h:Household)
WITH h, min(p.person_id) AS pid ORDER BY h.household_id
MATCH (p:Person {person_id: pid})
RETURN p.person_id AS person_id, elementId(p) AS eid, p.name AS name, h.household_id AS household_id
"""
_LINKED = """
MATCH (a:Person {person_id: $a}), (b:Person {person_id: $b})
RETURN EXISTS { (a)-[:RESOLVES_TO|INVOLVED_IN|SUBJECT_OF|RELATED_TO|MEMBER_OF|FOR_CALL|FOR_CASE*..12]-(b) } AS linked
"""


def _post(role: str, key: str, inputs: list[Any], states: list[Any]) -> tuple[str, Any]:
    """The callback `key` as `role` (with a purpose of access), as the browser would send it."""
    app = testing.shared_app()
    entry = app.callback_map[key]
    client = testing.client(role)
    with client.session_transaction() as s:
        s["jss_purpose"] = PURPOSE
    body = {"output": key, "outputs": testing.callback_outputs(key),
            "inputs": [{**i, "value": v} for i, v in zip(entry["inputs"], inputs, strict=True)],
            "state": [{**s, "value": v} for s, v in zip(entry["state"], states, strict=True)],
            "changedPropIds": [f"{entry['inputs'][0]['id']}.{entry['inputs'][0]['property']}"]}
    resp = client.post("/_dash-update-component", json=body)
    assert resp.status_code in (200, 204), resp.status_code
    data = resp.get_json(silent=True) or {}
    return json.dumps(data, ensure_ascii=False), data.get("response", {})


def _state(role: str, people: list[dict[str, Any]]) -> dict[str, Any]:
    """An explorer state holding `people`, signed for the test user of `role`."""
    from queries.gate import Gate

    agency = testing.TEST_AGENCY if role == "agency" else ""
    gate = Gate(User(testing.username(role), role, agency_id=agency))
    nodes = {p["eid"]: {"data": {"id": p["eid"], "type": "Person", "key": p["person_id"],
                                 "label": gate.mask("name", p["name"])}} for p in people}
    return gate.seal({"root": people[0]["eid"], "nodes": nodes, "edges": {}, "positions": {}, "more": {}})


def find(role: str, a: dict[str, Any], b: dict[str, Any], hops: int = 4) -> tuple[str, Any]:
    return _post(role, KEY, [1, 0], [a["eid"], b["eid"], hops, _state(role, [a, b])])


def _audit(user: str) -> list[dict[str, Any]]:
    from auth import audit

    lines = audit.audit_path().read_text(encoding="utf-8").splitlines()
    return [e for e in map(json.loads, lines) if e.get("user") == user and e.get("target_type") == "connection"]


@pytest.fixture()
def app(jeju_graph: Runner) -> Any:
    testing.shared_app()
    testing.client(None).get("/login")   # the first request registers pages and callbacks
    return jeju_graph


def test_two_members_of_a_household_are_connected_through_it(app: Runner) -> None:
    rows = app.read("MATCH (h:Household)<-[:MEMBER_OF]-(p:Person) WITH h, p ORDER BY p.person_id "
                    "WITH h, collect({person_id: p.person_id, eid: elementId(p), name: p.name}) AS ps "
                    "WHERE size(ps) >= 3 AND EXISTS { (h)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(:PersonRecord)"
                    "-[:SUBJECT_OF]->(:CouncilCase) } RETURN h.household_id AS h, ps ORDER BY h LIMIT 1",
                    name="test.connect.household").rows[0]
    a, b = rows["ps"][0], rows["ps"][1]
    text, out = find("analyst", a, b)
    assert "단계로 연결됩니다" in text and a["name"] in text and b["name"] in text
    chain = out["household-connect-path"]["data"]
    assert {a["eid"], b["eid"]} <= set(chain["nodes"]) and chain["pairs"][0][0] == a["eid"]
    entry = _audit("t_analyst")[-1]
    assert entry["purpose"] == "사례관리" and entry["detail"]["status"] == "found"
    assert {a["person_id"], b["person_id"]} <= set(entry["ids"]["person"])
    # the council sees the same chain (the household is on its agenda), with masked names
    text, out = find("council", a, b)
    assert "단계로 연결됩니다" in text and a["name"] not in text and b["name"] not in text
    assert out["household-connect-path"]["data"]["nodes"] == chain["nodes"]
    assert _audit("t_council")[-1]["ids"]["person"] == entry["ids"]["person"]


@pytest.fixture()
def bridged(app: Runner) -> Iterator[dict[str, Any]]:
    people: list[dict[str, Any]] = []
    for p in app.read(_AGENDA, name="test.connect.agenda", row_cap=10_000).rows:
        if all(not app.read_value(_LINKED, {"a": p["person_id"], "b": q["person_id"]}, name="test.connect.linked")
               for q in people):
            people.append(p)
        if len(people) == 4:
            break
    assert len(people) == 4, "the preset has four unconnected agenda households"
    a, b, c, d = people
    app.write("CREATE (:Person {person_id: $x, name: $name})", {"x": OUTSIDER["person_id"], "name": OUTSIDER["name"]},
              name="test.connect.outsider")
    try:
        app.write("UNWIND $links AS l MATCH (p:Person {person_id: l[0]}), (q:Person {person_id: l[1]}) "
                  "CREATE (p)-[:RELATED_TO {relation: 'acquaintance', call_ids: [$mark]}]->(q)",
                  {"links": [[a["person_id"], OUTSIDER["person_id"]], [OUTSIDER["person_id"], b["person_id"]],
                             [a["person_id"], c["person_id"]], [c["person_id"], d["person_id"]],
                             [d["person_id"], b["person_id"]]], "mark": MARK}, name="test.connect.links")
        x = app.read("MATCH (x:Person {person_id: $x}) RETURN elementId(x) AS eid", {"x": OUTSIDER["person_id"]},
                     name="test.connect.x").rows[0]
        yield {"a": a, "b": b, "c": c, "d": d, "x": {**OUTSIDER, "eid": x["eid"]}}
    finally:
        app.write("MATCH ()-[r:RELATED_TO]->() WHERE r.call_ids = [$mark] DELETE r", {"mark": MARK},
                  name="test.connect.unlink")
        app.write("MATCH (x:Person {person_id: $x}) DETACH DELETE x", {"x": OUTSIDER["person_id"]},
                  name="test.connect.unoutsider")


def test_a_council_chain_never_leaves_the_agenda(bridged: dict[str, Any]) -> None:
    a, b, c, d, x = (bridged[k] for k in "abcdx")
    text, out = find("analyst", a, b)
    assert "2단계로 연결됩니다" in text and x["name"] in text       # the short way, through X
    assert x["eid"] in out["household-connect-path"]["data"]["nodes"]

    text, out = find("council", a, b)
    assert "3단계로 연결됩니다" in text                             # around X, through C and D
    assert out["household-connect-path"]["data"]["nodes"] == [a["eid"], c["eid"], d["eid"], b["eid"]]
    for secret in (x["name"], x["person_id"], x["eid"], a["name"], c["name"]):
        assert secret not in text
    assert x["person_id"] not in json.dumps(_audit("t_council")[-1])

    text, out = find("council", a, b, hops=2)                       # too few steps for the way around
    assert "열람 범위 안에서는 2단계 안의 연결이 없습니다" in text
    assert out["household-connect-path"]["data"] is None
    assert x["name"] not in text and x["person_id"] not in text and x["eid"] not in text
    entry = _audit("t_council")[-1]
    assert entry["detail"]["status"] == "none" and entry["ids"] == {"person": sorted([a["person_id"], b["person_id"]])}


def test_a_person_outside_the_scope_cannot_be_an_end(bridged: dict[str, Any]) -> None:
    # a state signed for the council that names X (the page never puts X there): refused, nothing shown
    text, _ = find("council", bridged["a"], bridged["x"])
    assert "열람 범위 밖" in text and bridged["x"]["name"] not in text and "단계로 연결" not in text
