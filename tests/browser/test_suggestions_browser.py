"""The council secretary's suggestions page in a real browser, on the hand-built graph
(tests/app_graph.py) with two suggestions: H1 from a suggestion run (김영희's third call in 12
months, escalation, a child witness) and H2 written through suggest.store (이순자, a new victim of
박철수). The secretary sees the ranked list in Korean, masked; a dismissal without a reason is
refused; dismissed with a reason, H2 leaves the list; accepted, H1 shows under 수용됨 and exports as
council_cases rows."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from apphelpers import PASSWORD, answer_purpose, login, shot

CLEAR = "MATCH (n) WHERE n:Suggestion OR n:SuggestionDecision OR n:SuggestionRun DETACH DELETE n"


def _suggest(runner) -> None:  # type: ignore[no-untyped-def]
    from suggest.rules import Reason, Thresholds
    from suggest.run import suggest, suggest_queries
    from suggest.store import merge

    runner.write(CLEAR, name="test.suggestions_clear")
    assert suggest(runner, Thresholds()).written == ["H1"]
    row, _ = merge(None, "H2", [Reason("serial", "P4", ["C4"], date(2023, 4, 1),
                                       {"offender_id": "P2", "victims": 2})], date(2023, 8, 1))
    q = suggest_queries()["write_suggestions"]
    runner.write(q.text, q.bind({"rows": [row], "run": "test-hand-made"}), name="test.write_suggestion")


@pytest.fixture()
def secretary(served, app_graph) -> Iterator:  # type: ignore[no-untyped-def]
    from auth.users import UserStore

    store = UserStore()
    if store.get("b_secretary") is None:
        store.add("b_secretary", "secretary", PASSWORD, display_name="테스트 secretary")
    _suggest(app_graph)
    login(served, "b_secretary", "/suggestions")
    yield served
    app_graph.write(CLEAR, name="test.suggestions_clear")   # the graph as the other tests expect it


def _card(dash_duo, household: str, css: str = ""):  # type: ignore[no-untyped-def]
    return dash_duo.find_element(f'.suggestion-card[data-household="{household}"] {css}'.strip())


def _households(dash_duo) -> list[str]:  # type: ignore[no-untyped-def]
    cards = dash_duo.driver.find_elements("css selector", ".suggestion-card")
    return [c.get_attribute("data-household") for c in cards]


def test_the_secretary_ranks_dismisses_accepts_and_exports(secretary) -> None:  # type: ignore[no-untyped-def]
    dash = secretary
    answer_purpose(dash, "suggestions")
    dash.wait_for_contains_text("#suggestions-open", "12개월 내 3번째 신고 (3건)", timeout=20)
    assert "오늘의 제안" in dash.find_element("#suggestions-tabs").text
    assert "분석 요약" not in dash.find_element("#suggestions-tabs").text    # the digest is for analysts
    assert _households(dash) == ["H1", "H2"]                                 # ranked by priority
    h1 = _card(dash, "H1").text
    assert "반복 신고" in h1 and "위험 상승" in h1 and "아동 노출" in h1 and "김*희" in h1
    assert "다수 피해자 가해자의 새 피해자 — 가해자 교육 프로그램 대상" in _card(dash, "H2").text
    assert "김영희" not in dash.find_element("#suggestions-list").text
    shot(dash, "suggestions-open")

    _card(dash, "H2", "button.secondary").click()                           # dismiss, no reason
    dash.wait_for_contains_text("#suggestions-status", "제외하려면 사유를 적어 주십시오", timeout=15)
    assert _households(dash) == ["H1", "H2"]
    _card(dash, "H2", "input[type=text]").send_keys("다른 기관이 이미 지원 중")
    _card(dash, "H2", "button.secondary").click()
    dash.wait_for_contains_text("#suggestions-status", "제외했습니다", timeout=15)
    deadline = time.time() + 15
    while time.time() < deadline and _households(dash) != ["H1"]:
        time.sleep(0.3)
    assert _households(dash) == ["H1"]

    _card(dash, "H1", "button:not(.secondary)").click()                      # accept
    dash.wait_for_contains_text("#suggestions-status", "수용했습니다", timeout=15)
    dash.wait_for_contains_text("#suggestions-list", "검토할 제안이 없습니다", timeout=15)

    dash.find_element("#suggestions-tab-accepted").click()
    dash.wait_for_element('#suggestions-accepted .suggestion-card[data-household="H1"]', timeout=15)
    assert _households(dash) == ["H1"]
    dash.find_element("#suggestions-export").click()
    dash.wait_for_contains_text("#suggestions-status", "1건을 내보냈습니다", timeout=15)
    path = Path(dash.download_path) / "council_cases-suggested.csv"
    deadline = time.time() + 15
    while time.time() < deadline and not path.exists():
        time.sleep(0.3)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == ("안건번호,회의일,회의차수,제출기관,사건유형,위험등급,피해자성명,피해자생년월일,가해자성명,"
                        "가해자생년월일,참석기관,상태")
    assert lines[1].startswith("P-H1,,,,가정폭력,") and "김*희,1985,박*수,1983" in lines[1]
    assert lines[1].endswith(",접수")
    shot(dash, "suggestions-accepted")


def test_the_analysts_digest_shows_runs_suggestions_and_the_people_a_resolution_merged_and_split(
        served, app_graph, app_users) -> None:  # type: ignore[no-untyped-def]
    import json

    _suggest(app_graph)
    app_graph.write("CREATE (:ResolutionRun {run_id: 'R-browser', run_at: datetime('2099-01-01T00:00:00Z'), "
                    "merged_count: 1, split_count: 1, merged: $merged, split: $split})",
                    {"merged": json.dumps([{"person_id": "P1", "from": ["P1", "P8"]}]),
                     "split": json.dumps([{"person_id": "P9", "into": ["P3", "P9"]}])}, name="test.resolution_run")
    try:
        login(served, app_users["analyst"], "/suggestions")
        answer_purpose(served, "suggestions")
        # The tabs are drawn again once the purpose is answered: click when the open list is there.
        served.wait_for_contains_text("#suggestions-open", "12개월 내 3번째 신고", timeout=20)
        served.wait_for_element("#suggestions-tab-digest", timeout=20).click()
        served.wait_for_contains_text("#suggestions-digest-people-counts", "합쳐진 사람 1명 · 나뉜 사람 1명", timeout=20)
        assert "2099-01-01" in served.find_element("#suggestions-digest-people-counts").text
        links = served.driver.find_elements("css selector", "#suggestions-digest-merged a")
        assert [a.get_attribute("href").rsplit("/", 1)[-1] for a in links] == ["P1", "P1", "P8"]
        assert "P9 → P3 P9" in served.find_element("#suggestions-digest-split").text
        assert "H1" in served.find_element("#suggestions-digest-written").text
        shot(served, "suggestions-digest")
    finally:
        app_graph.write(CLEAR, name="test.suggestions_clear")
        app_graph.write("MATCH (r:ResolutionRun {run_id: 'R-browser'}) DELETE r", name="test.resolution_run_clear")
