"""Agenda suggestions on a hand-made graph (real Neo4j, derived summaries refreshed): for each rule
one household where it fires and one where it must not, through the run's own Cypher reads; then
what is stored, decided, repeated, raised again, and what a load's late arrivals do."""

from __future__ import annotations

from datetime import date

import pytest
from test_queries_minigraph import MiniGraph

from derived import refresh
from graph.runner import Runner
from suggest.decide import DecisionError, decide
from suggest.rules import Thresholds
from suggest.run import read, suggest

SINCE, AS_OF = date(2024, 5, 31), date(2024, 6, 30)
T = Thresholds()


def scenario() -> MiniGraph:
    g = MiniGraph()
    for aid, t in (("P1", "경찰서"), ("H", "해바라기센터"), ("C", "가정폭력상담소")):
        g.agency(aid, t)
    for h in ("HM", "HN", "HO", "HE", "HEn", "HC", "HCn", "HF", "HFn", "HS", "HX", "HY", "HR", "HRn", "HL"):
        g.household(h)
    # marac (and a child in the same household: one suggestion, both reasons)
    g.person("VM", household="HM").person("KM", household="HM", birth="2015-03-03")
    for cid, day in (("M1", "2023-09-01"), ("M2", "2024-01-10"), ("M3", "2024-06-10")):
        g.call(cid, f"{day}T10:00", people=[("VM", "victim", None)])
    g.person("VN", household="HN")                       # three calls, but not within 12 months
    for cid, day in (("N1", "2023-01-05"), ("N2", "2023-08-01"), ("N3", "2024-06-12")):
        g.call(cid, f"{day}T10:00", people=[("VN", "victim", None)])
    g.person("VO", household="HO")                       # three calls within 12 months, none new
    for cid, day in (("O1", "2024-01-01"), ("O2", "2024-02-01"), ("O3", "2024-03-01")):
        g.call(cid, f"{day}T10:00", people=[("VO", "victim", None)])
    # escalation: C3 (severity 1) then C1 with a weapon (3 + 3)
    g.person("VE", household="HE")
    g.call("E1", "2024-03-01T10:00", priority="C3", people=[("VE", "victim", None)])
    g.call("E2", "2024-06-15T10:00", priority="C1", weapon=True, people=[("VE", "victim", None)])
    g.person("VF", household="HEn")
    g.call("F1", "2024-03-01T10:00", people=[("VF", "victim", None)])
    g.call("F2", "2024-06-15T10:00", people=[("VF", "victim", None)])
    # a child of eight in the household of a new call's victim and suspect; an adult "child" not
    g.person("VC", household="HC").person("SC", household="HC").person("KC", household="HC", birth="2016-01-01")
    g.call("K1", "2024-06-20T10:00", people=[("VC", "victim", None), ("SC", "suspect", "배우자")])
    g.person("VD", household="HCn").person("SD", household="HCn").person("KD", household="HCn", birth="2000-01-01")
    g.call("K2", "2024-06-20T10:00", people=[("VD", "victim", None), ("SD", "suspect", "배우자")])
    # fragmented care: three agencies, the police's first contact new; the same but on the agenda
    for v, h in (("VG", "HF"), ("VH", "HFn")):
        g.person(v, household=h)
        g.service(f"s{v}1", "H", v, "2024-01-10", "의료")
        g.service(f"s{v}2", "C", v, "2024-03-01", "심리상담")
        g.call(f"G{v}", "2024-06-05T10:00", people=[(v, "victim", None)])
    g.council_case("CC1", "2024-02-01", "P1", ["P1", "H"], victim="VH")
    # a suspect with a victim last year, and a new one now; a suspect with one victim, twice
    g.person("VX1", household="HX").person("VX2", household="HS").person("SX")
    g.call("X1", "2023-10-01T10:00", people=[("VX1", "victim", None), ("SX", "suspect", "전연인")])
    g.call("X2", "2024-06-18T10:00", people=[("VX2", "victim", None), ("SX", "suspect", "연인")])
    g.person("VY", household="HY").person("SY")
    g.call("Y1", "2024-01-01T10:00", people=[("VY", "victim", None), ("SY", "suspect", "배우자")])
    g.call("Y2", "2024-06-18T10:00", people=[("VY", "victim", None), ("SY", "suspect", "배우자")])
    # risk: points stored by a scoring run (set below)
    g.person("VR", household="HR").person("VS", household="HRn")
    g.call("R1", "2024-06-25T10:00", people=[("VR", "victim", None)])
    g.call("R2", "2024-06-25T10:00", people=[("VS", "victim", None)])
    # a late arrival: three calls within a year, the third dated before SINCE but created by load L2
    g.person("VL", household="HL")
    for cid, day in (("L1", "2023-12-01"), ("L2c", "2024-02-01"), ("L3", "2024-05-01")):
        g.call(cid, f"{day}T10:00", people=[("VL", "victim", None)])
    return g


