"""The agenda suggestions through the data gate, on the hand-built graph (tests/app_graph.py):
a suggestion run (suggest.run) raises household H1 (김영희's third call in 12 months, escalation with
a weapon, her child 박민준 a witness; H1 is on the council's agenda); H2 (이순자, victim of 박철수 who
also hurt 김영희) gets a hand-made serial-offender suggestion through suggest.store. Then:

- council and agency hold no suggestions permission: every suggestions read and decision is refused;
- the council's secretary reads the open suggestions after a purpose, ranked, masked, and only
  those its scope covers; H2 is in that scope only while its suggestion is open or accepted;
- an analyst reads them unmasked after a purpose, and the digest of the runs, but does not decide;
- decisions: a dismissal without a reason is refused and changes nothing; decisions are stored,
  audited with ids and never the reason's text, and not undone by a run on the same data;
- the accepted suggestions export as council_cases rows with the contract's headers, masked for
  the secretary, audited as an export."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from auth import testing
from auth.guard import AccessDenied
from auth.purpose import PurposeRequired
from graph.runner import Runner

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from app_graph import load_app_graph  # noqa: E402

PURPOSE = {"reason": "실무협의회 준비", "text": "", "at": "2026-01-01T00:00:00+00:00"}
AS_OF = date(2023, 8, 1)     # the graph's horizon: its newest call, C3
REASON = "이미 다른 기관이 지원 중 (테스트 사유)"


@pytest.fixture(scope="module")
def graph(runner: Runner) -> Iterator[Runner]:
    from queries import db

    testing.shared_app()            # a temporary audit file and users for the process
    load_app_graph(runner)
    old = db.set_runner(runner)
    db.clear_cache()
    yield runner
    runner.write("MATCH (n) WHERE n:Suggestion OR n:SuggestionDecision OR n:SuggestionRun DETACH DELETE n",
                 name="test.suggestions_clear")
    db.set_runner(old)


@pytest.fixture()
def suggested(graph: Runner) -> Runner:
    """Fresh suggestions: H1 from a run, H2 written through suggest.store."""
    from suggest.rules import Reason, Thresholds
    from suggest.run import suggest, suggest_queries
    from suggest.store import merge

    graph.write("MATCH (n) WHERE n:Suggestion OR n:SuggestionDecision OR n:SuggestionRun DETACH DELETE n",
                name="test.suggestions_clear")
    result = suggest(graph, Thresholds())
    assert result.as_of == AS_OF and result.written == ["H1"], result.line()
    row, event = merge(None, "H2", [Reason("serial", "P4", ["C4"], date(2023, 4, 1),
                                           {"offender_id": "P2", "victims": 2})], AS_OF)
    assert event == "created" and row is not None
    q = suggest_queries()["write_suggestions"]
    graph.write(q.text, q.bind({"rows": [row], "run": "test-hand-made"}), name="test.write_suggestion")
    return graph


@contextmanager
def signed_in(role: str, *, purpose: bool = True) -> Iterator[Any]:
    """The gate of the test user of `role` inside a request (so audit entries name the user)."""
    from flask import session

    from queries.gate import Gate

    app = testing.shared_app()
    with app.server.test_request_context("/suggestions"):
        session["jss_user"] = {"username": testing.username(role), "role": role, "display_name": "",
                               "agency_id": testing.TEST_AGENCY if role == "agency" else ""}
        if purpose:
            session["jss_purpose"] = PURPOSE
        yield Gate.current()


def _audit(event: str) -> list[dict[str, Any]]:
    from auth import audit

    lines = audit.audit_path().read_text(encoding="utf-8").splitlines()
    return [e for e in (json.loads(line) for line in lines) if e["event"] == event]


def _status(runner: Runner, household_id: str) -> dict[str, Any]:
    return runner.read("MATCH (s:Suggestion {household_id: $h}) RETURN s.status AS status, "
                       "s.decided_by AS by, s.decision_reason AS reason, "
                       "COUNT { (:SuggestionDecision {household_id: $h}) } AS decisions",
                       {"h": household_id}, name="test.suggestion_status").rows[0]


@pytest.mark.parametrize("role", ["council", "agency"])
def test_roles_without_the_permission_are_refused(suggested: Runner, role: str) -> None:
    with signed_in(role) as gate:
        for read in (lambda: gate.suggestions("open"), gate.suggestion_digest, gate.suggestion_export,
                     lambda: gate.decide_suggestion("H1", "accept")):
            with pytest.raises(AccessDenied):
                read()
    assert _status(suggested, "H1")["status"] == "open"


def test_the_secretary_reads_its_scope_masked_after_a_purpose(suggested: Runner) -> None:
    from queries.gate import OutOfScope
    from queries.suggestions import SuggestionRefused

    with signed_in("secretary", purpose=False) as gate:
        with pytest.raises(PurposeRequired):
            gate.suggestions("open")
    with signed_in("secretary") as gate:
        got = gate.suggestions("open")
        assert got.total == 2 and [r["household_id"] for r in got.rows] == ["H1", "H2"]   # by priority
        h1, h2 = got.rows
        assert h1["rules"] == ["child", "escalation", "marac"] and h2["rules"] == ["serial"]
        assert h1["priority"] > h2["priority"]
        marac = next(r for r in h1["reasons"] if r["rule"] == "marac")
        assert marac["person_id"] == "P1" and marac["fact_ids"] == ["C1", "C2", "C3"]
        names = {p["person_id"]: p["name"] for r in got.rows for p in r["people"]}
        assert names == {"P1": "김*희", "P3": "박*준", "P4": "이*자", "P2": "박*수"}
        text = json.dumps([r for r in got.rows], ensure_ascii=False, default=str)
        assert not any(v in text for v in ("김영희", "박철수", "이순자", "1985-03-02"))
        assert gate.households_in_scope(["H1", "H2"]) == {"H1", "H2"}
        with pytest.raises(OutOfScope):
            gate.suggestion_digest()            # whole-graph counts: not for a scoped role
        with pytest.raises(SuggestionRefused):
            gate.suggestions("dismissed")       # its households leave the scope
    view = [e for e in _audit("view") if e.get("target_type") == "suggestions"][-1]
    assert view["user"] == "t_secretary" and view["purpose"] == "실무협의회 준비"
    assert view["ids"] == {"household": ["H1", "H2"], "person": ["P1", "P2", "P3", "P4"]}


def test_an_analyst_reads_unmasked_and_the_digest_but_does_not_decide(suggested: Runner) -> None:
    # The newest resolution run merged P1 from two earlier people and split an earlier P9.
    suggested.write("MATCH (r:ResolutionRun) DETACH DELETE r", name="test.resolution_runs_clear")
    suggested.write("CREATE (:ResolutionRun {run_id: 'R-test', "
                    "run_at: datetime('2023-05-01T00:00:00Z'), merged_count: 1, split_count: 1, "
                    "merged: $merged, split: $split})",
                    {"merged": json.dumps([{"person_id": "P1", "from": ["P1", "P8"]}]),
                     "split": json.dumps([{"person_id": "P9", "into": ["P3", "P9"]}])}, name="test.resolution_run")
    with signed_in("analyst", purpose=False) as gate:
        with pytest.raises(PurposeRequired):
            gate.suggestions("open")
    with signed_in("analyst") as gate:
        got = gate.suggestions("open")
        names = {p["person_id"]: p["name"] for r in got.rows for p in r["people"]}
        assert names["P1"] == "김영희" and names["P4"] == "이순자"
        digest = gate.suggestion_digest()
        assert digest["counts"] == {"open": 2, "accepted": 0, "dismissed": 0}
        run = digest["runs"][0]
        assert (run["created"], run["updated"], run["reraised"]) == (1, 0, 0) and run["households"] >= 1
        assert run["by_rule"] == {"child": 1, "escalation": 1, "marac": 1}
        assert [w["household_id"] for w in digest["written"]] == ["H1"]
        people = digest["people"]
        assert (str(people["run_at"])[:10], people["merged_count"], people["split_count"]) == ("2023-05-01", 1, 1)
        assert people["merged"] == [{"person_id": "P1", "from": ["P1", "P8"]}]
        assert people["split"] == [{"person_id": "P9", "into": ["P3", "P9"]}]
        with pytest.raises(AccessDenied):
            gate.decide_suggestion("H1", "accept")
        # a page past the end is empty, and the count stays
        assert gate.suggestions("open", 5).rows == [] and gate.suggestions("open", 5).total == 2
        assert gate.suggestions("dismissed").total == 0
    shown = [e for e in _audit("view") if e.get("target_type") == "suggestion_digest"][-1]
    assert shown["user"] == "t_analyst" and shown["ids"] == {"household": ["H1"], "person": ["P1", "P3", "P8", "P9"]}


def test_decisions_are_checked_stored_audited_and_survive_a_run(suggested: Runner) -> None:
    from queries.gate import OutOfScope
    from queries.suggestions import SuggestionRefused
    from suggest.rules import Thresholds
    from suggest.run import suggest

    with signed_in("secretary") as gate:
        with pytest.raises(SuggestionRefused) as refused:
            gate.decide_suggestion("H2", "dismiss", "   ")
        assert refused.value.key == "sg.err.reason"
        assert _status(suggested, "H2") == {"status": "open", "by": None, "reason": None, "decisions": 0}
        assert gate.decide_suggestion("H2", "dismiss", REASON) == "dismissed"
        assert gate.decide_suggestion("H1", "accept") == "accepted"
        with pytest.raises(SuggestionRefused) as twice:
            gate.decide_suggestion("H1", "accept")
        assert twice.value.key == "sg.err.state"
        # H2 is on no agenda: with its suggestion dismissed it left the secretary's scope
        assert gate.households_in_scope(["H1", "H2"]) == {"H1"}
        with pytest.raises(OutOfScope):
            gate.decide_suggestion("H2", "accept")
        assert [r["household_id"] for r in gate.suggestions("accepted").rows] == ["H1"]
        assert gate.suggestions("open").total == 0
    assert _status(suggested, "H2") == {"status": "dismissed", "by": "t_secretary", "reason": REASON,
                                        "decisions": 1}
    assert _status(suggested, "H1")["status"] == "accepted"
    decided = [e for e in _audit("decision") if e.get("target") in ("H1", "H2")][-2:]
    assert [(e["user"], e["target"], e["detail"]["decision"], e["ids"]) for e in decided] == [
        ("t_secretary", "H2", "dismiss", {"household": ["H2"]}),
        ("t_secretary", "H1", "accept", {"household": ["H1"]})]
    assert all(REASON not in json.dumps(e, ensure_ascii=False) for e in decided)
    # a run on the same data brings nothing new: the decisions stand
    suggest(suggested, Thresholds())
    assert _status(suggested, "H2")["status"] == "dismissed"
    assert _status(suggested, "H1")["status"] == "accepted"


def _csv(content: str) -> list[dict[str, str]]:
    assert content.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(content[1:])))


def test_accepted_suggestions_export_as_council_cases(suggested: Runner) -> None:
    from queries.suggestions import COUNCIL_CASES_HEADERS

    with signed_in("secretary") as gate:
        gate.decide_suggestion("H1", "accept")
        gate.decide_suggestion("H2", "accept")
        content, n = gate.suggestion_export()
    assert n == 2
    header = content[1:].splitlines()[0].split(",")
    assert header == ["안건번호", "회의일", "회의차수", "제출기관", "사건유형", "위험등급", "피해자성명", "피해자생년월일",
                      "가해자성명", "가해자생년월일", "참석기관", "상태"] == list(COUNCIL_CASES_HEADERS)
    rows = {r["안건번호"]: r for r in _csv(content)}
    h1 = rows["P-H1"]
    assert (h1["피해자성명"], h1["피해자생년월일"], h1["가해자성명"], h1["가해자생년월일"]) == ("김*희", "1985", "박*수", "1983")
    assert h1["사건유형"] == "가정폭력" and h1["상태"] == "접수" and h1["회의일"] == ""
    agencies = suggested.read("MATCH (a:AgencyContact {household_id: 'H1'}) RETURN a.agency_id AS a "
                              "ORDER BY a", name="test.contacts").rows
    assert h1["참석기관"] == ";".join(r["a"] for r in agencies) and h1["참석기관"]
    assert (rows["P-H2"]["피해자성명"], rows["P-H2"]["사건유형"]) == ("이*자", "스토킹")
    assert rows["P-H2"]["가해자성명"] == "박*수"      # 박철수 (P2) lives in H1, in the secretary's scope
    export = [e for e in _audit("export") if e.get("target") == "council_cases_suggested"][-1]
    assert export["user"] == "t_secretary" and export["detail"]["rows"] == 2
    assert export["ids"] == {"household": ["H1", "H2"], "person": ["P1", "P2", "P4"]}
    assert "김" not in json.dumps(export, ensure_ascii=False)
    with signed_in("analyst") as gate:
        full = {r["안건번호"]: r for r in _csv(gate.suggestion_export()[0])}
    assert (full["P-H1"]["피해자성명"], full["P-H1"]["피해자생년월일"]) == ("김영희", "1985-03-02")
    assert full["P-H1"]["가해자성명"] == "박철수"
