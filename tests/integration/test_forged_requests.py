"""Forged requests, derived from the app itself: every callback in `app.callback_map`, as every role,
is sent the browser's own request shapes filled with values an attacker would try — element ids of
every node, ids of people and households outside the role's scope, explorer states the server did
not sign (or signed for someone else), search texts that name them — and no response may carry a
personal value the role may not see. A new callback is covered without anyone adding a test.

The graph is tests/app_graph.py: household H1 (김영희, 박철수, 박민준) is on the council's agenda
and was served by the hospital H-01 (the test agency user's agency); household H2 (이순자, 서귀포시
중앙로 45) is neither. The test client's session has no purpose of access."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from auth import testing
from auth.guard import User
from auth.roles import ROLES
from graph.runner import Runner

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from app_graph import load_app_graph  # noqa: E402

ROUTER = ".._pages_content.children..._pages_store.data.."
# What no role may receive without a purpose of access: a full birth date or a phone.
NO_PURPOSE = ["1985-03-02", "1983-07-01", "2015-01-05", "1990-11-11", "01012345678", "010-1234-5678"]
# What the scoped roles (council, agency) may never receive: every full name, street address and
# anything of household H2, even masked (its existence is outside their scope).
SCOPED = NO_PURPOSE + ["김영희", "박철수", "박민준", "이순자", "이*자", "연삼로", "중앙로", "서귀포시 중앙로"]
# The council's secretary is scoped and masked like the council (H2 has no agenda suggestion here).
FORBIDDEN = {"council": SCOPED, "secretary": SCOPED, "agency": SCOPED}


@pytest.fixture(scope="module")
def app(runner: Runner) -> Any:
    load_app_graph(runner)
    from queries import db

    old = db.set_runner(runner)
    db.clear_cache()
    the_app = testing.shared_app()
    testing.client(None).get("/login")  # first request: Dash registers pages and callbacks
    yield the_app
    db.set_runner(old)


@pytest.fixture(scope="module")
def targets(runner: Runner) -> dict[str, Any]:
    """Handles an attacker can learn or guess: every node's element id, label and key."""
    rows = runner.read("MATCH (n) RETURN elementId(n) AS id, head(labels(n)) AS label, "
                       "coalesce(n.household_id, n.person_id, n.call_id, n.case_id, n.record_id, n.measure_id, "
                       "n.assessment_id, n.service_key, n.address_id, n.agency_id) AS key", name="test.targets").rows
    return {"nodes": rows, "element_ids": [r["id"] for r in rows]}


def _forged_states(targets: dict[str, Any]) -> list[Any]:
    """Explorer states naming H2's people: unsigned, with a made-up signature, and correctly signed
    for another user (the analyst) — none of them issued to the caller."""
    from queries.gate import Gate

    nodes = {r["id"]: {"data": {"id": r["id"], "type": r["label"], "key": r["key"], "label": r["key"]}}
             for r in targets["nodes"] if r["key"] in ("H2", "P4", "C4", "A2")}
    state = {"root": next(iter(nodes)), "nodes": nodes, "edges": {}, "positions": {}, "more": {}}
    signed_for_other = Gate(User("t_analyst", "analyst"), "사례관리").seal(state)
    return [state, {**state, "sig": "0" * 64}, signed_for_other]


def _value_for(prop: str, targets: dict[str, Any], states: list[Any], i: int) -> Any:
    """The i-th forged value for an input of property `prop` (cycling through the candidates)."""
    ids = targets["element_ids"]
    domain = ["H2", "P4", "C4", "A2", "K1", "H1", "P1", "services:H-01/S1"]
    by_prop: dict[str, list[Any]] = {
        "tapNodeData": [{"id": n["id"], "type": n["label"], "key": n["key"]} for n in targets["nodes"]],
        "data": [*states, *domain, *ids],
        "value": ["이순자", "0101234", "중앙로", "P4", "H2", *domain],
        "pathname": ["/household/H2", "/person/P4", "/case/K1", "/household/H1", "/person/P1"],
        "search": [""],
        "active_cell": [{"row": 0, "column": 0, "column_id": "household_id"}],
        "derived_viewport_data": [[{"agency_id": "P-JJ-01", "household_id": "H2", "person_id": "P4"}]],
        "n_clicks": [1], "n_submit": [1], "n_clicks_timestamp": [1],
        "start_date": [None], "end_date": [None],
    }
    options = by_prop.get(prop)
    if options is None:
        return None
    return options[i % len(options)]


def _outputs(key: str) -> Any:
    outs = testing.callback_outputs(key)
    return outs if key.startswith("..") else outs[0]


