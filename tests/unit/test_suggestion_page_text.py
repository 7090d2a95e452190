"""The suggestions page's pure parts: each rule's reason in words (Korean and English), the rules'
order, and an accepted suggestion as a `council_cases` row of the data contract."""

from __future__ import annotations

from datetime import date

import pytest

from pages.components.suggestiontext import (
    agency_ids,
    call_ids,
    ordered_reasons,
    reason_text,
    rule_label,
    rules_sorted,
    window_text,
)
from queries.suggestions import COUNCIL_CASES_HEADERS, council_case_row, reasons_of
from synth.contract import HEADERS


def _reason(rule: str, detail: dict, facts: list[str] | None = None, person: str | None = "P1",
            on: str = "2024-05-01") -> dict:
    return {"rule": rule, "person_id": person, "fact_ids": facts or ["C1"], "on": on, "detail": detail}


@pytest.mark.parametrize(("reason", "ko", "en"), [
    (_reason("marac", {"calls": 3, "days": 365}, ["C1", "C2", "C3"]),
     "12개월 내 3번째 신고 (3건)", "Call number 3 within 12 months (3 calls)"),
    (_reason("marac", {"calls": 4, "days": 180}, ["C1", "C2", "C3", "C4"]),
     "6개월 내 4번째 신고 (4건)", "Call number 4 within 6 months (4 calls)"),
    (_reason("marac", {"calls": 3, "days": 100}, ["C1", "C2", "C3"]),
     "100일 내 3번째 신고 (3건)", "Call number 3 within 100 days (3 calls)"),
    (_reason("escalation", {"kinds": ["severity", "weapon"], "from_severity": 2, "to_severity": 7}),
     "위험도 상승: 심각도 2→7, 흉기", "Escalating: severity 2→7, weapon"),
    (_reason("escalation", {"kinds": ["injury", "faster"], "gap_days": 20, "previous_gap_days": 60}),
     "위험도 상승: 상해, 신고 간격 60일→20일", "Escalating: injury, calls 60→20 days apart"),
    (_reason("child", {"calls": 2, "first_exposure": True, "witness": True}, ["C1", "C2"], "P3"),
     "아동 노출 (신고 현장 목격, 처음 노출, 신고 2건)", "Child exposed (witnessed a call, first exposure, 2 calls)"),
    (_reason("child", {}, ["C1"], "P3"), "아동 노출", "Child exposed"),
    (_reason("fragmented", {"agencies": 4, "agency_ids": ["A", "B", "C", "D"]},
             ["agency:A", "agency:B", "agency:C", "agency:D"], None),
     "기관 4곳 접촉, 협의회 미상정", "4 agencies in contact, not on the council's agenda"),
    (_reason("serial", {"offender_id": "P9", "victims": 3}),
     "다수 피해자 가해자의 새 피해자 — 가해자 교육 프로그램 대상 (가해자 P9, 피해자 3명)",
     "New victim of a serial offender — offender suggested for the re-education programme "
     "(offender P9, 3 victims)"),
    (_reason("risk", {"points": 12, "level": "매우높음"}), "위험 점수 12점 (매우높음)",
     "Risk score 12 points (Very high)"),
    (_reason("risk", {"points": 9}), "위험 점수 9점", "Risk score 9 points"),
    (_reason("newrule", {}), "기타 사유 (newrule)", "Other reason (newrule)"),
])
def test_each_reason_reads_as_a_sentence(reason: dict, ko: str, en: str) -> None:
    assert reason_text(reason, "ko") == ko
    assert reason_text(reason, "en") == en


def test_windows_rules_and_facts() -> None:
    assert [window_text(d, "ko") for d in (365, 730, 90, 45)] == ["12개월", "24개월", "3개월", "45일"]
    assert rules_sorted(["risk", "child", "marac", "zzz", "serial"]) == [
        "marac", "serial", "child", "risk", "zzz"]
    assert rule_label("fragmented", "ko") == "기관 분산" and rule_label("serial", "en") == "Serial offender"
    assert rule_label("zzz", "ko") == "zzz"
    r = _reason("fragmented", {}, ["agency:SC-JJ-01", "agency:P-JJ-01"], None)
    assert agency_ids(r) == ["SC-JJ-01", "P-JJ-01"] and call_ids(r) == []
    assert call_ids(_reason("marac", {}, ["C1", "agency:X"])) == ["C1"]
    reasons = [_reason("risk", {}, on="2024-05-03"), _reason("marac", {}, on="2024-05-01", person="P2"),
               _reason("marac", {}, on="2024-05-02", person="P1"), _reason("child", {}, person="P3")]
    assert [(r["rule"], r["person_id"]) for r in ordered_reasons(reasons)] == [
        ("marac", "P1"), ("marac", "P2"), ("child", "P3"), ("risk", "P1")]


def test_stored_reasons_are_parsed_and_bad_json_gives_none() -> None:
    assert reasons_of({"reasons": '[{"rule": "marac"}]'}) == [{"rule": "marac"}]
    assert reasons_of({"reasons": "not json"}) == [] and reasons_of({"reasons": None}) == []
    assert reasons_of({"reasons": '{"rule": "marac"}'}) == []


def test_the_export_headers_are_the_contracts() -> None:
    assert list(COUNCIL_CASES_HEADERS) == HEADERS["council_cases"]


def test_an_accepted_suggestion_as_a_council_cases_row() -> None:
    full = council_case_row({
        "household_id": "HH-000042", "victim_name": "김영희", "victim_birth": date(1985, 3, 2),
        "suspect_name": "박철수", "suspect_birth": date(1983, 7, 1), "case_type": "가정폭력", "risk_level": "높음",
        "agency_ids": ["P-JJ-01", "SC-JJ-01", None, "H-01"]})
    assert list(full) == list(COUNCIL_CASES_HEADERS)
    assert full == {"안건번호": "P-HH-000042", "회의일": "", "회의차수": "", "제출기관": "", "사건유형": "가정폭력",
                    "위험등급": "높음", "피해자성명": "김영희", "피해자생년월일": "1985-03-02", "가해자성명": "박철수",
                    "가해자생년월일": "1983-07-01", "참석기관": "P-JJ-01;SC-JJ-01;H-01", "상태": "접수"}
    # masked for the council's secretary (names masked, birth years only), no suspect, no contacts
    masked = council_case_row({"household_id": "H2", "victim_name": "이*자", "victim_birth": 1990,
                               "suspect_name": None, "suspect_birth": None, "case_type": None,
                               "risk_level": None, "agency_ids": []})
    assert masked["피해자성명"] == "이*자" and masked["피해자생년월일"] == "1990"
    assert masked["가해자성명"] == masked["가해자생년월일"] == masked["참석기관"] == masked["사건유형"] == ""
    assert masked["안건번호"] == "P-H2" and masked["상태"] == "접수"
