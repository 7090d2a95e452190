"""Human labels over the loaded jeju preset: the explorer's details panel, the review page, the
person page and the case page, as each role sees them. Risk explained shows a person's recorded
grade and graph score side by side with their reasons; a council or agency user is offered no
person page (which refuses them); review evidence is a per-field table whose weights add up to the
pair's score; nothing internal (JSON, record ids, UTC stamps, id lists) reaches the page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from auth.guard import User
from graph.runner import Runner
from queries import db as data


@pytest.fixture()
def pages_runner(jeju_graph: Runner) -> Iterator[Runner]:
    from auth.testing import shared_app

    shared_app()   # pages register with the app (and audit goes to the test's own file)
    old = data.set_runner(jeju_graph)
    yield jeju_graph
    data.set_runner(old)


def _nodes(component: Any) -> Iterator[dict[str, Any]]:
    """Every component of a tree as its plotly JSON ({type, props}), in document order."""
    item = component.to_plotly_json() if hasattr(component, "to_plotly_json") else component
    if isinstance(item, (list, tuple)):
        for x in item:
            yield from _nodes(x)
    elif isinstance(item, dict) and "props" in item:
        yield item
        yield from _nodes(item["props"].get("children"))


def _text(component: Any) -> str:
    out = []
    for node in _nodes(component):
        kids = node["props"].get("children")
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, (str, int, float)):
                out.append(str(kid))
    return "\n".join(out)


def _by_class(component: Any, name: str) -> list[dict[str, Any]]:
    return [n for n in _nodes(component) if name in str(n["props"].get("className") or "").split()]


def _hrefs(component: Any) -> list[str]:
    return [n["props"]["href"] for n in _nodes(component) if n["props"].get("href")]


def _panel(gate: Any, label: str, key: str, runner: Runner, lang: str = "ko") -> Any:
    from pages.components import details

    eid = runner.read_value(f"MATCH (n:{label}) WHERE n[$prop] = $key RETURN elementId(n)",
                            {"prop": {"Person": "person_id", "Household": "household_id"}[label], "key": key},
                            name="test.eid")
    state = gate.seal({"root": eid, "nodes": {eid: {"data": {"id": eid, "type": label, "key": key, "label": "x"}}},
                       "edges": {}, "positions": {}, "more": {}})
    return details.details_panel(lang, gate, state, eid)


VERY_HIGH = """
MATCH (p:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF]->(ra:RiskAssessment)
WHERE EXISTS { (p)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'victim'}]->(:Call) }
WITH p, ra ORDER BY ra.date DESC, ra.assessment_id DESC
WITH p, collect(ra)[0] AS latest WHERE latest.grade = '매우높음'
RETURN p.person_id AS person_id, latest.date AS date ORDER BY p.person_id LIMIT 1
"""
# A victim of a council case graded 매우높음 by the council (the "2 (낮음)" victim).
COUNCIL_VERY_HIGH = """
MATCH (p:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF {role: 'victim'}]->(k:CouncilCase {risk_level: '매우높음'})
WHERE EXISTS { (p)-[:MEMBER_OF]->(:Household) }
RETURN p.person_id AS person_id, k.case_id AS case_id ORDER BY k.meeting_date DESC, k.case_id DESC LIMIT 1
"""


def test_a_very_high_grade_shows_beside_the_score_with_both_reasons(pages_runner: Runner) -> None:
    from queries.gate import Gate

    row = pages_runner.read(VERY_HIGH, name="test.very_high").rows[0]
    score = data.risk_scores([row["person_id"]])[row["person_id"]]
    panel = _panel(Gate(User("t_analyst", "analyst"), "사례관리"), "Person", row["person_id"], pages_runner)
    [grade] = _by_class(panel, "risk-grade")
    [points] = _by_class(panel, "risk-score")
    assert "매우높음" in _text(grade) and row["date"].isoformat() in _text(grade)
    assert f"{score.score}점 · {score.level}" in _text(points)
    for ko, _en, p in score.reasons:
        assert f"+{p} {ko}" in _text(points)
    assert any(ko.startswith("체크리스트 위험등급 매우높음") for ko, _, _ in score.reasons)
    assert "두 값은 다를 수 있습니다" in _text(panel)
    english = _panel(Gate(User("t_analyst", "analyst"), "사례관리"), "Person", row["person_id"], pages_runner, "en")
    assert "Very high" in _text(_by_class(english, "risk-grade")[0])
    assert "checklist grade very high" in _text(_by_class(english, "risk-score")[0])


def test_the_council_grade_is_explained_next_to_a_low_score_on_every_page(pages_runner: Runner) -> None:
    from flask import session

    from auth.testing import shared_app
    from pages import case, person
    from queries.gate import Gate

    row = pages_runner.read(COUNCIL_VERY_HIGH, name="test.council_very_high").rows[0]
    pid, case_id = row["person_id"], row["case_id"]
    gate = Gate(User("t_analyst", "analyst"), "사례관리")
    page = person.build_person("ko", gate, pid)
    assert f"협의회 안건 위험등급: 매우높음 (안건 {case_id}" in _text(_by_class(page, "risk-grade")[0])
    score = data.risk_scores([pid]).get(pid)
    expected = f"{score.score}점 · {score.level}" if score else "점수 없음"
    assert expected in _text(_by_class(page, "risk-score")[0])
    with shared_app().server.test_request_context(f"/case/{case_id}"):
        session["jss_user"] = {"username": "t_council", "role": "council", "display_name": ""}
        council_case = case.build_case_page("ko", case_id)
    blocks = _by_class(council_case, "risk-explained")
    assert blocks and any("협의회 안건 위험등급: 매우높음" in _text(b) for b in blocks)
    assert any(expected in _text(b) for b in blocks)


def test_council_and_agency_are_offered_no_person_page(pages_runner: Runner) -> None:
    from queries.gate import Gate

    row = pages_runner.read(COUNCIL_VERY_HIGH, name="test.council_person").rows[0]
    council = _panel(Gate(User("t_council", "council"), "실무협의회 준비"), "Person", row["person_id"], pages_runner)
    assert not [h for h in _hrefs(council) if h.startswith("/person/")]
    assert [h for h in _hrefs(council) if h.startswith("/household/")], "the household it may open is offered"
    assert _by_class(council, "risk-explained"), "the council sees the risk of an agenda person"
    analyst = _panel(Gate(User("t_analyst", "analyst"), "사례관리"), "Person", row["person_id"], pages_runner)
    assert f"/person/{row['person_id']}" in _hrefs(analyst)
    # An agency worker, on a person its agency served
    served = pages_runner.read("MATCH (a:Agency)<-[:BY_AGENCY]-(s:Service)<-[:SUBJECT_OF]-(:PersonRecord)"
                               "-[:RESOLVES_TO]->(p:Person)-[:MEMBER_OF]->(:Household) "
                               "RETURN a.agency_id AS agency_id, p.person_id AS person_id ORDER BY p.person_id LIMIT 1",
                               name="test.served").rows[0]
    agency = Gate(User("t_agency", "agency", agency_id=served["agency_id"]), "사례관리")
    panel = _panel(agency, "Person", served["person_id"], pages_runner)
    assert "인물" in _text(panel) and not [h for h in _hrefs(panel) if h.startswith("/person/")]


def test_the_risk_of_a_person_outside_the_scope_is_not_read(pages_runner: Runner) -> None:
    from queries.gate import Gate

    outside = pages_runner.read_value(
        "MATCH (p:Person)-[:MEMBER_OF]->(h:Household) WHERE NOT EXISTS { (h)<-[:MEMBER_OF]-(:Person)"
        "<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF]->(:CouncilCase) } "
        "AND p.victim_call_count >= 1 RETURN p.person_id ORDER BY p.person_id LIMIT 1", name="test.outside")
    assert Gate(User("t_council", "council"), "실무협의회 준비").person_risk(outside) is None
    assert Gate(User("t_analyst", "analyst"), "사례관리").person_risk(outside)["score"] is not None


def test_details_panel_fields_are_readable(pages_runner: Runner) -> None:
    from queries.gate import Gate

    pid = pages_runner.read_value("MATCH (p:Person) WHERE size(p.victim_call_ids) >= 2 AND p.resolved_at IS NOT NULL "
                                  "AND EXISTS { (p)-[:MEMBER_OF]->() } RETURN p.person_id ORDER BY p.person_id LIMIT 1",
                                  name="test.repeat_victim")
    gate = Gate(User("t_analyst", "analyst"), "사례관리")
    text = _text(_panel(gate, "Person", pid, pages_runner))
    for internal in ("victim_call_ids", "resolved_at", "birth_date", "fellegi-sunter", "call_persons:", "+00:00", "['"):
        assert internal not in text, internal
    assert re.search(r"동일인 판단 시각\n\d{4}-\d\d-\d\d \d\d:\d\d", text)
    assert re.search(r"생년월일\n\d{4}-\d\d-\d\d", text)
    assert re.search(r"자동 연결 · 일치 점수 \d+\.\d \(기준 \d+\.\d\)|기관 내부관리번호 일치|다른 기록과 연결되지 않음", text)
    hid = pages_runner.read_value("MATCH (h:Household) WHERE h.contact_agency_count >= 2 RETURN h.household_id "
                                  "ORDER BY h.household_id LIMIT 1", name="test.hh")
    hh = _text(_panel(gate, "Household", hid, pages_runner))
    assert "접촉 기관" in hh and "contact_agency_ids" not in hh and not re.search(r"[A-Z]{1,3}-JJ-\d\d", hh), hh


def test_review_evidence_is_a_per_field_table_whose_weights_add_up(pages_runner: Runner) -> None:
    from flask import session

    from auth.testing import shared_app
    from pages import review
    from pages.components import evidence
    from queries.gate import Gate

    gate = Gate(User("t_analyst", "analyst"), "동일인 검토")
    pairs = gate.review_pending(20)
    assert pairs, "the jeju preset has grey-zone pairs"
    for p in pairs:
        rows = evidence.evidence_rows(p["evidence"], p["a"], p["b"], "ko")
        assert len(rows) >= 5 and all(r["class"] in ("exact", "close", "different", "missing") for r in rows)
        assert evidence.total(rows) == pytest.approx(p["score"], abs=0.01 * len(rows))
    thresholds = gate.resolution_thresholds()
    assert 8.0 <= thresholds["review"] < thresholds["match"] and thresholds["match"] >= 12.0
    with shared_app().server.test_request_context("/review"):
        session["jss_user"] = {"username": "t_analyst", "role": "analyst", "display_name": ""}
        session["jss_purpose"] = {"reason": "사례관리", "text": "", "at": "2026-01-01T00:00:00+00:00"}
        page = review.pair_list("ko")
    tables = _by_class(page, "evidence")
    assert len(tables) == len(pairs)
    text = _text(page)
    for internal in ("record_id", "birth_raw", "call_persons:", '{"', "fellegi"):
        assert internal not in text, internal
    assert "가중치" in text and "자동 연결 기준" in text and "112 신고 인물" in text
    # each compared field with its level's m and u in the run's model (the latest ResolutionRun)
    levels = gate.resolution_levels()
    assert levels["name"]["exact"][1] is None and 0 < levels["birth"]["differ"][0] < 0.1
    assert "같은 사람" in text and "다른 사람" in text
    shown = [float(n["props"]["children"]) for n in _by_class(page, "ev-total")]
    assert shown == pytest.approx([p["score"] for p in pairs], abs=0.1)


def test_person_page_reads_as_words(pages_runner: Runner) -> None:
    from pages import person
    from queries.gate import Gate

    row = pages_runner.read(VERY_HIGH, name="test.very_high").rows[0]
    page = person.build_person("ko", Gate(User("t_analyst", "analyst"), "사례관리"), row["person_id"])
    table = next(n for n in _nodes(page) if n["type"] == "DataTable")
    columns = [c["id"] for c in table["props"]["columns"]]
    assert "record_id" not in columns and "extra" in columns
    kinds = {r["kind"] for r in table["props"]["data"]}
    assert "위험성 평가" in kinds and not kinds & {"risk_assessment", "call", "service"}
    assert not {r["role"] for r in table["props"]["data"]} & {"victim", "suspect", "spouse", "stranger"}
    assert _by_class(page, "risk-explained")