def _concrete(ident: Any) -> Any:
    """Pattern-matching ids (ALL / MATCH) made concrete the way the browser sends them."""
    if isinstance(ident, dict):
        return {k: ("review" if isinstance(v, list) or v in ("ALL", "MATCH", "ALLSMALLER") else v)
                for k, v in ident.items()}
    return ident


def _requests(app: Any, targets: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    states = _forged_states(targets)
    out = []
    for key, entry in app.callback_map.items():
        if "callback" not in entry:  # a clientside callback: runs in the browser, reads nothing
            continue
        if key == ROUTER:
            rounds = 5
        else:
            rounds = 12
        inputs = entry.get("inputs", [])
        for i in range(rounds):
            ins = [{**x, "id": _concrete(x["id"]), "value": _value_for(x["property"], targets, states, i)}
                   for x in inputs]
            st = [{**x, "id": _concrete(x["id"]), "value": _value_for(x["property"], targets, states, i + 3)}
                  for x in entry.get("state", [])]
            trigger = ins[i % len(ins)] if ins else None
            body = {"output": key, "outputs": _outputs(key), "inputs": ins, "state": st,
                    "changedPropIds": [f"{json.dumps(trigger['id'], separators=(',', ':')) if isinstance(trigger['id'], dict) else trigger['id']}.{trigger['property']}"] if trigger else []}
            out.append((key, body))
    return out


@pytest.mark.parametrize("role", [r for r in ROLES if r in FORBIDDEN])
def test_no_forged_request_reveals_what_a_scoped_role_may_not_see(app: Any, targets: dict[str, Any],
                                                                   role: str) -> None:
    client = testing.client(role)
    sent = 0
    for key, body in _requests(app, targets):
        resp = client.post("/_dash-update-component", json=body)
        text = json.dumps(resp.get_json(silent=True), ensure_ascii=False) if resp.is_json else resp.get_data(as_text=True)
        leaked = [v for v in FORBIDDEN[role] if v in text]
        assert not leaked, f"{role} got {leaked} from {key} with {json.dumps(body, ensure_ascii=False)[:400]}"
        sent += 1
    assert sent > 100, "the app's callbacks were not enumerated"


@pytest.mark.parametrize("role", ["analyst", "data_staff", "admin"])
def test_without_a_purpose_no_callback_returns_a_birth_date_or_phone(app: Any, targets: dict[str, Any],
                                                                       role: str) -> None:
    client = testing.client(role)
    for key, body in _requests(app, targets):
        resp = client.post("/_dash-update-component", json=body)
        text = json.dumps(resp.get_json(silent=True), ensure_ascii=False) if resp.is_json else resp.get_data(as_text=True)
        leaked = [v for v in NO_PURPOSE if v in text]
        assert not leaked, f"{role} without a purpose got {leaked} from {key}"


def test_the_check_is_not_vacuous(app: Any, targets: dict[str, Any]) -> None:
    """With a purpose, an analyst's own signed state does show the details a scoped role is denied,
    and the view is audited with the domain id (so the suites above could have failed)."""
    from auth import audit
    from queries.gate import Gate

    client = testing.client("analyst")
    with client.session_transaction() as s:
        s["jss_purpose"] = {"reason": "사례관리", "text": "", "at": "2026-01-01T00:00:00+00:00"}
    gate = Gate(User("t_analyst", "analyst"), "사례관리")
    p1 = next(n for n in targets["nodes"] if n["key"] == "P1")
    state = gate.seal({"root": p1["id"], "nodes": {p1["id"]: {"data": {"id": p1["id"], "type": "Person",
                                                                      "key": "P1", "label": "P1"}}},
                       "edges": {}, "positions": {}, "more": {}})
    key = next(k for k in app.callback_map if k.startswith("household-details"))
    entry = app.callback_map[key]
    body = {"output": key, "outputs": _outputs(key),
            "inputs": [{**entry["inputs"][0], "value": {"id": p1["id"], "type": "Person", "key": "P1"}}],
            "state": [{**entry["state"][0], "value": state}], "changedPropIds": ["household-graph.tapNodeData"]}
    text = json.dumps(client.post("/_dash-update-component", json=body).get_json(), ensure_ascii=False)
    assert "김영희" in text and "1985-03-02" in text
    entries = [json.loads(line) for line in audit.audit_path().read_text(encoding="utf-8").splitlines()]
    assert any(e["event"] == "view" and e.get("target") == "P1" and e.get("user") == "t_analyst"
               and e.get("purpose") == "사례관리" for e in entries)
    # The same tap as the council: refused (H1 is on the agenda, but the council sees it masked).
    council = testing.client("council")
    text = json.dumps(council.post("/_dash-update-component", json=body).get_json(), ensure_ascii=False)
    assert "김영희" not in text and "1985-03-02" not in text
