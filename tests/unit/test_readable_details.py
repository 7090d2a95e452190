"""Human labels for the details panel, review evidence and risk explained (pure functions)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from pages.components import evidence, readable
from pages.components.risk import differ_note, grade_lines, score_lines
from queries.risk import RiskScore


def test_dates_as_dates_and_date_times_in_korean_time() -> None:
    assert readable.date_text(date(1957, 3, 22)) == "1957-03-22"
    assert readable.date_text(datetime(2022, 8, 11, 18, 24)) == "2022-08-11"
    assert readable.date_text(1985) == "1985"          # a masked birth date is its year
    assert readable.date_text(None) == ""
    # resolution's UTC stamp: 20:21 UTC is 05:21 the next day in Seoul
    assert readable.datetime_text("2026-12-07T20:21:29+00:00") == "2026-12-08 05:21"
    assert readable.date_text("2026-12-07T20:21:29+00:00") == "2026-12-08"
    assert readable.datetime_text(datetime(2024, 1, 1, 0, 30, tzinfo=UTC)) == "2024-01-01 09:30"
    # a call's local time stays as recorded
    assert readable.datetime_text(datetime(2022, 8, 11, 18, 24, 59)) == "2022-08-11 18:24"
    assert readable.datetime_text("not a date") == "not a date"


def test_codes_in_the_users_language() -> None:
    assert readable.code_text("weapon", True, "ko") == "예"
    assert readable.code_text("weapon", False, "en") == "No"
    assert readable.code_text("sex", "F", "ko") == "여"
    assert readable.code_text("sex", "M", "en") == "Male"
    assert readable.code_text("grade", "매우높음", "en") == "Very high"
    assert readable.code_text("exposure", "both", "ko") == "목격·가구 내 신고"
    assert readable.code_text("category", "가정폭력", "en") == "Domestic violence"
    assert readable.code_text("priority", "C0", "ko") == "C0 (최긴급)"
    assert readable.code_text("name", "기타", "en") == "기타"
    assert readable.code_text("category", "가정폭력", "ko") == "가정폭력"
    assert readable.tally_text("measure_fields", ["법률", "법률", "심리상담"], "ko") == "법률 2, 심리상담 1"
    assert readable.tally_text("suspect_relations", ["배우자", "전연인"], "ko") == "배우자, 전연인"


PERSON = {"person_id": "P-000bb995403d", "name": "임경숙", "birth_date": date(1957, 3, 22), "birth_year": 1957,
          "sex": "F", "phone": "01089952298", "record_count": 3, "victim_call_count": 2,
          "victim_call_ids": ["112-20220811-0011364", "112-20230101-0000001"],
          "victim_call_at": [datetime(2022, 8, 11, 18, 24)], "resolved_at": "2026-12-07T08:21:29+00:00",
          "suspect_call_ids": ["112-1"], "name_norm": "임경숙"}


def test_person_fields_by_label_in_reading_order_without_internal_lists() -> None:
    rows = readable.field_rows("Person", PERSON, "ko", {}, "person_id")
    labels = [k for k, _ in rows]
    assert labels[:4] == ["성명", "생년월일", "성별", "연락처"]
    assert dict(rows)["생년월일"] == "1957-03-22" and dict(rows)["성별"] == "여"
    assert dict(rows)["피해자로 신고된 횟수"] == "2건" and dict(rows)["가해자로 신고된 횟수"] == "1건"
    assert dict(rows)["동일인 판단 시각"] == "2026-12-07 17:21"
    assert rows[-1] == ("ID", "P-000bb995403d")
    text = " ".join(f"{k} {v}" for k, v in rows)
    for internal in ("victim_call_ids", "112-20220811", "[", "name_norm", "출생연도", "T08:21", "+00:00"):
        assert internal not in text
    english = dict(readable.field_rows("Person", PERSON, "en", {}, "person_id"))
    assert english["Sex"] == "Female" and english["Resolved at"] == "2026-12-07 17:21"


def test_agencies_by_name_and_lists_as_counts() -> None:
    names = {"SC-JJ-01": "제주해바라기센터", "YS-JJ-01": "제주청소년쉼터"}
    case = {"case_id": "JSS-2023-0001", "meeting_date": date(2023, 2, 2), "risk_level": "보통",
            "submitted_by": "SC-JJ-01", "attending": ["SC-JJ-01", "YS-JJ-01", "MC-JJ-01"],
            "measure_fields": ["동행지원", "동행지원", "법률"], "non_police_submission": True, "attending_agencies": 3}
    rows = dict(readable.field_rows("CouncilCase", case, "ko", names, "case_id"))
    assert rows["제출기관"] == "제주해바라기센터"
    assert rows["참석기관"] == "제주해바라기센터, 제주청소년쉼터, MC-JJ-01 (3곳)"
    assert rows["지원 분야"] == "동행지원 2, 법률 1" and rows["경찰 외 기관 제출"] == "예"
    assert rows["회의일"] == "2023-02-02" and "attending_agencies" not in repr(rows)
    many = readable.agency_text([f"A{i}" for i in range(8)], {}, "ko")
    assert many == "A0, A1, A2, A3, A4 외 3곳"
    hh = dict(readable.field_rows("Household", {"household_id": "H-1", "members": ["P1", "P2"],
                                               "contact_call_ids": ["c1", "c2", "c3"], "on_council_agenda": False},
                                  "en", {}, "household_id"))
    assert hh == {"Members": "2", "On the council's agenda": "No", "Calls": "3", "ID": "H-1"}
    assert readable.agency_ids("Service", {"agency_id": "A", "referred_by": "B"}) == ["A", "B"]


def test_source_records_readable() -> None:
    assert readable.record_ref("call_persons:112-20220811-0011364:ab12cd34ef56", "ko") == "신고 112-20220811-0011364"
    assert readable.record_ref("council_cases:JSS-2023-0001:offender", "ko") == "안건 JSS-2023-0001 가해자"
    assert readable.record_ref("services:LA-JJ-02/2022-00130", "ko", {"LA-JJ-02": "법률구조공단"}) == \
        "지원 2022-00130 (법률구조공단)"
    assert readable.record_ref("police_measures:M1", "en") == "measure M1"
    assert readable.record_agency("services:LA-JJ-02/2022-00130") == "LA-JJ-02"
    assert readable.record_agency("police_measures:M1") is None
    assert readable.source_text("risk_assessments", "ko") == "위험성 평가 대상자"
    text, tip = readable.method_text("fellegi-sunter", 28.214, {"match": 12.26, "review": 8.26}, "ko")
    assert text == "자동 연결 · 일치 점수 28.2 (기준 12.3)"
    assert "Fellegi–Sunter" in tip and "12.3 이상" in tip and "8.3–12.3" in tip
    assert readable.method_text(None, 0.0, {}, "en")[0] == "Not linked to another record"
    assert readable.provenance_text({"source_file": "calls.csv", "source_row": 12, "load_id": "load-2",
                                     "first_load_id": "load-1"}, "ko") == "calls.csv 12행 · 적재 load-2 (처음 적재 load-1)"


A = {"record_id": "call_persons:C1:aa", "source": "call_persons", "name": "김영희", "birth_date": date(1985, 3, 2),
     "birth_raw": "85.3.2", "sex": "F", "phone": "01012345678", "address": "제주시 연삼로 1"}
B = {"record_id": "call_persons:C1:bb", "source": "call_persons", "name": "김영히", "birth_date": date(1985, 2, 3),
     "birth_raw": "1985-02-03", "sex": "F", "phone": None, "address": "제주시 연삼로 1"}
STORED = {"name": ["typo", 5.91], "birth": ["swap", 3.12], "sex": ["agree", 0.97], "address": ["exact", 13.01],
          "context": ["same", 7.0]}


def test_evidence_as_a_per_field_table_whose_weights_add_up() -> None:
    rows = evidence.evidence_rows(STORED, A, B, "ko")
    by = {r["comparison"]: r for r in rows}
    assert [r["comparison"] for r in rows] == ["name", "birth", "sex", "phone", "address", "context"]
    assert (by["name"]["a"], by["name"]["b"], by["name"]["class"]) == ("김영희", "김영히", "close")
    assert by["name"]["level"] == "비슷함 · 자모 한 개 차이"
    assert by["birth"]["a"] == "1985-03-02 (85.3.2)" and by["birth"]["b"] == "1985-02-03"
    assert by["birth"]["level"] == "비슷함 · 월·일이 바뀜"
    assert (by["phone"]["class"], by["phone"]["weight"]) == ("missing", 0.0)
    assert by["address"]["level"] == "일치" and by["context"]["a"] == "신고 C1"
    assert evidence.total(rows) == pytest.approx(5.91 + 3.12 + 0.97 + 13.01 + 7.0)
    assert evidence.weight_text(-5.03) == "-5.03" and evidence.weight_text(0.0) == "0"
    english = evidence.evidence_rows({"birth": ["differ", -5.03]}, A, B, "en")
    assert {r["comparison"]: r["level"] for r in english}["birth"] == "Different"


def test_older_evidence_form_and_odd_values() -> None:
    rows = evidence.evidence_rows({"name": 0.4, "birth": 0.0}, {"name": "김영희"}, {"name": "김영희"}, "ko")
    by = {r["comparison"]: r for r in rows}
    assert by["name"]["class"] == "exact" and by["name"]["weight"] == 0.4
    assert by["birth"]["class"] == "missing"
    assert evidence.parse("not json") == {} and evidence.parse({"name": ["exact"]}) == {}


def _score(score: int, level: str, reasons: list[tuple[str, str, int]], **kw: object) -> RiskScore:
    return RiskScore(person_id="P", name=None, household_id=None, score=score, level=level, reasons=reasons, **kw)


def test_risk_grade_and_score_side_by_side_with_reasons() -> None:
    info = {"assessment": {"grade": "매우높음", "date": date(2024, 3, 2), "agency_name": "제주해바라기센터",
                           "items_yes": 14, "items_answered": 28}, "assessments": 3,
            "council": {"case_id": "JSS-2024-0007", "meeting_date": date(2024, 4, 1), "risk_level": "매우높음"},
            "score": _score(2, "낮음", [("최근 12개월 신고 2건", "2 calls in the last 12 months", 2)]), "ready": True}
    assert grade_lines(info, "ko") == ["매우높음", "2024-03-02 · 제주해바라기센터", "'예' 응답 14/28개 문항",
                                       "평가 3건 중 가장 최근",
                                       "협의회 안건 위험등급: 매우높음 (안건 JSS-2024-0007, 2024-04-01 회의)"]
    assert score_lines(info["score"], True, "ko") == ("2점 · 낮음", ["+2 최근 12개월 신고 2건"])
    assert score_lines(info["score"], True, "en") == ("2 points · Low", ["+2 2 calls in the last 12 months"])
    stored = info["score"]
    stored.as_of = date(2026, 12, 7)             # a stored score says the day it was scored
    assert score_lines(stored, True, "ko")[0] == "2점 · 낮음 (2026-12-07 기준)"
    assert score_lines(stored, True, "en")[0] == "2 points · Low (as of 2026-12-07)"
    note = differ_note(info, "ko")
    assert "한 시점" in note and "등급은 높지만" in note
    calm = {**info, "score": _score(13, "매우높음", [("x", "x", 13)])}
    assert "등급은 높지만" not in differ_note(calm, "ko")


def test_risk_without_a_grade_or_a_score() -> None:
    assert grade_lines({"assessment": None, "council": None}, "en") == ["No risk assessment on record"]
    head, reasons = score_lines(None, True, "ko")
    assert head.startswith("점수 없음") and reasons == []
    assert score_lines(None, False, "en")[0].startswith("No risk scores yet")
    flagged = _score(9, "높음", [("a", "a", 9)], council_rule_calls=True)
    assert score_lines(flagged, True, "ko")[1][-1] == "협의회 기준 해당: 최근 12개월 신고 3건 이상"


def test_the_fitted_model_is_shown_beside_the_score_when_in_use() -> None:
    from pages.components.risk import model_lines, risk_view
    from queries.risk_model import ModelScore

    plain = _score(6, "보통", [("a", "a", 6)])
    assert model_lines(plain, "ko") is None
    model = ModelScore("risk-1", 0.234, 0.08, "보통", [("최근 90일 신고: 2건 (위험 2.3배)", "calls in the last 90 days: 2 "
                                                      "(odds ×2.3)", 0.83)], horizon_days=182)
    scored = _score(6, "보통", [("a", "a", 6)], model=model)
    assert model_lines(scored, "ko") == ("182일 안에 다시 신고될 가능성 23% · 보통",
                                         ["최근 90일 신고: 2건 (위험 2.3배)", "그중 중대 신고(흉기·상해·긴급) 가능성 8%"])
    assert model_lines(scored, "en")[0] == "23% chance of another call within 182 days · Medium"
    view = repr(risk_view({"assessment": None, "council": None, "score": scored, "ready": True}, "ko"))
    assert "risk-model" in view and "위험 2.3배" in view
    assert "risk-model" not in repr(risk_view({"assessment": None, "council": None, "score": plain, "ready": True}, "ko"))


def test_no_placeholder_is_left_in_the_texts() -> None:
    rows = evidence.evidence_rows(STORED, A, B, "en")
    text = repr(rows) + repr(readable.field_rows("Person", PERSON, "en", {}, "person_id"))
    assert not re.search(r"\{[a-z_]+\}|dt\.|rv\.", text)


def test_a_calls_location_is_not_a_field_of_the_details_panel() -> None:
    """The details panel shows where a call was by its address; the point (or the "(비공개)" a
    masked role gets for it) is left out, whatever form it comes in."""
    from neo4j.spatial import WGS84Point

    call = {"call_id": "112-1", "received_at": datetime(2023, 3, 2, 14, 5), "category": "가정폭력",
            "address": "제주시 이도이동", "location": WGS84Point((126.5312, 33.4996))}
    for location in (call["location"], "(비공개)", "126.5312, 33.4996"):
        rows = readable.field_rows("Call", {**call, "location": location}, "ko", {}, "call_id")
        text = " ".join(f"{k} {v}" for k, v in rows)
        assert "126.53" not in text and "비공개" not in text and "location" not in text
        assert "제주시 이도이동" in text