EXPECTED = {"HM": ["child", "marac"], "HE": ["escalation"], "HC": ["child"], "HF": ["fragmented"],
            "HS": ["serial"], "HR": ["risk"]}


@pytest.fixture(scope="module")
def graph(runner: Runner) -> Runner:
    runner.delete_all(name="test.wipe")
    scenario().write(runner)
    runner.write("MATCH (p:Person {person_id: 'VR'}) SET p.risk_points = 12, p.risk_level = '매우높음'", name="t")
    runner.write("MATCH (p:Person {person_id: 'VS'}) SET p.risk_points = 4, p.risk_level = '보통'", name="t")
    runner.write("MATCH (c:Call {call_id: 'L3'})<-[:INVOLVED_IN]-(r:PersonRecord) "
                 "SET c.first_load_id = 'L2', r.first_load_id = 'L2', r.load_id = 'L2'", name="t")
    return runner


def stored(runner: Runner) -> dict[str, dict]:
    rows = read(runner, "list_suggestions", {"statuses": ["open", "accepted", "dismissed"], "limit": 100})
    return {r["household_id"]: r for r in rows}


def test_each_rule_fires_where_it_should_and_nowhere_else(graph: Runner):
    res = suggest(graph, T, as_of=AS_OF, since=SINCE)
    got = stored(graph)
    assert {h: r["rules"] for h, r in got.items()} == EXPECTED
    assert res.events["created"] == len(EXPECTED)
    assert got["HS"]["offender_ids"] == ["SX"]
    assert got["HM"]["person_ids"] == ["KM", "VM"]
    assert all(r["status"] == "open" and r["raised_on"] == AS_OF for r in got.values())
    ranked = read(graph, "list_suggestions", {"statuses": ["open"], "limit": 1})
    assert ranked[0]["household_id"] == "HM"            # two rules outrank one
    runs = read(graph, "recent_runs", {"limit": 1})
    assert runs[0]["created"] == len(EXPECTED) and runs[0]["as_of"] == AS_OF


def test_repeat_run_changes_nothing_and_a_dismissal_holds_until_a_new_fact(graph: Runner):
    with pytest.raises(DecisionError):
        decide(graph, "HE", "dismiss", "secretary1")            # a dismissal needs a reason
    assert decide(graph, "HE", "dismiss", "secretary1", "가족이 이미 지원 중") == "dismissed"
    assert decide(graph, "HM", "accept", "secretary1") == "accepted"
    with pytest.raises(DecisionError):
        decide(graph, "HM", "accept", "secretary1")             # not open any more
    again = suggest(graph, T, as_of=AS_OF, since=SINCE)
    assert again.events["created"] == again.events["updated"] == again.events["reraised"] == 0
    assert stored(graph)["HE"]["status"] == "dismissed"
    decisions = graph.read("MATCH (d:SuggestionDecision) RETURN d.household_id AS h, d.decision AS d, d.by AS by "
                           "ORDER BY h", name="t").rows
    assert decisions == [{"h": "HE", "d": "dismiss", "by": "secretary1"}, {"h": "HM", "d": "accept", "by": "secretary1"}]
    # a new, worse call for each: the dismissed one comes back, the accepted one grows
    g = MiniGraph(_n=1_000)                                     # record ids after the scenario's
    g.call("E3", "2024-07-20T10:00", priority="C0", injury=True, people=[("VE", "victim", None)])
    g.call("M4", "2024-07-21T10:00", people=[("VM", "victim", None)])
    for cypher, params in g.statements:
        graph.write(cypher, params, name="test.minigraph")
    refresh(graph)
    later = suggest(graph, T, as_of=date(2024, 7, 31), since=AS_OF)
    got = stored(graph)
    assert later.events["reraised"] == 1 and got["HE"]["status"] == "open" and got["HE"]["raised_count"] == 2
    assert got["HM"]["status"] == "accepted"
    news = graph.read_value("MATCH (s:Suggestion {household_id: 'HM'}) RETURN s.news_since_decision", name="t")
    assert news is True


def test_a_loads_late_arrival_is_news_only_for_that_load(graph: Runner):
    plain = suggest(graph, T, as_of=AS_OF, since=SINCE, dry_run=True)
    assert "HL" not in plain.written
    with_load = suggest(graph, T, as_of=AS_OF, since=SINCE, load_id="L2", dry_run=True)
    assert "HL" in with_load.written
